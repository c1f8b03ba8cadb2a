//! Trends by level against the truth recomputed from the generator's agencies, on a generated corpus with
//! jurisdiction summaries and reports published twice: the level rows count each agency report once and
//! leave summaries out; `--include-summaries` and the `scope` breakdown count them.
#![cfg(feature = "trends")]

use std::collections::BTreeMap;
use std::path::Path;

use ogi::gen::{generate, GenOptions};
use ogi::run::{run_extract, RunOptions};
use ogi::trends::{write_trends, TrendOptions};
use polars::prelude::*;

/// (breakdown, group, year) → (reports, new_received).
type Table = BTreeMap<(String, String, i64), (i64, i64)>;

fn table(df: &DataFrame) -> Table {
    let s = |c: &str| df.column(c).expect(c).str().expect("text").clone();
    let i = |c: &str| {
        let c = df.column(c).expect(c).cast(&DataType::Int64).expect("int");
        c.i64().expect("i64").clone()
    };
    let (b, g, y, r, n) = (
        s("breakdown"),
        s("group"),
        i("report_year"),
        i("reports"),
        i("new_received"),
    );
    (0..df.height())
        .map(|k| {
            let key = (
                b.get(k).unwrap_or_default().to_string(),
                g.get(k).unwrap_or("null").to_string(),
                y.get(k).unwrap_or_default(),
            );
            (key, (r.get(k).unwrap_or_default(), n.get(k).unwrap_or_default()))
        })
        .collect()
}

/// The truth's own trends: every report once, under its level, summaries apart unless included — with the
/// documented rules applied: a name that fits several divisions gets the level the resolver can give
/// (`township` where every candidate is one, else `unknown`); a report published twice whose name fits
/// several divisions and whose figures are all zero is counted twice (nothing tells it from a namesake's); a
/// report whose tables are images (`needs_ocr`) is not counted.
fn truth_table(truth: &Path, include_summaries: bool) -> Table {
    let reports = ogi::eval::load::load(truth).expect("truth");
    let all_zero = |r: &ogi::eval::load::ReportRow| r.applications.values().all(|c| c.0.unwrap_or(0) == 0);
    let mut t = Table::new();
    for r in reports.values() {
        // a page whose tables are images gives no figures: the trends do not count it
        if r.status == "needs_ocr" {
            continue;
        }
        let resolved = ogi::resolve::resolve(r.agency.as_deref().unwrap_or_default(), r.year);
        let ambiguous = resolved.candidates.is_some();
        // a duplicate counts through the report it repeats (the same figures)
        let data = match &r.duplicate_of {
            Some(kept) => match reports.get(kept) {
                Some(k) if ambiguous && all_zero(k) => k,
                _ => continue,
            },
            None => r,
        };
        let year = i64::from(r.year.unwrap_or_default());
        let new = data
            .applications
            .get(&("new_received".to_string(), "total".to_string()))
            .and_then(|c| c.0)
            .unwrap_or_default();
        let level = if ambiguous {
            resolved.admin_level.to_string()
        } else {
            r.admin_level.clone()
        };
        let scope = r.scope.clone().unwrap_or_default();
        let mut add = |b: &str, g: &str| {
            let e = t.entry((b.to_string(), g.to_string(), year)).or_default();
            e.0 += 1;
            e.1 += new;
        };
        add("scope", &scope);
        if include_summaries || scope != "jurisdiction" {
            add("level", &level);
            add("level", "all");
        }
    }
    t
}

fn only_level_and_scope(t: &Table) -> Table {
    t.iter()
        .filter(|(k, _)| k.0 == "level" || k.0 == "scope")
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}

#[test]
fn trends_by_level_equal_the_truth_and_summaries_count_apart() {
    let dir = tempfile::tempdir().expect("temp");
    let mut g = GenOptions::new(1500, 11, dir.path().join("gen"));
    // HTML tables from 2019 on, no planted defects: every cell is read, so any difference is metadata.
    g.layout_shares = [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    g.first_year = 2019;
    g.defects = 0.0;
    generate(&g).expect("gen");
    let out = dir.path().join("out");
    let mut opts = RunOptions::new(dir.path().join("gen/corpus"), &out);
    opts.progress = false;
    let summary = run_extract(&opts).expect("extract");
    let truth = dir.path().join("gen/truth");

    let truth_rows = truth_table(&truth, false);
    let summaries = truth_rows
        .iter()
        .filter(|(k, _)| k.0 == "scope" && k.1 == "jurisdiction")
        .map(|(_, v)| v.0)
        .sum::<i64>();
    let duplicates = summary
        .by_status
        .get(&ogi::model::ParseStatus::Duplicate)
        .copied()
        .unwrap_or_default();
    // The corpus has both kinds of case (seed 11: counted once, asserted so a change shows).
    assert_eq!((summaries, duplicates), (19, 44));

    let (_, df) = write_trends(&out, &TrendOptions::default()).expect("trends");
    assert_eq!(only_level_and_scope(&table(&df)), truth_rows);

    let with = TrendOptions {
        include_summaries: true,
        ..TrendOptions::default()
    };
    let (_, df) = write_trends(&out, &with).expect("trends");
    assert_eq!(only_level_and_scope(&table(&df)), truth_table(&truth, true));
}
