//! Pre-2019 reports (template `pre2019`, spec §5): figures from prose ([`prose`]) and from provincial
//! statistics tables ([`stats_table`]), as [`FigureRow`]s under the keys of [`crate::crosswalk`].
//! [`to_contract`] maps them onto the contract tables and records where prose and table disagree.

pub mod prose;
pub mod stats_table;

use crate::crosswalk::{figure, Target, FIGURES};
use crate::model::{AppRowCells, Cell, Check, FigureRow, ProactiveCell, ReviewCells};
use crate::recognise::glued::text::squeeze;

/// The figures of a pre-2019 report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pre2019 {
    pub figures: Vec<FigureRow>,
    /// The report has a statistics table.
    pub has_table: bool,
    pub notes: Vec<String>,
}

/// Where the statistics table starts in the text, and where the text after it resumes.
fn table_span(text: &str) -> Option<(usize, usize)> {
    let start = ["指标名称", "统计指标"].iter().filter_map(|h| text.find(h)).min()?;
    let end = text[start..].find("附件").map_or(text.len(), |i| start + i);
    Some((start, end))
}

pub fn read(text: &str) -> Pre2019 {
    let prose_text = match table_span(text) {
        Some((a, b)) => format!("{}\n{}", &text[..a], &text[b..]),
        None => text.to_string(),
    };
    let prose = prose::figures(&prose_text);
    let table = stats_table::read(&squeeze(text), &prose);
    let mut out = Pre2019::default();
    if let Some(t) = table {
        out.has_table = true;
        out.notes.extend(t.notes);
        for r in t.rows {
            for (period, v) in [("year", r.year), ("cumulative", r.cumulative)] {
                out.figures.push(FigureRow {
                    figure: r.key,
                    period,
                    value: v.map(|v| v as f64),
                    source: "table",
                    text: r.text.clone(),
                });
            }
        }
    }
    for f in prose {
        out.figures.push(FigureRow {
            figure: f.key,
            period: if f.cumulative { "cumulative" } else { "year" },
            value: Some(f.value),
            source: "prose",
            text: f.sentence,
        });
    }
    // Crosswalk order, table before prose.
    out.figures.sort_by_key(|f| {
        (
            FIGURES.iter().position(|x| x.key == f.figure),
            f.period != "year",
            f.source != "table",
        )
    });
    out
}

/// The figures mapped onto the contract tables.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Contract {
    pub applications: Vec<AppRowCells>,
    pub reviews: Option<ReviewCells>,
    pub proactive: Vec<ProactiveCell>,
    pub checks: Vec<Check>,
}

fn get(figures: &[FigureRow], key: &str, period: &str, source: &str) -> Option<f64> {
    figures
        .iter()
        .find(|f| f.figure == key && f.period == period && f.source == source)
        .and_then(|f| f.value)
}

fn total_cell(v: f64) -> Cell {
    Cell {
        value: Some(v as i64),
        blank: false,
    }
}

/// Fills the contract's cells from the figures: the statistics table's figure where it has one, else
/// the prose's; where both state a figure, a `prose_vs_table` check (expected = table, found = prose).
pub fn to_contract(figures: &[FigureRow]) -> Contract {
    let mut c = Contract::default();
    let mut reviews: ReviewCells = [[Cell::unknown(); 5]; 3];
    let mut any_review = false;
    let mut keys: Vec<&'static str> = figures.iter().map(|f| f.figure).collect();
    keys.dedup();
    for key in keys {
        let Some(fig) = figure(key) else { continue };
        for period in ["year", "cumulative"] {
            let table = get(figures, key, period, "table");
            let prose = get(figures, key, period, "prose");
            if let (Some(t), Some(p)) = (table, prose) {
                c.checks.push(Check {
                    identity: "prose_vs_table",
                    subject: if period == "year" {
                        key.to_string()
                    } else {
                        format!("{key}.cumulative")
                    },
                    expected: t as i64,
                    found: p as i64,
                    ok: t == p,
                });
            }
            let Some(v) = table.or(prose) else { continue };
            match (fig.target, period) {
                (Target::Application(row), "year") => {
                    let mut cells = [Cell::unknown(); 7];
                    cells[crate::template::TOTAL_COL] = total_cell(v);
                    c.applications.push(AppRowCells { key: row, cells });
                }
                (Target::Review(p), "year") => {
                    if let Some(i) = crate::template::PROCEEDINGS.iter().position(|(k, _)| *k == p) {
                        reviews[i][4] = total_cell(v);
                        any_review = true;
                    }
                }
                (Target::AllInformation, _) => c.proactive.push(ProactiveCell {
                    item: "all_information",
                    measure: if period == "year" { "published" } else { "cumulative" },
                    value: Some(v),
                    raw: Some(v.to_string()),
                }),
                _ => {}
            }
        }
    }
    c.applications.sort_by_key(|r| crate::template::app_row_index(r.key));
    c.reviews = any_review.then_some(reviews);
    c
}
