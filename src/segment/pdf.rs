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
use crate::pdf::{Glyph, Layer, Page, Rule};
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
        let (cx, cy) = (g.x + 0.5 * em * advance(&g.text), g.y - 0.35 * em);
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
    // Rows: a glyph joins the current row while its baseline is within half a character of the row's.
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.5 * em => row.push(g),
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
                        let far = if g.run == p.run { gap > 2.5 * em } else { gap > 1.2 * em };
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

/// A label wrapped in its cell, with the row's numbers printed level with the middle of the cell (no
/// rulings to tell): the label's pieces just above and just below a row's numbers — left of them, and
/// starting where the row's label starts — are that row's label.
fn join_wrapped_labels(lines: Vec<Line>, em: f64) -> Vec<Line> {
    let near = |a: &Line, b: &Line| (b.y - a.y).abs() < 1.6 * em;
    let numeric = |c: &(f64, f64, String)| parse_value(&clean(&c.2)).is_some();
    // a piece of label: text cells only, all left of x
    let left_of = |l: &Line, x: f64| l.cells.last().is_some_and(|c| c.1 <= x) && !l.cells.iter().any(numeric);
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
        let label_at = line.cells.len() - values;
        // the row's label cell: this line's, or the piece above when the line holds only numbers
        let mut label_x = (label_at > 0).then(|| line.cells[label_at - 1].0);
        if let Some(above) = out.last().filter(|a| near(a, &line) && left_of(a, nx)) {
            let last_x = above.cells.last().map_or(0.0, |c| c.0);
            if label_x.is_none_or(|x| (x - last_x).abs() < 0.6 * em) {
                let mut above = out.pop().unwrap_or_else(|| line.clone());
                if label_at > 0 {
                    let own = line.cells.remove(label_at - 1);
                    if let Some(c) = above.cells.last_mut() {
                        c.2.push_str(&own.2);
                    }
                }
                label_x = Some(last_x);
                above.cells.append(&mut line.cells);
                above.y = line.y;
                line = above;
            }
        }
        let labelled = line.cells.len() > values;
        if let (true, Some(x), Some(below)) = (labelled, label_x, lines.get(i)) {
            let piece = &below.cells;
            if near(&line, below)
                && left_of(below, nx)
                && piece.len() == 1
                && (piece[0].0 - x).abs() < 0.6 * em
                && !starts_a_row(&piece[0].2)
            {
                let k = line.cells.len() - values - 1;
                line.cells[k].2.push_str(&below.cells[0].2);
                i += 1;
            }
        }
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

/// Advance of a glyph in ems: CJK and full-width forms are square, Latin letters and digits about half.
fn advance(text: &str) -> f64 {
    match text.chars().next() {
        Some(c) if c.is_ascii() => 0.5,
        _ => 1.0,
    }
}

fn is_alnum(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}
