//! What every analysis reads: the inputs, the facts, who owns each
//! `kind.field`, and the current (authoritative) value of a fact.

use super::facts::{Fact, Inputs, Observation};
use super::ownership::{Owner, owner_of};
use crate::model::SeatId;
use crate::reconcile::EntityId;
use rustc_hash::FxHashMap;

pub struct Model<'a> {
    pub inputs: &'a Inputs<'a>,
    /// Sorted by entity, then field: [`facts::collect`](super::facts::collect)
    /// makes them in that order, so a fact is found by binary search.
    pub facts: &'a [Fact],
    owners: FxHashMap<(&'a str, &'a str), u32>,
    /// Indexed by [`Fact::key`]: looked up for most facts, so by number.
    owner_by_key: Vec<Option<Owner>>,
}

impl<'a> Model<'a> {
    pub fn new(inputs: &'a Inputs<'a>, facts: &'a [Fact]) -> Self {
        debug_assert!(facts.is_sorted_by_key(|f| (f.entity, f.field.as_str())));
        let mut owners = FxHashMap::default();
        let mut owner_by_key: Vec<Option<Owner>> = Vec::new();
        for fact in facts {
            let key = fact.key as usize;
            if key >= owner_by_key.len() {
                owner_by_key.resize(key + 1, None);
            }
            if owner_by_key[key].is_some() {
                continue;
            }
            let kind = inputs.reconciled.entities[fact.entity as usize]
                .kind
                .as_str();
            owner_by_key[key] = Some(owner_of(&inputs.config.seats, kind, &fact.field));
            owners.insert((kind, fact.field.as_str()), fact.key);
        }
        Self {
            inputs,
            facts,
            owners,
            owner_by_key,
        }
    }

    pub fn kind_of(&self, fact: &Fact) -> &'a str {
        self.inputs.reconciled.entities[fact.entity as usize]
            .kind
            .as_str()
    }

    /// Who owns `kind.field`, for every pair some state file writes.
    pub fn owners(&self) -> impl Iterator<Item = (&(&'a str, &'a str), &Owner)> {
        self.owners
            .iter()
            .map(|(pair, &key)| (pair, self.owner_of_key(key)))
    }

    pub fn owner(&self, fact: &'a Fact) -> &Owner {
        self.owner_of_key(fact.key)
    }

    fn owner_of_key(&self, key: u32) -> &Owner {
        self.owner_by_key[key as usize]
            .as_ref()
            .expect("every fact's kind.field has its owner")
    }

    pub fn fact(&self, entity: EntityId, field: &str) -> Option<&'a Fact> {
        self.facts
            .binary_search_by(|f| (f.entity, f.field.as_str()).cmp(&(entity, field)))
            .ok()
            .map(|i| &self.facts[i])
    }

    /// The value to act on: the owner's latest, else the latest trusted.
    pub fn current(&self, fact: &'a Fact) -> Option<&'a Observation> {
        current(fact, self.owner(fact).seat())
    }

    /// The raw text of an observation.
    pub fn raw(&self, o: &Observation) -> &'a str {
        let mention = &self.inputs.ingested.mentions[o.mention as usize];
        &mention.fields[o.field_index as usize].raw
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
