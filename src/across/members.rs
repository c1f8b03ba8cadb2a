//! A jurisdiction summary (`scope = 'jurisdiction'`) against its members: the agency reports
//! (`scope = 'agency'`) of the same year whose division lies inside the summary's — for a prefecture the
//! codes with its first four digits, for a county its first six, for a province its first two. A summary
//! covers every agency of its jurisdiction; a corpus rarely holds them all, so a members' sum below the
//! summary is coverage (`not_assessable`, the members counted), and only a sum **above** it — members that
//! the summary should contain reporting more than it — is a failure. Equal is `ok`.

use std::collections::HashMap;

use super::load::{Rec, FIGURES};
use super::{CrossCheck, Finding, Status};

fn prefix_len(level: &str) -> Option<usize> {
    match level {
        "province" => Some(2),
        "prefecture" => Some(4),
        "county" => Some(6),
        _ => None,
    }
}

pub fn checks(recs: &[Rec]) -> Vec<CrossCheck> {
    let mut by_area: HashMap<(i16, &str), Vec<usize>> = HashMap::new();
    for (i, r) in recs.iter().enumerate() {
        let Some(code) = r.division_code.as_deref() else {
            continue;
        };
        if r.scope.as_deref() != Some("agency") {
            continue;
        }
        for n in [2, 4, 6] {
            if let Some(p) = code.get(..n) {
                by_area.entry((r.year, p)).or_default().push(i);
            }
        }
    }
    let mut summaries: Vec<&Rec> = recs
        .iter()
        .filter(|r| r.scope.as_deref() == Some("jurisdiction"))
        .collect();
    summaries.sort_by(|a, b| (&a.agency_id, a.year, &a.source_path).cmp(&(&b.agency_id, b.year, &b.source_path)));
    let mut out = Vec::new();
    for s in summaries {
        let row = |members: Option<i32>, finding: Finding| CrossCheck {
            check: "summary_members",
            report_id: s.report_id.clone(),
            agency_id: s.agency_id.clone(),
            report_year: s.year,
            other_report_id: None,
            members,
            finding,
        };
        let area = prefix_len(&s.admin_level).and_then(|n| s.division_code.as_deref()?.get(..n));
        let Some(area) = area else {
            out.push(row(
                None,
                Finding {
                    subject: "all".into(),
                    note: Some(format!(
                        "the summary's division is not known at a level with members ({})",
                        s.admin_level
                    )),
                    ..Finding::default()
                },
            ));
            continue;
        };
        let members: Vec<&Rec> = by_area
            .get(&(s.year, area))
            .map(|v| {
                v.iter()
                    .map(|&i| &recs[i])
                    .filter(|m| m.report_id != s.report_id)
                    .collect()
            })
            .unwrap_or_default();
        let n = members.len() as i32;
        if members.is_empty() {
            out.push(row(
                Some(0),
                Finding {
                    subject: "all".into(),
                    note: Some("no member report of this jurisdiction and year in the corpus".into()),
                    ..Finding::default()
                },
            ));
            continue;
        }
        for (f, name) in FIGURES.iter().enumerate() {
            let known: i64 = members.iter().filter_map(|m| m.figures[f]).sum();
            let unknown = members.iter().filter(|m| m.figures[f].is_none()).count();
            let expected = s.figures[f];
            let (status, note) = match expected {
                None => (
                    Status::NotAssessable,
                    Some("the summary's figure was not read".to_string()),
                ),
                Some(e) if known > e => (Status::Failed, None),
                Some(e) if known == e && unknown == 0 => (Status::Ok, None),
                Some(_) if unknown > 0 => (
                    Status::NotAssessable,
                    Some(format!("{unknown} of {n} members' figure not read")),
                ),
                Some(_) => (
                    Status::NotAssessable,
                    Some(format!(
                        "the {n} members present sum to less: the corpus holds part of the jurisdiction"
                    )),
                ),
            };
            out.push(row(
                Some(n),
                Finding {
                    subject: name.to_string(),
                    expected,
                    found: Some(known),
                    status,
                    note,
                },
            ));
        }
    }
    out
}
