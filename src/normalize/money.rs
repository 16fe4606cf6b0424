//! Amounts of money, kept in hundredths so equal amounts compare equal.
//!
//! Accepted: `$5,000`, `5000`, `5k`, `USD 5,000.00`, `5,000 USD`, `1.2M`,
//! `$1.2m`, `-$300`, `$-300`, `(300)` (accounting negative), `€4.500,00`,
//! `4.500,00 €`, `$2.5bn`, `3 million`. Separators follow
//! [`super::number`]: the European form is read only where it cannot be
//! misread, so `€4,500` is four thousand five hundred euros; and, since an
//! amount has no third decimal, so is `€4.500` (but not a bare `4.500`,
//! which may be a typed number).
//!
//! Currency codes are recognised from a fixed list rather than "any three
//! letters", so that `5 min` or `10 hrs` are not taken for money.
//! Every currency is kept to two decimal places; an amount needing more
//! (`$1.0055`, `1.2345678k`) is refused rather than rounded, because rounding
//! would make two different figures agree.

use super::NotParsed;
use super::number::{Numeral, read_numeral, split_sign};
use std::borrow::Cow;
use std::fmt;

/// An amount in hundredths of its currency unit.
///
/// Equality is strict: `5000.00` and `5000.00 USD` differ, because a missing
/// currency is not evidence of a matching one. Compare [`Money::amount`]s
/// when currency should not matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    /// Hundredths (cents) of the currency unit.
    pub minor: i64,
    /// ISO 4217 code (`USD`), when the value gave one by symbol or code.
    pub currency: Option<String>,
}

impl Money {
    /// The amount in currency units, for ratios and distances.
    pub fn amount(&self) -> f64 {
        self.minor as f64 / 100.0
    }
}

/// `5000.00 USD`, `-300.00 EUR`, `1200000.00`: no grouping, always two
/// decimals, code after the amount, so the form is both a stable key and
/// unambiguous to a reader in any locale.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)?;
        if let Some(code) = &self.currency {
            write!(f, " {code}")?;
        }
        Ok(())
    }
}

/// Codes accepted when written out. Common ones only: see the module note.
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "CNY", "HKD", "SGD", "INR", "SEK",
    "NOK", "DKK", "PLN", "CZK", "HUF", "MXN", "BRL", "ZAR", "AED", "SAR", "ILS", "KRW", "TRY",
    "RUB", "ARS", "CLP", "COP", "PHP", "THB", "IDR", "MYR", "TWD", "ISK", "RON",
];

/// Longest first, so `US$` is not read as `$` after `US`.
const SYMBOLS: &[(&str, &str)] = &[
    ("us$", "USD"),
    ("ca$", "CAD"),
    ("au$", "AUD"),
    ("nz$", "NZD"),
    ("c$", "CAD"),
    ("a$", "AUD"),
    ("r$", "BRL"),
    ("cn¥", "CNY"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₱", "PHP"),
];

/// Scale words and letters. `m` is million here (money has no minutes), and
/// `mm` is the finance way of writing it.
const SCALES: &[(&str, u32)] = &[
    ("thousand", 3),
    ("million", 6),
    ("billion", 9),
    ("mm", 6),
    ("bn", 9),
    ("k", 3),
    ("m", 6),
    ("b", 9),
];

/// A parsed amount and whether it was written with a scale (`5k`), which
/// type guessing takes as a sign of money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedMoney {
    pub money: Money,
    pub scaled: bool,
}

pub(crate) fn parse_money(raw: &str) -> Result<Money, NotParsed> {
    parse_money_detail(raw).map(|p| p.money)
}

