//! PDF reports, stage 1 — read & decode: every glyph of the text layer with its Unicode value and position,
//! the page's ruling lines and how much of it images cover (hayro-interpret, pure Rust, in process). The
//! segmenter ([`crate::segment::segment_pdf`]) rebuilds lines and cell grids from them.
//!
//! A page whose glyphs carry no Unicode (Identity-H fonts without ToUnicode) or whose text is implausible
//! (private-use and control code points), and a page that is one image with a few glyphs (a scan), give
//! no text: such a file needs OCR and is refused with the reason, never read as numbers.

use hayro_cmap::BfString;
use hayro_interpret::font::GlyphRun;
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, SoftMask,
};
use hayro_syntax::{LoadPdfError, Pdf};
use kurbo::{Affine, BezPath, Point, Rect, Shape};

mod bomb;
use bomb::decoded_size;

/// Pages read at most (a report has a few; a 500-page PDF is not one).
const MAX_PAGES: usize = 200;
/// Glyphs read at most, over all pages.
const MAX_GLYPHS: usize = 400_000;
/// What a PDF's Flate streams may decode to, in all: a few megabytes in a real report; a compressed stream
/// that decodes to gigabytes (a decompression bomb) would otherwise be decoded whole into memory.
pub(crate) const MAX_DECODED: u64 = 256 << 20;

/// Rulings kept per page at most (a table page has tens to a few hundred).
const MAX_RULES: usize = 20_000;
/// Time spent on one file at most: pages after it are not read (checked between pages).
const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(20);

/// One glyph placed on its page: the origin of its baseline (y grows downwards).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    pub text: String,
    /// The text-showing operation it came from: glyphs of one run are one string of the page.
    pub run: usize,
    /// The character size, measured as the step between the run's glyphs (none for a run of one glyph).
    pub size: Option<f64>,
}

/// Advance of a glyph in ems: CJK and full-width forms are square, Latin letters and digits about half.
pub fn advance(text: &str) -> f64 {
    match text.chars().next() {
        Some(c) if c.is_ascii() => 0.5,
        _ => 1.0,
    }
}

/// The median character size of a run's glyphs, from the steps between them.
fn run_size(glyphs: &[Glyph]) -> Option<f64> {
    let mut sizes: Vec<f64> = glyphs
        .windows(2)
        .filter(|w| (w[1].y - w[0].y).abs() < 0.5)
        .map(|w| (w[1].x - w[0].x) / advance(&w[0].text))
        .filter(|s| *s > 2.0 && *s < 60.0)
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied()
}

/// A ruling line of a page (a thin filled rectangle or a stroked axis-aligned segment), as its box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn is_vertical(&self) -> bool {
        self.y1 - self.y0 > self.x1 - self.x0
    }
}

/// What one page holds.
#[derive(Debug, Default, Clone)]
pub struct Page {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Share of the page that images cover (0–1, overlaps counted twice, capped at 1).
    pub image_cover: f64,
}

/// The pages of a PDF that has a usable text layer.
#[derive(Debug, Default, Clone)]
pub struct Layer {
    pub pages: Vec<Page>,
    pub notes: Vec<String>,
}

/// Why a PDF gives no text.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Not readable at all (unparsable, encrypted, a bomb).
    Unreadable(String),
    /// Pages without a usable text layer: scans, or fonts whose glyphs carry no (or no plausible) Unicode.
    NeedsOcr(String),
}

#[derive(Default)]
struct Collect {
    page: Page,
    without_unicode: usize,
    runs: usize,
    budget: usize,
}

impl Collect {
    fn page_transform(&self) -> Affine {
        Affine::translate((0.0, self.page.height)) * Affine::scale_non_uniform(1.0, -1.0)
    }

    fn push_rule(&mut self, b: Rect) {
        let thin = b.width().min(b.height()) < 2.5 && b.width().max(b.height()) > 4.0;
        if thin && b.x0.is_finite() && b.y0.is_finite() && self.page.rules.len() < MAX_RULES {
            self.page.rules.push(Rule {
                x0: b.x0,
                y0: b.y0,
                x1: b.x1,
                y1: b.y1,
            });
        }
    }

    /// The glyphs of a run with their Unicode values, placed on the page.
    fn glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, page: Affine) {
        for g in run.glyphs() {
            if self.page.glyphs.len() >= self.budget {
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
                self.page.glyphs.push(Glyph {
                    x: p.x,
                    y: p.y,
                    text,
                    run: self.runs,
                    size: None,
                });
            }
        }
    }
}

