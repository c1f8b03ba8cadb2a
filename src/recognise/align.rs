//! Placing the values printed after a row label into the row's columns when their count is off:
//! one-cell-per-line text drops empty cells, spanned HTML adds empty ones. Surplus blanks are dropped;
//! missing cells are found by trying every order-preserving placement against the row's identity
//! (row total, review group totals). The placement is never guessed: where the identity cannot tell
//! placements with different numbers apart, the row is reported ambiguous.

use crate::model::Cell;
use crate::value::Value;

/// Why values were placed where they were, when their count was off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// More values than columns: the surplus were blank cells and were dropped.
    SurplusBlanks,
    /// The default placement satisfies the identity.
    Default,
    /// Exactly one placement (up to blank cells) satisfies the identity.
    OnlyOne,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::SurplusBlanks => "surplus blank cells dropped",
            Reason::Default => "placed by the default alignment, identity holds",
            Reason::OnlyOne => "the only placement satisfying the identity",
        }
    }
}

/// How the values of a row were placed.
#[derive(Debug, Clone, PartialEq)]
pub enum Placed {
    /// As many values as columns.
    Exact(Vec<Cell>),
    /// Fewer or more values than columns (how many were given, and why they went where they did).
    Aligned(Vec<Cell>, usize, Reason),
    /// The values could not be placed without guessing.
    Ambiguous(String),
}

/// Placements beyond this many are not enumerated.
const MAX_PLACEMENTS: usize = 200_000;

fn cell(v: &Value) -> Cell {
    Cell::from_value(v)
}

/// Places `vals` into `n` columns. `ok` tests an identity on the numbers of a candidate placement
/// (blank cells as 0). `default` is the placement used when it satisfies the identity: the column
/// each value goes to, in order (for example "left-aligned, the last value in the total column").
pub fn place(
    vals: &[Value],
    n: usize,
    ok: &dyn Fn(&[i64]) -> bool,
    default: Option<&dyn Fn(usize) -> Vec<usize>>,
) -> Placed {
    let vals: Vec<&Value> = vals.iter().collect();
    let given = vals.len();
    if given == n {
        return Placed::Exact(vals.into_iter().map(cell).collect());
    }
    if given > n {
        return drop_surplus_blanks(&vals, n, ok);
    }
    let k = vals.len();
    let build = |pos: &[usize]| -> Vec<Cell> {
        let mut row = vec![Cell::blank(); n];
        for (v, &p) in vals.iter().zip(pos) {
            row[p] = cell(v);
        }
        row
    };
    let numbers = |row: &[Cell]| -> Vec<i64> { row.iter().map(|c| c.value.unwrap_or(0)).collect() };
    let note = |how: &str| format!("{k} values for {n} columns: {how}");
    if let Some(def) = default {
        let pos = def(k);
        if pos.len() == k && pos.iter().all(|p| *p < n) && pos.windows(2).all(|w| w[0] < w[1]) {
            let row = build(&pos);
            if ok(&numbers(&row)) {
                return Placed::Aligned(row, k, Reason::Default);
            }
        }
    }
    if binomial(n, k) > MAX_PLACEMENTS {
        return Placed::Ambiguous(note("too many placements to test"));
    }
    let mut found: Option<Vec<Cell>> = None;
    let mut distinct = false;
    for pos in Combinations::new(n, k) {
        let row = build(&pos);
        let nums = numbers(&row);
        if !ok(&nums) {
            continue;
        }
        match &found {
            None => found = Some(row),
            Some(f) if numbers(f) != nums => {
                distinct = true;
                break;
            }
            Some(_) => {}
        }
    }
    match (found, distinct) {
        (Some(row), false) => Placed::Aligned(row, k, Reason::OnlyOne),
        (Some(_), true) => Placed::Ambiguous(note("several placements satisfy the identity")),
        (None, _) => Placed::Ambiguous(note("no placement satisfies the identity")),
    }
}

