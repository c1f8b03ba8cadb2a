//! Beyond one machine: shards that together give the whole run, hive partitioning by year, and
//! incremental re-runs that reproduce a full run row for row.

use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use ogi::gen::{generate, GenOptions};
use ogi::run::{run_extract, Layout, RunOptions, Shard, REPORT_TABLES};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus")
}

/// Every Parquet file of a table in an output directory (either layout), sorted by path.
fn table_files(out: &Path, table: &str) -> Vec<PathBuf> {
    let single = out.join(format!("{table}.parquet"));
    if single.is_file() {
        return vec![single];
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out.join(table))
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "parquet"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// The rows of a table, each rendered as one line, in file and row order.
fn rows(out: &Path, table: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for f in table_files(out, table) {
        let file = std::fs::File::open(&f).expect("open");
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet")
            .build()
            .expect("reader");
        for b in reader {
            let b: RecordBatch = b.expect("batch");
            let opts = FormatOptions::default().with_null("∅");
            let cols: Vec<ArrayFormatter> = b
                .columns()
                .iter()
                .map(|c| ArrayFormatter::try_new(c.as_ref(), &opts).expect("formatter"))
                .collect();
            for i in 0..b.num_rows() {
                lines.push(
                    cols.iter()
                        .map(|c| c.value(i).to_string())
                        .collect::<Vec<_>>()
                        .join("|"),
                );
            }
        }
    }
    lines
}

fn extract(corpus: &Path, out: &Path, layout: Layout, incremental: bool) -> ogi::run::Summary {
    let mut opts = RunOptions::new(corpus, out);
    opts.progress = false;
    opts.layout = layout;
    // the sample's .doc stays in skipped whether LibreOffice is on this machine or not
    opts.soffice = None;
    opts.incremental = incremental;
    run_extract(&opts).expect("run")
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn shards_written_into_one_directory_read_as_the_whole_run() {
    // Without the sample's bytes-identical copy: the shards together are exactly the whole run.
    let corpus = tempfile::tempdir().expect("tmp");
    copy_dir(&sample_corpus(), corpus.path());
    let copy = corpus.path().join("text/copy-of-changde-poverty-2021.txt");
    std::fs::remove_file(&copy).expect("remove copy");
    let whole = tempfile::tempdir().expect("tmp");
    let parts = tempfile::tempdir().expect("tmp");
    let full = extract(corpus.path(), whole.path(), Layout::default(), false);
    let mut candidates = 0;
    for k in 1..=3 {
        let shard = Some(Shard { index: k, count: 3 });
        let s = extract(corpus.path(), parts.path(), Layout { shard, by_year: true }, false);
        candidates += s.candidates;
        assert_eq!(s.candidates + s.skipped + s.other_shards, full.files_seen, "shard {k}");
    }
    assert_eq!(candidates, 16);
    for t in REPORT_TABLES {
        assert_eq!(
            sorted(rows(parts.path(), t)),
            sorted(rows(whole.path(), t)),
            "table {t}"
        );
    }
    // Each year's files hold only that year's reports.
    let y2021 = parts.path().join("reports/report_year=2021");
    let mut n2021 = 0;
    for f in std::fs::read_dir(&y2021).expect("2021 partition").flatten() {
        let stem = f
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        for r in rows(&y2021, &stem) {
            assert!(r.contains("|2021|"), "{r}");
            n2021 += 1;
        }
    }
    assert_eq!(n2021, 2);

    // A copy in another shard than its original is not seen as a duplicate there: it is extracted
    // (its own `ok` row, same report_id). Duplicates are found within a shard only (README).
    std::fs::copy(corpus.path().join("text/changde-poverty-2021-pipes.txt"), &copy).expect("copy back");
    let own = |p: &str| (1..=3).find(|&k| Shard { index: k, count: 3 }.contains(p));
    let (a, b) = (
        own("text/changde-poverty-2021-pipes.txt"),
        own("text/copy-of-changde-poverty-2021.txt"),
    );
    let parts = tempfile::tempdir().expect("tmp");
    let mut dups = 0;
    for k in 1..=3 {
        let shard = Some(Shard { index: k, count: 3 });
        let s = extract(corpus.path(), parts.path(), Layout { shard, by_year: false }, false);
        dups += s
            .by_status
            .get(&ogi::model::ParseStatus::Duplicate)
            .copied()
            .unwrap_or(0);
    }
    assert_eq!(dups, usize::from(a == b));
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(|e| e.ok()) {
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

fn incremental_reproduces_a_full_run(layout: Layout) {
    let corpus = tempfile::tempdir().expect("tmp");
    copy_dir(&sample_corpus(), corpus.path());
    let out = tempfile::tempdir().expect("tmp");
    let first = extract(corpus.path(), out.path(), layout, true);
    assert_eq!(first.reused, 0);
    assert!(first.incremental_note.as_deref().unwrap_or("").contains("no manifest"));

    // Nothing changed: everything is reused but the one duplicate (extracted again, in case the file it
    // copies has changed), and the output stays the same.
    let before: Vec<Vec<String>> = REPORT_TABLES.iter().map(|t| rows(out.path(), t)).collect();
    let again = extract(corpus.path(), out.path(), layout, true);
    assert_eq!(again.reused, 16);
    let after: Vec<Vec<String>> = REPORT_TABLES.iter().map(|t| rows(out.path(), t)).collect();
    assert_eq!(before, after);

    // Change one report, remove one, add one, touch one (same content, new time).
    let files: Vec<PathBuf> = walkdir::WalkDir::new(corpus.path())
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    let html: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    let changed = html[0];
    let text = std::fs::read(changed).expect("read");
    let mut edited = text.clone();
    edited.extend_from_slice("<p>（本报告已更正）</p>".as_bytes());
    std::fs::write(changed, &edited).expect("write");
    std::fs::remove_file(html[1]).expect("remove");
    let text = corpus.path().join("text");
    std::fs::copy(
        text.join("emeishan-office-2023.md"),
        corpus.path().join("zz-new-report.md"),
    )
    .expect("add");
    let touched = text.join("leshan-market-2021-gbk.txt");
    let content = std::fs::read(&touched).expect("read");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&touched, &content).expect("touch");

    let inc = extract(corpus.path(), out.path(), layout, true);
    let fresh = tempfile::tempdir().expect("tmp");
    let full = extract(corpus.path(), fresh.path(), layout, false);
    assert_eq!(inc.candidates, 17);
    // 17 files: 1 changed and 1 new (a copy of another file: a duplicate now) are extracted, and
    // so is any file that was a duplicate before; the other 14 are reused (the touched one by hash).
    assert_eq!(inc.reused, 14, "{}", inc.render(corpus.path()));
    assert_eq!(inc.by_status, full.by_status);
    assert_eq!((inc.checks, inc.violations), (full.checks, full.violations));
    for t in REPORT_TABLES.iter().chain(["manifest"].iter()) {
        let a = rows(out.path(), t);
        let b = rows(fresh.path(), t);
        if *t == "manifest" {
            assert_eq!(a.len(), b.len());
            continue;
        }
        assert_eq!(a, b, "table {t}");
    }
}

#[test]
fn incremental_run_reproduces_a_full_run() {
    incremental_reproduces_a_full_run(Layout::default());
}

#[test]
fn incremental_run_reproduces_a_full_run_partitioned_by_year() {
    incremental_reproduces_a_full_run(Layout {
        shard: None,
        by_year: true,
    });
}

#[test]
fn a_new_layout_replaces_the_old_one_in_the_same_directory() {
    let out = tempfile::tempdir().expect("tmp");
    extract(
        &sample_corpus(),
        out.path(),
        Layout {
            shard: None,
            by_year: true,
        },
        false,
    );
    assert!(out
        .path()
        .join("reports/report_year=2021/part-1-of-1.parquet")
        .is_file());
    extract(&sample_corpus(), out.path(), Layout::default(), false);
    assert!(out.path().join("reports.parquet").is_file());
    assert!(
        table_files(&out.path().join("reports"), "x").is_empty()
            || !out.path().join("reports").exists()
            || walkdir::WalkDir::new(out.path().join("reports"))
                .into_iter()
                .filter_map(|e| e.ok())
                .all(|e| !e.file_type().is_file())
    );
    assert_eq!(rows(out.path(), "reports").len(), 17);
}

/// A generated corpus whose tables run to more rows than one read batch (4,096): the reused rows of
/// every report are copied whole across batch boundaries. (Once, only the first 4,096 rows of each
/// child table survived an incremental re-run.)
#[test]
fn incremental_run_copies_tables_longer_than_a_read_batch() {
    let dir = tempfile::tempdir().expect("tmp");
    generate(&GenOptions::new(200, 5, dir.path().join("g"))).expect("generate");
    let corpus = dir.path().join("g/corpus");
    let out = dir.path().join("out");
    let first = extract(&corpus, &out, Layout::default(), true);
    let again = extract(&corpus, &out, Layout::default(), true);
    // 200 reports, 8 of them published twice: the second copies (duplicates) are extracted again by design
    assert_eq!((again.candidates, again.reused), (208, 200));
    assert_eq!((again.checks, again.violations), (first.checks, first.violations));
    let full = dir.path().join("full");
    extract(&corpus, &full, Layout::default(), false);
    for t in REPORT_TABLES {
        let (a, b) = (rows(&out, t), rows(&full, t));
        assert_eq!(a.len(), b.len(), "table {t}");
        assert_eq!(a, b, "table {t}");
        if t == "applications" {
            assert!(b.len() > 2 * 4096, "{} rows", b.len());
        }
    }
}
