//! Scope: one agency's own report, or a summary of a whole jurisdiction (every agency of a province, city,
//! county…), which must not be counted again with the agencies it sums.
//!
//! Real summaries often carry the same title as the government's own report (`淮安市人民政府2024年政府信息公开
//! 工作年度报告`), so the title alone cannot decide. Evidence, strongest first (the first found is recorded):
//! 1. the title names the jurisdiction as a whole: `全市政府信息公开工作年度报告`, `…全省…年度报告`;
//! 2. the preamble says the report was compiled from the others' reports: `汇总…各县（市、区）、市政府各有关
//!    部门…编制`, `综合…各县(市、区)政府和市级各部门的…年度工作报告编制而成`;
//! 3. the prose states a jurisdiction-wide count of applications (`全市共受理政府信息公开申请3119件`) and the
//!    report's own table (or pre-2019 figure) of applications received is that number: the table is the
//!    jurisdiction's. A loose `全市` in the prose (`推进全市政务公开工作`) is no evidence.

use std::sync::OnceLock;

use regex::Regex;

use super::title::re;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Agency,
    Jurisdiction,
}

/// The values of `reports.scope` and what they stand for (the codebook's entries).
pub const SCOPES: [(&str, &str); 2] = [
    ("agency", "本机关政府信息公开工作年度报告（一个行政机关）"),
    (
        "jurisdiction",
        "全省/全市/全县…政府信息公开工作年度报告（汇总本行政区域各行政机关；趋势中不与各机关重复计数）",
    ),
];

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Agency => "agency",
            Scope::Jurisdiction => "jurisdiction",
        }
    }
}

/// The whole of a division: 全省, 全市, 全县, 全区, 全州, 全盟, 全旗, 全自治区…
const WHOLE: &str = r"全(?:省|市|县|区|州|盟|旗|自治区|自治州|自治县)";

fn title_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(r"{WHOLE}(?:(?:19|20)\d{{2}}\s*年度?)?(?:各级行政机关|各级政府)?政府信息公开"),
    )
}

/// 汇总/综合 … 各县（市、区）/各部门/各乡镇 … 编制, within one sentence.
fn compiled_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?:汇总|综合|汇集)(?P<after>[^。；\n]{0,60}?)各(?:县|区|市|乡|镇|街道|地|级|有关部门|部门|单位|直属)[^。\n]{0,80}?(?:报告|情况|数据)[^。\n]{0,12}?(?:编制|汇编|形成|编写)",
    )
}

/// 全市共受理/收到/新收/接收…政府信息公开申请 N 件, or 全区共收到 N 件申请.
fn whole_count_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        &format!(
            r"{WHOLE}(?:各级行政机关|各级政府|各地各部门)?[^。；，,\n]{{0,6}}?(?:共|累计|全年)?(?:受理|收到|新收|接收)(?:[^。；，,\n]{{0,24}}?申请\s*(?:共计|合计|共)?\s*(\d+)\s*(?:件|个|条|宗|人次)|\s*(\d+)\s*(?:件|条)[^。；，,\n]{{0,12}}?申请)"
        ),
    )
}

/// `全州县`, `全南县`, `全椒县`: a place named 全…, not the whole of one (the match starts at 全X, and a place
/// suffix follows).
fn a_place(matched: &str) -> bool {
    let Some(rest) = matched.strip_prefix('全') else {
        return false;
    };
    // past the whole's own suffix: 自治区 / 自治州 / 自治县, or one character
    let rest = rest
        .strip_prefix("自治")
        .unwrap_or(rest)
        .chars()
        .skip(1)
        .collect::<String>();
    rest.starts_with(['县', '市', '区', '旗', '镇', '乡', '州', '盟'])
}

/// What the text says about its scope, before the agency's level is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    None,
    /// The title names the whole, or the preamble says the report was compiled from the others': a summary.
    Summary(String),
    /// The prose counts the whole jurisdiction's applications and the table says the same number: a summary
    /// where the report is a province's or a prefecture's ([`decide`]).
    WholeCount(String),
}

