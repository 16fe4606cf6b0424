//! Plain numbers and percentages.
//!
//! Separators follow the English convention first (`1,204.5`), and the
//! European one only where it cannot be misread: `4.500,00` (both marks,
//! the last one is the decimal mark), `4.500.000` (a repeated dot can only
//! group) and `3,5` (a single comma followed by one or two digits cannot be
//! a thousands separator). A single comma before exactly three digits
//! (`4,500`) is read as thousands and a single dot as a decimal mark, so
//! `4.500` is four and a half.

use super::NotParsed;

/// The digits of an unsigned decimal numeral, separators removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numeral {
    pub int: String,
    pub frac: String,
}

impl Numeral {
    pub fn to_f64(&self) -> f64 {
        let int = if self.int.is_empty() { "0" } else { &self.int };
        // Going through the decimal string keeps the conversion correctly
        // rounded, which summing digits by hand would not.
        format!(
            "{int}.{}",
            if self.frac.is_empty() {
                "0"
            } else {
                &self.frac
            }
        )
        .parse()
        .unwrap_or(f64::NAN)
    }
}

/// Reads digits with optional thousands separators and one decimal mark.
/// Signs, currency and units are the callers' business.
pub(crate) fn read_numeral(s: &str) -> Option<Numeral> {
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b'_'))
    {
        return None;
    }
    let s = strip_underscores(s)?;
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    let (int, frac) = match (commas, dots) {
        (0, 0) => (s.as_str(), ""),
        (0, 1) => s.split_once('.')?,
        (0, _) => (grouped(&s, '.')?, ""),
        (1, 0) => {
            let (int, frac) = s.split_once(',')?;
            match frac.len() {
                3 => (grouped(&s, ',')?, ""),
                1 | 2 => (int, frac),
                _ => return None,
            }
        }
        (_, 0) => (grouped(&s, ',')?, ""),
        _ => {
            let last = s.rfind([',', '.'])?;
            let mark = &s[last..=last];
            if s.matches(mark).count() != 1 {
                return None;
            }
            let group = if mark == "," { '.' } else { ',' };
            (grouped(&s[..last], group)?, &s[last + 1..])
        }
    };
    let int = int.replace([',', '.'], "");
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (frac.is_empty() && s.ends_with(['.', ','])) {
        return None;
    }
    if s.starts_with(',') {
        return None;
    }
    Some(Numeral {
        int,
        frac: frac.to_string(),
    })
}

/// `1_000` style: an underscore is only a separator between two digits.
fn strip_underscores(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let before = i.checked_sub(1).map(|j| bytes[j]);
            let after = bytes.get(i + 1).copied();
            if !before.is_some_and(|c| c.is_ascii_digit())
                || !after.is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
        }
    }
    Some(s.replace('_', ""))
}

/// Checks that `sep` splits `s` into a 1–3 digit head and 3-digit groups, so
/// `1,2,3` is not silently read as 123.
fn grouped(s: &str, sep: char) -> Option<&str> {
    let mut parts = s.split(sep);
    let head = parts.next()?;
    let head_ok = (1..=3).contains(&head.len()) && head.bytes().all(|b| b.is_ascii_digit());
    let rest_ok = parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()));
    (head_ok && rest_ok).then_some(s)
}

/// Splits a leading sign off; `−` (U+2212) is what typeset documents use.
pub(crate) fn split_sign(s: &str) -> (bool, &str) {
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('\u{2212}')) {
        (true, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        (false, rest)
    } else {
        (false, s)
    }
}

/// Reads `1,204`, `3.5`, `-2`, `1_000`. Exponents, `NaN` and `inf` are
/// refused: state files write amounts, not floats.
pub(crate) fn parse_number(raw: &str) -> Result<f64, NotParsed> {
    let s = raw.trim();
    if s.len() > super::LONGEST_AMOUNT {
        return Err(not_parsed("not a number"));
    }
    if s.is_empty() {
        return Err(not_parsed("empty, not a number"));
    }
    let (negative, digits) = split_sign(s);
    let n = read_numeral(digits).ok_or_else(|| not_parsed("not a number"))?;
    let value = n.to_f64();
    if !value.is_finite() {
        return Err(not_parsed("number out of range"));
    }
    Ok(if negative { -value } else { value })
}

