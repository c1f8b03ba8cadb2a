//! The applications table in glued-cell text: rows found by the template's keywords (their numbering may
//! be glued to the previous number), each row's digit run cut into seven cells by the row total, and
//! rows that several cuts fit settled by the column identities (balance, outcome sum). What the
//! identities cannot settle stays unknown; nothing is guessed.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::text::first_run_before_numbering;
use crate::document::Origin;
use crate::model::{AppRowCells, Cell};

use crate::recognise::applications::{missing_rows, AppTable, Placement, RowSource};
use crate::recognise::digits::{count_cuts, settle_by_score, Count};
use crate::template::{app_rows, Role, Template, APP_GROUP_KEYWORDS, APP_ROWS, TOTAL_COL};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hit {
    Row(&'static str),
    Group,
    /// "3.其他": the 2021 row other_misc inside the （六） group, else nothing.
    Misc,
    End,
}

fn matcher() -> &'static (AhoCorasick, Vec<Hit>) {
    static M: OnceLock<(AhoCorasick, Vec<Hit>)> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns: Vec<&str> = Vec::new();
        let mut hits = Vec::new();
        for row in APP_ROWS {
            for kw in row.keywords {
                patterns.push(kw);
                hits.push(Hit::Row(row.key));
            }
        }
        for kw in APP_GROUP_KEYWORDS {
            patterns.push(kw);
            hits.push(Hit::Group);
        }
        for kw in ["(七)总计", "(七)合计", "七、总计", "七、合计"] {
            patterns.push(kw);
            hits.push(Hit::Row("total_processed"));
        }
        for kw in ["3.其他", "3、其他"] {
            patterns.push(kw);
            hits.push(Hit::Misc);
        }
        for kw in ["行政复议", "存在的主要问题", "存在问题"] {
            patterns.push(kw);
            hits.push(Hit::End);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the template keywords are a valid pattern set: {e}"));
        (ac, hits)
    })
}

/// A row label and the digits printed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct GluedRow {
    pub key: &'static str,
    /// The label keyword the row was recognised by.
    pub label: String,
    pub run: Option<String>,
}

