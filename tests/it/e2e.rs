//! Whole sessions of the real binary in a pseudo-terminal.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{Session, contains};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

/// With no `./pathways` and no config, carepath opens its built-in examples;
/// a reader opens one, walks from the first step through a decision branch,
/// reads the help and quits, and gets their terminal back.
#[test]
fn walk_a_builtin_pathway_through_a_decision() {
    let cwd = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], cwd.path(), config.path(), 100, 30);
    s.wait_for("built-in examples");
    // The selection marker: the list has rows (its headings show at once).
    s.wait_for("▶");
    s.key(ENTER);
    s.wait_for("1 Overview");
    s.key("2");
    let first = s.wait_for("Step 1 of");
    assert!(first.contains("Steps ("), "{first}");

    // Walk on until a decision offers its branches.
    let mut walked = 0;
    while !s.screen().contains("Branches") {
        s.key(ENTER); // choose where to go
        s.key(ENTER); // go there
        walked += 1;
        assert!(walked < 20, "no decision reached:\n{}", s.screen());
    }
    let at_decision = s.wait_for("Branches");
    let title_line = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("Step ") && l.contains(" of "))
            .unwrap_or("")
            .to_string()
    };
    let before = title_line(&at_decision);
    s.key(DOWN); // the second branch
    s.key(ENTER);
    s.settle(Duration::from_millis(200));
    let after = s.screen();
    assert_ne!(
        title_line(&after),
        before,
        "following a branch moves to another step:\n{after}"
    );
    assert!(
        after.contains(&format!("{} back", walked + 1)),
        "the walk can be retraced:\n{after}"
    );

    s.key("b");
    s.settle(Duration::from_millis(200));
    assert_eq!(
        title_line(&s.screen()).split('·').next(),
        before.split('·').next(),
        "b goes back to the decision"
    );

    s.key("?");
    s.wait_for("Keys on this screen");
    s.key(ESC);
    s.settle(Duration::from_millis(200));
    assert!(!s.screen().contains("Keys on this screen"));
    s.key("q");
    assert!(s.wait_exit(), "carepath exits cleanly");
    assert!(
        s.terminal_restored(),
        "alternate screen left, cursor shown, raw mode off"
    );
}

/// Text holding escape sequences is shown defanged: the bytes that would
/// retitle the window or clear the screen never reach the terminal.
#[test]
fn escape_sequences_in_a_pathway_never_reach_the_terminal() {
    let config = tempfile::tempdir().unwrap();
    let lib = common::fixture_library();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        30,
    );
    s.wait_for("Escapes");
    s.send("/escapes");
    s.key(ENTER);
    s.key(ENTER);
    s.wait_for("The problem");
    s.key("q");
    s.wait_exit();
    let raw = s.raw();
    assert!(
        !contains(&raw, b"\x1b]0;"),
        "a title-setting sequence was written"
    );
    assert!(
        !contains(&raw, b"\x1b]52;"),
        "a clipboard sequence was written"
    );
    assert!(
        !contains(&raw, b"\x1b[2J"),
        "a clear-screen sequence was written"
    );
    assert!(
        !contains(&raw, b"\x1b[31mred"),
        "a colour from the file was written"
    );
    assert!(
        !contains(&raw, "\u{202E}".as_bytes()),
        "a bidi override was written"
    );
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for signal in ["TERM", "HUP"] {
        let config = tempfile::tempdir().unwrap();
        let lib = common::fixture_library();
        let mut s = Session::start(
            &[lib.path().to_str().unwrap()],
            lib.path(),
            config.path(),
            80,
            24,
        );
        s.wait_for("Review due");
        let status = std::process::Command::new("sh")
            .args(["-c", &format!("kill -{signal} {}", s.pid())])
            .status()
            .unwrap();
        assert!(status.success());
        s.wait_exit();
        assert!(
            s.terminal_restored(),
            "SIG{signal} left the terminal in app mode"
        );
    }
}

/// Over a slow link only what changed is sent: moving the selection one row
/// rewrites two rows and the detail pane, well under a kilobyte.
#[test]
fn moving_the_selection_sends_under_a_kilobyte() {
    let config = tempfile::tempdir().unwrap();
    let lib = common::fixture_library();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        120,
        40,
    );
    s.wait_for("Review due");
    s.settle(Duration::from_millis(300));
    let before = s.raw_len();
    s.send("j");
    s.settle(Duration::from_millis(300));
    let sent = s.raw_len() - before;
    assert!(sent > 0, "the screen changed");
    assert!(sent < 1024, "moving one row wrote {sent} bytes");
    s.send("q");
    s.wait_exit();
}

#[test]
fn a_missing_library_is_a_clear_error() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("/no/such/folder")
        .env("CAREPATH_CONFIG_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/no/such/folder: there is no such file or folder"),
        "{err}"
    );
}

