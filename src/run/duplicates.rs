//! Duplicates within a run (one shard): the same bytes twice, or the same report crawled as two files (an
//! HTML page and its text version, two URLs) — same `agency_id`, report year and table values
//! ([`crate::extract::content_key`]).
//!
//! The file kept is the first in corpus order; every later one becomes `parse_status = 'duplicate'` with
//! `duplicate_of` = the kept report's id and its metadata (agency, year, title…) but no table rows, so it
//! counts once everywhere. Shards are independent: the same report in two shards is kept in both
//! (`pipelines/recipes.sql` lists such pairs across the shards' outputs).

use std::collections::HashMap;

use crate::model::{ContentKey, ParseStatus, Report};

use super::incremental::ManifestRow;

#[derive(Default)]
pub struct Seen {
    /// report_id (content hash of the bytes) → index of the first file with it.
    bytes: HashMap<u128, u32>,
    /// content group (agency, year, template) → (index, report_id, key) of the reports kept.
    content: HashMap<u128, Vec<(u32, u128, ContentKey)>>,
}

fn hex(s: &str) -> Option<u128> {
    u128::from_str_radix(s, 16).ok()
}

impl Seen {
    /// Marks a newly extracted report that repeats an earlier file of the run.
    pub fn mark(&mut self, r: &mut Report, index: u32, names: &[String]) {
        if r.meta.parse_status == ParseStatus::Unreadable {
            return;
        }
        let name = |i: u32| names.get(i as usize).cloned().unwrap_or_default();
        if let Some(key) = hex(&r.meta.report_id) {
            if let Some(&first) = self.bytes.get(&key) {
                let id = r.meta.report_id.clone();
                demote(r, format!("same content as {}", name(first)), id);
                return;
            }
            self.bytes.insert(key, index);
        }
        let Some(key) = r.content_key.clone() else { return };
        match self.earlier(&key) {
            Some((first, id)) => {
                let why = format!("same report as {} (same agency_id, year and table values)", name(first));
                demote(r, why, id);
            }
            None => {
                let id = r.meta.report_id.clone();
                self.keep(key, index, &id);
            }
        }
    }

    fn earlier(&self, key: &ContentKey) -> Option<(u32, String)> {
        self.content
            .get(&key.group)?
            .iter()
            .find(|(_, _, k)| k.same_report(key))
            .map(|(i, id, _)| (*i, format!("{id:032x}")))
    }

    fn keep(&mut self, key: ContentKey, index: u32, id: &str) {
        let Some(id) = hex(id) else { return };
        self.content.entry(key.group).or_default().push((index, id, key));
    }

    /// Whether an unchanged file's previous rows now repeat an earlier file of this run (then it is
    /// extracted again, to be marked).
    pub fn repeats(&self, row: &ManifestRow) -> bool {
        hex(&row.report_id).is_some_and(|k| self.bytes.contains_key(&k))
            || row
                .content_key
                .as_deref()
                .and_then(ContentKey::decode)
                .is_some_and(|k| self.earlier(&k).is_some())
    }

    /// Records an unchanged file whose previous rows are reused.
    pub fn note(&mut self, row: &ManifestRow, index: u32) {
        if let Some(k) = hex(&row.report_id) {
            self.bytes.entry(k).or_insert(index);
        }
        if let Some(k) = row.content_key.as_deref().and_then(ContentKey::decode) {
            self.keep(k, index, &row.report_id);
        }
    }
}

/// Keeps the report's metadata, drops its table rows.
fn demote(r: &mut Report, why: String, kept: String) {
    let key = r.content_key.take();
    let meta = std::mem::replace(&mut r.meta, crate::extract::base_meta("", b"", 0));
    *r = Report::empty(meta);
    r.content_key = key;
    r.meta.parse_status = ParseStatus::Duplicate;
    r.meta.error = Some(why);
    r.meta.identity_violations = 0;
    r.meta.duplicate_of = Some(kept);
}
