//! The overview sentence of a 2019+ report that states its applications again, in the forms real reports use
//! (facts learnt from them, not their text): 共收到…申请N件，办结M件，结转下年度K件 (Pingtan 2021, 2025);
//! a count that includes last year's carried-over requests (Pingtan 2022: `收到政府信息公开申请75件` = 74 + 1);
//! 全年办理…申请N件 (Pingtan 2024); 受理…N件，答复M件，其中予以公开…部分公开…不予公开… (Shanghai, Putuo);
//! 办结…N件，其中：予以公开及部分公开X件，占Y%…行政复议案件R件、行政诉讼案件L件 (Pingtan 2023);
//! 完成…答复N件，包括上年结转…申请C件; 未收到政府信息公开申请 (zero). A few state a number the table does not
//! (a typo, a stale draft): recorded in the truth as a planted `prose_vs_table` defect.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::Figures;
use crate::model::FigureRow;

/// Share of stating sentences with one figure that disagrees with the table.
pub const MISMATCH_SHARE: f64 = 0.05;

/// The sentence, the figures it states (truth, `figures` rows) and the key of a planted disagreement.
pub struct Stated {
    pub sentence: String,
    pub figures: Vec<FigureRow>,
    pub planted: Option<&'static str>,
}

/// The row's figure: its 总计, or where the report left that cell blank (a defect) the sum it stands for.
fn total(fig: &Figures, keys: &[&str]) -> i64 {
    fig.apps
        .iter()
        .filter(|r| {
            keys.iter()
                .any(|k| r.key == *k || (k.ends_with('_') && r.key.starts_with(k)))
        })
        .map(|r| {
            r.cells[6]
                .value
                .unwrap_or_else(|| r.cells[..6].iter().filter_map(|c| c.value).sum())
        })
        .sum()
}

fn review_total(fig: &Figures, g: &[usize]) -> i64 {
    g.iter().map(|&i| fig.reviews[i][4].value.unwrap_or(0)).sum()
}

/// The sentence for `fig` (by `who`: 本机关, 我局 …), drawn with `rng`.
pub fn sentence(rng: &mut ChaCha8Rng, fig: &Figures, year: i16) -> Stated {
    let new = total(fig, &["new_received"]);
    let co = total(fig, &["carried_over"]);
    let tp = total(fig, &["total_processed"]);
    let cf = total(fig, &["carried_forward"]);
    let g = total(fig, &["granted"]);
    let p = total(fig, &["partially_granted"]);
    let (d, u, r) = (
        total(fig, &["denied_"]),
        total(fig, &["unable_"]),
        total(fig, &["rejected_"]),
    );
    let (rev, lit) = (review_total(fig, &[0]), review_total(fig, &[1, 2]));
    let who = ["", "本机关", "我单位", "本单位"][rng.random_range(0..4)];
    // (key, value) in the order the sentence states them; `{}` placeholders filled in that order
    let (template, mut figs): (String, Vec<(&'static str, i64)>) = if new == 0 && co == 0 {
        let s = if rev + lit == 0 {
            "本年度{who}未收到政府信息公开申请。未发生因政府信息公开引起的行政复议、行政诉讼。".to_string()
        } else {
            "本年度{who}未收到政府信息公开申请。".to_string()
        };
        let mut f = vec![("stated_received", 0)];
        if rev + lit == 0 {
            f.extend([("stated_reviews", 0), ("stated_litigations", 0)]);
        }
        (s, f)
    } else {
        match rng.random_range(0..7) {
            0 => (
                format!("{year}年，{{who}}共收到政府信息公开申请{{}}件，共办结{{}}件，结转至{}年{{}}件。", year + 1),
                vec![("stated_received", new), ("stated_processed", tp), ("stated_carried_forward", cf)],
            ),
            1 => (
                "本年度{who}共收到{}件申请，及时依法依规办结{}件，{}件结转下年度继续办理。".into(),
                vec![("stated_received", new), ("stated_processed", tp), ("stated_carried_forward", cf)],
            ),
            2 if co > 0 => (
                format!("{year}年，{{who}}收到政府信息公开申请{{}}件，均在法定期限内予以答复。"),
                vec![("stated_received", new + co)],
            ),
            3 => ("全年{who}办理政府信息公开申请{}件。".into(), vec![("stated_processed", tp)]),
            4 => (
                "{who}共受理政府信息公开申请{}件，答复{}件。其中，予以公开{}件，部分公开{}件，不予公开{}件，无法提供{}件，不予处理{}件。".into(),
                vec![
                    ("stated_received", new),
                    ("stated_processed", tp),
                    ("stated_granted", g),
                    ("stated_partially_granted", p),
                    ("stated_denied", d),
                    ("stated_unable", u),
                    ("stated_rejected", r),
                ],
            ),
            5 => (
                "{who}办结依申请公开{}件，其中：予以公开及部分公开{}件；不予公开{}件；无法提供{}件；因政府信息公开引起的行政复议案件{}件、行政诉讼案件{}件。".into(),
                vec![
                    ("stated_processed", tp),
                    ("stated_granted_plus_partial", g + p),
                    ("stated_denied", d),
                    ("stated_unable", u),
                    ("stated_reviews", rev),
                    ("stated_litigations", lit),
                ],
            ),
            _ if co > 0 => (
                "{who}共完成政府信息依申请公开答复{}件，包括上年结转信息公开申请{}件。".into(),
                vec![("stated_processed", tp), ("stated_carried_over", co)],
            ),
            _ => (
                "{who}全年共收到政府信息公开申请{}件，办结{}件，结转下年度继续办理{}件。".into(),
                vec![("stated_received", new), ("stated_processed", tp), ("stated_carried_forward", cf)],
            ),
        }
    };
    let zero = new == 0 && co == 0;
    let planted = rng.random_bool(MISMATCH_SHARE).then(|| {
        let k = if zero { 0 } else { rng.random_range(0..figs.len()) };
        let v = figs[k].1;
        figs[k].1 = if v >= 10 && rng.random_bool(0.5) {
            v * 10 + rng.random_range(0..10)
        } else {
            v + rng.random_range(1..10)
        };
        figs[k].0
    });
    let mut sentence = template.replace("{who}", who);
    for (_, v) in &figs {
        sentence = sentence.replacen("{}", &v.to_string(), 1);
    }
    // a figure stated as 0 in a zero phrasing that was planted wrong becomes a number
    if planted.is_some() && zero {
        sentence = format!("本年度{who}共收到政府信息公开申请{}件。", figs[0].1);
        figs.truncate(1);
    }
    let figures = figs
        .iter()
        .map(|(k, v)| FigureRow {
            figure: k,
            period: "year",
            value: Some(*v as f64),
            source: "prose",
            text: sentence.clone(),
        })
        .collect();
    Stated {
        sentence,
        figures,
        planted,
    }
}
