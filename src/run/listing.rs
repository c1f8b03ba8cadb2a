//! The corpus listing: every file under the corpus root in a fixed order (path components compared one
//! by one, as `walkdir` sorts them), split into report candidates and skipped files, and narrowed to
//! one shard when the run is one of N.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, Result};

/// Extensions read as reports; every other file is listed in `skipped`.
pub const CANDIDATE_EXTENSIONS: &[&str] = &["html", "htm", "shtml", "txt", "md", "pdf", "docx"];

/// Word-97 and WPS binaries: read only after conversion to DOCX (LibreOffice), listed in `skipped` otherwise.
pub const LEGACY_WORD_EXTENSIONS: &[&str] = &["doc", "wps"];

/// One of N deterministic parts of a corpus (`--shard K/N`, K from 1 to N). A file belongs to shard
/// `xxh3(relative path) mod N + 1`: the same on every machine that sees the same relative paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub fn contains(&self, rel_path: &str) -> bool {
        xxhash_rust::xxh3::xxh3_64(rel_path.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let err = || format!("shard must be K/N with 1 ≤ K ≤ N, got {s:?}");
        let (k, n) = s.split_once('/').ok_or_else(err)?;
        let index: u32 = k.trim().parse().map_err(|_| err())?;
        let count: u32 = n.trim().parse().map_err(|_| err())?;
        if index == 0 || index > count {
            return Err(err());
        }
        Ok(Shard { index, count })
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

pub struct Listing {
    /// Directory the relative paths start from.
    pub base: PathBuf,
    /// Report candidates (relative paths, `/`-separated), in corpus order.
    pub candidates: Vec<String>,
    /// (relative path, size, reason) of files that are not report candidates.
    pub skipped: Vec<(String, u64, String)>,
    /// Files of the corpus in other shards.
    pub other_shards: usize,
}

impl Listing {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.base.join(rel)
    }
}

/// The corpus order of two relative paths: component by component, as the listing walks them.
pub fn corpus_order(a: &str, b: &str) -> Ordering {
    a.split('/').cmp(b.split('/'))
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A Word-97 / WPS binary, by its extension.
pub fn is_legacy_word(rel: &str) -> bool {
    rel.rsplit_once('.')
        .is_some_and(|(_, ext)| LEGACY_WORD_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Lists the corpus. Files under `exclude` (the output directory) are left out. Word-97 / WPS binaries are
/// candidates when they can be converted (`convert`: LibreOffice is there), `skipped` otherwise.
pub fn list(root: &Path, exclude: &Path, shard: Option<Shard>, convert: bool) -> Result<Listing> {
    let meta = std::fs::metadata(root).with_context(|| format!("cannot read corpus {}", root.display()))?;
    let mut listing = Listing {
        base: root.to_path_buf(),
        candidates: Vec::new(),
        skipped: Vec::new(),
        other_shards: 0,
    };
    if meta.is_file() {
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        listing.base = root.parent().map(Path::to_path_buf).unwrap_or_default();
        listing.candidates.push(name);
        return Ok(listing);
    }
    std::fs::read_dir(root).with_context(|| format!("cannot list corpus {}", root.display()))?;
    let exclude = exclude.canonicalize().ok();
    let in_shard = |rel: &str| shard.is_none_or(|s| s.contains(rel));
    for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(|p| rel_path(root, p)).unwrap_or_default();
                if in_shard(&path) {
                    listing.skipped.push((path, 0, format!("cannot list: {e}")));
                }
                continue;
            }
        };
        if let (Some(ex), Ok(canon)) = (&exclude, entry.path().canonicalize()) {
            if canon.starts_with(ex) {
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(root, entry.path());
        if !in_shard(&rel) {
            listing.other_shards += 1;
            continue;
        }
        let ext = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        if CANDIDATE_EXTENSIONS.contains(&ext.as_str()) || (convert && LEGACY_WORD_EXTENSIONS.contains(&ext.as_str())) {
            listing.candidates.push(rel);
        } else if LEGACY_WORD_EXTENSIONS.contains(&ext.as_str()) {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            listing.skipped.push((
                rel,
                size,
                format!("legacy Word/WPS binary (.{ext}): needs conversion — install LibreOffice (soffice on PATH) or convert to DOCX"),
            ));
        } else {
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let what = if ext.is_empty() {
                "no extension".to_string()
            } else {
                format!(".{ext}")
            };
            listing.skipped.push((
                rel,
                size,
                format!(
                    "not a report file type ({what}); read: {}",
                    CANDIDATE_EXTENSIONS.join(", ")
                ),
            ));
        }
    }
    Ok(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_every_path_exactly_once() {
        let paths: Vec<String> = (0..1000).map(|i| format!("site{}/report-{i}.html", i % 7)).collect();
        let shards: Vec<Shard> = (1..=4).map(|k| format!("{k}/4").parse().expect("shard")).collect();
        let mut sizes = [0usize; 4];
        for p in &paths {
            let owners: Vec<usize> = (0..4).filter(|&k| shards[k].contains(p)).collect();
            assert_eq!(owners.len(), 1, "{p}");
            sizes[owners[0]] += 1;
        }
        assert!(sizes.iter().all(|&n| n > 200), "{sizes:?}");
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn corpus_order_compares_components() {
        // walkdir lists a/b before a.txt (component "a" < "a.txt"), unlike plain string order.
        assert_eq!(corpus_order("a/b", "a.txt"), Ordering::Less);
        assert_eq!(corpus_order("a/b", "a/b"), Ordering::Equal);
        assert_eq!(corpus_order("b", "a/z"), Ordering::Greater);
    }
}
