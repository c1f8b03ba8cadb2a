//! Published figures (data/published/figures.csv, from the reports' own prose) against the extracted shared
//! corpus, through pipelines/published.sql in the real DuckDB.

use std::path::Path;
use std::process::Command;

use ogi::run::{run_extract, RunOptions};

mod common;

#[test]
fn published_figures_are_matched_mismatched_or_reported_missing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    if !corpus.join("expected").is_dir() {
        eprintln!("SKIPPED: ../shared/corpus is absent; the published figures come from its documents");
        return;
    }
    let Some(py) = common::test_python() else { return };
    let out = tempfile::tempdir().expect("temp");
    let mut opts = RunOptions::new(&corpus, out.path());
    opts.progress = false;
    run_extract(&opts).expect("extract");
    let res = Command::new(&py)
        .arg(root.join("tests/python/published_check.py"))
        .arg(out.path())
        .arg(root.join("pipelines/views.sql"))
        .arg(root.join("pipelines/published.sql"))
        .arg(root.join("data/published/figures.csv"))
        .output()
        .expect("python");
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let rows: Vec<(String, String, f64, Option<f64>, String)> = serde_json::from_slice(&res.stdout).expect("json");
    let verdict = |src: &str, def: &str| {
        rows.iter()
            .find(|r| r.0.starts_with(src) && r.1 == def)
            .map(|r| (r.3, r.4.as_str()))
            .expect("row")
    };
    assert_eq!(verdict("seeds/000", "new_received"), (Some(5.0), "match"));
    assert_eq!(verdict("real/002", "total_processed"), (Some(218.0), "match"));
    // Shanghai 2019 leaves the 总计 column blank on outcome rows, and its prose counts natural persons only.
    assert_eq!(verdict("real/001", "granted_plus_partial"), (Some(0.0), "mismatch"));
    // Pingtan 2022's prose "收到政府信息公开申请75件" counts the 1 application carried over with the 74 new ones.
    assert_eq!(verdict("real/013", "new_received"), (Some(74.0), "mismatch"));
    // The glued-cell Pingtan texts (issue 5) reproduce every other figure their prose states; the 2024
    // report is in the corpus twice (HTML and glued text) and both copies agree.
    let count = |v: &str| rows.iter().filter(|r| r.4 == v).count();
    assert_eq!((rows.len(), count("match"), count("mismatch")), (12, 10, 2), "{rows:?}");
    assert_eq!(verdict("real/016", "carried_forward"), (Some(6.0), "match"));
    assert_eq!(
        verdict("real/014", "granted_plus_partial_share"),
        (Some(0.5185), "match")
    );
}
