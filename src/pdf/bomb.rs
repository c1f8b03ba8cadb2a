//! Decompression bombs: what a PDF's Flate and LZW streams decode to, counted before hayro decodes them
//! (a 1 GB stream took one library to 2 GB of memory; an LZW code can stand for almost 4 KB).

/// Bytes the file's Flate-compressed streams decode to, counted without keeping them, up to `limit + 1`.
/// Streams are found by their `stream` / `endstream` keywords, which is enough to bound memory.
pub(super) fn decoded_size(bytes: &[u8], limit: u64) -> u64 {
    use std::io::Read;
    let mut total = 0u64;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], b"stream") {
        let start = at + i + b"stream".len();
        at = start;
        // `endstream` itself, or a keyword inside another word
        if bytes[..start - 6].ends_with(b"end") {
            continue;
        }
        let body = match bytes.get(start..) {
            Some(b) if b.starts_with(b"\r\n") => &b[2..],
            Some(b) if b.starts_with(b"\n") || b.starts_with(b"\r") => &b[1..],
            _ => continue,
        };
        let end = memchr::memmem::find(body, b"endstream").unwrap_or(body.len());
        let budget = limit.saturating_sub(total) + 1;
        // the stream's dictionary is just before its keyword
        let dict = &bytes[start.saturating_sub(300)..start];
        let decoded = if memchr::memmem::find(dict, b"/LZW").is_some() {
            lzw_size(&body[..end], budget)
        } else {
            let mut sink = std::io::sink();
            std::io::copy(
                &mut flate2::read::ZlibDecoder::new(&body[..end]).take(budget),
                &mut sink,
            )
            .unwrap_or(0)
        };
        total += decoded;
        if total > limit {
            break;
        }
    }
    total
}

/// Bytes an LZW stream decodes to (PDF's LZWDecode: MSB-first codes of 9–12 bits, early change), counted
/// from the lengths of the code table's entries without building them, up to `limit`. A 12-bit code can
/// stand for almost 4 KB: a small LZW stream can decode to gigabytes.
fn lzw_size(data: &[u8], limit: u64) -> u64 {
    let mut lengths: Vec<u64> = vec![1; 256];
    lengths.extend([0, 0]); // clear-table and end-of-data codes
    let (mut total, mut prev): (u64, Option<usize>) = (0, None);
    let (mut acc, mut bits, mut at) = (0u32, 0u32, 0usize);
    loop {
        let width = match lengths.len() + 1 {
            n if n >= 2048 => 12,
            n if n >= 1024 => 11,
            n if n >= 512 => 10,
            _ => 9,
        };
        while bits < width {
            let Some(b) = data.get(at) else { return total };
            acc = (acc << 8) | u32::from(*b);
            bits += 8;
            at += 1;
        }
        let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as usize;
        bits -= width;
        match code {
            256 => {
                lengths.truncate(258);
                prev = None;
                continue;
            }
            257 => return total,
            _ => {}
        }
        let len = match (lengths.get(code), prev) {
            (Some(l), _) => *l,
            // the code being defined: the previous entry and its first byte
            (None, Some(p)) if code == lengths.len() => lengths[p] + 1,
            _ => return total,
        };
        if let Some(p) = prev {
            if lengths.len() < 4096 {
                lengths.push(lengths[p] + 1);
            }
        }
        total += len;
        if total > limit {
            return total;
        }
        prev = Some(code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::{read, Refusal, MAX_DECODED};

    /// MSB-first LZW codes, widths as the decoder expects them (early change).
    fn pack(codes: &[usize]) -> Vec<u8> {
        let (mut out, mut acc, mut bits, mut size) = (Vec::new(), 0u64, 0u32, 258usize);
        let mut first = true;
        for &c in codes {
            let width = match size + 1 {
                n if n >= 2048 => 12,
                n if n >= 1024 => 11,
                n if n >= 512 => 10,
                _ => 9,
            };
            acc = (acc << width) | c as u64;
            bits += width;
            while bits >= 8 {
                out.push((acc >> (bits - 8)) as u8);
                bits -= 8;
            }
            match c {
                256 => (size, first) = (258, true),
                _ if first => first = false,
                _ if size < 4096 => size += 1,
                _ => {}
            }
        }
        if bits > 0 {
            out.push((acc << (8 - bits)) as u8);
        }
        out
    }

    #[test]
    fn lzw_sizes_are_counted_without_decoding() {
        // the PDF reference's example: "-----A---B"
        assert_eq!(
            lzw_size(&[0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01], 1 << 20),
            10
        );
        assert_eq!(
            pack(&[256, 45, 258, 258, 65, 259, 66, 257]),
            [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01]
        );
        // a bomb: 'a', then each new code the one before plus 'a', then the longest code again and again
        let mut codes = vec![256, 97];
        codes.extend(258..4096);
        codes.extend(std::iter::repeat_n(4095, 100_000));
        let data = pack(&codes);
        assert!(data.len() < 200_000);
        assert!(
            lzw_size(&data, MAX_DECODED) > MAX_DECODED,
            "{} bytes",
            lzw_size(&data, u64::MAX)
        );
        // found in a file by its stream dictionary, and the file refused before hayro decodes it
        let mut file = format!(
            "%PDF-1.4\n5 0 obj\n<< /Length {} /Filter /LZWDecode >>\nstream\n",
            data.len()
        )
        .into_bytes();
        file.extend(&data);
        file.extend(b"\nendstream\nendobj\n");
        assert!(decoded_size(&file, MAX_DECODED) > MAX_DECODED);
        assert!(matches!(read(&file), Err(Refusal::Unreadable(why)) if why.contains("decompression bomb")));
    }
}