/// Reads `139%`, `0.5 %`, `139 percent`, and a bare `139`.
///
/// A bare number is taken as percentage points, never as a fraction: `0.5`
/// is 0.5%, not 50%. Agents that write `pct: 139` mean 139%, and guessing
/// "fractions below 1" would make `0.5` and `50%` disagree with themselves
/// depending on the value.
pub(crate) fn parse_percent(raw: &str) -> Result<f64, NotParsed> {
    let s = raw.trim();
    if s.len() > super::LONGEST_AMOUNT {
        return Err(not_parsed("not a percentage"));
    }
    let lower = s.to_ascii_lowercase();
    let number = ["%", "percent", "pct"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .unwrap_or(&lower);
    parse_number(number).map_err(|_| not_parsed("not a percentage"))
}

/// Whether `raw` reads as a percentage and says so with `%` or a word, which
/// is what type guessing needs to tell percentages from plain numbers.
pub(crate) fn has_percent_marker(raw: &str) -> bool {
    if raw.len() > super::LONGEST_AMOUNT {
        return false;
    }
    let lower = raw.trim().to_ascii_lowercase();
    ["%", "percent", "pct"].iter().any(|m| lower.ends_with(m)) && parse_percent(raw).is_ok()
}

/// The shortest form that reads back as the same number, without float
/// noise: `139`, `0.5`, `0.3` for `0.1 + 0.2`.
pub(crate) fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        // Also turns -0 into 0, so the two never disagree.
        return "0".to_string();
    }
    let magnitude = x.abs();
    if !(1e-9..1e21).contains(&magnitude) {
        return format!("{x:e}");
    }
    for places in 0..=24 {
        let s = format!("{x:.places$}");
        let back: f64 = s.parse().unwrap_or(f64::NAN);
        // 12 significant digits is far beyond what a state file writes and
        // far below f64's noise floor, so it drops noise and nothing else.
        if (back - x).abs() <= magnitude * 1e-12 {
            return trim_zeros(s);
        }
    }
    x.to_string()
}

fn trim_zeros(s: String) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

fn not_parsed(message: &str) -> NotParsed {
    NotParsed {
        message: message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn numbers_in_the_spec() {
        assert_eq!(parse_number("1,204"), Ok(1204.0));
        assert_eq!(parse_number("3.5"), Ok(3.5));
        assert_eq!(parse_number(" -2 "), Ok(-2.0));
        assert_eq!(parse_number("+7"), Ok(7.0));
        assert_eq!(parse_number("1_000"), Ok(1000.0));
        assert_eq!(parse_number("1,234,567.25"), Ok(1_234_567.25));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert_eq!(parse_number("\u{2212}4"), Ok(-4.0));
    }

    #[test]
    fn european_forms_only_when_unambiguous() {
        assert_eq!(parse_number("4.500,25"), Ok(4500.25));
        assert_eq!(parse_number("4.500.000"), Ok(4_500_000.0));
        assert_eq!(parse_number("3,5"), Ok(3.5));
        assert_eq!(parse_number("4,500"), Ok(4500.0));
        assert_eq!(parse_number("4.500"), Ok(4.5));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in [
            "",
            " ",
            "abc",
            "1,2,3",
            "1,2345",
            "1e5",
            "NaN",
            "inf",
            "5.",
            "1..2",
            "1.2.3,4,5",
            ",5",
            "_1",
            "1_",
            "1__0",
            "--2",
            "1 000",
            "12a",
            "1,000,00",
            "4.500,00,0",
        ] {
            assert!(parse_number(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(parse_percent("139%"), Ok(139.0));
        assert_eq!(parse_percent("0.5 %"), Ok(0.5));
        assert_eq!(parse_percent("139 %"), Ok(139.0));
        assert_eq!(parse_percent("12 percent"), Ok(12.0));
        assert_eq!(parse_percent("-3%"), Ok(-3.0));
        assert_eq!(parse_percent("139"), Ok(139.0));
        assert_eq!(parse_percent("0.5"), Ok(0.5));
        assert!(parse_percent("%").is_err());
        assert!(parse_percent("lots%").is_err());
        assert!(parse_percent("5%%").is_err());
        assert!(has_percent_marker("5 %"));
        assert!(!has_percent_marker("5"));
        assert!(!has_percent_marker("x%"));
    }

    #[test]
    fn formats_numbers_cleanly() {
        assert_eq!(format_number(139.0), "139");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(-2.0), "-2");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(1204.0), "1204");
        assert_eq!(format_number(1e20), "100000000000000000000");
        assert_eq!(format_number(0.000_125), "0.000125");
        assert_eq!(format_number(239.123_456_789), "239.123456789");
        assert_eq!(format_number(1e300), "1e300");
        assert_eq!(format_number(f64::NAN), "NaN");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_number(&s);
            let _ = parse_percent(&s);
        }

        #[test]
        fn never_panics_on_near_numbers(s in "[-+0-9,._% ]{0,16}") {
            let _ = parse_number(&s);
            let _ = parse_percent(&s);
        }

        #[test]
        fn format_reads_back(x in -1e15f64..1e15) {
            let back: f64 = format_number(x).parse().unwrap();
            prop_assert!((back - x).abs() <= x.abs() * 1e-12);
        }

        #[test]
        fn thousands_round_trip(n in 0u64..10_000_000_000_000) {
            let plain = n.to_string();
            let mut grouped = String::new();
            for (i, c) in plain.chars().enumerate() {
                if i > 0 && (plain.len() - i).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            prop_assert_eq!(parse_number(&grouped), Ok(n as f64));
        }
    }
}
