//! Drives the real `carepath` binary in a pseudo-terminal: type keys, read
//! the screen as a person would see it (through a vt100 emulator), and look
//! at the raw bytes the program wrote.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Session {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    _master: Box<dyn MasterPty + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

pub const TIMEOUT: Duration = Duration::from_secs(10);

impl Session {
    /// Starts carepath with `args` in `cwd`, on a `cols`×`rows` terminal,
    /// with its own empty config dir.
    pub fn start(args: &[&str], cwd: &Path, config_dir: &Path, cols: u16, rows: u16) -> Session {
        Session::start_with(args, cwd, config_dir, cols, rows, &[])
    }

    /// [`Session::start`] with extra environment variables.
    pub fn start_with(
        args: &[&str],
        cwd: &Path,
        config_dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_carepath"));
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env("CAREPATH_CONFIG_DIR", config_dir);
        // Journals of unsaved edits go beside the config, not in the home.
        cmd.env("CAREPATH_STATE_DIR", config_dir.join("state"));
        cmd.env("CAREPATH_TODAY", "2026-11-24");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        cmd.env_remove("VISUAL");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("start carepath");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZero::new(rows).unwrap(),
            std::num::NonZero::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        {
            let screen = screen.clone();
            let raw = raw.clone();
            thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = reader.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    raw.lock().unwrap().extend_from_slice(&buf[..n]);
                    screen.lock().unwrap().process(&buf[..n]);
                }
            });
        }
        Session {
            child,
            writer,
            _master: pty.master,
            screen,
            raw,
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends one key and gives the app a moment, so that an Esc is not read
    /// together with the next key as an Alt chord.
    pub fn key(&mut self, key: &str) {
        self.send(key);
        thread::sleep(Duration::from_millis(60));
    }

    pub fn screen(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn raw_len(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("the screen never showed {text:?}; it shows:\n{screen}");
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Waits until no output has come for `quiet`.
    pub fn settle(&self, quiet: Duration) {
        let start = Instant::now();
        let mut last = self.raw_len();
        let mut since = Instant::now();
        while start.elapsed() < TIMEOUT {
            thread::sleep(Duration::from_millis(10));
            let now = self.raw_len();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// The most memory the process has used so far, in KiB (Linux only).
    pub fn peak_memory_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Waits for the program to end and returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader catch the last bytes.
                thread::sleep(Duration::from_millis(100));
                return status.success();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!(
                    "carepath did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the terminal was handed back: alternate screen left and the
    /// cursor shown, after the last time the app entered it.
    pub fn terminal_restored(&self) -> bool {
        let raw = self.raw();
        let last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
        let entered = last(b"\x1b[?1049h");
        let left = last(b"\x1b[?1049l");
        let shown = last(b"\x1b[?25h");
        let raw_off = !self.screen.lock().unwrap().screen().alternate_screen();
        matches!((entered, left), (Some(e), Some(l)) if l > e) && shown.is_some() && raw_off
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A copy of the fixture library (`tests/fixtures/library`) in a temporary
/// folder, so a session's presence, journal and history never land in the
/// repository or meet another test's.
pub fn fixture_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library");
    for entry in std::fs::read_dir(&from).expect("the fixture library") {
        let path = entry.expect("a fixture").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}
