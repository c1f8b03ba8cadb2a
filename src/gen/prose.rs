//! Pre-2019 reports (2008 regulations): figures stated in prose (spec §5.1), and in some provinces a
//! statistics table (spec §5.2, the Fujian 2014–2018 rows). Returns the text pieces and the truth.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal};

use super::chrome::filler;
use super::population::Agency;
use super::render::Piece;
use crate::model::{AppRowCells, Cell, ProactiveCell};

pub struct ProseTruth {
    pub apps: Vec<AppRowCells>,
    pub proactive: Vec<ProactiveCell>,
}

fn total_only(key: &'static str, v: i64) -> AppRowCells {
    let mut cells = [Cell::unknown(); 7];
    cells[6] = Cell {
        value: Some(v),
        blank: false,
    };
    AppRowCells { key, cells }
}

pub fn body(rng: &mut ChaCha8Rng, agency: &Agency, year: i16, with_table: bool) -> (Vec<Piece>, ProseTruth) {
    let scale = match agency.level {
        "township" => 0.3,
        "county" => 3.0,
        "prefecture" => 15.0,
        _ => 60.0,
    };
    let received = if rng.random_bool(0.55) {
        0
    } else {
        LogNormal::new(f64::ln(scale), 1.0)
            .map(|d| d.sample(rng))
            .unwrap_or(1.0)
            .round()
            .max(1.0) as i64
    };
    let granted = (received as f64 * rng.random_range(0.5..0.9)).round() as i64;
    let partial = ((received - granted) as f64 * rng.random_range(0.0..0.5)).round() as i64;
    let denied = received - granted - partial;
    let published = LogNormal::new(f64::ln(scale * 150.0), 0.8)
        .map(|d| d.sample(rng))
        .unwrap_or(100.0)
        .round() as i64;
    let cumulative = published * rng.random_range(3..12);
    let reviews = if received > 5 && rng.random_bool(0.2) {
        rng.random_range(1..3)
    } else {
        0
    };

    let p = |s: String| Piece::Para(s);
    let mut pieces = vec![
        p(format!(
            "本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为{year}年1月1日至{year}年12月31日。"
        )),
        p("一、概述".into()),
        p(format!("{year}年，{}{}", agency.name, filler(rng, 100))),
        p("二、主动公开政府信息情况".into()),
        p(format!(
            "全年主动公开政府信息{published}条，累计主动公开政府信息{cumulative}条。{}",
            filler(rng, 60)
        )),
        p("三、依申请公开政府信息情况".into()),
        p(if received == 0 {
            format!("{year}年未收到政府信息公开申请。")
        } else {
            format!("全年共收到政府信息公开申请{received}件，其中同意公开{granted}件，同意部分公开{partial}件，不予公开{denied}件，均已按时答复。")
        }),
        p("四、政府信息公开的收费及减免情况".into()),
        p("未收取任何费用。".into()),
        p("五、因政府信息公开申请行政复议、提起行政诉讼的情况".into()),
        p(if reviews == 0 {
            "未发生因政府信息公开申请提起行政复议、行政诉讼的情况。".to_string()
        } else {
            format!("被申请行政复议{reviews}件，未发生行政诉讼。")
        }),
        p("六、主要问题和改进措施".into()),
        p(filler(rng, 80)),
    ];
    if with_table {
        let row = |name: &str, unit: &str, a: i64, b: i64| {
            Piece::Row(vec![
                Some(name.to_string()),
                Some(unit.to_string()),
                Some(a.to_string()),
                Some(b.to_string()),
            ])
        };
        pieces.push(p("附表：政府信息公开情况统计表".into()));
        pieces.push(Piece::Row(vec![
            Some("指标名称".into()),
            Some("计量单位".into()),
            Some(format!("{year}年度")),
            Some("历年累计".into()),
        ]));
        pieces.push(row("主动公开文件数", "条", published, cumulative));
        pieces.push(row("受理政府信息依申请公开总数", "件", received, received * 3));
        pieces.push(row("对申请的答复总数", "件", received, received * 3));
        pieces.push(row("其中：1、同意公开答复数", "件", granted, granted * 3));
        pieces.push(row("2、同意部分公开答复数", "件", partial, partial * 3));
        pieces.push(row("3、不予公开答复数", "件", denied, denied * 3));
        pieces.push(row("行政复议数", "件", reviews, reviews));
    }
    let truth = ProseTruth {
        // Granted and partial are stated when there were applications, or in the table (as 0); a report that
        // received none says nothing of answers, and the truth does not invent them.
        apps: if received > 0 || with_table {
            vec![
                total_only("new_received", received),
                total_only("granted", granted),
                total_only("partially_granted", partial),
            ]
        } else {
            vec![total_only("new_received", received)]
        },
        proactive: vec![
            ProactiveCell {
                item: "all_information",
                measure: "published",
                value: Some(published as f64),
                raw: Some(published.to_string()),
            },
            ProactiveCell {
                item: "all_information",
                measure: "cumulative",
                value: Some(cumulative as f64),
                raw: Some(cumulative.to_string()),
            },
        ],
    };
    (pieces, truth)
}
