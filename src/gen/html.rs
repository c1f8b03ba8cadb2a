//! The report body as government sites print it in HTML: the three tables with `rowspan` / `colspan`,
//! header words split over `<p>` or `<br>`, `&nbsp;` padding, and (in some reports) Article 20 data cells
//! that sit in other columns than their headers.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

use super::figures::{Defect, Figures};
use super::labels::{self, variant};
use super::render::{article20_rows, cell_text, Noise, Piece};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Splits a label over paragraphs the way Word-made pages do ("商业</p><p>企业").
fn split(rng: &mut ChaCha8Rng, label: &str, p: f64) -> String {
    let chars: Vec<char> = label.chars().collect();
    if chars.len() < 4 || !rng.random_bool(p) {
        return esc(label);
    }
    let cut = rng.random_range(2..chars.len() - 1);
    let (a, b): (String, String) = (chars[..cut].iter().collect(), chars[cut..].iter().collect());
    if rng.random_bool(0.5) {
        format!("{}</p><p>{}", esc(&a), esc(&b))
    } else {
        format!("{}<br/>{}", esc(&a), esc(&b))
    }
}

fn td(content: &str, attrs: &str) -> String {
    format!("<td{attrs}><p>{content}</p></td>")
}

fn value_td(text: &str) -> String {
    if text.is_empty() {
        "<td><p>&nbsp;</p></td>".to_string()
    } else {
        td(&esc(text), "")
    }
}

