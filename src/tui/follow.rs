//! Following a facilitator through the meeting, over presence alone.
//!
//! A facilitator asks the others in the pathway to follow (`F`): their
//! presence file then says so (`leading`) and says where they look
//! (`view`, a short address). A session in the same pathway is asked on
//! screen, one key accepts, and from then on it moves its view to the
//! facilitator's each time presence is read (every 100 ms while
//! following), until it leaves with one key or the facilitator stops.
//!
//! What a follower takes from another member's file is a place to look in
//! the pathway it has open, never a command: an address is parsed here,
//! names only things the pathway has (tabs, steps, participants, rows,
//! agenda items, measures, questions) and moves no further than the view.
//! Nothing is written, no form opens, no other pathway is opened. Presence
//! files are owner-checked before they get here (`store::team::presence`).

use super::app::{App, CompareState, MeetingState, StepFocus, Tab};
use super::keys::{Action, Context};
use super::message::Effect;
use super::screen::chart::RunChart;
use super::screen::draft::{Draft, Purpose};
use super::screen::linking::Linking;
use super::screen::picker::Picker;
use super::screen::thread::Thread;
use crate::store::team::presence::Presence;

/// How often presence is read while following.
pub const POLL_MS: u64 = 100;

/// The longest address read from another's file; anything longer is not
/// one this build writes.
const MAX_VIEW: usize = 512;

/// How much of an agenda item's title an address carries.
const TITLE_CHARS: usize = 120;

/// Follow mode: whether this session leads, whom it follows, and whose
/// requests it turned down.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Follow {
    /// This session asks the others in its pathway to follow it.
    pub leading: bool,
    /// The facilitator this session follows.
    pub following: Option<Leader>,
    /// Requests turned down: not asked again while that session leads.
    pub declined: Vec<Leader>,
    /// The address last taken from the facilitator, so only moves move.
    pub applied: Option<String>,
    /// A fast read of presence is on its way.
    pub polling: bool,
    /// The facilitator's open form, in words, while this session follows
    /// and one is open: shown with whom it follows.
    pub viewing: Option<String>,
}

/// One running session of another member, as its presence names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leader {
    pub user: String,
    pub host: String,
    pub pid: u32,
    /// The name `people.yaml` gives the user.
    pub name: String,
}

impl Leader {
    fn of(p: &Presence) -> Leader {
        Leader {
            user: p.user.clone(),
            host: p.host.clone(),
            pid: p.pid,
            name: p.name.clone(),
        }
    }

    fn is(&self, p: &Presence) -> bool {
        self.user == p.user && self.host == p.host && self.pid == p.pid
    }
}

/// The open pathway's id.
fn pathway_id(app: &App) -> Option<String> {
    app.open_pathway().map(|(p, _)| p.id.clone())
}

/// The session asking this one to follow it, if any: another in the open
/// pathway that leads it, not yet turned down, not already followed.
pub fn asking(app: &App) -> Option<&Presence> {
    let id = pathway_id(app)?;
    if app.follow.following.is_some() || app.follow.leading {
        return None;
    }
    app.team.others.iter().find(|o| {
        o.leading.as_deref() == Some(id.as_str())
            && o.pathway.as_deref() == Some(id.as_str())
            && !app.follow.declined.iter().any(|d| d.is(o))
    })
}

/// The screens from which a request may be put: moving about, never
/// typing or deciding something, so that a request cannot take a key
/// meant for a form.
pub fn may_ask(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Pathway | Context::Steps | Context::Compare | Context::Matrix | Context::Meeting
    )
}

/// `F`: start or stop asking the others in the pathway to follow.
pub fn toggle_lead(app: &mut App) {
    if app.team.library.is_none() || app.team.me.is_none() {
        app.message = Some("Following needs a library others can open (a folder).".into());
        return;
    }
    app.follow.leading = !app.follow.leading;
    app.message = Some(if app.follow.leading {
        "You are leading: the others in this pathway are asked to follow your screen. F stops."
            .into()
    } else {
        "You no longer lead; those following are on their own again.".into()
    });
}

