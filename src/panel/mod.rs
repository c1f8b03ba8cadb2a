//! `panel.parquet`: one row per `agency_id` × `report_year` — the agency's names and division, template,
//! scope, headline figures, the previous year's values and the change, and flags — computed lazily with
//! Polars over an extraction and its `cross_checks` (docs/dataset.md, "panel"). `pipelines/panel.sql`
//! computes the same table in DuckDB, the carry and stock statuses from the cells themselves; the tests
//! check that the two agree.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use polars::prelude::{col, len, lit, when, DataType, Expr, JoinArgs, JoinType, LazyFrame, Null, SortMultipleOptions};

use crate::trends::{collect_streaming, per_report, scan, write_frame};

/// Year-over-year ratio at or above this (or at or below its inverse) is a jump …
pub const JUMP_RATIO: i64 = 5;
/// … where the larger of the two years' new applications is at least this.
pub const JUMP_MIN: i64 = 10;

/// Headline figures that get a previous-year value and a change.
pub const HEADLINE: [&str; 11] = [
    "new_received",
    "carried_over",
    "total_processed",
    "carried_forward",
    "granted",
    "partially_granted",
    "denied",
    "not_disclosed_share",
    "reviews",
    "litigations",
    "corrected",
];

const META: [&str; 12] = [
    "report_id",
    "agency",
    "admin_level",
    "agency_kind",
    "province",
    "prefecture",
    "county",
    "division_code",
    "template",
    "scope",
    "source_path",
    "identity_violations",
];

fn null_i64() -> Expr {
    lit(Null {}).cast(DataType::Int64)
}

/// The status of one check for each report: `failed` if a subject failed, else `ok` if one passed, else
/// `not_assessable`.
fn status(dir: &Path, check: &str, name: &str) -> Result<LazyFrame> {
    let st = || col("status");
    Ok(scan(dir, "cross_checks")?
        .filter(col("identity").eq(lit(check)))
        .group_by([col("report_id")])
        .agg([
            st().eq(lit("failed")).any(true).alias("failed"),
            st().eq(lit("ok")).any(true).alias("passed"),
        ])
        .select([
            col("report_id"),
            when(col("failed"))
                .then(lit("failed"))
                .when(col("passed"))
                .then(lit("ok"))
                .otherwise(lit("not_assessable"))
                .alias(name),
        ]))
}

/// The panel, lazily.
pub fn panel(dir: &Path) -> Result<LazyFrame> {
    let pre = || col("pre2019");
    let base = per_report(dir, false)?
        .filter(col("agency_id").is_not_null().and(col("report_year").is_not_null()))
        .with_columns([
            // a pre-2019 答复 count is not the post-2019 （七）总计 and has no not-disclosed share
            when(pre())
                .then(null_i64())
                .otherwise(col("total_processed_raw"))
                .alias("total_processed"),
            when(pre())
                .then(null_i64())
                .otherwise(col("not_disclosed"))
                .alias("not_disclosed"),
            (col("corrected_reviews") + col("corrected_litigations")).alias("corrected"),
            col("scope").neq(lit("agency")).fill_null(lit(true)).alias("not_own"),
        ])
        .with_column(
            when(col("total_processed").gt(lit(0)))
                .then(col("not_disclosed").cast(DataType::Float64) / col("total_processed").cast(DataType::Float64))
                .otherwise(lit(Null {}).cast(DataType::Float64))
                .alias("not_disclosed_share"),
        );
    // one report per agency and year: its own report before a summary, then corpus order
    let chosen = base.clone().group_by([col("agency_id"), col("report_year")]).agg([
        col("report_id")
            .sort_by([col("not_own"), col("source_path")], SortMultipleOptions::default())
            .first()
            .alias("report_id"),
        len().cast(DataType::Int32).alias("reports_that_year"),
    ]);
    let mut picked: Vec<Expr> = META.iter().map(|c| col(*c)).collect();
    picked.push(col("not_disclosed"));
    picked.extend(HEADLINE.iter().map(|c| col(*c)));
    let rows = chosen.join(
        base.select(picked),
        [col("report_id")],
        [col("report_id")],
        JoinArgs::new(JoinType::Inner),
    );
    let mut prev_cols: Vec<Expr> = vec![
        col("agency_id"),
        (col("report_year") + lit(1i16))
            .cast(DataType::Int16)
            .alias("report_year"),
        col("report_id").alias("prev_report_id"),
    ];
    prev_cols.extend(HEADLINE.iter().map(|h| col(*h).alias(format!("prev_{h}"))));
    let prev = rows.clone().select(prev_cols);
    let first = rows
        .clone()
        .group_by([col("agency_id")])
        .agg([col("report_year").min().alias("first_year")]);
    let on = || [col("agency_id"), col("report_year")];
    let mut lf = rows
        .join(prev, on(), on(), JoinArgs::new(JoinType::Left))
        .left_join(first, col("agency_id"), col("agency_id"))
        .left_join(status(dir, "carry", "carry")?, col("report_id"), col("report_id"))
        .left_join(
            status(dir, "article20_stock", "stock")?,
            col("report_id"),
            col("report_id"),
        );
    let mut changes: Vec<Expr> = HEADLINE
        .iter()
        .map(|h| (col(*h) - col(format!("prev_{h}"))).alias(format!("change_{h}")))
        .collect();
    let (cur, prev) = (|| col("new_received"), || col("prev_new_received"));
    changes.extend([
        when(prev().gt(lit(0)))
            .then(cur().cast(DataType::Float64) / prev().cast(DataType::Float64))
            .otherwise(lit(Null {}).cast(DataType::Float64))
            .alias("new_received_ratio"),
        col("report_year").eq(col("first_year")).alias("first_year_of_agency"),
        col("prev_report_id")
            .is_null()
            .and(col("report_year").gt(col("first_year")))
            .alias("missing_prev_year"),
        prev()
            .is_not_null()
            .and(
                when(cur().gt(prev()))
                    .then(cur())
                    .otherwise(prev())
                    .gt_eq(lit(JUMP_MIN)),
            )
            .and(
                cur()
                    .gt_eq(prev() * lit(JUMP_RATIO))
                    .or((cur() * lit(JUMP_RATIO)).lt_eq(prev())),
            )
            .fill_null(lit(false))
            .alias("jump"),
        col("carry").fill_null(lit("not_assessable")).alias("carry"),
        col("stock").fill_null(lit("not_assessable")).alias("stock"),
    ]);
    let mut out: Vec<Expr> = ["agency_id", "report_year", "reports_that_year"].map(col).to_vec();
    out.extend(META.iter().map(|c| col(*c)));
    out.push(col("not_disclosed"));
    for h in HEADLINE {
        out.extend([col(h), col(format!("prev_{h}")), col(format!("change_{h}"))]);
    }
    out.extend(
        [
            "prev_report_id",
            "new_received_ratio",
            "first_year_of_agency",
            "missing_prev_year",
            "jump",
            "carry",
            "stock",
        ]
        .map(col),
    );
    lf = lf.with_columns(changes).select(out);
    Ok(lf.sort(["agency_id", "report_year"], SortMultipleOptions::default()))
}

/// Computes and writes `panel.parquet` (atomically) into `dir`; returns its path and row count.
pub fn write_panel(dir: &Path) -> Result<(PathBuf, usize)> {
    let mut df = collect_streaming(panel(dir)?).context("computing the panel")?;
    let path = write_frame(dir, "panel", &mut df)?;
    Ok((path, df.height()))
}
