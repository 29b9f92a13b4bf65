//! The partners' meeting, through `update`: the agenda, and one session
//! following another's screen over presence.

use super::harness::{
    agenda_row, app_of, comparing, ctrl_at, document, examples_copy, find_screen, following,
    is_open, join, keys_at, leading, library_row, message, on_screen, press_at, screen_at, tab,
};
use carepath::store::library::source::Source;
use carepath::tui::app::App;
use carepath::tui::keys::Context;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use crossterm::event::KeyCode;

/// The agenda and its threads are read at a size wider than the smallest.
const SIZE: (u16, u16) = (100, 30);

fn render(app: &mut App) -> String {
    screen_at(app, SIZE)
}

fn keys(app: &mut App, s: &str) {
    keys_at(app, s, SIZE);
}

fn press(app: &mut App, code: KeyCode) {
    press_at(app, code, SIZE);
}

fn ctrl(app: &mut App, c: char) {
    ctrl_at(app, c, SIZE);
}

/// A copy of the example library.
fn library() -> tempfile::TempDir {
    examples_copy()
}

/// A session on `dir` from `host` (the user running the tests, so that
/// presence vouches for it), open on the discharge pathway.
fn session(dir: &std::path::Path, host: &str) -> App {
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.to_path_buf()),
    );
    let me = &carepath::store::team::identity::current().user;
    join(&mut app, dir, me, host, 7);
    render(&mut app);
    keys(&mut app, "\n");
    assert_eq!(document(&app).id, "discharge-to-care-home");
    app
}

/// The place on the agenda of the item titled `title`.
fn on_agenda(app: &App, title: &str) -> usize {
    carepath::tui::meeting::agenda(app)
        .iter()
        .position(|i| i.title == title)
        .unwrap_or_else(|| panic!("{title} is not on the agenda"))
}

fn selected(app: &App) -> Option<usize> {
    agenda_row(app)
}

#[test]
fn the_agenda_opens_with_one_key_and_each_item_opens_where_it_is_decided() {
    let dir = library();
    let mut app = session(dir.path(), "here");
    keys(&mut app, "O");
    assert_eq!(on_screen(&app), Context::Meeting);
    let screen = render(&mut app);
    assert!(screen.contains("Meeting · Discharge"), "{screen}");
    assert!(screen.contains("disagree"), "{screen}");
    // The first item is a disagreement: Enter opens the comparison at it,
    // Esc comes back to the agenda where it was.
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Matrix);
    keys(&mut app, "\x1b");
    assert_eq!(on_screen(&app), Context::Meeting);
    keys(&mut app, "\x1b");
    assert_eq!(on_screen(&app), Context::Pathway);
}

#[test]
fn a_follower_moves_with_the_facilitator_until_it_leaves() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "OF");
    assert!(leading(&lead));
    // The other session is asked on screen, and one key accepts.
    update(&mut other, Message::Tick(chrono::Utc::now()));
    assert_eq!(on_screen(&other), Context::FollowAsk);
    let screen = render(&mut other);
    assert!(
        screen.contains("asks you to follow their screen"),
        "{screen}"
    );
    keys(&mut other, "f");
    assert_eq!(on_screen(&other), Context::Following);
    assert_eq!(selected(&other), Some(0));

    // Each move of the facilitator's is taken at the next read.
    keys(&mut lead, "jj");
    update(&mut other, Message::FollowPoll);
    assert_eq!(selected(&other), Some(2));
    keys(&mut lead, "\n");
    update(&mut other, Message::FollowPoll);
    assert!(
        comparing(&other).is_some_and(|c| c.matrix),
        "the follower sees the comparison the facilitator opened"
    );
    let screen = render(&mut other);
    assert!(screen.contains("Following"), "{screen}");

    // The follower's own keys do not edit or move anything while it
    // follows; f leaves.
    keys(&mut other, "ij");
    assert!(!is_open::<carepath::tui::app::FormState>(&other));
    keys(&mut other, "f");
    assert!(!following(&other));
    keys(&mut lead, "\x1b");
    update(&mut other, Message::FollowPoll);
    update(&mut other, Message::Tick(chrono::Utc::now()));
    assert!(
        comparing(&other).is_some(),
        "after leaving, the facilitator's moves no longer move it"
    );
    assert_ne!(on_screen(&other), Context::FollowAsk, "not asked again");
}

