//! Checking sign-offs: a sign-off counts only when its SSH signature
//! verifies with a key that a trusted `people.yaml` lists for its user, that
//! user speaks for its participant, and it is for the content as it is now.
//! Nothing but the file and `people.yaml` is needed, so a pathway copied,
//! mailed or pushed elsewhere can be checked there.

use std::path::Path;

use ssh_key::{HashAlg, PublicKey, SshSig};

use crate::model::signoff::{self, NAMESPACE, Verdict, Why};
use crate::model::{Pathway, SignOff};
use crate::store::team::people::People;

/// What sign-off `s` is worth, for a pathway whose content digest is `now`.
pub fn verify_at(now: &str, s: &SignOff, people: &People) -> Verdict {
    let current = s.digest == now;
    match vouched(s, people) {
        Err(why) => Verdict::NotValid(why),
        Ok(_) if !current => Verdict::Stale,
        Ok(Proof::Signature) => Verdict::Valid,
        Ok(Proof::Record) => Verdict::HereOnly,
    }
}

/// What vouches for a sign-off.
enum Proof {
    /// The user's SSH signature, checkable anywhere.
    Signature,
    /// The user's own record on this server.
    Record,
}

/// Each sign-off of `p` with what it is worth, in the file's order.
pub fn verify_all<'a>(p: &'a Pathway, people: &People) -> Vec<(&'a SignOff, Verdict)> {
    let now = signoff::digest(p);
    p.sign_off
        .iter()
        .map(|s| (s, verify_at(&now, s, people)))
        .collect()
}

/// Whether `s` is its user's word, for a participant they speak for, on
/// exactly what the entry says: by their signature, or else by their own
/// record on this server.
fn vouched(s: &SignOff, people: &People) -> Result<Proof, Why> {
    people
        .trusted()
        .map_err(|e| Why::PeopleNotTrusted(e.to_string()))?;
    let Some(armored) = s.signature.as_deref() else {
        speaks_for(s, people)?;
        return match people.has_record(s) {
            Ok(true) => Ok(Proof::Record),
            Ok(false) => Err(Why::Unsigned),
            Err(e) => Err(Why::RecordRefused(e)),
        };
    };
    let sig = SshSig::from_pem(armored.trim()).map_err(|e| Why::Unreadable(e.to_string()))?;
    if sig.namespace() != NAMESPACE {
        return Err(Why::OtherNamespace(sig.namespace().to_string()));
    }
    speaks_for(s, people)?;
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
        .map_err(|_| Why::DoesNotMatch)?;
    Ok(Proof::Signature)
}

/// Whether the user of `s` speaks for its participant.
fn speaks_for(s: &SignOff, people: &People) -> Result<(), Why> {
    let person = people
        .get(&s.by)
        .ok_or_else(|| Why::UnknownUser(s.by.clone()))?;
    if person.participant.as_deref() != Some(s.participant.as_str()) {
        return Err(Why::NotTheirParticipant {
            user: s.by.clone(),
            participant: s.participant.clone(),
        });
    }
    Ok(())
}

