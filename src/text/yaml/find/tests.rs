//! The pass over the events against the tree, path by path.

use super::*;

/// What the tree says of `path`.
fn by_tree(text: &str, path: &str) -> Result<Place, String> {
    let root = parse(text)?;
    resolve(&root, path).map(Place::of)
}

/// Every path into `node`, by key, by id and by number, and a missing
/// key and item under each mapping and list.
fn paths(node: &Node, prefix: &str, out: &mut Vec<String>) {
    let join = |seg: &str| {
        if prefix.is_empty() {
            seg.to_string()
        } else {
            format!("{prefix}.{seg}")
        }
    };
    match node {
        Node::Map { entries, .. } => {
            out.push(join("no-such-key"));
            out.push(join("no-such-key.deeper"));
            for e in entries {
                let path = join(&e.key);
                out.push(path.clone());
                paths(&e.value, &path, out);
            }
        }
        Node::Seq { items, .. } => {
            out.push(join("no-such-item"));
            out.push(join("99999"));
            for (i, item) in items.iter().enumerate() {
                // Each item is gone into once: by its id where it has one.
                let by_number = join(&i.to_string());
                out.push(by_number.clone());
                match item.get("id").and_then(Node::as_str) {
                    Some(id) => {
                        let by_id = join(id);
                        out.push(by_id.clone());
                        paths(item, &by_id, out);
                    }
                    None => paths(item, &by_number, out),
                }
            }
        }
        Node::Scalar { .. } => out.push(join("below")),
    }
}

fn same_as_tree(text: &str) -> usize {
    let root = parse(text).unwrap();
    let mut all = Vec::new();
    paths(&root, "", &mut all);
    let mut streamed = 0;
    for path in &all {
        let tree = resolve(&root, path).map(Place::of);
        match stream(text, path) {
            Some(place) => {
                assert_eq!(Ok(place), tree, "{path}");
                streamed += 1;
            }
            None => assert!(tree.is_err() || path.is_empty(), "{path}: {tree:?}"),
        }
    }
    streamed
}

#[test]
fn every_path_of_the_example_pathways_leads_where_the_tree_says() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("pathways");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(same_as_tree(&text) > 0, "{}", path.display());
            files += 1;
        }
    }
    assert!(files > 0);
}

#[test]
fn odd_layouts_lead_where_the_tree_says() {
    for text in [
        "a: 1\nsteps: [{id: x, title: T}, {id: y, next: [x]}]\n",
        "a: {b: 1, c: {d: 2}}\nlist:\n- one\n- two\n- id: 3\n  t: x\n- {}\n",
        "k: |\n  block\n  text\n\nm:\n  - []\n  - {}\n",
        "e: {}\nf: []\ng:\n  h: 'q'\n  i: \"d\"\n",
        "items:\n  - id: '1'\n    v: a\n  - v: b\n  - id: '0'\n    v: c\n",
        "- a\n- b\n",
        "just text\n",
        "a: 1\n---\nb: 2\n",
        "",
    ] {
        if let Ok(root) = parse(text) {
            let mut all = vec!["".to_string(), "a..b".to_string()];
            paths(&root, "", &mut all);
            for path in &all {
                assert_eq!(find(text, path), by_tree(text, path), "{text:?} {path}");
            }
        } else {
            assert_eq!(find(text, "a").err(), parse(text).err(), "{text:?}");
        }
    }
}

#[test]
fn the_rest_of_the_text_is_still_read() {
    let text = "a: 1\nb: [unclosed\n";
    assert_eq!(find(text, "a").err(), parse(text).err());
    let aliased = "a: &x 1\nb: *x\n";
    assert_eq!(find(aliased, "a").err(), parse(aliased).err());
}
