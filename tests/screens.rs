//! Snapshots of every screen at 80×24 and 120×40, drawn on ratatui's
//! `TestBackend` from a fixture library.

use carepath::store::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::{ColorDepth, Theme};
use carepath::tui::{view::view, worker::drive as update};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(theme: Theme) -> App {
    let source = Source::Folder("tests/fixtures/library".into());
    let mut app = App::new(
        "tests/fixtures/library".into(),
        theme,
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&source).unwrap());
    app.loading.done = true;
    app
}

fn mono() -> App {
    app(Theme::monochrome())
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            // PgDn, which has no character of its own.
            '\u{E000}' => KeyCode::PageDown,
            c => KeyCode::Char(c),
        };
        update(app, Message::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn draw(app: &App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| view(app, f)).unwrap();
    term
}

/// Draws the screen after `keys` at both sizes and snapshots each, on a
/// fresh app from `make` for each size (the guard keeps a temporary
/// library alive while it is drawn).
fn snap_with<G>(name: &str, keys: &str, make: impl Fn() -> (G, App)) {
    for size in SIZES {
        let (_guard, mut app) = make();
        // Draw once first so the key handling knows the layout, as in the app.
        draw(&app, size);
        for key in keys.chars() {
            press(&mut app, &key.to_string());
            draw(&app, size);
        }
        let term = draw(&app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), term.backend());
    }
}

fn snap(name: &str, keys: &str) {
    snap_with(name, keys, || ((), mono()));
}

#[test]
fn library() {
    snap("library", "");
}

#[test]
fn library_with_a_broken_file_selected() {
    snap("library_broken", "g");
}

#[test]
fn library_filtered() {
    snap("library_filter", "/copd");
}

#[test]
fn library_sorted_by_review_date() {
    snap("library_sorted_review", "ss");
}

#[test]
fn pathway_overview() {
    snap("overview", "j\n");
}

#[test]
fn pathway_steps() {
    snap("steps", "j\n2");
}

#[test]
fn pathway_steps_choosing_a_branch() {
    snap("steps_branch", "j\n2\n\nj");
}

#[test]
fn pathway_analyses() {
    snap("analyses", "j\n3");
}

#[test]
fn pathway_monday_morning() {
    snap("monday", "j\n4");
}

#[test]
fn pathway_measures() {
    snap("measures", "j\n5");
}

#[test]
fn help_overlay() {
    snap("help_library", "?");
}

#[test]
fn help_overlay_on_the_steps() {
    snap("help_steps", "j\n2?");
}

#[test]
fn wide_text_and_emoji_fit_their_columns() {
    snap("wide_text", "/copd\n\n");
}

#[test]
fn colours_of_the_dark_theme() {
    let theme = Theme::parse(Theme::builtin_text("dark").unwrap(), ColorDepth::Ansi256).unwrap();
    let mut app = app(theme);
    draw(&app, (80, 24));
    press(&mut app, "j\n2");
    let term = draw(&app, (80, 24));
    insta::assert_debug_snapshot!("dark_theme_steps_80x24", term.backend().buffer());
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut app = mono();
    press(&mut app, "/escapes\n\n");
    for size in SIZES {
        let term = draw(&app, size);
        let buffer = term.backend().buffer();
        let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
        assert!(text.contains("Escapes"), "the escapes pathway is open");
        for bad in ['\x1b', '\x07', '\u{9b}', '\u{202e}'] {
            assert!(!text.contains(bad), "{bad:?} reached the screen");
        }
    }
}

/// A library of the built-in examples, for the screens that need a
/// pathway with several analyses.
fn examples_app() -> App {
    let mut app = App::new(
        "built-in examples".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Builtin).unwrap());
    app.loading.done = true;
    app
}

fn snap_examples(name: &str, keys: &str) {
    snap_with(name, keys, || ((), examples_app()));
}

#[test]
fn compare_two_participants() {
    snap_examples("compare", "\nc");
}

#[test]
fn compare_jumped_to_a_disagreement_only_one_side_sees() {
    snap_examples("compare_only_one_side", "\ncnn");
}

#[test]
fn compare_pair_picker() {
    snap_examples("compare_picker", "\ncpjjb");
}

#[test]
fn compare_every_participant() {
    snap_examples("compare_matrix", "\ncajj");
}

#[test]
fn compare_in_colour() {
    let theme = Theme::parse(Theme::builtin_text("dark").unwrap(), ColorDepth::Ansi256).unwrap();
    let mut app = App::new(
        "x".into(),
        theme,
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Builtin).unwrap());
    draw(&app, (80, 24));
    press(&mut app, "\nc");
    let term = draw(&app, (80, 24));
    insta::assert_debug_snapshot!("dark_theme_compare_80x24", term.backend().buffer());
}

