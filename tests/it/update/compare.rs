//! The comparison of two participants' analyses: moving, choosing, linking and turning down pairs.

use super::*;

#[test]
fn c_opens_the_comparison_on_hospital_and_care_home() {
    let mut app = examples();
    keys(&mut app, "\nc");
    let cmp = compare(&app);
    assert_eq!((cmp.a.as_str(), cmp.b.as_str()), ("hospital", "oakview"));
    assert!(render(&mut app).contains("Overall"));
    key(&mut app, KeyCode::Esc);
    assert!(comparing(&app).is_none(), "Esc goes back to the pathway");
    assert!(pathway_open(&app));
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
        on_screen(&app),
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

#[test]
fn confirming_a_suggested_pair_gives_both_one_id() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nc");
    // Compare Oakview with the GP practice: their Friday causes are suggested as one.
    keys(&mut app, "pjjb\n");
    let row = {
        let p = document(&app);
        let cmp = comparing(&app).expect("comparing");
        carepath::compare::align(p, &cmp.a, &cmp.b)
            .unwrap()
            .rows()
            .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
    };
    assert!(row.is_none(), "hospital and GP have no suggested pair");
    keys(&mut app, "pjab\n"); // oakview on the left, GP stays right
    let p = document(&app);
    let cmp = comparing(&app).expect("comparing").clone();
    let at = carepath::compare::align(p, &cmp.a, &cmp.b)
        .unwrap()
        .rows()
        .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
        .unwrap();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "y");
    assert!(message(&app).contains("as one point"), "{}", message(&app));
    let p = document(&app);
    let al = carepath::compare::align(p, &cmp.a, &cmp.b).unwrap();
    assert_eq!(
        al.rows().nth(at).unwrap().matched,
        Some(carepath::compare::Match::Id)
    );
    // One u takes the whole confirmation back.
    keys(&mut app, "u");
    let p = document(&app);
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
        let p = document(&app);
        let cmp = comparing(&app).expect("comparing");
        carepath::compare::align(p, &cmp.a, &cmp.b)
            .unwrap()
            .counts()
            .agree
    };
    // Row 2: only the hospital sees "Families choose homes …".
    keys(&mut app, "jjt");
    let p = document(&app);
    assert!(
        p.analyses["oakview"]
            .causes
            .iter()
            .any(|c| c.text.starts_with("Families choose homes"))
    );
    let p = document(&app);
    let cmp = comparing(&app).expect("comparing");
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
fn a_rejected_suggestion_is_not_suggested_again_here_or_on_the_command_line() {
    let (dir, mut app) = editable();
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "\ncpjajb\n"); // oakview on the left, the GP practice on the right
    let suggested = |app: &App| {
        let p = document(app);
        let cmp = comparing(app).expect("comparing");
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
    let asked = message(&app);
    assert!(asked.starts_with("Reject this suggestion"), "{asked}");
    assert!(render(&mut app).contains("Reject this suggestion"));
    keys(&mut app, "n");
    assert_eq!(suggested(&app), Some(at), "kept");
    keys(&mut app, "ry");
    assert!(
        message(&app).contains("will not be suggested again"),
        "{}",
        message(&app)
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
    assert_eq!(suggested(&app), Some(at), "{}", message(&app));
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
        let p = document(app);
        let cmp = comparing(app).expect("comparing");
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
    let p = document(&app);
    let everywhere = |who: &str| p.analyses[who].causes.iter().any(|c| c.text == taken);
    assert!(
        everywhere("oakview") && everywhere("riverside-gp"),
        "the row on screen was taken: {taken}"
    );
}

#[test]
fn the_question_before_rejecting_is_a_screen_that_any_key_answers() {
    use carepath::tui::keys::Context;
    let mut app = examples();
    keys(&mut app, "\ncpjajb\n");
    let at = compared_rows(&app)
        .iter()
        .position(|r| r.matched == Some(carepath::compare::Match::Suggested))
        .expect("a suggested pair");
    for _ in 0..at {
        keys(&mut app, "j");
    }
    keys(&mut app, "r");
    assert_eq!(
        on_screen(&app),
        Context::Reject,
        "asked, on a screen of its own"
    );
    // The help key is an answer too: the suggestion is kept, no help opens.
    keys(&mut app, "?");
    assert_eq!(message(&app), "Kept as a suggestion.");
    assert_eq!(on_screen(&app), Context::Compare);
    keys(&mut app, "r");
    key(&mut app, KeyCode::Esc);
    assert_eq!(message(&app), "Kept as a suggestion.");
    assert!(comparing(&app).is_some(), "Esc only answers");
    keys(&mut app, "ry");
    assert!(
        message(&app).contains("not suggested again"),
        "{}",
        message(&app)
    );
    assert_eq!(on_screen(&app), Context::Compare);
}
