//! Jurisdiction summaries and their members: in most blocks of [`BLOCK`] reports, one report is a city's
//! or county's summary of all its agencies (its tables the sum of the members' tables) and the next 3–7
//! are members of the same jurisdiction and year — its government's own report, departments, the
//! governments below it.
//!
//! How summaries present themselves follows real ones (facts, not text): a city's with the government's
//! usual title and a jurisdiction-wide count in the prose equal to the table total (淮安市 2024:
//! `全市共受理政府信息公开申请3119件`; a county's own report counts 全区 too, so county summaries take one of
//! the next two forms); a title naming the whole (`…全县政府信息公开工作年度报告`, as county
//! rules describe the 全县 report); the usual title with a preamble saying it was compiled from the
//! others (`汇总南平市各县（市、区）、市政府各有关部门…编制而成`, `综合…各县(市、区)政府和市级各部门的…
//! 年度工作报告编制而成`). Post-2019 years only (the pre-2019 prose has no table to sum).

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::{BlankStyle, Figures};
use super::population::{places, Agency, LOCAL_DEPTS};
use super::GenOptions;
use crate::model::{AppRowCells, Cell, ProactiveCell, Report};

pub const BLOCK: usize = 64;
/// Share of summaries that leave one member's report out of their sums (planted `summary_members`).
pub const MISSING_MEMBER: f64 = 0.25;
const STREAM: u64 = 0x6a75_7269_7364;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The government's usual title; the prose counts the whole, and the table is that count.
    OwnTitle,
    /// `X2023年全市政府信息公开工作年度报告`.
    WholeTitle,
    /// The usual title; the preamble says the report was compiled from the others'.
    Compiled,
}

#[derive(Debug, Clone)]
pub struct Jurisdiction {
    pub name: &'static str,
    /// `prefecture` or `county`.
    pub level: &'static str,
    pub province: &'static str,
    pub prefecture: Option<&'static str>,
    /// `全市`, `全县`, `全区`…
    pub whole: String,
    /// The divisions below, as summaries name them (`县（市、区）`, `乡镇（街道）`).
    pub below: &'static str,
    /// Names of the divisions below (counties of a prefecture, townships of a county).
    pub children: Vec<&'static str>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub summary: usize,
    pub members: Vec<usize>,
    pub year: i16,
    pub jurisdiction: Jurisdiction,
    pub form: Form,
    /// The summary also states the jurisdiction-wide count (always with [`Form::OwnTitle`]).
    pub whole_count: bool,
}

pub enum Role {
    Plain,
    Summary(Group),
    Member(Group, usize),
}

pub fn role(opts: &GenOptions, i: usize) -> Role {
    let Some(g) = group(opts, i / BLOCK) else {
        return Role::Plain;
    };
    if g.summary == i {
        return Role::Summary(g);
    }
    match g.members.iter().position(|&m| m == i) {
        Some(slot) => Role::Member(g, slot),
        None => Role::Plain,
    }
}

/// The jurisdictions and years the corpus has a summary of: (year, level, name, province, prefecture).
type Summarised = Vec<(i16, &'static str, &'static str, &'static str, Option<&'static str>)>;

fn summarised(opts: &GenOptions) -> std::sync::Arc<Summarised> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex, OnceLock};
    type Key = (u64, usize, i16, i16);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<Summarised>>>> = OnceLock::new();
    let key = (opts.seed, opts.reports, opts.first_year, opts.last_year);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return v;
    }
    let all: Summarised = (0..opts.reports.div_ceil(BLOCK))
        .filter_map(|b| group(opts, b))
        .map(|g| {
            let j = g.jurisdiction;
            (g.year, j.level, j.name, j.province, j.prefecture)
        })
        .collect();
    let all = Arc::new(all);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, all.clone());
    }
    all
}

/// The agency lies in a jurisdiction the corpus has a summary of, that year. A summary covers every agency of its
/// jurisdiction, so an agency drawn there without being summed would make the summary wrong: such draws are
/// drawn again.
pub fn inside_summary(opts: &GenOptions, a: &Agency, year: i16) -> bool {
    summarised(opts).iter().any(|&(y, level, name, province, prefecture)| {
        y == year
            && a.province == Some(province)
            && match level {
                "prefecture" => a.prefecture == Some(name),
                _ => a.county == Some(name) && a.prefecture == prefecture,
            }
    })
}

