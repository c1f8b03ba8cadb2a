//! The checks across reports (and the 2019+ prose checks) against the truth, per report and check
//! (`carry`, `article20_stock`, `summary_members`, `prose_vs_table`): a unit fails where any of its subjects
//! fails. What *should* fail is what the same checks give on the truth's own tables (truth agencies placed
//! where the extraction placed them: the metadata is scored apart) — that covers the defects planted in the
//! generator's series, summaries and prose (`truth/planted.parquet`) and the accidental ones (a ministry drawn
//! in two consecutive years chains by chance or not). Precision: the extraction's failures that the truth has;
//! recall: the truth's failures the extraction finds; and the planted defects found.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use anyhow::Result;

use crate::across::{self, load, Status};
use crate::model::{AppRowCells, Cell, ReviewCells};
use crate::recognise::stated::Stated;
use crate::template::{stated::stated as stated_figure, APP_ROWS, OUTCOMES, PROCEEDINGS, REQUESTERS};

type Unit = (String, String);

#[derive(Debug, Default, Clone)]
pub struct Score {
    /// Units (report × check) the extraction assessed, failed; the truth's failures; both.
    pub assessed: usize,
    pub found: usize,
    pub expected: usize,
    pub agreed: usize,
    pub planted: usize,
    pub planted_found: usize,
    /// Truth failures missed where the extraction could not compare a subject (a cell it did not read).
    pub missed_not_read: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.agreed as f64 / self.found as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.agreed as f64 / self.expected as f64
        }
    }
    pub fn planted_recall(&self) -> f64 {
        if self.planted == 0 {
            1.0
        } else {
            self.planted_found as f64 / self.planted as f64
        }
    }
}

/// Units with a subject the checks could not compare.
fn unread_units(rows: &[across::CrossCheck]) -> BTreeSet<Unit> {
    rows.iter()
        .filter(|r| r.finding.status == Status::NotAssessable)
        .map(|r| (r.check.to_string(), r.report_id.clone()))
        .collect()
}

fn failed_units(rows: &[across::CrossCheck]) -> (BTreeSet<Unit>, BTreeSet<Unit>) {
    let (mut failed, mut assessed) = (BTreeSet::new(), BTreeSet::new());
    for r in rows {
        let u = (r.check.to_string(), r.report_id.clone());
        match r.finding.status {
            Status::Failed => {
                failed.insert(u.clone());
                assessed.insert(u);
            }
            Status::Ok => {
                assessed.insert(u);
            }
            Status::NotAssessable => {}
        }
    }
    (failed, assessed)
}

/// The 2019+ prose checks of an extraction: (failed, assessed) units.
fn prose_units(dir: &Path) -> Result<(BTreeSet<Unit>, BTreeSet<Unit>)> {
    let (mut failed, mut assessed) = (BTreeSet::new(), BTreeSet::new());
    super::load::each_check(dir, |report_id, identity, subject, ok| {
        if identity == "prose_vs_table" && subject.starts_with("stated_") {
            let u = ("prose_vs_table".to_string(), report_id.to_string());
            if !ok {
                failed.insert(u.clone());
            }
            assessed.insert(u);
        }
    })?;
    Ok((failed, assessed))
}

