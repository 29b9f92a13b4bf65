//! `update` for presence: saying where this session is, and seeing who
//! else is in the library and where.

use super::app::{App, Tab, Where};
use super::message::Effect;
use crate::store::team::presence::{self, Presence};

/// Heartbeat every this many ticks (seconds) even when nobody moved.
const HEARTBEAT_TICKS: u64 = 5;

/// Where this session is now.
pub fn here(app: &App) -> Where {
    let Some((p, state)) = app.open_pathway() else {
        return Where {
            pathway: None,
            step: None,
            screen: "library",
            leading: None,
            view: None,
        };
    };
    let screen = super::screen::presence(app);
    let step = (state.tab == Tab::Steps)
        .then(|| p.steps.get(state.step).map(|s| s.id.clone()))
        .flatten();
    // Where this session looks is said only while it leads.
    let leading = app.follow.leading.then(|| p.id.clone());
    let view = leading.as_ref().and_then(|_| super::follow::view_of(app));
    Where {
        pathway: Some(p.id.clone()),
        step,
        screen,
        leading,
        view,
    }
}

/// Says where this session is, when it moved or its heartbeat is due, and
/// asks who else is here. Called every second and after each key; the
/// files are written and read by the worker, whose answers come back as
/// messages (`Announced`, `Others`, `People`).
pub fn refresh(app: &mut App, tick: bool) {
    let (Some(library), Some(me)) = (app.team.library.clone(), app.team.me.clone()) else {
        return;
    };
    let now_here = here(app);
    let due = match &app.team.announced {
        Some((was, at)) => *was != now_here || app.team.ticks >= at + HEARTBEAT_TICKS,
        None => true,
    };
    if due {
        let entry = Presence {
            name: app.team.people.display(&me.user),
            user: me.user.clone(),
            host: me.host.clone(),
            pid: me.pid,
            pathway: now_here.pathway.clone(),
            step: now_here.step.clone(),
            screen: now_here.screen.to_string(),
            leading: now_here.leading.clone(),
            view: now_here.view.clone(),
            // Stamped when it is written.
            heartbeat: chrono::DateTime::<chrono::Utc>::MIN_UTC,
        };
        app.outbox.push(Effect::Announce {
            library: library.clone(),
            entry: Box::new(entry),
        });
        app.team.announced = Some((now_here, app.team.ticks));
    }
    if tick {
        let people = app.team.ticks.is_multiple_of(PEOPLE_TICKS);
        app.outbox.push(Effect::LookAround {
            library,
            host: me.host,
            pid: me.pid,
            people,
        });
    }
}

/// The worker wrote (or could not write) this session's presence.
pub fn announced(app: &mut App, result: Result<(), String>) {
    match result {
        Ok(()) => app.team.problem = None,
        Err(e) => {
            // Said once, not every second.
            if app.team.problem.is_none() {
                app.message = Some(if e.contains("permission denied") {
                    "Others can't see you: no write access to .carepath (ask for it).".into()
                } else {
                    format!("Others can't see you: {e}")
                });
            }
            app.team.problem = Some(e);
        }
    }
}

/// `people.yaml` is read again every this many ticks, so someone added to
/// it during a workshop can sign off without starting again.
const PEOPLE_TICKS: u64 = 5;

/// Reads `people.yaml` now (at the start, before the screen).
pub fn reload_people(app: &mut App, library: &std::path::Path) {
    people_read(app, crate::store::team::people::People::load(library));
}

/// `people.yaml` as read; a problem with it is said once, and the last
/// good version stays in use.
pub fn people_read(app: &mut App, result: Result<crate::store::team::people::People, String>) {
    match result {
        Ok(people) => {
            app.team.people = people;
            app.team.people_problem = None;
        }
        Err(e) => {
            if app.team.people_problem.as_deref() != Some(e.as_str()) {
                app.message = Some(format!("people.yaml is not used: {e}"));
                app.team.people_problem = Some(e);
            }
        }
    }
}

/// This session leaves the library.
pub fn leave(app: &App) {
    if let (Some(library), Some(me)) = (&app.team.library, &app.team.me) {
        presence::leave(library, &me.host, me.pid);
    }
}

/// The others in the open pathway.
pub fn in_this_pathway(app: &App) -> Vec<&Presence> {
    let Some((p, _)) = app.open_pathway() else {
        return Vec::new();
    };
    app.team
        .others
        .iter()
        .filter(|o| o.pathway.as_deref() == Some(p.id.as_str()))
        .collect()
}

/// Short initials for a name, to mark a step in a narrow list: "Dr Anna
/// Smith" is "AS" (titles such as "Dr" are left out).
pub fn initials(name: &str) -> String {
    const TITLES: [&str; 6] = ["dr", "mr", "mrs", "ms", "miss", "prof"];
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .collect();
    let letters: String = match words.as_slice() {
        [] => String::new(),
        [one] => one.chars().take(2).collect(),
        [first, .., last] => first.chars().take(1).chain(last.chars().take(1)).collect(),
    };
    letters.to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_leave_out_titles() {
        assert_eq!(initials("Dr Anna Smith"), "AS");
        assert_eq!(initials("bjones"), "BJ");
        assert_eq!(initials("Prof. Mary Jane Okafor"), "MO");
        assert_eq!(initials(""), "");
    }
}
