//! `carepath export`: what the people who never open carepath receive.
//! The HTML is parsed by html5lib, the FHIR by `fhir.resources` (R4B), both
//! independent of carepath (see `tests/tools/`).

use crate::python;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn export(source: &Path, format: &str, out: &Path) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["export", "--format", format, "-o"])
        .arg(out)
        .arg(source)
        .env("CAREPATH_TODAY", "2026-11-30")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn examples() -> PathBuf {
    root().join("pathways")
}

fn html_check(pages: &[PathBuf]) -> Vec<Value> {
    let args: Vec<&Path> = pages.iter().map(PathBuf::as_path).collect();
    python::run("html_check.py", &args)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn the_site_parses_its_links_resolve_and_it_fetches_nothing() {
    let out = tempfile::tempdir().unwrap();
    let o = export(&examples(), "html", out.path());
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("for 5 pathways"), "{said}");
    assert!(said.contains("index.html"), "says where: {said}");
    let pages = files(out.path(), "html");
    assert_eq!(pages.len(), 6, "an index and one page per pathway");
    for page in html_check(&pages) {
        assert_eq!(page["errors"], Value::Array(vec![]), "{}", page["file"]);
    }
    let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
    for stem in ["discharge-to-care-home", "integrated-copd-clinic"] {
        assert!(index.contains(&format!("href=\"{stem}.html\"")));
    }
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn a_pathway_page_shows_everything_people_agreed_and_where_they_differed() {
    let out = tempfile::tempdir().unwrap();
    export(
        &examples().join("discharge-to-care-home.yaml"),
        "html",
        out.path(),
    );
    let page = out.path().join("discharge-to-care-home.html");
    let checked = html_check(&[page.clone(), out.path().join("index.html")]);
    let text = checked[0]["text"].as_str().unwrap();
    for heading in [
        "The problem",
        "Who takes part",
        "Principles",
        "The steps",
        "Each participant's analysis",
        "Where the analyses agree and differ",
        "What will be different on Monday morning",
        "How we will know",
        "Sign-off and review",
    ] {
        assert!(text.contains(heading), "no {heading:?}");
    }
    assert!(
        text.contains("For Oakview Care Home"),
        "Monday changes by participant"
    );
    assert!(text.contains("% agreement"));
    assert!(text.contains("Red flag: "), "red flags in words");
    assert!(text.contains("If Yes"), "branches in words");
    assert!(text.contains("Owner"));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<svg"), "the flow diagram");
    assert!(
        html.contains("<a href=\"#step-plan-early\">"),
        "boxes link to steps"
    );
    assert!(html.contains("@media print"), "a print stylesheet");
    assert!(
        html.contains("<th scope=\"col\">"),
        "tables have header cells"
    );
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn stale_sign_offs_and_overdue_reviews_are_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    // asmith speaks for the surgery, with an SSH key people.yaml lists.
    let key = dir.path().join("asmith");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "asmith@laptop", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen runs");
    assert!(made.success());
    let public = std::fs::read_to_string(key.with_extension("pub")).unwrap();
    std::fs::write(
        lib.join("people.yaml"),
        format!(
            "asmith:\n  name: Dr Anna Smith\n  participant: gp\n  keys:\n    - {}\n",
            public.trim()
        ),
    )
    .unwrap();
    let file = lib.join("old.yaml");
    std::fs::write(
        &file,
        "carepath: 1\nid: old\ntitle: Old pathway\nstatus: in-review\nreview_due: 2025-01-01\n\
         participants:\n  - id: gp\n    name: The Surgery\n    kind: gp\n",
    )
    .unwrap();
    let keys = carepath::store::team::signing::KeySource {
        agent: None,
        key_file: Some(key),
    };
    carepath::store::team::signing::sign_file(&file, "asmith", &keys).unwrap();
    // Changed since it was signed: the sign-off is for an earlier version.
    carepath::cli::set::set(&file, "title", "Old pathway, revised").unwrap();
    // A sign-off nobody can vouch for (no signature) is not published as one.
    let forged = lib.join("forged.yaml");
    std::fs::write(
        &forged,
        "carepath: 1\nid: forged\ntitle: Forged pathway\nstatus: in-review\n\
         participants:\n  - id: gp\n    name: The Surgery\n    kind: gp\n\
         sign_off:\n  - participant: gp\n    by: asmith\n    at: 2025-01-01T10:00:00Z\n    digest: sha256:0000\n",
    )
    .unwrap();
    let out = dir.path().join("site");
    export(&lib, "html", &out);
    let checked = html_check(&[out.join("index.html"), out.join("old.html")]);
    for page in &checked {
        let text = page["text"].as_str().unwrap();
        assert!(text.contains("2025-01-01 — overdue"), "{text}");
        assert!(text.contains("(stale)"), "{text}");
        assert!(text.contains("0 of 1 signed this version"), "{text}");
    }
    let forged_page = std::fs::read_to_string(out.join("forged.html")).unwrap();
    assert!(!forged_page.contains("(stale)"), "{forged_page}");
    assert!(!forged_page.contains("Dr Anna Smith"), "{forged_page}");
    assert!(!forged_page.contains("asmith"), "{forged_page}");
}

/// Every text field of a pathway holds markup and quotes.
const NASTY: &str = "x <script>alert(1)</script> \"q\" & y";

fn nasty_pathway() -> String {
    let n = format!("'{}'", NASTY.replace('\'', "''"));
    format!(
        "carepath: 1\nid: nasty\ntitle: {n}\nplace: {n}\nstatus: draft\nproblem: {n}\n\
         participants:\n  - id: a\n    name: {n}\n    kind: gp\n  - id: b\n    name: {n}\n    kind: hospital\n\
         principles:\n  - {n}\n\
         analyses:\n  a:\n    causes:\n      - text: {n}\n        evidence: {n}\n    goals:\n      - text: {n}\n    values:\n      - text: {n}\n\
         \x20 b:\n    causes:\n      - text: {n}\n\
         steps:\n  - id: one\n    title: {n}\n    kind: decision\n    owner: a\n    detail: {n}\n    red_flags:\n      - {n}\n\
         \x20   branches:\n      - when: {n}\n        next: two\n  - id: two\n    title: {n}\n    owner: b\n\
         monday_morning:\n  - who: a\n    change: {n}\n\
         measures:\n  - text: {n}\n    target: {n}\n\
         sign_off:\n  - participant: a\n    by: {n}\n    at: 2026-01-01T10:00:00Z\n    digest: {n}\n"
    )
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn markup_in_every_text_field_shows_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nasty.yaml");
    std::fs::write(&file, nasty_pathway()).unwrap();
    assert!(carepath::store::read::load::load_file(&file).is_ok());
    let out = dir.path().join("site");
    export(&file, "html", &out);
    let checked = html_check(&[out.join("nasty.html"), out.join("index.html")]);
    let page = &checked[0];
    assert_eq!(page["errors"], Value::Array(vec![]));
    assert_eq!(
        page["scripts"], 0,
        "no script element made from pathway text"
    );
    let shown = page["text"].as_str().unwrap().matches(NASTY).count();
    // title, place, problem, 2 names (several times), principle, 4 points,
    // evidence, step titles, detail, red flag, branch, change, measure,
    // target, signer: each shown as written.
    assert!(shown >= 19, "shown as text {shown} times");
    assert_eq!(
        checked[1]["scripts"], 1,
        "only the index's own search script"
    );
    assert!(checked[1]["text"].as_str().unwrap().contains(NASTY));

    let md_out = dir.path().join("md");
    export(&file, "markdown", &md_out);
    let md = std::fs::read_to_string(md_out.join("nasty.md")).unwrap();
    // Markdown renders `\<` as a plain `<`; no tag can start.
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
    assert!(md.contains("\\<script\\>alert(1)"), "{md}");

    let fhir_out = dir.path().join("fhir");
    export(&file, "fhir", &fhir_out);
    let json = std::fs::read_to_string(fhir_out.join("nasty.json")).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["title"], NASTY, "JSON keeps the text exactly");
    assert_eq!(v["action"][0]["title"], NASTY);
    assert_eq!(
        python::run("fhir_check.py", &[&fhir_out.join("nasty.json")]).trim(),
        format!("ok {}", fhir_out.join("nasty.json").display())
    );
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn every_example_exports_to_a_plan_definition_the_validator_accepts() {
    let out = tempfile::tempdir().unwrap();
    export(&examples(), "fhir", out.path());
    let json = files(out.path(), "json");
    assert_eq!(json.len(), 5);
    let args: Vec<&Path> = json.iter().map(PathBuf::as_path).collect();
    let said = python::run("fhir_check.py", &args);
    for line in said.lines() {
        assert!(line.starts_with("ok "), "{line}");
    }
    assert_eq!(said.lines().count(), 5);
}

/// The owner of an action, as another system reads it.
fn owner(action: &Value) -> Option<&str> {
    action["participant"][0]["role"]["coding"][0]["code"].as_str()
}

#[test]
fn steps_branches_and_owners_read_back_from_the_fhir() {
    let out = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(examples()).unwrap() {
        let file = entry.unwrap().path();
        let p = carepath::store::read::load::load_file(&file).unwrap();
        export(&file, "fhir", out.path());
        let json = std::fs::read_to_string(out.path().join(format!("{}.json", p.id))).unwrap();
        let v: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["resourceType"], "PlanDefinition");
        assert_eq!(v["title"], p.title.as_str());
        let actions = v["action"].as_array().unwrap();
        assert_eq!(actions.len(), p.steps.len(), "{}", p.id);
        for (step, action) in p.steps.iter().zip(actions) {
            assert_eq!(action["id"], step.id.as_str());
            assert_eq!(action["title"], step.title.as_str());
            assert_eq!(owner(action), step.owner.as_deref(), "{}", step.id);
            assert_eq!(action["code"][0]["coding"][0]["code"], step.kind.as_str());
            let next: Vec<&str> = action["relatedAction"]
                .as_array()
                .map(|r| r.iter().map(|x| x["actionId"].as_str().unwrap()).collect())
                .unwrap_or_default();
            assert_eq!(next, step.next, "{}", step.id);
            let branches: Vec<(&str, &str)> = action["action"]
                .as_array()
                .map(|bs| {
                    bs.iter()
                        .map(|b| {
                            (
                                b["condition"][0]["expression"]["description"]
                                    .as_str()
                                    .unwrap(),
                                b["relatedAction"][0]["actionId"].as_str().unwrap(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let expected: Vec<(&str, &str)> = step
                .branches
                .iter()
                .map(|b| (b.when.as_str(), b.next.as_str()))
                .collect();
            assert_eq!(branches, expected, "{}", step.id);
        }
    }
}

fn snapshot_all(format: &str, ext: &str) {
    let out = tempfile::tempdir().unwrap();
    export(&examples(), format, out.path());
    let made = files(out.path(), ext);
    assert_eq!(made.len(), 5);
    for f in made {
        let name = format!("{format}__{}", f.file_stem().unwrap().to_string_lossy());
        insta::assert_snapshot!(name, std::fs::read_to_string(&f).unwrap());
    }
}

#[test]
fn markdown_of_the_examples() {
    snapshot_all("markdown", "md");
}

#[test]
fn mermaid_of_the_examples() {
    snapshot_all("mermaid", "mmd");
}

#[test]
fn a_library_with_nothing_to_publish_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "carepath: 1\nid: b\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(["export", "-o"])
        .arg(dir.path().join("out"))
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stdout).contains("left out 1 file that did not load"));
}

fn carepath_in(dir: &Path, args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "carepath {args:?} failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn a_local_version_says_what_this_place_changed_from_the_shared_pathway() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("discharge.yaml"),
        "carepath: 1\nid: discharge\ntitle: Discharge to a care home\nparticipants:\n  - id: hospital\n    name: Hospital\n    kind: hospital\nsteps:\n  - id: plan\n    title: Plan discharge early\n    owner: hospital\n    next: [call]\n  - id: call\n    title: Call the care home\n    owner: hospital\n",
    )
    .unwrap();
    carepath_in(
        &lib,
        &["localise", "discharge.yaml", "-o", "riverside.yaml"],
    );
    carepath_in(
        &lib,
        &[
            "set",
            "riverside.yaml",
            "steps.call.title",
            "Call the care home <by noon>",
        ],
    );
    // A step only this place has, at the end of the steps.
    let local = lib.join("riverside.yaml");
    let mut text = std::fs::read_to_string(&local).unwrap();
    text.push_str(
        "  - id: pharmacy\n    title: Ask the pharmacy for the meds\n    owner: hospital\n",
    );
    std::fs::write(&local, text).unwrap();

    let out = dir.path().join("site");
    export(&lib, "html", &out);
    let page = std::fs::read_to_string(out.join("riverside.html")).unwrap();
    assert!(
        page.contains("Changed here from the shared pathway discharge.yaml"),
        "{page}"
    );
    // Each change in words, as `carepath diff --base` says it, escaped.
    assert!(
        page.contains("changed from &quot;Call the care home&quot; to &quot;Call the care home &lt;by noon&gt;&quot;"),
        "{page}"
    );
    assert!(
        page.contains("added &quot;Ask the pharmacy for the meds&quot;"),
        "{page}"
    );
    assert!(!page.contains("<by noon>"), "{page}");
    // Each step says in words whether this place added or changed it.
    let section = |id: &str| {
        let start = page.find(&format!("id=\"step-{id}\"")).unwrap();
        let end = page[start..].find("</li>\n").unwrap() + start;
        page[start..end].to_string()
    };
    assert!(
        section("call").contains("Changed here"),
        "{}",
        section("call")
    );
    assert!(
        section("pharmacy").contains("Added here"),
        "{}",
        section("pharmacy")
    );
    let plan = section("plan");
    assert!(
        !plan.contains("Changed here") && !plan.contains("Added here"),
        "{plan}"
    );
    // The flow diagram's boxes say it too.
    assert!(page.contains("ACTION · ADDED HERE"), "{page}");
    assert!(page.contains("ACTION · CHANGED HERE"), "{page}");

    let base = std::fs::read_to_string(out.join("discharge.html")).unwrap();
    assert!(!base.contains("shared pathway"), "{base}");
    assert!(
        !base.contains("Added here") && !base.contains("Changed here"),
        "{base}"
    );
    assert!(!base.contains("HERE"), "{base}");
}
