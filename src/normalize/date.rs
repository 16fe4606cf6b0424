//! Calendar dates and datetimes.
//!
//! A date is tried in three layers, most certain first:
//!
//! 1. ISO: `2026-12-01`, and ISO datetimes, of which the date is taken as
//!    written. `2026-12-01T23:30-05:00` is 1 December: a deadline means the
//!    writer's calendar day, not the day it happens to be in UTC.
//! 2. Written forms: `Dec 1, 2026`, `December 1 2026`, `1 Dec 2026`,
//!    `1st of December, 2026`, `01-Dec-2026`, `2026 Dec 1`, `2026/12/01`,
//!    and `a/b/yyyy`, `a.b.yyyy`, `a-b-yyyy` (see below), each optionally
//!    led by a weekday (`Tue, Dec 1, 2026`), which must be the right one.
//! 3. Words counted from the record's as-of date (see [`relative`]).
//!
//! A written date without a year (`Dec 1`, `16 Nov`, as people and models
//! write them) takes the year that puts it nearest the record's as-of
//! date, always within six months of it, and carries
//! [`Note::YearFromAsOf`]. Only 29 February can find no such year; it is
//! then refused.
//!
//! In `a/b/yyyy`, when both `a` and `b` could be the month the date is read
//! per the configured order (month first when none is configured) and
//! always carries [`Note::AmbiguousDate`]; the caller decides whether that
//! is worth a warning. When one part is over 12 only one reading exists,
//! and it is taken even against the configured order: `25/12/2026` is
//! Christmas under `mdy` too, since refusing it would turn a certain date
//! into text and a conflict nobody can settle.
//!
//! Two-digit years are refused: `12/01/26` could be read three ways and
//! `Dec 1, 26` needs a century guess, which is exactly the silent
//! disagreement the briefing exists to surface.
//!
//! Nothing here reads the clock; every relative word counts from the
//! as-of date it is given, so output is reproducible.

use super::{Context, DateOrder, Normalized, NotParsed, Note, Value};
use chrono::{
    DateTime, Datelike, Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday,
};

/// A date and what the reader should know about how it was read.
type Found = (NaiveDate, Option<Note>);

const FORMS_HINT: &str = "not a date (expected a form like 2026-12-01, Dec 1, 2026 or tomorrow)";

/// No date is written in more bytes than this: a longer value is refused
/// before it is copied to be read.
const LONGEST: usize = 64;

pub fn parse_date(raw: &str, ctx: &Context<'_>) -> Result<Normalized, NotParsed> {
    if raw.len() > LONGEST {
        return Err(not_parsed(FORMS_HINT));
    }
    let s = clean(raw);
    if s.is_empty() {
        return Err(not_parsed("empty, not a date"));
    }
    // Only where a date is expected: elsewhere eight digits are as often
    // a count or a number (and type guessing must not take them for one).
    if let Some(date) = basic_iso(&s) {
        return Ok(Normalized {
            value: Value::Date(date),
            note: None,
        });
    }
    if let Some((date, note)) = parse_explicit(&s, ctx.date_order, Year::Nearest(ctx.as_of))? {
        return Ok(Normalized {
            value: Value::Date(date),
            note,
        });
    }
    if let Some(date) = relative(&s, ctx.as_of)? {
        let note = Some(Note::Relative { from: ctx.as_of });
        return Ok(Normalized {
            value: Value::Date(date),
            note,
        });
    }
    Err(not_parsed(FORMS_HINT))
}

/// Reads `2026-11-20T09:00:00Z`, `2026-11-20T09:00:00.250+02:00`,
/// `2026-11-20 09:00`, `2026-11-20T09:00`. A time with an offset is
/// converted to UTC; one without is taken as written.
pub fn parse_datetime(raw: &str) -> Option<NaiveDateTime> {
    let (local, offset) = split_datetime(raw.trim())?;
    match offset {
        None => Some(local),
        Some(secs) => local.checked_sub_signed(Duration::seconds(secs)),
    }
}

/// For `updated_at` and its synonyms: a datetime, a date at midnight, or
/// Unix time in seconds or milliseconds (event logs write `ts: 1764000000`).
/// A numeric date that could be read two ways is refused, since there is no
/// configured order to read it by and no way to warn from here.
pub fn parse_as_of(raw: &str) -> Option<NaiveDateTime> {
    let s = raw.trim();
    if s.len() > LONGEST {
        return None;
    }
    if let Some(dt) = parse_datetime(s) {
        return Some(dt);
    }
    if let Ok(Some((date, note))) = parse_explicit(&clean(s), None, Year::Required)
        && !matches!(note, Some(Note::AmbiguousDate { .. }))
    {
        return Some(date.and_time(NaiveTime::MIN));
    }
    unix_time(s)
}

/// Whether `raw` is a date written out (layers 1 and 2, with or without a
/// year), for type guessing, which must not take `friday` or `today` as
/// evidence of a date field.
pub(crate) fn parse_explicit_date(raw: &str) -> Option<NaiveDate> {
    if raw.len() > LONGEST {
        return None;
    }
    parse_explicit(&clean(raw), None, Year::Any)
        .ok()
        .flatten()
        .map(|(date, _)| date)
}

/// What a written date without a year is read as.
#[derive(Clone, Copy)]
enum Year {
    /// The year nearest this as-of date.
    Nearest(NaiveDate),
    /// Any year it is a date in: whether it is a date at all.
    Any,
    /// None: a date must give its year.
    Required,
}

