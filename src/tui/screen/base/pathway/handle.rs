//! What the keys of an open pathway do: moving between its sections,
//! scrolling a reading section, walking the steps and their exits, the
//! flow of the steps (the arrow keys move from step to step, Enter opens
//! the chosen step in the list with its detail, `v` or Esc goes back to
//! the list), and what acts on the whole pathway.

use ratatui::layout::Position;

use super::find::{search, search_keys};
use crate::tui::app::{App, StepFocus, Tab};
use crate::tui::keys::{Action, Context};
use crate::tui::message::Effect;
use crate::tui::update::{move_in, row_at};

/// Carries out `action` in `ctx`, one of the pathway's contexts.
pub(super) fn handle(app: &mut App, ctx: Context, action: Action) -> Option<Effect> {
    if matches!(ctx, Context::Pathway | Context::Steps)
        && let Some(effect) = whole_pathway(app, action)
    {
        return effect;
    }
    match ctx {
        Context::Filter => search(app, action),
        Context::Pathway => reading(app, action),
        Context::Steps if action == Action::Flow => toggle_flow(app),
        Context::Steps => steps(app, action),
        // The flow's own keys first; the rest move as in the list.
        Context::Flow if !in_flow(app, action) => steps(app, action),
        Context::Exits => exits(app, action),
        _ => {}
    }
    None
}

/// The keys that act on the whole pathway, from its sections or its
/// steps: its local version, its file in one's own editor, a merge's
/// conflicts, its versions, signing off, its problems, the meeting.
/// `None` when `action` is not one of them; else what the terminal is
/// to do.
fn whole_pathway(app: &mut App, action: Action) -> Option<Option<Effect>> {
    match action {
        Action::LocalChanges => crate::tui::sync::show_local_changes(app),
        Action::Rebase => crate::tui::sync::rebase(app),
        Action::ExternalEditor => return Some(crate::tui::editing::edit_file(app)),
        Action::Conflicts => crate::tui::conflicts::open(app),
        Action::ShowChanges => crate::tui::versions::unsaved(app),
        Action::History => crate::tui::versions::history(app),
        Action::Saves => crate::tui::versions::saves(app),
        Action::SignOff => crate::tui::signoff::sign(app),
        Action::Problems => crate::tui::screen::problems::open(app),
        Action::Meeting => crate::tui::screen::base::meeting::open(app),
        _ => return None,
    }
    Some(None)
}

fn switch_tab(app: &mut App, action: Action) -> bool {
    let Some(p) = app.pathway.as_mut() else {
        return false;
    };
    let n = Tab::ALL.len();
    let i = p.tab.index();
    p.tab = match action {
        Action::NextTab => Tab::ALL[(i + 1) % n],
        Action::PrevTab => Tab::ALL[(i + n - 1) % n],
        Action::Tab(t) if t < n => Tab::ALL[t],
        _ => return false,
    };
    p.focus = StepFocus::List;
    true
}

/// The reading tabs: overview, analyses, Monday morning, measures.
fn reading(app: &mut App, action: Action) {
    if switch_tab(app, action)
        || search_keys(app, action)
        || crate::tui::screen::base::meeting::on_measures(app, action)
    {
        return;
    }
    let (max, page) = {
        let a = &app.areas;
        (a.max_scroll, a.page)
    };
    if action == Action::Back {
        crate::tui::editing::leave(app, crate::tui::app::Pending::Library);
        return;
    }
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    let scroll = &mut p.scroll[p.tab.index()];
    *scroll = move_in(
        usize::from(*scroll),
        usize::from(max) + 1,
        usize::from(page),
        action,
    ) as u16;
}

