//! `ogi eval`: an extraction scored against the generator's truth, by layout × template × table —
//! share of reports found, metadata accuracy, cell accuracy (exact value, blank and 0 kept apart) — and the
//! reports that differ most.

pub mod load;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};

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
        let found = e.is_some_and(|e| matches!(e.status.as_str(), "ok" | "partial"));
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

    pub fn render(&self, worst: usize) -> String {
        let mut s = String::from(
            "metadata   layout      template  reports  found  year     template agency   level    province ambiguous\n",
        );
        for ((layout, template), m) in &self.meta {
            let p = |x: u64| format!("{:>7.2}%", 100.0 * ratio(x, m.reports));
            s.push_str(&format!(
                "           {layout:<11} {template:<9} {:>7} {} {} {} {} {} {} {}\n",
                m.reports,
                p(m.found),
                p(m.year),
                p(m.template),
                p(m.agency),
                p(m.level),
                p(m.province),
                p(m.ambiguous)
            ));
        }
        s.push_str("cells      layout      template  table         reports  w/table   cells      exact    accuracy\n");
        for ((layout, template, table), c) in &self.cells {
            s.push_str(&format!(
                "           {layout:<11} {template:<9} {table:<13} {:>7} {:>8} {:>8} {:>10} {:>9.3}%\n",
                c.reports,
                c.with_table,
                c.cells,
                c.exact,
                100.0 * ratio(c.exact, c.cells)
            ));
        }
        s.push_str(&format!("worst reports ({} differ):\n", self.worst.len()));
        for w in self.worst.iter().take(worst) {
            s.push_str(&format!(
                "  {} [{} {}] {} of {} cells wrong: {}\n",
                w.source_path, w.layout, w.template, w.wrong, w.cells, w.diff
            ));
        }
        s
    }

    /// `eval_cells`, `eval_reports` and `eval_worst` as record batches.
    pub fn batches(&self) -> Result<Vec<(&'static str, RecordBatch)>> {
        let text = |v: Vec<String>| Arc::new(StringArray::from(v)) as ArrayRef;
        let int =
            |v: Vec<u64>| Arc::new(Int64Array::from(v.into_iter().map(|x| x as i64).collect::<Vec<_>>())) as ArrayRef;
        let f = |n: &str, dt: DataType| Field::new(n, dt, false);
        let cells = RecordBatch::try_new(
            Arc::new(Schema::new(vec![
                f("layout", DataType::Utf8),
                f("template", DataType::Utf8),
                f("table", DataType::Utf8),
                f("reports", DataType::Int64),
                f("reports_with_table", DataType::Int64),
                f("cells", DataType::Int64),
                f("exact", DataType::Int64),
                f("accuracy", DataType::Float64),
            ])),
            vec![
                text(self.cells.keys().map(|k| k.0.clone()).collect()),
                text(self.cells.keys().map(|k| k.1.clone()).collect()),
                text(self.cells.keys().map(|k| k.2.clone()).collect()),
                int(self.cells.values().map(|c| c.reports).collect()),
                int(self.cells.values().map(|c| c.with_table).collect()),
                int(self.cells.values().map(|c| c.cells).collect()),
                int(self.cells.values().map(|c| c.exact).collect()),
                Arc::new(Float64Array::from(
                    self.cells.values().map(|c| ratio(c.exact, c.cells)).collect::<Vec<_>>(),
                )),
            ],
        )?;
        let m: Vec<&MetaScore> = self.meta.values().collect();
        let metas = RecordBatch::try_new(
            Arc::new(Schema::new(
                ["layout", "template"]
                    .iter()
                    .map(|n| f(n, DataType::Utf8))
                    .chain(
                        [
                            "reports",
                            "found",
                            "year_ok",
                            "template_ok",
                            "agency_ok",
                            "level_ok",
                            "province_ok",
                            "ambiguous",
                        ]
                        .iter()
                        .map(|n| f(n, DataType::Int64)),
                    )
                    .collect::<Vec<_>>(),
            )),
            vec![
                text(self.meta.keys().map(|k| k.0.clone()).collect()),
                text(self.meta.keys().map(|k| k.1.clone()).collect()),
                int(m.iter().map(|x| x.reports).collect()),
                int(m.iter().map(|x| x.found).collect()),
                int(m.iter().map(|x| x.year).collect()),
                int(m.iter().map(|x| x.template).collect()),
                int(m.iter().map(|x| x.agency).collect()),
                int(m.iter().map(|x| x.level).collect()),
                int(m.iter().map(|x| x.province).collect()),
                int(m.iter().map(|x| x.ambiguous).collect()),
            ],
        )?;
        let worst = RecordBatch::try_new(
            Arc::new(Schema::new(vec![
                f("source_path", DataType::Utf8),
                f("layout", DataType::Utf8),
                f("template", DataType::Utf8),
                f("wrong_cells", DataType::Int64),
                f("cells", DataType::Int64),
                f("differences", DataType::Utf8),
            ])),
            vec![
                text(self.worst.iter().map(|w| w.source_path.clone()).collect()),
                text(self.worst.iter().map(|w| w.layout.clone()).collect()),
                text(self.worst.iter().map(|w| w.template.clone()).collect()),
                int(self.worst.iter().map(|w| w.wrong).collect()),
                int(self.worst.iter().map(|w| w.cells).collect()),
                text(self.worst.iter().map(|w| w.diff.clone()).collect()),
            ],
        )?;
        Ok(vec![
            ("eval_cells", cells),
            ("eval_reports", metas),
            ("eval_worst", worst),
        ])
    }
}
