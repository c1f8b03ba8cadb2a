//! HTML → [`Document`]: page text as lines, every innermost `<table>` as a [`Grid`] with `rowspan` and
//! `colspan` resolved. Scripts, styles and other non-content elements are dropped; navigation and footers
//! stay as ordinary text lines (the recognisers never match them). The walk is iterative, so deeply
//! nested markup cannot exhaust the stack.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};

use crate::document::{Block, Document, Grid, GridCell};
use crate::normalize::clean;

/// Elements whose content is never report text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "select", "button", "svg", "object",
];

/// Elements that end a line of text.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "td",
    "th",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "caption",
    "blockquote",
    "pre",
    "hr",
    "form",
    "center",
    "body",
    "html",
];

/// Largest span honoured; larger values in broken markup are clipped.
const MAX_COLSPAN: usize = 64;

pub fn segment_html(text: &str) -> Document {
    let html = Html::parse_document(text);
    let title = Selector::parse("title")
        .ok()
        .and_then(|sel| html.select(&sel).next().map(|t| t.text().collect::<String>()))
        .map(|t| clean(t.trim()).trim().to_string())
        .filter(|t| !t.is_empty());
    let table_sel = Selector::parse("table").ok();
    let img_sel = Selector::parse("img").ok();
    let mut images: Vec<(usize, String)> = Vec::new();
    let src = |el: &scraper::node::Element| {
        ["src", "data-src", "data-original"]
            .iter()
            .find_map(|a| el.attr(a))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut blocks = Vec::new();
    let mut line = String::new();
    // Node whose subtree is being skipped (script, style, or a table already turned into a grid).
    let mut skipping: Option<ego_tree::NodeId> = None;

    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => line.push_str(t),
                    Node::Element(el) => {
                        let name = el.name();
                        if SKIPPED.contains(&name) {
                            skipping = Some(node.id());
                            continue;
                        }
                        if BLOCK_LEVEL.contains(&name) {
                            flush(&mut line, &mut blocks);
                        }
                        if name == "img" {
                            flush(&mut line, &mut blocks);
                            images.extend(src(el).map(|s| (blocks.len(), s)));
                        }
                        if name == "table" && is_leaf_table(node, table_sel.as_ref()) {
                            if let Some(t) = ElementRef::wrap(node) {
                                // images inside the table's cells belong to the table's block
                                if let Some(sel) = img_sel.as_ref() {
                                    images.extend(
                                        t.select(sel).filter_map(|i| src(i.value())).map(|s| (blocks.len(), s)),
                                    );
                                }
                                blocks.push(Block::Table(grid(t)));
                            }
                            skipping = Some(node.id());
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_none() {
                    if let Node::Element(el) = node.value() {
                        if BLOCK_LEVEL.contains(&el.name()) {
                            flush(&mut line, &mut blocks);
                        }
                    }
                }
            }
        }
    }
    flush(&mut line, &mut blocks);
    Document {
        title,
        blocks,
        file_name: None,
        source: crate::document::Source::Html,
        images,
    }
}

fn flush(line: &mut String, blocks: &mut Vec<Block>) {
    if !line.trim().is_empty() {
        let cleaned = clean(line);
        let t = cleaned.trim();
        if !t.is_empty() {
            blocks.push(Block::Text(t.to_string()));
        }
    }
    line.clear();
}

fn is_leaf_table(node: NodeRef<'_, Node>, table_sel: Option<&Selector>) -> bool {
    match (ElementRef::wrap(node), table_sel) {
        (Some(el), Some(sel)) => el.select(sel).next().is_none(), // descendants only
        _ => true,
    }
}