fn steps(app: &mut App, action: Action) {
    if switch_tab(app, action) || search_keys(app, action) {
        return;
    }
    let (detail_max, page) = {
        let a = &app.areas;
        (a.detail_max_scroll, a.page)
    };
    let Some((pathway, _)) = app.open_pathway() else {
        return;
    };
    let count = pathway.steps.len();
    let exits = |i: usize| pathway.steps.get(i).map_or(0, |s| s.exits().count());
    let exits_here = exits(app.pathway.as_ref().map_or(0, |p| p.step));
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::Down | Action::Top | Action::Bottom => {
            p.step = move_in(p.step, count, 1, action);
            p.detail_scroll = 0;
        }
        Action::PageUp | Action::PageDown => {
            p.detail_scroll = move_in(
                usize::from(p.detail_scroll),
                usize::from(detail_max) + 1,
                usize::from(page),
                action,
            ) as u16;
        }
        Action::Open if exits_here > 0 => {
            p.focus = StepFocus::Exits;
            p.exit = 0;
        }
        Action::Open => {
            app.message = Some("This step is an end of the pathway: it leads nowhere else.".into())
        }
        Action::WalkBack => walk_back(app),
        Action::Back => crate::tui::editing::leave(app, crate::tui::app::Pending::Library),
        Action::AddItem => crate::tui::structure::start_add_step(app),
        Action::DeleteItem => crate::tui::structure::delete_step(app),
        Action::MoveItemUp => crate::tui::structure::move_step(app, true),
        Action::MoveItemDown => crate::tui::structure::move_step(app, false),
        _ => {}
    }
}

fn exits(app: &mut App, action: Action) {
    let Some((pathway, state)) = app.open_pathway() else {
        return;
    };
    let Some(step) = pathway.steps.get(state.step) else {
        return;
    };
    let count = step.exits().count();
    let target = step
        .exits()
        .nth(state.exit)
        .and_then(|e| pathway.step_index(e.target));
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Up | Action::Down => p.exit = move_in(p.exit, count, 1, action),
        Action::Back => p.focus = StepFocus::List,
        Action::Open => match target {
            Some(t) => follow(app, t),
            None => app.message = Some("That step does not exist in this pathway.".into()),
        },
        Action::WalkBack => walk_back(app),
        _ => {}
    }
}

/// Goes to step `to`, remembering where we came from.
fn follow(app: &mut App, to: usize) {
    let Some((pathway, _)) = app.open_pathway() else {
        return;
    };
    let has_exits = pathway
        .steps
        .get(to)
        .is_some_and(|s| s.exits().next().is_some());
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    p.trail.push(p.step);
    p.step = to;
    p.exit = 0;
    p.detail_scroll = 0;
    p.focus = if has_exits {
        StepFocus::Exits
    } else {
        StepFocus::List
    };
}

fn walk_back(app: &mut App) {
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match p.trail.pop() {
        Some(prev) => {
            p.step = prev;
            p.exit = 0;
            p.detail_scroll = 0;
            p.focus = StepFocus::List;
        }
        None => app.message = Some("This is where your walk through the steps began.".into()),
    }
}

/// `v` on the steps: the flow instead of the list, or the list again.
fn toggle_flow(app: &mut App) {
    if let Some(s) = app.pathway.as_mut() {
        s.flow = !s.flow;
        s.focus = StepFocus::List;
    }
}

/// Handles `action` in the flow; false when it is the steps section's to
/// handle (sections, editing, search).
fn in_flow(app: &mut App, action: Action) -> bool {
    let page = usize::from(app.areas.page).max(1) / 4;
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    let Some(s) = app.pathway.as_mut() else {
        return false;
    };
    match action {
        a if a.moves_in_list() => {
            s.step = move_in(s.step, count, page.max(1), action);
            s.detail_scroll = 0;
        }
        Action::Open => {
            s.flow = false;
            s.focus = StepFocus::List;
            s.detail_scroll = 0;
        }
        Action::Flow => toggle_flow(app),
        _ => return false,
    }
    true
}

/// A click on a section's tab, on an exit of the chosen step (which walks
/// on to it), or on a row of the list of steps; false when it fell on none.
pub(super) fn click(app: &mut App, at: Position) -> bool {
    let areas = app.areas.clone();
    if let Some((_, t)) = areas.tabs.iter().find(|(r, _)| r.contains(at)) {
        switch_tab(app, Action::Tab(*t));
        return true;
    }
    if let Some(i) = areas.exits.iter().position(|r| r.contains(at)) {
        if let Some(p) = app.pathway.as_mut() {
            p.focus = StepFocus::Exits;
            p.exit = i;
        }
        exits(app, Action::Open);
        return true;
    }
    let count = app.open_pathway().map_or(0, |(p, _)| p.steps.len());
    if let Some(row) = row_at(areas.steps, areas.steps_offset, at)
        && row < count
        && let Some(p) = app.pathway.as_mut()
    {
        p.step = row;
        p.focus = StepFocus::List;
        p.detail_scroll = 0;
        return true;
    }
    false
}
