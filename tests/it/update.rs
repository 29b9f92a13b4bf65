//! `update` as plain functions: keys and mouse in, state out.

use super::harness::{ctrl, keys, mouse, screen as render};
use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::{App, Sort, StepFocus, Tab};
use carepath::tui::message::{Effect, Message};
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

/// A key, and the first thing it asks of the terminal.
fn key(app: &mut App, code: KeyCode) -> Option<Effect> {
    super::harness::press(app, code).into_iter().next()
}

fn app() -> App {
    let mut app = App::new(
        "fixtures".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder("tests/fixtures/library".into())).unwrap());
    app.loading.done = true;
    render(&mut app);
    app
}

fn selected_title(app: &App) -> String {
    let e = app.selected_entry().unwrap();
    e.pathway().map_or(e.file.clone(), |p| p.title.clone())
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears_it() {
    let mut app = app();
    assert_eq!(app.library.visible.len(), 4);
    keys(&mut app, "/copd");
    assert_eq!(app.library.visible.len(), 1);
    assert!(selected_title(&app).starts_with("Integrated COPD"));
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.library.filter, "cop");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.library.visible.len(), 4);
    assert!(!app.library.filtering);
}

#[test]
fn filter_matches_participants_and_status() {
    let mut app = app();
    keys(&mut app, "/oakview");
    assert_eq!(app.library.visible.len(), 1);
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "/agreed");
    assert_eq!(app.library.visible.len(), 1);
}

#[test]
fn sort_cycles_title_status_review_and_keeps_the_selection() {
    let mut app = app();
    keys(&mut app, "j");
    let chosen = selected_title(&app);
    keys(&mut app, "s");
    assert_eq!(app.library.sort, Sort::Status);
    assert_eq!(selected_title(&app), chosen);
    // Broken files first by status, so they are seen.
    keys(&mut app, "g");
    assert_eq!(selected_title(&app), "broken.yaml");
    keys(&mut app, "s");
    assert_eq!(app.library.sort, Sort::Review);
    keys(&mut app, "g");
    assert!(
        selected_title(&app).starts_with("Discharge"),
        "earliest review first"
    );
    keys(&mut app, "s");
    assert_eq!(app.library.sort, Sort::Title);
}

#[test]
fn a_broken_file_does_not_open_and_says_why() {
    let mut app = app();
    keys(&mut app, "g\n");
    assert!(app.pathway.is_none());
    assert!(app.message.as_deref().unwrap().contains("did not load"));
}

#[test]
fn walking_follows_branches_and_goes_back() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n2");
    let p = app.pathway.as_ref().unwrap();
    assert_eq!((p.tab, p.step), (Tab::Steps, 0));
    keys(&mut app, "\n");
    assert_eq!(app.pathway.as_ref().unwrap().focus, StepFocus::Exits);
    keys(&mut app, "\n"); // plan-early → capacity (a decision)
    assert_eq!(app.pathway.as_ref().unwrap().step, 1);
    keys(&mut app, "j\n"); // second branch: No → best-interests-meeting
    let p = app.pathway.as_ref().unwrap();
    assert_eq!(p.step, 3);
    assert_eq!(p.trail, vec![0, 1]);
    keys(&mut app, "b");
    assert_eq!(app.pathway.as_ref().unwrap().step, 1);
    keys(&mut app, "b");
    assert_eq!(app.pathway.as_ref().unwrap().step, 0);
    keys(&mut app, "b");
    assert!(app.message.as_deref().unwrap().contains("began"));
    key(&mut app, KeyCode::Esc);
    assert!(app.pathway.is_none(), "Esc goes back to the library");
}

#[test]
fn sections_switch_by_digit_and_tab() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n");
    keys(&mut app, "3");
    assert_eq!(app.pathway.as_ref().unwrap().tab, Tab::Analyses);
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.pathway.as_ref().unwrap().tab, Tab::Monday);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(
        app.pathway.as_ref().unwrap().tab,
        Tab::Measures,
        "wraps around"
    );
}

#[test]
fn scrolling_stops_at_the_end_of_the_text() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n3");
    for _ in 0..100 {
        keys(&mut app, "j");
    }
    let at_end = app.pathway.as_ref().unwrap().scroll[2];
    assert!(at_end < 100, "scroll is clamped, got {at_end}");
    keys(&mut app, "k");
    assert_eq!(
        app.pathway.as_ref().unwrap().scroll[2],
        at_end.saturating_sub(1),
        "one key moves back at once"
    );
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    keys(&mut app, "?");
    assert!(app.stack.is_open::<carepath::tui::screen::help::Help>());
    assert!(render(&mut app).contains("Keys on this screen"));
    keys(&mut app, "q");
    assert!(!app.stack.is_open::<carepath::tui::screen::help::Help>());
    assert!(!app.quit, "q in the help closes the help");
    keys(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn mouse_toggle_asks_the_terminal_and_says_so() {
    let mut app = app();
    assert_eq!(
        key(&mut app, KeyCode::Char('m')),
        Some(Effect::SetMouse(false))
    );
    assert!(render(&mut app).contains("mouse off"));
    assert_eq!(
        key(&mut app, KeyCode::Char('m')),
        Some(Effect::SetMouse(true))
    );
}

#[test]
fn ctrl_z_suspends() {
    let mut app = app();
    let effect = update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
    );
    assert_eq!(effect, vec![Effect::Suspend]);
}