fn editable_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    for f in carepath::store::library::scan_folder(std::path::Path::new("pathways")).unwrap() {
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let mut app = App::new(
        "library".into(),
        Theme::monochrome(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
    );
    app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
    app.loading.done = true;
    app.folder = Some(dir.path().to_path_buf());
    (dir, app)
}

fn snap_editing(name: &str, keys: &str) {
    snap_with(name, keys, editable_app);
}

#[test]
fn edit_form_of_a_step() {
    snap_editing("edit_step_form", "\n2i");
}

#[test]
fn edit_typing_a_value() {
    snap_editing("edit_input", "\n2i\n again");
}

#[test]
fn edit_choosing_a_value() {
    snap_editing("edit_choice", "\n2ijj\n");
}

#[test]
fn edit_the_analyses_form_scrolls() {
    snap_editing("edit_analyses", "\n3ijjjjjjjjjjjjjjjjjjjj");
}

#[test]
fn edit_unsaved_changes_question() {
    snap_editing("edit_confirm", "\ni\n!\n\x1bq");
}

#[test]
fn edit_long_text_in_place() {
    snap_editing("edit_long_text", "\n2ijjjj\nA first line. ");
}

#[test]
fn new_pathway_question() {
    snap_editing("new_pathway", "nFalls at home");
}

#[test]
fn problems_panel() {
    for size in SIZES {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("falls.yaml"),
            "carepath: 1\nid: falls\ntitle: Falls\nstatus: draft\nparticipants:\n  - id: gp\n    name: GP\n    kind: gp\nsteps:\n  - id: assess\n    title: Assess\n    owner: nurse\n  - id: refer\n    title: Refer\n    next: [later]\n",
        )
        .unwrap();
        let mut app = App::new(
            "library".into(),
            Theme::monochrome(),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        );
        app.add_entries(load_all(&Source::Folder(dir.path().to_path_buf())).unwrap());
        app.loading.done = true;
        draw(&app, size);
        press(&mut app, "\n");
        draw(&app, size);
        press(&mut app, "!");
        let term = draw(&app, size);
        insta::assert_snapshot!(format!("problems_{}x{}", size.0, size.1), term.backend());
    }
}

#[test]
fn changes_between_versions() {
    let old: carepath::model::Pathway =
        serde_yaml::from_str(&std::fs::read_to_string("tests/fixtures/diff/old.yaml").unwrap())
            .unwrap();
    let new: carepath::model::Pathway =
        serde_yaml::from_str(&std::fs::read_to_string("tests/fixtures/diff/new.yaml").unwrap())
            .unwrap();
    let changes = carepath::diff::diff(&old, &new);
    snap_with("diff_view", "nn", || {
        let mut app = mono();
        app.diff = Some(carepath::tui::app::DiffView {
            title: "old.yaml → new.yaml".into(),
            changes: changes.clone(),
            selected: 0,
        });
        ((), app)
    });
}

/// Long and multi-line values on the conflict screen are shown whole,
/// wrapped to the pane; PgDn scrolls down through them.
#[test]
fn conflicts_with_long_values_wrap_and_scroll() {
    let long = "Ring the care home the day before discharge to confirm the bed, the medicines, the transport and who will meet the resident on arrival; write down who you spoke to. If the home cannot take the resident that day, say why, agree a new day with the ward and the family, and tell the discharge team before noon so the transport can be moved; a late change costs the resident a night in a bed they no longer need.";
    let conflicts = vec![
        carepath::merge::Conflict {
            path: "steps[handover-call].detail".into(),
            base: Some("Call the home.\nSay when.".into()),
            ours: Some(format!("{long}\nThen tell the family.").into()),
            theirs: Some(format!("{long} Also send the letter.").into()),
        },
        carepath::merge::Conflict {
            path: "title".into(),
            base: Some("Discharge from hospital to a care home".into()),
            ours: Some("Ours".into()),
            theirs: Some("Theirs".into()),
        },
    ];
    for (name, keys) in [
        ("merge_conflicts_long", ""),
        ("merge_conflicts_long_scrolled", "\u{E000}"),
    ] {
        snap_with(name, keys, || {
            let (guard, mut app) = editable_app();
            press(&mut app, "\n");
            let decided = vec![None; conflicts.len()];
            app.pathway.as_mut().unwrap().conflicts = Some(carepath::tui::app::ConflictsState {
                list: conflicts.clone(),
                decided,
                selected: 0,
                input: None,
                theirs_by: Some("Ben Jones's version (saved 10:42)".into()),
                scroll: 0,
            });
            (guard, app)
        });
    }
}

#[test]
fn conflicts_of_an_unfinished_merge() {
    let conflicts = vec![
        carepath::merge::Conflict {
            path: "steps[handover-call].owner".into(),
            base: Some("hospital".into()),
            ours: Some("riverside-gp".into()),
            theirs: Some("oakview".into()),
        },
        carepath::merge::Conflict {
            path: "title".into(),
            base: Some("Discharge from hospital to a care home".into()),
            ours: Some("Ours".into()),
            theirs: Some("Theirs".into()),
        },
    ];
    snap_with("merge_conflicts", "jo", || {
        let (guard, mut app) = editable_app();
        press(&mut app, "\n");
        let decided = vec![None; conflicts.len()];
        app.pathway.as_mut().unwrap().conflicts = Some(carepath::tui::app::ConflictsState {
            list: conflicts.clone(),
            decided,
            selected: 0,
            input: None,
            theirs_by: Some("Ben Jones's version (saved 10:42)".into()),
            scroll: 0,
        });
        (guard, app)
    });
}