/// Text of a cell: `<p>`, `<div>` and `<br>` become line breaks, so split words stay recognisable
/// ("商业</p><p>企业" compacts to "商业企业").
fn cell_text(cell: ElementRef<'_>) -> String {
    let mut s = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in cell.traverse() {
        match edge {
            Edge::Open(node) if skipping.is_none() => match node.value() {
                Node::Text(t) => s.push_str(t),
                Node::Element(el) if SKIPPED.contains(&el.name()) => skipping = Some(node.id()),
                Node::Element(el) if matches!(el.name(), "p" | "div" | "br" | "li") => s.push('\n'),
                _ => {}
            },
            Edge::Close(node) if skipping == Some(node.id()) => skipping = None,
            _ => {}
        }
    }
    clean(s.trim()).trim().to_string()
}

fn span(cell: ElementRef<'_>, attr: &str, max: usize) -> usize {
    cell.attr(attr)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, max)
}

/// Resolves `rowspan` / `colspan` into grid columns (HTML table model, simplified: spans are clipped
/// to the table, `rowspan=0` counts as 1).
pub fn grid(table: ElementRef<'_>) -> Grid {
    let rows: Vec<ElementRef<'_>> = table
        .descendent_elements()
        .filter(|e| e.value().name() == "tr")
        .collect();
    let n_rows = rows.len();
    // occupied[r] holds the columns of row r already covered by a rowspan from above.
    let mut occupied: Vec<Vec<bool>> = vec![Vec::new(); n_rows];
    let mut out = Vec::with_capacity(n_rows);
    for (r, tr) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        let mut col = 0usize;
        for cell in tr.child_elements().filter(|e| matches!(e.value().name(), "td" | "th")) {
            while occupied[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let colspan = span(cell, "colspan", MAX_COLSPAN);
            let rowspan = span(cell, "rowspan", n_rows - r);
            for occ in occupied.iter_mut().skip(r).take(rowspan) {
                if occ.len() < col + colspan {
                    occ.resize(col + colspan, false);
                }
                occ[col..col + colspan].iter_mut().for_each(|o| *o = true);
            }
            cells.push(GridCell {
                text: cell_text(cell),
                col,
                colspan,
                rowspan,
            });
            col += colspan;
        }
        out.push(cells);
    }
    Grid { rows: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_resolved_into_columns() {
        let doc = segment_html(
            "<table><tr><td rowspan=2 colspan=2>a</td><td>b</td></tr><tr><td>c</td></tr>\
             <tr><td>d</td><td colspan=2>e</td></tr></table>",
        );
        let Some(Block::Table(g)) = doc.blocks.first() else {
            panic!("no table: {doc:?}")
        };
        let cols: Vec<Vec<(String, usize)>> = g
            .rows
            .iter()
            .map(|r| r.iter().map(|c| (c.text.clone(), c.col)).collect())
            .collect();
        assert_eq!(
            cols,
            vec![
                vec![("a".into(), 0), ("b".into(), 2)],
                vec![("c".into(), 2)],
                vec![("d".into(), 0), ("e".into(), 1)],
            ]
        );
    }

    #[test]
    fn chrome_is_dropped_and_split_labels_survive() {
        let doc = segment_html(
            "<html><head><title>T</title><style>p{}</style></head><body><script>var x=1;</script>\
             <div>首页 &gt; 年报</div><p>一、总体情况</p><table><tr><td><p>商业</p><p>企业</p></td></tr></table></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.blocks[0], Block::Text("首页 > 年报".into()));
        assert_eq!(doc.blocks[1], Block::Text("一、总体情况".into()));
        let Block::Table(g) = &doc.blocks[2] else {
            panic!("no table")
        };
        assert_eq!(g.rows[0][0].text, "商业\n企业");
    }

    #[test]
    fn layout_tables_are_walked_into() {
        let doc = segment_html("<table><tr><td>外层<table><tr><td>1</td></tr></table></td></tr></table>");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0], Block::Text("外层".into()));
        assert!(matches!(doc.blocks[1], Block::Table(_)));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}<p>深</p>{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        let doc = segment_html(&html);
        assert!(doc.blocks.contains(&Block::Text("深".into())));
    }
}
