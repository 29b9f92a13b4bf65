//! The one way carepath runs `git`: with the repository's own config
//! defanged. A shared library's `.git` is writable by the whole group, so
//! anything its config (or `.git/hooks`, or `.git/info/attributes`) names
//! as a program would run as whoever presses a key: a pager, a signature
//! program, hooks, filters, diff and merge drivers, credential helpers,
//! `ssh` itself. Every such key is overridden on the command line, where
//! git gives it the last word: with the value the user's own (global) or
//! the machine's (system) config gives it, which are trusted, or else with
//! nothing. carepath's own merge driver is passed the same way, so the
//! repository's value is never the one used.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the app, which owns the terminal: git (and the ssh it starts)
/// then runs without one, so a password or host-key question fails
/// instead of writing over the screen.
static DETACHED: AtomicBool = AtomicBool::new(false);

/// Runs every later `git` without a controlling terminal.
pub fn detach_from_terminal() {
    DETACHED.store(true, Ordering::Relaxed);
}

/// A library's git repository: the folder holding `.git`, and `.git`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    pub work_tree: PathBuf,
    pub git_dir: PathBuf,
    /// Keys to override on every command, worked out once per repository.
    overrides: Vec<(String, String)>,
}

/// Keys that name a program git runs, or turn on one that does, with
/// the value that runs nothing. Matched case-insensitively; `*` stands for
/// a subsection (a driver, remote or URL name).
const DANGEROUS: &[(&str, &str)] = &[
    ("core.fsmonitor", "false"),
    ("core.hookspath", "/dev/null"),
    ("core.pager", "cat"),
    ("core.editor", ":"),
    ("sequence.editor", ":"),
    ("core.askpass", ""),
    ("core.sshcommand", "ssh"),
    ("core.gitproxy", ""),
    ("core.alternaterefscommand", ""),
    ("core.attributesfile", "/dev/null"),
    ("gpg.program", "false"),
    ("gpg.*.program", "false"),
    ("gpg.ssh.defaultkeycommand", ""),
    ("log.showsignature", "false"),
    ("commit.gpgsign", "false"),
    ("tag.gpgsign", "false"),
    ("push.gpgsign", "false"),
    ("merge.verifysignatures", "false"),
    ("pull.verifysignatures", "false"),
    ("diff.external", ""),
    ("diff.*.command", ""),
    ("diff.*.textconv", ""),
    ("filter.*.clean", ""),
    ("filter.*.smudge", ""),
    ("filter.*.process", ""),
    ("filter.*.required", "false"),
    // A driver another member named takes git's own line merge instead:
    // an empty one would stop every merge.
    ("merge.*.driver", "git merge-file %A %O %B"),
    ("merge.*.recursive", ""),
    ("mergetool.*.cmd", ""),
    ("mergetool.*.path", ""),
    ("difftool.*.cmd", ""),
    ("difftool.*.path", ""),
    ("trailer.*.command", ""),
    ("trailer.*.cmd", ""),
    ("tar.*.command", ""),
    ("pager.*", "false"),
    ("interactive.difffilter", ""),
    ("credential.helper", ""),
    ("credential.*.helper", ""),
    ("remote.*.uploadpack", UPLOAD_PACK),
    ("remote.*.receivepack", RECEIVE_PACK),
    ("remote.*.proxy", ""),
    ("http.proxy", ""),
    ("browser.*.cmd", ""),
    ("web.browser", ""),
    ("gc.auto", "0"),
    ("maintenance.auto", "false"),
    ("protocol.ext.allow", "never"),
    ("fetch.recursesubmodules", "false"),
    ("submodule.recurse", "false"),
    ("receive.autogc", "false"),
];

/// The other side of a fetch or push from a folder (or over ssh, a
/// server's bare repository), which the group may write to as well: git
/// does not pass our overrides to it, so it is run with hooks off. It may
/// belong to another member, which is the point of a shared repository.
pub const RECEIVE_PACK: &str = "git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c receive.autogc=false -c 'safe.directory=*' receive-pack";
pub const UPLOAD_PACK: &str =
    "git -c core.hooksPath=/dev/null -c core.fsmonitor=false -c 'safe.directory=*' upload-pack";

