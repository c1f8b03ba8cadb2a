//! The per-report result of extraction: what the *to Arrow* stage turns into rows of the dataset
//! contract's tables (`reports`, `applications`, `reviews`, `proactive`, `checks`).

use crate::value::Value;

/// One numeric cell of the applications or review table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// The number printed; `None` where the cell was blank or could not be placed.
    pub value: Option<i64>,
    /// The cell held no number (empty, `.`, `-`, `—`, `/`, `无`).
    pub blank: bool,
}

impl Cell {
    pub fn blank() -> Cell {
        Cell {
            value: None,
            blank: true,
        }
    }

    /// A cell whose content is not known (ambiguous placement): value null, not blank.
    pub fn unknown() -> Cell {
        Cell {
            value: None,
            blank: false,
        }
    }

    pub fn from_value(v: &Value) -> Cell {
        if v.is_blank() {
            Cell::blank()
        } else {
            // A decimal in a count column is not a count: keep it out rather than truncate it.
            Cell {
                value: v.count(),
                blank: false,
            }
        }
    }

    /// The number identities use: blank counts as 0; unknown is `None`.
    pub fn for_identity(&self) -> Option<i64> {
        match (self.value, self.blank) {
            (Some(v), _) => Some(v),
            (None, true) => Some(0),
            (None, false) => None,
        }
    }
}

/// A row of the applications table: key from [`crate::template::APP_ROWS`], seven requester cells.
#[derive(Debug, Clone, PartialEq)]
pub struct AppRowCells {
    pub key: &'static str,
    pub cells: [Cell; 7],
}

/// The review / litigation table: 3 proceedings × 5 outcomes, in template order.
pub type ReviewCells = [[Cell; 5]; 3];

/// One measure of one Article 20 item.
#[derive(Debug, Clone, PartialEq)]
pub struct ProactiveCell {
    pub item: &'static str,
    pub measure: &'static str,
    pub value: Option<f64>,
    pub raw: Option<String>,
}

/// A pre-2019 figure (extension table `figures`): from prose or a statistics table, under a key of
/// [`crate::crosswalk::FIGURES`].
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    pub figure: &'static str,
    /// `year` (the report year) or `cumulative` (历年累计).
    pub period: &'static str,
    /// `None` where the table printed the row but its number could not be read without guessing.
    pub value: Option<f64>,
    /// `prose` or `table`.
    pub source: &'static str,
    /// The sentence or table row the figure came from.
    pub text: String,
}

/// One accounting identity tested on one column, row or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub identity: &'static str,
    pub subject: String,
    /// The figure the identity implies from the other cells.
    pub expected: i64,
    /// The figure printed.
    pub found: i64,
    pub ok: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParseStatus {
    Ok,
    Partial,
    NotAReport,
    Unreadable,
    /// Text only in images (a scanned PDF, glyphs without Unicode): nothing read until OCR is run.
    NeedsOcr,
    Failed,
    /// Same bytes as an earlier file of the run (its data is not repeated).
    Duplicate,
}

impl ParseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ParseStatus::Ok => "ok",
            ParseStatus::Partial => "partial",
            ParseStatus::NotAReport => "not_a_report",
            ParseStatus::Unreadable => "unreadable",
            ParseStatus::NeedsOcr => "needs_ocr",
            ParseStatus::Failed => "failed",
            ParseStatus::Duplicate => "duplicate",
        }
    }

    pub const ALL: [ParseStatus; 7] = [
        ParseStatus::Ok,
        ParseStatus::Partial,
        ParseStatus::NotAReport,
        ParseStatus::Unreadable,
        ParseStatus::NeedsOcr,
        ParseStatus::Failed,
        ParseStatus::Duplicate,
    ];
}

/// One row of `reports`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportMeta {
    pub report_id: String,
    pub source_path: String,
    pub source_bytes: i64,
    pub encoding: Option<String>,
    pub layout: String,
    pub template: String,
    pub report_year: Option<i16>,
    /// Days since 1970-01-01.
    pub published_date: Option<i32>,
    pub agency: Option<String>,
    pub admin_level: String,
    pub agency_kind: Option<String>,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub county: Option<String>,
    pub division_code: Option<String>,
    pub parse_status: ParseStatus,
    pub error: Option<String>,
    pub identity_violations: i32,
    /// Extension: the title line the metadata came from.
    pub title: Option<String>,
    /// Extension: where the agency name fits several divisions, their paths (`;`-separated).
    pub division_candidates: Option<String>,
    /// Extension: notes that do not change the status (decoding, alignment, metadata sources).
    pub warnings: Option<String>,
    /// Extension: `agency` (one agency's own report) or `jurisdiction` (a summary of a whole province, city,
    /// county…); `None` for files that are not read as reports.
    pub scope: Option<String>,
    /// Extension: a stable key of the reporting agency across years ([`crate::resolve::agency_id`]).
    pub agency_id: Option<String>,
    /// Extension: for a `duplicate`, the report_id of the report kept in its place.
    pub duplicate_of: Option<String>,
}

