//! Saves by several processes at once lose nothing: eight `carepath set`
//! processes, each changing its own step twenty times, all at the same
//! time; afterwards every step holds its process's last value.

use std::process::Command;

#[test]
fn eight_processes_saving_at_once_lose_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("discharge-to-care-home.yaml");
    std::fs::copy("pathways/discharge-to-care-home.yaml", &file).unwrap();
    let steps: Vec<String> = carepath::store::load::load_file(&file)
        .unwrap()
        .steps
        .iter()
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(steps.len(), 8);
    let bin = env!("CARGO_BIN_EXE_carepath");
    let workers: Vec<_> = steps
        .iter()
        .map(|step| {
            let (file, step) = (file.clone(), step.clone());
            std::thread::spawn(move || {
                for n in 0..20 {
                    let out = Command::new(bin)
                        .args([
                            "set",
                            file.to_str().unwrap(),
                            &format!("steps.{step}.title"),
                            &format!("{step} version {n}"),
                        ])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let p = carepath::store::load::load_file(&file).expect("the file still loads");
    for (s, id) in p.steps.iter().zip(&steps) {
        assert_eq!(
            s.title,
            format!("{id} version 19"),
            "the last save of every process is in the file"
        );
    }
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# Discharge from hospital to a care home"),
        "comments kept through 160 saves"
    );
}
