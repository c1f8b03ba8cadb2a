//! Stage 3 — recognise: [`Document`] → template, layout, metadata and the three tables.
//!
//! Where things are recognised:
//! * applications rows of both templates (incl. the 2021 （六） sub-rows): [`applications`]
//! * review / litigation table: [`reviews`]
//! * Article 20 table: [`proactive`]
//! * the title (every form, which candidate is taken): [`title`]; agency, year, dates: [`meta`]
//! * glued-cell text (layout `flat`), all three tables: [`glued`]
//! * pre-2019 figures from prose and provincial 统计表: [`pre2019`]
//! * one agency's report or a jurisdiction's summary: [`scope`]
//! * which template: [`detect_template`] (labels first, the year only as a fallback)
//! * where each row came from (for `ogi inspect`): [`provenance`]

pub mod align;
pub mod applications;
pub mod digits;
pub mod glued;
pub mod images;
pub mod meta;
pub mod pre2019;
pub mod proactive;
pub mod provenance;
pub mod reviews;
pub mod scope;
pub mod stated;
pub mod title;

use crate::document::{Document, Origin, Source, Token};
use crate::template::{Template, MARKERS_2019, MARKERS_2021};

pub use applications::AppTable;
pub use meta::Meta;
pub use proactive::ProactiveTable;
pub use reviews::Reviews;

/// Everything recognised in one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognised {
    pub meta: Meta,
    pub template: Template,
    /// What decided the template (for `ogi inspect`).
    pub template_reason: String,
    pub layout: &'static str,
    /// Images in the table sections of an HTML page (tables published as pictures).
    pub table_images: Vec<String>,
    pub applications: Option<AppTable>,
    pub reviews: Reviews,
    pub proactive: Option<ProactiveTable>,
    /// Pre-2019 figures (template `pre2019` only).
    pub pre2019: Option<pre2019::Pre2019>,
    /// Figures the prose of a 2019+ report states again ([`stated`]).
    pub stated: Vec<stated::Stated>,
    /// The document reads as an annual report (title, tables or the report's vocabulary).
    pub is_report: bool,
    /// The tables are present as glued-cell text (layout `flat`), read by [`glued`].
    pub flat: bool,
    /// What the text says about its scope ([`scope::decide`] settles it once the level is known).
    pub scope: scope::Evidence,
}

/// Applications received in the report year as the table states them — new, and new plus carried over —
/// or as a pre-2019 figure does.
fn received(applications: Option<&AppTable>, pre2019: Option<&pre2019::Pre2019>) -> Vec<i64> {
    let total = |key: &str| {
        applications
            .and_then(|a| a.rows.iter().find(|r| r.key == key))
            .and_then(|r| r.cells[6].value)
    };
    if let Some(new) = total("new_received") {
        return match total("carried_over") {
            Some(c) if c > 0 => vec![new, new + c],
            _ => vec![new],
        };
    }
    pre2019
        .and_then(|p| p.figures.iter().find(|f| f.figure == "received" && f.period == "year"))
        .and_then(|f| f.value)
        .map(|v| vec![v as i64])
        .unwrap_or_default()
}

/// The layout a table was read in: how its cells were delimited, and in PDF and Word files the file kind
/// (`pdf_table`: a grid rebuilt from the rulings; `pdf_text`: text lines of the PDF's glyphs).
pub fn layout_name(origin: Origin, source: Source) -> &'static str {
    match (source, origin) {
        (Source::Pdf, Origin::Table) => "pdf_table",
        (Source::Pdf, _) => "pdf_text",
        (Source::Docx, Origin::Table) => "docx_table",
        (Source::Docx, _) => "docx_text",
        (_, origin) => text_layout_name(origin),
    }
}

fn text_layout_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Table => "html_table",
        Origin::Line => "lines",
        Origin::Pipe => "pipes",
        Origin::Markdown => "markdown",
        Origin::Spaces => "spaces",
        Origin::Glued => "flat",
    }
}

/// A marker label inside a label. In long labels (prose, glued-cell text) it must be followed by a
/// non-Han character, so that prose such as "政府集中采购项目类信息55条" is not taken for the table label.
fn has_marker(key: &str, marker: &str) -> bool {
    if key.len() <= 120 {
        return key.contains(marker);
    }
    key.match_indices(marker).any(|(i, m)| {
        key[i + m.len()..]
            .chars()
            .next()
            .is_none_or(|c| !('\u{4e00}'..='\u{9fff}').contains(&c))
    })
}