#[test]
fn click_selects_then_opens_and_wheel_moves() {
    let mut app = app();
    // Rows start below the header line, the border and the column titles.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert!(selected_title(&app).starts_with("Discharge"));
    assert!(app.pathway.is_none());
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert!(app.pathway.is_some(), "a second click opens");
    // Click the Steps tab.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 15, 1);
    assert_eq!(app.pathway.as_ref().unwrap().tab, Tab::Steps);
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 5);
    assert_eq!(app.pathway.as_ref().unwrap().step, 1);
}

#[test]
fn a_hang_up_ends_the_session() {
    let mut app = app();
    update(&mut app, Message::Terminate);
    assert!(app.quit);
    let mut app2 = self::app();
    update(&mut app2, Message::InputLost);
    assert!(app2.quit);
}

#[test]
fn find_in_a_section_with_slash_n_and_shift_n() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n3");
    keys(&mut app, "/medicines");
    assert!(app.pathway.as_ref().unwrap().searching);
    keys(&mut app, "\n");
    assert!(render(&mut app).contains("find: medicines"));
    let first = app.pathway.as_ref().unwrap().scroll[2];
    keys(&mut app, "n");
    let second = app.pathway.as_ref().unwrap().scroll[2];
    assert!(
        second > first,
        "n moves on to the next place ({first} → {second})"
    );
    keys(&mut app, "N");
    assert_eq!(
        app.pathway.as_ref().unwrap().scroll[2],
        first,
        "N comes back"
    );
    keys(&mut app, "/zebra");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("not in this section")
    );
}

#[test]
fn find_among_steps_selects_the_step() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n2");
    keys(&mut app, "/best\n");
    assert_eq!(app.pathway.as_ref().unwrap().step, 3);
    keys(&mut app, "n");
    assert_eq!(
        app.pathway.as_ref().unwrap().step,
        3,
        "the only match stays selected"
    );
    key(&mut app, KeyCode::Esc);
    assert!(
        app.pathway.is_none(),
        "after the search, Esc leaves as before"
    );
}

fn examples() -> App {
    let mut app = App::new(
        "examples".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Builtin).unwrap());
    render(&mut app);
    app
}

fn compare(app: &App) -> carepath::tui::app::CompareState {
    app.pathway.as_ref().unwrap().compare.clone().unwrap()
}

#[test]
fn c_opens_the_comparison_on_hospital_and_care_home() {
    let mut app = examples();
    keys(&mut app, "\nc");
    let cmp = compare(&app);
    assert_eq!((cmp.a.as_str(), cmp.b.as_str()), ("hospital", "oakview"));
    assert!(render(&mut app).contains("Overall"));
    key(&mut app, KeyCode::Esc);
    assert!(
        app.pathway.as_ref().unwrap().compare.is_none(),
        "Esc goes back to the pathway"
    );
    assert!(app.pathway.is_some());
}

#[test]
fn n_and_shift_n_jump_between_disagreements_skipping_agreement() {
    let mut app = examples();
    keys(&mut app, "\nc");
    // Rows: 5 causes, then the agreed goal (row 5), then more.
    keys(&mut app, "jjjj");
    assert_eq!(compare(&app).selected, 4);
    keys(&mut app, "n");
    assert_eq!(
        compare(&app).selected,
        6,
        "the agreed goal at row 5 is skipped"
    );
    keys(&mut app, "N");
    assert_eq!(compare(&app).selected, 4);
}

#[test]
fn the_picker_changes_either_side_and_swaps_when_needed() {
    let mut app = examples();
    keys(&mut app, "\ncp");
    assert!(render(&mut app).contains("Compare which participants?"));
    keys(&mut app, "jjb"); // the GP on the right
    assert_eq!(compare(&app).b, "riverside-gp");
    keys(&mut app, "kka"); // the hospital on the left: already there
    assert_eq!(compare(&app).a, "hospital");
    keys(&mut app, "jjja"); // council on the left
    assert_eq!(
        (compare(&app).a.as_str(), compare(&app).b.as_str()),
        ("council-asc", "riverside-gp")
    );
    keys(&mut app, "kb"); // the GP on the right is already the right: no change
    keys(&mut app, "a"); // the GP, on the right, chosen for the left: swap
    assert_eq!(
        (compare(&app).a.as_str(), compare(&app).b.as_str()),
        ("riverside-gp", "council-asc")
    );
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        carepath::tui::update::context(&app),
        carepath::tui::keys::Context::Compare,
        "the picker is closed"
    );
    assert!(
        render(&mut app).contains("no analysis yet"),
        "the empty side says so"
    );
}

#[test]
fn a_toggles_every_participant() {
    let mut app = examples();
    keys(&mut app, "\nca");
    assert!(compare(&app).matrix);
    assert!(render(&mut app).contains("sharpest disagreements first"));
    keys(&mut app, "a");
    assert!(!compare(&app).matrix);
}

#[test]
fn clicking_a_point_in_the_comparison_selects_it() {
    let mut app = examples();
    keys(&mut app, "\nc");
    // Rows start below the title, the pair, four summary lines, the line
    // naming who has no analysis yet, the border and the "Causes" heading:
    // the third point is on screen row 11.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 20, 11);
    assert_eq!(compare(&app).selected, 2);
    mouse(&mut app, MouseEventKind::ScrollDown, 20, 12);
    assert_eq!(compare(&app).selected, 3);
}

