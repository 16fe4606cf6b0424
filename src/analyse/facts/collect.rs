//! Reading one entity's facts: its records' field values grouped by field,
//! each read into an observation, in canonical order.

use super::currency::{Priced, unify_currency};
use super::event_log::keep_latest_in_logs;
use super::field_types::field_types;
use super::observe::{ReadCache, Readers, observe};
use super::references::References;
use super::{Fact, FactType, Inputs};
use crate::diag::Diagnostic;
use crate::model::{MentionId, Symbol};
use crate::normalize::StatusTable;
use crate::reconcile::EntityId;
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// Reads an entity's facts. Made once per run; [`Collector::entity`] is then
/// called per entity, so the facts of one entity are judged and dropped
/// before the next, and every entity's facts are never held at once.
pub struct Collector<'a> {
    inputs: &'a Inputs<'a>,
    types: FxHashMap<(Symbol, Symbol), (FactType, u32)>,
    references: References<'a>,
    statuses: &'a StatusTable,
}

impl<'a> Collector<'a> {
    pub fn new(inputs: &'a Inputs<'a>, statuses: &'a StatusTable) -> Self {
        Collector {
            inputs,
            types: field_types(inputs),
            references: References::new(inputs.ingested),
            statuses,
        }
    }

    /// Every `kind.field` a fact can have, with its number ([`Fact::pair`]):
    /// the pairs the mentions write.
    pub fn pairs(&self) -> impl Iterator<Item = ((&'a str, &'a str), u32)> + '_ {
        let interner = &self.inputs.ingested.interner;
        self.types
            .iter()
            .map(|(&(kind, field), &(_, key))| ((&interner[kind], &interner[field]), key))
    }

    /// Entity `e`'s facts, sorted by field, each with its values in
    /// canonical order. Values that do not read as their type are reported
    /// in `problems`. `scratch` is reused from entity to entity on a thread.
    pub fn entity(
        &self,
        scratch: &mut Scratch<'a>,
        e: EntityId,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Fact> {
        let inputs = self.inputs;
        let ingested = inputs.ingested;
        let entity = &inputs.reconciled.entities[e.index()];
        let Scratch {
            cache,
            places,
            currencies,
            priced,
        } = scratch;
        // A stable sort by field keeps each field's values in mention
        // order: the canonical order of observations.
        places.clear();
        // Mentions made from references have no fields: only records'.
        for &m in &entity.mentions {
            let Some(mention) = ingested.record(m) else {
                continue;
            };
            for (i, field) in ingested.fields_of(mention).iter().enumerate() {
                let name = &ingested.interner[ingested.field(field)];
                places.push(Place::new(name, m, i as u32));
            }
        }
        places.sort_by(Place::cmp_field);
        let mut found = Vec::with_capacity(places.chunk_by(|a, b| a.same_field(b)).count());
        let readers = Readers {
            statuses: self.statuses,
            references: &self.references,
        };
        for group in places.chunk_by(|a, b| a.same_field(b)) {
            let Place {
                mention: m0,
                index: i0,
                ..
            } = group[0];
            let first = &ingested.fields_of(ingested.own(m0))[i0 as usize];
            let field = ingested.field(first);
            let kind = ingested.own(m0).kind;
            let (value_type, pair) = self.types[&(kind, field)];
            let fact_type = if ingested.refers_to(first).is_some() {
                FactType::Reference
            } else {
                value_type
            };
            let mut observations = Vec::with_capacity(group.len());
            currencies.clear();
            for place in group {
                let (observation, currency) = observe(
                    inputs,
                    &readers,
                    cache,
                    fact_type,
                    place.mention,
                    place.index,
                    problems,
                );
                observations.push(observation);
                currencies.push(currency);
            }
            keep_latest_in_logs(ingested, &mut observations, currencies);
            unify_currency(&mut observations, currencies, priced);
            found.push(Fact {
                entity: e,
                pair,
                field,
                fact_type,
                observations,
            });
        }
        found
    }
}

/// What each thread keeps from one entity to the next: the values already
/// read, buffers for the entity's fields and for the currencies of one
/// fact's values, and the amounts already given a currency.
#[derive(Default)]
pub struct Scratch<'a> {
    cache: ReadCache<'a>,
    places: Vec<Place<'a>>,
    currencies: Vec<Option<CompactString>>,
    priced: Priced,
}

/// One field of one mention, to be sorted by field name. Most names differ
/// in their first eight bytes, so comparing those as one integer settles most
/// comparisons without a call to compare the strings.
#[derive(Clone, Copy)]
struct Place<'a> {
    prefix: u64,
    field: &'a str,
    mention: MentionId,
    index: u32,
}

impl<'a> Place<'a> {
    fn new(field: &'a str, mention: MentionId, index: u32) -> Self {
        // Big-endian, zero-padded: integer order is byte order, and a name
        // shorter than eight bytes sorts before its extensions, as in `str`.
        let mut head = [0u8; 8];
        let n = field.len().min(8);
        head[..n].copy_from_slice(&field.as_bytes()[..n]);
        Place {
            prefix: u64::from_be_bytes(head),
            field,
            mention,
            index,
        }
    }

    /// The same order as comparing the names.
    fn cmp_field(&self, other: &Self) -> std::cmp::Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| self.field.cmp(other.field))
    }

    fn same_field(&self, other: &Self) -> bool {
        self.prefix == other.prefix && self.field == other.field
    }
}
