//! The corpus run behind `ogi extract`: walk the corpus, extract files in parallel (rayon) chunk by
//! chunk, stream each chunk's batches to the Parquet writers, and summarise. Memory is bounded by the
//! chunk size, not by the corpus size. Output rows follow the sorted file order, so a re-run on the
//! same corpus writes the same rows.

use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::decode::DecodeError;
use crate::extract::{base_meta, extract_bytes, unreadable};
use crate::model::{ParseStatus, Report};
use crate::sink::{write_table, TableWriter};
use crate::{schema, to_arrow};

/// Extensions read as reports; every other file is listed in `skipped`.
pub const CANDIDATE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "txt", "md"];

pub struct RunOptions {
    pub corpus: PathBuf,
    pub out: PathBuf,
    /// Larger files are recorded as `unreadable` without being read.
    pub max_file_bytes: u64,
    /// Files extracted in parallel before their rows are written.
    pub chunk_size: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
}

impl RunOptions {
    pub fn new(corpus: impl Into<PathBuf>, out: impl Into<PathBuf>) -> RunOptions {
        RunOptions {
            corpus: corpus.into(),
            out: out.into(),
            max_file_bytes: 32 << 20,
            chunk_size: 1024,
            progress: true,
        }
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    pub files_seen: usize,
    pub candidates: usize,
    pub skipped: usize,
    pub by_status: BTreeMap<ParseStatus, usize>,
    pub checks: usize,
    pub violations: usize,
    pub reports_with_violations: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    pub written: Vec<(PathBuf, usize)>,
}

struct Listing {
    candidates: Vec<(PathBuf, String)>,
    skipped: Vec<(String, u64, String)>,
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Lists the corpus, sorted by path. Files under `exclude` (the output directory) are left out.
fn list(root: &Path, exclude: &Path) -> Result<Listing> {
    let meta = std::fs::metadata(root).with_context(|| format!("cannot read corpus {}", root.display()))?;
    let mut listing = Listing {
        candidates: Vec::new(),
        skipped: Vec::new(),
    };
    if meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        listing.candidates.push((root.to_path_buf(), name));
        return Ok(listing);
    }
    std::fs::read_dir(root).with_context(|| format!("cannot list corpus {}", root.display()))?;
    let exclude = exclude.canonicalize().ok();
    for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                listing.skipped.push((path, 0, format!("cannot list: {e}")));
                continue;
            }
        };
        if let (Some(ex), Ok(canon)) = (&exclude, entry.path().canonicalize()) {
            if canon.starts_with(ex) {
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(root, entry.path());
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if CANDIDATE_EXTENSIONS.contains(&ext.as_str()) {
            listing.candidates.push((entry.path().to_path_buf(), rel));
        } else {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let what = if ext.is_empty() {
                "no extension".to_string()
            } else {
                format!(".{ext}")
            };
            listing.skipped.push((
                rel,
                size,
                format!(
                    "not a report file type ({what}); read: {}",
                    CANDIDATE_EXTENSIONS.join(", ")
                ),
            ));
        }
    }
    Ok(listing)
}

/// Reads and extracts one file; every outcome is a [`Report`].
pub fn process_file(path: &Path, rel: &str, max_bytes: u64) -> Report {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > max_bytes {
        return unreadable(
            base_meta(rel, rel.as_bytes(), size),
            &DecodeError::TooLarge { size, limit: max_bytes },
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            let mut meta = base_meta(rel, rel.as_bytes(), size);
            meta.parse_status = ParseStatus::Unreadable;
            meta.error = Some(format!("cannot read: {e}"));
            return Report::empty(meta);
        }
    };
    match catch_unwind(AssertUnwindSafe(|| extract_bytes(rel, &bytes))) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut meta = base_meta(rel, &bytes, size);
            meta.parse_status = ParseStatus::Failed;
            meta.error = Some(format!("internal error: {}", msg.replace('\n', " ")));
            Report::empty(meta)
        }
    }
}

/// Marks reports whose bytes were already seen in this run; their data is not repeated.
fn mark_duplicates(reports: &mut [Report], seen: &mut HashMap<String, String>) {
    for r in reports.iter_mut() {
        if r.meta.parse_status == ParseStatus::Unreadable {
            continue;
        }
        match seen.get(&r.meta.report_id) {
            Some(first) => {
                let first = first.clone();
                let meta = std::mem::replace(&mut r.meta, base_meta("", b"", 0));
                *r = Report::empty(meta);
                r.meta.parse_status = ParseStatus::Duplicate;
                r.meta.error = Some(format!("same content as {first}"));
                r.meta.identity_violations = 0;
            }
            None => {
                seen.insert(r.meta.report_id.clone(), r.meta.source_path.clone());
            }
        }
    }
}

struct Writers {
    reports: TableWriter,
    applications: TableWriter,
    reviews: TableWriter,
    proactive: TableWriter,
    checks: TableWriter,
    figures: TableWriter,
}

impl Writers {
    fn create(dir: &Path) -> Result<Writers> {
        Ok(Writers {
            reports: TableWriter::create(dir, "reports", schema::reports())?,
            applications: TableWriter::create(dir, "applications", schema::applications())?,
            reviews: TableWriter::create(dir, "reviews", schema::reviews())?,
            proactive: TableWriter::create(dir, "proactive", schema::proactive())?,
            checks: TableWriter::create(dir, "checks", schema::checks())?,
            figures: TableWriter::create(dir, "figures", schema::figures())?,
        })
    }