impl Device<'_> for Collect {
    /// Table borders: thin filled rectangles (Word, WPS), or the axis-aligned segments of stroked paths
    /// (`re S` boxes, `m l S` lines). A large fill (a shaded cell, a page background) is no ruling.
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'_>, mode: &DrawMode) {
        let path = self.page_transform() * props.transform * path.clone();
        match mode {
            DrawMode::Fill(_) => self.push_rule(path.bounding_box()),
            DrawMode::Invisible => {}
            _ => {
                for seg in path.segments() {
                    if let kurbo::PathSeg::Line(l) = seg {
                        let (dx, dy) = ((l.p1.x - l.p0.x).abs(), (l.p1.y - l.p0.y).abs());
                        if dx < 0.5 || dy < 0.5 {
                            self.push_rule(Rect::from_points(l.p0, l.p1));
                        }
                    }
                }
            }
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, '_>, props: DrawProps<'_>, _: &DrawMode) {
        let page = self.page_transform();
        self.runs += 1;
        let first = self.page.glyphs.len();
        self.glyph_run(run, props, page);
        let size = run_size(&self.page.glyphs[first..]);
        self.page.glyphs[first..].iter_mut().for_each(|g| g.size = size);
    }
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
    fn draw_image(&mut self, image: Image<'_, '_>, props: ImageDrawProps<'_>) {
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let b = (self.page_transform() * props.transform * Rect::new(0.0, 0.0, w, h).to_path(0.1)).bounding_box();
        let page = (self.page.width * self.page.height).max(1.0);
        let area = b
            .intersect(Rect::new(0.0, 0.0, self.page.width, self.page.height))
            .area();
        if area.is_finite() {
            self.page.image_cover = (self.page.image_cover + area / page).min(1.0);
        }
    }
}

/// A code point a text layer of a Chinese report plausibly holds: not a control, private-use or
/// replacement character (what fonts without a real ToUnicode map produce).
fn plausible(c: char) -> bool {
    !(c.is_control() || ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}' || c >= '\u{F0000}')
}

/// A page that is a scan: an image covering most of it and next to no text.
fn is_scan(page: &Page) -> bool {
    page.image_cover > 0.5 && page.glyphs.len() < 30
}

pub fn read(bytes: &[u8]) -> Result<Layer, Refusal> {
    if decoded_size(bytes, MAX_DECODED) > MAX_DECODED {
        return Err(Refusal::Unreadable(format!(
            "its compressed streams decode to more than {} MB (a decompression bomb?); not read",
            MAX_DECODED >> 20
        )));
    }
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| {
        Refusal::Unreadable(match e {
            LoadPdfError::Decryption(_) => "encrypted PDF (no password)".to_string(),
            LoadPdfError::Invalid => "PDF that cannot be parsed".to_string(),
        })
    })?;
    let started = std::time::Instant::now();
    let cache = InterpreterCache::new();
    let pages = pdf.pages();
    let mut layer = Layer::default();
    if pages.len() > MAX_PAGES {
        layer
            .notes
            .push(format!("{} pages: the first {MAX_PAGES} read", pages.len()));
    }
    let (mut glyphs, mut missing, mut scans) = (0usize, 0usize, Vec::new());
    for (i, page) in pages.iter().take(MAX_PAGES).enumerate() {
        if started.elapsed() > TIME_BUDGET {
            layer.notes.push(format!(
                "time budget of {} s spent: pages after {i} not read",
                TIME_BUDGET.as_secs()
            ));
            break;
        }
        let mut context = Context::new(
            Affine::IDENTITY,
            Rect::new(0.0, 0.0, 1.0, 1.0),
            &cache,
            pdf.xref(),
            InterpreterSettings::default(),
        );
        let (width, height) = page.render_dimensions();
        let mut device = Collect {
            page: Page {
                width: f64::from(width),
                height: f64::from(height),
                ..Page::default()
            },
            budget: MAX_GLYPHS - glyphs,
            ..Collect::default()
        };
        interpret_page(page, &mut context, &mut device);
        glyphs += device.page.glyphs.len();
        missing += device.without_unicode;
        if is_scan(&device.page) {
            scans.push(i + 1);
        }
        layer.pages.push(device.page);
        if glyphs >= MAX_GLYPHS {
            layer
                .notes
                .push(format!("more than {MAX_GLYPHS} glyphs: the rest not read"));
            break;
        }
    }
    let chars = layer.pages.iter().flat_map(|p| &p.glyphs).flat_map(|g| g.text.chars());
    let (total, bad) = chars.fold((0usize, 0usize), |(t, b), c| (t + 1, b + usize::from(!plausible(c))));
    if glyphs == 0 || bad * 2 > total {
        let why = if !scans.is_empty() {
            format!(
                "scanned pages ({} of {} are images with no text layer)",
                scans.len(),
                layer.pages.len()
            )
        } else if missing > 0 {
            format!("{missing} glyphs carry no Unicode (a font without ToUnicode)")
        } else if bad > 0 {
            format!("{bad} of {total} characters are private-use or control code points (a font without a usable ToUnicode map)")
        } else {
            "no text on any page".to_string()
        };
        return Err(Refusal::NeedsOcr(format!("PDF without a usable text layer: {why}")));
    }
    if missing > 0 {
        layer
            .notes
            .push(format!("{missing} PDF glyphs without Unicode left out"));
    }
    if !scans.is_empty() {
        let list: Vec<String> = scans.iter().map(usize::to_string).collect();
        layer.notes.push(format!(
            "PDF pages {} are images with no text layer (scans): their content needs OCR",
            list.join(", ")
        ));
    }
    Ok(layer)
}
