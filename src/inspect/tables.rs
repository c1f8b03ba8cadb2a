//! The tables of an [`super::Inspection`]: for each table, the lines or grid rows it was read from (each
//! marked with the template rows matched there) and every row as matched — label, values printed,
//! placement, cells taken.

use serde::Serialize;

use crate::document::{Block, Place};
use crate::extract::Trace;
use crate::model::{Cell, Report};
use crate::recognise::applications::RowSource;
use crate::recognise::layout_name;
use crate::recognise::reviews::Reviews;
use crate::template::{OUTCOMES, PROCEEDINGS, REQUESTERS};

/// One table as the recogniser read it.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// `applications`, `reviews`, `proactive` or `figures`.
    pub table: &'static str,
    pub heading: &'static str,
    /// What the table was read from (layout and place).
    pub read_from: String,
    /// The lines or grid rows of the table as segmented (none for glued text and prose).
    pub source: Vec<SourceLine>,
    /// The rows as matched, in reading order.
    pub rows: Vec<RowView>,
    pub problems: Vec<String>,
    pub notes: Vec<String>,
}

/// A text line, cell row or grid row of the document.
#[derive(Debug, Serialize)]
pub struct SourceLine {
    pub block: usize,
    /// The row within a grid block.
    pub row: Option<usize>,
    pub cells: Vec<String>,
    /// The template rows (or items) whose label is on this line.
    pub matched: Vec<&'static str>,
}

/// One template row (or Article 20 item, or pre-2019 figure) as matched.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub key: String,
    /// The label it was matched from (empty for pre-2019 figures: see `printed`).
    pub label: String,
    /// The values as printed after the label (glued text: the digit run; figures: the sentence).
    pub printed: Vec<String>,
    /// How the printed values became the cells.
    pub placement: String,
    pub cells: Vec<CellView>,
}

/// A cell taken: a number, a blank (nothing printed) or unknown (could not be placed: null, not blank).
#[derive(Debug, Serialize)]
pub struct CellView {
    pub name: String,
    pub value: Option<serde_json::Number>,
    pub blank: bool,
}

impl CellView {
    fn count(name: &str, c: &Cell) -> CellView {
        CellView {
            name: name.to_string(),
            value: c.value.map(serde_json::Number::from),
            blank: c.blank,
        }
    }

    /// An amount or Article 20 count: integral values as integers (no `2.0` for a count of 2).
    fn amount(name: &str, v: Option<f64>) -> CellView {
        let number = v.and_then(|x| {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Some(serde_json::Number::from(x as i64))
            } else {
                serde_json::Number::from_f64(x)
            }
        });
        CellView {
            name: name.to_string(),
            value: number,
            blank: false,
        }
    }
}

/// Lines shown at most per table (the rest is counted in the view's notes).
const MAX_SOURCE_LINES: usize = 400;

