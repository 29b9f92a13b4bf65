//! Sign-off: each participant's word that the pathway is what their
//! organisation agrees to. A sign-off is for the content as it was when
//! given (its digest); any later change to the content leaves it standing
//! only for that earlier version, and `agreed` needs every participant's
//! word on the current one.

use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};

use super::{Participant, Pathway, SignOff, Status};

/// The digest of what people sign: everything except the status and the
/// sign-offs themselves, so that signing, or moving to `agreed`, does not
/// make the other sign-offs stale.
pub fn digest(p: &Pathway) -> String {
    let mut content = p.clone();
    content.status = Status::default();
    content.sign_off.clear();
    let json = serde_json::to_vec(&content).unwrap_or_default();
    let hash = Sha256::digest(&json);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Whether a sign-off is for the content as it is now.
pub fn is_current(p: &Pathway, s: &SignOff) -> bool {
    s.digest == digest(p)
}

/// The participants without a sign-off on the current content, in the
/// pathway's order.
pub fn missing(p: &Pathway) -> Vec<&Participant> {
    missing_at(p, &digest(p))
}

/// [`missing`], given the content's digest already worked out (it costs a
/// pass over the whole pathway).
pub fn missing_at<'a>(p: &'a Pathway, now: &str) -> Vec<&'a Participant> {
    p.participants
        .iter()
        .filter(|x| {
            !p.sign_off
                .iter()
                .any(|s| s.participant == x.id && s.digest == now)
        })
        .collect()
}

/// A pathway recorded as `agreed` whose content has changed since some
/// participants signed it: who has not signed the version as it is now.
/// Empty when the agreement stands (or the pathway is not agreed).
pub fn agreement_out_of_date(p: &Pathway) -> Vec<&Participant> {
    if p.status != Status::Agreed {
        return Vec::new();
    }
    missing(p)
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

/// Refuses a change that makes the pathway `agreed` without every
/// participant's sign-off on its content.
pub fn check_agreed(before: &Pathway, after: &Pathway) -> Result<(), String> {
    if after.status != Status::Agreed || before.status == Status::Agreed {
        return Ok(());
    }
    let missing = missing(after);
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the status \"agreed\" needs a sign-off of the current version from every participant; missing: {}",
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

/// The sign-off `user` gives for `participant`, if they may: `speaks_for`
/// is the participant `people.yaml` maps them to.
pub fn sign(
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
            sign(&p, "guest", None, "hospital", now),
            Err(Refusal::NotMapped {
                user: "guest".into()
            })
        );
        assert!(matches!(
            sign(&p, "asmith", Some("hospital"), "oakview", now),
            Err(Refusal::OtherParticipant { .. })
        ));
        assert!(matches!(
            sign(&p, "x", Some("pharmacy"), "pharmacy", now),
            Err(Refusal::NotAParticipant { .. })
        ));
        let s = sign(&p, "asmith", Some("hospital"), "hospital", now).unwrap();
        assert_eq!(s.by, "asmith");
        assert_eq!(s.digest, digest(&p));
    }

    #[test]
    fn a_content_change_leaves_a_sign_off_for_an_earlier_version() {
        let mut p = pathway();
        let s = sign(&p, "asmith", Some("hospital"), "hospital", Utc::now()).unwrap();
        p.sign_off.push(s.clone());
        assert!(is_current(&p, &s));
        p.status = Status::Agreed;
        assert!(is_current(&p, &s), "the status is not content");
        p.title = "Changed".into();
        assert!(!is_current(&p, &s));
        assert_eq!(missing(&p).len(), 2);
    }

    #[test]
    fn agreed_needs_every_participant_on_the_current_version() {
        let mut p = pathway();
        let mut agreed = p.clone();
        agreed.status = Status::Agreed;
        let e = check_agreed(&p, &agreed).unwrap_err();
        assert!(e.contains("Riverside General (hospital), Oakview Care Home (oakview)"));
        for (who, part) in [("asmith", "hospital"), ("bjones", "oakview")] {
            let s = sign(&p, who, Some(part), part, Utc::now()).unwrap();
            p.sign_off.push(s);
        }
        let mut agreed = p.clone();
        agreed.status = Status::Agreed;
        assert_eq!(check_agreed(&p, &agreed), Ok(()));
    }
}