pub(crate) fn parse_money_detail(raw: &str) -> Result<ParsedMoney, NotParsed> {
    if raw.trim().len() > super::LONGEST_AMOUNT {
        return Err(not_parsed("not an amount"));
    }
    let mut s = raw.trim().to_lowercase();
    if s.is_empty() {
        return Err(not_parsed("empty, not an amount"));
    }
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim().to_string();
    }
    let mut rest = s.as_str();
    // Brackets are a sign too: `(-5)` is refused rather than read as +5.
    let mut sign_seen = negative;
    let mut take_sign = |rest: &mut &str| {
        let (minus, after) = split_sign(rest);
        if after.len() != rest.len() {
            if sign_seen {
                return false;
            }
            sign_seen = true;
            negative ^= minus;
            *rest = after.trim_start();
        }
        true
    };

    if !take_sign(&mut rest) {
        return Err(not_parsed("more than one sign"));
    }
    let (lead_symbol, lead_code) = take_leading_currency(&mut rest);
    if !take_sign(&mut rest) {
        return Err(not_parsed("more than one sign"));
    }
    let (trail_symbol, trail_code) = take_trailing_currency(&mut rest);
    let mut exponent = 0;
    for (word, power) in SCALES {
        if let Some(before) = rest.strip_suffix(word) {
            rest = before.trim_end();
            exponent = *power;
            break;
        }
    }

    let currency = pick_currency([lead_symbol, trail_symbol], [lead_code, trail_code])?;
    let rest = without_group_marks(rest);
    let numeral = if exponent == 0 && currency.is_some() {
        amount_numeral(&rest)
    } else {
        read_numeral(&rest)
    }
    .ok_or_else(|| not_parsed("not an amount"))?;
    let minor = to_minor(&numeral.int, &numeral.frac, exponent)?;
    Ok(ParsedMoney {
        money: Money {
            minor: if negative { -minor } else { minor },
            currency,
        },
        scaled: exponent > 0,
    })
}

/// An amount whose thousands are grouped by spaces or apostrophes, as
/// French, Nordic and Swiss exports write them (`48 000`, `48 000,00`
/// with a space, a no-break space or a narrow one, `CHF 48'000`), or in
/// lakhs and crores as Indian ones do (`₹5,00,000`): the amount with
/// those marks removed. Anything else with a space in it is left to be
/// refused.
fn without_group_marks(s: &str) -> Cow<'_, str> {
    if let Some(amount) = without_lakh_groups(s) {
        return Cow::Owned(amount);
    }
    let is_space = |c: char| {
        matches!(
            c,
            ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '\u{2019}'
        )
    };
    if !s.contains(is_space) {
        return Cow::Borrowed(s);
    }
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split(is_space).collect();
    let (head, groups) = parts.split_first().expect("split gives one part");
    let (last, middle) = groups.split_last().expect("a space splits in two");
    // The last group may carry the decimals: `000,00`.
    let last_group = last.get(..3).filter(|g| digits(g)).is_some()
        && last[3..]
            .strip_prefix([',', '.'])
            .map_or(last.len() == 3, digits);
    if (1..=3).contains(&head.len())
        && digits(head)
        && middle.iter().all(|g| g.len() == 3 && digits(g))
        && last_group
    {
        Cow::Owned(parts.concat())
    } else {
        Cow::Borrowed(s)
    }
}

/// `5,00,000` and `1,20,00,000.50`: one or two digits, pairs, then a
/// group of three; `None` for anything else, which the usual grouping
/// reads or refuses.
fn without_lakh_groups(s: &str) -> Option<String> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    // From the right: a group of three, pairs, then the head.
    let mut groups = int.rsplit(',');
    let last = groups.next()?;
    if last.len() != 3 || !digits(last) {
        return None;
    }
    let (mut head, mut pairs) = (None, 0);
    for group in groups {
        if let Some(pair) = head.replace(group) {
            if pair.len() != 2 || !digits(pair) {
                return None;
            }
            pairs += 1;
        }
    }
    let head = head?;
    let lakh = pairs > 0 && (1..=2).contains(&head.len()) && digits(head) && digits(frac);
    lakh.then(|| s.replace(',', ""))
}

