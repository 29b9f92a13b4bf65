//! Working together on one library, through `update`: others' saves
//! arriving, presence, sign-off and the history of saves.

use std::path::{Path, PathBuf};

use super::harness::{
    app_of, ctrl_at, document, examples_copy, file_text, find_screen, is_open, join, keys_at,
    message, on_screen, pathway_open, screen_at, screen_of, select_form_row, unsaved,
};
use carepath::store::library::source::{Source, load_all};
use carepath::store::team::signing::KeySource;
use carepath::tui::app::{App, Versions};
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive as update;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Two sessions side by side are read at a size wider than the smallest.
const SIZE: (u16, u16) = (100, 30);

fn render(app: &mut App) -> String {
    screen_at(app, SIZE)
}

fn render_at(app: &mut App, w: u16, h: u16) -> String {
    screen_at(app, (w, h))
}

fn keys(app: &mut App, s: &str) {
    keys_at(app, s, SIZE);
}

fn ctrl(app: &mut App, c: char) {
    ctrl_at(app, c, SIZE);
}

const FILE: &str = "discharge-to-care-home.yaml";

/// The people of the test library, each with the key made for them.
fn people(keys: &Path) -> String {
    format!(
        "asmith:\n  name: Dr Anna Smith\n  role: Consultant geriatrician\n  participant: hospital\n  keys: [{}]\nbjones:\n  name: Ben Jones\n  participant: oakview\n  keys: [{}]\n",
        public_key(keys, "asmith"),
        public_key(keys, "bjones")
    )
}

/// An SSH key for `user`, made by `ssh-keygen` in `keys` (once), and its
/// public line.
fn public_key(keys: &Path, user: &str) -> String {
    let file = keys.join(user);
    if !file.exists() {
        std::fs::create_dir_all(keys).unwrap();
        let made = std::process::Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", user, "-f"])
            .arg(&file)
            .status()
            .expect("ssh-keygen runs (openssh-client is installed by .ci/run)");
        assert!(made.success());
    }
    std::fs::read_to_string(file.with_extension("pub"))
        .unwrap()
        .trim()
        .to_string()
}

/// people.yaml as the library's owner keeps it: theirs, writable by nobody
/// else (else it vouches for nobody).
fn write_people(library: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    let file = library.join("people.yaml");
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
}

/// Where `user`'s key is, for signing off as them.
fn key_of(keys: &Path, user: &str) -> KeySource {
    public_key(keys, user);
    KeySource {
        agent: None,
        key_file: Some(keys.join(user)),
    }
}

/// A library of the examples, opened by `user`, with the discharge pathway
/// open on its overview.
fn library(user: &str) -> (tempfile::TempDir, PathBuf, App) {
    let dir = examples_copy();
    let key_dir = dir.path().join("keys");
    write_people(dir.path(), &people(&key_dir));
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    join(&mut app, dir.path(), user, "workshop-server", 1);
    app.team.keys = key_of(&key_dir, user);
    // The library is sorted by title; the discharge pathway comes first.
    keys(&mut app, "\n");
    assert_eq!(document(&app).id, "discharge-to-care-home");
    let file = dir.path().join(FILE);
    (dir, file, app)
}

/// Someone else's `carepath set`, and the watcher reporting it.
fn someone_sets(app: &mut App, file: &Path, path: &str, value: &str) {
    carepath::cli::set::set(file, path, value).unwrap();
    let changed = carepath::store::team::watch::read(file).unwrap();
    update(app, Message::FileChanged(Box::new(changed)));
}

#[test]
fn a_save_by_someone_else_shows_at_once_saying_who_and_what() {
    let (_dir, file, mut app) = library("bjones");
    someone_sets(&mut app, &file, "place", "Riverside North");
    assert_eq!(document(&app).place.as_deref(), Some("Riverside North"));
    let me = &carepath::store::team::identity::current().user;
    assert!(
        message(&app).contains(&format!(
            "{me} saved: The place: changed to \"Riverside North\""
        )),
        "{}",
        message(&app)
    );
    assert!(render(&mut app).contains("Riverside North"));
}

