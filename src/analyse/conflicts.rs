//! Disputed facts: values that differ after normalisation, with the owner's
//! value, the dissenters, how urgent it is and who must decide.

use super::context::Context;
use super::facts::{Fact, FactType, Inputs, Observation, order_words};
use super::ownership::Owner;
use crate::briefing::{Conflict, Ownership, Severity, Stamp, ValueView};
use crate::config::Seat;
use crate::model::SeatId;
use crate::normalize::{DateOrder, FieldType, Note};
use crate::permute;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::Arc;

/// Dates this close (or past) make a dispute urgent.
const URGENT_DAYS: i64 = 7;
const SOON_DAYS: i64 = 30;
/// Amounts this far apart, as a share of the larger, are serious.
const WIDE_SPREAD: f64 = 0.20;
const NOTABLE_SPREAD: f64 = 0.05;

/// The disputes among facts judged by [`judge`], taken in fact order.
#[derive(Default)]
pub struct Disputes {
    pub conflicts: Vec<Conflict>,
    pub shadow: Vec<Conflict>,
    /// Per conflict, its earliest trusted date.
    earliest: Vec<Option<NaiveDate>>,
}

impl Disputes {
    pub fn add(&mut self, judged: Judged) {
        match judged {
            Judged::Conflict(conflict, earliest) => {
                self.earliest.push(earliest);
                self.conflicts.push(conflict);
            }
            Judged::Shadow(conflict) => self.shadow.push(conflict),
        }
    }

    /// The conflicts most severe first and, among equals, the nearest date
    /// first, else in fact order. Reordered in place and trimmed: they are
    /// held to the end of the run.
    pub fn ordered(mut self) -> Self {
        let keys: Vec<(Severity, Option<NaiveDate>)> = self
            .conflicts
            .iter()
            .zip(&self.earliest)
            .map(|(c, &earliest)| (c.severity, earliest))
            .collect();
        let to = permute::places(&keys, |a, b| {
            b.0.cmp(&a.0)
                .then_with(|| a.1.is_none().cmp(&b.1.is_none()))
                .then_with(|| a.1.cmp(&b.1))
        });
        permute::permute(&mut self.conflicts, &to);
        self.conflicts.shrink_to_fit();
        self.shadow.shrink_to_fit();
        self.earliest = Vec::new();
        self
    }
}

/// A disputed fact: a conflict with its earliest trusted date, or a
/// disagreement that only shadow seats raise.
pub enum Judged {
    Conflict(Conflict, Option<NaiveDate>),
    Shadow(Conflict),
}

pub fn judge(fact: &Fact, context: &Context<'_>) -> Option<Judged> {
    // Most facts agree: tell apart without collecting the distinct values.
    let mut trusted = fact.observations.iter().filter(|o| !o.shadow);
    let first_trusted = trusted.next().map(|o| &o.normal);
    let trusted_differ = first_trusted.is_some_and(|k| trusted.any(|o| o.normal != *k));
    if trusted_differ {
        let earliest = fact
            .observations
            .iter()
            .filter(|o| !o.shadow)
            .filter_map(|o| o.date)
            .min();
        Some(Judged::Conflict(build(fact, context), earliest))
    } else if first_trusted
        .or(fact.observations.first().map(|o| &o.normal))
        .is_some_and(|k| fact.observations.iter().any(|o| o.normal != *k))
    {
        // At most one trusted value, and some other (shadow) value.
        Some(Judged::Shadow(build(fact, context)))
    } else {
        None
    }
}

