//! The numbers of one report: heavy-tailed request counts by level and kind, most townships and many
//! departments at zero, outcome shares that drift over the years, reviews and lawsuits at plausible
//! rates — and a small, known share of reports that break an identity the way real ones do.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, LogNormal, Poisson};

use super::labels;
use super::population::Agency;
use crate::model::{AppRowCells, Cell, ProactiveCell, ReviewCells};

/// How a report prints the cells that hold no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlankStyle {
    /// Zeros printed as "0".
    Zero,
    /// Zeros printed as a blank token (".", "-", "—", "/", "无", or an empty HTML cell).
    Token(&'static str),
}

/// A way real reports break an identity (recorded in the truth).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// The 总计 column is left blank on every outcome row (Shanghai 2019).
    BlankTotalColumn,
    /// One outcome row disagrees with （七）总计 (Pingtan 2020).
    OutcomeSumOff,
    /// One cell of one row is not printed at all (seed 000's row 二).
    MissingCell { row: usize, col: usize },
}

impl Defect {
    pub fn name(self) -> &'static str {
        match self {
            Defect::BlankTotalColumn => "blank_total_column",
            Defect::OutcomeSumOff => "outcome_sum_off",
            Defect::MissingCell { .. } => "missing_cell",
        }
    }
}

/// The tables of one report as printed (truth), and how to print them.
#[derive(Debug, Clone)]
pub struct Figures {
    pub t2021: bool,
    pub apps: Vec<AppRowCells>,
    pub reviews: ReviewCells,
    pub proactive: Vec<ProactiveCell>,
    pub blank: BlankStyle,
    pub defect: Option<Defect>,
}

fn median_new(a: &Agency) -> f64 {
    match (a.level, a.kind) {
        ("central", _) => 300.0,
        ("province", "department") => 30.0,
        ("province", _) => 400.0,
        ("prefecture", "department") => 8.0,
        ("prefecture", _) => 80.0,
        ("county", "department") => 2.5,
        ("county", "general_office") => 8.0,
        ("county", _) => 20.0,
        _ => 1.0,
    }
}

fn zero_share(a: &Agency, year: i16) -> f64 {
    let base: f64 = match (a.level, a.kind) {
        ("central", _) => 0.02,
        ("province", "department") => 0.15,
        ("province", _) => 0.01,
        ("prefecture", "department") => 0.4,
        ("prefecture", _) => 0.05,
        ("county", "department") => 0.6,
        ("county", "general_office") => 0.3,
        ("county", _) => 0.2,
        _ => 0.8,
    };
    // Requests spread slowly to small agencies over the years.
    (base - 0.01 * f64::from((year - 2019).max(0))).max(0.0)
}

/// Draws a category index `n` times (or in proportion when `n` is large).
fn spread(rng: &mut ChaCha8Rng, n: i64, probs: &[f64]) -> Vec<i64> {
    let mut out = vec![0i64; probs.len()];
    let total: f64 = probs.iter().sum();
    if n > 2000 {
        let mut left = n;
        for (i, p) in probs.iter().enumerate().skip(1) {
            let v = ((n as f64) * p / total * rng.random_range(0.8..1.2)).round() as i64;
            out[i] = v.min(left);
            left -= out[i];
        }
        out[0] = left;
        return out;
    }
    for _ in 0..n {
        let mut x: f64 = rng.random::<f64>() * total;
        let mut k = probs.len() - 1;
        for (i, p) in probs.iter().enumerate() {
            if x < *p {
                k = i;
                break;
            }
            x -= p;
        }
        out[k] += 1;
    }
    out
}

const REQUESTER_SHARES: [f64; 6] = [0.84, 0.10, 0.005, 0.01, 0.02, 0.025];

fn outcome_shares(key: &str, year: i16) -> f64 {
    let drift = f64::from(year - 2019) * 0.01;
    match key {
        "granted" => 0.40 + drift,
        "partially_granted" => 0.08,
        "denied_state_secret" | "denied_security_stability" | "denied_enforcement_file" => 0.005,
        k if k.starts_with("denied_") => 0.01,
        "unable_not_held" => 0.22 - drift,
        "unable_needs_creation" => 0.04,
        "unable_unclear" => 0.02,
        "rejected_petition" => 0.05,
        "rejected_duplicate" => 0.02,
        k if k.starts_with("rejected_") => 0.005,
        "other" => 0.045,
        "other_no_correction" | "other_misc" => 0.02,
        "other_unpaid_fee" => 0.005,
        _ => 0.0,
    }
}