/// The keys of the request and of following.
pub fn act(app: &mut App, ctx: Context, action: Action) {
    match (ctx, action) {
        (Context::FollowAsk, Action::Follow) => accept(app),
        (Context::FollowAsk, Action::Back) => decline(app),
        (Context::Following, Action::Follow | Action::Back) => leave(app, None),
        _ => {}
    }
}

fn accept(app: &mut App) {
    let Some(leader) = asking(app).map(Leader::of) else {
        return;
    };
    let view = asking(app).and_then(|p| p.view.clone());
    app.message = Some(format!(
        "Following {}: your screen moves with theirs. f or Esc leaves.",
        crate::text::clean(&leader.name)
    ));
    app.follow.following = Some(leader);
    app.follow.applied = None;
    if let Some(view) = view {
        take(app, &view);
    }
}

fn decline(app: &mut App) {
    if let Some(leader) = asking(app).map(Leader::of) {
        app.follow.declined.push(leader);
    }
}

/// Stops following; `why` is said when it was not the user's choice.
pub fn leave(app: &mut App, why: Option<String>) {
    let Some(leader) = app.follow.following.take() else {
        return;
    };
    app.follow.applied = None;
    app.follow.viewing = None;
    // A form shown because the facilitator had it open is theirs to fill.
    app.stack.close::<Draft>();
    // Not asked again by the same session while it leads.
    app.follow.declined.push(leader.clone());
    app.message = Some(why.unwrap_or_else(|| {
        format!(
            "You left {}'s screen; you are on your own.",
            crate::text::clean(&leader.name)
        )
    }));
}

/// The line a follower sees at the foot of its screen: whom it follows,
/// what of theirs it is viewing, and the key that leaves.
pub fn banner(app: &App, leader: &Leader) -> String {
    let name = crate::text::clean(&leader.name);
    match &app.follow.viewing {
        Some(what) => format!(
            " Following {name} (f or Esc leaves) — viewing: {}. What they type shows once recorded. ",
            crate::text::clean(what)
        ),
        None => format!(" Following {name}'s screen: it moves with theirs. f or Esc leaves. "),
    }
}

/// Leading and following are within one pathway: back in the library,
/// this session leads and follows nobody.
pub fn tidy(app: &mut App) {
    if app.pathway.is_none() {
        app.follow.leading = false;
        app.follow.following = None;
    }
}

/// A fast read of presence, while following.
pub fn poll(app: &mut App) {
    if app.follow.following.is_none() || app.follow.polling {
        return;
    }
    let (Some(library), Some(me)) = (app.team.library.clone(), app.team.me.clone()) else {
        return;
    };
    app.follow.polling = true;
    app.outbox.push(Effect::LookAround {
        library,
        host: me.host,
        pid: me.pid,
        people: false,
    });
}

/// Presence was read: a follower moves with its facilitator, or stops
/// when the facilitator has stopped leading this pathway or gone.
pub fn others_read(app: &mut App) {
    app.follow.polling = false;
    let requests: Vec<Leader> = app
        .team
        .others
        .iter()
        .filter(|o| o.leading.is_some())
        .map(Leader::of)
        .collect();
    // A turned-down request is forgotten once that session stops leading.
    app.follow
        .declined
        .retain(|d| requests.iter().any(|r| r == d));
    let Some(leader) = app.follow.following.clone() else {
        return;
    };
    let id = pathway_id(app);
    let found = app
        .team
        .others
        .iter()
        .find(|o| leader.is(o))
        .filter(|o| id.is_some() && o.leading == id && o.pathway == id)
        .map(|o| o.view.clone());
    match found {
        None => leave(
            app,
            Some(format!(
                "{} stopped leading; you are on your own.",
                crate::text::clean(&leader.name)
            )),
        ),
        Some(Some(view)) if app.follow.applied.as_deref() != Some(view.as_str()) => {
            take(app, &view);
        }
        Some(_) => {}
    }
}

