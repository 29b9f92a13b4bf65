//! A workshop, generated: two or three people in one library, each in
//! their own session of the app (driven in process, as the event loop and
//! the worker would), doing what people do in any order — typing a step's
//! title (and stopping half way), keeping it, saving, undoing, redoing,
//! adding, deleting and moving steps, renaming a step's id, adding,
//! deleting and moving red flags (list items without ids), leaving and
//! coming back to their kept edits, signing the pathway off for the
//! organisation they speak for — while others' saves arrive as the file
//! watcher reports them.
//!
//! After every action each session is checked against a model of what it
//! must show: the file as it last heard of it, with its own unsaved edits
//! on top (the text being typed included); and after every save, the file
//! holds what was there plus exactly the saver's edits, except where the
//! saver was shown a conflict and decided it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use carepath::store::library::source::Source;
use carepath::store::team::signing::KeySource;
use carepath::tui::app::App;
use carepath::tui::message::Message;
use carepath::tui::theme::Theme;
use carepath::tui::worker::drive;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed, TestRunner};

mod model;
use super::harness::{
    app_of, choose_row, document, find_screen, is_open, join, message, pathway_open, screen_at,
    screen_of, select_step, send, tab, unsaved,
};
use model::{Edit, RENAMED, Steps, apply, follow, ids_of, set_flags, sign_off_key};

fn key(app: &mut App, code: KeyCode) {
    send(app, KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    send(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn render(app: &mut App, w: u16, h: u16) -> String {
    screen_at(app, (w, h))
}

const FILE: &str = "discharge-to-care-home.yaml";
const USERS: [&str; 3] = ["asmith", "bjones", "cwhite"];
/// The organisation each user speaks for, by `people.yaml`.
const SPEAKS_FOR: [&str; 3] = ["hospital", "oakview", "riverside-gp"];

/// What one person does.
#[derive(Debug, Clone)]
enum Act {
    /// Start typing a new title for a step (by its place in the list),
    /// and stop half way: the text stays in the input.
    Type {
        who: usize,
        step: usize,
    },
    /// Keep what is being typed (Enter), and close the form.
    Commit {
        who: usize,
    },
    Save {
        who: usize,
        ours: bool,
        tell_all: bool,
    },
    Undo {
        who: usize,
    },
    Redo {
        who: usize,
    },
    AddStep {
        who: usize,
        after: usize,
    },
    DeleteStep {
        who: usize,
        step: usize,
    },
    MoveStep {
        who: usize,
        step: usize,
        up: bool,
    },
    RenameId {
        who: usize,
        step: usize,
    },
    /// A red flag added to a step from its form, and its text typed.
    AddFlag {
        who: usize,
        step: usize,
    },
    DeleteFlag {
        who: usize,
        step: usize,
        flag: usize,
    },
    MoveFlag {
        who: usize,
        step: usize,
        flag: usize,
    },
    /// The watcher reports others' saves made since this session last
    /// heard.
    Hear {
        who: usize,
    },
    /// `S`: the pathway signed off for the participant this person
    /// speaks for, with their own key, and saved at once; refused while
    /// they have unsaved edits.
    SignOff {
        who: usize,
    },
    /// The session ends without saving (the connection drops) and the
    /// person comes back, to the edits kept for them.
    Restart {
        who: usize,
    },
}

impl Act {
    fn who(&self) -> usize {
        match *self {
            Act::Type { who, .. }
            | Act::Commit { who }
            | Act::Save { who, .. }
            | Act::Undo { who }
            | Act::Redo { who }
            | Act::AddStep { who, .. }
            | Act::DeleteStep { who, .. }
            | Act::MoveStep { who, .. }
            | Act::RenameId { who, .. }
            | Act::AddFlag { who, .. }
            | Act::DeleteFlag { who, .. }
            | Act::MoveFlag { who, .. }
            | Act::Hear { who }
            | Act::SignOff { who }
            | Act::Restart { who } => who,
        }
    }
}

fn act(people: usize) -> impl Strategy<Value = Act> {
    let who = 0..people;
    let step = 0usize..12;
    prop_oneof![
        4 => (who.clone(), step.clone()).prop_map(|(who, step)| Act::Type { who, step }),
        4 => who.clone().prop_map(|who| Act::Commit { who }),
        4 => (who.clone(), any::<bool>(), any::<bool>())
            .prop_map(|(who, ours, tell_all)| Act::Save { who, ours, tell_all }),
        2 => who.clone().prop_map(|who| Act::Undo { who }),
        1 => who.clone().prop_map(|who| Act::Redo { who }),
        2 => (who.clone(), step.clone()).prop_map(|(who, after)| Act::AddStep { who, after }),
        2 => (who.clone(), step.clone()).prop_map(|(who, step)| Act::DeleteStep { who, step }),
        2 => (who.clone(), step.clone(), any::<bool>())
            .prop_map(|(who, step, up)| Act::MoveStep { who, step, up }),
        1 => (who.clone(), step.clone()).prop_map(|(who, step)| Act::RenameId { who, step }),
        2 => (who.clone(), step.clone()).prop_map(|(who, step)| Act::AddFlag { who, step }),
        2 => (who.clone(), step.clone(), 0usize..4)
            .prop_map(|(who, step, flag)| Act::DeleteFlag { who, step, flag }),
        1 => (who.clone(), step.clone(), 0usize..4)
            .prop_map(|(who, step, flag)| Act::MoveFlag { who, step, flag }),
        3 => who.clone().prop_map(|who| Act::Hear { who }),
        1 => who.clone().prop_map(|who| Act::SignOff { who }),
        1 => who.prop_map(|who| Act::Restart { who }),
    ]
}

fn workshop() -> impl Strategy<Value = (usize, Vec<Act>)> {
    (2usize..=3).prop_flat_map(|people| (Just(people), prop::collection::vec(act(people), 1..16)))
}

/// One person's session and what the model expects of it.
struct Person {
    user: &'static str,
    app: App,
    journal: tempfile::TempDir,
    /// The file's text as this session last heard of it (its own save, or
    /// the watcher's report).
    heard: String,
    /// Others saved since this session last heard.
    news: bool,
    /// Unsaved edits, one group per undo step.
    undo: Vec<Vec<Edit>>,
    redo: Vec<Vec<Edit>>,
    /// The step whose title is being typed, and the text so far.
    typing: Option<(String, String)>,
}

struct Workshop {
    dir: tempfile::TempDir,
    file: PathBuf,
    people: Vec<Person>,
    /// For values nobody typed before.
    counter: usize,
    /// Who acted last: their screen is drawn after each action.
    acting: usize,
    log: Vec<String>,
}

/// Each user's SSH key, made by `ssh-keygen` once per run of the tests
/// (under the target directory: a static is never dropped).
fn key_dir() -> &'static Path {
    static KEYS: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        for user in USERS {
            let made = std::process::Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-C", user, "-f"])
                .arg(dir.path().join(user))
                .status()
                .expect("ssh-keygen runs (openssh-client is installed by .ci/run)");
            assert!(made.success());
        }
        dir
    })
    .path()
}

