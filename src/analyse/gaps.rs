//! Gaps: where the organisation around the agents is vague. Each says what
//! is wrong in a sentence a manager understands and, where one applies, the
//! line of `briefing.toml` to change.

use super::context::Owners;
use super::ownership::Owner;
use super::tally::Tally;
use crate::briefing::{Conflict, EscalationView, FileSummary, Gap, Ownership, SeatSummary};
use crate::config::Config;
use crate::model::SeatId;
use crate::words::count;
use std::collections::{BTreeMap, BTreeSet};

pub struct Found<'a> {
    pub seats: &'a [SeatSummary],
    pub files: &'a [FileSummary],
    pub conflicts: &'a [Conflict],
    pub escalations: &'a [EscalationView],
}

pub fn find(config: &Config, owners: &Owners, tally: &Tally, found: &Found<'_>) -> Vec<Gap> {
    let mut gaps = Vec::new();
    ownership_gaps(config, owners, tally, &mut gaps);
    seat_gaps(config, found.seats, &mut gaps);
    for file in found.files.iter().filter(|f| f.seat.is_none()) {
        gaps.push(Gap {
            kind: "unassigned_file",
            subject: file.path.clone(),
            detail: format!(
                "No seat claims {}: no [[seat]] files glob matches it and it names no seat, so nobody answers for its {}.",
                file.path,
                if file.mentions == 1 { "1 record".to_string() } else { format!("{} records", file.mentions) }
            ),
            config_line: None,
        });
    }
    for e in found.escalations.iter().filter(|e| e.overdue) {
        gaps.push(Gap {
            kind: "overdue_escalation",
            subject: e.entity.clone(),
            detail: format!(
                "{} raised \"{}\"{} and it is {} overdue{}; escalate_to {} never acted on it.",
                e.seat.as_deref().unwrap_or("An unassigned file"),
                e.name,
                e.age_days
                    .map(|d| format!(" {} ago", count(d, "day")))
                    .unwrap_or_default(),
                count(e.overdue_days.unwrap_or(0), "day"),
                if e.reports > 1 {
                    format!(", reported {} times", e.reports)
                } else {
                    String::new()
                },
                e.escalate_to.as_deref().unwrap_or("(nobody)")
            ),
            config_line: e
                .seat
                .as_deref()
                .and_then(|s| config.seat(s))
                .map(|s| s.line),
        });
    }
    dissent(found.conflicts, config, &mut gaps);
    gaps.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
    gaps
}

/// ownerless_fact, double_owner and owner_silent, one per `kind.field`.
fn ownership_gaps(config: &Config, owners: &Owners, tally: &Tally, gaps: &mut Vec<Gap>) {
    let list = |seats: &BTreeSet<SeatId>| -> String {
        let names: Vec<&str> = seats
            .iter()
            .map(|&s| config.seats[s.index()].name.as_str())
            .collect();
        names.join(", ")
    };
    // Who wrote a fact: its trusted seats, else the shadow seats that did
    // (named as such: their values are shown but never trusted), else
    // files no seat claims.
    let names = |seats: &BTreeSet<SeatId>, shadows: &BTreeSet<SeatId>| -> String {
        match (seats.len(), shadows.len()) {
            (0, 0) => "only unassigned files".to_string(),
            (0, 1) => format!("only the shadow seat {}", list(shadows)),
            (0, _) => format!("only the shadow seats {}", list(shadows)),
            _ => list(seats),
        }
    };
    let mut owners: Vec<_> = owners.numbered().collect();
    owners.sort_by_key(|(k, _, _)| **k);
    // Double ownership grouped by the clashing patterns: one `campaign.*`
    // claimed twice is one thing to fix, however many fields it covers.
    let mut doubles: BTreeMap<Vec<(SeatId, String, u32)>, Vec<&str>> = BTreeMap::new();
    for (&(kind, field), key, owner) in owners {
        let Some(counted) = tally.of_pair(key) else {
            continue;
        };
        let subject = format!("{kind}.{field}");
        let seats: BTreeSet<SeatId> = (0..counted.wrote.len())
            .filter(|&s| counted.wrote[s])
            .map(SeatId::new)
            .collect();
        let shadows: BTreeSet<SeatId> = (0..counted.shadow_wrote.len())
            .filter(|&s| counted.shadow_wrote[s])
            .map(SeatId::new)
            .collect();
        let count = counted.facts;
        match owner {
            Owner::None => gaps.push(Gap {
                kind: "ownerless_fact",
                subject: subject.clone(),
                detail: format!(
                    "No seat owns {subject}, written for {count} {} by {}: when they disagree nobody decides. Add it to one seat's owns.",
                    if count == 1 { "entity" } else { "entities" },
                    names(&seats, &shadows)
                ),
                config_line: None,
            }),
            Owner::Many(claimants) => {
                let patterns: Vec<(SeatId, String, u32)> = claimants
                    .iter()
                    .filter_map(|&s| {
                        let seat = &config.seats[s.index()];
                        let best = seat
                            .owns
                            .iter()
                            .filter(|o| o.pattern.matches(kind, field))
                            .max_by_key(|o| o.pattern.specificity())?;
                        Some((s, best.pattern.to_string(), best.line))
                    })
                    .collect();
                doubles.entry(patterns).or_default().push(field);
            }
            Owner::One(s) if !seats.contains(s) && !seats.is_empty() => {
                let seat = &config.seats[s.index()];
                gaps.push(Gap {
                    kind: "owner_silent",
                    subject: subject.clone(),
                    detail: format!(
                        "{} owns {subject} but never writes it, while {} {}: the owner's value is missing wherever it matters.",
                        seat.name,
                        names(&seats, &shadows),
                        if seats.len() == 1 { "does" } else { "do" }
                    ),
                    config_line: seat
                        .owns
                        .iter()
                        .find(|o| o.pattern.matches(kind, field))
                        .map(|o| o.line),
                });
            }
            Owner::One(_) => {}
        }
    }
    for (patterns, fields) in doubles {
        let seats: Vec<&str> = patterns
            .iter()
            .map(|(s, _, _)| config.seats[s.index()].name.as_str())
            .collect();
        let pattern_texts: BTreeSet<&str> = patterns.iter().map(|(_, p, _)| p.as_str()).collect();
        let subject = pattern_texts.into_iter().collect::<Vec<_>>().join(" / ");
        let covers = if subject.ends_with(".*") {
            format!(
                " ({} {}: {})",
                fields.len(),
                if fields.len() == 1 { "field" } else { "fields" },
                fields.join(", ")
            )
        } else {
            String::new()
        };
        gaps.push(Gap {
            kind: "double_owner",
            subject: subject.clone(),
            detail: format!(
                "{} {} own {subject}{covers} at the same specificity, so none is authoritative. Keep it on one seat.",
                seats.join(" and "),
                if seats.len() == 2 { "both" } else { "all" }
            ),
            config_line: patterns.iter().map(|(_, _, l)| *l).max(),
        });
    }
}

