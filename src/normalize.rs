//! Character-level normalisation shared by every stage: full-width forms, NBSP and zero-width
//! characters, quotes, and the numbering prefixes of labels (`三、`, `（一）`, `1.`, `1．`, `1、`).

use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen, word joiner.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Unicode's EquivalentUnifiedIdeograph data (UCD 15.0, `data/unicode/`, from Debian's `unicode-data`):
/// the unified ideograph each CJK radical and stroke stands for. PDF fonts' ToUnicode maps give radicals for
/// ordinary characters (`人⺠政府`); NFKC maps the Kangxi radicals (⼈⾏) but leaves the CJK Radicals
/// Supplement (⺠) as it is.
const EQUIVALENT_UNIFIED_IDEOGRAPH: &str = include_str!("../data/unicode/EquivalentUnifiedIdeograph.txt");

/// The data file's mappings: (first, last, ideograph), sorted by code point.
fn radicals() -> &'static [(u32, u32, char)] {
    static TABLE: std::sync::OnceLock<Vec<(u32, u32, char)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let hex = |s: &str| u32::from_str_radix(s.trim(), 16).ok();
        let mut table: Vec<(u32, u32, char)> = EQUIVALENT_UNIFIED_IDEOGRAPH
            .lines()
            .filter_map(|line| {
                let data = line.split('#').next()?;
                let (from, to) = data.split_once(';')?;
                let (lo, hi) = match from.split_once("..") {
                    Some((a, b)) => (hex(a)?, hex(b)?),
                    None => (hex(from)?, hex(from)?),
                };
                Some((lo, hi, char::from_u32(hex(to)?)?))
            })
            .collect();
        table.sort_unstable();
        table
    })
}

/// The unified ideograph a radical or stroke code point stands for.
fn equivalent_ideograph(c: char) -> Option<char> {
    let table = radicals();
    let i = table.partition_point(|(_, hi, _)| *hi < c as u32);
    table.get(i).filter(|(lo, _, _)| *lo <= c as u32).map(|(_, _, u)| *u)
}

/// The NFKC mapping of the characters that occur in reports: full-width ASCII forms, the ideographic space,
/// NBSP and the other fixed-width spaces; and CJK radicals and strokes (EquivalentUnifiedIdeograph). `None` where the character stays
/// as it is.
fn fold_common(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '\u{3000}' | '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        '\u{2E80}'..='\u{2FDF}' | '\u{31C0}'..='\u{31EF}' => equivalent_ideograph(c),
        _ => None,
    }
}

/// NFKC (full-width digits, letters and punctuation become ASCII; NBSP and U+3000 become spaces)
/// with invisible characters removed. Keeps CJK text as it is. The common full-width forms are folded
/// directly; the full normalisation runs only where the crate's quick check says the rest needs it.
pub fn clean(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let folded: String = s
        .chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| fold_common(c).unwrap_or(c))
        .collect();
    match is_nfkc_quick(folded.chars()) {
        IsNormalized::Yes => folded,
        _ => folded.nfkc().collect(),
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '`')
}

/// A label reduced for matching: [`clean`], then whitespace and quotes removed.
/// `"3.危及“三安全一稳定”"` and `"3 . 危及三安全一稳定"` compact to the same string.
pub fn compact(s: &str) -> String {
    compact_cleaned(&clean(s))
}

/// [`compact`] of text that is already [`clean`].
pub fn compact_cleaned(cleaned: &str) -> String {
    cleaned
        .chars()
        .filter(|c| !c.is_whitespace() && !is_quote(*c))
        .collect()
}

const CN_NUMERALS: &str = "一二三四五六七八九十";

/// The numbering in front of a label: `三、` → `Chinese(3)`, `(一)` → `Paren(1)`, `1.` → `Arabic(1)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    Chinese(u8),
    Paren(u8),
    Arabic(u8),
}

impl Numbering {
    pub fn value(self) -> u8 {
        match self {
            Numbering::Chinese(n) | Numbering::Paren(n) | Numbering::Arabic(n) => n,
        }
    }
}

fn cn_value(s: &str) -> Option<u8> {
    let digits: Vec<u8> = s
        .chars()
        .map(|c| CN_NUMERALS.chars().position(|d| d == c).map(|p| p as u8 + 1))
        .collect::<Option<Vec<_>>>()?;
    match digits.as_slice() {
        [d] => Some(*d),
        [10, d] => Some(10 + d),
        _ => None,
    }
}

