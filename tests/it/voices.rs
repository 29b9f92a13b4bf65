//! Every participant's own analysis, and points linked by hand in the
//! comparison: `update` driven by keys, as a user would.

use super::harness::{
    alignment, choose_row, compared_rows, comparing, document, examples_copy, file_text, is_open,
    keys, message, on_screen, press as key, screen as render, screen_of,
};
use carepath::compare::{Match, RowStatus, align};
use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::theme::Theme;
use chrono::NaiveDate;
use crossterm::event::KeyCode;

/// A library in a temporary folder holding a copy of the examples, with
/// the discharge pathway open.
fn discharge() -> (tempfile::TempDir, App) {
    let dir = examples_copy();
    let mut app = App::new(
        "lib".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.folder = Some(dir.path().to_path_buf());
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    render(&mut app);
    keys(&mut app, "\n");
    assert_eq!(document(&app).id, "discharge-to-care-home");
    (dir, app)
}

fn saved_text(app: &App) -> String {
    file_text(app)
}

#[test]
fn the_overview_names_who_has_no_analysis_and_the_key_that_starts_one() {
    let (_dir, mut app) = discharge();
    let screen = render(&mut app);
    assert!(screen.contains("Everybody counts"), "{screen}");
    let line = carepath::tui::analyses::everybody_counts(document(&app)).unwrap();
    assert!(
        line.contains("Riverside Council adult social care"),
        "{line}"
    );
    assert!(line.contains("A starts one"), "{line}");
}

#[test]
fn a_starts_an_analysis_written_as_people_write_them() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "3A");
    let form = screen_of::<carepath::tui::app::FormState>(&app);
    assert!(form.input.is_some(), "typing the first cause at once");
    keys(&mut app, "No social worker is told before discharge\n");
    let p = document(&app);
    assert_eq!(
        p.analyses["council-asc"].causes[0].text,
        "No social worker is told before discharge"
    );
    assert!(
        saved_text(&app).contains(
            "  council-asc:\n    causes:\n      - text: No social worker is told before discharge\n"
        ),
        "indented as the rest of the file:\n{}",
        saved_text(&app)
    );
    assert!(carepath::tui::analyses::everybody_counts(p).is_none());
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "A");
    assert!(
        message(&app).contains("Every participant has an analysis"),
        "{}",
        message(&app)
    );
}

#[test]
fn removing_an_analysis_asks_first() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "3X");
    let q = screen_of::<carepath::tui::screen::question::Question>(&app).clone();
    assert!(q.answers.len() >= 3);
    keys(&mut app, "j\n"); // Oakview
    let q = screen_of::<carepath::tui::screen::question::Question>(&app).clone();
    assert!(
        q.text.contains("Oakview Care Home's analysis"),
        "{}",
        q.text
    );
    assert!(render(&mut app).contains("yes, remove it"));
    keys(&mut app, "n");
    assert!(document(&app).analyses.contains_key("oakview"));
    keys(&mut app, "Xj\ny");
    assert!(!document(&app).analyses.contains_key("oakview"));
    assert!(message(&app).contains("Removed Oakview Care Home's analysis"));
    keys(&mut app, "u");
    assert!(document(&app).analyses.contains_key("oakview"));
}

#[test]
fn taking_a_point_to_a_side_with_no_analysis_offers_to_start_one() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "c");
    // The council on the right: the fourth participant.
    keys(&mut app, "pjjjb\n");
    let cmp = comparing(&app).expect("comparing").clone();
    assert_eq!(cmp.b, "council-asc");
    assert!(render(&mut app).contains("Everybody counts"));
    keys(&mut app, "t");
    let q = screen_of::<carepath::tui::screen::question::Question>(&app).clone();
    assert!(q.text.contains("has no analysis yet"), "{}", q.text);
    keys(&mut app, "y");
    let p = document(&app);
    let hospital_first = p.analyses["hospital"].causes[0].text.clone();
    assert_eq!(p.analyses["council-asc"].causes[0].text, hospital_first);
}

/// The rows of the comparison on screen.
fn rows(app: &App) -> Vec<carepath::compare::Row> {
    compared_rows(app)
}

fn go_to(app: &mut App, row: usize) {
    keys(app, "g");
    for _ in 0..row {
        keys(app, "j");
    }
}

