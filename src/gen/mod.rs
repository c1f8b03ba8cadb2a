//! `ogi gen`: a deterministic synthetic corpus of annual reports, published the way agencies publish them,
//! with the exact values put in written as the dataset contract's own tables (`truth/*.parquet`).
//!
//! Written from the format spec, not from the extractor's tables (`labels.rs` has its own vocabulary):
//! a variant the extractor cannot read shows up as lower accuracy in `ogi eval`, not as a gap here.

mod chrome;
mod figures;
mod html;
mod labels;
mod population;
mod prose;
mod render;
mod titles;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::extract::{base_meta, report_id};
use crate::model::{ParseStatus, Report};
use crate::sink::TableWriter;
use crate::{schema, to_arrow};
use figures::BlankStyle;
use render::{Layout, Noise};

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
    /// Layout shares of post-2019 reports: html, lines, pipes, markdown, spaces, flat.
    pub layout_shares: [f64; 6],
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
            layout_shares: [0.50, 0.12, 0.08, 0.05, 0.10, 0.15],
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

fn pick_layout(rng: &mut ChaCha8Rng, shares: &[f64; 6]) -> Layout {
    let layouts = [
        Layout::Html,
        Layout::Lines,
        Layout::Pipes,
        Layout::Markdown,
        Layout::Spaces,
        Layout::Flat,
    ];
    let total: f64 = shares.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (l, s) in layouts.iter().zip(shares) {
        if x < *s {
            return *l;
        }
        x -= s;
    }
    Layout::Html
}

fn blank_style(rng: &mut ChaCha8Rng, layout: Layout) -> BlankStyle {
    match rng.random_range(0..100) {
        0..=74 => BlankStyle::Zero,
        75..=84 => BlankStyle::Token("."),
        85..=89 if layout == Layout::Html => BlankStyle::Token(""),
        85..=92 => BlankStyle::Token("-"),
        93..=96 => BlankStyle::Token("—"),
        _ => BlankStyle::Token("/"),
    }
}

/// One generated file: where it goes, its bytes, and the truth.
struct Generated {
    path: String,
    bytes: Vec<u8>,
    truth: Report,
}

fn generate_one(opts: &GenOptions, i: usize) -> Generated {
    let mut rng = report_rng(opts.seed, i);
    let year = rng.random_range(opts.first_year..=opts.last_year);
    let agency = population::draw(&mut rng, year);
    // Templates by year, with the documented exception: the old 2019 layout reused in 2021–2022.
    let t2021 = year >= 2021 && !(year <= 2022 && rng.random_bool(0.02));
    let pre2019 = year <= 2018;
    let layout = if pre2019 {
        if rng.random_bool(0.25) {
            Layout::Flat
        } else {
            Layout::Prose
        }
    } else {
        pick_layout(&mut rng, &opts.layout_shares)
    };
    let html = layout == Layout::Html || (layout == Layout::Prose && rng.random_bool(0.6));
    let noise = Noise {
        variants: opts.variants,
        fullwidth_digits: layout != Layout::Flat && rng.random_bool(0.05),
    };
    let month = rng.random_range(1..=3);
    let day = rng.random_range(1..=28);
    let published = format!("{}-{month:02}-{day:02}", year + 1);
    let du = rng.random_bool(0.7);
    let titled = titles::draw(opts.seed, i, &agency.name, year, du);
    let title = titled.line.clone();

    let mut truth = Report::empty(base_meta("", b"", 0));
    let (text, template) = if pre2019 {
        let with_table = agency.province == Some("福建省") || rng.random_bool(0.15);
        let (pieces, t) = prose::body(&mut rng, &agency, year, with_table);
        truth.applications = t.apps;
        truth.proactive = t.proactive;
        let text = match (layout, html) {
            (Layout::Flat, _) => render::flat(&pieces, &title, &published),
            (_, true) => pieces_html(&pieces),
            _ => render::pipes(&pieces, false),
        };
        (text, "pre2019")
    } else {
        let blank = blank_style(&mut rng, layout);
        let fig = figures::draw(&mut rng, &agency, year, t2021, blank, opts.defects);
        let text = if layout == Layout::Html {
            html::body(&mut rng, &fig, &agency.name, year, &noise)
        } else {
            let pieces = render::body(&mut rng, &fig, &agency.name, year, &noise);
            match layout {
                Layout::Lines => render::lines(&mut rng, &pieces),
                Layout::Pipes => render::pipes(&pieces, false),
                Layout::Markdown => render::pipes(&pieces, true),
                Layout::Spaces => render::spaces(&mut rng, &pieces),
                _ => render::flat(&pieces, &title, &published),
            }
        };
        truth.applications = fig.apps.clone();
        truth.reviews = Some(fig.reviews);
        truth.proactive = fig.proactive.clone();
        truth.meta.warnings = fig.defect.map(|d| format!("defect: {}", d.name()));
        (text, if fig.t2021 { "t2021" } else { "t2019" })
    };

    let (page, ext) = if html {
        let charset_roll = rng.random_range(0..100);
        let target = rng.random_range(20_000..300_000);
        let charset = if charset_roll < 80 { "utf-8" } else { "gb2312" };
        let ext = ["html", "htm", "shtml"][rng.random_range(0..3)];
        (chrome::page(&mut rng, &titled, &published, &text, charset, target), ext)
    } else if layout == Layout::Flat {
        (text, "txt")
    } else {
        let heading = titled.heading.join("\n");
        let head = format!("首页 > 政府信息公开 > 政府信息公开年报\n{heading}\n发布时间：{published}\n");
        (head + &text, if layout == Layout::Markdown { "md" } else { "txt" })
    };
    let (bytes, encoding) = encode(&mut rng, &page, html);
    let path = format!("{year}/{}/{i:06}.{ext}", agency.level);

    let m = &mut truth.meta;
    m.report_id = report_id(&bytes);
    m.source_path = path.clone();
    m.source_bytes = bytes.len() as i64;
    m.encoding = Some(encoding.to_string());
    m.layout = layout.name().to_string();
    m.template = template.to_string();
    m.report_year = Some(year);
    m.published_date = chrono::NaiveDate::parse_from_str(&published, "%Y-%m-%d")
        .ok()
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(1970, 1, 1).map(|e| (d - e).num_days() as i32));
    m.agency = Some(agency.name.clone());
    m.admin_level = agency.level.to_string();
    m.agency_kind = Some(agency.kind.to_string());
    m.province = agency.province.map(String::from);
    m.prefecture = agency.prefecture.map(String::from);
    m.county = agency.county.map(String::from);
    m.parse_status = ParseStatus::Ok;
    m.title = Some(title);
    Generated { path, bytes, truth }
}