/// Moves the view to `view`, when it names a place in the open pathway.
fn take(app: &mut App, view: &str) {
    app.follow.applied = Some(view.to_string());
    if view.len() > MAX_VIEW {
        return;
    }
    app.stack.close::<Draft>();
    app.follow.viewing = None;
    if let Some(rest) = view.strip_prefix("form/") {
        let (form, beneath) = rest.split_once('/').unwrap_or((rest, ""));
        move_to(app, beneath);
        mirror_form(app, form);
        return;
    }
    move_to(app, view);
}

/// Opens, on this follower's screen, the form the facilitator has open
/// (`form`: its kind, and an action's id), over the place it was opened
/// from, which the follower has just moved to. Only the form is opened,
/// as it opens with nothing typed: what the facilitator types is not
/// published, and the follower's keys never reach it (they leave).
fn mirror_form(app: &mut App, form: &str) {
    let (kind, id) = form.split_once(':').unwrap_or((form, ""));
    let thread = app.stack.find::<Thread>().map(|t| t.question);
    let action = app
        .open_pathway()
        .and_then(|(p, _)| p.actions.iter().position(|a| a.id == id));
    let message = app.message.take();
    match kind {
        "decision" => super::minutes::decide(app),
        "question" => super::minutes::ask(app),
        "answer" => {
            if let Some(q) = thread {
                super::minutes::answer(app, q);
            }
        }
        "action" if id.is_empty() => super::minutes::action_form(app, None),
        "action" if action.is_some() => super::minutes::action_form(app, action),
        _ => return,
    }
    // What opening the form would have said to the facilitator is not
    // this follower's to hear.
    app.message = message;
    let draft = app.stack.find::<Draft>();
    let about = draft.and_then(|d| d.about.first().cloned()).or_else(|| {
        let (p, _) = app.open_pathway()?;
        p.actions.get(action?).map(|a| a.what.clone())
    });
    let what = match kind {
        "decision" => "recording a decision",
        "question" => "raising a question",
        "answer" => "answering a question",
        _ if id.is_empty() => "adding an action",
        _ => "changing an action",
    };
    app.follow.viewing = Some(match about {
        Some(about) => format!(
            "{what}: {}",
            about.chars().take(TITLE_CHARS).collect::<String>()
        ),
        None => what.to_string(),
    });
}

/// Moves the view to `view`, when it names a place in the open pathway.
fn move_to(app: &mut App, view: &str) {
    // The last part of a meeting address is an item's title, which may
    // hold slashes.
    let parts: Vec<&str> = if view.starts_with("meeting/") {
        view.splitn(3, '/').collect()
    } else {
        view.split('/').collect()
    };
    let agenda = super::meeting::agenda(app);
    let Some((p, _)) = app.open_pathway() else {
        return;
    };
    let step_index = |id: &str| p.steps.iter().position(|s| s.id == id);
    let participant = |id: &str| p.participants.iter().any(|x| x.id == id);
    let number = |s: &str| s.parse::<usize>().ok();
    let to = match parts.as_slice() {
        ["tab", t, scroll] => number(t)
            .and_then(|t| Tab::ALL.get(t).copied())
            .filter(|t| *t != Tab::Steps)
            .map(|t| Place::Tab(t, number(scroll).unwrap_or(0).min(u16::MAX as usize) as u16)),
        ["steps", id] => step_index(id).map(Place::Step),
        ["compare", a, b, row] if a != b && participant(a) && participant(b) => {
            number(row).map(|row| Place::Compare(a.to_string(), b.to_string(), row))
        }
        ["matrix", row] => number(row)
            .zip(crate::compare::default_pair(p))
            .map(|(row, (a, b))| Place::Matrix(a, b, row)),
        ["meeting", row] => number(row).map(Place::Meeting),
        // The facilitator's item by its title, where the two agendas
        // differ (one side's unsaved decision), else by its place.
        ["meeting", row, title] => agenda
            .iter()
            .position(|i| !title.is_empty() && i.title.starts_with(title))
            .or_else(|| number(row))
            .map(Place::Meeting),
        ["thread", id] => p
            .questions
            .iter()
            .position(|q| q.id == *id)
            .map(Place::Thread),
        ["chart", i] => number(i)
            .filter(|i| *i < p.measures.len())
            .map(Place::Chart),
        _ => None,
    };
    let Some(to) = to else {
        return;
    };
    let Some(s) = app.pathway.as_mut() else {
        return;
    };
    s.compare = None;
    s.meeting = None;
    app.stack.close::<RunChart>();
    app.stack.close::<Thread>();
    app.stack.close::<Picker>();
    app.stack.close::<Linking>();
    s.focus = StepFocus::List;
    match to {
        Place::Tab(tab, scroll) => {
            s.tab = tab;
            s.scroll[tab.index()] = scroll;
        }
        Place::Step(i) => {
            s.tab = Tab::Steps;
            s.step = i;
            s.detail_scroll = 0;
        }
        Place::Compare(a, b, row) => {
            s.compare = Some(CompareState {
                a,
                b,
                matrix: false,
                selected: row,
            });
        }
        Place::Matrix(a, b, row) => {
            s.compare = Some(CompareState {
                a,
                b,
                matrix: true,
                selected: row,
            });
        }
        Place::Meeting(row) => s.meeting = Some(MeetingState::at(row)),
        Place::Chart(i) => {
            s.meeting = Some(MeetingState::at(0));
            app.stack.push(RunChart { measure: i });
        }
        Place::Thread(i) => {
            s.meeting = Some(MeetingState::at(0));
            app.stack.push(Thread { question: i });
        }
    }
    // The row is kept within the list by the screen that shows it.
    super::screen::base::meeting::clamp(app);
}

