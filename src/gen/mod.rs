//! `ogi gen`: a deterministic synthetic corpus of annual reports, published the way agencies publish them,
//! with the exact values put in written as the dataset contract's own tables (`truth/*.parquet`).
//!
//! Written from the format spec, not from the extractor's tables (`labels.rs` has its own vocabulary):
//! a variant the extractor cannot read shows up as lower accuracy in `ogi eval`, not as a gap here.

mod chrome;
mod docx;
mod figures;
mod files;
mod html;
mod jurisdiction;
mod labels;
mod pdf;
mod pdf_file;
mod population;
mod prose;
mod render;
mod report;
mod series;
mod stated;
mod titles;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::model::Report;
use crate::sink::TableWriter;
use crate::{schema, to_arrow};

/// A report's truth and its planted defects (identity, subject).
type Made = (Report, Vec<(&'static str, String)>);

/// What to generate.
#[derive(Debug, Clone)]
pub struct GenOptions {
    pub reports: usize,
    pub seed: u64,
    pub out: PathBuf,
    /// Share of reports with an identity defect (blank 总计 column, outcome sum off, missing cell).
    pub defects: f64,
    /// Probability of a label variant at each label.
    pub variants: f64,
    /// Layout shares of post-2019 reports: html, lines, pipes, markdown, spaces, flat, pdf_table, pdf_text,
    /// docx_table.
    pub layout_shares: [f64; 9],
    pub first_year: i16,
    pub last_year: i16,
}

impl GenOptions {
    pub fn new(reports: usize, seed: u64, out: impl Into<PathBuf>) -> GenOptions {
        GenOptions {
            reports,
            seed,
            out: out.into(),
            defects: 0.03,
            variants: 0.15,
            layout_shares: [0.44, 0.10, 0.07, 0.04, 0.08, 0.13, 0.08, 0.02, 0.04],
            first_year: 2008,
            last_year: 2024,
        }
    }
}

#[derive(Debug, Default)]
pub struct GenSummary {
    pub files: usize,
    pub bytes: u64,
    pub by_layout: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
}

/// A seed per report, so reports are the same whatever the thread count or chunking.
pub(crate) fn report_rng(seed: u64, i: usize) -> ChaCha8Rng {
    let mut z = seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ChaCha8Rng::seed_from_u64(z ^ (z >> 31))
}

/// Writes the corpus under `opts.out/corpus` and the truth under `opts.out/truth`.
pub fn generate(opts: &GenOptions) -> Result<GenSummary> {
    let start = Instant::now();
    let corpus = opts.out.join("corpus");
    let truth_dir = opts.out.join("truth");
    for d in [&corpus, &truth_dir] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let mut writers = [
        TableWriter::create(&truth_dir, "reports", schema::reports())?,
        TableWriter::create(&truth_dir, "applications", schema::applications())?,
        TableWriter::create(&truth_dir, "reviews", schema::reviews())?,
        TableWriter::create(&truth_dir, "proactive", schema::proactive())?,
        TableWriter::create(&truth_dir, "figures", schema::figures())?,
    ];
    let mut planted_writer = TableWriter::create(&truth_dir, "planted", schema::planted())?;
    let mut summary = GenSummary::default();
    let ids: Vec<usize> = (0..opts.reports).collect();
    for chunk in ids.chunks(1024) {
        let made: Vec<Result<Vec<Made>>> = chunk
            .par_iter()
            .map(|&i| {
                let mut truths = Vec::new();
                for g in report::generate(opts, i) {
                    write_file(&corpus, &g.path, &g.bytes)?;
                    truths.push((g.truth, g.planted));
                }
                Ok(truths)
            })
            .collect();
        let made: Vec<(Report, Vec<(&'static str, String)>)> = made
            .into_iter()
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        planted_writer.write(&planted_batch(&made)?)?;
        let reports: Vec<Report> = made.into_iter().map(|(r, _)| r).collect();
        for r in &reports {
            summary.files += 1;
            summary.bytes += r.meta.source_bytes as u64;
            let layout = match r.meta.layout.as_str() {
                "html_table" => "html_table",
                "lines" => "lines",
                "pipes" => "pipes",
                "markdown" => "markdown",
                "spaces" => "spaces",
                "flat" => "flat",
                "pdf_table" => "pdf_table",
                "pdf_text" => "pdf_text",
                "docx_table" => "docx_table",
                "unknown" => "needs_ocr",
                _ => "prose",
            };
            *summary.by_layout.entry(layout).or_default() += 1;
        }
        let b = to_arrow::batches(&reports)?;
        for (w, batch) in writers
            .iter_mut()
            .zip([&b.reports, &b.applications, &b.reviews, &b.proactive, &b.figures])
        {
            w.write(batch)?;
        }
    }
    for w in writers {
        w.finish()?;
    }
    planted_writer.finish()?;
    summary.elapsed = start.elapsed();
    Ok(summary)
}

/// `truth/planted.parquet`: the defects between reports (and between a report's prose and its tables) put in
/// on purpose, one row per report and subject.
fn planted_batch(made: &[Made]) -> Result<arrow::record_batch::RecordBatch> {
    use arrow::array::{ArrayRef, StringArray};
    let rows: Vec<(&Report, &str, &str)> = made
        .iter()
        .flat_map(|(r, p)| p.iter().map(move |(i, s)| (r, *i, s.as_str())))
        .collect();
    let col = |f: &dyn Fn(&(&Report, &str, &str)) -> String| -> ArrayRef {
        std::sync::Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<String>>()))
    };
    Ok(arrow::record_batch::RecordBatch::try_new(
        schema::planted(),
        vec![
            col(&|r| r.0.meta.report_id.clone()),
            col(&|r| r.0.meta.source_path.clone()),
            col(&|r| r.1.to_string()),
            col(&|r| r.2.to_string()),
        ],
    )?)
}

fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
