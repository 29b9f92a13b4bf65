//! `people.yaml` in the library: who the server's users are to the
//! workshop (a display name, a role) and which participant each speaks
//! for. Optional: without it everyone can read and edit, nobody can sign
//! off, because a sign-off is an organisation's word.
//!
//! ```yaml
//! asmith:
//!   name: Dr Anna Smith
//!   role: Consultant geriatrician
//!   participant: hospital
//! ```

use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;

pub const FILE: &str = "people.yaml";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// The participant id this person may sign off for, if any.
    #[serde(default)]
    pub participant: Option<String>,
}

/// The people of a library, keyed by operating-system user name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People(IndexMap<String, Person>);

impl People {
    /// Reads `people.yaml` of `library`; empty when there is none. An error
    /// names the file, line and column.
    pub fn load(library: &Path) -> Result<People, String> {
        let file = library.join(FILE);
        let name = file.display().to_string();
        // Not a link, not a pipe, not huge, and within the limits every
        // file gets before parsing.
        let read = super::safe_open::Folder::open(library)
            .and_then(|f| f.read(FILE, super::safe_open::limits::PEOPLE));
        match read {
            Ok(bytes) => {
                let text =
                    super::input::check_capped(&name, &bytes, super::safe_open::limits::PEOPLE)
                        .map_err(|d| d.to_string())?;
                People::parse(&name, text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(People::default()),
            Err(e) => Err(super::shared::explain(&file, "read the list of people", &e)),
        }
    }

    pub fn parse(name: &str, text: &str) -> Result<People, String> {
        if text.trim().is_empty() {
            return Ok(People::default());
        }
        serde_yaml::from_str(text)
            .map(People)
            .map_err(|e| match e.location() {
                Some(at) => format!(
                    "{name}:{}:{}: {}",
                    at.line(),
                    at.column(),
                    strip_location(&e.to_string())
                ),
                None => format!("{name}: {e}"),
            })
    }

    pub fn get(&self, user: &str) -> Option<&Person> {
        self.0.get(user)
    }

    /// How `user` is shown: their display name, or the user name itself.
    pub fn display(&self, user: &str) -> String {
        self.get(user)
            .map_or_else(|| user.to_string(), |p| p.name.clone())
    }
}

/// serde_yaml ends its messages with " at line L column C"; the location
/// is given in front instead, as everywhere else in carepath.
fn strip_location(msg: &str) -> &str {
    msg.find(" at line ").map_or(msg, |i| &msg[..i])
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
}
