//! What the gaps and the score count over every fact, gathered entity by
//! entity: facts are read and judged one entity at a time and then dropped,
//! so these counts are all that is kept of them.

use super::context::Context;
use super::facts::{Fact, FactType};
use crate::model::{MentionId, SeatId};
use std::collections::BTreeSet;

/// One entity's share of the [`Tally`].
pub struct EntityTally {
    /// Per fact: its `kind.field` number and whether a trusted seat wrote it.
    facts: Vec<(u32, bool)>,
    /// Which seats wrote which `kind.field`, and whether the seat is a
    /// shadow, each once.
    writers: Vec<(u32, SeatId, bool)>,
    agreement: Agreement,
}

impl EntityTally {
    pub fn new(context: &Context<'_>) -> Self {
        let mut tally = EntityTally {
            facts: Vec::with_capacity(context.facts.len()),
            writers: Vec::new(),
            agreement: Agreement::default(),
        };
        for fact in context.facts {
            let mut trusted = fact.observations.iter().filter(|o| !o.shadow);
            tally
                .facts
                .push((fact.pair, trusted.clone().next().is_some()));
            tally.writers.extend(
                fact.observations
                    .iter()
                    .filter_map(|o| Some((fact.pair, o.seat?, o.shadow))),
            );
            tally.writers.extend(nested_writers(context, fact));
            let Some(first) = trusted.next() else {
                continue;
            };
            if !trusted.clone().any(|o| o.file != first.file) {
                continue;
            }
            tally.agreement.total += 1;
            if trusted.all(|o| o.normal == first.normal) {
                tally.agreement.good += 1;
            } else {
                let values: BTreeSet<&str> = fact
                    .observations
                    .iter()
                    .filter(|o| !o.shadow)
                    .map(|o| &*o.normal)
                    .collect();
                let entity = &context.inputs.reconciled.entities[fact.entity.index()];
                tally.agreement.items.push(format!(
                    "{} {}: {} values",
                    context.inputs.labels.of(fact.entity, entity),
                    context.field_of(fact),
                    values.len()
                ));
            }
        }
        tally.writers.sort_unstable();
        tally.writers.dedup();
        tally
    }
}

/// For a reference fact (`client` of a project), the seats that write the
/// entity nested under a record of the kind referred to: nesting a project
/// under its client gives it that `client` as surely as the field would,
/// so such a seat writes the reference.
fn nested_writers<'a>(
    context: &'a Context<'_>,
    fact: &'a Fact,
) -> impl Iterator<Item = (u32, SeatId, bool)> + 'a {
    let ingested = context.inputs.ingested;
    let seats = &context.inputs.config.seats;
    let referred = (fact.fact_type == FactType::Reference)
        .then(|| fact.observations.first())
        .flatten()
        .and_then(|o| {
            let record = ingested.record(o.mention)?;
            ingested.refers_to(ingested.fields_of(record).get(o.field_index as usize)?)
        });
    let mentions = match referred {
        Some(_) => &context.inputs.reconciled.entities[fact.entity.index()].mentions[..],
        None => &[],
    };
    mentions.iter().filter_map(move |&m: &MentionId| {
        let record = ingested.record(m)?;
        let parent = record.parent?;
        if Some(ingested.mention(parent).kind()) != referred {
            return None;
        }
        let seat = ingested.files[record.file.index()].seat?;
        Some((fact.pair, seat, seats[seat.index()].shadow))
    })
}

/// Facts written by more than one trusted source: how many, how many agree,
/// and a line for each that does not.
#[derive(Default)]
pub struct Agreement {
    pub good: usize,
    pub total: usize,
    pub items: Vec<String>,
}

/// The counts per `kind.field` (by [`Fact::pair`](super::facts::Fact::pair)).
#[derive(Clone, Default)]
pub struct PairCount {
    /// Entities with the fact.
    pub facts: usize,
    /// Of those, the facts some trusted seat wrote.
    pub trusted: usize,
    /// Per seat: whether it wrote the fact for any entity (a shadow seat
    /// never counts here).
    pub wrote: Vec<bool>,
    /// Per seat: whether it wrote the fact as a shadow seat.
    pub shadow_wrote: Vec<bool>,
}

/// Counts over every fact of every entity.
#[derive(Default)]
pub struct Tally {
    pub facts: usize,
    pub per_pair: Vec<PairCount>,
    pub agreement: Agreement,
}

impl Tally {
    /// Adds one entity's share; entities are added in order, so the
    /// agreement's lines are in fact order.
    pub fn add(&mut self, entity: EntityTally, seats: usize) {
        self.facts += entity.facts.len();
        for (key, trusted) in entity.facts {
            let count = self.count(key, seats);
            count.facts += 1;
            count.trusted += usize::from(trusted);
        }
        for (key, seat, shadow) in entity.writers {
            let count = self.count(key, seats);
            if shadow {
                count.shadow_wrote[seat.index()] = true;
            } else {
                count.wrote[seat.index()] = true;
            }
        }
        self.agreement.good += entity.agreement.good;
        self.agreement.total += entity.agreement.total;
        self.agreement.items.extend(entity.agreement.items);
    }

    fn count(&mut self, key: u32, seats: usize) -> &mut PairCount {
        let key = key as usize;
        if key >= self.per_pair.len() {
            self.per_pair.resize_with(key + 1, PairCount::default);
        }
        let count = &mut self.per_pair[key];
        if count.wrote.is_empty() {
            count.wrote = vec![false; seats];
            count.shadow_wrote = vec![false; seats];
        }
        count
    }

    pub fn of_pair(&self, key: u32) -> Option<&PairCount> {
        self.per_pair.get(key as usize).filter(|c| c.facts > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(facts: &[(u32, bool)], writers: &[(u32, usize)], items: &[&str]) -> EntityTally {
        EntityTally {
            facts: facts.to_vec(),
            writers: writers
                .iter()
                .map(|&(k, s)| (k, SeatId::new(s), s == SHADOW))
                .collect(),
            agreement: Agreement {
                good: 1,
                total: 1 + items.len(),
                items: items.iter().map(ToString::to_string).collect(),
            },
        }
    }

    /// The seat the tests' writers treat as a shadow.
    const SHADOW: usize = 3;

    #[test]
    fn entities_add_up_per_kind_and_field() {
        let mut tally = Tally::default();
        tally.add(entity(&[(0, true), (2, false)], &[(0, 1)], &["a"]), 4);
        let writers = [(0, 2), (2, 0), (2, SHADOW)];
        tally.add(entity(&[(0, false)], &writers, &["b", "c"]), 4);
        assert_eq!(tally.facts, 3);
        let zero = tally.of_pair(0).unwrap();
        assert_eq!((zero.facts, zero.trusted), (2, 1));
        assert_eq!(zero.wrote, [false, true, true, false]);
        assert_eq!(zero.shadow_wrote, [false; 4]);
        let two = tally.of_pair(2).unwrap();
        assert_eq!((two.facts, two.trusted), (1, 0));
        assert_eq!(two.wrote, [true, false, false, false]);
        assert_eq!(two.shadow_wrote, [false, false, false, true]);
        // A number no fact has counts as no `kind.field` at all.
        assert!(tally.of_pair(1).is_none());
        assert!(tally.of_pair(7).is_none());
        let Agreement { good, total, items } = &tally.agreement;
        assert_eq!((*good, *total), (2, 5));
        assert_eq!(items, &["a", "b", "c"]);
    }
}
