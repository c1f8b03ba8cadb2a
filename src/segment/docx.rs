//! Word (DOCX) `document.xml` → [`Document`]: `w:tbl` / `w:tr` / `w:tc` become cell grids (`w:gridSpan`,
//! `w:gridBefore`, `w:vMerge` — `restart`, and `continue` or no value, as Word writes `<w:vMerge/>`);
//! paragraphs become text lines read by the text segmenter. A table that holds tables is layout: its
//! cells' paragraphs and tables are read in order, as if it were not there. Text boxes are read once
//! (the VML copy in `mc:Fallback` is skipped); deleted text (`w:delText`) and field codes are not text.

use super::segment_text;
use crate::document::{Block, Document, Grid, GridCell, Source};
use crate::normalize::clean;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Tables nested deeper than this are read as text (no real report nests more than two).
const MAX_NESTING: usize = 32;
/// Columns a cell may span at most (as for HTML `colspan`).
const MAX_SPAN: usize = 64;

#[derive(Debug, Default)]
struct Table {
    rows: Vec<Row>,
}

#[derive(Debug, Default)]
struct Row {
    before: usize,
    cells: Vec<Cell>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq)]
enum Merge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Default)]
struct Cell {
    span: usize,
    merge: Merge,
    items: Vec<Item>,
}

#[derive(Debug)]
enum Item {
    Para(String),
    Table(Table),
}

enum Frame {
    Body(Vec<Item>),
    Table(Table),
    Row(Row),
    Cell(Cell),
    Para(String),
}

fn val(e: &BytesStart<'_>) -> Option<String> {
    let a = e.try_get_attribute("w:val").ok()??;
    Some(String::from_utf8_lossy(&a.value).into_owned())
}

/// The items of the document body, and a note when the XML is damaged (what was read before is kept).
fn parse(xml: &str) -> (Vec<Item>, Option<String>) {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Frame> = vec![Frame::Body(Vec::new())];
    let (mut in_text, mut skip, mut tables) = (false, 0usize, 0usize);
    let mut note = None;
    loop {
        let event = match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => e,
            Err(e) => {
                note = Some(format!(
                    "damaged DOCX XML at byte {}: {e}; the rest not read",
                    reader.buffer_position()
                ));
                break;
            }
        };
        let start = matches!(event, Event::Start(_));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name();
                let name = name.as_ref();
                if skip > 0 || name == b"mc:Fallback" {
                    skip += usize::from(start);
                    continue;
                }
                match (name, start) {
                    (b"w:tbl", true) if tables < MAX_NESTING => {
                        tables += 1;
                        stack.push(Frame::Table(Table::default()));
                    }
                    (b"w:tr", true) if matches!(stack.last(), Some(Frame::Table(_))) => {
                        stack.push(Frame::Row(Row::default()))
                    }
                    (b"w:tc", true) if matches!(stack.last(), Some(Frame::Row(_))) => stack.push(Frame::Cell(Cell {
                        span: 1,
                        ..Cell::default()
                    })),
                    (b"w:p", true) => stack.push(Frame::Para(String::new())),
                    (b"w:t", true) => in_text = true,
                    (b"w:gridSpan", _) => {
                        if let Some(Frame::Cell(c)) = stack.last_mut() {
                            c.span = val(e).and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, MAX_SPAN);
                        }
                    }
                    (b"w:gridBefore", _) => {
                        if let Some(Frame::Row(r)) = stack.last_mut() {
                            r.before = val(e).and_then(|v| v.parse().ok()).unwrap_or(0).min(MAX_SPAN);
                        }
                    }
                    (b"w:vMerge", _) => {
                        if let Some(Frame::Cell(c)) = stack.last_mut() {
                            c.merge = if val(e).as_deref() == Some("restart") {
                                Merge::Restart
                            } else {
                                Merge::Continue
                            };
                        }
                    }
                    (b"w:tab", false) => push_text(&mut stack, " "),
                    (b"w:br" | b"w:cr", false) => push_text(&mut stack, "\n"),
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.name().as_ref() {
                    b"w:t" => in_text = false,
                    b"w:p" => close(&mut stack, |f| matches!(f, Frame::Para(_))),
                    b"w:tc" => close(&mut stack, |f| matches!(f, Frame::Cell(_))),
                    b"w:tr" => close(&mut stack, |f| matches!(f, Frame::Row(_))),
                    b"w:tbl" if matches!(stack.last(), Some(Frame::Table(_))) => {
                        tables -= 1;
                        close(&mut stack, |f| matches!(f, Frame::Table(_)));
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                if let Ok(s) = t.xml_content() {
                    push_text(&mut stack, &s);
                }
            }
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match &r[..] {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
                }
            }
            _ => {}
        }
    }
    // a truncated file: close what is open
    while stack.len() > 1 {
        close(&mut stack, |_| true);
    }
    match stack.pop() {
        Some(Frame::Body(items)) => (items, note),
        _ => (Vec::new(), note),
    }
}

