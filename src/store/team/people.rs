//! `people.yaml` in the library: who the server's users are to the
//! workshop (a display name, a role), which participant each speaks for,
//! and the SSH public keys their sign-offs are signed with. Optional:
//! without it everyone can read and edit, nobody can sign off, because a
//! sign-off is an organisation's word.
//!
//! ```yaml
//! asmith:
//!   name: Dr Anna Smith
//!   role: Consultant geriatrician
//!   participant: hospital
//!   keys:
//!     - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA... asmith@laptop
//! ```
//!
//! The library folder is writable by its whole group, so anyone in it
//! could put another `people.yaml` in its place and speak for any
//! participant. The file therefore vouches for nobody unless it belongs to
//! root or to the library folder's owner, and nobody else can write it.

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use ssh_key::PublicKey;

use crate::model::SignOff;
use crate::store::team::records::Record;

pub const FILE: &str = "people.yaml";

/// A larger `people.yaml` is not read: it lists people, not data.
const MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// The participant id this person may sign off for, if any.
    #[serde(default)]
    pub participant: Option<String>,
    /// The person's SSH public keys, as OpenSSH lines
    /// (`ssh-ed25519 AAAA… comment`), that their sign-offs are signed with.
    #[serde(default)]
    pub keys: Vec<String>,
}

/// The people of a library, keyed by operating-system user name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    people: IndexMap<String, Person>,
    /// Why the file cannot be trusted to say who speaks for whom, if so.
    untrusted: Option<String>,
    /// Sign-offs kept on this server by people without a key yet, by user
    /// (or why a user's records file cannot be believed).
    records: IndexMap<String, Result<Vec<Record>, String>>,
}

impl People {
    /// Reads `people.yaml` of `library`; empty when there is none. An error
    /// names the file, line and column. A file that anyone but root or the
    /// library's owner could have written is read, but vouches for nobody
    /// ([`People::trusted`]).
    pub fn load(library: &Path) -> Result<People, String> {
        let file = library.join(FILE);
        let owner = owner_of(library);
        match read_guarded(&file, owner) {
            Ok((text, untrusted)) => {
                // Within the limits every file gets before parsing.
                let name = file.display().to_string();
                let text = crate::store::read::input::check_capped(
                    &name,
                    text.as_bytes(),
                    crate::store::safe_open::limits::PEOPLE,
                )
                .map_err(|d| d.to_string())?;
                let mut people = People::parse(&name, text)?;
                people.untrusted = untrusted;
                let signers = people
                    .people
                    .iter()
                    .filter(|(_, p)| p.participant.is_some())
                    .map(|(user, _)| user.clone())
                    .collect::<Vec<_>>();
                for user in signers {
                    let kept = crate::store::team::records::load(library, &user);
                    if !matches!(&kept, Ok(list) if list.is_empty()) {
                        people.records.insert(user, kept);
                    }
                }
                Ok(people)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(People::default()),
            Err(e) => Err(crate::store::shared::explain(&file, "read", &e)),
        }
    }

    /// Reads a people file named by the user themself (as `carepath verify
    /// --people`): trusted as their choice, whoever owns it.
    pub fn load_named(file: &Path) -> Result<People, String> {
        let (text, _) = read_guarded(file, None)
            .map_err(|e| crate::store::shared::explain(file, "read", &e))?;
        People::parse(&file.display().to_string(), &text)
    }

    pub fn parse(name: &str, text: &str) -> Result<People, String> {
        if text.trim().is_empty() {
            return Ok(People::default());
        }
        let people: IndexMap<String, Person> =
            serde_yaml::from_str(text).map_err(|e| match e.location() {
                Some(at) => format!(
                    "{name}:{}:{}: {}",
                    at.line(),
                    at.column(),
                    strip_location(&e.to_string())
                ),
                None => format!("{name}: {e}"),
            })?;
        for (user, person) in &people {
            for (i, line) in person.keys.iter().enumerate() {
                PublicKey::from_openssh(line).map_err(|e| {
                    format!(
                        "{name}: key {} of {user} is not an OpenSSH public key line ({e}); copy the whole line of the .pub file, e.g. \"ssh-ed25519 AAAA… {user}@laptop\"",
                        i + 1
                    )
                })?;
            }
        }
        Ok(People {
            people,
            untrusted: None,
            records: IndexMap::new(),
        })
    }

    pub fn get(&self, user: &str) -> Option<&Person> {
        self.people.get(user)
    }

    /// Whether anyone listed may sign off for `participant`.
    pub fn someone_speaks_for(&self, participant: &str) -> bool {
        self.people
            .values()
            .any(|p| p.participant.as_deref() == Some(participant))
    }

    /// The people listed, by user name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Person)> {
        self.people.iter()
    }

    /// How `user` is shown: their display name, or the user name itself.
    pub fn display(&self, user: &str) -> String {
        self.get(user)
            .map_or_else(|| user.to_string(), |p| p.name.clone())
    }

    /// Whether the file may say who speaks for whom, or why not, in words
    /// that say what to run.
    pub fn trusted(&self) -> Result<(), &str> {
        match &self.untrusted {
            None => Ok(()),
            Some(why) => Err(why),
        }
    }

    /// The same people, as from a file that cannot be trusted for `why`.
    #[cfg(test)]
    pub(crate) fn untrusted(mut self, why: &str) -> People {
        self.untrusted = Some(why.into());
        self
    }

