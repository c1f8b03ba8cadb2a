//! The report title: every line that reads as one, what each gives (agency, year), and which is taken.
//!
//! Forms read (spec and real pages): `X YYYY年(度)政府信息公开工作年度报告`, `X关于YYYY年度…工作的年度报告`,
//! `…年度报告的报告`, `X YYYY年度政府信息公开年报`, `YYYY年X政府信息公开工作年度报告`, spaces around the year
//! (PDF text), the agency alone on the line above the rest (PDF text, Word headings), and headings without
//! a year (`X政府信息公开工作年度报告`, the year then comes from the 统计期限 sentence).
//!
//! Candidates, in this order: the document title (`<title>` or a `标题:` header), the first 80 blocks, the
//! file name (crawlers name files after the page title). The first candidate **that names an agency** is
//! taken ([`choose`]); the year is its year, else the first candidate's with one. Candidates that name
//! another agency or year are reported in the warnings, never merged.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Block, Document, Origin};

/// Where a title candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleSource {
    /// The `<title>` tag or a `标题:` header line.
    Title,
    Block(usize),
    /// The file's name.
    FileName,
}

impl TitleSource {
    pub fn describe(self) -> String {
        match self {
            TitleSource::Title => "title".into(),
            TitleSource::Block(b) => format!("block {b}"),
            TitleSource::FileName => "file name".into(),
        }
    }
}

/// A line that reads as a report title, and what it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleMatch {
    pub source: TitleSource,
    /// The matched part of the line (with the agency line above prepended, for two-line titles).
    pub title: String,
    pub agency: Option<String>,
    pub year: Option<i16>,
}

/// Candidates matched at most: the title tag, a heading and a few more are plenty to choose and compare.
pub const MAX_MATCHES: usize = 6;

/// A regex compiled once (the patterns are constants: a bad one is a bug, caught by the tests).
pub(super) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap_or_else(|e| panic!("valid regex {pattern}: {e}")))
}

/// `<agency>(关于)<year>年(度)<agency>(政府)信息公开(工作)(的)(年度)报告(的报告)`, spaces allowed around the
/// year (PDF text: `洪泽区人民政府 2023 年政府信息公开工作年度报告`).
fn title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?P<pre>[^\s>|:：,，。]*?)\s*(?P<year>(?:19|20)\d{2})\s*年度?(?P<post>[^\s>|:：,，。]*?)(?:政府|政务)?信息公开(?:工作)?的?(?:年度)?(?:工作)?(?:报告|年报)(?:的报告)?",
    )
}

/// A heading that names no year: the whole line is `<agency>(政府)信息公开(工作)年度报告`.
fn yearless_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?P<pre>\p{Han}[\p{Han}（）()]{1,39}?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:工作)?(?:报告|年报)$",
    )
}

/// An agency name from the text before or after the year: `关于` and `的` trimmed, a crawler's prefix
/// (`zwgk/…/80576_`) dropped; at least two Han characters.
pub fn clean_agency(s: &str) -> Option<String> {
    let s = s.rsplit(['/', '_', '\\']).next().unwrap_or(s);
    let s = s
        .trim_start_matches("关于")
        .trim_end_matches("关于")
        .trim_end_matches('的');
    let han = s.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    (han >= 2 && s.chars().count() <= 40).then(|| s.to_string())
}

/// Whether the gazetteer places a name (a division, or a central agency): the test for names that stand
/// alone on a line, where nothing but the name says it is one.
pub(super) fn placed(name: &str, year: Option<i16>) -> bool {
    let r = crate::resolve::resolve(name, year);
    r.admin_level != "unknown" || r.candidates.is_some()
}

/// The text of a block as a title line: a text line, the first cell of a pipe row, a space-separated row
/// joined again (PDF text splits `2023 年…报告` into a number and a label).
fn block_line(b: &Block) -> Option<Cow<'_, str>> {
    match b {
        Block::Text(t) => Some(Cow::Borrowed(t.as_str())),
        Block::Cells(c, Origin::Spaces) => Some(Cow::Owned(c.join(" "))),
        Block::Cells(c, _) => c.first().map(|c| Cow::Borrowed(c.as_str())),
        Block::Table(_) => None,
    }
}