/// Refuses a change of the pathway in `file` that makes it `agreed`
/// without a valid, current sign-off from every participant, as the
/// library's `people.yaml` says now.
pub fn check_agreed(file: &Path, before: &Pathway, after: &Pathway) -> Result<(), String> {
    if !signoff::becomes_agreed(before, after) {
        return Ok(());
    }
    let people = People::load(&crate::store::shared::library_of(file))?;
    let now = signoff::digest(after);
    signoff::check_agreed(after, |s| verify_at(&now, s, &people).counts()).map_err(|e| match people
        .trusted()
    {
        Ok(()) => e,
        Err(why) => format!("{e} (no sign-off counts while people.yaml is not trusted: {why})"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::signoff::prepare;
    use ssh_key::private::Ed25519Keypair;
    use ssh_key::{HashAlg, LineEnding, PrivateKey};

    fn key(seed: u8) -> PrivateKey {
        PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
    }

    fn line(k: &PrivateKey) -> String {
        k.public_key().to_openssh().unwrap()
    }

    fn pathway() -> Pathway {
        serde_yaml::from_str(
            "carepath: 1\nid: p\ntitle: T\nparticipants:\n  - id: hospital\n    name: Riverside General\n    kind: hospital\n  - id: oakview\n    name: Oakview Care Home\n    kind: care-home\n",
        )
        .unwrap()
    }

    /// asmith speaks for the hospital with key 1, bjones for Oakview with
    /// key 2.
    fn people() -> People {
        People::parse(
            "people.yaml",
            &format!(
                "asmith:\n  name: A\n  participant: hospital\n  keys: [{}]\nbjones:\n  name: B\n  participant: oakview\n  keys: [{}]\n",
                line(&key(1)),
                line(&key(2))
            ),
        )
        .unwrap()
    }

    /// The sign-off `user` would give for `participant`, signed by `k` in
    /// `namespace`.
    fn signed(p: &Pathway, user: &str, participant: &str, k: &PrivateKey, ns: &str) -> SignOff {
        let at = "2026-11-20T10:02:00Z".parse().unwrap();
        let mut s = prepare(p, user, Some(participant), participant, at).unwrap();
        let sig = k.sign(ns, HashAlg::Sha512, &signoff::message(&s)).unwrap();
        s.signature = Some(sig.to_pem(LineEnding::LF).unwrap());
        s
    }

    fn verdict(p: &Pathway, s: &SignOff) -> Verdict {
        verify_at(&signoff::digest(p), s, &people())
    }

    #[test]
    fn their_own_key_for_their_participant_on_this_content_is_valid() {
        let p = pathway();
        let s = signed(&p, "asmith", "hospital", &key(1), NAMESPACE);
        assert_eq!(verdict(&p, &s), Verdict::Valid);
        let mut later = p.clone();
        later.title = "Changed".into();
        assert_eq!(verdict(&later, &s), Verdict::Stale);
    }

    #[test]
    fn anything_else_is_not_valid_and_says_why() {
        let p = pathway();
        let good = signed(&p, "asmith", "hospital", &key(1), NAMESPACE);
        let why = |s: &SignOff| match verdict(&p, s) {
            Verdict::NotValid(w) => w,
            v => panic!("{v:?}"),
        };

        let mut unsigned = good.clone();
        unsigned.signature = None;
        assert_eq!(why(&unsigned), Why::Unsigned);

        let mut garbage = good.clone();
        garbage.signature = Some("-----BEGIN SSH SIGNATURE-----\nAAAA\n".into());
        assert!(matches!(why(&garbage), Why::Unreadable(_)));

        let git = signed(&p, "asmith", "hospital", &key(1), "git");
        assert_eq!(why(&git), Why::OtherNamespace("git".into()));

        let stranger = signed(&p, "cwhite", "hospital", &key(3), NAMESPACE);
        assert_eq!(why(&stranger), Why::UnknownUser("cwhite".into()));

        // bjones's own key, for the hospital he does not speak for.
        let other = signed(&p, "bjones", "hospital", &key(2), NAMESPACE);
        assert!(matches!(why(&other), Why::NotTheirParticipant { .. }));

        // Someone else's key, claiming to be asmith.
        let copied = signed(&p, "asmith", "hospital", &key(2), NAMESPACE);
        assert!(matches!(why(&copied), Why::KeyNotListed { user, .. } if user == "asmith"));

        // asmith's real signature with the time changed after signing.
        let mut moved = good.clone();
        moved.at = "2026-12-01T00:00:00Z".parse().unwrap();
        assert_eq!(why(&moved), Why::DoesNotMatch);

        // Her real signature with the digest changed to today's content:
        // still not valid, not merely stale.
        let mut later = p.clone();
        later.title = "Changed".into();
        let mut bumped = good.clone();
        bumped.digest = signoff::digest(&later);
        assert_eq!(
            verify_at(&bumped.digest, &bumped, &people()),
            Verdict::NotValid(Why::DoesNotMatch)
        );
    }

    #[test]
    fn an_untrusted_people_file_vouches_for_nobody() {
        let p = pathway();
        let s = signed(&p, "asmith", "hospital", &key(1), NAMESPACE);
        let people = people().untrusted("it can be written by the group");
        assert_eq!(
            verify_at(&signoff::digest(&p), &s, &people),
            Verdict::NotValid(Why::PeopleNotTrusted(
                "it can be written by the group".into()
            ))
        );
    }

    #[test]
    fn every_sign_off_is_checked_in_the_files_order() {
        let mut p = pathway();
        let a = signed(&p, "asmith", "hospital", &key(1), NAMESPACE);
        let mut b = signed(&p, "bjones", "oakview", &key(2), NAMESPACE);
        b.signature = None;
        p.sign_off = vec![a, b];
        let words: Vec<&str> = verify_all(&p, &people())
            .iter()
            .map(|(_, v)| v.word())
            .collect();
        assert_eq!(words, ["valid", "forged"]);
    }
}
