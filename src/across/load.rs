//! What the checks across reports need of an extraction, read back from its Parquet files (single files or
//! the parts of a sharded / year-partitioned run), a few numbers per report: memory grows with the number
//! of reports (about 300 bytes each), not with their tables.

use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{Float64Type, Int16Type, Int64Type};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;

use crate::template::{Role, APP_ROWS, PROCEEDINGS, REQUESTERS};

/// The figures compared between a summary and its members, in order: applications rows or groups
/// (总计 column), then the review table's proceedings (总计).
pub const FIGURES: [&str; 12] = [
    "new_received",
    "carried_over",
    "total_processed",
    "carried_forward",
    "granted",
    "partially_granted",
    "denied",
    "unable",
    "rejected",
    "other",
    "reviews",
    "litigations",
];

/// A cell as the checks use it: a number (blank = 0), or `None` where the row was not read or the cell
/// could not be placed.
pub type Num = Option<i64>;

/// Article 20 measures a stock check needs: (item, measure) → value.
pub type Stock = Vec<(&'static str, &'static str, f64)>;

/// One report, as far as the checks across reports look at it.
#[derive(Debug, Clone, Default)]
pub struct Rec {
    pub report_id: String,
    pub source_path: String,
    pub year: i16,
    pub agency_id: Option<String>,
    pub scope: Option<String>,
    pub template: String,
    pub admin_level: String,
    pub division_code: Option<String>,
    /// 上年结转 and 结转下年度 per requester column.
    pub carried_over: [Num; 7],
    pub carried_forward: [Num; 7],
    /// [`FIGURES`], 总计.
    pub figures: [Num; 12],
    pub stock: Stock,
    /// The applications table has its four balance rows (a truncated table does not count in the panel).
    pub complete: bool,
    /// Article 20 items printed as one glued run of digits the extraction could not cut (`1016`): item → raw.
    pub glued: Vec<(&'static str, String)>,
}

/// The Parquet files of `table` in an output directory.
pub fn table_files(dir: &Path, table: &str) -> Vec<PathBuf> {
    let single = dir.join(format!("{table}.parquet"));
    if single.is_file() {
        return vec![single];
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir.join(table))
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".parquet"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Streams the batches of `table` (only `columns`) into `f`.
pub fn each_batch(
    dir: &Path,
    table: &str,
    columns: &[&str],
    mut f: impl FnMut(&RecordBatch) -> Result<()>,
) -> Result<()> {
    let files = table_files(dir, table);
    if files.is_empty() {
        anyhow::bail!("{}: no {table} table (run `ogi extract` first)", dir.display());
    }
    for path in files {
        let file = File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
        let builder = ParquetRecordBatchReaderBuilder::try_new(file)
            .with_context(|| format!("{} is not Parquet", path.display()))?;
        let schema = builder.parquet_schema();
        let wanted: Vec<usize> = (0..schema.num_columns())
            .filter(|&i| columns.contains(&schema.column(i).name()))
            .collect();
        let mask = ProjectionMask::leaves(schema, wanted);
        for b in builder.with_projection(mask).build()? {
            f(&b.with_context(|| format!("reading {}", path.display()))?)?;
        }
    }
    Ok(())
}

/// A text cell of a batch; `None` where it is null or the column is missing (older outputs lack some).
pub fn text(b: &RecordBatch, name: &str, i: usize) -> Option<String> {
    let c = b.column_by_name(name)?.as_string_opt::<i32>()?;
    (!c.is_null(i)).then(|| c.value(i).to_string())
}

/// A text column of a batch (so that a loop reads `&str`s, not fresh `String`s).
fn strs<'a>(b: &'a RecordBatch, name: &str) -> Result<&'a arrow::array::StringArray> {
    b.column_by_name(name)
        .and_then(|c| c.as_string_opt::<i32>())
        .with_context(|| format!("column {name} missing or not text"))
}

fn at(a: &arrow::array::StringArray, i: usize) -> Option<&str> {
    a.is_valid(i).then(|| a.value(i))
}

fn cell(value: Option<i64>, blank: bool) -> Num {
    value.or(blank.then_some(0))
}

fn figure_of_row(key: &str) -> Option<usize> {
    let group = APP_ROWS.iter().find(|r| r.key == key).and_then(|r| match r.role {
        Role::Outcome(g) if ["denied", "unable", "rejected", "other"].contains(&g) => Some(g),
        _ => None,
    });
    FIGURES.iter().position(|f| *f == key || Some(*f) == group)
}

/// Add `n` into a sum that is unknown once any part is.
fn add(slot: &mut Num, n: Num, first: bool) {
    *slot = if first { n } else { slot.zip(n).map(|(a, b)| a + b) };
}

