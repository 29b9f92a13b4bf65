//! Checking sign-offs: a sign-off counts only when its SSH signature
//! verifies with a key that a trusted `people.yaml` lists for its user, that
//! user speaks for its participant, and it is for the content as it is now.
//! Nothing but the file and `people.yaml` is needed, so a pathway copied,
//! mailed or pushed elsewhere can be checked there.

use std::path::Path;

use ssh_key::{HashAlg, PublicKey, SshSig};

use super::people::People;
use crate::model::signoff::{self, NAMESPACE, Verdict, Why};
use crate::model::{Pathway, SignOff};

/// What sign-off `s` is worth, for a pathway whose content digest is `now`.
pub fn verify_at(now: &str, s: &SignOff, people: &People) -> Verdict {
    match signed_by_them(s, people) {
        Err(why) => Verdict::NotValid(why),
        Ok(()) if s.digest == now => Verdict::Valid,
        Ok(()) => Verdict::Stale,
    }
}

/// Each sign-off of `p` with what it is worth, in the file's order.
pub fn verify_all<'a>(p: &'a Pathway, people: &People) -> Vec<(&'a SignOff, Verdict)> {
    let now = signoff::digest(p);
    p.sign_off
        .iter()
        .map(|s| (s, verify_at(&now, s, people)))
        .collect()
}

/// Whether the signature of `s` is its user's, for its participant, over
/// exactly what the entry says.
fn signed_by_them(s: &SignOff, people: &People) -> Result<(), Why> {
    people
        .trusted()
        .map_err(|e| Why::PeopleNotTrusted(e.to_string()))?;
    let armored = s.signature.as_deref().ok_or(Why::Unsigned)?;
    let sig = SshSig::from_pem(armored.trim()).map_err(|e| Why::Unreadable(e.to_string()))?;
    if sig.namespace() != NAMESPACE {
        return Err(Why::OtherNamespace(sig.namespace().to_string()));
    }
    let person = people
        .get(&s.by)
        .ok_or_else(|| Why::UnknownUser(s.by.clone()))?;
    if person.participant.as_deref() != Some(s.participant.as_str()) {
        return Err(Why::NotTheirParticipant {
            user: s.by.clone(),
            participant: s.participant.clone(),
        });
    }
    let key = people
        .keys(&s.by)
        .into_iter()
        .find(|k| k.key_data() == sig.public_key())
        .ok_or_else(|| Why::KeyNotListed {
            user: s.by.clone(),
            fingerprint: PublicKey::from(sig.public_key().clone())
                .fingerprint(HashAlg::Sha256)
                .to_string(),
        })?;
    key.verify(NAMESPACE, &signoff::message(s), &sig)
        .map_err(|_| Why::DoesNotMatch)
}

/// Refuses a change of the pathway in `file` that makes it `agreed`
/// without a valid, current sign-off from every participant, as the
/// library's `people.yaml` says now.
pub fn check_agreed(file: &Path, before: &Pathway, after: &Pathway) -> Result<(), String> {
    if !signoff::becomes_agreed(before, after) {
        return Ok(());
    }
    let people = People::load(&super::shared::library_of(file))?;
    let now = signoff::digest(after);
    signoff::check_agreed(after, |s| verify_at(&now, s, &people) == Verdict::Valid).map_err(|e| {
        match people.trusted() {
            Ok(()) => e,
            Err(why) => format!("{e} (no sign-off counts while people.yaml is not trusted: {why})"),
        }
    })
}
