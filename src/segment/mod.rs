//! Stage 2 — segment: decoded text → [`Document`] (text lines, cell rows, cell grids).

mod depth;
mod html;
mod text;

pub use html::{grid, segment_html};
pub use text::segment_text;

use crate::decode::Decoded;
use crate::document::Document;

pub use depth::MAX_HTML_DEPTH;

/// Segments a decoded file; returns a warning when the page had to be read in a degraded way.
pub fn segment(decoded: &Decoded) -> (Document, Option<String>) {
    if !decoded.is_html {
        return (segment_text(&decoded.text), None);
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