fn cell(v: i64, blank: BlankStyle) -> Cell {
    match (v, blank) {
        (0, BlankStyle::Token(_)) => Cell::blank(),
        _ => Cell {
            value: Some(v),
            blank: false,
        },
    }
}

fn with_total(v: &[i64]) -> [i64; 7] {
    let mut a = [0i64; 7];
    a[..6].copy_from_slice(&v[..6]);
    a[6] = v[..6].iter().sum();
    a
}

pub fn draw(rng: &mut ChaCha8Rng, agency: &Agency, year: i16, t2021: bool, blank: BlankStyle, defects: f64) -> Figures {
    let rows = labels::rows(t2021);
    let growth = 1.0 + 0.07 * f64::from((year - 2019).max(0));
    let zero = rng.random_bool(zero_share(agency, year).clamp(0.0, 1.0));
    let new_total = if zero {
        0
    } else {
        let ln = LogNormal::new((median_new(agency) * growth).ln(), 1.1)
            .map(|d| d.sample(rng))
            .unwrap_or(1.0);
        (ln.round() as i64).clamp(1, 200_000)
    };
    let new = spread(rng, new_total, &REQUESTER_SHARES);
    let carried_in: Vec<i64> = if new_total > 0 && rng.random_bool(0.3) {
        new.iter()
            .map(|v| (*v as f64 * rng.random_range(0.0..0.1)).round() as i64)
            .collect()
    } else {
        vec![0; 6]
    };
    let forward: Vec<i64> = if new_total > 0 && rng.random_bool(0.35) {
        new.iter()
            .zip(&carried_in)
            .map(|(n, c)| ((n + c) as f64 * rng.random_range(0.0..0.08)).round() as i64)
            .collect()
    } else {
        vec![0; 6]
    };
    let outcome_keys: Vec<&str> = rows
        .iter()
        .map(|r| r.key)
        .filter(|k| {
            !matches!(
                *k,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .collect();
    let shares: Vec<f64> = outcome_keys.iter().map(|k| outcome_shares(k, year)).collect();
    // outcome[k][c]
    let mut outcome = vec![vec![0i64; 6]; outcome_keys.len()];
    for c in 0..6 {
        let processed = new[c] + carried_in[c] - forward[c];
        for (k, v) in spread(rng, processed, &shares).into_iter().enumerate() {
            outcome[k][c] = v;
        }
    }
    let processed: Vec<i64> = (0..6).map(|c| outcome.iter().map(|o| o[c]).sum()).collect();

    let defect = if rng.random_bool(defects) {
        Some(match rng.random_range(0..3) {
            0 => Defect::BlankTotalColumn,
            1 => Defect::OutcomeSumOff,
            _ => Defect::MissingCell {
                row: rng.random_range(0..rows.len()),
                col: rng.random_range(0..7),
            },
        })
    } else {
        None
    };
    if defect == Some(Defect::OutcomeSumOff) {
        let k = rng.random_range(0..outcome_keys.len());
        outcome[k][0] += rng.random_range(1..5);
    }

    let mut apps = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let values: [i64; 7] = match row.key {
            "new_received" => with_total(&new),
            "carried_over" => with_total(&carried_in),
            "total_processed" => with_total(&processed),
            "carried_forward" => with_total(&forward),
            k => with_total(&outcome[outcome_keys.iter().position(|o| *o == k).unwrap_or(0)]),
        };
        let mut cells = values.map(|v| cell(v, blank));
        let is_outcome = outcome_keys.contains(&row.key);
        if defect == Some(Defect::BlankTotalColumn) && is_outcome {
            cells[6] = Cell::blank();
        }
        if let Some(Defect::MissingCell { row: r, col }) = defect {
            if r == i {
                cells[col] = Cell::blank();
            }
        }
        apps.push(AppRowCells { key: row.key, cells });
    }

    let reviews = draw_reviews(rng, new_total, blank);
    let proactive = draw_proactive(rng, agency, t2021);
    Figures {
        t2021,
        apps,
        reviews,
        proactive,
        blank,
        defect,
    }
}

fn poisson(rng: &mut ChaCha8Rng, lambda: f64) -> i64 {
    if lambda <= 0.0 {
        return 0;
    }
    Poisson::new(lambda).map(|d| d.sample(rng) as i64).unwrap_or(0)
}

fn draw_reviews(rng: &mut ChaCha8Rng, new_total: i64, blank: BlankStyle) -> ReviewCells {
    let n = new_total as f64;
    let totals = [poisson(rng, n * 0.015), poisson(rng, n * 0.008), 0];
    let totals = [totals[0], totals[1], poisson(rng, totals[0] as f64 * 0.3)];
    let mut out = [[Cell::blank(); 5]; 3];
    for (g, t) in totals.iter().enumerate() {
        let parts = spread(rng, *t, &[0.6, 0.1, 0.2, 0.1]);
        for (o, v) in parts.iter().chain(std::iter::once(t)).enumerate() {
            out[g][o] = cell(*v, blank);
        }
    }
    out
}

fn count_cell(item: &'static str, measure: &'static str, v: i64) -> ProactiveCell {
    ProactiveCell {
        item,
        measure,
        value: Some(v as f64),
        raw: Some(v.to_string()),
    }
}

fn draw_proactive(rng: &mut ChaCha8Rng, agency: &Agency, t2021: bool) -> Vec<ProactiveCell> {
    let gov = agency.kind != "department" && agency.level != "township";
    let big = matches!(agency.level, "central" | "province" | "prefecture");
    let mut out = Vec::new();
    let docs = |rng: &mut ChaCha8Rng, scale: f64| poisson(rng, scale);
    for item in ["rules", "normative_documents"] {
        let scale = match (item, big, gov) {
            ("rules", true, true) => 3.0,
            ("rules", _, _) => 0.0,
            (_, true, _) => 25.0,
            (_, _, true) => 8.0,
            _ => 1.5,
        };
        let made = docs(rng, scale);
        let stock = made + docs(rng, scale * 8.0);
        let m = labels::measures(item, t2021);
        if t2021 {
            let repealed = docs(rng, scale / 3.0).min(stock);
            out.extend([
                count_cell(item, m[0], made),
                count_cell(item, m[1], repealed),
                count_cell(item, m[2], stock),
            ]);
        } else {
            out.extend([
                count_cell(item, m[0], made),
                count_cell(item, m[1], made),
                count_cell(item, m[2], stock),
            ]);
        }
    }
    let decisions_scale = if big {
        3000.0
    } else if gov {
        400.0
    } else {
        30.0
    };
    let items: &[&str] = if t2021 {
        &["licensing", "penalty", "coercion"]
    } else {
        &["licensing", "other_services", "penalty", "coercion"]
    };
    for item in items {
        let d = LogNormal::new((decisions_scale * 0.3f64).ln(), 1.2)
            .map(|x| x.sample(rng))
            .unwrap_or(0.0) as i64;
        let d = if rng.random_bool(0.3) { 0 } else { d };
        if t2021 {
            out.push(count_cell(item, "decisions", d));
        } else {
            let prev = poisson(rng, 20.0);
            let change = rng.random_range(-3..=5).max(-prev);
            out.extend([
                count_cell(item, "previous_count", prev),
                count_cell(item, "change", change),
                count_cell(item, "decisions", d),
            ]);
        }
    }
    if t2021 {
        // 本年收费金额 in 万元, printed with up to two decimals.
        let wan = if rng.random_bool(0.5) {
            0.0
        } else {
            (rng.random_range(0.0..20_000.0f64) * 100.0).round() / 100.0
        };
        let raw = if wan == 0.0 { "0".to_string() } else { format!("{wan}") };
        out.push(ProactiveCell {
            item: "fees",
            measure: "amount_yuan",
            value: Some((wan * 1_000_000.0).round() / 100.0),
            raw: Some(raw),
        });
    } else {
        let prev = poisson(rng, 3.0);
        out.extend([
            count_cell("fees", "previous_count", prev),
            count_cell("fees", "change", rng.random_range(-1..=1).max(-prev)),
        ]);
        let items = poisson(rng, if big { 40.0 } else { 5.0 });
        let fen: i64 = if items == 0 {
            0
        } else {
            rng.random_range(100_000..5_000_000_000) // fen: 1,000 to 50,000,000 yuan
        };
        let (raw, yuan) = match rng.random_range(0..3) {
            _ if fen == 0 => ("0".to_string(), 0.0),
            0 => (format!("{:.2}元", fen as f64 / 100.0), fen as f64 / 100.0),
            1 => {
                let wan = (fen as f64 / 100.0 / 10_000.0 * 10_000.0).round() / 10_000.0;
                (format!("{wan}万元"), (wan * 10_000.0 * 100.0).round() / 100.0)
            }
            _ => (format!("{}元", fen / 100), (fen / 100) as f64),
        };
        out.push(count_cell("procurement", "items", items));
        out.push(ProactiveCell {
            item: "procurement",
            measure: "amount_yuan",
            value: Some(yuan),
            raw: Some(raw),
        });
    }
    out
}