fn pieces_html(pieces: &[render::Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            render::Piece::Para(t) => out.push_str(&format!("<p>{t}</p>\n")),
            render::Piece::Row(r) => {
                let cells: String = r.iter().flatten().map(|c| format!("<td>{c}</td>")).collect();
                out.push_str(&format!("<table><tr>{cells}</tr></table>\n"));
            }
        }
    }
    out
}

/// UTF-8 for most; GB18030 for some (declared in HTML or not); UTF-16LE with a BOM for a few text files.
fn encode(rng: &mut ChaCha8Rng, text: &str, html: bool) -> (Vec<u8>, &'static str) {
    let declared_gb = html && text.contains("charset=gb2312");
    let roll = rng.random_range(0..100);
    if declared_gb || (!html && roll < 12) {
        let (b, _, _) = encoding_rs::GB18030.encode(text);
        (b.into_owned(), "gb18030")
    } else if !html && roll < 17 {
        let mut b = vec![0xFF, 0xFE];
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        (b, "utf-16le")
    } else {
        (text.as_bytes().to_vec(), "utf-8")
    }
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
    ];
    let mut summary = GenSummary::default();
    let ids: Vec<usize> = (0..opts.reports).collect();
    for chunk in ids.chunks(1024) {
        let made: Vec<Result<Report>> = chunk
            .par_iter()
            .map(|&i| {
                let g = generate_one(opts, i);
                write_file(&corpus, &g.path, &g.bytes)?;
                Ok(g.truth)
            })
            .collect();
        let reports: Vec<Report> = made.into_iter().collect::<Result<_>>()?;
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
                _ => "prose",
            };
            *summary.by_layout.entry(layout).or_default() += 1;
        }
        let b = to_arrow::batches(&reports)?;
        for (w, batch) in writers
            .iter_mut()
            .zip([&b.reports, &b.applications, &b.reviews, &b.proactive])
        {
            w.write(batch)?;
        }
    }
    for w in writers {
        w.finish()?;
    }
    summary.elapsed = start.elapsed();
    Ok(summary)
}

fn write_file(root: &Path, rel: &str, bytes: &[u8]) -> Result<()> {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
}
