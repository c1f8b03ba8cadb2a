//! Word (DOCX) reports, stage 1 — read & decode: the main document part (`word/document.xml`) out of the
//! zip container, size-capped. [`crate::segment::segment_docx`] reads its paragraphs and tables.

use std::io::Read;

/// What `word/document.xml` may decompress to (a report's is well under a megabyte; a zip bomb is not read).
const MAX_XML: u64 = 64 << 20;

/// Why a zip file gives no Word document.
#[derive(Debug, Clone, PartialEq)]
pub enum NotDocx {
    /// A zip without a Word main part (an XLSX, a zip of files).
    Other(String),
    /// A Word file that cannot be read (damaged, too large, encrypted).
    Broken(String),
}

/// The main document part of a DOCX file.
pub fn document_xml(bytes: &[u8]) -> Result<String, NotDocx> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| NotDocx::Other(format!("ZIP archive that cannot be opened ({e})")))?;
    let has = |prefix: &str| {
        (0..zip.len()).any(|i| {
            zip.name_for_index(i)
                .is_some_and(|n| n.is_ok_and(|n| n.starts_with(prefix)))
        })
    };
    let (xlsx, pptx) = (has("xl/"), has("ppt/"));
    let mut part = match zip.by_name("word/document.xml") {
        Ok(p) => p,
        Err(zip::result::ZipError::FileNotFound) => {
            let what = if xlsx {
                "Excel workbook (XLSX): not read"
            } else if pptx {
                "PowerPoint file (PPTX): not read"
            } else {
                "ZIP archive without a Word document"
            };
            return Err(NotDocx::Other(what.into()));
        }
        Err(e) => return Err(NotDocx::Broken(format!("its document part cannot be read ({e})"))),
    };
    if part.size() > MAX_XML {
        return Err(NotDocx::Broken(format!(
            "its document part is {} MB (limit {} MB)",
            part.size() >> 20,
            MAX_XML >> 20
        )));
    }
    let mut xml = Vec::new();
    (&mut part)
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| NotDocx::Broken(format!("its document part cannot be decompressed ({e})")))?;
    if xml.len() as u64 > MAX_XML {
        return Err(NotDocx::Broken(format!(
            "its document part decompresses to more than {} MB",
            MAX_XML >> 20
        )));
    }
    String::from_utf8(xml).map_err(|_| NotDocx::Broken("its document part is not UTF-8 XML".into()))
}
