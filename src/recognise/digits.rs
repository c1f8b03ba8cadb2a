//! Cutting a run of glued digits into numbers (layout `flat`: "21710000218" = 217|1|0|0|0|0|218).
//! Every order-preserving cut into the wanted number of parts is enumerated, parts with leading zeros
//! are never formed, spaces that survived the crawl mark cuts, and an identity (row total, group
//! totals) decides which cuts are kept. The caller decides what to do with zero or several survivors.

/// What a part may look like, besides plain digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartKind {
    /// A non-negative integer.
    Count,
    /// An integer that may start with `-` (本年增/减).
    Signed,
    /// A decimal, optionally followed by `元` / `万元` (amounts).
    Amount,
}

/// The result of an enumeration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cuts {
    /// The accepted cuts, each the texts of its parts.
    pub found: Vec<Vec<String>>,
    /// The search stopped at its budget: `found` may be incomplete.
    pub truncated: bool,
}

/// Characters that print a blank cell in glued text, each one cell: "-----11" = five blanks, 1, 1.
pub const BLANK_TOKENS: [char; 4] = ['-', '—', '/', '.'];

fn is_blank_token(part: &[char]) -> bool {
    matches!(part, [c] if BLANK_TOKENS.contains(c))
}

/// Longest part, in characters: more than this is not a number of a report table.
const MAX_PART: usize = 15;
/// Recursion steps before the search gives up.
const BUDGET: usize = 200_000;

fn valid(part: &[char], kind: PartKind) -> bool {
    if part.is_empty() || part.len() > MAX_PART {
        return false;
    }
    if kind == PartKind::Count && is_blank_token(part) {
        return true;
    }
    let body: &[char] = match (kind, part.first()) {
        (PartKind::Signed, Some('-')) => &part[1..],
        _ => part,
    };
    let body: &[char] = match kind {
        PartKind::Amount => {
            let s: String = body.iter().collect();
            let trimmed = s.trim_end_matches("万元").trim_end_matches('元');
            let n = trimmed.chars().count();
            &body[..n]
        }
        _ => body,
    };
    if body.is_empty() || !body[0].is_ascii_digit() {
        return false;
    }
    let int_len = body.iter().position(|c| *c == '.').unwrap_or(body.len());
    if int_len > 1 && body[0] == '0' {
        return false; // no leading zeros: "05" is two cells, 0 and 5
    }
    let decimals = &body[int_len..];
    let ok_decimals = decimals.is_empty()
        || (kind == PartKind::Amount && decimals.len() > 1 && decimals[1..].iter().all(char::is_ascii_digit));
    body[..int_len].iter().all(char::is_ascii_digit) && ok_decimals
}

struct Search<'a> {
    chars: Vec<char>,
    /// `forced[i]`: a cut must fall before character `i` (a space stood there).
    forced: Vec<bool>,
    kinds: &'a [PartKind],
    accept: &'a mut dyn FnMut(&[String]) -> bool,
    parts: Vec<String>,
    found: Vec<Vec<String>>,
    limit: usize,
    steps: usize,
    truncated: bool,
}

impl Search<'_> {
    fn run(&mut self, pos: usize) {
        self.steps += 1;
        if self.steps > BUDGET || self.found.len() >= self.limit {
            self.truncated = true;
            return;
        }
        let k = self.parts.len();
        let n = self.kinds.len();
        let len = self.chars.len();
        if k + 1 == n {
            let part = &self.chars[pos..];
            if self.forced[pos + 1..len].iter().any(|f| *f) || !valid(part, self.kinds[k]) {
                return;
            }
            self.parts.push(part.iter().collect());
            if (self.accept)(&self.parts) {
                self.found.push(self.parts.clone());
            }
            self.parts.pop();
            return;
        }
        let remaining = n - k - 1;
        let mut end = pos + 1;
        while end + remaining <= len && end - pos <= MAX_PART {
            // The rest must still fit into the remaining parts (found by fuzzing: long runs made the
            // search spend its whole budget on cuts that could never complete).
            let fits = len - end <= remaining * MAX_PART;
            if fits && valid(&self.chars[pos..end], self.kinds[k]) {
                self.parts.push(self.chars[pos..end].iter().collect());
                self.run(end);
                self.parts.pop();
                if self.truncated {
                    return;
                }
            }
            if self.forced[end] {
                break; // a space: the part cannot reach over it
            }
            end += 1;
        }
    }
}

