//! How an evaluation is shown: the text table `ogi eval` prints, and the `eval_*` record batches it writes.

use std::sync::Arc;

use anyhow::Result;
use arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};

use super::{ratio, Evaluation, MetaScore};

impl Evaluation {
    pub fn render(&self, worst: usize) -> String {
        let mut s = String::from(
            "metadata   layout      template  reports  found  year     template agency   level    province ambiguous scope   duplicate\n",
        );
        for ((layout, template), m) in &self.meta {
            let p = |x: u64| format!("{:>7.2}%", 100.0 * ratio(x, m.reports));
            s.push_str(&format!(
                "           {layout:<11} {template:<9} {:>7} {} {} {} {} {} {} {} {} {}\n",
                m.reports,
                p(m.found),
                p(m.year),
                p(m.template),
                p(m.agency),
                p(m.level),
                p(m.province),
                p(m.ambiguous),
                p(m.scope),
                p(m.duplicate)
            ));
        }
        let a = self.meta_accuracy();
        s.push_str(&format!(
            "           unambiguous names ({} of {}): agency {:.2}%, level {:.2}%, province {:.2}%; scope {:.2}%; duplicates {:.2}% ({} in the truth)\n",
            a.unambiguous,
            a.reports,
            100.0 * a.agency,
            100.0 * a.level,
            100.0 * a.province,
            100.0 * a.scope,
            100.0 * a.duplicate,
            a.duplicates
        ));
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
                            "unambiguous",
                            "unambiguous_agency_ok",
                            "unambiguous_level_ok",
                            "unambiguous_province_ok",
                            "scope_ok",
                            "duplicate_ok",
                            "duplicates",
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
                int(m.iter().map(|x| x.unambiguous).collect()),
                int(m.iter().map(|x| x.unambiguous_agency).collect()),
                int(m.iter().map(|x| x.unambiguous_level).collect()),
                int(m.iter().map(|x| x.unambiguous_province).collect()),
                int(m.iter().map(|x| x.scope).collect()),
                int(m.iter().map(|x| x.duplicate).collect()),
                int(m.iter().map(|x| x.duplicates).collect()),
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
