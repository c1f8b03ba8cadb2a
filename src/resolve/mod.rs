//! Who reported: an agency name resolved, for the report's year, to its divisions, level and kind.
//!
//! Division names are matched left to right, longest first, each the child of the previous
//! (`乐山市五通桥区人民政府办公室` → 四川省 / 乐山市 / 五通桥区, county, general office). A name that fits
//! several divisions (`鼓楼区`) stays unresolved with its candidates recorded — never guessed. What follows
//! the division names gives the kind.

pub mod gazetteer;

use gazetteer::{Entry, Gazetteer, Level};

/// What the resolver says about an agency.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resolution {
    pub admin_level: &'static str,
    pub agency_kind: &'static str,
    pub province: Option<String>,
    pub prefecture: Option<String>,
    pub county: Option<String>,
    pub division_code: Option<String>,
    /// Where the name fits several divisions: their paths, `;`-separated.
    pub candidates: Option<String>,
    /// A development zone's code in `zones.csv` (the division it belongs to); its agency_id is keyed by it.
    pub zone_code: Option<String>,
    /// What names the agency within its division: the name after the division names (`财政局`), a zone's or
    /// an unlisted township's own name with it, or a central agency's whole name.
    pub rest: String,
}

/// A stable key of the reporting agency across years: `<division code>/<kind>[/<name>]`.
///
/// * the division code valid in the report year (central agencies: `central`);
/// * the kind: `government`, `general_office` or `department`. A government and its general office are two
///   agencies (`…/government`, `…/general_office`): many publish two reports a year, the government's and the
///   office's own, and merging them would double the government's series;
/// * for departments, zones and townships missing from the gazetteer, the name within the division, without
///   whitespace, a leading 人民政府/政府 or bracketed notes: `乐山市五通桥区财政局` and `五通桥区财政局` are both
///   `511112/department/财政局`; `国家税务总局乐山市税务局` and `乐山市税务局` are one key.
///
/// `None` where the name fits several divisions or none.
pub fn agency_id(r: &Resolution) -> Option<String> {
    if r.candidates.is_some() {
        return None;
    }
    let place = match (r.division_code.as_ref().or(r.zone_code.as_ref()), r.admin_level) {
        (Some(code), _) => code.as_str(),
        (None, "central") => "central",
        _ => return None,
    };
    let mut name: String = r.rest.chars().filter(|c| !c.is_whitespace()).collect();
    while let (Some(open), Some(close)) = (name.find(['（', '(']), name.rfind(['）', ')'])) {
        if close < open {
            break;
        }
        let end = close + name[close..].chars().next().map_or(1, char::len_utf8);
        name.replace_range(open..end, "");
    }
    let name = name
        .strip_prefix("人民政府")
        .or_else(|| name.strip_prefix("政府"))
        .unwrap_or(&name);
    let own = match r.agency_kind {
        "department" => name,
        // a government's suffix says nothing more; what remains (a zone's or township's name) does
        _ => strip_government_suffix(name),
    };
    Some(if own.is_empty() {
        format!("{place}/{}", r.agency_kind)
    } else {
        format!("{place}/{}/{own}", r.agency_kind)
    })
}

fn strip_government_suffix(name: &str) -> &str {
    const SUFFIXES: &[&str] = &[
        "人民政府办公室",
        "人民政府办公厅",
        "政府办公室",
        "政府办公厅",
        "政府办",
        "办公室",
        "办公厅",
        "人民政府",
        "政府",
        "管理委员会",
        "管委会",
        "办事处",
        "行政公署",
        "公所",
    ];
    SUFFIXES.iter().find_map(|s| name.strip_suffix(s)).unwrap_or(name)
}

/// Prefixes of vertically managed offices; what follows them is resolved as usual.
const VERTICAL: &[&str] = &[
    "国家税务总局",
    "国家金融监督管理总局",
    "中国人民银行",
    "国家统计局",
    "国家邮政局",
];