#[test]
fn a_follower_stops_when_the_facilitator_stops_leading() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    assert!(following(&other));
    keys(&mut lead, "F");
    update(&mut other, Message::FollowPoll);
    assert!(!following(&other));
    assert!(
        message(&other).contains("stopped leading"),
        "{}",
        message(&other)
    );
}

#[test]
fn a_request_takes_no_key_meant_for_a_form() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut other, "i");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    assert_eq!(
        on_screen(&other),
        Context::Form,
        "typing is never interrupted"
    );
    keys(&mut other, "f");
    assert!(!following(&other));
}

#[test]
fn a_view_naming_nothing_in_the_pathway_moves_nothing() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    // Whatever a presence file says, only places in this pathway are
    // taken: here, a file of the facilitator's written by hand.
    for view in [
        "compare/nobody/hospital/3",
        "steps/no-such-step",
        "tab/9/0",
        "edit/title",
        "chart/99",
    ] {
        let mut p = lead_presence(&lead);
        p.view = Some(view.into());
        carepath::store::team::presence::announce(dir.path(), &p).unwrap();
        update(&mut other, Message::FollowPoll);
        assert!(
            comparing(&other).is_none() && !is_open::<carepath::tui::app::FormState>(&other),
            "{view}"
        );
        assert_eq!(tab(&other), carepath::tui::app::Tab::Overview, "{view}");
    }
}

fn lead_presence(app: &App) -> carepath::store::team::presence::Presence {
    let me = app.team.me.clone().unwrap();
    carepath::store::team::presence::Presence {
        user: me.user.clone(),
        name: me.user,
        host: me.host,
        pid: me.pid,
        pathway: Some("discharge-to-care-home".into()),
        step: None,
        screen: "overview".into(),
        heartbeat: chrono::Utc::now(),
        leading: Some("discharge-to-care-home".into()),
        view: None,
    }
}

/// Text typed into a field (every letter is text in a form).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn saved(app: &mut App, dir: &std::path::Path) -> String {
    ctrl(app, 's');
    let said = message(app);
    assert!(said.contains("Saved"), "{said}");
    std::fs::read_to_string(dir.join("discharge-to-care-home.yaml")).unwrap()
}

/// A session whose user speaks for the hospital (people.yaml).
fn hospital_session(dir: &std::path::Path, host: &str) -> App {
    let me = &carepath::store::team::identity::current().user;
    std::fs::write(
        dir.join("people.yaml"),
        format!("{me}:\n  name: Workshop Lead\n  role: Pathway lead\n  participant: hospital\n"),
    )
    .unwrap();

    session(dir, host)
}