/// A library in a temporary folder holding a copy of the examples.
fn editable() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    for f in carepath::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    render(&mut app);
    (dir, app)
}

fn title(app: &App) -> String {
    app.open_pathway().unwrap().0.title.clone()
}

#[test]
fn typing_a_title_undo_redo_and_save() {
    let (dir, mut app) = editable();
    keys(&mut app, "\ni\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Discharge to care homes\n");
    assert_eq!(title(&app), "Discharge to care homes");
    assert!(render(&mut app).contains("● unsaved"));
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "u");
    assert_eq!(title(&app), "Discharge from hospital to a care home");
    ctrl(&mut app, 'r');
    assert_eq!(title(&app), "Discharge to care homes");
    ctrl(&mut app, 's');
    assert!(app.message.as_deref().unwrap().starts_with("Saved"));
    let text = std::fs::read_to_string(dir.path().join("discharge-to-care-home.yaml")).unwrap();
    assert!(text.contains("\ntitle: Discharge to care homes\n"));
    assert!(!render(&mut app).contains("● unsaved"));
}

#[test]
fn choices_only_offer_valid_values() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2ijjj\n"); // the owner of step 1
    let screen = render(&mut app);
    for who in [
        "Riverside General",
        "Oakview Care Home",
        "Riverside Medical Group",
        "Riverside Council",
    ] {
        assert!(screen.contains(who), "{who} offered");
    }
    keys(&mut app, "j\n");
    assert_eq!(
        app.open_pathway().unwrap().0.steps[0].owner.as_deref(),
        Some("oakview")
    );
}

#[test]
fn the_built_in_examples_are_read_only() {
    let mut app = examples();
    app.read_only = true;
    keys(&mut app, "\ni");
    assert!(!app.stack.is_open::<carepath::tui::app::FormState>());
    assert!(app.message.as_deref().unwrap().contains("read-only"));
}

#[test]
fn leaving_with_unsaved_changes_asks_and_cancel_stays() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\ni\n!\n");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(
        app.stack
            .is_open::<carepath::tui::screen::confirm::Confirm>(),
        "Esc to the library asks first"
    );
    keys(&mut app, "c");
    assert!(
        app.pathway.is_some()
            && !app
                .stack
                .is_open::<carepath::tui::screen::confirm::Confirm>()
    );
    keys(&mut app, "q");
    keys(&mut app, "s");
    assert!(app.quit, "saved, then quit");
}

#[test]
fn a_file_changed_by_someone_else_is_merged_on_save_and_never_overwritten() {
    let (dir, mut app) = editable();
    keys(&mut app, "\ni\n!\n");
    let file = dir.path().join("discharge-to-care-home.yaml");
    // A colleague saves another change meanwhile: both end up in the file.
    let theirs = std::fs::read_to_string(&file)
        .unwrap()
        .replace("place: Riverside", "place: Riverside North");
    std::fs::write(&file, &theirs).unwrap();
    ctrl(&mut app, 's');
    assert!(
        app.message.as_deref().unwrap().starts_with("Saved"),
        "{:?}",
        app.message
    );
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.place.as_deref()),
        (
            "Discharge from hospital to a care home!",
            Some("Riverside North")
        )
    );
    assert_eq!(
        app.open_pathway().unwrap().0.place.as_deref(),
        Some("Riverside North"),
        "their change shows here too"
    );
    // Then both change the title: nothing is written, the author is told.
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "i\n?\n");
    let theirs = std::fs::read_to_string(&file).unwrap().replace(
        "title: Discharge from hospital to a care home!",
        "title: Their title",
    );
    std::fs::write(&file, &theirs).unwrap();
    ctrl(&mut app, 's');
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("changed what you changed (title)"),
        "{:?}",
        app.message
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
}

fn step_ids(app: &App) -> Vec<String> {
    app.open_pathway()
        .unwrap()
        .0
        .steps
        .iter()
        .map(|s| s.id.clone())
        .collect()
}

#[test]
fn steps_are_added_moved_and_deleted_and_undone() {
    let (dir, mut app) = editable();
    keys(&mut app, "\n2");
    keys(&mut app, "a");
    keys(&mut app, "Check the bed is ready\n");
    assert_eq!(step_ids(&app)[1], "check-the-bed-is-ready");
    assert_eq!(
        app.pathway.as_ref().unwrap().step,
        1,
        "the new step is selected"
    );
    keys(&mut app, "K");
    assert_eq!(step_ids(&app)[0], "check-the-bed-is-ready");
    keys(&mut app, "x");
    assert_eq!(step_ids(&app).len(), 8);
    keys(&mut app, "u");
    assert_eq!(step_ids(&app)[0], "check-the-bed-is-ready");
    ctrl(&mut app, 's');
    let text = std::fs::read_to_string(dir.path().join("discharge-to-care-home.yaml")).unwrap();
    assert!(text.contains("steps:\n  - id: check-the-bed-is-ready\n    title: Check the bed is ready\n  - id: plan-early\n"), "{text}");
    assert!(text.contains("# which is why the analyses below are kept side by side."));
}

#[test]
fn a_step_other_steps_lead_to_is_not_deleted() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2jx");
    assert_eq!(step_ids(&app).len(), 8);
    assert!(
        app.message.as_deref().unwrap().contains("lead here"),
        "{:?}",
        app.message
    );
}