/// Central agencies (no division in the name).
fn is_central(name: &str) -> bool {
    name.starts_with("国务院")
        || name.starts_with("国家")
        || name.starts_with("中国")
        || name.ends_with("部")
        || name.ends_with("总署")
        || name.ends_with("总局")
}

/// The kind, from what follows the division names (or from the whole name where none matched).
pub fn kind_of(rest: &str) -> &'static str {
    const OFFICE: &[&str] = &["人民政府办公室", "人民政府办公厅", "政府办公室", "政府办公厅", "政府办"];
    const GOV: &[&str] = &[
        "",
        "人民政府",
        "政府",
        "管委会",
        "管理委员会",
        "办事处",
        "行政公署",
        "公所",
    ];
    const ZONE: &[&str] = &["开发区", "新区", "园区", "实验区", "高新区", "示范区"];
    let rest = rest.trim();
    if OFFICE.iter().any(|o| rest.ends_with(o)) || rest == "办公厅" {
        "general_office"
    } else if GOV.contains(&rest)
        || rest.ends_with("人民政府")
        || rest.ends_with("街道办事处")
        || ((rest.ends_with("管委会") || rest.ends_with("管理委员会")) && ZONE.iter().any(|z| rest.contains(z)))
    {
        "government"
    } else {
        "department"
    }
}

/// "合隆镇人民政府", "城关街道办事处": a township's own government, by its name.
fn is_township_name(rest: &str) -> bool {
    ["镇人民政府", "乡人民政府", "镇政府", "乡政府", "街道办事处"]
        .iter()
        .any(|s| rest.ends_with(s) && rest.chars().count() > s.chars().count())
}

fn is_descendant(g: &Gazetteer, child: &Entry, ancestor: &Entry, year: i16) -> bool {
    let mut cur = g.parent(child, year);
    while let Some(p) = cur {
        if p.level == ancestor.level && p.id == ancestor.id {
            return true;
        }
        cur = g.parent(p, year);
    }
    false
}

/// Candidate chains: the division sets matched left to right, and the rest of the name.
fn chain<'g>(g: &'g Gazetteer, name: &str, year: i16) -> (Vec<Vec<&'g Entry>>, usize) {
    let mut starts: Vec<Vec<(usize, usize)>> = vec![Vec::new(); name.len() + 1];
    for m in g.automaton.find_overlapping_iter(name) {
        starts[m.start()].push((m.end(), m.pattern().as_usize()));
    }
    let mut out: Vec<Vec<&Entry>> = Vec::new();
    let mut pos = 0;
    loop {
        let mut here = starts[pos].clone();
        here.sort_by_key(|m| std::cmp::Reverse(m.0)); // longest first
        let mut advanced = false;
        for (end, p) in here {
            let mut cands: Vec<&Entry> = g.by_pattern[p]
                .iter()
                .map(|&i| &g.entries[i])
                .filter(|e| e.valid_in(year))
                .collect();
            if let Some(prev) = out.last() {
                cands.retain(|c| prev.iter().any(|a| is_descendant(g, c, a, year)));
            }
            if cands.is_empty() {
                continue;
            }
            // The previous set narrows to the ancestors of what was found.
            if let Some(prev) = out.last_mut() {
                prev.retain(|a| cands.iter().any(|c| is_descendant(g, c, a, year)));
            }
            out.push(cands);
            pos = end;
            advanced = true;
            break;
        }
        if !advanced {
            break;
        }
    }
    (out, pos)
}

fn path(g: &Gazetteer, e: &Entry, year: i16) -> Vec<&'static str> {
    let mut names = vec![e.name];
    let mut cur = g.parent(e, year);
    while let Some(p) = cur {
        names.push(p.name);
        cur = g.parent(p, year);
    }
    names.reverse();
    names
}

const ZONES: &str = include_str!("../../data/gazetteer/zones.csv");

