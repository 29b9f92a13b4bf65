//! The JSON Schema of the pathway format: shipped, generated from the model
//! types, and in step with what `carepath check` accepts, as judged by an
//! independent validator (Python's `jsonschema`).

use crate::python;

use std::path::{Path, PathBuf};
use std::process::Command;

use carepath::cli::schema::schema_json;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_shipped_schema_is_the_generated_one() {
    let shipped = std::fs::read_to_string(root().join("schema/carepath.schema.json")).unwrap();
    assert!(
        shipped == schema_json(),
        "schema/carepath.schema.json is out of date: run `carepath schema > schema/carepath.schema.json`"
    );
}

#[test]
fn carepath_schema_prints_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), schema_json());
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

/// Each file's verdict from the schema validator: (file, accepted).
fn schema_verdicts(files: &[PathBuf], scratch: &Path) -> Vec<(PathBuf, bool, String)> {
    let schema = scratch.join("schema.json");
    std::fs::write(&schema, schema_json()).unwrap();
    // YAML to JSON as plain data (dates stay strings, as a YAML language
    // server sees them), without going through carepath's types.
    let mut jsons = Vec::new();
    for (n, f) in files.iter().enumerate() {
        let text = std::fs::read_to_string(f).unwrap();
        let value: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let j = scratch.join(format!("{n}.json"));
        std::fs::write(&j, serde_json::to_string(&value).unwrap()).unwrap();
        jsons.push(j);
    }
    let mut args: Vec<&Path> = vec![&schema];
    args.extend(jsons.iter().map(PathBuf::as_path));
    let out = python::run("schema_check.py", &args);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), files.len(), "{out}");
    files
        .iter()
        .zip(lines)
        .map(|(f, l)| (f.clone(), l.starts_with("ok "), l.to_string()))
        .collect()
}

fn check_accepts(file: &Path) -> bool {
    Command::new(env!("CARGO_BIN_EXE_carepath"))
        .arg("check")
        .arg(file)
        .output()
        .unwrap()
        .status
        .success()
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn every_example_and_fixture_is_judged_alike_by_the_schema_and_by_check() {
    let mut files = Vec::new();
    yaml_files(&root().join("pathways"), &mut files);
    let examples = files.len();
    yaml_files(&root().join("tests/fixtures"), &mut files);
    files.sort();
    assert!(examples >= 5 && files.len() > examples);
    let scratch = tempfile::tempdir().unwrap();
    for (file, schema_ok, line) in schema_verdicts(&files, scratch.path()) {
        let loads = carepath::store::read::load::load_file(&file).is_ok();
        if file.starts_with(root().join("pathways")) {
            assert!(schema_ok, "an example pathway fails the schema: {line}");
        }
        if loads {
            assert!(
                schema_ok,
                "{} loads, but the schema rejects it: {line}",
                file.display()
            );
        }
        if !schema_ok {
            assert!(
                !loads,
                "the schema rejects {}, but it loads",
                file.display()
            );
            assert!(
                !check_accepts(&file),
                "the schema rejects {}, but check passes it",
                file.display()
            );
        }
    }
}

#[test]
#[ignore = "needs python3 with html5lib, jsonschema and fhir.resources; .ci/run installs them and runs it"]
fn a_file_the_schema_rejects_is_rejected_by_check() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        // A typo in a key: an editor flags it, and so does check.
        (
            "typo.yaml",
            "carepath: 1\nid: typo\ntitle: T\nsteps:\n  - id: a\n    title: A\n    red_flag: [x]\n",
        ),
        (
            "status.yaml",
            "carepath: 1\nid: status\ntitle: T\nstatus: drafty\n",
        ),
        ("version.yaml", "carepath: 2\nid: version\ntitle: T\n"),
        ("no-title.yaml", "carepath: 1\nid: no-title\n"),
        (
            "kind.yaml",
            "carepath: 1\nid: kind\ntitle: T\nparticipants:\n  - id: a\n    name: A\n    kind: hospice\n",
        ),
        // The meeting's records: a typo in an action, a value with no figure.
        (
            "action.yaml",
            "carepath: 1\nid: action\ntitle: T\nparticipants:\n  - id: a\n    name: A\n    kind: gp\nactions:\n  - id: x\n    what: W\n    owner: a\n    due: 2026-12-01\n    stat: open\n",
        ),
        (
            "value.yaml",
            "carepath: 1\nid: value\ntitle: T\nmeasures:\n  - text: M\n    values:\n      - date: 2026-12-01\n        note: none\n",
        ),
    ];
    let files: Vec<PathBuf> = cases
        .iter()
        .map(|(name, text)| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect();
    let scratch = tempfile::tempdir().unwrap();
    for (file, schema_ok, line) in schema_verdicts(&files, scratch.path()) {
        assert!(!schema_ok, "the schema accepts {}", file.display());
        assert!(
            !check_accepts(&file),
            "check accepts {} ({line})",
            file.display()
        );
    }
}

/// `node`, or what its `$ref` points at.
fn resolved<'a>(root: &'a serde_json::Value, node: &'a serde_json::Value) -> &'a serde_json::Value {
    match node.get("$ref").and_then(serde_json::Value::as_str) {
        Some(r) => root.pointer(r.trim_start_matches('#')).unwrap(),
        None => node,
    }
}

/// Compares the keys of the object `node` describes, at `path`, with the
/// keys `model::schema` lists there, and goes on into the lists of items
/// and the mappings of entries it holds.
fn agree(
    root: &serde_json::Value,
    node: &serde_json::Value,
    path: &mut Vec<String>,
    wrong: &mut Vec<String>,
    objects: &mut usize,
) {
    use carepath::model::schema;
    let keys = |path: &[String]| -> Vec<&'static str> {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let mut keys = schema::keys_at(&path).to_vec();
        keys.sort_unstable();
        keys
    };
    let properties = node["properties"].as_object().unwrap();
    let in_json: Vec<&str> = properties.keys().map(String::as_str).collect();
    let in_model = keys(path);
    if in_json != in_model {
        wrong.push(format!(
            "{path:?}: the JSON Schema has {in_json:?}, the model lists {in_model:?}"
        ));
    }
    *objects += 1;
    for (key, property) in properties {
        let property = resolved(root, property);
        path.push(key.clone());
        if let Some(items) = property.get("items") {
            let items = resolved(root, items);
            if items.get("properties").is_some() {
                agree(root, items, path, wrong, objects);
            } else if !keys(path).is_empty() {
                wrong.push(format!(
                    "{path:?}: a list of text in the JSON Schema, of items with keys in the model"
                ));
            }
        } else if let Some(entry) = property
            .get("additionalProperties")
            .filter(|e| e.is_object())
        {
            let entry = resolved(root, entry);
            if entry.get("properties").is_some() {
                // An entry's name (a participant's id) is not a key.
                path.push("someone".into());
                agree(root, entry, path, wrong, objects);
                path.pop();
            }
        }
        path.pop();
    }
}

/// The JSON Schema and the model's own list of keys (what messages, the
/// diff, the merge and the forms go by) name the same keys for every kind
/// of item, and the same lists of items.
#[test]
fn the_json_schema_and_the_model_list_the_same_keys() {
    let root: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    let (mut wrong, mut objects) = (Vec::new(), 0);
    agree(&root, &root, &mut Vec::new(), &mut wrong, &mut objects);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    // The pathway, its items and the meeting's records, and the items
    // inside them.
    assert!(objects >= 14, "only {objects} kinds of item compared");
}
