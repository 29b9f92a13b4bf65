//! `update` of the authoring screens as plain functions: moving around a
//! long form, typing into it, the flow of the steps and who is here.

use super::harness::{
    app_of, document, examples_copy, is_open, keys, message, on_screen, pathway_open, press as key,
    screen as render, screen_of, step, tab, unsaved,
};
use carepath::store::library::source::Source;
use carepath::tui::app::{App, Tab};
use carepath::tui::keys::Context;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn editable() -> (tempfile::TempDir, App) {
    let dir = examples_copy();
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    render(&mut app);
    (dir, app)
}

fn form(app: &App) -> &carepath::tui::app::FormState {
    screen_of::<carepath::tui::app::FormState>(app)
}

fn selected_path(app: &App) -> String {
    let f = form(app);
    f.fields[f.selected].path.clone()
}

#[test]
fn a_long_form_pages_and_goes_to_either_end() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\ni"); // the pathway's form: dozens of rows
    let len = form(&app).fields.len();
    assert!(len > 30, "{len}");
    key(&mut app, KeyCode::PageDown);
    let paged = form(&app).selected;
    assert!(paged > 5, "a page is more than a row: {paged}");
    key(&mut app, KeyCode::End);
    assert_eq!(form(&app).selected, len - 1);
    keys(&mut app, "g");
    assert_eq!(form(&app).selected, 0);
    keys(&mut app, "G");
    assert_eq!(form(&app).selected, len - 1);
    key(&mut app, KeyCode::PageUp);
    assert!(form(&app).selected < len - 1);
    key(&mut app, KeyCode::Home);
    assert_eq!(form(&app).selected, 0);
}

#[test]
fn typing_finds_a_row_and_enter_keeps_it() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\ni/measure 3");
    assert_eq!(selected_path(&app), "measures.2.text");
    // Letters went into the filter, not to commands.
    assert!(!unsaved(&app));
    assert!(is_open::<carepath::tui::app::FormState>(&app));
    key(&mut app, KeyCode::Enter);
    assert!(form(&app).filter.is_none());
    assert_eq!(selected_path(&app), "measures.2.text");
    keys(&mut app, "/zzz no such row");
    key(&mut app, KeyCode::Esc);
    assert!(form(&app).filter.is_none(), "Esc shows every row again");
}

#[test]
fn one_fold_per_participant_in_the_analyses() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n3i");
    let f = form(&app);
    // Nobody says whom this user speaks for: every analysis folded (three
    // of the four participants have one).
    assert_eq!(f.folded.len(), 3, "{:?}", f.folded);
    keys(&mut app, "j\n"); // the second participant, opened
    assert_eq!(form(&app).folded.len(), 2);
    assert!(selected_path(&app).starts_with("analyses.oakview."));
    keys(&mut app, "jjj");
    assert!(selected_path(&app).starts_with("analyses.oakview.causes.1"));
    keys(&mut app, "z"); // folds it again, from any of its rows
    assert_eq!(form(&app).folded.len(), 3);
    keys(&mut app, "G");
    key(&mut app, KeyCode::Right);
    assert_eq!(form(&app).folded.len(), 2);
}

#[test]
fn the_analyses_open_at_the_participant_the_user_speaks_for() {
    let (_dir, mut app) = editable();
    app.team.me = Some(carepath::store::team::identity::Identity {
        user: "bjones".into(),
        host: "h".into(),
        pid: 1,
    });
    app.team.people = carepath::store::team::people::People::parse(
        "people.yaml",
        "bjones:\n  name: Ben Jones\n  participant: oakview\n",
    )
    .unwrap();
    keys(&mut app, "\n3i");
    assert_eq!(selected_path(&app), "analyses.oakview.causes.0.text");
    assert!(!form(&app).folded.contains(&"oakview".to_string()));
    assert_eq!(form(&app).folded.len(), 2);
}

#[test]
fn add_opens_an_empty_line_and_command_keys_are_words() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n5iG\n");
    assert_eq!(form(&app).input.as_ref().unwrap().text, "");
    // e, x, q and i are letters here, not the editor, delete, quit, edit.
    keys(&mut app, "exquisite measure\n");
    let p = document(&app);
    assert_eq!(p.measures.last().unwrap().text, "exquisite measure");
    assert!(!app.quit);
}

#[test]
fn a_new_monday_change_asks_for_whom_and_a_point_gets_no_weight() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n4iG\nA ward pharmacist calls the home\n");
    let p = document(&app);
    assert_eq!(
        p.monday_morning.last().unwrap().who,
        "",
        "nobody chosen yet"
    );
    assert!(form(&app).choice.is_some(), "for whom? is asked at once");
    keys(&mut app, "/medical\n");
    let p = document(&app);
    assert_eq!(p.monday_morning.last().unwrap().who, "riverside-gp");
    key(&mut app, KeyCode::Esc);

    keys(&mut app, "3i\n/add goal for hospital\n\nSafe at home\n");
    let p = document(&app);
    let goal = p.analyses["hospital"].goals.last().unwrap();
    assert_eq!(goal.text, "Safe at home");
    assert_eq!(goal.weight, None);
}

#[test]
fn dates_are_read_as_people_write_them() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nijjj\n");
    assert_eq!(selected_path(&app), "review_due");
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    keys(&mut app, "next spring\n");
    assert!(
        message(&app).contains("2027-03-01, 1 March 2027 or 01/03/2027"),
        "{}",
        message(&app)
    );
    assert_eq!(
        form(&app).input.as_ref().unwrap().text,
        "next spring",
        "what was typed is kept to put right"
    );
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    keys(&mut app, "01/03/2027\n");
    let p = document(&app);
    assert_eq!(
        p.review_due.map(|d| d.to_string()).as_deref(),
        Some("2027-03-01")
    );
}

#[test]
fn monday_and_measures_are_edited_in_place() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n4i");
    assert_eq!(form(&app).title, "Edit Monday morning");
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "5i");
    assert_eq!(form(&app).title, "Edit the measures");
}

#[test]
fn the_flow_moves_with_the_arrows_and_enter_opens_the_step() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2v");
    assert_eq!(on_screen(&app), Context::Flow);
    assert!(render(&mut app).contains("Flow of the 8 steps"));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        on_screen(&app),
        Context::Steps,
        "Enter opens the step in the list"
    );
    assert_eq!((tab(&app), step(&app)), (Tab::Steps, 2));
    keys(&mut app, "v");
    key(&mut app, KeyCode::Esc);
    assert_ne!(on_screen(&app), Context::Flow, "Esc leaves the flow");
    assert!(pathway_open(&app), "and not the pathway");
}

#[test]
fn w_lists_who_is_here_and_closes() {
    let (_dir, mut app) = editable();
    keys(&mut app, "w");
    assert!(is_open::<carepath::tui::screen::who_is_here::WhoIsHere>(
        &app
    ));
    assert!(render(&mut app).contains("Who is here"));
    keys(&mut app, "w");
    assert!(!is_open::<carepath::tui::screen::who_is_here::WhoIsHere>(
        &app
    ));
}

#[test]
fn the_status_bar_keeps_edit_compare_sections_and_back_at_80_columns() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n");
    let status = render(&mut app).chars().skip(80 * 23).collect::<String>();
    for hint in ["i edit", "c compare", "Tab section", "Esc library"] {
        assert!(status.contains(hint), "{hint} in {status}");
    }
    keys(&mut app, "2");
    let status = render(&mut app).chars().skip(80 * 23).collect::<String>();
    for hint in ["i edit", "c compare", "Tab section", "Esc back", "Enter"] {
        assert!(status.contains(hint), "{hint} in {status}");
    }
}