/// Every cut of `run` into `kinds.len()` parts (each valid for its kind) that `accept` keeps, up to
/// `limit`. With `spaces_cut`, a space in the run must fall between two parts; otherwise spaces are
/// ignored.
pub fn cuts(
    run: &str,
    kinds: &[PartKind],
    spaces_cut: bool,
    limit: usize,
    accept: &mut dyn FnMut(&[String]) -> bool,
) -> Cuts {
    // Blank tokens stand alone where every part is a count (elsewhere '-' is a sign and '.' a decimal point).
    let blanks_alone = kinds.iter().all(|k| *k == PartKind::Count);
    let mut chars = Vec::new();
    let mut forced = Vec::new();
    let mut cut_next = false;
    for c in run.chars() {
        if c.is_whitespace() {
            cut_next |= spaces_cut && !chars.is_empty();
            continue;
        }
        let blank = blanks_alone && BLANK_TOKENS.contains(&c);
        chars.push(c);
        forced.push(cut_next || (blank && chars.len() > 1));
        cut_next = blank;
    }
    forced.push(false);
    if kinds.is_empty() || chars.len() < kinds.len() {
        return Cuts {
            found: Vec::new(),
            truncated: false,
        };
    }
    let mut s = Search {
        chars,
        forced,
        kinds,
        accept,
        parts: Vec::new(),
        found: Vec::new(),
        limit,
        steps: 0,
        truncated: false,
    };
    s.run(0);
    Cuts {
        found: s.found,
        truncated: s.truncated,
    }
}

/// A count cut from glued digits: `None` where a blank token printed the cell.
pub type Count = Option<i64>;

/// [`cuts`] into counts: spaces as cuts first, and ignored where that leaves no cut. `accept` sees blank
/// cells as 0.
pub fn count_cuts(run: &str, n: usize, limit: usize, accept: &dyn Fn(&[i64]) -> bool) -> (Vec<Vec<Count>>, bool) {
    let kinds = vec![PartKind::Count; n];
    let mut keep = |parts: &[String]| {
        numbers(parts).is_some_and(|v| accept(&v.iter().map(|c| c.unwrap_or(0)).collect::<Vec<_>>()))
    };
    let mut c = cuts(run, &kinds, true, limit, &mut keep);
    if c.found.is_empty() && !c.truncated && run.contains(' ') {
        c = cuts(run, &kinds, false, limit, &mut keep);
    }
    let found = c.found.iter().filter_map(|p| numbers(p)).collect();
    (found, c.truncated)
}

fn numbers(parts: &[String]) -> Option<Vec<Count>> {
    parts
        .iter()
        .map(|p| {
            if p.chars().count() == 1 && p.starts_with(BLANK_TOKENS) {
                Some(None)
            } else {
                p.parse::<i64>().ok().map(Some)
            }
        })
        .collect()
}

