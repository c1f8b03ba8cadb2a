//! How reports state their title — forms collected from the issue tracker and real report pages (facts,
//! not their text): `X YYYY年(度)政府信息公开工作年度报告`, `X关于YYYY年度政府信息公开工作的年度报告`,
//! `X关于YYYY年政府信息公开工作年度报告的报告`, `X YYYY年度政府信息公开年报`, the year first
//! (`YYYY年X政府信息公开工作年度报告`), and the agency alone on the line above the rest of the heading —
//! where the page's `<title>` is sometimes the heading's second line only.
//!
//! Drawn from a stream of their own, so adding forms leaves every other draw of a report unchanged.

use rand::RngExt;

/// A report's title as published.
pub struct Title {
    /// The title on one line (the truth's `title`, a `标题:` header of crawler text).
    pub line: String,
    /// The visible heading, one entry per line.
    pub heading: Vec<String>,
    /// The `<title>` tag of an HTML page.
    pub tag: String,
}

/// The stream the forms are drawn from (xor'ed into the corpus seed).
const STREAM: u64 = 0x7469_746c_6573;

pub fn draw(seed: u64, i: usize, name: &str, year: i16, du: bool) -> Title {
    let mut rng = super::report_rng(seed ^ STREAM, i);
    let du = if du { "度" } else { "" };
    let plain = format!("{name}{year}年{du}政府信息公开工作年度报告");
    let one = |line: String| Title {
        heading: vec![line.clone()],
        tag: line.clone(),
        line,
    };
    match rng.random_range(0..100) {
        0..55 => one(plain),
        55..75 => one(format!("{name}关于{year}年度政府信息公开工作的年度报告")),
        75..78 => one(format!("{name}关于{year}年政府信息公开工作年度报告的报告")),
        78..83 => one(format!("{name}{year}年度政府信息公开年报")),
        83..90 => one(format!("{year}年{name}政府信息公开工作年度报告")),
        roll => {
            let rest = format!("{year}年{du}政府信息公开工作年度报告");
            Title {
                heading: vec![name.to_string(), rest.clone()],
                tag: if roll < 95 { plain.clone() } else { rest },
                line: plain,
            }
        }
    }
}
