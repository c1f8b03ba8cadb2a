//! The review / litigation table (政府信息公开行政复议、行政诉讼情况): 15 numbers after the header that
//! starts with the 行政复议 cell, placed with the three group-total identities when cells are missing.

use super::align::{place, Placed};
use crate::document::Token;
use crate::model::{Cell, ReviewCells};
use crate::value::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewTable {
    pub cells: ReviewCells,
    pub note: Option<String>,
    /// The header label the table was found by, and the tokens read (`None` for glued text).
    pub header: String,
    pub tokens: Option<std::ops::Range<usize>>,
    /// The values as printed (for glued text: the digit run).
    pub printed: Vec<String>,
}

/// Result of looking for the table.
#[derive(Debug, Clone, PartialEq)]
pub enum Reviews {
    Found(Box<ReviewTable>),
    NotFound,
    Unplaceable(String),
}

const N: usize = 15;

fn groups_hold(s: &[i64]) -> bool {
    (0..3).all(|g| s[g * 5..g * 5 + 4].iter().sum::<i64>() == s[g * 5 + 4])
}

/// Words of the table's header rows, whole or truncated ("结果 | 其他 | 尚未", seed 004).
fn is_header_word(key: &str) -> bool {
    key.len() <= 60
        && [
            "结果",
            "维持",
            "纠正",
            "其他",
            "尚未",
            "审结",
            "总计",
            "合计",
            "起诉",
            "行政诉讼",
        ]
        .iter()
        .any(|w| key.contains(w))
}

/// Reads the table from the tokens at or after `from`.
pub fn read(tokens: &[Token], from: usize) -> Reviews {
    // The header starts with a 行政复议 cell, followed by 行政诉讼 in the same cell (PDF text) or soon after.
    let is_header = |i: usize| {
        tokens[i].label().is_some_and(|l| {
            (l.key.starts_with("行政复议") && l.key.len() <= 120 && l.key.contains("行政诉讼"))
                || (l.key == "行政复议"
                    && tokens[i + 1..tokens.len().min(i + 40)]
                        .iter()
                        .any(|t| t.label().is_some_and(|l| l.key.starts_with("行政诉讼"))))
        })
    };
    let Some(header) = (from..tokens.len()).find(|&i| is_header(i)) else {
        return Reviews::NotFound;
    };
    let mut vals: Vec<Value> = Vec::new();
    let mut stop = tokens.len();
    for (i, tok) in tokens.iter().enumerate().skip(header) {
        match (tok.value(), tok.label()) {
            (Some(v), _) => vals.push(v.clone()),
            (None, Some(_)) if vals.is_empty() => {}
            // Blank cells followed by more header words are span padding, not the data row.
            (None, Some(l)) if vals.iter().all(Value::is_blank) && is_header_word(&l.key) => vals.clear(),
            (None, Some(_)) => {
                stop = i;
                break;
            }
            _ => {}
        }
    }
    if vals.is_empty() {
        return Reviews::Unplaceable("review table header without numbers".into());
    }
    let (cells, note) = match place(&vals, N, &groups_hold, None) {
        Placed::Exact(c) => (c, None),
        Placed::Aligned(c, k, why) => (c, Some(format!("reviews: {k} values for 15 cells, {}", why.describe()))),
        Placed::Ambiguous(why) => return Reviews::Unplaceable(format!("reviews: {why}")),
    };
    let mut out = [[Cell::unknown(); 5]; 3];
    for (i, c) in cells.into_iter().enumerate().take(N) {
        out[i / 5][i % 5] = c;
    }
    Reviews::Found(Box::new(ReviewTable {
        cells: out,
        note,
        header: tokens[header].label().map_or_else(String::new, |l| l.text.clone()),
        tokens: Some(header..stop),
        printed: vals.into_iter().map(|v| v.raw).collect(),
    }))
}
