//! A PDF's pages → [`Document`]: ruled tables become cell grids (each glyph in the cell its rulings bound,
//! a cell's lines joined — a number wrapped in a narrow cell, `300` / `1`, is `3001`), every other glyph
//! becomes text lines read top to bottom, a row's cells two spaces apart where the glyphs are far apart or a
//! ruling runs between them; those lines go through the text segmenter like any PDF-like text.
//!
//! Word and WPS exports draw bold text twice, a fraction of a point apart (`信信息息`): the second copy is
//! dropped.

use super::lattice::{tables, Lattice};
use super::segment_text;
use crate::document::{Block, Document, Grid, GridCell, Source};
use crate::normalize::clean;
use crate::pdf::{advance, Glyph, Layer, Page, Rule};
use crate::value::parse_value;

pub fn segment_pdf(layer: &Layer) -> Document {
    let mut doc = Document {
        source: Source::Pdf,
        ..Document::default()
    };
    for page in &layer.pages {
        page_blocks(page, &mut doc);
    }
    drop_repeated_headers(&mut doc.blocks);
    doc
}

/// A table continued on the next page (two grids with nothing but a page number between them) that repeats
/// the header rows of the table's first grid: the repeated rows are dropped.
fn drop_repeated_headers(blocks: &mut [Block]) {
    let texts = |g: &Grid, r: usize| -> Option<Vec<String>> {
        g.rows.get(r).map(|row| row.iter().map(|c| c.text.clone()).collect())
    };
    let mut first: Option<usize> = None;
    for i in 0..blocks.len() {
        let Block::Table(_) = &blocks[i] else {
            first = None;
            continue;
        };
        let Some(f) = first else {
            first = Some(i);
            continue;
        };
        let (Block::Table(head), Block::Table(g)) = (&blocks[f], &blocks[i]) else {
            continue;
        };
        let same = (0..g.rows.len().min(head.rows.len()).saturating_sub(1))
            .take_while(|&r| texts(head, r) == texts(g, r) && !g.rows[r].iter().any(|c| parse_value(&c.text).is_some()))
            .count();
        if same > 0 {
            if let Block::Table(g) = &mut blocks[i] {
                g.rows.drain(..same);
            }
        }
    }
}

/// What a page holds, by its top: a run of text lines, or a table.
enum Item {
    Line(String),
    Table(Grid),
}

