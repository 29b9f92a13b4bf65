//! The library: filtering, sorting, opening, a new pathway.

use super::*;

#[test]
fn filter_narrows_as_you_type_and_esc_clears_it() {
    let mut app = app();
    assert_eq!(rows_shown(&app), 4);
    keys(&mut app, "/copd");
    assert_eq!(rows_shown(&app), 1);
    assert!(selected_title(&app).starts_with("Integrated COPD"));
    key(&mut app, KeyCode::Backspace);
    assert!(render(&mut app).contains("filter: cop▏"));
    key(&mut app, KeyCode::Esc);
    assert_eq!(rows_shown(&app), 4);
    assert!(!render(&mut app).contains("filter:"));
}

#[test]
fn filter_matches_participants_and_status() {
    let mut app = app();
    keys(&mut app, "/oakview");
    assert_eq!(rows_shown(&app), 1);
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "/agreed");
    assert_eq!(rows_shown(&app), 1);
}

#[test]
fn sort_cycles_title_status_review_and_keeps_the_selection() {
    let mut app = app();
    keys(&mut app, "j");
    let chosen = selected_title(&app);
    keys(&mut app, "s");
    assert!(render(&mut app).contains("sorted by status"));
    assert_eq!(selected_title(&app), chosen);
    // Broken files first by status, so they are seen.
    keys(&mut app, "g");
    assert_eq!(selected_title(&app), "broken.yaml");
    keys(&mut app, "s");
    assert!(render(&mut app).contains("sorted by review date"));
    keys(&mut app, "g");
    assert!(
        selected_title(&app).starts_with("Discharge"),
        "earliest review first"
    );
    keys(&mut app, "s");
    assert!(render(&mut app).contains("sorted by title"));
}

#[test]
fn a_broken_file_does_not_open_and_says_why() {
    let mut app = app();
    keys(&mut app, "g\n");
    assert!(!pathway_open(&app));
    assert!(message(&app).contains("did not load"));
}

#[test]
fn click_selects_then_opens_and_wheel_moves() {
    let mut app = app();
    // Rows start below the header line, the border and the column titles.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert!(selected_title(&app).starts_with("Discharge"));
    assert!(!pathway_open(&app));
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 10, 4);
    assert!(pathway_open(&app), "a second click opens");
    // Click the Steps tab.
    mouse(&mut app, MouseEventKind::Down(MouseButton::Left), 15, 1);
    assert_eq!(tab(&app), Tab::Steps);
    mouse(&mut app, MouseEventKind::ScrollDown, 10, 5);
    assert_eq!(step(&app), 1);
}

#[test]
fn a_new_pathway_from_the_template() {
    let (dir, mut app) = editable();
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "n");
    assert!(render(&mut app).contains("Title of the new pathway"));
    keys(&mut app, "Falls at home: who calls whom?\n");
    let asked = render(&mut app);
    assert!(asked.contains("Id for"), "{asked}");
    assert!(asked.contains("> falls-at-home-who-calls-whom"), "{asked}");
    // Its own keys, in its help.
    key(&mut app, KeyCode::F(1));
    let help = render(&mut app);
    assert!(help.contains("(a new pathway)"), "{help}");
    assert!(
        help.contains("go on to the id, then create the pathway"),
        "{help}"
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Enter);
    assert!(
        !render(&mut app).contains("Title of the new pathway"),
        "the question closes"
    );
    assert!(pathway_open(&app), "the new pathway is open");
    let p = document(&app);
    assert_eq!(p.title, "Falls at home: who calls whom?");
    assert_eq!(
        on_screen(&app),
        carepath::tui::keys::Context::Pathway,
        "the question closed"
    );
    assert!(
        dir.path()
            .join("falls-at-home-who-calls-whom.yaml")
            .exists()
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(rows_shown(&app), 6);
}

#[test]
fn the_built_in_examples_take_no_new_pathways() {
    let mut app = examples();
    keys(&mut app, "n");
    assert!(!render(&mut app).contains("Title of the new pathway"));
    assert!(message(&app).contains("library folder"));
}

#[test]
fn text_pasted_into_the_filter_narrows_the_list_as_one_line() {
    let mut app = app();
    keys(&mut app, "/");
    update(&mut app, Message::Paste("oak\nview".into()));
    assert!(screen_at(&mut app, (120, 24)).contains("filter: oak view▏"));
    assert!(rows_shown(&app) == 0, "no pathway holds “oak view”");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    keys(&mut app, "view");
    assert!(screen_at(&mut app, (120, 24)).contains("filter: oakview▏"));
    assert_eq!(rows_shown(&app), 1);
    key(&mut app, KeyCode::Enter);
    let screen = screen_at(&mut app, (120, 24));
    assert!(
        screen.contains("filter: oakview") && !screen.contains("oakview▏"),
        "Enter keeps the filter: {screen}"
    );
    assert_eq!(rows_shown(&app), 1);
}