/// The scope evidence of a report. `received`: what the report's own table (or its pre-2019 figure) says was
/// received — new applications, and new plus carried over (a prose 收到 N 件 sometimes counts those too:
/// Pingtan 2022's 75 = 74 + 1).
pub fn read(title: Option<&str>, head: &str, received: &[i64]) -> Evidence {
    let whole_title = title.and_then(|t| title_re().find_iter(t).find(|m| !a_place(m.as_str())));
    if let Some(m) = whole_title {
        return Evidence::Summary(format!("the title names the whole jurisdiction (「{}」)", m.as_str()));
    }
    // 综合 of a name (平潭综合实验区) is not "combined".
    let compiled = compiled_re().captures_iter(head).find(|c| {
        c.name("after")
            .is_some_and(|a| !a.as_str().starts_with("实验区") && !a.as_str().starts_with("执法"))
    });
    if let Some(m) = compiled.and_then(|c| c.get(0)) {
        return Evidence::Summary(format!(
            "compiled from other agencies' reports (「{}」)",
            excerpt(m.as_str())
        ));
    }
    let hit = whole_count_re().captures_iter(head).find(|c| {
        let n = c
            .get(1)
            .or_else(|| c.get(2))
            .and_then(|n| n.as_str().parse::<i64>().ok());
        n.is_some_and(|n| received.contains(&n)) && !c.get(0).is_some_and(|m| a_place(m.as_str()))
    });
    match hit.and_then(|c| c.get(0)) {
        Some(m) => Evidence::WholeCount(excerpt(m.as_str())),
        None => Evidence::None,
    }
}

/// The scope, and the note for `warnings`, once the agency's level is known. A jurisdiction-wide count makes
/// a province's or prefecture's report a summary (淮安市 2024: 全市共受理…3119件); a county's government
/// speaks for 全区/全县 in its own report (洪泽区 2023: 全区受理…21件, hand-checked `agency` in
/// `../shared/corpus/expected`), so there it is noted and not taken.
pub fn decide(evidence: &Evidence, admin_level: &str) -> (Scope, Option<String>) {
    match evidence {
        Evidence::None => (Scope::Agency, None),
        Evidence::Summary(why) => (Scope::Jurisdiction, Some(format!("scope jurisdiction: {why}"))),
        Evidence::WholeCount(m) if matches!(admin_level, "province" | "prefecture") => (
            Scope::Jurisdiction,
            Some(format!(
                "scope jurisdiction: the prose counts the whole jurisdiction's applications and the table's total is that count (「{m}」)"
            )),
        ),
        Evidence::WholeCount(m) => (
            Scope::Agency,
            Some(format!(
                "scope agency: the prose counts the whole jurisdiction's applications (「{m}」), but below prefecture level a government's own report speaks for its whole area"
            )),
        ),
    }
}

