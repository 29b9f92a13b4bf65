//! What the app writes to the terminal when little or nothing changes:
//! nothing at all when idle, and only the changed rows and detail cells
//! when the selection moves, so a slow link stays usable.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::Session;

fn library(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    carepath::store::library::generate::write_library(dir.path(), count).unwrap();
    dir
}

fn start(dir: &Path, config: &Path) -> Session {
    let s = Session::start(&[dir.to_str().unwrap()], dir, config, 80, 24);
    s.wait_for(&format!(
        "{} pathways",
        std::fs::read_dir(dir).unwrap().count()
    ));
    s.settle(Duration::from_millis(400));
    s
}

/// Several seconds of ticks (the presence heartbeat, the journal) with
/// nothing on screen changing: not one byte.
#[test]
fn an_idle_app_writes_nothing() {
    let dir = library(40);
    let config = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), config.path());
    let before = s.raw_len();
    std::thread::sleep(Duration::from_millis(3500));
    assert_eq!(s.raw_len() - before, 0, "an idle app wrote to the terminal");
    s.send("q");
    s.wait_exit();
}

/// Moving the selection down and up the library at 80×24 rewrites the two
/// rows and the detail pane's changed cells: under 400 bytes a move.
#[test]
fn moving_the_selection_at_80x24_rewrites_under_400_bytes() {
    let dir = library(40);
    let config = tempfile::tempdir().unwrap();
    let mut s = start(dir.path(), config.path());
    let mut worst = 0;
    for key in ["j", "j", "j", "k", "j", "j"] {
        let before = s.raw_len();
        s.send(key);
        s.settle(Duration::from_millis(250));
        let sent = s.raw_len() - before;
        assert!(sent > 0, "the screen changed");
        worst = worst.max(sent);
    }
    assert!(worst < 400, "one move wrote {worst} bytes");
    s.send("q");
    s.wait_exit();
}
