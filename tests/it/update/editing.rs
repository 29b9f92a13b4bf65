//! The edit form: typing, choosing, lists, steps, problems, pasted and edited text.

use super::*;

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
    assert!(message(&app).starts_with("Saved"));
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
    assert_eq!(document(&app).steps[0].owner.as_deref(), Some("oakview"));
}

#[test]
fn the_built_in_examples_are_read_only() {
    let mut app = examples();
    app.read_only = true;
    keys(&mut app, "\ni");
    assert!(!is_open::<carepath::tui::app::FormState>(&app));
    assert!(message(&app).contains("read-only"));
}

#[test]
fn leaving_with_unsaved_changes_asks_and_cancel_stays() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\ni\n!\n");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    assert!(
        is_open::<carepath::tui::screen::confirm::Confirm>(&app),
        "Esc to the library asks first"
    );
    keys(&mut app, "c");
    assert!(pathway_open(&app) && !is_open::<carepath::tui::screen::confirm::Confirm>(&app));
    keys(&mut app, "q");
    keys(&mut app, "s");
    assert!(app.quit, "saved, then quit");
}

#[test]
fn steps_are_added_moved_and_deleted_and_undone() {
    let (dir, mut app) = editable();
    keys(&mut app, "\n2");
    keys(&mut app, "a");
    keys(&mut app, "Check the bed is ready\n");
    assert_eq!(step_ids(&app)[1], "check-the-bed-is-ready");
    assert_eq!(step(&app), 1, "the new step is selected");
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
    assert!(message(&app).contains("lead here"), "{}", message(&app));
}

#[test]
fn long_text_is_written_in_place_and_kept_on_leaving() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2ijjjj\n");
    assert!(is_open::<carepath::tui::screen::text_editor::TextEditor>(
        &app
    ));
    assert!(render(&mut app).contains("Esc or Ctrl-s when done"));
    keys(&mut app, "Start here. ");
    key(&mut app, KeyCode::Esc);
    let detail = document(&app).steps[0].detail.clone().unwrap();
    assert!(detail.starts_with("Start here. The ward names"), "{detail}");
    keys(&mut app, "u");
    let detail = document(&app).steps[0].detail.clone().unwrap();
    assert!(
        detail.starts_with("The ward names"),
        "u takes the text back"
    );
}

#[test]
fn renaming_a_step_id_follows_every_reference_and_undoes_whole() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2jjjj"); // step 5: meds-ready, which the decision's branches lead to
    keys(&mut app, "ij\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "medicines-ready\n");
    let p = document(&app);
    assert_eq!(p.steps[4].id, "medicines-ready");
    assert!(
        p.steps
            .iter()
            .flat_map(|s| s.exits())
            .all(|e| e.target != "meds-ready")
    );
    assert!(message(&app).contains("everywhere it is used"));
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "u");
    let p = document(&app);
    assert_eq!(p.steps[4].id, "meds-ready");
    assert!(
        p.steps[1].branches.iter().any(|b| b.next == "meds-ready"),
        "one undo takes the whole rename back"
    );
}

#[test]
fn every_list_takes_items_added_moved_and_deleted_from_the_form() {
    let (dir, mut app) = editable();
    keys(&mut app, "\n2i"); // step 1's form
    to_row(&mut app, "+ add red flag");
    // "+ add" opens an empty line at once: letters are words, not keys.
    keys(&mut app, "\nexhausted carer\n"); // a red flag at the end
    assert_eq!(document(&app).steps[0].red_flags.len(), 3);
    keys(&mut app, "K"); // move it above the second
    assert_eq!(document(&app).steps[0].red_flags[1], "exhausted carer");
    to_row(&mut app, "+ add branch");
    // Where the branch goes is asked at once, at the step below.
    keys(&mut app, "\nIf the home cannot meet needs\n");
    assert!(message(&app).contains("where does it go?"));
    keys(&mut app, "\n");
    let branch = document(&app).steps[0].branches[0].clone();
    assert_eq!(
        (branch.when.as_str(), branch.next.as_str()),
        ("If the home cannot meet needs", "home-can-meet-needs")
    );
    keys(&mut app, "x"); // and take it away again
    assert!(document(&app).steps[0].branches.is_empty());
    key(&mut app, KeyCode::Esc);

    keys(&mut app, "1i"); // the pathway's form
    to_row(&mut app, "Measure 2");
    keys(&mut app, "K");
    assert_eq!(
        document(&app).measures[0].text,
        "Discharges with a recorded handover call"
    );
    to_row(&mut app, "Principle 3");
    keys(&mut app, "x");
    assert_eq!(document(&app).principles.len(), 2);
    to_row(&mut app, "Participant 1");
    keys(&mut app, "x");
    assert!(
        message(&app).starts_with("Not deleted"),
        "the hospital owns steps"
    );
    key(&mut app, KeyCode::Esc);

    keys(&mut app, "3i"); // the analyses
    // Found by typing its words, though Oakview's rows start folded.
    keys(&mut app, "/add value for oak\n");
    keys(&mut app, "\nDignity in every move\n");
    assert_eq!(document(&app).analyses["oakview"].values.len(), 3);
    key(&mut app, KeyCode::Esc);

    ctrl(&mut app, 's');
    assert!(message(&app).starts_with("Saved"), "{}", message(&app));
    let saved =
        carepath::store::read::load::load_file(&dir.path().join("discharge-to-care-home.yaml"))
            .unwrap();
    assert_eq!(&saved, document(&app));
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
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
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
    assert_eq!(
        (tab(&app), step(&app)),
        (Tab::Steps, 1),
        "Enter goes to the step"
    );
    keys(&mut app, "1ijj\n"); // Status
    keys(&mut app, "jj\n"); // agreed
    assert!(
        message(&app).starts_with("Not agreed: 1 reference points at nothing"),
        "{}",
        message(&app)
    );
    assert_eq!(document(&app).status.as_str(), "draft");
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
    let detail = document(&app).steps[0].detail.clone().unwrap();
    assert!(
        detail.starts_with("First line.\nSecond line.\nThe ward names"),
        "{detail:?}"
    );
    keys(&mut app, "kkkk\n"); // the title, typed in one line
    ctrl(&mut app, 'u');
    update(&mut app, Message::Paste("Plan\nearly".into()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(document(&app).steps[0].title, "Plan early");
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
        message(&app).contains("e opens your text again"),
        "{}",
        message(&app)
    );
    assert_eq!(document(&app).steps[0].kind.as_str(), "action");
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
fn the_form_is_a_screen_on_the_stack_that_help_and_presence_read() {
    use carepath::tui::app::FormState;
    let (_dir, mut app) = editable();
    keys(&mut app, "\n2i");
    assert!(is_open::<FormState>(&app));
    assert_eq!(carepath::tui::screen::presence(&app), "editing");
    keys(&mut app, "?");
    assert!(render(&mut app).contains("Keys on this screen (editing)"));
    key(&mut app, KeyCode::Esc);
    assert!(is_open::<FormState>(&app), "the help closed, not the form");
    // Words pasted into the form's filter find rows as typed ones do.
    keys(&mut app, "/");
    update(&mut app, Message::Paste("detail".into()));
    let form = screen_of::<FormState>(&app);
    assert_eq!(form.filter.as_deref(), Some("detail"));
    assert_eq!(form.fields[form.selected].label.trim(), "Detail");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    assert!(!is_open::<FormState>(&app));
    assert_ne!(carepath::tui::screen::presence(&app), "editing");
}
