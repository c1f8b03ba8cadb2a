//! Checks across reports (`ogi across`, and the last stage of `ogi run`): the identities that tie one
//! report to others, over a whole extraction, written as `cross_checks.parquet` (docs/dataset.md):
//!
//! * `carry` — last year's 结转下年度 is this year's 上年结转, per requester column, for one `agency_id`;
//! * `article20_stock` — the Article 20 stock carried from year to year ([`stock`]);
//! * `summary_members` — a jurisdiction summary's totals against the sum over the agency reports of the
//!   same jurisdiction and year that the corpus holds ([`members`]).
//!
//! Only consecutive years of the same agency are compared; where there is nothing to compare with the row
//! says `not_assessable` and why. A failed check records expected and found; nothing is repaired. The
//! prose of a report against its own tables is a per-report check (`checks`, `prose_vs_table`).
//! The agency panel ([`crate::panel`]) builds on these rows.

pub mod load;
mod members;
pub mod stock;
mod write;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::template::REQUESTERS;
use load::Rec;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    Ok,
    Failed,
    #[default]
    NotAssessable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Failed => "failed",
            Status::NotAssessable => "not_assessable",
        }
    }
}

/// One tested subject of a check.
#[derive(Debug, Clone, Default)]
pub struct Finding {
    pub subject: String,
    pub expected: Option<i64>,
    pub found: Option<i64>,
    pub status: Status,
    pub note: Option<String>,
}

/// A row of `cross_checks`.
#[derive(Debug, Clone)]
pub struct CrossCheck {
    pub check: &'static str,
    pub report_id: String,
    pub agency_id: Option<String>,
    pub report_year: i16,
    /// The previous year's report (carry, stock).
    pub other_report_id: Option<String>,
    /// Member reports present (summary_members).
    pub members: Option<i32>,
    pub finding: Finding,
}

/// The report that stands for an agency in a year: its own report (`scope = 'agency'`) before a summary
/// it also published, then the first in corpus order; reports whose table lacks a balance row do not
/// stand. The panel uses the same rule.
pub fn panel_reports(recs: &[Rec]) -> BTreeMap<(String, i16), usize> {
    let mut chosen: BTreeMap<(String, i16), usize> = BTreeMap::new();
    let rank = |r: &Rec| (r.scope.as_deref() != Some("agency"), r.source_path.clone());
    for (i, r) in recs.iter().enumerate().filter(|(_, r)| r.complete) {
        let Some(id) = &r.agency_id else { continue };
        let slot = chosen.entry((id.clone(), r.year)).or_insert(i);
        if rank(r) < rank(&recs[*slot]) {
            *slot = i;
        }
    }
    chosen
}

/// Last year's 结转下年度 against this year's 上年结转, per requester column.
fn carry(prev: &Rec, cur: &Rec) -> Vec<Finding> {
    REQUESTERS
        .iter()
        .enumerate()
        .map(|(c, (requester, _))| {
            let (expected, found) = (prev.carried_forward[c], cur.carried_over[c]);
            let (status, note) = match (expected, found) {
                (Some(e), Some(f)) if e == f => (Status::Ok, None),
                (Some(_), Some(_)) => (Status::Failed, None),
                (None, _) => (
                    Status::NotAssessable,
                    Some("last year's 结转下年度 cell was not read".into()),
                ),
                (_, None) => (
                    Status::NotAssessable,
                    Some("this year's 上年结转 cell was not read".into()),
                ),
            };
            Finding {
                subject: requester.to_string(),
                expected,
                found,
                status,
                note,
            }
        })
        .collect()
}

/// Every cross-report check of an extraction, in a fixed order (check, agency, year, subject).
pub fn checks(recs: &[Rec]) -> Vec<CrossCheck> {
    let chosen = panel_reports(recs);
    let mut out = Vec::new();
    let years: HashMap<&str, Vec<i16>> = chosen.keys().fold(HashMap::new(), |mut m, (id, y)| {
        m.entry(id.as_str()).or_default().push(*y);
        m
    });
    for check in ["carry", "article20_stock"] {
        for ((id, year), &i) in &chosen {
            let cur = &recs[i];
            let row = |prev: Option<&Rec>, finding: Finding| CrossCheck {
                check,
                report_id: cur.report_id.clone(),
                agency_id: Some(id.clone()),
                report_year: *year,
                other_report_id: prev.map(|p| p.report_id.clone()),
                members: None,
                finding,
            };
            match chosen.get(&(id.clone(), year - 1)) {
                Some(&p) => {
                    let prev = &recs[p];
                    let findings = if check == "carry" {
                        carry(prev, cur)
                    } else {
                        stock::check(prev, cur)
                    };
                    out.extend(findings.into_iter().map(|f| row(Some(prev), f)));
                }
                None => {
                    let earlier = years.get(id.as_str()).is_some_and(|ys| ys.iter().any(|y| y < year));
                    let why = if earlier {
                        format!("no report of {} for this agency (a gap in its series)", year - 1)
                    } else {
                        format!(
                            "no earlier report of this agency with a 2019+ table ({} is its first)",
                            year
                        )
                    };
                    out.push(row(
                        None,
                        Finding {
                            subject: "all".into(),
                            note: Some(why),
                            ..Finding::default()
                        },
                    ));
                }
            }
        }
    }
    out.extend(members::checks(recs));
    out
}

/// Reads the extraction in `dir`, writes `dir/cross_checks.parquet` (atomically); returns its path and rows.
pub fn write_cross_checks(dir: &Path) -> Result<(PathBuf, Vec<CrossCheck>)> {
    let recs = load::load(dir)?;
    let rows = checks(&recs);
    let path = write::write(dir, &rows)?;
    Ok((path, rows))
}

/// Counts by check and status, for the command line.
pub fn summary_text(rows: &[CrossCheck]) -> String {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in rows {
        *counts.entry((r.check, r.finding.status.as_str())).or_default() += 1;
    }
    let mut s = String::new();
    for check in ["carry", "article20_stock", "summary_members"] {
        let n = |st| counts.get(&(check, st)).copied().unwrap_or(0);
        s.push_str(&format!(
            "  {check:<16} {:>8} ok  {:>6} failed  {:>8} not assessable\n",
            n("ok"),
            n("failed"),
            n("not_assessable")
        ));
    }
    s
}