fn clean(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn not_parsed(message: impl Into<String>) -> NotParsed {
    NotParsed {
        message: message.into(),
    }
}

/// Layers 1 and 2. `Ok(None)` means "not written as a date at all", so the
/// relative words get their turn; `Err` means it is shaped like a date but
/// is not one (`Feb 30, 2026`).
fn parse_explicit(
    s: &str,
    order: Option<DateOrder>,
    year: Year,
) -> Result<Option<Found>, NotParsed> {
    let (weekday, body) = split_weekday(s);
    let untimed = without_time(body);
    let body = untimed.as_deref().unwrap_or(body);
    let found = match iso(body)? {
        Some(date) => Some((date, None)),
        None => match numeric(body, order, year)? {
            Some(found) => Some(found),
            None => match textual(body)? {
                Some(Written::Date(date)) => Some((date, None)),
                Some(Written::NoYear { month, day }) => Some(no_year(month, day, year)?),
                None => None,
            },
        },
    };
    if let (Some(said), Some((date, _))) = (weekday, &found)
        && date.weekday() != said
    {
        return Err(not_parsed(format!(
            "{} is a {}, not a {}",
            date.format("%Y-%m-%d"),
            weekday_name(date.weekday()),
            weekday_name(said)
        )));
    }
    Ok(found)
}

/// A date written with its time of day, as spreadsheets, CRMs, mail
/// headers and `date` write one (`12/1/2026 9:00 am`, `dec 01, 2026 9:00
/// am`, `01 dec 2026 00:00:00 gmt`, `dec 1 00:00:00 utc 2026`): its words
/// without the time and the am/pm and zone after it. The date is the one
/// written, as an ISO datetime's is. `None` when no word is a time (an
/// ISO datetime written as one word is read whole by [`iso`]).
fn without_time(s: &str) -> Option<String> {
    // Most dates have no time: told before anything is allocated.
    if !s.contains(' ') || !(s.contains(':') || s.contains("am") || s.contains("pm")) {
        return None;
    }
    let words: Vec<&str> = s.split(' ').collect();
    let meridiem = |w: &str| matches!(w, "am" | "pm" | "a.m." | "p.m.");
    let hour = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    // `9:00`, `9:00am`, `17:00:00z`, `9am`, or `9` before `am`.
    let is_time = |i: usize, w: &str| {
        split_time(w).is_some_and(|(_, rest)| rest.is_empty() || meridiem(rest) || rest == "z")
            || w.strip_suffix("am")
                .or_else(|| w.strip_suffix("pm"))
                .is_some_and(hour)
            || (hour(w) && words.get(i + 1).is_some_and(|next| meridiem(next)))
    };
    let at = words.iter().enumerate().position(|(i, w)| is_time(i, w))?;
    let mut end = at + 1;
    if words.get(end).is_some_and(|w| meridiem(w)) {
        end += 1;
    }
    if words.get(end).is_some_and(|w| is_zone(w)) {
        end += 1;
    }
    // `Dec 1, 2026 at 9:00 AM`
    let start = if at > 0 && words[at - 1] == "at" {
        at - 1
    } else {
        at
    };
    let rest = words[..start].iter().chain(&words[end..]).copied();
    let rest = rest.collect::<Vec<_>>().join(" ");
    let rest = rest.trim_end_matches([',', ' ']);
    (!rest.is_empty()).then(|| rest.to_string())
}

/// A time zone after a time: `utc`, `+0100`, or an abbreviation such as
/// `est`, `pdt`, `cet`, `cest`.
fn is_zone(word: &str) -> bool {
    let abbreviation = (3..=4).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && word.ends_with('t');
    abbreviation || zone_offset(word).is_some_and(|offset| offset.is_some())
}

/// `tue, …` → the weekday and what follows. A weekday alone stays whole: it
/// is a relative date, not a prefix.
fn split_weekday(s: &str) -> (Option<Weekday>, &str) {
    let word_len = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, after) = s.split_at(word_len);
    let rest = after.trim_start_matches([',', '.', ' ']);
    match weekday(word) {
        Some(wd) if after.starts_with([',', '.', ' ']) && !rest.is_empty() => (Some(wd), rest),
        _ => (None, s),
    }
}

/// `yyyy-mm-dd`, alone or leading an ISO datetime.
fn iso(s: &str) -> Result<Option<NaiveDate>, NotParsed> {
    let Some((y, m, d)) = iso_date_prefix(s) else {
        return Ok(None);
    };
    let date = make_date(y, m, d)?;
    if s.len() == 10 {
        return Ok(Some(date));
    }
    match split_datetime(s) {
        Some((local, _)) => Ok(Some(local.date())),
        None => Err(not_parsed(
            "a date followed by something that is not a time",
        )),
    }
}

/// ISO 8601's basic form, `20261201`, as `date +%Y%m%d` writes it; only
/// of this century and the next, so that another eight-digit number is
/// not taken for a date.
fn basic_iso(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = s[..4].parse().ok()?;
    if !(2000..=2199).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, s[4..6].parse().ok()?, s[6..8].parse().ok()?)
}

fn iso_date_prefix(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes().get(..10)?;
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    Some((
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    ))
}

/// `a/b/yyyy`, `a.b.yyyy`, `a-b-yyyy` and `yyyy/m/d`, one separator kind;
/// and `a/b` without a year.
fn numeric(s: &str, order: Option<DateOrder>, year: Year) -> Result<Option<Found>, NotParsed> {
    let Some(sep) = s.chars().find(|c| !c.is_ascii_digit()) else {
        return Ok(None);
    };
    if !matches!(sep, '/' | '-' | '.') {
        return Ok(None);
    }
    let parts: Vec<&str> = s.split(sep).collect();
    if !(2..=3).contains(&parts.len())
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Ok(None);
    }
    let short = |p: &str| p.len() <= 2;
    let num = |p: &str| p.parse::<u32>().unwrap_or(0);
    if parts.len() == 2 {
        if sep != '/' || !short(parts[0]) || !short(parts[1]) {
            return Ok(None);
        }
        return month_day(num(parts[0]), num(parts[1]), order)
            .map(|(month, day)| no_year(month, day, year))
            .transpose();
    }
    let year = |p: &str| p.parse::<i32>().unwrap_or(0);
    if parts[0].len() == 4 && short(parts[1]) && short(parts[2]) {
        return make_date(year(parts[0]), num(parts[1]), num(parts[2])).map(|d| Some((d, None)));
    }
    if short(parts[0]) && short(parts[1]) {
        if parts[2].len() == 4 {
            // Dates written with dots are written day first wherever dots
            // are used (`01.12.2026`, DIN 5008 and its kin); only a
            // configured order says otherwise.
            let (a, b, y) = (num(parts[0]), num(parts[1]), year(parts[2]));
            if sep == '.' && order.is_none() {
                return day_month(a, b, y, Some(DateOrder::Dmy))
                    .map(|(date, _)| Some((date, None)));
            }
            return day_month(a, b, y, order).map(Some);
        }
        if short(parts[2]) {
            return Err(two_digit_year());
        }
    }
    Ok(None)
}

