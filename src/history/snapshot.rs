//! A briefing day as the history keeps it, and what changed from one day
//! to the next. Pure: the store reads and writes snapshots, this makes
//! them from a briefing and compares them.

use crate::analyse::{Earlier, EarlierEscalation};
use crate::briefing::history::{
    Changes, ConflictRef, Day, EscalationRef, GapRef, History, Resolved, ValueChange, conflict_key,
};
use crate::briefing::{Briefing, Conflict, Severity};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// What a briefing said on one day: the score and its parts, and each
/// conflict, escalation, alert, gap and stale seat. Each list is sorted by
/// its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub day: Day,
    pub parts: Vec<Part>,
    pub conflicts: Vec<ConflictSnap>,
    pub escalations: Vec<EscalationSnap>,
    pub alerts: Vec<AlertSnap>,
    pub gaps: Vec<GapSnap>,
    pub stale_seats: Vec<StaleSnap>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub weight: u32,
    pub share: f64,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConflictSnap {
    pub entity: String,
    pub field: String,
    pub entity_name: String,
    pub kind: String,
    pub severity: String,
    pub owner: Option<String>,
    pub owner_value: Option<String>,
    /// A person settled it and no value changed since.
    pub decided: bool,
    /// Each trusted value by seat (`None` for files no seat claims); a
    /// seat's several values are joined by ` | `.
    pub values: BTreeMap<Option<String>, String>,
    pub first_seen: NaiveDate,
    /// Briefing days it has been listed on, this one included.
    pub mornings: u32,
}

impl ConflictSnap {
    pub fn key(&self) -> String {
        conflict_key(&self.entity, &self.field)
    }

    pub fn open(&self) -> bool {
        !self.decided
    }

