//! The population of reporting agencies: central ministries, provinces, prefectures, counties,
//! townships and their departments, with real place names from the gazetteer, valid in the report year.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// One reporting agency and what the truth says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub name: String,
    pub level: &'static str,
    pub kind: &'static str,
    pub province: Option<&'static str>,
    pub prefecture: Option<&'static str>,
    pub county: Option<&'static str>,
}

const MINISTRIES: &[&str] = &[
    "教育部",
    "财政部",
    "自然资源部",
    "生态环境部",
    "交通运输部",
    "国家统计局",
    "海关总署",
    "国家林业和草原局",
];
const PROVINCE_DEPTS: &[&str] = &[
    "教育厅",
    "财政厅",
    "自然资源厅",
    "生态环境厅",
    "交通运输厅",
    "卫生健康委员会",
    "公安厅",
    "民政厅",
    "人力资源和社会保障厅",
    "住房和城乡建设厅",
    "市场监督管理局",
    "农业农村厅",
];
pub(super) const LOCAL_DEPTS: &[&str] = &[
    "教育局",
    "财政局",
    "自然资源和规划局",
    "生态环境局",
    "交通运输局",
    "卫生健康局",
    "公安局",
    "民政局",
    "人力资源和社会保障局",
    "住房和城乡建设局",
    "市场监督管理局",
    "农业农村局",
    "扶贫开发办公室",
    "统计局",
    "审计局",
    "应急管理局",
    "水利局",
    "司法局",
];

fn pick<'a, T>(rng: &mut ChaCha8Rng, xs: &'a [T]) -> &'a T {
    &xs[rng.random_range(0..xs.len())]
}

/// Counties (and county-level divisions) valid in a year, and townships by county id, from the gazetteer.
pub(super) struct Places {
    pub counties_by_year: std::collections::HashMap<i16, Vec<usize>>,
    pub towns_by_county: std::collections::HashMap<&'static str, Vec<usize>>,
}

pub(super) fn places() -> &'static Places {
    use crate::resolve::gazetteer::{get, Level};
    static P: std::sync::OnceLock<Places> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        let g = get();
        let mut counties_by_year: std::collections::HashMap<i16, Vec<usize>> = Default::default();
        let mut towns_by_county: std::collections::HashMap<&'static str, Vec<usize>> = Default::default();
        for (i, e) in g.entries.iter().enumerate() {
            match e.level {
                Level::County => {
                    for y in e.first_year.max(2000)..=e.last_year.min(2030) {
                        counties_by_year.entry(y).or_default().push(i);
                    }
                }
                Level::Township => towns_by_county.entry(e.parent_id).or_default().push(i),
                _ => {}
            }
        }
        Places {
            counties_by_year,
            towns_by_county,
        }
    })
}

/// Draws one agency of a report year, from the gazetteer's divisions valid in that year. Weights follow the
/// number of agencies per level: townships and county departments are most of them.
pub fn draw(rng: &mut ChaCha8Rng, year: i16) -> Agency {
    use crate::resolve::gazetteer::{get, Level};
    let g = get();
    let p = places();
    let y = year.min(g.last_year);
    let counties = p.counties_by_year.get(&y).map(Vec::as_slice).unwrap_or(&[]);
    let Some(&ci) = (!counties.is_empty()).then(|| pick(rng, counties)) else {
        return central(rng);
    };
    let county = &g.entries[ci];
    let parent = g.parent(county, y);
    let (pref, prov) = match parent {
        Some(x) if x.level == Level::Prefecture => (Some(x), g.parent(x, y)),
        other => (None, other),
    };
    let (Some(prov), county_name) = (prov, county.name) else {
        return central(rng);
    };
    let municipality = pref.is_none();
    let town = p
        .towns_by_county
        .get(county.id)
        .filter(|t| !t.is_empty())
        .map(|t| g.entries[*pick(rng, t)].name);
    let roll: f64 = rng.random();
    let kind_roll: f64 = rng.random();
    let (mut level, kind) = match roll {
        x if x < 0.01 => ("central", "department"),
        x if x < 0.05 => ("province", kind_of(kind_roll)),
        x if x < 0.20 => ("prefecture", kind_of(kind_roll)),
        x if x < 0.65 => ("county", kind_of(kind_roll)),
        _ => ("township", "government"),
    };
    if (municipality && level == "prefecture") || (level == "township" && town.is_none()) {
        level = "county";
    }
    let with_parent = rng.random_bool(0.5);
    let pref_name = pref.map(|x| x.name).unwrap_or_default();
    let name = match (level, kind) {
        ("central", _) => (*pick(rng, MINISTRIES)).to_string(),
        ("province", "government") => format!("{}人民政府", prov.name),
        ("province", "general_office") => format!("{}人民政府办公厅", prov.name),
        ("province", _) => format!("{}{}", prov.name, pick(rng, PROVINCE_DEPTS)),
        ("prefecture", "government") => format!("{pref_name}人民政府"),
        ("prefecture", "general_office") => format!("{pref_name}人民政府办公室"),
        ("prefecture", _) => format!("{pref_name}{}", pick(rng, LOCAL_DEPTS)),
        ("county", k) => {
            let prefix = if with_parent {
                if municipality {
                    prov.name
                } else {
                    pref_name
                }
            } else {
                ""
            };
            match k {
                "government" => format!("{prefix}{county_name}人民政府"),
                "general_office" => format!("{prefix}{county_name}人民政府办公室"),
                _ => format!("{prefix}{county_name}{}", pick(rng, LOCAL_DEPTS)),
            }
        }
        _ => {
            let town = town.unwrap_or_default();
            let prefix = if with_parent { county_name } else { "" };
            if town.ends_with("街道") {
                format!("{prefix}{town}办事处")
            } else {
                format!("{prefix}{town}人民政府")
            }
        }
    };
    Agency {
        name,
        level,
        kind,
        province: (level != "central").then_some(prov.name),
        prefecture: matches!(level, "prefecture" | "county" | "township")
            .then_some(pref.map(|x| x.name))
            .flatten(),
        county: matches!(level, "county" | "township").then_some(county_name),
    }
}

/// A central ministry (also the fallback where the gazetteer has no division for the year).
fn central(rng: &mut ChaCha8Rng) -> Agency {
    Agency {
        name: (*pick(rng, MINISTRIES)).to_string(),
        level: "central",
        kind: "department",
        province: None,
        prefecture: None,
        county: None,
    }
}

fn kind_of(roll: f64) -> &'static str {
    match roll {
        x if x < 0.12 => "government",
        x if x < 0.22 => "general_office",
        _ => "department",
    }
}