#[test]
fn confirming_a_suggested_pair_gives_both_one_id() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nc");
    // Compare Oakview with the GP practice: their Friday causes are suggested as one.
    keys(&mut app, "pjjb\n");
    let row = {
        let (p, s) = app.open_pathway().unwrap();
        let cmp = s.compare.as_ref().unwrap();
        carepath::compare::align(p, &cmp.a, &cmp.b)
            .unwrap()
            .rows()
            .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
    };
    assert!(row.is_none(), "hospital and GP have no suggested pair");
    keys(&mut app, "pjab\n"); // oakview on the left, GP stays right
    let (p, s) = app.open_pathway().unwrap();
    let cmp = s.compare.as_ref().unwrap().clone();
    let at = carepath::compare::align(p, &cmp.a, &cmp.b)
        .unwrap()
        .rows()
        .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
        .unwrap();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "y");
    assert!(
        app.message.as_deref().unwrap().contains("as one point"),
        "{:?}",
        app.message
    );
    let (p, _) = app.open_pathway().unwrap();
    let al = carepath::compare::align(p, &cmp.a, &cmp.b).unwrap();
    assert_eq!(
        al.rows().nth(at).unwrap().matched,
        Some(carepath::compare::Match::Id)
    );
    // One u takes the whole confirmation back.
    keys(&mut app, "u");
    let (p, _) = app.open_pathway().unwrap();
    let al = carepath::compare::align(p, &cmp.a, &cmp.b).unwrap();
    assert_eq!(
        al.rows().nth(at).unwrap().matched,
        Some(carepath::compare::Match::Suggested)
    );
    assert!(
        !carepath::tui::editing::is_dirty(&app),
        "nothing left unsaved"
    );
    // Confirmed and saved: the history says what changed, in words.
    ctrl(&mut app, 'r');
    ctrl(&mut app, 's');
    let file = _dir.path().join("discharge-to-care-home.yaml");
    let (saves, _) = carepath::store::persist::history::load(&file).unwrap();
    let said = saves.last().unwrap().summary.join("; ");
    assert!(said.contains("id"), "{said}");
}

#[test]
fn taking_a_point_into_the_other_side() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nc");
    let agreed_before = {
        let (p, s) = app.open_pathway().unwrap();
        let cmp = s.compare.as_ref().unwrap();
        carepath::compare::align(p, &cmp.a, &cmp.b)
            .unwrap()
            .counts()
            .agree
    };
    // Row 2: only the hospital sees "Families choose homes …".
    keys(&mut app, "jjt");
    let (p, _) = app.open_pathway().unwrap();
    assert!(
        p.analyses["oakview"]
            .causes
            .iter()
            .any(|c| c.text.starts_with("Families choose homes"))
    );
    let (p, s) = app.open_pathway().unwrap();
    let cmp = s.compare.as_ref().unwrap();
    let al = carepath::compare::align(p, &cmp.a, &cmp.b).unwrap();
    assert_eq!(
        al.counts().agree,
        agreed_before,
        "the taken point is a suggestion until someone confirms it, not agreement"
    );
    assert!(al.rows().any(|r| {
        r.matched == Some(carepath::compare::Match::Suggested)
            && r.b
                .as_ref()
                .is_some_and(|b| b.text.starts_with("Families choose homes"))
    }));
}

#[test]
fn long_text_is_written_in_place_and_kept_on_leaving() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2ijjjj\n");
    assert!(
        app.stack
            .is_open::<carepath::tui::screen::text_editor::TextEditor>()
    );
    assert!(render(&mut app).contains("Esc or Ctrl-s when done"));
    keys(&mut app, "Start here. ");
    key(&mut app, KeyCode::Esc);
    let detail = app.open_pathway().unwrap().0.steps[0]
        .detail
        .clone()
        .unwrap();
    assert!(detail.starts_with("Start here. The ward names"), "{detail}");
    keys(&mut app, "u");
    let detail = app.open_pathway().unwrap().0.steps[0]
        .detail
        .clone()
        .unwrap();
    assert!(
        detail.starts_with("The ward names"),
        "u takes the text back"
    );
}

#[test]
fn a_new_pathway_from_the_template() {
    let (dir, mut app) = editable();
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "n");
    assert!(render(&mut app).contains("Title of the new pathway"));
    keys(&mut app, "Falls at home: who calls whom?\n");
    assert!(render(&mut app).contains("Id for"));
    assert_eq!(
        app.library.new_pathway.as_ref().unwrap().input.text,
        "falls-at-home-who-calls-whom"
    );
    key(&mut app, KeyCode::Enter);
    let (p, _) = app.open_pathway().expect("the new pathway is open");
    assert_eq!(p.title, "Falls at home: who calls whom?");
    assert!(
        dir.path()
            .join("falls-at-home-who-calls-whom.yaml")
            .exists()
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.library.visible.len(), 6);
}

#[test]
fn the_built_in_examples_take_no_new_pathways() {
    let mut app = examples();
    keys(&mut app, "n");
    assert!(app.library.new_pathway.is_none());
    assert!(app.message.as_deref().unwrap().contains("library folder"));
}

