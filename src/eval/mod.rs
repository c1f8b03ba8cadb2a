//! `ogi eval`: an extraction scored against the generator's truth, by layout × template × table —
//! share of reports found, metadata accuracy, cell accuracy (exact value, blank and 0 kept apart) — and the
//! reports that differ most.

pub mod across;
pub mod load;
mod output;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Result;

use load::{CellVal, ReportRow};

/// Cell accuracy of one layout × template × table.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct CellScore {
    pub reports: u64,
    pub with_table: u64,
    pub cells: u64,
    pub exact: u64,
}

/// Metadata accuracy of one layout × template.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct MetaScore {
    pub reports: u64,
    pub found: u64,
    pub year: u64,
    pub template: u64,
    pub agency: u64,
    pub level: u64,
    pub province: u64,
    /// Reports whose agency name fits several divisions (left unresolved, not guessed).
    pub ambiguous: u64,
    /// Of the reports whose name is unambiguous: how many, and agency / level / province right.
    pub unambiguous: u64,
    pub unambiguous_agency: u64,
    pub unambiguous_level: u64,
    pub unambiguous_province: u64,
    /// `agency` or `jurisdiction` right.
    pub scope: u64,
    /// Duplicate or not as the truth says, and for duplicates the kept report named.
    pub duplicate: u64,
    /// Reports the truth marks duplicate (of `reports`).
    pub duplicates: u64,
}

/// Metadata accuracy over all layouts ([`Evaluation::meta_accuracy`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetaAccuracy {
    pub reports: u64,
    pub unambiguous: u64,
    pub agency: f64,
    pub level: f64,
    pub province: f64,
    pub scope: f64,
    pub duplicate: f64,
    pub duplicates: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Worst {
    pub source_path: String,
    pub layout: String,
    pub template: String,
    pub wrong: u64,
    pub cells: u64,
    pub diff: String,
}

