//! The loader, diff and merge on mutated example pathways: whatever a
//! file holds, reading it ends in a pathway or in problems, never a panic;
//! and whatever two or three loaded versions say, diff and merge finish.
//! Seeded with the example pathways; the mutations are the ones that have
//! broken YAML readers before (cut files, stray brackets, deep nesting,
//! control bytes, repeated slices).

use carepath::store::load::load_str;
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
        let result = carepath::store::load::load_bytes(&name, &bytes);
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
