//! PDF reports, stage 1 — the text layer: every glyph with its Unicode value and position (hayro-interpret,
//! pure Rust, in process), rebuilt into lines in reading order; a table row's cells stay apart by two spaces,
//! as in PDF-like text, so the text segmenter and recognisers read it like any other text.
//!
//! Word and WPS exports draw bold text twice, a fraction of a point apart (`信信息息`): the second copy is
//! dropped. A page whose glyphs carry no Unicode (Identity-H fonts without ToUnicode, scans) gives no text:
//! such a file is refused with the reason, never read as numbers. Cell grids from the page's ruling lines
//! (lattice) are the next step (issue 15); this reading already places most table rows on one line.

use hayro_cmap::BfString;
use hayro_interpret::font::GlyphRun;
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask,
};
use hayro_syntax::{LoadPdfError, Pdf};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

/// Pages read at most (a report has a few; a 500-page PDF is not one).
const MAX_PAGES: usize = 200;
/// Glyphs read at most, over all pages.
const MAX_GLYPHS: usize = 400_000;
/// What a PDF's Flate streams may decode to, in all: a few megabytes in a real report; a compressed stream
/// that decodes to gigabytes (a decompression bomb) would otherwise be decoded whole into memory.
const MAX_DECODED: u64 = 256 << 20;

/// Bytes the file's Flate-compressed streams decode to, counted without keeping them, up to `limit + 1`.
/// Streams are found by their `stream` / `endstream` keywords, which is enough to bound memory.
fn decoded_size(bytes: &[u8], limit: u64) -> u64 {
    use std::io::Read;
    let mut total = 0u64;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + i + b"stream".len();
        at = start;
        // `endstream` itself, or a keyword inside another word
        if bytes[..start - 6].ends_with(b"end") {
            continue;
        }
        let body = match bytes.get(start..) {
            Some(b) if b.starts_with(b"\r\n") => &b[2..],
            Some(b) if b.starts_with(b"\n") || b.starts_with(b"\r") => &b[1..],
            _ => continue,
        };
        let end = memchr::memmem::find(body, b"endstream").unwrap_or(body.len());
        let budget = limit.saturating_sub(total) + 1;
        let mut sink = std::io::sink();
        let decoded = std::io::copy(
            &mut flate2::read::ZlibDecoder::new(&body[..end]).take(budget),
            &mut sink,
        )
        .unwrap_or(0);
        total += decoded;
        if total > limit {
            break;
        }
    }
    total
}

/// One glyph placed on its page (y grows downwards).
#[derive(Debug, Clone)]
struct Placed {
    x: f64,
    y: f64,
    text: String,
    /// The text-showing operation it came from: glyphs of one run are one string of the page.
    run: usize,
}

/// A vertical ruling line of a page: x, top, bottom (y grows downwards).
#[derive(Debug, Clone, Copy)]
struct Rule {
    x: f64,
    top: f64,
    bottom: f64,
}

#[derive(Default)]
struct Glyphs {
    height: f64,
    placed: Vec<Placed>,
    rules: Vec<Rule>,
    without_unicode: usize,
    runs: usize,
}

impl Glyphs {
    fn page_transform(&self) -> Affine {
        Affine::translate((0.0, self.height)) * Affine::scale_non_uniform(1.0, -1.0)
    }
}

impl Device<'_> for Glyphs {
    /// Table borders: thin tall filled rectangles or stroked vertical lines (Word and WPS draw both).
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'_>, _: &DrawMode) {
        if self.rules.len() >= 20_000 {
            return;
        }
        let b = (self.page_transform() * props.transform * path.clone()).bounding_box();
        if b.width() < 2.5 && b.height() > 4.0 && b.x0.is_finite() && b.y0.is_finite() {
            self.rules.push(Rule {
                x: (b.x0 + b.x1) / 2.0,
                top: b.y0,
                bottom: b.y1,
            });
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        let page = self.page_transform();
        self.runs += 1;
        for g in run.glyphs() {
            if self.placed.len() >= MAX_GLYPHS {
                return;
            }
            let p = page * props.transform * g.transform() * Point::ZERO;
            let text = match g.as_unicode() {
                Some(BfString::Char(c)) => c.to_string(),
                Some(BfString::String(s)) => s,
                None => {
                    self.without_unicode += 1;
                    continue;
                }
            };
            if p.x.is_finite() && p.y.is_finite() {
                self.placed.push(Placed {
                    x: p.x,
                    y: p.y,
                    text,
                    run: self.runs,
                });
            }
        }
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
}

