//! The history in plain text: the score's change and trend on the summary
//! line, the "Since Monday 23 November" section, how long each conflict has
//! been open, and the table `briefing history` prints. All of it only when
//! an earlier briefing day was recorded.

use super::doc::{Doc, plural};
use crate::briefing::history::{Changes, ConflictRef, Day, History, sparkline};
use crate::briefing::{Briefing, Conflict};
use chrono::{Datelike, NaiveDate};

/// How many days the summary line's trend shows.
const TREND_DAYS: usize = 14;

/// `Mon 23 Nov`, with the year when it is not `today`'s.
pub fn short_day(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%a %-d %b").to_string()
    } else {
        date.format("%a %-d %b %Y").to_string()
    }
}

/// `Monday 23 November`, with the year when it is not `today`'s.
pub fn long_day(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%A %-d %B").to_string()
    } else {
        date.format("%A %-d %B %Y").to_string()
    }
}

/// `+1`, `-3`, or `±0` (`+-0` in 7-bit text).
pub fn signed(n: i64, ascii: bool) -> String {
    match n {
        0 if ascii => "+-0".to_string(),
        0 => "±0".to_string(),
        n => format!("{n:+}"),
    }
}

/// `Score 69/100, +1 since Mon 23 Nov; last 14: ▂▃▃▄▅▅▆`: the summary
/// line's score with its change and trend.
pub fn score(h: &History, today: NaiveDate, total: u32, ascii: bool) -> String {
    let shown = &h.score_series[h.score_series.len().saturating_sub(TREND_DAYS)..];
    format!(
        "Score {total}/100, {} since {}; last {}: {}",
        signed(h.score_change(), ascii),
        short_day(h.previous, today),
        shown.len(),
        sparkline(shown.iter().map(|&(_, s)| s), ascii)
    )
}

/// `New today`, or `Open 4 mornings, since Fri 20 Nov`.
pub fn age(b: &Briefing, c: &Conflict) -> Option<String> {
    let (since, mornings) = b.history.as_ref()?.age(&c.entity, &c.field)?;
    Some(if since >= b.today {
        "New today".to_string()
    } else {
        format!(
            "Open {}, since {}",
            plural(mornings as usize, "morning", "mornings"),
            short_day(since, b.today)
        )
    })
}

/// "Since Monday 23 November": what changed since the latest earlier day.
pub fn since(doc: &mut Doc, b: &Briefing) {
    let Some(h) = &b.history else {
        return;
    };
    doc.heading(&format!("Since {}", long_day(h.previous, b.today)));
    changes(doc, &h.changes);
}

/// Each kind of change as a list, or one line saying nothing changed.
pub fn changes(doc: &mut Doc, c: &Changes) {
    if c.is_empty() {
        doc.para(0, 0, "Nothing changed.");
        return;
    }
    let what = |r: &ConflictRef| format!("{} ({}) {}", r.entity_name, r.kind, r.field);
    for r in &c.conflicts_new {
        doc.para(
            0,
            4,
            &format!(
                "- New conflict: {} [{}]",
                what(r),
                r.severity.to_uppercase()
            ),
        );
    }
    for r in &c.conflicts_resolved {
        let how = match r.how {
            "settled" => "settled by a decision",
            _ => "the sources agree",
        };
        doc.para(0, 4, &format!("- Resolved: {}: {how}", what(&r.conflict)));
    }
    for v in &c.values_changed {
        let seat = v.seat.as_deref().unwrap_or("an unassigned file");
        let change = match (&v.from, &v.to) {
            (Some(from), Some(to)) => format!("from {from} to {to}"),
            (None, Some(to)) => format!("now writes {to}"),
            (Some(from), None) => format!("no longer writes it (was {from})"),
            (None, None) => continue,
        };
        doc.para(
            0,
            4,
            &format!("- Changed: {seat} on {}: {change}", what(&v.conflict)),
        );
    }
    for e in &c.escalations_opened {
        doc.para(0, 4, &format!("- Escalation opened: \"{}\"", e.name));
    }
    for e in &c.escalations_closed {
        doc.para(0, 4, &format!("- Escalation closed: \"{}\"", e.name));
    }
    for g in &c.gaps_new {
        doc.para(0, 4, &format!("- New gap: {} {}", g.kind, g.subject));
    }
    for g in &c.gaps_fixed {
        doc.para(0, 4, &format!("- Gap fixed: {} {}", g.kind, g.subject));
    }
}

/// `briefing history`: one row per recorded day, then the trend.
/// `database` names where the days were read from, for the empty case.
pub fn table(
    doc: &mut Doc,
    org: &str,
    today: NaiveDate,
    from: NaiveDate,
    days: &[Day],
    database: Option<&str>,
) {
    let org = if org.is_empty() {
        "Morning briefing"
    } else {
        org
    };
    doc.para(
        0,
        0,
        &format!(
            "{org}: history from {} to {}",
            long_day(from, today),
            today.format("%A %-d %B %Y")
        ),
    );
    doc.blank();
    if days.is_empty() {
        let where_ = database.map(|d| format!(" in {d}")).unwrap_or_default();
        doc.para(
            0,
            0,
            &format!("No briefing day recorded{where_} in that time."),
        );
        return;
    }
    doc.line(&format!(
        "{:<16} {:>5}  {:<15} {:>7} {:>5}",
        "DAY", "SCORE", "CONFLICTS", "OVERDUE", "GAPS"
    ));
    for d in days {
        let conflicts = if d.high > 0 {
            format!("{} ({} high)", d.conflicts, d.high)
        } else {
            d.conflicts.to_string()
        };
        doc.line(&format!(
            "{:<16} {:>5}  {:<15} {:>7} {:>5}",
            d.date.format("%a %-d %b %Y").to_string(),
            d.score,
            conflicts,
            d.overdue,
            d.gaps
        ));
    }
    let (first, last) = (&days[0], &days[days.len() - 1]);
    doc.blank();
    doc.para(
        0,
        0,
        &format!(
            "Score {} to {} ({}) over {}: {}",
            first.score,
            last.score,
            signed(i64::from(last.score) - i64::from(first.score), doc.ascii()),
            plural(days.len(), "briefing day", "briefing days"),
            sparkline(days.iter().map(|d| d.score), doc.ascii())
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_are_named_with_the_year_only_when_it_differs() {
        let today = d("2026-11-24");
        assert_eq!(short_day(d("2026-11-23"), today), "Mon 23 Nov");
        assert_eq!(short_day(d("2025-12-31"), today), "Wed 31 Dec 2025");
        assert_eq!(long_day(d("2026-11-20"), today), "Friday 20 November");
    }

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed(1, false), "+1");
        assert_eq!(signed(-3, true), "-3");
        assert_eq!(signed(0, false), "±0");
        assert_eq!(signed(0, true), "+-0");
    }
}