/// Development zones and other agencies that are not divisions (`data/gazetteer/zones.csv`, curated):
/// the division they belong to and their level, where known.
fn zone(g: &Gazetteer, agency: &str, year: i16) -> Option<Resolution> {
    for line in ZONES.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let [name, code, level, _note] = f[..] else { continue };
        let Some(at) = agency.find(name) else { continue };
        let rest = &agency[at + name.len()..];
        let division = g
            .entries
            .iter()
            .filter(|e| e.code == code && e.level != Level::Township)
            .find(|e| e.valid_in(year));
        let mut r = Resolution {
            rest: format!("{name}{rest}"),
            zone_code: (!code.is_empty()).then(|| code.to_string()),
            admin_level: if level == "unknown" {
                "unknown"
            } else {
                division.map_or("unknown", |d| d.level.as_str())
            },
            agency_kind: kind_of(rest),
            ..Resolution::default()
        };
        let mut cur = division;
        while let Some(x) = cur {
            match x.level {
                Level::Province => r.province = Some(x.name.to_string()),
                Level::Prefecture => r.prefecture = Some(x.name.to_string()),
                Level::County if level != "unknown" => r.county = Some(x.name.to_string()),
                _ => {}
            }
            cur = g.parent(x, year);
        }
        return Some(r);
    }
    None
}

/// Resolves an agency name for a report year (years after the gazetteer's last use its last year).
pub fn resolve(agency: &str, year: Option<i16>) -> Resolution {
    let g = gazetteer::get();
    let year = year.unwrap_or(g.last_year).min(g.last_year);
    if let Some(r) = zone(g, agency, year) {
        return r;
    }
    // A vertical office's own name ("国家税务总局" alone) is a central agency; with a place after it, a local one.
    let name = VERTICAL
        .iter()
        .find_map(|v| agency.strip_prefix(v).filter(|r| !r.is_empty()))
        .unwrap_or(agency);
    let vertical = name.len() != agency.len();
    let (sets, end) = chain(g, name, year);
    let rest = &name[end..];
    let Some(deepest) = sets.last() else {
        let central = !vertical && is_central(agency);
        return Resolution {
            rest: agency.to_string(),
            admin_level: if central { "central" } else { "unknown" },
            agency_kind: if central && agency.ends_with("办公厅") {
                "general_office"
            } else if central {
                "department"
            } else {
                kind_of(rest)
            },
            ..Resolution::default()
        };
    };
    let kind = if vertical { "department" } else { kind_of(rest) };
    if deepest.len() != 1 {
        let mut paths: Vec<String> = deepest.iter().map(|e| path(g, e, year).join("/")).collect();
        paths.sort();
        paths.dedup();
        let level = deepest
            .iter()
            .map(|e| e.level)
            .collect::<std::collections::BTreeSet<_>>();
        // The level is known when every candidate is a township (镇 / 乡 / 街道 names); the place is not.
        let admin_level = if level.len() == 1 && level.contains(&Level::Township) {
            "township"
        } else {
            "unknown"
        };
        return Resolution {
            admin_level,
            agency_kind: kind,
            rest: rest.to_string(),
            candidates: Some(paths.join(";")),
            ..Resolution::default()
        };
    }
    let e = deepest[0];
    // A township the list does not hold (renamed, or newer than it) under a resolved county: 合隆镇人民政府.
    let level = if e.level == Level::County && is_township_name(rest) {
        "township"
    } else {
        e.level.as_str()
    };
    let mut r = Resolution {
        admin_level: level,
        agency_kind: kind,
        rest: rest.to_string(),
        division_code: Some(e.code.to_string()),
        ..Resolution::default()
    };
    let mut cur = Some(e);
    while let Some(x) = cur {
        let slot = match x.level {
            Level::Province => &mut r.province,
            Level::Prefecture => &mut r.prefecture,
            Level::County => &mut r.county,
            Level::Township => &mut None,
        };
        *slot = Some(x.name.to_string());
        cur = g.parent(x, year);
    }
    r
}