#[test]
fn renaming_a_step_id_follows_every_reference_and_undoes_whole() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2jjjj"); // step 5: meds-ready, which the decision's branches lead to
    keys(&mut app, "ij\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "medicines-ready\n");
    let (p, _) = app.open_pathway().unwrap();
    assert_eq!(p.steps[4].id, "medicines-ready");
    assert!(
        p.steps
            .iter()
            .flat_map(|s| s.exits())
            .all(|e| e.target != "meds-ready")
    );
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("everywhere it is used")
    );
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "u");
    let (p, _) = app.open_pathway().unwrap();
    assert_eq!(p.steps[4].id, "meds-ready");
    assert!(
        p.steps[1].branches.iter().any(|b| b.next == "meds-ready"),
        "one undo takes the whole rename back"
    );
}

/// Moves the form's selection to the first row whose label starts with `label`.
fn to_row(app: &mut App, label: &str) {
    let at = app
        .stack
        .find::<carepath::tui::app::FormState>()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.label.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no row {label}"));
    keys(app, "g");
    app.stack
        .find_mut::<carepath::tui::app::FormState>()
        .unwrap()
        .selected = at;
}

#[test]
fn every_list_takes_items_added_moved_and_deleted_from_the_form() {
    let (dir, mut app) = editable();
    keys(&mut app, "\n2i"); // step 1's form
    to_row(&mut app, "+ add red flag");
    // "+ add" opens an empty line at once: letters are words, not keys.
    keys(&mut app, "\nexhausted carer\n"); // a red flag at the end
    assert_eq!(app.open_pathway().unwrap().0.steps[0].red_flags.len(), 3);
    keys(&mut app, "K"); // move it above the second
    assert_eq!(
        app.open_pathway().unwrap().0.steps[0].red_flags[1],
        "exhausted carer"
    );
    to_row(&mut app, "+ add branch");
    // Where the branch goes is asked at once, at the step below.
    keys(&mut app, "\nIf the home cannot meet needs\n");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("where does it go?")
    );
    keys(&mut app, "\n");
    let branch = app.open_pathway().unwrap().0.steps[0].branches[0].clone();
    assert_eq!(
        (branch.when.as_str(), branch.next.as_str()),
        ("If the home cannot meet needs", "home-can-meet-needs")
    );
    keys(&mut app, "x"); // and take it away again
    assert!(app.open_pathway().unwrap().0.steps[0].branches.is_empty());
    key(&mut app, KeyCode::Esc);

    keys(&mut app, "1i"); // the pathway's form
    to_row(&mut app, "Measure 2");
    keys(&mut app, "K");
    assert_eq!(
        app.open_pathway().unwrap().0.measures[0].text,
        "Discharges with a recorded handover call"
    );
    to_row(&mut app, "Principle 3");
    keys(&mut app, "x");
    assert_eq!(app.open_pathway().unwrap().0.principles.len(), 2);
    to_row(&mut app, "Participant 1");
    keys(&mut app, "x");
    assert!(
        app.message.as_deref().unwrap().starts_with("Not deleted"),
        "the hospital owns steps"
    );
    key(&mut app, KeyCode::Esc);

    keys(&mut app, "3i"); // the analyses
    // Found by typing its words, though Oakview's rows start folded.
    keys(&mut app, "/add value for oak\n");
    keys(&mut app, "\nDignity in every move\n");
    assert_eq!(
        app.open_pathway().unwrap().0.analyses["oakview"]
            .values
            .len(),
        3
    );
    key(&mut app, KeyCode::Esc);

    ctrl(&mut app, 's');
    assert!(
        app.message.as_deref().unwrap().starts_with("Saved"),
        "{:?}",
        app.message
    );
    let saved =
        carepath::store::read::load::load_file(&dir.path().join("discharge-to-care-home.yaml"))
            .unwrap();
    assert_eq!(&saved, app.open_pathway().unwrap().0);
    let text = std::fs::read_to_string(dir.path().join("discharge-to-care-home.yaml")).unwrap();
    assert!(text.contains("      - exhausted carer\n"), "{text}");
    assert!(text.contains("# Agreed shape after the second workshop"));
}

#[test]
fn problems_are_listed_as_you_work_and_block_agreement() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("falls.yaml"),
        "carepath: 1\nid: falls\ntitle: Falls\nstatus: draft\nparticipants:\n  - id: gp\n    name: GP\n    kind: gp\nsteps:\n  - id: assess\n    title: Assess\n  - id: refer\n    title: Refer\n    next: [later]\n",
    )
    .unwrap();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    render(&mut app);
    keys(&mut app, "\n");
    assert!(
        render(&mut app).contains("⚠ 1 problem (!)"),
        "a draft may load with a dangling reference"
    );
    keys(&mut app, "!");
    let screen = render(&mut app);
    assert!(
        screen.contains("⚠ step 2 (Refer): there is no step with the id \"later\""),
        "{screen}"
    );
    assert!(screen.contains("⚠ allowed in a draft"));
    keys(&mut app, "\n");
    let state = app.pathway.as_ref().unwrap();
    assert_eq!(
        (state.tab, state.step),
        (Tab::Steps, 1),
        "Enter goes to the step"
    );
    keys(&mut app, "1ijj\n"); // Status
    keys(&mut app, "jj\n"); // agreed
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Not agreed: 1 reference points at nothing"),
        "{:?}",
        app.message
    );
    assert_eq!(app.open_pathway().unwrap().0.status.as_str(), "draft");
}

