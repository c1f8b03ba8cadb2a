//! The project's own sample corpus (`data/sample/corpus`, written by `data/sample/make_sample.py`):
//! every expected value asserted, per file and through a whole `ogi extract` run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ogi::run::{run_extract, RunOptions};

mod common;
use common::{assert_metadata, assert_run_fields, assert_tables, load};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample")
}

fn expected_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(sample().join("expected"))
        .expect("data/sample/expected")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().to_string()))
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_sample_file_matches_its_expected_values() {
    let names = expected_names();
    assert_eq!(names.len(), 15);
    let mut errors = Vec::new();
    for name in &names {
        let (exp, r) = load(&sample().join("corpus"), &sample().join("expected"), name);
        if exp["report_year"].is_number() {
            assert_metadata(&exp, &r, &mut errors);
        } else if r.meta.report_year.is_some() {
            errors.push(format!("{name}: a year {:?} where none is stated", r.meta.report_year));
        }
        assert_tables(&exp, &r, &mut errors);
        assert_run_fields(&exp, &r, &mut errors);
    }
    assert!(errors.is_empty(), "{} mismatches:\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn a_run_over_the_sample_writes_one_reports_row_per_candidate() {
    let out = tempfile::tempdir().expect("temp dir");
    let mut opts = RunOptions::new(sample().join("corpus"), out.path());
    // the sample's .doc is listed in skipped whether LibreOffice is on this machine or not
    opts.soffice = None;
    opts.progress = false;
    opts.chunk_size = 5; // several chunks, to exercise streaming
    let summary = run_extract(&opts).expect("run completes");
    assert_eq!((summary.files_seen, summary.candidates, summary.skipped), (18, 17, 1));
    let by: BTreeMap<&str, usize> = summary.by_status.iter().map(|(s, n)| (s.as_str(), *n)).collect();
    let want: BTreeMap<&str, usize> = [
        ("ok", 11),
        ("partial", 1),
        ("not_a_report", 1),
        ("unreadable", 3), // empty.txt, binary.txt, and scan.pdf: a PDF header and nothing a reader can parse
        ("duplicate", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(by, want);
    assert_eq!((summary.violations, summary.reports_with_violations), (2, 1));
    let rows: BTreeMap<String, usize> = summary
        .written
        .iter()
        .map(|(t, _, n)| (format!("{t}.parquet"), *n))
        .collect();
    assert_eq!(rows["reports.parquet"], 17);
    assert_eq!(rows["skipped.parquet"], 1); // bad/attachment.doc (Word 97–2003: LibreOffice left out here)
                                            // 10 complete tables (t2019: 23 rows, t2021: 25 rows) + the truncated one's 9 rows (up to denied_internal_affairs), × 7 requesters.
    let t2019 = 3; // changde-edu, dongguan-street, jiangyuan-utf16
    let t2021 = 7;
    // The pre-2019 prose report states totals only: new_received (1 row), reviews and lawsuits (2 rows).
    assert_eq!(rows["applications.parquet"], (t2019 * 23 + t2021 * 25 + 9) * 7 + 1);
    assert_eq!(rows["reviews.parquet"], (t2019 + t2021) * 15 + 2);
    // Its figures: published 2680, received 2, no fees, no reviews, no lawsuits; and the 11 2019+ reports read
    // (the copy is a duplicate) each state received, processed and carried forward in their prose.
    assert_eq!(rows["figures.parquet"], 5 + 11 * 3);
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("out dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn runs_are_deterministic_whatever_the_chunking() {
    let outs: Vec<tempfile::TempDir> = [3usize, 1024]
        .iter()
        .map(|&chunk| {
            let out = tempfile::tempdir().expect("temp dir");
            let mut opts = RunOptions::new(sample().join("corpus"), out.path());
            // the sample's .doc is listed in skipped whether LibreOffice is on this machine or not
            opts.soffice = None;
            opts.progress = false;
            opts.chunk_size = chunk;
            run_extract(&opts).expect("run");
            out
        })
        .collect();
    for table in [
        "reports",
        "applications",
        "reviews",
        "proactive",
        "checks",
        "skipped",
        "codebook",
    ] {
        let a = read_rows(&outs[0].path().join(format!("{table}.parquet")));
        let b = read_rows(&outs[1].path().join(format!("{table}.parquet")));
        // Row groups follow the chunks, so compare the decoded rows rather than the bytes.
        assert!(!a.is_empty(), "{table}");
        assert_eq!(a, b, "{table}");
    }
}

fn read_rows(path: &Path) -> Vec<String> {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let reader = SerializedFileReader::new(std::fs::File::open(path).expect("file")).expect("parquet");
    reader
        .get_row_iter(None)
        .expect("rows")
        .map(|r| format!("{:?}", r.expect("row")))
        .collect()
}