/// The digits of an amount written with its currency, read as numbers
/// are (see `number`) but for one case: a single dot before exactly three
/// digits (`48.000 EUR`, `€1.500`) groups thousands, as a single comma
/// there does. Amounts are kept to the cent, so a third decimal could not
/// be kept anyway, and that is how amounts are written where the comma is
/// the decimal mark: read as 48, a budget of `48.000 EUR` was a
/// thousandfold conflict with `EUR 48,000`. A bare `48.000` may be a
/// JSON, YAML or TOML number, which is 48, and is read as one.
fn amount_numeral(s: &str) -> Option<Numeral> {
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    match s.split_once('.') {
        Some((int, frac))
            if (1..=3).contains(&int.len()) && frac.len() == 3 && digits(int) && digits(frac) =>
        {
            Some(Numeral {
                int: format!("{int}{frac}"),
                frac: String::new(),
            })
        }
        _ => read_numeral(s),
    }
}

/// A symbol (`$`) or a code followed by a space or the amount (`USD 5`,
/// `usd5`).
fn take_leading_currency(rest: &mut &str) -> (Option<&'static str>, Option<&'static str>) {
    for (symbol, code) in SYMBOLS {
        if let Some(after) = rest.strip_prefix(symbol) {
            *rest = after.trim_start();
            return (Some(code), None);
        }
    }
    if let Some(code) = rest.get(..3).and_then(code_for)
        && !rest[3..].starts_with(|c: char| c.is_alphabetic())
    {
        *rest = rest[3..].trim_start();
        return (None, Some(code));
    }
    (None, None)
}

fn take_trailing_currency(rest: &mut &str) -> (Option<&'static str>, Option<&'static str>) {
    for (symbol, code) in SYMBOLS {
        if let Some(before) = rest.strip_suffix(symbol) {
            *rest = before.trim_end();
            return (Some(code), None);
        }
    }
    let len = rest.len();
    if len >= 3
        && rest.is_char_boundary(len - 3)
        && let Some(code) = code_for(&rest[len - 3..])
        && !rest[..len - 3].ends_with(|c: char| c.is_alphabetic())
    {
        *rest = rest[..len - 3].trim_end();
        return (None, Some(code));
    }
    (None, None)
}

fn code_for(s: &str) -> Option<&'static str> {
    CODES.iter().copied().find(|c| c.eq_ignore_ascii_case(s))
}

/// The ISO 4217 code a currency is written as, by its code (`eur`) or its
/// symbol (`$`, `€`, `US$`): the unit of a column such as `Budget (EUR)`.
pub fn currency_code(unit: &str) -> Option<&'static str> {
    let unit = unit.trim();
    code_for(unit).or_else(|| {
        SYMBOLS
            .iter()
            .find(|(symbol, _)| symbol.eq_ignore_ascii_case(unit))
            .map(|&(_, code)| code)
    })
}

