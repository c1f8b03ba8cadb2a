//! Report metadata: agency and year as written in the title ([`super::title`]), the report year from the
//! 统计期限 sentence where the title names none (never the page date), the agency from the body where no
//! title names one, and the publication date where stated.

use std::sync::OnceLock;

use chrono::NaiveDate;
use regex::Regex;

use super::title::{self, clean_agency, placed, re};
use crate::document::Document;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub report_year: Option<i16>,
    pub published_date: Option<NaiveDate>,
    /// The year of the 统计期限 sentence, where there is one.
    pub period_year: Option<i16>,
    pub notes: Vec<String>,
}

/// 统计期限 / 统计时限 / 统计数据时限 … YYYY年.
fn period_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"统计(?:数据)?(?:期限|时限|时间|区间|期间|范围)[^。\n]{0,30}?((?:19|20)\d{2})\s*年",
    )
}

fn published_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:发布时间|发布日期|发布于|成文日期|时间|日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})",
    )
}

fn signature_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
}

/// Agency named in the body when the page has no title: "2024年，平潭综合实验区坚持…", "由…编制".
fn body_agency_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:(?:19|20)\d{2}年[，,]\s*(?P<a>\p{Han}{3,30}?)(?:坚持|认真|深入|紧紧|全面|始终|严格|按照|围绕|持续|扎实|积极|进一步|高度|不断|继续|立足|聚焦|贯彻)|由(?P<b>\p{Han}{3,30}?)编制|(?:^|[。\n])\s*(?P<c>\p{Han}{3,30}?)(?:根据|依据|按照)《中华人民共和国政府信息公开条例》)",
    )
}

/// The publisher field of a page (`发布机构：…`, `来源：…`), near the top.
fn source_field_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:发布机构|信息来源|来源|发文机关)\s*[:：]\s*(?P<a>\p{Han}[\p{Han}（）()]{2,30})",
    )
}

/// The agency of the publisher field, where the gazetteer places it (`来源：本站` is no agency).
fn source_field_agency(head: &str, year: Option<i16>) -> Option<String> {
    let first: String = head.chars().take(3000).collect();
    source_field_re().captures_iter(&first).find_map(|c| {
        let a = clean_agency(c.name("a")?.as_str())?;
        placed(&a, year).then_some(a)
    })
}

