//! One generated report: its content drawn (agency, year, figures or prose), then published as one file —
//! or, for a few, as two (a page and its text version, the same report crawled twice), whose truth marks
//! the later one in corpus order a `duplicate` of the first.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::{self, BlankStyle, Figures};
use super::files::{binary_file, file, pieces_html};
use super::jurisdiction::{self, Form, Role};
use super::render::{self, Front, Layout, Noise, Piece};
use super::titles::{self, Title};
use super::{chrome, population, prose, report_rng, GenOptions};
use crate::extract::base_meta;
use crate::model::{ParseStatus, Report};

/// One generated file: where it goes, its bytes, and the truth.
pub struct Generated {
    pub path: String,
    pub bytes: Vec<u8>,
    pub truth: Report,
    /// Cross-report and prose defects put in on purpose: (identity, subject), for `truth/planted.parquet`.
    pub planted: Vec<(&'static str, String)>,
}

/// Share of reports also published a second time, in another format.
const TWIN_SHARE: f64 = 0.03;
const TWIN_STREAM: u64 = 0x7477_696e;
/// Share of HTML reports whose tables are published as images (the page carries `<img>` where they are).
const IMAGE_TABLE_SHARE: f64 = 0.01;
const IMAGE_STREAM: u64 = 0x696d_6167;
const STATED_STREAM: u64 = 0x7374_6174;
const COVERAGE_STREAM: u64 = 0x636f_7665;

fn pick_layout(rng: &mut ChaCha8Rng, shares: &[f64; 9]) -> Layout {
    let layouts = [
        Layout::Html,
        Layout::Lines,
        Layout::Pipes,
        Layout::Markdown,
        Layout::Spaces,
        Layout::Flat,
        Layout::Pdf,
        Layout::PdfText,
        Layout::Docx,
    ];
    let total: f64 = shares.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (l, s) in layouts.iter().zip(shares) {
        if x < *s {
            return *l;
        }
        x -= s;
    }
    Layout::Html
}

fn blank_style(rng: &mut ChaCha8Rng, layout: Layout) -> BlankStyle {
    match rng.random_range(0..100) {
        0..=74 => BlankStyle::Zero,
        75..=84 => BlankStyle::Token("."),
        85..=89 if matches!(layout, Layout::Html | Layout::Pdf | Layout::Docx) => BlankStyle::Token(""),
        85..=92 => BlankStyle::Token("-"),
        93..=96 => BlankStyle::Token("—"),
        _ => BlankStyle::Token("/"),
    }
}

/// What a report says, before it is laid out.
enum Content {
    Prose(Vec<Piece>),
    Tables(Box<Figures>),
}

/// Everything the layout needs besides the content.
struct Page<'a> {
    title: &'a Title,
    front: Front<'a>,
    published: &'a str,
    year: i16,
    noise: Noise,
    /// The tables are images (`<img>` in their place).
    image_tables: bool,
}

/// A PDF or DOCX file of a report with tables: the HTML body's paragraphs and cell grids, drawn.
fn publish_binary(rng: &mut ChaCha8Rng, fig: &Figures, layout: Layout, p: &Page) -> (Vec<u8>, &'static str, bool) {
    let body = super::html::body(rng, fig, &p.front, p.year, &p.noise);
    let doc = crate::segment::segment_html(&format!("<html><body>{body}</body></html>"));
    match layout {
        Layout::Docx => {
            let mut doc = doc;
            doc.title = Some(p.title.heading.join(""));
            (super::docx::render(rng, &doc), "docx", true)
        }
        _ => {
            let style = super::pdf::Style::draw(rng, layout == Layout::Pdf);
            let usable = style.unusable.is_none();
            (super::pdf::render(rng, &p.title.heading, &doc, style), "pdf", usable)
        }
    }
}

