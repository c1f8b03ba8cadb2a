//! Reports as PDFs, the way Word and WPS export them, written without any external tool: a non-embedded
//! `STSong-Light` font with the predefined `UniGB-UCS2-H` CMap (text as UTF-16 code units), paragraphs
//! wrapped to the page, tables laid out in columns sized to their text — so a long label or a 4-digit number
//! in a narrow column wraps inside its cell (`300` / `1`) — ruled by stroked boxes or by thin filled bars
//! (WPS), text centred in its cell (WPS) or at its top (Word, LibreOffice), broken over pages with or without
//! the header rows repeated, a tall group label's text split where
//! the page breaks it, page numbers (`- 3 -`). Without rulings (`pdf_text`) only the text is placed.
//! Two kinds of unusable file: glyphs without Unicode (an Identity-H font without ToUnicode) and a scan
//! (one page-sized image, no text).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::document::{Block, Document, Grid};

const PAGE_W: f64 = 595.3;
const PAGE_H: f64 = 841.9;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 523.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 770.0;

/// How the file is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub ruled: bool,
    /// Rulings as thin filled bars (WPS) rather than stroked cell boxes (Word).
    pub bars: bool,
    pub repeat_header: bool,
    /// Headings drawn twice, 0.4 pt apart (fake bold).
    pub fake_bold: bool,
    /// Numeric columns narrow enough that 4-digit numbers wrap.
    pub narrow: bool,
    /// Cell text at the top of the cell (Word's and LibreOffice's default), not centred (WPS).
    pub top: bool,
    pub size: f64,
    pub unusable: Option<Unusable>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unusable {
    /// Glyphs drawn with an Identity-H font that has no ToUnicode map.
    NoUnicode,
    /// One image per page and no text.
    Scan,
}

impl Style {
    pub fn draw(rng: &mut ChaCha8Rng, ruled: bool) -> Style {
        let unusable = match rng.random_range(0..100) {
            0..=1 => Some(Unusable::NoUnicode),
            2..=3 => Some(Unusable::Scan),
            _ => None,
        };
        Style {
            ruled,
            bars: rng.random_bool(0.5),
            repeat_header: rng.random_bool(0.5),
            fake_bold: rng.random_bool(0.4),
            narrow: ruled && rng.random_bool(0.3),
            top: rng.random_bool(0.4),
            size: [9.0, 10.5, 12.0][rng.random_range(0..3)],
            unusable,
        }
    }
}

/// Width of a character in ems (CJK and full-width forms square, ASCII half).
fn adv(c: char) -> f64 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

fn width(s: &str, size: f64) -> f64 {
    s.chars().map(adv).sum::<f64>() * size
}

/// Lines of at most `w` points; a line break of the source (a label split over paragraphs) is kept.
fn wrap(s: &str, w: f64, size: f64) -> Vec<String> {
    wrap_indented(s, w, w, size)
}

/// [`wrap`] with the first line `first` points wide and the others `w` (a paragraph's first line is indented;
/// the others run to the right margin, as typesetting fills them).
fn wrap_indented(s: &str, first: f64, w: f64, size: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0.0;
    for c in s.chars() {
        if c == '\n' {
            lines.push(String::new());
            used = 0.0;
            continue;
        }
        if c.is_whitespace() && lines.last().is_some_and(String::is_empty) {
            continue;
        }
        let a = adv(c) * size;
        let limit = if lines.len() == 1 { first } else { w };
        if used + a > limit && !lines.last().is_some_and(String::is_empty) {
            lines.push(String::new());
            used = 0.0;
        }
        if let Some(l) = lines.last_mut() {
            l.push(c);
        }
        used += a;
    }
    lines
}

/// The pages' content streams being written (y from the top of the page).
struct Canvas {
    pages: Vec<String>,
    y: f64,
    style: Style,
}

