//! Incremental runs: the manifest of the previous run (size, modification time and content hash of
//! every report file, in corpus order) says which files are unchanged; their rows are copied from the
//! previous output instead of being extracted again. Previous output and new listing are both in
//! corpus order, so both are read as streams (merge join): memory does not grow with the corpus.
//!
//! A file is unchanged when its size and modification time match, or else when its content hash does.
//! Rows are reused only from an output of the same ogi version and layout; a file that was a
//! `duplicate`, or whose content now duplicates an earlier file, is extracted again.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use arrow::array::{Array, AsArray, Int16Array, Int64Array, StringArray};
use arrow::datatypes::{Int16Type, Int64Type};
use arrow::record_batch::RecordBatch;

use super::cursor::Cursor;
use super::listing::corpus_order;
use super::output::{Layout, Part, REPORT_TABLES};

pub const OGI_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Size and modification time of a file, as seen before reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub bytes: u64,
    pub modified_ns: Option<i64>,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    let modified_ns = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_nanos()).ok());
    Some(Stamp {
        bytes: m.len(),
        modified_ns,
    })
}

/// One row of the manifest.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestRow {
    pub source_path: String,
    pub stamp: Stamp,
    pub report_id: String,
    pub report_year: Option<i16>,
    pub parse_status: String,
    /// [`crate::extract::content_key`] in hex, where the report has one.
    pub content_key: Option<String>,
}

pub fn manifest_batch(rows: &[ManifestRow]) -> Result<RecordBatch> {
    use std::sync::Arc;
    let cols: Vec<arrow::array::ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.source_path.as_str()),
        )),
        Arc::new(Int64Array::from_iter_values(
            rows.iter().map(|r| i64::try_from(r.stamp.bytes).unwrap_or(i64::MAX)),
        )),
        Arc::new(Int64Array::from_iter(rows.iter().map(|r| r.stamp.modified_ns))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.report_id.as_str()))),
        Arc::new(Int16Array::from_iter(rows.iter().map(|r| r.report_year))),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.parse_status.as_str()),
        )),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|_| OGI_VERSION))),
        Arc::new(StringArray::from_iter(rows.iter().map(|r| r.content_key.as_deref()))),
    ];
    Ok(RecordBatch::try_new(crate::schema::manifest(), cols)?)
}

/// The previous output of one partition: its reports and their child rows, in corpus order.
struct PartCursors {
    reports: Cursor,
    children: Vec<(&'static str, Cursor)>,
}

/// The previous run, read alongside the new one.
pub struct Previous {
    out: PathBuf,
    layout: Layout,
    manifest: Cursor,
    parts: HashMap<Part, PartCursors>,
}

/// What the previous run knew of a file, and its rows when they can be reused.
pub struct Reused {
    pub row: ManifestRow,
    /// (table, rows) for every per-report table.
    pub batches: Vec<(&'static str, Vec<RecordBatch>)>,
}

impl Reused {
    /// (identity checks, failed checks) of the reused report.
    pub fn counts(&self) -> (usize, usize) {
        let mut checks = 0;
        let mut violations = 0;
        for (t, batches) in &self.batches {
            for b in batches {
                match *t {
                    "checks" => checks += b.num_rows(),
                    "reports" => {
                        if let Some(v) = b
                            .column_by_name("identity_violations")
                            .and_then(|c| c.as_primitive_opt::<arrow::datatypes::Int32Type>())
                        {
                            violations += v.iter().flatten().map(|x| x.max(0) as usize).sum::<usize>();
                        }
                    }
                    _ => {}
                }
            }
        }
        (checks, violations)
    }
}

impl Previous {
    /// Opens the previous output of this layout; None (with the reason) when there is none to reuse.
    pub fn open(out: &Path, layout: Layout) -> Result<std::result::Result<Previous, String>> {
        let files = layout.existing_files(out, "manifest");
        let Some(path) = files.first() else {
            return Ok(Err("no manifest from an earlier run of this layout".into()));
        };
        let mut manifest = Cursor::open(path)?;
        if let Some(v) = manifest.string("ogi_version")? {
            if v != OGI_VERSION {
                return Ok(Err(format!("earlier run by ogi {v}, this is {OGI_VERSION}")));
            }
        }
        if let Some((b, _)) = manifest.current()? {
            if b.column_by_name("content_key").is_none() {
                return Ok(Err(
                    "the earlier run's output predates content keys (an older format)".into()
                ));
            }
        }
        Ok(Ok(Previous {
            out: out.to_path_buf(),
            layout,
            manifest,
            parts: HashMap::new(),
        }))
    }