/// Splits the squeezed text from the 本年新收 label on the row labels. Returns the rows and the byte
/// offset where the table ends.
pub fn rows(s: &str, start: usize, template: Template) -> (Vec<GluedRow>, usize) {
    let (ac, hits) = matcher();
    let mut rows: Vec<GluedRow> = Vec::new();
    // (row key, where its label starts, where its digits start)
    let mut current: Option<(&'static str, usize, usize)> = None;
    let mut end = s.len();
    for m in ac.find_iter(&s[start..]) {
        let (ms, me) = (start + m.start(), start + m.end());
        let hit = match hits[m.pattern().as_usize()] {
            Hit::Row("other") if template == Template::T2021 => Hit::Group,
            Hit::Misc => match rows.last().map(|r| r.key).or(current.map(|c| c.0)) {
                Some("other_no_correction" | "other_unpaid_fee") => Hit::Row("other_misc"),
                _ => continue,
            },
            h => h,
        };
        if let (Hit::Row(k), Some((ck, _, seg))) = (hit, current) {
            // two keywords of one label ("确认或重新出具"): no digits between them
            if k == ck && !s[seg..ms].bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
        }
        if let Some((ck, at, seg)) = current.take() {
            rows.push(GluedRow {
                key: ck,
                label: s[at..seg].to_string(),
                run: first_run(&s[seg..ms], &s[ms..]),
            });
        }
        match hit {
            Hit::Row(k) if rows.iter().any(|r| r.key == k) => {
                end = ms; // the same row again: a second table; stop here
                break;
            }
            Hit::Row(k) => current = Some((k, ms, me)),
            Hit::Group | Hit::Misc => {}
            Hit::End => {
                end = ms;
                break;
            }
        }
    }
    if let Some((ck, at, seg)) = current.take() {
        rows.push(GluedRow {
            key: ck,
            label: s[at..seg].to_string(),
            run: first_run(&s[seg..end], &s[end..]),
        });
    }
    (rows, end)
}

fn first_run(segment: &str, next: &str) -> Option<String> {
    first_run_before_numbering(segment, next).map(str::to_string)
}

/// Candidate cuts per row above which a row is not searched (it stays unknown).
const MAX_CANDIDATES: usize = 64;
/// Combinations of ambiguous rows above which the column identities are not searched.
const MAX_COMBINATIONS: usize = 200_000;

fn row_total(v: &[i64]) -> bool {
    v[..TOTAL_COL].iter().sum::<i64>() == v[TOTAL_COL]
}

enum Cands {
    /// Nothing printed after the label.
    Empty,
    /// The cuts that fit (those satisfying the row total, or every cut where none does).
    Some(Vec<Vec<Count>>),
    /// Too many cuts, or too few digits: the row cannot be read.
    Unreadable(String),
}

fn candidates(run: &str) -> Cands {
    let (fit, truncated) = count_cuts(run, 7, MAX_CANDIDATES + 1, &row_total);
    if !fit.is_empty() && !truncated && fit.len() <= MAX_CANDIDATES {
        return Cands::Some(fit);
    }
    if fit.is_empty() && !truncated {
        let (any, truncated) = count_cuts(run, 7, MAX_CANDIDATES + 1, &|_| true);
        if !any.is_empty() && !truncated && any.len() <= MAX_CANDIDATES {
            return Cands::Some(any);
        }
        if any.is_empty() {
            return Cands::Unreadable(format!("'{run}' cannot be cut into 7 numbers"));
        }
    }
    Cands::Unreadable(format!("'{run}' has too many cuts into 7 numbers"))
}

/// Number of column identities (balance, outcome sum; 7 columns each) a choice of rows satisfies.
fn score(keys: &[&'static str], values: &[Option<&Vec<Count>>], template: Template) -> usize {
    let get = |k: &str| keys.iter().position(|x| *x == k).and_then(|i| values[i]);
    let outcome_rows: Option<Vec<&Vec<Count>>> = app_rows(template)
        .filter(|r| matches!(r.role, Role::Outcome(_)))
        .map(|r| get(r.key))
        .collect();
    let mut n = 0;
    for c in 0..7 {
        if let (Some(a), Some(b), Some(t), Some(f)) = (
            get("new_received"),
            get("carried_over"),
            get("total_processed"),
            get("carried_forward"),
        ) {
            let v = |r: &Vec<Count>| r[c].unwrap_or(0);
            n += usize::from(v(a) + v(b) == v(t) + v(f));
        }
        if let (Some(outs), Some(t)) = (&outcome_rows, get("total_processed")) {
            n += usize::from(outs.iter().map(|r| r[c].unwrap_or(0)).sum::<i64>() == t[c].unwrap_or(0));
        }
    }
    n
}

/// Reads the table from the glued rows.
pub fn build(glued: Vec<GluedRow>, end: usize, template: Template) -> AppTable {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let keys: Vec<&'static str> = glued.iter().map(|r| r.key).collect();
    let cands: Vec<Cands> = glued
        .iter()
        .map(|r| r.run.as_deref().map_or(Cands::Empty, candidates))
        .collect();
    let ambiguous: Vec<usize> = (0..cands.len())
        .filter(|&i| matches!(&cands[i], Cands::Some(c) if c.len() > 1))
        .collect();
    let combos = ambiguous.iter().try_fold(1usize, |acc, &i| match &cands[i] {
        Cands::Some(c) => acc.checked_mul(c.len()).filter(|n| *n <= MAX_COMBINATIONS),
        _ => Some(acc),
    });
    // For each ambiguous row, the cut chosen by every best combination (None where they differ).
    let mut settled: Vec<Option<usize>> = vec![None; cands.len()];
    if let (Some(_), false) = (combos, ambiguous.is_empty()) {
        let sizes: Vec<(usize, usize)> = ambiguous
            .iter()
            .map(|&i| (i, if let Cands::Some(c) = &cands[i] { c.len() } else { 1 }))
            .collect();
        let mut by_score = |choice: &[usize]| {
            let values: Vec<Option<&Vec<Count>>> = cands
                .iter()
                .enumerate()
                .map(|(i, c)| match c {
                    Cands::Some(c) => c.get(choice[i]),
                    _ => None,
                })
                .collect();
            score(&keys, &values, template)
        };
        for (&i, pick) in ambiguous
            .iter()
            .zip(settle_by_score(cands.len(), &sizes, &mut by_score))
        {
            settled[i] = pick;
        }
    }
    let mut rows = Vec::new();
    let mut sources = Vec::with_capacity(glued.len());
    let mut by_columns = Vec::new();
    for (i, (g, c)) in glued.iter().zip(&cands).enumerate() {
        let mut placement = Placement::Cut;
        let cells: [Cell; 7] = match c {
            Cands::Empty => {
                notes.push(format!("{}: no cells printed, recorded as blank", g.key));
                placement = Placement::Empty;
                [Cell::blank(); 7]
            }
            Cands::Unreadable(why) => {
                problems.push(format!("{}: {why}", g.key));
                placement = Placement::Ambiguous;
                [Cell::unknown(); 7]
            }
            Cands::Some(list) => {
                let pick = if list.len() == 1 { Some(0) } else { settled[i] };
                match pick.and_then(|p| list.get(p)) {
                    Some(v) => {
                        if list.len() > 1 {
                            by_columns.push(g.key);
                        }
                        std::array::from_fn(|k| super::count_cell(v[k]))
                    }
                    None => {
                        let run = g.run.as_deref().unwrap_or_default();
                        problems.push(format!(
                            "{}: {} cuts of the glued digits '{run}' fit every identity; cells left empty",
                            g.key,
                            list.len()
                        ));
                        placement = Placement::Ambiguous;
                        [Cell::unknown(); 7]
                    }
                }
            }
        };
        rows.push(AppRowCells { key: g.key, cells });
        sources.push(RowSource {
            key: g.key,
            label: g.label.clone(),
            token: None,
            printed: g.run.iter().cloned().collect(),
            placement,
        });
    }
    if !by_columns.is_empty() {
        notes.push(format!(
            "glued rows cut by the column identities (several cuts fit the row total): {}",
            by_columns.join(", ")
        ));
    }
    problems.extend(missing_rows(&rows, template));
    rows.sort_by_key(|r| crate::template::app_row_index(r.key));
    AppTable {
        rows,
        origin: Origin::Glued,
        end,
        problems,
        notes,
        sources,
    }
}