/// The report's file: its text in `layout` (HTML page or text), and the file extension.
fn publish(rng: &mut ChaCha8Rng, content: &Content, layout: Layout, html: bool, p: &Page) -> (String, &'static str) {
    let line = &p.title.line;
    let text = match content {
        Content::Prose(pieces) => match (layout, html) {
            (Layout::Flat, _) => render::flat(pieces, line, p.published),
            (_, true) => pieces_html(pieces),
            _ => render::pipes(pieces, false),
        },
        Content::Tables(fig) if layout == Layout::Html => {
            let body = super::html::body(rng, fig, &p.front, p.year, &p.noise);
            if p.image_tables {
                super::html::tables_as_images(&body, p.year, rng)
            } else {
                body
            }
        }
        Content::Tables(fig) => {
            let pieces = render::body(rng, fig, &p.front, p.year, &p.noise);
            match layout {
                Layout::Lines => render::lines(rng, &pieces),
                Layout::Pipes => render::pipes(&pieces, false),
                Layout::Markdown => render::pipes(&pieces, true),
                Layout::Spaces => render::spaces(rng, &pieces),
                _ => render::flat(&pieces, line, p.published),
            }
        }
    };
    if html {
        let charset = if rng.random_range(0..100) < 80 {
            "utf-8"
        } else {
            "gb2312"
        };
        let target = rng.random_range(20_000..300_000);
        let ext = ["html", "htm", "shtml"][rng.random_range(0..3)];
        (chrome::page(rng, p.title, p.published, &text, charset, target), ext)
    } else if layout == Layout::Flat {
        (text, "txt")
    } else {
        let heading = p.title.heading.join("\n");
        let head = format!(
            "首页 > 政府信息公开 > 政府信息公开年报\n{heading}\n发布时间：{}\n",
            p.published
        );
        (head + &text, if layout == Layout::Markdown { "md" } else { "txt" })
    }
}

