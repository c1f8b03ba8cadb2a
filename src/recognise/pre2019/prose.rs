//! Figures stated in prose (spec §5.1): regexes around the reports' own phrasings, one sentence at a
//! time, the sentence kept with each figure. Zero phrasings ("未收到…申请", "没有发生…行政复议") are read
//! as 0, not as missing. The first statement of a figure in reading order wins; a number beats a zero
//! phrasing of the same figure.

use std::sync::OnceLock;

use regex::Regex;

/// A figure read from prose.
#[derive(Debug, Clone, PartialEq)]
pub struct ProseFigure {
    /// Key from [`crate::crosswalk::FIGURES`].
    pub key: &'static str,
    pub cumulative: bool,
    pub value: f64,
    /// The sentence it came from.
    pub sentence: String,
}

const UNIT: &str = r"\s*(?:条|件|项|份|个|宗|起|次)";

struct Rule {
    key: &'static str,
    cumulative: bool,
    re: Regex,
    /// The sentence must not contain these words (e.g. a received count is not about reviews).
    not_with: &'static [&'static str],
}

fn rules() -> &'static [Rule] {
    static R: OnceLock<Vec<Rule>> = OnceLock::new();
    R.get_or_init(|| {
        let rule = |key, cumulative, pat: &str, not_with| Rule {
            key,
            cumulative,
            re: Regex::new(&pat.replace("{U}", UNIT)).unwrap_or_else(|e| panic!("prose pattern {pat}: {e}")),
            not_with,
        };
        const APPS: &[&str] = &[
            "复议", "诉讼", "咨询", "投诉", "举报", "留言", "建议", "提案", "窗口", "审批", "许可", "办件",
        ];
        const ANSWERS: &[&str] = &["信息数"];
        vec![
            rule(
                "published",
                true,
                r"累计主动公开(?:了)?(?:政府)?信息[^0-9，。；,]{0,4}?(\d+){U}",
                &[],
            ),
            rule(
                "published",
                false,
                r"主动公开(?:了)?(?:各类)?(?:政府)?信息(?:的|共计|共|总数|总量|数量|数)?[为达]?(\d+){U}",
                &["累计"],
            ),
            rule(
                "received",
                false,
                r"(?:收到|受理|接到|接收)[^，。；,0-9]{0,16}?申请[^，。；,0-9]{0,8}?(\d+){U}",
                APPS,
            ),
            rule(
                "received",
                false,
                r"(?:收到|受理|接到|接收)[^，。；,0-9]{0,4}?(\d+){U}[^，。；,0-9]{0,8}申请",
                APPS,
            ),
            rule(
                "granted",
                false,
                r"(?:同意|予以)公开(?:答复)?(?:数)?[^，。；,0-9]{0,3}?(\d+){U}",
                ANSWERS,
            ),
            rule(
                "partially_granted",
                false,
                r"部分公开(?:答复)?(?:数)?[^，。；,0-9]{0,3}?(\d+){U}",
                ANSWERS,
            ),
            rule(
                "denied",
                false,
                r"(?:不予公开|不同意公开|否决公开|免于公开)(?:答复)?(?:数)?[^，。；,0-9]{0,3}?(\d+){U}",
                ANSWERS,
            ),
            rule(
                "not_held",
                false,
                r"(?:信息不存在|不属于本(?:行政)?机关|非本(?:行政)?机关(?:掌握)?)[^，。；,0-9]{0,6}?(\d+){U}",
                &[],
            ),
            rule(
                "reviews",
                false,
                r"行政复议(?:申请|案件)?[^，。；,0-9、]{0,6}?(\d+){U}",
                &["诉讼"],
            ),
            rule("reviews", false, r"(\d+){U}[^，。；,0-9]{0,12}行政复议", &["诉讼"]),
            rule(
                "lawsuits",
                false,
                r"行政诉讼(?:案件)?[^，。；,0-9、]{0,6}?(\d+){U}",
                &["复议"],
            ),
            rule("lawsuits", false, r"(\d+){U}[^，。；,0-9]{0,12}行政诉讼", &["复议"]),
            rule(
                "fees_yuan",
                false,
                r"收取[^，。；,0-9]{0,12}?费[^，。；,0-9]{0,4}?(\d+(?:\.\d+)?)\s*元",
                &["减免"],
            ),
        ]
    })
}

const NEGATIONS: &[&str] = &[
    "未收到",
    "没有收到",
    "未受理",
    "没有受理",
    "未接到",
    "没有接到",
    "未发生",
    "没有发生",
    "未出现",
    "没有出现",
    "未有",
    "无因",
    "均无",
    "没有因",
];

/// Zero phrasings: (figure, words the clause must contain, words it must not).
const ZEROS: &[(&str, &[&str], &[&str])] = &[
    ("received", &["申请"], &["复议", "诉讼", "咨询", "投诉", "举报"]),
    ("reviews", &["行政复议"], &[]),
    ("lawsuits", &["行政诉讼"], &[]),
];

const NO_FEES: &[&str] = &["未收取", "没有收取", "暂不收费", "不收取"];

fn years_removed(s: &str) -> String {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let re = YEAR.get_or_init(|| {
        Regex::new(r"\d{4}\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?").unwrap_or_else(|e| panic!("year pattern: {e}"))
    });
    re.replace_all(s, "").into_owned()
}