#[derive(Debug, Default)]
pub struct Evaluation {
    pub cells: BTreeMap<(String, String, String), CellScore>,
    pub meta: BTreeMap<(String, String), MetaScore>,
    pub worst: Vec<Worst>,
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// Compares the known truth cells of one table; returns (cells, exact, first differences).
fn compare<K: std::hash::Hash + Eq + Ord + std::fmt::Debug + Clone>(
    truth: &HashMap<K, CellVal>,
    got: &HashMap<K, CellVal>,
) -> (u64, u64, Vec<String>) {
    let mut keys: Vec<&K> = truth.keys().filter(|k| truth[*k].0.is_some() || truth[*k].1).collect();
    keys.sort();
    let mut exact = 0;
    let mut diffs = Vec::new();
    for k in &keys {
        let t = truth[*k];
        let g = got.get(*k).copied();
        if g == Some(t) {
            exact += 1;
        } else if diffs.len() < 3 {
            let show = |c: Option<CellVal>| match c {
                None => "absent".to_string(),
                Some((Some(v), _)) => v.to_string(),
                Some((None, true)) => "blank".to_string(),
                Some((None, false)) => "unplaced".to_string(),
            };
            diffs.push(format!("{k:?}: {} ≠ {}", show(g), show(Some(t))));
        }
    }
    (keys.len() as u64, exact, diffs)
}

/// Proactive values compared to the fen (amounts are in yuan; counts become count × 100).
fn proactive_as_cells(p: &HashMap<(String, String), Option<f64>>) -> HashMap<(String, String), CellVal> {
    p.iter()
        .map(|(k, v)| (k.clone(), (v.map(|x| (x * 100.0).round() as i64), v.is_none())))
        .collect()
}

/// Paths shown when the truth and the extraction share none.
const SHOW_PATHS: usize = 3;

/// Why nothing can be scored: no extracted report has a path of the truth (e.g. the extraction ran on
/// the generator's parent directory instead of its `corpus/`, so every path has a prefix).
fn no_match(truth: &HashMap<String, ReportRow>, by_path: &HashMap<&str, &ReportRow>) -> Option<String> {
    if truth.is_empty() || truth.values().any(|t| by_path.contains_key(t.source_path.as_str())) {
        return None;
    }
    let sample = |mut v: Vec<&str>| {
        v.sort_unstable();
        let more = v.len().saturating_sub(SHOW_PATHS);
        let mut s: Vec<String> = v.iter().take(SHOW_PATHS).map(|p| format!("'{p}'")).collect();
        if more > 0 {
            s.push(format!("… ({more} more)"));
        }
        s.join(", ")
    };
    let expected = sample(truth.values().map(|t| t.source_path.as_str()).collect());
    let found = if by_path.is_empty() {
        "none (the extraction has no reports)".to_string()
    } else {
        sample(by_path.keys().copied().collect())
    };
    let mut why = format!(
        "no extracted report matches the truth: the truth has {} reports with paths such as {expected}; \
         the extraction has {} with paths such as {found}",
        truth.len(),
        by_path.len()
    );
    // A common slip: extracting a parent directory, so every path carries a prefix.
    let truth_paths: std::collections::HashSet<&str> = truth.values().map(|t| t.source_path.as_str()).collect();
    let mut extracted: Vec<&str> = by_path.keys().copied().collect();
    extracted.sort_unstable();
    let prefixed = extracted.iter().find_map(|p| {
        p.match_indices('/')
            .find(|(i, _)| truth_paths.contains(&p[i + 1..]))
            .map(|(i, _)| p[..i].to_string())
    });
    if let Some(prefix) = prefixed {
        why.push_str(&format!(
            ". The extracted paths start with '{prefix}/': extract the corpus directory itself \
             (e.g. `ogi extract DIR/corpus`, not `ogi extract DIR`)"
        ));
    }
    Some(why)
}

pub fn evaluate(truth_dir: &Path, extracted_dir: &Path) -> Result<Evaluation> {
    let truth = load::load(truth_dir)?;
    let extracted = load::load(extracted_dir)?;
    let by_path: HashMap<&str, &ReportRow> = extracted.values().map(|r| (r.source_path.as_str(), r)).collect();
    if let Some(why) = no_match(&truth, &by_path) {
        anyhow::bail!("{why}");
    }
    let mut truths: Vec<&ReportRow> = truth.values().collect();
    truths.sort_by(|a, b| a.source_path.cmp(&b.source_path));
    let mut ev = Evaluation::default();
    let empty = ReportRow::default();
    for t in truths {
        let e = by_path.get(t.source_path.as_str()).copied();
        let truth_dup = t.status == "duplicate";
        let found = e.is_some_and(|e| {
            if truth_dup {
                e.status == "duplicate"
            } else if t.status == "needs_ocr" {
                e.status == "needs_ocr"
            } else {
                matches!(e.status.as_str(), "ok" | "partial")
            }
        });
        let e = e.unwrap_or(&empty);
        let m = ev.meta.entry((t.layout.clone(), t.template.clone())).or_default();
        m.reports += 1;
        m.found += u64::from(found);
        m.year += u64::from(e.year == t.year);
        m.template += u64::from(e.template == t.template);
        m.agency += u64::from(e.agency == t.agency);
        m.level += u64::from(e.admin_level == t.admin_level);
        m.province += u64::from(e.province == t.province);
        m.ambiguous += u64::from(e.ambiguous_division);
        if !e.ambiguous_division {
            m.unambiguous += 1;
            m.unambiguous_agency += u64::from(e.agency == t.agency);
            m.unambiguous_level += u64::from(e.admin_level == t.admin_level);
            m.unambiguous_province += u64::from(e.province == t.province);
        }
        // a truth written before scope existed does not assert it
        m.scope += u64::from(t.scope.is_none() || e.scope == t.scope);
        m.duplicates += u64::from(truth_dup);
        m.duplicate += u64::from((e.status == "duplicate") == truth_dup && e.duplicate_of == t.duplicate_of);
        let tables = [
            (
                "applications",
                compare(&t.applications, &e.applications),
                !e.applications.is_empty(),
            ),
            ("reviews", compare(&t.reviews, &e.reviews), !e.reviews.is_empty()),
            (
                "proactive",
                compare(&proactive_as_cells(&t.proactive), &proactive_as_cells(&e.proactive)),
                !e.proactive.is_empty(),
            ),
        ];
        let (mut wrong, mut cells, mut diff) = (0, 0, Vec::new());
        for (table, (n, exact, diffs), has) in tables {
            if n == 0 {
                continue;
            }
            let s = ev
                .cells
                .entry((t.layout.clone(), t.template.clone(), table.to_string()))
                .or_default();
            s.reports += 1;
            s.with_table += u64::from(has);
            s.cells += n;
            s.exact += exact;
            wrong += n - exact;
            cells += n;
            let unit = if table == "proactive" { " (values ×100)" } else { "" };
            diff.extend(diffs.into_iter().map(|d| format!("{table}{unit} {d}")));
        }
        if wrong > 0 || !found {
            ev.worst.push(Worst {
                source_path: t.source_path.clone(),
                layout: t.layout.clone(),
                template: t.template.clone(),
                wrong,
                cells,
                diff: match (found, &t.warnings) {
                    (false, _) => format!("not found (status {:?})", e.status),
                    (true, Some(defect)) => format!("[{defect}] {}", diff.join("; ")),
                    (true, None) => diff.join("; "),
                },
            });
        }
    }
    ev.worst
        .sort_by(|a, b| b.wrong.cmp(&a.wrong).then(a.source_path.cmp(&b.source_path)));
    Ok(ev)
}

impl Evaluation {
    /// Cell accuracy over the given layouts (all layouts when empty).
    pub fn cell_accuracy(&self, layouts: &[&str]) -> f64 {
        let (mut n, mut ok) = (0, 0);
        for ((layout, _, _), s) in &self.cells {
            if layouts.is_empty() || layouts.contains(&layout.as_str()) {
                n += s.cells;
                ok += s.exact;
            }
        }
        ratio(ok, n)
    }

    /// Share of reports with the right year and template.
    pub fn year_and_template_accuracy(&self) -> (f64, f64) {
        let n: u64 = self.meta.values().map(|m| m.reports).sum();
        let y: u64 = self.meta.values().map(|m| m.year).sum();
        let t: u64 = self.meta.values().map(|m| m.template).sum();
        (ratio(y, n), ratio(t, n))
    }

    /// Over every layout: (agency, level, province) right among unambiguous names, scope right, duplicate
    /// status right; and the number of unambiguous reports.
    pub fn meta_accuracy(&self) -> MetaAccuracy {
        let sum = |f: &dyn Fn(&MetaScore) -> u64| self.meta.values().map(f).sum::<u64>();
        let (n, u) = (sum(&|m| m.reports), sum(&|m| m.unambiguous));
        MetaAccuracy {
            reports: n,
            unambiguous: u,
            agency: ratio(sum(&|m| m.unambiguous_agency), u),
            level: ratio(sum(&|m| m.unambiguous_level), u),
            province: ratio(sum(&|m| m.unambiguous_province), u),
            scope: ratio(sum(&|m| m.scope), n),
            duplicate: ratio(sum(&|m| m.duplicate), n),
            duplicates: sum(&|m| m.duplicates),
        }
    }
}