#[test]
fn their_save_is_merged_into_unsaved_edits_and_both_are_saved() {
    let (_dir, file, mut app) = library("bjones");
    // Unsaved: the title, here.
    keys(&mut app, "i\n!\n\x1b");
    assert!(render(&mut app).contains("● unsaved"));
    someone_sets(
        &mut app,
        &file,
        "steps.plan-early.title",
        "Plan from day one",
    );
    let p = document(&app);
    assert_eq!(p.title, "Discharge from hospital to a care home!");
    assert_eq!(p.steps[0].title, "Plan from day one");
    assert!(message(&app).contains("Merged into your unsaved edits"));
    assert!(render(&mut app).contains("● unsaved"), "still not saved");
    ctrl(&mut app, 's');
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(saved.title, "Discharge from hospital to a care home!");
    assert_eq!(saved.steps[0].title, "Plan from day one");
}

#[test]
fn the_same_value_changed_by_both_opens_the_conflict_screen() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "i\n!\n\x1b");
    someone_sets(&mut app, &file, "title", "Their title");
    let conflicts = find_screen::<carepath::tui::screen::conflicts::Conflicts>(&app);
    let conflicts = conflicts.expect("the conflict screen is open");
    assert_eq!(conflicts.list.len(), 1);
    assert_eq!(conflicts.list[0].path, "title");
    let screen = render(&mut app);
    assert!(screen.contains("Their title"), "{screen}");
    assert!(
        screen.contains("Discharge from hospital to a care home!"),
        "{screen}"
    );
    // Whose each version is, in words, and no YAML address as a heading.
    let me = &carepath::store::team::identity::current().user;
    assert!(screen.contains("your version:"), "{screen}");
    assert!(
        screen.contains(&format!("{me}'s version (saved ")),
        "{screen}"
    );
    assert!(screen.contains("› The title"), "{screen}");
    // Keep ours, and save: the file has ours, and nothing was lost
    // silently: theirs was shown.
    keys(&mut app, "o");
    ctrl(&mut app, 's');
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(saved.title, "Discharge from hospital to a care home!");
}

/// Conflicts heard while the help is open wait under it: the keys stay
/// the help's until it is closed, then the conflict screen has them.
#[test]
fn a_conflict_heard_under_the_help_waits_until_it_is_closed() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "i\n!\n\x1b?");
    someone_sets(&mut app, &file, "title", "Their title");
    let screen = render(&mut app);
    assert!(screen.contains("Keys on this screen"), "{screen}");
    keys(&mut app, "o"); // not "keep ours": the help has the keys
    keys(&mut app, "\x1b");
    let conflicts = screen_of::<carepath::tui::screen::conflicts::Conflicts>(&app);
    assert_eq!(conflicts.decided, [None]);
    let screen = render(&mut app);
    assert!(screen.contains("Unfinished merge: 1 of 1"), "{screen}");
    keys(&mut app, "o");
    ctrl(&mut app, 's');
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(saved.title, "Discharge from hospital to a care home!");
}