fn candidates(doc: &Document) -> impl Iterator<Item = (TitleSource, Cow<'_, str>)> {
    let title = doc.title.as_deref().map(|t| (TitleSource::Title, Cow::Borrowed(t)));
    let blocks = doc
        .blocks
        .iter()
        .enumerate()
        .take(80)
        .filter_map(|(i, b)| block_line(b).map(|l| (TitleSource::Block(i), l)));
    let file = doc
        .file_name
        .as_deref()
        .map(|f| (TitleSource::FileName, Cow::Borrowed(f)));
    title.into_iter().chain(blocks).chain(file)
}

/// A title broken over two lines: the agency alone on the line above `2020年度政府信息公开工作年度报告`.
/// Taken only where the line is a short name the gazetteer places — never a breadcrumb or a site name.
fn agency_above(doc: &Document, block: usize, year: Option<i16>) -> Option<String> {
    let prev = block
        .checked_sub(1)
        .and_then(|i| doc.blocks.get(i))
        .and_then(block_line)?;
    let prev = prev.trim();
    let han_only = prev
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || "（）()".contains(c));
    if !han_only || prev.chars().count() > 30 || prev.contains("信息公开") {
        return None;
    }
    let name = clean_agency(prev)?;
    placed(&name, year).then_some(name)
}

fn read_line(doc: &Document, source: TitleSource, line: &str) -> Option<TitleMatch> {
    let Some(c) = title_re().captures(line) else {
        let c = yearless_re().captures(line.trim())?;
        let agency = c.name("pre").and_then(|m| clean_agency(m.as_str()))?;
        return placed(&agency, None).then(|| TitleMatch {
            source,
            title: line.trim().to_string(),
            agency: Some(agency),
            year: None,
        });
    };
    let year: Option<i16> = c.name("year").and_then(|y| y.as_str().parse().ok());
    let mut title = c.get(0).map_or("", |m| m.as_str()).to_string();
    let mut agency = c
        .name("pre")
        .and_then(|m| clean_agency(m.as_str()))
        .or_else(|| c.name("post").and_then(|m| clean_agency(m.as_str())));
    if let (None, TitleSource::Block(b)) = (&agency, source) {
        if let Some(a) = agency_above(doc, b, year) {
            title = format!("{a}{title}");
            agency = Some(a);
        }
    }
    Some(TitleMatch {
        source,
        title,
        agency,
        year,
    })
}

/// Every candidate line that reads as a report title, in the order they are tried (at most
/// [`MAX_MATCHES`]).
pub fn matches(doc: &Document) -> Vec<TitleMatch> {
    candidates(doc)
        // Both patterns end in 报告 or 年报: a line with neither cannot match (and most lines have neither, so
        // the regexes, whose lazy prefix makes a miss costly, run on a few lines per document).
        .filter(|(_, l)| (l.contains("报告") || l.contains("年报")) && l.chars().count() <= 120)
        .filter_map(|(source, line)| read_line(doc, source, &line))
        .take(MAX_MATCHES)
        .collect()
}

/// The candidate taken: the first that names an agency, else the first.
pub fn choose(matches: &[TitleMatch]) -> Option<usize> {
    matches
        .iter()
        .position(|m| m.agency.is_some())
        .or((!matches.is_empty()).then_some(0))
}

