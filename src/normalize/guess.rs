//! Guessing a field's type from its values, for fields neither configured
//! nor built in.
//!
//! A type is chosen only when every non-empty value reads as it, and each
//! guess asks for positive evidence: a date must be written out (`today`
//! or `friday` alone do not make a date field), and a percentage needs its
//! `%`, money a currency or a scale (`$`, `EUR`, `5k`), on at least one
//! value, the others being plain numbers or written alike. Otherwise a
//! column of plain numbers would become money and start comparing in
//! cents.

use super::FieldType;
use super::date::{parse_datetime, parse_explicit_date};
use super::money::parse_money_detail;
use super::number::{has_percent_marker, parse_number};

pub fn guess_type(values: &[&str]) -> FieldType {
    let values: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    if values.is_empty() {
        return FieldType::Text;
    }
    let all = |f: &dyn Fn(&str) -> bool| values.iter().all(|v| f(v));
    if all(&|v| parse_datetime(v).is_some()) {
        return FieldType::Datetime;
    }
    if all(&|v| parse_explicit_date(v).is_some()) {
        return FieldType::Date;
    }
    // As with money, one value with its mark is enough when the rest are
    // numbers: "50%" in one source and 50 in another agree.
    if values.iter().any(|v| has_percent_marker(v))
        && all(&|v| has_percent_marker(v) || parse_number(v).is_ok())
    {
        return FieldType::Percent;
    }
    let money: Vec<_> = values.iter().map(|v| parse_money_detail(v)).collect();
    if money.iter().all(Result::is_ok)
        && money
            .iter()
            .flatten()
            .any(|p| p.scaled || p.money.currency.is_some())
    {
        return FieldType::Money;
    }
    if all(&|v| parse_number(v).is_ok()) {
        return FieldType::Number;
    }
    FieldType::Text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn dates_and_datetimes() {
        assert_eq!(
            guess_type(&["2026-12-01", "Dec 3, 2026", ""]),
            FieldType::Date
        );
        assert_eq!(
            guess_type(&["2026-12-01T09:00:00Z", "2026-12-02 10:30"]),
            FieldType::Datetime
        );
        assert_eq!(
            guess_type(&["2026-12-01T09:00:00Z", "2026-12-02"]),
            FieldType::Date
        );
        assert_eq!(guess_type(&["03/04/2026", "12/01/2026"]), FieldType::Date);
        assert_eq!(guess_type(&["2026-12-01", "tomorrow"]), FieldType::Text);
        assert_eq!(guess_type(&["friday"]), FieldType::Text);
        // Eight digits are a date only in a date field.
        assert_eq!(guess_type(&["20261201", "20261204"]), FieldType::Number);
    }

    #[test]
    fn percentages_money_and_numbers() {
        assert_eq!(guess_type(&["139%", "0.5 %"]), FieldType::Percent);
        assert_eq!(guess_type(&["139%", "12"]), FieldType::Percent);
        assert_eq!(guess_type(&["139%", "twelve"]), FieldType::Text);
        assert_eq!(guess_type(&["139%", "$12"]), FieldType::Text);
        assert_eq!(guess_type(&["$5,000", "4000"]), FieldType::Money);
        assert_eq!(guess_type(&["5k", "1.2M"]), FieldType::Money);
        assert_eq!(guess_type(&["USD 5", "7 EUR"]), FieldType::Money);
        assert_eq!(guess_type(&["1,204", "3.5", "-2"]), FieldType::Number);
        assert_eq!(guess_type(&["5 min", "10 min"]), FieldType::Text);
    }

    #[test]
    fn text_and_empty() {
        assert_eq!(guess_type(&[]), FieldType::Text);
        assert_eq!(guess_type(&["", "  "]), FieldType::Text);
        assert_eq!(guess_type(&["in progress", "done"]), FieldType::Text);
        assert_eq!(guess_type(&["12", "twelve"]), FieldType::Text);
    }

    proptest! {
        #[test]
        fn never_panics(values in prop::collection::vec("\\PC{0,16}", 0..4)) {
            let refs: Vec<&str> = values.iter().map(String::as_str).collect();
            let _ = guess_type(&refs);
        }
    }
}