#[test]
fn a_rejected_suggestion_is_not_suggested_again_here_or_on_the_command_line() {
    let (dir, mut app) = editable();
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "\ncpjajb\n"); // oakview on the left, the GP practice on the right
    let suggested = |app: &App| {
        let (p, s) = app.open_pathway().unwrap();
        let cmp = s.compare.as_ref().unwrap();
        carepath::compare::align_with(p, &cmp.a, &cmp.b, &app.rejections)
            .unwrap()
            .rows()
            .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
    };
    let at = suggested(&app).expect("the Friday discharges are suggested as one point");
    for _ in 0..at {
        keys(&mut app, "j");
    }
    // Asked once, on screen; any key but y keeps the suggestion.
    keys(&mut app, "r");
    let asked = app.message.clone().unwrap();
    assert!(asked.starts_with("Reject this suggestion"), "{asked}");
    assert!(render(&mut app).contains("Reject this suggestion"));
    keys(&mut app, "n");
    assert_eq!(suggested(&app), Some(at), "kept");
    keys(&mut app, "ry");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("will not be suggested again"),
        "{:?}",
        app.message
    );
    assert_eq!(suggested(&app), None);
    let kept =
        std::fs::read_to_string(dir.path().join(".carepath/rejected-suggestions.yaml")).unwrap();
    assert!(kept.contains("Discharged late on Friday with no handover call"));
    // The history says so, in words.
    let file = dir.path().join("discharge-to-care-home.yaml");
    let (saves, _) = carepath::store::persist::history::load(&file).unwrap();
    assert!(
        saves.last().unwrap().headline().starts_with(
            "suggestion rejected: causes: “Discharged late on Friday with no handover call”"
        ),
        "{saves:?}"
    );

    // u takes it back: suggested again, here and in the library's record.
    keys(&mut app, "u");
    assert_eq!(suggested(&app), Some(at), "{:?}", app.message);
    let kept =
        std::fs::read_to_string(dir.path().join(".carepath/rejected-suggestions.yaml")).unwrap();
    assert!(!kept.contains("Discharged late on Friday"));
    let (saves, _) = carepath::store::persist::history::load(&file).unwrap();
    assert!(
        saves
            .last()
            .unwrap()
            .headline()
            .starts_with("suggestion rejection taken back"),
        "{saves:?}"
    );
    keys(&mut app, "ry");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args([
            "compare",
            dir.path()
                .join("discharge-to-care-home.yaml")
                .to_str()
                .unwrap(),
            "--between",
            "oakview",
            "riverside-gp",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        !json.contains("\"suggested\""),
        "the command line remembers it too: {json}"
    );
}

#[test]
fn after_a_rejection_the_actions_act_on_the_row_on_screen() {
    let (dir, mut app) = editable();
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "\ncpjajb\n"); // oakview and the GP practice
    let rows = |app: &App| {
        let (p, s) = app.open_pathway().unwrap();
        let cmp = s.compare.as_ref().unwrap();
        carepath::compare::align_with(p, &cmp.a, &cmp.b, &app.rejections)
            .unwrap()
            .rows()
            .cloned()
            .collect::<Vec<_>>()
    };
    let at = rows(&app)
        .iter()
        .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
        .unwrap();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "ry");
    // The rejected pair is now two rows, one only on each side; take the
    // one under the cursor and check it is the one taken.
    let shown = rows(&app)[at].clone();
    keys(&mut app, "t");
    let taken = shown.a.or(shown.b).unwrap().text;
    let (p, _) = app.open_pathway().unwrap();
    let everywhere = |who: &str| p.analyses[who].causes.iter().any(|c| c.text == taken);
    assert!(
        everywhere("oakview") && everywhere("riverside-gp"),
        "the row on screen was taken: {taken}"
    );
}

#[test]
fn pasted_text_lands_where_typing_would_and_is_never_a_command() {
    let (_dir, mut app) = editable();
    // Pasted into the library, outside any input: ignored, not "q".
    update(&mut app, Message::Paste("quit".into()));
    assert!(!app.quit);
    keys(&mut app, "\n2ijjjj\n"); // step 1's detail, in the long-text editor
    update(
        &mut app,
        Message::Paste("First line.\r\nSecond line.\n".into()),
    );
    key(&mut app, KeyCode::Esc);
    let detail = app.open_pathway().unwrap().0.steps[0]
        .detail
        .clone()
        .unwrap();
    assert!(
        detail.starts_with("First line.\nSecond line.\nThe ward names"),
        "{detail:?}"
    );
    keys(&mut app, "kkkk\n"); // the title, typed in one line
    ctrl(&mut app, 'u');
    update(&mut app, Message::Paste("Plan\nearly".into()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.open_pathway().unwrap().0.steps[0].title, "Plan early");
}

#[test]
fn text_from_your_editor_that_does_not_fit_a_field_is_kept() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2ijj"); // the step's kind
    update(
        &mut app,
        Message::EditorDone {
            path: "steps.0.kind".into(),
            text: Ok("actoin".into()),
        },
    );
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("e opens your text again"),
        "{:?}",
        app.message
    );
    assert_eq!(
        app.open_pathway().unwrap().0.steps[0].kind.as_str(),
        "action"
    );
    let effect = update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE)),
    );
    assert_eq!(
        effect,
        vec![carepath::tui::message::Effect::ExternalEditor {
            path: "steps.0.kind".into(),
            text: "actoin".into()
        }],
        "the kept text is what the editor opens"
    );
}

