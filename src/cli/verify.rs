//! `carepath verify FILE`: each sign-off of a pathway as valid, stale (for
//! an earlier version), valid-here (kept on this server only by a signer
//! without a key) or forged (anything else: unsigned, signed by a key
//! `people.yaml` does not list for the user, for a participant the user
//! does not speak for, or changed after signing), with who and why. Exit 0
//! when every sign-off is valid (here), 1 otherwise, 2 when it could not
//! run.

use std::path::Path;

use serde_json::json;

use super::{Format, exit};
use crate::model::Pathway;
use crate::model::signoff::Verdict;
use crate::store::read::load::load_file;
use crate::store::team::people::People;
use crate::store::team::verify::verify_all;
use crate::text::clean;

pub fn run(file: &Path, people: Option<&Path>, format: Format) -> i32 {
    let pathway = match load_file(file) {
        Ok(p) => p,
        Err(problems) => {
            for d in problems {
                eprintln!("{}", clean(&d.to_string()));
            }
            eprintln!(
                "carepath verify: {} did not load, so its sign-offs cannot be checked",
                clean(&file.display().to_string())
            );
            return exit::COULD_NOT_RUN;
        }
    };
    let people = match people {
        Some(named) => People::load_named(named),
        None => People::load(&crate::store::shared::library_of(file)),
    };
    let people = match people {
        Ok(p) => p,
        Err(e) => {
            eprintln!("carepath verify: {}", clean(&e));
            return exit::COULD_NOT_RUN;
        }
    };
    let verdicts = verify_all(&pathway, &people);
    match format {
        Format::Text => print!("{}", text(&pathway, &people, &verdicts)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&to_json(&pathway, &verdicts)).unwrap_or_default()
        ),
    }
    if verdicts.iter().all(|(_, v)| v.counts()) {
        exit::OK
    } else {
        exit::PROBLEMS
    }
}

/// What a sign-off kept on this server only is.
const HERE_ONLY: &str = "no signature; its signer's own record on this server vouches for it, so it is valid here only, not where the file is copied";

type Verdicts<'a> = [(&'a crate::model::SignOff, Verdict)];

/// One line per sign-off: the verdict, the participant, who, when, and why
/// when it is not valid.
pub fn text(p: &Pathway, people: &People, verdicts: &Verdicts) -> String {
    let mut out = String::new();
    if verdicts.is_empty() {
        out.push_str(&format!("{}: no sign-offs\n", p.id));
    }
    for (s, v) in verdicts {
        let who = match people.get(&s.by) {
            Some(person) => format!("{} ({})", person.name, s.by),
            None => s.by.clone(),
        };
        let mut line = format!(
            "{:<10}  {} — by {who} at {}",
            v.word(),
            p.participant_name(&s.participant),
            s.at.format("%Y-%m-%d %H:%M UTC"),
        );
        match v {
            Verdict::Valid => {}
            Verdict::Stale => {
                line.push_str(": for an earlier version; the content has changed since")
            }
            Verdict::HereOnly => line.push_str(&format!(": {HERE_ONLY}")),
            Verdict::NotValid(why) => line.push_str(&format!(": {why}")),
        }
        out.push_str(&clean(&line));
        out.push('\n');
    }
    out
}

pub fn to_json(p: &Pathway, verdicts: &Verdicts) -> serde_json::Value {
    let list: Vec<serde_json::Value> = verdicts
        .iter()
        .map(|(s, v)| {
            json!({
                "participant": s.participant,
                "by": s.by,
                "at": s.at,
                "digest": s.digest,
                "status": v.word(),
                "why": match v {
                    Verdict::Valid => None,
                    Verdict::Stale => Some("for an earlier version; the content has changed since".to_string()),
                    Verdict::HereOnly => Some(HERE_ONLY.to_string()),
                    Verdict::NotValid(why) => Some(why.to_string()),
                },
            })
        })
        .collect();
    json!({
        "pathway": p.id,
        "digest": crate::model::signoff::digest(p),
        "all_valid": verdicts.iter().all(|(_, v)| v.counts()),
        "sign_offs": list,
    })
}
