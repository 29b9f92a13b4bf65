//! Sign-offs signed with real SSH keys (made by `ssh-keygen` in a temporary
//! folder, and held by a real `ssh-agent` started here), checked as another
//! session would, and the ways a member of the group could try to forge
//! one.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use carepath::store::team::signing::{KeySource, sign_file};

const FILE: &str = "discharge-to-care-home.yaml";

/// A key made by `ssh-keygen`: the private key file and its public line.
struct Key {
    file: PathBuf,
    public: String,
}

fn keygen(dir: &Path, name: &str, passphrase: &str) -> Key {
    let file = dir.join(name);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", passphrase, "-C"])
        .arg(format!("{name}@laptop"))
        .arg("-f")
        .arg(&file)
        .status()
        .expect("ssh-keygen runs (openssh-client is installed by .ci/run)");
    assert!(ok.success());
    let public = std::fs::read_to_string(file.with_extension("pub"))
        .unwrap()
        .trim()
        .to_string();
    Key { file, public }
}

fn from_file(key: &Key) -> KeySource {
    KeySource {
        agent: None,
        key_file: Some(key.file.clone()),
    }
}

/// A library with the discharge pathway, and a people.yaml kept as the
/// owner would: theirs, writable by nobody else.
struct Library {
    dir: tempfile::TempDir,
    asmith: Key,
    bjones: Key,
}

impl Library {
    fn new() -> Library {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(Path::new("pathways").join(FILE), dir.path().join(FILE)).unwrap();
        let keys = dir.path().join("keys");
        std::fs::create_dir(&keys).unwrap();
        let asmith = keygen(&keys, "asmith", "");
        let bjones = keygen(&keys, "bjones", "");
        let lib = Library {
            dir,
            asmith,
            bjones,
        };
        lib.write_people("");
        lib
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join(FILE)
    }

    fn people(&self) -> PathBuf {
        self.dir.path().join("people.yaml")
    }

    fn write_people(&self, extra: &str) {
        let text = format!(
            "asmith:\n  name: Dr Anna Smith\n  participant: hospital\n  keys:\n    - {}\nbjones:\n  name: Ben Jones\n  participant: oakview\n  keys:\n    - {}\n{extra}",
            self.asmith.public, self.bjones.public
        );
        let people = self.people();
        let _ = std::fs::remove_file(&people);
        std::fs::write(&people, text).unwrap();
        std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o644)).unwrap();
    }

    fn text(&self) -> String {
        std::fs::read_to_string(self.file()).unwrap()
    }

    fn set_text(&self, text: &str) {
        std::fs::write(self.file(), text).unwrap();
    }
}

/// `carepath verify FILE --format F`: exit code and standard output.
fn verify(file: &Path, format: &str) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("verify")
        .arg(file)
        .args(["--format", format])
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn a_sign_off_with_a_key_file_is_valid_for_another_session() {
    let lib = Library::new();
    let before = lib.text();
    let s = sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    assert_eq!(s.note, None, "signed, not only kept here");
    assert_eq!(s.entry.participant, "hospital");
    let text = lib.text();
    assert!(text.contains("signature: |"), "{text}");
    assert!(text.contains("-----BEGIN SSH SIGNATURE-----"), "{text}");
    assert!(
        text.starts_with(&before[..before.find("sign_off").unwrap_or(before.len())]),
        "the file's comments and layout before the sign-off are kept"
    );
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("valid"), "{out}");
    assert!(out.contains("Riverside General"), "{out}");
    assert!(out.contains("Dr Anna Smith (asmith)"), "{out}");
}

#[test]
fn a_sign_off_through_a_running_ssh_agent_is_valid() {
    let lib = Library::new();
    let agent = Agent::start(lib.dir.path());
    agent.add(&lib.bjones);
    let keys = KeySource {
        agent: Some(agent.socket.clone()),
        key_file: None,
    };
    sign_file(&lib.file(), "bjones", &keys).unwrap();
    let (code, out) = verify(&lib.file(), "json");
    assert_eq!(code, 0, "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sign_offs"][0]["status"], "valid");
    assert_eq!(v["sign_offs"][0]["by"], "bjones");
    assert_eq!(v["all_valid"], true);
}

