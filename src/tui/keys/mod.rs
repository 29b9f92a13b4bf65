//! The key map. One table per screen lists every key, what it does and how
//! it is shown; the status bar shows the `hint` ones and `?` shows all, so a
//! key on screen is always a key that works.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod action;
pub mod common;
mod compare;
mod contexts;
mod form;
mod meeting;
mod pathway;

pub use action::{Action, Context};
pub use common::{BOTTOM, MOUSE, PAGE, SHOW_HELP, SUSPEND, TOP, UP_DOWN, global};
pub use compare::START_ANALYSIS;
pub use contexts::{base_table, bindings_as_built};
pub use form::{EDITING, UNDO_REDO_SAVE};
pub use meeting::{ASK, DECIDE, LEAD};

/// Undo, redo and save: the editing keys of the screens where a change is
/// made by a key rather than in a form.
pub fn undo_redo_save() -> Vec<Binding> {
    UNDO_REDO_SAVE.to_vec()
}

/// A key (or keys) and what they do.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written on screen.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
    /// The word shown after the keys in the status bar; empty for keys
    /// listed only in the help.
    pub hint: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Code(KeyCode),
    Char(char),
    Ctrl(char),
}

pub use Key::{Char, Code, Ctrl};

pub const fn b(
    keys: &'static [Key],
    label: &'static str,
    action: Action,
    help: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        help,
        hint,
    }
}

/// Every binding of a context, most specific first, with the keys the
/// user chose in `config.yaml` ([`super::user_keys`]).
pub fn bindings(ctx: Context) -> Vec<Binding> {
    let built = bindings_as_built(ctx);
    match super::user_keys::chosen() {
        Some(user) => user.apply(built),
        None => built,
    }
}

impl Key {
    fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Char(c) => !ctrl && ev.code == KeyCode::Char(c),
            Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Code(code) => !ctrl && ev.code == code,
        }
    }
}

/// The action `ev` means in `ctx`, if any.
pub fn action(ctx: Context, ev: &KeyEvent) -> Option<Action> {
    action_in(&bindings(ctx), ev)
}

/// The action `ev` means among `bindings`, if any.
pub fn action_in(bindings: &[Binding], ev: &KeyEvent) -> Option<Action> {
    for binding in bindings {
        if binding.keys.iter().any(|k| k.matches(ev)) {
            return Some(refine(binding.action, ev));
        }
    }
    None
}

/// Some bindings group opposite keys under one line of help; this picks the
/// action of the key that was pressed.
fn refine(action: Action, ev: &KeyEvent) -> Action {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match (action, ev.code) {
        (Action::Up, KeyCode::Down | KeyCode::Char('j')) => Action::Down,
        (Action::NextTab, KeyCode::BackTab) => Action::PrevTab,
        (Action::Left, KeyCode::Right) => Action::Right,
        (Action::PageUp, KeyCode::PageDown | KeyCode::Char(' ')) => Action::PageDown,
        (Action::PageUp, KeyCode::Char('f')) if ctrl => Action::PageDown,
        (Action::NextMatch, KeyCode::Char('N')) => Action::PrevMatch,
        (Action::LinkPartner(_), KeyCode::Char(c)) => {
            Action::LinkPartner(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
        }
        (Action::Fold, KeyCode::Left | KeyCode::Char('h')) => Action::Left,
        (Action::Tab(_), KeyCode::Char(c)) => {
            Action::Tab(c.to_digit(10).map_or(0, |d| d as usize).saturating_sub(1))
        }
        (other, _) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vim_keys_move() {
        for ctx in [Context::Library, Context::Pathway, Context::Steps] {
            assert_eq!(action(ctx, &key(KeyCode::Down)), Some(Action::Down));
            assert_eq!(action(ctx, &key(KeyCode::Char('j'))), Some(Action::Down));
            assert_eq!(action(ctx, &key(KeyCode::Char('k'))), Some(Action::Up));
            assert_eq!(action(ctx, &key(KeyCode::PageDown)), Some(Action::PageDown));
        }
    }

    #[test]
    fn typing_a_filter_is_not_taken_for_commands() {
        assert_eq!(action(Context::Filter, &key(KeyCode::Char('q'))), None);
        assert_eq!(action(Context::Filter, &key(KeyCode::Char('j'))), None);
        assert_eq!(
            action(Context::Filter, &key(KeyCode::Esc)),
            Some(Action::Back)
        );
    }

    #[test]
    fn digits_pick_a_section() {
        assert_eq!(
            action(Context::Pathway, &key(KeyCode::Char('3'))),
            Some(Action::Tab(2))
        );
    }

    #[test]
    fn ctrl_c_quits_and_ctrl_z_suspends() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(action(Context::Library, &ctrl('c')), Some(Action::Quit));
        assert_eq!(action(Context::Steps, &ctrl('z')), Some(Action::Suspend));
    }

    #[test]
    fn every_context_shows_help_and_a_way_out() {
        // Every context where keys are commands (not typed text).
        for ctx in [
            Context::Library,
            Context::Pathway,
            Context::Steps,
            Context::Exits,
            Context::Compare,
            Context::Matrix,
            Context::Picker,
            Context::Form,
            Context::Choice,
            Context::Confirm,
            Context::Problems,
            Context::Diff,
            Context::Commits,
            Context::Conflicts,
            Context::Recover,
            Context::Meeting,
            Context::Thread,
            Context::Chart,
            Context::FollowAsk,
            Context::Following,
        ] {
            let all = bindings(ctx);
            assert!(
                all.iter()
                    .any(|b| !b.hint.is_empty() && b.action == Action::Help),
                "{ctx:?}"
            );
            assert!(
                all.iter()
                    .any(|b| !b.hint.is_empty() && matches!(b.action, Action::Back | Action::Quit)),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_on_one_screen() {
        use strum::IntoEnumIterator;
        let mut twice = Vec::new();
        for ctx in Context::iter() {
            let all = bindings_as_built(ctx);
            for (n, b) in all.iter().enumerate() {
                for k in b.keys {
                    if let Some(first) = all[..n]
                        .iter()
                        .find(|o| o.keys.contains(k) && o.action != b.action)
                    {
                        twice.push(format!(
                            "{ctx:?}: {k:?} is {:?} and {:?}",
                            first.action, b.action
                        ));
                    }
                }
            }
        }
        assert!(twice.is_empty(), "{twice:#?}");
    }
}
