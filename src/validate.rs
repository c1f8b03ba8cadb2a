//! Stage 4 — validate: the accounting identities of spec §3.3 and §4, one [`Check`] per column, row or
//! group tested. A violation is reported, never repaired. Blank cells count as 0; a cell that could
//! not be placed makes its identity untestable (no check row).

use crate::model::{AppRowCells, Cell, Check, ReviewCells};
use crate::template::{table_rows, Role, Template, OUTCOMES, PROCEEDINGS, REQUESTERS, TOTAL_COL};

fn check(identity: &'static str, subject: &str, expected: Option<i64>, found: Option<i64>) -> Option<Check> {
    let (expected, found) = (expected?, found?);
    Some(Check {
        identity,
        subject: subject.to_string(),
        expected,
        found,
        ok: expected == found,
    })
}

fn sum<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Option<i64> {
    cells.into_iter().map(Cell::for_identity).sum()
}

/// Identities of the applications table: `balance` and `outcome_sum` per requester column, `row_total`
/// per row.
pub fn applications(rows: &[AppRowCells], template: Template) -> Vec<Check> {
    let get = |k: &str| rows.iter().find(|r| r.key == k);
    let mut out = Vec::new();
    let outcome_keys: Vec<&str> = table_rows(template, get("other").is_some())
        .filter(|r| matches!(r.role, Role::Outcome(_)))
        .map(|r| r.key)
        .collect();
    let outcomes: Option<Vec<&AppRowCells>> = outcome_keys.iter().map(|k| get(k)).collect();
    for (c, (requester, _)) in REQUESTERS.iter().enumerate() {
        if let (Some(new), Some(old), Some(tot), Some(fwd)) = (
            get("new_received"),
            get("carried_over"),
            get("total_processed"),
            get("carried_forward"),
        ) {
            let lhs = sum([&new.cells[c], &old.cells[c]]);
            let rhs = sum([&tot.cells[c], &fwd.cells[c]]);
            out.extend(check("balance", requester, lhs, rhs));
        }
        if let (Some(outs), Some(tot)) = (&outcomes, get("total_processed")) {
            let s = sum(outs.iter().map(|r| &r.cells[c]));
            out.extend(check("outcome_sum", requester, s, tot.cells[c].for_identity()));
        }
    }
    for row in rows {
        let s = sum(&row.cells[..TOTAL_COL]);
        out.extend(check("row_total", row.key, s, row.cells[TOTAL_COL].for_identity()));
    }
    out
}

/// Each proceeding's 总计 = 维持 + 纠正 + 其他结果 + 尚未审结.
pub fn reviews(cells: &ReviewCells) -> Vec<Check> {
    let total = OUTCOMES.len() - 1;
    PROCEEDINGS
        .iter()
        .zip(cells)
        .filter_map(|((p, _), row)| check("review_total", p, sum(&row[..total]), row[total].for_identity()))
        .collect()
}

/// A 2019+ report's prose figures against its tables (`prose_vs_table`, spec §3.3 item 6): each figure
/// against every definition it may have ([`crate::template::stated`]); the check names the definition
/// that matched (`stated_received=new_received+carried_over`), or the usual one where none did.
/// Definitions whose rows were not read are not tested; nor is a figure whose usual definition was not.
pub fn stated(
    stated: &[crate::recognise::stated::Stated],
    rows: &[AppRowCells],
    reviews: Option<&ReviewCells>,
) -> Vec<Check> {
    use crate::template::stated::{stated as figure, Term};
    // a blank 总计 under printed requester cells (Shanghai 2019) is the row's sum, not 0
    let total = |key: &str| {
        let r = rows.iter().find(|r| r.key == key)?;
        match r.cells[TOTAL_COL] {
            Cell {
                value: None,
                blank: true,
            } if r.cells[..TOTAL_COL].iter().any(|c| c.value.is_some()) => sum(&r.cells[..TOTAL_COL]),
            c => c.for_identity(),
        }
    };
    let term = |t: &Term| -> Option<i64> {
        match *t {
            Term::Row(k) => total(k),
            Term::Group(g) => {
                let keys: Vec<&str> = crate::template::APP_ROWS
                    .iter()
                    .filter(|r| matches!(r.role, Role::Outcome(x) if x == g))
                    .map(|r| r.key)
                    .filter(|k| rows.iter().any(|r| r.key == *k))
                    .collect();
                if keys.is_empty() {
                    return None;
                }
                keys.iter().map(|k| total(k)).sum()
            }
            Term::Proceeding(p) => {
                let i = PROCEEDINGS.iter().position(|(k, _)| *k == p)?;
                reviews?[i][OUTCOMES.len() - 1].for_identity()
            }
        }
    };
    let mut out = Vec::new();
    for s in stated {
        let Some(f) = figure(s.key) else { continue };
        let values: Vec<(&str, i64)> = f
            .definitions
            .iter()
            .filter_map(|d| Some((d.name, d.terms.iter().map(term).sum::<Option<i64>>()?)))
            .collect();
        // the usual reading must be testable: the others only widen what counts as agreeing
        if values.first().map(|v| v.0) != f.definitions.first().map(|d| d.name) {
            continue;
        }
        let Some(&(name, value)) = values.iter().find(|(_, v)| *v == s.value).or(values.first()) else {
            continue;
        };
        out.push(Check {
            identity: "prose_vs_table",
            subject: format!("{}={name}", s.key),
            expected: value,
            found: s.value,
            ok: value == s.value,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::app_rows;

    fn row(key: &'static str, v: [i64; 7]) -> AppRowCells {
        AppRowCells {
            key,
            cells: v.map(|x| Cell {
                value: Some(x),
                blank: false,
            }),
        }
    }

    #[test]
    fn balance_and_outcome_sum_per_column() {
        let mut rows: Vec<AppRowCells> = app_rows(Template::T2019)
            .map(|r| AppRowCells {
                key: r.key,
                cells: [Cell::blank(); 7],
            })
            .collect();
        let set = |rows: &mut Vec<AppRowCells>, k: &str, v: [i64; 7]| {
            if let Some(r) = rows.iter_mut().find(|r| r.key == k) {
                *r = row(r.key, v);
            }
        };
        set(&mut rows, "new_received", [2, 3, 0, 0, 0, 0, 5]);
        set(&mut rows, "granted", [2, 3, 0, 0, 0, 0, 5]);
        set(&mut rows, "total_processed", [2, 3, 0, 0, 0, 0, 4]);
        let checks = applications(&rows, Template::T2019);
        let failed: Vec<(&str, &str, i64, i64)> = checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| (c.identity, c.subject.as_str(), c.expected, c.found))
            .collect();
        assert_eq!(
            failed,
            vec![
                ("balance", "total", 5, 4),
                ("outcome_sum", "total", 5, 4),
                ("row_total", "total_processed", 5, 4)
            ]
        );
        assert_eq!(checks.len(), 7 + 7 + 23);
    }

    #[test]
    fn review_group_totals() {
        let c = |x: i64| Cell {
            value: Some(x),
            blank: false,
        };
        let cells = [
            [c(2), c(1), c(3), c(1), c(7)],
            [Cell::blank(); 5],
            [c(13), c(2), c(4), c(0), c(20)],
        ];
        let checks = reviews(&cells);
        assert_eq!(checks.iter().map(|c| c.ok).collect::<Vec<_>>(), vec![true, true, false]);
        assert_eq!((checks[2].expected, checks[2].found), (19, 20));
    }
}
