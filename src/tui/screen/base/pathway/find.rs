//! Finding text in a section of the pathway: `/` to type what to find
//! (found as it is typed, from where the reader is), `n` and `N` for the
//! next and previous place it is found.

use crossterm::event::KeyEvent;

use crate::tui::app::{App, Tab};
use crate::tui::keys::Action;
use crate::tui::update::{act, screen_context, type_into};

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
pub(super) fn search(app: &mut App, action: Action) {
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

/// A key typed while typing the text to find: find as you type, from
/// where the reader is, forwards.
pub(super) fn typed(app: &mut App, key: KeyEvent) {
    let Some(p) = app.pathway.as_mut() else {
        return;
    };
    if type_into(&mut p.search, key) {
        find(app, Action::NextMatch, true);
    }
}
