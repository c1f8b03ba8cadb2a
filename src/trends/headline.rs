//! The headline `ogi trends` prints: all levels by year, and how many jurisdiction summaries were counted apart.

use anyhow::Result;
use polars::prelude::{col, lit, DataFrame, IntoLazy, SortMultipleOptions};

/// The headline rows: all levels, by year — reports, zero-application rate, not-disclosed share, reviews and
/// lawsuits.
pub fn headline(df: &DataFrame) -> Result<DataFrame> {
    Ok(df
        .clone()
        .lazy()
        .filter(col("breakdown").eq(lit("level")).and(col("group").eq(lit("all"))))
        .select([
            col("report_year"),
            col("reports"),
            col("zero_application_rate"),
            col("new_received"),
            col("not_disclosed_share"),
            col("reviews"),
            col("litigations"),
        ])
        .sort(["report_year"], SortMultipleOptions::default())
        .collect()?)
}

/// [`headline`] as a text table, every year (ogi prints it itself: no Polars `fmt` feature to compile).
pub fn headline_text(df: &DataFrame) -> Result<String> {
    let h = headline(df)?;
    let years = h.column("report_year")?.i16()?;
    let count = |name: &str| -> Result<Vec<String>> {
        let c = h.column(name)?.i64()?;
        Ok((0..c.len())
            .map(|i| c.get(i).map_or_else(|| "—".into(), |v| v.to_string()))
            .collect())
    };
    let share = |name: &str| -> Result<Vec<String>> {
        let c = h.column(name)?.f64()?;
        Ok((0..c.len())
            .map(|i| c.get(i).map_or_else(|| "—".into(), |v| format!("{:.1} %", 100.0 * v)))
            .collect())
    };
    let cols: Vec<(&str, Vec<String>)> = vec![
        ("reports", count("reports")?),
        ("zero-application rate", share("zero_application_rate")?),
        ("new requests", count("new_received")?),
        ("not disclosed", share("not_disclosed_share")?),
        ("reviews", count("reviews")?),
        ("lawsuits", count("litigations")?),
    ];
    let summaries = summaries_by_year(df)?;
    let mut out = String::from("year");
    for (name, _) in &cols {
        out.push_str(&format!("  {name:>w$}", w = name.len().max(8)));
    }
    out.push('\n');
    for i in 0..years.len() {
        let y = years.get(i);
        out.push_str(&y.map_or_else(|| "—   ".into(), |y| y.to_string()));
        for (name, vals) in &cols {
            let v = vals.get(i).map_or("—", String::as_str);
            out.push_str(&format!("  {v:>w$}", w = name.len().max(8)));
        }
        out.push('\n');
    }
    if !summaries.is_empty() {
        let list: Vec<String> = summaries.iter().map(|(y, n)| format!("{y}: {n}")).collect();
        out.push_str(&format!(
            "jurisdiction summaries, counted apart (breakdown 'scope'; --include-summaries counts them above): {}\n",
            list.join(", ")
        ));
    }
    Ok(out)
}

/// Jurisdiction summaries per year, from the `scope` rows.
fn summaries_by_year(df: &DataFrame) -> Result<Vec<(i16, i64)>> {
    let s = df
        .clone()
        .lazy()
        .filter(
            col("breakdown")
                .eq(lit("scope"))
                .and(col("group").eq(lit("jurisdiction"))),
        )
        .select([col("report_year"), col("reports")])
        .sort(["report_year"], SortMultipleOptions::default())
        .collect()?;
    let (y, n) = (s.column("report_year")?.i16()?, s.column("reports")?.i64()?);
    Ok((0..s.height()).filter_map(|i| Some((y.get(i)?, n.get(i)?))).collect())
}