#[test]
fn one_file_opens_straight_into_the_pathway() {
    let config = tempfile::tempdir().unwrap();
    let lib = common::fixture_library();
    let file = lib.path().join("discharge-to-care-home.yaml");
    let mut s = Session::start(&[file.to_str().unwrap()], lib.path(), config.path(), 80, 24);
    s.wait_for("1 Overview");
    s.wait_for("The problem");
    s.key(ESC);
    s.wait_for("Review due");
    s.key("q");
    assert!(s.wait_exit());
}

/// A workshop lead opens the comparison of the discharge pathway, jumps to
/// the next disagreement, switches the right-hand side to the GP practice,
/// and looks at every participant at once.
#[test]
fn compare_jump_and_switch_the_pair() {
    let cwd = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], cwd.path(), config.path(), 100, 32);
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.wait_for("1 Overview");
    s.key("c");
    let screen = s.wait_for("Overall");
    assert!(
        screen.contains("Riverside General") && screen.contains("Oakview Care Home"),
        "{screen}"
    );
    assert!(screen.contains("7% agreement"), "{screen}");
    s.key("n");
    s.wait_for("Medicines not ready when transport arrives ≠");
    s.key("p");
    s.wait_for("Compare which participants?");
    s.key("j");
    s.key("j");
    s.key("b");
    s.key(ENTER);
    let screen = s.wait_for("Riverside Medical Group");
    assert!(!screen.contains("Compare which participants?"));
    s.key("a");
    s.wait_for("sharpest disagreements first");
    s.key(ESC);
    s.wait_for("1 Overview");
    s.key("q");
    assert!(s.wait_exit());
    assert!(s.terminal_restored());
}

/// The issue's session: edit a step title and a cause weight, undo one,
/// save, quit; the file holds the kept change, and its comments.
#[test]
fn edit_undo_save_and_quit_keeps_the_comments() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("2");
    s.key("i");
    s.wait_for("Edit step 1");
    s.key(ENTER);
    s.key("\x15"); // Ctrl-U clears the line
    s.send("Plan discharge on day one");
    s.key(ENTER);
    s.key(ESC);
    s.wait_for("● unsaved");
    s.key("3");
    s.key("i");
    s.wait_for("Edit the analyses");
    s.key(ENTER); // opens the first participant's rows
    for _ in 0..4 {
        s.key("j");
    }
    s.key(ENTER);
    s.key("k");
    s.key(ENTER);
    s.key(ESC);
    s.key("u"); // takes back the weight
    s.wait_for("Undone");
    s.key("\x13"); // Ctrl-S
    s.wait_for("Saved");
    s.key("q");
    assert!(s.wait_exit());
    assert!(s.terminal_restored());

    let after = std::fs::read_to_string(&file).unwrap();
    let changed: Vec<_> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![(
            "    title: Plan discharge from the day of admission",
            "    title: Plan discharge on day one"
        )]
    );
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(after.starts_with("# Discharge from hospital to a care home"));
}

/// Quitting with unsaved changes asks first; discarding leaves the file.
#[test]
fn quitting_with_unsaved_changes_asks() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("i");
    s.wait_for("Edit the pathway");
    s.key(ENTER);
    s.send(" (draft)");
    s.key(ENTER);
    s.key(ESC);
    s.key("q");
    s.wait_for("Save them before quitting?");
    s.key("c");
    s.key("q");
    s.wait_for("Save them before quitting?");
    s.key("d");
    assert!(s.wait_exit());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

fn library_with_discharge() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let lib = tempfile::tempdir().unwrap();
    let file = lib.path().join("discharge-to-care-home.yaml");
    let before = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/pathways/discharge-to-care-home.yaml"
    ))
    .unwrap();
    std::fs::write(&file, &before).unwrap();
    (lib, file, before)
}

/// `e` hands the whole file to the user's editor, the way git does; what
/// they write comes back, and Ctrl-s saves it.
#[test]
fn the_whole_file_in_your_own_editor() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let editor = "sed -i 's/^title: Discharge from hospital to a care home$/title: Discharge to care homes/'";
    let mut s = Session::start_with(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
        &[("EDITOR", editor)],
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("e");
    s.wait_for("File changed");
    s.wait_for("Discharge to care homes");
    s.key("\x13");
    s.wait_for("Saved");
    s.key("q");
    assert!(s.wait_exit());
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        before.replace(
            "title: Discharge from hospital to a care home\n",
            "title: Discharge to care homes\n"
        )
    );
}