/// The text layer of a PDF, or why there is none.
#[derive(Debug)]
pub struct TextLayer {
    pub text: String,
    pub pages: usize,
    pub notes: Vec<String>,
}

pub fn text_layer(bytes: &[u8]) -> Result<TextLayer, String> {
    if decoded_size(bytes, MAX_DECODED) > MAX_DECODED {
        return Err(format!(
            "its compressed streams decode to more than {} MB (a decompression bomb?); not read",
            MAX_DECODED >> 20
        ));
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => "encrypted PDF (no password)".to_string(),
        LoadPdfError::Invalid => "PDF that cannot be parsed".to_string(),
    })?;
    let cache = InterpreterCache::new();
    let pages = pdf.pages();
    let mut notes = Vec::new();
    if pages.len() > MAX_PAGES {
        notes.push(format!("{} pages: the first {MAX_PAGES} read", pages.len()));
    }
    let (mut text, mut glyphs, mut missing) = (String::new(), 0usize, 0usize);
    for page in pages.iter().take(MAX_PAGES) {
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let mut device = Glyphs {
            height: f64::from(page.render_dimensions().1),
            ..Glyphs::default()
        };
        interpret_page(page, &mut context, &mut device);
        glyphs += device.placed.len();
        missing += device.without_unicode;
        for line in lines(device.placed, &device.rules) {
            text.push_str(&line);
            text.push('\n');
        }
        if glyphs >= MAX_GLYPHS {
            notes.push(format!("more than {MAX_GLYPHS} glyphs: the rest not read"));
            break;
        }
    }
    if glyphs == 0 {
        return Err(if missing > 0 {
            format!("PDF without a text layer: {missing} glyphs carry no Unicode (a font without ToUnicode, or a scan) — OCR is not available")
        } else {
            "PDF without text (scanned pages?) — OCR is not available".to_string()
        });
    }
    if missing > 0 {
        notes.push(format!("{missing} PDF glyphs without Unicode left out"));
    }
    Ok(TextLayer {
        text,
        pages: pages.len().min(MAX_PAGES),
        notes,
    })
}

/// The page's character pitch: the median step between neighbouring glyphs of running text (the size
/// the glyph transforms give is in glyph units, not points).
fn pitch(glyphs: &[Placed]) -> f64 {
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

/// Glyphs of one page → lines, top to bottom; cells of a row apart by two spaces — where the glyphs are far
/// apart, or a vertical ruling of the table runs between them (a number printed close to its label's cell).
fn lines(mut glyphs: Vec<Placed>, rules: &[Rule]) -> Vec<String> {
    // rulings by x, so that those between two glyphs are found by binary search, not a scan per glyph
    let mut rules = rules.to_vec();
    rules.sort_by(|a, b| a.x.total_cmp(&b.x));
    glyphs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    // the character size: the page's pitch (the glyph transforms are in glyph units, not points)
    let em = pitch(&glyphs);
    // Rows: a glyph joins the current row while its baseline is within half a character of the row's.
    let mut rows: Vec<Vec<Placed>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some(row) if (g.y - row[0].y).abs() <= 0.5 * em => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    rows.into_iter()
        .map(|mut row| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut out = String::new();
            let mut prev: Option<&Placed> = None;
            for g in &row {
                if let Some(p) = prev {
                    let gap = g.x - p.x - em * advance(&p.text);
                    // the same glyph drawn again a fraction of a point on (fake bold)
                    if g.text == p.text && (g.x - p.x).abs() < 0.3 * em {
                        continue;
                    }
                    let from = rules.partition_point(|r| r.x <= p.x + 0.2 * em);
                    let to = rules.partition_point(|r| r.x < g.x);
                    let ruled = rules
                        .get(from..to)
                        .is_some_and(|between| between.iter().any(|r| r.top <= g.y && r.bottom >= g.y - 0.5 * em));
                    // one string of the page is one cell, unless spaced out (TJ offsets) or ruled
                    let far = if g.run == p.run { gap > 2.5 * em } else { gap > 1.2 * em };
                    if far || ruled {
                        out.push_str("  ");
                    } else if g.run != p.run && gap > 0.5 * em && is_alnum(&p.text) && is_alnum(&g.text) {
                        out.push(' ');
                    }
                }
                out.push_str(&g.text);
                prev = Some(g);
            }
            out
        })
        .collect()
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