/// More values than columns: the surplus must be blank cells (span padding). Rightmost blanks go first
/// when that satisfies the identity; otherwise the blanks whose removal does, where that is unique.
fn drop_surplus_blanks(vals: &[&Value], n: usize, ok: &dyn Fn(&[i64]) -> bool) -> Placed {
    let given = vals.len();
    let blanks: Vec<usize> = (0..given).filter(|&i| vals[i].is_blank()).collect();
    let surplus = given - n;
    if blanks.len() < surplus {
        return Placed::Ambiguous(format!("{given} values for {n} columns"));
    }
    let keep = |drop: &[usize]| -> Vec<Cell> {
        (0..given)
            .filter(|i| !drop.contains(i))
            .map(|i| cell(vals[i]))
            .collect()
    };
    let numbers = |row: &[Cell]| -> Vec<i64> { row.iter().map(|c| c.value.unwrap_or(0)).collect() };
    // Padding sits at the edges of rows: first try trimming leading and trailing blanks.
    let leading = vals.iter().take_while(|v| v.is_blank()).count();
    let trailing = vals.iter().rev().take_while(|v| v.is_blank()).count();
    let mut edge: Option<Vec<Cell>> = None;
    for lead in 0..=surplus {
        let trail = surplus - lead;
        if lead > leading || trail > trailing || lead + trail > given {
            continue;
        }
        let drop: Vec<usize> = (0..lead).chain(given - trail..given).collect();
        let row = keep(&drop);
        if !ok(&numbers(&row)) {
            continue;
        }
        match &edge {
            Some(e) if numbers(e) != numbers(&row) => {
                edge = None;
                break;
            }
            Some(_) => {}
            None => edge = Some(row),
        }
    }
    if let Some(row) = edge {
        return Placed::Aligned(row, given, Reason::SurplusBlanks);
    }
    let rightmost: Vec<usize> = blanks[blanks.len() - surplus..].to_vec();
    let default = keep(&rightmost);
    if ok(&numbers(&default)) || binomial(blanks.len(), surplus) > MAX_PLACEMENTS {
        return Placed::Aligned(default, given, Reason::SurplusBlanks);
    }
    let mut found: Option<Vec<Cell>> = None;
    for combo in Combinations::new(blanks.len(), surplus) {
        let drop: Vec<usize> = combo.iter().map(|&j| blanks[j]).collect();
        let row = keep(&drop);
        if !ok(&numbers(&row)) {
            continue;
        }
        match &found {
            Some(f) if numbers(f) != numbers(&row) => {
                return Placed::Ambiguous(format!(
                    "{given} values for {n} columns: several blank cells could be padding"
                ));
            }
            Some(_) => {}
            None => found = Some(row),
        }
    }
    // No removal satisfies the identity: the rightmost blanks go, and the identity check will report it.
    Placed::Aligned(found.unwrap_or(default), given, Reason::SurplusBlanks)
}

fn binomial(n: usize, k: usize) -> usize {
    let k = k.min(n - k);
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Increasing k-subsets of 0..n, in lexicographic order.
struct Combinations {
    n: usize,
    cur: Option<Vec<usize>>,
}

impl Combinations {
    fn new(n: usize, k: usize) -> Self {
        Combinations {
            n,
            cur: (k <= n).then(|| (0..k).collect()),
        }
    }
}

impl Iterator for Combinations {
    type Item = Vec<usize>;
    fn next(&mut self) -> Option<Vec<usize>> {
        let out = self.cur.clone()?;
        let k = out.len();
        let mut next = out.clone();
        let mut i = k;
        loop {
            if i == 0 {
                self.cur = None;
                break;
            }
            i -= 1;
            if next[i] < self.n - k + i {
                next[i] += 1;
                for j in i + 1..k {
                    next[j] = next[j - 1] + 1;
                }
                self.cur = Some(next);
                break;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse_value;

    fn vals(s: &str) -> Vec<Value> {
        s.split_whitespace().filter_map(parse_value).collect()
    }

    fn row_total(s: &[i64]) -> bool {
        s[..6].iter().sum::<i64>() == s[6]
    }

    fn left_then_total(k: usize) -> Vec<usize> {
        let mut p: Vec<usize> = (0..k.saturating_sub(1)).collect();
        p.push(6);
        p
    }

    fn values(p: &Placed) -> Vec<Option<i64>> {
        match p {
            Placed::Exact(c) | Placed::Aligned(c, _, _) => c.iter().map(|c| c.value).collect(),
            Placed::Ambiguous(_) => vec![],
        }
    }

    #[test]
    fn combinations_count() {
        assert_eq!(Combinations::new(7, 3).count(), 35);
        assert_eq!(Combinations::new(15, 0).count(), 1);
        assert_eq!(binomial(15, 5), 3003);
    }

    #[test]
    fn short_row_uses_default_when_identity_holds() {
        let p = place(&vals("2 3 . 5"), 7, &row_total, Some(&left_then_total));
        assert_eq!(values(&p), vec![Some(2), Some(3), None, None, None, None, Some(5)]);
    }

    #[test]
    fn padding_before_the_data_is_found_by_the_identity() {
        let groups = |s: &[i64]| (0..3).all(|g| s[g * 5..g * 5 + 4].iter().sum::<i64>() == s[g * 5 + 4]);
        // a padding blank, then 1 — — — 1 | — ×5 | — — 1 — 1, then another padding blank
        let p = place(&vals(". 1 . . . 1 . . . . . . . 1 . 1 ."), 15, &groups, None);
        let v = values(&p);
        assert_eq!((v[0], v[4], v[12], v[14]), (Some(1), Some(1), Some(1), Some(1)));
    }

    #[test]
    fn surplus_blanks_are_dropped() {
        let p = place(&vals("1 0 0 0 0 0 1 . ."), 7, &row_total, None);
        assert_eq!(
            values(&p),
            vec![Some(1), Some(0), Some(0), Some(0), Some(0), Some(0), Some(1)]
        );
    }

    #[test]
    fn review_row_from_totals_only_is_placed_by_the_identity() {
        // 维持 纠正 其他 尚未 总计 ×3; only the totals printed, and they are 0: numbers are decidable.
        let groups = |s: &[i64]| (0..3).all(|g| s[g * 5..g * 5 + 4].iter().sum::<i64>() == s[g * 5 + 4]);
        let p = place(&vals("0 0 0"), 15, &groups, None);
        assert_eq!(values(&p).iter().map(|v| v.unwrap_or(0)).sum::<i64>(), 0);
        let p = place(&vals("2 2 1 1"), 15, &groups, None);
        assert!(matches!(p, Placed::Ambiguous(_)), "{p:?}");
    }
}
