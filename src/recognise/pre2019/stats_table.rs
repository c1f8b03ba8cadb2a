//! Provincial statistics tables of pre-2019 reports (spec §5.2, the Fujian `指标名称 | 计量单位 | 本年 |
//! 历年累计` tables, both versions): rows found by the labels in [`crate::crosswalk::FIGURES`], each row's
//! two numbers (this year, cumulative) read from the squeezed text — separate cells, space-separated
//! text, or glued digits ("主动公开文件数条212210037" = 2122 | 10037), which are cut using
//! year ≤ cumulative, the sub-row identities (网站 + 公报 = 主动公开; channels = 受理; outcomes = 答复) and
//! the prose figures as tie-breakers. Ambiguous rows stay empty, with a note.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::prose::ProseFigure;
use crate::crosswalk::FIGURES;
use crate::recognise::digits::{count_cuts, settle_by_score};
use crate::recognise::glued::text::first_run_span;

/// A statistics-table row as read.
#[derive(Debug, Clone, PartialEq)]
pub struct TableFigure {
    pub key: &'static str,
    /// This year's figure and the cumulative one; `None` where not printed or not decidable.
    pub year: Option<i64>,
    pub cumulative: Option<i64>,
    /// The row as printed (label, unit and numbers).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsTable {
    pub rows: Vec<TableFigure>,
    /// Byte range of the table in the squeezed text (kept out of the prose).
    pub span: Range<usize>,
    pub notes: Vec<String>,
}