#[test]
fn signing_off_is_refused_to_someone_who_speaks_for_nobody() {
    let (_dir, file, mut app) = library("guest");
    let before = std::fs::read_to_string(&file).unwrap();
    keys(&mut app, "S");
    assert!(
        message(&app).contains("guest does not speak for any participant"),
        "{}",
        message(&app)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn a_sign_off_is_saved_and_an_edit_leaves_it_for_an_earlier_version() {
    let (_dir, file, mut app) = library("asmith");
    keys(&mut app, "S");
    assert!(
        message(&app).contains("Signed off for"),
        "{}",
        message(&app)
    );
    let saved = carepath::store::read::load::load_file(&file).unwrap();
    assert_eq!(saved.sign_off.len(), 1);
    assert_eq!(saved.sign_off[0].by, "asmith");
    assert_eq!(saved.sign_off[0].participant, "hospital");
    assert!(carepath::model::signoff::is_current(
        &saved,
        &saved.sign_off[0]
    ));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("# "), "the file's comments are kept");
    let screen = render_at(&mut app, 120, 60);
    assert!(screen.contains("✓ "), "{screen}");
    assert!(screen.contains("signed by Dr Anna Smith"), "{screen}");
    assert!(
        screen.contains(
            "Agreeing needs a sign-off of this version from: Oakview Care Home (oakview)"
        ),
        "{screen}"
    );

    // Signing again replaces the participant's own sign-off.
    keys(&mut app, "S");
    assert_eq!(
        carepath::store::read::load::load_file(&file)
            .unwrap()
            .sign_off
            .len(),
        1
    );

    keys(&mut app, "i\n!\n\x1b");
    ctrl(&mut app, 's');
    let screen = render_at(&mut app, 120, 60);
    assert!(screen.contains("for an earlier version"), "{screen}");
    assert!(screen.contains("Riverside General"), "{screen}");
}

#[test]
fn agreed_needs_every_participant_on_the_current_version() {
    let (_dir, file, _app) = library("asmith");
    let e = carepath::cli::set::set(&file, "status", "agreed").unwrap_err();
    assert!(
        e.contains("needs a valid sign-off of the current version from every participant"),
        "{e}"
    );
    assert!(e.contains("Oakview Care Home (oakview)"), "{e}");
    let mut s = carepath::store::persist::session::Session::open(&file).unwrap();
    assert!(s.change("status", "agreed").is_err());
}

#[test]
fn others_in_the_pathway_show_in_the_status_bar_and_on_their_step() {
    let (dir, _file, mut app) = library("bjones");
    let other = carepath::store::team::presence::Presence {
        user: "asmith".into(),
        name: "Dr Anna Smith".into(),
        host: "elsewhere".into(),
        pid: 77,
        pathway: Some("discharge-to-care-home".into()),
        step: Some("plan-early".into()),
        screen: "steps".into(),
        heartbeat: chrono::Utc::now(),
        leading: None,
        view: None,
    };
    carepath::store::team::presence::announce(dir.path(), &other).unwrap();
    update(&mut app, Message::Tick(chrono::Utc::now()));
    keys(&mut app, "2");
    let screen = render_at(&mut app, 80, 24);
    // At 80 columns: their initials, and the screen's own keys all kept.
    let status = screen.lines().last().unwrap().trim_end();
    assert!(status.ends_with(" AS"), "{screen}");
    for k in ["i edit", "c compare", "Tab section", "Esc back"] {
        assert!(status.contains(k), "{k}: {screen}");
    }
    assert!(screen.contains("[AS]"), "{screen}");
    insta::assert_snapshot!("presence_steps_80x24", screen);
    // This session said where it is, for the others.
    let me =
        carepath::store::team::presence::others(dir.path(), "elsewhere", 77, chrono::Utc::now());
    assert_eq!(me.len(), 1);
    assert_eq!(me[0].name, "Ben Jones");
    assert_eq!(me[0].step.as_deref(), Some("plan-early"));
    // Gone when they leave.
    carepath::store::team::presence::leave(dir.path(), &other.host, other.pid);
    update(&mut app, Message::Tick(chrono::Utc::now()));
    assert!(!render(&mut app).contains("Dr Anna Smith"));
}

#[test]
fn the_history_lists_saves_and_opens_what_one_changed() {
    let (_dir, file, mut app) = library("asmith");
    carepath::cli::set::set(&file, "place", "Riverside North").unwrap();
    carepath::cli::set::set(&file, "steps.plan-early.owner", "oakview").unwrap();
    keys(&mut app, "H");
    let picker = screen_of::<carepath::tui::app::VersionPicker>(&app);
    assert!(matches!(&picker.versions, Versions::Saves(s) if s.len() == 2));
    let screen = render(&mut app);
    assert!(screen.contains("Saves of this pathway"), "{screen}");
    assert!(
        screen.contains("The owner of step 1, 'Plan discharge"),
        "newest first: {screen}"
    );
    keys(&mut app, "j\n");
    let diff = screen_of::<carepath::tui::app::DiffView>(&app);
    assert_eq!(diff.changes.len(), 1);
    assert_eq!(diff.changes[0].path, "place");
    assert!(diff.title.starts_with("Saved by"));
}

/// The overview's sign-off section and the list of saves, at 80×24, with
/// fixed times so the screens can be compared.
#[test]
fn sign_offs_and_saves_at_80x24() {
    let (dir, file, mut app) = library("bjones");
    // Dr Smith's sign-off is of this version; Ben Jones's of an earlier one.
    let p = carepath::store::read::load::load_file(&file).unwrap();
    let mut earlier = p.clone();
    earlier.place = Some("Elsewhere".into());
    let key_dir = dir.path().join("keys");
    let people = carepath::store::team::people::People::load(dir.path()).unwrap();
    let sign = |p, user, at: &str| {
        carepath::store::team::signing::sign_off(
            p,
            user,
            &people,
            at.parse().unwrap(),
            &key_of(&key_dir, user),
            None,
        )
        .unwrap()
        .entry
    };
    let entries = vec![
        sign(&p, "asmith", "2026-11-20T10:02:00Z"),
        sign(&earlier, "bjones", "2026-11-18T09:00:00Z"),
    ];
    let entries: String = serde_yaml::to_string(&entries)
        .unwrap()
        .lines()
        .map(|l| format!("  {l}\n"))
        .collect();
    let text = std::fs::read_to_string(&file).unwrap();
    let text = format!("{text}sign_off:\n{entries}");
    std::fs::write(&file, &text).unwrap();
    let changed = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    keys(&mut app, "1");
    let mut screen = String::new();
    for _ in 0..40 {
        update(
            &mut app,
            Message::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE)),
        );
        screen = render_at(&mut app, 80, 24);
    }
    assert!(screen.contains("✓ Riverside General"), "{screen}");
    assert!(screen.contains("◌ Oakview Care Home"), "{screen}");
    insta::assert_snapshot!("sign_off_80x24", screen);

    let history = file.parent().unwrap().join(".carepath/history");
    std::fs::create_dir_all(&history).unwrap();
    let lines = [
        r#"{"at":"2026-11-20T10:02:00Z","by":"asmith","summary":["sign_off[0]: added \"hospital\""],"changes":1,"before":"a","after":"b"}"#,
        r#"{"at":"2026-11-21T15:40:00Z","by":"bjones","summary":["steps[plan-early].title: changed from \"Plan discharge from the day of admission\" to \"Plan from day one\""],"changes":3,"before":"b","after":"c"}"#,
        "not a line of the history",
    ];
    std::fs::write(
        history.join("discharge-to-care-home.jsonl"),
        lines.join("\n"),
    )
    .unwrap();
    keys(&mut app, "H");
    assert!(message(&app).contains("1 line(s) of the history could not be read or trusted"));
    let screen = render_at(&mut app, 80, 24);
    assert!(
        screen.contains("Ben Jones: steps[plan-early].title"),
        "{screen}"
    );
    insta::assert_snapshot!("saves_80x24", screen);
    // A save whose versions are not kept says so, and nothing breaks.
    keys(&mut app, "\n");
    assert!(
        message(&app).starts_with("Cannot show this save"),
        "{}",
        message(&app)
    );
}