/// `a/b/yyyy`: which of `a` and `b` is the month.
fn day_month(a: u32, b: u32, y: i32, order: Option<DateOrder>) -> Result<Found, NotParsed> {
    if a == 0 || b == 0 {
        return Err(not_parsed("no day or month is numbered 0"));
    }
    let read = |o: DateOrder| match o {
        DateOrder::Mdy => make_date(y, a, b),
        DateOrder::Dmy => make_date(y, b, a),
    };
    if a > 12 && b > 12 {
        return Err(not_parsed(format!("neither {a} nor {b} can be a month")));
    }
    if a > 12 {
        return read(DateOrder::Dmy).map(|d| (d, None));
    }
    if b > 12 || a == b {
        return read(DateOrder::Mdy).map(|d| (d, None));
    }
    let read_as = order.unwrap_or(DateOrder::Mdy);
    let other_order = match read_as {
        DateOrder::Mdy => DateOrder::Dmy,
        DateOrder::Dmy => DateOrder::Mdy,
    };
    // Both parts are 1–12, so both readings are real dates.
    let date = read(read_as)?;
    let other = read(other_order)?;
    Ok((date, Some(Note::AmbiguousDate { other, read_as })))
}

/// `a/b` without a year (`12/5`, as US summaries write it): the month and
/// the day, when the configured order or the numbers themselves say which
/// is which; both readings possible and no order configured, it is not
/// read as a date.
fn month_day(a: u32, b: u32, order: Option<DateOrder>) -> Option<(u32, u32)> {
    if a == 0 || b == 0 {
        return None;
    }
    match order {
        Some(DateOrder::Mdy) => Some((a, b)),
        Some(DateOrder::Dmy) => Some((b, a)),
        None if a > 12 => Some((b, a)),
        None if b > 12 || a == b => Some((a, b)),
        None => None,
    }
}

/// Six months either way, in days: a year of 366 days, halved and
/// rounded up. Every day of the year but 29 February is this near in the
/// year before, the same year or the year after.
const HALF_A_YEAR: i64 = 184;

/// A date written out, or a month and day written without a year.
enum Written {
    Date(NaiveDate),
    NoYear { month: u32, day: u32 },
}