/// people.yaml as the library's owner keeps it (theirs, writable by
/// nobody else, so it vouches for the keys it lists): each user speaks
/// for one participant.
fn write_people(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let text: String = USERS
        .iter()
        .zip(SPEAKS_FOR)
        .map(|(u, org)| {
            let key = std::fs::read_to_string(key_dir().join(format!("{u}.pub"))).unwrap();
            format!(
                "{u}:\n  name: Dr {u}\n  participant: {org}\n  keys: [{}]\n",
                key.trim()
            )
        })
        .collect();
    let file = dir.join("people.yaml");
    std::fs::write(&file, text).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
}

fn open(dir: &Path, user: &'static str, journal: &Path, pid: u32) -> App {
    let mut app = app_of(
        "lib",
        Theme::monochrome(),
        &Source::Folder(dir.to_path_buf()),
    );
    join(&mut app, dir, user, "workshop-server", pid);
    app.team.keys = KeySource {
        agent: None,
        key_file: Some(key_dir().join(user)),
    };
    app.journal = Some(journal.to_path_buf());
    key(&mut app, KeyCode::Enter);
    assert_eq!(document(&app).id, "discharge-to-care-home");
    app
}

/// Ctrl-s; a save that would leave sign-offs for an earlier version is
/// said first and goes ahead when asked again.
fn save_key(app: &mut App) {
    ctrl(app, 's');
    if message(app).contains("Save again to go ahead") {
        ctrl(app, 's');
    }
}

fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn shown(app: &App) -> (Steps, Vec<String>) {
    let p = document(app);
    (model_of(p), p.steps.iter().map(|s| s.id.clone()).collect())
}

fn model_of(p: &carepath::model::Pathway) -> Steps {
    let mut out = Steps::new();
    for s in &p.steps {
        out.insert(s.id.clone(), s.title.clone());
        set_flags(&mut out, &s.id, s.red_flags.clone());
    }
    for s in &p.sign_off {
        out.insert(sign_off_key(&s.participant), s.by.clone());
    }
    out
}

/// A step's red flags in the order shown.
fn flags_shown(app: &App, id: &str) -> Vec<String> {
    let p = document(app);
    p.steps
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.red_flags.clone())
        .unwrap_or_default()
}

fn steps_of_text(text: &str) -> Steps {
    thread_local! {
        static READ: std::cell::RefCell<BTreeMap<String, Steps>> = Default::default();
    }
    if let Some(s) = READ.with(|r| r.borrow().get(text).cloned()) {
        return s;
    }
    let s = read_steps(text);
    READ.with(|r| r.borrow_mut().insert(text.to_string(), s.clone()));
    s
}

fn read_steps(text: &str) -> Steps {
    let p = carepath::store::read::load::load_str("the file", text).expect("the file loads");
    model_of(&p)
}

impl Workshop {
    fn new(n: usize) -> Workshop {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(Path::new("pathways").join(FILE), dir.path().join(FILE)).unwrap();
        write_people(dir.path());
        let file = dir.path().join(FILE);
        let text = std::fs::read_to_string(&file).unwrap();
        let people = (0..n)
            .map(|i| {
                let journal = tempfile::tempdir().unwrap();
                let app = open(dir.path(), USERS[i], journal.path(), i as u32 + 1);
                let mut p = Person {
                    user: USERS[i],
                    app,
                    journal,
                    heard: text.clone(),
                    news: false,
                    undo: Vec::new(),
                    redo: Vec::new(),
                    typing: None,
                };
                key(&mut p.app, KeyCode::Char('2'));
                p
            })
            .collect();
        Workshop {
            dir,
            file,
            people,
            counter: 0,
            acting: 0,
            log: Vec::new(),
        }
    }

    fn disk(&self) -> String {
        std::fs::read_to_string(&self.file).unwrap()
    }

