//! How reports state their title — forms collected from the issue tracker and real report pages (facts,
//! not their text): `X YYYY年(度)政府信息公开工作年度报告`, `X关于YYYY年度政府信息公开工作的年度报告`,
//! `X关于YYYY年政府信息公开工作年度报告的报告`, `X YYYY年度政府信息公开年报`, the year first
//! (`YYYY年X政府信息公开工作年度报告`), and the agency alone on the line above the rest of the heading —
//! where the page's `<title>` is sometimes the heading's second line only.
//!
//! Some titles name no agency (`2023年度政府信息公开工作年度报告`): the preamble does (`本报告由X编制`,
//! `X根据《条例》…编制本报告`). Jurisdiction summaries ([`summary`]) carry either the government's usual
//! title or one naming the whole (`X2023年全市政府信息公开工作年度报告`).
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
    /// Where the title names no agency, the preamble that does.
    pub preamble: Option<String>,
}

fn one(line: String) -> Title {
    Title {
        heading: vec![line.clone()],
        tag: line.clone(),
        line,
        preamble: None,
    }
}

/// A jurisdiction summary's title naming the whole: `X2023年全市政府信息公开工作年度报告`.
pub fn whole(division: &str, whole: &str, year: i16) -> Title {
    one(format!("{division}{year}年{whole}政府信息公开工作年度报告"))
}

/// The stream the forms are drawn from (xor'ed into the corpus seed).
const STREAM: u64 = 0x7469_746c_6573;

/// `preamble_only`: the title may name no agency (the body then has a preamble that does).
pub fn draw(seed: u64, i: usize, name: &str, year: i16, du: bool, preamble_only: bool) -> Title {
    let mut rng = super::report_rng(seed ^ STREAM, i);
    let du = if du { "度" } else { "" };
    let plain = format!("{name}{year}年{du}政府信息公开工作年度报告");
    match rng.random_range(0..100) {
        0..4 if preamble_only => {
            let mut t = one(format!("{year}年{du}政府信息公开工作年度报告"));
            t.preamble = Some(if rng.random_bool(0.5) {
                format!("本报告由{name}编制。")
            } else {
                format!("{name}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编制本报告。")
            });
            t
        }
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
                preamble: None,
            }
        }
    }
}
