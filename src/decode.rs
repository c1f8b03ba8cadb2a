//! Stage 1 — read & decode: bytes → text. BOMs, the HTML `<meta charset>`, UTF-16 without a BOM,
//! and a statistical guess (chardetng) for GBK / GB18030 pages that declare nothing; a PDF's glyphs and
//! rulings ([`crate::pdf`]), encoding `pdf`.

use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text of one file.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Lower-case encoding name as recorded in `reports.encoding`.
    pub encoding: String,
    /// How the encoding was chosen (byte-order mark, declared charset, valid UTF-8, statistical guess…).
    pub detected_by: &'static str,
    /// What the segmenter reads: text (`text`), HTML (`text`), or a PDF's pages.
    pub form: Form,
    /// Notes on the decoding (invalid bytes replaced, declared charset overridden).
    pub warnings: Vec<String>,
}

/// The shape of a decoded file, which picks its segmenter.
#[derive(Debug)]
pub enum Form {
    Text,
    /// The file looks like HTML (by extension or content).
    Html,
    /// A PDF's pages (`text` is empty).
    Pdf(crate::pdf::Layer),
    /// A Word file: `text` is its `word/document.xml`.
    Docx,
}

/// Why a file could not be turned into text.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0})")]
    Binary(&'static str),
    #[error("file too large ({size} bytes; the limit is {limit}, see --max-file-bytes)")]
    TooLarge { size: u64, limit: u64 },
    #[error("undecodable text: {0}")]
    Undecodable(String),
    #[error("unreadable PDF: {0}")]
    Pdf(String),
    #[error("unreadable Word document: {0}")]
    Word(String),
    #[error("{0}")]
    Other(String),
    /// A Word-97 / WPS binary (OLE2): read after conversion to DOCX.
    #[error("legacy Word/WPS binary (.doc/.wps): needs conversion — install LibreOffice (soffice on PATH) or convert to DOCX")]
    NeedsConversion,
    /// A file whose text is only in images (a scanned PDF, a font without Unicode): status `needs_ocr`.
    #[error("{0}")]
    NeedsOcr(String),
}

const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP/Office document"),
    (b"\xD0\xCF\x11\xE0", "OLE/legacy Office document"),
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1F\x8B", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xBC\xAF", "7z archive"),
];

/// Decodes a file's bytes. `html_hint` comes from the file extension.
pub fn decode(bytes: &[u8], html_hint: bool) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        let layer = crate::pdf::read(bytes).map_err(|e| match e {
            crate::pdf::Refusal::Unreadable(why) => DecodeError::Pdf(why),
            crate::pdf::Refusal::NeedsOcr(why) => DecodeError::NeedsOcr(why),
        })?;
        return Ok(Decoded {
            text: String::new(),
            encoding: "pdf".into(),
            detected_by: "PDF text layer",
            warnings: layer.notes.clone(),
            form: Form::Pdf(layer),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match crate::docx::document_xml(bytes) {
            Ok(xml) => Ok(Decoded {
                text: xml,
                encoding: "docx".into(),
                detected_by: "Word document (word/document.xml)",
                warnings: Vec::new(),
                form: Form::Docx,
            }),
            Err(crate::docx::NotDocx::Other(what)) => Err(DecodeError::Other(what)),
            Err(crate::docx::NotDocx::Broken(why)) => Err(DecodeError::Word(why)),
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(DecodeError::NeedsConversion);
    }
    if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Err(DecodeError::Binary(what));
    }
    let mut warnings = Vec::new();
    let (encoding, detected_by, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, "byte-order mark", &bytes[bom_len..]),
        None => {
            let (enc, how) = sniff(bytes, html_hint, &mut warnings);
            (enc, how, bytes)
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    let text = text.into_owned();
    if had_errors {
        let bad = text.chars().filter(|c| *c == '\u{FFFD}').count();
        warnings.push(format!("{bad} invalid byte sequence(s) in {} replaced", name(encoding)));
    }
    check_text(&text)?;
    let form = if html_hint || looks_like_html(&text) {
        Form::Html
    } else {
        Form::Text
    };
    Ok(Decoded {
        text,
        encoding: name(encoding),
        detected_by,
        form,
        warnings,
    })
}

fn name(enc: &'static Encoding) -> String {
    enc.name().to_ascii_lowercase()
}

/// Picks the encoding of a file without a BOM, and says how.
fn sniff(bytes: &[u8], html_hint: bool, warnings: &mut Vec<String>) -> (&'static Encoding, &'static str) {
    if let Some(enc) = utf16_without_bom(bytes) {
        return (enc, "UTF-16 pattern of NUL bytes (no byte-order mark)");
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if html_hint || bytes.starts_with(b"<") {
        if let Some(declared) = declared_charset(bytes) {
            let declared = widen(declared);
            if declared == UTF_8 || !valid_utf8 {
                return (declared, "charset declared by the page");
            }
            // Pages that declare gb2312 but are UTF-8 are common; valid UTF-8 with non-ASCII text wins.
            if !bytes.is_ascii() {
                warnings.push(format!("declared charset {} but the bytes are UTF-8", name(declared)));
            }
            return (UTF_8, "valid UTF-8 (overrides the declared charset)");
        }
    }
    if valid_utf8 {
        return (UTF_8, "valid UTF-8");
    }
    if utf8_with_stray_bytes(bytes) {
        return (UTF_8, "UTF-8 with a few invalid bytes");
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = widen(det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow));
    (enc, "statistical guess (chardetng, Chinese)")
}

/// UTF-8 text with a few invalid bytes (a damaged download, a stray NUL) is still UTF-8: at most one
/// invalid byte per 100 non-ASCII bytes, and at least 32 valid non-ASCII bytes.
fn utf8_with_stray_bytes(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    let mut invalid = 0usize;
    loop {
        match std::str::from_utf8(rest) {
            Ok(_) => break,
            Err(e) => {
                let skip = e.error_len().unwrap_or(rest.len() - e.valid_up_to());
                invalid += skip;
                rest = &rest[e.valid_up_to() + skip..];
            }
        }
    }
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    non_ascii >= 32 && invalid * 100 <= non_ascii
}

/// GBK and GB2312 labels decode as GB18030, their superset.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK {
        GB18030
    } else {
        enc
    }
}