    fn fresh(&mut self, who: usize) -> String {
        self.counter += 1;
        format!("{} {}", self.people[who].user, self.counter)
    }

    /// The steps list in front of the session: no form, no conflict.
    fn back_to_list(&mut self, who: usize) {
        self.commit(who);
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::app::FormState>(app) {
            key(app, KeyCode::Esc);
        }
        assert!(
            !is_open::<carepath::tui::app::FormState>(app)
                && !is_open::<carepath::tui::screen::conflicts::Conflicts>(app),
            "{}",
            message(app)
        );
        assert_eq!(tab(app), carepath::tui::app::Tab::Steps);
    }

    fn select(&mut self, who: usize, step: usize) -> Option<String> {
        let app = &mut self.people[who].app;
        let (_, order) = shown(app);
        if order.is_empty() {
            return None;
        }
        let at = step % order.len();
        select_step(app, at);
        Some(order[at].clone())
    }

    fn type_title(&mut self, who: usize, step: usize) {
        if self.people[who].typing.is_some() {
            // More of the same text.
            let more = format!(" {}", self.fresh(who));
            chars(&mut self.people[who].app, &more);
            self.people[who].typing.as_mut().unwrap().1 += &more;
            return;
        }
        self.back_to_list(who);
        let Some(id) = self.select(who, step) else {
            return;
        };
        let text = self.fresh(who);
        let app = &mut self.people[who].app;
        key(app, KeyCode::Char('i'));
        let form = screen_of::<carepath::tui::app::FormState>(app);
        assert!(
            form.fields[0].path.ends_with(".title"),
            "{:?}",
            form.fields[0]
        );
        key(app, KeyCode::Enter);
        ctrl(app, 'u');
        chars(app, &text);
        self.people[who].typing = Some((id, text));
    }

    /// Keeps what is being typed, if anything, and decides any conflict
    /// that shows.
    fn commit(&mut self, who: usize) {
        let Some((id, text)) = self.people[who].typing.take() else {
            return;
        };
        let app = &mut self.people[who].app;
        let steps = shown(app).0;
        let gone = !steps.contains_key(&follow(&steps, id.clone()));
        key(app, KeyCode::Enter);
        if gone {
            return self.typed_into_removed(who, &id, &text);
        }
        self.people[who]
            .undo
            .push(vec![Edit::Title(id.clone(), text)]);
        self.people[who].redo.clear();
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::screen::conflicts::Conflicts>(app) {
            // Someone saved this title meanwhile: decided now (keep ours).
            self.decide(who, true);
        }
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::app::FormState>(app) {
            key(app, KeyCode::Esc);
        }
    }

    /// Someone's save removed the step whose title was being typed, and
    /// typing has ended: the typed title is shown against the removal on
    /// the conflict screen, never refused or dropped. Kept, the step is
    /// back with the typed title; let go, it stays removed, and what goes
    /// with it is said whole.
    fn typed_into_removed(&mut self, who: usize, id: &str, text: &str) {
        let app = &self.people[who].app;
        let said = message(app);
        let conflicts = find_screen::<carepath::tui::screen::conflicts::Conflicts>(app)
            .unwrap_or_else(|| {
                panic!("a title typed into a step removed meanwhile is shown as a conflict: {said}")
            });
        assert!(said.contains("was removed by"), "{said}");
        assert!(
            !carepath::model::words::holds_path(&said),
            "said in words: {said}"
        );
        assert!(
            conflicts.list.iter().any(|c| c.path.starts_with("steps[")
                && c.theirs.is_none()
                && c.ours
                    .as_ref()
                    .and_then(|o| o.get("title"))
                    .and_then(|t| t.as_str())
                    == Some(text)),
            "the typed title against the removal: {:?}",
            conflicts.list
        );
        self.log.push(format!(
            "{} typed into a step removed meanwhile",
            USERS[who]
        ));
        TYPED_INTO_REMOVED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let keep = self.counter.is_multiple_of(2);
        if !keep {
            // What letting it go takes with it is said, whole.
            let p = &mut self.people[who].app;
            key(p, KeyCode::Char('t'));
            let said = message(p);
            assert!(said.contains(&format!("\"{text}\"")), "{said}");
        }
        self.decide(who, keep);
        let now = steps_of_text(&self.disk());
        let kept = now
            .iter()
            .find(|(k, t)| !k.contains('#') && *t == text)
            .map(|(k, _)| k.clone());
        if keep {
            assert!(kept.is_some(), "the step is back with the typed title");
        } else {
            assert!(
                !now.contains_key(id) && kept.is_none(),
                "the step stays removed"
            );
        }
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::app::FormState>(app) {
            key(app, KeyCode::Esc);
        }
    }

