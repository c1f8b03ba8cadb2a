//! The gazetteer (`data/gazetteer/*.csv`, rebuilt by `make gazetteer`), embedded in the binary and
//! indexed once: every division with its years of validity, townships under their counties, and one
//! aho-corasick automaton over all names.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

const DIVISIONS: &str = include_str!("../../data/gazetteer/divisions.csv");
const TOWNSHIPS: &str = include_str!("../../data/gazetteer/townships.csv");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Province,
    Prefecture,
    County,
    Township,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::Township => "township",
        }
    }
}

/// One division over a span of years (townships: current, all years).
#[derive(Debug, Clone)]
pub struct Entry {
    pub level: Level,
    pub id: &'static str,
    pub name: &'static str,
    pub code: &'static str,
    pub parent_id: &'static str,
    pub first_year: i16,
    pub last_year: i16,
}

impl Entry {
    pub fn valid_in(&self, year: i16) -> bool {
        self.first_year <= year && year <= self.last_year
    }
}

pub struct Gazetteer {
    pub entries: Vec<Entry>,
    /// Pattern index → entries with that name.
    pub by_pattern: Vec<Vec<usize>>,
    pub automaton: AhoCorasick,
    /// (level, id) → entries (the spans of one division).
    pub by_id: HashMap<(Level, &'static str), Vec<usize>>,
    pub last_year: i16,
}

fn parse_divisions(out: &mut Vec<Entry>) {
    for line in DIVISIONS.lines().skip(1) {
        let f: Vec<&'static str> = line.split(',').collect();
        let [level, id, name, _short, code, parent, first, last] = f[..] else {
            continue;
        };
        let level = match level {
            "province" => Level::Province,
            "prefecture" => Level::Prefecture,
            _ => Level::County,
        };
        let (Ok(first_year), Ok(last_year)) = (first.parse(), last.parse()) else {
            continue;
        };
        out.push(Entry {
            level,
            id,
            name,
            code,
            parent_id: parent,
            first_year,
            last_year,
        });
    }
}

fn parse_townships(out: &mut Vec<Entry>) {
    // Townships hang under the county whose code (adcode) they carry; their parent id is that county's id.
    let county_id: HashMap<&str, &str> = out
        .iter()
        .filter(|e| e.level == Level::County)
        .map(|e| (e.code, e.id))
        .collect();
    for line in TOWNSHIPS.lines().skip(1) {
        let f: Vec<&'static str> = line.split(',').collect();
        let [code, name, county_code, _county] = f[..] else {
            continue;
        };
        let parent_id = county_id.get(county_code).copied().unwrap_or(county_code);
        // The list annotates abolished townships (`北关街道（撤销）`, `（已撤销）`, `（2021年撤销）`): reports
        // print the name alone.
        let name = name.split_once('（').map_or(name, |(n, _)| n);
        out.push(Entry {
            level: Level::Township,
            id: code,
            name,
            code,
            parent_id,
            first_year: 0,
            last_year: i16::MAX,
        });
    }
}

pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut entries = Vec::new();
        parse_divisions(&mut entries);
        parse_townships(&mut entries);
        let mut names: Vec<&'static str> = Vec::new();
        let mut index: HashMap<&'static str, usize> = HashMap::new();
        let mut by_pattern: Vec<Vec<usize>> = Vec::new();
        let mut by_id: HashMap<(Level, &'static str), Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let p = *index.entry(e.name).or_insert_with(|| {
                names.push(e.name);
                by_pattern.push(Vec::new());
                names.len() - 1
            });
            by_pattern[p].push(i);
            by_id.entry((e.level, e.id)).or_default().push(i);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&names)
            .unwrap_or_else(|e| panic!("the gazetteer names are a valid pattern set: {e}"));
        let last_year = entries
            .iter()
            .filter(|e| e.level != Level::Township)
            .map(|e| e.last_year)
            .max()
            .unwrap_or(2024);
        Gazetteer {
            entries,
            by_pattern,
            automaton,
            by_id,
            last_year,
        }
    })
}

impl Gazetteer {
    /// The entry of `(level, id)` valid in `year` (or its latest span).
    pub fn span(&self, level: Level, id: &str, year: i16) -> Option<&Entry> {
        let spans = self.by_id.get(&(level, id))?;
        spans
            .iter()
            .map(|&i| &self.entries[i])
            .find(|e| e.valid_in(year))
            .or_else(|| spans.iter().map(|&i| &self.entries[i]).max_by_key(|e| e.last_year))
    }

    /// The parent of an entry in `year`: a prefecture or, for municipalities and provincial-level counties, the
    /// province (for townships, the county).
    pub fn parent(&self, e: &Entry, year: i16) -> Option<&Entry> {
        if e.parent_id.is_empty() {
            return None;
        }
        let levels: &[Level] = match e.level {
            Level::Township => &[Level::County],
            Level::County => &[Level::Prefecture, Level::Province],
            Level::Prefecture => &[Level::Province],
            Level::Province => &[],
        };
        levels.iter().find_map(|l| self.span(*l, e.parent_id, year))
    }
}