fn page_blocks(page: &Page, doc: &mut Document) {
    let mut glyphs = page.glyphs.clone();
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let em = pitch(&glyphs);
    let lattices = tables(&page.rules);
    // glyphs by table and cell; the others are text
    let mut in_cells: Vec<Vec<Vec<Glyph>>> = lattices.iter().map(|t| vec![Vec::new(); t.cells.len()]).collect();
    let mut text = Vec::new();
    for g in glyphs {
        // the glyph's centre: half its advance right of its origin, a third of a character above its baseline
        let s = g.size.unwrap_or(em);
        let (cx, cy) = (g.x + 0.5 * s * advance(&g.text), g.y - 0.35 * s);
        let cell = lattices
            .iter()
            .enumerate()
            .find_map(|(t, l)| l.cell_at(cx, cy).map(|c| (t, c)));
        match cell {
            Some((t, c)) => in_cells[t][c].push(g),
            None => text.push(g),
        }
    }
    let mut items: Vec<(f64, Item)> = join_wrapped_labels(lines(text, &page.rules, em), em)
        .into_iter()
        .map(|l| (l.y, Item::Line(l.text())))
        .collect();
    for (lattice, cells) in lattices.iter().zip(in_cells) {
        items.push((lattice.top(), Item::Table(grid(lattice, cells, em))));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut pending = String::new();
    let flush = |pending: &mut String, doc: &mut Document| {
        if !pending.is_empty() {
            doc.blocks.extend(segment_text(pending).blocks);
            pending.clear();
        }
    };
    for (_, item) in items {
        match item {
            Item::Line(l) => {
                pending.push_str(&l);
                pending.push('\n');
            }
            Item::Table(g) => {
                flush(&mut pending, doc);
                doc.blocks.push(Block::Table(g));
            }
        }
    }
    flush(&mut pending, doc);
}

/// The grid of a ruled table; each cell's text is its lines joined, top to bottom.
fn grid(lattice: &Lattice, mut cells: Vec<Vec<Glyph>>, em: f64) -> Grid {
    // atomic rows where no cell starts (every cell spans from above) are no rows of the grid
    let mut starts = vec![false; lattice.rows() + 1];
    lattice.cells.iter().for_each(|s| starts[s.r0] = true);
    let kept: Vec<usize> = starts
        .iter()
        .scan(0, |n, s| {
            let k = *n;
            *n += usize::from(*s);
            Some(k)
        })
        .collect();
    let mut rows: Vec<Vec<GridCell>> = vec![Vec::new(); kept[lattice.rows()]];
    for (span, glyphs) in lattice.cells.iter().zip(cells.iter_mut()) {
        let text: String = lines(std::mem::take(glyphs), &[], em)
            .iter()
            .map(|l| l.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        if let Some(row) = rows.get_mut(kept[span.r0]) {
            row.push(GridCell {
                text: clean(&text),
                col: span.c0,
                colspan: span.c1 - span.c0,
                rowspan: kept[span.r1] - kept[span.r0],
            });
        }
    }
    for row in &mut rows {
        row.sort_by_key(|c| c.col);
    }
    Grid { rows }
}

/// The page's character pitch: the median step between neighbouring glyphs of running text (the size
/// the glyph transforms give is in glyph units, not points).
fn pitch(glyphs: &[Glyph]) -> f64 {
    let mut steps: Vec<f64> = glyphs
        .windows(2)
        // a glyph and its fake-bold copy are one character, not a step
        .filter(|w| (w[1].y - w[0].y).abs() < 1.0 && w[1].text != w[0].text)
        .map(|w| w[1].x - w[0].x)
        .filter(|d| *d > 1.0 && *d < 40.0)
        .collect();
    if steps.is_empty() {
        return 10.0;
    }
    steps.sort_by(f64::total_cmp);
    steps[steps.len() / 2]
}

/// A text line of a page: its baseline, and its cells with the x where each starts and ends.
#[derive(Debug, Clone)]
struct Line {
    y: f64,
    cells: Vec<(f64, f64, String)>,
}

impl Line {
    fn text(&self) -> String {
        let texts: Vec<&str> = self.cells.iter().map(|c| c.2.as_str()).collect();
        texts.join("  ")
    }
}

/// Glyphs → lines, top to bottom; cells of a row apart where the glyphs are far apart, or a vertical
/// ruling runs between them (a number printed close to its label's cell).
fn lines(mut glyphs: Vec<Glyph>, rules: &[Rule], em: f64) -> Vec<Line> {
    // vertical rulings by x, so that those between two glyphs are found by binary search
    let mut rules: Vec<Rule> = rules.iter().filter(|r| r.is_vertical()).copied().collect();
    rules.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // Rows: a glyph joins the current row while its baseline is within half a character of the row's (the
    // smaller character of the two where their runs measure it: small table text is not merged by the
    // page's size)
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        let size = |row: &[Glyph]| [g.size, row[0].size].into_iter().flatten().fold(em, f64::min);
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.5 * size(row) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut cells: Vec<(f64, f64, String)> = Vec::new();
            let mut prev: Option<&Glyph> = None;
            for g in &row {
                let end = g.x + em * advance(&g.text);
                match (prev, cells.last_mut()) {
                    (Some(p), Some(cell)) => {
                        let gap = g.x - p.x - em * advance(&p.text);
                        // the same glyph drawn again a fraction of a point on (fake bold)
                        if g.text == p.text && (g.x - p.x).abs() < 0.3 * em {
                            continue;
                        }
                        let from = rules.partition_point(|r| r.x0 <= p.x + 0.2 * em);
                        let to = rules.partition_point(|r| r.x0 < g.x);
                        let ruled = rules
                            .get(from..to)
                            .is_some_and(|between| between.iter().any(|r| r.y0 <= g.y && r.y1 >= g.y - 0.5 * em));
                        // one string of the page is one cell, unless spaced out (TJ offsets) or ruled
                        // (between two strings, a gap of more than half a character: no running Chinese text
                        // has one — the texts of two cells printed close together)
                        let far = if g.run == p.run {
                            gap > 2.5 * em
                        } else {
                            gap > 1.2 * em || (gap > 0.6 * em && !is_alnum(&p.text) && !is_alnum(&g.text))
                        };
                        if far || ruled {
                            cells.push((g.x, end, g.text.clone()));
                        } else {
                            if g.run != p.run && gap > 0.5 * em && is_alnum(&p.text) && is_alnum(&g.text) {
                                cell.2.push(' ');
                            }
                            cell.2.push_str(&g.text);
                            cell.1 = end;
                        }
                    }
                    _ => cells.push((g.x, end, g.text.clone())),
                }
                prev = Some(g);
            }
            Line { y: row[0].y, cells }
        })
        .collect()
}

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
fn join_wrapped_labels(lines: Vec<Line>, em: f64) -> Vec<Line> {
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
        while let Some(p) = out.last().filter(|p| piece(p, nx) && y - p.y < step) {
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
        let under = |c: &Col, x: f64| x >= c.x - 0.6 * em && x < c.end.max(c.x + 0.6 * em);
        let mut y = line.y;
        while let Some(b) = lines.get(i).filter(|b| piece(b, nx) && b.y - y < step) {
            // every piece of the line goes to a column that still takes one, or the line is not taken
            let at: Option<Vec<usize>> = b
                .cells
                .iter()
                .map(|p| cols.iter().rposition(|c| c.need > 0 && under(c, p.0)))
                .collect();
            let Some(at) = at else { break };
            for (k, p) in at.into_iter().zip(&b.cells) {
                cols[k].own.push_str(&p.2);
                cols[k].need -= 1;
            }
            y = b.y;
            i += 1;
        }
        // a last piece below with nothing above it: the rest of the row's last label when it lies under that
        // label, cannot begin a row, and the next row's label begins one (so it is not the top of that label)
        if let (Some(b), Some(c)) = (lines.get(i), cols.last_mut()) {
            let next_starts =
                |l: Option<&Line>| l.is_none_or(|l| l.cells.first().is_none_or(|c| numeric(c) || starts_a_row(&c.2)));
            if c.need == 0
                && piece(b, nx)
                && b.cells.len() == 1
                && b.y - line.y < step
                && b.cells[0].0 >= c.x - 0.6 * em
                && b.cells[0].0 < labels_end.max(c.end)
                && !starts_a_row(&b.cells[0].2)
                && next_starts(lines.get(i + 1))
            {
                c.own.push_str(&b.cells[0].2);
                i += 1;
            }
        }
        line.cells = cols
            .into_iter()
            .map(|c| (c.x, c.end, c.above.concat() + &c.own))
            .chain(numbers)
            .collect();
        out.push(line);
    }
    out
}

/// A label that begins a row of its own (`第二十条…`, `（二）…`, `3.…`, `四、…`), not the rest of one above.
fn starts_a_row(s: &str) -> bool {
    let mut chars = s.trim_start().chars();
    let (a, b) = (chars.next(), chars.next());
    match a {
        Some('第' | '(' | '（') => true,
        Some(c) if c.is_ascii_digit() => matches!(b, Some('.' | '．' | '、')) || b.is_some_and(|b| b.is_ascii_digit()),
        Some(c) if "一二三四五六七八九十".contains(c) => matches!(b, Some('、')),
        _ => false,
    }
}

fn is_alnum(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}