/// The offer of kept edits shows what they change in the file as it is
/// now, and says when restoring will merge.
#[test]
fn kept_edits_are_offered_with_what_they_change() {
    let (dir, file, mut app) = library("bjones");
    keys(&mut app, "\x1b");
    let state = dir.path().join("state");
    let before = std::fs::read_to_string(&file).unwrap();
    let kept = before.replace(
        "title: Discharge from hospital to a care home",
        "title: Discharge to care homes",
    );
    carepath::store::persist::journal::write(&state, &file, &before, &kept).unwrap();
    // A fixed time, so the screen can be compared.
    for j in std::fs::read_dir(&state).unwrap() {
        let j = j.unwrap().path();
        let text = std::fs::read_to_string(&j).unwrap();
        let text: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with("at:") {
                    "at: 2026-11-24 18:30".into()
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::fs::write(&j, text.join("\n") + "\n").unwrap();
    }
    // Someone saved another change since.
    carepath::cli::set::set(&file, "place", "Riverside North").unwrap();
    app.journal = Some(state);
    app.entries = load_all(&Source::Folder(dir.path().to_path_buf())).unwrap();
    app.refresh_visible();
    keys(&mut app, "\n");
    let screen = render_at(&mut app, 80, 24);
    assert!(
        screen.contains("They make 1 change to the file as it is now"),
        "{screen}"
    );
    assert!(screen.contains("title: changed from"), "{screen}");
    assert!(screen.contains("restoring merges them with it"), "{screen}");
    insta::assert_snapshot!("kept_edits_offer_80x24", screen);
    keys(&mut app, "d");
    let diff = screen_of::<carepath::tui::app::DiffView>(&app);
    assert_eq!(diff.changes.len(), 1, "their save is not undone");
    keys(&mut app, "\x1b");
    assert!(
        is_open::<carepath::tui::screen::recovery::Recovery>(&app),
        "the offer is still there"
    );
    keys(&mut app, "r");
    let p = document(&app);
    assert_eq!(p.title, "Discharge to care homes");
    assert_eq!(
        p.place.as_deref(),
        Some("Riverside North"),
        "merged with the save since"
    );
}

/// Someone added to people.yaml during the workshop can sign off at once;
/// a people.yaml that does not read says where, and signs nobody off.
#[test]
fn people_yaml_is_read_again_when_it_matters() {
    let (dir, file, mut app) = library("cwhite");
    keys(&mut app, "S");
    assert!(message(&app).contains("cwhite does not speak for any participant"));
    write_people(
        dir.path(),
        &format!(
            "{}cwhite:\n  name: Cath White\n  participant: oakview\n  keys: [{}]\n",
            people(&dir.path().join("keys")),
            public_key(&dir.path().join("keys"), "cwhite")
        ),
    );
    keys(&mut app, "S");
    assert!(
        message(&app).contains("Signed off for Oakview Care Home"),
        "{}",
        message(&app)
    );
    assert_eq!(
        carepath::store::read::load::load_file(&file)
            .unwrap()
            .sign_off[0]
            .by,
        "cwhite"
    );

    write_people(
        dir.path(),
        "cwhite:\n  name: Cath White\n  participant: [oakview\n",
    );
    keys(&mut app, "S");
    let m = message(&app);
    assert!(
        m.starts_with("Not signed: people.yaml does not read:"),
        "{m}"
    );
    assert!(m.contains("people.yaml:3:"), "names the line: {m}");
}

/// A pathway someone removes is closed here and shown as gone; with
/// unsaved edits here, they are kept.
#[test]
fn a_pathway_removed_on_disk_is_shown_as_gone_and_edits_are_kept() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "i\n!\n\x1b");
    std::fs::remove_file(&file).unwrap();
    let gone = carepath::store::team::watch::read(&file).expect("reported");
    assert!(gone.gone);
    update(&mut app, Message::FileChanged(Box::new(gone)));
    assert!(
        message(&app).contains("no longer there"),
        "{}",
        message(&app)
    );
    assert_eq!(
        document(&app).title,
        "Discharge from hospital to a care home!",
        "the unsaved edit is still here"
    );

    let (_dir, file, mut app) = library("bjones");
    std::fs::remove_file(&file).unwrap();
    let gone = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(gone)));
    assert!(!pathway_open(&app), "closed");
    let screen = render(&mut app);
    assert!(
        screen.contains("no longer there") || screen.contains("discharge-to-care-home.yaml"),
        "{screen}"
    );
}