    fn reference(&self) -> ConflictRef {
        ConflictRef {
            key: self.key(),
            entity: self.entity.clone(),
            entity_name: self.entity_name.clone(),
            kind: self.kind.clone(),
            field: self.field.clone(),
            severity: self.severity.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EscalationSnap {
    pub entity: String,
    pub name: String,
    pub open: bool,
    pub overdue: bool,
    pub raised: Option<NaiveDate>,
    pub age_days: Option<i64>,
    /// The first day of its streak, up to its last report.
    pub streak_since: Option<NaiveDate>,
    pub first_seen: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AlertSnap {
    pub name: String,
    pub entity: String,
    pub entity_name: String,
    pub pct: f64,
    pub first_seen: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapSnap {
    pub kind: String,
    pub subject: String,
    pub detail: String,
    pub first_seen: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleSnap {
    pub seat: String,
    pub as_of: Option<String>,
    pub first_seen: NaiveDate,
}

/// The day's row of the history table, counted from `briefing`.
pub fn day_of(b: &Briefing) -> Day {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let open = || b.conflicts.iter().filter(|c| c.open());
    Day {
        date: b.today,
        score: b.score.total,
        conflicts: count(open().count()),
        high: count(open().filter(|c| c.severity == Severity::High).count()),
        overdue: count(b.escalations.iter().filter(|e| e.overdue).count()),
        alerts: count(b.alerts.len()),
        gaps: count(b.gaps.len()),
        stale_seats: count(b.seats.iter().filter(|s| s.stale).count()),
    }
}

impl Snapshot {
    /// `b` as the history keeps it. `before` is the latest earlier
    /// snapshot: what it listed too keeps its first-seen date, and a
    /// conflict counts one more morning.
    pub fn of(b: &Briefing, before: Option<&Snapshot>) -> Snapshot {
        let today = b.today;
        let mut conflicts: Vec<ConflictSnap> = b
            .conflicts
            .iter()
            .map(|c| conflict_snap(c, today))
            .collect();
        conflicts.sort_by(|a, b| (&a.entity, &a.field).cmp(&(&b.entity, &b.field)));
        conflicts.dedup_by(|a, b| a.entity == b.entity && a.field == b.field);
        let mut escalations: Vec<EscalationSnap> = b
            .escalations
            .iter()
            .map(|e| EscalationSnap {
                entity: e.entity.clone(),
                name: e.name.clone(),
                open: e.status == crate::briefing::EscalationStatus::Open,
                overdue: e.overdue,
                raised: e.raised,
                age_days: e.age_days,
                streak_since: streak_since(e),
                first_seen: today,
            })
            .collect();
        escalations.sort_by(|a, b| a.entity.cmp(&b.entity));
        escalations.dedup_by(|a, b| a.entity == b.entity);
        let mut alerts: Vec<AlertSnap> = b
            .alerts
            .iter()
            .map(|a| AlertSnap {
                name: a.name.clone(),
                entity: a.entity.clone(),
                entity_name: a.entity_name.clone(),
                pct: a.pct,
                first_seen: today,
            })
            .collect();
        alerts.sort_by(|a, b| (&a.name, &a.entity).cmp(&(&b.name, &b.entity)));
        alerts.dedup_by(|a, b| a.name == b.name && a.entity == b.entity);
        // A gap is known by its kind and subject: its sentence holds counts
        // that move from day to day.
        let mut gaps: Vec<GapSnap> = b
            .gaps
            .iter()
            .map(|g| GapSnap {
                kind: g.kind.to_string(),
                subject: g.subject.clone(),
                detail: g.detail.clone(),
                first_seen: today,
            })
            .collect();
        gaps.sort_by(|a, b| (&a.kind, &a.subject).cmp(&(&b.kind, &b.subject)));
        gaps.dedup_by(|a, b| a.kind == b.kind && a.subject == b.subject);
        let stale_seats = b
            .seats
            .iter()
            .filter(|s| s.stale)
            .map(|s| {
                let stale = StaleSnap {
                    seat: s.name.clone(),
                    as_of: s.as_of.clone(),
                    first_seen: today,
                };
                (s.name.clone(), stale)
            })
            .collect::<BTreeMap<_, _>>()
            .into_values()
            .collect();
        let mut snapshot = Snapshot {
            day: day_of(b),
            parts: b
                .score
                .parts
                .iter()
                .map(|p| Part {
                    name: p.name.to_string(),
                    weight: p.weight,
                    share: p.share,
                    points: p.points,
                })
                .collect(),
            conflicts,
            escalations,
            alerts,
            gaps,
            stale_seats,
        };
        if let Some(before) = before {
            snapshot.carry_over(before);
        }
        snapshot
    }

    /// Takes first-seen dates (and a conflict's mornings) from `before`
    /// for whatever it listed too.
    fn carry_over(&mut self, before: &Snapshot) {
        let conflicts: BTreeMap<(&str, &str), &ConflictSnap> = before
            .conflicts
            .iter()
            .map(|c| ((c.entity.as_str(), c.field.as_str()), c))
            .collect();
        for c in &mut self.conflicts {
            if let Some(old) = conflicts.get(&(c.entity.as_str(), c.field.as_str())) {
                c.first_seen = old.first_seen;
                c.mornings = old.mornings.saturating_add(1);
            }
        }
        carry(&mut self.escalations, &before.escalations);
        carry(&mut self.alerts, &before.alerts);
        carry(&mut self.gaps, &before.gaps);
        carry(&mut self.stale_seats, &before.stale_seats);
    }

    /// What this day saw of escalations, for the next day's analysis: each
    /// one's first day, and where the streak of those still open began.
    pub fn earlier(&self) -> Earlier {
        let mut earlier = Earlier::default();
        for e in &self.escalations {
            earlier.insert(
                e.entity.clone(),
                EarlierEscalation {
                    first_seen: e.first_seen,
                    streak_since: e.streak_since.filter(|_| e.open),
                },
            );
        }
        earlier
    }
}

/// An item of a snapshot that keeps the day it was first seen.
trait Seen {
    fn key(&self) -> (&str, &str);
    fn first_seen(&mut self) -> &mut NaiveDate;
    fn seen(&self) -> NaiveDate;
}

impl Seen for EscalationSnap {
    fn key(&self) -> (&str, &str) {
        (&self.entity, "")
    }
    fn first_seen(&mut self) -> &mut NaiveDate {
        &mut self.first_seen
    }
    fn seen(&self) -> NaiveDate {
        self.first_seen
    }
}

impl Seen for AlertSnap {
    fn key(&self) -> (&str, &str) {
        (&self.name, &self.entity)
    }
    fn first_seen(&mut self) -> &mut NaiveDate {
        &mut self.first_seen
    }
    fn seen(&self) -> NaiveDate {
        self.first_seen
    }
}

impl Seen for GapSnap {
    fn key(&self) -> (&str, &str) {
        (&self.kind, &self.subject)
    }
    fn first_seen(&mut self) -> &mut NaiveDate {
        &mut self.first_seen
    }
    fn seen(&self) -> NaiveDate {
        self.first_seen
    }
}

impl Seen for StaleSnap {
    fn key(&self) -> (&str, &str) {
        (&self.seat, "")
    }
    fn first_seen(&mut self) -> &mut NaiveDate {
        &mut self.first_seen
    }
    fn seen(&self) -> NaiveDate {
        self.first_seen
    }
}

/// Each item of `now` that `before` has too takes its first-seen date.
fn carry<T: Seen>(now: &mut [T], before: &[T]) {
    let seen: BTreeMap<(&str, &str), NaiveDate> = before
        .iter()
        .map(|item| (item.key(), item.seen()))
        .collect();
    for item in now {
        if let Some(&d) = seen.get(&item.key()) {
            *item.first_seen() = d;
        }
    }
}

fn conflict_snap(c: &Conflict, today: NaiveDate) -> ConflictSnap {
    let mut by_seat: BTreeMap<Option<String>, BTreeSet<&str>> = BTreeMap::new();
    for v in c.values.iter().filter(|v| !v.shadow) {
        by_seat
            .entry(v.seat.as_deref().map(str::to_string))
            .or_default()
            .insert(&v.value);
    }
    ConflictSnap {
        entity: c.entity.clone(),
        field: c.field.clone(),
        entity_name: c.entity_name.clone(),
        kind: c.kind.clone(),
        severity: c.severity.as_str().to_string(),
        owner: c.owner.clone(),
        owner_value: c.owner_value.clone(),
        decided: !c.open(),
        values: by_seat
            .into_iter()
            .map(|(seat, values)| (seat, values.into_iter().collect::<Vec<_>>().join(" | ")))
            .collect(),
        first_seen: today,
        mornings: 1,
    }
}

/// The first day of an escalation's streak: its last report less the
/// streak's days.
fn streak_since(e: &crate::briefing::EscalationView) -> Option<NaiveDate> {
    let last = e.last_reported.as_deref()?.get(..10)?;
    let last = NaiveDate::parse_from_str(last, "%Y-%m-%d").ok()?;
    let days = i64::from(e.streak_days.max(1)) - 1;
    last.checked_sub_signed(chrono::Duration::days(days))
}

/// What changed from `before` to `now`.
pub fn compare(before: &Snapshot, now: &Snapshot) -> Changes {
    let then: BTreeMap<(&str, &str), &ConflictSnap> = before
        .conflicts
        .iter()
        .map(|c| ((c.entity.as_str(), c.field.as_str()), c))
        .collect();
    let today: BTreeMap<(&str, &str), &ConflictSnap> = now
        .conflicts
        .iter()
        .map(|c| ((c.entity.as_str(), c.field.as_str()), c))
        .collect();
    let mut changes = Changes::default();
    for (key, c) in &today {
        match then.get(key) {
            None if c.open() => changes.conflicts_new.push(c.reference()),
            Some(old) if old.open() && c.open() => {
                let seats: BTreeSet<&Option<String>> =
                    old.values.keys().chain(c.values.keys()).collect();
                for seat in seats {
                    let (from, to) = (old.values.get(seat), c.values.get(seat));
                    if from != to {
                        changes.values_changed.push(ValueChange {
                            conflict: c.reference(),
                            seat: seat.clone(),
                            from: from.cloned(),
                            to: to.cloned(),
                        });
                    }
                }
            }
            Some(old) if old.open() && !c.open() => changes.conflicts_resolved.push(Resolved {
                conflict: old.reference(),
                how: "settled",
            }),
            _ => {}
        }
    }
    for (key, old) in &then {
        if old.open() && !today.contains_key(key) {
            changes.conflicts_resolved.push(Resolved {
                conflict: old.reference(),
                how: "agreed",
            });
        }
    }
    changes
        .conflicts_resolved
        .sort_by(|a, b| a.conflict.key.cmp(&b.conflict.key));

    let open_then: BTreeMap<&str, &EscalationSnap> = before
        .escalations
        .iter()
        .filter(|e| e.open)
        .map(|e| (e.entity.as_str(), e))
        .collect();
    let open_now: BTreeMap<&str, &EscalationSnap> = now
        .escalations
        .iter()
        .filter(|e| e.open)
        .map(|e| (e.entity.as_str(), e))
        .collect();
    let reference = |e: &EscalationSnap| EscalationRef {
        entity: e.entity.clone(),
        name: e.name.clone(),
    };
    changes.escalations_opened = open_now
        .iter()
        .filter(|(k, _)| !open_then.contains_key(*k))
        .map(|(_, e)| reference(e))
        .collect();
    changes.escalations_closed = open_then
        .iter()
        .filter(|(k, _)| !open_now.contains_key(*k))
        .map(|(_, e)| reference(e))
        .collect();

    let gaps = |s: &Snapshot| -> BTreeMap<(String, String), GapRef> {
        s.gaps
            .iter()
            .map(|g| {
                let r = GapRef {
                    kind: g.kind.clone(),
                    subject: g.subject.clone(),
                    detail: g.detail.clone(),
                };
                ((g.kind.clone(), g.subject.clone()), r)
            })
            .collect()
    };
    let (gaps_then, gaps_now) = (gaps(before), gaps(now));
    changes.gaps_new = gaps_now
        .iter()
        .filter(|(k, _)| !gaps_then.contains_key(*k))
        .map(|(_, g)| g.clone())
        .collect();
    changes.gaps_fixed = gaps_then
        .iter()
        .filter(|(k, _)| !gaps_now.contains_key(*k))
        .map(|(_, g)| g.clone())
        .collect();
    changes
}

/// The history a briefing shows: `now` compared with `before`, with the
/// scores of the recorded days (`series`, oldest first, days before
/// `now`'s only).
pub fn history(before: &Snapshot, now: &Snapshot, series: &[(NaiveDate, u32)]) -> History {
    let changes = compare(before, now);
    let keys = |list: &mut dyn Iterator<Item = String>| {
        let mut keys: Vec<String> = list.collect();
        keys.sort();
        keys.dedup();
        keys
    };
    let mut score_series: Vec<(NaiveDate, u32)> = series
        .iter()
        .copied()
        .filter(|&(d, _)| d < now.day.date)
        .collect();
    score_series.push((now.day.date, now.day.score));
    History {
        previous: before.day.date,
        previous_score: before.day.score,
        new: keys(&mut changes.conflicts_new.iter().map(|c| c.key.clone())),
        resolved: keys(
            &mut changes
                .conflicts_resolved
                .iter()
                .map(|r| r.conflict.key.clone()),
        ),
        changed: keys(
            &mut changes
                .values_changed
                .iter()
                .map(|v| v.conflict.key.clone()),
        ),
        first_seen: now
            .conflicts
            .iter()
            .map(|c| (c.key(), c.first_seen))
            .collect(),
        mornings: now
            .conflicts
            .iter()
            .map(|c| (c.key(), c.mornings))
            .collect(),
        score_series,
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn conflict(entity: &str, values: &[(&str, &str)], decided: bool) -> ConflictSnap {
        ConflictSnap {
            entity: entity.into(),
            field: "due_date".into(),
            entity_name: entity.into(),
            kind: "project".into(),
            severity: "high".into(),
            owner: None,
            owner_value: None,
            decided,
            values: values
                .iter()
                .map(|(s, v)| (Some(s.to_string()), v.to_string()))
                .collect(),
            first_seen: d("2026-11-20"),
            mornings: 1,
        }
    }

    fn day(date: &str, conflicts: Vec<ConflictSnap>, gaps: &[&str]) -> Snapshot {
        Snapshot {
            day: Day {
                date: d(date),
                score: 60,
                conflicts: 0,
                high: 0,
                overdue: 0,
                alerts: 0,
                gaps: 0,
                stale_seats: 0,
            },
            parts: vec![],
            conflicts,
            escalations: vec![],
            alerts: vec![],
            gaps: gaps
                .iter()
                .map(|g| GapSnap {
                    kind: "dissent".into(),
                    subject: g.to_string(),
                    detail: String::new(),
                    first_seen: d(date),
                })
                .collect(),
            stale_seats: vec![],
        }
    }

    #[test]
    fn new_resolved_settled_and_changed_values() {
        let before = day(
            "2026-11-20",
            vec![
                conflict("a", &[("x", "1"), ("y", "2")], false),
                conflict("b", &[("x", "1"), ("y", "2")], false),
                conflict("c", &[("x", "1"), ("y", "2")], false),
            ],
            &["old", "kept"],
        );
        let now = day(
            "2026-11-23",
            vec![
                conflict("a", &[("x", "1"), ("y", "3"), ("z", "4")], false),
                conflict("c", &[("x", "1"), ("y", "2")], true),
                conflict("d", &[("x", "1"), ("y", "2")], false),
            ],
            &["kept", "fresh"],
        );
        let c = compare(&before, &now);
        let keys = |list: &[ConflictRef]| list.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&c.conflicts_new), ["d/due_date"]);
        let resolved: Vec<(String, &str)> = c
            .conflicts_resolved
            .iter()
            .map(|r| (r.conflict.key.clone(), r.how))
            .collect();
        assert_eq!(
            resolved,
            [
                ("b/due_date".to_string(), "agreed"),
                ("c/due_date".to_string(), "settled")
            ]
        );
        let changed: Vec<(Option<&str>, Option<&str>, Option<&str>)> = c
            .values_changed
            .iter()
            .map(|v| (v.seat.as_deref(), v.from.as_deref(), v.to.as_deref()))
            .collect();
        assert_eq!(
            changed,
            [
                (Some("y"), Some("2"), Some("3")),
                (Some("z"), None, Some("4"))
            ]
        );
        let subjects = |gaps: &[GapRef]| gaps.iter().map(|g| g.subject.clone()).collect::<Vec<_>>();
        assert_eq!(subjects(&c.gaps_new), ["fresh"]);
        assert_eq!(subjects(&c.gaps_fixed), ["old"]);
        assert!(compare(&now, &now).is_empty());
    }

    #[test]
    fn what_was_listed_before_keeps_its_first_day_and_counts_a_morning() {
        let before = day(
            "2026-11-20",
            vec![conflict("a", &[("x", "1"), ("y", "2")], false)],
            &["kept"],
        );
        let mut now = day(
            "2026-11-23",
            vec![
                conflict("a", &[("x", "1"), ("y", "2")], false),
                conflict("b", &[("x", "1"), ("y", "2")], false),
            ],
            &["kept", "fresh"],
        );
        for c in &mut now.conflicts {
            c.first_seen = d("2026-11-23");
        }
        now.carry_over(&before);
        let ages: Vec<(NaiveDate, u32)> = now
            .conflicts
            .iter()
            .map(|c| (c.first_seen, c.mornings))
            .collect();
        assert_eq!(ages, [(d("2026-11-20"), 2), (d("2026-11-23"), 1)]);
        assert_eq!(now.gaps[0].first_seen, d("2026-11-20"));
        assert_eq!(now.gaps[1].first_seen, d("2026-11-23"));
        let h = history(&before, &now, &[(d("2026-11-20"), 60)]);
        assert_eq!(h.new, ["b/due_date"]);
        assert_eq!(h.mornings["a/due_date"], 2);
        assert_eq!(
            h.score_series,
            [(d("2026-11-20"), 60), (d("2026-11-23"), 60)]
        );
    }
}