    /// The conflict screen is open: every conflict kept as ours or taken
    /// as theirs, then saved (the screen's own save).
    fn decide(&mut self, who: usize, ours: bool) {
        let before = self.disk();
        let p = &mut self.people[who];
        let list = screen_of::<carepath::tui::screen::conflicts::Conflicts>(&p.app)
            .list
            .clone();
        self.log.push(format!(
            "{} decides {:?} {}",
            p.user,
            list.iter().map(|c| &c.path).collect::<Vec<_>>(),
            if ours { "ours" } else { "theirs" }
        ));
        let mut touched = BTreeSet::new();
        for c in &list {
            let id = c
                .path
                .strip_prefix("steps[")
                .and_then(|r| r.split(']').next())
                .map(String::from);
            if let Some(id) = id {
                touched.insert(id);
            }
            let k = if ours || !c.path.starts_with("steps") {
                'o'
            } else {
                't'
            };
            key(&mut p.app, KeyCode::Char(k));
            let on = screen_of::<carepath::tui::screen::conflicts::Conflicts>(&p.app);
            if on.decided[on.selected].is_none() {
                key(&mut p.app, KeyCode::Char('o'));
            }
            key(&mut p.app, KeyCode::Char('j'));
        }
        if !ours {
            for g in &mut p.undo {
                g.retain(|e| ids_of(e).iter().all(|id| !touched.contains(*id)));
            }
        }
        save_key(&mut p.app);
        assert!(
            !is_open::<carepath::tui::screen::conflicts::Conflicts>(&p.app),
            "the decisions are saved: {}",
            message(&p.app)
        );
        self.saved(who, before, touched);
    }

    /// After a save by `who` went through: the file holds what was there
    /// before plus exactly their edits (where they decided a conflict, as
    /// decided), and the others will hear of it.
    fn saved(&mut self, who: usize, before: String, decided: BTreeSet<String>) {
        let now = self.disk();
        let p = &mut self.people[who];
        let edits: Vec<Edit> = p.undo.drain(..).flatten().collect();
        let edits = same_additions_once(edits, &p.heard, &before);
        p.redo.clear();
        let was = steps_of_text(&before);
        let expected = apply(&was, edits.clone());
        // Renames this save made, from the id the step had in the file.
        for e in &edits {
            if let Edit::Rename(old, new) = e {
                let from = follow(&was, old.clone());
                RENAMED.with(|r| {
                    let mut r = r.borrow_mut();
                    r.entry(old.clone()).or_insert_with(|| new.clone());
                    if from != *new {
                        r.insert(from, new.clone());
                    }
                });
            }
        }
        let got = steps_of_text(&now);
        // A step decided in a conflict is decided under the names it has
        // since been given too (kept by its author's rename).
        let decided: BTreeSet<String> = decided
            .iter()
            .flat_map(|d| {
                let mut names = vec![d.clone()];
                RENAMED.with(|r| {
                    let r = r.borrow();
                    let mut at = d.clone();
                    while let Some(next) = r.get(&at) {
                        if names.contains(next) {
                            break;
                        }
                        names.push(next.clone());
                        at = next.clone();
                    }
                });
                names
            })
            .collect();
        let strip = |m: &Steps| -> Steps {
            m.iter()
                .filter(|(key, _)| !decided.contains(key.split('#').next().unwrap_or(key)))
                .map(|(a, b)| (a.clone(), b.clone()))
                .collect()
        };
        assert_eq!(
            strip(&got),
            strip(&expected),
            "the file after {}'s save holds what was there and their edits",
            p.user
        );
        p.heard = now.clone();
        for (i, o) in self.people.iter_mut().enumerate() {
            if i != who && o.heard != now {
                o.news = true;
            }
        }
    }

    fn save(&mut self, who: usize, ours: bool) {
        self.commit(who);
        let before = self.disk();
        let app = &mut self.people[who].app;
        let dirty = unsaved(app);
        if is_open::<carepath::tui::screen::conflicts::Conflicts>(app) {
            return self.decide(who, ours);
        }
        save_key(app);
        let said = message(app);
        if !dirty {
            assert!(said.contains("no changes"), "{said}");
            return;
        }
        if said.starts_with("Saved") {
            self.saved(who, before, BTreeSet::new());
        } else {
            // Someone saved the same thing meanwhile: the save says so, and
            // hearing of their save opens the conflict screen.
            assert!(said.contains("meanwhile"), "{said}");
            self.hear(who, ours);
            let app = &self.people[who].app;
            assert!(
                !is_open::<carepath::tui::screen::conflicts::Conflicts>(app),
                "decided and saved"
            );
        }
    }

    /// The watcher's report of the file as it is now.
    fn hear(&mut self, who: usize, ours: bool) {
        let now = self.disk();
        let p = &mut self.people[who];
        p.news = false;
        if p.heard == now {
            return;
        }
        let changed = carepath::store::team::watch::read(&self.file).expect("the file reads");
        drive(&mut p.app, Message::FileChanged(Box::new(changed)));
        // Their save arrives: the unsaved edits are merged into it, one
        // change that undo takes back whole.
        let edits: Vec<Edit> = p.undo.drain(..).flatten().collect();
        let mut edits = same_additions_once(edits, &p.heard, &now);
        p.heard = now;
        let dirty = unsaved(&p.app);
        if !dirty {
            // Their save made the same change (both moved one step the
            // same way): nothing is left unsaved, and the check after this
            // action holds the screen to their file alone.
            edits.clear();
        }
        if !edits.is_empty() {
            p.undo.push(edits);
        }
        p.redo.clear();
        if is_open::<carepath::tui::screen::conflicts::Conflicts>(&p.app) {
            self.decide(who, ours);
            self.tell_all();
        }
    }

    fn tell_all(&mut self) {
        for i in 0..self.people.len() {
            if self.people[i].news {
                self.hear(i, true);
            }
        }
    }

    fn list_edit(
        &mut self,
        who: usize,
        edit: impl FnOnce(&mut App, String) -> Option<Edit>,
        step: usize,
    ) {
        self.back_to_list(who);
        let Some(id) = self.select(who, step) else {
            return;
        };
        let before = shown(&self.people[who].app);
        let e = edit(&mut self.people[who].app, id);
        let after = shown(&self.people[who].app);
        if before != after {
            let e = e.expect("a change the model knows");
            self.people[who].undo.push(vec![e]);
            self.people[who].redo.clear();
        }
    }