#[test]
fn d_shows_what_unsaved_edits_change_and_n_moves_between_changes() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nd");
    assert!(!app.stack.is_open::<carepath::tui::app::DiffView>());
    assert!(app.message.as_deref().unwrap().contains("no unsaved edits"));
    keys(&mut app, "2ijj\njj\n"); // step 1's kind: referral
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "i\n!\n"); // and its title
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "d");
    let view = app
        .stack
        .find::<carepath::tui::app::DiffView>()
        .expect("the changes are shown");
    assert_eq!(view.changes.len(), 2, "{:#?}", view.changes);
    let screen = render(&mut app);
    assert!(
        screen.contains("~ changed The kind of step 1, 'Plan discharge from the day…': changed"),
        "{screen}"
    );
    keys(&mut app, "n");
    assert_eq!(
        app.stack
            .find::<carepath::tui::app::DiffView>()
            .unwrap()
            .selected,
        1
    );
    keys(&mut app, "n");
    assert_eq!(
        app.stack
            .find::<carepath::tui::app::DiffView>()
            .unwrap()
            .selected,
        0,
        "n wraps round"
    );
    key(&mut app, KeyCode::Esc);
    assert!(!app.stack.is_open::<carepath::tui::app::DiffView>() && app.pathway.is_some());
}

#[test]
fn capital_d_compares_with_an_earlier_version_in_git() {
    let (dir, mut app) = editable();
    let d = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(d)
            .env("GIT_AUTHOR_NAME", "Lead")
            .env("GIT_AUTHOR_EMAIL", "lead@example.invalid")
            .env("GIT_COMMITTER_NAME", "Lead")
            .env("GIT_COMMITTER_EMAIL", "lead@example.invalid")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", d)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "Agreed at the second workshop"]);
    carepath::cli::set::set(
        &d.join("discharge-to-care-home.yaml"),
        "steps.handover-call.owner",
        "oakview",
    )
    .unwrap();
    git(&["commit", "-q", "-am", "The home owns the handover call"]);
    keys(&mut app, "\nD");
    let picker = app
        .stack
        .find::<carepath::tui::app::VersionPicker>()
        .expect("the history is listed");
    assert_eq!(picker.versions.len(), 2);
    assert!(render(&mut app).contains("Agreed at the second workshop"));
    keys(&mut app, "j\n");
    let view = app
        .stack
        .find::<carepath::tui::app::DiffView>()
        .expect("the changes since then are shown");
    assert_eq!(view.changes.len(), 1);
    assert_eq!(view.changes[0].path, "steps[handover-call].owner");
    assert!(view.title.contains("Agreed at the second workshop"));
    assert!(
        render(&mut app).contains("The owner of step"),
        "the change is said in words"
    );
    key(&mut app, KeyCode::Esc);
    assert!(!app.stack.is_open::<carepath::tui::app::DiffView>());
    assert!(
        app.stack.is_open::<carepath::tui::app::VersionPicker>(),
        "Esc goes back to the list of versions"
    );
}

#[test]
fn capital_d_outside_git_says_so() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nD");
    assert!(!app.stack.is_open::<carepath::tui::app::VersionPicker>());
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("not in a git repository"),
        "{:?}",
        app.message
    );
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("H shows the saves"),
        "says where the history is"
    );
}

#[test]
fn an_unfinished_merge_is_finished_in_the_app() {
    let (dir, _) = editable();
    let d = dir.path();
    let file = d.join("discharge-to-care-home.yaml");
    let base = std::fs::read_to_string(&file).unwrap();
    let ours = carepath::text::yaml::edit::set_value(&base, "title", "Ours").unwrap();
    let ours =
        carepath::text::yaml::edit::set_value(&ours, "steps.handover-call.owner", "riverside-gp")
            .unwrap();
    let theirs = carepath::text::yaml::edit::set_value(&base, "title", "Theirs").unwrap();
    let theirs =
        carepath::text::yaml::edit::set_value(&theirs, "steps.handover-call.owner", "oakview")
            .unwrap();
    let (b, t) = (d.join("base.txt"), d.join("theirs.txt"));
    std::fs::write(&b, &base).unwrap();
    std::fs::write(&t, &theirs).unwrap();
    std::fs::write(&file, &ours).unwrap();
    let code = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("merge")
        .args([&b, &file, &t])
        .status()
        .unwrap()
        .code();
    assert_eq!(code, Some(1), "two conflicts");
    std::fs::remove_file(&b).unwrap();
    std::fs::remove_file(&t).unwrap();
    // Read the library again, as a person opening it now would.
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(d.to_path_buf())).unwrap());
    render(&mut app);
    keys(&mut app, "/discharge\n\nM");
    let screen = render(&mut app);
    assert!(
        screen.contains("Unfinished merge: 2 of 2 conflicts to decide"),
        "{screen}"
    );
    ctrl(&mut app, 's');
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("2 conflicts still to decide")
    );
    // The conflicts come in path order: steps[handover-call].owner, title.
    keys(&mut app, "\n");
    ctrl(&mut app, 'u');
    // Typed, part pasted: neither side's value.
    update(&mut app, Message::Paste("hosp".into()));
    keys(&mut app, "ital\n");
    keys(&mut app, "jt"); // the title: take theirs
    ctrl(&mut app, 's');
    assert_eq!(app.message.as_deref(), Some("Merge finished and saved."));
    let screen = render(&mut app);
    assert!(
        !screen.contains("Unfinished merge") && !screen.contains("unfinished merge (M)"),
        "the conflicts and the header's warning are gone:\n{screen}"
    );
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(
        saved.starts_with("# Discharge from hospital to a care home"),
        "the record is gone, the comments stay:\n{saved}"
    );
    let p = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(p.title, "Theirs");
    assert_eq!(
        p.step("handover-call").unwrap().owner.as_deref(),
        Some("hospital")
    );
}