#[test]
fn a_decision_on_a_disagreement_is_recorded_shown_and_leaves_the_agenda() {
    let dir = library();
    let mut app = hospital_session(dir.path(), "host-a");
    keys(&mut app, "O");
    let before = carepath::tui::meeting::agenda(&app);
    let first = before[0].title.clone();
    // d on the first disagreement opens the decision form there, with
    // this session's participant in the room.
    keys(&mut app, "d");
    assert_eq!(on_screen(&app), Context::Draft);
    let draft = draft_of(&app).unwrap();
    assert_eq!(draft.ticked(), vec!["hospital".to_string()]);
    assert_eq!(draft.get("date"), "2026-11-24");
    type_text(&mut app, "Pharmacy packs TTOs the day before discharge");
    press(&mut app, KeyCode::Down);
    type_text(&mut app, "Both sides lose the afternoon otherwise?");
    press(&mut app, KeyCode::Enter);
    assert!(draft_of(&app).is_none(), "{}", message(&app));
    // The comparison shows it, with who was there and who was not.
    let screen = render(&mut app);
    assert!(screen.contains("✔ Decided 2026-11-24"), "{screen}");
    assert!(screen.contains("present: "), "{screen}");
    assert!(screen.contains("taken without"), "{screen}");
    // It is off the agenda.
    keys(&mut app, "\x1b");
    let after = carepath::tui::meeting::agenda(&app);
    assert!(
        after.iter().all(|i| i.title != first),
        "{first} is still open"
    );
    // Saved through the edit engine: the file keeps its comments.
    let text = saved(&mut app, dir.path());
    assert!(text.starts_with("# Discharge from hospital to a care home"));
    assert!(text.contains("decisions:\n"), "{text}");
    assert!(text.contains("agreed: Pharmacy packs TTOs the day before discharge"));
    let p = carepath::store::read::load::load_file(&dir.path().join("discharge-to-care-home.yaml"))
        .unwrap();
    let d = p.decisions.last().unwrap();
    assert_eq!(d.agreed, "Pharmacy packs TTOs the day before discharge");
    assert_eq!(d.present, vec!["hospital".to_string()]);
    assert!(!d.points.is_empty());
}

#[test]
fn a_question_is_raised_answered_and_closed_by_its_asker() {
    let dir = library();
    let mut app = hospital_session(dir.path(), "host-a");
    keys(&mut app, "2jQ");
    assert_eq!(on_screen(&app), Context::Draft);
    type_text(&mut app, "Who rings the home? q and ? are text here");
    press(&mut app, KeyCode::Enter);
    let p = document(&app).clone();
    let q = p.questions.last().unwrap();
    assert_eq!(q.step.as_deref(), Some(p.steps[1].id.as_str()));
    assert_eq!(q.text, "Who rings the home? q and ? are text here");
    // On the agenda; Enter opens its thread, r answers, c closes.
    keys(&mut app, "O");
    let at = on_agenda(&app, "Who rings the home? q and ? are text here");
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Thread);
    // The answer's form comes over the thread: its help is the form's, and
    // Esc drops it back to the thread.
    keys(&mut app, "r");
    assert_eq!(on_screen(&app), Context::Draft);
    press(&mut app, KeyCode::F(1));
    let screen = render(&mut app);
    assert!(
        screen.contains("Keys on this screen (recording for the meeting)"),
        "{screen}"
    );
    keys(&mut app, "\x1b\x1b");
    assert_eq!(on_screen(&app), Context::Thread);
    keys(&mut app, "r");
    type_text(&mut app, "The ward nurse,");
    // Pasted text goes into the field, as one line.
    update(
        &mut app,
        Message::Paste(" before transport\nis booked".into()),
    );
    press(&mut app, KeyCode::Enter);
    let screen = render(&mut app);
    assert!(
        screen.contains("The ward nurse, before transport"),
        "{screen}"
    );
    keys(&mut app, "c");
    let screen = render(&mut app);
    assert!(screen.contains("Closed by"), "{screen}");
    let text = saved(&mut app, dir.path());
    assert!(text.contains("closed:"), "{text}");
    let p = carepath::store::read::load::load_file(&dir.path().join("discharge-to-care-home.yaml"))
        .unwrap();
    let q = p.questions.last().unwrap();
    assert!(q.closed.is_some());
    assert_eq!(q.answers.len(), 1);
}

#[test]
fn only_the_asker_or_the_lead_closes_a_question() {
    let dir = library();
    let mut app = session(dir.path(), "host-a");
    keys(&mut app, "Q");
    type_text(&mut app, "Is Friday discharge ever safe");
    press(&mut app, KeyCode::Enter);
    // Someone else asked it: this user is not its asker, nor the lead.
    let q = document(&app).questions.last().unwrap().clone();
    assert!(carepath::tui::minutes::may_close(&app, &q));
    let mut other = q.clone();
    other.by = "somebody-else".into();
    assert!(!carepath::tui::minutes::may_close(&app, &other));
}