    /// `+ add red flag` in the step's form, then the new flag's text typed.
    fn add_flag(&mut self, who: usize, step: usize) {
        self.back_to_list(who);
        let Some(id) = self.select(who, step) else {
            return;
        };
        let text = self.fresh(who);
        let p = &mut self.people[who];
        key(&mut p.app, KeyCode::Char('i'));
        choose_row(
            &mut p.app,
            |f| f.label.contains("add red flag"),
            "an add row",
        );
        let before = flags_shown(&p.app, &id);
        key(&mut p.app, KeyCode::Enter);
        let after = flags_shown(&p.app, &id);
        if after.len() == before.len() + 1 {
            let new = after.last().unwrap().clone();
            p.undo.push(vec![Edit::AddFlag(id.clone(), new.clone())]);
            p.redo.clear();
            let form = screen_of::<carepath::tui::app::FormState>(&p.app);
            let row = &form.fields[form.selected];
            assert!(
                row.label.starts_with("Red flag"),
                "the new flag is chosen: {row:?}"
            );
            key(&mut p.app, KeyCode::Enter);
            ctrl(&mut p.app, 'u');
            chars(&mut p.app, &text);
            key(&mut p.app, KeyCode::Enter);
            if flags_shown(&p.app, &id) != after {
                p.undo.push(vec![Edit::FlagText(id, new, text)]);
            }
        }
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::screen::conflicts::Conflicts>(app) {
            self.decide(who, true);
            self.tell_all();
        }
        let app = &mut self.people[who].app;
        if is_open::<carepath::tui::app::FormState>(app) {
            key(app, KeyCode::Esc);
        }
    }

    /// `k` (x deletes, K moves up) on one of a step's red flags, in its form.
    fn flag_row(&mut self, who: usize, step: usize, flag: usize, k: char) {
        self.back_to_list(who);
        let Some(id) = self.select(who, step) else {
            return;
        };
        let p = &mut self.people[who];
        let before = flags_shown(&p.app, &id);
        if before.is_empty() {
            return;
        }
        let at = flag % before.len();
        key(&mut p.app, KeyCode::Char('i'));
        choose_row(
            &mut p.app,
            |f| f.label == format!("Red flag {}", at + 1),
            "the flag's row",
        );
        key(&mut p.app, KeyCode::Char(k));
        let after = flags_shown(&p.app, &id);
        if after != before {
            let e = if k == 'x' {
                Edit::DeleteFlag(id, before[at].clone())
            } else {
                Edit::Move
            };
            p.undo.push(vec![e]);
            p.redo.clear();
        }
        key(&mut p.app, KeyCode::Esc);
    }

    /// `S` on the steps list. With unsaved edits (a title being typed is
    /// kept first) the app says to save or undo them and nothing changes;
    /// else the sign-off is saved at once, and the others hear of it.
    fn sign_off(&mut self, who: usize) {
        self.back_to_list(who);
        let before = self.disk();
        let p = &mut self.people[who];
        let dirty = p.undo.iter().any(|g| !g.is_empty());
        let shown_before = shown(&p.app);
        key(&mut p.app, KeyCode::Char('S'));
        let said = message(&p.app);
        if dirty {
            assert!(said.contains("Save or undo"), "{}: {said}", p.user);
            assert_eq!(
                shown(&p.app),
                shown_before,
                "a refused sign-off changes nothing"
            );
            assert_eq!(self.disk(), before, "a refused sign-off writes nothing");
            return;
        }
        let entry = Edit::SignOff(SPEAKS_FOR[who].into(), p.user.into());
        if said.starts_with("Signed off") {
            p.undo.push(vec![entry]);
            self.saved(who, before, BTreeSet::new());
        } else {
            // Someone saved the sign-offs meanwhile: the save says so, and
            // hearing of their save opens the conflict screen.
            assert!(said.contains("meanwhile"), "{}: {said}", p.user);
            p.undo.push(vec![entry]);
            self.hear(who, true);
        }
        let now = steps_of_text(&self.disk());
        assert_eq!(
            now.get(&sign_off_key(SPEAKS_FOR[who])).map(String::as_str),
            Some(USERS[who]),
            "the file holds the sign-off"
        );
    }

    fn restart(&mut self, who: usize) {
        self.commit(who);
        let dir = self.dir.path().to_path_buf();
        let disk = self.disk();
        let p = &mut self.people[who];
        // The session ends: the worker's last journal write is done.
        drive(&mut p.app, Message::Terminate);
        p.app = open(&dir, p.user, p.journal.path(), who as u32 + 10);
        let offered = is_open::<carepath::tui::screen::recovery::Recovery>(&p.app);
        let dirty = !p.undo.is_empty();
        assert_eq!(
            offered, dirty,
            "kept edits are offered exactly when there are some"
        );
        if offered {
            key(&mut p.app, KeyCode::Char('r'));
        }
        p.heard = disk;
        p.news = false;
        let edits: Vec<Edit> = p.undo.drain(..).flatten().collect();
        if !edits.is_empty() {
            p.undo.push(edits);
        }
        p.redo.clear();
        // Kept edits that meet a save made meanwhile open the conflict
        // screen at once: decided first, then back to the steps.
        if is_open::<carepath::tui::screen::conflicts::Conflicts>(&p.app) {
            self.decide(who, true);
            self.tell_all();
        }
        key(&mut self.people[who].app, KeyCode::Char('2'));
    }

