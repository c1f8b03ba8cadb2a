//! Where a run's tables go, and the writers that stream them there.
//!
//! * One machine, no partitioning: `OUT/<table>.parquet`.
//! * `--shard K/N` and/or `--by-year`: `OUT/<table>/[report_year=Y/]part-K-of-N.parquet` (K/N = 1/1
//!   without sharding; a report without a year goes to `report_year=__HIVE_DEFAULT_PARTITION__`, which
//!   DuckDB, Polars and Spark read as NULL). Shards writing into one directory never touch each other's
//!   files, and `read_parquet('OUT/<table>/**/*.parquet')` reads them all as one table.
//!
//! Every file is written under a temporary name; the run closes them all, then renames them into place,
//! then removes this run's own files from an earlier run that this run did not write again (a year
//! that no longer occurs, a table from the other layout). A failed run leaves the previous output as it
//! was and no temporary file behind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;

use super::listing::Shard;
use crate::schema;
use crate::sink::{ClosedTable, TableWriter};

/// Tables with rows per report (partitioned by the report's year with `--by-year`).
pub const REPORT_TABLES: [&str; 6] = ["reports", "applications", "reviews", "proactive", "checks", "figures"];
/// Tables with rows per file of the corpus (never partitioned by year).
pub const FILE_TABLES: [&str; 2] = ["skipped", "manifest"];

pub const HIVE_NULL: &str = "__HIVE_DEFAULT_PARTITION__";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    pub shard: Option<Shard>,
    pub by_year: bool,
}

/// A partition of a table: the whole table, or the reports of one year (None: no year).
pub type Part = Option<Option<i16>>;

impl Layout {
    /// One file per table (`OUT/<table>.parquet`).
    pub fn is_single(&self) -> bool {
        self.shard.is_none() && !self.by_year
    }

    fn part_name(&self) -> String {
        let s = self.shard.unwrap_or(Shard { index: 1, count: 1 });
        format!("part-{}-of-{}", s.index, s.count)
    }

    /// The partition a report of `year` belongs to.
    pub fn part(&self, year: Option<i16>) -> Part {
        self.by_year.then_some(year)
    }

    /// Directory and file stem of a table's partition.
    pub fn location(&self, out: &Path, table: &str, part: Part) -> (PathBuf, String) {
        if self.is_single() {
            return (out.to_path_buf(), table.to_string());
        }
        let mut dir = out.join(table);
        if let Some(year) = part {
            dir = dir.join(match year {
                Some(y) => format!("report_year={y}"),
                None => format!("report_year={HIVE_NULL}"),
            });
        }
        (dir, self.part_name())
    }

    pub fn file(&self, out: &Path, table: &str, part: Part) -> PathBuf {
        let (dir, stem) = self.location(out, table, part);
        dir.join(format!("{stem}.parquet"))
    }

    /// This layout's files of `table` that exist now (from an earlier run).
    pub fn existing_files(&self, out: &Path, table: &str) -> Vec<PathBuf> {
        if self.is_single() {
            let f = out.join(format!("{table}.parquet"));
            return if f.is_file() { vec![f] } else { Vec::new() };
        }
        let name = format!("{}.parquet", self.part_name());
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out.join(table))
            .min_depth(1)
            .max_depth(2)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy() == name)
            .map(|e| e.into_path())
            .collect();
        files.sort();
        files
    }

    /// Files of the other layouts that would be read together with this run's output and must go:
    /// the single files when this run writes parts, and every part when it writes single files.
    fn foreign_files(&self, out: &Path, table: &str) -> Vec<PathBuf> {
        if self.is_single() {
            walkdir::WalkDir::new(out.join(table))
                .min_depth(1)
                .max_depth(2)
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| {
                    let n = e.file_name().to_string_lossy();
                    e.file_type().is_file() && n.starts_with("part-") && n.ends_with(".parquet")
                })
                .map(|e| e.into_path())
                .collect()
        } else {
            let f = out.join(format!("{table}.parquet"));
            if f.is_file() {
                vec![f]
            } else {
                Vec::new()
            }
        }
    }
}

pub fn table_schema(table: &str) -> SchemaRef {
    match table {
        "reports" => schema::reports(),
        "applications" => schema::applications(),
        "reviews" => schema::reviews(),
        "proactive" => schema::proactive(),
        "checks" => schema::checks(),
        "figures" => schema::figures(),
        "skipped" => schema::skipped(),
        _ => schema::manifest(),
    }
}

/// Bytes all open writers together may buffer before the fullest row group is written out.
pub const WRITERS_BUDGET_BYTES: usize = 32 << 20;

/// The open Parquet writers of a run, one per table and partition, opened on first use.
pub struct Writers {
    out: PathBuf,
    layout: Layout,
    open: BTreeMap<(&'static str, Part), TableWriter>,
    rows: BTreeMap<&'static str, usize>,
}

impl Writers {
    pub fn new(out: &Path, layout: Layout) -> Writers {
        Writers {
            out: out.to_path_buf(),
            layout,
            open: BTreeMap::new(),
            rows: BTreeMap::new(),
        }
    }