    fn write(&mut self, reports: &[Report], rows: &mut [usize; 6]) -> Result<()> {
        let b = to_arrow::batches(reports)?;
        for (i, (w, batch)) in [
            (&mut self.reports, &b.reports),
            (&mut self.applications, &b.applications),
            (&mut self.reviews, &b.reviews),
            (&mut self.proactive, &b.proactive),
            (&mut self.checks, &b.checks),
            (&mut self.figures, &b.figures),
        ]
        .into_iter()
        .enumerate()
        {
            w.write(batch)?;
            rows[i] += batch.num_rows();
        }
        Ok(())
    }

    fn finish(self) -> Result<Vec<PathBuf>> {
        [
            self.reports,
            self.applications,
            self.reviews,
            self.proactive,
            self.checks,
            self.figures,
        ]
        .into_iter()
        .map(TableWriter::finish)
        .collect()
    }
}

fn progress_bar(n: usize, show: bool) -> ProgressBar {
    let pb = ProgressBar::new(n as u64);
    if !show || !std::io::stderr().is_terminal() {
        pb.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} reports · {per_sec:0} · eta {eta}") {
        pb.set_style(style);
    }
    pb
}

/// Runs the extraction of a corpus into `opts.out`.
pub fn run_extract(opts: &RunOptions) -> Result<Summary> {
    let start = Instant::now();
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("cannot create output directory {}", opts.out.display()))?;
    let listing = list(&opts.corpus, &opts.out)?;
    if opts.chunk_size == 0 {
        bail!("chunk size must be positive");
    }
    let mut summary = Summary {
        files_seen: listing.candidates.len() + listing.skipped.len(),
        candidates: listing.candidates.len(),
        skipped: listing.skipped.len(),
        ..Summary::default()
    };
    let mut writers = Writers::create(&opts.out)?;
    let mut rows = [0usize; 6];
    let mut seen = HashMap::new();
    let pb = progress_bar(listing.candidates.len(), opts.progress);
    for chunk in listing.candidates.chunks(opts.chunk_size) {
        let mut reports: Vec<Report> = chunk
            .par_iter()
            .map(|(path, rel)| process_file(path, rel, opts.max_file_bytes))
            .collect();
        mark_duplicates(&mut reports, &mut seen);
        for r in &reports {
            *summary.by_status.entry(r.meta.parse_status).or_default() += 1;
            summary.bytes += r.meta.source_bytes.max(0) as u64;
            summary.checks += r.checks.len();
            let v = r.meta.identity_violations as usize;
            summary.violations += v;
            summary.reports_with_violations += usize::from(v > 0);
        }
        writers.write(&reports, &mut rows)?;
        pb.inc(chunk.len() as u64);
    }
    pb.finish_and_clear();
    let paths = writers.finish()?;
    summary.written = paths.into_iter().zip(rows).collect();
    let skipped = skipped_batch(&listing.skipped)?;
    summary
        .written
        .push((write_table(&opts.out, "skipped", &skipped)?, listing.skipped.len()));
    let codebook = to_arrow::codebook_batch()?;
    let n = codebook.num_rows();
    summary
        .written
        .push((write_table(&opts.out, "codebook", &codebook)?, n));
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn skipped_batch(skipped: &[(String, u64, String)]) -> Result<arrow::record_batch::RecordBatch> {
    use arrow::array::{ArrayRef, Int64Array, StringArray};
    use std::sync::Arc;
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(skipped.iter().map(|s| s.0.as_str()))),
        Arc::new(Int64Array::from_iter_values(
            skipped.iter().map(|s| i64::try_from(s.1).unwrap_or(i64::MAX)),
        )),
        Arc::new(StringArray::from_iter_values(skipped.iter().map(|s| s.2.as_str()))),
    ];
    Ok(arrow::record_batch::RecordBatch::try_new(schema::skipped(), cols)?)
}

impl Summary {
    /// The one-screen summary printed at the end of `ogi extract`.
    pub fn render(&self, corpus: &Path) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mut s = format!(
            "ogi extract: {} files in {} — {} report candidates, {} skipped (not report files)\n",
            self.files_seen,
            corpus.display(),
            self.candidates,
            self.skipped
        );
        let statuses: Vec<String> = ParseStatus::ALL
            .iter()
            .map(|st| format!("{} {}", st.as_str(), self.by_status.get(st).copied().unwrap_or(0)))
            .collect();
        s.push_str(&format!("  status: {}\n", statuses.join(" · ")));
        s.push_str(&format!(
            "  identities: {} checks, {} violated, in {} reports\n",
            self.checks, self.violations, self.reports_with_violations
        ));
        s.push_str(&format!(
            "  elapsed {:.2} s · {:.1} reports/s · {:.2} MB/s\n",
            secs,
            self.candidates as f64 / secs,
            self.bytes as f64 / 1e6 / secs
        ));
        for (p, n) in &self.written {
            s.push_str(&format!("  wrote {} ({n} rows)\n", p.display()));
        }
        s
    }
}