    fn run(&mut self, a: &Act) {
        let t = std::time::Instant::now();
        self.run_timed(a);
        if std::env::var("WORKSHOP_TIMES").is_ok() {
            eprintln!("{:?} {a:?}", t.elapsed());
        }
    }

    fn run_timed(&mut self, a: &Act) {
        self.log.push(format!("{a:?}"));
        let who = a.who();
        self.acting = who;
        match *a {
            Act::Type { step, .. } => self.type_title(who, step),
            Act::Commit { .. } => self.commit(who),
            Act::Save { ours, tell_all, .. } => {
                self.save(who, ours);
                if tell_all {
                    self.tell_all();
                }
            }
            Act::Undo { .. } | Act::Redo { .. } => {
                self.back_to_list(who);
                let redo = matches!(a, Act::Redo { .. });
                let p = &mut self.people[who];
                if redo {
                    ctrl(&mut p.app, 'r');
                    if let Some(g) = p.redo.pop() {
                        p.undo.push(g);
                    }
                } else {
                    key(&mut p.app, KeyCode::Char('u'));
                    if let Some(g) = p.undo.pop() {
                        p.redo.push(g);
                    }
                }
            }
            Act::AddStep { after, .. } => {
                let title = self.fresh(who);
                self.list_edit(
                    who,
                    |app, _| {
                        let before: BTreeSet<String> = shown(app).0.into_keys().collect();
                        key(app, KeyCode::Char('a'));
                        chars(app, &title);
                        key(app, KeyCode::Enter);
                        let added = shown(app).0.into_keys().find(|k| !before.contains(k));
                        added.map(|id| Edit::Add(id, title))
                    },
                    after,
                );
            }
            Act::DeleteStep { step, .. } => self.list_edit(
                who,
                |app, id| {
                    key(app, KeyCode::Char('x'));
                    Some(Edit::Delete(id))
                },
                step,
            ),
            Act::MoveStep { step, up, .. } => self.list_edit(
                who,
                |app, _| {
                    key(app, KeyCode::Char(if up { 'K' } else { 'J' }));
                    Some(Edit::Move)
                },
                step,
            ),
            Act::RenameId { step, .. } => {
                let new = format!("renamed-{}", self.fresh(who).replace(' ', "-"));
                self.list_edit(
                    who,
                    |app, id| {
                        key(app, KeyCode::Char('i'));
                        choose_row(
                            app,
                            |f| f.path.starts_with("steps.") && f.path.ends_with(".id"),
                            "an id row",
                        );
                        key(app, KeyCode::Enter);
                        ctrl(app, 'u');
                        chars(app, &new);
                        key(app, KeyCode::Enter);
                        key(app, KeyCode::Esc);
                        Some(Edit::Rename(id, new))
                    },
                    step,
                );
            }
            Act::AddFlag { step, .. } => self.add_flag(who, step),
            Act::DeleteFlag { step, flag, .. } => self.flag_row(who, step, flag, 'x'),
            Act::MoveFlag { step, flag, .. } => self.flag_row(who, step, flag, 'K'),
            Act::Hear { .. } => self.hear(who, true),
            Act::SignOff { .. } => self.sign_off(who),
            Act::Restart { .. } => self.restart(who),
        }
        self.check();
    }

    /// Every session shows the file as it last heard of it, with its own
    /// unsaved edits on top, and the text being typed.
    fn check(&mut self) {
        for p in &self.people {
            let app = &p.app;
            assert!(pathway_open(app), "{}: the pathway stays open", p.user);
            assert!(
                !is_open::<carepath::tui::screen::conflicts::Conflicts>(app),
                "{}: conflicts left open",
                p.user
            );
            let expected = apply(&steps_of_text(&p.heard), p.undo.iter().flatten().cloned());
            let (got, order) = shown(app);
            assert_eq!(
                order.len(),
                got.keys().filter(|k| !k.contains('#')).count(),
                "{}: a step held twice: {order:?}",
                p.user
            );
            assert_eq!(
                got, expected,
                "{} shows the file as they heard it with their own edits",
                p.user
            );
            if let Some((_, text)) = &p.typing {
                let input = find_screen::<carepath::tui::app::FormState>(app)
                    .and_then(|f| f.input.as_ref());
                assert_eq!(
                    input.map(|i| i.text.as_str()),
                    Some(text.as_str()),
                    "{}: the half-typed text stays",
                    p.user
                );
            }
            let dirty = unsaved(app);
            assert_eq!(
                dirty,
                p.undo.iter().any(|g| !g.is_empty()),
                "{}: marked unsaved exactly when there are unsaved edits",
                p.user
            );
        }
        render(&mut self.people[self.acting].app, 80, 24);
    }

    /// Everyone keeps what they typed and saves; then all have heard all.
    fn finish(&mut self) {
        for who in 0..self.people.len() {
            self.save(who, true);
            self.tell_all();
            self.check();
        }
        let now = self.disk();
        for p in &self.people {
            assert_eq!(p.heard, now, "{} heard the last save", p.user);
        }
    }
}