    /// Appends rows to a table's partition. Tables always exist, even empty: `ensure` opens them.
    pub fn write(&mut self, table: &'static str, part: Part, batch: &RecordBatch) -> Result<()> {
        self.ensure(table, part)?;
        if let Some(w) = self.open.get_mut(&(table, part)) {
            w.write(batch)?;
        }
        *self.rows.entry(table).or_default() += batch.num_rows();
        self.keep_within_budget()
    }

    /// Memory held by all the row groups being built.
    pub fn buffered_bytes(&self) -> usize {
        self.open.values().map(TableWriter::buffered_bytes).sum()
    }

    /// Many open writers (tables × years with `--by-year`) share one memory budget: past it, the
    /// fullest row groups are written out early.
    fn keep_within_budget(&mut self) -> Result<()> {
        let mut total = self.buffered_bytes();
        while total > WRITERS_BUDGET_BYTES {
            let Some(fullest) = self.open.values_mut().max_by_key(|w| w.buffered_bytes()) else {
                break;
            };
            let before = fullest.buffered_bytes();
            fullest.flush()?;
            let freed = before.saturating_sub(fullest.buffered_bytes());
            if freed == 0 {
                break;
            }
            total -= freed;
        }
        Ok(())
    }

    pub fn ensure(&mut self, table: &'static str, part: Part) -> Result<()> {
        if !self.open.contains_key(&(table, part)) {
            let (dir, stem) = self.layout.location(&self.out, table, part);
            let w = TableWriter::create(&dir, &stem, table_schema(table))?;
            self.open.insert((table, part), w);
        }
        Ok(())
    }

    /// Closes every file, renames them all into place, removes stale files of this layout and the
    /// files of the other layout; returns (table, files, rows).
    pub fn finish(mut self) -> Result<Vec<(String, Vec<PathBuf>, usize)>> {
        let part_all = self.layout.part(None);
        for t in REPORT_TABLES {
            if !self.open.keys().any(|(name, _)| *name == t) {
                // An empty corpus still gets every table (with no rows).
                self.ensure(t, part_all)?;
            }
        }
        for t in FILE_TABLES {
            self.ensure(t, None)?;
        }
        let closed: Vec<(&'static str, ClosedTable)> = std::mem::take(&mut self.open)
            .into_iter()
            .map(|((t, _), w)| w.close().map(|c| (t, c)))
            .collect::<Result<_>>()?;
        let mut written: BTreeMap<&'static str, Vec<PathBuf>> = BTreeMap::new();
        for (t, c) in closed {
            written.entry(t).or_default().push(c.commit()?);
        }
        let mut summary = Vec::new();
        for (t, files) in written {
            for old in self.layout.existing_files(&self.out, t) {
                if !files.contains(&old) {
                    std::fs::remove_file(&old)?;
                }
            }
            for f in self.layout.foreign_files(&self.out, t) {
                std::fs::remove_file(&f)?;
            }
            let rows = self.rows.get(t).copied().unwrap_or(0);
            summary.push((t.to_string(), files, rows));
        }
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{ArrayRef, Int64Array, StringArray};
    use std::sync::Arc;

    /// 200 rows of 5 kB strings that neither repeat nor compress much: about 1 MB a batch.
    fn noisy_batch(seed: u64) -> RecordBatch {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut text = || {
            (0..5_000)
                .map(|_| {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    char::from(b'a' + ((x >> 33) % 26) as u8)
                })
                .collect::<String>()
        };
        let paths: Vec<String> = (0..200).map(|_| text()).collect();
        let cols: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from_iter_values(paths.iter().map(|s| s.as_str()))),
            Arc::new(Int64Array::from_iter_values(0..200)),
            Arc::new(StringArray::from_iter_values(paths.iter().map(|_| "r"))),
        ];
        RecordBatch::try_new(schema::skipped(), cols).expect("batch")
    }

    #[test]
    fn many_open_partitions_share_one_memory_budget() {
        let out = tempfile::tempdir().expect("temp dir");
        let layout = Layout {
            shard: None,
            by_year: true,
        };
        let mut writers = Writers::new(out.path(), layout);
        // 40 partitions × 5 MB each would be 200 MB buffered without the shared budget.
        let mut peak = 0;
        for round in 0..5u64 {
            for year in 1990..2030i16 {
                let batch = noisy_batch(round * 100 + year as u64);
                writers
                    .write("skipped", layout.part(Some(year)), &batch)
                    .expect("write");
                peak = peak.max(writers.buffered_bytes());
            }
        }
        // One ~1 MB batch (buffered as strings and offsets) may overshoot before the fullest is flushed.
        assert!(
            peak <= WRITERS_BUDGET_BYTES,
            "peak {peak} bytes over {WRITERS_BUDGET_BYTES}"
        );
        assert!(
            peak > WRITERS_BUDGET_BYTES / 2,
            "the test does not reach the budget: {peak}"
        );
        let written = writers.finish().expect("finish");
        let skipped = written
            .iter()
            .find(|(t, _, _)| t == "skipped")
            .expect("skipped written");
        // 40 years, and the file-level part a run always writes for `skipped`.
        assert_eq!((skipped.1.len(), skipped.2), (41, 40 * 5 * 200));
    }
}
