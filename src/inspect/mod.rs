//! `ogi inspect FILE`: how one file was read, stage by stage — the decoding, the segmented document, the
//! title candidates and which one won, what decided the template, each table as the recogniser saw it
//! (grid rows or text lines) with the template row each was matched to, the values printed and taken,
//! every identity check, and the warnings.
//!
//! It runs the extraction's own stages ([`crate::extract::extract_traced`]), so what it shows is what
//! `ogi extract` does with the file. [`Inspection`] is the one view: [`text`] renders it for a terminal,
//! `--json` serialises it as it is.

mod tables;
pub mod text;

use std::path::Path;

use serde::Serialize;

use crate::document::Block;
use crate::extract::{extract_traced, Trace};
use crate::model::Report;
use crate::recognise::title;
use crate::run::CANDIDATE_EXTENSIONS;

pub use tables::{CellView, RowView, SourceLine, TableView};

/// Everything `ogi inspect` shows about one file.
#[derive(Debug, Serialize)]
pub struct Inspection {
    pub file: FileInfo,
    /// `None` where the file could not be decoded (the outcome says why).
    pub decoding: Option<Decoding>,
    pub document: Option<DocumentInfo>,
    pub metadata: Metadata,
    pub template: TemplateInfo,
    pub layout: String,
    pub tables: Vec<TableView>,
    pub checks: Vec<CheckView>,
    pub outcome: Outcome,
}

