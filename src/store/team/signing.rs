//! Signing a sign-off with the user's own SSH key: from their ssh-agent
//! (`SSH_AUTH_SOCK`, which `ssh -A` forwards from their own machine) or
//! from an unencrypted `~/.ssh/id_ed25519`. The key must be one that
//! `people.yaml` lists for them, so that others can check it.

use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use ssh_agent_client_rs::Client;
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use crate::model::signoff::{self, NAMESPACE};
use crate::model::{Pathway, SignOff};
use crate::store::persist::session::{Change, Session};
use crate::store::team::people::People;
use crate::store::team::records::Record;

/// How long the agent may take to answer before signing gives up (an
/// agent that asks for confirmation waits for the user).
const AGENT_WAIT: Duration = Duration::from_secs(30);

/// Where the user's keys are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySource {
    /// The ssh-agent's socket.
    pub agent: Option<PathBuf>,
    /// A private key file.
    pub key_file: Option<PathBuf>,
}

impl KeySource {
    /// The agent of `SSH_AUTH_SOCK` and `~/.ssh/id_ed25519`.
    pub fn from_env() -> KeySource {
        KeySource {
            agent: std::env::var_os("SSH_AUTH_SOCK")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
            key_file: std::env::var_os("HOME")
                .filter(|s| !s.is_empty())
                .map(|h| Path::new(&h).join(".ssh/id_ed25519")),
        }
    }

    /// No keys at all (tests of screens that do not sign).
    pub fn none() -> KeySource {
        KeySource {
            agent: None,
            key_file: None,
        }
    }
}

impl Default for KeySource {
    fn default() -> Self {
        KeySource::from_env()
    }
}

/// A sign-off made, and what the user should know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Signed {
    pub entry: SignOff,
    /// Said when the sign-off is kept on this server only.
    pub note: Option<String>,
}

/// The sign-off `user` gives for the participant they speak for, signed
/// with their key, or why not in words that say what to do. A user with
/// no key at all, signing as themself in a library (`records_in`), gets a
/// sign-off kept as their own record on this server, with a note saying
/// so and how to make a key.
pub fn sign_off(
    p: &Pathway,
    user: &str,
    people: &People,
    at: DateTime<Utc>,
    keys: &KeySource,
    records_in: Option<&Path>,
) -> Result<Signed, String> {
    people.trusted().map_err(|why| {
        format!("people.yaml is not trusted, so nobody can sign off until it is fixed: {why}")
    })?;
    let speaks_for = people.get(user).and_then(|x| x.participant.clone());
    let participant = speaks_for.clone().unwrap_or_default();
    let mut entry = signoff::prepare(p, user, speaks_for.as_deref(), &participant, at)
        .map_err(|why| why.to_string())?;
    let listed = people.keys(user);
    let message = signoff::message(&entry);
    match sign_with(&message, user, &listed, keys) {
        Ok(sig) => {
            entry.signature = Some(
                sig.to_pem(LineEnding::LF)
                    .map_err(|e| format!("the signature could not be written: {e}"))?,
            );
            Ok(Signed { entry, note: None })
        }
        Err(Unsigned::NoKey(why)) => match records_in.filter(|_| is_me(user)) {
            Some(library) => {
                crate::store::team::records::append(
                    library,
                    &Record {
                        pathway: p.id.clone(),
                        participant: entry.participant.clone(),
                        by: entry.by.clone(),
                        at: entry.at,
                        digest: entry.digest.clone(),
                    },
                )?;
                Ok(Signed {
                    entry,
                    note: Some(format!(
                        "kept as your own record on this server only, valid here but not where the file is copied: {why}"
                    )),
                })
            }
            None => Err(why),
        },
        Err(Unsigned::Other(why)) => Err(why),
    }
}

/// Whether `user` is the account this process runs as (only they can
/// keep their own record).
fn is_me(user: &str) -> bool {
    // SAFETY: geteuid cannot fail.
    crate::store::team::identity::uid_of(user) == Some(unsafe { libc::geteuid() })
}

/// Why a message was not signed.
enum Unsigned {
    /// The user has no key at all.
    NoKey(String),
    /// They have one, but it cannot be used (not listed, locked, failing).
    Other(String),
}

/// The change that puts `entry` into `p`: a participant's newer sign-off
/// takes the place of their older one.
pub fn change_for(p: &Pathway, entry: &SignOff) -> Result<Change, String> {
    let yaml = serde_yaml::to_string(entry).map_err(|e| e.to_string())?;
    let path = "sign_off".to_string();
    Ok(
        match p
            .sign_off
            .iter()
            .position(|s| s.participant == entry.participant)
        {
            Some(index) => Change::Batch(vec![
                Change::Remove {
                    path: path.clone(),
                    index,
                },
                Change::Insert { path, index, yaml },
            ]),
            None => Change::Insert {
                path,
                index: p.sign_off.len(),
                yaml,
            },
        },
    )
}

