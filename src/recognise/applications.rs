//! The applications table (收到和处理政府信息公开申请情况), both templates, every layout: walk the token
//! stream from the 一、本年新收 label, give each recognised row label the values that follow it, then
//! place those values into the seven requester columns.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::align::{place, Placed, Reason};
pub use super::provenance::{Placement, RowSource};
use crate::document::{Origin, Token};
use crate::model::{AppRowCells, Cell};
use crate::normalize::{split_numbering, Numbering};
use crate::template::{Template, APP_GROUP_KEYWORDS, APP_ROWS, TOTAL_COL};
use crate::value::Value;

/// The applications table as found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct AppTable {
    pub rows: Vec<AppRowCells>,
    /// Origin of the 一、本年新收 label: the table's layout.
    pub origin: Origin,
    /// Index of the token after the table.
    pub end: usize,
    /// Rows of the template that were not found, or could not be placed.
    pub problems: Vec<String>,
    /// Notes on rows whose values had to be aligned.
    pub notes: Vec<String>,
    /// Where each row came from, in the order read (for `ogi inspect`).
    pub sources: Vec<RowSource>,
}

/// A row label as read, with the values that followed it.
struct RawRow {
    key: &'static str,
    label: String,
    token: usize,
    vals: Vec<Value>,
}

/// Labels longer than this (in bytes of the compacted form) are prose, not row labels.
const MAX_LABEL_BYTES: usize = 240;

enum Class {
    Row(&'static str),
    Group,
    End,
    Other,
}

/// Matcher over the row and group keywords; pattern ids below `APP_ROWS`' keyword count are rows.
struct Matcher {
    ac: AhoCorasick,
    /// For each pattern: `Some(row key)` or `None` for a group keyword.
    targets: Vec<Option<&'static str>>,
}

fn matcher() -> &'static Matcher {
    static M: OnceLock<Matcher> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut targets = Vec::new();
        for row in APP_ROWS {
            for kw in row.keywords {
                patterns.push(*kw);
                targets.push(Some(row.key));
            }
        }
        for kw in APP_GROUP_KEYWORDS {
            patterns.push(*kw);
            targets.push(None);
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the template keywords are a valid pattern set: {e}"));
        Matcher { ac, targets }
    })
}

fn is_total(rest: &str) -> bool {
    rest == "总计" || rest == "合计"
}

fn classify(key: &str, prev: Option<&'static str>, template: Template) -> Class {
    if key.len() > MAX_LABEL_BYTES {
        return Class::Other;
    }
    let (num, rest) = split_numbering(key);
    if is_total(rest) && num.map(Numbering::value) == Some(7) {
        return Class::Row("total_processed");
    }
    if rest == "其他"
        && matches!(num, Some(Numbering::Arabic(3)))
        && matches!(prev, Some("other_no_correction" | "other_unpaid_fee"))
    {
        return Class::Row("other_misc");
    }
    if key.contains("行政复议") || key.contains("存在的主要问题") || key.contains("存在问题") {
        return Class::End;
    }
    let m = matcher();
    let mut row = None;
    let mut group = false;
    for hit in m.ac.find_iter(key) {
        match m.targets[hit.pattern().as_usize()] {
            Some(k) => row = Some(k), // the last row keyword wins: "(四)无法提供1.本机关不掌握…"
            None => group = true,
        }
    }
    match row {
        Some("other") if template == Template::T2021 => Class::Group,
        Some(k) => Class::Row(k),
        None if group => Class::Group,
        None => Class::Other,
    }
}

/// Index of the token that starts the applications table, if any.
pub fn start(tokens: &[Token]) -> Option<usize> {
    tokens.iter().position(|t| {
        t.label()
            .is_some_and(|l| l.key.len() <= MAX_LABEL_BYTES && l.key.contains("本年新收"))
    })
}