/// A red flag this session added that someone else's save (between the
/// file as `heard` and as `now`) added too, word for word: a merge takes
/// the same addition on both sides once, as any three-way merge does.
fn same_additions_once(edits: Vec<Edit>, heard: &str, now: &str) -> Vec<Edit> {
    let (was, is) = (steps_of_text(heard), steps_of_text(now));
    let count = |m: &Steps, id: &str, t: &str| {
        m.get(&model::flags_key(id))
            .map_or(0, |f| f.split('\n').filter(|x| *x == t).count())
    };
    let mut taken: BTreeMap<(String, String), usize> = BTreeMap::new();
    edits
        .into_iter()
        .filter(|e| {
            let Edit::AddFlag(id, t) = e else {
                return true;
            };
            let arrived = count(&is, id, t).saturating_sub(count(&was, id, t));
            let used = taken.entry((id.clone(), t.clone())).or_default();
            if *used < arrived {
                *used += 1;
                false
            } else {
                true
            }
        })
        .collect()
}

fn play(people: usize, acts: &[Act]) -> Result<(), TestCaseError> {
    play_logged(people, acts).map(|_| ())
}

/// Plays the acts; what happened, as the test's log says it.
fn play_logged(people: usize, acts: &[Act]) -> Result<Vec<String>, TestCaseError> {
    RENAMED.with(|r| r.borrow_mut().clear());
    let mut w = Workshop::new(people);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        for a in acts {
            w.run(a);
        }
        w.finish();
    }));
    match result {
        Ok(()) => Ok(w.log),
        Err(e) => {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(TestCaseError::fail(format!("{why}\n{}", w.log.join("\n"))))
        }
    }
}

/// Plays `cases` generated workshops. The generator's seed is random
/// unless `WORKSHOP_SEED` gives it, and is said when a case fails, so a
/// failure can be played again; a failing case is also kept in
/// `workshop_model.proptest-regressions` beside this file, and the cases
/// kept there are played first on every run.
fn run(cases: u32) {
    let seed = std::env::var("WORKSHOP_SEED").map_or_else(
        |_| rand_seed(),
        |s| s.trim().parse().expect("WORKSHOP_SEED is a whole number"),
    );
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    });
    if let Err(e) = runner.run(&workshop(), |(n, acts)| play(n, &acts)) {
        panic!("{e}\nplay it again with WORKSHOP_SEED={seed}");
    }
    // Seen with --nocapture: how often the rarer cases came up.
    eprintln!(
        "{cases} workshops from WORKSHOP_SEED={seed}; a title typed into a step removed meanwhile {} time(s) (in this process)",
        TYPED_INTO_REMOVED.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// How many times a title was typed into a step removed meanwhile.
static TYPED_INTO_REMOVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A seed for the generator from the clock and the process: different on
/// every run.
fn rand_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one((std::process::id(), std::time::SystemTime::now()))
}

/// A debug build plays about ten cases a second on an idle machine: 300 in a plain
/// `cargo test`; `WORKSHOP_CASES=N` for more.
#[test]
fn a_generated_workshop_loses_nothing() {
    run(std::env::var("WORKSHOP_CASES").map_or(300, |n| n.parse().unwrap()));
}

/// Found by the generator: a title being typed for the fourth step was
/// written onto whichever step was fourth after a colleague's save added a
/// step above it.
#[test]
fn a_title_typed_stays_with_its_step_when_a_save_moves_it() {
    play(
        2,
        &[
            Act::Type { who: 1, step: 3 },
            Act::AddStep { who: 0, after: 0 },
        ],
    )
    .unwrap();
}

/// Found by the generator: a step deleted or typed into before this
/// session heard of a colleague's save is the step that was on screen,
/// not the one now in its place in the file.
#[test]
fn an_edit_made_before_hearing_a_save_lands_on_the_step_shown() {
    play(
        2,
        &[
            Act::RenameId { who: 1, step: 0 },
            Act::Save {
                who: 1,
                ours: false,
                tell_all: false,
            },
            Act::AddStep { who: 0, after: 0 },
        ],
    )
    .unwrap();
    play(
        2,
        &[
            Act::DeleteStep { who: 1, step: 8 },
            Act::Save {
                who: 1,
                ours: true,
                tell_all: false,
            },
            Act::Type { who: 0, step: 3 },
            Act::Commit { who: 0 },
        ],
    )
    .unwrap();
}

/// Found by the long run: both add the same new red flag to one step
/// (and undo its text): the merge keeps it once.
#[test]
fn the_same_flag_added_by_both_is_kept_once() {
    play(
        2,
        &[
            Act::AddFlag { who: 1, step: 1 },
            Act::Undo { who: 1 },
            Act::AddFlag { who: 0, step: 9 },
            Act::Undo { who: 0 },
        ],
    )
    .unwrap();
}

/// Both move one step the same way: once merged, nothing is left unsaved
/// (and no kept edits are offered later).
#[test]
fn the_same_move_by_both_leaves_nothing_unsaved() {
    play(
        2,
        &[
            Act::MoveStep {
                who: 0,
                step: 4,
                up: false,
            },
            Act::MoveStep {
                who: 1,
                step: 5,
                up: true,
            },
        ],
    )
    .unwrap();
}

/// Two people renaming the same step differently: the one who decides
/// the conflict keeps theirs, and the step is there once, by that id.
#[test]
fn two_renames_of_one_step_end_as_one_step() {
    play(
        2,
        &[
            Act::MoveStep {
                who: 0,
                step: 2,
                up: false,
            },
            Act::RenameId { who: 0, step: 2 },
            Act::RenameId { who: 1, step: 3 },
        ],
    )
    .unwrap();
}