/// `month` and `day` in the year `year` asks for.
fn no_year(month: u32, day: u32, year: Year) -> Result<Found, NotParsed> {
    let as_of = match year {
        Year::Required => return Err(not_parsed("no year: write it in full, e.g. Dec 1, 2026")),
        // 2000 was a leap year, so 29 February is a date in it.
        Year::Any => return in_any_year(month, day).map(|date| (date, None)),
        Year::Nearest(as_of) => as_of,
    };
    in_any_year(month, day)?;
    let nearest = [-1, 0, 1]
        .into_iter()
        .filter_map(|dy| NaiveDate::from_ymd_opt(as_of.year() + dy, month, day))
        .min_by_key(|date| (*date - as_of).num_days().abs())
        .filter(|date| (*date - as_of).num_days().abs() <= HALF_A_YEAR);
    match nearest {
        Some(date) => Ok((date, Some(Note::YearFromAsOf { from: as_of }))),
        None => Err(not_parsed(format!(
            "no year, and none puts it within six months of its as-of date {}: write the year",
            as_of.format("%Y-%m-%d")
        ))),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token<'a> {
    Number { digits: &'a str, ordinal: bool },
    Month(u32),
    Word(&'a str),
}

/// `Dec 1, 2026`, `1st of December 2026`, `2026 Dec 01`, `01-Dec-2026`;
/// and without a year, `Dec 1`, `1st December`.
fn textual(s: &str) -> Result<Option<Written>, NotParsed> {
    let Some(tokens) = tokenize(s) else {
        return Ok(None);
    };
    if !tokens.iter().any(|t| matches!(t, Token::Month(_)))
        || tokens.iter().any(|t| matches!(t, Token::Word(_)))
    {
        return Ok(None);
    }
    let day = |t: &Token| match t {
        Token::Number { digits, .. } if digits.len() <= 2 => digits.parse::<u32>().ok(),
        _ => None,
    };
    let (month, day_tok, year_tok) = match tokens.as_slice() {
        // Year first must be tried before `1 Dec 2026`, which it also fits.
        [
            y @ Token::Number {
                digits,
                ordinal: false,
            },
            Token::Month(m),
            d,
        ] if digits.len() == 4 => (*m, d, y),
        [Token::Month(m), d, y] | [d, Token::Month(m), y] if !matches!(y, Token::Month(_)) => {
            (*m, d, y)
        }
        [
            Token::Month(_),
            Token::Number {
                digits,
                ordinal: false,
            },
        ]
        | [
            Token::Number {
                digits,
                ordinal: false,
            },
            Token::Month(_),
        ] if digits.len() == 4 => {
            return Err(not_parsed("a month, not a date: give the day too"));
        }
        [Token::Month(m), d] | [d, Token::Month(m)] => {
            return Ok(day(d).map(|day| Written::NoYear { month: *m, day }));
        }
        _ => return Ok(None),
    };
    let Some(day) = day(day_tok) else {
        return Ok(None);
    };
    let year = match year_tok {
        Token::Number {
            digits,
            ordinal: false,
        } if digits.len() == 4 => digits.parse().unwrap_or(0),
        Token::Number {
            digits,
            ordinal: false,
        } if digits.len() <= 2 => return Err(two_digit_year()),
        _ => return Ok(None),
    };
    make_date(year, month, day).map(|date| Some(Written::Date(date)))
}

/// Numbers (with any ordinal suffix folded in), month names and other
/// words; `None` when a character could not be part of a written date.
fn tokenize(s: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if matches!(c, ' ' | ',' | '.' | '-' | '/') {
            rest = &rest[1..];
        } else if c.is_ascii_digit() {
            let len = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            tokens.push(Token::Number {
                digits: &rest[..len],
                ordinal: false,
            });
            rest = &rest[len..];
        } else if c.is_alphabetic() {
            let len = rest
                .find(|c: char| !c.is_alphabetic())
                .unwrap_or(rest.len());
            let word = &rest[..len];
            rest = &rest[len..];
            match (tokens.last_mut(), word) {
                (Some(Token::Number { ordinal, .. }), "st" | "nd" | "rd" | "th") if !*ordinal => {
                    *ordinal = true
                }
                (_, "of" | "the") => {}
                _ => tokens.push(month(word).map_or(Token::Word(word), Token::Month)),
            }
        } else {
            return None;
        }
    }
    Some(tokens)
}

/// Layer 3, counted from `as_of`:
///
/// - `today`, `now`, `eod`, `end of day`, `tomorrow`, `yesterday`,
///   `day after tomorrow`, `day before yesterday`;
/// - `friday`, `this friday`: the first Friday on or after `as_of` (the same
///   day when `as_of` is a Friday);
/// - `next friday`: the first Friday strictly after `as_of`. This is the
///   reading of GNU `date -d`; "Friday of next week" is the other common one,
///   and a writer who means it has usually written the date;
/// - `last friday`: the last Friday strictly before `as_of`;
/// - `in 3 days`, `in a week`, `in 2 months`, `3 days ago`, `2 weeks from
///   now` (months keep the day, clamped to the month's end);
/// - `eow`, `end of week`: the first Friday on or after `as_of`, the end of
///   the working week; `eom`, `end of month`, `end of next month`; `eoy`,
///   `end of year`.
///
/// A leading `by`, `on` or `due` is ignored (`by friday`).
fn relative(s: &str, as_of: NaiveDate) -> Result<Option<NaiveDate>, NotParsed> {
    let s = s.trim_end_matches(['.', '!']);
    let mut words: Vec<&str> = s
        .split([' ', ','])
        .filter(|w| !w.is_empty() && *w != "the")
        .collect();
    if matches!(words.first(), Some(&("by" | "on" | "due"))) {
        words.remove(0);
    }
    let out_of_range = || not_parsed("too far from the as-of date to be a date");
    let days = |n: i64| {
        let magnitude = Days::new(n.unsigned_abs());
        if n >= 0 {
            as_of.checked_add_days(magnitude)
        } else {
            as_of.checked_sub_days(magnitude)
        }
    };
    let date = match words.as_slice() {
        ["today" | "now" | "tonight" | "eod"] | ["end", "of", "day"] => Some(as_of),
        ["tomorrow" | "tmrw"] => days(1),
        ["yesterday"] => days(-1),
        ["day", "after", "tomorrow"] => days(2),
        ["day", "before", "yesterday"] => days(-2),
        [wd] | ["this", wd] if weekday(wd).is_some() => {
            weekday(wd).and_then(|wd| days(ahead(as_of, wd, 0)))
        }
        ["next", wd] if weekday(wd).is_some() => {
            weekday(wd).and_then(|wd| days(ahead(as_of, wd, 1)))
        }
        ["last", wd] if weekday(wd).is_some() => {
            weekday(wd).and_then(|wd| days(-behind(as_of, wd)))
        }
        ["eow"] | ["end", "of", "week"] | ["end", "of", "this", "week"] => {
            days(ahead(as_of, Weekday::Fri, 0))
        }
        ["eom"] | ["end", "of", "month"] | ["end", "of", "this", "month"] => month_end(as_of, 0),
        ["end", "of", "next", "month"] => month_end(as_of, 1),
        ["eoy"] | ["end", "of", "year"] | ["end", "of", "this", "year"] => {
            NaiveDate::from_ymd_opt(as_of.year(), 12, 31)
        }
        ["in", n, unit] | [n, unit, "from", "now"] => return shift(as_of, n, unit, 1).map(Some),
        [n, unit, "ago"] => return shift(as_of, n, unit, -1).map(Some),
        _ => return Ok(None),
    };
    date.map(Some).ok_or_else(out_of_range)
}

/// Days from `from` to the next `wd`, at least `min` days ahead.
fn ahead(from: NaiveDate, wd: Weekday, min: i64) -> i64 {
    let gap =
        i64::from((wd.num_days_from_monday() + 7 - from.weekday().num_days_from_monday()) % 7);
    if gap < min { gap + 7 } else { gap }
}

/// Days back from `from` to the previous `wd`, never zero.
fn behind(from: NaiveDate, wd: Weekday) -> i64 {
    let gap =
        i64::from((from.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7);
    if gap == 0 { 7 } else { gap }
}

fn month_end(from: NaiveDate, months_ahead: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(from.year(), from.month(), 1)?
        .checked_add_months(Months::new(months_ahead + 1))?
        .pred_opt()
}

/// `in 3 days` / `3 days ago`: `sign` is 1 or -1.
fn shift(from: NaiveDate, n: &str, unit: &str, sign: i64) -> Result<NaiveDate, NotParsed> {
    let count: u32 = match n {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        _ if !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()) => {
            n.parse().unwrap_or(0)
        }
        _ => return Err(not_parsed(FORMS_HINT)),
    };
    let out_of_range = || not_parsed("too far from the as-of date to be a date");
    let (days, months) = match unit.trim_end_matches('s') {
        "day" => (u64::from(count), 0),
        "week" | "wk" => (u64::from(count) * 7, 0),
        "month" => (0, count),
        "year" | "yr" => (0, count.checked_mul(12).ok_or_else(out_of_range)?),
        _ => return Err(not_parsed(FORMS_HINT)),
    };
    let moved = if sign > 0 {
        from.checked_add_days(Days::new(days))
            .and_then(|d| d.checked_add_months(Months::new(months)))
    } else {
        from.checked_sub_days(Days::new(days))
            .and_then(|d| d.checked_sub_months(Months::new(months)))
    };
    moved.ok_or_else(out_of_range)
}

/// The date and time as written, and the offset in seconds east of UTC
/// when one was given.
fn split_datetime(s: &str) -> Option<(NaiveDateTime, Option<i64>)> {
    let (y, m, d) = iso_date_prefix(s)?;
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix(['t', 'T', ' '])?;
    let (time, zone) = split_time(rest)?;
    Some((date.and_time(time), zone_offset(zone.trim_start())?))
}

/// `hh:mm`, `h:mm`, `hh:mm:ss`, `hh:mm:ss.fff`, and what follows.
fn split_time(s: &str) -> Option<(NaiveTime, &str)> {
    let two = |s: &str| -> Option<u32> {
        let digits = s.get(..2)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let hour_len = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if !(1..=2).contains(&hour_len) {
        return None;
    }
    let hour = s[..hour_len].parse().ok()?;
    let s = s[hour_len..].strip_prefix(':')?;
    let minute = two(s)?;
    let mut s = &s[2..];
    let mut second = 0;
    let mut nano = 0;
    if let Some(after) = s.strip_prefix(':') {
        second = two(after)?;
        s = &after[2..];
        if let Some(after) = s.strip_prefix(['.', ',']) {
            let len = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            if len == 0 {
                return None;
            }
            // Digits past nanoseconds are beyond anything that is compared.
            let kept = &after[..len.min(9)];
            nano = kept.parse::<u32>().ok()? * 10u32.pow(9 - kept.len() as u32);
            s = &after[len..];
        }
    }
    Some((NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?, s))
}

/// `Z`, `UTC`, `+02:00`, `+0200`, `-05`; `Some(None)` for no zone at all.
fn zone_offset(zone: &str) -> Option<Option<i64>> {
    if zone.is_empty() {
        return Some(None);
    }
    if zone.eq_ignore_ascii_case("z")
        || zone.eq_ignore_ascii_case("utc")
        || zone.eq_ignore_ascii_case("gmt")
    {
        return Some(Some(0));
    }
    if !zone.is_ascii() {
        return None;
    }
    let (sign, rest) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let (hh, mm) = match rest.len() {
        2 => (rest, "00"),
        4 => (&rest[..2], &rest[2..]),
        5 if rest.as_bytes()[2] == b':' => (&rest[..2], &rest[3..]),
        _ => return None,
    };
    if !hh.bytes().chain(mm.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hh, mm): (i64, i64) = (hh.parse().ok()?, mm.parse().ok()?);
    if hh > 23 || mm > 59 {
        return None;
    }
    Some(Some(sign * (hh * 3600 + mm * 60)))
}

/// Seconds (9–10 digits, 1973–2286) or milliseconds (12–13 digits); other
/// lengths are more likely ids or amounts than times.
fn unix_time(s: &str) -> Option<NaiveDateTime> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let dt = match s.len() {
        9 | 10 => DateTime::from_timestamp(n, 0)?,
        12 | 13 => DateTime::from_timestamp_millis(n)?,
        _ => return None,
    };
    Some(dt.naive_utc())
}

fn make_date(y: i32, m: u32, d: u32) -> Result<NaiveDate, NotParsed> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        if (1..=12).contains(&m) {
            not_parsed(format!("{} {y} has no day {d}", MONTHS[m as usize - 1]))
        } else {
            not_parsed(format!("there is no month {m}"))
        }
    })
}