enum Place {
    Tab(Tab, u16),
    Step(usize),
    Compare(String, String, usize),
    Matrix(String, String, usize),
    Meeting(usize),
    Chart(usize),
    Thread(usize),
}

/// Where this session looks, as an address for its followers.
pub fn view_of(app: &App) -> Option<String> {
    let (p, _) = app.open_pathway()?;
    let beneath = place_of(app)?;
    // A form open: which form, over which place; never what is typed in it.
    let form = match app.stack.find::<Draft>().map(|d| &d.purpose) {
        None => return Some(beneath),
        Some(Purpose::Decision { .. }) => "decision".to_string(),
        Some(Purpose::Question { .. }) => "question".to_string(),
        Some(Purpose::Answer(_)) => "answer".to_string(),
        Some(Purpose::Action(None)) => "action".to_string(),
        Some(Purpose::Action(Some(id))) if p.actions.iter().any(|a| &a.id == id) => {
            format!("action:{id}")
        }
        Some(Purpose::Action(Some(_))) => return Some(beneath),
    };
    Some(format!("form/{form}/{beneath}"))
}

/// Where this session looks beneath any form it has open.
fn place_of(app: &App) -> Option<String> {
    let (p, s) = app.open_pathway()?;
    if let Some(c) = &s.compare {
        return Some(if c.matrix {
            format!("matrix/{}", c.selected)
        } else {
            format!("compare/{}/{}/{}", c.a, c.b, c.selected)
        });
    }
    if let Some(chart) = app.stack.find::<RunChart>() {
        return Some(format!("chart/{}", chart.measure));
    }
    if let Some(m) = &s.meeting {
        let thread = app.stack.find::<Thread>();
        if let Some(q) = thread.and_then(|t| p.questions.get(t.question)) {
            return Some(format!("thread/{}", q.id));
        }
        let title: String = super::meeting::agenda(app)
            .get(m.selected)
            .map(|i| i.title.chars().take(TITLE_CHARS).collect())
            .unwrap_or_default();
        return Some(format!("meeting/{}/{title}", m.selected));
    }
    Some(match s.tab {
        Tab::Steps => format!("steps/{}", p.steps.get(s.step)?.id),
        tab => format!("tab/{}/{}", tab.index(), s.scroll[tab.index()]),
    })
}