/// Always passed, whatever the config holds.
fn fixed() -> Vec<(String, String)> {
    DANGEROUS
        .iter()
        .filter(|(k, _)| !k.contains('*'))
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

/// `key` (as git lists it: section and name lower case) against `pattern`.
fn matches(pattern: &str, key: &str) -> bool {
    let lower = key.to_ascii_lowercase();
    match pattern.split_once(".*.") {
        Some((section, name)) => {
            let Some(rest) = lower
                .strip_prefix(section)
                .and_then(|r| r.strip_prefix('.'))
            else {
                return false;
            };
            rest.rsplit_once('.').is_some_and(|(_, n)| n == name)
        }
        None => match pattern.strip_suffix(".*") {
            Some(section) => lower
                .strip_prefix(section)
                .is_some_and(|r| r.starts_with('.')),
            None => lower == pattern,
        },
    }
}

/// The value that runs nothing for `key`, if `key` can run something.
pub fn neutral(key: &str) -> Option<&'static str> {
    DANGEROUS
        .iter()
        .find(|(p, _)| matches(p, key))
        .map(|(_, v)| *v)
}

impl Repo {
    /// The repository `dir` is in: the nearest folder upward holding a
    /// `.git`. Found by looking, not by asking git, so nothing in the
    /// repository's config (such as `core.worktree`) moves it.
    pub fn find(dir: &Path) -> Result<Repo, String> {
        let start = std::fs::canonicalize(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut at: Option<&Path> = Some(&start);
        while let Some(d) = at {
            let dot = d.join(".git");
            if std::fs::symlink_metadata(&dot).is_ok() {
                return Repo::open(d.to_path_buf(), dot);
            }
            at = d.parent();
        }
        Err("this library is not in a git repository".into())
    }

    /// A repository whose places are known.
    pub fn open(work_tree: PathBuf, git_dir: PathBuf) -> Result<Repo, String> {
        let mut repo = Repo {
            work_tree,
            git_dir,
            overrides: fixed(),
        };
        repo.overrides = repo.work_out_overrides()?;
        Ok(repo)
    }

    /// Every dangerous key any config sets, overridden: by the last value
    /// a trusted config (the machine's, the user's) gives it, else by the
    /// value that runs nothing.
    fn work_out_overrides(&self) -> Result<Vec<(String, String)>, String> {
        let out = self.output(&["config", "--list", "--show-scope", "-z"])?;
        let listed = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut trusted: Vec<(String, String)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        // With -z each entry is "scope", NUL, "key", newline, "value", NUL
        // (no newline and value for a key given bare).
        let mut fields = listed.split('\0');
        while let (Some(scope), Some(rest)) = (fields.next(), fields.next()) {
            let (key, value) = rest.split_once('\n').unwrap_or((rest, "true"));
            if neutral(key).is_none() {
                continue;
            }
            // `-c name=value` splits at the first `=`: a name holding one
            // (a subsection such as `filter "a=b"`) cannot be overridden.
            if key.contains('=') {
                return Err(format!(
                    "the repository's git config has \"{}\", which carepath cannot switch off, so it runs no git here; the library's owner can remove it from .git/config",
                    crate::text::clean(key)
                ));
            }
            if scope == "system" || scope == "global" {
                trusted.retain(|(k, _)| k != key);
                trusted.push((key.to_string(), value.to_string()));
            }
            if !seen.iter().any(|k| k == key) {
                seen.push(key.to_string());
            }
        }
        let mut keys: Vec<String> = fixed().into_iter().map(|(k, _)| k).collect();
        for k in seen {
            if !keys.iter().any(|have| have.eq_ignore_ascii_case(&k)) {
                keys.push(k);
            }
        }
        // Hooks, signatures and the other side's programs are never taken
        // from anywhere: carepath needs none of them.
        let never_from_users = [
            "core.hookspath",
            "core.attributesfile",
            "log.showsignature",
            "commit.gpgsign",
            "tag.gpgsign",
            "push.gpgsign",
            "merge.verifysignatures",
            "pull.verifysignatures",
            "gc.auto",
            "maintenance.auto",
            "protocol.ext.allow",
            "receive.autogc",
        ];
        let mut out = Vec::new();
        for k in keys {
            let lower = k.to_ascii_lowercase();
            let neutral = neutral(&k).unwrap_or("").to_string();
            let from_user = trusted
                .iter()
                .find(|(t, _)| *t == k)
                .filter(|_| {
                    !never_from_users.contains(&lower.as_str())
                        && !lower.ends_with(".uploadpack")
                        && !lower.ends_with(".receivepack")
                })
                .map(|(_, v)| v.clone());
            // The neutral value first: for a list such as
            // `credential.helper` the empty value empties it, then the
            // user's own helper is added back.
            out.push((k.clone(), neutral));
            if let Some(v) = from_user {
                out.push((k, v));
            }
        }
        Ok(out)
    }

    /// A `git` command on this repository with every dangerous key
    /// overridden, no prompts, no pager, and carepath's merge driver.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new("git");
        cmd.arg("--no-pager")
            .arg(arg("--git-dir=", &self.git_dir))
            .arg(arg("--work-tree=", &self.work_tree));
        let mut config = vec![("safe.directory".to_string(), path(&self.work_tree))];
        config.extend(self.overrides.iter().cloned());
        config.push((
            "merge.carepath.name".into(),
            "carepath pathway merge".into(),
        ));
        config.push(("merge.carepath.driver".into(), merge_driver()));
        config.push(("diff.carepath.command".into(), diff_driver()));
        for (k, v) in config {
            cmd.arg("-c").arg(format!("{k}={v}"));
        }
        cmd.args(args)
            .current_dir(&self.work_tree)
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("GIT_PAGER", "cat")
            .env("GIT_EDITOR", ":")
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_EXTERNAL_DIFF")
            .stdin(Stdio::null());
        if DETACHED.load(Ordering::Relaxed) {
            use std::os::unix::process::CommandExt;
            // SAFETY: setsid is async-signal-safe and touches no memory.
            unsafe {
                cmd.pre_exec(|| {
                    libc::setsid();
                    Ok(())
                });
            }
        }
        cmd
    }