fn seat_gaps(config: &Config, seats: &[SeatSummary], gaps: &mut Vec<Gap>) {
    for (seat, summary) in config.seats.iter().zip(seats) {
        if seat.owner.is_none() {
            gaps.push(Gap {
                kind: "seat_without_owner",
                subject: seat.name.clone(),
                detail: format!(
                    "Seat {} has no accountable human: set owner on its [[seat]].",
                    seat.name
                ),
                config_line: Some(seat.line),
            });
        }
        if seat.on_failure.is_none() {
            gaps.push(Gap {
                kind: "seat_without_failure_path",
                subject: seat.name.clone(),
                detail: format!(
                    "Seat {} has no written failure path: nobody knows what happens when it breaks. Set on_failure.",
                    seat.name
                ),
                config_line: Some(seat.line),
            });
        }
        if summary.stale {
            let last = match (&summary.as_of, summary.files) {
                (_, 0) => "it has no state files at all".to_string(),
                (Some(t), _) => format!("its newest state is from {t}"),
                (None, _) => "its files carry no time".to_string(),
            };
            let cadence = summary
                .cadence
                .as_deref()
                .map(|c| format!(", though it should update every {c}"))
                .unwrap_or_default();
            gaps.push(Gap {
                kind: "stale_seat",
                subject: seat.name.clone(),
                detail: format!("Seat {} is stale: {last}{cadence}.", seat.name),
                config_line: Some(seat.line),
            });
        }
    }
}

/// One gap per seat and fact where the seat's value differs from the owner's.
fn dissent(conflicts: &[Conflict], config: &Config, gaps: &mut Vec<Gap>) {
    let mut by: BTreeMap<(String, String), Vec<&Conflict>> = BTreeMap::new();
    for c in conflicts.iter().filter(|c| c.ownership == Ownership::Owned) {
        for seat in &c.dissenters {
            by.entry((seat.clone(), format!("{}.{}", c.kind, c.field)))
                .or_default()
                .push(c);
        }
    }
    for ((seat, fact), list) in by {
        let owner = list[0].owner.as_deref().unwrap_or("the owner");
        let names: Vec<&str> = list.iter().map(|c| c.entity_name.as_str()).collect();
        gaps.push(Gap {
            kind: "dissent",
            subject: format!("{seat} on {fact}"),
            detail: format!(
                "{seat} disagrees with {owner}, which owns {fact}, on {}: it should read the owner's value, not keep its own.",
                names.join(", ")
            ),
            config_line: config.seat(&seat).map(|s| s.line),
        });
    }
}
