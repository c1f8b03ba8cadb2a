//! Where recognised rows came from — the template row, the label it was matched from, its place and the
//! values printed — kept by the recognisers for `ogi inspect` ([`crate::inspect`]). A few strings per row;
//! the extraction itself does not read them.

use super::align::Reason;

/// How a row's printed values were put into its seven cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Seven values, one per column.
    Exact,
    /// Another number of values, placed for the given reason.
    Aligned(usize, Reason),
    /// Could not be placed without guessing: the cells are unknown.
    Ambiguous,
    /// No values printed: the cells are blank.
    Empty,
    /// Glued digits cut into seven numbers (layout `flat`).
    Cut,
}

impl Placement {
    pub fn describe(self) -> String {
        match self {
            Placement::Exact => "exact".into(),
            Placement::Aligned(n, why) => format!("{n} values: {}", why.describe()),
            Placement::Ambiguous => "ambiguous: cells left unknown".into(),
            Placement::Empty => "no values printed: blank".into(),
            Placement::Cut => "digit run cut by the identities".into(),
        }
    }
}

/// One row as the recogniser matched it: the template row, the label it was matched from, where it
/// was and the values printed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowSource {
    pub key: &'static str,
    pub label: String,
    /// Index of the label token in [`crate::document::Document::tokens`] (`None` for glued text).
    pub token: Option<usize>,
    /// The values as printed (for glued text: the digit run).
    pub printed: Vec<String>,
    pub placement: Placement,
}

/// One Article 20 item as matched: its label, where it was, and the values printed after it.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemSource {
    pub item: &'static str,
    pub label: String,
    /// Index of the label token (`None` for glued text).
    pub token: Option<usize>,
    /// The values as printed (for glued text: the digit run).
    pub printed: Vec<String>,
}