#[test]
fn two_points_are_linked_by_hand_and_unlinked() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "c");
    let all = rows(&app);
    let a = all
        .iter()
        .position(|r| r.status == RowStatus::OnlyA)
        .unwrap();
    let b = all
        .iter()
        .position(|r| r.status == RowStatus::OnlyB)
        .unwrap();
    let (ta, tb) = (
        all[a].a.as_ref().unwrap().text.clone(),
        all[b].b.as_ref().unwrap().text.clone(),
    );
    go_to(&mut app, a);
    keys(&mut app, "L");
    assert!(
        render(&mut app).contains("Linking"),
        "says what is being linked"
    );
    let diff = b as isize - a as isize;
    for _ in 0..diff.unsigned_abs() {
        keys(&mut app, if diff > 0 { "j" } else { "k" });
    }
    key(&mut app, KeyCode::Enter);
    assert!(
        message(&app).contains("Linked as one point"),
        "{}",
        message(&app)
    );
    let selected = comparing(&app).expect("comparing").selected;
    assert!(
        selected < rows(&app).len(),
        "the selection is on a row still there"
    );
    let p = document(&app);
    let al = align(p, "hospital", "oakview").unwrap();
    let linked = al
        .rows()
        .position(|r| {
            r.matched == Some(Match::Id)
                && r.a.as_ref().is_some_and(|x| x.text == ta)
                && r.b.as_ref().is_some_and(|y| y.text == tb)
        })
        .expect("one point now");
    go_to(&mut app, linked);
    keys(&mut app, "U");
    assert!(message(&app).contains("Unlinked"), "{}", message(&app));
    assert!(
        !rows(&app)
            .iter()
            .any(|r| r.matched == Some(Match::Id) && r.b.as_ref().is_some_and(|y| y.text == tb))
    );
    // Unlinked, it is not offered back as a likely partner.
    let p = document(&app);
    let al = alignment(&app);
    let lone_a = rows(&app)
        .iter()
        .position(|r| r.a.as_ref().is_some_and(|x| x.text == ta))
        .unwrap();
    assert!(
        carepath::tui::link::likely(&app, p, &al, lone_a)
            .iter()
            .all(|x| x.point.text != tb)
    );
}

#[test]
fn linking_to_a_point_of_the_same_side_says_why_and_esc_stops() {
    use carepath::tui::keys::Context;
    let (_dir, mut app) = discharge();
    keys(&mut app, "c");
    let a = rows(&app)
        .iter()
        .position(|r| r.status == RowStatus::OnlyA)
        .unwrap();
    go_to(&mut app, a);
    keys(&mut app, "L");
    assert_eq!(on_screen(&app), Context::LinkTo);
    // Enter on the point itself: its partner is on the other side.
    key(&mut app, KeyCode::Enter);
    assert!(
        message(&app).contains("Choose a point of the other side"),
        "{}",
        message(&app)
    );
    assert_eq!(on_screen(&app), Context::LinkTo, "still choosing");
    key(&mut app, KeyCode::Esc);
    assert_eq!(message(&app), "Not linked.");
    assert_eq!(on_screen(&app), Context::Compare);
    assert!(!render(&mut app).contains("Linking"));
}

#[test]
fn a_lone_point_lists_its_likely_partners_and_a_digit_links_one() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "c");
    let all = rows(&app);
    let p = document(&app);
    let al = alignment(&app);
    let with = (0..all.len())
        .find(|&n| !carepath::tui::link::likely(&app, p, &al, n).is_empty())
        .expect("some lone point has a likely partner");
    let partner = carepath::tui::link::likely(&app, p, &al, with)[0].clone();
    go_to(&mut app, with);
    let screen = render(&mut app);
    assert!(screen.contains("Likely partners"), "{screen}");
    assert!(!partner.reason().is_empty());
    keys(&mut app, "1");
    assert!(
        message(&app).contains("Linked as one point"),
        "{}",
        message(&app)
    );
    assert!(rows(&app).iter().any(|r| {
        r.matched == Some(Match::Id)
            && [&r.a, &r.b]
                .iter()
                .any(|x| x.as_ref().is_some_and(|x| x.text == partner.point.text))
    }));
}