/// The grid rows and lines between two token places, with the rows whose label sits on each.
fn source_lines(t: &Trace, from: Place, to: Place, labels: &[(Place, &'static str)]) -> (Vec<SourceLine>, usize) {
    let mut out = Vec::new();
    let mut cut = 0;
    let last = to.block.min(t.doc.blocks.len().saturating_sub(1));
    for b in from.block..=last {
        let Some(block) = t.doc.blocks.get(b) else { break };
        let mut push = |row: Option<usize>, cells: Vec<String>| {
            if out.len() >= MAX_SOURCE_LINES {
                cut += 1;
                return;
            }
            let matched = labels
                .iter()
                .filter(|(p, _)| p.block == b && row.is_none_or(|r| p.row == r))
                .map(|(_, k)| *k)
                .collect();
            out.push(SourceLine {
                block: b,
                row,
                cells,
                matched,
            });
        };
        match block {
            Block::Text(s) => push(None, vec![s.clone()]),
            Block::Cells(c, _) => push(None, c.clone()),
            Block::Table(g) => {
                for (r, row) in g.rows.iter().enumerate() {
                    push(Some(r), row.iter().map(|c| c.text.replace('\n', " ")).collect());
                }
            }
        }
    }
    (out, cut)
}

fn read_from(layout: &str, t: &Trace, at: Option<Place>) -> String {
    let what = match layout {
        "html_table" => "an HTML table",
        "pdf_table" => "a PDF table rebuilt from its ruling lines",
        "pdf_text" => "text lines of a PDF's glyphs (no ruled table)",
        "docx_table" => "a Word (DOCX) table",
        "docx_text" => "paragraphs of a Word (DOCX) document",
        "lines" => "text, one cell per line",
        "pipes" => "text rows of |-separated cells",
        "markdown" => "markdown table rows",
        "spaces" => "text rows of space-separated cells (PDF text)",
        "flat" => "glued-cell text: labels split from digit runs, runs cut by the identities",
        _ => "the text",
    };
    match at.and_then(|p| t.doc.blocks.get(p.block).map(|b| (p, b))) {
        Some((p, Block::Table(g))) => format!("{what} (block {}: a grid of {} rows)", p.block, g.rows.len()),
        Some((p, _)) => format!("{what} (from block {})", p.block),
        None => what.to_string(),
    }
}

/// Token places of the rows' labels.
fn label_places<'a>(places: &[Place], keyed: impl Iterator<Item = (Option<usize>, &'a str)>) -> Vec<(Place, &'a str)> {
    keyed
        .filter_map(|(tok, k)| tok.and_then(|i| places.get(i)).map(|p| (*p, k)))
        .collect()
}

