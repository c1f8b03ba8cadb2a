//! The per-file pipeline: bytes → decode → segment → recognise → validate → [`Report`].
//! Pure: no I/O here, so the same function serves the corpus run, the tests and the fuzz target.

use crate::decode::{decode, DecodeError, Decoded};
use crate::document::Document;
use crate::model::{ContentKey, ParseStatus, Report, ReportMeta};
use crate::recognise::{recognise, Recognised, Reviews};
use crate::template::Template;
use crate::{segment, validate};

/// Stable id of a file's content (xxh3-128, hex).
pub fn report_id(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// Whether a path's extension marks HTML.
pub fn is_html_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".html", ".htm", ".shtml", ".xhtml"].iter().any(|e| lower.ends_with(e))
}

/// A `reports` row with nothing recognised yet.
pub fn base_meta(rel_path: &str, bytes: &[u8], size: u64) -> ReportMeta {
    ReportMeta {
        report_id: report_id(bytes),
        source_path: rel_path.to_string(),
        source_bytes: i64::try_from(size).unwrap_or(i64::MAX),
        encoding: None,
        layout: "unknown".into(),
        template: Template::Unknown.as_str().into(),
        report_year: None,
        published_date: None,
        agency: None,
        admin_level: "unknown".into(),
        agency_kind: None,
        province: None,
        prefecture: None,
        county: None,
        division_code: None,
        parse_status: ParseStatus::Failed,
        error: None,
        identity_violations: 0,
        title: None,
        division_candidates: None,
        warnings: None,
        scope: None,
        agency_id: None,
        duplicate_of: None,
    }
}

/// What the per-file stages produced on the way to a [`Report`] (for `ogi inspect`).
pub struct Trace {
    pub decoded: Decoded,
    pub doc: Document,
    pub segment_warning: Option<String>,
    pub rec: Recognised,
}

/// Extracts one file's report. Never panics on input (the corpus run still guards with `catch_unwind`).
pub fn extract_bytes(rel_path: &str, bytes: &[u8]) -> Report {
    extract_traced(rel_path, bytes).0
}