/// Template by its labels (spec §2 "Template detection"); the year decides only when no label does.
pub fn detect_template(tokens: &[Token], has_tables: bool, year: Option<i16>) -> Template {
    detect_template_why(tokens, has_tables, year).0
}

/// [`detect_template`], with what decided it (the marker label found, or the year fallback).
pub fn detect_template_why(tokens: &[Token], has_tables: bool, year: Option<i16>) -> (Template, String) {
    let find = |markers: &[&'static str]| -> Option<&'static str> {
        tokens
            .iter()
            .filter_map(Token::label)
            .find_map(|l| markers.iter().copied().find(|m| has_marker(&l.key, m)))
    };
    if let Some(m) = find(MARKERS_2021) {
        return (Template::T2021, format!("2021 marker label 「{m}」"));
    }
    if let Some(m) = find(MARKERS_2019) {
        return (Template::T2019, format!("2019 marker label 「{m}」"));
    }
    let t = match (year, has_tables) {
        (Some(y), true) if y <= 2020 => Template::T2019,
        (Some(_), true) => Template::T2021,
        (Some(y), false) if y <= 2018 => Template::Pre2019,
        _ => Template::Unknown,
    };
    let why = match (year, has_tables) {
        (None, _) => "no marker label and no report year".to_string(),
        (Some(y), true) => format!("no marker label; tables present, report year {y}"),
        (Some(y), false) => format!("no marker label, no applications table; report year {y}"),
    };
    (t, why)
}

/// Glued-cell crawler text: the 本年新收 label followed directly by digits inside one long text cell (the
/// same test [`glued::read`] starts from).
fn is_flat(tokens: &[Token]) -> bool {
    tokens
        .iter()
        .filter_map(Token::label)
        .any(|l| glued::table_start(&l.key).is_some())
}

pub fn recognise(doc: &Document) -> Recognised {
    let tokens = doc.tokens();
    let text = doc.plain_text();
    let meta = meta::read(doc, &text);
    let start = applications::start(&tokens);
    let flat = start.is_none() && is_flat(&tokens);
    let has_tables = flat || start.is_some();
    let (template, template_reason) = detect_template_why(&tokens, has_tables, meta.report_year);
    let (applications, reviews, proactive) = if flat {
        let g = glued::read(&text, template);
        (g.applications, g.reviews, g.proactive)
    } else {
        let applications = applications::read(&tokens, template);
        let app_start = start.unwrap_or(tokens.len());
        let proactive = proactive::read(&tokens, app_start, template);
        let reviews = reviews::read(&tokens, applications.as_ref().map_or(0, |a| a.end));
        (applications, reviews, proactive)
    };
    let pre2019 = (template == Template::Pre2019 && applications.is_none()).then(|| pre2019::read(&text));
    let stated = if matches!(template, Template::T2019 | Template::T2021) && applications.is_some() {
        stated::read(&stated::prose_text(doc))
    } else {
        Vec::new()
    };
    let layout = match (&applications, flat, &pre2019) {
        (Some(a), _, _) => layout_name(a.origin, doc.source),
        (None, true, _) => "flat",
        (None, false, Some(p)) if p.has_table => "prose_table",
        (None, false, _) => "prose",
    };
    let vocabulary = text.contains("信息公开") && text.contains("主动公开") && text.contains("申请");
    let is_report =
        meta.title.is_some() || applications.is_some() || flat || (vocabulary && meta.report_year.is_some());
    let scope = scope::read(
        meta.title.as_deref(),
        meta::head(&text),
        &received(applications.as_ref(), pre2019.as_ref()),
    );
    Recognised {
        // only looked for where no table was found (most pages carry images: logos, icons)
        table_images: if applications.is_none() && pre2019.is_none() {
            images::table_images(doc)
        } else {
            Vec::new()
        },
        scope,
        meta,
        template,
        template_reason,
        layout,
        applications,
        reviews,
        proactive,
        pre2019,
        stated,
        is_report,
        flat,
    }
}
