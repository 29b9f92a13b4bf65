//! `carepath sync`: what is saved here is committed in the person's name,
//! the shared repository's changes are fetched and merged with carepath's
//! merge, and the result is pushed. Conflicts stop it before anything is
//! pushed; a push that loses a race with someone else's is retried by
//! fetching and merging again, never by force.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Repo;
use super::run::{RECEIVE_PACK, UPLOAD_PACK};
use crate::merge::{Conflict, record};

/// How many times a push that lost a race is tried again.
const ATTEMPTS: usize = 5;

/// A file whose merge is not decided yet: carepath's conflicts in a
/// pathway, or (for other files) git's conflict markers.
#[derive(Debug, Clone, PartialEq)]
pub struct Undecided {
    pub file: PathBuf,
    pub conflicts: Vec<Conflict>,
}

/// What a sync did, in words, and what is left to decide.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub done: Vec<String>,
    /// Not empty: nothing was pushed; decide these, then sync again.
    pub undecided: Vec<Undecided>,
}

/// Where a library stands against its shared repository, as last fetched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// Commits here not yet in the shared repository.
    pub ahead: usize,
    /// Commits there not yet merged here.
    pub behind: usize,
    /// Whether there is a shared repository at all.
    pub shared: bool,
}

/// The person committing: their display name from `people.yaml`, and an
/// address made of their login and this machine.
fn person(library: &Path) -> (String, String) {
    let me = crate::store::team::identity::current();
    let name = crate::store::team::people::People::load(library)
        .map(|p| p.display(&me.user))
        .unwrap_or_else(|_| me.user.clone());
    (name, format!("{}@{}", me.user, me.host))
}

fn as_person(mut cmd: Command, who: &(String, String)) -> Command {
    cmd.env("GIT_AUTHOR_NAME", &who.0)
        .env("GIT_AUTHOR_EMAIL", &who.1)
        .env("GIT_COMMITTER_NAME", &who.0)
        .env("GIT_COMMITTER_EMAIL", &who.1);
    cmd
}

fn run(mut cmd: Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("git could not be run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(super::run::said(&out))
    }
}