/// [`extract_bytes`], also returning the intermediate stages (`None` where the file could not be decoded).
pub fn extract_traced(rel_path: &str, bytes: &[u8]) -> (Report, Option<Trace>) {
    let mut meta = base_meta(rel_path, bytes, bytes.len() as u64);
    let decoded = match decode(bytes, is_html_path(rel_path)) {
        Ok(d) => d,
        Err(e) => return (unreadable(meta, &e), None),
    };
    meta.encoding = Some(decoded.encoding.clone());
    let (mut doc, segment_warning) = segment::segment(&decoded);
    doc.file_name = std::path::Path::new(rel_path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let rec = recognise(&doc);
    let mut warnings = decoded.warnings.clone();
    warnings.extend(segment_warning.iter().cloned());
    warnings.extend(rec.meta.notes.iter().cloned());
    let report = assemble(meta, &rec, warnings);
    debug_assert!(report.meta.parse_status != ParseStatus::Failed);
    let trace = Trace {
        decoded,
        doc,
        segment_warning,
        rec,
    };
    (report, Some(trace))
}

pub fn unreadable(mut meta: ReportMeta, e: &DecodeError) -> Report {
    meta.parse_status = match e {
        DecodeError::NeedsOcr(_) => ParseStatus::NeedsOcr,
        _ => ParseStatus::Unreadable,
    };
    meta.error = Some(e.to_string());
    Report::empty(meta)
}

/// Builds the report from what was recognised and decides its status.
fn assemble(mut meta: ReportMeta, rec: &Recognised, mut warnings: Vec<String>) -> Report {
    meta.layout = rec.layout.to_string();
    meta.template = rec.template.as_str().to_string();
    meta.report_year = rec.meta.report_year;
    meta.published_date = rec.meta.published_date.map(days_since_epoch);
    meta.agency = rec.meta.agency.clone();
    if let Some(agency) = rec.meta.agency.as_deref() {
        let r = crate::resolve::resolve(agency, rec.meta.report_year);
        meta.agency_id = crate::resolve::agency_id(&r);
        meta.admin_level = r.admin_level.to_string();
        meta.agency_kind = Some(r.agency_kind.to_string());
        meta.province = r.province;
        meta.prefecture = r.prefecture;
        meta.county = r.county;
        meta.division_code = r.division_code;
        meta.division_candidates = r.candidates;
    }
    meta.title = rec.meta.title.clone();

    let mut problems: Vec<String> = Vec::new();
    let mut report = Report::empty(meta);
    if let Some(app) = &rec.applications {
        report.applications = app.rows.clone();
        report.checks.extend(validate::applications(&app.rows, rec.template));
        problems.extend(app.problems.iter().cloned());
        warnings.extend(app.notes.iter().cloned());
    }
    match &rec.reviews {
        Reviews::Found(t) => {
            report.reviews = Some(t.cells);
            report.checks.extend(validate::reviews(&t.cells));
            warnings.extend(t.note.iter().cloned());
        }
        Reviews::NotFound => {
            if rec.applications.is_some() {
                problems.push("review/litigation table not found".into());
            }
        }
        Reviews::Unplaceable(why) => problems.push(why.clone()),
    }
    if rec.applications.is_some() && !rec.stated.is_empty() {
        report.checks.extend(validate::stated(
            &rec.stated,
            &report.applications,
            report.reviews.as_ref(),
        ));
        report
            .figures
            .extend(rec.stated.iter().map(|s| crate::model::FigureRow {
                figure: s.key,
                period: "year",
                value: Some(s.value as f64),
                source: "prose",
                text: s.sentence.clone(),
            }));
    }
    if let Some(p) = &rec.pre2019 {
        let c = crate::recognise::pre2019::to_contract(&p.figures);
        report.applications = c.applications;
        report.reviews = c.reviews;
        report.proactive = c.proactive;
        report.checks.extend(c.checks);
        report.figures = p.figures.clone();
        warnings.extend(p.notes.iter().cloned());
    }
    if let Some(p) = &rec.proactive {
        report.proactive = p.cells.clone();
        warnings.extend(p.notes.iter().cloned());
    } else if rec.applications.is_some() {
        problems.push("Article 20 (第二十条) table not found".into());
    }
    if rec.pre2019.as_ref().is_some_and(|p| p.figures.is_empty()) {
        problems.push("pre-2019 report: no figures found in its prose or a statistics table".into());
    }

    if rec.is_report {
        let (scope, note) = crate::recognise::scope::decide(&rec.scope, &report.meta.admin_level);
        report.meta.scope = Some(scope.as_str().to_string());
        warnings.extend(note);
    }
    let status = if !rec.is_report {
        problems.insert(0, "no report title, tables or report vocabulary found".into());
        ParseStatus::NotAReport
    } else {
        if rec.applications.is_none() && rec.pre2019.is_none() {
            problems.insert(0, "applications table not found".into());
        }
        if rec.meta.report_year.is_none() {
            problems.push("report year not found".into());
        }
        if rec.meta.agency.is_none() {
            problems.push("agency not found".into());
        }
        if problems.is_empty() {
            ParseStatus::Ok
        } else {
            ParseStatus::Partial
        }
    };
    // a page whose table sections hold images and no table: its tables need OCR; the images are listed
    let status = if rec.is_report && rec.applications.is_none() && rec.pre2019.is_none() && !rec.table_images.is_empty()
    {
        let n = rec.table_images.len();
        problems.insert(
            0,
            format!("the tables are published as images ({n} in the table sections): OCR is not run"),
        );
        warnings.push(format!("table images: {}", rec.table_images.join(" ")));
        ParseStatus::NeedsOcr
    } else {
        status
    };
    report.meta.parse_status = status;
    report.meta.error = (!problems.is_empty()).then(|| problems.join("; "));
    report.meta.warnings = (!warnings.is_empty()).then(|| warnings.join("; "));
    // a 2019+ report's prose against its tables is a soft check (spec §3.3 item 6), not a table identity
    let soft = |c: &crate::model::Check| c.identity == "prose_vs_table" && report.meta.template != "pre2019";
    report.meta.identity_violations = report.checks.iter().filter(|c| !c.ok && !soft(c)).count() as i32;
    report.content_key = content_key(&report);
    report
}

/// What identifies a report by content ([`ContentKey`]): `None` where the agency has no id, the year is
/// unknown, or no row was read in full. Blank and 0 hash alike, so a page and its text version agree.
pub fn content_key(r: &Report) -> Option<ContentKey> {
    use xxhash_rust::xxh3::{xxh3_128, xxh3_64};
    let m = &r.meta;
    if !matches!(m.parse_status, ParseStatus::Ok | ParseStatus::Partial) {
        return None;
    }
    let year = m.report_year?;
    // A name that fits several divisions has no agency_id; its name stands in only where the report has a
    // non-zero figure (two 城关镇 that both report nothing must not become one report).
    let nonzero = r
        .applications
        .iter()
        .any(|a| a.cells.iter().any(|c| c.value.is_some_and(|v| v != 0)))
        || r.figures
            .iter()
            .any(|f| !f.figure.starts_with("stated_") && f.value.is_some_and(|v| v != 0.0));
    let id = match (&m.agency_id, &m.agency) {
        (Some(id), _) => id.clone(),
        (None, Some(name)) if nonzero && m.division_candidates.is_some() => format!("name:{name}"),
        _ => return None,
    };
    let group = xxh3_128(format!("{id}\u{1}{year}\u{1}{}", m.template).as_bytes());
    let mut rows: Vec<(u64, u64)> = Vec::new();
    let mut row = |label: String, values: Option<Vec<String>>| {
        if let Some(v) = values {
            rows.push((xxh3_64(label.as_bytes()), xxh3_64(v.join(",").as_bytes())));
        }
    };
    let cells = |cs: &[crate::model::Cell]| -> Option<Vec<String>> {
        cs.iter().map(|c| c.for_identity().map(|v| v.to_string())).collect()
    };
    for a in &r.applications {
        row(a.key.to_string(), cells(&a.cells));
    }
    for (i, p) in r.reviews.iter().flatten().enumerate() {
        row(format!("reviews/{i}"), cells(p));
    }
    let mut items: Vec<&str> = r.proactive.iter().map(|p| p.item).collect();
    items.dedup();
    for item in items {
        let values = r
            .proactive
            .iter()
            .filter(|p| p.item == item)
            .map(|p| p.value.map(|v| format!("{}={v}", p.measure)))
            .collect();
        row(format!("proactive/{item}"), values);
    }
    // prose figures of 2019+ reports are not content: a page and its text version may split sentences apart
    for f in r.figures.iter().filter(|f| !f.figure.starts_with("stated_")) {
        row(
            format!("figure/{}/{}", f.figure, f.period),
            f.value.map(|v| vec![v.to_string()]),
        );
    }
    rows.sort();
    rows.dedup_by(|a, b| a.0 == b.0);
    rows.shrink_to_fit(); // a run keeps the keys of every kept report
    (!rows.is_empty()).then_some(ContentKey { group, rows })
}

fn days_since_epoch(d: chrono::NaiveDate) -> i32 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    i32::try_from((d - epoch).num_days()).unwrap_or(0)
}
