//! The generator's own vocabulary, written from `../shared/spec/report-format.md` §2–§4 and its label
//! variants (§3.4) — deliberately not taken from `crate::template`, so that generated reports test the
//! extractor instead of mirroring it. Only the dataset keys (the contract's vocabulary) are shared.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// A row of the applications table as printed: dataset key, group label it sits under, the label and its
/// variants (the first is canonical).
pub struct RowText {
    pub key: &'static str,
    pub group: Option<&'static str>,
    pub labels: &'static [&'static str],
}

const fn r(key: &'static str, group: Option<&'static str>, labels: &'static [&'static str]) -> RowText {
    RowText { key, group, labels }
}

const RESULT: Option<&str> = Some("三、本年度办理结果");
const DENY: Option<&str> = Some("（三）不予公开");
const UNABLE: Option<&str> = Some("（四）无法提供");
const NOPROC: Option<&str> = Some("（五）不予处理");
const OTHER: Option<&str> = Some("（六）其他处理");

pub const ROWS_2019: &[RowText] = &[
    r("new_received", None, &["一、本年新收政府信息公开申请数量"]),
    r("carried_over", None, &["二、上年结转政府信息公开申请数量"]),
    r("granted", RESULT, &["（一）予以公开", "(一)予以公开"]),
    r(
        "partially_granted",
        RESULT,
        &[
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形)",
        ],
    ),
    r(
        "denied_state_secret",
        DENY,
        &["1.属于国家秘密", "1．属于国家秘密", "1、属于国家秘密"],
    ),
    r(
        "denied_prohibited_by_law",
        DENY,
        &["2.其他法律行政法规禁止公开", "2．其他法律行政法规禁止公开"],
    ),
    r(
        "denied_security_stability",
        DENY,
        &[
            "3.危及“三安全一稳定”",
            "3.危及\"三安全一稳定\"",
            "3.危及三安全一稳定",
            "3.危及「三安全一稳定」",
        ],
    ),
    r("denied_third_party", DENY, &["4.保护第三方合法权益"]),
    r("denied_internal_affairs", DENY, &["5.属于三类内部事务信息"]),
    r("denied_process_info", DENY, &["6.属于四类过程性信息"]),
    r("denied_enforcement_file", DENY, &["7.属于行政执法案卷"]),
    r("denied_admin_query", DENY, &["8.属于行政查询事项"]),
    r("unable_not_held", UNABLE, &["1.本机关不掌握相关政府信息"]),
    r("unable_needs_creation", UNABLE, &["2.没有现成信息需要另行制作"]),
    r("unable_unclear", UNABLE, &["3.补正后申请内容仍不明确"]),
    r("rejected_petition", NOPROC, &["1.信访举报投诉类申请"]),
    r("rejected_duplicate", NOPROC, &["2.重复申请"]),
    r("rejected_publication", NOPROC, &["3.要求提供公开出版物"]),
    r("rejected_mass_repeat", NOPROC, &["4.无正当理由大量反复申请"]),
    r(
        "rejected_confirmation",
        NOPROC,
        &["5.要求行政机关确认或重新出具已获取信息"],
    ),
    r("other", None, &["（六）其他处理", "(六)其他处理"]),
    r("total_processed", None, &["（七）总计", "(七)总计", "七、总计"]),
    r(
        "carried_forward",
        None,
        &["四、结转下年度继续办理", "四、结转下一年度继续办理"],
    ),
];

/// The 2021 rows that differ from 2019: （六） is a group of three.
pub const OTHER_ROWS_2021: &[RowText] = &[
    r(
        "other_no_correction",
        OTHER,
        &[
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请",
        ],
    ),
    r(
        "other_unpaid_fee",
        OTHER,
        &[
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求交纳费用、行政机关不再处理其政府信息公开申请",
        ],
    ),
    r("other_misc", OTHER, &["3.其他"]),
];

/// Rows of a template, in order.
pub fn rows(t2021: bool) -> Vec<&'static RowText> {
    let mut out = Vec::new();
    for row in ROWS_2019 {
        if row.key == "other" && t2021 {
            out.extend(OTHER_ROWS_2021.iter());
        } else {
            out.push(row);
        }
    }
    out
}

/// Requester column headers and their variants (spec §3.4).
pub const REQUESTER_HEADERS: [&[&str]; 7] = [
    &["自然人"],
    &["商业企业", "商业 企业", "商 业 企\n业"],
    &["科研机构", "科研 机构", "科研机\n构", "研机构"],
    &["社会公益组织", "社会 公益 组织", "社会公益\n组织"],
    &["法律服务机构", "法律 服 务 机构", "法 律 服 务\n机构"],
    &["其他"],
    &["总计", "合计"],
];