fn group(opts: &GenOptions, block: usize) -> Option<Group> {
    let mut rng = super::report_rng(opts.seed ^ STREAM, block);
    let first = opts.first_year.max(2019);
    if !rng.random_bool(0.9) || first > opts.last_year {
        return None;
    }
    let year = rng.random_range(first..=opts.last_year);
    let k = rng.random_range(3..=7usize);
    let summary = block * BLOCK + rng.random_range(0..BLOCK - k);
    if summary + k >= opts.reports {
        return None;
    }
    let jurisdiction = pick(&mut rng, year)?;
    let mut form = match rng.random_range(0..100) {
        0..42 => Form::OwnTitle,
        42..67 => Form::WholeTitle,
        _ => Form::Compiled,
    };
    // A county government's own report also counts 全区/全县 (洪泽区 2023, expected `agency`): a county's
    // summary says what it is in its title or preamble.
    if form == Form::OwnTitle && jurisdiction.level == "county" {
        form = Form::Compiled;
    }
    let whole_count = form == Form::OwnTitle || rng.random_bool(0.5);
    Some(Group {
        summary,
        members: (summary + 1..=summary + k).collect(),
        year,
        jurisdiction,
        form,
        whole_count,
    })
}

/// A county, or the prefecture above it, valid in the year; `None` where its name gives no 全X.
fn pick(rng: &mut ChaCha8Rng, year: i16) -> Option<Jurisdiction> {
    use crate::resolve::gazetteer::{get, Level};
    let g = get();
    let p = places();
    let y = year.min(g.last_year);
    let counties = p.counties_by_year.get(&y)?;
    let county = &g.entries[*counties.get(rng.random_range(0..counties.len().max(1)))?];
    let parent = g.parent(county, y)?;
    let (prefecture, province) = match parent.level {
        Level::Prefecture => (Some(parent), g.parent(parent, y)?),
        _ => (None, parent),
    };
    let whole = |name: &str| {
        let last = name.chars().last()?;
        "市县区州旗盟".contains(last).then(|| format!("全{last}"))
    };
    match prefecture {
        Some(pref) if rng.random_bool(0.5) => {
            let children = counties
                .iter()
                .map(|&c| &g.entries[c])
                .filter(|c| {
                    g.parent(c, y)
                        .is_some_and(|x| x.id == pref.id && x.level == Level::Prefecture)
                })
                .map(|c| c.name)
                .collect();
            Some(Jurisdiction {
                name: pref.name,
                level: "prefecture",
                province: province.name,
                prefecture: Some(pref.name),
                whole: whole(pref.name)?,
                below: "县（市、区）",
                children,
            })
        }
        _ => Some(Jurisdiction {
            name: county.name,
            level: "county",
            province: province.name,
            prefecture: prefecture.map(|x| x.name),
            whole: whole(county.name)?,
            below: "乡镇（街道）",
            children: p
                .towns_by_county
                .get(county.id)
                .map(|t| t.iter().map(|&i| g.entries[i].name).collect())
                .unwrap_or_default(),
        }),
    }
}

impl Group {
    /// The summary's agency: the government (or, with a title naming the whole, the division's bare name).
    pub fn agency(&self) -> Agency {
        let j = &self.jurisdiction;
        let name = match self.form {
            Form::WholeTitle => j.name.to_string(),
            _ => format!("{}人民政府", j.name),
        };
        agency(j, name, j.level, "government", None)
    }

    /// The preamble of the summary (`None`: the plain one).
    pub fn preamble(&self, rng: &mut ChaCha8Rng) -> Option<String> {
        let j = &self.jurisdiction;
        let w = j.whole.chars().last().unwrap_or('市');
        match self.form {
            Form::Compiled if rng.random_bool(0.5) => Some(format!(
                "本报告由{}人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，汇总{}各{}、{w}政府各有关部门政府信息公开工作情况编制而成。",
                j.name, j.name, j.below
            )),
            Form::Compiled => Some(format!(
                "本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，综合{}年度{}各{}政府和{w}级各部门的政府信息公开年度工作报告编制而成。",
                self.year, j.name, j.below
            )),
            Form::OwnTitle => Some(format!(
                "本报告由{}人民政府办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。",
                j.name
            )),
            Form::WholeTitle => None,
        }
    }

