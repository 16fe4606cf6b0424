//! What every analysis reads: the inputs, the facts, who owns each
//! `kind.field`, and the current (authoritative) value of a fact.

use super::facts::{Fact, Inputs, Observation};
use super::ownership::{Owner, owner_of};
use crate::config::Seat;
use crate::model::{FileId, Ingested, SeatId};
use crate::reconcile::EntityId;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Who owns each `kind.field` the mentions write, numbered as
/// [`Fact::pair`]: known before any fact is read.
pub struct Owners<'a> {
    by_pair: FxHashMap<(&'a str, &'a str), u32>,
    by_number: Vec<Option<Owner>>,
}

impl<'a> Owners<'a> {
    pub fn new(seats: &[Seat], keys: impl Iterator<Item = ((&'a str, &'a str), u32)>) -> Self {
        let mut owners = Owners {
            by_pair: FxHashMap::default(),
            by_number: Vec::new(),
        };
        for ((kind, field), key) in keys {
            let index = key as usize;
            if index >= owners.by_number.len() {
                owners.by_number.resize(index + 1, None);
            }
            owners.by_number[index] = Some(owner_of(seats, kind, field));
            owners.by_pair.insert((kind, field), key);
        }
        owners
    }

    /// Who owns `kind.field`, for every pair some state file writes.
    pub fn iter(&self) -> impl Iterator<Item = (&(&'a str, &'a str), &Owner)> {
        self.by_pair
            .iter()
            .map(|(pair, &key)| (pair, self.of_pair(key)))
    }

    /// As [`Owners::iter`], with each pair's number.
    pub fn numbered(&self) -> impl Iterator<Item = (&(&'a str, &'a str), u32, &Owner)> {
        self.by_pair
            .iter()
            .map(|(pair, &key)| (pair, key, self.of_pair(key)))
    }

    pub fn of_pair(&self, key: u32) -> &Owner {
        self.by_number[key as usize]
            .as_ref()
            .expect("every fact's kind.field has its owner")
    }
}

/// Seat names, their people and file paths, each made once per run as a
/// string every view that names it shares.
pub struct Shared {
    seats: Vec<Arc<str>>,
    people: Vec<Option<Arc<str>>>,
    files: Vec<Arc<str>>,
}

impl Shared {
    pub fn new(seats: &[Seat], ingested: &Ingested) -> Self {
        Shared {
            seats: seats.iter().map(|s| Arc::from(s.name.as_str())).collect(),
            people: seats
                .iter()
                .map(|s| s.owner.as_deref().map(Arc::from))
                .collect(),
            files: ingested
                .files
                .iter()
                .map(|f| Arc::from(f.path.as_str()))
                .collect(),
        }
    }

    pub fn seat(&self, seat: SeatId) -> &Arc<str> {
        &self.seats[seat.index()]
    }

    pub fn person(&self, seat: SeatId) -> Option<&Arc<str>> {
        self.people[seat.index()].as_ref()
    }

    pub fn file(&self, file: FileId) -> &Arc<str> {
        &self.files[file.index()]
    }
}

/// What the analyses read about one entity: its facts, with the inputs and
/// the owners of every `kind.field`.
pub struct Context<'a> {
    pub inputs: &'a Inputs<'a>,
    /// One entity's facts, sorted by field, as
    /// [`Collector::entity`](super::facts::Collector::entity) makes them: a
    /// fact is found by binary search.
    pub facts: &'a [Fact],
    pub owners: &'a Owners<'a>,
    pub shared: &'a Shared,
}

impl<'a> Context<'a> {
    pub fn kind_of(&self, fact: &Fact) -> &'a str {
        let kind = self.inputs.reconciled.entities[fact.entity.index()].kind;
        &self.inputs.ingested.interner[kind]
    }

    /// The fact's field name.
    pub fn field_of(&self, fact: &Fact) -> &'a str {
        &self.inputs.ingested.interner[fact.field]
    }

    pub fn owner(&self, fact: &'a Fact) -> &'a Owner {
        self.owners.of_pair(fact.pair)
    }

    pub fn fact(&self, entity: EntityId, field: &str) -> Option<&'a Fact> {
        self.facts
            .binary_search_by(|f| (f.entity, self.field_of(f)).cmp(&(entity, field)))
            .ok()
            .map(|i| &self.facts[i])
    }

    /// The value to act on: the owner's latest, else the latest trusted.
    pub fn current(&self, fact: &'a Fact) -> Option<&'a Observation> {
        current(fact, self.owner(fact).seat())
    }

    /// The raw text of an observation.
    pub fn raw(&self, o: &Observation) -> &'a str {
        let ingested = self.inputs.ingested;
        let mention = ingested.own(o.mention);
        ingested.raw(
            mention,
            &ingested.fields_of(mention)[o.field_index as usize],
        )
    }

    pub fn seat_name(&self, seat: Option<SeatId>) -> Option<String> {
        seat.map(|s| self.inputs.config.seats[s.index()].name.clone())
    }
}

/// A seat's records speak for it before its prose restates them; among
/// either, the latest does.
pub fn current(fact: &Fact, owner: Option<SeatId>) -> Option<&Observation> {
    let trusted = || fact.observations.iter().filter(|o| !o.shadow);
    owner
        .and_then(|s| {
            trusted()
                .filter(|o| o.seat == Some(s))
                .max_by_key(|o| (!o.prose, o.as_of))
        })
        .or_else(|| trusted().max_by_key(|o| (!o.prose, o.as_of)))
}
