//! The Polars trends on the sample corpus: exact values, and the same table from DuckDB SQL
//! (`pipelines/trends.sql`) to the last digit.
#![cfg(feature = "trends")]

use std::path::Path;
use std::process::Command;

use ogi::run::{run_extract, RunOptions};

mod common;
use polars::prelude::*;

fn extract_sample(out: &Path) {
    let mut opts = RunOptions::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/corpus"), out);
    opts.progress = false;
    run_extract(&opts).expect("extract");
}

fn column_i64(df: &DataFrame, name: &str) -> Vec<Option<i64>> {
    let c = df.column(name).expect("column").cast(&DataType::Int64).expect("int");
    let ca = c.i64().expect("i64");
    (0..ca.len()).map(|i| ca.get(i)).collect()
}

#[test]
fn trends_of_the_sample_corpus() {
    let out = tempfile::tempdir().expect("temp");
    extract_sample(out.path());
    let (path, df) = ogi::trends::write_trends(out.path(), &Default::default()).expect("trends");
    assert!(path.ends_with("trends.parquet"));
    let all = df
        .clone()
        .lazy()
        .filter(col("breakdown").eq(lit("level")).and(col("group").eq(lit("all"))))
        .sort(["report_year"], SortMultipleOptions::default())
        .collect()
        .expect("filter");
    // From data/sample/expected: 10 reports with a complete applications table (the truncated one is left out)
    // and the 2016 prose report (2 applications received, no reviews or lawsuits; its answers not comparable).
    assert_eq!(
        column_i64(&all, "report_year"),
        [2016, 2019, 2020, 2021, 2022, 2023, 2024].map(Some).to_vec()
    );
    assert_eq!(column_i64(&all, "reports"), [1, 2, 1, 2, 3, 1, 1].map(Some).to_vec());
    assert_eq!(
        column_i64(&all, "pre2019_reports"),
        [1, 0, 0, 0, 0, 0, 0].map(Some).to_vec()
    );
    assert_eq!(
        column_i64(&all, "new_received"),
        [2, 10, 4, 21, 68, 63, 2972].map(Some).to_vec()
    );
    assert_eq!(
        column_i64(&all, "zero_application_reports"),
        [0, 0, 0, 0, 1, 0, 0].map(Some).to_vec()
    );
    assert_eq!(
        column_i64(&all, "reports_with_violations"),
        [0, 0, 0, 0, 1, 0, 0].map(Some).to_vec()
    );
    assert_eq!(column_i64(&all, "not_disclosed")[0], Some(0));
    assert_eq!(column_i64(&all, "reviews")[0], Some(0));
    // 2023 (峨眉山市人民政府办公室): 31+4+1+2 granted, 6 partial, of 63+3−4 = 62 processed.
    let r2023 = all
        .clone()
        .lazy()
        .filter(col("report_year").eq(lit(2023)))
        .collect()
        .expect("2023");
    assert_eq!(column_i64(&r2023, "total_processed"), vec![Some(62)]);
    assert_eq!(column_i64(&r2023, "not_disclosed"), vec![Some(62 - 38 - 6)]);
    let share = r2023
        .column("not_disclosed_share")
        .expect("share")
        .f64()
        .expect("f64")
        .get(0);
    assert_eq!(share, Some(18.0 / 62.0));
}

#[test]
fn polars_and_duckdb_agree_to_the_last_digit() {
    let Some(py) = common::test_python() else { return };
    let out = tempfile::tempdir().expect("temp");
    extract_sample(out.path());
    ogi::trends::write_trends(out.path(), &Default::default()).expect("trends");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let res = Command::new(&py)
        .arg(root.join("tests/python/duckdb_trends.py"))
        .arg(out.path())
        .arg(root.join("pipelines/views.sql"))
        .arg(root.join("pipelines/trends.sql"))
        .output()
        .expect("python");
    assert!(res.status.success(), "{}", String::from_utf8_lossy(&res.stderr));
    let v: serde_json::Value = serde_json::from_slice(&res.stdout).expect("json");
    assert_eq!(v["diffs"], serde_json::json!([]), "{v}");
    assert_eq!(v["rows"], v["sql_rows"]);
    assert!(v["rows"].as_u64().unwrap_or(0) > 20, "{v}");
}

/// A pre-2019 report whose 统计表 states its answers (对申请的答复总数): they stay out of the share
/// denominators (not comparable with （七）总计), so 2008–2018 shares are null, not 0.
#[test]
fn pre2019_answers_do_not_make_a_share() {
    let corpus = tempfile::tempdir().expect("temp");
    let text = "白山市江源区人民政府2016年政府信息公开工作年度报告\n\
                统计期限为2016年1月1日至2016年12月31日。\n\
                三、依申请公开政府信息情况\n全年共收到政府信息公开申请3件，均已按时答复。\n\
                指标名称 计量单位 2016年度 历年累计\n\
                受理政府信息依申请公开总数 件 3 9\n对申请的答复总数 件 3 9\n\
                其中：1、同意公开答复数 件 2 6\n2、同意部分公开答复数 件 1 3\n3、不予公开答复数 件 0 0\n";
    std::fs::write(corpus.path().join("a.txt"), text).expect("write");
    let out = tempfile::tempdir().expect("temp");
    let mut opts = RunOptions::new(corpus.path(), out.path());
    opts.progress = false;
    run_extract(&opts).expect("extract");
    let (_, df) = ogi::trends::write_trends(out.path(), &Default::default()).expect("trends");
    let all = df
        .lazy()
        .filter(col("breakdown").eq(lit("level")).and(col("group").eq(lit("all"))))
        .collect()
        .expect("filter");
    assert_eq!(column_i64(&all, "pre2019_reports"), vec![Some(1)]);
    assert_eq!(column_i64(&all, "new_received"), vec![Some(3)]);
    assert_eq!(column_i64(&all, "granted"), vec![Some(2)]);
    assert_eq!(column_i64(&all, "partially_granted"), vec![Some(1)]);
    assert_eq!(column_i64(&all, "total_processed"), vec![Some(0)]);
    assert_eq!(column_i64(&all, "not_disclosed"), vec![Some(0)]);
    let share = all
        .column("not_disclosed_share")
        .expect("share")
        .f64()
        .expect("f64")
        .get(0);
    assert_eq!(share, None);
}
