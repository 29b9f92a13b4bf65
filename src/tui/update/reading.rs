//! Moving about an open pathway: tabs, scrolling, finding text, walking the steps.

use super::*;

/// Moves to the next (or previous) place the search text is found: a line
/// of a reading section, or a step. `here` counts the current place too.
pub(super) fn find(app: &mut App, action: Action, here: bool) {
    let matches = app.areas.match_lines.clone();
    let Some((pathway, state)) = app.open_pathway() else {
        return;
    };
    let needle = state.search.to_lowercase();
    if needle.is_empty() {
        return;
    }
    let forward = action != Action::PrevMatch;
    let found = if state.tab == Tab::Steps {
        let hit = |i: usize| {
            let s = &pathway.steps[i];
            s.title.to_lowercase().contains(&needle)
                || s.detail
                    .as_deref()
                    .is_some_and(|d| d.to_lowercase().contains(&needle))
                || s.red_flags
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
        };
        let n = pathway.steps.len();
        let skip = usize::from(!here);
        (skip..n + skip)
            .map(|k| {
                if forward {
                    (state.step + k) % n
                } else {
                    (state.step + n - k % n) % n
                }
            })
            .find(|&i| hit(i))
    } else {
        let at = usize::from(state.scroll[state.tab.index()]);
        let lines: Vec<usize> = matches.iter().map(|&l| usize::from(l)).collect();
        if forward {
            lines
                .iter()
                .copied()
                .find(|&l| l > at || (here && l == at))
                .or(lines.first().copied())
        } else {
            lines
                .iter()
                .copied()
                .rev()
                .find(|&l| l < at)
                .or(lines.last().copied())
        }
    };
    let search = state.search.clone();
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match found {
        Some(i) if p.tab == Tab::Steps => {
            p.step = i;
            p.detail_scroll = 0;
        }
        Some(line) => p.scroll[p.tab.index()] = line as u16,
        None => {
            app.message = Some(format!(
                "“{}” is not in this section.",
                crate::text::clean(&search)
            ))
        }
    }
}

/// Keys while typing a search inside a pathway.
pub(crate) fn search(app: &mut App, action: Action) {
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    match action {
        Action::Back => {
            p.searching = false;
            p.search.clear();
        }
        Action::Open => p.searching = false,
        Action::Up | Action::Down => {
            p.searching = false;
            let ctx = screen_context(app);
            act(app, ctx, action);
        }
        _ => {}
    }
}

/// `/`, `n` and `N` inside a pathway, and `c` to compare; true if
/// `action` was one of them.
pub(super) fn search_keys(app: &mut App, action: Action) -> bool {
    match action {
        Action::Compare => {
            crate::tui::compare::open(app);
            true
        }
        Action::Filter => {
            if let Some(p) = app.pathway.as_mut() {
                p.searching = true;
                p.search.clear();
            }
            true
        }
        Action::NextMatch | Action::PrevMatch => {
            find(app, action, false);
            true
        }
        _ => false,
    }
}

pub(super) fn switch_tab(app: &mut App, action: Action) -> bool {
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
pub(crate) fn reading(app: &mut App, action: Action) {
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

pub(crate) fn steps(app: &mut App, action: Action) {
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

pub(crate) fn exits(app: &mut App, action: Action) {
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
pub(super) fn follow(app: &mut App, to: usize) {
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

pub(super) fn walk_back(app: &mut App) {
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