/// Signs the pathway in `file` off as `user`, with the library's
/// `people.yaml` and the user's keys, and saves it (keeping the file's
/// comments and layout).
pub fn sign_file(file: &Path, user: &str, keys: &KeySource) -> Result<Signed, String> {
    let people = People::load(&crate::store::shared::library_of(file))?;
    let mut session = Session::open(file)?;
    let library = crate::store::shared::library_of(file);
    let signed = sign_off(
        session.pathway(),
        user,
        &people,
        Utc::now(),
        keys,
        Some(&library),
    )?;
    let change = change_for(session.pathway(), &signed.entry)?;
    session.make(change)?;
    session.save().map_err(|e| e.to_string())?;
    Ok(signed)
}

/// Signs `message` with the first key of the user's that `listed` holds:
/// the agent's first, then the key file's.
fn sign_with(
    message: &[u8],
    user: &str,
    listed: &[PublicKey],
    keys: &KeySource,
) -> Result<SshSig, Unsigned> {
    let is_listed = |k: &PublicKey| listed.iter().any(|l| l.key_data() == k.key_data());
    // Keys the user has that people.yaml does not list, to name them.
    let mut unlisted: Vec<PublicKey> = Vec::new();
    let mut agent_problem = None;
    if let Some(socket) = &keys.agent {
        match agent_keys(socket) {
            Ok((mut client, held)) => {
                if let Some(k) = held.iter().find(|k| is_listed(k)) {
                    return sign_by_agent(&mut client, k, message).map_err(Unsigned::Other);
                }
                unlisted.extend(held);
            }
            Err(e) => agent_problem = Some(e),
        }
    }
    if let Some(file) = keys.key_file.as_deref().filter(|f| f.exists()) {
        let key = PrivateKey::read_openssh_file(file).map_err(|e| {
            Unsigned::Other(format!(
                "{} does not read as an SSH private key: {e}",
                file.display()
            ))
        })?;
        if is_listed(key.public_key()) {
            if key.is_encrypted() {
                return Err(Unsigned::Other(format!(
                    "your key {} is protected by a passphrase, and carepath does not ask for passphrases: add it to your ssh-agent with `ssh-add` (connecting with `ssh -A` forwards your own agent), then sign again",
                    file.display()
                )));
            }
            return key.sign(NAMESPACE, HashAlg::Sha512, message).map_err(|e| {
                Unsigned::Other(format!("signing with {} failed: {e}", file.display()))
            });
        }
        unlisted.push(key.public_key().clone());
    }
    if let Some(k) = unlisted.first() {
        let line = k.to_openssh().unwrap_or_default();
        return Err(Unsigned::Other(format!(
            "people.yaml lists no key of yours, so others could not check your signature: ask the library's owner to add this line under keys: of {user} in people.yaml: {line}"
        )));
    }
    let agent = agent_problem
        .map(|e| format!(" (your ssh-agent did not answer: {e})"))
        .unwrap_or_default();
    Err(Unsigned::NoKey(format!(
        "you have no SSH key to sign with{agent}. Make one with `ssh-keygen -t ed25519`, then ask the library's owner to add the line in ~/.ssh/id_ed25519.pub under keys: of {user} in people.yaml"
    )))
}

/// The agent at `socket`, and the keys it holds.
fn agent_keys(socket: &Path) -> Result<(Client, Vec<PublicKey>), String> {
    let stream = UnixStream::connect(socket).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(AGENT_WAIT))
        .and_then(|()| stream.set_write_timeout(Some(AGENT_WAIT)))
        .map_err(|e| e.to_string())?;
    let mut client = Client::with_read_write(Box::new(stream));
    let held = client
        .list_all_identities()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|id| match id {
            ssh_agent_client_rs::Identity::PublicKey(k) => Some(k.into_owned()),
            ssh_agent_client_rs::Identity::Certificate(_) => None,
        })
        .collect();
    Ok((client, held))
}

/// An SSHSIG made by the agent: it signs the SSHSIG "signed data" blob,
/// and the signature is wrapped with the key and namespace.
fn sign_by_agent(client: &mut Client, key: &PublicKey, message: &[u8]) -> Result<SshSig, String> {
    let data = SshSig::signed_data(NAMESPACE, HashAlg::Sha512, message)
        .map_err(|e| format!("the message could not be prepared for signing: {e}"))?;
    let signature = client
        .sign(key, &data)
        .map_err(|e| format!("your ssh-agent did not sign: {e}"))?;
    SshSig::new(
        key.key_data().clone(),
        NAMESPACE,
        HashAlg::Sha512,
        signature,
    )
    .map_err(|e| format!("your ssh-agent's signature does not read: {e}"))
}
