//! The corpus run behind `ogi extract`: list the corpus (one shard of it with `--shard`), extract files
//! in parallel (rayon) chunk by chunk, stream each chunk's batches to the Parquet writers, and
//! summarise. Memory is bounded by the chunk size, not by the corpus size. Output rows follow the
//! corpus order, so a re-run on the same corpus writes the same rows; with `--incremental` the rows of
//! unchanged files are copied from the previous run and the output is the same as a full run's.

mod convert;
mod cursor;
mod duplicates;
mod incremental;
mod listing;
mod output;
mod summary;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use arrow::record_batch::RecordBatch;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::decode::DecodeError;
use crate::extract::{base_meta, extract_bytes, report_id, unreadable};
use crate::model::{ParseStatus, Report};
use crate::sink::write_table;
use crate::to_arrow;

pub use convert::soffice;
pub use incremental::{ManifestRow, Stamp, OGI_VERSION};
pub use listing::{corpus_order, Shard, CANDIDATE_EXTENSIONS, LEGACY_WORD_EXTENSIONS};
pub use output::{Layout, HIVE_NULL, REPORT_TABLES};
pub use summary::{peak_rss, Summary};

use incremental::{manifest_batch, stamp, Previous, Reused};
use output::{Part, Writers};

pub struct RunOptions {
    pub corpus: PathBuf,
    pub out: PathBuf,
    /// Larger files are recorded as `unreadable` without being read.
    pub max_file_bytes: u64,
    /// Files extracted in parallel before their rows are written.
    pub chunk_size: usize,
    /// Show a progress bar (only drawn when stderr is a terminal).
    pub progress: bool,
    /// Sharding and year partitioning of the output.
    pub layout: Layout,
    /// Reuse the rows of files unchanged since the previous run into the same directory.
    pub incremental: bool,
    /// LibreOffice, to convert Word-97 / WPS files to DOCX ([`soffice`] finds it on `PATH`); `None`: they
    /// are listed in `skipped`.
    pub soffice: Option<PathBuf>,
}

impl RunOptions {
    pub fn new(corpus: impl Into<PathBuf>, out: impl Into<PathBuf>) -> RunOptions {
        RunOptions {
            corpus: corpus.into(),
            out: out.into(),
            max_file_bytes: 32 << 20,
            chunk_size: 1024,
            progress: true,
            layout: Layout::default(),
            incremental: false,
            soffice: convert::soffice(),
        }
    }
}

/// Reads and extracts one file; every outcome is a [`Report`].
pub fn process_file(path: &Path, rel: &str, max_bytes: u64) -> Report {
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    if size > max_bytes {
        return too_large(rel, size, max_bytes);
    }
    match read_limited(path, max_bytes) {
        Ok(bytes) => process_bytes(rel, &bytes),
        Err(e) => cannot_read(rel, size, &e),
    }
}

fn too_large(rel: &str, size: u64, limit: u64) -> Report {
    unreadable(
        base_meta(rel, rel.as_bytes(), size),
        &DecodeError::TooLarge { size, limit },
    )
}

fn cannot_read(rel: &str, size: u64, e: &std::io::Error) -> Report {
    let mut meta = base_meta(rel, rel.as_bytes(), size);
    meta.parse_status = ParseStatus::Unreadable;
    meta.error = Some(format!("cannot read: {e}"));
    Report::empty(meta)
}

/// Reads a file, but never more than `max_bytes` (a file may grow after it was listed).
fn read_limited(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(std::io::Error::other(format!(
            "grew past the {max_bytes}-byte limit while being read"
        )));
    }
    Ok(bytes)
}

/// Extracts bytes already read; a panic in the extractor becomes a `failed` report.
pub(super) fn process_bytes(rel: &str, bytes: &[u8]) -> Report {
    match catch_unwind(AssertUnwindSafe(|| extract_bytes(rel, bytes))) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let mut meta = base_meta(rel, bytes, bytes.len() as u64);
            meta.parse_status = ParseStatus::Failed;
            meta.error = Some(format!("internal error: {}", msg.replace('\n', " ")));
            Report::empty(meta)
        }
    }
}

/// One file's outcome in a chunk.
enum Item {
    New(Box<Report>, Option<Stamp>),
    /// Unchanged since the previous run (its manifest row, with today's stamp).
    Unchanged(ManifestRow),
    Reused(Reused),
}

