//! Figures that 2019+ reports state again in their prose (spec §3.3, item 6), and what each may mean in
//! the tables. A prose figure is compared with every definition it may have: `收到…申请75件` is the new
//! applications, or — as Pingtan 2022 counts — the new ones plus those carried over from last year.
//! The first definition is the usual one; the check names the definition that matched.

/// A part of a definition: a sum of applications rows (总计 column) or of review proceedings (总计).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// An applications row key.
    Row(&'static str),
    /// Every outcome row of a group (`denied`, `unable`, `rejected`, `other`: [`super::Role::Outcome`]).
    Group(&'static str),
    /// A review-table proceeding's 总计.
    Proceeding(&'static str),
}

/// One reading of a prose figure: its name (as in `checks.subject`) and the terms it adds up.
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    pub name: &'static str,
    pub terms: &'static [Term],
}

/// A figure the prose states, under a key of the `figures` table (`stated_…`).
#[derive(Debug, Clone, Copy)]
pub struct StatedFigure {
    pub key: &'static str,
    /// How reports word it (for the codebook).
    pub label_zh: &'static str,
    pub definitions: &'static [Definition],
}

use Term::{Group, Proceeding, Row};

const fn d(name: &'static str, terms: &'static [Term]) -> Definition {
    Definition { name, terms }
}

pub const STATED: &[StatedFigure] = &[
    StatedFigure {
        key: "stated_received",
        label_zh: "收到/受理/新收政府信息公开申请N件",
        definitions: &[
            d("new_received", &[Row("new_received")]),
            d("new_received+carried_over", &[Row("new_received"), Row("carried_over")]),
        ],
    },
    StatedFigure {
        key: "stated_carried_over",
        label_zh: "上年结转N件",
        definitions: &[d("carried_over", &[Row("carried_over")])],
    },
    StatedFigure {
        key: "stated_processed",
        label_zh: "办结/办理/答复N件",
        definitions: &[
            d("total_processed", &[Row("total_processed")]),
            d("new_received+carried_over", &[Row("new_received"), Row("carried_over")]),
        ],
    },
    StatedFigure {
        key: "stated_carried_forward",
        label_zh: "结转下年度N件",
        definitions: &[d("carried_forward", &[Row("carried_forward")])],
    },
    StatedFigure {
        key: "stated_granted_plus_partial",
        label_zh: "予以公开及部分公开N件",
        definitions: &[d(
            "granted+partially_granted",
            &[Row("granted"), Row("partially_granted")],
        )],
    },
    StatedFigure {
        key: "stated_granted",
        label_zh: "予以公开N件",
        definitions: &[d("granted", &[Row("granted")])],
    },
    StatedFigure {
        key: "stated_partially_granted",
        label_zh: "部分公开N件",
        definitions: &[d("partially_granted", &[Row("partially_granted")])],
    },
    StatedFigure {
        key: "stated_denied",
        label_zh: "不予公开N件",
        definitions: &[d("denied", &[Group("denied")])],
    },
    StatedFigure {
        key: "stated_unable",
        label_zh: "无法提供N件",
        // `因本机关不掌握等原因无法提供265件` (Shanghai 2019) counts the 不掌握 row
        definitions: &[
            d("unable", &[Group("unable")]),
            d("unable_not_held", &[Row("unable_not_held")]),
        ],
    },
    StatedFigure {
        key: "stated_rejected",
        label_zh: "不予处理N件",
        definitions: &[d("rejected", &[Group("rejected")])],
    },
    StatedFigure {
        key: "stated_other",
        label_zh: "其他处理N件",
        definitions: &[d("other", &[Group("other")])],
    },
    StatedFigure {
        key: "stated_reviews",
        label_zh: "（被申请）行政复议N件/起",
        definitions: &[d("review", &[Proceeding("review")])],
    },
    StatedFigure {
        key: "stated_litigations",
        label_zh: "（被提起）行政诉讼N件/起",
        definitions: &[
            d(
                "litigation_direct+litigation_after_review",
                &[Proceeding("litigation_direct"), Proceeding("litigation_after_review")],
            ),
            d("litigation_direct", &[Proceeding("litigation_direct")]),
        ],
    },
];

pub fn stated(key: &str) -> Option<&'static StatedFigure> {
    STATED.iter().find(|s| s.key == key)
}
