//! Article 20 stock across years (spec §2, soft check): a 2021-template report's 现行有效件数 is last year's
//! plus this year's 本年制发 minus 本年废止 (规章, 行政规范性文件); in the 2019 template, an item's 上一年项目数量
//! is last year's 上一年项目数量 plus last year's 本年增/减 (行政许可, 其他对外管理服务事项, 行政处罚, 行政强制,
//! 行政事业性收费). Between the two templates nothing carries over.

use super::load::Rec;
use super::{Finding, Status};
use crate::template::{ProactiveItem, Template, PROACTIVE_ITEMS};

/// The (item, measure) pairs a stock check reads, as the template tables spell them.
pub fn measure(item: &str, measure: &str) -> Option<(&'static str, &'static str)> {
    let it = PROACTIVE_ITEMS.iter().find(|i| i.item == item)?;
    let m = it
        .measures_2019
        .iter()
        .chain(it.measures_2021)
        .map(|(k, _)| *k)
        .find(|k| *k == measure && ["issued", "repealed", "in_force", "previous_count", "change"].contains(k))?;
    Some((it.item, m))
}

fn get(r: &Rec, item: &str, measure: &str) -> Option<f64> {
    r.stock
        .iter()
        .find(|(i, m, _)| *i == item && *m == measure)
        .map(|x| x.2)
}