fn matcher() -> &'static (AhoCorasick, Vec<&'static str>) {
    static M: OnceLock<(AhoCorasick, Vec<&'static str>)> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut keys = Vec::new();
        for f in FIGURES {
            for l in f.table_labels {
                patterns.push(*l);
                keys.push(f.key);
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the 统计表 labels are a valid pattern set: {e}"));
        (ac, keys)
    })
}

/// Sub-row identities: the parent equals the sum of its children (where the table lists them all).
const GROUPS: &[(&str, &[&str])] = &[
    ("published", &["published_website", "published_gazette"]),
    (
        "received",
        &[
            "received_in_person",
            "received_fax",
            "received_email",
            "received_online",
            "received_letter",
            "received_letter_fax",
            "received_other",
        ],
    ),
    (
        "answered",
        &["granted", "partially_granted", "denied", "answered_other"],
    ),
];

/// A row being read: key, printed text, the (this year, cumulative) cuts that fit.
type Row = (&'static str, String, Vec<(Option<i64>, Option<i64>)>);

const MAX_TABLE_BYTES: usize = 6000;
const MAX_COMBINATIONS: usize = 100_000;

fn floor_char(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i -= 1;
    }
    i.min(s.len())
}

/// Finds and reads the table in squeezed text.
pub fn read(s: &str, prose: &[ProseFigure]) -> Option<StatsTable> {
    let start = ["指标名称", "统计指标"].iter().filter_map(|h| s.find(h)).min()?;
    let limit = floor_char(s, start + MAX_TABLE_BYTES);
    let end = ["附件", "附表"]
        .iter()
        .filter_map(|w| s[start..limit].find(w).map(|i| start + i))
        .min()
        .unwrap_or(limit);
    let region = &s[start..end];
    let (ac, keys) = matcher();
    let hits: Vec<(usize, usize, &'static str)> = ac
        .find_iter(region)
        .map(|m| (m.start(), m.end(), keys[m.pattern().as_usize()]))
        .collect();
    let mut table = StatsTable {
        span: start..end,
        ..Default::default()
    };
    // (key, text, candidate (year, cumulative) pairs)
    let mut rows: Vec<Row> = Vec::new();
    for (j, &(hs, he, key)) in hits.iter().enumerate() {
        if rows.iter().any(|r| r.0 == key) {
            continue;
        }
        let next = hits.get(j + 1).map_or(region.len(), |h| h.0);
        let segment = &region[he..next];
        let span = first_run_span(segment, &region[next..]);
        // the row as printed: label and unit up to the end of its numbers (the whole segment if none)
        let text = &region[hs..span.as_ref().map_or(next, |r| he + r.end)];
        let run = span.map_or("", |r| &segment[r]);
        let (pairs, _) = count_cuts(run, 2, 64, &|v| v[0] <= v[1]);
        let cands: Vec<(Option<i64>, Option<i64>)> = pairs.into_iter().map(|p| (p[0], p[1])).collect();
        if cands.is_empty() && !run.is_empty() {
            table.notes.push(format!(
                "统计表 {key}: '{run}' is not two numbers (this year, cumulative)"
            ));
        }
        rows.push((key, text.to_string(), cands));
    }
    let choice = settle(&rows, prose, &mut table.notes);
    for ((key, text, cands), pick) in rows.into_iter().zip(choice) {
        let (year, cumulative) = pick.and_then(|p| cands.get(p).copied()).unwrap_or((None, None));
        table.rows.push(TableFigure {
            key,
            year,
            cumulative,
            text,
        });
    }
    Some(table)
}

/// Picks one cut per row: unique cuts as they are; rows with several by the best score over the group
/// identities and the prose; `None` where the best combinations differ or there is no cut.
fn settle(rows: &[Row], prose: &[ProseFigure], notes: &mut Vec<String>) -> Vec<Option<usize>> {
    let mut pick: Vec<Option<usize>> = rows.iter().map(|r| (r.2.len() == 1).then_some(0)).collect();
    let ambiguous: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].2.len() > 1).collect();
    if ambiguous.is_empty() {
        return pick;
    }
    let combos = ambiguous.iter().try_fold(1usize, |acc, &i| {
        acc.checked_mul(rows[i].2.len()).filter(|n| *n <= MAX_COMBINATIONS)
    });
    if combos.is_none() {
        notes.push("统计表: too many ways to cut the glued rows; ambiguous rows left empty".into());
        return pick;
    }
    let value = |choice: &[usize], key: &str| -> Option<(i64, i64)> {
        let i = rows.iter().position(|r| r.0 == key)?;
        let (y, c) = *rows[i].2.get(choice[i])?;
        Some((y.unwrap_or(0), c.unwrap_or(0)))
    };
    let score = |choice: &[usize]| -> usize {
        let mut n = 0;
        for (parent, children) in GROUPS {
            let Some(p) = value(choice, parent) else { continue };
            let kids: Vec<(i64, i64)> = children.iter().filter_map(|k| value(choice, k)).collect();
            if kids.is_empty() {
                continue;
            }
            let (sy, sc) = kids.iter().fold((0, 0), |a, k| (a.0 + k.0, a.1 + k.1));
            n += if sy == p.0 { 2 } else { usize::from(sy <= p.0) };
            n += if sc == p.1 { 2 } else { usize::from(sc <= p.1) };
        }
        for f in prose.iter().filter(|f| !f.cumulative) {
            if value(choice, f.key).is_some_and(|(y, _)| y as f64 == f.value) {
                n += 2;
            }
        }
        n
    };
    let sizes: Vec<(usize, usize)> = ambiguous.iter().map(|&i| (i, rows[i].2.len())).collect();
    let mut by_score = |choice: &[usize]| score(choice);
    let settled = settle_by_score(rows.len(), &sizes, &mut by_score);
    for (&i, first) in ambiguous.iter().zip(settled) {
        if first.is_some() {
            pick[i] = first;
        } else {
            notes.push(format!(
                "统计表 {}: {} cuts of '{}' fit equally well; left empty",
                rows[i].0,
                rows[i].2.len(),
                rows[i].1
            ));
        }
    }
    pick
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_rows_are_cut_and_a_row_without_numbers_is_kept_empty() {
        // Pingtan 2017 (glued), cut a truncated table after 行政复议数: its row printed no number.
        let s = "指标名称计量单位2017年度历年累计主动公开文件数条212210037其中：1、政府网站公开数条2122100372、政府公报公开数条00行政复议数件";
        // Without the prose, 2122|10037 and 212|210037 fit the identities equally: nothing is guessed.
        let alone = read(s, &[]).expect("table");
        let first = alone
            .rows
            .iter()
            .find(|r| r.key == "published")
            .map(|r| (r.year, r.cumulative));
        assert_eq!(first, Some((None, None)));
        let prose = [ProseFigure {
            key: "published",
            cumulative: false,
            value: 2122.0,
            sentence: "2017年全区主动公开政府信息2122条".into(),
        }];
        let t = read(s, &prose).expect("table");
        let get = |k: &str| t.rows.iter().find(|r| r.key == k).map(|r| (r.year, r.cumulative));
        assert_eq!(get("published"), Some((Some(2122), Some(10037))));
        assert_eq!(get("published_website"), Some((Some(2122), Some(10037))));
        assert_eq!(get("published_gazette"), Some((Some(0), Some(0))));
        assert_eq!(get("reviews"), Some((None, None)));
        let reviews = t.rows.iter().find(|r| r.key == "reviews").map(|r| r.text.as_str());
        assert_eq!(reviews, Some("行政复议数件"));
    }
}
