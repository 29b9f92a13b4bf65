//! Keys: the action a key means on the screen on top, and who carries it out.

use super::*;

pub(super) fn on_key(app: &mut App, key: KeyEvent) -> Option<Effect> {
    let ctx = context(app);
    let action = keys::action(ctx, &key);
    // The screen that takes the keys takes what is typed, or nobody does.
    if action.is_none() && crate::tui::screen::typed(app, ctx, key).is_some() {
        return None;
    }
    match action {
        Some(action) => act(app, ctx, action),
        // Asked to follow: every other key works as it did.
        None if ctx == Context::FollowAsk => {
            let under = screen_context(app);
            keys::action(under, &key).and_then(|action| act(app, under, action))
        }
        None => {
            crate::tui::screen::base::typed(app, ctx, key);
            None
        }
    }
}

/// Carries out `action` in `ctx`.
pub fn act(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    if crate::tui::screen::open(app, action) {
        return None;
    }
    match action {
        Action::Quit => {
            crate::tui::editing::leave(app, crate::tui::app::Pending::Quit);
            return None;
        }
        Action::Undo => {
            if !crate::tui::rejecting::undo(app) {
                crate::tui::editing::undo(app, false);
            }
            return None;
        }
        Action::Redo => {
            crate::tui::editing::undo(app, true);
            return None;
        }
        // The conflict screen's Ctrl-s writes the decisions first.
        Action::Save if !matches!(ctx, Context::Confirm | Context::Conflicts) => {
            crate::tui::editing::save(app);
            return None;
        }
        Action::Edit => {
            crate::tui::editing::open_form(app);
            return None;
        }
        Action::Sync => return crate::tui::sync::start(app),
        Action::LocalChanges if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::sync::show_local_changes(app);
            return None;
        }
        Action::Rebase if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::sync::rebase(app);
            return None;
        }
        Action::ExternalEditor if matches!(ctx, Context::Pathway | Context::Steps) => {
            return crate::tui::editing::edit_file(app);
        }
        Action::Conflicts if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::conflicts::open(app);
            return None;
        }
        Action::ShowChanges if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::versions::unsaved(app);
            return None;
        }
        Action::History if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::versions::history(app);
            return None;
        }
        Action::Saves if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::versions::saves(app);
            return None;
        }
        Action::SignOff if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::signoff::sign(app);
            return None;
        }
        Action::Problems if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::screen::problems::open(app);
            return None;
        }
        Action::StartAnalysis => {
            crate::tui::analyses::start_key(app);
            return None;
        }
        Action::RemoveAnalysis => {
            crate::tui::analyses::remove_key(app);
            return None;
        }
        Action::ToggleMouse => {
            app.mouse = !app.mouse;
            app.message = Some(if app.mouse {
                "Mouse on: wheel and click work; hold Shift to select text.".into()
            } else {
                "Mouse off: select text with the mouse to copy it; m turns the mouse back on."
                    .into()
            });
            return Some(Effect::SetMouse(app.mouse));
        }
        Action::Suspend => return Some(Effect::Suspend),
        Action::Meeting if matches!(ctx, Context::Pathway | Context::Steps) => {
            crate::tui::screen::base::meeting::open(app);
            return None;
        }
        Action::Lead => {
            crate::tui::follow::toggle_lead(app);
            return None;
        }
        Action::Ask => {
            crate::tui::minutes::ask(app);
            return None;
        }
        Action::Export if matches!(ctx, Context::Library | Context::Pathway | Context::Steps) => {
            let today = app.today;
            return crate::tui::export::what(app, ctx)
                .map(|source| Effect::Export { source, today });
        }
        _ => {}
    }
    if crate::tui::screen::handle(app, ctx, action, |app, under| {
        let effect = dispatch(app, under, action);
        app.outbox.extend(effect);
    }) {
        return None;
    }
    dispatch(app, ctx, action)
}

/// Carries out `action` on the base screen of `ctx`.
pub(super) fn dispatch(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    crate::tui::screen::base::handle(app, ctx, action)
}