/// One way an item's measures read: up to three (measure, value) pairs, kept inline (a glued row reads
/// hundreds of ways).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Reading {
    pairs: [(&'static str, f64); 3],
    n: usize,
}

impl Reading {
    fn new() -> Reading {
        Reading {
            pairs: [("", 0.0); 3],
            n: 0,
        }
    }

    fn push(&mut self, key: &'static str, v: f64) {
        if self.n < 3 {
            self.pairs[self.n] = (key, v);
            self.n += 1;
        }
    }
}

/// The ways a glued run of digits (`1016`, `21-2372`) cuts into the item's measures, in their printed order:
/// each part a whole number without a leading zero, a sign only where the measure is 本年增/减.
fn cuts(raw: &str, keys: &[&'static str]) -> Vec<Reading> {
    let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if s.len() > 24 || keys.is_empty() || keys.len() > 3 || !s.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Vec::new();
    }
    fn go(s: &str, keys: &[&'static str], acc: Reading, out: &mut Vec<Reading>) {
        let Some((key, rest_keys)) = keys.split_first() else {
            if s.is_empty() {
                out.push(acc);
            }
            return;
        };
        let signed = *key == "change" && s.starts_with('-');
        let digits_from = usize::from(signed);
        // leave at least one digit for each measure after this one
        let max_end = s.len().saturating_sub(rest_keys.len());
        for end in digits_from + 1..=max_end {
            let (part, rest) = s.split_at(end);
            let digits = &part[digits_from..];
            if !digits.chars().all(|c| c.is_ascii_digit()) || (digits.len() > 1 && digits.starts_with('0')) {
                continue;
            }
            let Ok(v) = part.parse::<f64>() else { continue };
            let mut next = acc;
            next.push(key, v);
            go(rest, rest_keys, next, out);
        }
    }
    let mut out = Vec::new();
    go(&s, keys, Reading::new(), &mut out);
    out
}

/// Every way an item's measures may read in a report: the values read, or each cut of its glued row (and the
/// row, for the note). None where a measure it needs was not read at all.
fn readings(r: &Rec, item: &ProactiveItem, t: Template, needed: &[&str]) -> (Vec<Reading>, Option<String>) {
    let mut known = Some(Reading::new());
    for k in needed {
        let key = item.measures(t).iter().map(|(m, _)| *m).find(|m| m == k);
        match (key.zip(get(r, item.item, k)), known.as_mut()) {
            (Some((key, v)), Some(reading)) => reading.push(key, v),
            _ => known = None,
        }
    }
    if let Some(v) = known {
        return (vec![v], None);
    }
    match r.glued.iter().find(|(i, _)| *i == item.item) {
        Some((_, raw)) => {
            let keys: Vec<&'static str> = item.measures(t).iter().map(|(m, _)| *m).collect();
            (cuts(raw, &keys), Some(raw.clone()))
        }
        None => (Vec::new(), None),
    }
}

fn value(r: &Reading, key: &str) -> Option<f64> {
    r.pairs[..r.n].iter().find(|(k, _)| *k == key).map(|x| x.1)
}

/// The stock checks of `cur` against `prev` (the same agency, the year before). Where a row was printed glued
/// and reads several ways, the check fails only if **no** reading chains (it never passes on a guess).
pub fn check(prev: &Rec, cur: &Rec) -> Vec<Finding> {
    let (t, needed_prev, needed_cur, subject): (Template, &[&str], &[&str], &str) =
        match (prev.template.as_str(), cur.template.as_str()) {
            ("t2021", "t2021") => (
                Template::T2021,
                &["in_force"],
                &["issued", "repealed", "in_force"],
                "in_force",
            ),
            ("t2019", "t2019") => (
                Template::T2019,
                &["previous_count", "change"],
                &["previous_count"],
                "previous_count",
            ),
            (a, b) => {
                return vec![Finding {
                    subject: "all".into(),
                    status: Status::NotAssessable,
                    note: Some(format!(
                        "templates differ ({a} then {b}): the Article 20 measures do not carry over"
                    )),
                    ..Finding::default()
                }]
            }
        };
    let expected = |p: &Reading| match t {
        Template::T2021 => value(p, "in_force"),
        _ => value(p, "previous_count").zip(value(p, "change")).map(|(a, b)| a + b),
    };
    let mut out = Vec::new();
    for item in PROACTIVE_ITEMS
        .iter()
        .filter(|i| i.measures(t).iter().any(|(k, _)| *k == subject))
    {
        let (ps, praw) = readings(prev, item, t, needed_prev);
        let (cs, craw) = readings(cur, item, t, needed_cur);
        // this year's figure implied by last year's stock and this year's flow, and the one printed
        let implied = |p: &Reading, c: &Reading| match t {
            Template::T2021 => Some(expected(p)? + value(c, "issued")? - value(c, "repealed")?),
            _ => expected(p),
        };
        let mut f = Finding {
            subject: format!("{}.{subject}", item.item),
            ..Finding::default()
        };
        if ps.is_empty() || cs.is_empty() {
            f.note = Some("a measure was not read in one of the two years".into());
        } else if ps.len() == 1 && cs.len() == 1 {
            f.expected = implied(&ps[0], &cs[0]).map(|v| v.round() as i64);
            f.found = value(&cs[0], subject).map(|v| v.round() as i64);
            f.status = match (f.expected, f.found) {
                (Some(e), Some(x)) if e == x => Status::Ok,
                (Some(_), Some(_)) => Status::Failed,
                _ => Status::NotAssessable,
            };
        } else {
            // last year's stock under each reading, and the stock each of this year's readings needs
            let stocks: std::collections::HashSet<i64> =
                ps.iter().filter_map(&expected).map(|v| v.round() as i64).collect();
            let chains = cs.iter().any(|c| {
                let needed = match t {
                    Template::T2021 => value(c, "in_force")
                        .zip(value(c, "issued"))
                        .zip(value(c, "repealed"))
                        .map(|((f, i), r)| f - i + r),
                    _ => value(c, "previous_count"),
                };
                needed.is_some_and(|v| stocks.contains(&(v.round() as i64)))
            });
            let glued: Vec<String> = [praw, craw].into_iter().flatten().map(|r| format!("'{r}'")).collect();
            // where one side read one way, its figure is shown (t2019: last year's stock alone is the expectation)
            let one = |v: &[Reading]| if v.len() == 1 { v.first().copied() } else { None };
            if t == Template::T2019 {
                f.expected = one(&ps).and_then(|p| expected(&p)).map(|v| v.round() as i64);
            }
            f.found = one(&cs).and_then(|c| value(&c, subject)).map(|v| v.round() as i64);
            (f.status, f.note) = if chains {
                (
                    Status::NotAssessable,
                    Some(format!(
                        "glued row {} reads several ways; one of them chains",
                        glued.join(" and ")
                    )),
                )
            } else {
                (
                    Status::Failed,
                    Some(format!("no reading of the glued row {} chains", glued.join(" and "))),
                )
            };
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_rows_cut_every_way_without_leading_zeros() {
        let keys = ["issued", "repealed", "in_force"];
        let v: Vec<Vec<f64>> = cuts("1016", &keys)
            .into_iter()
            .map(|r| r.pairs[..r.n].iter().map(|x| x.1).collect())
            .collect();
        assert_eq!(v, [vec![1.0, 0.0, 16.0], vec![10.0, 1.0, 6.0]]);
        let signed = cuts("21-2372", &["previous_count", "change", "decisions"]);
        assert!(signed
            .iter()
            .any(|r| r.pairs == [("previous_count", 21.0), ("change", -2.0), ("decisions", 372.0)]));
        assert!(signed.iter().all(|r| r.pairs[1].1 < 0.0));
        assert!(cuts("12a", &keys).is_empty());
    }

    fn rec(template: &str, stock: &[(&'static str, &'static str, f64)], glued: &[(&'static str, &str)]) -> Rec {
        Rec {
            template: template.into(),
            stock: stock.to_vec(),
            glued: glued.iter().map(|(i, r)| (*i, r.to_string())).collect(),
            ..Rec::default()
        }
    }

    #[test]
    fn a_glued_row_fails_only_when_no_reading_chains() {
        let prev = rec("t2021", &[("normative_documents", "in_force", 15.0)], &[]);
        let of = |cur: &Rec| {
            check(&prev, cur)
                .into_iter()
                .find(|f| f.subject == "normative_documents.in_force")
                .map(|f| f.status)
        };
        // 1|0|16 chains (15 + 1 − 0 = 16): ambiguous, not passed
        assert_eq!(
            of(&rec("t2021", &[], &[("normative_documents", "1016")])),
            Some(Status::NotAssessable)
        );
        // 2|0|20, 20|2|0: neither chains from 15
        assert_eq!(
            of(&rec("t2021", &[], &[("normative_documents", "2020")])),
            Some(Status::Failed)
        );
        let read = rec(
            "t2021",
            &[
                ("normative_documents", "issued", 1.0),
                ("normative_documents", "repealed", 0.0),
                ("normative_documents", "in_force", 16.0),
            ],
            &[],
        );
        assert_eq!(of(&read), Some(Status::Ok));
    }
}