/// A is typing a step's title when B saves another change: what A typed
/// stays on screen, and when A finishes typing it is an unsaved edit
/// that undo takes back, with B's change kept around it.
#[test]
fn text_being_typed_survives_a_colleagues_save() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "2i\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Plan from day one");
    someone_sets(&mut app, &file, "place", "Riverside North");
    assert!(
        render(&mut app).contains("Plan from day one"),
        "the typed text stays on screen:\n{}",
        render(&mut app)
    );
    keys(&mut app, "\n");
    let p = document(&app);
    assert_eq!(p.steps[0].title, "Plan from day one", "{}", message(&app));
    assert_eq!(p.place.as_deref(), Some("Riverside North"));
    assert!(render(&mut app).contains("● unsaved"));
    keys(&mut app, "\x1b");
    keys(&mut app, "u");
    let p = document(&app);
    assert_eq!(p.steps[0].title, "Plan discharge from the day of admission");
    assert_eq!(p.place.as_deref(), Some("Riverside North"));
}

/// The same in the long-text editor (a step's detail): the text typed so
/// far is kept through a colleague's save.
#[test]
fn long_text_being_typed_survives_a_colleagues_save() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "2i");
    // Down to the detail field, then open its editor.
    let detail = screen_of::<carepath::tui::app::FormState>(&app)
        .fields
        .iter()
        .position(|f| f.path.ends_with(".detail"))
        .unwrap();
    for _ in 0..detail {
        keys(&mut app, "j");
    }
    keys(&mut app, "\n");
    assert!(is_open::<carepath::tui::screen::text_editor::TextEditor>(
        &app
    ));
    keys(&mut app, "Call the home first. ");
    someone_sets(&mut app, &file, "place", "Riverside North");
    assert!(
        is_open::<carepath::tui::screen::text_editor::TextEditor>(&app),
        "the editor stays open"
    );
    ctrl(&mut app, 's');
    let p = document(&app);
    assert!(
        p.steps[0]
            .detail
            .as_deref()
            .unwrap_or("")
            .contains("Call the home first."),
        "{:?}",
        p.steps[0].detail
    );
    assert_eq!(p.place.as_deref(), Some("Riverside North"));
}