#[test]
fn an_action_is_added_and_changed_and_overdue_ones_are_marked() {
    let dir = library();
    let mut app = hospital_session(dir.path(), "host-a");
    keys(&mut app, "Oa");
    assert_eq!(on_screen(&app), Context::Draft);
    type_text(&mut app, "Audit Friday discharges");
    // Owner: the next participant; due: a date already past.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    ctrl(&mut app, 'u');
    type_text(&mut app, "2026-11-01");
    press(&mut app, KeyCode::Enter);
    let p = document(&app).clone();
    let late_before = p.actions.iter().filter(|a| a.is_overdue(app.today)).count() - 1;
    let a = p.actions.last().unwrap();
    assert_eq!(a.what, "Audit Friday discharges", "{}", message(&app));
    assert_eq!(a.owner, p.participants[1].id);
    assert!(a.is_overdue(app.today));
    let screen = render(&mut app);
    assert!(
        screen.contains(&format!("{} overdue", late_before + 1)),
        "{screen}"
    );
    assert!(screen.contains("Audit Friday discharges"), "{screen}");
    // Enter opens it in its form; a change of status is one field set.
    let at = on_agenda(&app, "Audit Friday discharges");
    assert!(carepath::tui::meeting::agenda(&app)[at].late);
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Draft);
    for _ in 0..4 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    let p = document(&app).clone();
    assert_eq!(p.actions.last().unwrap().status.as_str(), "done");
    let text = saved(&mut app, dir.path());
    assert!(text.contains("status: done"), "{text}");
}

#[test]
fn a_bad_date_records_nothing_and_says_why() {
    let dir = library();
    let mut app = hospital_session(dir.path(), "host-a");
    keys(&mut app, "Oa");
    type_text(&mut app, "Something");
    for _ in 0..3 {
        press(&mut app, KeyCode::Down);
    }
    ctrl(&mut app, 'u');
    type_text(&mut app, "next week");
    press(&mut app, KeyCode::Enter);
    assert_eq!(on_screen(&app), Context::Draft);
    assert!(message(&app).contains("must be a date"));
}

#[test]
fn a_follower_sees_the_question_the_facilitator_opens() {
    let dir = library();
    let mut lead = hospital_session(dir.path(), "host-a");
    keys(&mut lead, "Q");
    type_text(&mut lead, "Who pays for the taxi");
    press(&mut lead, KeyCode::Enter);
    ctrl(&mut lead, 's');
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "OF");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    let at = on_agenda(&lead, "Who pays for the taxi");
    for _ in 0..at {
        keys(&mut lead, "j");
    }
    keys(&mut lead, "\n");
    update(&mut other, Message::FollowPoll);
    let screen = render(&mut other);
    assert!(screen.contains("Who pays for the taxi"), "{screen}");
    assert_eq!(on_screen(&other), Context::Following);
    // The facilitator answers it: the follower sees the answer form on
    // the same question, and the thread again once it is recorded.
    keys(&mut lead, "r");
    type_text(&mut lead, "The ward");
    update(&mut other, Message::FollowPoll);
    let mirrored = draft_of(&other).expect("the follower sees the answer form");
    assert_eq!(mirrored.about, vec!["Who pays for the taxi".to_string()]);
    assert!(render(&mut other).contains("viewing: answering a question: Who pays for the taxi"));
    press(&mut lead, KeyCode::Enter);
    update(&mut other, Message::FollowPoll);
    assert!(draft_of(&other).is_none());
    assert_eq!(on_screen(&other), Context::Following);
    ctrl(&mut lead, 's');
    // Back in the library, the facilitator leads nobody.
    keys(&mut lead, "\x1b\x1b\x1b");
    assert!(!leading(&lead));
    update(&mut other, Message::FollowPoll);
    assert!(!following(&other));
}