/// The signature is a plain SSHSIG: `ssh-keygen -Y verify` accepts it, for
/// the sign-off's message, with the key people.yaml lists.
#[test]
fn ssh_keygen_verifies_the_signature_itself() {
    let lib = Library::new();
    let s = sign_file(&lib.file(), "asmith", &from_file(&lib.asmith))
        .unwrap()
        .entry;
    let dir = lib.dir.path();
    std::fs::write(
        dir.join("allowed"),
        format!("asmith {}\n", lib.asmith.public),
    )
    .unwrap();
    std::fs::write(dir.join("sig"), s.signature.as_deref().unwrap()).unwrap();
    std::fs::write(dir.join("msg"), carepath::model::signoff::message(&s)).unwrap();
    let out = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-n", "carepath-signoff", "-I", "asmith"])
        .arg("-f")
        .arg(dir.join("allowed"))
        .arg("-s")
        .arg(dir.join("sig"))
        .stdin(std::fs::File::open(dir.join("msg")).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_edit_leaves_the_sign_off_stale() {
    let lib = Library::new();
    sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    carepath::cli::set::set(&lib.file(), "place", "Riverside North").unwrap();
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("stale"), "{out}");
    assert!(out.contains("for an earlier version"), "{out}");
}

#[test]
fn agreed_counts_only_valid_current_sign_offs() {
    let lib = Library::new();
    sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap();
    let e = carepath::cli::set::set(&lib.file(), "status", "agreed").unwrap_err();
    assert!(
        e.ends_with("missing: Riverside Medical Group (riverside-gp), Riverside Council adult social care (council-asc)"),
        "{e}"
    );
    let keys = lib.dir.path().join("keys");
    let (gp, council) = (keygen(&keys, "cpatel", ""), keygen(&keys, "dlee", ""));
    lib.write_people(&format!(
        "cpatel:\n  name: Dr C Patel\n  participant: riverside-gp\n  keys: [{}]\ndlee:\n  name: D Lee\n  participant: council-asc\n  keys: [{}]\n",
        gp.public, council.public
    ));
    sign_file(&lib.file(), "cpatel", &from_file(&gp)).unwrap();
    sign_file(&lib.file(), "dlee", &from_file(&council)).unwrap();
    carepath::cli::set::set(&lib.file(), "status", "agreed").unwrap();
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("valid")).count(), 4);
}

/// A member copies their own digest and signature into an entry that says
/// it is Dr Smith's, or writes one with no signature at all.
#[test]
fn a_copied_digest_under_someone_elses_name_is_forged() {
    let lib = Library::new();
    let s = sign_file(&lib.file(), "bjones", &from_file(&lib.bjones))
        .unwrap()
        .entry;
    let sig: String = s
        .signature
        .unwrap()
        .lines()
        .map(|l| format!("      {l}\n"))
        .collect();
    let text = format!(
        "{}  - participant: hospital\n    by: asmith\n    at: 2026-11-20T10:02:00Z\n    digest: {}\n    signature: |\n{sig}",
        lib.text(),
        s.digest
    );
    lib.set_text(&text);
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    let forged = out.lines().find(|l| l.contains("Riverside")).unwrap();
    assert!(forged.starts_with("forged"), "{out}");
    assert!(
        forged.contains("signed with a key") && forged.contains("does not list for asmith"),
        "{forged}"
    );
    assert!(
        carepath::cli::set::set(&lib.file(), "status", "agreed").is_err(),
        "agreed is refused"
    );

    // Without a signature.
    let unsigned = text[..text.rfind("    signature: |").unwrap()].to_string();
    lib.set_text(&unsigned);
    let (_, out) = verify(&lib.file(), "text");
    assert!(
        out.contains("it has no signature, and its signer kept no record"),
        "{out}"
    );
}

#[test]
fn a_sign_off_re_attributed_with_set_is_forged() {
    let lib = Library::new();
    sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap();
    // bjones's signature, now claimed to be Dr Smith's for the hospital.
    carepath::cli::set::set(&lib.file(), "sign_off.0.by", "asmith").unwrap();
    carepath::cli::set::set(&lib.file(), "sign_off.0.participant", "hospital").unwrap();
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("forged"), "{out}");

    // Only the name changed: the signature no longer matches the entry.
    let lib = Library::new();
    lib.write_people("cwhite:\n  name: Cath White\n  participant: oakview\n");
    sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap();
    carepath::cli::set::set(&lib.file(), "sign_off.0.by", "cwhite").unwrap();
    let (_, out) = verify(&lib.file(), "text");
    assert!(out.starts_with("forged"), "{out}");
    assert!(out.contains("does not list for cwhite"), "{out}");
    // Even with cwhite's key listed as bjones's, the time or digest edited
    // after signing shows.
    let lib = Library::new();
    sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap();
    carepath::cli::set::set(&lib.file(), "sign_off.0.at", "2027-01-01T00:00:00Z").unwrap();
    let (_, out) = verify(&lib.file(), "text");
    assert!(out.contains("does not match the entry"), "{out}");
}

