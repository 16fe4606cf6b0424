//! Typed values: turns the text a state file holds into something that can be
//! compared, so `Dec 1, 2026` and `2026-12-01` agree and `in progress` and
//! `active` are the same status.

mod date;
mod duration;
mod guess;
mod money;
mod number;
mod person;
mod status;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::fmt;

pub use date::{parse_as_of, parse_date, parse_datetime};
pub use duration::parse_duration;
pub use guess::guess_type;
pub use money::{Money, currency_code};
pub use status::StatusTable;

/// No amount, number or percentage is written in more bytes than this: a
/// longer value is refused before it is copied to be read.
const LONGEST_AMOUNT: usize = 64;

/// The type a field's values are compared as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Date,
    Datetime,
    Money,
    Percent,
    Number,
    Status,
    Person,
    Text,
}

impl FieldType {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Money => "money",
            FieldType::Percent => "percent",
            FieldType::Number => "number",
            FieldType::Status => "status",
            FieldType::Person => "person",
            FieldType::Text => "text",
        }
    }
}

/// How to read `03/04/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Month first: 03/04/2026 is 4 March.
    Mdy,
    /// Day first: 03/04/2026 is 3 April.
    Dmy,
}

/// What a value is read against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// `None` when the configuration does not say; an ambiguous date is then
    /// read month first and flagged.
    pub date_order: Option<DateOrder>,
    /// The record's as-of date: `tomorrow` and `next Friday` count from here.
    pub as_of: NaiveDate,
    pub statuses: &'a StatusTable,
}

/// A value after normalisation. Two values agree when their [`Value::key`]s
/// are equal.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Date(NaiveDate),
    Datetime(NaiveDateTime),
    Money(Money),
    Percent(f64),
    Number(f64),
    /// The synonym group (`active`), or the folded word when it has none.
    Status(String),
    /// Case- and order-folded: `Ruiz, Dana` and `dana ruiz` both give `dana ruiz`.
    Person(String),
    /// Trimmed, whitespace-folded and case-folded.
    Text(String),
}

/// Something worth telling the reader about how a value was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// `03/04/2026`: both parts could be the month. `other` is the reading in
    /// the other order.
    AmbiguousDate {
        other: NaiveDate,
        read_as: DateOrder,
    },
    /// `tomorrow`, `in 3 days`: resolved against the record's as-of date.
    Relative { from: NaiveDate },
    /// `Dec 1`: no year was given, so it took the one that puts it nearest
    /// the record's as-of date `from`.
    YearFromAsOf { from: NaiveDate },
}