/// Extracts one file, or finds it unchanged since the previous run.
fn examine(
    path: &Path,
    rel: &str,
    prev: Option<&ManifestRow>,
    max_bytes: u64,
    converted: Option<&Result<Vec<u8>, String>>,
) -> Item {
    let st = stamp(path);
    let reusable = prev.filter(|p| p.parse_status != ParseStatus::Duplicate.as_str());
    if let (Some(p), Some(s)) = (reusable, st) {
        if p.stamp == s {
            return Item::Unchanged(p.clone());
        }
    }
    let size = st.map(|s| s.bytes).unwrap_or(0);
    if size > max_bytes {
        return Item::New(Box::new(too_large(rel, size, max_bytes)), st);
    }
    let bytes = match read_limited(path, max_bytes) {
        Ok(b) => b,
        Err(e) => return Item::New(Box::new(cannot_read(rel, size, &e)), st),
    };
    if let (Some(p), Some(s)) = (reusable, st) {
        if p.report_id == report_id(&bytes) && p.stamp.bytes == s.bytes {
            return Item::Unchanged(ManifestRow { stamp: s, ..p.clone() });
        }
    }
    let report = match converted {
        Some(c) => convert::report(rel, &bytes, c),
        None => process_bytes(rel, &bytes),
    };
    Item::New(Box::new(report), st)
}

/// Whether a file is as the previous run saw it (by size and modification time).
fn unchanged(path: &Path, prev: Option<&ManifestRow>) -> bool {
    let reusable = prev.filter(|p| p.parse_status != ParseStatus::Duplicate.as_str());
    reusable.is_some_and(|p| stamp(path) == Some(p.stamp))
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
    if opts.chunk_size == 0 {
        bail!("chunk size must be positive");
    }
    std::fs::create_dir_all(&opts.out)
        .with_context(|| format!("cannot create output directory {}", opts.out.display()))?;
    let soffice = opts.soffice.clone();
    let listing = listing::list(&opts.corpus, &opts.out, opts.layout.shard, soffice.is_some())?;
    let mut summary = Summary {
        files_seen: listing.candidates.len() + listing.skipped.len(),
        candidates: listing.candidates.len(),
        skipped: listing.skipped.len(),
        other_shards: listing.other_shards,
        ..Summary::default()
    };
    let mut previous = None;
    if opts.incremental {
        match Previous::open(&opts.out, opts.layout)? {
            Ok(p) => previous = Some(p),
            Err(why) => summary.incremental_note = Some(format!("nothing reused: {why}")),
        }
    }
    let mut writers = Writers::new(&opts.out, opts.layout);
    let mut seen = duplicates::Seen::default();
    let pb = progress_bar(listing.candidates.len(), opts.progress);
    for (c, chunk) in listing.candidates.chunks(opts.chunk_size).enumerate() {
        let first_index = c * opts.chunk_size;
        let prev_rows: Vec<Option<ManifestRow>> = match previous.as_mut() {
            Some(p) => chunk.iter().map(|rel| p.lookup(rel)).collect::<Result<_>>()?,
            None => vec![None; chunk.len()],
        };
        // Word-97 / WPS files of the chunk that changed: converted in one LibreOffice run
        let legacy: Vec<(String, PathBuf)> = chunk
            .iter()
            .zip(&prev_rows)
            .filter(|(rel, prev)| listing::is_legacy_word(rel) && !unchanged(&listing.path(rel), prev.as_ref()))
            .map(|(rel, _)| (rel.clone(), listing.path(rel)))
            .collect();
        let converted = match &soffice {
            Some(s) => convert::convert(s, &legacy),
            None => Default::default(),
        };
        let items: Vec<Item> = chunk
            .par_iter()
            .zip(prev_rows.par_iter())
            .map(|(rel, prev)| {
                examine(
                    &listing.path(rel),
                    rel,
                    prev.as_ref(),
                    opts.max_file_bytes,
                    converted.get(rel),
                )
            })
            .collect();
        let mut ordered = Vec::with_capacity(items.len());
        let mut manifest = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let index = u32::try_from(first_index + i).unwrap_or(u32::MAX);
            let rel = &chunk[i];
            let item = match item {
                Item::Reused(r) => Item::Reused(r),
                Item::Unchanged(row) => {
                    if seen.repeats(&row) {
                        // Now a copy of an earlier file: extract again to mark it a duplicate.
                        let path = listing.path(rel);
                        let mut report = Box::new(process_file(&path, rel, opts.max_file_bytes));
                        seen.mark(&mut report, index, &listing.candidates);
                        Item::New(report, stamp(&path))
                    } else {
                        seen.note(&row, index);
                        let p = previous.as_mut().context("reuse without a previous run")?;
                        Item::Reused(p.take(row)?)
                    }
                }
                Item::New(mut report, st) => {
                    seen.mark(&mut report, index, &listing.candidates);
                    Item::New(report, st)
                }
            };
            manifest.push(tally(&mut summary, &item, rel)?);
            ordered.push(item);
        }
        write_chunk(&mut writers, &opts.layout, ordered)?;
        writers.write("manifest", None, &manifest_batch(&manifest)?)?;
        pb.inc(chunk.len() as u64);
    }
    pb.finish_and_clear();
    writers.write("skipped", None, &skipped_batch(&listing.skipped)?)?;
    summary.written = writers.finish()?;
    let codebook = to_arrow::codebook_batch()?;
    let n = codebook.num_rows();
    summary.written.push((
        "codebook".into(),
        vec![write_table(&opts.out, "codebook", &codebook)?],
        n,
    ));
    summary.elapsed = start.elapsed();
    summary.peak_rss = peak_rss();
    Ok(summary)
}