/// Every figure the prose states (the first statement of each, numbers before zero phrasings).
pub fn figures(text: &str) -> Vec<ProseFigure> {
    let mut found: Vec<ProseFigure> = Vec::new();
    let mut zeros: Vec<ProseFigure> = Vec::new();
    let have =
        |v: &[ProseFigure], key: &str, cumulative: bool| v.iter().any(|f| f.key == key && f.cumulative == cumulative);
    for sentence in text.split(['。', '；', ';', '\n']) {
        let sentence = sentence.trim();
        if sentence.is_empty()
            || !sentence
                .contains(|c: char| c.is_ascii_digit() || c == '未' || c == '没' || c == '无' || c == '不' || c == '免')
        {
            continue;
        }
        let short: String = sentence.chars().take(240).collect();
        let clauses: Vec<&str> = sentence.split(['，', ',']).collect();
        for (ci, clause) in clauses.iter().enumerate() {
            // "各乡镇主动公开政府信息856条，占34%": a share of the total, not the total
            let share = clauses.get(ci + 1).is_some_and(|n| n.trim_start().starts_with('占'));
            for rule in rules() {
                if share || have(&found, rule.key, rule.cumulative) || rule.not_with.iter().any(|w| clause.contains(w))
                {
                    continue;
                }
                if rule.key == "received" && !clause.contains("公开") {
                    continue; // "共受理申请121510件" in a service-centre paragraph is not about disclosure
                }
                let Some(value) = rule
                    .re
                    .captures(clause)
                    .and_then(|c| c.get(1))
                    .and_then(|m| m.as_str().parse::<f64>().ok())
                else {
                    continue;
                };
                found.push(ProseFigure {
                    key: rule.key,
                    cumulative: rule.cumulative,
                    value,
                    sentence: short.clone(),
                });
            }
            let bare = years_removed(clause);
            if bare.contains(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let negated = NEGATIONS.iter().any(|n| bare.contains(n));
            for (key, with, without) in ZEROS {
                if negated
                    && with.iter().all(|w| bare.contains(w))
                    && !without.iter().any(|w| bare.contains(w))
                    && !have(&zeros, key, false)
                {
                    zeros.push(ProseFigure {
                        key,
                        cumulative: false,
                        value: 0.0,
                        sentence: short.clone(),
                    });
                }
            }
            let no_fees = NO_FEES.iter().any(|w| bare.contains(w)) || (negated && bare.contains("收费"));
            if no_fees && (bare.contains("收费") || bare.contains("费用")) && !have(&zeros, "fees_yuan", false) {
                zeros.push(ProseFigure {
                    key: "fees_yuan",
                    cumulative: false,
                    value: 0.0,
                    sentence: short.clone(),
                });
            }
        }
    }
    for z in zeros {
        if !have(&found, z.key, false) {
            found.push(z);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(f: &[ProseFigure], key: &str) -> Option<f64> {
        f.iter().find(|x| x.key == key && !x.cumulative).map(|x| x.value)
    }

    #[test]
    fn seed_002_phrasings() {
        let text = "截止2016年12月31日,全区主动公开政府信息的2680条。其中,区本级公开政府信息的2070条。\
                    1、网上公开。累计网上公开信息2680条.\n2016年江源区国土局收到依申请公开2条,按照要求予以回复。\n\
                    全区没有收到有关政府信息公开事务的行政复议申请。\n全区没有发生有关政府信息公开事务的行政诉讼案件。\n\
                    全区没有发生与政府信息公开相关的收费。";
        let f = figures(text);
        assert_eq!(get(&f, "published"), Some(2680.0));
        assert_eq!(get(&f, "received"), Some(2.0));
        assert_eq!(get(&f, "reviews"), Some(0.0));
        assert_eq!(get(&f, "lawsuits"), Some(0.0));
        assert_eq!(get(&f, "fees_yuan"), Some(0.0));
        assert!(
            f.iter().all(|x| !x.cumulative),
            "累计网上公开 is not the cumulative count of items: {f:?}"
        );
        let received = f.iter().find(|x| x.key == "received").map(|x| x.sentence.as_str());
        assert_eq!(received, Some("2016年江源区国土局收到依申请公开2条,按照要求予以回复"));
    }

    #[test]
    fn answers_reviews_and_a_review_counted_before_its_noun() {
        let text = "2012年全县共收到有关政府信息公开的申请21条，其中当面申请数18条；对依申请公开的答复总数21条，\
                    其中同意公开答复数17条，同意部分公开答复数2条，免于公开答复数2条；未收到有关政府信息公开行政复议申请。\
                    2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。\
                    全年主动公开政府信息425条，累计主动公开政府信息1516条。";
        let f = figures(text);
        assert_eq!(get(&f, "received"), Some(21.0));
        assert_eq!(get(&f, "granted"), Some(17.0));
        assert_eq!(get(&f, "partially_granted"), Some(2.0));
        assert_eq!(get(&f, "denied"), Some(2.0));
        assert_eq!(get(&f, "reviews"), Some(1.0), "a number beats the zero phrasing");
        assert_eq!(get(&f, "published"), Some(425.0));
        assert_eq!(f.iter().find(|x| x.cumulative).map(|x| x.value), Some(1516.0));
        assert_eq!(get(&f, "lawsuits"), None);
    }
}
