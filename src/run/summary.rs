//! The run's summary: counts by status, identities, speed, memory and the files written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::model::ParseStatus;

#[derive(Debug, Default)]
pub struct Summary {
    pub files_seen: usize,
    pub candidates: usize,
    pub skipped: usize,
    /// Files of the corpus left to other shards.
    pub other_shards: usize,
    /// Report files whose rows were copied from the previous run (`--incremental`).
    pub reused: usize,
    /// Why nothing was reused although `--incremental` was asked for.
    pub incremental_note: Option<String>,
    pub by_status: BTreeMap<ParseStatus, usize>,
    pub checks: usize,
    pub violations: usize,
    pub reports_with_violations: usize,
    pub bytes: u64,
    pub elapsed: Duration,
    /// Peak resident memory of the process (Linux), in bytes.
    pub peak_rss: Option<u64>,
    /// (table, files, rows)
    pub written: Vec<(String, Vec<PathBuf>, usize)>,
}

/// Peak resident set size of this process so far (VmHWM), where the OS tells it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl Summary {
    pub fn rows(&self, table: &str) -> usize {
        self.written.iter().find(|w| w.0 == table).map(|w| w.2).unwrap_or(0)
    }

    /// The one-screen summary printed at the end of `ogi extract`.
    pub fn render(&self, corpus: &Path) -> String {
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let mut s = format!(
            "ogi extract: {} files in {} — {} report candidates, {} skipped (not report files)",
            self.files_seen,
            corpus.display(),
            self.candidates,
            self.skipped
        );
        if self.other_shards > 0 {
            s.push_str(&format!(", {} in other shards", self.other_shards));
        }
        s.push('\n');
        if self.reused > 0 || self.incremental_note.is_some() {
            s.push_str(&format!("  incremental: {} unchanged files reused", self.reused));
            if let Some(n) = &self.incremental_note {
                s.push_str(&format!(" ({n})"));
            }
            s.push('\n');
        }
        let statuses: Vec<String> = ParseStatus::ALL
            .iter()
            .map(|st| format!("{} {}", st.as_str(), self.by_status.get(st).copied().unwrap_or(0)))
            .collect();
        s.push_str(&format!("  status: {}\n", statuses.join(" · ")));
        s.push_str(&format!(
            "  identities: {} checks, {} violated, in {} reports\n",
            self.checks, self.violations, self.reports_with_violations
        ));
        s.push_str(&format!(
            "  elapsed {:.2} s · {:.1} reports/s · {:.2} MB/s",
            secs,
            self.candidates as f64 / secs,
            self.bytes as f64 / 1e6 / secs
        ));
        if let Some(rss) = self.peak_rss {
            s.push_str(&format!(" · peak RSS {:.0} MB", rss as f64 / 1e6));
        }
        s.push('\n');
        for (table, files, rows) in &self.written {
            match files.as_slice() {
                [one] => s.push_str(&format!("  wrote {} ({rows} rows)\n", one.display())),
                _ => s.push_str(&format!("  wrote {table}: {} files ({rows} rows)\n", files.len())),
            }
        }
        s
    }
}
