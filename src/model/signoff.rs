//! Sign-off: each participant's word that the pathway is what their
//! organisation agrees to. A sign-off is for the content as it was when
//! given (its digest); any later change to the content leaves it standing
//! only for that earlier version, and `agreed` needs every participant's
//! word on the current one.
//!
//! The word is an SSH signature (SSHSIG, as `ssh-keygen -Y sign` and git
//! make) by the signer's own key over [`message`]: the participant, the
//! user, the time and the digest. This module holds what is signed and what
//! the outcomes mean; the keys and the checking of signatures are in
//! `store::team::signing` and `store::team::verify`.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sha2::{Digest, Sha256};

use super::{Participant, Pathway, SignOff, Status};

/// The SSHSIG namespace of a sign-off, so that a signature made for
/// anything else (a git commit, a file) is never taken for one.
pub const NAMESPACE: &str = "carepath-signoff";

/// The digest of what people sign: everything except the status, the
/// sign-offs themselves and the meeting's running record (decisions,
/// questions, actions, the values measures take), so that signing, moving
/// to `agreed`, or minuting a meeting does not make the sign-offs stale. Made from the canonical form (sorted
/// keys, absent values left out), so it outlives changes to the Rust types.
pub fn digest(p: &Pathway) -> String {
    let mut content = p.clone();
    content.status = Status::default();
    content.sign_off.clear();
    content.decisions.clear();
    content.questions.clear();
    content.actions.clear();
    for m in &mut content.measures {
        m.values.clear();
    }
    let bytes = super::canonical::to_bytes(&content).unwrap_or_default();
    let hash = Sha256::digest(&bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The bytes a sign-off's signature is over: a JSON list naming what this
/// is, then the participant, the user, the time (RFC 3339, whole seconds)
/// and the digest. A list of JSON strings cannot be read two ways, however
/// odd a name.
pub fn message(s: &SignOff) -> Vec<u8> {
    let at = s.at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let fields = ["carepath sign-off 1", &s.participant, &s.by, &at, &s.digest];
    serde_json::to_vec(&fields).unwrap_or_default()
}

/// Whether a sign-off is for the content as it is now.
pub fn is_current(p: &Pathway, s: &SignOff) -> bool {
    s.digest == digest(p)
}

/// What a sign-off is worth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Signed by a key of the user, who speaks for the participant, for the
    /// content as it is now.
    Valid,
    /// A valid signature (or record kept here), for an earlier version of
    /// the content.
    Stale,
    /// No signature, but the user's own record on this server, for the
    /// content as it is now: valid here, not where the file is copied.
    HereOnly,
    /// Not the word of the participant it names.
    NotValid(Why),
}

impl Verdict {
    /// The one word `carepath verify` prints.
    pub fn word(&self) -> &'static str {
        match self {
            Verdict::Valid => "valid",
            Verdict::Stale => "stale",
            Verdict::HereOnly => "valid-here",
            Verdict::NotValid(_) => "forged",
        }
    }

    /// Whether it counts toward `agreed`: the participant's word on the
    /// content as it is now.
    pub fn counts(&self) -> bool {
        matches!(self, Verdict::Valid | Verdict::HereOnly)
    }
}

/// Why a sign-off is not valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// No signature (written by hand, or by carepath before signatures),
    /// and no record of it kept on this server.
    Unsigned,
    /// No signature, and the user's records on this server cannot be
    /// believed (not their own file, or others can write it).
    RecordRefused(String),
    /// The signature is not an SSH signature that reads.
    Unreadable(String),
    /// An SSH signature made for something else than a sign-off.
    OtherNamespace(String),
    /// `people.yaml` cannot be trusted, so it vouches for nobody.
    PeopleNotTrusted(String),
    /// The user is not in `people.yaml`.
    UnknownUser(String),
    /// The user does not speak for the participant the sign-off names.
    NotTheirParticipant { user: String, participant: String },
    /// The key that signed is not one `people.yaml` lists for the user.
    KeyNotListed { user: String, fingerprint: String },
    /// The signature does not match what the entry says (participant,
    /// user, time or digest changed after signing).
    DoesNotMatch,
}

impl std::fmt::Display for Why {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Why::Unsigned => write!(
                f,
                "it has no signature, and its signer kept no record of it on this server"
            ),
            Why::RecordRefused(e) => write!(f, "it has no signature, and {e}"),
            Why::Unreadable(e) => write!(f, "its signature does not read ({e})"),
            Why::OtherNamespace(ns) => write!(
                f,
                "its signature was made for \"{ns}\", not for a carepath sign-off"
            ),
            Why::PeopleNotTrusted(e) => write!(f, "people.yaml is not trusted: {e}"),
            Why::UnknownUser(u) => write!(f, "{u} is not in people.yaml"),
            Why::NotTheirParticipant { user, participant } => {
                write!(f, "{user} does not speak for {participant} in people.yaml")
            }
            Why::KeyNotListed { user, fingerprint } => write!(
                f,
                "it was signed with a key ({fingerprint}) that people.yaml does not list for {user}"
            ),
            Why::DoesNotMatch => write!(
                f,
                "its signature does not match the entry: the participant, the user, the time or the digest was changed after signing"
            ),
        }
    }
}