impl Canvas {
    fn last(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn new_page(&mut self) {
        self.pages.push(String::new());
        self.y = TOP;
    }

    fn on(&mut self, p: usize) -> &mut String {
        while self.pages.len() <= p {
            self.pages.push(String::new());
        }
        &mut self.pages[p]
    }

    fn text(&mut self, p: usize, x: f64, y: f64, size: f64, s: &str, bold: bool) {
        let hex: String = s
            .chars()
            .map(|c| if (c as u32) < 0x10000 { c } else { '?' })
            .collect::<String>()
            .encode_utf16()
            .map(|u| format!("{u:04X}"))
            .collect();
        let draws = if bold && self.style.fake_bold { 2 } else { 1 };
        for k in 0..draws {
            let dx = x + 0.4 * k as f64;
            let line = format!("BT /F1 {size} Tf 1 0 0 1 {dx:.2} {:.2} Tm <{hex}> Tj ET\n", PAGE_H - y);
            self.on(p).push_str(&line);
        }
    }

    fn rule(&mut self, p: usize, x0: f64, y0: f64, x1: f64, y1: f64) {
        let line = if self.style.bars {
            let (w, h) = ((x1 - x0).abs().max(0.5), (y1 - y0).abs().max(0.5));
            format!("{:.2} {:.2} {w:.2} {h:.2} re f\n", x0.min(x1), PAGE_H - y0.max(y1))
        } else {
            format!("{x0:.2} {:.2} m {x1:.2} {:.2} l S\n", PAGE_H - y0, PAGE_H - y1)
        };
        self.on(p).push_str(&line);
    }

    fn paragraph(&mut self, rng: &mut ChaCha8Rng, s: &str, first: bool) {
        let heading =
            first || (s.starts_with(['一', '二', '三', '四', '五', '六', '七', '八']) && s.chars().count() < 30);
        let size = if first {
            self.style.size + 6.0
        } else {
            self.style.size + 1.5
        };
        // a title line is set to fit the line (titles are broken by hand, where their author chose)
        let size = if first {
            // (a little under: a title that fits exactly must not wrap its last character)
            size.min(0.98 * (RIGHT - LEFT) / width(s, 1.0).max(1.0))
        } else {
            size
        };
        let leading = size * 1.6;
        let indent = if first { 0.0 } else { 2.0 * size };
        for (i, line) in wrap_indented(s, RIGHT - LEFT - indent, RIGHT - LEFT, size)
            .iter()
            .enumerate()
        {
            if self.y + leading > BOTTOM {
                self.new_page();
            }
            let x = if first {
                (PAGE_W - width(line, size)) / 2.0
            } else if i == 0 {
                LEFT + indent
            } else {
                LEFT
            };
            self.y += leading;
            let (p, y) = (self.last(), self.y);
            self.text(p, x, y, size, line, heading);
        }
        if rng.random_bool(0.3) {
            self.y += size * 0.5;
        }
    }

    /// One cell's box and text on page `p`: its lines centred vertically, numbers centred, labels from the left.
    fn cell(&mut self, p: usize, (x0, x1): (f64, f64), (top, bottom): (f64, f64), text: &[String], size: f64) {
        if self.style.ruled {
            self.rule(p, x0, top, x1, top);
            self.rule(p, x0, bottom, x1, bottom);
            self.rule(p, x0, top, x0, bottom);
            self.rule(p, x1, top, x1, bottom);
        }
        let leading = size * LEADING;
        let mut y = if self.style.top {
            top + PAD + size * 0.95
        } else {
            top + ((bottom - top) - text.len() as f64 * leading) / 2.0 + size * 0.95
        };
        for line in text {
            // numbers centred; a label's numbering alone on its line ("8.") is label text
            let numeric = line.chars().all(|c| c.is_ascii_digit() || c == '.') && !line.ends_with('.');
            let x = if numeric {
                (x0 + x1 - width(line, size)) / 2.0
            } else {
                x0 + PAD
            };
            self.text(p, x, y, size, line, false);
            y += leading;
        }
    }
}

/// Line height in a table cell, in ems, and the padding of a cell (points).
const LEADING: f64 = 1.25;
const PAD: f64 = 3.0;

/// Column widths and the table's font size: each column's widest one-column text, scaled to the text width
/// of the page. Without rulings a number must stay on its line, so a table too wide is set in a smaller font
/// instead (down to 60 %), as WPS shrinks it.
fn columns(g: &Grid, style: &Style) -> (Vec<f64>, f64) {
    let n = g.rows.iter().flatten().map(|c| c.col + c.colspan).max().unwrap_or(1);
    let mut w: Vec<f64> = vec![if style.narrow { 14.0 } else { 24.0 }; n];
    for c in g.rows.iter().flatten().filter(|c| c.colspan == 1) {
        let numeric = c.text.chars().all(|ch| ch.is_ascii_digit() || ch == '.');
        let natural = width(&c.text, style.size) + 6.0;
        let cap = if numeric && style.narrow { 14.0 } else { 150.0 };
        w[c.col] = w[c.col].max(natural.min(cap));
    }
    let total: f64 = w.iter().sum();
    let scale = (RIGHT - LEFT) / total;
    let size = if style.ruled {
        style.size
    } else {
        style.size * scale.clamp(0.6, 1.0)
    };
    (w.iter().map(|x| x * scale).collect(), size)
}

fn table(canvas: &mut Canvas, rng: &mut ChaCha8Rng, g: &Grid) {
    let style = canvas.style;
    let (cols, size) = columns(g, &style);
    let leading = size * LEADING;
    let xs: Vec<f64> = std::iter::once(LEFT)
        .chain(cols.iter().scan(LEFT, |x, w| {
            *x += w;
            Some(*x)
        }))
        .collect();
    let edge = |i: usize| xs[i.min(xs.len() - 1)];
    let lines: Vec<Vec<Vec<String>>> = g
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| wrap(&c.text, edge(c.col + c.colspan) - edge(c.col) - 2.0 * PAD, size))
                .collect()
        })
        .collect();
    let need = |n: usize| n as f64 * leading + 2.0 * PAD;
    // row heights: one-row cells' lines; a taller spanning cell lengthens its last row
    let mut h: Vec<f64> = lines
        .iter()
        .zip(&g.rows)
        .map(|(ls, r)| {
            ls.iter()
                .zip(r)
                .filter(|(_, c)| c.rowspan == 1)
                .map(|(l, _)| need(l.len()))
                .fold(need(1), f64::max)
        })
        .collect();
    for (r, row) in g.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let end = (r + cell.rowspan).min(h.len());
            let have: f64 = h[r..end].iter().sum();
            let want = need(lines[r][c].len());
            if want > have {
                h[end - 1] += want - have;
            }
        }
    }
    // header rows: those before the first row holding a value (a number or a blank token, "." "-" "—" "/")
    let header = g
        .rows
        .iter()
        .position(|r| r.iter().skip(1).any(|c| crate::value::parse_value(&c.text).is_some()))
        .unwrap_or(0)
        .min(4);
    // rows placed on pages: (page, top) per row; a header repeated on a new page is drawn there at once
    let mut at: Vec<(usize, f64)> = Vec::new();
    for r in 0..g.rows.len() {
        // the header is kept with the first data row (a row may break from the next, a header does not)
        let keep = if r == 0 {
            h[..=header.min(h.len() - 1)].iter().sum()
        } else {
            h[r]
        };
        if canvas.y + keep > BOTTOM && canvas.y > TOP + 1.0 {
            canvas.new_page();
            if style.repeat_header && r >= header && header > 0 {
                let p = canvas.last();
                let mut y = canvas.y;
                for (hr, row) in g.rows[..header].iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        let end = (hr + cell.rowspan).min(header);
                        let bottom = y + h[hr..end].iter().sum::<f64>();
                        canvas.cell(
                            p,
                            (edge(cell.col), edge(cell.col + cell.colspan)),
                            (y, bottom),
                            &lines[hr][c],
                            size,
                        );
                    }
                    y += h[hr];
                }
                canvas.y = y;
            }
        }
        at.push((canvas.last(), canvas.y));
        canvas.y += h[r];
    }
    for (r, row) in g.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let end = (r + cell.rowspan).min(g.rows.len());
            // the cell's rows in runs on one page
            let mut pieces: Vec<(usize, f64, f64)> = Vec::new();
            for k in r..end {
                let (p, top) = at[k];
                match pieces.last_mut() {
                    Some(last) if last.0 == p => last.2 = top + h[k],
                    _ => pieces.push((p, top, top + h[k])),
                }
            }
            let text = &lines[r][c];
            // a label broken by the page: its lines shared between the pieces (042's （四）无 / 法提供), or all
            // in the taller piece
            let split = pieces.len() > 1 && text.len() > 1 && rng.random_bool(0.5);
            let tallest = (0..pieces.len())
                .max_by(|&a, &b| (pieces[a].2 - pieces[a].1).total_cmp(&(pieces[b].2 - pieces[b].1)))
                .unwrap_or(0);
            let per = text.len().div_ceil(pieces.len().max(1));
            for (i, &(p, top, bottom)) in pieces.iter().enumerate() {
                let share: &[String] = match split {
                    true => &text[(i * per).min(text.len())..((i + 1) * per).min(text.len())],
                    false if i == tallest => text,
                    false => &[],
                };
                canvas.cell(
                    p,
                    (edge(cell.col), edge(cell.col + cell.colspan)),
                    (top, bottom),
                    share,
                    size,
                );
            }
        }
    }
}

/// The PDF of a document: its heading lines centred, then its blocks.
pub fn render(rng: &mut ChaCha8Rng, heading: &[String], doc: &Document, style: Style) -> Vec<u8> {
    let mut canvas = Canvas {
        pages: vec![String::new()],
        y: TOP,
        style,
    };
    for line in heading {
        canvas.paragraph(rng, line, true);
    }
    for b in &doc.blocks {
        match b {
            Block::Text(t) => canvas.paragraph(rng, t, false),
            Block::Cells(c, _) => canvas.paragraph(rng, &c.join(" "), false),
            Block::Table(g) => {
                canvas.y += style.size;
                table(&mut canvas, rng, g);
                canvas.y += style.size;
            }
        }
    }
    if rng.random_bool(0.7) {
        for p in 0..canvas.pages.len() {
            let mark = format!("- {} -", p + 1);
            canvas.text(
                p,
                (PAGE_W - width(&mark, style.size)) / 2.0,
                805.0,
                style.size,
                &mark,
                false,
            );
        }
    }
    super::pdf_file::write(&canvas.pages, style.unusable)
}
