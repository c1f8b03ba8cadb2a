//! Turning [`Figures`] into report text: the three tables as a sequence of headings and cell rows, then
//! laid out as one cell per line, pipe rows, markdown, PDF-like space-separated text or glued-cell crawler
//! text. (HTML is in `html.rs`; pre-2019 prose in `prose.rs`.)

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::{BlankStyle, Defect, Figures};
use super::labels::{self, variant};
use crate::model::Cell;

/// Layouts the generator writes; the names are those of `reports.layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Html,
    Lines,
    Pipes,
    Markdown,
    Spaces,
    Flat,
    Prose,
    /// A PDF with ruled tables (`pdf_table`).
    Pdf,
    /// A PDF whose tables have no rulings (`pdf_text`).
    PdfText,
    Docx,
}

impl Layout {
    pub fn name(self) -> &'static str {
        match self {
            Layout::Html => "html_table",
            Layout::Lines => "lines",
            Layout::Pipes => "pipes",
            Layout::Markdown => "markdown",
            Layout::Spaces => "spaces",
            Layout::Flat => "flat",
            Layout::Prose => "prose",
            Layout::Pdf => "pdf_table",
            Layout::PdfText => "pdf_text",
            Layout::Docx => "docx_table",
        }
    }
}

/// A piece of the report body.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Para(String),
    /// A table row; `None` cells are not printed at all (a missing cell).
    Row(Vec<Option<String>>),
}

pub struct Noise {
    /// Probability of a label variant instead of the canonical label.
    pub variants: f64,
    pub fullwidth_digits: bool,
}