fn lib_arg(library: &Path) -> String {
    std::fs::canonicalize(library)
        .unwrap_or_else(|_| library.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Commits what is saved in `library` in the person's name; what it
/// committed, in words, or `None` when nothing had changed.
pub fn commit_saved(repo: &Repo, library: &Path) -> Result<Option<String>, String> {
    let lib = lib_arg(library);
    repo.run(&["add", "-A", "--", &lib])?;
    let staged = repo.run(&["diff", "--cached", "--no-ext-diff", "--name-only", "-z"])?;
    let files: Vec<String> = staged
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(|f| {
            Path::new(f)
                .file_name()
                .map_or(f.to_string(), |n| n.to_string_lossy().into_owned())
        })
        .collect();
    if files.is_empty() {
        return Ok(None);
    }
    let who = person(library);
    let shown = if files.len() > 5 {
        format!("{} and {} more", files[..5].join(", "), files.len() - 5)
    } else {
        files.join(", ")
    };
    let message = format!("{} saved {shown}", who.0);
    run(as_person(
        repo.command(&["commit", "-q", "--no-verify", "-m", &message]),
        &who,
    ))?;
    Ok(Some(format!(
        "committed {} changed file{} as {}",
        files.len(),
        if files.len() == 1 { "" } else { "s" },
        crate::text::clean(&who.0)
    )))
}

/// Pathways in `library` still holding a merge's conflict record, and
/// other files git left conflict markers in.
pub fn undecided(repo: &Repo, library: &Path) -> Result<Vec<Undecided>, String> {
    let mut out = Vec::new();
    let files = crate::store::library::scan_folder(library)
        .map_err(|e| format!("{}: {e}", library.display()))?;
    for file in files {
        // Only a file that starts with a record is read whole.
        if !starts_with_record(&file) {
            continue;
        }
        let Ok(text) = crate::store::safe_open::read_pathway_text(&file) else {
            continue;
        };
        if let Some((conflicts, _)) = record::read(&text)
            && !conflicts.is_empty()
        {
            out.push(Undecided { file, conflicts });
        }
    }
    if repo.git_dir.join("MERGE_HEAD").exists() {
        for file in unmerged(repo)? {
            if has_markers(&file) && !out.iter().any(|u| u.file == file) {
                out.push(Undecided {
                    file,
                    conflicts: Vec::new(),
                });
            }
        }
    }
    Ok(out)
}

/// The files git could not merge, as paths in the work tree.
fn unmerged(repo: &Repo) -> Result<Vec<PathBuf>, String> {
    let listed = repo.run(&["diff", "--name-only", "--diff-filter=U", "-z"])?;
    Ok(listed
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(|f| repo.work_tree.join(f))
        .collect())
}

/// Whether git's line merge left its conflict markers in `file`.
fn has_markers(file: &Path) -> bool {
    crate::store::safe_open::read_pathway_text(file).is_ok_and(|t| {
        t.starts_with("<<<<<<< ") || t.contains("\n<<<<<<< ") || t.contains("\n>>>>>>> ")
    })
}

fn starts_with_record(file: &Path) -> bool {
    const HEAD: &[u8] = b"# carepath merge: ";
    // Through the one door: a FIFO or a link named like a pathway is not
    // opened (it could hang, or lead out of the library).
    crate::store::safe_open::pathway(file)
        .and_then(|f| f.folder.read_head(&f.name, HEAD.len() as u64))
        .is_ok_and(|head| head == HEAD)
}

/// The branch checked out and the remote it syncs with, if any.
fn upstream(repo: &Repo) -> Result<Option<(String, String)>, String> {
    let branch = repo
        .run(&["symbolic-ref", "--short", "-q", "HEAD"])
        .map_err(|_| "the library is not on a branch (a commit is checked out)".to_string())?
        .trim()
        .to_string();
    let configured = repo
        .run(&["config", "--get", &format!("branch.{branch}.remote")])
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let remote = match configured {
        Some(r) => Some(r),
        None => repo
            .run(&["remote"])?
            .lines()
            .find(|l| *l == "origin")
            .map(str::to_string),
    };
    Ok(remote.map(|r| (branch, r)))
}

fn count(repo: &Repo, range: &str) -> usize {
    repo.run(&["rev-list", "--count", range])
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

fn has_commit(repo: &Repo, rev: &str) -> bool {
    repo.run(&["rev-parse", "-q", "--verify", &format!("{rev}^{{commit}}")])
        .is_ok()
}

/// Ahead and behind against the shared repository as last fetched; asks
/// no server.
pub fn standing(library: &Path) -> Result<Standing, String> {
    let repo = Repo::find(library)?;
    let Some((branch, remote)) = upstream(&repo)? else {
        return Ok(Standing::default());
    };
    let theirs = format!("refs/remotes/{remote}/{branch}");
    if !has_commit(&repo, &theirs) {
        let ahead = if has_commit(&repo, "HEAD") {
            count(&repo, "HEAD")
        } else {
            0
        };
        return Ok(Standing {
            ahead,
            behind: 0,
            shared: true,
        });
    }
    Ok(Standing {
        ahead: count(&repo, &format!("{theirs}..HEAD")),
        behind: count(&repo, &format!("HEAD..{theirs}")),
        shared: true,
    })
}

/// Commits, fetches, merges and pushes `library`.
pub fn sync(library: &Path) -> Result<Report, String> {
    let repo = Repo::find(library)?;
    let mut report = Report::default();
    let waiting = undecided(&repo, library)?;
    if !waiting.is_empty() {
        report.undecided = waiting;
        return Ok(report);
    }
    let who = person(library);
    if repo.git_dir.join("MERGE_HEAD").exists() {
        repo.run(&["add", "-A", "--", &lib_arg(library)])?;
        run(as_person(
            repo.command(&["commit", "-q", "--no-edit", "--no-verify"]),
            &who,
        ))?;
        report
            .done
            .push("finished the merge with the decisions made".into());
    } else if let Some(c) = commit_saved(&repo, library)? {
        report.done.push(c);
    }
    let Some((branch, remote)) = upstream(&repo)? else {
        report.done.push(
            "no shared repository to sync with (carepath init --git --remote URL names one)".into(),
        );
        return Ok(report);
    };
    let theirs = format!("refs/remotes/{remote}/{branch}");
    for _ in 0..ATTEMPTS {
        repo.run(&[
            "fetch",
            "-q",
            "--no-recurse-submodules",
            &format!("--upload-pack={UPLOAD_PACK}"),
            &remote,
        ])?;
        let shared = has_commit(&repo, &theirs);
        if shared {
            let behind = if has_commit(&repo, "HEAD") {
                count(&repo, &format!("HEAD..{theirs}"))
            } else {
                count(&repo, &theirs)
            };
            if behind > 0 {
                let out = as_person(
                    repo.command(&["merge", "-q", "--no-edit", "--no-verify", &theirs]),
                    &who,
                )
                .output()
                .map_err(|e| format!("git could not be run: {e}"))?;
                if !out.status.success() {
                    // A file merged neither by carepath (no record) nor by
                    // lines (no markers), such as a pathway that does not
                    // load on one side: finishing this merge later would
                    // silently keep only ours, so it is undone.
                    let lost: Vec<String> = unmerged(&repo)?
                        .into_iter()
                        .filter(|f| !starts_with_record(f) && !has_markers(f))
                        .map(|f| crate::text::clean(&f.display().to_string()).into_owned())
                        .collect();
                    if !lost.is_empty() {
                        let _ = repo.run(&["merge", "--abort"]);
                        return Err(format!(
                            "{} could not be merged (does each version load? carepath check says); nothing was changed here or sent",
                            lost.join(", ")
                        ));
                    }
                    let left = undecided(&repo, library)?;
                    if left.is_empty() {
                        return Err(super::run::said(&out));
                    }
                    report.done.push(format!(
                        "took {behind} change{} from {remote}; some need deciding",
                        plural(behind)
                    ));
                    report.undecided = left;
                    return Ok(report);
                }
                report.done.push(format!(
                    "took {behind} change{} from {remote}",
                    plural(behind)
                ));
            }
        }
        let ahead = if shared {
            count(&repo, &format!("{theirs}..HEAD"))
        } else if has_commit(&repo, "HEAD") {
            count(&repo, "HEAD")
        } else {
            0
        };
        if ahead == 0 {
            report.done.push(format!("up to date with {remote}"));
            return Ok(report);
        }
        let out = repo.output(&[
            "push",
            "-q",
            "--no-verify",
            &format!("--receive-pack={RECEIVE_PACK}"),
            "-u",
            &remote,
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        if out.status.success() {
            report
                .done
                .push(format!("sent {ahead} change{} to {remote}", plural(ahead)));
            return Ok(report);
        }
        let said = String::from_utf8_lossy(&out.stderr);
        let lost_race = said.contains("rejected")
            || said.contains("fetch first")
            || said.contains("non-fast-forward");
        if !lost_race {
            return Err(super::run::said(&out));
        }
        report
            .done
            .push("someone else sent changes meanwhile; taking them first".into());
    }
    Err(format!(
        "others kept sending changes to {remote}; nothing was forced: sync again"
    ))
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