fn push_text(stack: &mut [Frame], s: &str) {
    if let Some(Frame::Para(p)) = stack.last_mut() {
        p.push_str(s);
    }
}

/// Pops the top frame if it is the one ending, and files it under its parent.
fn close(stack: &mut Vec<Frame>, ends: impl Fn(&Frame) -> bool) {
    if stack.len() < 2 || !stack.last().is_some_and(ends) {
        return;
    }
    let Some(frame) = stack.pop() else { return };
    let item = match frame {
        Frame::Para(p) => Item::Para(p),
        Frame::Table(t) => Item::Table(t),
        Frame::Cell(c) => {
            if let Some(Frame::Row(r)) = stack.last_mut() {
                r.cells.push(c);
            }
            return;
        }
        Frame::Row(row) => {
            if let Some(Frame::Table(t)) = stack.last_mut() {
                t.rows.push(row);
            }
            return;
        }
        Frame::Body(_) => return,
    };
    // paragraphs and tables go to the nearest cell or the body (a text box's paragraphs, inside a
    // paragraph, come before it)
    for f in stack.iter_mut().rev() {
        match f {
            Frame::Cell(c) => return c.items.push(item),
            Frame::Body(items) => return items.push(item),
            _ => {}
        }
    }
}

pub fn segment_docx(xml: &str) -> (Document, Option<String>) {
    let (items, note) = parse(xml);
    let mut doc = Document {
        source: Source::Docx,
        ..Document::default()
    };
    let mut pending = String::new();
    emit(&items, &mut doc, &mut pending);
    flush(&mut pending, &mut doc);
    (doc, note)
}

fn flush(pending: &mut String, doc: &mut Document) {
    if !pending.is_empty() {
        doc.blocks.extend(segment_text(pending).blocks);
        pending.clear();
    }
}

fn emit(items: &[Item], doc: &mut Document, pending: &mut String) {
    for item in items {
        match item {
            Item::Para(p) => {
                pending.push_str(p);
                pending.push('\n');
            }
            Item::Table(t) if holds_tables(t) => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    emit(&cell.items, doc, pending);
                }
            }
            Item::Table(t) => {
                flush(pending, doc);
                doc.blocks.push(Block::Table(grid(t)));
            }
        }
    }
}

fn holds_tables(t: &Table) -> bool {
    t.rows
        .iter()
        .flat_map(|r| &r.cells)
        .any(|c| c.items.iter().any(|i| matches!(i, Item::Table(_))))
}

/// A cell's paragraphs joined (a label stacked one character per paragraph is one label).
fn cell_text(items: &[Item]) -> String {
    let text: String = items
        .iter()
        .filter_map(|i| match i {
            Item::Para(p) => Some(p.replace('\n', "")),
            Item::Table(_) => None,
        })
        .collect();
    clean(&text).trim().to_string()
}

