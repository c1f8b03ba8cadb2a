//! Multi-year series: in about half of the blocks of [`BLOCK`] reports, a run of 3–7 consecutive reports is one
//! agency's reports for consecutive years (2019 on), chained as real ones are — this year's 上年结转 is last
//! year's 结转下年度 in every requester column, the Article 20 stock carries over (t2021: 现行有效 = last
//! year's plus 本年制发 − 本年废止; t2019: 上一年项目数量 = last year's + 本年增/减). A few links are broken on purpose, as
//! real series break (Pingtan's do not; other agencies' re-counted carry-overs do): the 上年结转 of one
//! requester column off by a few, or a stock that does not follow — recorded as planted defects. A year whose
//! slot a jurisdiction summary took is missing from the series (a gap, "not assessable").

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::{self, BlankStyle, Figures};
use super::jurisdiction::BLOCK;
use super::population::{self, Agency};
use super::{report_rng, GenOptions};
use crate::model::Cell;

const STREAM: u64 = 0x7365_7269_6573;
const FIGURE_STREAM: u64 = 0x7365_7266_6967;
const DEFECT_STREAM: u64 = 0x7365_7264_6566;
/// Share of links (year to year) whose carry-over is broken, and whose stock is.
pub const BROKEN_CARRY: f64 = 0.1;
pub const BROKEN_STOCK: f64 = 0.1;

#[derive(Debug, Clone)]
pub struct Series {
    pub start: usize,
    pub len: usize,
    pub first_year: i16,
    pub agency: Agency,
}

/// The series of block `block`, if it has one.
pub fn series(opts: &GenOptions, block: usize) -> Option<Series> {
    let mut rng = report_rng(opts.seed ^ STREAM, block);
    let first = opts.first_year.max(2019);
    if !rng.random_bool(0.8) || opts.last_year - first < 2 {
        return None;
    }
    let len = rng.random_range(3..=7usize).min((opts.last_year - first + 1) as usize);
    let first_year = rng.random_range(first..=opts.last_year - len as i16 + 1);
    let start = block * BLOCK + rng.random_range(0..BLOCK - len);
    if start + len > opts.reports {
        return None;
    }
    let mut agency = population::draw(&mut rng, first_year);
    let inside = |a: &Agency| (0..len as i16).any(|t| super::jurisdiction::inside_summary(opts, a, first_year + t));
    for _ in 0..8 {
        if !inside(&agency) {
            break;
        }
        agency = population::draw(&mut rng, first_year);
    }
    Some(Series {
        start,
        len,
        first_year,
        agency,
    })
}

/// Report `i`'s place in a series: the series and the year index.
pub fn member(opts: &GenOptions, i: usize) -> Option<(Series, usize)> {
    let s = series(opts, i / BLOCK)?;
    (s.start..s.start + s.len).contains(&i).then(|| {
        let t = i - s.start;
        (s, t)
    })
}