pub const BALANCE_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

pub const SECTION_HEADINGS: [&[&str]; 6] = [
    &["一、总体情况", "一、概述", "一、基本情况"],
    &["二、主动公开政府信息情况"],
    &[
        "三、收到和处理政府信息公开申请情况",
        "三、收到和处理政府信息申请公开情况",
    ],
    &[
        "四、政府信息公开行政复议、行政诉讼情况",
        "四、政府信息公开行政复议和行政诉讼情况",
        "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
    ],
    &[
        "五、存在的主要问题及改进情况",
        "五、存在问题及改进措施",
        "五、政府信息公开工作存在的主要问题及改进情况",
    ],
    &["六、其他需要报告的事项"],
];

pub const REVIEW_OUTCOMES: [&[&str]; 5] = [&["结果维持"], &["结果纠正"], &["其他结果"], &["尚未审结"], &["总计"]];

/// One Article 20 block: title, measure headers (variants), items (key, label).
pub struct Article20Block {
    pub title: &'static str,
    pub headers: &'static [&'static [&'static str]],
    pub items: &'static [(&'static str, &'static str)],
}

pub const ARTICLE20_2019: &[Article20Block] = &[
    Article20Block {
        title: "第二十条第（一）项",
        headers: &[
            &["本年新制作数量", "本年新"],
            &["本年新公开数量", "本年新"],
            &["对外公开总数量"],
        ],
        items: &[("rules", "规章"), ("normative_documents", "规范性文件")],
    },
    Article20Block {
        title: "第二十条第（五）项",
        headers: &[
            &["上一年项目数量"],
            &["本年增/减", "本年增/", "本年增减"],
            &["处理决定数量"],
        ],
        items: &[("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")],
    },
    Article20Block {
        title: "第二十条第（六）项",
        headers: &[&["上一年项目数量"], &["本年增/减", "本年增/"], &["处理决定数量"]],
        items: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    },
    Article20Block {
        title: "第二十条第（八）项",
        headers: &[&["上一年项目数量"], &["本年增/减"]],
        items: &[("fees", "行政事业性收费")],
    },
    Article20Block {
        title: "第二十条第（九）项",
        headers: &[&["采购项目数量"], &["采购总金额"]],
        items: &[("procurement", "政府集中采购")],
    },
];

pub const ARTICLE20_2021: &[Article20Block] = &[
    Article20Block {
        title: "第二十条第（一）项",
        headers: &[&["本年制发件数"], &["本年废止件数"], &["现行有效件数"]],
        items: &[("rules", "规章"), ("normative_documents", "行政规范性文件")],
    },
    Article20Block {
        title: "第二十条第（五）项",
        headers: &[&["本年处理决定数量"]],
        items: &[("licensing", "行政许可")],
    },
    Article20Block {
        title: "第二十条第（六）项",
        headers: &[&["本年处理决定数量"]],
        items: &[("penalty", "行政处罚"), ("coercion", "行政强制")],
    },
    Article20Block {
        title: "第二十条第（八）项",
        headers: &[&["本年收费金额（单位：万元）", "本年收费金额(单位:万元)"]],
        items: &[("fees", "行政事业性收费")],
    },
];

/// Measures per item, in printed order (dataset contract names).
pub fn measures(item: &str, t2021: bool) -> &'static [&'static str] {
    match (item, t2021) {
        ("rules" | "normative_documents", false) => &["new_made", "new_published", "total_published"],
        ("rules" | "normative_documents", true) => &["issued", "repealed", "in_force"],
        ("licensing" | "other_services" | "penalty" | "coercion", false) => &["previous_count", "change", "decisions"],
        ("licensing" | "penalty" | "coercion", true) => &["decisions"],
        ("fees", false) => &["previous_count", "change"],
        ("fees", true) => &["amount_yuan"],
        ("procurement", false) => &["items", "amount_yuan"],
        _ => &[],
    }
}

/// Picks a variant: the canonical form with probability `1 - p_variant`.
pub fn variant(rng: &mut ChaCha8Rng, options: &[&'static str], p_variant: f64) -> &'static str {
    if options.len() > 1 && rng.random_bool(p_variant) {
        options[rng.random_range(1..options.len())]
    } else {
        options[0]
    }
}