/// A is typing the title that B changes and saves meanwhile: when A
/// finishes typing, neither value is lost — the conflict screen shows
/// both, and A keeps theirs or their own.
#[test]
fn typing_a_field_a_colleague_just_changed_shows_the_conflict() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "2i\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Plan from day one");
    someone_sets(
        &mut app,
        &file,
        "steps.plan-early.title",
        "Plan at admission",
    );
    keys(&mut app, "\n");
    let conflicts = find_screen::<carepath::tui::screen::conflicts::Conflicts>(&app).cloned();
    let conflicts = conflicts.expect("the conflict screen is open");
    assert_eq!(conflicts.list.len(), 1);
    let screen = render(&mut app);
    assert!(screen.contains("Plan from day one"), "{screen}");
    assert!(screen.contains("Plan at admission"), "{screen}");
    let me = &carepath::store::team::identity::current().user;
    assert!(
        screen.contains(&format!("{me}'s version (saved ")),
        "whose the other version is: {screen}"
    );
    // Take theirs, and save: their title stands, nothing of the record.
    keys(&mut app, "t");
    ctrl(&mut app, 's');
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("title: Plan at admission"), "{text}");
    assert!(!text.contains("conflict"), "{text}");
    // The form the title was typed in was beneath the conflict screen all
    // along, and has the keys again once the merge is saved.
    assert!(!is_open::<carepath::tui::screen::conflicts::Conflicts>(
        &app
    ));
    assert_eq!(on_screen(&app), carepath::tui::keys::Context::Form);
    assert!(render(&mut app).contains("Edit step 1"));
}

/// A is typing a step's title when B gives the step a new id and saves:
/// the typed title lands on the same step, under its new id.
#[test]
fn text_typed_into_a_step_a_colleague_renames_lands_on_it() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "2i\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Plan from day one");
    someone_sets(&mut app, &file, "steps.plan-early.id", "plan-at-admission");
    keys(&mut app, "\n");
    assert!(
        !is_open::<carepath::tui::screen::conflicts::Conflicts>(&app),
        "{}",
        message(&app)
    );
    let p = document(&app);
    assert_eq!(p.steps[0].id, "plan-at-admission", "{}", message(&app));
    assert_eq!(p.steps[0].title, "Plan from day one", "{}", message(&app));
}

/// Someone else removes a step in their own session and saves, and the
/// watcher reports it.
fn someone_removes(app: &mut App, file: &Path, id: &str) {
    let mut theirs = carepath::store::persist::session::Session::open(file).unwrap();
    let index = theirs
        .pathway()
        .steps
        .iter()
        .position(|s| s.id == id)
        .unwrap();
    theirs
        .make(carepath::store::persist::session::Change::Remove {
            path: "steps".into(),
            index,
        })
        .unwrap();
    theirs.save().unwrap();
    let changed = carepath::store::team::watch::read(file).unwrap();
    update(app, Message::FileChanged(Box::new(changed)));
}