fn digits(s: &str, fullwidth: bool) -> String {
    if !fullwidth {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// The printed text of a numeric cell.
pub fn cell_text(c: &Cell, blank: BlankStyle, noise: &Noise) -> String {
    match (c.value, blank) {
        (Some(v), _) => digits(&v.to_string(), noise.fullwidth_digits),
        (None, BlankStyle::Token(t)) => t.to_string(),
        (None, BlankStyle::Zero) => String::new(),
    }
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// The Article 20 table as rows.
pub fn article20_rows(rng: &mut ChaCha8Rng, fig: &Figures, noise: &Noise) -> Vec<Piece> {
    let blocks = if fig.t2021 {
        labels::ARTICLE20_2021
    } else {
        labels::ARTICLE20_2019
    };
    let mut out = Vec::new();
    for b in blocks {
        out.push(Piece::Row(vec![s(b.title)]));
        let mut head = vec![s("信息内容")];
        head.extend(b.headers.iter().map(|h| s(variant(rng, h, noise.variants))));
        out.push(Piece::Row(head));
        for (item, label) in b.items {
            let mut row = vec![s(label)];
            for m in labels::measures(item, fig.t2021) {
                let raw = fig
                    .proactive
                    .iter()
                    .find(|c| c.item == *item && c.measure == *m)
                    .and_then(|c| c.raw.clone());
                row.push(Some(digits(&raw.unwrap_or_default(), noise.fullwidth_digits)));
            }
            out.push(Piece::Row(row));
        }
    }
    out
}

/// The applications table as rows: header rows, then each data row with its group label in front of the
/// group's first row.
pub fn applications_rows(rng: &mut ChaCha8Rng, fig: &Figures, noise: &Noise) -> Vec<Piece> {
    let mut out = vec![
        Piece::Row(vec![s(labels::BALANCE_NOTE), s("申请人情况")]),
        Piece::Row(vec![
            s("自然人"),
            s("法人或其他组织"),
            s(variant(rng, labels::REQUESTER_HEADERS[6], noise.variants)),
        ]),
        Piece::Row(
            labels::REQUESTER_HEADERS[1..6]
                .iter()
                .map(|h| s(variant(rng, h, noise.variants)))
                .collect(),
        ),
    ];
    let mut last_group = None;
    for (i, (row, printed)) in labels::rows(fig.t2021).iter().zip(&fig.apps).enumerate() {
        let mut cells = Vec::new();
        if row.group.is_some() && row.group != last_group {
            cells.push(row.group.map(String::from));
        }
        last_group = row.group;
        cells.push(s(variant(rng, row.labels, noise.variants)));
        for (col, c) in printed.cells.iter().enumerate() {
            let missing = fig.defect == Some(Defect::MissingCell { row: i, col });
            cells.push((!missing).then(|| cell_text(c, fig.blank, noise)));
        }
        out.push(Piece::Row(cells));
    }
    out
}

/// The review / litigation table as rows.
pub fn reviews_rows(fig: &Figures, noise: &Noise) -> Vec<Piece> {
    let outcomes: Vec<Option<String>> = labels::REVIEW_OUTCOMES.iter().map(|o| s(o[0])).collect();
    let mut head2 = outcomes.clone();
    head2.extend([s("未经复议直接起诉"), s("复议后起诉")]);
    let mut head3 = outcomes.clone();
    head3.extend(outcomes);
    let values = fig
        .reviews
        .iter()
        .flatten()
        .map(|c| Some(cell_text(c, fig.blank, noise)))
        .collect();
    vec![
        Piece::Row(vec![s("行政复议"), s("行政诉讼")]),
        Piece::Row(head2),
        Piece::Row(head3),
        Piece::Row(values),
    ]
}

/// Who speaks in a report's opening: the agency, the preamble where it differs from the plain one (an
/// agency named only there, a summary's 汇总…编制 sentence), and for a jurisdiction summary the whole it
/// counts (`全市`).
pub struct Front<'a> {
    pub agency: &'a str,
    pub preamble: Option<String>,
    pub whole: Option<String>,
    /// A sentence of the overview that mentions the whole jurisdiction without counting its applications
    /// (`全区政务服务中心共受理各类办件申请121510件`): what an agency's own report says, not a summary.
    pub aside: Option<String>,
    /// The sentence that states the applications again (`super::stated`); the plain one where `None`.
    pub stated: Option<String>,
}

/// A summary's jurisdiction-wide count, phrased as real summaries do (`全市共受理政府信息公开申请3119件`).
fn whole_count(rng: &mut ChaCha8Rng, whole: &str, year: i16, received: i64, processed: i64) -> String {
    match rng.random_range(0..4) {
        0 => format!("{year}年，{whole}共受理政府信息公开申请{received}件，答复{processed}件。"),
        1 => format!("{year}年，{whole}各级行政机关共收到政府信息公开申请{received}件，办结{processed}件。"),
        2 => format!("{whole}全年共新收政府信息公开申请 {received} 件，已全部依法答复{processed}件。"),
        _ => format!("{year}年{whole}共收到政府信息公开申请{received}件。"),
    }
}

/// The body of a post-2019 report: preamble, the six sections, the three tables.
pub fn body(rng: &mut ChaCha8Rng, fig: &Figures, front: &Front, year: i16, noise: &Noise) -> Vec<Piece> {
    let agency = front.agency;
    let h = |rng: &mut ChaCha8Rng, i: usize| {
        Piece::Para(variant(rng, labels::SECTION_HEADINGS[i], noise.variants).to_string())
    };
    let total = |key: &str| {
        fig.apps
            .iter()
            .find(|r| r.key == key)
            .and_then(|r| r.cells[6].value)
            .unwrap_or(0)
    };
    let preamble = front
        .preamble
        .clone()
        .unwrap_or_else(|| "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。".to_string());
    let overview = match &front.whole {
        Some(w) => format!(
            "{}{}",
            whole_count(rng, w, year, total("new_received"), total("total_processed")),
            super::chrome::filler(rng, 120)
        ),
        None => match &front.stated {
            Some(st) => format!(
                "{year}年，{agency}深入贯彻落实《条例》，扎实推进政府信息公开工作。{st}{}{}",
                front.aside.as_deref().unwrap_or_default(),
                super::chrome::filler(rng, 120)
            ),
            None => format!(
                "{year}年，{agency}深入贯彻落实《条例》，全年共收到政府信息公开申请{}件，办结{}件，结转下年度继续办理{}件。{}{}",
                total("new_received"),
                total("total_processed"),
                total("carried_forward"),
                front.aside.as_deref().unwrap_or_default(),
                super::chrome::filler(rng, 120)
            ),
        },
    };
    let mut out = vec![
        Piece::Para(format!(
            "{preamble}本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        )),
        h(rng, 0),
        Piece::Para(overview),
        h(rng, 1),
    ];
    out.extend(article20_rows(rng, fig, noise));
    out.push(h(rng, 2));
    out.extend(applications_rows(rng, fig, noise));
    out.push(h(rng, 3));
    out.extend(reviews_rows(fig, noise));
    out.push(h(rng, 4));
    out.push(Piece::Para(super::chrome::filler(rng, 80)));
    out.push(h(rng, 5));
    out.push(Piece::Para("无。".into()));
    out
}

fn cells_of(row: &[Option<String>]) -> Vec<&str> {
    row.iter().filter_map(|c| c.as_deref()).collect()
}

/// One cell per line (blank lines between cells in some reports, a trailing " |" in others).
pub fn lines(rng: &mut ChaCha8Rng, pieces: &[Piece]) -> String {
    let gap = rng.random_bool(0.5);
    let bar = rng.random_bool(0.3);
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Para(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Piece::Row(r) => {
                for c in cells_of(r) {
                    out.push_str(c);
                    if bar {
                        out.push_str(" |");
                    }
                    out.push('\n');
                    if gap {
                        out.push('\n');
                    }
                }
            }
        }
    }
    out
}

/// `label | v | v | … |` rows (with the trailing empty cells spans leave).
pub fn pipes(pieces: &[Piece], markdown: bool) -> String {
    let mut out = String::new();
    let mut header_rule = markdown;
    for p in pieces {
        match p {
            Piece::Para(t) => {
                out.push_str(t);
                out.push('\n');
                header_rule = markdown;
            }
            Piece::Row(r) => {
                let cells = cells_of(r);
                if markdown {
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if header_rule {
                        out.push_str(&format!("|{}\n", "---|".repeat(cells.len())));
                        header_rule = false;
                    }
                } else {
                    out.push_str(&format!("{} | |\n", cells.join(" | ")));
                }
            }
        }
    }
    out
}

/// PDF text: a row per line, cells separated by spaces; group labels sometimes printed vertically, long
/// labels wrapped, page markers between pages.
pub fn spaces(rng: &mut ChaCha8Rng, pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut page = 1;
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 && i % 40 == 0 {
            page += 1;
            out.push_str(&format!("- {page} -\n"));
        }
        match p {
            Piece::Para(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Piece::Row(r) => {
                let cells = cells_of(r);
                let vertical = cells.first().is_some_and(|c| *c == "三、本年度办理结果") && rng.random_bool(0.5);
                let wrap_at = cells
                    .first()
                    .and_then(|c| c.find("只计这一情"))
                    .filter(|_| rng.random_bool(0.5));
                if vertical {
                    out.push_str("三、\n");
                    for ch in "本年度办理结果".chars() {
                        out.push(ch);
                        out.push('\n');
                    }
                    out.push_str(&cells[1..].join(" "));
                } else if let Some(at) = wrap_at {
                    // A long label wrapped by the PDF layout: the numbers follow its second line.
                    let cut = at + "只计这一情".len();
                    out.push_str(&cells[0][..cut]);
                    out.push('\n');
                    out.push_str(&cells[0][cut..]);
                    out.push(' ');
                    out.push_str(&cells[1..].join(" "));
                } else {
                    out.push_str(&cells.join(" "));
                }
                out.push('\n');
            }
        }
    }
    out
}

/// Glued-cell crawler text: a header block, then the whole body on one line with no separators.
pub fn flat(pieces: &[Piece], title: &str, published: &str) -> String {
    let mut body = String::new();
    for p in pieces {
        match p {
            Piece::Para(t) => body.push_str(t),
            Piece::Row(r) => {
                for c in cells_of(r) {
                    body.push_str(c);
                }
            }
        }
    }
    format!(
        "标题: {title}\n发布时间: {published}\n栏目: 政府信息公开年报\n==================== 正文 ====================\n当前位置： 首页政务公开政府信息公开年报 {title} 来源：本站 {body}\n"
    )
}
