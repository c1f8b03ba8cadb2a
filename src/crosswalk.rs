//! Pre-2019 figures (2008 regulations, spec §5) and the crosswalk onto the post-2019 dataset contract:
//! the one place that says which figure a prose phrase or a 统计表 row gives, and which contract cell
//! it fills (or that it has none). Read by the pre-2019 recogniser, by the extraction that fills the
//! contract tables, and by the codebook.

/// Where a pre-2019 figure lands in the contract tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `applications` row, requester `total`.
    Application(&'static str),
    /// `reviews` proceeding, outcome `total`.
    Review(&'static str),
    /// `proactive` item `all_information`, with this measure (this year's figure; the cumulative one
    /// goes to `cumulative`).
    AllInformation,
    /// No post-2019 counterpart: the figure is in `figures` only.
    None,
}

/// One pre-2019 figure.
pub struct Figure {
    pub key: &'static str,
    /// What the figure counts, in the words of the reports.
    pub label_zh: &'static str,
    pub target: Target,
    /// Labels of the statistics-table rows that print it (Fujian 2009–2013 and 2014–2018 versions, spec
    /// §5.2), compacted; the longest match wins.
    pub table_labels: &'static [&'static str],
    /// Why the mapping is approximate, where it is.
    pub caveat: &'static str,
}

const fn fig(
    key: &'static str,
    label_zh: &'static str,
    target: Target,
    table_labels: &'static [&'static str],
    caveat: &'static str,
) -> Figure {
    Figure {
        key,
        label_zh,
        target,
        table_labels,
        caveat,
    }
}

/// Every pre-2019 figure, in the order of the Fujian 统计表.
pub const FIGURES: &[Figure] = &[
    fig(
        "published",
        "主动公开政府信息数（条）",
        Target::AllInformation,
        &["主动公开信息数", "主动公开文件数", "主动公开政府信息数"],
        "counts items (条) of every kind; the post-2019 Article 20 table counts documents and decisions by kind",
    ),
    fig(
        "published_website",
        "其中：网站公开",
        Target::None,
        &["网站公开", "政府网站公开数", "网站公开数"],
        "",
    ),
    fig(
        "published_gazette",
        "其中：政府公报公开",
        Target::None,
        &["政府公报公开", "政府公报公开数"],
        "",
    ),
    fig(
        "received",
        "受理（收到）政府信息公开申请数",
        Target::Application("new_received"),
        &[
            "受理依申请公开信息总数",
            "受理政府信息依申请公开总数",
            "受理依申请公开总数",
            "收到申请数",
        ],
        "pre-2019 reports count applications received in the year; some include those carried over",
    ),
    fig(
        "received_in_person",
        "其中：当面申请数",
        Target::None,
        &["当面申请数"],
        "",
    ),
    fig("received_fax", "其中：传真申请数", Target::None, &["传真申请数"], ""),
    fig(
        "received_email",
        "其中：电子邮件申请数",
        Target::None,
        &["电子邮件申请数"],
        "",
    ),
    fig(
        "received_online",
        "其中：网上申请数",
        Target::None,
        &["网上申请数", "网络申请数"],
        "",
    ),
    fig("received_letter", "其中：信函申请数", Target::None, &["信函申请数"], ""),
    fig(
        "received_letter_fax",
        "其中：信函、传真申请数",
        Target::None,
        &["信函、传真申请数", "信函传真申请数"],
        "",
    ),
    fig(
        "received_other",
        "其中：其它形式申请数",
        Target::None,
        &["其它形式申请数", "其他形式申请数"],
        "",
    ),
    fig(
        "answered",
        "对申请的答复（总）数",
        Target::Application("total_processed"),
        &["对申请的答复总数", "对申请的答复数", "申请答复数"],
        "answers given in the year; the post-2019 （七）总计 counts applications processed",
    ),
    fig(
        "granted",
        "同意公开（答复数）",
        Target::Application("granted"),
        &["同意公开答复数"],
        "",
    ),
    fig(
        "partially_granted",
        "同意部分公开（答复数）",
        Target::Application("partially_granted"),
        &["同意部分公开答复数"],
        "",
    ),
    fig(
        "denied",
        "不予公开 / 否决公开 / 不同意公开（答复数）",
        Target::None,
        &["否决公开答复数", "不予公开答复数", "不同意公开答复数"],
        "not split by ground as the post-2019 denied_* rows are; compare with their sum",
    ),
    fig(
        "answered_other",
        "其他类型答复数",
        Target::None,
        &["其他类型答复数"],
        "",
    ),
    fig(
        "not_held",
        "信息不存在 / 非本机关掌握",
        Target::Application("unable_not_held"),
        &["申请信息不存在数", "不属于本行政机关公开数"],
        "",
    ),
    fig(
        "fees_waived_yuan",
        "政府信息公开收费减免金额（元）",
        Target::None,
        &["政府信息公开收费减免金额"],
        "",
    ),
    fig("fees_yuan", "收取的费用（元）", Target::None, &[], ""),
    fig(
        "complaints",
        "行政申诉 / 举报（投诉）数",
        Target::None,
        &["接受行政诉讼、举报数", "行政申诉、举报数", "行政申诉数", "举报投诉数量"],
        "",
    ),
    fig(
        "reviews",
        "行政复议数",
        Target::Review("review"),
        &["行政复议数", "行政复议数量"],
        "cases in the year whatever their outcome; no 尚未审结 split",
    ),
    fig(
        "lawsuits",
        "行政诉讼数",
        Target::Review("litigation_direct"),
        &["行政诉讼数", "行政诉讼数量"],
        "all lawsuits: pre-2019 reports do not separate suits filed after a review",
    ),
];

pub fn figure(key: &str) -> Option<&'static Figure> {
    FIGURES.iter().find(|f| f.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_targets_are_contract_keys() {
        let mut keys: Vec<_> = FIGURES.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), FIGURES.len());
        for f in FIGURES {
            match f.target {
                Target::Application(k) => assert!(crate::template::app_row_index(k).is_some(), "{k}"),
                Target::Review(p) => assert!(crate::template::PROCEEDINGS.iter().any(|(k, _)| *k == p), "{p}"),
                Target::AllInformation | Target::None => {}
            }
        }
    }
}
