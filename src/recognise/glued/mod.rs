//! Layout `flat`: crawler text in which a table's cells were glued together with no separator
//! (`一、本年新收政府信息公开申请数量21710000218` = 217|1|0|0|0|0|218, spec §3.5 item 5). The text is
//! squeezed, split on the template's labels, and each digit run cut into its cells with the
//! identities as constraints ([`crate::recognise::digits`]).
//!
//! * applications table: [`applications`]
//! * review / litigation table (15 numbers in one run, the three group totals): [`reviews`]
//! * Article 20 table (mostly ambiguous when glued: kept raw and flagged): [`proactive`]

pub mod applications;
pub mod text;

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::applications::AppTable;
use super::digits::{count_cuts, cuts, PartKind};
use super::proactive::{measure_value, ItemSource, ProactiveTable};
use super::reviews::{ReviewTable, Reviews};
use crate::model::{Cell, ProactiveCell};
use crate::template::{ProactiveItem, Template, PROACTIVE_ITEMS};
use crate::value::parse_value;
use text::{first_run_before_numbering, number_runs, squeeze};

/// The three tables read from glued text.
#[derive(Debug, Clone, PartialEq)]
pub struct Glued {
    pub applications: Option<AppTable>,
    pub reviews: Reviews,
    pub proactive: Option<ProactiveTable>,
}

/// Where the applications table starts in squeezed text: the 本年新收 label directly followed by digits.
pub fn table_start(s: &str) -> Option<usize> {
    s.match_indices("本年新收").map(|(i, _)| i).find(|&i| {
        let window: String = s[i..].chars().take(24).collect();
        window
            .find("数量")
            .is_some_and(|q| window[q + "数量".len()..].starts_with(|c: char| c.is_ascii_digit() || "-—/.".contains(c)))
    })
}

/// Reads the tables of a glued-cell document from its plain text.
pub fn read(plain_text: &str, template: Template) -> Glued {
    let s = squeeze(plain_text);
    let Some(start) = table_start(&s) else {
        return Glued {
            applications: None,
            reviews: Reviews::NotFound,
            proactive: None,
        };
    };
    let (rows, end) = applications::rows(&s, start, template);
    Glued {
        applications: Some(applications::build(rows, end, template)),
        reviews: reviews(&s[end..]),
        proactive: proactive(&s[..start], template),
    }
}

/// The cell of a count cut from glued digits.
pub fn count_cell(v: Option<i64>) -> Cell {
    match v {
        Some(v) => Cell {
            value: Some(v),
            blank: false,
        },
        None => Cell::blank(),
    }
}

fn groups_hold(v: &[i64]) -> bool {
    (0..3).all(|g| v[g * 5..g * 5 + 4].iter().sum::<i64>() == v[g * 5 + 4])
}

/// The review table: the first digit run after its heading, cut into 15 numbers by the group totals.
pub fn reviews(after_applications: &str) -> Reviews {
    let stop = ["存在的主要问题", "存在问题", "其他需要报告"]
        .iter()
        .filter_map(|w| after_applications.find(w))
        .min()
        .unwrap_or(after_applications.len());
    let Some(head) = after_applications[..stop].find("行政复议") else {
        return Reviews::NotFound;
    };
    let Some(run) =
        first_run_before_numbering(&after_applications[head..stop], &after_applications[stop..]).map(str::to_string)
    else {
        return Reviews::NotFound;
    };
    let (mut found, truncated) = count_cuts(&run, 15, 65, &groups_hold);
    let mut note = None;
    if found.is_empty() && !truncated {
        // No cut satisfies the group totals: a printed violation is still read where the cut is unique.
        let (any, _) = count_cuts(&run, 15, 2, &|_| true);
        if any.len() == 1 {
            found = any;
            note = Some(format!(
                "reviews: glued digits '{run}' cut the only way possible; group totals fail"
            ));
        }
    }
    match found.as_slice() {
        [one] => {
            let mut cells = [[Cell::unknown(); 5]; 3];
            for (i, v) in one.iter().enumerate() {
                cells[i / 5][i % 5] = count_cell(*v);
            }
            Reviews::Found(Box::new(ReviewTable {
                cells,
                note,
                header: "行政复议".into(),
                tokens: None,
                printed: vec![run],
            }))
        }
        [] => Reviews::Unplaceable(format!(
            "reviews: glued digits '{run}' cannot be cut into 15 numbers satisfying the group totals"
        )),
        many => Reviews::Unplaceable(format!(
            "reviews: {}{} cuts of the glued digits '{run}' satisfy the group totals; cells left empty",
            many.len(),
            if truncated { "+" } else { "" }
        )),
    }
}

