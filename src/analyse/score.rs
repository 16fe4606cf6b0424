//! The coordination score, 0–100: the weighted sum of five shares. A share
//! with nothing to measure counts as full; each lists what cost it points.

use super::context::Owners;
use super::ownership::Owner;
use super::tally::{Agreement, Tally};
use crate::briefing::{EscalationView, Score, ScorePart, SeatSummary};
use crate::words::count;
use std::collections::BTreeMap;

pub const OWNERSHIP: u32 = 25;
pub const AGREEMENT: u32 = 25;
pub const FOLLOW_THROUGH: u32 = 20;
pub const ACCOUNTABILITY: u32 = 15;
pub const FRESHNESS: u32 = 15;

pub fn score(
    owners: &Owners,
    tally: &Tally,
    seats: &[SeatSummary],
    escalations: &[EscalationView],
) -> Score {
    let parts = vec![
        ownership(owners, tally),
        agreement(tally),
        follow_through(escalations),
        accountability(seats),
        freshness(seats),
    ];
    let sum = parts.iter().map(|p| p.weight as f64 * p.share).sum::<f64>();
    Score {
        total: below_full(sum.round(), sum, 100.0, 1.0) as u32,
        parts,
    }
}

/// `rounded`, except that a `value` short of `full` never shows as full:
/// 99.5 is 99, not 100, while anything still costs points. It goes one
/// `step` of the rounding below instead.
fn below_full(rounded: f64, value: f64, full: f64, step: f64) -> f64 {
    if value < full && rounded >= full {
        full - step
    } else {
        rounded
    }
}

fn part(
    name: &'static str,
    weight: u32,
    good: usize,
    total: usize,
    what: &str,
    items: Vec<String>,
) -> ScorePart {
    let share = if total == 0 {
        1.0
    } else {
        good as f64 / total as f64
    };
    ScorePart {
        name,
        weight,
        share: below_full((share * 1000.0).round() / 1000.0, share, 1.0, 0.001),
        points: below_full(
            (weight as f64 * share * 10.0).round() / 10.0,
            weight as f64 * share,
            weight as f64,
            0.1,
        ),
        measured: format!("{good} of {total} {what}"),
        items,
    }
}

/// Share of observed facts with exactly one owner; shadow-only facts are
/// not observed by anyone trusted and do not count.
fn ownership(owners: &Owners, tally: &Tally) -> ScorePart {
    let (mut good, mut total) = (0, 0);
    let mut costly: BTreeMap<String, (usize, &'static str)> = BTreeMap::new();
    for (&(kind, field), key, owner) in owners.numbered() {
        let trusted = tally.of_pair(key).map_or(0, |c| c.trusted);
        if trusted == 0 {
            continue;
        }
        total += trusted;
        let why = match owner {
            Owner::One(_) => {
                good += trusted;
                continue;
            }
            Owner::Many(_) => "owned twice",
            Owner::None => "no owner",
        };
        costly.insert(format!("{kind}.{field}"), (trusted, why));
    }
    let items = costly
        .into_iter()
        .map(|(fact, (n, why))| {
            format!(
                "{fact}: {why} ({n} {})",
                if n == 1 { "entity" } else { "entities" }
            )
        })
        .collect();
    part(
        "ownership",
        OWNERSHIP,
        good,
        total,
        "facts have exactly one owner",
        items,
    )
}

/// Share of facts written by more than one trusted source that agree.
fn agreement(tally: &Tally) -> ScorePart {
    let Agreement { good, total, items } = &tally.agreement;
    part(
        "agreement",
        AGREEMENT,
        *good,
        *total,
        "multi-source facts agree",
        items.clone(),
    )
}

fn follow_through(escalations: &[EscalationView]) -> ScorePart {
    let items: Vec<String> = escalations
        .iter()
        .filter(|e| e.overdue)
        .map(|e| {
            format!(
                "{}: {} overdue",
                e.name,
                count(e.overdue_days.unwrap_or(0), "day")
            )
        })
        .collect();
    let good = escalations.len() - items.len();
    part(
        "follow_through",
        FOLLOW_THROUGH,
        good,
        escalations.len(),
        "escalations are not overdue",
        items,
    )
}

fn accountability(seats: &[SeatSummary]) -> ScorePart {
    let mut items = Vec::new();
    for seat in seats {
        match (&seat.owner, &seat.on_failure) {
            (Some(_), Some(_)) => {}
            (None, Some(_)) => items.push(format!("{}: no owner", seat.name)),
            (Some(_), None) => items.push(format!("{}: no failure path", seat.name)),
            (None, None) => items.push(format!("{}: no owner, no failure path", seat.name)),
        }
    }
    let good = seats.len() - items.len();
    part(
        "accountability",
        ACCOUNTABILITY,
        good,
        seats.len(),
        "seats have an owner and a failure path",
        items,
    )
}

fn freshness(seats: &[SeatSummary]) -> ScorePart {
    let items: Vec<String> = seats
        .iter()
        .filter(|s| s.stale)
        .map(|s| {
            format!(
                "{}: stale since {}",
                s.name,
                s.as_of.as_deref().unwrap_or("ever")
            )
        })
        .collect();
    let good = seats.len() - items.len();
    part(
        "freshness",
        FRESHNESS,
        good,
        seats.len(),
        "seats are within their cadence",
        items,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_measure_counts_as_full() {
        let p = part("x", 20, 0, 0, "things", vec![]);
        assert_eq!((p.share, p.points), (1.0, 20.0));
        let p = part("x", 25, 3, 4, "things", vec![]);
        assert_eq!((p.share, p.points), (0.75, 18.8));
    }

    #[test]
    fn short_of_full_never_rounds_up_to_full() {
        assert_eq!(below_full(100.0, 99.5, 100.0, 1.0), 99.0);
        assert_eq!(below_full(100.0, 100.0, 100.0, 1.0), 100.0);
        assert_eq!(below_full(69.0, 68.6, 100.0, 1.0), 69.0);
        let p = part("agreement", 25, 9_999, 10_000, "facts", vec![]);
        assert_eq!((p.share, p.points), (0.999, 24.9));
    }

    #[test]
    fn weights_add_to_100() {
        assert_eq!(
            OWNERSHIP + AGREEMENT + FOLLOW_THROUGH + ACCOUNTABILITY + FRESHNESS,
            100
        );
    }
}