    /// Whether the signer of `s` kept a record of it on this server, or why
    /// their records cannot be believed.
    pub fn has_record(&self, s: &SignOff) -> Result<bool, String> {
        match self.records.get(&s.by) {
            None => Ok(false),
            Some(Ok(list)) => Ok(list.iter().any(|r| r.is_of(s))),
            Some(Err(why)) => Err(why.clone()),
        }
    }

    /// The public keys the file lists for `user` (each checked when read).
    pub fn keys(&self, user: &str) -> Vec<PublicKey> {
        self.get(user)
            .map(|p| {
                p.keys
                    .iter()
                    .filter_map(|k| PublicKey::from_openssh(k).ok())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// serde_yaml ends its messages with " at line L column C"; the location
/// is given in front instead, as everywhere else in carepath.
fn strip_location(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
}

/// The owner of the library folder (by user id).
#[cfg(unix)]
fn owner_of(library: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(library).ok().map(|m| m.uid())
}

#[cfg(not(unix))]
fn owner_of(_library: &Path) -> Option<u32> {
    None
}

/// Reads `file` without following a link and without blocking on a FIFO,
/// with the reason it cannot be trusted, if any: given the library
/// owner's id, the file must belong to them or to root, and be writable by
/// its owner only. The checks are of the file opened, not of its name.
#[cfg(unix)]
fn read_guarded(file: &Path, owner: Option<u32>) -> std::io::Result<(String, Option<String>)> {
    use std::io::Read;
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(file);
    let f = match opened {
        Ok(f) => f,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            let shown = shell_quote(file);
            return Ok((
                String::new(),
                Some(format!(
                    "{shown} is a symbolic link, which anyone in the group could have put there; the library's owner can put the file itself in its place (cp --remove-destination \"$(readlink -f {shown})\" {shown}, then chmod 644 {shown})"
                )),
            ));
        }
        Err(e) => return Err(e),
    };
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    if meta.len() > MAX_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} KiB, which no list of people is",
            MAX_BYTES / 1024
        )));
    }
    let mut text = String::new();
    f.take(MAX_BYTES).read_to_string(&mut text)?;
    let Some(owner) = owner else {
        return Ok((text, None));
    };
    let shown = shell_quote(file);
    let untrusted = if meta.uid() != 0 && meta.uid() != owner {
        Some(format!(
            "{shown} belongs to {}, not to the library's owner ({}) or root, so anyone in the group could have put it there; the library's owner can check what it says and take it over with: sudo chown {} {shown} && sudo chmod 644 {shown}",
            crate::store::team::identity::user_of(meta.uid()),
            crate::store::team::identity::user_of(owner),
            crate::store::team::identity::user_of(owner),
        ))
    } else if meta.mode() & 0o022 != 0 {
        Some(format!(
            "{shown} can be written by others than its owner (mode {:o}), so anyone could change who speaks for whom; the library's owner can fix it with: chmod go-w {shown}",
            meta.mode() & 0o7777
        ))
    } else {
        None
    };
    Ok((text, untrusted))
}

#[cfg(not(unix))]
fn read_guarded(file: &Path, _owner: Option<u32>) -> std::io::Result<(String, Option<String>)> {
    Ok((std::fs::read_to_string(file)?, None))
}

/// A path as it can be pasted into a shell.
fn shell_quote(path: &Path) -> String {
    let s = crate::text::clean(&path.display().to_string()).into_owned();
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,@".contains(c))
    {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_map_users_to_names_and_participants() {
        let p = People::parse(
            "people.yaml",
            "asmith:\n  name: Dr Anna Smith\n  role: Geriatrician\n  participant: hospital\nbjones:\n  name: Ben Jones\n",
        )
        .unwrap();
        assert_eq!(p.trusted(), Ok(()));
        assert_eq!(
            p.get("asmith").unwrap().participant.as_deref(),
            Some("hospital")
        );
        assert_eq!(p.get("bjones").unwrap().participant, None);
        assert_eq!(p.display("asmith"), "Dr Anna Smith");
        assert_eq!(p.display("nobody"), "nobody");
    }

    #[test]
    fn a_typo_is_reported_with_its_place() {
        let e = People::parse(
            "people.yaml",
            "asmith:\n  name: A\n  partcipant: hospital\n",
        )
        .unwrap_err();
        assert!(e.starts_with("people.yaml:3:3: "), "{e}");
        assert!(e.contains("partcipant"), "{e}");
    }

    #[test]
    fn a_key_that_does_not_read_is_reported_with_its_person() {
        let e = People::parse(
            "people.yaml",
            "asmith:\n  name: A\n  keys:\n    - ssh-ed25519 notakey\n",
        )
        .unwrap_err();
        assert!(
            e.contains("key 1 of asmith is not an OpenSSH public key"),
            "{e}"
        );
    }

    #[test]
    fn listed_keys_are_read() {
        let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICiUfd4tUk52yLunfttvN865OU+TC6tDtAltlQiRMEdF asmith@laptop";
        let p = People::parse(
            "people.yaml",
            &format!("asmith:\n  name: A\n  keys:\n    - {line}\n"),
        )
        .unwrap();
        assert_eq!(p.keys("asmith").len(), 1);
        assert_eq!(p.keys("asmith")[0].comment(), "asmith@laptop");
        assert!(p.keys("bjones").is_empty());
    }

    #[test]
    fn a_path_is_quoted_for_the_shell_when_it_needs_it() {
        assert_eq!(
            shell_quote(Path::new("/srv/lib/people.yaml")),
            "/srv/lib/people.yaml"
        );
        assert_eq!(shell_quote(Path::new("/srv/my lib/x")), "'/srv/my lib/x'");
    }
}