/// Settles rows that several cuts fit: tries every combination of the candidates of the rows in
/// `ambiguous` (row index, candidate count), scores each with `score` (the chosen candidate index of every
/// row; rows outside `ambiguous` at 0), and returns for each row of `ambiguous` the candidate every
/// best-scoring combination agrees on, or `None` where they differ.
pub fn settle_by_score(
    rows: usize,
    ambiguous: &[(usize, usize)],
    score: &mut dyn FnMut(&[usize]) -> usize,
) -> Vec<Option<usize>> {
    let mut choice = vec![0usize; rows];
    let mut best = (0usize, Vec::<Vec<usize>>::new());
    loop {
        let s = score(&choice);
        if s > best.0 || best.1.is_empty() {
            best = (s, Vec::new());
        }
        if s == best.0 {
            best.1.push(ambiguous.iter().map(|&(i, _)| choice[i]).collect());
        }
        // next combination (an odometer over the ambiguous rows)
        let mut pos = 0;
        while let Some(&(i, n)) = ambiguous.get(pos) {
            choice[i] += 1;
            if choice[i] < n {
                break;
            }
            choice[i] = 0;
            pos += 1;
        }
        if pos == ambiguous.len() {
            break;
        }
    }
    (0..ambiguous.len())
        .map(|j| {
            let first = best.1.first().map(|c| c[j]);
            best.1.iter().all(|c| Some(c[j]) == first).then_some(first).flatten()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_total(v: &[i64]) -> bool {
        v[..6].iter().sum::<i64>() == v[6]
    }

    fn some(v: &[i64]) -> Vec<Count> {
        v.iter().copied().map(Some).collect()
    }

    #[test]
    fn the_spec_examples() {
        assert_eq!(
            count_cuts("21710000218", 7, 100, &row_total).0,
            vec![some(&[217, 1, 0, 0, 0, 0, 218])]
        );
        // stray spaces mark cuts: "230 000023" = 23|0|0|0|0|0|23
        assert_eq!(
            count_cuts("230 000023", 7, 100, &row_total).0,
            vec![some(&[23, 0, 0, 0, 0, 0, 23])]
        );
        assert_eq!(
            count_cuts("20 0 00 0 121", 7, 100, &row_total).0,
            vec![some(&[20, 0, 0, 0, 0, 1, 21])]
        );
        assert_eq!(count_cuts("0000000", 7, 100, &row_total).0, vec![some(&[0; 7])]);
    }

    #[test]
    fn several_cuts_can_satisfy_the_row_total() {
        // Pingtan 2021 予以公开: 27|0|0|2|0|1|30 and 2|7|0|0|2|0|... — the column identities must decide.
        let (found, truncated) = count_cuts("270020130", 7, 100, &row_total);
        assert!(!truncated);
        assert!(found.contains(&some(&[27, 0, 0, 2, 0, 1, 30])));
        assert!(found.len() > 1, "{found:?}");
    }

    #[test]
    fn no_leading_zeros_and_too_few_digits() {
        assert!(count_cuts("000001", 7, 100, &|_| true).0.is_empty());
        let (found, _) = count_cuts("05", 2, 100, &|_| true);
        assert_eq!(found, vec![some(&[0, 5])]);
    }

    #[test]
    fn blank_tokens_are_one_cell_each() {
        let (found, _) = count_cuts("-----11", 7, 100, &row_total);
        assert_eq!(found, vec![vec![None, None, None, None, None, Some(1), Some(1)]]);
        let (found, _) = count_cuts("2.3..—5", 7, 100, &row_total);
        assert_eq!(found, vec![vec![Some(2), None, Some(3), None, None, None, Some(5)]]);
    }

    #[test]
    fn signed_and_amount_parts() {
        let kinds = [PartKind::Count, PartKind::Signed, PartKind::Count];
        let c = cuts("2648-18538", &kinds, true, 100, &mut |_| true);
        assert!(c.found.contains(&vec!["2648".into(), "-18".into(), "538".into()]));
        assert!(c.found.iter().all(|p| p[1].starts_with('-')), "{:?}", c.found);
        let kinds = [PartKind::Count, PartKind::Amount];
        let c = cuts("39573802895.90元", &kinds, true, 100, &mut |_| true);
        assert!(c.found.contains(&vec!["395".into(), "73802895.90元".into()]));
        assert!(c.found.iter().all(|p| p[1].ends_with('元')));
    }
}
