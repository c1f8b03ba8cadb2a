//! A guard before the HTML parser: html5ever spends time quadratic in the nesting depth of block
//! elements (50,000 nested `<div>`s take ~8 s in a release build). Real report pages nest less than a
//! hundred levels, so a page nested deeper than [`MAX_HTML_DEPTH`] is read as text with its tags
//! stripped (its tables are then recognised from the text lines, if at all), with a warning.

use memchr::memchr_iter;

pub const MAX_HTML_DEPTH: usize = 2_000;

/// Elements closed implicitly by their siblings, and void elements: they do not deepen the tree.
const FLAT: &[&str] = &[
    "p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "tbody", "thead", "tfoot", "colgroup", "rb", "rt",
    "rp", "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "embed", "param", "source", "track",
    "wbr", "frame", "keygen",
];

/// The tag name starting at `s` (ASCII letters and digits), lower-cased, at most 10 bytes.
fn tag_name(s: &[u8]) -> String {
    s.iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .take(10)
        .map(|b| b.to_ascii_lowercase() as char)
        .collect()
}

/// An upper estimate of the element nesting depth of an HTML text: opening tags of elements that
/// nest, minus closing tags, at its deepest.
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    for i in memchr_iter(b'<', b) {
        let rest = &b[i + 1..];
        match rest.first() {
            Some(b'/') => depth = depth.saturating_sub(usize::from(!FLAT.contains(&tag_name(&rest[1..]).as_str()))),
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(rest);
                let self_closing = rest
                    .iter()
                    .take(256)
                    .position(|&c| c == b'>')
                    .is_some_and(|end| end > 0 && rest[end - 1] == b'/');
                if !FLAT.contains(&name.as_str()) && !self_closing {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// The text of an HTML page without its tags (block boundaries become line breaks), for pages too
/// deep to parse.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        match rest[start..].find('>') {
            Some(end) => {
                out.push('\n');
                rest = &rest[start + end + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_elements_only() {
        assert_eq!(nesting_depth("<html><body><div><div>x</div></div></body></html>"), 4);
        // Unclosed cells and rows of a long table do not deepen it.
        let rows = "<tr><td>1<td>2".repeat(10_000);
        assert_eq!(nesting_depth(&format!("<table>{rows}</table>")), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(5_000)), 5_000);
        assert_eq!(nesting_depth("<br/><img src=x/><!-- <div> --> a < b"), 1);
    }

    #[test]
    fn stripped_text_keeps_the_words() {
        assert_eq!(
            strip_tags("<div><p>一、总体情况</p>正文</div><"),
            "\n\n一、总体情况\n正文\n"
        );
    }
}