/// The first 20,000 characters of a text, where the title, preamble and overview are (a slice: no copy).
pub fn head(text: &str) -> &str {
    let end = text.char_indices().nth(20_000).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

pub fn read(doc: &Document, text: &str) -> Meta {
    let mut meta = Meta::default();
    let (title, notes) = title::read(doc);
    if let Some(m) = title {
        meta.title = Some(m.title);
        meta.report_year = m.year;
        meta.agency = m.agency;
    }
    meta.notes.extend(notes);
    let head = head(text);
    let period_year: Option<i16> = period_re().captures(head).and_then(|c| c[1].parse().ok());
    meta.period_year = period_year;
    match (meta.report_year, period_year) {
        (None, Some(y)) => {
            meta.report_year = Some(y);
            meta.notes.push("report year from the 统计期限 sentence".into());
        }
        (Some(t), Some(p)) if t != p => {
            meta.notes.push(format!(
                "title says {t}, the 统计期限 sentence says {p}; the title is kept"
            ));
        }
        _ => {}
    }
    if meta.agency.is_none() {
        meta.agency = source_field_agency(head, meta.report_year);
        if meta.agency.is_some() {
            meta.notes
                .push("agency taken from the page's 发布机构/来源 field (no title names one)".into());
        }
    }
    if meta.agency.is_none() {
        // The first mention that names someone else than "我/本/全/各…" (the report itself, the whole city).
        let year = meta.report_year;
        meta.agency = body_agency_re().captures_iter(head).find_map(|c| {
            let a = c.name("a").or_else(|| c.name("b")).or_else(|| c.name("c"))?.as_str();
            // 全市/全县… is the whole jurisdiction, 全南县/全州县/全椒县 are places; 本机关/本单位 is the report
            // itself, 本溪市/本溪满族自治县 are places: the gazetteer tells them apart
            let whole = a.starts_with(['全', '本']) && !placed(a, year);
            if a.starts_with(['我', '各']) || whole {
                None
            } else {
                clean_agency(a)
            }
        });
        if meta.agency.is_some() {
            meta.notes
                .push("agency taken from the body text (no title found)".into());
        }
    }
    meta.published_date = published_date(head, text);
    if let (Some(d), Some(y)) = (meta.published_date, meta.report_year) {
        if chrono::Datelike::year(&d) < i32::from(y) {
            meta.notes.push(format!(
                "date {d} precedes the report year {y}; not taken as the publication date"
            ));
            meta.published_date = None;
        }
    }
    meta
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A labelled date near the top ("发布时间：2020-01-15"), else a signature date on its own line at the end.
/// "统计时间：2019年1月1日" is the statistics period, not a publication date.
fn published_date(head: &str, text: &str) -> Option<NaiveDate> {
    let labelled = published_re().captures_iter(head).find_map(|c| {
        let start = c.get(0).map_or(0, |m| m.start());
        let before = &head[..start];
        if before.ends_with("统计") || before.ends_with("数据") {
            return None;
        }
        ymd(&c[1], &c[2], &c[3])
    });
    labelled.or_else(|| {
        let tail_start = text.char_indices().rev().nth(3000).map_or(0, |(i, _)| i);
        text[tail_start..]
            .lines()
            .rev()
            .take(40)
            .find_map(|l| signature_date_re().captures(l).and_then(|c| ymd(&c[1], &c[2], &c[3])))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment_text;

    fn meta_of(text: &str) -> Meta {
        let doc = segment_text(text);
        read(&doc, text)
    }

    #[test]
    fn title_forms() {
        let cases = [
            (
                "五通桥区人民政府办公室2019年度政府信息公开工作年度报告",
                "五通桥区人民政府办公室",
                2019,
            ),
            (
                "2019年上海市人民政府办公厅政府信息公开工作年度报告",
                "上海市人民政府办公厅",
                2019,
            ),
            (
                "常德市扶贫开发办公室2019年度政府信息公开工作报告",
                "常德市扶贫开发办公室",
                2019,
            ),
            (
                "平潭综合实验区地方税务局2013年信息公开年度报告",
                "平潭综合实验区地方税务局",
                2013,
            ),
            (
                "首页 > 信息公开年度报告 > 2019年度\n巫溪县峰灵镇人民政府2023年政府信息公开工作年度报告",
                "巫溪县峰灵镇人民政府",
                2023,
            ),
            // 关于…的年度报告 (issue 14), and …年度报告的报告
            (
                "东莞市人民政府关于2020年度政府信息公开工作的年度报告",
                "东莞市人民政府",
                2020,
            ),
            (
                "东莞市人民政府关于2020年度政府信息公开工作年度报告的报告",
                "东莞市人民政府",
                2020,
            ),
            // spaces around the year (PDF text)
            ("洪泽区人民政府 2023 年政府信息公开工作年度报告", "洪泽区人民政府", 2023),
            // the agency on the line above (PDF text, Word headings, pages)
            (
                "洪泽区人民政府\n2023 年政府信息公开工作年度报告",
                "洪泽区人民政府",
                2023,
            ),
            (
                "孝感市人民政府办公室\n2020年政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》要求",
                "孝感市人民政府办公室",
                2020,
            ),
        ];
        for (text, agency, year) in cases {
            let m = meta_of(text);
            assert_eq!(
                (m.agency.as_deref(), m.report_year),
                (Some(agency), Some(year)),
                "{text}"
            );
        }
    }

    #[test]
    fn the_line_above_a_title_is_the_agency_only_where_the_gazetteer_places_it() {
        for text in [
            "政府信息公开年报\n2020年度政府信息公开工作年度报告",
            "当前位置：首页 > 年报\n2020年度政府信息公开工作年度报告",
            "某某某网站\n2020年度政府信息公开工作年度报告",
        ] {
            assert_eq!(meta_of(text).agency, None, "{text}");
        }
        let m = meta_of("洪泽区人民政府\n2023 年政府信息公开工作年度报告");
        assert_eq!(
            m.title.as_deref(),
            Some("洪泽区人民政府2023 年政府信息公开工作年度报告")
        );
    }

    #[test]
    fn agency_from_the_publisher_field_or_the_preamble_where_no_title_names_one() {
        let m = meta_of(
            "2022年度政府信息公开工作年度报告\n发布时间：2023-01-20 来源：乐山市五通桥区人民政府\n一、总体情况",
        );
        assert_eq!(m.agency.as_deref(), Some("乐山市五通桥区人民政府"));
        assert_eq!(
            m.notes,
            vec!["agency taken from the page's 发布机构/来源 field (no title names one)".to_string()]
        );
        // 来源：本站 names no agency; nor does a field the gazetteer cannot place
        let m = meta_of("2022年度政府信息公开工作年度报告\n来源：本站\n资金来源：财政拨款\n一、总体情况");
        assert_eq!(m.agency, None);
        let m = meta_of(
            "2022年度政府信息公开工作年度报告\n孝感市人民政府办公室根据《中华人民共和国政府信息公开条例》要求，编制本报告。",
        );
        assert_eq!(m.agency.as_deref(), Some("孝感市人民政府办公室"));
        let m = meta_of("本报告根据《中华人民共和国政府信息公开条例》要求编制。");
        assert_eq!(m.agency, None);
        // a place whose name starts with 全 is not 全市/全县 (generated corpus, seed 11)
        let m2 = meta_of("2023年政府信息公开工作年度报告\n本报告由本溪满族自治县自然资源和规划局编制。");
        assert_eq!(m2.agency.as_deref(), Some("本溪满族自治县自然资源和规划局"));
        let m = meta_of("2023年政府信息公开工作年度报告\n本报告由全南县金龙镇人民政府编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。");
        assert_eq!(m.agency.as_deref(), Some("全南县金龙镇人民政府"));
        let m = meta_of("2023年政府信息公开工作年度报告\n2023年，全县深入贯彻落实《条例》，由全县各部门编制。");
        assert_eq!(m.agency, None);
    }

    #[test]
    fn year_from_period_and_agency_from_body() {
        let m = meta_of("本报告所列数据统计期限为2024年1月1日至2024年12月31日。\n一、总体情况\n2024年，平潭综合实验区坚持以人民为中心");
        assert_eq!(
            (m.agency.as_deref(), m.report_year),
            (Some("平潭综合实验区"), Some(2024))
        );
    }

    #[test]
    fn published_dates() {
        let m = meta_of("X区2019年度政府信息公开工作年度报告\n发布时间:2020-01-15 15:28");
        assert_eq!(m.published_date, NaiveDate::from_ymd_opt(2020, 1, 15));
        let m =
            meta_of("常德市扶贫开发办公室2019年度政府信息公开工作报告\n正文\n常德市扶贫开发办公室\n2020年1月16日\n");
        assert_eq!(m.published_date, NaiveDate::from_ymd_opt(2020, 1, 16));
        let m =
            meta_of("X局2019年度政府信息公开工作年度报告\n统计时间：2019年1月1日至12月31日。\n发布日期：2020年2月3日");
        assert_eq!(m.published_date, NaiveDate::from_ymd_opt(2020, 2, 3));
        let m = meta_of("X局2019年度政府信息公开工作年度报告\n日期：2018-05-01");
        assert_eq!(m.published_date, None);
    }
}