/// A key that people.yaml does not list for the user neither signs nor
/// verifies.
#[test]
fn a_signature_by_a_key_not_listed_is_forged() {
    let lib = Library::new();
    let stranger = keygen(&lib.dir.path().join("keys"), "stranger", "");
    let e = sign_file(&lib.file(), "asmith", &from_file(&stranger)).unwrap_err();
    assert!(e.contains("people.yaml lists no key of yours"), "{e}");
    assert!(e.contains(&stranger.public), "names the line to add: {e}");

    // Signed outside carepath with the stranger's key.
    let mut p = carepath::store::read::load::load_file(&lib.file()).unwrap();
    let mut entry = carepath::model::signoff::prepare(
        &p,
        "asmith",
        Some("hospital"),
        "hospital",
        chrono::Utc::now(),
    )
    .unwrap();
    let key = ssh_key::PrivateKey::read_openssh_file(&stranger.file).unwrap();
    let sig = key
        .sign(
            carepath::model::signoff::NAMESPACE,
            ssh_key::HashAlg::Sha512,
            &carepath::model::signoff::message(&entry),
        )
        .unwrap();
    entry.signature = Some(sig.to_pem(ssh_key::LineEnding::LF).unwrap());
    p.sign_off.push(entry);
    let people = carepath::store::team::people::People::load(lib.dir.path()).unwrap();
    let verdicts = carepath::store::team::verify::verify_all(&p, &people);
    assert!(
        matches!(
            &verdicts[0].1,
            carepath::model::signoff::Verdict::NotValid(
                carepath::model::signoff::Why::KeyNotListed { .. }
            )
        ),
        "{verdicts:?}"
    );
}

#[test]
fn a_group_writable_or_linked_people_yaml_signs_and_verifies_nobody() {
    let lib = Library::new();
    sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    let people = lib.people();
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o664)).unwrap();
    let e = sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap_err();
    assert!(e.contains("people.yaml is not trusted"), "{e}");
    assert!(e.contains("chmod go-w"), "says what to run: {e}");
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("forged"), "{out}");
    assert!(out.contains("people.yaml is not trusted"), "{out}");

    // A link in its place, to a file kept well.
    let elsewhere = lib.dir.path().join("keys/people.yaml");
    std::fs::rename(&people, &elsewhere).unwrap();
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &people).unwrap();
    let e = sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap_err();
    assert!(e.contains("is a symbolic link"), "{e}");
    assert_eq!(verify(&lib.file(), "text").0, 1);
}

/// A member of the group replaces people.yaml with their own (the folder
/// is group-writable, so `mv` works whoever owns the old one).
#[test]
#[ignore = "needs root, to give people.yaml to another user; .ci/run runs it"]
fn a_people_yaml_not_kept_by_the_librarys_owner_is_refused() {
    let lib = Library::new();
    sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    let people = lib.people();
    std::os::unix::fs::chown(&people, Some(4242), None).expect("run as root");
    let e = sign_file(&lib.file(), "bjones", &from_file(&lib.bjones)).unwrap_err();
    assert!(e.contains("not to the library's owner"), "{e}");
    assert!(e.contains("chown"), "says what to run: {e}");
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("people.yaml is not trusted"), "{out}");
    // Root's own file is trusted.
    std::os::unix::fs::chown(&people, Some(0), None).unwrap();
    assert_eq!(verify(&lib.file(), "text").0, 0);
}

#[test]
fn a_user_without_a_key_is_told_how_to_make_one() {
    let lib = Library::new();
    let none = KeySource {
        agent: None,
        key_file: Some(lib.dir.path().join("no-such-key")),
    };
    let e = sign_file(&lib.file(), "asmith", &none).unwrap_err();
    assert!(e.contains("you have no SSH key to sign with"), "{e}");
    assert!(e.contains("ssh-keygen -t ed25519"), "{e}");
    assert!(e.contains("library's owner"), "{e}");
}

#[test]
fn a_key_with_a_passphrase_and_no_agent_is_explained() {
    let lib = Library::new();
    let locked = keygen(&lib.dir.path().join("keys"), "locked", "secret words");
    lib.write_people(&format!(
        "cwhite:\n  name: Cath White\n  participant: oakview\n  keys:\n    - {}\n",
        locked.public
    ));
    let e = sign_file(&lib.file(), "cwhite", &from_file(&locked)).unwrap_err();
    assert!(e.contains("protected by a passphrase"), "{e}");
    assert!(e.contains("ssh-add"), "{e}");
}

#[test]
fn verify_says_when_it_cannot_run() {
    let lib = Library::new();
    let (code, out) = verify(&lib.dir.path().join("missing.yaml"), "text");
    assert_eq!(code, 2, "{out}");
}

/// A real `ssh-agent`, on a socket in `dir`, ended when dropped.
struct Agent {
    child: Child,
    socket: PathBuf,
}

