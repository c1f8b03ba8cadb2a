//! `cross_checks.parquet`: the rows of [`super::checks`] as one table (schema in [`crate::schema`]).

use std::path::{Path, PathBuf};

use anyhow::Result;
use arrow::array::{ArrayRef, Int16Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow::record_batch::RecordBatch;

use super::CrossCheck;

fn strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = StringBuilder::new();
    for v in values {
        b.append_option(v);
    }
    std::sync::Arc::new(b.finish())
}

pub fn batch(rows: &[CrossCheck]) -> Result<RecordBatch> {
    let mut year = Int16Builder::new();
    let mut members = Int32Builder::new();
    let (mut expected, mut found) = (Int64Builder::new(), Int64Builder::new());
    for r in rows {
        year.append_value(r.report_year);
        members.append_option(r.members);
        expected.append_option(r.finding.expected);
        found.append_option(r.finding.found);
    }
    let columns: Vec<ArrayRef> = vec![
        strings(rows.iter().map(|r| Some(r.check))),
        strings(rows.iter().map(|r| Some(r.report_id.as_str()))),
        strings(rows.iter().map(|r| r.agency_id.as_deref())),
        std::sync::Arc::new(year.finish()),
        strings(rows.iter().map(|r| r.other_report_id.as_deref())),
        strings(rows.iter().map(|r| Some(r.finding.subject.as_str()))),
        std::sync::Arc::new(expected.finish()),
        std::sync::Arc::new(found.finish()),
        strings(rows.iter().map(|r| Some(r.finding.status.as_str()))),
        std::sync::Arc::new(members.finish()),
        strings(rows.iter().map(|r| r.finding.note.as_deref())),
    ];
    Ok(RecordBatch::try_new(crate::schema::cross_checks(), columns)?)
}

pub fn write(dir: &Path, rows: &[CrossCheck]) -> Result<PathBuf> {
    crate::sink::write_table(dir, "cross_checks", &batch(rows)?)
}