fn article20(rng: &mut ChaCha8Rng, fig: &Figures, noise: &Noise, misaligned: bool, one_table: bool) -> String {
    let mut out = String::from("<table border=\"1\" cellspacing=\"0\">");
    for piece in article20_rows(rng, fig, noise) {
        let Piece::Row(cells) = piece else { continue };
        let cells: Vec<String> = cells.into_iter().flatten().collect();
        if cells.len() == 1 {
            if !one_table && !out.ends_with("cellspacing=\"0\">") {
                out.push_str("</table>\n<table border=\"1\" cellspacing=\"0\">");
            }
            out.push_str(&format!("<tr>{}</tr>", td(&esc(&cells[0]), " colspan=\"4\"")));
            continue;
        }
        out.push_str("<tr>");
        out.push_str(&td(&esc(&cells[0]), ""));
        let rest = &cells[1..];
        let header = cells[0] == "信息内容";
        match rest.len() {
            1 => out.push_str(&td(&esc(&rest[0]), " colspan=\"3\"")),
            2 => {
                out.push_str(&td(&esc(&rest[0]), ""));
                out.push_str(&td(&esc(&rest[1]), " colspan=\"2\""));
            }
            _ => {
                for (i, c) in rest.iter().enumerate() {
                    // Shanghai 2019: the header spans columns 2–3, the data cell spans 1–2.
                    let span = misaligned && ((header && i == 1) || (!header && i == 0));
                    out.push_str(&td(&esc(c), if span { " colspan=\"2\"" } else { "" }));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

fn applications(rng: &mut ChaCha8Rng, fig: &Figures, noise: &Noise, split_p: f64) -> String {
    let h = |i: usize, rng: &mut ChaCha8Rng| {
        let v = variant(rng, labels::REQUESTER_HEADERS[i], noise.variants);
        split(rng, v, split_p)
    };
    let mut out = format!(
        "<table border=\"1\" cellspacing=\"0\"><tr>{}{}</tr><tr><td rowspan=\"2\">{}</td><td colspan=\"5\">法人或其他组织</td><td rowspan=\"2\">{}</td></tr><tr>",
        td(labels::BALANCE_NOTE, " colspan=\"3\" rowspan=\"3\""),
        td("申请人情况", " colspan=\"7\""),
        h(0, rng),
        h(6, rng)
    );
    for i in 1..6 {
        let t = h(i, rng);
        out.push_str(&td(&t, ""));
    }
    out.push_str("</tr>");
    let rows = labels::rows(fig.t2021);
    let result_span = rows.iter().filter(|r| r.group.is_some()).count() + 1 + usize::from(!fig.t2021);
    let mut seen_group = None;
    for (i, (row, printed)) in rows.iter().zip(&fig.apps).enumerate() {
        out.push_str("<tr>");
        let v = variant(rng, row.labels, noise.variants);
        let label = split(rng, v, split_p / 3.0);
        match row.group {
            _ if row.key == "granted" => {
                out.push_str(&td(
                    &split(rng, "三、本年度办理结果", split_p),
                    &format!(" rowspan=\"{result_span}\""),
                ));
                out.push_str(&td(&label, " colspan=\"2\""));
            }
            Some("三、本年度办理结果") => out.push_str(&td(&label, " colspan=\"2\"")),
            Some(g) => {
                if seen_group != Some(g) {
                    let span = rows.iter().filter(|r| r.group == Some(g)).count();
                    out.push_str(&td(&split(rng, g, split_p), &format!(" rowspan=\"{span}\"")));
                }
                out.push_str(&td(&label, ""));
            }
            None if matches!(row.key, "new_received" | "carried_over" | "carried_forward") => {
                out.push_str(&td(&label, " colspan=\"3\""))
            }
            None => out.push_str(&td(&label, " colspan=\"2\"")),
        }
        seen_group = row.group;
        for (col, c) in printed.cells.iter().enumerate() {
            if fig.defect == Some(Defect::MissingCell { row: i, col }) {
                continue;
            }
            out.push_str(&value_td(&cell_text(c, fig.blank, noise)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

fn reviews(rng: &mut ChaCha8Rng, fig: &Figures, noise: &Noise, split_p: f64) -> String {
    let mut out = String::from(
        "<table border=\"1\" cellspacing=\"0\"><tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr><tr>",
    );
    for o in labels::REVIEW_OUTCOMES {
        out.push_str(&td(&split(rng, o[0], split_p), " rowspan=\"2\""));
    }
    out.push_str("<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr><tr>");
    for _ in 0..2 {
        for o in labels::REVIEW_OUTCOMES {
            out.push_str(&td(o[0], ""));
        }
    }
    out.push_str("</tr><tr>");
    for c in fig.reviews.iter().flatten() {
        out.push_str(&value_td(&cell_text(c, fig.blank, noise)));
    }
    out.push_str("</tr></table>");
    out
}

/// The report body in HTML.
pub fn body(rng: &mut ChaCha8Rng, fig: &Figures, front: &super::render::Front, year: i16, noise: &Noise) -> String {
    let misaligned = rng.random_bool(0.1);
    let one_table = rng.random_bool(0.6);
    let split_p = rng.random_range(0.0..0.6);
    let mut out = String::new();
    let pieces = super::render::body(rng, fig, front, year, noise);
    // Paragraphs in order; each table replaces the run of rows of its section.
    let mut section = 0;
    let mut in_rows = false;
    for p in &pieces {
        match p {
            Piece::Para(t) => {
                in_rows = false;
                out.push_str(&format!("<p>{}</p>\n", esc(t)));
                if t.starts_with("二、") || t.starts_with("三、") || t.starts_with("四、") {
                    section = t
                        .chars()
                        .next()
                        .map_or(0, |c| "一二三四五六".chars().position(|d| d == c).unwrap_or(0) + 1);
                }
            }
            Piece::Row(_) if !in_rows => {
                in_rows = true;
                let table = match section {
                    2 => article20(rng, fig, noise, misaligned, one_table),
                    3 => applications(rng, fig, noise, split_p),
                    _ => reviews(rng, fig, noise, split_p),
                };
                out.push_str(&table);
                out.push('\n');
            }
            Piece::Row(_) => {}
        }
    }
    out
}

/// The body with each table replaced by an image of it, as sites that publish scans of their tables do.
pub fn tables_as_images(body: &str, year: i16, rng: &mut ChaCha8Rng) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("<table") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find("</table>")
            .map_or(rest.len(), |e| start + e + "</table>".len());
        let name: u64 = rng.random();
        out.push_str(&format!(
            "<p style=\"text-align:center\"><img src=\"/uploads/{year}/{name:016x}.png\" width=\"600\"/></p>"
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
