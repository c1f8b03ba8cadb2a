//! The report templates as data: row keys, column keys, Chinese labels and the keywords that recognise
//! them. The extractor (`recognise::*`) and the codebook (`codebook`) both read these tables; nothing
//! else in the crate spells a template label.
//!
//! Source: `../shared/spec/report-format.md` §2–§4 (the 2019 trial template and the 2021 revision).

pub mod stated;

/// Which table template a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// Report years 2008–2018: prose, sometimes a provincial statistics table.
    Pre2019,
    /// 国办公开办函〔2019〕60号, report years 2019–2020.
    T2019,
    /// 国办公开办函〔2021〕30号, report years 2021 onwards.
    T2021,
    Unknown,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Template::Pre2019 => "pre2019",
            Template::T2019 => "t2019",
            Template::T2021 => "t2021",
            Template::Unknown => "unknown",
        }
    }
}

/// The seven requester columns of the applications table, in printed order.
pub const REQUESTERS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// Index of the 总计 column in [`REQUESTERS`].
pub const TOTAL_COL: usize = 6;

/// Which templates a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    Both,
    Only2019,
    Only2021,
}

impl In {
    pub fn contains(self, t: Template) -> bool {
        match self {
            In::Both => true,
            In::Only2019 => t != Template::T2021,
            In::Only2021 => t == Template::T2021,
        }
    }
}

/// How an outcome row takes part in the outcome-sum identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 一、本年新收 / 二、上年结转 / （七）总计 / 四、结转下年度.
    Balance,
    /// A row summed into （七）总计.
    Outcome(&'static str),
}

/// One data row of the applications table.
pub struct AppRow {
    pub key: &'static str,
    pub label: &'static str,
    /// Substrings of the compacted label (whitespace, quotes and numbering removed) that identify the row.
    /// Empty for rows recognised by a rule in `recognise::applications` (（七）总计, （六）3.其他).
    pub keywords: &'static [&'static str],
    pub templates: In,
    pub role: Role,
}

const fn row(
    key: &'static str,
    label: &'static str,
    keywords: &'static [&'static str],
    templates: In,
    role: Role,
) -> AppRow {
    AppRow {
        key,
        label,
        keywords,
        templates,
        role,
    }
}