/// Text from the editor that does not load is reported with its place,
/// kept for the next `e`, and never written.
#[test]
fn text_that_does_not_load_is_kept_not_written() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let editor = "sed -i 's/^status: in-review$/status: drafty/'";
    let mut s = Session::start_with(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        120,
        32,
        &[("EDITOR", editor)],
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("e");
    let screen = s.wait_for("does not load");
    assert!(screen.contains("line 8, column 9"), "{screen}");
    s.key("q");
    s.wait_for("Save them before quitting?");
    s.key("d");
    assert!(s.wait_exit());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

/// A dropped connection (SIGHUP) with unsaved edits keeps them in a
/// private journal; the next start offers them back, and they can be saved.
#[test]
fn a_hang_up_keeps_unsaved_edits_for_the_next_start() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    retitle(&mut s);
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -HUP {}", s.pid())])
        .status()
        .unwrap();
    assert!(status.success());
    s.wait_exit();
    assert!(s.terminal_restored());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        before,
        "nothing was saved without asking"
    );
    let journal = std::fs::read_dir(config.path().join("state"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".journal.yaml"))
        .expect("a journal was written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&journal).unwrap().permissions().mode() & 0o777,
            0o600,
            "private to the user"
        );
    }

    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.wait_for("Unsaved edits to this pathway were kept");
    s.key("r");
    s.wait_for("Your kept edits are back");
    s.wait_for("● unsaved");
    s.key("\x13");
    s.wait_for("Saved");
    s.key("q");
    assert!(s.wait_exit());
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        before.replace(
            "title: Discharge from hospital to a care home\n",
            "title: Discharge to care homes\n"
        )
    );
    assert!(
        !journal.exists(),
        "the journal goes once the edits are saved"
    );
}

/// While the user's own editor runs, every key typed goes to it and none to
/// carepath: the editor here reads raw bytes from the terminal itself, as
/// vi does, and keeps what it read.
#[test]
fn the_editor_gets_every_key_while_it_runs() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let got = config.path().join("editor-read");
    let script = config.path().join("raw-editor.sh");
    std::fs::write(
        &script,
        "exec < /dev/tty\nstty raw -echo\nprintf 'EDITOR-READY' > /dev/tty\nread_bytes=''\n\
         while :; do c=$(dd bs=1 count=1 2>/dev/null); [ \"$c\" = '.' ] && break; read_bytes=\"$read_bytes$c\"; done\n\
         printf '%s' \"$read_bytes\" > \"$EDITOR_READ\"\n",
    )
    .unwrap();
    let editor = format!("sh {}", script.display());
    let mut s = Session::start_with(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
        &[("EDITOR", &editor), ("EDITOR_READ", got.to_str().unwrap())],
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.key("e");
    s.wait_for("EDITOR-READY");
    // Keys that are all commands to carepath: quit, edit, delete, add.
    let typed = "qexaijkdunqexaijkdunqexaijkdunqexaijkdun".repeat(5);
    for chunk in typed.as_bytes().chunks(7) {
        s.send(std::str::from_utf8(chunk).unwrap());
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    s.send(".");
    s.wait_for("Discharge from hospita");
    let start = std::time::Instant::now();
    while !got.exists() && start.elapsed() < std::time::Duration::from_secs(5) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&got).unwrap(),
        typed,
        "every key reached the editor"
    );
    s.settle(std::time::Duration::from_millis(300));
    let screen = s.screen();
    assert!(
        !screen.contains("unsaved"),
        "no key ran as a carepath command:\n{screen}"
    );
    s.key("q");
    assert!(s.wait_exit(), "one q quits: nothing else was queued");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

/// Another process holds the pathway's save lock (a colleague's save that
/// hangs): the screen keeps answering keys, says after a moment who holds
/// the lock, Esc cancels the save with the edits kept, and once the lock is
/// free the save goes through.
#[test]
fn a_save_waiting_on_a_lock_never_freezes_the_screen() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let locks = lib.path().join(".carepath/locks");
    std::fs::create_dir_all(&locks).unwrap();
    let lock = locks.join("discharge-to-care-home.yaml.lock");
    std::fs::write(&lock, "bjones on workshop (process 4242)\n").unwrap();
    // -o: flock itself holds the lock, so ending it frees the lock.
    let mut holder = std::process::Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()
        .expect("flock from util-linux");
    std::thread::sleep(Duration::from_millis(200));

    let mut s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        100,
        32,
    );
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    retitle(&mut s);
    s.key("\x13");
    s.wait_for("Saving");
    // Keys are answered while the save waits.
    let asked = std::time::Instant::now();
    s.key("2");
    s.wait_for("Plan discharge from the day of admission");
    assert!(
        asked.elapsed() < Duration::from_secs(1),
        "the screen answered while the save waited"
    );
    let screen = s.wait_for("Waiting to save");
    assert!(screen.contains("bjones on workshop"), "{screen}");
    s.key(ESC);
    s.wait_for("you stopped the save");
    assert!(s.screen().contains("● unsaved"), "the edits are kept");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    holder.kill().unwrap();
    holder.wait().unwrap();
    s.key("\x13");
    s.wait_for("Saved");
    s.key("q");
    assert!(s.wait_exit());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("\ntitle: Discharge to care homes\n")
    );
}