/// UTF-16 without a BOM: most odd or even bytes are NUL in the first kilobytes of CJK/ASCII text.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_nul = head.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    if odd_nul * 10 > pairs * 3 && even_nul * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nul * 10 > pairs * 3 && odd_nul * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset=…>` or `content="…; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let pos = memchr::memmem::find(&lower, b"charset=")?;
    let rest = &head[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_ascii_lowercase();
    let trimmed = head.trim_start();
    trimmed.starts_with('<')
        && ["<html", "<body", "<p", "<div", "<table", "<!doctype", "<meta", "<span"]
            .iter()
            .any(|t| head.contains(t))
}

/// Text that is mostly control characters or replacement characters is not text.
fn check_text(text: &str) -> Result<(), DecodeError> {
    let mut total = 0usize;
    let mut bad = 0usize;
    let mut replaced = 0usize;
    for c in text.chars().take(65_536) {
        total += 1;
        if c == '\u{FFFD}' {
            replaced += 1;
        } else if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}') {
            bad += 1;
        }
    }
    if total == 0 {
        return Err(DecodeError::Empty);
    }
    if bad * 20 > total {
        return Err(DecodeError::Binary("control characters"));
    }
    if replaced * 5 > total {
        return Err(DecodeError::Undecodable(format!(
            "{replaced} of the first {total} characters are invalid"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "平潭综合实验区2024年度政府信息公开工作年度报告";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(TEXT.as_bytes(), false).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (TEXT, "utf-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom, false).expect("decodes").text, TEXT);
    }

    #[test]
    fn gbk_detected_and_declared() {
        let (bytes, _, _) = GB18030.encode(TEXT);
        let d = decode(&bytes, false).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (TEXT, "gb18030"));
        let page = format!("<html><head><meta charset=\"gb2312\"></head><body><p>{TEXT}</p></body></html>");
        let (bytes, _, _) = GB18030.encode(&page);
        let d = decode(&bytes, true).expect("decodes");
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.contains(TEXT));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le: Vec<u8> = vec![0xFF, 0xFE];
        for u in TEXT.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, false).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (TEXT, "utf-16le"));
        let ascii = "report 2019 table\n".repeat(20);
        let be: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, false).expect("decodes");
        assert_eq!((d.text.as_str(), d.encoding.as_str()), (ascii.as_str(), "utf-16be"));
    }

    #[test]
    fn bad_inputs() {
        assert_eq!(decode(b"", false).unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t ", false).unwrap_err(), DecodeError::Empty);
        // a PDF header and nothing a PDF reader can parse: refused with the reason, never read as text
        assert_eq!(
            decode(b"%PDF-1.7 ...", false).unwrap_err(),
            DecodeError::Pdf("PDF that cannot be parsed".into())
        );
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 & 0x1F)
            .collect();
        assert!(matches!(decode(&noise, false), Err(DecodeError::Binary(_))));
    }

    #[test]
    fn utf8_with_a_few_stray_bytes_stays_utf8() {
        let mut bytes = TEXT.repeat(4).into_bytes();
        bytes.insert(6, 0xFF); // between two characters
        let d = decode(&bytes, false).expect("decodes");
        assert_eq!(d.encoding, "utf-8");
        assert_eq!(
            d.warnings,
            vec!["1 invalid byte sequence(s) in utf-8 replaced".to_string()]
        );
    }

    #[test]
    fn invalid_bytes_in_declared_encoding_are_reported() {
        let mut bytes = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
        bytes.extend_from_slice(TEXT.as_bytes());
        bytes.extend_from_slice(b"\xFF\xFE\xFD</p></body></html>");
        let d = decode(&bytes, true).expect("decodes with replacements");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.text.contains(TEXT));
        assert_eq!(
            d.warnings,
            vec!["3 invalid byte sequence(s) in utf-8 replaced".to_string()]
        );
    }
}