/// Finds and reads the applications table.
pub fn read(tokens: &[Token], template: Template) -> Option<AppTable> {
    let first = start(tokens)?;
    let origin = tokens[first].origin;
    let mut raw: Vec<RawRow> = Vec::new();
    let mut current: Option<RawRow> = None;
    let mut prev: Option<&'static str> = None;
    let mut end = tokens.len();
    for (i, tok) in tokens.iter().enumerate().skip(first) {
        if let Some(v) = tok.value() {
            if let Some(row) = current.as_mut() {
                row.vals.push(v.clone());
            }
            continue;
        }
        let Some(label) = tok.label() else { continue };
        // a provisional （六） row that got no numbers was the group label
        if current
            .as_ref()
            .is_some_and(|r| r.key == "other" && r.vals.is_empty() && template == Template::T2021)
        {
            current = None;
        }
        match classify(&label.key, prev, template) {
            // the label of the row being read, wrapped onto the next line before its numbers (PDF text:
            // 042's 2、申请人逾期未按收费通知要 / 求缴纳费用、行政机关不再处理 6 0 0 0 0 0 6)
            Class::Row(k) if current.as_ref().is_some_and(|r| r.key == k && r.vals.is_empty()) => {}
            Class::Row(k) => {
                raw.extend(current.take());
                if raw.iter().any(|r| r.key == k) {
                    end = i; // the same row again: a second table or a repeated header; stop here
                    break;
                }
                current = Some(RawRow {
                    key: k,
                    label: label.text.clone(),
                    token: i,
                    vals: Vec::new(),
                });
                prev = Some(k);
            }
            Class::Group => {
                raw.extend(current.take());
                // A t2021 table that prints （六）其他处理 as one row (no sub-rows, 040/041 洪泽区): its numbers
                // make it the row `other`; without numbers it is the group label it usually is.
                if template == Template::T2021 && label.key.contains("其他处理") && !label.key.contains("1.") {
                    current = Some(RawRow {
                        key: "other",
                        label: label.text.clone(),
                        token: i,
                        vals: Vec::new(),
                    });
                }
            }
            Class::End => {
                end = i;
                break;
            }
            Class::Other => {
                if current.as_ref().is_some_and(|r| !r.vals.is_empty()) {
                    raw.extend(current.take());
                }
            }
        }
        if raw.last().is_some_and(|r| r.key == "carried_forward") {
            end = i;
            break;
        }
    }
    raw.extend(current.take());
    Some(build(raw, origin, end, template))
}

/// The problem of a table that lacks rows of its template, if it does. A t2021 table with the single
/// （六）其他处理 row (`other`) lacks none of the three sub-rows it replaces.
pub fn missing_rows(rows: &[AppRowCells], template: Template) -> Option<String> {
    let single_other = rows.iter().any(|r| r.key == "other");
    let missing: Vec<&str> = crate::template::table_rows(template, single_other)
        .map(|r| r.key)
        .filter(|k| !rows.iter().any(|r| r.key == *k))
        .collect();
    (!missing.is_empty()).then(|| format!("applications rows not found: {}", missing.join(", ")))
}

/// Default alignment of a short row: values from the left, the last one in the 总计 column.
fn left_then_total(k: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..k.saturating_sub(1)).collect();
    p.push(TOTAL_COL);
    p
}

fn row_total_holds(s: &[i64]) -> bool {
    s[..TOTAL_COL].iter().sum::<i64>() == s[TOTAL_COL]
}

/// The 8-column variant: a 法人或其他组织 subtotal before 总计 (spec §3.1).
fn drop_subtotal(vals: &[Value]) -> Option<Vec<Value>> {
    // Eight printed numbers: a trailing blank is span padding, not a 总计 cell.
    let n: Vec<i64> = vals.iter().map(Value::count).collect::<Option<Vec<_>>>()?;
    if n.len() != 8 {
        return None;
    }
    let orgs: i64 = n[1..6].iter().sum();
    (n[6] == orgs && n[7] == n[0] + orgs).then(|| {
        let mut v = vals.to_vec();
        v.remove(6);
        v
    })
}