enum Hit {
    Item(&'static ProactiveItem),
    Block,
}

fn proactive_matcher() -> &'static (AhoCorasick, Vec<Hit>) {
    static M: OnceLock<(AhoCorasick, Vec<Hit>)> = OnceLock::new();
    M.get_or_init(|| {
        let mut patterns: Vec<&str> = vec!["第二十条"];
        let mut hits = vec![Hit::Block];
        for item in PROACTIVE_ITEMS {
            for l in item.labels {
                patterns.push(l);
                hits.push(Hit::Item(item));
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap_or_else(|e| panic!("the Article 20 labels are a valid pattern set: {e}"));
        (ac, hits)
    })
}

fn kind(measure: &str) -> PartKind {
    match measure {
        "amount_yuan" => PartKind::Amount,
        "change" => PartKind::Signed,
        _ => PartKind::Count,
    }
}

/// The Article 20 table before the applications table: each item's number run cut into its measures
/// where only one cut is possible (single-measure rows, "000"); otherwise kept raw and flagged.
pub fn proactive(before_applications: &str, template: Template) -> Option<ProactiveTable> {
    let first = before_applications.find("第二十条")?;
    let region = &before_applications[first..];
    let (ac, hits) = proactive_matcher();
    let matches: Vec<(usize, usize, &Hit)> = ac
        .find_iter(region)
        .map(|m| (m.start(), m.end(), &hits[m.pattern().as_usize()]))
        .collect();
    let mut table = ProactiveTable::default();
    for (j, (start, end, hit)) in matches.iter().enumerate() {
        let Hit::Item(item) = hit else { continue };
        if table.cells.iter().any(|c| c.item == item.item) {
            continue;
        }
        let measures = item.measures(template);
        if measures.is_empty() {
            continue;
        }
        let next = matches.get(j + 1).map_or(region.len(), |m| m.0);
        let Some(run) = number_runs(&region[*end..next]).first().map(|r| r.to_string()) else {
            table.notes.push(format!("proactive: {} printed no number", item.item));
            continue;
        };
        table.sources.push(ItemSource {
            item: item.item,
            label: region[*start..*end].to_string(),
            token: None,
            printed: vec![run.clone()],
        });
        let kinds: Vec<PartKind> = measures.iter().map(|(m, _)| kind(m)).collect();
        let c = cuts(&run, &kinds, true, 3, &mut |_| true);
        let unique = (c.found.len() == 1 && !c.truncated).then(|| &c.found[0]);
        if unique.is_none() {
            table.notes.push(format!(
                "proactive: {} printed glued as '{run}' ({} cuts fit); values left empty, raw kept",
                item.item,
                if c.truncated || c.found.len() > 2 {
                    "several".to_string()
                } else {
                    c.found.len().to_string()
                }
            ));
        }
        for (i, (measure, _)) in measures.iter().enumerate() {
            let (value, raw) = match unique {
                Some(parts) => {
                    let v = parse_value(&parts[i]);
                    (
                        v.as_ref().and_then(|v| measure_value(item.item, measure, v, template)),
                        parts[i].clone(),
                    )
                }
                None => (None, run.clone()),
            };
            table.cells.push(ProactiveCell {
                item: item.item,
                measure,
                value,
                raw: Some(raw),
            });
        }
    }
    Some(table)
}
