//! Reading a pathway: walking its steps, its tabs, scrolling, finding, help.

use super::*;
use carepath::tui::keys::Context;
use carepath::tui::screen::help::Help;

#[test]
fn walking_follows_branches_and_goes_back() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n2");
    assert_eq!((tab(&app), step(&app)), (Tab::Steps, 0));
    keys(&mut app, "\n");
    assert_eq!(on_screen(&app), Context::Exits);
    keys(&mut app, "\n"); // plan-early → capacity (a decision)
    assert_eq!(step(&app), 1);
    keys(&mut app, "j\n"); // second branch: No → best-interests-meeting
    assert_eq!(step(&app), 3);
    keys(&mut app, "b");
    assert_eq!(step(&app), 1);
    keys(&mut app, "b");
    assert_eq!(step(&app), 0);
    keys(&mut app, "b");
    assert!(message(&app).contains("began"));
    key(&mut app, KeyCode::Esc);
    assert!(!pathway_open(&app), "Esc goes back to the library");
}

#[test]
fn sections_switch_by_digit_and_tab() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n");
    keys(&mut app, "3");
    assert_eq!(tab(&app), Tab::Analyses);
    key(&mut app, KeyCode::Tab);
    assert_eq!(tab(&app), Tab::Monday);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(tab(&app), Tab::Measures, "wraps around");
}

#[test]
fn scrolling_stops_at_the_end_of_the_text() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n3");
    for _ in 0..100 {
        keys(&mut app, "j");
    }
    let at_end = scroll(&app);
    assert!(at_end < 100, "scroll is clamped, got {at_end}");
    keys(&mut app, "k");
    assert_eq!(
        scroll(&app),
        at_end.saturating_sub(1),
        "one key moves back at once"
    );
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    keys(&mut app, "?");
    assert!(is_open::<Help>(&app));
    assert!(render(&mut app).contains("Keys on this screen"));
    keys(&mut app, "q");
    assert!(!is_open::<Help>(&app));
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
    assert_eq!(on_screen(&app), Context::Filter);
    keys(&mut app, "\n");
    assert!(render(&mut app).contains("find: medicines"));
    let first = scroll(&app);
    keys(&mut app, "n");
    let second = scroll(&app);
    assert!(
        second > first,
        "n moves on to the next place ({first} → {second})"
    );
    keys(&mut app, "N");
    assert_eq!(scroll(&app), first, "N comes back");
    keys(&mut app, "/zebra");
    assert!(message(&app).contains("not in this section"));
}

#[test]
fn find_among_steps_selects_the_step() {
    let mut app = app();
    keys(&mut app, "/discharge\n\n2");
    keys(&mut app, "/best\n");
    assert_eq!(step(&app), 3);
    keys(&mut app, "n");
    assert_eq!(step(&app), 3, "the only match stays selected");
    key(&mut app, KeyCode::Esc);
    assert!(
        !pathway_open(&app),
        "after the search, Esc leaves as before"
    );
}

#[test]
fn the_keys_for_the_whole_pathway_work_from_its_sections_and_its_steps() {
    for section in ['1', '2', '4'] {
        let mut app = app();
        keys(&mut app, &format!("/discharge\n\n{section}"));
        keys(&mut app, "M");
        assert!(
            message(&app).contains("no unfinished merge"),
            "M on section {section}: {}",
            message(&app)
        );
        keys(&mut app, "O");
        assert!(
            on_screen(&app) == Context::Meeting,
            "O opens the meeting from section {section}"
        );
    }
    // Choosing where to go from a step, or in the flow, they are not keys.
    for (how, keys_to) in [("choosing an exit", "2\n"), ("the flow", "2v")] {
        let mut app = app();
        keys(&mut app, &format!("/discharge\n\n{keys_to}"));
        keys(&mut app, "MO");
        assert_eq!(message(&app), "", "{how}");
        assert_ne!(on_screen(&app), Context::Meeting, "{how}");
    }
}