/// Counts one file into the summary; returns its manifest row.
fn tally(summary: &mut Summary, item: &Item, rel: &str) -> Result<ManifestRow> {
    match item {
        Item::New(r, st) => {
            *summary.by_status.entry(r.meta.parse_status).or_default() += 1;
            summary.bytes += r.meta.source_bytes.max(0) as u64;
            summary.checks += r.checks.len();
            let v = r.meta.identity_violations as usize;
            summary.violations += v;
            summary.reports_with_violations += usize::from(v > 0);
            Ok(ManifestRow {
                source_path: rel.to_string(),
                stamp: st.unwrap_or(Stamp {
                    bytes: r.meta.source_bytes.max(0) as u64,
                    modified_ns: None,
                }),
                report_id: r.meta.report_id.clone(),
                report_year: r.meta.report_year,
                parse_status: r.meta.parse_status.as_str().to_string(),
                content_key: r.content_key.as_ref().map(crate::model::ContentKey::encode),
            })
        }
        Item::Reused(r) => {
            summary.reused += 1;
            let status = ParseStatus::ALL
                .into_iter()
                .find(|s| s.as_str() == r.row.parse_status)
                .with_context(|| format!("unknown status {} in the previous manifest", r.row.parse_status))?;
            *summary.by_status.entry(status).or_default() += 1;
            summary.bytes += r.row.stamp.bytes;
            let (checks, violations) = r.counts();
            summary.checks += checks;
            summary.violations += violations;
            summary.reports_with_violations += usize::from(violations > 0);
            Ok(r.row.clone())
        }
        Item::Unchanged(row) => Ok(row.clone()),
    }
}

/// Writes a chunk's rows in corpus order, each report's rows into its partition.
fn write_chunk(writers: &mut Writers, layout: &Layout, items: Vec<Item>) -> Result<()> {
    let mut pending: Vec<Report> = Vec::new();
    for item in items {
        match item {
            Item::New(r, _) => pending.push(*r),
            Item::Unchanged(_) => bail!("an unchanged file was not resolved"),
            Item::Reused(r) => {
                write_reports(writers, layout, std::mem::take(&mut pending))?;
                let part = layout.part(r.row.report_year);
                for (table, batches) in r.batches {
                    writers.ensure(table, part)?;
                    for b in batches {
                        writers.write(table, part, &b)?;
                    }
                }
            }
        }
    }
    write_reports(writers, layout, pending)
}

fn write_reports(writers: &mut Writers, layout: &Layout, reports: Vec<Report>) -> Result<()> {
    if reports.is_empty() {
        return Ok(());
    }
    let mut parts: BTreeMap<Part, Vec<Report>> = BTreeMap::new();
    for r in reports {
        parts.entry(layout.part(r.meta.report_year)).or_default().push(r);
    }
    for (part, reports) in parts {
        let b = to_arrow::batches(&reports)?;
        let tables: [(&'static str, &RecordBatch); 6] = [
            ("reports", &b.reports),
            ("applications", &b.applications),
            ("reviews", &b.reviews),
            ("proactive", &b.proactive),
            ("checks", &b.checks),
            ("figures", &b.figures),
        ];
        for (t, batch) in tables {
            writers.write(t, part, batch)?;
        }
    }
    Ok(())
}

fn skipped_batch(skipped: &[(String, u64, String)]) -> Result<RecordBatch> {
    use arrow::array::{ArrayRef, Int64Array, StringArray};
    use std::sync::Arc;
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(skipped.iter().map(|s| s.0.as_str()))),
        Arc::new(Int64Array::from_iter_values(
            skipped.iter().map(|s| i64::try_from(s.1).unwrap_or(i64::MAX)),
        )),
        Arc::new(StringArray::from_iter_values(skipped.iter().map(|s| s.2.as_str()))),
    ];
    Ok(RecordBatch::try_new(crate::schema::skipped(), cols)?)
}
