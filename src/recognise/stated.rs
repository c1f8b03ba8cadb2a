//! Figures a 2019+ report states again in its prose (`共收到政府信息公开申请70件，办结69件，1件结转下年度`),
//! under the keys of [`crate::template::stated`], with the sentence each came from. Only the text outside the
//! tables is read, one sentence (`。`) at a time; a figure counts only in a sentence about information-disclosure
//! applications (申请 / 依申请), never in one about 政务服务, 12345, 信访 or other counts that share the wording
//! (`全区政务服务中心共受理各类办件申请121510件`). The first statement of each figure in reading order wins;
//! a number beats a zero phrasing (`未收到政府信息公开申请`).

use std::sync::OnceLock;

use regex::Regex;

use crate::document::{Block, Document, Source};

/// A figure read from the prose.
#[derive(Debug, Clone, PartialEq)]
pub struct Stated {
    pub key: &'static str,
    pub value: i64,
    pub sentence: String,
}

struct Rule {
    key: &'static str,
    re: Regex,
    /// The sentence must contain one of these (the applications context).
    context: &'static [&'static str],
    /// The text right before the match must not end with one of these.
    not_after: &'static [&'static str],
}

/// What the matched words of an applications figure must not contain (a review is applied for too).
const NOT_APPLICATIONS: &[&str] = &["复议", "诉讼"];

/// Counts of other kinds that share the wording.
const OTHER_COUNTS: &[&str] = &[
    "政务服务",
    "12345",
    "热线",
    "信访",
    "办件",
    "诉求",
    "咨询",
    "投诉",
    "举报",
    "建议",
    "提案",
    "审批",
    "许可",
    "依法行政",
    "留言",
];
const APPLICATIONS: &[&str] = &["申请"];
const DISPUTES: &[&str] = &["信息公开"];

const N: &str = r"(\d+)\s*(?:件|起|个)";

fn rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let rule = |key, pat: &str, context, not_after| Rule {
            key,
            re: Regex::new(&pat.replace("{N}", N)).unwrap_or_else(|e| panic!("stated pattern {pat}: {e}")),
            context,
            not_after,
        };
        let gap = |n: usize| format!("[^，。；,;：:0-9]{{0,{n}}}?");
        vec![
            rule(
                "stated_carried_over",
                &format!(r"(?:上年度?|上一年度?)(?:的)?结转{}{{N}}", gap(12)),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_carried_over",
                &format!(r"{{N}}{}上年(?:度)?结转", gap(4)),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_received",
                &format!(
                    r"(?:收到|新收|受理|接收|接到){}申请{}(?:共计|共|合计|总计)?{{N}}",
                    gap(20),
                    gap(6)
                ),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_received",
                &format!(r"(?:收到|新收|受理|接收|接到){}依申请公开{}{{N}}", gap(12), gap(4)),
                &[],
                &[],
            ),
            rule(
                "stated_received",
                &format!(r"(?:收到|新收|受理|接收|接到){}{{N}}{}申请", gap(4), gap(10)),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_carried_forward",
                &format!(r"结转(?:至|到)?(?:下一?年度?|\d{{4}}年度?|次年)?{}{{N}}", gap(8)),
                APPLICATIONS,
                &["上年", "上年度", "上一年", "上一年度", "包括"],
            ),
            rule(
                "stated_carried_forward",
                &format!(r"{{N}}{}结转(?:至|到)?(?:下|次|\d)", gap(6)),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_processed",
                &format!(r"(?:办结|办理完毕|办理|答复|完成){}{{N}}", gap(16)),
                APPLICATIONS,
                &["予以公开", "同意公开"],
            ),
            rule(
                "stated_granted_plus_partial",
                &format!(
                    r"(?:予以|同意)公开(?:答复)?(?:和|及|与|或|、|以及)部分公开{}{{N}}",
                    gap(6)
                ),
                APPLICATIONS,
                &[],
            ),
            rule(
                "stated_granted",
                &format!(r"(?:予以|同意)公开(?:答复)?{}{{N}}", gap(3)),
                APPLICATIONS,
                &["不"],
            ),
            rule(
                "stated_partially_granted",
                &format!(r"部分公开(?:答复)?{}{{N}}", gap(3)),
                APPLICATIONS,
                &["和", "及", "与", "或", "、", "以及"],
            ),
            rule("stated_denied", &format!(r"不予公开{}{{N}}", gap(3)), APPLICATIONS, &[]),
            rule("stated_unable", &format!(r"无法提供{}{{N}}", gap(3)), APPLICATIONS, &[]),
            rule(
                "stated_rejected",
                &format!(r"不予处理{}{{N}}", gap(3)),
                APPLICATIONS,
                &[],
            ),
            rule("stated_other", &format!(r"其他处理{}{{N}}", gap(3)), APPLICATIONS, &[]),
            rule(
                "stated_reviews",
                &format!(r"行政复议(?:申请|案件)?{}{{N}}", gap(6)),
                DISPUTES,
                &[],
            ),
            rule(
                "stated_litigations",
                &format!(r"行政诉讼(?:案件)?{}{{N}}", gap(6)),
                DISPUTES,
                &[],
            ),
        ]
    })
}