#[test]
fn a_follower_finds_the_facilitators_item_when_their_agendas_differ() {
    let dir = library();
    let mut lead = hospital_session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    // The facilitator decides the first item and has not saved: it is off
    // their agenda, still on the follower's.
    keys(&mut lead, "Od");
    type_text(&mut lead, "Agreed in the room");
    press(&mut lead, KeyCode::Enter);
    keys(&mut lead, "\x1bF");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    keys(&mut lead, "j");
    let title = carepath::tui::meeting::agenda(&lead)[1].title.clone();
    update(&mut other, Message::FollowPoll);
    let at = selected(&other).unwrap();
    assert_eq!(carepath::tui::meeting::agenda(&other)[at].title, title);
    assert_eq!(at, 2);
}

#[test]
fn a_saved_decision_reads_in_words_in_the_history() {
    let dir = library();
    let mut app = hospital_session(dir.path(), "host-a");
    keys(&mut app, "Od");
    type_text(&mut app, "Pharmacy packs TTOs the day before discharge");
    press(&mut app, KeyCode::Down);
    type_text(&mut app, "Both sides lose the afternoon otherwise");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "\x1b\x1b");
    saved(&mut app, dir.path());
    // H lists the saves, newest first; Enter shows what the save did.
    keys(&mut app, "H");
    assert_eq!(on_screen(&app), Context::Commits, "{}", message(&app));
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Diff, "{}", message(&app));
    let screen = render(&mut app);
    assert!(
        screen.contains("Agreed: Pharmacy packs TTOs the day before discharge (on 2026-11-24)"),
        "{screen}"
    );
    assert!(
        screen.contains("Why: Both sides lose the afternoon otherwise"),
        "{screen}"
    );
    let p = document(&app).clone();
    let hospital = p.participant_name("hospital").to_string();
    assert!(
        screen.contains(&format!("In the room: {hospital}")),
        "{screen}"
    );
    let absent: Vec<_> = p
        .participants
        .iter()
        .filter(|x| x.id != "hospital")
        .map(|x| x.name.clone())
        .collect();
    assert!(
        screen.contains(&format!("Absent: {}", absent.join(", "))),
        "{screen}"
    );
    assert!(screen.contains("Settles: "), "{screen}");
}

/// From the open pathway to the Big Room's, whose measures have a year of
/// values, on its Measures tab with the first measure that has values
/// chosen.
fn to_big_room_measures(app: &mut App) {
    keys(app, "\x1b");
    let at = library_row(app, "mental-health-crisis-big-room.yaml").expect("listed");
    for _ in 0..at {
        keys(app, "j");
    }
    keys(app, "\n5");
    let screen = render(app);
    assert!(screen.contains("Enter run chart"), "{screen}");
    let p = document(app).clone();
    let with_values = p
        .measures
        .iter()
        .position(|m| !m.values.is_empty())
        .expect("an example measure has values");
    for _ in 0..with_values {
        keys(app, "j");
    }
}

#[test]
fn the_measures_tab_opens_a_run_chart_and_esc_comes_back_to_it() {
    let dir = library();
    let mut app = session(dir.path(), "here");
    to_big_room_measures(&mut app);
    let screen = render(&mut app);
    assert!(screen.contains("latest: "), "{screen}");
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Chart);
    let screen = render(&mut app);
    assert!(screen.contains("What the chart says"), "{screen}");
    keys(&mut app, "\x1b");
    assert_eq!(on_screen(&app), Context::Pathway);
    assert_eq!(tab(&app), carepath::tui::app::Tab::Measures);
    assert!(agenda_row(&app).is_none());
}

fn draft_of(app: &App) -> Option<carepath::tui::screen::draft::Draft> {
    find_screen::<carepath::tui::screen::draft::Draft>(app).cloned()
}