/// The participants without a sign-off that `counts` (valid, on the
/// current content), in the pathway's order.
pub fn missing(p: &Pathway, counts: impl Fn(&SignOff) -> bool) -> Vec<&Participant> {
    p.participants
        .iter()
        .filter(|x| {
            !p.sign_off
                .iter()
                .any(|s| s.participant == x.id && counts(s))
        })
        .collect()
}

/// A pathway recorded as `agreed` whose content has changed since some
/// participants signed it: who has no sign-off that `counts` (valid, on
/// the content as it is now). Empty when the agreement stands (or the
/// pathway is not agreed).
pub fn agreement_out_of_date(p: &Pathway, counts: impl Fn(&SignOff) -> bool) -> Vec<&Participant> {
    if p.status != Status::Agreed {
        return Vec::new();
    }
    missing(p, counts)
}

/// The participants whose sign-off is for `saved` as it is and would be
/// for an earlier version once `edited` is saved: a save that changes the
/// content takes their word away.
pub fn voided_by<'a>(saved: &'a Pathway, edited: &Pathway) -> Vec<&'a Participant> {
    let before = digest(saved);
    if before == digest(edited) {
        return Vec::new();
    }
    saved
        .participants
        .iter()
        .filter(|x| {
            saved
                .sign_off
                .iter()
                .any(|s| s.participant == x.id && s.digest == before)
        })
        .collect()
}

/// A list of participants in words: "Oakview Care Home (oakview), …".
pub fn names(list: &[&Participant]) -> String {
    list.iter()
        .map(|x| format!("{} ({})", x.name, x.id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether a change makes the pathway `agreed`, which needs every
/// participant's valid sign-off ([`check_agreed`]).
pub fn becomes_agreed(before: &Pathway, after: &Pathway) -> bool {
    after.status == Status::Agreed && before.status != Status::Agreed
}

/// Refuses an `agreed` pathway without a sign-off that `counts` (valid,
/// on the current content) from every participant.
pub fn check_agreed(after: &Pathway, counts: impl Fn(&SignOff) -> bool) -> Result<(), String> {
    let missing = missing(after, counts);
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the status \"agreed\" needs a valid sign-off of the current version from every participant; missing: {}",
        names(&missing)
    ))
}

/// Why someone may not sign for a participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The user is not in `people.yaml`, or speaks for no participant.
    NotMapped { user: String },
    /// The user speaks for another participant.
    OtherParticipant { user: String, theirs: String },
    /// The user's participant is not a participant of this pathway.
    NotAParticipant { participant: String },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotMapped { user } => write!(
                f,
                "{user} does not speak for any participant (people.yaml of the library says who does), so cannot sign off"
            ),
            Refusal::OtherParticipant { user, theirs } => write!(
                f,
                "{user} speaks for {theirs}, and can sign off only for {theirs}"
            ),
            Refusal::NotAParticipant { participant } => write!(
                f,
                "\"{participant}\" is not a participant of this pathway, so there is nothing to sign for it"
            ),
        }
    }
}