const NEGATIONS: &[&str] = &[
    "未收到",
    "没有收到",
    "未受理",
    "未接到",
    "未发生",
    "没有发生",
    "未出现",
    "未产生",
    "无因",
];

/// Zero phrasings: (figure, words the sentence must contain, words it must not).
const ZEROS: &[(&str, &str, &[&str])] = &[
    ("stated_received", "申请", &["复议", "诉讼"]),
    ("stated_reviews", "行政复议", &[]),
    ("stated_litigations", "行政诉讼", &[]),
];

/// A number followed by a unit (`70件`, `3 起`): what every figure here is; most sentences have none.
fn has_count(s: &str) -> bool {
    let mut last = ' ';
    for c in s.chars() {
        if matches!(c, '件' | '起' | '个') && last.is_ascii_digit() {
            return true;
        }
        if c != ' ' {
            last = c;
        }
    }
    false
}

/// The text of a document outside its tables, as the prose runs (lines split into cells are not prose).
/// A line split at runs of spaces counts when one of its cells is long. A PDF's lines are where the page wrapped its paragraphs, so they are joined; sentences end at `。`.
pub fn prose_text(doc: &Document) -> String {
    let sep = if doc.source == Source::Pdf { "" } else { "\n" };
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Text(t) => {
                out.push_str(t);
                out.push_str(sep);
            }
            // text split at runs of spaces with a long cell is prose (`…申请 838 件，已全部依法答复…`); a table
            // row's label is followed by bare numbers, which state no count
            Block::Cells(cells, _) if cells.iter().any(|c| c.chars().count() >= 10) => {
                out.push_str(&cells.join(" "));
                out.push('\n');
            }
            Block::Cells(..) => {}
            Block::Table(_) => {}
        }
    }
    out
}

