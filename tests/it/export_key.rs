//! The app's export key: `E` on the library publishes the whole library,
//! on a pathway that pathway, into the folder the config names, and the
//! status line says where.

use crate::common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::Session;

const ENTER: &str = "\r";

fn wait_for_file(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{} was not written",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn e_exports_the_library_and_the_open_pathway_where_the_config_says() {
    let cwd = tempfile::tempdir().unwrap();
    let lib = cwd.path().join("pathways");
    std::fs::create_dir(&lib).unwrap();
    for name in ["discharge-to-care-home.yaml", "integrated-copd-clinic.yaml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("pathways")
                .join(name),
            lib.join(name),
        )
        .unwrap();
    }
    let config = tempfile::tempdir().unwrap();
    let site = cwd.path().join("site");
    std::fs::write(
        config.path().join("config.yaml"),
        format!("export: {}\n", site.display()),
    )
    .unwrap();
    let mut s = Session::start(&[], cwd.path(), config.path(), 160, 30);
    s.wait_for("Review due");
    s.key("E");
    let screen = s.wait_for("Exported 2 pathways");
    assert!(screen.contains("site/index.html"), "says where: {screen}");
    wait_for_file(&site.join("index.html"));
    assert!(site.join("integrated-copd-clinic.html").exists());

    std::fs::remove_dir_all(&site).unwrap();
    s.key(ENTER);
    s.wait_for("1 Overview");
    s.key("E");
    let screen = s.wait_for("Exported 1 pathway");
    assert!(screen.contains("site/index.html"), "{screen}");
    wait_for_file(&site.join("index.html"));
    let pages: Vec<_> = std::fs::read_dir(&site).unwrap().collect();
    assert_eq!(pages.len(), 2, "the index and the one pathway");
    s.key("q");
    assert!(s.wait_exit());
}