fn build(raw: Vec<RawRow>, origin: Origin, end: usize, template: Template) -> AppTable {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut sources = Vec::with_capacity(raw.len());
    // Rows whose values were aligned, grouped by reason: (reason, ["granted (4)", …]).
    let mut aligned: Vec<(Reason, Vec<String>)> = Vec::new();
    for RawRow {
        key,
        label,
        token,
        vals,
    } in raw
    {
        let vals = drop_subtotal(&vals).map_or(vals, |v| {
            notes.push(format!("{key}: 8 columns, the 法人或其他组织 subtotal dropped"));
            v
        });
        let (cells, placement): (Vec<Cell>, Placement) = if vals.is_empty() {
            notes.push(format!("{key}: no cells printed, recorded as blank"));
            (vec![Cell::blank(); 7], Placement::Empty)
        } else {
            match place(&vals, 7, &row_total_holds, Some(&left_then_total)) {
                Placed::Exact(c) => (c, Placement::Exact),
                Placed::Aligned(c, given, why) => {
                    let entry = format!("{key} ({given})");
                    match aligned.iter_mut().find(|(r, _)| *r == why) {
                        Some((_, rows)) => rows.push(entry),
                        None => aligned.push((why, vec![entry])),
                    }
                    (c, Placement::Aligned(given, why))
                }
                Placed::Ambiguous(why) => {
                    problems.push(format!("{key}: {why}"));
                    (vec![Cell::unknown(); 7], Placement::Ambiguous)
                }
            }
        };
        let mut arr = [Cell::unknown(); 7];
        arr.copy_from_slice(&cells[..7]);
        rows.push(AppRowCells { key, cells: arr });
        sources.push(RowSource {
            key,
            label,
            token: Some(token),
            printed: vals.into_iter().map(|v| v.raw).collect(),
            placement,
        });
    }
    for (why, rows) in aligned {
        notes.push(format!(
            "applications rows with other than 7 values ({}): {}",
            why.describe(),
            rows.join(", ")
        ));
    }
    problems.extend(missing_rows(&rows, template));
    // Rows of the other template (e.g. the t2021 （六） sub-rows in a t2019 report) are kept, in template order.
    rows.sort_by_key(|r| crate::template::app_row_index(r.key));
    AppTable {
        rows,
        origin,
        end,
        problems,
        notes,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment_text;

    fn table(text: &str, t: Template) -> AppTable {
        read(&segment_text(text).tokens(), t).expect("table found")
    }

    fn values(t: &AppTable, key: &str) -> Vec<Option<i64>> {
        t.rows
            .iter()
            .find(|r| r.key == key)
            .map(|r| r.cells.iter().map(|c| c.value).collect())
            .unwrap_or_default()
    }

    #[test]
    fn full_width_digits_and_numbering() {
        let t = table("一、本年新收政府信息公开申请数量 | ２ | ０ | ０ | ０ | ０ | １ | ３\n（七）总计 | 2 | 0 | 0 | 0 | 0 | 1 | 3", Template::T2021);
        assert_eq!(values(&t, "new_received"), [2, 0, 0, 0, 0, 1, 3].map(Some).to_vec());
        assert_eq!(values(&t, "total_processed"), [2, 0, 0, 0, 0, 1, 3].map(Some).to_vec());
        assert_eq!(t.origin, Origin::Pipe);
    }

    #[test]
    fn eight_column_variant_drops_the_subtotal() {
        let t = table(
            "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 2 | 0 | 0 | 3 | 8",
            Template::T2019,
        );
        assert_eq!(values(&t, "new_received"), [5, 1, 0, 2, 0, 0, 8].map(Some).to_vec());
        assert_eq!(
            t.notes[0],
            "new_received: 8 columns, the 法人或其他组织 subtotal dropped"
        );
    }

    #[test]
    fn other_group_and_the_misc_row_of_2021() {
        let text = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n（六）其他处理\n\
                    1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n\
                    2.申请人逾期未按收费通知要求交纳费用，行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n\
                    3.其他 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n（七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1";
        let t = table(text, Template::T2021);
        let keys: Vec<&str> = t.rows.iter().map(|r| r.key).collect();
        assert_eq!(
            keys,
            vec![
                "new_received",
                "other_no_correction",
                "other_unpaid_fee",
                "other_misc",
                "total_processed"
            ]
        );
        assert_eq!(values(&t, "other_misc"), [1, 0, 0, 0, 0, 0, 1].map(Some).to_vec());
    }

    #[test]
    fn a_column_header_named_other_is_not_a_row() {
        let t = table(
            "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1\n其他 | 3.其他 | 总计\n",
            Template::T2021,
        );
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn short_rows_that_the_identity_cannot_place_are_not_guessed() {
        // 3 values whose last is not the sum of the others: no placement satisfies the row total.
        let t = table(
            "一、本年新收政府信息公开申请数量\n2\n3\n9\n二、上年结转政府信息公开申请数量\n0",
            Template::T2019,
        );
        assert_eq!(values(&t, "new_received"), vec![None; 7]);
        assert_eq!(
            t.problems[0],
            "new_received: 3 values for 7 columns: no placement satisfies the identity"
        );
    }
}
