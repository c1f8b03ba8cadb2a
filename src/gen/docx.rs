//! Reports as Word (DOCX) files, written without any external tool: the parts Word needs in a zip, the
//! body's paragraphs, and its tables from the cell grid — `w:gridSpan` for column spans, `w:vMerge` for row
//! spans (Word's bare `<w:vMerge/>` or LibreOffice's `w:val="continue"` on the covered cells), text split
//! over runs, labels over paragraphs; some files wrap the whole body in a one-cell layout table, some carry
//! the title in a text box (with its VML fallback copy). Byte-deterministic (fixed zip timestamps).

use std::io::Write;

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use crate::document::{Block, Document, Grid};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A run-split paragraph.
fn para(rng: &mut ChaCha8Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::from("<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>");
    let mut i = 0;
    while i < chars.len() {
        let n = rng.random_range(1..=chars.len() - i);
        let t: String = chars[i..i + n].iter().collect();
        out.push_str(&format!(
            "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            esc(&t)
        ));
        i += n;
    }
    out.push_str("</w:p>");
    out
}

/// A cell's text, sometimes over two paragraphs (商业 / 企业).
fn cell_paras(rng: &mut ChaCha8Rng, s: &str) -> String {
    if s.contains('\n') {
        return s.split('\n').map(|part| para(rng, part.trim())).collect();
    }
    let chars: Vec<char> = s.chars().collect();
    if chars.len() >= 4 && !s.chars().all(|c| c.is_ascii_digit()) && rng.random_bool(0.15) {
        let cut = rng.random_range(2..chars.len() - 1);
        let (a, b): (String, String) = (chars[..cut].iter().collect(), chars[cut..].iter().collect());
        return para(rng, &a) + &para(rng, &b);
    }
    para(rng, s)
}

fn table(rng: &mut ChaCha8Rng, g: &Grid) -> String {
    let n = g.rows.iter().flatten().map(|c| c.col + c.colspan).max().unwrap_or(1);
    let bare = rng.random_bool(0.6);
    let mut out = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>");
    out.push_str(&format!("<w:gridCol w:w=\"{}\"/>", 9000 / n.max(1)).repeat(n));
    out.push_str("</w:tblGrid>");
    // per grid column: rows still covered by a row span from above, and that span's width
    let mut covered: Vec<(usize, usize)> = vec![(0, 1); n];
    for row in &g.rows {
        out.push_str("<w:tr>");
        let mut col = 0;
        let mut cells = row.iter().peekable();
        while col < n {
            if covered[col].0 > 0 {
                let span = covered[col].1;
                covered[col].0 -= 1;
                let merge = if bare {
                    "<w:vMerge/>"
                } else {
                    "<w:vMerge w:val=\"continue\"/>"
                };
                let grid_span = if span > 1 {
                    format!("<w:gridSpan w:val=\"{span}\"/>")
                } else {
                    String::new()
                };
                out.push_str(&format!("<w:tc><w:tcPr>{grid_span}{merge}</w:tcPr><w:p/></w:tc>"));
                col += span;
                continue;
            }
            match cells.next_if(|c| c.col == col) {
                Some(c) => {
                    let mut pr = String::new();
                    if c.colspan > 1 {
                        pr.push_str(&format!("<w:gridSpan w:val=\"{}\"/>", c.colspan));
                    }
                    if c.rowspan > 1 {
                        pr.push_str("<w:vMerge w:val=\"restart\"/>");
                        covered[col] = (c.rowspan - 1, c.colspan);
                    }
                    out.push_str(&format!(
                        "<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>",
                        cell_paras(rng, &c.text)
                    ));
                    col += c.colspan.max(1);
                }
                // a column no cell starts in (a short row): an empty cell
                None => {
                    out.push_str("<w:tc><w:tcPr/><w:p/></w:tc>");
                    col += 1;
                }
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

fn text_box(rng: &mut ChaCha8Rng, s: &str) -> String {
    let inner = para(rng, s);
    format!(
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:v=\"urn:schemas-microsoft-com:vml\" mc:Ignorable=\"wps\"";

/// `word/document.xml` of a document (its title first).
pub fn document_xml(rng: &mut ChaCha8Rng, doc: &Document) -> String {
    let mut body = String::new();
    if let Some(t) = &doc.title {
        body.push_str(&if rng.random_bool(0.2) {
            text_box(rng, t)
        } else {
            para(rng, t)
        });
    }
    for b in &doc.blocks {
        match b {
            Block::Text(t) => body.push_str(&para(rng, t)),
            Block::Cells(c, _) => body.push_str(&para(rng, &c.join(" "))),
            Block::Table(g) => body.push_str(&table(rng, g)),
        }
    }
    if rng.random_bool(0.1) {
        body = format!("<w:tbl><w:tr><w:tc>{body}<w:p/></w:tc></w:tr></w:tbl>");
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>")
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/// The DOCX file of a document.
pub fn render(rng: &mut ChaCha8Rng, doc: &Document) -> Vec<u8> {
    let xml = document_xml(rng, doc);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", xml.as_str()),
    ] {
        // writing to memory fails only on a zip format limit, which these few small parts cannot reach
        if zip.start_file(name, opts).is_err() || zip.write_all(data.as_bytes()).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}
