//! Reading an output directory (extracted or truth) back from Parquet into per-report maps.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use anyhow::{Context, Result};
use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::{Float64Type, Int16Type, Int32Type, Int64Type};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

/// A numeric cell as stored: value and blank flag.
pub type CellVal = (Option<i64>, bool);

#[derive(Debug, Default, Clone)]
pub struct ReportRow {
    pub source_path: String,
    pub layout: String,
    pub template: String,
    pub status: String,
    pub year: Option<i16>,
    pub agency: Option<String>,
    pub admin_level: String,
    pub province: Option<String>,
    pub warnings: Option<String>,
    pub identity_violations: i32,
    pub ambiguous_division: bool,
    pub scope: Option<String>,
    pub duplicate_of: Option<String>,
    /// (row, requester) → cell
    pub applications: HashMap<(String, String), CellVal>,
    /// (proceeding, outcome) → cell
    pub reviews: HashMap<(String, String), CellVal>,
    /// (item, measure) → value
    pub proactive: HashMap<(String, String), Option<f64>>,
}

fn batches(dir: &Path, table: &str) -> Result<Vec<RecordBatch>> {
    let path = dir.join(format!("{table}.parquet"));
    let file = File::open(&path).with_context(|| format!("cannot open {}", path.display()))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .with_context(|| format!("{} is not Parquet", path.display()))?
        .build()?;
    Ok(reader.collect::<Result<Vec<_>, _>>()?)
}

fn col<'a>(b: &'a RecordBatch, name: &str) -> Result<&'a dyn Array> {
    b.column_by_name(name)
        .map(|c| c.as_ref())
        .with_context(|| format!("column {name} missing"))
}

/// A text column that older outputs may lack (`None` there).
fn optional(b: &RecordBatch, name: &str, i: usize) -> Option<String> {
    crate::across::load::text(b, name, i)
}

fn string(b: &RecordBatch, name: &str, i: usize) -> Result<Option<String>> {
    let c = col(b, name)?.as_string::<i32>();
    Ok((!c.is_null(i)).then(|| c.value(i).to_string()))
}

/// Loads every report of an output directory, keyed by report_id, with its cells.
pub fn load(dir: &Path) -> Result<HashMap<String, ReportRow>> {
    let mut reports: HashMap<String, ReportRow> = HashMap::new();
    for b in batches(dir, "reports")? {
        let years = col(&b, "report_year")?.as_primitive::<Int16Type>();
        let violations = col(&b, "identity_violations")?.as_primitive::<Int32Type>();
        for i in 0..b.num_rows() {
            let id = string(&b, "report_id", i)?.unwrap_or_default();
            let row = ReportRow {
                source_path: string(&b, "source_path", i)?.unwrap_or_default(),
                layout: string(&b, "layout", i)?.unwrap_or_default(),
                template: string(&b, "template", i)?.unwrap_or_default(),
                status: string(&b, "parse_status", i)?.unwrap_or_default(),
                year: (!years.is_null(i)).then(|| years.value(i)),
                agency: string(&b, "agency", i)?,
                admin_level: string(&b, "admin_level", i)?.unwrap_or_default(),
                province: string(&b, "province", i)?,
                warnings: string(&b, "warnings", i)?,
                identity_violations: violations.value(i),
                ambiguous_division: b.column_by_name("division_candidates").is_some_and(|c| !c.is_null(i)),
                scope: optional(&b, "scope", i),
                duplicate_of: optional(&b, "duplicate_of", i),
                ..ReportRow::default()
            };
            reports.insert(id, row);
        }
    }
    for (table, a, bname) in [
        ("applications", "row", "requester"),
        ("reviews", "proceeding", "outcome"),
    ] {
        for b in batches(dir, table)? {
            let values = col(&b, "value")?.as_primitive::<Int64Type>();
            let blanks = col(&b, "blank")?.as_boolean();
            for i in 0..b.num_rows() {
                let id = string(&b, "report_id", i)?.unwrap_or_default();
                let key = (
                    string(&b, a, i)?.unwrap_or_default(),
                    string(&b, bname, i)?.unwrap_or_default(),
                );
                let cell = ((!values.is_null(i)).then(|| values.value(i)), blanks.value(i));
                if let Some(r) = reports.get_mut(&id) {
                    let map = if table == "applications" {
                        &mut r.applications
                    } else {
                        &mut r.reviews
                    };
                    map.insert(key, cell);
                }
            }
        }
    }
    for b in batches(dir, "proactive")? {
        let values = col(&b, "value")?.as_primitive::<Float64Type>();
        for i in 0..b.num_rows() {
            let id = string(&b, "report_id", i)?.unwrap_or_default();
            let key = (
                string(&b, "item", i)?.unwrap_or_default(),
                string(&b, "measure", i)?.unwrap_or_default(),
            );
            if let Some(r) = reports.get_mut(&id) {
                r.proactive.insert(key, (!values.is_null(i)).then(|| values.value(i)));
            }
        }
    }
    Ok(reports)
}

/// Every row of `checks`: (report_id, identity, subject, ok).
pub fn each_check(dir: &Path, mut f: impl FnMut(&str, &str, &str, bool)) -> Result<()> {
    use crate::across::load::{each_batch, text};
    each_batch(dir, "checks", &["report_id", "identity", "subject", "ok"], |b| {
        let ok = col(b, "ok")?.as_boolean();
        for i in 0..b.num_rows() {
            let (id, identity, subject) = (text(b, "report_id", i), text(b, "identity", i), text(b, "subject", i));
            f(
                id.as_deref().unwrap_or(""),
                identity.as_deref().unwrap_or(""),
                subject.as_deref().unwrap_or(""),
                ok.value(i),
            );
        }
        Ok(())
    })
}

/// Every row of `figures` with a value: (report_id, figure, value).
pub fn each_figure(dir: &Path, mut f: impl FnMut(&str, &str, f64)) -> Result<()> {
    use crate::across::load::{each_batch, text};
    each_batch(dir, "figures", &["report_id", "figure", "value"], |b| {
        let v = col(b, "value")?.as_primitive::<Float64Type>();
        for i in 0..b.num_rows() {
            if let (Some(id), Some(fig), false) = (text(b, "report_id", i), text(b, "figure", i), v.is_null(i)) {
                f(&id, &fig, v.value(i));
            }
        }
        Ok(())
    })
}

/// Every planted defect of a generated truth: (report_id, identity); none where the truth has no such table.
pub fn each_planted(dir: &Path, mut f: impl FnMut(&str, &str)) -> Result<()> {
    use crate::across::load::{each_batch, table_files, text};
    if table_files(dir, "planted").is_empty() {
        return Ok(());
    }
    each_batch(dir, "planted", &["report_id", "identity"], |b| {
        for i in 0..b.num_rows() {
            if let (Some(id), Some(identity)) = (text(b, "report_id", i), text(b, "identity", i)) {
                f(&id, &identity);
            }
        }
        Ok(())
    })
}