/// The title taken (see the module doc), its year, and notes on candidates that disagree with it.
pub fn read(doc: &Document) -> (Option<TitleMatch>, Vec<String>) {
    let all = matches(doc);
    let Some(i) = choose(&all) else {
        return (None, Vec::new());
    };
    let mut taken = all[i].clone();
    let mut notes = Vec::new();
    if taken.year.is_none() {
        if let Some(m) = all.iter().find(|m| m.year.is_some()) {
            taken.year = m.year;
            notes.push(format!(
                "report year from the {} (the title taken names none)",
                m.source.describe()
            ));
        }
    }
    for m in &all {
        let other_agency = m.agency.as_ref().is_some_and(|a| Some(a) != taken.agency.as_ref());
        let other_year = m.year.is_some_and(|y| Some(y) != taken.year);
        if other_agency || other_year {
            notes.push(format!(
                "title candidates disagree: the {} gives {} {}; the {} ({} {}) is taken",
                m.source.describe(),
                m.agency.as_deref().unwrap_or("no agency"),
                m.year.map_or_else(|| "no year".into(), |y| y.to_string()),
                taken.source.describe(),
                taken.agency.as_deref().unwrap_or("no agency"),
                taken.year.map_or_else(|| "no year".into(), |y| y.to_string()),
            ));
        }
    }
    (Some(taken), notes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{segment_html, segment_text};

    fn taken(doc: &Document) -> (Option<String>, Option<i16>, Vec<String>) {
        let (m, notes) = read(doc);
        let m = m.expect("a title");
        (m.agency, m.year, notes)
    }

    #[test]
    fn a_candidate_naming_an_agency_beats_an_earlier_one_that_names_none() {
        let doc = segment_html(
            "<title>2020年度政府信息公开工作年度报告</title><h1>孝感市人民政府办公室2020年政府信息公开工作年度报告</h1>",
        );
        let all = matches(&doc);
        assert_eq!(all.len(), 2);
        assert_eq!(choose(&all), Some(1));
        assert_eq!(taken(&doc), (Some("孝感市人民政府办公室".into()), Some(2020), vec![]));
    }

    #[test]
    fn candidates_that_disagree_are_reported_not_merged() {
        let doc = segment_html(
            "<title>乐山市五通桥区人民政府2022年度政府信息公开工作年度报告</title>\
             <h1>乐山市五通桥区财政局2021年度政府信息公开工作年度报告</h1>",
        );
        let (agency, year, notes) = taken(&doc);
        assert_eq!((agency.as_deref(), year), (Some("乐山市五通桥区人民政府"), Some(2022)));
        assert_eq!(
            notes,
            vec![
                "title candidates disagree: the block 0 gives 乐山市五通桥区财政局 2021; \
                  the title (乐山市五通桥区人民政府 2022) is taken"
                    .to_string()
            ]
        );
    }

    #[test]
    fn a_heading_without_a_year_still_names_the_agency() {
        let doc = segment_text("东莞市人民政府政府信息公开工作年度报告\n一、总体情况");
        let (agency, year, notes) = taken(&doc);
        assert_eq!(
            (agency.as_deref(), year, notes.len()),
            (Some("东莞市人民政府"), None, 0)
        );
        // not a name the gazetteer places: not taken as an agency
        let doc = segment_text("政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(read(&doc).0, None);
        let doc = segment_text("我们的政府信息公开工作年度报告\n一、总体情况");
        assert_eq!(read(&doc).0, None);
    }

    #[test]
    fn the_file_name_is_the_last_resort() {
        let mut doc = segment_text("一、总体情况\n2020年，本机关认真贯彻落实《条例》");
        assert_eq!(read(&doc).0, None);
        doc.file_name = Some("80576_东莞市人民政府关于2020年度政府信息公开工作的年度报告".into());
        let (m, _) = read(&doc);
        let m = m.expect("title from the file name");
        assert_eq!(
            (m.source, m.agency.as_deref(), m.year),
            (TitleSource::FileName, Some("东莞市人民政府"), Some(2020))
        );
    }

    #[test]
    fn full_width_digits_and_the_year_first() {
        let doc = segment_text("东莞市人民政府２０２０年度政府信息公开工作年度报告");
        assert_eq!(taken(&doc).0.as_deref(), Some("东莞市人民政府"));
        assert_eq!(taken(&doc).1, Some(2020));
        let doc = segment_text("2019年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(taken(&doc).0.as_deref(), Some("上海市人民政府办公厅"));
    }
}