/// What a link of the series breaks on purpose: (identity, subject).
pub type Planted = Vec<(&'static str, String)>;

fn value(c: &Cell) -> i64 {
    c.value.unwrap_or(0)
}

fn set(fig: &mut Figures, row: &str, col: usize, v: i64) {
    if let Some(r) = fig.apps.iter_mut().find(|r| r.key == row) {
        r.cells[col] = Cell {
            value: Some(v),
            blank: false,
        };
    }
}

fn get(fig: &Figures, row: &str, col: usize) -> i64 {
    fig.apps
        .iter()
        .find(|r| r.key == row)
        .map_or(0, |r| value(&r.cells[col]))
}

fn measure(fig: &Figures, item: &str, m: &str) -> Option<f64> {
    fig.proactive
        .iter()
        .find(|p| p.item == item && p.measure == m)
        .and_then(|p| p.value)
}

fn set_measure(fig: &mut Figures, item: &str, m: &str, v: f64) {
    if let Some(p) = fig.proactive.iter_mut().find(|p| p.item == item && p.measure == m) {
        p.value = Some(v);
        p.raw = Some(format!("{}", v as i64));
    }
}

/// The figures of year `t` of the series, printed with zeros (restyled by [`figures_for`]), and what it
/// breaks on purpose.
fn chained(opts: &GenOptions, s: &Series, t: usize) -> (Figures, Planted) {
    let year = s.first_year + t as i16;
    let mut rng = report_rng(opts.seed ^ FIGURE_STREAM, s.start + t);
    let mut fig = figures::draw(&mut rng, &s.agency, year, year >= 2021, BlankStyle::Zero, 0.0);
    let mut planted = Planted::new();
    if t == 0 {
        return (fig, planted);
    }
    let (prev, _) = chained(opts, s, t - 1);
    let mut defects: ChaCha8Rng = report_rng(opts.seed ^ DEFECT_STREAM, s.start + t);
    for c in 0..6 {
        let want = get(&prev, "carried_forward", c);
        let d = want - get(&fig, "carried_over", c);
        set(&mut fig, "carried_over", c, want);
        // keep the balance: more carried in → more carried forward; less → more new
        if d >= 0 {
            let cf = get(&fig, "carried_forward", c);
            set(&mut fig, "carried_forward", c, cf + d);
        } else {
            let n = get(&fig, "new_received", c);
            set(&mut fig, "new_received", c, n - d);
        }
    }
    if defects.random_bool(BROKEN_CARRY) {
        let c = defects.random_range(0..6);
        let k = defects.random_range(1..4);
        for row in ["carried_over", "carried_forward"] {
            let v = get(&fig, row, c);
            set(&mut fig, row, c, v + k);
        }
        planted.push(("carry", crate::template::REQUESTERS[c].0.to_string()));
    }
    for row in ["new_received", "carried_over", "carried_forward"] {
        let sum = (0..6).map(|c| get(&fig, row, c)).sum();
        set(&mut fig, row, 6, sum);
    }
    let stock_break = defects.random_bool(BROKEN_STOCK);
    if prev.t2021 && fig.t2021 {
        for item in ["rules", "normative_documents"] {
            let (Some(p), Some(i), Some(r)) = (
                measure(&prev, item, "in_force"),
                measure(&fig, item, "issued"),
                measure(&fig, item, "repealed"),
            ) else {
                continue;
            };
            let r = r.min(p + i);
            set_measure(&mut fig, item, "repealed", r);
            set_measure(&mut fig, item, "in_force", p + i - r);
        }
        if stock_break {
            let v = measure(&fig, "normative_documents", "in_force").unwrap_or(0.0);
            set_measure(
                &mut fig,
                "normative_documents",
                "in_force",
                v + f64::from(defects.random_range(1..6)),
            );
            planted.push(("article20_stock", "normative_documents.in_force".into()));
        }
    } else if !prev.t2021 && !fig.t2021 {
        for item in ["licensing", "other_services", "penalty", "coercion", "fees"] {
            let (Some(p), Some(c)) = (measure(&prev, item, "previous_count"), measure(&prev, item, "change")) else {
                continue;
            };
            set_measure(&mut fig, item, "previous_count", p + c);
            let change = measure(&fig, item, "change").unwrap_or(0.0).max(-(p + c));
            set_measure(&mut fig, item, "change", change);
        }
        if stock_break {
            let v = measure(&fig, "licensing", "previous_count").unwrap_or(0.0);
            set_measure(
                &mut fig,
                "licensing",
                "previous_count",
                v + f64::from(defects.random_range(1..6)),
            );
            planted.push(("article20_stock", "licensing.previous_count".into()));
        }
    }
    (fig, planted)
}

/// Year `t`'s figures as the report prints them (`blank`), and its planted defects.
pub fn figures_for(opts: &GenOptions, s: &Series, t: usize, blank: BlankStyle) -> (Figures, Planted) {
    let (mut fig, planted) = chained(opts, s, t);
    if let BlankStyle::Token(_) = blank {
        for r in &mut fig.apps {
            for c in &mut r.cells {
                if c.value == Some(0) {
                    *c = Cell::blank();
                }
            }
        }
        for row in &mut fig.reviews {
            for c in row {
                if c.value == Some(0) {
                    *c = Cell::blank();
                }
            }
        }
    }
    fig.blank = blank;
    (fig, planted)
}
