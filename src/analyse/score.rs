//! The coordination score, 0–100: the weighted sum of five shares. A share
//! with nothing to measure counts as full; each lists what cost it points.

use super::model::Model;
use super::ownership::Owner;
use crate::briefing::{EscalationView, Score, ScorePart, SeatSummary};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

pub const OWNERSHIP: u32 = 25;
pub const AGREEMENT: u32 = 25;
pub const FOLLOW_THROUGH: u32 = 20;
pub const ACCOUNTABILITY: u32 = 15;
pub const FRESHNESS: u32 = 15;

pub fn score(model: &Model<'_>, seats: &[SeatSummary], escalations: &[EscalationView]) -> Score {
    let parts = vec![
        ownership(model),
        agreement(model),
        follow_through(escalations),
        accountability(seats),
        freshness(seats),
    ];
    let total = parts
        .iter()
        .map(|p| p.weight as f64 * p.share)
        .sum::<f64>()
        .round() as u32;
    Score { total, parts }
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
        share: (share * 1000.0).round() / 1000.0,
        points: (weight as f64 * share * 10.0).round() / 10.0,
        measured: format!("{good} of {total} {what}"),
        items,
    }
}

/// Share of observed facts with exactly one owner; shadow-only facts are
/// not observed by anyone trusted and do not count.
fn ownership(model: &Model<'_>) -> ScorePart {
    // Counted per `(kind, field)` first; the names are formatted once each.
    let mut costly_by_key: FxHashMap<(&str, &str), (usize, &'static str)> = FxHashMap::default();
    let (mut good, mut total) = (0, 0);
    for fact in model
        .facts
        .iter()
        .filter(|f| f.observations.iter().any(|o| !o.shadow))
    {
        total += 1;
        let why = match model.owner(fact) {
            Owner::One(_) => {
                good += 1;
                continue;
            }
            Owner::Many(_) => "owned twice",
            Owner::None => "no owner",
        };
        let entry = costly_by_key
            .entry((model.kind_of(fact), fact.field.as_str()))
            .or_insert((0, why));
        entry.0 += 1;
    }
    let costly: BTreeMap<String, (usize, &'static str)> = costly_by_key
        .into_iter()
        .map(|((kind, field), counted)| (format!("{kind}.{field}"), counted))
        .collect();
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
fn agreement(model: &Model<'_>) -> ScorePart {
    let entities = &model.inputs.reconciled.entities;
    let mut items = Vec::new();
    let (mut good, mut total) = (0, 0);
    for fact in model.facts {
        let mut trusted = fact.observations.iter().filter(|o| !o.shadow);
        let Some(first) = trusted.next() else {
            continue;
        };
        if !trusted.clone().any(|o| o.file != first.file) {
            continue;
        }
        total += 1;
        if trusted.all(|o| o.key == first.key) {
            good += 1;
        } else {
            let values: BTreeSet<&str> = fact
                .observations
                .iter()
                .filter(|o| !o.shadow)
                .map(|o| o.key.as_str())
                .collect();
            items.push(format!(
                "{} {}: {} values",
                entities[fact.entity as usize].name,
                fact.field,
                values.len()
            ));
        }
    }
    part(
        "agreement",
        AGREEMENT,
        good,
        total,
        "multi-source facts agree",
        items,
    )
}

fn follow_through(escalations: &[EscalationView]) -> ScorePart {
    let items: Vec<String> = escalations
        .iter()
        .filter(|e| e.overdue)
        .map(|e| format!("{}: {} days overdue", e.name, e.overdue_days.unwrap_or(0)))
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
    fn weights_add_to_100() {
        assert_eq!(
            OWNERSHIP + AGREEMENT + FOLLOW_THROUGH + ACCOUNTABILITY + FRESHNESS,
            100
        );
    }
}
