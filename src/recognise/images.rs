//! Tables published as images: the images of an HTML page that sit in its table sections (between the
//! heading of 主动公开政府信息情况, 收到和处理政府信息公开申请情况 or 行政复议、行政诉讼情况 and the next heading).

use crate::document::{Block, Document};
use crate::normalize::compact_cleaned;

/// Headings of the three table sections, as compact keys.
const TABLE_SECTIONS: &[&str] = &["主动公开政府信息情况", "收到和处理政府信息公开申请情况", "行政复议"];

fn heading(block: &Block) -> Option<String> {
    let Block::Text(t) = block else { return None };
    let key = compact_cleaned(t);
    let numbered =
        key.chars().next().is_some_and(|c| "一二三四五六七八".contains(c)) && key.chars().nth(1) == Some('、');
    (numbered && key.chars().count() <= 40).then_some(key)
}

/// The `src` of every image in a table section, in reading order.
pub fn table_images(doc: &Document) -> Vec<String> {
    if doc.images.is_empty() {
        return Vec::new();
    }
    // per block: whether it lies in a table section
    let mut in_section = Vec::with_capacity(doc.blocks.len());
    let mut current = false;
    for b in &doc.blocks {
        if let Some(key) = heading(b) {
            current = TABLE_SECTIONS.iter().any(|s| key.contains(s));
        }
        in_section.push(current);
    }
    // an image comes after the block before it, in that block's section
    doc.images
        .iter()
        .filter(|(at, _)| {
            at.checked_sub(1)
                .and_then(|p| in_section.get(p))
                .copied()
                .unwrap_or(false)
        })
        .map(|(_, src)| src.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment_html;

    #[test]
    fn images_between_the_table_headings() {
        let doc = segment_html(
            "<p>一、总体情况</p><p><img src='logo.png'>本机关…</p><p>二、主动公开政府信息情况</p><p><img src='t1.jpg'></p>\
             <p>三、收到和处理政府信息公开申请情况</p><table><tr><td><img data-src='/u/t2.png'></td></tr></table>\
             <p>五、存在的主要问题及改进情况</p><img src='sign.png'>",
        );
        assert_eq!(table_images(&doc), ["t1.jpg", "/u/t2.png"]);
    }
}