/// A is typing into a step that B removes and saves meanwhile: when A
/// finishes typing, the conflict screen shows what A typed against the
/// removal, saying who removed it. A keeps the step with their text, or
/// lets it go and is told, whole, what goes with it.
#[test]
fn typing_into_a_step_a_colleague_removes_shows_the_conflict() {
    for keep in [true, false] {
        let (_dir, file, mut app) = library("bjones");
        keys(&mut app, "2i\n");
        ctrl(&mut app, 'u');
        keys(&mut app, "Plan from day one");
        someone_removes(&mut app, &file, "plan-early");
        assert!(
            render(&mut app).contains("Plan from day one"),
            "the typed text stays on screen:\n{}",
            render(&mut app)
        );
        keys(&mut app, "\n");
        let said = message(&app);
        let conflicts = find_screen::<carepath::tui::screen::conflicts::Conflicts>(&app).cloned();
        let conflicts = conflicts.expect("the conflict screen is open, not a refusal");
        assert_eq!(conflicts.list.len(), 1);
        let me = &carepath::store::team::identity::current().user;
        assert!(
            said.starts_with(&format!(
                "Step 'Plan discharge from the day…' was removed by {me} while you typed in it"
            )),
            "{said}"
        );
        let screen = render(&mut app);
        assert!(screen.contains("Plan from day one"), "{screen}");
        assert!(screen.contains("(removed)"), "{screen}");
        assert!(
            screen.contains(&format!("{me}'s version (saved ")),
            "whose the removal is: {screen}"
        );
        keys(&mut app, if keep { "o" } else { "t" });
        if !keep {
            let said = message(&app);
            assert!(
                said.contains("will stay removed") && said.contains("\"Plan from day one\""),
                "what goes with the step is said whole: {said}"
            );
        }
        ctrl(&mut app, 's');
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("carepath merge"), "{text}");
        let p = carepath::store::read::load::load_str("the file", &text).unwrap();
        let kept = p.steps.iter().find(|s| s.id == "plan-early");
        if keep {
            assert_eq!(kept.map(|s| s.title.as_str()), Some("Plan from day one"));
            assert_eq!(p.steps[0].id, "plan-early", "back in its place");
        } else {
            assert!(kept.is_none(), "{text}");
        }
        assert!(!unsaved(&app));
    }
}

/// A pathway just created here arrives on disk as this session wrote it:
/// no notice that someone changed it.
#[test]
fn a_pathway_created_here_is_not_announced_as_someone_elses_change() {
    let (dir, _file, mut app) = library("bjones");
    keys(&mut app, "\x1b");
    app.folder = Some(dir.path().to_path_buf());
    keys(&mut app, "nFalls at home\n\n");
    assert!(
        message(&app).starts_with("Created falls-at-home.yaml"),
        "{}",
        message(&app)
    );
    let changed =
        carepath::store::team::watch::read(&dir.path().join("falls-at-home.yaml")).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    assert!(
        !message(&app).contains("changed this pathway"),
        "{}",
        message(&app)
    );
}

/// Two saves at the same moment: the one that merges the other's change
/// in says whose change it took, as the other's notice would have.
#[test]
fn a_save_that_merges_a_colleagues_save_says_whose() {
    let (_dir, file, mut app) = library("bjones");
    keys(&mut app, "2i\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Plan from day one\n");
    // Their save lands before the watcher has said so.
    carepath::cli::set::set(&file, "place", "Riverside North").unwrap();
    ctrl(&mut app, 's');
    let me = carepath::store::team::identity::current().user.clone();
    assert!(
        message(&app).contains(&format!("{me}'s save is merged in: The place")),
        "{}",
        message(&app)
    );
}

/// A save that changes content someone signed off says so first; saved
/// anyway, an agreed pathway shows its sign-offs as out of date.
#[test]
fn a_save_that_voids_sign_offs_asks_first_and_agreed_says_out_of_date() {
    let (_dir, file, mut app) = library("asmith");
    keys(&mut app, "S");
    assert!(message(&app).starts_with("Signed off"), "{}", message(&app));
    let signed = std::fs::read_to_string(&file).unwrap();
    keys(&mut app, "i\n");
    ctrl(&mut app, 'u');
    keys(&mut app, "Discharge to care homes\n\x1b");
    ctrl(&mut app, 's');
    assert!(
        message(&app).contains("Riverside General"),
        "{}",
        message(&app)
    );
    assert!(
        message(&app).contains("earlier version"),
        "{}",
        message(&app)
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        signed,
        "not yet saved"
    );
    ctrl(&mut app, 's');
    assert!(message(&app).starts_with("Saved"), "{}", message(&app));

    // Someone records it as agreed by hand: the header tells the truth.
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("status: in-review", "status: agreed");
    std::fs::write(&file, text).unwrap();
    let changed = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    assert!(
        render(&mut app).contains("[agreed — sign-offs out of date]"),
        "{}",
        render(&mut app)
    );
}

