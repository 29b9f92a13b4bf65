//! Snapshots of every screen at 80×24 and 120×40, drawn on ratatui's
//! `TestBackend` from a fixture library.

use super::harness::{app_of, examples_copy, join, keys, keys_at, show};
use carepath::store::library::source::{Source, load_all};
use carepath::tui::app::App;
use carepath::tui::theme::{ColorDepth, Theme};
use carepath::tui::view::draw as draw_app;
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn app(theme: Theme) -> App {
    let source = Source::Folder("tests/fixtures/library".into());
    app_of("tests/fixtures/library", theme, &source)
}

fn mono() -> App {
    app(Theme::monochrome())
}

fn draw(app: &mut App, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    draw_app(&mut term, app).unwrap();
    term
}

/// Draws the screen after `keys` at both sizes and snapshots each, on a
/// fresh app from `make` for each size (the guard keeps a temporary
/// library alive while it is drawn).
fn snap_with<G>(name: &str, typed: &str, make: impl Fn() -> (G, App)) {
    for size in SIZES {
        let (_guard, mut app) = make();
        // Draw once first so the key handling knows the layout, as in the app.
        draw(&mut app, size);
        keys_at(&mut app, typed, size);
        let term = draw(&mut app, size);
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
    draw(&mut app, (80, 24));
    keys(&mut app, "j\n2");
    let term = draw(&mut app, (80, 24));
    insta::assert_debug_snapshot!("dark_theme_steps_80x24", term.backend().buffer());
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut app = mono();
    keys(&mut app, "/escapes\n\n");
    for size in SIZES {
        let term = draw(&mut app, size);
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
    app_of("built-in examples", Theme::monochrome(), &Source::Builtin)
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
    draw(&mut app, (80, 24));
    keys(&mut app, "\nc");
    let term = draw(&mut app, (80, 24));
    insta::assert_debug_snapshot!("dark_theme_compare_80x24", term.backend().buffer());
}

fn editable_app() -> (tempfile::TempDir, App) {
    let dir = examples_copy();
    let mut app = app_of(
        "library",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
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
        let mut app = app_of(
            "library",
            Theme::monochrome(),
            &Source::Folder(dir.path().to_path_buf()),
        );
        draw(&mut app, size);
        keys(&mut app, "\n");
        draw(&mut app, size);
        keys(&mut app, "!");
        let term = draw(&mut app, size);
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
        show(
            &mut app,
            carepath::tui::app::DiffView {
                title: "old.yaml → new.yaml".into(),
                changes: changes.clone(),
                selected: 0,
            },
        );
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
    for (name, typed) in [
        ("merge_conflicts_long", ""),
        ("merge_conflicts_long_scrolled", "\u{E000}"),
    ] {
        snap_with(name, typed, || {
            let (guard, mut app) = editable_app();
            keys(&mut app, "\n");
            show(
                &mut app,
                carepath::tui::screen::conflicts::Conflicts {
                    theirs_by: Some("Ben Jones's version (saved 10:42)".into()),
                    ..carepath::tui::screen::conflicts::Conflicts::new(conflicts.clone())
                },
            );
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
        keys(&mut app, "\n");
        show(
            &mut app,
            carepath::tui::screen::conflicts::Conflicts {
                theirs_by: Some("Ben Jones's version (saved 10:42)".into()),
                ..carepath::tui::screen::conflicts::Conflicts::new(conflicts.clone())
            },
        );
        (guard, app)
    });
}

#[test]
fn analyses_a_new_one_typed_in_the_form() {
    snap_editing("analysis_started", "\n3A");
}

#[test]
fn analyses_removing_one_asks_first() {
    snap_editing("analysis_remove_question", "\n3Xj\n");
}

#[test]
fn compare_taking_a_point_to_a_side_with_no_analysis() {
    snap_editing("compare_take_offers_analysis", "\ncpjjjb\nt");
}

#[test]
fn compare_linking_by_hand() {
    snap_editing("compare_linking", "\ncjjLj");
}

#[test]
fn compare_likely_partners_of_a_lone_point() {
    snap_editing("compare_likely_partners", "\ncpjjb\n");
}

#[test]
fn flow_of_the_steps() {
    // The example with a decision: its branches, a referral, paths joining.
    snap_editing("flow", "\n2v");
}

#[test]
fn flow_of_the_steps_moved_down() {
    snap_editing("flow_moved", "\n2vjjj");
}

#[test]
fn form_rows_found_by_typing() {
    snap_editing("form_find", "\n3i/medicine");
}

#[test]
fn form_a_participant_opened_from_its_fold() {
    snap_editing("form_fold_open", "\n3ij\n");
}

#[test]
fn form_add_opens_an_empty_line_with_its_keys() {
    snap_editing("form_add_input", "\n4iG\n");
}

#[test]
fn form_a_date_that_cannot_be_read_is_kept() {
    snap_editing("form_date_unreadable", "\nijjj\n or so\n");
}

#[test]
fn measures_edited_where_they_are_shown() {
    snap_editing("edit_measures", "\n5i");
}

#[test]
fn choice_list_found_by_typing() {
    snap_editing("choice_find", "\n2ijjj\n/gp");
}

/// The library of one pathway, with a colleague in it, as `asmith` (who
/// speaks for the hospital) sees it.
fn team_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "pathways/discharge-to-care-home.yaml",
        dir.path().join("discharge-to-care-home.yaml"),
    )
    .unwrap();
    let mut app = app_of(
        "library",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    app.folder = Some(dir.path().to_path_buf());
    join(&mut app, dir.path(), "asmith", "ward-pc", 1);
    app.team.people = carepath::store::team::people::People::parse(
        "people.yaml",
        "asmith:\n  name: Dr Anna Smith\n  participant: hospital\n  role: Consultant geriatrician\nbjones:\n  name: Ben Jones\n  participant: oakview\n",
    )
    .unwrap();
    app.team.others = vec![carepath::store::team::presence::Presence {
        user: "bjones".into(),
        name: "Ben Jones".into(),
        host: "home-pc".into(),
        pid: 2,
        pathway: Some("discharge-to-care-home".into()),
        step: Some("handover-call".into()),
        screen: "steps".into(),
        heartbeat: chrono::Utc::now(),
        leading: None,
        view: None,
    }];
    (dir, app)
}

#[test]
fn who_is_here() {
    snap_with("who_is_here", "\n2w", team_app);
}

#[test]
fn presence_by_initials_and_who_cannot_sign() {
    // The overview's sign-off names the participants nobody can sign for.
    snap_with("overview_nobody_can_sign", "\nG", team_app);
}

#[test]
fn the_analyses_form_opens_at_the_users_participant() {
    snap_with("edit_analyses_mine", "\n3i", team_app);
}

#[test]
fn a_library_of_one_pathway() {
    snap_with("library_one", "", || {
        let (dir, mut app) = team_app();
        app.team = Default::default();
        (dir, app)
    });
}

#[test]
fn an_empty_library_says_how_to_start() {
    snap_with("library_empty", "", || {
        let dir = tempfile::tempdir().unwrap();
        let mut app = App::new(
            "library".into(),
            Theme::monochrome(),
            NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        );
        app.loading.done = true;
        app.folder = Some(dir.path().to_path_buf());
        (dir, app)
    });
}

/// The example library, its discharge pathway (with a decision, a question
/// and an overdue action) also holding a year of monthly readmission
/// figures with a shift.
fn meeting_app() -> (tempfile::TempDir, App) {
    let (dir, _) = editable_app();
    let file = dir.path().join("discharge-to-care-home.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let values: String = [
        19.0, 18.5, 20.1, 19.4, 18.8, 19.9, 15.2, 14.8, 14.1, 13.9, 13.2, 12.6,
    ]
    .iter()
    .enumerate()
    .map(|(i, v)| format!("      - date: 2026-{:02}-01\n        value: {v}\n", i + 1))
    .collect();
    let text = text.replace(
        "    target: below 12% (from 19%)\n",
        &format!("    target: below 12% (from 19%)\n    values:\n{values}"),
    );
    std::fs::write(&file, text).unwrap();
    let mut app = app_of(
        "library",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    app.folder = Some(dir.path().to_path_buf());
    (dir, app)
}

fn snap_meeting(name: &str, keys: &str) {
    snap_with(name, keys, meeting_app);
}

#[test]
fn meeting_agenda() {
    snap_meeting("meeting", "\nO");
}

#[test]
fn meeting_decision_form() {
    snap_meeting("meeting_decision", "\nOdWard rings first");
}

#[test]
fn meeting_decision_shown_in_the_comparison() {
    snap_meeting("meeting_decided", "\ncaj");
}

#[test]
fn meeting_question_thread() {
    snap_with("meeting_thread", "", || {
        let (dir, mut app) = meeting_app();
        let size = (120, 40);
        draw(&mut app, size);
        keys(&mut app, "\nO");
        let at = carepath::tui::meeting::agenda(&app)
            .iter()
            .position(|i| i.kind == carepath::tui::meeting::Kind::Question)
            .unwrap();
        for _ in 0..at {
            keys(&mut app, "j");
        }
        keys(&mut app, "\n");
        (dir, app)
    });
}

#[test]
fn meeting_action_form() {
    snap_meeting("meeting_action", "\nOa");
}

#[test]
fn meeting_run_chart() {
    snap_with("meeting_run_chart", "", || {
        let (dir, mut app) = meeting_app();
        draw(&mut app, (120, 40));
        keys(&mut app, "\nO");
        let at = carepath::tui::meeting::agenda(&app)
            .iter()
            .position(|i| i.kind == carepath::tui::meeting::Kind::Measure)
            .unwrap();
        for _ in 0..at {
            keys(&mut app, "j");
        }
        keys(&mut app, "\n");
        (dir, app)
    });
}

#[test]
fn meeting_follow_prompt() {
    snap_with("meeting_follow_prompt", "", || {
        let (dir, mut app) = meeting_app();
        draw(&mut app, (120, 40));
        keys(&mut app, "\n");
        app.team.others = vec![carepath::store::team::presence::Presence {
            user: "asmith".into(),
            name: "Dr Anna Smith".into(),
            host: "elsewhere".into(),
            pid: 9,
            pathway: Some("discharge-to-care-home".into()),
            step: None,
            screen: "meeting".into(),
            heartbeat: chrono::Utc::now(),
            leading: Some("discharge-to-care-home".into()),
            view: Some("meeting/0".into()),
        }];
        (dir, app)
    });
}

#[test]
fn meeting_counts_on_the_library() {
    snap_meeting("meeting_library", "");
}

#[test]
fn meeting_counts_on_the_overview() {
    snap_meeting("meeting_overview", "\n");
}

#[test]
fn measures_tab_lists_latest_values_and_signals() {
    snap_meeting("measures_tab", "\n5");
}

#[test]
fn measures_tab_opens_the_chosen_run_chart() {
    snap_meeting("measures_tab_chart", "\n5\n");
}

#[test]
fn measures_tab_without_values_says_so() {
    snap_meeting("measures_tab_no_values", "\n5j\n");
}
