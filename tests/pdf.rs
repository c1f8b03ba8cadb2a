//! PDF reports through the text layer (src/pdf.rs): a hand-built PDF (the project's own fixture), and
//! corrupted PDFs — every one gives one report with a status and a reason, none panics.

use ogi::decode::{decode, DecodeError};
use ogi::document::{Block, Origin};
use ogi::extract::extract_bytes;
use ogi::model::ParseStatus;

/// A one-page PDF (Helvetica, not embedded) whose content stream is `ops`, with a correct xref table.
fn pdf(ops: &str) -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{ops}\nendstream", ops.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Two rows of text; in the second, a number printed close to its label with a vertical ruling between them,
/// and another far to the right; the first row's word drawn twice half a point apart (fake bold).
const OPS: &str = "BT /F1 12 Tf 72 750 Td (Report) Tj ET\n\
BT /F1 12 Tf 72.4 750 Td (Report) Tj ET\n\
BT /F1 12 Tf 72 700 Td (row) Tj 24 0 Td (21) Tj 200 0 Td (7) Tj ET\n\
0 0 0 RG 0.5 w 93 690 m 93 720 l S";

#[test]
fn a_pdf_text_layer_reads_as_lines_with_its_cells_apart() {
    let d = decode(&pdf(OPS), false).expect("decodes");
    assert_eq!((d.encoding.as_str(), d.detected_by), ("pdf", "PDF text layer"));
    let doc = ogi::segment::segment(&d).0;
    // fake bold dropped; the ruling at x = 93 separates "row" from "21"; "7" is far: a cell of its own
    assert_eq!(
        doc.blocks,
        [
            Block::Text("Report".into()),
            Block::Cells(vec!["row".into(), "21".into(), "7".into()], Origin::Spaces)
        ]
    );
}

#[test]
fn broken_pdfs_give_a_report_with_the_reason() {
    let good = pdf(OPS);
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("header only".into(), b"%PDF-1.7\n".to_vec()),
        (
            "html renamed".into(),
            b"%PDF-1.4\n<html><body>not a pdf</body></html>".to_vec(),
        ),
        ("no text".into(), pdf("0 0 0 RG 1 w 10 10 m 100 100 l S")),
    ];
    for cut in [20, good.len() / 3, good.len() / 2, good.len() - 30] {
        cases.push((format!("truncated at {cut}"), good[..cut].to_vec()));
    }
    for at in (9..good.len()).step_by(37) {
        let mut b = good.clone();
        b[at] ^= 0x5A;
        cases.push((format!("byte {at} flipped"), b));
    }
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/040_hongze-2023.pdf");
    match std::fs::read(&shared) {
        Ok(real) => {
            for cut in [1000, real.len() / 2, real.len() - 100] {
                cases.push((format!("040 truncated at {cut}"), real[..cut].to_vec()));
            }
            for at in (1000..real.len()).step_by(real.len() / 25) {
                let mut b = real.clone();
                b[at..(at + 64).min(real.len())].fill(0);
                cases.push((format!("040 zeroed at {at}"), b));
            }
        }
        Err(_) => eprintln!("SKIPPED: the real-PDF corruptions ({} absent)", shared.display()),
    }
    for (what, bytes) in &cases {
        let r = extract_bytes("x.pdf", bytes);
        let m = &r.meta;
        assert_ne!(m.parse_status, ParseStatus::Failed, "{what}: {:?}", m.error);
        if m.parse_status == ParseStatus::Unreadable {
            assert!(
                m.error.as_deref().is_some_and(|e| e.starts_with("unreadable PDF: ")),
                "{what}: {:?}",
                m.error
            );
        }
        if m.parse_status == ParseStatus::NeedsOcr {
            assert!(
                m.error
                    .as_deref()
                    .is_some_and(|e| e.starts_with("PDF without a usable text layer: ")),
                "{what}: {:?}",
                m.error
            );
        }
    }
    assert_eq!(
        decode(&cases[2].1, false).unwrap_err(),
        DecodeError::NeedsOcr("PDF without a usable text layer: no text on any page".into())
    );
}

/// A content stream that decodes to 300 MB of spaces (300 KB compressed): refused before anything decodes it.
#[test]
fn a_decompression_bomb_is_refused_with_the_reason() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let block = vec![b' '; 1 << 20];
    for _ in 0..300 {
        z.write_all(&block).expect("compress");
    }
    let packed = z.finish().expect("compress");
    let mut bytes = pdf("BT /F1 12 Tf 72 750 Td (x) Tj ET");
    // a second object: a Flate stream nobody refers to is still in the file
    bytes.extend(format!("6 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n", packed.len()).as_bytes());
    bytes.extend(&packed);
    bytes.extend(b"\nendstream\nendobj\n");
    let r = extract_bytes("bomb.pdf", &bytes);
    assert_eq!(r.meta.parse_status, ParseStatus::Unreadable);
    assert_eq!(
        r.meta.error.as_deref(),
        Some("unreadable PDF: its compressed streams decode to more than 256 MB (a decompression bomb?); not read")
    );
    // the hand-built report itself decodes to a few bytes and reads
    assert_ne!(
        extract_bytes("x.pdf", &pdf(OPS)).meta.parse_status,
        ParseStatus::Unreadable
    );
}