#[test]
fn a_follower_sees_the_facilitators_forms_but_not_what_they_type() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "OF");
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    assert_eq!(on_screen(&other), Context::Following);

    // The facilitator records a decision: the follower sees the form, over
    // the same point, read-only, and not a letter typed into it.
    keys(&mut lead, "d");
    assert_eq!(on_screen(&lead), Context::Draft);
    type_text(&mut lead, "Ward rings first");
    update(&mut other, Message::FollowPoll);
    let mirrored = draft_of(&other).expect("the follower sees the decision form");
    assert_eq!(mirrored.title, "Record a decision");
    assert_eq!(mirrored.about, draft_of(&lead).unwrap().about);
    assert_eq!(mirrored.get("agreed"), "");
    assert_eq!(on_screen(&other), Context::Following);
    let screen = render(&mut other);
    assert!(screen.contains("viewing: recording a decision"), "{screen}");
    assert!(!screen.contains("Ward rings first"), "{screen}");
    // The form's own keys are the facilitator's: the follower is not told
    // that Enter records it.
    assert!(screen.contains("The facilitator fills this in"), "{screen}");
    assert!(!screen.contains("Enter records it"), "{screen}");
    keys(&mut other, "xyz");
    assert_eq!(draft_of(&other).unwrap().get("agreed"), "");

    // The facilitator drops it: the follower is back on the comparison.
    keys(&mut lead, "\x1b");
    update(&mut other, Message::FollowPoll);
    assert!(draft_of(&other).is_none());
    assert!(comparing(&other).is_some());
    assert!(!render(&mut other).contains("viewing:"));

    // A new action, from the agenda.
    keys(&mut lead, "\x1ba");
    update(&mut other, Message::FollowPoll);
    assert_eq!(draft_of(&other).unwrap().title, "Add an action");
    assert!(render(&mut other).contains("viewing: adding an action"));

    // Leaving takes the facilitator's form away with their screen.
    keys(&mut other, "f");
    assert!(!following(&other));
    assert!(draft_of(&other).is_none());
    assert_ne!(on_screen(&other), Context::Draft);
}

#[test]
fn a_follower_sees_the_facilitators_run_chart_and_leaves_it_with_its_own_keys() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    to_big_room_measures(&mut lead);
    to_big_room_measures(&mut other);
    keys(&mut other, "1");
    keys(&mut lead, "\nF");
    assert_eq!(on_screen(&lead), Context::Chart);
    update(&mut other, Message::Tick(chrono::Utc::now()));
    keys(&mut other, "f");
    assert_eq!(on_screen(&other), Context::Following);
    let screen = render(&mut other);
    assert!(screen.contains("What the chart says"), "{screen}");
    assert!(screen.contains("f or Esc leaves"), "{screen}");
    // Esc leaves the facilitator's screen, not the chart on it; then it is
    // the chart's, over the agenda.
    keys(&mut other, "\x1b");
    assert!(!following(&other));
    assert_eq!(on_screen(&other), Context::Chart);
    keys(&mut other, "\x1b");
    assert_eq!(on_screen(&other), Context::Meeting);
}

#[test]
fn a_click_chooses_an_agenda_item_and_a_second_click_opens_it() {
    use super::harness::{mouse, screen};
    use crossterm::event::{MouseButton, MouseEventKind};
    let dir = library();
    let mut app = session(dir.path(), "here");
    keys(&mut app, "O");
    // On the small terminal the agenda is under the title line and its
    // border: the third item is on screen row 4.
    screen(&mut app);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert_eq!(selected(&app), Some(2));
    assert_eq!(on_screen(&app), Context::Meeting);
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert_eq!(
        on_screen(&app),
        Context::Matrix,
        "the third item, a disagreement, opens in the comparison"
    );
    keys(&mut app, "\x1b");
    assert_eq!(selected(&app), Some(2), "Esc comes back to it");
}