fn build(fact: &Fact, context: &Context<'_>) -> Conflict {
    let inputs = context.inputs;
    let Inputs {
        ingested,
        reconciled,
        config,
        today,
        ..
    } = inputs;
    let seats = &config.seats;
    let entity = &reconciled.entities[fact.entity.index()];
    let owner = context.owner(fact).clone();
    let owner_seat = owner.seat();
    // The owner's records speak for it before its prose restates them.
    let owner_obs = owner_seat.and_then(|s| {
        fact.observations
            .iter()
            .filter(|o| o.seat == Some(s))
            .max_by(|a, b| (!a.prose, a.as_of).cmp(&(!b.prose, b.as_of)))
    });
    let owner_value = owner_obs.map(|o| o.normal.to_string());
    let seat_name = |s: Option<SeatId>| s.map(|s| seats[s.index()].name.clone());

    let mut values: Vec<ValueView> = fact
        .observations
        .iter()
        .map(|o| {
            let mention = ingested.own(o.mention);
            let field = &ingested.fields_of(mention)[o.field_index as usize];
            let shared = context.shared;
            ValueView {
                seat: o.seat.map(|s| Arc::clone(shared.seat(s))),
                person: o.seat.and_then(|s| shared.person(s).cloned()),
                value: Arc::clone(&o.normal),
                raw: ingested.raw(mention, field).to_string(),
                file: Arc::clone(shared.file(mention.file)),
                line: field.pos.line,
                column: (field.pos.column > 0).then_some(field.pos.column),
                as_of: o.as_of.map(Stamp),
                note: value_note(o),
                prose: o.prose,
                shadow: o.shadow,
                authoritative: owner_seat.is_some()
                    && o.seat == owner_seat
                    && owner_value.as_deref() == Some(&*o.normal),
            }
        })
        .collect();
    // The owner's value first: it is the one to keep unless proven wrong.
    values.sort_by_key(|v| !v.authoritative);

    let dissenters: Vec<String> = match &owner_value {
        Some(value) => fact
            .observations
            .iter()
            .filter(|o| !o.shadow && o.seat != owner_seat && *o.normal != **value)
            .map(|o| seat_name(o.seat).unwrap_or_else(|| "(unassigned)".to_string()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        None => Vec::new(),
    };
    let claimants: Vec<String> = match &owner {
        Owner::Many(list) => list
            .iter()
            .map(|&s| seats[s.index()].name.clone())
            .collect(),
        _ => Vec::new(),
    };
    let ownership = match owner {
        Owner::One(_) => Ownership::Owned,
        Owner::Many(_) => Ownership::DoubleOwner,
        Owner::None => Ownership::Ownerless,
    };
    let owner_config = owner_seat.map(|s| &seats[s.index()]);
    let (kind, field) = (context.kind_of(fact), context.field_of(fact));
    let fact_name = format!("{kind}.{field}");
    let mut notes = notes(fact, inputs);
    if let (Some(seat), None) = (owner_config, &owner_value) {
        notes.push(format!(
            "{} owns {fact_name} but none of its files state it",
            seat.name
        ));
    }
    let trusted: Vec<&Observation> = fact.observations.iter().filter(|o| !o.shadow).collect();
    let owner_date = owner_obs.and_then(|o| o.date);
    let mut severity = base_severity(fact.fact_type, &trusted, owner_date, *today);
    if ownership != Ownership::Owned {
        severity = severity.raised();
    }
    Conflict {
        entity: entity.id.to_string(),
        entity_name: inputs.labels.of(fact.entity, entity),
        kind: kind.to_string(),
        field: field.to_string(),
        field_type: fact.fact_type.as_str(),
        severity,
        ownership,
        owner: owner_config.map(|s| s.name.clone()),
        owner_person: owner_config.and_then(|s| s.owner.clone()),
        owner_value,
        decide: decide(&fact_name, owner_config, &claimants, seats),
        claimants,
        dissenters,
        values,
        notes,
        on_failure: owner_config.and_then(|s| s.on_failure.clone()),
        escalate_to: owner_config.and_then(|s| s.escalate_to.clone()),
        decision: None,
    }
}

/// Dates: how soon the owner's date falls (the earliest date without an
/// owner). Amounts: how far apart they are. Other values: medium, text low.
fn base_severity(
    fact_type: FactType,
    trusted: &[&Observation],
    owner_date: Option<NaiveDate>,
    today: NaiveDate,
) -> Severity {
    if let Some(date) = owner_date.or_else(|| trusted.iter().filter_map(|o| o.date).min()) {
        let days = (date - today).num_days();
        return if days <= URGENT_DAYS {
            Severity::High
        } else if days <= SOON_DAYS {
            Severity::Medium
        } else {
            Severity::Low
        };
    }
    let amounts: Vec<f64> = trusted.iter().filter_map(|o| o.amount()).collect();
    if amounts.len() >= 2 {
        let max = amounts.iter().copied().fold(f64::MIN, f64::max);
        let min = amounts.iter().copied().fold(f64::MAX, f64::min);
        let scale = max.abs().max(min.abs());
        let spread = if scale > 0.0 {
            (max - min) / scale
        } else {
            0.0
        };
        return if spread >= WIDE_SPREAD {
            Severity::High
        } else if spread >= NOTABLE_SPREAD {
            Severity::Medium
        } else {
            Severity::Low
        };
    }
    match fact_type {
        FactType::Value(FieldType::Text | FieldType::Person) => Severity::Low,
        _ => Severity::Medium,
    }
}

fn decide(fact_name: &str, owner: Option<&Seat>, claimants: &[String], seats: &[Seat]) -> String {
    let person = |seat: &Seat| match &seat.owner {
        Some(p) => format!("{p} ({})", seat.name),
        None => format!("{} (a seat with no owner)", seat.name),
    };
    if let Some(seat) = owner {
        return match &seat.owner {
            Some(p) => format!("{p} decides: {} owns {fact_name}", seat.name),
            None => format!(
                "{} owns {fact_name} but has no owner: name one in briefing.toml",
                seat.name
            ),
        };
    }
    if !claimants.is_empty() {
        let people: Vec<String> = claimants
            .iter()
            .filter_map(|c| seats.iter().find(|s| &s.name == c))
            .map(person)
            .collect();
        return format!(
            "{} {} own {fact_name}: they settle it and give it to one seat in briefing.toml",
            people.join(" and "),
            if people.len() == 2 { "both" } else { "all" }
        );
    }
    format!(
        "No seat owns {fact_name}: whoever runs briefing.toml assigns it to one seat, and that seat's owner decides"
    )
}

/// What a reader should know about how one value was read, shown beside
/// it: a date given without a year, and the year it was given.
fn value_note(o: &Observation) -> Option<String> {
    match &o.note {
        Some(Note::YearFromAsOf { from }) => Some(format!(
            "no year given: read as {}, the nearest its as-of date {}",
            o.normal,
            from.format("%Y-%m-%d")
        )),
        _ => None,
    }
}

/// Hints that help settle it: a date that agrees when read the other way,
/// a relative date and what it counted from.
fn notes(fact: &Fact, inputs: &Inputs<'_>) -> Vec<String> {
    let mut notes = Vec::new();
    for o in &fact.observations {
        let mention = inputs.ingested.own(o.mention);
        let raw = inputs.ingested.raw(
            mention,
            &inputs.ingested.fields_of(mention)[o.field_index as usize],
        );
        match &o.note {
            Some(Note::AmbiguousDate { other, read_as }) => {
                let other_key = other.format("%Y-%m-%d").to_string();
                let agrees = fact.observations.iter().any(|x| *x.normal == *other_key);
                let who = o.seat.map_or("an unassigned file", |s| {
                    inputs.config.seats[s.index()].name.as_str()
                });
                if agrees {
                    let (fix, written) = match read_as {
                        DateOrder::Mdy => ("dmy", "day first"),
                        DateOrder::Dmy => ("mdy", "month first"),
                    };
                    notes.push(format!(
                        "`{raw}` from {who} was read {} as {}; read {written} it is {other_key}, which another \
                         source gives. If {who} writes dates {written}, set date_order = \"{fix}\" on its [[seat]]",
                        order_words(*read_as),
                        o.normal
                    ));
                }
            }
            Some(Note::Relative { from }) => notes.push(format!(
                "`{raw}` is relative; counted from its as-of date {}",
                from.format("%Y-%m-%d")
            )),
            Some(Note::YearFromAsOf { .. }) | None => {}
        }
    }
    notes
}
