//! The data type between *segment* and *recognise*: a document of text lines, cell rows and cell grids,
//! and its flattening into one token stream (labels and values in reading order) that every
//! recogniser walks, whatever the source layout.

use crate::normalize::compact_cleaned;
use crate::value::{parse_value, Value};

/// Where a token came from; the layout of a table is the origin of its first row label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// A cell of an HTML `<table>` grid.
    Table,
    /// A text line holding one cell (one cell per line, optionally with a trailing ` |`).
    Line,
    /// A text line of `|`-separated cells.
    Pipe,
    /// A markdown table row (`| a | b |`).
    Markdown,
    /// A text line of space-separated cells, as PDF text extraction gives them.
    Spaces,
    /// Glued-cell crawler text (layout `flat`): cells cut from digit runs by the identities.
    Glued,
}

/// The kind of file a document was segmented from (with [`Origin`] it names the layout: `pdf_table`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    #[default]
    Text,
    Html,
    Pdf,
    Docx,
}

/// A cell grid: `rowspan` / `colspan` resolved. Each row lists the cells whose top-left corner is in it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<GridCell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    pub text: String,
    /// Grid column of the cell's left edge, after spans of earlier rows are placed.
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph or line of text that is one cell.
    Text(String),
    /// A text line split into cells.
    Cells(Vec<String>, Origin),
    /// An HTML table.
    Table(Grid),
}

/// A segmented document. Every string in it has been through [`crate::normalize::clean`] once, at
/// segmentation; later stages never clean again.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Document {
    /// `<title>` of an HTML page, or a `标题:` header line of crawler text.
    pub title: Option<String>,
    /// The file's name without its extension (crawlers name files after the page title): the last title
    /// candidate. Set by the caller of the segmenters (they see text, not paths).
    pub file_name: Option<String>,
    pub blocks: Vec<Block>,
    pub source: Source,
    /// Images of an HTML page, in reading order: the index of the block they come before (or the table they
    /// are in), and their `src` (a page may publish its tables as images).
    pub images: Vec<(usize, String)>,
}

/// A label (any non-value cell), with its matching form precomputed.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    /// [`compact`] of the text.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Label(Label),
    Value(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub origin: Origin,
}

impl Token {
    pub fn label(&self) -> Option<&Label> {
        match &self.tok {
            Tok::Label(l) => Some(l),
            Tok::Value(_) => None,
        }
    }

    pub fn value(&self) -> Option<&Value> {
        match &self.tok {
            Tok::Value(v) => Some(v),
            Tok::Label(_) => None,
        }
    }
}

fn cell_token(text: &str, origin: Origin, empty_is_blank: bool) -> Option<Token> {
    let trimmed = text.trim();
    if trimmed.is_empty() && !empty_is_blank {
        return None;
    }
    let tok = match parse_value(trimmed) {
        Some(v) => Tok::Value(v),
        None => Tok::Label(Label {
            key: compact_cleaned(trimmed),
            text: trimmed.to_string(),
        }),
    };
    Some(Token { tok, origin })
}

/// Where a token came from in the document: its block, and the row of a grid block (0 for other blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub block: usize,
    pub row: usize,
}

impl Document {
    /// Calls `f` with each token in reading order and its place. Empty grid cells and empty pipe cells
    /// are blank values; empty lines are nothing (in one-cell-per-line text they separate cells as often
    /// as they stand for one).
    fn walk(&self, mut f: impl FnMut(Place, Token)) {
        for (b, block) in self.blocks.iter().enumerate() {
            let at = |row| Place { block: b, row };
            match block {
                Block::Text(t) => {
                    if let Some(t) = cell_token(t, Origin::Line, false) {
                        f(at(0), t);
                    }
                }
                Block::Cells(cells, origin) => {
                    for c in cells {
                        if let Some(t) = cell_token(c, *origin, *origin != Origin::Spaces) {
                            f(at(0), t);
                        }
                    }
                }
                Block::Table(g) => {
                    for (r, row) in g.rows.iter().enumerate() {
                        for c in row {
                            if let Some(t) = cell_token(&c.text, Origin::Table, true) {
                                f(at(r), t);
                            }
                        }
                    }
                }
            }
        }
    }

    /// All cells in reading order (see [`Document::walk`]).
    pub fn tokens(&self) -> Vec<Token> {
        let mut out = Vec::new();
        self.walk(|_, t| out.push(t));
        out
    }

    /// The place of each token of [`Document::tokens`], index for index (for `ogi inspect`).
    pub fn token_places(&self) -> Vec<Place> {
        let mut out = Vec::new();
        self.walk(|p, _| out.push(p));
        out
    }

    /// The text of the document, one line per text block or row (for metadata regexes).
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for block in &self.blocks {
            match block {
                Block::Text(t) => s.push_str(t),
                Block::Cells(cells, _) => s.push_str(&cells.join(" ")),
                Block::Table(g) => {
                    for row in &g.rows {
                        let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                        s.push_str(&texts.join(" "));
                        s.push('\n');
                    }
                }
            }
            s.push('\n');
        }
        s
    }
}
