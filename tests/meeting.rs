//! The partners' meeting, through `update`: the agenda, and one session
//! following another's screen over presence.

use std::path::PathBuf;

use carepath::store::identity::Identity;
use carepath::store::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::keys::Context;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::update::context;
use carepath::tui::view::view;
use carepath::tui::worker::drive as update;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A copy of the example library.
fn library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in carepath::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    dir
}

/// A session on `dir` from `host` (the user running the tests, so that
/// presence vouches for it), open on the discharge pathway.
fn session(dir: &std::path::Path, host: &str) -> App {
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.to_path_buf())).unwrap());
    app.loading.done = true;
    app.team.library = Some(PathBuf::from(dir));
    app.team.me = Some(Identity {
        user: carepath::store::identity::current().user.clone(),
        host: host.into(),
        pid: 7,
    });
    render(&app);
    keys(&mut app, "\n");
    assert_eq!(app.open_pathway().unwrap().0.id, "discharge-to-care-home");
    app
}

fn render(app: &App) -> String {
    let (w, h) = (100, 30);
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        render(app);
    }
}

fn selected(app: &App) -> Option<usize> {
    app.pathway
        .as_ref()
        .and_then(|s| s.meeting.as_ref())
        .map(|m| m.selected)
}

#[test]
fn the_agenda_opens_with_one_key_and_each_item_opens_where_it_is_decided() {
    let dir = library();
    let mut app = session(dir.path(), "here");
    keys(&mut app, "A");
    assert_eq!(context(&app), Context::Meeting);
    let screen = render(&app);
    assert!(screen.contains("Meeting · Discharge"), "{screen}");
    assert!(screen.contains("disagree"), "{screen}");
    // The first item is a disagreement: Enter opens the comparison at it,
    // Esc comes back to the agenda where it was.
    keys(&mut app, "\n");
    assert_eq!(context(&app), Context::Matrix);
    keys(&mut app, "\x1b");
    assert_eq!(context(&app), Context::Meeting);
    keys(&mut app, "\x1b");
    assert_eq!(context(&app), Context::Pathway);
}

#[test]
fn a_follower_moves_with_the_facilitator_until_it_leaves() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "AF");
    assert!(lead.follow.leading);
    // The other session is asked on screen, and one key accepts.
    update(&mut other, Message::Tick);
    assert_eq!(context(&other), Context::FollowAsk);
    let screen = render(&other);
    assert!(
        screen.contains("asks you to follow their screen"),
        "{screen}"
    );
    keys(&mut other, "f");
    assert_eq!(context(&other), Context::Following);
    assert_eq!(selected(&other), Some(0));

    // Each move of the facilitator's is taken at the next read.
    keys(&mut lead, "jj");
    update(&mut other, Message::FollowPoll);
    assert_eq!(selected(&other), Some(2));
    keys(&mut lead, "\n");
    update(&mut other, Message::FollowPoll);
    assert!(
        other
            .pathway
            .as_ref()
            .unwrap()
            .compare
            .as_ref()
            .is_some_and(|c| c.matrix),
        "the follower sees the comparison the facilitator opened"
    );
    let screen = render(&other);
    assert!(screen.contains("Following"), "{screen}");

    // The follower's own keys do not edit or move anything while it
    // follows; f leaves.
    keys(&mut other, "ij");
    assert!(other.pathway.as_ref().unwrap().form.is_none());
    keys(&mut other, "f");
    assert!(other.follow.following.is_none());
    keys(&mut lead, "\x1b");
    update(&mut other, Message::FollowPoll);
    update(&mut other, Message::Tick);
    assert!(
        other.pathway.as_ref().unwrap().compare.is_some(),
        "after leaving, the facilitator's moves no longer move it"
    );
    assert_ne!(context(&other), Context::FollowAsk, "not asked again");
}

#[test]
fn a_follower_stops_when_the_facilitator_stops_leading() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick);
    keys(&mut other, "f");
    assert!(other.follow.following.is_some());
    keys(&mut lead, "F");
    update(&mut other, Message::FollowPoll);
    assert!(other.follow.following.is_none());
    assert!(
        other
            .message
            .as_deref()
            .unwrap_or("")
            .contains("stopped leading"),
        "{:?}",
        other.message
    );
}

#[test]
fn a_request_takes_no_key_meant_for_a_form() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut other, "i");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick);
    assert_eq!(
        context(&other),
        Context::Form,
        "typing is never interrupted"
    );
    keys(&mut other, "f");
    assert!(other.follow.following.is_none());
}

#[test]
fn a_view_naming_nothing_in_the_pathway_moves_nothing() {
    let dir = library();
    let mut lead = session(dir.path(), "host-a");
    let mut other = session(dir.path(), "host-b");
    keys(&mut lead, "F");
    update(&mut other, Message::Tick);
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
        carepath::store::presence::announce(dir.path(), &p).unwrap();
        update(&mut other, Message::FollowPoll);
        let s = other.pathway.as_ref().unwrap();
        assert!(s.compare.is_none() && s.form.is_none(), "{view}");
        assert_eq!(s.tab, carepath::tui::app::Tab::Overview, "{view}");
    }
}

fn lead_presence(app: &App) -> carepath::store::presence::Presence {
    let me = app.team.me.clone().unwrap();
    carepath::store::presence::Presence {
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
