//! Plain text → [`Document`]: one block per line. Pipe rows and markdown rows become cell rows; lines
//! of a label followed by space-separated numbers (PDF text) become cell rows; everything else is a text
//! line. Page markers of PDF text ("- 4 -", "第 4 页") are dropped.

use crate::document::{Block, Document, Origin};
use crate::normalize::clean;
use crate::value::parse_value;

pub fn segment_text(text: &str) -> Document {
    let mut doc = Document::default();
    for line in text.lines() {
        let cleaned = clean(line);
        let trimmed = cleaned.trim();
        if trimmed.is_empty() || is_page_marker(trimmed) {
            continue;
        }
        if doc.title.is_none() {
            if let Some(t) = trimmed.strip_prefix("标题:").or_else(|| trimmed.strip_prefix("标题：")) {
                doc.title = Some(t.trim().to_string());
            }
        }
        if trimmed.contains(['|', '｜']) {
            push_pipe_row(trimmed, &mut doc.blocks);
        } else {
            push_line(trimmed, &mut doc.blocks);
        }
    }
    doc
}

fn push_pipe_row(line: &str, blocks: &mut Vec<Block>) {
    let markdown = line.starts_with(['|', '｜']);
    let mut cells: Vec<&str> = line.split(['|', '｜']).map(str::trim).collect();
    if markdown && cells.first() == Some(&"") {
        cells.remove(0);
    }
    // Only the piece after the final bar is not a cell. Other empty cells stay: they are blank cells or
    // the padding spans leave ("0 | 0 | |"), which the recognisers drop as surplus blanks.
    if cells.last() == Some(&"") {
        cells.pop();
    }
    if cells.iter().all(|c| c.is_empty()) || cells.iter().all(|c| is_markdown_rule(c)) {
        return;
    }
    if cells.len() == 1 || cells[1..].iter().all(|c| c.is_empty()) {
        push_line(cells[0], blocks); // "0 |", "信息内容 | |": one cell and span padding
        return;
    }
    let origin = if markdown { Origin::Markdown } else { Origin::Pipe };
    blocks.push(Block::Cells(cells.into_iter().map(String::from).collect(), origin));
}

/// A markdown rule cell ("---", ":-:"); a lone "-" is a blank cell.
fn is_markdown_rule(cell: &str) -> bool {
    cell.len() >= 3 && cell.contains("--") && cell.chars().all(|c| matches!(c, '-' | ':' | ' '))
}

/// A line of words: numbers become cells of their own, runs of other words one label cell.
fn push_line(line: &str, blocks: &mut Vec<Block>) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_val: Vec<bool> = words.iter().map(|w| parse_value(w).is_some()).collect();
    if words.len() < 2 || !is_val.iter().any(|v| *v) {
        blocks.push(Block::Text(line.to_string()));
        return;
    }
    let mut cells: Vec<String> = Vec::new();
    let mut label = String::new();
    let mut i = 0;
    while i < words.len() {
        // "1 .属于国家秘密": a numbering digit split from its dot is part of the label.
        let numbering = is_val[i]
            && words
                .get(i + 1)
                .is_some_and(|n| n.starts_with(['.', '．', '、']) && parse_value(n).is_none());
        if is_val[i] && !numbering {
            if !label.is_empty() {
                cells.push(std::mem::take(&mut label));
            }
            cells.push(words[i].to_string());
        } else {
            if !label.is_empty() && !numbering_tail(&label) {
                label.push(' ');
            }
            label.push_str(words[i]);
        }
        i += 1;
    }
    if !label.is_empty() {
        cells.push(label);
    }
    blocks.push(Block::Cells(cells, Origin::Spaces));
}

/// The label so far ends in a bare numbering digit ("1"), so the next word continues it without a space.
fn numbering_tail(label: &str) -> bool {
    label.chars().last().is_some_and(|c| c.is_ascii_digit())
}

/// "- 4 -", "—4—", "第 4 页"; not "-3" (a negative number in one-cell-per-line text).
fn is_page_marker(line: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '–' | '－');
    let inner = line.trim_matches(|c: char| dash(c) || c == ' ');
    let dashed = line.starts_with(dash)
        && line.ends_with(dash)
        && !inner.is_empty()
        && inner.bytes().all(|b| b.is_ascii_digit());
    let paged = line.starts_with('第')
        && line.ends_with('页')
        && line
            .chars()
            .filter(|c| !matches!(c, '第' | '页' | ' '))
            .all(|c| c.is_ascii_digit());
    dashed || paged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Text(t) => vec![t.clone()],
                Block::Cells(c, _) => c.clone(),
                Block::Table(_) => vec!["<table>".into()],
            })
            .collect()
    }

    #[test]
    fn pipes_markdown_and_trailing_pipes() {
        let doc = segment_text("规章 | 0 | 0 | 0 | |\n| 一、本年新收 | 3746 | 63 |\n|---|---|---|\n0 | ||\n|\n");
        assert_eq!(
            cells(&doc),
            vec![
                vec!["规章".to_string(), "0".into(), "0".into(), "0".into(), "".into()],
                vec!["一、本年新收".into(), "3746".into(), "63".into()],
                vec!["0".into()],
            ]
        );
        assert!(matches!(doc.blocks[1], Block::Cells(_, Origin::Markdown)));
    }

    #[test]
    fn space_separated_rows_and_page_markers() {
        let doc = segment_text(
            "- 4 -\n（四）无 1.本机关不掌握相关政府信息 746 12 0 0 10 1 769\n1 .属于国家秘密 2 0\n第 5 页\n-3\n(一)予以公开 1 . 1\n",
        );
        assert_eq!(
            cells(&doc),
            vec![
                vec![
                    "(四)无 1.本机关不掌握相关政府信息",
                    "746",
                    "12",
                    "0",
                    "0",
                    "10",
                    "1",
                    "769"
                ]
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>(),
                vec!["1.属于国家秘密".to_string(), "2".into(), "0".into()],
                vec!["-3".to_string()],
                vec!["(一)予以公开".to_string(), "1".into(), ".".into(), "1".into()],
            ]
        );
    }

    #[test]
    fn title_header_of_crawler_text() {
        let doc = segment_text("标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n正文");
        assert_eq!(
            doc.title.as_deref(),
            Some("平潭综合实验区2021年度政府信息公开工作年度报告")
        );
    }
}