#[test]
fn a_whole_step_deleted_on_one_side_and_edited_on_the_other_can_be_taken_back() {
    let (dir, _) = editable();
    let d = dir.path();
    let file = d.join("discharge-to-care-home.yaml");
    let base = std::fs::read_to_string(&file).unwrap();
    // Ours deletes the last step, and the link that led to it.
    let ours = carepath::text::yaml::edit_list::remove_item(&base, "steps", 7).unwrap();
    let ours =
        carepath::text::yaml::edit_list::remove_item(&ours, "steps.gp-review.next", 0).unwrap();
    let theirs = carepath::text::yaml::edit::set_value(
        &base,
        "steps.thirty-day-check.title",
        "Thirty-day check with the GP",
    )
    .unwrap();
    let (b, t) = (d.join("base.txt"), d.join("theirs.txt"));
    std::fs::write(&b, &base).unwrap();
    std::fs::write(&t, &theirs).unwrap();
    std::fs::write(&file, &ours).unwrap();
    let code = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("merge")
        .args([&b, &file, &t])
        .status()
        .unwrap()
        .code();
    assert_eq!(code, Some(1));
    std::fs::remove_file(&b).unwrap();
    std::fs::remove_file(&t).unwrap();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(d.to_path_buf())).unwrap());
    render(&mut app);
    keys(&mut app, "/discharge\n\n");
    assert!(
        render(&mut app).contains("⚠ unfinished merge (M)"),
        "the header says so"
    );
    keys(&mut app, "Mt");
    ctrl(&mut app, 's');
    assert_eq!(app.message.as_deref(), Some("Merge finished and saved."));
    let p = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(
        p.step("thirty-day-check").unwrap().title,
        "Thirty-day check with the GP",
        "theirs' step is back"
    );
}

#[test]
fn kept_edits_are_merged_with_what_was_saved_since() {
    let (dir, _) = editable();
    let state = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    let base = std::fs::read_to_string(&file).unwrap();
    // My edits, kept when my connection dropped.
    let mine =
        carepath::text::yaml::edit::set_value(&base, "title", "Discharge to care homes").unwrap();
    carepath::store::persist::journal::write(state.path(), &file, &base, &mine).unwrap();
    // Meanwhile a colleague saved another change.
    std::fs::write(
        &file,
        carepath::text::yaml::edit::set_value(&base, "place", "Riverside North").unwrap(),
    )
    .unwrap();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    app.journal = Some(state.path().to_path_buf());
    render(&mut app);
    keys(&mut app, "/discharge\n\n");
    assert!(render(&mut app).contains("Unsaved edits to this pathway were kept"));
    keys(&mut app, "r");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("merged with what was saved since"),
        "{:?}",
        app.message
    );
    let (p, _) = app.open_pathway().unwrap();
    assert_eq!(
        (p.title.as_str(), p.place.as_deref()),
        ("Discharge to care homes", Some("Riverside North"))
    );
    ctrl(&mut app, 's');
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.place.as_deref()),
        ("Discharge to care homes", Some("Riverside North"))
    );
    assert!(
        carepath::store::persist::journal::read(state.path(), &file).is_none(),
        "saved, so no longer kept"
    );
}

#[test]
fn help_works_over_the_changes_view_and_lists_its_keys() {
    let mut app = app();
    let old = app
        .entries
        .iter()
        .find_map(|e| e.pathway().cloned())
        .unwrap();
    let mut new = old.clone();
    new.title = "Changed".into();
    app.stack.push(carepath::tui::app::DiffView {
        title: "t".into(),
        changes: carepath::diff::diff(&old, &new),
        selected: 0,
    });
    assert!(
        render(&mut app).contains("? help"),
        "the status bar shows it"
    );
    keys(&mut app, "?");
    let screen = render(&mut app);
    assert!(
        screen.contains("Keys on this screen (what changed)")
            && screen.contains("next / previous change"),
        "{screen}"
    );
    keys(&mut app, "?");
    assert!(
        !app.stack.is_open::<carepath::tui::screen::help::Help>()
            && app.stack.is_open::<carepath::tui::app::DiffView>(),
        "closing the help leaves the changes open"
    );
}

#[test]
fn the_form_is_a_screen_on_the_stack_that_help_and_presence_read() {
    use carepath::tui::app::FormState;
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2i");
    assert!(app.stack.is_open::<FormState>());
    assert_eq!(carepath::tui::screen::presence(&app), "editing");
    keys(&mut app, "?");
    assert!(render(&mut app).contains("Keys on this screen (editing)"));
    key(&mut app, KeyCode::Esc);
    assert!(
        app.stack.is_open::<FormState>(),
        "the help closed, not the form"
    );
    // Words pasted into the form's filter find rows as typed ones do.
    keys(&mut app, "/");
    update(&mut app, Message::Paste("detail".into()));
    let form = app.stack.find::<FormState>().unwrap();
    assert_eq!(form.filter.as_deref(), Some("detail"));
    assert_eq!(form.fields[form.selected].label.trim(), "Detail");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(!app.stack.is_open::<FormState>());
    assert_ne!(carepath::tui::screen::presence(&app), "editing");
}
