//! The glued text itself: whitespace squeezed out of labels (kept between digits, where it marks a cut)
//! and the digit runs between labels.

use std::ops::Range;

/// Whether a character belongs to a printed number of the tables (digits, sign, decimal point).
fn is_numeric(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '.' | '—' | '/')
}

/// Removes whitespace, except one space between two numeric characters: "本年度办 理结果" →
/// "本年度办理结果", "230 000023" stays.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && is_numeric(c) && out.chars().next_back().is_some_and(is_numeric) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

fn is_table_char(c: char) -> bool {
    c.is_ascii_digit() || crate::recognise::digits::BLANK_TOKENS.contains(&c)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The first run of cells (digits and blank tokens, with inner spaces) of a segment, without the
/// numbering of the next label glued to its end: "…信息4910000502.没有现成…" → "491000050" (the "2."
/// numbers the next row, as a digit followed by a dot or 、 and then the label's first character).
/// `next` is the text after the segment (the next label), for a run that ends the segment.
pub fn first_run_before_numbering<'a>(segment: &'a str, next: &str) -> Option<&'a str> {
    first_run_span(segment, next).map(|r| &segment[r])
}

/// [`first_run_before_numbering`] as a byte range of the segment.
pub fn first_run_span(segment: &str, next: &str) -> Option<Range<usize>> {
    let span = runs(segment, is_table_char).into_iter().find(|r| {
        let run = &segment[r.clone()];
        run.chars().any(|c| c.is_ascii_digit()) || run.chars().filter(|c| *c != ' ').count() >= 2
    })?;
    let run = &segment[span.clone()];
    let after = match &segment[span.end..] {
        "" => next,
        rest => rest,
    };
    // The label after the numbering starts with a Han character, in the segment or in the next one.
    let label_follows = |rest: &str| match rest {
        "" => next.starts_with(is_han),
        r => r.starts_with(is_han),
    };
    let numbered = if let Some(head) = run.strip_suffix('.') {
        label_follows(after).then_some(head)
    } else {
        after.strip_prefix('、').filter(|a| label_follows(a)).map(|_| run)
    };
    let len = match numbered {
        // one digit: the template numbers its sub-rows 1. to 8.
        Some(head) if head.ends_with(|c: char| ('1'..='9').contains(&c)) => head[..head.len() - 1].trim_end().len(),
        _ => run.len(),
    };
    (len > 0).then(|| span.start..span.start + len)
}

/// The runs of numeric text in a segment (digits, `-`, `.`, and a unit `元`/`万元` right after).
pub fn number_runs(segment: &str) -> Vec<&str> {
    runs(segment, is_numeric)
        .into_iter()
        .filter(|r| segment[r.clone()].chars().any(|c| c.is_ascii_digit()))
        .map(|r| {
            // extend over a unit printed right after the number
            let unit = ["万元", "元"]
                .iter()
                .find(|u| segment[r.end..].starts_with(**u))
                .map_or(0, |u| u.len());
            &segment[r.start..r.end + unit]
        })
        .collect()
}

/// Byte ranges of the maximal runs of `member` characters (inner spaces included, trailing ones not).
fn runs(segment: &str, member: impl Fn(char) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    for (i, c) in segment.char_indices() {
        if member(c) {
            if start.is_none() {
                start = Some(i);
            }
            last_end = i + c.len_utf8();
        } else if c == ' ' && start.is_some() {
            continue;
        } else if let Some(s) = start.take() {
            out.push(s..last_end);
        }
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squeeze_keeps_spaces_between_digits_only() {
        assert_eq!(
            squeeze("三、本年度办 理结果 （一）予以公开 7 1"),
            "三、本年度办理结果（一）予以公开7 1"
        );
        assert_eq!(squeeze("申请 \n 10000012.申请人"), "申请10000012.申请人");
    }

    #[test]
    fn numbering_of_the_next_label_is_dropped() {
        assert_eq!(
            first_run_before_numbering("相关政府信息4910000502.没有", ""),
            Some("491000050")
        );
        assert_eq!(first_run_before_numbering("0000000(三)", ""), Some("0000000"));
        assert_eq!(
            first_run_before_numbering("国家秘密00000002.", "其他法律"),
            Some("0000000")
        );
        assert_eq!(first_run_before_numbering("数条002、", "网上申请数"), Some("00"));
        assert_eq!(first_run_before_numbering("数 条 0 0 2、", "网上申请数"), Some("0 0"));
        assert_eq!(
            first_run_before_numbering("国家秘密00000002.", "其他法律"),
            Some("0000000")
        );
        assert_eq!(first_run_before_numbering("信息2.没有", ""), None);
        assert_eq!(
            first_run_before_numbering("(区分处理的)500000 5(三)不予公开", ""),
            Some("500000 5")
        );
        assert_eq!(first_run_before_numbering("信息-----112.没有", ""), Some("-----11"));
        assert_eq!(first_run_before_numbering("信息5.....52.没有", ""), Some("5.....5"));
        assert_eq!(first_run_before_numbering("信息5.....", "(七)总计"), Some("5....."));
        assert_eq!(first_run_span("a12 3b4", ""), Some(1..5));
    }

    #[test]
    fn number_runs_take_signs_decimals_and_units() {
        assert_eq!(number_runs("行政处罚2648-18538行政强制"), vec!["2648-18538"]);
        assert_eq!(number_runs("采购39573802895.90元三、"), vec!["39573802895.90元"]);
    }
}