/// The sign-off `user` gives for `participant`, if they may, before it is
/// signed: `speaks_for` is the participant `people.yaml` maps them to.
pub fn prepare(
    p: &Pathway,
    user: &str,
    speaks_for: Option<&str>,
    participant: &str,
    at: DateTime<Utc>,
) -> Result<SignOff, Refusal> {
    let Some(theirs) = speaks_for else {
        return Err(Refusal::NotMapped { user: user.into() });
    };
    if theirs != participant {
        return Err(Refusal::OtherParticipant {
            user: user.into(),
            theirs: theirs.into(),
        });
    }
    if p.participant(participant).is_none() {
        return Err(Refusal::NotAParticipant {
            participant: participant.into(),
        });
    }
    Ok(SignOff {
        participant: participant.into(),
        by: user.into(),
        at: at.trunc_subsecs(0),
        digest: digest(p),
        signature: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pathway() -> Pathway {
        serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: T\nstatus: in-review\nparticipants:\n  - id: hospital\n    name: Riverside General\n    kind: hospital\n  - id: oakview\n    name: Oakview Care Home\n    kind: care-home\n",
        )
        .unwrap()
    }

    #[test]
    fn nobody_signs_for_a_participant_they_do_not_speak_for() {
        let p = pathway();
        let now = Utc::now();
        assert_eq!(
            prepare(&p, "guest", None, "hospital", now),
            Err(Refusal::NotMapped {
                user: "guest".into()
            })
        );
        assert!(matches!(
            prepare(&p, "asmith", Some("hospital"), "oakview", now),
            Err(Refusal::OtherParticipant { .. })
        ));
        assert!(matches!(
            prepare(&p, "x", Some("pharmacy"), "pharmacy", now),
            Err(Refusal::NotAParticipant { .. })
        ));
        let s = prepare(&p, "asmith", Some("hospital"), "hospital", now).unwrap();
        assert_eq!(s.by, "asmith");
        assert_eq!(s.digest, digest(&p));
        assert_eq!(s.signature, None, "signed by the store, with a key");
    }

    #[test]
    fn a_content_change_leaves_a_sign_off_for_an_earlier_version() {
        let mut p = pathway();
        let s = prepare(&p, "asmith", Some("hospital"), "hospital", Utc::now()).unwrap();
        p.sign_off.push(s.clone());
        assert!(is_current(&p, &s));
        p.status = Status::Agreed;
        assert!(is_current(&p, &s), "the status is not content");
        p.title = "Changed".into();
        assert!(!is_current(&p, &s));
        assert_eq!(missing(&p, |s| is_current(&p, s)).len(), 2);
    }

    #[test]
    fn agreed_needs_every_participant_counted() {
        let mut p = pathway();
        let mut agreed = p.clone();
        agreed.status = Status::Agreed;
        assert!(becomes_agreed(&p, &agreed));
        assert!(!becomes_agreed(&agreed, &agreed));
        let e = check_agreed(&agreed, |_| true).unwrap_err();
        assert!(e.contains("Riverside General (hospital), Oakview Care Home (oakview)"));
        for (who, part) in [("asmith", "hospital"), ("bjones", "oakview")] {
            let s = prepare(&p, who, Some(part), part, Utc::now()).unwrap();
            p.sign_off.push(s);
        }
        assert_eq!(check_agreed(&p, |_| true), Ok(()));
        // Entries that do not count (not valid) are as good as none.
        let e = check_agreed(&p, |s| s.by == "asmith").unwrap_err();
        assert!(e.ends_with("missing: Oakview Care Home (oakview)"), "{e}");
    }

    #[test]
    fn the_signed_message_names_every_field_unambiguously() {
        let p = pathway();
        let at = "2026-11-20T10:02:00Z".parse().unwrap();
        let s = prepare(&p, "asmith", Some("hospital"), "hospital", at).unwrap();
        assert_eq!(
            String::from_utf8(message(&s)).unwrap(),
            format!(
                r#"["carepath sign-off 1","hospital","asmith","2026-11-20T10:02:00Z","{}"]"#,
                digest(&p)
            )
        );
        let mut other = s.clone();
        other.by = "bjones".into();
        assert_ne!(message(&s), message(&other));
    }

    /// The digests of the example pathways, pinned: a sign-off given with
    /// one release must stay current with the next. A change here with
    /// the examples unchanged is a change of format that turns every
    /// sign-off stale; after editing an example, pin its new digest.
    #[test]
    fn the_digest_of_each_example_is_pinned() {
        let examples = [
            (
                include_str!("../../pathways/discharge-to-care-home.yaml"),
                "sha256:3b93f4a82da722708bcdf03626e70df928236bed47ff5f334235f6a12d655ae0",
            ),
            (
                include_str!("../../pathways/care-home-medication-review.yaml"),
                "sha256:b903cfce2ab1ae89742f099e1d2da33dddf209954f10a76e1fd9960e42b8c72a",
            ),
            (
                include_str!("../../pathways/integrated-copd-clinic.yaml"),
                "sha256:d3f4cc858dbe6732d9fa50fa112822990b89b95f563039d39241293fca3d18d8",
            ),
            (
                include_str!("../../pathways/mental-health-crisis-big-room.yaml"),
                "sha256:71b1fee8992fe0be8c4fdb6d2547b1e41f6f2d75e072a249e5997f45f16eda59",
            ),
            (
                include_str!("../../pathways/personalised-care-at-home.yaml"),
                "sha256:1ab969c01f277214a3cb0459790da8c0b82cf97c0be8635093f837d911603bbf",
            ),
        ];
        let changed: Vec<String> = examples
            .iter()
            .filter_map(|(text, pinned)| {
                let p: Pathway = serde_yaml::from_str(text).ok()?;
                let now = digest(&p);
                (now != *pinned).then(|| format!("{}: {now}", p.id))
            })
            .collect();
        assert!(changed.is_empty(), "{changed:#?}");
    }

    #[test]
    fn the_digest_is_of_the_canonical_form() {
        let p = pathway();
        let form = r#"{"carepath":1,"id":"p","participants":[{"id":"hospital","kind":"hospital","name":"Riverside General"},{"id":"oakview","kind":"care-home","name":"Oakview Care Home"}],"status":"draft","title":"T"}"#;
        let hash = Sha256::digest(form.as_bytes());
        let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(digest(&p), format!("sha256:{hex}"));
    }
}