/// One currency from up to two symbols and two codes. A bare `$` is shared
/// by many dollars, so `$5 CAD` is Canadian; any other mismatch is refused.
fn pick_currency(
    symbols: [Option<&'static str>; 2],
    codes: [Option<&'static str>; 2],
) -> Result<Option<String>, NotParsed> {
    let symbols: Vec<_> = symbols.into_iter().flatten().collect();
    let codes: Vec<_> = codes.into_iter().flatten().collect();
    if symbols.len() > 1 || codes.len() > 1 {
        return Err(not_parsed("the currency is given twice"));
    }
    Ok(match (symbols.first(), codes.first()) {
        (None, None) => None,
        (Some(s), None) => Some(s.to_string()),
        (None, Some(c)) => Some(c.to_string()),
        (Some(s), Some(c)) if s == c || (*s == "USD" && c.ends_with('D')) => Some(c.to_string()),
        (Some(s), Some(c)) => return Err(not_parsed(&format!("two currencies: {s} and {c}"))),
    })
}

/// Integer arithmetic throughout: `1.2M` must be exactly 120000000 cents.
fn to_minor(int: &str, frac: &str, exponent: u32) -> Result<i64, NotParsed> {
    let too_large = || not_parsed("amount too large");
    let digits = format!("{int}{frac}");
    if digits.trim_start_matches('0').len() > 30 {
        return Err(too_large());
    }
    let mantissa: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().map_err(|_| too_large())?
    };
    // value = mantissa * 10^(exponent + 2 - frac.len()) hundredths.
    let shift = i64::from(exponent) + 2 - frac.len() as i64;
    let minor = if shift >= 0 {
        10i128
            .checked_pow(shift as u32)
            .and_then(|p| mantissa.checked_mul(p))
            .ok_or_else(too_large)?
    } else {
        let divisor = 10i128
            .checked_pow((-shift) as u32)
            .ok_or_else(|| not_parsed("too many decimals"))?;
        if mantissa % divisor != 0 {
            return Err(not_parsed("more precise than a cent"));
        }
        mantissa / divisor
    };
    i64::try_from(minor).map_err(|_| too_large())
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

    fn money(minor: i64, currency: Option<&str>) -> Money {
        Money {
            minor,
            currency: currency.map(str::to_string),
        }
    }

    fn ok(raw: &str) -> Money {
        parse_money(raw).unwrap_or_else(|e| panic!("{raw:?}: {e}"))
    }

    #[test]
    fn forms_in_the_spec() {
        assert_eq!(ok("$5,000"), money(500_000, Some("USD")));
        assert_eq!(ok("5000"), money(500_000, None));
        assert_eq!(ok("5k"), money(500_000, None));
        assert_eq!(ok("5K"), money(500_000, None));
        assert_eq!(ok("USD 5,000.00"), money(500_000, Some("USD")));
        assert_eq!(ok("5,000 USD"), money(500_000, Some("USD")));
        assert_eq!(ok("1.2M"), money(120_000_000, None));
        assert_eq!(ok("$1.2m"), money(120_000_000, Some("USD")));
    }

    #[test]
    fn a_dot_before_three_digits_groups_thousands() {
        assert_eq!(ok("48.000 EUR"), money(4_800_000, Some("EUR")));
        assert_eq!(ok("€1.500"), money(150_000, Some("EUR")));
        assert_eq!(ok("48.000,00 EUR"), money(4_800_000, Some("EUR")));
        assert_eq!(ok("1.250.000"), money(125_000_000, None));
        // No currency: it may be a typed number (JSON `48.000` is 48).
        assert_eq!(ok("48.000"), money(4_800, None));
        // Not three digits, or a scale after it: a decimal mark.
        assert_eq!(ok("48.50"), money(4_850, None));
        assert_eq!(ok("48.5"), money(4_850, None));
        assert_eq!(ok("1.500k"), money(150_000, None));
        assert_eq!(ok("1234.000 EUR"), money(123_400, Some("EUR")));
    }

    #[test]
    fn spaces_group_thousands_and_more_symbols_name_currencies() {
        let eur = money(4_800_000, Some("EUR"));
        assert_eq!(ok("48 000 €"), eur);
        assert_eq!(ok("48\u{a0}000,00\u{a0}€"), eur);
        assert_eq!(ok("48\u{202f}000,00 EUR"), eur);
        assert_eq!(ok("1 250 000"), money(125_000_000, None));
        assert!(parse_money("48 00 €").is_err());
        assert!(parse_money("48 000 00").is_err(), "groups of three");
        assert!(parse_money("4 8").is_err());
        assert_eq!(ok("¥1,000,000"), money(100_000_000, Some("JPY")));
        assert_eq!(ok("₹50,000"), money(5_000_000, Some("INR")));
        assert_eq!(ok("R$ 1.500,00"), money(150_000, Some("BRL")));
        assert_eq!(ok("₹5,00,000"), money(50_000_000, Some("INR")));
        assert_eq!(ok("1,20,00,000.50"), money(1_200_000_050, None));
        assert_eq!(ok("CHF 48'000"), money(4_800_000, Some("CHF")));
        assert_eq!(ok("48’000.50 CHF"), money(4_800_050, Some("CHF")));
        assert!(parse_money("5,00,00").is_err());
        assert!(parse_money("48'00").is_err());
    }

    #[test]
    fn signs_and_brackets() {
        assert_eq!(ok("-$300"), money(-30_000, Some("USD")));
        assert_eq!(ok("$-300"), money(-30_000, Some("USD")));
        assert_eq!(ok("(300)"), money(-30_000, None));
        assert_eq!(ok("($1,200.50)"), money(-120_050, Some("USD")));
        assert_eq!(ok("+$3"), money(300, Some("USD")));
        assert!(parse_money("-$-300").is_err());
    }

    #[test]
    fn other_currencies_and_scales() {
        assert_eq!(ok("€4.500,00"), money(450_000, Some("EUR")));
        assert_eq!(ok("4.500,00 €"), money(450_000, Some("EUR")));
        assert_eq!(ok("€4,500"), money(450_000, Some("EUR")));
        assert_eq!(ok("£12.5k"), money(1_250_000, Some("GBP")));
        assert_eq!(ok("eur 10"), money(1_000, Some("EUR")));
        assert_eq!(ok("10eur"), money(1_000, Some("EUR")));
        assert_eq!(ok("$5 CAD"), money(500, Some("CAD")));
        assert_eq!(ok("US$7"), money(700, Some("USD")));
        assert_eq!(ok("$2.5bn"), money(250_000_000_000, Some("USD")));
        assert_eq!(ok("3 million"), money(300_000_000, None));
        assert_eq!(ok("$5MM"), money(500_000_000, Some("USD")));
        assert_eq!(ok("5k USD"), money(500_000, Some("USD")));
        assert_eq!(ok("USD 1.5m"), money(150_000_000, Some("USD")));
        assert_eq!(ok(" $ 5 "), money(500, Some("USD")));
        assert_eq!(ok("1.2345678m"), money(123_456_780, None));
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            "",
            "$",
            "k",
            "USD",
            "five",
            "5 min",
            "10 hrs",
            "€5 USD",
            "$5 EUR",
            "USD 5 EUR",
            "$$5",
            "1.0055",
            "5kk",
            "5 k m",
            "1,2,3",
            "abc5",
            "5 dollars",
            "(5",
            "1e3",
            "$5.",
            "9999999999999999999999999",
            "1.23456789k",
            "(-5)",
            "()",
        ] {
            assert!(parse_money(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn display_is_canonical() {
        assert_eq!(money(500_000, Some("USD")).to_string(), "5000.00 USD");
        assert_eq!(money(120_000_000, None).to_string(), "1200000.00");
        assert_eq!(money(-5, Some("EUR")).to_string(), "-0.05 EUR");
        assert_eq!(money(i64::MIN, None).to_string(), "-92233720368547758.08");
        assert_eq!(money(-30_000, None).amount(), -300.0);
    }

    #[test]
    fn scaled_is_reported() {
        assert!(parse_money_detail("5k").unwrap().scaled);
        assert!(!parse_money_detail("5000").unwrap().scaled);
    }

    fn grouped(n: u64) -> String {
        let plain = n.to_string();
        let mut out = String::new();
        for (i, c) in plain.chars().enumerate() {
            if i > 0 && (plain.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    proptest! {
        #[test]
        fn dollars_with_separators_round_trip(minor in 0i64..1_000_000_000_000_000) {
            let units = (minor / 100) as u64;
            let written = format!("${}.{:02}", grouped(units), minor % 100);
            prop_assert_eq!(parse_money(&written), Ok(money(minor, Some("USD"))));
        }

        #[test]
        fn thousands_suffix_round_trips(n in 0i64..1_000_000_000) {
            prop_assert_eq!(parse_money(&format!("{n}k")), Ok(money(n * 100_000, None)));
        }

        #[test]
        fn code_and_display_round_trip(minor in -1_000_000_000_000_000i64..1_000_000_000_000_000) {
            let m = money(minor, Some("USD"));
            let abs = minor.unsigned_abs();
            let sign = if minor < 0 { "-" } else { "" };
            let written = format!("{sign}USD {}.{:02}", abs / 100, abs % 100);
            prop_assert_eq!(parse_money(&written), Ok(m.clone()));
            prop_assert_eq!(parse_money(&m.to_string()), Ok(m));
        }

        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_money(&s);
        }

        #[test]
        fn never_panics_on_near_money(s in "[-+()$€£0-9,. kKmMbBnUSDEURusd]{0,16}") {
            let _ = parse_money(&s);
        }
    }
}
