//! PDF text without rulings: a row label wrapped in its cell, its pieces above and below the row's numbers,
//! joined back to the row from where the pieces lie ([`join_wrapped_labels`]).

use super::pdf::Line;
use crate::normalize::clean;
use crate::value::parse_value;

/// A label column of a row being joined: where it starts and ends, its pieces from above, its own text (and
/// the pieces from below), and how many pieces below it still takes.
struct Col {
    x: f64,
    end: f64,
    above: Vec<String>,
    own: String,
    need: usize,
}

/// Labels wrapped in their cells, with the row's numbers printed level with the middle of each cell (no
/// rulings to tell): a cell's lines are centred on the numbers, so as many of its lines lie above the numbers
/// as below them. The pieces just above a row's numbers (text only, left of the numbers) are assigned to the
/// row's label columns by where they start — a column of their own where the row has no text there (a
/// sub-label wrapped around a line that holds only the group label) — and each column takes as many pieces
/// from below as it took from above.
pub(super) fn join_wrapped_labels(lines: Vec<Line>, em: f64) -> Vec<Line> {
    let numeric = |c: &(f64, f64, String)| parse_value(&clean(&c.2)).is_some();
    // a line of label pieces, all left of x
    let piece = |l: &Line, x: f64| l.cells.last().is_some_and(|c| c.1 <= x) && !l.cells.iter().any(numeric);
    let step = 1.6 * em;
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut line = lines[i].clone();
        i += 1;
        let values = line.cells.iter().rev().take_while(|c| numeric(c)).count();
        if values < 2 {
            out.push(line);
            continue;
        }
        let nx = line.cells[line.cells.len() - values].0;
        let numbers = line.cells.split_off(line.cells.len() - values);
        let labels_end = line.cells.last().map_or(nx, |c| c.1);
        let mut cols: Vec<Col> = line
            .cells
            .drain(..)
            .map(|c| Col {
                x: c.0,
                end: c.1,
                above: Vec::new(),
                own: c.2,
                need: 0,
            })
            .collect();
        let mut y = line.y;
        let mut above: Vec<(f64, f64, String)> = Vec::new();
        // (nothing goes before a label that begins a row: such a piece is the rest of the row above)
        let opens = |x: f64| cols.iter().any(|c| (c.x - x).abs() < 0.6 * em && starts_a_row(&c.own));
        while let Some(p) = out
            .last()
            .filter(|p| piece(p, nx) && y - p.y < step && !p.cells.iter().any(|c| opens(c.0)))
        {
            y = p.y;
            above.extend(p.cells.iter().rev().cloned());
            out.pop();
        }
        for (x, end, text) in above.into_iter().rev() {
            match cols.iter_mut().find(|c| (c.x - x).abs() < 0.6 * em) {
                Some(c) => {
                    c.above.push(text);
                    c.need += 1;
                    c.end = c.end.max(end);
                }
                None => {
                    cols.push(Col {
                        x,
                        end,
                        above: vec![text],
                        own: String::new(),
                        need: 1,
                    });
                    cols.sort_by(|a, b| a.x.total_cmp(&b.x));
                }
            }
        }
        // a piece below continues the rightmost column it starts under (two labels printed without a gap
        // between them read as one cell, whose rest is under its second part)
        let under = |c: &Col, x: f64| x >= c.x - 0.6 * em && x < c.end.max(c.x + 0.6 * em).max(labels_end);
        // Pieces below: those a column still takes (centred cells), and — where the next row's label begins a
        // row of its own, so that nothing below can be the top of it — the rest of a label that does not
        // begin one (cells aligned to the top: Word's and LibreOffice's default).
        let run = lines[i..]
            .iter()
            .scan(line.y, |y, b| {
                let ok = piece(b, nx) && b.y - *y < step;
                *y = b.y;
                ok.then_some(())
            })
            .count();
        let after = lines.get(i + run);
        let next_begins = after.is_none_or(|l| {
            let values = l.cells.iter().rev().take_while(|c| numeric(c)).count();
            values < 2 || l.cells.first().is_some_and(|c| !numeric(c) && starts_a_row(&c.2))
        });
        let mut leftover: Option<Line> = None;
        for _ in 0..run {
            let b = &lines[i];
            // each piece of the line to a column that takes it; pieces no column takes (a group label's,
            // in a column this row does not print) stay a line of their own after the row
            let at: Vec<Option<usize>> = b
                .cells
                .iter()
                .map(|p| {
                    cols.iter().rposition(|c| c.need > 0 && under(c, p.0)).or_else(|| {
                        (next_begins && !starts_a_row(&p.2))
                            .then(|| cols.iter().rposition(|c| under(c, p.0)))
                            .flatten()
                    })
                })
                .collect();
            if at.iter().all(Option::is_none) {
                break;
            }
            let mut rest = Vec::new();
            for (k, p) in at.iter().zip(&b.cells) {
                match k {
                    Some(k) => {
                        cols[*k].own.push_str(&p.2);
                        cols[*k].need = cols[*k].need.saturating_sub(1);
                    }
                    None => rest.push(p.clone()),
                }
            }
            i += 1;
            if !rest.is_empty() {
                leftover = Some(Line {
                    y: b.y,
                    cells: rest,
                    size: b.size,
                });
                break;
            }
        }
        let mut numbers = numbers;
        // a number wrapped in its narrow column (1376 as 137 / 6): one or two numbers just below, each under a
        // number of the row, with nothing else on their line
        if let Some(b) = lines.get(i).filter(|b| {
            leftover.is_none()
                && b.y - line.y < step
                && (1..=2).contains(&b.cells.len())
                && b.cells.len() < numbers.len()
                && b.cells
                    .iter()
                    .all(|p| numeric(p) && p.2.bytes().all(|c| c.is_ascii_digit()))
        }) {
            let under: Option<Vec<usize>> = b
                .cells
                .iter()
                .map(|p| {
                    numbers
                        .iter()
                        .position(|n| p.0 >= n.0 - 0.6 * em && p.1 <= n.1 + 0.6 * em)
                })
                .collect();
            if let Some(under) = under {
                for (k, p) in under.into_iter().zip(&b.cells) {
                    numbers[k].2.push_str(&p.2);
                }
                i += 1;
            }
        }
        line.cells = cols
            .into_iter()
            .map(|c| (c.x, c.end, c.above.concat() + &c.own))
            .chain(numbers)
            .collect();
        out.push(line);
        out.extend(leftover);
    }
    out
}

/// A label that begins a row of its own (`第二十条…`, `（二）…`, `3.…`, `四、…`), not the rest of one above.
pub(super) fn starts_a_row(s: &str) -> bool {
    let mut chars = s.trim_start().chars();
    let (a, b) = (chars.next(), chars.next());
    match a {
        // 第二十条第（一）项, not 第三方
        Some('第') => s.chars().take(8).any(|c| c == '条' || c == '项'),
        Some('(' | '（') => true,
        Some(c) if c.is_ascii_digit() => matches!(b, Some('.' | '．' | '、')) || b.is_some_and(|b| b.is_ascii_digit()),
        Some(c) if "一二三四五六七八九十".contains(c) => matches!(b, Some('、')),
        _ => false,
    }
}
