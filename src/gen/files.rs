//! Writing a generated report's file: its bytes in an encoding, the truth's file fields.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::render::{Layout, Piece};
use super::report::Generated;
use crate::extract::report_id;
use crate::model::{ParseStatus, Report};

pub(super) fn file(
    rng: &mut ChaCha8Rng,
    mut truth: Report,
    stem: &str,
    ext: &str,
    layout: Layout,
    text: &str,
    html: bool,
) -> Generated {
    let (bytes, encoding) = encode(rng, text, html);
    let path = format!("{stem}.{ext}");
    let m = &mut truth.meta;
    m.report_id = report_id(&bytes);
    m.source_path = path.clone();
    m.source_bytes = bytes.len() as i64;
    m.encoding = Some(encoding.to_string());
    m.layout = layout.name().to_string();
    Generated {
        path,
        bytes,
        truth,
        planted: Vec::new(),
    }
}

/// A PDF or DOCX file; one without a usable text layer is `needs_ocr` in the truth, with no tables.
pub(super) fn binary_file(
    mut truth: Report,
    stem: &str,
    ext: &str,
    layout: Layout,
    bytes: Vec<u8>,
    usable: bool,
) -> Generated {
    let path = format!("{stem}.{ext}");
    if !usable {
        truth = Report::empty(truth.meta);
        let m = &mut truth.meta;
        m.parse_status = ParseStatus::NeedsOcr;
        (m.template, m.report_year, m.published_date, m.agency, m.title) = ("unknown".into(), None, None, None, None);
        (m.admin_level, m.agency_kind, m.province, m.prefecture, m.county) = ("unknown".into(), None, None, None, None);
        (m.scope, m.warnings) = (None, None);
    }
    let m = &mut truth.meta;
    m.report_id = report_id(&bytes);
    m.source_path = path.clone();
    m.source_bytes = bytes.len() as i64;
    m.encoding = Some(ext.to_string());
    m.layout = if usable {
        layout.name().to_string()
    } else {
        "unknown".to_string()
    };
    Generated {
        path,
        bytes,
        truth,
        planted: Vec::new(),
    }
}

pub(super) fn pieces_html(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Para(t) => out.push_str(&format!("<p>{t}</p>\n")),
            Piece::Row(r) => {
                let cells: String = r.iter().flatten().map(|c| format!("<td>{c}</td>")).collect();
                out.push_str(&format!("<table><tr>{cells}</tr></table>\n"));
            }
        }
    }
    out
}

/// UTF-8 for most; GB18030 for some (declared in HTML or not); UTF-16LE with a BOM for a few text files.
fn encode(rng: &mut ChaCha8Rng, text: &str, html: bool) -> (Vec<u8>, &'static str) {
    let declared_gb = html && text.contains("charset=gb2312");
    let roll = rng.random_range(0..100);
    if declared_gb || (!html && roll < 12) {
        let (b, _, _) = encoding_rs::GB18030.encode(text);
        (b.into_owned(), "gb18030")
    } else if !html && roll < 17 {
        let mut b = vec![0xFF, 0xFE];
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        (b, "utf-16le")
    } else {
        (text.as_bytes().to_vec(), "utf-8")
    }
}
