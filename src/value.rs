//! Table cell values: integers, decimals with 元 / 万元 units, negative 本年增/减 changes, and the
//! blank tokens (`.`, `-`, `—`, `/`, `无`, empty) that mean "no number printed".

/// The number a cell holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// The cell held no number (empty, `.`, `-`, `—`, `/`, `无`, NBSP).
    Blank,
    Int(i64),
    Dec(f64),
}

/// Unit printed in the cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    Yuan,
    WanYuan,
}

/// A value cell: the text as printed and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub raw: String,
    pub num: Num,
    pub unit: Unit,
}

impl Value {
    pub fn blank(raw: &str) -> Value {
        Value {
            raw: raw.to_string(),
            num: Num::Blank,
            unit: Unit::None,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.num == Num::Blank
    }

    /// A whole count: integers, and decimals with no fractional part ("3.0").
    pub fn count(&self) -> Option<i64> {
        match self.num {
            Num::Int(n) => Some(n),
            Num::Dec(d) if d.fract() == 0.0 && d.abs() < 9.0e15 => Some(d as i64),
            _ => None,
        }
    }

    /// The number as a float, if any.
    pub fn as_f64(&self) -> Option<f64> {
        match self.num {
            Num::Int(n) => Some(n as f64),
            Num::Dec(d) => Some(d),
            Num::Blank => None,
        }
    }
}

const BLANKS: &[&str] = &["", ".", "..", "-", "--", "—", "——", "–", "/", "\\", "无", "_"];

/// Count words that may follow a number in a cell ("5件").
const COUNT_SUFFIXES: &[&str] = &["件", "条", "个", "项", "次", "人次"];

/// Parses a cleaned (see [`crate::normalize::clean`]) cell. `None` when the text is not a value (a label).
pub fn parse_value(cell: &str) -> Option<Value> {
    let s: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    if BLANKS.contains(&s.as_str()) {
        return Some(Value::blank(cell.trim()));
    }
    let (body, unit) = if let Some(b) = s.strip_suffix("万元") {
        (b, Unit::WanYuan)
    } else if let Some(b) = s.strip_suffix('元') {
        (b, Unit::Yuan)
    } else {
        let b = COUNT_SUFFIXES.iter().find_map(|suf| s.strip_suffix(suf)).unwrap_or(&s);
        (b, Unit::None)
    };
    let num = parse_number(body)?;
    Some(Value {
        raw: cell.trim().to_string(),
        num,
        unit,
    })
}

/// `-18`, `1,234`, `51.1082`, `+3`; nothing else.
fn parse_number(s: &str) -> Option<Num> {
    let (neg, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let bytes = digits.as_bytes();
    if bytes.is_empty() || !bytes[0].is_ascii_digit() || !bytes[bytes.len() - 1].is_ascii_digit() {
        return None;
    }
    if !bytes.iter().all(|b| b.is_ascii_digit() || *b == b',' || *b == b'.') {
        return None;
    }
    if bytes.iter().filter(|b| **b == b'.').count() > 1 {
        return None;
    }
    let plain: String = digits.chars().filter(|c| *c != ',').collect();
    if plain.contains('.') {
        let v: f64 = plain.parse().ok()?;
        Some(Num::Dec(if neg { -v } else { v }))
    } else {
        // More than 15 digits is not a count: it is glued text (layout `flat`), not a cell.
        if plain.len() > 15 {
            return None;
        }
        let v: i64 = plain.parse().ok()?;
        Some(Num::Int(if neg { -v } else { v }))
    }
}

/// An amount in yuan, rounded to the fen: `万元` × 10,000. `default_unit` applies where the cell prints none.
pub fn amount_yuan(v: &Value, default_unit: Unit) -> Option<f64> {
    let x = v.as_f64()?;
    let unit = if v.unit == Unit::None { default_unit } else { v.unit };
    let yuan = match unit {
        Unit::WanYuan => x * 10_000.0,
        _ => x,
    };
    Some((yuan * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_units_and_blanks() {
        assert_eq!(parse_value("0").map(|v| v.num), Some(Num::Int(0)));
        assert_eq!(parse_value(" 1,234 ").map(|v| v.num), Some(Num::Int(1234)));
        assert_eq!(parse_value("-18").map(|v| v.num), Some(Num::Int(-18)));
        assert_eq!(parse_value("5件").map(|v| v.num), Some(Num::Int(5)));
        for b in [".", "-", "—", "/", "无", "", "  "] {
            assert_eq!(parse_value(b).map(|v| v.num), Some(Num::Blank), "{b:?}");
        }
        assert_eq!(parse_value("规章"), None);
        assert_eq!(parse_value("1."), None);
        assert_eq!(parse_value("2019年"), None);
        assert_eq!(parse_value("21710000218000000000"), None);
    }

    #[test]
    fn amounts_in_yuan() {
        let v = parse_value("51.1082万元").expect("value");
        assert_eq!(amount_yuan(&v, Unit::Yuan), Some(511_082.0));
        let v = parse_value("251000元").expect("value");
        assert_eq!(amount_yuan(&v, Unit::WanYuan), Some(251_000.0));
        let v = parse_value("18651.06").expect("value");
        assert_eq!(amount_yuan(&v, Unit::WanYuan), Some(186_510_600.0));
        let v = parse_value("73802895.90元").expect("value");
        assert_eq!(amount_yuan(&v, Unit::None), Some(73_802_895.9));
    }
}
