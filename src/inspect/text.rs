//! Plain-text rendering of an [`Inspection`] for a terminal. Cells: a number, `·` for a blank cell
//! (nothing printed), `?` for a cell that could not be placed (null, not blank).

use std::fmt::Write;

use super::{CellView, Inspection, RowView, TableView};

fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "—".to_string(), |v| v.to_string())
}

fn cell(c: &CellView) -> String {
    match (&c.value, c.blank) {
        (Some(v), _) => v.to_string(),
        (None, true) => "·".into(),
        (None, false) => "?".into(),
    }
}

/// Renders the inspection as text (lines end with `\n`).
pub fn render(i: &Inspection) -> String {
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = write_all(&mut s, i);
    s
}

fn write_all(s: &mut String, i: &Inspection) -> std::fmt::Result {
    writeln!(s, "ogi inspect · {}", i.file.path)?;
    writeln!(s, "file        {} bytes · report_id {}", i.file.bytes, i.file.report_id)?;
    if let Some(why) = &i.file.skipped_by_extract {
        writeln!(s, "            note: {why}")?;
    }
    match &i.decoding {
        Some(d) => writeln!(
            s,
            "decoding    {} — {}{}",
            d.encoding,
            d.detected_by,
            if d.html { " · read as HTML" } else { " · read as text" }
        )?,
        None => writeln!(s, "decoding    not decoded")?,
    }
    if let Some(d) = &i.document {
        writeln!(
            s,
            "document    {} blocks: {} text lines, {} cell rows, {} grids · {} tokens{}",
            d.blocks,
            d.text_lines,
            d.cell_rows,
            d.grids,
            d.tokens,
            d.title
                .as_ref()
                .map_or_else(String::new, |t| format!(" · title 「{t}」"))
        )?;
        if let Some(w) = &d.warning {
            writeln!(s, "            {w}")?;
        }
    }
    writeln!(s, "template    {} — {}", i.template.template, i.template.reason)?;
    writeln!(s, "layout      {}", i.layout)?;
    writeln!(
        s,
        "status      {} · identity violations {}",
        i.outcome.parse_status, i.outcome.identity_violations
    )?;
    for p in &i.outcome.problems {
        writeln!(s, "            problem: {p}")?;
    }
    metadata(s, i)?;
    for t in &i.tables {
        table(s, t)?;
    }
    checks(s, i)?;
    writeln!(s, "\nWARNINGS ({})", i.outcome.warnings.len())?;
    for w in &i.outcome.warnings {
        writeln!(s, "  {w}")?;
    }
    Ok(())
}

fn metadata(s: &mut String, i: &Inspection) -> std::fmt::Result {
    let m = &i.metadata;
    writeln!(s, "\nMETADATA")?;
    if m.title_candidates.is_empty() {
        writeln!(s, "  title candidates: none (no line reads as a report title)")?;
    } else {
        writeln!(
            s,
            "  title candidates (document title, first blocks, file name; the first naming an agency is taken):"
        )?;
    }
    for c in &m.title_candidates {
        writeln!(
            s,
            "  {} {:<9} 「{}」 → agency {} · year {}",
            if c.chosen { "*" } else { " " },
            c.source,
            c.text,
            opt(&c.agency),
            opt(&c.year)
        )?;
    }
    writeln!(s, "  统计期限 year    {}", opt(&m.period_year))?;
    writeln!(s, "  report year     {}", opt(&m.report_year))?;
    writeln!(s, "  agency          {}", opt(&m.agency))?;
    writeln!(s, "  published       {}", opt(&m.published_date))?;
    let divisions: Vec<&str> = [&m.province, &m.prefecture, &m.county]
        .into_iter()
        .filter_map(|d| d.as_deref())
        .collect();
    writeln!(
        s,
        "  resolved        level {} · kind {} · {} · code {}",
        m.admin_level,
        opt(&m.agency_kind),
        if divisions.is_empty() {
            "no division".to_string()
        } else {
            divisions.join(" / ")
        },
        opt(&m.division_code)
    )?;
    if let Some(c) = &m.division_candidates {
        writeln!(s, "  candidates      {c}")?;
    }
    writeln!(s, "  agency_id       {}", opt(&m.agency_id))?;
    match (&m.scope, &m.scope_evidence) {
        (Some(_), Some(e)) => writeln!(s, "  scope           {e}")?,
        (scope, _) => writeln!(s, "  scope           {}", opt(scope))?,
    }
    for n in &m.notes {
        writeln!(s, "  note: {n}")?;
    }
    Ok(())
}

fn row_line(s: &mut String, r: &RowView, with_names: bool) -> std::fmt::Result {
    let cells: Vec<String> = r
        .cells
        .iter()
        .map(|c| {
            if with_names {
                format!("{}={}", c.name, cell(c))
            } else {
                format!("{:>5}", cell(c))
            }
        })
        .collect();
    write!(s, "  {:<26} {}", r.key, cells.join(" "))?;
    if !r.label.is_empty() {
        write!(s, "  ← 「{}」", r.label)?;
    }
    if !r.printed.is_empty() {
        let printed: Vec<&str> = r
            .printed
            .iter()
            .map(|p| if p.is_empty() { "·" } else { p.as_str() })
            .collect();
        write!(s, " printed [{}]", printed.join(" "))?;
    }
    if !r.placement.is_empty() {
        write!(s, " · {}", r.placement)?;
    }
    writeln!(s)
}

fn table(s: &mut String, t: &TableView) -> std::fmt::Result {
    writeln!(s, "\nTABLE {} — {}", t.table, t.heading)?;
    if !t.read_from.is_empty() {
        writeln!(s, "  read from {}", t.read_from)?;
    }
    if !t.source.is_empty() {
        writeln!(s, "  as segmented (block, grid row; → the rows whose label is there):")?;
        for l in &t.source {
            let place = match l.row {
                Some(r) => format!("b{} r{}", l.block, r),
                None => format!("b{}", l.block),
            };
            let matched = if l.matched.is_empty() {
                String::new()
            } else {
                format!("   → {}", l.matched.join(", "))
            };
            writeln!(s, "    {place:<9} {}{matched}", l.cells.join(" | "))?;
        }
    }
    let named = matches!(t.table, "proactive" | "figures");
    let columns: Vec<&str> = t
        .rows
        .first()
        .map(|r| r.cells.iter().map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    if named || columns.is_empty() {
        writeln!(s, "  rows matched ({}):", t.rows.len())?;
    } else {
        writeln!(s, "  rows matched ({}); columns: {}", t.rows.len(), columns.join(" · "))?;
    }
    for r in &t.rows {
        row_line(s, r, named)?;
    }
    for p in &t.problems {
        writeln!(s, "  problem: {p}")?;
    }
    for n in &t.notes {
        writeln!(s, "  note: {n}")?;
    }
    Ok(())
}

fn checks(s: &mut String, i: &Inspection) -> std::fmt::Result {
    let failed = i.checks.iter().filter(|c| !c.ok).count();
    writeln!(s, "\nCHECKS ({} tested, {failed} failed)", i.checks.len())?;
    let (bad, good): (Vec<_>, Vec<_>) = i.checks.iter().partition(|c| !c.ok);
    for c in bad.into_iter().chain(good) {
        writeln!(
            s,
            "  {:<4} {:<14} {:<26} expected {:>6}  found {:>6}",
            if c.ok { "ok" } else { "FAIL" },
            c.identity,
            c.subject,
            c.expected,
            c.found
        )?;
    }
    Ok(())
}
