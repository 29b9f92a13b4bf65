//! A whole pathway written in the app, on the real binary in a
//! pseudo-terminal, as a pathway lead would: a new pathway, four
//! participants each with their own analysis, two of their points linked
//! by hand as one, steps with a decision, Monday-morning changes and
//! measures, saved; then `carepath check` is clean and the file reads
//! as a person would write it. Every key sent is counted, so the cost of
//! writing a pathway in the app is a figure that can be watched.

use crate::common;

use std::time::Duration;

use common::Session;

const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_U: &str = "\x15";
const CTRL_K: &str = "\x0b";
const CTRL_S: &str = "\x13";

/// The session, and how many keystrokes it has been sent: a key is one,
/// typed words are one per character.
struct Author {
    s: Session,
    keystrokes: usize,
}

impl Author {
    fn key(&mut self, key: &str) {
        self.s.key(key);
        self.keystrokes += 1;
    }

    fn keys(&mut self, keys: &str) {
        for c in keys.chars() {
            self.key(&c.to_string());
        }
    }

    /// Words typed into a line or text.
    fn words(&mut self, text: &str) {
        self.s.send(text);
        self.keystrokes += text.chars().count();
        self.s.settle(Duration::from_millis(30));
    }

    /// Words typed, then Enter.
    fn line(&mut self, text: &str) {
        self.words(text);
        self.key(ENTER);
    }

    /// Finds a choice by typing some of its words, and takes it.
    fn choose(&mut self, words: &str) {
        self.key("/");
        self.line(words);
    }

    fn wait_for(&self, text: &str) -> String {
        self.s.wait_for(text)
    }
}

