//! The PDF file around generated pages: catalog, page tree, the font (non-embedded `STSong-Light`,
//! `UniGB-UCS2-H`, half-width Latin), Flate-compressed content streams and a correct cross-reference table.
//! Byte-deterministic.

use std::io::Write;

use super::pdf::Unusable;

const FONT: &str =
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>";
const CID_FONT: &str = "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>";
/// An Identity-H font without ToUnicode: its glyphs carry no Unicode.
const BARE_FONT: &str =
    "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] >>";
const BARE_CID_FONT: &str = "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 >>";
const DESCRIPTOR: &str = "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>";

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}

fn deflate(s: &str) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    // writing to a Vec cannot fail
    let _ = z.write_all(s.as_bytes());
    z.finish().unwrap_or_default()
}

/// The file of `pages` (content streams). A scan replaces every page's content by one page-sized image.
pub fn write(pages: &[String], unusable: Option<Unusable>) -> Vec<u8> {
    let n = pages.len().max(1);
    let first_page = 7;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", first_page + 2 * i)).collect();
    let (font, cid) = match unusable {
        Some(Unusable::NoUnicode) => (BARE_FONT, BARE_CID_FONT),
        _ => (FONT, CID_FONT),
    };
    // a scan's pixels differ from report to report, as its pages do
    let pixels = xxhash_rust::xxh3::xxh3_64(pages.concat().as_bytes()).to_le_bytes();
    let mut objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        font.as_bytes().to_vec(),
        cid.as_bytes().to_vec(),
        DESCRIPTOR.as_bytes().to_vec(),
        stream(
            "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
            &pixels[..4],
        ),
    ];
    for i in 0..n {
        let content = match unusable {
            Some(Unusable::Scan) => "q 595.3 0 0 841.9 0 0 cm /Im1 Do Q\n".to_string(),
            _ => format!("0 0 0 RG 0 0 0 rg 0.5 w\n{}", pages.get(i).map_or("", String::as_str)),
        };
        objs.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.3 841.9] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> /Contents {} 0 R >>",
                first_page + 2 * i + 1
            )
            .into_bytes(),
        );
        objs.push(stream("/Filter /FlateDecode", &deflate(&content)));
    }
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objs.len());
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
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
