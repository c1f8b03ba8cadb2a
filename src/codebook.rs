//! The codebook: every key the dataset uses and the Chinese label it stands for, generated from
//! [`crate::template`] (the same tables the extractor reads). Written as `codebook.parquet` with every
//! extraction and committed as `data/codebook.csv` (a test keeps the two in step).

use crate::crosswalk::Target;
use crate::template::{In, APP_ROWS, OUTCOMES, PROACTIVE_ITEMS, PROCEEDINGS, REQUESTERS};

pub struct Entry {
    pub table: &'static str,
    pub column: &'static str,
    pub key: &'static str,
    pub label_zh: String,
    pub templates: &'static str,
    pub position: i32,
}

fn templates(t: In) -> &'static str {
    match t {
        In::Both => "t2019,t2021",
        In::Only2019 => "t2019",
        In::Only2021 => "t2021",
    }
}

pub fn entries() -> Vec<Entry> {
    let mut out = Vec::new();
    let mut push = |table, column, key, label: &str, templates, position: usize| {
        out.push(Entry {
            table,
            column,
            key,
            label_zh: label.to_string(),
            templates,
            position: position as i32,
        })
    };
    for (i, r) in APP_ROWS.iter().enumerate() {
        push("applications", "row", r.key, r.label, templates(r.templates), i);
    }
    for (i, (k, l)) in REQUESTERS.iter().enumerate() {
        push("applications", "requester", k, l, "t2019,t2021", i);
    }
    for (i, (k, l)) in PROCEEDINGS.iter().enumerate() {
        push("reviews", "proceeding", k, l, "t2019,t2021", i);
    }
    for (i, (k, l)) in OUTCOMES.iter().enumerate() {
        push("reviews", "outcome", k, l, "t2019,t2021", i);
    }
    for (i, item) in PROACTIVE_ITEMS.iter().enumerate() {
        let t = match (item.measures_2019.is_empty(), item.measures_2021.is_empty()) {
            (false, false) => "t2019,t2021",
            (false, true) => "t2019",
            _ => "t2021",
        };
        push(
            "proactive",
            "item",
            item.item,
            &format!("{} {}", item.block, item.labels.join(" / ")),
            t,
            i,
        );
    }
    let mut pos = 0;
    for (t, pick) in [("t2019", true), ("t2021", false)] {
        for item in PROACTIVE_ITEMS {
            let measures = if pick { item.measures_2019 } else { item.measures_2021 };
            for (k, l) in measures {
                push("proactive", "measure", k, &format!("{}: {l}", item.item), t, pos);
                pos += 1;
            }
        }
    }
    for (i, (k, l)) in crate::recognise::scope::SCOPES.iter().enumerate() {
        push("reports", "scope", k, l, "pre2019,t2019,t2021", i);
    }
    // Pre-2019 figures: the label, then where the crosswalk puts them in the contract tables.
    for (i, f) in crate::crosswalk::FIGURES.iter().enumerate() {
        let target = match f.target {
            Target::Application(row) => format!("applications.{row} (total)"),
            Target::Review(p) => format!("reviews.{p} (total)"),
            Target::AllInformation => "proactive.all_information (published / cumulative)".to_string(),
            Target::None => "figures only".to_string(),
        };
        let caveat = if f.caveat.is_empty() {
            String::new()
        } else {
            format!("; {}", f.caveat)
        };
        push(
            "figures",
            "figure",
            f.key,
            &format!("{} → {target}{caveat}", f.label_zh),
            "pre2019",
            i,
        );
    }
    // 2019+ figures stated in prose, and the table figures they are compared with (checks.prose_vs_table)
    for (i, f) in crate::template::stated::STATED.iter().enumerate() {
        let defs: Vec<&str> = f.definitions.iter().map(|d| d.name).collect();
        push(
            "figures",
            "figure",
            f.key,
            &format!("{} → {}", f.label_zh, defs.join(" | ")),
            "t2019,t2021",
            crate::crosswalk::FIGURES.len() + i,
        );
    }
    out
}

/// The codebook as CSV (the committed `data/codebook.csv`).
pub fn to_csv() -> String {
    let mut s = String::from("table,column,key,label_zh,templates,position\n");
    for e in entries() {
        let label = e.label_zh.replace('"', "\"\"");
        s.push_str(&format!(
            "{},{},{},\"{}\",\"{}\",{}\n",
            e.table, e.column, e.key, label, e.templates, e.position
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_codebook_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/codebook.csv");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == super::to_csv(),
            "data/codebook.csv is stale: run `cargo run -- codebook > data/codebook.csv`"
        );
    }

    #[test]
    fn codebook_covers_every_key() {
        let e = super::entries();
        let count = |t: &str, c: &str| e.iter().filter(|x| x.table == t && x.column == c).count();
        assert_eq!(
            (
                count("applications", "row"),
                count("applications", "requester"),
                count("reviews", "outcome")
            ),
            (26, 7, 5)
        );
        assert_eq!(count("proactive", "measure"), 22 + 10);
        assert_eq!(
            count("figures", "figure"),
            crate::crosswalk::FIGURES.len() + crate::template::stated::STATED.len()
        );
        assert_eq!(count("reports", "scope"), 2);
    }
}