impl Agent {
    fn start(dir: &Path) -> Agent {
        let socket = dir.join("agent.sock");
        let child = Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("ssh-agent runs (openssh-client is installed by .ci/run)");
        // The socket appears once the agent listens.
        for _ in 0..200 {
            if socket.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        Agent { child, socket }
    }

    fn add(&self, key: &Key) {
        let ok = Command::new("ssh-add")
            .arg("-q")
            .arg(&key.file)
            .env("SSH_AUTH_SOCK", &self.socket)
            .status()
            .unwrap();
        assert!(ok.success());
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A colleague's unsaved edit, saved after the sign-off, is merged with
/// it: the signature comes through the merge intact, and the sign-off is
/// then for the earlier version.
#[test]
fn a_sign_off_survives_a_merge_with_an_edit_made_meanwhile() {
    let lib = Library::new();
    let mut theirs = carepath::store::persist::session::Session::open(&lib.file()).unwrap();
    theirs.change("place", "Riverside North").unwrap();
    sign_file(&lib.file(), "asmith", &from_file(&lib.asmith)).unwrap();
    theirs.save().unwrap();
    let saved = carepath::store::read::load::load_file(&lib.file()).unwrap();
    assert_eq!(saved.place.as_deref(), Some("Riverside North"));
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("stale"), "{out}");
}

/// Signing off as the account running the tests, which has no key.
fn me() -> String {
    carepath::store::team::identity::current().user.clone()
}

fn no_key(lib: &Library) -> KeySource {
    KeySource {
        agent: None,
        key_file: Some(lib.dir.path().join("no-such-key")),
    }
}

/// Until they have a key, a user's sign-off is kept as a record only they
/// can write, valid on this server and shown as such, and worth nothing
/// where the file is copied.
#[test]
fn without_a_key_a_sign_off_is_kept_here_only() {
    let lib = Library::new();
    let me = me();
    lib.write_people(&format!("{me}:\n  name: Me\n  participant: riverside-gp\n"));
    let s = sign_file(&lib.file(), &me, &no_key(&lib)).unwrap();
    let note = s.note.expect("says it is kept here only");
    assert!(note.contains("on this server only"), "{note}");
    assert!(note.contains("ssh-keygen -t ed25519"), "{note}");
    assert_eq!(s.entry.signature, None);
    let record = lib
        .dir
        .path()
        .join(format!(".carepath/signoffs/{me}.jsonl"));
    let mode = std::fs::metadata(&record).unwrap().permissions().mode();
    assert_eq!(mode & 0o022, 0, "only they can write it");
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("valid-here"), "{out}");
    assert!(out.contains("valid here only"), "{out}");

    // Copied to another library with the same people: not valid there.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(lib.file(), elsewhere.path().join(FILE)).unwrap();
    std::fs::copy(lib.people(), elsewhere.path().join("people.yaml")).unwrap();
    let (code, out) = verify(&elsewhere.path().join(FILE), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.starts_with("forged"), "{out}");

    // A record others can write vouches for nothing.
    std::fs::set_permissions(&record, std::fs::Permissions::from_mode(0o664)).unwrap();
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("can be written by others"), "{out}");
}

/// An entry in someone's name with no record of theirs behind it.
#[test]
fn an_unsigned_entry_without_its_signers_record_is_forged() {
    let lib = Library::new();
    let me = me();
    lib.write_people(&format!("{me}:\n  name: Me\n  participant: riverside-gp\n"));
    sign_file(&lib.file(), &me, &no_key(&lib)).unwrap();
    // The same entry, a minute later, which they never recorded.
    let text = lib.text();
    let at = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("at: "))
        .unwrap()
        .to_string();
    lib.set_text(&text.replace(&at, "2020-01-01T00:00:00Z"));
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("kept no record of it on this server"), "{out}");
}

/// A record file in a user's name that another user made.
#[test]
#[ignore = "needs root, to give a record file to another user; .ci/run runs it"]
fn a_record_file_not_owned_by_its_user_is_refused() {
    let lib = Library::new();
    let me = me();
    lib.write_people(&format!("{me}:\n  name: Me\n  participant: riverside-gp\n"));
    sign_file(&lib.file(), &me, &no_key(&lib)).unwrap();
    let record = lib
        .dir
        .path()
        .join(format!(".carepath/signoffs/{me}.jsonl"));
    std::os::unix::fs::chown(&record, Some(4242), None).expect("run as root");
    let (code, out) = verify(&lib.file(), "text");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("does not belong to"), "{out}");
}

/// Names from the file reach the terminal without their control
/// characters, in text and in JSON.
#[test]
fn verify_prints_no_control_characters_from_the_file() {
    let lib = Library::new();
    let text = format!(
        "{}sign_off:\n  - participant: hospital\n    by: \"\\e]0;owned\\a\\e[2Jmallory\"\n    at: 2026-11-20T10:02:00Z\n    digest: sha256:00\n",
        lib.text()
    );
    lib.set_text(&text);
    for format in ["text", "json"] {
        let (code, out) = verify(&lib.file(), format);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("mallory"), "{out}");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
}
