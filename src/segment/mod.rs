//! Stage 2 — segment: decoded text → [`Document`] (text lines, cell rows, cell grids).

mod html;
mod text;

pub use html::{grid, segment_html};
pub use text::segment_text;

use crate::decode::Decoded;
use crate::document::Document;

pub fn segment(decoded: &Decoded) -> Document {
    if decoded.is_html {
        segment_html(&decoded.text)
    } else {
        segment_text(&decoded.text)
    }
}