/// `month` and `day` in a leap year, when there is such a day in any year.
fn in_any_year(month: u32, day: u32) -> Result<NaiveDate, NotParsed> {
    NaiveDate::from_ymd_opt(2000, month, day).ok_or_else(|| {
        let month = (month as usize)
            .checked_sub(1)
            .and_then(|m| MONTHS.get(m))
            .copied()
            .unwrap_or("that month");
        not_parsed(format!("{month} has no day {day}"))
    })
}

fn two_digit_year() -> NotParsed {
    not_parsed("two-digit year: write the year in full, e.g. 2026")
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(word: &str) -> Option<u32> {
    let m = match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday(word: &str) -> Option<Weekday> {
    let wd = match word {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    };
    Some(wd)
}

fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::StatusTable;
    use proptest::prelude::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A Tuesday, the `today` of the spec's sample.
    fn as_of() -> NaiveDate {
        ymd(2026, 11, 24)
    }

    fn read(raw: &str, order: Option<DateOrder>) -> Result<Normalized, NotParsed> {
        let statuses = StatusTable::builtin();
        let ctx = Context {
            date_order: order,
            as_of: as_of(),
            statuses: &statuses,
        };
        parse_date(raw, &ctx)
    }

    fn date(raw: &str) -> NaiveDate {
        match read(raw, None) {
            Ok(Normalized {
                value: Value::Date(d),
                ..
            }) => d,
            other => panic!("{raw:?}: {other:?}"),
        }
    }

    fn plain(raw: &str) -> NaiveDate {
        let n = read(raw, None).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        assert_eq!(n.note, None, "{raw:?}");
        date(raw)
    }

    fn relative_to_as_of(raw: &str) -> NaiveDate {
        let n = read(raw, None).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
        assert_eq!(n.note, Some(Note::Relative { from: as_of() }), "{raw:?}");
        date(raw)
    }

    fn message(raw: &str) -> String {
        match read(raw, Some(DateOrder::Mdy)) {
            Err(e) => e.message,
            Ok(n) => panic!("{raw:?} should not parse, got {n:?}"),
        }
    }

    #[test]
    fn iso_and_datetimes() {
        let dec1 = ymd(2026, 12, 1);
        for raw in [
            "2026-12-01",
            " 2026-12-01 ",
            "2026-12-01T09:00:00Z",
            "2026-12-01t09:00:00z",
            "2026-12-01T23:30:00-05:00",
            "2026-12-01T00:30+02:00",
            "2026-12-01 09:00",
            "2026-12-01T09:00:00.123456789123",
            "20261201",
        ] {
            assert_eq!(plain(raw), dec1, "{raw:?}");
        }
        // Other eight-digit numbers are not dates.
        for raw in ["20261301", "19991201", "12345678"] {
            assert!(read(raw, None).is_err(), "{raw:?}");
        }
    }

    #[test]
    fn written_forms() {
        let dec1 = ymd(2026, 12, 1);
        for raw in [
            "Dec 1, 2026",
            "December 1, 2026",
            "1 Dec 2026",
            "1 December 2026",
            "Dec 1 2026",
            "DEC 1, 2026",
            "dec. 1, 2026",
            "Dec 1st, 2026",
            "1st of December, 2026",
            "the 1st of December 2026",
            "01-Dec-2026",
            "01/Dec/2026",
            "2026 Dec 01",
            "2026/12/01",
            "2026.12.01",
            "2026-12-1",
            "Tue, Dec 1, 2026",
            "Tuesday 1 December 2026",
            "tues. 2026-12-01",
        ] {
            assert_eq!(plain(raw), dec1, "{raw:?}");
        }
        assert_eq!(plain("Sept 22nd, 2026"), ymd(2026, 9, 22));
        assert_eq!(plain("May 3rd 2027"), ymd(2027, 5, 3));
    }

    #[test]
    fn numeric_order() {
        let mdy = Some(DateOrder::Mdy);
        let dmy = Some(DateOrder::Dmy);
        let n = read("03/04/2026", mdy).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 3, 4)));
        assert_eq!(
            n.note,
            Some(Note::AmbiguousDate {
                other: ymd(2026, 4, 3),
                read_as: DateOrder::Mdy
            })
        );
        let n = read("03/04/2026", dmy).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 4, 3)));
        assert_eq!(
            n.note,
            Some(Note::AmbiguousDate {
                other: ymd(2026, 3, 4),
                read_as: DateOrder::Dmy
            })
        );
        // No configured order: month first, still flagged.
        let n = read("12/01/2026", None).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 12, 1)));
        assert_eq!(
            n.note,
            Some(Note::AmbiguousDate {
                other: ymd(2026, 1, 12),
                read_as: DateOrder::Mdy
            })
        );
        // With no configured order, dots are day first, as everywhere
        // dates are written with them, and not flagged; a configured
        // order still rules, flagged.
        let n = read("01.12.2026", None).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 12, 1)));
        assert_eq!(n.note, None);
        let n = read("01.12.2026", mdy).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 1, 12)));
        assert!(n.note.is_some());
        // Dots and dashes follow the same rule.
        assert_eq!(
            read("1.12.2026", dmy).unwrap().value,
            Value::Date(ymd(2026, 12, 1))
        );
        assert_eq!(
            read("01-12-2026", dmy).unwrap().value,
            Value::Date(ymd(2026, 12, 1))
        );
    }

    #[test]
    fn a_month_and_day_with_a_slash_take_the_nearest_year() {
        let mdy = Some(DateOrder::Mdy);
        let n = read("12/5", mdy).unwrap();
        assert_eq!(n.value, Value::Date(ymd(2026, 12, 5)));
        assert!(matches!(n.note, Some(Note::YearFromAsOf { .. })));
        assert_eq!(
            read("5/12", Some(DateOrder::Dmy)).unwrap().value,
            Value::Date(ymd(2026, 12, 5))
        );
        // The numbers say which is the month.
        assert_eq!(
            read("12/25", None).unwrap().value,
            Value::Date(ymd(2026, 12, 25))
        );
        assert_eq!(
            read("25/12", None).unwrap().value,
            Value::Date(ymd(2026, 12, 25))
        );
        // Either reading possible and no order configured: not a date.
        assert!(read("12/5", None).is_err());
        // Not dates: other separators, a 0, a fraction of three digits.
        assert!(read("12-5", mdy).is_err());
        assert!(read("0/5", mdy).is_err());
        assert!(read("1/125", mdy).is_err());
    }

    #[test]
    fn forced_orders_carry_no_note() {
        for order in [None, Some(DateOrder::Mdy), Some(DateOrder::Dmy)] {
            let n = read("25/12/2026", order).unwrap();
            assert_eq!(
                n,
                Normalized {
                    value: Value::Date(ymd(2026, 12, 25)),
                    note: None
                }
            );
            let n = read("12/25/2026", order).unwrap();
            assert_eq!(
                n,
                Normalized {
                    value: Value::Date(ymd(2026, 12, 25)),
                    note: None
                }
            );
            let n = read("04/04/2026", order).unwrap();
            assert_eq!(
                n,
                Normalized {
                    value: Value::Date(ymd(2026, 4, 4)),
                    note: None
                }
            );
        }
    }

    #[test]
    fn a_date_without_a_year_takes_the_nearest_to_its_as_of_date() {
        // The as-of date is 2026-11-24.
        let no_year = |raw: &str| {
            let n = read(raw, None).unwrap_or_else(|e| panic!("{raw:?}: {e}"));
            assert_eq!(
                n.note,
                Some(Note::YearFromAsOf { from: as_of() }),
                "{raw:?}"
            );
            date(raw)
        };
        assert_eq!(no_year("Dec 1"), ymd(2026, 12, 1));
        assert_eq!(no_year("Nov 16"), ymd(2026, 11, 16));
        assert_eq!(no_year("1st December"), ymd(2026, 12, 1));
        assert_eq!(
            no_year("Jan 5"),
            ymd(2027, 1, 5),
            "six weeks ahead, not 46 back"
        );
        assert_eq!(no_year("June 1"), ymd(2026, 6, 1));
        assert_eq!(
            no_year("May 25"),
            ymd(2027, 5, 25),
            "182 days ahead, not 183 back"
        );
        assert_eq!(no_year("Tue, Dec 1"), ymd(2026, 12, 1));
        assert!(message("Mon, Dec 1").contains("is a Tuesday"));
        // No 29 February within six months of 2026-11-24.
        assert!(message("Feb 29").contains("within six months"));
        assert!(parse_explicit_date("Feb 29").is_some(), "still a date");
        assert_eq!(parse_as_of("Dec 1"), None, "an as-of time gives its year");
    }

    #[test]
    fn invalid_dates_say_why() {
        assert_eq!(message("Feb 30, 2026"), "February 2026 has no day 30");
        assert_eq!(message("2026-02-29"), "February 2026 has no day 29");
        assert_eq!(message("2026-13-01"), "there is no month 13");
        assert_eq!(message("31/02/2026"), "February 2026 has no day 31");
        assert_eq!(message("13/13/2026"), "neither 13 nor 13 can be a month");
        assert_eq!(message("0/5/2026"), "no day or month is numbered 0");
        assert_eq!(
            message("Mon, Dec 1, 2026"),
            "2026-12-01 is a Tuesday, not a Monday"
        );
        assert!(message("12/01/26").contains("two-digit year"));
        assert!(message("Dec 1, 26").contains("two-digit year"));
        assert_eq!(message("Feb 30"), "February has no day 30");
        assert!(message("December 2026").contains("give the day"));
        assert!(message("2026-12-01 soonish").contains("not a time"));
        assert_eq!(plain("2024-02-29"), ymd(2024, 2, 29));
    }

    #[test]
    fn garbage_is_not_a_date() {
        for raw in [
            "",
            "   ",
            "soon",
            "TBD",
            "Q4",
            "2026",
            "1.5",
            "12/2026",
            "next week",
            "next",
            "in days",
            "in 3 fortnights",
            "Dec 1 2026 at 9",
            "2026-12-01T25:00",
            "+2026-12-01",
            "Decembre 1, 2026",
            "1 2 2026",
            "2026-12-01T09:00+99:00",
            "20261301",
        ] {
            assert!(read(raw, None).is_err(), "{raw:?} should not parse");
        }
    }

    #[test]
    fn relative_words() {
        // as_of is Tuesday 2026-11-24.
        assert_eq!(relative_to_as_of("today"), ymd(2026, 11, 24));
        assert_eq!(relative_to_as_of("Tomorrow"), ymd(2026, 11, 25));
        assert_eq!(relative_to_as_of("yesterday"), ymd(2026, 11, 23));
        assert_eq!(relative_to_as_of("day after tomorrow"), ymd(2026, 11, 26));
        assert_eq!(relative_to_as_of("in 3 days"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("in a week"), ymd(2026, 12, 1));
        assert_eq!(relative_to_as_of("in 2 weeks"), ymd(2026, 12, 8));
        assert_eq!(relative_to_as_of("3 days ago"), ymd(2026, 11, 21));
        assert_eq!(relative_to_as_of("2 weeks from now"), ymd(2026, 12, 8));
        assert_eq!(relative_to_as_of("in 3 months"), ymd(2027, 2, 24));
        assert_eq!(relative_to_as_of("in one year"), ymd(2027, 11, 24));
        assert_eq!(relative_to_as_of("end of month"), ymd(2026, 11, 30));
        assert_eq!(relative_to_as_of("EOM"), ymd(2026, 11, 30));
        assert_eq!(relative_to_as_of("end of next month"), ymd(2026, 12, 31));
        assert_eq!(relative_to_as_of("eow"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("end of the week"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("eoy"), ymd(2026, 12, 31));
        assert_eq!(relative_to_as_of("by Friday"), ymd(2026, 11, 27));
    }

    #[test]
    fn weekdays() {
        // From a Tuesday: the coming Friday, whichever word is used.
        assert_eq!(relative_to_as_of("Friday"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("this friday"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("next Friday"), ymd(2026, 11, 27));
        assert_eq!(relative_to_as_of("last friday"), ymd(2026, 11, 20));
        // On the day itself, `this` keeps it and `next`/`last` move a week.
        assert_eq!(relative_to_as_of("tuesday"), ymd(2026, 11, 24));
        assert_eq!(relative_to_as_of("next tue"), ymd(2026, 12, 1));
        assert_eq!(relative_to_as_of("last tuesday"), ymd(2026, 11, 17));
        assert_eq!(relative_to_as_of("next monday"), ymd(2026, 11, 30));
    }

    #[test]
    fn relative_overflow_is_an_error_not_a_panic() {
        let statuses = StatusTable::builtin();
        let ctx = Context {
            date_order: None,
            as_of: NaiveDate::MAX,
            statuses: &statuses,
        };
        assert!(parse_date("tomorrow", &ctx).is_err());
        assert!(parse_date("in 999999 years", &ctx).is_err());
        assert!(parse_date("eom", &ctx).is_err());
    }

    #[test]
    fn dates_written_with_a_time_of_day_are_their_date() {
        let dec1 = ymd(2026, 12, 1);
        for raw in [
            "12/01/2026 17:00:00",
            "Dec 01, 2026 9:00 AM",
            "Dec 1, 2026, 9:00 PM EST",
            "Tue, 01 Dec 2026 00:00:00 GMT",
            "Tue, 01 Dec 2026 00:00:00 +0000",
            "Tue Dec  1 00:00:00 UTC 2026",
            "1 December 2026 9:00am",
            "Dec 1, 2026 at 9:00 AM",
            "2026-12-01 9:00 AM",
            "12/1/2026 9 AM",
            "Dec 1, 2026 9am",
        ] {
            assert_eq!(
                read(raw, Some(DateOrder::Mdy)).unwrap().value,
                Value::Date(dec1),
                "{raw}"
            );
        }
        assert_eq!(date("1 Dec 2026 23:59"), dec1);
        // A time is not a date, nor is a date followed by other words.
        assert!(read("9:00 AM", None).is_err());
        assert!(read("Dec 1, 2026 9:00 AM sharp", None).is_err());
    }

    #[test]
    fn datetimes() {
        let at = |h, m, s| ymd(2026, 11, 20).and_hms_opt(h, m, s).unwrap();
        assert_eq!(parse_datetime("2026-11-20T09:00:00Z"), Some(at(9, 0, 0)));
        assert_eq!(
            parse_datetime("2026-11-20T09:00:00+02:00"),
            Some(at(7, 0, 0))
        );
        assert_eq!(
            parse_datetime("2026-11-20T09:00:00-0530"),
            Some(at(14, 30, 0))
        );
        assert_eq!(parse_datetime("2026-11-20T09:00+01"), Some(at(8, 0, 0)));
        assert_eq!(parse_datetime("2026-11-20 09:00"), Some(at(9, 0, 0)));
        assert_eq!(parse_datetime("2026-11-20T09:00"), Some(at(9, 0, 0)));
        assert_eq!(parse_datetime("2026-11-20 9:05 UTC"), Some(at(9, 5, 0)));
        assert_eq!(
            parse_datetime("2026-11-20T01:00:00+02:00"),
            Some(ymd(2026, 11, 19).and_hms_opt(23, 0, 0).unwrap())
        );
        assert_eq!(
            parse_datetime("2026-11-20T09:00:00.25Z"),
            Some(ymd(2026, 11, 20).and_hms_milli_opt(9, 0, 0, 250).unwrap())
        );
        for bad in [
            "2026-11-20",
            "2026-11-20T",
            "2026-11-20T9",
            "2026-11-20T09:60",
            "2026-11-20T09:00:00.Z",
            "2026-11-20T09:00:00+2:00",
            "2026-11-20T09:00 EST",
            "2026-02-30T09:00",
            "Nov 20, 2026 09:00",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn as_of_values() {
        let midnight = |y, m, d| ymd(y, m, d).and_time(NaiveTime::MIN);
        assert_eq!(parse_as_of("2026-11-20"), Some(midnight(2026, 11, 20)));
        assert_eq!(parse_as_of("Nov 20, 2026"), Some(midnight(2026, 11, 20)));
        assert_eq!(parse_as_of("20/11/2026"), Some(midnight(2026, 11, 20)));
        assert_eq!(
            parse_as_of("2026-11-20T09:00:00Z"),
            ymd(2026, 11, 20).and_hms_opt(9, 0, 0)
        );
        assert_eq!(
            parse_as_of("1764000000"),
            ymd(2025, 11, 24).and_hms_opt(16, 0, 0)
        );
        assert_eq!(
            parse_as_of("1764000000000"),
            ymd(2025, 11, 24).and_hms_opt(16, 0, 0)
        );
        assert_eq!(parse_as_of("03/04/2026"), None);
        assert_eq!(parse_as_of("tomorrow"), None);
        assert_eq!(parse_as_of("12345"), None);
        assert_eq!(parse_as_of(""), None);
    }

    fn ordinal(day: u32) -> &'static str {
        match (day % 10, day % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        }
    }

    /// Every written form, with the order a numeric form needs.
    const FORMATS: &[(&str, Option<DateOrder>)] = &[
        ("%Y-%m-%d", None),
        ("%Y-%m-%dT%H:%M:%SZ", None),
        ("%Y-%m-%dT%H:%M:%S+02:00", None),
        ("%Y-%m-%d %H:%M", None),
        ("%b %-d, %Y", None),
        ("%B %-d, %Y", None),
        ("%-d %b %Y", None),
        ("%-d %B %Y", None),
        ("%e %B %Y", None),
        ("%b %-d %Y", None),
        ("%d-%b-%Y", None),
        ("%Y %b %d", None),
        ("%Y/%m/%d", None),
        ("%Y.%m.%d", None),
        ("%a, %b %-d, %Y", None),
        ("%A %-d %B %Y", None),
        ("%A, %B %-d, %Y", None),
        ("%m/%d/%Y", Some(DateOrder::Mdy)),
        ("%-m/%-d/%Y", Some(DateOrder::Mdy)),
        ("%m-%d-%Y", Some(DateOrder::Mdy)),
        ("%d/%m/%Y", Some(DateOrder::Dmy)),
        ("%-d.%-m.%Y", Some(DateOrder::Dmy)),
        ("%d-%m-%Y", Some(DateOrder::Dmy)),
        ("%d.%m.%Y", Some(DateOrder::Dmy)),
    ];

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let first = ymd(1000, 1, 1).num_days_from_ce();
        let last = ymd(9999, 12, 31).num_days_from_ce();
        (first..=last).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
    }

    proptest! {
        #[test]
        fn every_format_round_trips(d in any_date(), which in 0..FORMATS.len(), upper in any::<bool>()) {
            let (format, order) = FORMATS[which];
            let written = d.and_hms_opt(9, 30, 0).unwrap().format(format).to_string();
            let written = if upper { written.to_uppercase() } else { written };
            let n = read(&written, order).map_err(|e| TestCaseError::fail(format!("{written:?}: {e}")))?;
            prop_assert_eq!(n.value, Value::Date(d), "{:?}", written);
            if let Some(Note::AmbiguousDate { read_as, .. }) = n.note {
                prop_assert_eq!(Some(read_as), order);
            }
        }

        #[test]
        fn ordinals_round_trip(d in any_date(), month_first in any::<bool>()) {
            let written = if month_first {
                format!("{} {}{}, {}", d.format("%B"), d.day(), ordinal(d.day()), d.year())
            } else {
                format!("{}{} of {} {}", d.day(), ordinal(d.day()), d.format("%b"), d.year())
            };
            prop_assert_eq!(plain(&written), d);
        }

        #[test]
        fn ambiguity_is_always_flagged(d in any_date(), dmy in any::<bool>()) {
            let (format, order) = if dmy { ("%d/%m/%Y", DateOrder::Dmy) } else { ("%m/%d/%Y", DateOrder::Mdy) };
            let n = read(&d.format(format).to_string(), Some(order)).unwrap();
            let ambiguous = d.day() <= 12 && d.day() != d.month();
            if ambiguous {
                let other = ymd(d.year(), d.day(), d.month());
                prop_assert_eq!(n.note, Some(Note::AmbiguousDate { other, read_as: order }));
            } else {
                prop_assert_eq!(n.note, None);
            }
        }

        #[test]
        fn datetimes_round_trip(d in any_date(), secs in 0u32..86_400, offset_min in -1439i32..=1439) {
            let local = d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).unwrap());
            let sign = if offset_min < 0 { '-' } else { '+' };
            let abs = offset_min.unsigned_abs();
            let written = format!("{}{sign}{:02}:{:02}", local.format("%Y-%m-%dT%H:%M:%S"), abs / 60, abs % 60);
            let utc = local - Duration::minutes(i64::from(offset_min));
            prop_assert_eq!(parse_datetime(&written), Some(utc));
            prop_assert_eq!(parse_datetime(&local.format("%Y-%m-%dT%H:%M:%S").to_string()), Some(local));
        }

        #[test]
        fn never_panics(s in "\\PC{0,32}", as_of in any_date()) {
            let statuses = StatusTable::builtin();
            let ctx = Context { date_order: None, as_of, statuses: &statuses };
            let _ = parse_date(&s, &ctx);
            let _ = parse_datetime(&s);
            let _ = parse_as_of(&s);
        }

        #[test]
        fn never_panics_on_near_dates(s in "[0-9a-z ,./:+TZ-]{0,24}") {
            let _ = read(&s, Some(DateOrder::Dmy));
            let _ = parse_datetime(&s);
            let _ = parse_as_of(&s);
        }

        #[test]
        fn relative_counts_from_as_of(as_of in any_date(), n in 0u64..1000) {
            let statuses = StatusTable::builtin();
            let ctx = Context { date_order: None, as_of, statuses: &statuses };
            let later = parse_date(&format!("in {n} days"), &ctx).unwrap();
            prop_assert_eq!(later.value, Value::Date(as_of + Days::new(n)));
            prop_assert_eq!(later.note, Some(Note::Relative { from: as_of }));
            let wd = parse_date("next friday", &ctx).unwrap().value;
            let Value::Date(next) = wd else { unreachable!() };
            prop_assert_eq!(next.weekday(), Weekday::Fri);
            prop_assert!(next > as_of && next <= as_of + Days::new(7));
        }
    }
}
