//! The Parquet files, read by the real DuckDB (installed by `make test` into `.venv`), agree with the
//! Rust side on row counts, metadata, types and an aggregate.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use ogi::extract::extract_bytes;
use ogi::run::{run_extract, Layout, RunOptions, Shard, CANDIDATE_EXTENSIONS};
use serde_json::{json, Value as Json};

mod common;

/// New applications (总计 column) summed over the distinct reports of a corpus, computed in Rust.
fn rust_new_received_total(corpus: &Path) -> i64 {
    let mut seen = HashSet::new();
    let mut total = 0;
    for entry in walk(corpus) {
        let bytes = std::fs::read(&entry).expect("readable");
        let r = extract_bytes(&entry.to_string_lossy(), &bytes);
        if !seen.insert(r.meta.report_id.clone()) {
            continue;
        }
        for row in r.applications.iter().filter(|row| row.key == "new_received") {
            total += row.cells[6].value.unwrap_or(0);
        }
    }
    total
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p
            .extension()
            .is_some_and(|x| CANDIDATE_EXTENSIONS.contains(&x.to_string_lossy().as_ref()))
        {
            out.push(p);
        }
    }
    out
}

#[test]
fn duckdb_reads_what_rust_wrote() {
    let Some(py) = common::test_python() else { return };
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus");
    let out = tempfile::tempdir().expect("temp dir");
    let mut opts = RunOptions::new(&corpus, out.path());
    opts.progress = false;
    let summary = run_extract(&opts).expect("run");
    // The same corpus in two shards, partitioned by year, into one other directory.
    let parts = tempfile::tempdir().expect("temp dir");
    for index in 1..=2 {
        let mut opts = RunOptions::new(&corpus, parts.path());
        opts.progress = false;
        opts.layout = Layout {
            shard: Some(Shard { index, count: 2 }),
            by_year: true,
        };
        run_extract(&opts).expect("shard run");
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/duckdb_check.py");
    let views = Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/views.sql");
    let res = Command::new(&py)
        .arg(&script)
        .arg(out.path())
        .arg(&views)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("pipelines/recipes.sql"))
        .arg(parts.path())
        .output()
        .expect("python runs");
    assert!(
        res.status.success(),
        "duckdb check failed: {}",
        String::from_utf8_lossy(&res.stderr)
    );
    let seen: Json = serde_json::from_slice(&res.stdout).expect("JSON from the check");

    let rows: BTreeMap<String, usize> = summary.written.iter().map(|(t, _, n)| (t.clone(), *n)).collect();
    assert_eq!(seen["rows"], json!(rows));
    for t in rows.keys() {
        assert_eq!(seen["schema_version"][t], json!(ogi::schema::SCHEMA_VERSION), "{t}");
    }
    assert_eq!(seen["new_received_total"], json!(rust_new_received_total(&corpus)));
    // The same figure summed by hand over data/sample/expected/*.json (11 reports with a new_received row in
    // their table, 3140, and the pre-2019 report whose prose states 2 applications).
    assert_eq!(seen["new_received_total"], json!(3142));
    assert_eq!(
        (&seen["views_new_received"], &seen["views_reports"]),
        (&json!(3142), &json!(12))
    );
    // 2022 in data/sample/expected: 五通桥区 (48 new, 24+6 disclosed of 47, 不掌握 8 of 无法提供 9), 峰灵镇 (zeros),
    // the Pingtan-like report (20 new, 7+6 disclosed of 23 printed outcomes but （七）总计 20, 不掌握 4 of 7).
    // pipelines/views.sql over the sharded, partitioned output (`ogi_parts = true`): the same rows and totals.
    assert_eq!(
        (&seen["parts_views"], &seen["parts_year_type"]),
        (&json!([12, 3142]), &json!("SMALLINT"))
    );
    let mut part_rows = rows.clone();
    part_rows.remove("codebook");
    assert_eq!(seen["parts_rows"], json!(part_rows));
    assert_eq!(seen["recipes_2022_all"], json!([3, 1, 43, 67, 12, 16]));
    assert_eq!(seen["violated_checks"], json!(summary.violations));
    let status: BTreeMap<&str, usize> = summary.by_status.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    assert_eq!(seen["status"], json!(status));
    assert_eq!(
        seen["types"],
        json!({"report_year": "SMALLINT", "published_date": "DATE", "source_bytes": "BIGINT", "identity_violations": "INTEGER"})
    );
}

/// A generated corpus with reports published twice, extracted in two shards: each shard marks the copies it
/// holds both of; `cross_shard_duplicates` (pipelines/recipes.sql) lists exactly the others — together the
/// duplicates a single run finds.
#[test]
fn copies_split_over_shards_are_listed_by_the_recipe() {
    let Some(py) = common::test_python() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    ogi::gen::generate(&ogi::gen::GenOptions::new(200, 5, dir.path().join("g"))).expect("generate");
    let corpus = dir.path().join("g/corpus");
    let mut single = RunOptions::new(&corpus, dir.path().join("one"));
    single.progress = false;
    let one = run_extract(&single).expect("run");
    let dup = ogi::model::ParseStatus::Duplicate;
    let mut within = 0;
    for index in 1..=2 {
        let mut opts = RunOptions::new(&corpus, dir.path().join("parts"));
        opts.progress = false;
        opts.layout = Layout {
            shard: Some(Shard { index, count: 2 }),
            by_year: false,
        };
        within += run_extract(&opts)
            .expect("shard")
            .by_status
            .get(&dup)
            .copied()
            .unwrap_or(0);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let res = Command::new(&py)
        .arg(root.join("tests/python/cross_shard.py"))
        .arg(dir.path().join("parts"))
        .arg(root.join("pipelines/views.sql"))
        .arg(root.join("pipelines/recipes.sql"))
        .output()
        .expect("python runs");
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let seen: Json = serde_json::from_slice(&res.stdout).expect("JSON");
    let pairs = seen["pairs"].as_array().cloned().unwrap_or_default();
    let single_dups = one.by_status.get(&dup).copied().unwrap_or(0);
    assert_eq!((single_dups, within + pairs.len()), (8, 8), "{pairs:?}");
    assert!(!pairs.is_empty(), "no copy fell into the other shard");
    for p in &pairs {
        // a page and its text version: the same stem, other bytes
        let (a, b) = (p[0].as_str().unwrap_or_default(), p[1].as_str().unwrap_or_default());
        assert_eq!(a.split('.').next(), b.split('.').next(), "{p:?}");
        assert_eq!(p[2], json!(false));
    }
}