/// Two people sign off, the second before hearing of the first's
/// sign-off: the file ends holding both. A sign-off asked for with a title
/// still being typed is refused (the title is kept, unsaved) and changes
/// nothing; and a save of content others signed off goes ahead when asked
/// again.
#[test]
fn sign_offs_are_saved_heard_and_refused_over_unsaved_edits() {
    play(
        3,
        &[
            Act::SignOff { who: 0 },
            Act::SignOff { who: 1 },
            Act::Type { who: 2, step: 1 },
            Act::SignOff { who: 2 },
            Act::Save {
                who: 2,
                ours: true,
                tell_all: true,
            },
            Act::SignOff { who: 2 },
            Act::SignOff { who: 0 },
        ],
    )
    .unwrap();
}

/// One types into a step's title while another removes the step and
/// saves: when typing ends the typed title is shown against the removal,
/// kept (the step back with it) or let go, each way once.
#[test]
fn a_title_typed_into_a_step_removed_meanwhile_is_a_conflict() {
    for first_counter in [0, 1] {
        let mut acts = vec![];
        if first_counter == 1 {
            // A title typed (and kept) first, so the decision goes the
            // other way.
            acts.push(Act::Type { who: 1, step: 5 });
        }
        acts.extend([
            Act::Type { who: 0, step: 0 },
            Act::DeleteStep { who: 1, step: 0 },
            Act::Save {
                who: 1,
                ours: true,
                tell_all: true,
            },
            Act::Commit { who: 0 },
        ]);
        let log = play_logged(2, &acts).unwrap();
        assert!(
            log.iter()
                .any(|l| l.ends_with("typed into a step removed meanwhile")),
            "{log:?}"
        );
    }
}

#[test]
#[ignore = "longer run"]
fn a_long_generated_workshop_loses_nothing() {
    run(2000);
}

/// One moves a red flag of the first step while another adds a step right
/// after it and then deletes it: the new step, now where the first one
/// was, never takes the first step's red flags.
#[test]
fn a_deleted_step_s_flags_never_land_on_the_step_in_its_place() {
    play(
        2,
        &[
            Act::MoveFlag {
                who: 1,
                step: 0,
                flag: 1,
            },
            Act::AddStep { who: 0, after: 8 },
            Act::DeleteStep { who: 0, step: 0 },
        ],
    )
    .unwrap();
}

/// A kept rename of a step a colleague deleted and saved meanwhile: the
/// restore shows the conflict at once, rather than bringing the step back
/// unasked.
#[test]
fn a_kept_rename_of_a_deleted_step_is_a_conflict_on_restoring() {
    play(
        2,
        &[
            Act::DeleteStep { who: 1, step: 8 },
            Act::RenameId { who: 0, step: 0 },
            Act::Save {
                who: 1,
                ours: false,
                tell_all: false,
            },
            Act::Restart { who: 0 },
        ],
    )
    .unwrap();
}

/// Two people rename one step's id two ways, and both save without
/// hearing of the other: the second decides the conflict, and the
/// decision is written to the step as it is now named.
#[test]
fn a_step_renamed_two_ways_is_decided_and_saved() {
    play(
        2,
        &[
            Act::RenameId { who: 1, step: 8 },
            Act::Save {
                who: 1,
                ours: false,
                tell_all: false,
            },
            Act::RenameId { who: 0, step: 0 },
            Act::Save {
                who: 0,
                ours: false,
                tell_all: false,
            },
        ],
    )
    .unwrap();
}

/// Found by the generator (kept in workshop_model.proptest-regressions):
/// one gives a step a new id and a new title, unsaved, while another
/// deletes that step and saves. The merge knew the renamed step only by
/// its id or its words, so took it for a new step: the deletion was
/// silently undone. Known by the rest of it (its red flags, detail and
/// links), the deletion and the edits now meet as a conflict.
#[test]
fn a_step_renamed_and_retitled_meets_its_deletion_as_a_conflict() {
    play(
        3,
        &[
            Act::RenameId { who: 2, step: 8 },
            Act::DeleteStep { who: 0, step: 8 },
            Act::Type { who: 2, step: 0 },
            Act::Restart { who: 2 },
        ],
    )
    .unwrap();
}

/// Found by the generator (kept in workshop_model.proptest-regressions):
/// one renames the step another's step leads to, and deletes the step the
/// other is typing in, and saves. The step brought back with the typed
/// title leads to the renamed step by its new id (its old link would not
/// load), so the conflict screen opens instead of a refusal.
#[test]
fn a_step_brought_back_leads_where_its_links_now_are() {
    play(
        2,
        &[
            Act::RenameId { who: 0, step: 1 },
            Act::Type { who: 1, step: 8 },
            Act::DeleteStep { who: 0, step: 0 },
        ],
    )
    .unwrap();
}

/// Found by the long run (kept in workshop_model.proptest-regressions):
/// kept edits restored after a colleague saved the same title open the
/// conflict screen at once; the session is decided there and then goes
/// back to its steps, rather than the steps key being taken by the
/// conflict screen.
#[test]
fn kept_edits_that_meet_a_save_are_decided_on_restart() {
    play(
        2,
        &[
            Act::Type { who: 1, step: 0 },
            Act::Save {
                who: 1,
                ours: false,
                tell_all: false,
            },
            Act::Type { who: 0, step: 8 },
            Act::Restart { who: 0 },
            Act::DeleteStep { who: 0, step: 0 },
        ],
    )
    .unwrap();
}