#[derive(Debug, Serialize)]
pub struct FileInfo {
    pub path: String,
    pub bytes: i64,
    pub report_id: String,
    /// Set where `ogi extract` would not read the file but list it in `skipped` (its extension).
    pub skipped_by_extract: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Decoding {
    pub encoding: String,
    pub detected_by: String,
    pub html: bool,
    pub warnings: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DocumentInfo {
    /// The `<title>` tag, or a `标题:` header line of crawler text.
    pub title: Option<String>,
    pub blocks: usize,
    pub text_lines: usize,
    pub cell_rows: usize,
    pub grids: usize,
    pub tokens: usize,
    /// Set where the page had to be read in a degraded way (e.g. nested too deep).
    pub warning: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TitleCandidate {
    /// `title` (the `<title>` tag or `标题:` header), `block N` or `file name`.
    pub source: String,
    pub text: String,
    pub agency: Option<String>,
    pub year: Option<i16>,
    /// The candidate the metadata was taken from (the first that names an agency: `recognise::title`).
    pub chosen: bool,
}

#[derive(Debug, Serialize)]
pub struct Metadata {
    pub title_candidates: Vec<TitleCandidate>,
    /// The year of the 统计期限 sentence.
    pub period_year: Option<i16>,
    pub report_year: Option<i16>,
    pub agency: Option<String>,
    pub published_date: Option<String>,
    pub admin_level: String,
    pub agency_kind: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub county: Option<String>,
    pub division_code: Option<String>,
    pub division_candidates: Option<String>,
    pub agency_id: Option<String>,
    /// `agency` or `jurisdiction`, and for a summary the evidence.
    pub scope: Option<String>,
    pub scope_evidence: Option<String>,
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TemplateInfo {
    pub template: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct CheckView {
    pub identity: &'static str,
    pub subject: String,
    pub expected: i64,
    pub found: i64,
    pub ok: bool,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub parse_status: &'static str,
    /// The problems that made the report partial (or why it is not a report, or unreadable).
    pub problems: Vec<String>,
    pub identity_violations: i32,
    pub warnings: Vec<String>,
}

/// Reads and inspects one file; files larger than `max_bytes` are refused, as `ogi extract` refuses them.
pub fn inspect_file(path: &Path, max_bytes: u64) -> anyhow::Result<Inspection> {
    use anyhow::Context;
    let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
    if !meta.is_file() {
        anyhow::bail!("{} is not a file (ogi inspect reads one report file)", path.display());
    }
    if meta.len() > max_bytes {
        anyhow::bail!(
            "{} has {} bytes, more than --max-file-bytes {max_bytes} (ogi extract records it as unreadable)",
            path.display(),
            meta.len()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(inspect_bytes(&path.to_string_lossy(), &bytes))
}

fn split(joined: Option<&str>) -> Vec<String> {
    joined
        .map(|s| s.split("; ").map(str::to_string).collect())
        .unwrap_or_default()
}

/// Inspects a file's bytes; `path` decides HTML by extension, as in the extraction.
pub fn inspect_bytes(path: &str, bytes: &[u8]) -> Inspection {
    let (report, trace) = extract_traced(path, bytes);
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let skipped_by_extract = if crate::run::LEGACY_WORD_EXTENSIONS.contains(&ext.as_str()) {
        Some(format!(
            "a legacy Word/WPS file (.{ext}); ogi extract lists it in skipped until it is converted to DOCX"
        ))
    } else {
        (!CANDIDATE_EXTENSIONS.contains(&ext.as_str())).then(|| {
            format!(
                "not a report file type (.{ext}); ogi extract reads {} and lists other files in skipped",
                CANDIDATE_EXTENSIONS.join(", ")
            )
        })
    };
    let places = trace.as_ref().map_or_else(Vec::new, |t| t.doc.token_places());
    let m = &report.meta;
    Inspection {
        file: FileInfo {
            path: path.to_string(),
            bytes: m.source_bytes,
            report_id: m.report_id.clone(),
            skipped_by_extract,
        },
        decoding: trace.as_ref().map(|t| Decoding {
            encoding: t.decoded.encoding.clone(),
            detected_by: t.decoded.detected_by.to_string(),
            html: matches!(t.decoded.form, crate::decode::Form::Html),
            warnings: t.decoded.warnings.clone(),
        }),
        document: trace.as_ref().map(|t| document_info(t, places.len())),
        metadata: metadata(&report, trace.as_ref()),
        template: TemplateInfo {
            template: m.template.clone(),
            reason: trace
                .as_ref()
                .map_or_else(|| "the file was not decoded".into(), |t| t.rec.template_reason.clone()),
        },
        layout: m.layout.clone(),
        tables: trace
            .as_ref()
            .map_or_else(Vec::new, |t| tables::views(t, &report, &places)),
        checks: report
            .checks
            .iter()
            .map(|c| CheckView {
                identity: c.identity,
                subject: c.subject.clone(),
                expected: c.expected,
                found: c.found,
                ok: c.ok,
            })
            .collect(),
        outcome: Outcome {
            parse_status: m.parse_status.as_str(),
            problems: split(m.error.as_deref()),
            identity_violations: m.identity_violations,
            warnings: split(m.warnings.as_deref()),
        },
    }
}

fn document_info(t: &Trace, tokens: usize) -> DocumentInfo {
    let count = |f: fn(&Block) -> bool| t.doc.blocks.iter().filter(|b| f(b)).count();
    DocumentInfo {
        title: t.doc.title.clone(),
        blocks: t.doc.blocks.len(),
        text_lines: count(|b| matches!(b, Block::Text(_))),
        cell_rows: count(|b| matches!(b, Block::Cells(..))),
        grids: count(|b| matches!(b, Block::Table(_))),
        tokens,
        warning: t.segment_warning.clone(),
    }
}

fn metadata(report: &Report, trace: Option<&Trace>) -> Metadata {
    let m = &report.meta;
    let title_candidates = trace.map_or_else(Vec::new, |t| {
        let all = title::matches(&t.doc);
        let taken = title::choose(&all);
        all.into_iter()
            .enumerate()
            .map(|(i, c)| TitleCandidate {
                source: c.source.describe(),
                text: c.title,
                agency: c.agency,
                year: c.year,
                chosen: Some(i) == taken,
            })
            .collect()
    });
    let published_date = trace.and_then(|t| t.rec.meta.published_date).map(|d| d.to_string());
    Metadata {
        title_candidates,
        period_year: trace.and_then(|t| t.rec.meta.period_year),
        report_year: m.report_year,
        agency: m.agency.clone(),
        published_date,
        admin_level: m.admin_level.clone(),
        agency_kind: m.agency_kind.clone(),
        province: m.province.clone(),
        prefecture: m.prefecture.clone(),
        county: m.county.clone(),
        division_code: m.division_code.clone(),
        division_candidates: m.division_candidates.clone(),
        agency_id: m.agency_id.clone(),
        scope: m.scope.clone(),
        scope_evidence: trace.and_then(|t| crate::recognise::scope::decide(&t.rec.scope, &m.admin_level).1),
        notes: trace.map_or_else(Vec::new, |t| t.rec.meta.notes.clone()),
    }
}