/// Every report read as `ok` / `partial` with a 2019+ table and a year, keyed by report_id.
pub fn load(dir: &Path) -> Result<Vec<Rec>> {
    let mut recs: Vec<Rec> = Vec::new();
    let cols = [
        "report_id",
        "source_path",
        "report_year",
        "agency_id",
        "scope",
        "template",
        "admin_level",
        "division_code",
        "parse_status",
    ];
    each_batch(dir, "reports", &cols, |b| {
        let years = b
            .column_by_name("report_year")
            .context("report_year")?
            .as_primitive::<Int16Type>();
        for i in 0..b.num_rows() {
            let status = text(b, "parse_status", i).unwrap_or_default();
            let template = text(b, "template", i).unwrap_or_default();
            if !matches!(status.as_str(), "ok" | "partial")
                || !matches!(template.as_str(), "t2019" | "t2021")
                || years.is_null(i)
            {
                continue;
            }
            recs.push(Rec {
                report_id: text(b, "report_id", i).unwrap_or_default(),
                source_path: text(b, "source_path", i).unwrap_or_default(),
                year: years.value(i),
                agency_id: text(b, "agency_id", i),
                scope: text(b, "scope", i),
                template,
                admin_level: text(b, "admin_level", i).unwrap_or_default(),
                division_code: text(b, "division_code", i),
                ..Rec::default()
            });
        }
        Ok(())
    })?;
    let index: HashMap<String, usize> = recs.iter().enumerate().map(|(i, r)| (r.report_id.clone(), i)).collect();
    // (figure seen) per report, so that a group's first row starts its sum
    let mut seen: Vec<[bool; 12]> = vec![[false; 12]; recs.len()];
    each_batch(
        dir,
        "applications",
        &["report_id", "row", "requester", "value", "blank"],
        |b| {
            let values = b.column_by_name("value").context("value")?.as_primitive::<Int64Type>();
            let blanks = b.column_by_name("blank").context("blank")?.as_boolean();
            let (ids, rows, reqs) = (strs(b, "report_id")?, strs(b, "row")?, strs(b, "requester")?);
            for i in 0..b.num_rows() {
                let Some(&k) = at(ids, i).and_then(|id| index.get(id)) else {
                    continue;
                };
                let (Some(row), Some(req)) = (at(rows, i), at(reqs, i)) else {
                    continue;
                };
                let Some(c) = REQUESTERS.iter().position(|(r, _)| *r == req) else {
                    continue;
                };
                let n = cell((!values.is_null(i)).then(|| values.value(i)), blanks.value(i));
                let r = &mut recs[k];
                match row {
                    "carried_over" => r.carried_over[c] = n,
                    "carried_forward" => r.carried_forward[c] = n,
                    _ => {}
                }
                if req == "total" {
                    if let Some(f) = figure_of_row(row) {
                        add(&mut r.figures[f], n, !seen[k][f]);
                        seen[k][f] = true;
                    }
                }
            }
            Ok(())
        },
    )?;
    for (r, s) in recs.iter_mut().zip(&seen) {
        r.complete = s[..4].iter().all(|x| *x);
    }
    each_batch(
        dir,
        "reviews",
        &["report_id", "proceeding", "outcome", "value", "blank"],
        |b| {
            let values = b.column_by_name("value").context("value")?.as_primitive::<Int64Type>();
            let blanks = b.column_by_name("blank").context("blank")?.as_boolean();
            let (ids, outcomes, procs) = (strs(b, "report_id")?, strs(b, "outcome")?, strs(b, "proceeding")?);
            for i in 0..b.num_rows() {
                let Some(&k) = at(ids, i).and_then(|id| index.get(id)) else {
                    continue;
                };
                if at(outcomes, i) != Some("total") {
                    continue;
                }
                let Some(p) = at(procs, i) else { continue };
                let f = if p == PROCEEDINGS[0].0 { 10 } else { 11 };
                let n = cell((!values.is_null(i)).then(|| values.value(i)), blanks.value(i));
                add(&mut recs[k].figures[f], n, !seen[k][f]);
                seen[k][f] = true;
            }
            Ok(())
        },
    )?;
    each_batch(
        dir,
        "proactive",
        &["report_id", "item", "measure", "value", "raw"],
        |b| {
            let values = b
                .column_by_name("value")
                .context("value")?
                .as_primitive::<Float64Type>();
            let (ids, items, measures) = (strs(b, "report_id")?, strs(b, "item")?, strs(b, "measure")?);
            let raws = strs(b, "raw")?;
            for i in 0..b.num_rows() {
                let Some(&k) = at(ids, i).and_then(|id| index.get(id)) else {
                    continue;
                };
                let (Some(item), Some(measure)) = (at(items, i), at(measures, i)) else {
                    continue;
                };
                let Some((item, measure)) = super::stock::measure(item, measure) else {
                    continue;
                };
                let r = &mut recs[k];
                if !values.is_null(i) {
                    r.stock.push((item, measure, values.value(i)));
                } else if let Some(raw) = at(raws, i) {
                    if !r.glued.iter().any(|(it, _)| *it == item) {
                        r.glued.push((item, raw.to_string()));
                    }
                }
            }
            Ok(())
        },
    )?;
    Ok(recs)
}