fn excerpt(s: &str) -> String {
    let n = s.chars().count();
    if n <= 60 {
        s.to_string()
    } else {
        let head: String = s.chars().take(28).collect();
        let tail: String = s.chars().skip(n - 28).collect();
        format!("{head}…{tail}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scope of a prefecture's report (where a jurisdiction-wide count decides).
    fn scope(title: &str, head: &str, received: Option<i64>) -> Scope {
        decide(&read(Some(title), head, received.as_slice()), "prefecture").0
    }

    #[test]
    fn summaries_by_title_preamble_or_jurisdiction_wide_count() {
        use Scope::*;
        let t = "淮安市人民政府2024年政府信息公开工作年度报告";
        // 042_huaian-city-2024: the prose counts the city's applications, and the table total is that count
        let prose = "2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件";
        assert_eq!(scope(t, prose, Some(3119)), Jurisdiction);
        // the same sentence with a table that is not the city's total: the government's own report
        assert_eq!(scope(t, prose, Some(41)), Agency);
        assert_eq!(scope(t, prose, None), Agency);
        assert_eq!(scope("泰州市全市政府信息公开工作年度报告", "", None), Jurisdiction);
        assert_eq!(scope("2012年全省政府信息公开工作年度报告", "", None), Jurisdiction);
        let compiled = "本报告由南平市人民政府信息公开工作领导小组办公室根据《条例》要求，汇总南平市各县（市、区）、市政府各有关部门政府信息公开工作情况编制而成。";
        assert_eq!(
            scope("南平市2012年政府信息公开工作年度报告", compiled, None),
            Jurisdiction
        );
        let combined = "本年度报告根据《条例》要求，综合2017年度丽水市各县(市、区)政府和市级各部门的政府信息公开年度工作报告编制而成。";
        assert_eq!(
            scope("丽水市2017年政府信息公开工作年度报告", combined, None),
            Jurisdiction
        );
    }

    #[test]
    fn loose_mentions_of_the_whole_are_not_evidence() {
        use Scope::*;
        let t = "乐山市五通桥区人民政府2023年政府信息公开工作年度报告";
        for head in [
            "本报告由乐山市五通桥区人民政府办公室根据《条例》编制。统筹推进全区政务公开工作。",
            "推进全市政务公开标准化规范化，全市共办理12345热线工单3000件。",
            "本机关共收到政府信息公开申请12件。各乡镇要加强公开。",
            "本报告由平潭综合实验区各部门配合，党政办公室编制。",
        ] {
            assert_eq!(scope(t, head, Some(12)), Agency, "{head}");
        }
        assert_eq!(scope("全市政务公开工作要点", "", None), Agency);
        // places named 全…: 全州县's own report counts its own applications
        let own = "2023年，全州县共收到政府信息公开申请5件。";
        assert_eq!(
            scope("全州县人民政府2023年政府信息公开工作年度报告", own, Some(5)),
            Agency
        );
        assert_eq!(scope("全南县2023年政府信息公开工作年度报告", "", None), Agency);
    }

    #[test]
    fn jurisdiction_counts_as_real_reports_phrase_them() {
        use Scope::*;
        let t = "平潭综合实验区2021年度政府信息公开工作年度报告";
        for (head, n) in [
            (
                "2020年全区各级行政机关共受理政府信息公开申请21件，受理的申请件已按规定在法定期限内予以答复",
                21,
            ),
            ("本年度全区共收到70件申请，及时依法依规办结69件", 70),
            (
                "2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件",
                81,
            ),
        ] {
            assert_eq!(scope(t, head, Some(n)), Jurisdiction, "{head}");
            assert_eq!(scope(t, head, Some(n + 1)), Agency, "{head}");
        }
        // 收到 N 件 counting the carried-over request too: new 74 + carried 1
        let head = "2022年，全区收到政府信息公开申请75件，涉及自然人72件";
        assert_eq!(decide(&read(Some(t), head, &[74, 75]), "prefecture").0, Jurisdiction);
        assert_eq!(decide(&read(Some(t), head, &[74]), "prefecture").0, Agency);
    }

    #[test]
    fn a_county_government_speaks_for_its_whole_area() {
        // 040 洪泽区 2023: expected `agency` although its prose counts 全区 and the table agrees
        let e = read(
            Some("洪泽区人民政府2023年政府信息公开工作年度报告"),
            "2023年全区受理政府信息公开申请21件，均在法定期限答复。",
            &[21],
        );
        assert!(matches!(e, Evidence::WholeCount(_)));
        let (scope, note) = decide(&e, "county");
        assert_eq!(scope, Scope::Agency);
        assert!(note.is_some_and(|n| n.starts_with("scope agency:")));
        // the title or a compiled-from sentence decide at any level
        let e = read(Some("X县2023年全县政府信息公开工作年度报告"), "", &[]);
        assert_eq!(decide(&e, "county").0, Scope::Jurisdiction);
    }
}