impl Note {
    /// Whether the reading depends on the record's as-of date, so the same
    /// text may read differently in another record.
    pub fn depends_on_as_of(&self) -> bool {
        matches!(self, Note::Relative { .. } | Note::YearFromAsOf { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Normalized {
    pub value: Value,
    pub note: Option<Note>,
}

/// Why a value could not be read as its type; it is then kept as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotParsed {
    pub message: String,
}

impl fmt::Display for NotParsed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Reads `raw` as `ty`.
pub fn normalize(raw: &str, ty: FieldType, ctx: &Context<'_>) -> Result<Normalized, NotParsed> {
    let plain = |value| Ok(Normalized { value, note: None });
    match ty {
        FieldType::Date => date::parse_date(raw, ctx),
        FieldType::Datetime => match date::parse_datetime(raw) {
            Some(dt) => plain(Value::Datetime(dt)),
            None => date::parse_date(raw, ctx),
        },
        FieldType::Money => money::parse_money(raw)
            .map(Value::Money)
            .map_or_else(Err, plain),
        FieldType::Percent => number::parse_percent(raw)
            .map(Value::Percent)
            .map_or_else(Err, plain),
        FieldType::Number => number::parse_number(raw)
            .map(Value::Number)
            .map_or_else(Err, plain),
        FieldType::Status => plain(Value::Status(ctx.statuses.group(raw))),
        FieldType::Person => plain(Value::Person(person::fold_person(raw))),
        FieldType::Text => plain(Value::Text(fold_text(raw))),
    }
}

/// A value and the note in brackets after it: `In progress (70%)` is
/// `In progress` and `70%`, `Dana Ruiz (PM)` is `Dana Ruiz` and `PM`.
/// `None` when the value ends in no bracket, or is only the note.
fn bracket_note(raw: &str) -> Option<(&str, &str)> {
    let (value, note) = raw.trim_end().strip_suffix(')')?.rsplit_once('(')?;
    let value = value.trim_end();
    value
        .chars()
        .any(char::is_alphanumeric)
        .then_some((value, note))
}

/// Trimmed, whitespace-folded, lower-cased. Built in one string: a long
/// text value is folded in one copy of itself, not one string per word.
pub fn fold_text(raw: &str) -> String {
    let mut folded = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        if word.is_ascii() {
            folded.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            // As `str::to_lowercase`, which knows a word-final sigma.
            folded.push_str(&word.to_lowercase());
        }
    }
    folded
}

/// Whether `raw` is written, whole, as a value of type `ty`: a date (with
/// or without its year, or counted from a day such as `tomorrow`), an
/// amount, a percentage or a number. Any text is a status, a person or
/// text.
pub fn reads_as(raw: &str, ty: FieldType) -> bool {
    match ty {
        FieldType::Date | FieldType::Datetime => {
            let statuses = StatusTable::default();
            let ctx = Context {
                date_order: None,
                as_of: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default(),
                statuses: &statuses,
            };
            date::parse_date(raw, &ctx).is_ok()
        }
        FieldType::Money => money::parse_money(raw).is_ok(),
        FieldType::Percent => number::parse_percent(raw).is_ok(),
        FieldType::Number => number::parse_number(raw).is_ok(),
        FieldType::Status | FieldType::Person | FieldType::Text => true,
    }
}

impl Value {
    /// The canonical form: equal keys mean agreement, and it is what the
    /// briefing prints as the normalised value.
    pub fn key(&self) -> String {
        match self {
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Datetime(dt) => dt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            Value::Money(m) => m.to_string(),
            Value::Percent(p) => format!("{}%", number::format_number(*p)),
            Value::Number(n) => number::format_number(*n),
            Value::Status(s) | Value::Person(s) | Value::Text(s) => s.clone(),
        }
    }

    /// [`Value::key`], moving a text's string rather than copying it: a
    /// text value can be as long as the file it is read from.
    pub fn into_key(self) -> String {
        match self {
            Value::Status(s) | Value::Person(s) | Value::Text(s) => s,
            other => other.key(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(raw: &str, ty: FieldType) -> String {
        let statuses = StatusTable::builtin();
        let ctx = Context {
            date_order: Some(DateOrder::Mdy),
            as_of: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            statuses: &statuses,
        };
        normalize(raw, ty, &ctx)
            .map(|n| n.value.key())
            .unwrap_or_else(|e| panic!("{raw:?}: {e}"))
    }

    #[test]
    fn the_spec_examples_agree() {
        let same = |ty, raws: &[&str], want: &str| {
            for raw in raws {
                assert_eq!(key(raw, ty), want, "{raw:?} as {}", ty.as_str());
            }
        };
        same(
            FieldType::Date,
            &[
                "2026-12-01",
                "Dec 1, 2026",
                "1 December 2026",
                "12/01/2026",
                "next Tuesday",
            ],
            "2026-12-01",
        );
        same(
            FieldType::Datetime,
            &["2026-11-20T10:00:00+01:00", "2026-11-20 09:00"],
            "2026-11-20T09:00:00",
        );
        same(FieldType::Datetime, &["2026-11-20"], "2026-11-20");
        same(
            FieldType::Money,
            &["$5,000", "USD 5,000.00", "5k USD"],
            "5000.00 USD",
        );
        same(FieldType::Money, &["5000", "5k"], "5000.00");
        same(FieldType::Money, &["1.2M"], "1200000.00");
        same(FieldType::Percent, &["139%", "139 %", "139"], "139%");
        same(FieldType::Percent, &["0.5 %"], "0.5%");
        same(FieldType::Number, &["1,204", "1204.0"], "1204");
        same(
            FieldType::Status,
            &["In Progress", "wip", "active"],
            "active",
        );
        same(
            FieldType::Person,
            &["Dana Ruiz", "dana ruiz", "Ruiz, Dana"],
            "dana ruiz",
        );
        same(
            FieldType::Text,
            &["  Hello   World ", "hello world"],
            "hello world",
        );
    }

    #[test]
    fn what_does_not_parse_says_so() {
        let statuses = StatusTable::builtin();
        let ctx = Context {
            date_order: None,
            as_of: NaiveDate::MIN,
            statuses: &statuses,
        };
        for (raw, ty) in [
            ("soon", FieldType::Date),
            ("lots", FieldType::Money),
            ("x%", FieldType::Percent),
            ("n/a", FieldType::Number),
        ] {
            let err = normalize(raw, ty, &ctx).unwrap_err();
            assert!(!err.message.is_empty());
            assert_eq!(err.to_string(), err.message);
        }
    }
}
