//! A PDF's pages → [`Document`]: ruled tables become cell grids (each glyph in the cell its rulings bound,
//! a cell's lines joined — a number wrapped in a narrow cell, `300` / `1`, is `3001`), every other glyph
//! becomes text lines read top to bottom, a row's cells two spaces apart where the glyphs are far apart or a
//! ruling runs between them; those lines go through the text segmenter like any PDF-like text.
//!
//! Word and WPS exports draw bold text twice, a fraction of a point apart (`信信息息`): the second copy is
//! dropped.

use super::lattice::{tables, Lattice};
use super::paragraphs::join_wrapped_prose;
use super::segment_text;
use super::wrapped::{join_wrapped_labels, starts_a_row};
use crate::document::{Block, Document, Grid, GridCell, Source};
use crate::normalize::clean;
use crate::pdf::{advance, Glyph, Layer, Page, Rule};
use crate::value::parse_value;

pub fn segment_pdf(layer: &Layer) -> Document {
    let mut doc = Document {
        source: Source::Pdf,
        ..Document::default()
    };
    let mut earlier = std::collections::HashSet::new();
    for page in &layer.pages {
        page_blocks(page, &mut doc, &mut earlier);
    }
    drop_repeated_headers(&mut doc.blocks);
    doc
}

/// A table continued on the next page (two grids with nothing but a page number between them) that repeats
/// the header rows of the table's first grid: the repeated rows are dropped.
fn drop_repeated_headers(blocks: &mut [Block]) {
    // (and rows broken by the page joined: [`join_broken_row`])
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
        join_broken_row(blocks, i);
    }
}

/// A row broken by the page (cells aligned to the top, LibreOffice and Word): the continued grid's first row
/// holds only the rest of labels, no number — its texts go to the cells of the same columns in the last
/// rows of the grid before, and the row is dropped.
fn join_broken_row(blocks: &mut [Block], i: usize) {
    let Some((before, rest)) = blocks.split_at_mut_checked(i) else {
        return;
    };
    let (Some(Block::Table(prev)), Some(Block::Table(g))) = (before.last_mut(), rest.first_mut()) else {
        return;
    };
    let (Some(first), Some(last)) = (g.rows.first(), prev.rows.last()) else {
        return;
    };
    let number = |c: &GridCell| parse_value(&c.text).is_some_and(|v| !v.is_blank());
    // the row's number cells are there, empty, below the numbers of the row it continues (not the first
    // row of the next table, 第二十条第（五）项)
    let value_cols: Vec<usize> = last.iter().filter(|c| number(c)).map(|c| c.col).collect();
    let continues = !value_cols.is_empty()
        && first.iter().any(|c| !c.text.is_empty())
        // the rest of a label, not a label of its own (a row whose cells are all blank)
        && !first.iter().any(|c| starts_a_row(&c.text))
        && !first.iter().any(number)
        && value_cols
            .iter()
            .all(|col| first.iter().any(|c| c.col == *col && c.text.is_empty()));
    if !continues {
        return;
    }
    for cell in first.iter().filter(|c| !c.text.is_empty()) {
        // the cell of that column in the rows above, the nearest first (a group label spans from higher up)
        let target = prev.rows.iter_mut().rev().find_map(|row| {
            row.iter_mut()
                .find(|c| c.col <= cell.col && cell.col < c.col + c.colspan)
        });
        if let Some(t) = target {
            t.text.push_str(&cell.text);
        }
    }
    g.rows.remove(0);
}

/// What a page holds, by its top: a run of text lines, or a table.
enum Item {
    Line(String),
    Table(Grid),
}

/// A page's blocks. Text lines at the top of the page that earlier pages already have — a running header, the
/// header rows of a table without rulings repeated on its next page — are dropped.
fn page_blocks(page: &Page, doc: &mut Document, earlier: &mut std::collections::HashSet<String>) {
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
    let mut items: Vec<(f64, Item)> = join_wrapped_prose(join_wrapped_labels(lines(text, &page.rules, em), em), em)
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
    let mut top = true;
    let mut lines_here = Vec::new();
    for (_, item) in items {
        match item {
            Item::Line(l) => {
                // compared without spaces: cells apart by the page's own character size
                let key: String = l.split_whitespace().collect();
                if top && earlier.contains(&key) {
                    continue;
                }
                top = false;
                pending.push_str(&l);
                pending.push('\n');
                lines_here.push(key);
            }
            Item::Table(g) => {
                top = false;
                flush(&mut pending, doc);
                doc.blocks.push(Block::Table(g));
            }
        }
    }
    flush(&mut pending, doc);
    earlier.extend(lines_here);
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
pub(super) struct Line {
    pub(super) y: f64,
    /// (x where it starts, x where it ends, text)
    pub(super) cells: Vec<(f64, f64, String)>,
    /// The largest character size its glyph runs measure (a title's is larger than the body's).
    pub(super) size: Option<f64>,
}

impl Line {
    pub(super) fn text(&self) -> String {
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
            let size = row.iter().filter_map(|g| g.size).reduce(f64::max);
            Line {
                y: row[0].y,
                cells,
                size,
            }
        })
        .collect()
}

fn is_alnum(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')
}