/// The report `i` of the corpus: one file, or two for a report published twice.
pub fn generate(opts: &GenOptions, i: usize) -> Vec<Generated> {
    let role = jurisdiction::role(opts, i);
    let mut rng = report_rng(opts.seed, i);
    let drawn_year = rng.random_range(opts.first_year..=opts.last_year);
    let mut drawn = population::draw(&mut rng, drawn_year);
    // a plain report is no member of a summary it is not summed in
    for _ in 0..8 {
        if !matches!(role, Role::Plain) || !jurisdiction::inside_summary(opts, &drawn, drawn_year) {
            break;
        }
        drawn = population::draw(&mut rng, drawn_year);
    }
    let in_series = match role {
        Role::Plain => super::series::member(opts, i),
        _ => None,
    };
    let (year, agency) = match (&role, &in_series) {
        (_, Some((s, t))) => (s.first_year + *t as i16, s.agency.clone()),
        (Role::Plain, None) => (drawn_year, drawn),
        (Role::Summary(g), _) => (g.year, g.agency()),
        (Role::Member(g, slot), _) => (g.year, g.member(*slot, &mut rng)),
    };
    let grouped = !matches!(role, Role::Plain) || in_series.is_some();
    let mut planted: Vec<(&'static str, String)> = Vec::new();
    // Templates by year, with the documented exception: the old 2019 layout reused in 2021–2022.
    let t2021 = year >= 2021 && !(year <= 2022 && !grouped && rng.random_bool(0.02));
    let pre2019 = year <= 2018;
    let layout = if pre2019 {
        if rng.random_bool(0.25) {
            Layout::Flat
        } else {
            Layout::Prose
        }
    } else {
        pick_layout(&mut rng, &opts.layout_shares)
    };
    let html = layout == Layout::Html || (layout == Layout::Prose && rng.random_bool(0.6));
    let image_tables = !grouped
        && !pre2019
        && layout == Layout::Html
        && report_rng(opts.seed ^ IMAGE_STREAM, i).random_bool(IMAGE_TABLE_SHARE);
    let twin = !grouped && !image_tables && report_rng(opts.seed ^ TWIN_STREAM, i).random_bool(TWIN_SHARE);
    let noise = Noise {
        variants: opts.variants,
        fullwidth_digits: layout != Layout::Flat && rng.random_bool(0.05),
    };
    let month = rng.random_range(1..=3);
    let day = rng.random_range(1..=28);
    let published = format!("{}-{month:02}-{day:02}", year + 1);
    let du = rng.random_bool(0.7);
    let title = match &role {
        Role::Summary(g) if g.form == Form::WholeTitle => {
            titles::whole(g.jurisdiction.name, &g.jurisdiction.whole, year)
        }
        _ => titles::draw(opts.seed, i, &agency.name, year, du, !pre2019 && !grouped),
    };
    let (preamble, whole) = match &role {
        Role::Summary(g) => (
            g.preamble(&mut rng),
            g.whole_count.then(|| g.jurisdiction.whole.clone()),
        ),
        _ => (title.preamble.clone(), None),
    };

    let mut truth = Report::empty(base_meta("", b"", 0));
    let mut stated: Option<String> = None;
    let (content, template) = if pre2019 {
        let with_table = agency.province == Some("福建省") || rng.random_bool(0.15);
        let (pieces, t) = prose::body(&mut rng, &agency, year, with_table);
        truth.applications = t.apps;
        truth.proactive = t.proactive;
        (Content::Prose(pieces), "pre2019")
    } else {
        let mut blank = blank_style(&mut rng, layout);
        if twin && blank == BlankStyle::Token("") {
            blank = BlankStyle::Zero; // the text version of an empty cell would print nothing at all
        }
        let defects = if grouped { 0.0 } else { opts.defects };
        let fig = match (&role, &in_series) {
            (_, Some((s, t))) => {
                let (fig, p) = super::series::figures_for(opts, s, *t, blank);
                planted.extend(p);
                fig
            }
            (Role::Summary(g), _) => {
                let mut members: Vec<Report> = g
                    .members
                    .iter()
                    .filter_map(|&j| generate(opts, j).into_iter().next().map(|m| m.truth))
                    .collect();
                let mut cover = report_rng(opts.seed ^ COVERAGE_STREAM, i);
                // agencies of the jurisdiction whose reports the corpus does not hold
                for k in 0..cover.random_range(0..3usize) {
                    if cover.random_bool(0.4) {
                        let a = g.member(k + 1, &mut cover);
                        let f = figures::draw(&mut cover, &a, year, t2021, BlankStyle::Zero, 0.0);
                        let mut absent = Report::empty(base_meta("", b"", 0));
                        absent.applications = f.apps;
                        absent.reviews = Some(f.reviews);
                        absent.proactive = f.proactive;
                        members.push(absent);
                    }
                }
                // a member's report left out of the summary (it came late): its figures are missing
                if members.len() > 1 && cover.random_bool(jurisdiction::MISSING_MEMBER) {
                    let k = cover.random_range(1..g.members.len().min(members.len()));
                    let gone = members.remove(k);
                    let nonzero = gone.applications.iter().any(|r| r.cells[6].value.unwrap_or(0) > 0);
                    if nonzero {
                        planted.push(("summary_members", "all".to_string()));
                    }
                }
                jurisdiction::summed(&members, t2021)
            }
            _ => figures::draw(&mut rng, &agency, year, t2021, blank, defects),
        };
        if !matches!(role, Role::Summary(_)) {
            let st = super::stated::sentence(&mut report_rng(opts.seed ^ STATED_STREAM, i), &fig, year);
            truth.figures = st.figures;
            planted.extend(st.planted.map(|k| ("prose_vs_table", k.to_string())));
            stated = Some(st.sentence);
        }
        truth.applications = fig.apps.clone();
        truth.reviews = Some(fig.reviews);
        truth.proactive = fig.proactive.clone();
        truth.meta.warnings = fig.defect.map(|d| format!("defect: {}", d.name()));
        let t = if fig.t2021 { "t2021" } else { "t2019" };
        (Content::Tables(Box::new(fig)), t)
    };
    let aside = aside(&mut rng, &agency, !matches!(role, Role::Summary(_)));
    let page = Page {
        title: &title,
        front: Front {
            agency: &agency.name,
            preamble,
            whole,
            aside,
            stated,
        },
        published: &published,
        year,
        noise,
        image_tables,
    };
    let mut twin_rng = rng.clone();
    let binary = match &content {
        Content::Tables(fig) if matches!(layout, Layout::Pdf | Layout::PdfText | Layout::Docx) => {
            Some(publish_binary(&mut rng, fig, layout, &page))
        }
        _ => None,
    };
    let (text, ext) = match &binary {
        Some((_, ext, _)) => (String::new(), *ext),
        None => publish(&mut rng, &content, layout, html, &page),
    };

    let m = &mut truth.meta;
    m.template = template.to_string();
    m.report_year = Some(year);
    m.published_date = chrono::NaiveDate::parse_from_str(&published, "%Y-%m-%d")
        .ok()
        .and_then(|d| chrono::NaiveDate::from_ymd_opt(1970, 1, 1).map(|e| (d - e).num_days() as i32));
    m.agency = Some(agency.name.clone());
    m.admin_level = agency.level.to_string();
    m.agency_kind = Some(agency.kind.to_string());
    m.province = agency.province.map(String::from);
    m.prefecture = agency.prefecture.map(String::from);
    m.county = agency.county.map(String::from);
    m.parse_status = ParseStatus::Ok;
    m.title = Some(title.line.clone());
    m.scope = Some(
        if matches!(role, Role::Summary(_)) {
            "jurisdiction"
        } else {
            "agency"
        }
        .to_string(),
    );
    if image_tables {
        // the page reads as a report, its numbers are in the images: nothing to extract until OCR
        let meta = truth.meta.clone();
        truth = Report::empty(meta);
        truth.meta.parse_status = ParseStatus::NeedsOcr;
        truth.meta.warnings = None;
        // the template shows only in the tables' labels
        truth.meta.template = "unknown".into();
    }
    let stem = format!("{year}/{}/{i:06}", agency.level);
    let mut main = match binary {
        Some((bytes, ext, usable)) => binary_file(truth.clone(), &stem, ext, layout, bytes, usable),
        None => file(&mut rng, truth.clone(), &stem, ext, layout, &text, html),
    };
    // a file with nothing to read (a scan, tables as images) holds no defect to find
    if main.truth.meta.parse_status == ParseStatus::Ok {
        main.planted = planted.clone();
    } else {
        main.truth.figures.clear();
    }
    if !twin {
        return vec![main];
    }
    // a PDF without a usable text layer and its page are not the same content to a reader: both are kept
    let unusable = main.truth.meta.parse_status == ParseStatus::NeedsOcr;
    // The same report in the other format: a page's text version, or a text's page.
    let (alt, alt_html) = match (pre2019, html) {
        (_, true) => (Layout::Flat, false),
        (true, false) => (Layout::Prose, true),
        (false, false) => (Layout::Html, true),
    };
    let (alt_text, alt_ext) = publish(&mut twin_rng, &content, alt, alt_html, &page);
    let mut second = file(&mut twin_rng, truth, &stem, alt_ext, alt, &alt_text, alt_html);
    second.planted = planted;
    if unusable {
        return vec![main, second];
    }
    mark_twins(main, second)
}

/// For some governments' own reports, a sentence on the whole jurisdiction that counts something else — as
/// real ones do (Pingtan 2014: `区县已入驻审批服务部门和单位13个…共受理申请121510件`; `推进全市政务公开`).
fn aside(rng: &mut ChaCha8Rng, a: &population::Agency, own: bool) -> Option<String> {
    let place = match a.level {
        "county" => a.county?,
        "prefecture" => a.prefecture?,
        _ => return None,
    };
    let last = place.chars().last().filter(|c| "市县区州旗盟".contains(*c))?;
    if !own || a.kind == "department" || !rng.random_bool(0.3) {
        return None;
    }
    let n = rng.random_range(100..200_000);
    Some(match rng.random_range(0..3) {
        0 => format!("全{last}政务服务中心共受理各类办件申请{n}件，办结率100%。"),
        1 => format!("持续推进全{last}政务公开标准化规范化建设，全{last}12345热线共受理群众诉求{n}件。"),
        _ => format!("统筹指导全{last}各部门做好政府信息公开工作，全{last}各级行政机关主动公开政府信息{n}条。"),
    })
}

/// The first of the two in corpus order is kept; the other is its `duplicate`, without table rows.
fn mark_twins(a: Generated, b: Generated) -> Vec<Generated> {
    let (kept, mut dup) = if crate::run::corpus_order(&a.path, &b.path).is_le() {
        (a, b)
    } else {
        (b, a)
    };
    let meta = dup.truth.meta.clone();
    dup.truth = Report::empty(meta);
    dup.truth.meta.parse_status = ParseStatus::Duplicate;
    dup.truth.meta.duplicate_of = Some(kept.truth.meta.report_id.clone());
    dup.truth.meta.warnings = None;
    dup.planted.clear();
    vec![kept, dup]
}