    /// The previous manifest row of `rel` (files must be asked for in corpus order).
    pub fn lookup(&mut self, rel: &str) -> Result<Option<ManifestRow>> {
        loop {
            let Some(path) = self.manifest.string("source_path")? else {
                return Ok(None);
            };
            match corpus_order(&path, rel) {
                Ordering::Less => self.manifest.advance(),
                Ordering::Greater => return Ok(None),
                Ordering::Equal => {
                    let (b, offset) = self.manifest.current()?.context("manifest row vanished")?;
                    let int64 = |name: &str| b.column_by_name(name).and_then(|c| c.as_primitive_opt::<Int64Type>());
                    let bytes = int64("source_bytes").context("manifest: source_bytes")?;
                    let modified = int64("source_modified_ns").context("manifest: source_modified_ns")?;
                    let year = b
                        .column_by_name("report_year")
                        .and_then(|c| c.as_primitive_opt::<Int16Type>())
                        .context("manifest: report_year")?;
                    let stamp = Stamp {
                        bytes: u64::try_from(bytes.value(offset)).unwrap_or(0),
                        modified_ns: (!modified.is_null(offset)).then(|| modified.value(offset)),
                    };
                    let report_year = (!year.is_null(offset)).then(|| year.value(offset));
                    let report_id = self.manifest.string("report_id")?.context("manifest: report_id")?;
                    let parse_status = self
                        .manifest
                        .string("parse_status")?
                        .context("manifest: parse_status")?;
                    let content_key = self.manifest.string("content_key")?;
                    self.manifest.advance();
                    return Ok(Some(ManifestRow {
                        source_path: path,
                        stamp,
                        report_id,
                        report_year,
                        parse_status,
                        content_key,
                    }));
                }
            }
        }
    }

    /// The previous rows of an unchanged file. Rows of files in between (removed or changed since)
    /// are passed over.
    pub fn take(&mut self, row: ManifestRow) -> Result<Reused> {
        let part = self.layout.part(row.report_year);
        if !self.parts.contains_key(&part) {
            // A partition without rows of a table may have no file of it: nothing to take there.
            let open = |t: &str| {
                let f = self.layout.file(&self.out, t, part);
                if f.is_file() {
                    Cursor::open(&f)
                } else {
                    Ok(Cursor::empty(&f))
                }
            };
            let reports = open("reports")?;
            let children = REPORT_TABLES[1..]
                .iter()
                .map(|t| open(t).map(|c| (*t, c)))
                .collect::<Result<Vec<_>>>()?;
            self.parts.insert(part, PartCursors { reports, children });
        }
        let Some(p) = self.parts.get_mut(&part) else {
            bail!("partition vanished")
        };
        loop {
            let (Some(path), Some(id)) = (p.reports.string("source_path")?, p.reports.string("report_id")?) else {
                bail!(
                    "the previous output has no rows for {} although its manifest lists it; run without --incremental",
                    row.source_path
                );
            };
            let keep = path == row.source_path;
            if keep && id != row.report_id {
                bail!("the previous output and its manifest disagree on {path}; run without --incremental");
            }
            // One reports row each (a duplicate right after its original shares the id).
            let mut batches = vec![("reports", p.reports.take_one(keep)?)];
            for (t, c) in p.children.iter_mut() {
                batches.push((*t, c.take_while_id(&id, keep)?));
            }
            if keep {
                return Ok(Reused { row, batches });
            }
        }
    }
}
