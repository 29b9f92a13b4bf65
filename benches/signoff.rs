//! A sign-off, including its signature and its verification by another
//! session. Target: under 100 ms. Measured: signing with a key file and
//! saving (people.yaml read, session opened, signed, written into the
//! file keeping its layout, saved with its history) followed by another
//! session loading the file and people.yaml and checking every sign-off;
//! the same with the key held by a real ssh-agent (when one can be
//! started); and the check alone.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use carepath::model::signoff::Verdict;
use carepath::store::team::people::People;
use carepath::store::team::signing::{KeySource, sign_file};
use carepath::store::team::verify::verify_all;
use criterion::{Criterion, criterion_group, criterion_main};
use ssh_key::private::Ed25519Keypair;
use ssh_key::{LineEnding, PrivateKey};

const FILE: &str = "discharge-to-care-home.yaml";

/// A library with the discharge pathway, asmith's key in `keys/asmith`,
/// and people.yaml listing it.
fn library() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(FILE);
    std::fs::copy(Path::new("pathways").join(FILE), &file).unwrap();
    std::fs::create_dir(dir.path().join("keys")).unwrap();
    let key_file = dir.path().join("keys/asmith");
    let key = PrivateKey::from(Ed25519Keypair::from_seed(&[7; 32]));
    key.write_openssh_file(&key_file, LineEnding::LF).unwrap();
    std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let people = dir.path().join("people.yaml");
    std::fs::write(
        &people,
        format!(
            "asmith:\n  name: Dr Anna Smith\n  participant: hospital\n  keys:\n    - {}\n",
            key.public_key().to_openssh().unwrap()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&people, std::fs::Permissions::from_mode(0o644)).unwrap();
    (dir, file, key_file)
}

/// What another session does: load the file and people.yaml, check every
/// sign-off.
fn check_as_another_session(file: &Path) {
    let p = carepath::store::read::load::load_file(file).unwrap();
    let people = People::load(file.parent().unwrap()).unwrap();
    let verdicts = verify_all(&p, &people);
    assert!(verdicts.iter().all(|(_, v)| *v == Verdict::Valid));
    assert_eq!(verdicts.len(), 1);
}

fn signoff(c: &mut Criterion) {
    let (dir, file, key_file) = library();
    let mut group = c.benchmark_group("signoff");
    group.sample_size(30);
    let from_file = KeySource {
        agent: None,
        key_file: Some(key_file.clone()),
    };
    group.bench_function("sign_with_key_file_save_and_verify_elsewhere", |b| {
        b.iter(|| {
            sign_file(&file, "asmith", &from_file).unwrap();
            check_as_another_session(&file);
        })
    });
    group.bench_function("verify_only", |b| {
        b.iter(|| check_as_another_session(&file))
    });
    match Agent::start(dir.path(), &key_file) {
        Some(agent) => {
            let through_agent = KeySource {
                agent: Some(agent.socket.clone()),
                key_file: None,
            };
            group.bench_function("sign_through_ssh_agent_save_and_verify_elsewhere", |b| {
                b.iter(|| {
                    sign_file(&file, "asmith", &through_agent).unwrap();
                    check_as_another_session(&file);
                })
            });
        }
        None => eprintln!("no ssh-agent here: the agent case is not measured"),
    }
    group.finish();
}

/// A real ssh-agent holding the key, ended when dropped.
struct Agent {
    child: Child,
    socket: PathBuf,
}

impl Agent {
    fn start(dir: &Path, key: &Path) -> Option<Agent> {
        let socket = dir.join("agent.sock");
        let child = Command::new("ssh-agent")
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(std::process::Stdio::null())
            .spawn()
            .ok()?;
        let agent = Agent { child, socket };
        for _ in 0..200 {
            if agent.socket.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let added = Command::new("ssh-add")
            .arg("-q")
            .arg(key)
            .env("SSH_AUTH_SOCK", &agent.socket)
            .status()
            .ok()?;
        added.success().then_some(agent)
    }
}

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

criterion_group!(benches, signoff);
criterion_main!(benches);
