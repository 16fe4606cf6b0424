//! What every analysis reads: the inputs, the facts, who owns each
//! `kind.field`, and the current (authoritative) value of a fact.

use super::facts::{Fact, Inputs, Observation};
use super::ownership::{Owner, owner_of};
use crate::model::SeatId;
use crate::reconcile::EntityId;
use std::collections::HashMap;

pub struct Model<'a> {
    pub inputs: &'a Inputs<'a>,
    pub facts: &'a [Fact],
    owners: HashMap<(&'a str, &'a str), Owner>,
    by_entity_field: HashMap<(EntityId, &'a str), usize>,
}

impl<'a> Model<'a> {
    pub fn new(inputs: &'a Inputs<'a>, facts: &'a [Fact]) -> Self {
        let mut owners = HashMap::new();
        let mut by_entity_field = HashMap::with_capacity(facts.len());
        for (i, fact) in facts.iter().enumerate() {
            let kind = inputs.reconciled.entities[fact.entity as usize]
                .kind
                .as_str();
            owners
                .entry((kind, fact.field.as_str()))
                .or_insert_with(|| owner_of(&inputs.config.seats, kind, &fact.field));
            by_entity_field.insert((fact.entity, fact.field.as_str()), i);
        }
        Self {
            inputs,
            facts,
            owners,
            by_entity_field,
        }
    }

    pub fn kind_of(&self, fact: &Fact) -> &'a str {
        self.inputs.reconciled.entities[fact.entity as usize]
            .kind
            .as_str()
    }

    /// Who owns `kind.field`, for every pair some state file writes.
    pub fn owners(&self) -> impl Iterator<Item = (&(&'a str, &'a str), &Owner)> {
        self.owners.iter()
    }

    pub fn owner(&self, fact: &'a Fact) -> &Owner {
        &self.owners[&(self.kind_of(fact), fact.field.as_str())]
    }

    pub fn fact(&self, entity: EntityId, field: &str) -> Option<&'a Fact> {
        self.by_entity_field
            .get(&(entity, field))
            .map(|&i| &self.facts[i])
    }

    /// The value to act on: the owner's latest, else the latest trusted.
    pub fn current(&self, fact: &'a Fact) -> Option<&'a Observation> {
        current(fact, self.owner(fact).seat())
    }

    /// The raw text of an observation.
    pub fn raw(&self, o: &Observation) -> &'a str {
        let mention = &self.inputs.ingested.mentions[o.mention as usize];
        &mention.fields[o.field_index].raw
    }

    pub fn seat_name(&self, seat: Option<SeatId>) -> Option<String> {
        seat.map(|s| self.inputs.config.seats[s as usize].name.clone())
    }
}

pub fn current(fact: &Fact, owner: Option<SeatId>) -> Option<&Observation> {
    let trusted = || fact.observations.iter().filter(|o| !o.shadow);
    owner
        .and_then(|s| {
            trusted()
                .filter(|o| o.seat == Some(s))
                .max_by_key(|o| o.as_of)
        })
        .or_else(|| trusted().max_by_key(|o| o.as_of))
}
