//! The Article 20 table (主动公开政府信息情况, 第二十条第（X）项 blocks): item rows are recognised by their
//! label, their values taken in order (header and data cells may sit in different columns, so
//! positions are not used) and named by the template's measures for the item.

pub use super::provenance::ItemSource;
use crate::document::Token;
use crate::model::ProactiveCell;
use crate::normalize::split_numbering;
use crate::template::{ProactiveItem, Template, PROACTIVE_ITEMS};
use crate::value::{amount_yuan, Unit, Value};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProactiveTable {
    pub cells: Vec<ProactiveCell>,
    pub notes: Vec<String>,
    /// Where each item came from, in the order read (for `ogi inspect`).
    pub sources: Vec<ItemSource>,
}

/// An item label as read, with the values that followed it.
struct RawItem {
    item: &'static ProactiveItem,
    label: String,
    token: usize,
    vals: Vec<Value>,
}

fn item_for(key: &str) -> Option<&'static ProactiveItem> {
    let (_, rest) = split_numbering(key);
    PROACTIVE_ITEMS.iter().find(|i| i.labels.contains(&rest))
}

/// Reads the table between its first 第二十条 label and `until` (the applications table or the end).
pub fn read(tokens: &[Token], until: usize, template: Template) -> Option<ProactiveTable> {
    let until = until.min(tokens.len());
    let first = tokens[..until]
        .iter()
        .position(|t| t.label().is_some_and(|l| l.key.starts_with("第二十条")))?;
    let mut found: Vec<RawItem> = Vec::new();
    let mut current: Option<RawItem> = None;
    for (i, tok) in tokens[..until].iter().enumerate().skip(first) {
        if let Some(v) = tok.value() {
            if let Some(item) = current.as_mut() {
                item.vals.push(v.clone());
            }
        } else if let Some(l) = tok.label() {
            found.extend(current.take());
            current = item_for(&l.key).map(|item| RawItem {
                item,
                label: l.text.clone(),
                token: i,
                vals: Vec::new(),
            });
        }
    }
    found.extend(current.take());
    let mut table = ProactiveTable::default();
    for RawItem {
        item,
        label,
        token,
        vals,
    } in found
    {
        if table.cells.iter().any(|c| c.item == item.item) {
            continue; // the same item again (a repeated table): the first one stands
        }
        table.sources.push(ItemSource {
            item: item.item,
            label,
            token: Some(token),
            printed: vals.iter().map(|v| v.raw.clone()).collect(),
        });
        let measures = item.measures(template);
        if measures.is_empty() {
            table.notes.push(format!(
                "proactive: item {} is not part of the {} template",
                item.item,
                template.as_str()
            ));
            continue;
        }
        // Surplus blank cells (spans) are dropped; missing cells stay absent, never invented.
        let mut vals = vals;
        while vals.len() > measures.len() {
            match vals.iter().rposition(Value::is_blank) {
                Some(i) => {
                    vals.remove(i);
                }
                None => break,
            }
        }
        if vals.len() != measures.len() {
            table.notes.push(format!(
                "proactive: {} has {} of {} values",
                item.item,
                vals.len(),
                measures.len()
            ));
        }
        for (i, (measure, _)) in measures.iter().enumerate() {
            let v = vals.get(i);
            let value = v.and_then(|v| measure_value(item.item, measure, v, template));
            table.cells.push(ProactiveCell {
                item: item.item,
                measure,
                value,
                raw: v.map(|v| v.raw.clone()),
            });
        }
    }
    Some(table)
}

pub(crate) fn measure_value(item: &str, measure: &str, v: &Value, template: Template) -> Option<f64> {
    if measure == "amount_yuan" {
        // The 2021 fee column is headed 单位：万元; the 2019 procurement total prints its unit, else 元.
        let default = if item == "fees" && template == Template::T2021 {
            Unit::WanYuan
        } else {
            Unit::Yuan
        };
        amount_yuan(v, default)
    } else {
        v.as_f64()
    }
}