/// Everything extracted from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub meta: ReportMeta,
    pub applications: Vec<AppRowCells>,
    pub reviews: Option<ReviewCells>,
    pub proactive: Vec<ProactiveCell>,
    pub checks: Vec<Check>,
    /// Pre-2019 figures (prose and statistics tables).
    pub figures: Vec<FigureRow>,
    /// What makes two files the same report: agency, year and table values
    /// ([`crate::extract::content_key`]). Not a column; kept in the run's manifest.
    pub content_key: Option<ContentKey>,
}

/// A report's identity by content: the agency_id, year and template hashed into `group`, and a hash of every
/// table row read in full (applications rows, review proceedings, Article 20 items, pre-2019 figures), by
/// row label. Two reports are the same when their groups are equal and every row both read agrees
/// ([`ContentKey::same_report`]): a text version that could not read some rows still matches its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentKey {
    pub group: u128,
    /// (hash of the row label, hash of its values), sorted: 16 bytes a row, so a run keeps every kept report's
    /// key in little memory (about 0.6 KB a report).
    pub rows: Vec<(u64, u64)>,
}

impl ContentKey {
    /// Same group, every row read by both equal, and the rows read by both at least 60 % of the rows of
    /// the one that read more.
    pub fn same_report(&self, other: &ContentKey) -> bool {
        if self.group != other.group {
            return false;
        }
        let mut common = 0usize;
        for (label, h) in &self.rows {
            if let Ok(i) = other.rows.binary_search_by(|(l, _)| l.cmp(label)) {
                if other.rows[i].1 != *h {
                    return false;
                }
                common += 1;
            }
        }
        let most = self.rows.len().max(other.rows.len());
        common > 0 && common * 10 >= most * 6
    }

    /// `group;label=hash,…` in hex (the manifest's `content_key`).
    pub fn encode(&self) -> String {
        let rows: Vec<String> = self.rows.iter().map(|(l, h)| format!("{l:016x}={h:016x}")).collect();
        format!("{:032x};{}", self.group, rows.join(","))
    }

    pub fn decode(s: &str) -> Option<ContentKey> {
        let (group, rows) = s.split_once(';')?;
        let rows = rows
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| {
                let (l, h) = r.split_once('=')?;
                Some((u64::from_str_radix(l, 16).ok()?, u64::from_str_radix(h, 16).ok()?))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ContentKey {
            group: u128::from_str_radix(group, 16).ok()?,
            rows,
        })
    }
}

impl Report {
    /// The `reports` row of a file that yielded no data.
    pub fn empty(meta: ReportMeta) -> Report {
        Report {
            meta,
            applications: Vec::new(),
            reviews: None,
            proactive: Vec::new(),
            checks: Vec::new(),
            figures: Vec::new(),
            content_key: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ContentKey;

    fn key(group: u128, rows: &[(u64, u64)]) -> ContentKey {
        ContentKey {
            group,
            rows: rows.to_vec(),
        }
    }

    #[test]
    fn same_report_when_every_row_both_read_agrees() {
        let page = key(7, &[(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)]);
        // the text version could not read row 5: 4 of 5 rows in common, all equal
        assert!(page.same_report(&key(7, &[(1, 10), (2, 20), (3, 30), (4, 40)])));
        // one row differs: another report (a corrected edition)
        assert!(!page.same_report(&key(7, &[(1, 10), (2, 20), (3, 31), (4, 40)])));
        // too few rows in common (2 of 5)
        assert!(!page.same_report(&key(7, &[(1, 10), (2, 20)])));
        // another agency, year or template
        assert!(!page.same_report(&key(8, &[(1, 10), (2, 20), (3, 30), (4, 40), (5, 50)])));
        assert_eq!(ContentKey::decode(&page.encode()), Some(page));
        assert_eq!(ContentKey::decode("zz;1=2"), None);
    }
}
