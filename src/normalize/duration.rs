//! Intervals for `cadence` and escalation `sla`: `1d`, `48h`, `30m`,
//! `1w`, `90 min`, `2 days`, `1 week`, `1d 12h`, `1.5h`, `daily`, and ISO
//! 8601 `P2D` / `PT48H` / `P1DT12H`.
//!
//! Months and years are refused: they have no fixed length, and a cadence
//! that silently meant 30 days would be wrong in February. `m` is minutes.
//! A bare number is refused too, since nothing says whether `2` is hours
//! or days.

use chrono::Duration;

const UNITS: &[(&[&str], i64)] = &[
    (&["s", "sec", "secs", "second", "seconds"], 1),
    (&["m", "min", "mins", "minute", "minutes"], 60),
    (&["h", "hr", "hrs", "hour", "hours"], 3_600),
    (&["d", "day", "days"], 86_400),
    (&["w", "wk", "wks", "week", "weeks"], 604_800),
];

const WORDS: &[(&str, i64)] = &[("hourly", 3_600), ("daily", 86_400), ("weekly", 604_800)];

pub fn parse_duration(raw: &str) -> Option<Duration> {
    let s = raw.trim().to_lowercase();
    if let Some(&(_, secs)) = WORDS.iter().find(|(w, _)| *w == s) {
        return Some(Duration::seconds(secs));
    }
    if let Some(iso) = s.strip_prefix('p') {
        return parse_iso(iso);
    }
    parse_pairs(&s)
}

/// `1d 12h`, `90 min`, `1 day, 12 hours`: number–unit pairs, summed.
fn parse_pairs(s: &str) -> Option<Duration> {
    let mut total_ms: i128 = 0;
    let mut rest = s.trim();
    let mut pairs = 0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .unwrap_or(rest.len());
        let number = &rest[..num_len];
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = rest[unit_len..].trim_start_matches([' ', ',']);
        rest = rest.strip_prefix("and ").unwrap_or(rest).trim_start();
        let secs = UNITS.iter().find(|(names, _)| names.contains(&unit))?.1;
        total_ms = total_ms.checked_add(millis(number, secs)?)?;
        pairs += 1;
    }
    if pairs == 0 {
        return None;
    }
    to_duration(total_ms)
}

/// `P[nW][nD][T[nH][nM][nS]]`; designators must come in that order.
fn parse_iso(s: &str) -> Option<Duration> {
    let mut total_ms: i128 = 0;
    let mut in_time = false;
    let mut last_rank = 0;
    let mut rest = s;
    let mut parts = 0;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('t') {
            if in_time {
                return None;
            }
            in_time = true;
            rest = after;
            continue;
        }
        let num_len = rest.find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')?;
        let number = rest[..num_len].replace(',', ".");
        let designator = rest[num_len..].chars().next()?;
        rest = &rest[num_len + designator.len_utf8()..];
        let (rank, secs) = match (in_time, designator) {
            (false, 'w') => (1, 604_800),
            (false, 'd') => (2, 86_400),
            (true, 'h') => (3, 3_600),
            (true, 'm') => (4, 60),
            (true, 's') => (5, 1),
            _ => return None,
        };
        if rank <= last_rank {
            return None;
        }
        last_rank = rank;
        total_ms = total_ms.checked_add(millis(&number, secs)?)?;
        parts += 1;
    }
    // `P`, `PT` and a `T` with nothing after it say nothing.
    if parts == 0 || (in_time && last_rank < 3) {
        return None;
    }
    to_duration(total_ms)
}

/// `number` units of `unit_secs` seconds, in milliseconds. Integer
/// arithmetic so `1.5h` is exactly 90 minutes.
fn millis(number: &str, unit_secs: i64) -> Option<i128> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if (int.is_empty() && frac.is_empty()) || frac.len() > 9 || int.len() > 15 {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let scale = 10i128.pow(frac.len() as u32);
    let unit_ms = i128::from(unit_secs) * 1000;
    Some(int * unit_ms + frac_value * unit_ms / scale)
}

fn to_duration(ms: i128) -> Option<Duration> {
    Duration::try_milliseconds(i64::try_from(ms).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hours(h: i64) -> Option<Duration> {
        Some(Duration::hours(h))
    }

    #[test]
    fn short_forms() {
        assert_eq!(parse_duration("1d"), hours(24));
        assert_eq!(parse_duration("2d"), hours(48));
        assert_eq!(parse_duration("48h"), hours(48));
        assert_eq!(parse_duration("30m"), Some(Duration::minutes(30)));
        assert_eq!(parse_duration("1w"), hours(168));
        assert_eq!(parse_duration("45s"), Some(Duration::seconds(45)));
        assert_eq!(parse_duration(" 1D "), hours(24));
    }

    #[test]
    fn words_and_compounds() {
        assert_eq!(parse_duration("90 min"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("2 days"), hours(48));
        assert_eq!(parse_duration("1 week"), hours(168));
        assert_eq!(parse_duration("1d 12h"), hours(36));
        assert_eq!(parse_duration("1d12h"), hours(36));
        assert_eq!(parse_duration("1 day, 12 hours"), hours(36));
        assert_eq!(parse_duration("1 day and 12 hours"), hours(36));
        assert_eq!(parse_duration("1.5h"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("daily"), hours(24));
        assert_eq!(parse_duration("Weekly"), hours(168));
        assert_eq!(parse_duration("0d"), Some(Duration::zero()));
    }

    #[test]
    fn iso_8601() {
        assert_eq!(parse_duration("P2D"), hours(48));
        assert_eq!(parse_duration("PT48H"), hours(48));
        assert_eq!(parse_duration("P1DT12H"), hours(36));
        assert_eq!(parse_duration("P1W"), hours(168));
        assert_eq!(parse_duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(parse_duration("PT0,5H"), Some(Duration::minutes(30)));
    }

    #[test]
    fn refuses_what_has_no_fixed_length_or_unit() {
        for bad in [
            "",
            "2",
            "d",
            "1 month",
            "1y",
            "P1M",
            "P1Y",
            "P",
            "PT",
            "P1H",
            "PT1D",
            "P1DT",
            "PT1M1H",
            "1x",
            "-1d",
            "1..5h",
            "1d d",
            "soon",
            "1e3s",
            "99999999999999999999d",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,24}") {
            let _ = parse_duration(&s);
        }

        #[test]
        fn never_panics_on_near_durations(s in "[pPtT0-9.,dhmswDHMSW ]{0,16}") {
            let _ = parse_duration(&s);
        }

        #[test]
        fn whole_units_round_trip(n in 0i64..100_000, unit in 0usize..5) {
            let (names, secs) = UNITS[unit];
            prop_assert_eq!(parse_duration(&format!("{n}{}", names[0])), Some(Duration::seconds(n * secs)));
            prop_assert_eq!(parse_duration(&format!("{n} {}", names[names.len() - 1])), Some(Duration::seconds(n * secs)));
        }
    }
}