    /// Runs `git args`, whatever its exit.
    pub fn output(&self, args: &[&str]) -> Result<Output, String> {
        self.command(args)
            .output()
            .map_err(|e| format!("git could not be run: {e}"))
    }

    /// Runs `git args`; its output, or what git said went wrong.
    pub fn run(&self, args: &[&str]) -> Result<String, String> {
        let out = self.output(args)?;
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).into_owned())
        } else {
            Err(said(&out))
        }
    }
}

/// `git init` in `dir`, which is in no repository yet, so there is no
/// repository config to defang; without the sample hooks.
pub fn init_repository(dir: &Path) -> Result<(), String> {
    let out = Command::new("git")
        .args(["init", "-q", "-b", "main", "--template="])
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(said(&out))
    }
}

/// `git clone url dir`: a new repository, whose config is git's own, from
/// a shared repository whose hooks are not run.
pub fn clone_repository(url: &str, dir: &Path) -> Result<(), String> {
    if url.starts_with('-') {
        return Err(format!("\"{url}\" is not a repository address"));
    }
    let out = Command::new("git")
        .args([
            "-c",
            "core.hooksPath=/dev/null",
            "-c",
            "protocol.ext.allow=never",
            "-c",
            "core.fsmonitor=false",
            "clone",
            "-q",
            "--template=",
            "--no-recurse-submodules",
        ])
        .arg(format!("--upload-pack={UPLOAD_PACK}"))
        .arg("--")
        .arg(url)
        .arg(dir)
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(said(&out))
    }
}

/// git's complaint, in one line, cleaned for the terminal.
pub fn said(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("hint:"))
        .unwrap_or("")
        .to_string();
    format!("git said: {}", crate::text::clean(&line))
}

fn arg(flag: &str, p: &Path) -> OsString {
    let mut s = OsString::from(flag);
    s.push(p.as_os_str());
    s
}

fn path(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// This program, quoted for the shell git runs drivers with.
fn this_program() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_else(|| "carepath".into());
    format!("'{}'", exe.replace('\'', r"'\''"))
}

fn merge_driver() -> String {
    format!(
        "{} merge %O %A %B --label-ours 'this copy' --label-theirs 'the shared library'",
        this_program()
    )
}

fn diff_driver() -> String {
    format!("{} diff", this_program())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_keys_are_recognised_whatever_their_subsection() {
        assert_eq!(neutral("gpg.program"), Some("false"));
        assert_eq!(neutral("filter.lfs.smudge"), Some(""));
        assert_eq!(neutral("filter.a.b.process"), Some(""));
        assert_eq!(neutral("diff.evil.textconv"), Some(""));
        assert_eq!(neutral("pager.log"), Some("false"));
        assert_eq!(neutral("remote.origin.uploadpack"), Some(UPLOAD_PACK));
        assert_eq!(
            neutral("merge.evil.driver"),
            Some("git merge-file %A %O %B")
        );
        assert_eq!(neutral("user.name"), None);
        assert_eq!(neutral("filter.lfs.required"), Some("false"));
        assert_eq!(neutral("diff.renames"), None);
        assert_eq!(neutral("Core.FSMonitor"), Some("false"));
    }
}
