//! PDF prose: a paragraph or title the page wrapped into lines, joined back into one line, so that a
//! sentence (`全年共收到政府信息公开申` / `请246件`) or a title (`…工作的年度报` / `告`) reads whole. A line
//! continues the one above when the one above is one cell of text that runs to the right margin and does
//! not end a sentence, and the next is one cell of text just below it that starts at the left margin (a
//! paragraph) or is centred where the one above is (a title), in the same character size; a line that begins a row or section
//! (`一、…`, `（二）…`, `3.…`) always starts anew, and so does an indented first line.

use super::pdf::Line;
use super::wrapped::starts_a_row;

/// Characters after which a line ends its sentence (the next line is a new one, even at the margin).
const ENDS: &[char] = &['。', '！', '？', '；', '：', ':', ';'];

pub(super) fn join_wrapped_prose(lines: Vec<Line>, em: f64) -> Vec<Line> {
    let prose = |l: &Line| l.cells.len() == 1 && l.cells[0].2.chars().count() >= 2;
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| prose(l) && l.cells[0].2.chars().count() >= 10)
        .collect();
    let (Some(left), Some(right)) = (
        body.iter().map(|l| l.cells[0].0).min_by(f64::total_cmp),
        body.iter().map(|l| l.cells[0].1).max_by(f64::total_cmp),
    ) else {
        return lines;
    };
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let joins = prose(prev) && prose(&line) && {
                let (px0, px1, ptext) = &prev.cells[0];
                let (x0, x1, text) = &line.cells[0];
                let full = *px1 >= right - 1.5 * em && !ptext.trim_end().ends_with(ENDS);
                let near = line.y - prev.y > 0.0 && line.y - prev.y <= 2.6 * em;
                let at_left = *x0 <= left + 0.5 * em;
                let centred = ((x0 + x1) / 2.0 - (px0 + px1) / 2.0).abs() <= 1.5 * em;
                // a title set larger than the body does not run on into it
                let same_size = match (prev.size, line.size) {
                    (Some(a), Some(b)) => (a - b).abs() <= 0.1 * a.max(b),
                    _ => true,
                };
                full && near && same_size && (at_left || centred) && !starts_a_row(text)
            };
            if joins {
                let (_, x1, text) = line.cells[0].clone();
                prev.cells[0].1 = x1;
                prev.cells[0].2.push_str(text.trim_start());
                prev.y = line.y;
                continue;
            }
        }
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f64, x0: f64, x1: f64, text: &str) -> Line {
        Line {
            y,
            cells: vec![(x0, x1, text.to_string())],
            size: Some(16.0),
        }
    }

    fn texts(lines: Vec<Line>) -> Vec<String> {
        lines.into_iter().map(|l| l.text()).collect()
    }

    /// As Hongze 2023 sets its prose (16 pt, the margin at 526.6, first lines indented by two characters).
    #[test]
    fn a_paragraph_wrapped_at_the_margin_is_one_line() {
        let lines = vec![
            line(387.4, 106.0, 202.0, "一、总体情况"),
            line(414.4, 106.0, 518.0, "2023年，全区共收到政府信息公"),
            line(441.3, 74.0, 526.6, "开申请21件，办结21件，结转下年"),
            line(468.3, 74.0, 158.0, "度0件。"),
            line(495.3, 106.0, 518.0, "（一）主动公开情况。主要做法"),
            line(522.3, 74.0, 300.0, "如下。"),
        ];
        assert_eq!(
            texts(join_wrapped_prose(lines, 16.0)),
            [
                "一、总体情况",
                "2023年，全区共收到政府信息公开申请21件，办结21件，结转下年度0件。",
                "（一）主动公开情况。主要做法如下。",
            ]
        );
    }

    #[test]
    fn sentence_ends_headings_indents_and_tables_stay_apart() {
        let lines = vec![
            line(
                100.0,
                74.0,
                526.0,
                "本报告所列数据的统计期限自2023年1月1日起至12月31日止。",
            ),
            line(127.0, 74.0, 300.0, "如对本报告有疑问请联系。"),
            line(154.0, 74.0, 526.0, "政务公开工作扎实推进，各项工作"),
            line(181.0, 106.0, 300.0, "二、主动公开政府信息情况"),
            line(208.0, 74.0, 526.0, "全年"),
            Line {
                y: 235.0,
                cells: vec![(74.0, 300.0, "规章".into()), (400.0, 420.0, "0".into())],
                size: Some(16.0),
            },
            // a title that fills the line, set larger, then the preamble
            Line {
                size: Some(22.0),
                ..line(
                    262.0,
                    74.0,
                    526.0,
                    "某某市人民政府关于2020年度政府信息公开工作的年度报告",
                )
            },
            line(290.0, 74.0, 526.0, "本报告由某某市人民政府办公室编制"),
        ];
        assert_eq!(join_wrapped_prose(lines, 16.0).len(), 8);
    }
}
