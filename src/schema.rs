//! The dataset contract's tables as Arrow schemas (`../shared/spec/dataset.md`, plus the documented
//! extensions in `docs/dataset-extensions.md`).

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Schema, SchemaRef};

/// Written into every Parquet file's key-value metadata as `ogi.schema_version`.
pub const SCHEMA_VERSION: &str = "2";
pub const SCHEMA_VERSION_KEY: &str = "ogi.schema_version";

fn f(name: &str, dt: DataType, nullable: bool) -> Field {
    Field::new(name, dt, nullable)
}

pub fn reports() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("source_path", Utf8, false),
        f("source_bytes", Int64, false),
        f("encoding", Utf8, true),
        f("layout", Utf8, false),
        f("template", Utf8, false),
        f("report_year", Int16, true),
        f("published_date", Date32, true),
        f("agency", Utf8, true),
        f("admin_level", Utf8, false),
        f("agency_kind", Utf8, true),
        f("province", Utf8, true),
        f("prefecture", Utf8, true),
        f("county", Utf8, true),
        f("division_code", Utf8, true),
        f("parse_status", Utf8, false),
        f("error", Utf8, true),
        f("identity_violations", Int32, false),
        f("title", Utf8, true),
        f("division_candidates", Utf8, true),
        f("warnings", Utf8, true),
        f("scope", Utf8, true),
        f("agency_id", Utf8, true),
        f("duplicate_of", Utf8, true),
    ]))
}

pub fn applications() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("report_year", Int16, true),
        f("row", Utf8, false),
        f("requester", Utf8, false),
        f("value", Int64, true),
        f("blank", Boolean, false),
    ]))
}

pub fn reviews() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("report_year", Int16, true),
        f("proceeding", Utf8, false),
        f("outcome", Utf8, false),
        f("value", Int64, true),
        f("blank", Boolean, false),
    ]))
}

pub fn proactive() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("report_year", Int16, true),
        f("item", Utf8, false),
        f("measure", Utf8, false),
        f("value", Float64, true),
        f("raw", Utf8, true),
    ]))
}

pub fn checks() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("identity", Utf8, false),
        f("subject", Utf8, false),
        f("expected", Int64, false),
        f("found", Int64, false),
        f("ok", Boolean, false),
    ]))
}

/// Extension: pre-2019 figures from prose and statistics tables, under the crosswalk's keys
/// (`crate::crosswalk`), one row per figure, period and source.
pub fn figures() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("report_year", Int16, true),
        f("figure", Utf8, false),
        f("period", Utf8, false),
        f("value", Float64, true),
        f("source", Utf8, false),
        f("text", Utf8, false),
    ]))
}

/// Extension (issue 16): checks that tie a report to others — `carry`, `article20_stock`,
/// `summary_members` — one row per tested subject (`crate::across`).
pub fn cross_checks() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("identity", Utf8, false),
        f("report_id", Utf8, false),
        f("agency_id", Utf8, true),
        f("report_year", Int16, false),
        f("other_report_id", Utf8, true),
        f("subject", Utf8, false),
        f("expected", Int64, true),
        f("found", Int64, true),
        f("status", Utf8, false),
        f("members", Int32, true),
        f("note", Utf8, true),
    ]))
}

/// The generator's truth: defects between reports put in on purpose (`truth/planted.parquet`).
pub fn planted() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("report_id", Utf8, false),
        f("source_path", Utf8, false),
        f("identity", Utf8, false),
        f("subject", Utf8, false),
    ]))
}

/// Files of the corpus that are not report candidates (by extension), so none is dropped silently.
pub fn skipped() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("source_path", Utf8, false),
        f("source_bytes", Int64, false),
        f("reason", Utf8, false),
    ]))
}

/// Every report file of the run with what an incremental re-run needs to know it again: size,
/// modification time and content hash (= `reports.report_id`), in corpus order.
pub fn manifest() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("source_path", Utf8, false),
        f("source_bytes", Int64, false),
        f("source_modified_ns", Int64, true),
        f("report_id", Utf8, false),
        f("report_year", Int16, true),
        f("parse_status", Utf8, false),
        f("ogi_version", Utf8, false),
        f("content_key", Utf8, true),
    ]))
}

/// The codebook: every key of the dataset and the Chinese label it stands for.
pub fn codebook() -> SchemaRef {
    use DataType::*;
    Arc::new(Schema::new(vec![
        f("table", Utf8, false),
        f("column", Utf8, false),
        f("key", Utf8, false),
        f("label_zh", Utf8, false),
        f("templates", Utf8, false),
        f("position", Int32, false),
    ]))
}
