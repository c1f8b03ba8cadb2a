//! Stage 2 — segment: decoded text, HTML or PDF pages → [`Document`] (text lines, cell rows, cell grids).

mod depth;
mod docx;
mod html;
mod lattice;
mod paragraphs;
mod pdf;
mod text;
mod wrapped;

pub use docx::segment_docx;
pub use html::{grid, segment_html};
pub use pdf::segment_pdf;
pub use text::segment_text;

use crate::decode::{Decoded, Form};
use crate::document::Document;

pub use depth::MAX_HTML_DEPTH;

/// Segments a decoded file; returns a warning when the page had to be read in a degraded way.
pub fn segment(decoded: &Decoded) -> (Document, Option<String>) {
    match &decoded.form {
        Form::Text => return (segment_text(&decoded.text), None),
        Form::Pdf(layer) => return (segment_pdf(layer), None),
        Form::Docx => return segment_docx(&decoded.text),
        Form::Html => {}
    }
    let depth = depth::nesting_depth(&decoded.text);
    if depth > MAX_HTML_DEPTH {
        let warning = format!(
            "HTML nested about {depth} elements deep (limit {MAX_HTML_DEPTH}): read as text with the tags stripped"
        );
        return (segment_text(&depth::strip_tags(&decoded.text)), Some(warning));
    }
    (segment_html(&decoded.text), None)
}