/// The grid of a table: a `vMerge` continuation lengthens the cell above it in the same grid column.
fn grid(t: &Table) -> Grid {
    let mut rows: Vec<Vec<GridCell>> = Vec::new();
    // per grid column, the cell (row, index) a vertical merge there continues
    let mut open: Vec<Option<(usize, usize)>> = Vec::new();
    for row in &t.rows {
        let r = rows.len();
        let mut cells: Vec<GridCell> = Vec::new();
        let mut col = row.before;
        for cell in &row.cells {
            let span = cell.span;
            if open.len() < col + span {
                open.resize(col + span, None);
            }
            let text = cell_text(&cell.items);
            let above =
                open[col].filter(|&(ar, ai)| rows.get(ar).and_then(|x| x.get(ai)).is_some_and(|c| c.col == col));
            match (cell.merge, above) {
                (Merge::Continue, Some((ar, ai))) => {
                    let c = &mut rows[ar][ai];
                    c.rowspan = r + 1 - ar;
                    c.text.push_str(&text);
                }
                _ => {
                    let at = (cell.merge == Merge::Restart).then_some((r, cells.len()));
                    open[col..col + span].iter_mut().for_each(|o| *o = at);
                    cells.push(GridCell {
                        text,
                        col,
                        colspan: span,
                        rowspan: 1,
                    });
                }
            }
            col += span;
        }
        rows.push(cells);
    }
    // a row of continuations alone stays, empty, as an HTML row covered by rowspans does
    Grid { rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tc(props: &str, text: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn spans_merges_text_boxes_and_layout_tables() {
        let rows = [
            // a label over two rows (restart, then Word's bare vMerge), a header over two columns
            format!(
                "<w:tr>{}{}</w:tr>",
                tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度"),
                tc(r#"<w:gridSpan w:val="2"/>"#, "总计")
            ),
            format!(
                "<w:tr>{}{}{}</w:tr>",
                tc("<w:vMerge/>", ""),
                tc("", "1"),
                tc("", "2&amp;3")
            ),
            // LibreOffice's continue; gridBefore skips a column
            format!(
                "<w:tr>{}{}{}</w:tr>",
                tc(r#"<w:vMerge w:val="continue"/>"#, ""),
                tc("", "4"),
                tc("", "5")
            ),
            format!(
                "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>",
                tc("", "6"),
                tc("", "7")
            ),
        ];
        let table = format!("<w:tbl>{}</w:tbl>", rows.concat());
        let xml = format!(
            "<w:document><w:body><w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent><w:t>标题</w:t><w:tab/><w:delText>删</w:delText><w:t>2024</w:t></w:r></w:p>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>外层</w:t></w:r></w:p>{table}</w:tc></w:tr></w:tbl></w:body></w:document>"
        );
        let (doc, note) = segment_docx(&xml);
        assert_eq!(note, None);
        assert_eq!(doc.source, Source::Docx);
        let Some(Block::Table(g)) = doc.blocks.last() else {
            panic!("{:?}", doc.blocks)
        };
        let cells: Vec<Vec<(&str, usize, usize, usize)>> = g
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.as_str(), c.col, c.colspan, c.rowspan))
                    .collect()
            })
            .collect();
        assert_eq!(
            cells,
            vec![
                vec![("三、本年度", 0, 1, 3), ("总计", 1, 2, 1)],
                vec![("1", 1, 1, 1), ("2&3", 2, 1, 1)],
                vec![("4", 1, 1, 1), ("5", 2, 1, 1)],
                vec![("6", 1, 1, 1), ("7", 2, 1, 1)],
            ]
        );
        let texts: Vec<&Block> = doc.blocks[..doc.blocks.len() - 1].iter().collect();
        assert_eq!(
            texts,
            [
                &Block::Text("框内".into()),
                // a paragraph goes through the text segmenter: a label and a number are two cells
                &Block::Cells(vec!["标题".into(), "2024".into()], crate::document::Origin::Spaces),
                &Block::Text("外层".into())
            ]
        );
    }

    #[test]
    fn damaged_xml_keeps_what_was_read() {
        let (doc, note) = segment_docx("<w:body><w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>半</w:x>");
        assert_eq!(doc.blocks, [Block::Text("第一段".into()), Block::Text("半".into())]);
        assert!(note.is_some_and(|n| n.starts_with("damaged DOCX XML at byte")));
    }
}