/// A sign-off copied under another's name shows as not valid, in words,
/// and does not count toward agreeing; a user without a key is told how
/// to make one.
#[test]
fn a_forged_sign_off_shows_as_not_valid_and_a_missing_key_is_explained() {
    let (dir, file, mut app) = library("bjones");
    keys(&mut app, "S");
    assert!(
        message(&app).contains("Signed off for Oakview"),
        "{}",
        message(&app)
    );
    // Ben Jones's entry, made to say it is Dr Smith's for the hospital.
    carepath::cli::set::set(&file, "sign_off.0.by", "asmith").unwrap();
    carepath::cli::set::set(&file, "sign_off.0.participant", "hospital").unwrap();
    let changed = carepath::store::team::watch::read(&file).unwrap();
    update(&mut app, Message::FileChanged(Box::new(changed)));
    let screen = render_at(&mut app, 160, 60);
    assert!(screen.contains("✗ Riverside General"), "{screen}");
    assert!(screen.contains("not valid: "), "{screen}");
    assert!(
        screen.contains("needs a sign-off of this version from: Riverside General"),
        "the forged entry does not count: {screen}"
    );

    app.team.keys = KeySource {
        agent: None,
        key_file: Some(dir.path().join("no-key")),
    };
    keys(&mut app, "S");
    let m = message(&app);
    assert!(m.contains("you have no SSH key to sign with"), "{m}");
    assert!(m.contains("ssh-keygen -t ed25519"), "{m}");
}

/// A people.yaml others can write is said to be untrusted on the
/// overview, with what to run, and signs nobody off.
#[test]
fn an_untrusted_people_yaml_is_said_on_the_overview() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file, mut app) = library("asmith");
    let people = dir.path().join("people.yaml");
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o666)).unwrap();
    let before = std::fs::read_to_string(&file).unwrap();
    keys(&mut app, "S");
    let m = message(&app);
    assert!(m.contains("people.yaml is not trusted"), "{m}");
    assert!(m.contains("chmod go-w"), "{m}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    keys(&mut app, "1");
    let screen = render_at(&mut app, 200, 60);
    assert!(
        screen.contains("No sign-off counts, and nobody can sign off: people.yaml is not trusted"),
        "{screen}"
    );
}

/// Multi-line text stays a block scalar (`|`, one line of the file per
/// line of text) after it is edited, after a colleague's save is merged
/// around it, after saving, and after kept edits are restored onto a file
/// saved since.
#[test]
fn multi_line_text_stays_a_block_after_edit_merge_and_restore() {
    let (dir, file, mut app) = library("bjones");
    keys(&mut app, "2i");
    let detail = screen_of::<carepath::tui::app::FormState>(&app).fields[4].clone();
    assert_eq!(detail.label, "Detail");
    select_form_row(&mut app, 4);
    keys(&mut app, "\n");
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL)),
    );
    update(
        &mut app,
        Message::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    keys(&mut app, "Ring the family too.");
    keys(&mut app, "\x1b\x1b");
    let block = "    detail: |\n      The ward names an expected date of discharge";
    let text = |app: &App| file_text(app);
    assert!(text(&app).contains(block), "edited:\n{}", text(&app));
    assert!(text(&app).contains("      Ring the family too.\n"));
    someone_sets(&mut app, &file, "place", "Riverside North");
    assert!(message(&app).contains("Merged"), "{}", message(&app));
    assert!(text(&app).contains(block), "merged:\n{}", text(&app));
    assert!(text(&app).contains("      Ring the family too.\n"));
    ctrl(&mut app, 's');
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains(block), "saved:\n{saved}");
    assert!(saved.contains("      Ring the family too.\n"));

    // Kept edits to the detail, restored onto a file saved since.
    let state = dir.path().join("state");
    let before = saved.clone();
    let kept = before.replace(
        "      Ring the family too.\n",
        "      Ring the family and the GP.\n",
    );
    carepath::store::persist::journal::write(&state, &file, &before, &kept).unwrap();
    carepath::cli::set::set(&file, "place", "Riverside South").unwrap();
    let mut again = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.path().to_path_buf()),
    );
    again.journal = Some(state.clone());
    keys(&mut again, "\n");
    assert!(is_open::<carepath::tui::screen::recovery::Recovery>(&again));
    keys(&mut again, "r");
    let restored = text(&again);
    assert!(restored.contains(block), "restored:\n{restored}");
    assert!(restored.contains("      Ring the family and the GP.\n"));
    assert!(restored.contains("place: Riverside South"));
}