/// The journal files of kept edits, in the state folder.
fn journals(config: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(config.join("state"))
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".journal.yaml"))
                .collect()
        })
        .unwrap_or_default()
}

/// Retitles the open pathway in the session, unsaved.
fn retitle(s: &mut Session) {
    s.key("i");
    s.wait_for("Edit the pathway");
    s.key(ENTER);
    s.key("\x15");
    s.send("Discharge to care homes");
    s.key(ENTER);
    s.key(ESC);
    s.wait_for("● unsaved");
}

/// Edits undone back to the saved file are no unsaved edits: quitting
/// then keeps nothing, and the next start offers nothing.
#[test]
fn edits_undone_to_the_saved_file_are_not_kept() {
    let (lib, _file, _before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let args = [lib.path().to_str().unwrap()];
    let mut s = Session::start(&args, lib.path(), config.path(), 100, 32);
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    retitle(&mut s);
    // Kept at once, not seconds later.
    let start = std::time::Instant::now();
    while journals(config.path()).is_empty() && start.elapsed() < Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(journals(config.path()).len(), 1, "kept within a second");
    s.key("u");
    s.wait_for("Undone");
    s.key("q");
    assert!(s.wait_exit(), "nothing unsaved, so q quits at once");
    assert!(
        journals(config.path()).is_empty(),
        "{:?}",
        journals(config.path())
    );

    let mut s = Session::start(&args, lib.path(), config.path(), 100, 32);
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.settle(Duration::from_millis(300));
    assert!(!s.screen().contains("were kept"), "{}", s.screen());
    s.key("q");
    assert!(s.wait_exit());
}

/// `kill -9` a second after an edit loses nothing; throwing the kept edits
/// away (x) leaves none behind to be offered again.
#[test]
fn kill_9_keeps_the_edit_and_x_throws_it_away_for_good() {
    let (lib, file, before) = library_with_discharge();
    let config = tempfile::tempdir().unwrap();
    let args = [lib.path().to_str().unwrap()];
    for round in 0..2 {
        // Two sessions killed: two journals of the same file.
        let mut s = Session::start(&args, lib.path(), config.path(), 100, 32);
        s.wait_for("Discharge from hospita");
        s.key(ENTER);
        if round == 1 {
            s.wait_for("Unsaved edits to this pathway were kept");
            s.key(ESC); // later
        }
        retitle(&mut s);
        std::thread::sleep(Duration::from_secs(1));
        std::process::Command::new("kill")
            .args(["-9", &s.pid().to_string()])
            .status()
            .unwrap();
        s.wait_exit();
    }
    assert_eq!(journals(config.path()).len(), 2);
    let mut s = Session::start(&args, lib.path(), config.path(), 100, 32);
    s.wait_for("Discharge from hospita");
    s.key(ENTER);
    s.wait_for("Unsaved edits to this pathway were kept");
    s.key("x");
    s.wait_for("thrown away");
    s.key("q");
    assert!(s.wait_exit());
    assert!(
        journals(config.path()).is_empty(),
        "{:?}",
        journals(config.path())
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
}

/// Keys a user gives actions in `config.yaml` work and are shown: here `c`
/// no longer compares, F5 does, and the help says so; a misspelt action
/// stops the app before it starts, in words.
#[test]
fn keys_from_the_config_work_and_are_shown() {
    let cwd = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("config.yaml"), "keys:\n  compare: F5\n").unwrap();
    let mut s = Session::start(&[], cwd.path(), config.path(), 100, 30);
    s.wait_for("built-in examples");
    s.wait_for("▶");
    s.key(ENTER);
    s.wait_for("1 Overview");
    s.key("?");
    let help = s.wait_for("F5");
    assert!(
        help.lines()
            .any(|l| l.contains("F5") && l.contains("compar")),
        "{help}"
    );
    s.key(ESC);
    s.key("c");
    s.settle(Duration::from_millis(200));
    assert!(!s.screen().contains("Comparing"), "{}", s.screen());
    s.send("\x1b[15~"); // F5
    s.wait_for("Comparing");
    s.key("q");
    s.key("q");
    assert!(s.wait_exit());

    std::fs::write(config.path().join("config.yaml"), "keys:\n  compair: F5\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .current_dir(cwd.path())
        .env("CAREPATH_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("compair is not an action carepath knows"),
        "{err}"
    );
    assert!(err.contains("config.yaml"), "{err}");
}