/// Every data row of both templates, in template order (spec §3.2).
pub const APP_ROWS: &[AppRow] = &[
    row(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        &["本年新收"],
        In::Both,
        Role::Balance,
    ),
    row(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        &["上年结转"],
        In::Both,
        Role::Balance,
    ),
    row(
        "granted",
        "（一）予以公开",
        &["予以公开"],
        In::Both,
        Role::Outcome("granted"),
    ),
    row(
        "partially_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        &["部分公开"],
        In::Both,
        Role::Outcome("partially_granted"),
    ),
    row(
        "denied_state_secret",
        "（三）不予公开 1.属于国家秘密",
        &["国家秘密"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_prohibited_by_law",
        "（三）不予公开 2.其他法律行政法规禁止公开",
        // 040 洪泽区 2023 prints the label without 法规禁 (其他法律行政止公开): its text layer lacks them
        &["禁止公开", "其他法律行政"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_security_stability",
        "（三）不予公开 3.危及“三安全一稳定”",
        &["三安全一稳定", "危及"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_third_party",
        "（三）不予公开 4.保护第三方合法权益",
        &["第三方合法权益", "保护第三方"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_internal_affairs",
        "（三）不予公开 5.属于三类内部事务信息",
        &["内部事务"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_process_info",
        "（三）不予公开 6.属于四类过程性信息",
        &["过程性信息"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_enforcement_file",
        "（三）不予公开 7.属于行政执法案卷",
        &["执法案卷"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "denied_admin_query",
        "（三）不予公开 8.属于行政查询事项",
        &["行政查询"],
        In::Both,
        Role::Outcome("denied"),
    ),
    row(
        "unable_not_held",
        "（四）无法提供 1.本机关不掌握相关政府信息",
        &["不掌握"],
        In::Both,
        Role::Outcome("unable"),
    ),
    row(
        "unable_needs_creation",
        "（四）无法提供 2.没有现成信息需要另行制作",
        &["另行制作", "没有现成信息"],
        In::Both,
        Role::Outcome("unable"),
    ),
    row(
        "unable_unclear",
        "（四）无法提供 3.补正后申请内容仍不明确",
        &["仍不明确", "补正后申请"],
        In::Both,
        Role::Outcome("unable"),
    ),
    row(
        "rejected_petition",
        "（五）不予处理 1.信访举报投诉类申请",
        &["信访举报", "举报投诉"],
        In::Both,
        Role::Outcome("rejected"),
    ),
    row(
        "rejected_duplicate",
        "（五）不予处理 2.重复申请",
        &["重复申请"],
        In::Both,
        Role::Outcome("rejected"),
    ),
    row(
        "rejected_publication",
        "（五）不予处理 3.要求提供公开出版物",
        &["公开出版物"],
        In::Both,
        Role::Outcome("rejected"),
    ),
    row(
        "rejected_mass_repeat",
        "（五）不予处理 4.无正当理由大量反复申请",
        &["大量反复"],
        In::Both,
        Role::Outcome("rejected"),
    ),
    row(
        "rejected_confirmation",
        "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        &["重新出具", "确认或"],
        In::Both,
        Role::Outcome("rejected"),
    ),
    // t2019: one data row; t2021: the group label over the three rows below (never a data row there).
    row(
        "other",
        "（六）其他处理",
        &["其他处理"],
        In::Only2019,
        Role::Outcome("other"),
    ),
    row(
        "other_no_correction",
        "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        // 无正当理由逾期: the label wrapped before 不补正 (042 淮安市 2024, PDF)
        &["逾期不补正", "不补正", "无正当理由逾期"],
        In::Only2021,
        Role::Outcome("other"),
    ),
    row(
        "other_unpaid_fee",
        "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        &["收费通知", "缴纳费用", "交纳费用"],
        In::Only2021,
        Role::Outcome("other"),
    ),
    row(
        "other_misc",
        "（六）其他处理 3.其他",
        &[],
        In::Only2021,
        Role::Outcome("other"),
    ),
    row("total_processed", "（七）总计", &[], In::Both, Role::Balance),
    row(
        "carried_forward",
        "四、结转下年度继续办理",
        &["结转下年度", "结转下一年度", "结转下年"],
        In::Both,
        Role::Balance,
    ),
];

/// Group labels of the applications table: recognised so that they end the row before them, never data rows.
pub const APP_GROUP_KEYWORDS: &[&str] = &["本年度办理结果", "不予公开", "无法提供", "不予处理"];

/// The rows a template has, in order.
pub fn app_rows(t: Template) -> impl Iterator<Item = &'static AppRow> {
    APP_ROWS.iter().filter(move |r| r.templates.contains(t))
}

/// The rows a read table is held to: its template's, except that a t2021 table printing （六）其他处理 as one
/// row (`other`, as 洪泽区 2023/2024 do) has that row in place of the three `other_*` sub-rows.
pub fn table_rows(t: Template, has_single_other: bool) -> impl Iterator<Item = &'static AppRow> {
    let single = t == Template::T2021 && has_single_other;
    APP_ROWS.iter().filter(move |r| {
        if single && r.key == "other" {
            true
        } else {
            r.templates.contains(t) && !(single && r.key.starts_with("other_"))
        }
    })
}

/// Position of a row key in [`APP_ROWS`].
pub fn app_row_index(key: &str) -> Option<usize> {
    APP_ROWS.iter().position(|r| r.key == key)
}

/// The review / litigation table (spec §4): 3 proceedings × 5 outcomes, in printed order.
pub const PROCEEDINGS: [(&str, &str); 3] = [
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 复议后起诉"),
];
pub const OUTCOMES: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// One item row of the Article 20 (第二十条) table and the measures it carries in a template.
pub struct ProactiveItem {
    pub item: &'static str,
    /// Block of 第二十条 the item sits in (（一）, （五）, …).
    pub block: &'static str,
    /// Compacted labels that name the item exactly.
    pub labels: &'static [&'static str],
    pub measures_2019: &'static [(&'static str, &'static str)],
    pub measures_2021: &'static [(&'static str, &'static str)],
}

const DOCS_2019: &[(&str, &str)] = &[
    ("new_made", "本年新制作数量"),
    ("new_published", "本年新公开数量"),
    ("total_published", "对外公开总数量"),
];
const DOCS_2021: &[(&str, &str)] = &[
    ("issued", "本年制发件数"),
    ("repealed", "本年废止件数"),
    ("in_force", "现行有效件数"),
];
const ITEMS_2019: &[(&str, &str)] = &[
    ("previous_count", "上一年项目数量"),
    ("change", "本年增/减"),
    ("decisions", "处理决定数量"),
];
const DECISIONS_2021: &[(&str, &str)] = &[("decisions", "本年处理决定数量")];

pub const PROACTIVE_ITEMS: &[ProactiveItem] = &[
    ProactiveItem {
        item: "rules",
        block: "第二十条第（一）项",
        labels: &["规章"],
        measures_2019: DOCS_2019,
        measures_2021: DOCS_2021,
    },
    ProactiveItem {
        item: "normative_documents",
        block: "第二十条第（一）项",
        labels: &["规范性文件", "行政规范性文件"],
        measures_2019: DOCS_2019,
        measures_2021: DOCS_2021,
    },
    ProactiveItem {
        item: "licensing",
        block: "第二十条第（五）项",
        labels: &["行政许可"],
        measures_2019: ITEMS_2019,
        measures_2021: DECISIONS_2021,
    },
    ProactiveItem {
        item: "other_services",
        block: "第二十条第（五）项",
        labels: &["其他对外管理服务事项"],
        measures_2019: ITEMS_2019,
        measures_2021: &[],
    },
    ProactiveItem {
        item: "penalty",
        block: "第二十条第（六）项",
        labels: &["行政处罚"],
        measures_2019: ITEMS_2019,
        measures_2021: DECISIONS_2021,
    },
    ProactiveItem {
        item: "coercion",
        block: "第二十条第（六）项",
        labels: &["行政强制"],
        measures_2019: ITEMS_2019,
        measures_2021: DECISIONS_2021,
    },
    ProactiveItem {
        item: "fees",
        block: "第二十条第（八）项",
        labels: &["行政事业性收费"],
        measures_2019: &[("previous_count", "上一年项目数量"), ("change", "本年增/减")],
        measures_2021: &[("amount_yuan", "本年收费金额（单位：万元）")],
    },
    ProactiveItem {
        item: "procurement",
        block: "第二十条第（九）项",
        labels: &["政府集中采购"],
        measures_2019: &[("items", "采购项目数量"), ("amount_yuan", "采购总金额")],
        measures_2021: &[],
    },
];

impl ProactiveItem {
    pub fn measures(&self, t: Template) -> &'static [(&'static str, &'static str)] {
        match t {
            Template::T2021 => self.measures_2021,
            _ => self.measures_2019,
        }
    }
}

/// Labels whose presence marks the 2021 template (spec §2 "Template detection", §3.2 rows 21a–c).
pub const MARKERS_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额",
    "逾期不补正",
    "收费通知要求",
];

/// Labels whose presence marks the 2019 template.
pub const MARKERS_2019: &[&str] = &[
    "本年新制作数量",
    "对外公开总数量",
    "上一年项目数量",
    "第二十条第(九)项",
    "政府集中采购",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_have_the_documented_row_counts() {
        // spec §3.2: 23 rows × 7 = 161 numbers (2019), 25 rows × 7 = 175 numbers (2021)
        assert_eq!(app_rows(Template::T2019).count(), 23);
        assert_eq!(app_rows(Template::T2021).count(), 25);
        let m19: usize = PROACTIVE_ITEMS.iter().map(|i| i.measures(Template::T2019).len()).sum();
        let m21: usize = PROACTIVE_ITEMS.iter().map(|i| i.measures(Template::T2021).len()).sum();
        assert_eq!((m19, m21), (22, 10));
    }

    #[test]
    fn row_keys_are_unique() {
        let mut keys: Vec<_> = APP_ROWS.iter().map(|r| r.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), APP_ROWS.len());
    }
}