fn source_of(
    t: &Trace,
    places: &[Place],
    span: Option<(usize, usize)>,
    labels: &[(Place, &'static str)],
    view: &mut TableView,
) {
    let Some((a, b)) = span else { return };
    let (Some(from), Some(to)) = (places.get(a), places.get(b.max(a)).or(places.last())) else {
        return;
    };
    let (lines, cut) = source_lines(t, *from, *to, labels);
    view.source = lines;
    if cut > 0 {
        view.notes.push(format!("{cut} more source lines not shown"));
    }
}

fn applications(t: &Trace, report: &Report, places: &[Place]) -> Option<TableView> {
    let app = t.rec.applications.as_ref()?;
    let first = app.sources.iter().find_map(|s| s.token);
    let layout = layout_name(app.origin, t.doc.source);
    let mut view = TableView {
        table: "applications",
        heading: "收到和处理政府信息公开申请情况",
        read_from: read_from(layout, t, first.and_then(|i| places.get(i).copied())),
        source: Vec::new(),
        rows: app.sources.iter().map(|s| app_row(s, report)).collect(),
        problems: app.problems.clone(),
        notes: app.notes.clone(),
    };
    let labels = label_places(places, app.sources.iter().map(|s| (s.token, s.key)));
    source_of(
        t,
        places,
        first.map(|f| (f, app.end.saturating_sub(1))),
        &labels,
        &mut view,
    );
    Some(view)
}

fn app_row(s: &RowSource, report: &Report) -> RowView {
    let row = report.applications.iter().find(|r| r.key == s.key);
    RowView {
        key: s.key.to_string(),
        label: s.label.clone(),
        printed: s.printed.clone(),
        placement: s.placement.describe(),
        cells: row.map_or_else(Vec::new, |r| {
            REQUESTERS
                .iter()
                .zip(&r.cells)
                .map(|((name, _), c)| CellView::count(name, c))
                .collect()
        }),
    }
}

fn reviews(t: &Trace, report: &Report, places: &[Place]) -> TableView {
    let mut view = TableView {
        table: "reviews",
        heading: "政府信息公开行政复议、行政诉讼情况",
        read_from: String::new(),
        source: Vec::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    match &t.rec.reviews {
        Reviews::NotFound => view.problems.push("not found".into()),
        Reviews::Unplaceable(why) => view.problems.push(why.clone()),
        Reviews::Found(r) => {
            let at = r.tokens.as_ref().and_then(|s| places.get(s.start).copied());
            let layout = if r.tokens.is_some() { t.rec.layout } else { "flat" };
            view.read_from = read_from(layout, t, at);
            view.notes.extend(r.note.iter().cloned());
            let cells = report.reviews.unwrap_or(r.cells);
            for (p, (key, _)) in PROCEEDINGS.iter().enumerate() {
                let first = p == 0;
                view.rows.push(RowView {
                    key: key.to_string(),
                    label: if first { r.header.clone() } else { String::new() },
                    printed: if first { r.printed.clone() } else { Vec::new() },
                    placement: if first {
                        match (&r.note, &r.tokens) {
                            (Some(n), _) => n.clone(),
                            (None, Some(_)) => "exact".into(),
                            (None, None) => "digit run cut by the group totals".into(),
                        }
                    } else {
                        String::new()
                    },
                    cells: OUTCOMES
                        .iter()
                        .zip(&cells[p])
                        .map(|((name, _), c)| CellView::count(name, c))
                        .collect(),
                });
            }
            let labels = label_places(places, r.tokens.iter().map(|s| (Some(s.start), "reviews")));
            let span = r.tokens.as_ref().map(|s| (s.start, s.end.saturating_sub(1)));
            source_of(t, places, span, &labels, &mut view);
        }
    }
    view
}

fn proactive(t: &Trace, report: &Report, places: &[Place]) -> Option<TableView> {
    let p = t.rec.proactive.as_ref()?;
    let first = p.sources.iter().find_map(|s| s.token);
    let last = p
        .sources
        .iter()
        .filter_map(|s| s.token.map(|i| i + s.printed.len()))
        .max();
    let layout = if first.is_some() { t.rec.layout } else { "flat" };
    let mut view = TableView {
        table: "proactive",
        heading: "主动公开政府信息情况（第二十条）",
        read_from: read_from(layout, t, first.and_then(|i| places.get(i).copied())),
        source: Vec::new(),
        rows: p
            .sources
            .iter()
            .map(|s| RowView {
                key: s.item.to_string(),
                label: s.label.clone(),
                printed: s.printed.clone(),
                placement: String::new(),
                cells: report
                    .proactive
                    .iter()
                    .filter(|c| c.item == s.item)
                    .map(|c| CellView::amount(c.measure, c.value))
                    .collect(),
            })
            .collect(),
        problems: Vec::new(),
        notes: p.notes.clone(),
    };
    let labels = label_places(places, p.sources.iter().map(|s| (s.token, s.item)));
    source_of(t, places, first.zip(last), &labels, &mut view);
    Some(view)
}

fn figures(t: &Trace, report: &Report) -> Option<TableView> {
    let p = t.rec.pre2019.as_ref()?;
    Some(TableView {
        table: "figures",
        heading: "pre-2019 figures (prose and 统计表)",
        read_from: if p.has_table {
            "the prose and a statistics table (统计表)".into()
        } else {
            "the prose".into()
        },
        source: Vec::new(),
        rows: report
            .figures
            .iter()
            .map(|f| RowView {
                key: f.figure.to_string(),
                label: String::new(),
                printed: vec![f.text.clone()],
                placement: if f.source == "table" {
                    "from the 统计表".into()
                } else {
                    "from the prose".into()
                },
                cells: vec![CellView::amount(f.period, f.value)],
            })
            .collect(),
        problems: Vec::new(),
        notes: p.notes.clone(),
    })
}

/// The views of every table the recogniser looked for.
pub fn views(t: &Trace, report: &Report, places: &[Place]) -> Vec<TableView> {
    let mut out = Vec::new();
    out.extend(proactive(t, report, places));
    out.extend(applications(t, report, places));
    if t.rec.applications.is_some() || !matches!(t.rec.reviews, Reviews::NotFound) {
        out.push(reviews(t, report, places));
    }
    out.extend(figures(t, report));
    out
}
