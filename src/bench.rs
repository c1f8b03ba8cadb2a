//! The physical reference for `make bench`: read, decode and parse every HTML file of a corpus with the
//! HTML parser alone (scraper/html5ever), in parallel like the extraction, doing nothing else. The
//! extraction cannot be faster than this; `make bench` prints how far it is from it.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use crate::decode::decode;
use crate::extract::is_html_path;

#[derive(Debug, Default)]
pub struct ParseOnly {
    pub html_files: usize,
    pub bytes: u64,
    /// Nodes of all parsed trees (so the parse cannot be optimised away).
    pub nodes: usize,
    pub elapsed: Duration,
}

/// Parses every HTML file (by extension) under `corpus`.
pub fn parse_only(corpus: &Path) -> Result<ParseOnly> {
    let start = Instant::now();
    let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && is_html_path(&e.path().to_string_lossy()))
        .map(|e| e.into_path())
        .collect();
    let (bytes, nodes) = files
        .par_iter()
        .map(|p| {
            let Ok(bytes) = std::fs::read(p) else { return (0, 0) };
            let nodes = match decode(&bytes, true) {
                Ok(d) => scraper::Html::parse_document(&d.text).tree.nodes().count(),
                Err(_) => 0,
            };
            (bytes.len() as u64, nodes)
        })
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    Ok(ParseOnly {
        html_files: files.len(),
        bytes,
        nodes,
        elapsed: start.elapsed(),
    })
}