#[test]
fn adding_a_participant_offers_to_start_their_analysis() {
    let (_dir, mut app) = discharge();
    keys(&mut app, "1i");
    choose_row(
        &mut app,
        |f| {
            f.kind == carepath::tui::app::FieldKind::Add
                && f.item.as_ref().is_some_and(|i| i.list == "participants")
        },
        "an add row for participants",
    );
    key(&mut app, KeyCode::Enter);
    keys(&mut app, "Riverside Hospice");
    key(&mut app, KeyCode::Enter);
    assert!(
        !is_open::<carepath::tui::screen::question::Question>(&app),
        "what kind they are is asked first"
    );
    key(&mut app, KeyCode::Enter);
    let q = screen_of::<carepath::tui::screen::question::Question>(&app).clone();
    assert!(q.text.contains("Start an analysis for the new participant"));
    keys(&mut app, "y");
    let p = document(&app);
    let new = p.participants.last().unwrap().id.clone();
    assert!(p.analyses.contains_key(&new), "their analysis is started");
    assert!(carepath::model::validate(p).iter().all(|x| !x.dangling));
    // Their first cause is being typed; Esc before a word is written
    // takes the start back, so no prompt text is left in the file.
    key(&mut app, KeyCode::Esc);
    let p = document(&app);
    assert!(!p.analyses.contains_key(&new), "{}", message(&app));
    assert!(message(&app).contains("not started"), "{}", message(&app));
}

#[test]
fn no_message_or_list_of_changes_shows_a_yaml_path() {
    use carepath::model::words::holds_path;
    let (_dir, mut app) = discharge();
    let mut said = Vec::new();
    let script = [
        "2ijj\njj\n\x1b", // a step's kind
        "3A",             // the council's analysis
        "Nobody tells us\n\x1b",
        "Xjj\ny", // remove the GP's analysis
        "u",
        "cjjLj\n", // link two points by hand
        "U",
        "t",
        "1",
        "\x1b",
        "d",
    ];
    for part in script {
        for c in part.chars() {
            keys(&mut app, &c.to_string());
            said.push(message(&app));
        }
    }
    for m in &said {
        assert!(!holds_path(m), "a message shows a YAML path: {m}");
    }
    assert!(
        is_open::<carepath::tui::app::DiffView>(&app),
        "d shows the unsaved changes"
    );
    let screen = render(&mut app);
    assert!(
        !holds_path(&screen),
        "the list of changes shows a YAML path:\n{screen}"
    );
    let p = document(&app);
    // A path in an error from below is said in words too.
    let error = "Not changed: steps.0.red_flags.7 cannot be found in this pathway";
    let said = carepath::model::words::in_words(Some(p), error);
    assert!(!holds_path(&said), "{said}");
    assert!(said.contains("step 1, 'Plan discharge"), "{said}");
    assert_eq!(
        carepath::model::words::in_words(Some(p), "sign_off[0].at"),
        carepath::model::words::describe(Some(p), "sign_off.0")
    );
    assert_eq!(
        carepath::model::words::describe(Some(p), "analyses.oakview.causes[1]"),
        "Oakview Care Home's cause 2, 'Discharged late on Friday…'"
    );
}

#[test]
fn every_participant_at_once_puts_the_point_weighed_differently_by_most_first() {
    let p: carepath::model::Pathway = serde_yaml::from_str(
        "carepath: 1\nid: t\ntitle: T\nstatus: draft\nparticipants:\n\
         - {id: ward, name: Ward, kind: hospital}\n\
         - {id: home, name: Home, kind: care-home}\n\
         - {id: gp, name: GP, kind: gp}\n\
         analyses:\n\
         \x20 ward:\n    causes:\n\
         \x20     - {text: Beds are short in winter, weight: high}\n\
         \x20     - {id: late, text: Late discharges, weight: low}\n\
         \x20 home:\n    causes:\n\
         \x20     - {text: Staff turnover is high, weight: high}\n\
         \x20     - {id: late, text: Late on Friday, weight: high}\n\
         \x20 gp:\n    causes:\n\
         \x20     - {id: late, text: Discharged at night, weight: medium}\n",
    )
    .unwrap();
    let m = carepath::compare::matrix(&p);
    assert_eq!(
        m.rows[0].cells.iter().flatten().count(),
        3,
        "the three-way, weight-disputed point comes first: {:?}",
        m.rows.iter().map(|r| &r.label).collect::<Vec<_>>()
    );
}