/// Every figure the prose states: the first statement of each, numbers before zero phrasings.
pub fn read(text: &str) -> Vec<Stated> {
    let mut found: Vec<Stated> = Vec::new();
    let mut zeros: Vec<Stated> = Vec::new();
    let mut previous = "";
    for sentence in text.split(['。', '\n']) {
        let sentence = sentence.trim();
        let before = std::mem::replace(&mut previous, sentence);
        if !has_count(sentence) && !NEGATIONS.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        // the sentence before counts as context (`共受理申请70件。其中，予以公开30件…`)
        let context = format!("{before}{sentence}");
        // a glued table line is not a sentence
        if sentence.is_empty()
            || ["本年新收", "本年度办理结果", "第二十条"]
                .iter()
                .any(|w| sentence.contains(w))
        {
            continue;
        }
        if OTHER_COUNTS.iter().any(|w| sentence.contains(w)) && !sentence.contains("信息公开") {
            continue;
        }
        let short: String = sentence.chars().take(240).collect();
        // clauses are read apart so that one clause's other counts do not hide another's figures
        for clause in sentence.split(['；', ';']) {
            // every figure is counted in 件/起/个: most clauses of a report have none
            if !has_count(clause) || OTHER_COUNTS.iter().any(|w| clause.contains(w)) {
                continue;
            }
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for r in rules() {
                if found.iter().any(|f| f.key == r.key) || !r.context.iter().all(|w| context.contains(w)) {
                    continue;
                }
                for caps in r.re.captures_iter(clause) {
                    let (Some(m), Some(n)) = (caps.get(0), caps.get(1)) else {
                        continue;
                    };
                    let before = &clause[..m.start()];
                    let disputes = !r.key.ends_with("reviews") && !r.key.ends_with("litigations");
                    if r.not_after.iter().any(|w| before.ends_with(w))
                        || (disputes && NOT_APPLICATIONS.iter().any(|w| m.as_str().contains(w)))
                        || taken.iter().any(|&(a, b)| n.start() < b && a < n.end())
                    {
                        continue;
                    }
                    let Ok(value) = n.as_str().parse::<i64>() else { continue };
                    taken.push((n.start(), n.end()));
                    found.push(Stated {
                        key: r.key,
                        value,
                        sentence: short.clone(),
                    });
                    break;
                }
            }
        }
        if NEGATIONS.iter().any(|w| sentence.contains(w)) {
            for (key, with, without) in ZEROS {
                if sentence.contains(with)
                    && !without.iter().any(|w| sentence.contains(w))
                    && !zeros.iter().any(|z| z.key == *key)
                {
                    zeros.push(Stated {
                        key,
                        value: 0,
                        sentence: short.clone(),
                    });
                }
            }
        }
    }
    for z in zeros {
        if !found.iter().any(|f| f.key == z.key) {
            found.push(z);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str) -> Vec<(&'static str, i64)> {
        read(text).into_iter().map(|s| (s.key, s.value)).collect()
    }

    #[test]
    fn pingtan_sentences() {
        assert_eq!(
            get("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。"),
            [
                ("stated_received", 70),
                ("stated_carried_forward", 1),
                ("stated_processed", 69)
            ]
        );
        assert_eq!(
            get("2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。"),
            [
                ("stated_received", 154),
                ("stated_carried_forward", 6),
                ("stated_processed", 148)
            ]
        );
        assert_eq!(
            get("2022年，全区收到政府信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。"),
            [("stated_received", 75)]
        );
        assert_eq!(get("全年办理政府信息公开申请218件。"), [("stated_processed", 218)]);
        let f = get("办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。");
        assert_eq!(
            f,
            [
                ("stated_processed", 81),
                ("stated_granted_plus_partial", 42),
                ("stated_denied", 5),
                ("stated_unable", 31),
                ("stated_rejected", 1),
                ("stated_other", 2),
                ("stated_reviews", 2),
                ("stated_litigations", 7),
            ]
        );
    }

    #[test]
    fn other_wordings_and_traps() {
        assert_eq!(
            get("2022年，全区各职能部门、镇街共完成政府信息依申请公开答复1453件，包括上年结转信息公开申请30件。其中，予以公开答复966件，占66.48%；部分公开67件；无法提供的182件。"),
            [
                ("stated_carried_over", 30),
                ("stated_processed", 1453),
                ("stated_granted", 966),
                ("stated_partially_granted", 67),
                ("stated_unable", 182),
            ]
        );
        assert_eq!(
            get("全区共受理政府信息公开申请267件，答复263件。"),
            [("stated_received", 267), ("stated_processed", 263)]
        );
        // other counts that share the wording
        assert_eq!(get("全区政务服务中心共受理各类办件申请121510件，办结率100%。"), []);
        assert_eq!(get("全市12345热线共受理群众诉求5000件。"), []);
        assert_eq!(get("共收到行政复议申请3件。"), []);
        assert_eq!(
            get("因政府信息公开工作被申请行政复议3起，被提起行政诉讼1起。"),
            [("stated_reviews", 3), ("stated_litigations", 1)]
        );
        // zero phrasings
        assert_eq!(
            get("本年度未收到政府信息公开申请。未发生因政府信息公开引起的行政复议、行政诉讼。"),
            [("stated_received", 0), ("stated_reviews", 0), ("stated_litigations", 0)]
        );
        // a glued table line is not prose
        assert_eq!(get("一、本年新收政府信息公开申请数量21710000218"), []);
    }
}