#[test]
fn a_whole_pathway_written_in_the_app() {
    let lib = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    // The user speaks for the care home: the analyses open at its own.
    let me = &carepath::store::team::identity::current().user;
    std::fs::write(
        lib.path().join("people.yaml"),
        format!("{me}:\n  name: Mary Okafor\n  participant: oakview\n"),
    )
    .unwrap();
    let s = Session::start(
        &[lib.path().to_str().unwrap()],
        lib.path(),
        config.path(),
        80,
        24,
    );
    let mut a = Author { s, keystrokes: 0 };
    a.wait_for("n starts one");

    // A new pathway: its title, then the id carepath proposes.
    a.key("n");
    a.line("Residents readmitted after discharge");
    a.wait_for("residents-readmitted-after-discharge");
    a.key(ENTER);
    a.wait_for("Created");

    // Section 1: the review date, the problem, and the four participants.
    a.key("i");
    a.wait_for("Edit the pathway");
    a.keys("jjj");
    a.key(ENTER);
    a.line("1 March 2027");
    a.key("j");
    a.key(ENTER); // the problem, written in place
    a.key(CTRL_K);
    a.words("Residents discharged to care homes come back to hospital within 30 days.");
    a.key(ESC);
    a.key("j");
    a.key(ENTER);
    a.key(CTRL_U);
    a.line("Oakview Care Home");
    a.key("j");
    a.key(ENTER);
    a.key(CTRL_U);
    a.line("oakview");
    a.key("j");
    a.key(ENTER);
    a.choose("care");
    a.key("j"); // + add participant: an empty line at once
    a.key(ENTER);
    a.line("Riverside General Hospital");
    a.choose("hosp");
    // Their own analysis is offered once their kind is chosen; started
    // later, in section 3.
    a.wait_for("Start an analysis");
    a.key("n");
    a.key("j");
    a.key(ENTER);
    a.line("Riverside Medical Group");
    a.choose("gp");
    // Their own analysis is offered once their kind is chosen; started
    // later, in section 3.
    a.wait_for("Start an analysis");
    a.key("n");
    a.key("j");
    a.key(ENTER);
    a.line("Riverside Council adult social care");
    a.choose("social");
    // Their own analysis is offered once their kind is chosen; started
    // later, in section 3.
    a.wait_for("Start an analysis");
    a.key("n");
    a.key(ESC);

    // Section 4, edited where it is shown: each change asks for whom.
    a.key("4");
    a.key("i");
    a.wait_for("Edit Monday morning");
    a.key(ENTER);
    a.line("A named nurse takes a handover call before every discharge");
    a.wait_for("for whom?");
    a.choose("oak");
    a.key("j");
    a.key(ENTER);
    a.line("Ward pharmacists send the medicines with the resident");
    a.choose("hosp");
    a.key(ESC);

    // Section 5: a measure and its target.
    a.key("5");
    a.key("i");
    a.wait_for("Edit the measures");
    a.key(ENTER);
    a.line("30-day readmissions from care homes");
    a.key("j");
    a.key(ENTER);
    a.line("below 12%");
    a.key(ESC);

    // Section 3: the analysis opens at the care home's own rows.
    a.key("3");
    a.key("i");
    a.wait_for("Edit the analyses");
    a.key(ENTER);
    a.key(CTRL_U);
    a.line("Agency night staff do not know the residents");
    a.key("j"); // its weight, chosen
    a.key(ENTER);
    a.choose("high");
    a.keys("jj"); // + add cause
    a.key(ENTER);
    a.line("999 is our only safe option out of hours");
    a.keys("jjjj"); // + add goal
    a.key(ENTER);
    a.line("Residents stay in their home after discharge");
    a.keys("jjjj"); // + add value
    a.key(ENTER);
    a.line("Residents' routines matter");
    a.key(ESC);

    // Everybody counts: the hospital, the GP practice and social care each
    // start their own analysis (A asks whose), typing their first cause.
    a.key("A");
    a.wait_for("Start whose analysis?");
    a.key(ENTER); // the hospital, first of those with none
    a.line("Homes call 999 too readily");
    a.key(ESC);
    a.key("A");
    a.wait_for("Start whose analysis?");
    a.key(ENTER); // the GP practice
    a.line("Nobody tells us a resident is back home");
    a.key(ESC);
    a.key("A"); // social care, the last with none: no question
    a.line("Reviews of where a resident should live come too late");
    a.key(ESC);

    // The comparison, hospital beside care home: the two ways of saying
    // 999 are linked by hand as one point.
    a.key("c");
    a.wait_for("Homes call 999");
    a.key("L"); // the hospital's point, at the top
    a.wait_for("Linking");
    a.keys("jj"); // past the agency staff, to the home's 999 point
    a.key(ENTER);
    a.wait_for("Linked as one point");
    a.key(ESC);
    // Section 2: the template's first step, then four more.
    a.key("2");
    a.key("i");
    a.wait_for("Edit step 1");
    a.key(ENTER);
    a.key(CTRL_U);
    a.line("Plan discharge from the day of admission");
    a.key("j");
    a.key(ENTER);
    a.key(CTRL_U);
    a.line("plan-early");
    a.keys("jj");
    a.key(ENTER);
    a.choose("hosp");
    a.key(ESC);
    for title in [
        "Can the home meet the resident's needs?",
        "Review where the resident should live",
        "Nurse-to-nurse handover call",
        "GP review within two working days",
    ] {
        a.key("a");
        a.line(title);
    }
    a.wait_for("GP review within two working days");

    // Who owns each, what kind it is, and where each leads.
    a.key("g");
    a.key("i");
    a.keys("jjjjjj"); // + add next step: the step below, to confirm
    a.key(ENTER);
    a.key(ENTER);
    a.key(ESC);
    a.key("j"); // the decision
    a.key("i");
    a.keys("jj");
    a.key(ENTER);
    a.choose("decision");
    a.key("j");
    a.key(ENTER);
    a.choose("oak");
    a.keys("jjjj"); // + add branch
    a.key(ENTER);
    a.line("Yes");
    a.wait_for("where does it go?");
    a.choose("handover");
    a.keys("jj"); // + add branch
    a.key(ENTER);
    a.line("No");
    a.choose("Review where");
    a.key(ESC);
    a.key("j"); // the referral
    a.key("i");
    a.keys("jj");
    a.key(ENTER);
    a.choose("referral");
    a.key("j");
    a.key(ENTER);
    a.choose("social");
    a.keys("jjj"); // + add next step
    a.key(ENTER);
    a.choose("handover");
    a.key(ESC);
    a.key("j"); // the handover call
    a.key("i");
    a.keys("jjj");
    a.key(ENTER);
    a.choose("hosp");
    a.keys("jjj"); // + add next step
    a.key(ENTER);
    a.key(ENTER);
    a.key(ESC);
    a.key("j"); // the GP's review
    a.key("i");
    a.keys("jjj");
    a.key(ENTER);
    a.choose("gp");
    a.key(ESC);

    // The flow shows the decision's two branches joining at the handover.
    a.key("v");
    a.wait_for("Flow of the 5 steps");
    a.key("v");

    a.key(CTRL_S);
    a.wait_for("Saved");
    a.key("q");
    assert!(a.s.wait_exit());
    assert!(a.s.terminal_restored());

    let file = lib.path().join("residents-readmitted-after-discharge.yaml");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("check")
        .arg(&file)
        .env("CAREPATH_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(said.contains("no problems"), "{said}");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        !written.contains("What does"),
        "a prompt for a first cause is left in the file:\n{written}"
    );
    let p: carepath::model::Pathway = serde_yaml::from_str(&written).unwrap();
    let cause = |who: &str, text: &str| {
        p.analyses[who]
            .causes
            .iter()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("{who} has no cause {text:?}:\n{written}"))
            .id
            .clone()
    };
    let hospital = cause("riverside-general-hospital", "Homes call 999 too readily");
    assert!(
        hospital.is_some(),
        "the linked points have an id:\n{written}"
    );
    assert_eq!(
        hospital,
        cause("oakview", "999 is our only safe option out of hours"),
        "the two points linked by hand share one id"
    );
    for who in [
        "oakview",
        "riverside-general-hospital",
        "riverside-medical-group",
        "riverside-council-adult-social-care",
    ] {
        assert!(
            !p.analyses[who].causes.is_empty(),
            "{who} wrote their own analysis"
        );
    }
    // The figure to watch: writing this pathway by hand in the app took
    // about 14,500 keystrokes before forms could be moved around and typed
    // into; the target is under half that.
    println!("keystrokes: {}", a.keystrokes);
    insta::assert_snapshot!("a_whole_pathway_written_in_the_app", written);
    assert!(a.keystrokes < 7_250, "{} keystrokes", a.keystrokes);
}