/// The truth's prose failures: its stated figures against its own tables.
fn truth_prose(truth: &Path) -> Result<BTreeSet<Unit>> {
    // a truth written before the generator stated its figures has none to compare
    if load::table_files(truth, "figures").is_empty() {
        return Ok(BTreeSet::new());
    }
    let reports = super::load::load(truth)?;
    let mut stated: HashMap<String, Vec<Stated>> = HashMap::new();
    super::load::each_figure(truth, |report_id, figure, value| {
        if let Some(f) = stated_figure(figure) {
            stated.entry(report_id.to_string()).or_default().push(Stated {
                key: f.key,
                value: value as i64,
                sentence: String::new(),
            });
        }
    })?;
    let mut out = BTreeSet::new();
    for (id, s) in stated {
        let Some(r) = reports.get(&id) else { continue };
        let cell = |v: Option<&(Option<i64>, bool)>| v.map_or(Cell::unknown(), |&(value, blank)| Cell { value, blank });
        let rows: Vec<AppRowCells> = APP_ROWS
            .iter()
            .filter(|row| r.applications.contains_key(&(row.key.to_string(), "total".to_string())))
            .map(|row| AppRowCells {
                key: row.key,
                cells: std::array::from_fn(|c| {
                    cell(r.applications.get(&(row.key.to_string(), REQUESTERS[c].0.to_string())))
                }),
            })
            .collect();
        let reviews: ReviewCells = std::array::from_fn(|p| {
            std::array::from_fn(|o| {
                cell(
                    r.reviews
                        .get(&(PROCEEDINGS[p].0.to_string(), OUTCOMES[o].0.to_string())),
                )
            })
        });
        let any_review = !r.reviews.is_empty();
        if crate::validate::stated(&s, &rows, any_review.then_some(&reviews))
            .iter()
            .any(|c| !c.ok)
        {
            out.insert(("prose_vs_table".to_string(), id));
        }
    }
    Ok(out)
}

/// Scores per check.
pub fn evaluate(truth: &Path, extracted: &Path) -> Result<BTreeMap<String, Score>> {
    let ext = load::load(extracted)?;
    let placed: HashMap<&str, &load::Rec> = ext.iter().map(|r| (r.report_id.as_str(), r)).collect();
    let mut tru = load::load(truth)?;
    for r in &mut tru {
        if let Some(e) = placed.get(r.report_id.as_str()) {
            r.agency_id = e.agency_id.clone();
            r.division_code = e.division_code.clone();
            r.admin_level = e.admin_level.clone();
        }
    }
    let ext_rows = across::checks(&ext);
    let unread = unread_units(&ext_rows);
    let (mut got_failed, mut got_assessed) = failed_units(&ext_rows);
    let (mut want_failed, _) = failed_units(&across::checks(&tru));
    let (pf, pa) = prose_units(extracted)?;
    got_failed.extend(pf);
    got_assessed.extend(pa);
    want_failed.extend(truth_prose(truth)?);
    let mut planted: BTreeSet<Unit> = BTreeSet::new();
    super::load::each_planted(truth, |report_id, identity| {
        planted.insert((identity.to_string(), report_id.to_string()));
    })?;
    let mut scores: BTreeMap<String, Score> = BTreeMap::new();
    let stated = !load::table_files(truth, "figures").is_empty();
    for check in ["carry", "article20_stock", "summary_members", "prose_vs_table"] {
        if check == "prose_vs_table" && !stated {
            continue; // (an older truth: no stated figures to score against)
        }
        let s = scores.entry(check.to_string()).or_default();
        let of = |set: &BTreeSet<Unit>| set.iter().filter(|u| u.0 == check).cloned().collect::<BTreeSet<Unit>>();
        let (g, w, p, a) = (of(&got_failed), of(&want_failed), of(&planted), of(&got_assessed));
        s.assessed = a.len();
        s.found = g.len();
        s.expected = w.len();
        s.agreed = g.intersection(&w).count();
        s.planted = p.len();
        s.planted_found = p.intersection(&g).count();
        s.missed_not_read = w.difference(&g).filter(|u| unread.contains(*u)).count();
    }
    Ok(scores)
}

pub fn render(scores: &BTreeMap<String, Score>) -> String {
    let mut s = String::from(
        "checks across reports (units: report × check)   assessed   failed  truth-failed  precision  recall  planted found  missed: cell not read\n",
    );
    for (check, x) in scores {
        s.push_str(&format!(
            "  {check:<44} {:>8} {:>8} {:>13} {:>9.2}% {:>6.2}%  {:>5} / {:<5} {:>5}\n",
            x.assessed,
            x.found,
            x.expected,
            100.0 * x.precision(),
            100.0 * x.recall(),
            x.planted_found,
            x.planted,
            x.missed_not_read
        ));
    }
    s
}
