//! What the history store adds to a briefing: what changed since the latest
//! earlier briefing day, how long each conflict has been open, and the
//! score's trend. Part of the `briefing/1` schema (the `history` member),
//! present only when an earlier day was recorded.

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// A conflict's key in the history: `entity/field`
/// (`project:acme-website-redesign/due_date`). Entity ids may hold `/`;
/// field names never do, so the field is what follows the last one.
pub fn conflict_key(entity: &str, field: &str) -> String {
    format!("{entity}/{field}")
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The latest earlier briefing day, which today is compared with
    /// (Monday's with Friday's when nothing ran over the weekend).
    pub previous: NaiveDate,
    pub previous_score: u32,
    /// Keys of the conflicts open today that the previous day did not have.
    pub new: Vec<String>,
    /// Keys of the conflicts open on the previous day that are not today:
    /// the sources agree, a person settled it, or the fact is gone.
    pub resolved: Vec<String>,
    /// Keys of the conflicts open both days in which a seat's value changed.
    pub changed: Vec<String>,
    /// The same, with names and values, as the text and the terminal UI
    /// say them.
    pub changes: Changes,
    /// When each of today's conflicts was first seen, by key: the first of
    /// the briefing days it has been listed on without a break.
    pub first_seen: BTreeMap<String, NaiveDate>,
    /// How many briefing days each of today's conflicts has been listed
    /// on, today included, by key.
    pub mornings: BTreeMap<String, u32>,
    /// The score of each recorded day, oldest first, today last.
    pub score_series: Vec<(NaiveDate, u32)>,
}

impl History {
    /// `(first seen, mornings)` of a conflict of today's briefing.
    pub fn age(&self, entity: &str, field: &str) -> Option<(NaiveDate, u32)> {
        let key = conflict_key(entity, field);
        Some((*self.first_seen.get(&key)?, *self.mornings.get(&key)?))
    }

    /// Today's score less the previous day's.
    pub fn score_change(&self) -> i64 {
        let today = self.score_series.last().map_or(0, |&(_, s)| s);
        i64::from(today) - i64::from(self.previous_score)
    }
}

/// What changed from one briefing day to the next.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Changes {
    pub conflicts_new: Vec<ConflictRef>,
    pub conflicts_resolved: Vec<Resolved>,
    pub values_changed: Vec<ValueChange>,
    pub escalations_opened: Vec<EscalationRef>,
    pub escalations_closed: Vec<EscalationRef>,
    pub gaps_new: Vec<GapRef>,
    pub gaps_fixed: Vec<GapRef>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.conflicts_new.is_empty()
            && self.conflicts_resolved.is_empty()
            && self.values_changed.is_empty()
            && self.escalations_opened.is_empty()
            && self.escalations_closed.is_empty()
            && self.gaps_new.is_empty()
            && self.gaps_fixed.is_empty()
    }
}

/// A conflict as the history names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictRef {
    /// `entity/field`, as in [`History::new`].
    pub key: String,
    pub entity: String,
    pub entity_name: String,
    pub kind: String,
    pub field: String,
    pub severity: String,
}

/// A conflict that was open and is not any more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Resolved {
    #[serde(flatten)]
    pub conflict: ConflictRef,
    /// `settled` (a person decided it) or `agreed` (it is no longer in
    /// dispute: every source gives one value now, or no source writes the
    /// fact any more).
    pub how: &'static str,
}

/// A seat's value of a conflict open on both days, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueChange {
    #[serde(flatten)]
    pub conflict: ConflictRef,
    /// The seat; `null` for files no seat claims.
    pub seat: Option<String>,
    /// `null` when the seat did not write the fact before.
    pub from: Option<String>,
    /// `null` when the seat no longer writes it.
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationRef {
    pub entity: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GapRef {
    pub kind: String,
    pub subject: String,
    pub detail: String,
}

/// One recorded briefing day, as `briefing history` and the terminal UI's
/// History view list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub score: u32,
    /// Open conflicts.
    pub conflicts: u32,
    /// Open conflicts of high severity.
    pub high: u32,
    /// Open escalations past their deadline.
    pub overdue: u32,
    pub alerts: u32,
    pub gaps: u32,
    pub stale_seats: u32,
}

/// `briefing history --json`: the `briefing-history/1` document.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryReport {
    pub schema: &'static str,
    pub org: String,
    pub today: NaiveDate,
    /// The database read, or `null` when none could be.
    pub database: Option<String>,
    /// The recorded days of the period asked for, oldest first.
    pub days: Vec<Day>,
}

pub const HISTORY_SCHEMA: &str = "briefing-history/1";

/// The trend of `scores` as one character each: the eighths of a block
/// (`▁`…`█`) for 0…100, or with `ascii` the tens digit (`0`…`9`, 100 is
/// `9`).
pub fn sparkline(scores: impl IntoIterator<Item = u32>, ascii: bool) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    scores
        .into_iter()
        .map(|s| {
            let s = s.min(100);
            if ascii {
                char::from(b'0' + (s / 10).min(9) as u8)
            } else {
                BARS[((s * 7 + 50) / 100) as usize]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sparkline_scales_scores_from_0_to_100() {
        assert_eq!(sparkline([0, 50, 69, 100], false), "▁▅▆█");
        assert_eq!(sparkline([0, 50, 69, 100, 250], true), "05699");
        assert_eq!(sparkline([], false), "");
    }

    #[test]
    fn the_key_puts_the_field_after_the_last_slash() {
        assert_eq!(
            conflict_key("project:acme/q1-campaign", "due_date"),
            "project:acme/q1-campaign/due_date"
        );
    }
}
