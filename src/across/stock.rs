//! Article 20 stock across years (spec §2, soft check): a 2021-template report's 现行有效件数 is last year's
//! plus this year's 本年制发 minus 本年废止 (规章, 行政规范性文件); in the 2019 template, an item's 上一年项目数量
//! is last year's 上一年项目数量 plus last year's 本年增/减 (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制,
//! 行政事业性收费). Between the two templates nothing carries over.

use super::load::Rec;
use super::{Finding, Status};
use crate::template::PROACTIVE_ITEMS;

/// The (item, measure) pairs a stock check reads, as the template tables spell them.
pub fn measure(item: &str, measure: &str) -> Option<(&'static str, &'static str)> {
    let it = PROACTIVE_ITEMS.iter().find(|i| i.item == item)?;
    let m = it
        .measures_2019
        .iter()
        .chain(it.measures_2021)
        .map(|(k, _)| *k)
        .find(|k| *k == measure && ["issued", "repealed", "in_force", "previous_count", "change"].contains(k))?;
    Some((it.item, m))
}

fn get(r: &Rec, item: &str, measure: &str) -> Option<f64> {
    r.stock
        .iter()
        .find(|(i, m, _)| *i == item && *m == measure)
        .map(|x| x.2)
}

/// The stock checks of `cur` against `prev` (the same agency, the year before).
pub fn check(prev: &Rec, cur: &Rec) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |subject: String, expected: Option<f64>, found: Option<f64>| {
        let (status, note) = match (expected, found) {
            (Some(e), Some(f)) if (e - f).abs() < 0.5 => (Status::Ok, None),
            (Some(_), Some(_)) => (Status::Failed, None),
            _ => (
                Status::NotAssessable,
                Some("a measure was not read in one of the two years".to_string()),
            ),
        };
        out.push(Finding {
            subject,
            expected: expected.map(|v| v.round() as i64),
            found: found.map(|v| v.round() as i64),
            status,
            note,
        });
    };
    match (prev.template.as_str(), cur.template.as_str()) {
        ("t2021", "t2021") => {
            for it in PROACTIVE_ITEMS
                .iter()
                .filter(|i| i.measures_2021.iter().any(|(k, _)| *k == "in_force"))
            {
                let expected = get(prev, it.item, "in_force")
                    .zip(get(cur, it.item, "issued"))
                    .zip(get(cur, it.item, "repealed"))
                    .map(|((p, i), r)| p + i - r);
                push(format!("{}.in_force", it.item), expected, get(cur, it.item, "in_force"));
            }
        }
        ("t2019", "t2019") => {
            for it in PROACTIVE_ITEMS
                .iter()
                .filter(|i| i.measures_2019.iter().any(|(k, _)| *k == "previous_count"))
            {
                let expected = get(prev, it.item, "previous_count")
                    .zip(get(prev, it.item, "change"))
                    .map(|(p, c)| p + c);
                push(
                    format!("{}.previous_count", it.item),
                    expected,
                    get(cur, it.item, "previous_count"),
                );
            }
        }
        (a, b) => out.push(Finding {
            subject: "all".into(),
            status: Status::NotAssessable,
            note: Some(format!(
                "templates differ ({a} then {b}): the Article 20 measures do not carry over"
            )),
            ..Finding::default()
        }),
    }
    out
}
