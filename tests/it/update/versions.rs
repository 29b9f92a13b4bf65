//! Changes between versions, saves that meet a colleague's, and unfinished merges.

use super::*;

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
    assert!(message(&app).starts_with("Saved"), "{}", message(&app));
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(
        (saved.title.as_str(), saved.place.as_deref()),
        (
            "Discharge from hospital to a care home!",
            Some("Riverside North")
        )
    );
    assert_eq!(
        document(&app).place.as_deref(),
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
        message(&app).contains("changed what you changed (title)"),
        "{}",
        message(&app)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), theirs);
}

#[test]
fn d_shows_what_unsaved_edits_change_and_n_moves_between_changes() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nd");
    assert!(!is_open::<carepath::tui::app::DiffView>(&app));
    assert!(message(&app).contains("no unsaved edits"));
    keys(&mut app, "2ijj\njj\n"); // step 1's kind: referral
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "i\n!\n"); // and its title
    key(&mut app, KeyCode::Esc);
    keys(&mut app, "d");
    let view = screen_of::<carepath::tui::app::DiffView>(&app);
    assert_eq!(view.changes.len(), 2, "{:#?}", view.changes);
    let screen = render(&mut app);
    assert!(
        screen.contains("~ changed The kind of step 1, 'Plan discharge from the day…': changed"),
        "{screen}"
    );
    keys(&mut app, "n");
    assert_eq!(screen_of::<carepath::tui::app::DiffView>(&app).selected, 1);
    keys(&mut app, "n");
    assert_eq!(
        screen_of::<carepath::tui::app::DiffView>(&app).selected,
        0,
        "n wraps round"
    );
    key(&mut app, KeyCode::Esc);
    assert!(!is_open::<carepath::tui::app::DiffView>(&app) && pathway_open(&app));
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
    let picker = screen_of::<carepath::tui::app::VersionPicker>(&app);
    assert_eq!(picker.versions.len(), 2);
    assert!(render(&mut app).contains("Agreed at the second workshop"));
    keys(&mut app, "j\n");
    let view = screen_of::<carepath::tui::app::DiffView>(&app);
    assert_eq!(view.changes.len(), 1);
    assert_eq!(view.changes[0].path, "steps[handover-call].owner");
    assert!(view.title.contains("Agreed at the second workshop"));
    assert!(
        render(&mut app).contains("The owner of step"),
        "the change is said in words"
    );
    key(&mut app, KeyCode::Esc);
    assert!(!is_open::<carepath::tui::app::DiffView>(&app));
    assert!(
        is_open::<carepath::tui::app::VersionPicker>(&app),
        "Esc goes back to the list of versions"
    );
}

#[test]
fn capital_d_outside_git_says_so() {
    let (_dir, mut app) = editable();
    keys(&mut app, "\nD");
    assert!(!is_open::<carepath::tui::app::VersionPicker>(&app));
    assert!(
        message(&app).contains("not in a git repository"),
        "{}",
        message(&app)
    );
    assert!(
        message(&app).contains("H shows the saves"),
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
    let mut app = app_of("lib", Theme::monochrome(), &Source::Folder(d.to_path_buf()));
    render(&mut app);
    keys(&mut app, "/discharge\n\nM");
    let screen = render(&mut app);
    assert!(
        screen.contains("Unfinished merge: 2 of 2 conflicts to decide"),
        "{screen}"
    );
    // One decided, the screen closed and opened again: the decision is
    // still there, as its Esc key says.
    keys(&mut app, "o\x1bM");
    let screen = render(&mut app);
    assert!(
        screen.contains("Unfinished merge: 1 of 2 conflicts to decide"),
        "{screen}"
    );
    ctrl(&mut app, 's');
    assert!(message(&app).contains("1 conflict still to decide"));
    // The conflicts come in path order: steps[handover-call].owner, title.
    keys(&mut app, "\n");
    ctrl(&mut app, 'u');
    // Typed, part pasted: neither side's value.
    update(&mut app, Message::Paste("hosp".into()));
    keys(&mut app, "ital\n");
    keys(&mut app, "jt"); // the title: take theirs
    ctrl(&mut app, 's');
    assert_eq!(message(&app), "Merge finished and saved.");
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
    let mut app = app_of("lib", Theme::monochrome(), &Source::Folder(d.to_path_buf()));
    render(&mut app);
    keys(&mut app, "/discharge\n\n");
    assert!(
        render(&mut app).contains("⚠ unfinished merge (M)"),
        "the header says so"
    );
    keys(&mut app, "Mt");
    ctrl(&mut app, 's');
    assert_eq!(message(&app), "Merge finished and saved.");
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
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    app.journal = Some(state.path().to_path_buf());
    render(&mut app);
    keys(&mut app, "/discharge\n\n");
    assert!(render(&mut app).contains("Unsaved edits to this pathway were kept"));
    keys(&mut app, "r");
    assert!(
        message(&app).contains("merged with what was saved since"),
        "{}",
        message(&app)
    );
    let p = document(&app);
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
    show(
        &mut app,
        carepath::tui::app::DiffView {
            title: "t".into(),
            changes: carepath::diff::diff(&old, &new),
            selected: 0,
        },
    );
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
        !is_open::<carepath::tui::screen::help::Help>(&app)
            && is_open::<carepath::tui::app::DiffView>(&app),
        "closing the help leaves the changes open"
    );
}