/// Splits one numbering prefix off a compacted label.
fn split_one(s: &str) -> Option<(Numbering, &str)> {
    // (一) — after `compact`, full-width parentheses are ASCII.
    if let Some(rest) = s.strip_prefix('(') {
        let close = rest.find(')')?;
        let inner = &rest[..close];
        return cn_value(inner).map(|n| (Numbering::Paren(n), &rest[close + 1..]));
    }
    // 三、 / 七、
    let cn_len: usize = s
        .chars()
        .take_while(|c| CN_NUMERALS.contains(*c))
        .map(char::len_utf8)
        .sum();
    if cn_len > 0 {
        if let Some(rest) = s[cn_len..].strip_prefix('、') {
            return cn_value(&s[..cn_len]).map(|n| (Numbering::Chinese(n), rest));
        }
    }
    // 1. / 1、 / 1．(NFKC: '.')
    let digit_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digit_len) {
        let rest = &s[digit_len..];
        let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix('、'))?;
        let n: u8 = s[..digit_len].parse().ok()?;
        return Some((Numbering::Arabic(n), rest));
    }
    None
}

/// Strips every numbering prefix of a compacted label, returning the last one and the text after it:
/// `三、(一)予以公开` → `(Some(Paren(1)), "予以公开")`.
pub fn split_numbering(compacted: &str) -> (Option<Numbering>, &str) {
    let mut last = None;
    let mut rest = compacted;
    while let Some((n, r)) = split_one(rest) {
        last = Some(n);
        rest = r;
    }
    (last, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_folds_full_width_and_drops_invisibles() {
        assert_eq!(clean("１２３\u{00A0}（一）\u{200B}"), "123 (一)");
        assert_eq!(clean("1．属于"), "1.属于");
    }

    #[test]
    fn fast_path_agrees_with_full_nfkc() {
        let samples = [
            "（一）予以公开　１２３，４５６。“三安全一稳定”\u{00A0}本年增/减：－１８",
            "⑴ ㈠ ㎡ ﹝2021﹞ ｶﾅ … 平潭综合实验区",
            "法律服务机构\u{200B}\u{FEFF}商业 企业",
        ];
        for s in samples {
            let full: String = s.nfkc().filter(|c| !is_invisible(*c)).collect();
            assert_eq!(clean(s), full, "{s}");
        }
        // Every BMP character on its own.
        for u in 0x80u32..0x10000 {
            let Some(c) = char::from_u32(u) else { continue };
            if is_invisible(c) {
                continue;
            }
            let one = c.to_string();
            let radical = matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{31C0}'..='\u{31EF}');
            let want = match equivalent_ideograph(c).filter(|_| radical) {
                Some(unified) => unified.to_string(),
                None => one.nfkc().collect::<String>(),
            };
            assert_eq!(clean(&one), want, "U+{u:04X}");
        }
    }

    #[test]
    fn radicals_from_pdf_fonts_become_the_characters_they_stand_for() {
        // ToUnicode maps of Word/WPS exports: Kangxi radicals (NFKC) and the Radicals Supplement (the table)
        assert_eq!(clean("\u{2F08}⺠政府信息公开⼯作"), "人民政府信息公开工作");
        assert_eq!(clean("⻔户⽹站 ⻓期 ⻩⾦"), "门户网站 长期 黄金");
        // the data file: 341 lines, 348 code points (ranges included); where NFKC maps a Kangxi radical, to the same ideograph
        assert_eq!(radicals().iter().map(|(lo, hi, _)| hi - lo + 1).sum::<u32>(), 348);
        assert_eq!(equivalent_ideograph('\u{2EBF}'), Some('艹'));
        for u in 0x2F00u32..=0x2FD5 {
            let c = char::from_u32(u).unwrap_or(' ');
            let nfkc: String = c.to_string().nfkc().collect();
            assert_eq!(equivalent_ideograph(c).map(String::from), Some(nfkc), "U+{u:04X}");
        }
    }

    #[test]
    fn compact_ignores_quotes_and_spaces() {
        assert_eq!(compact("3.危及“三安全一稳定”"), compact("3 .危及 三安全一稳定"));
        assert_eq!(compact("商 业 企\n业"), "商业企业");
    }

    #[test]
    fn numbering_variants() {
        assert_eq!(split_numbering("(七)总计"), (Some(Numbering::Paren(7)), "总计"));
        assert_eq!(split_numbering("七、总计"), (Some(Numbering::Chinese(7)), "总计"));
        assert_eq!(split_numbering("3.其他"), (Some(Numbering::Arabic(3)), "其他"));
        assert_eq!(split_numbering("3、其他"), (Some(Numbering::Arabic(3)), "其他"));
        assert_eq!(
            split_numbering("三、(一)予以公开"),
            (Some(Numbering::Paren(1)), "予以公开")
        );
        assert_eq!(split_numbering("总计"), (None, "总计"));
        assert_eq!(split_numbering("2019年"), (None, "2019年"));
        assert_eq!(split_numbering("十二、x"), (Some(Numbering::Chinese(12)), "x"));
    }
}