    /// Member `slot`: the government's own report first, then departments and the governments below.
    pub fn member(&self, slot: usize, rng: &mut ChaCha8Rng) -> Agency {
        let j = &self.jurisdiction;
        if slot == 0 {
            return agency(j, format!("{}人民政府", j.name), j.level, "government", None);
        }
        if !j.children.is_empty() && rng.random_bool(0.45) {
            let child = j.children[rng.random_range(0..j.children.len())];
            let prefix = if rng.random_bool(0.5) { j.name } else { "" };
            return if j.level == "prefecture" {
                agency(
                    j,
                    format!("{prefix}{child}人民政府"),
                    "county",
                    "government",
                    Some(child),
                )
            } else if child.ends_with("街道") {
                agency(j, format!("{prefix}{child}办事处"), "township", "government", None)
            } else {
                agency(j, format!("{prefix}{child}人民政府"), "township", "government", None)
            };
        }
        let dept = LOCAL_DEPTS[(self.summary + slot) % LOCAL_DEPTS.len()];
        agency(j, format!("{}{dept}", j.name), j.level, "department", None)
    }
}

fn agency(
    j: &Jurisdiction,
    name: String,
    level: &'static str,
    kind: &'static str,
    county: Option<&'static str>,
) -> Agency {
    Agency {
        name,
        level,
        kind,
        province: Some(j.province),
        prefecture: j.prefecture,
        county: if j.level == "county" { Some(j.name) } else { county },
    }
}

/// The summary's tables: the members' tables added up (blank as 0).
pub fn summed(members: &[Report], t2021: bool) -> Figures {
    let n = |c: &Cell| c.for_identity().unwrap_or(0);
    let mut apps: Vec<AppRowCells> = Vec::new();
    let mut reviews = [[Cell::blank(); 5]; 3];
    let mut proactive: Vec<ProactiveCell> = Vec::new();
    for (k, m) in members.iter().enumerate() {
        for row in &m.applications {
            match apps.iter_mut().find(|r| r.key == row.key) {
                Some(r) => (0..7).for_each(|c| r.cells[c].value = Some(n(&r.cells[c]) + n(&row.cells[c]))),
                None => apps.push(AppRowCells {
                    key: row.key,
                    cells: row.cells.map(|c| Cell {
                        value: Some(n(&c)),
                        blank: false,
                    }),
                }),
            }
        }
        if let Some(r) = &m.reviews {
            for (g, outcomes) in r.iter().enumerate() {
                for (o, c) in outcomes.iter().enumerate() {
                    let before = if k == 0 { 0 } else { n(&reviews[g][o]) };
                    reviews[g][o] = Cell {
                        value: Some(before + n(c)),
                        blank: false,
                    };
                }
            }
        }
        for p in &m.proactive {
            match proactive
                .iter_mut()
                .find(|x| x.item == p.item && x.measure == p.measure)
            {
                Some(x) => x.value = Some(x.value.unwrap_or(0.0) + p.value.unwrap_or(0.0)),
                None => proactive.push(p.clone()),
            }
        }
    }
    for p in &mut proactive {
        let v = p.value.unwrap_or(0.0);
        p.raw = Some(if p.measure == "amount_yuan" && !t2021 {
            let cents = (v * 100.0).round();
            p.value = Some(cents / 100.0);
            format!("{:.2}元", cents / 100.0)
        } else if p.measure == "amount_yuan" {
            // printed in 万元 with up to two decimals, as the members' are
            let cents_of_wan = (v / 100.0).round();
            p.value = Some(cents_of_wan * 100.0);
            format!("{}", cents_of_wan / 100.0)
        } else {
            format!("{}", v as i64)
        });
    }
    Figures {
        t2021,
        apps,
        reviews,
        proactive,
        blank: BlankStyle::Zero,
        defect: None,
    }
}
