//! Facts: every value each source gives for one field of one entity,
//! normalised to its type so agreement can be tested by equality.
//!
//! The [`Collector`] (`collect.rs`) reads one entity's facts at a time: it
//! numbers and types each `kind.field` once per run (`field_types.rs`),
//! reads each field value into an [`Observation`] (`observe.rs`), finding
//! the entity a referring field resolves to (`references.rs`), then keeps
//! only an event log's latest value (`event_log.rs`) and gives amounts a
//! currency when one is in play (`currency.rs`).

use crate::config::Config;
use crate::model::{FileId, Ingested, MentionId, SeatId, Symbol};
use crate::normalize::{FieldType, Note};
use crate::reconcile::{EntityId, Reconciled};
use crate::vocab::Vocab;
use chrono::{NaiveDate, NaiveDateTime};
use std::sync::Arc;

mod collect;
mod currency;
mod event_log;
mod field_types;
mod observe;
mod references;

pub use collect::{Collector, Scratch};
pub use observe::order_words;

/// The type a fact is compared as: a value type, or the entity a reference
/// resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactType {
    Value(FieldType),
    Reference,
}

impl FactType {
    pub fn as_str(self) -> &'static str {
        match self {
            FactType::Value(t) => t.as_str(),
            FactType::Reference => "reference",
        }
    }
}

/// A normalised value. Shared rather than copied: the same dates and
/// statuses recur across thousands of values, and values read from the same
/// cache then compare by pointer first. Not interned process-wide: that
/// table would hold every distinct value of the run until it ends, megabytes
/// in a large organisation, where these are freed with the analysis.
pub type Normal = Arc<str>;

#[derive(Debug, Clone)]
pub struct Observation {
    pub mention: MentionId,
    pub field_index: u32,
    /// The mention's file, kept here because it is asked for often and the
    /// mention is rarely in cache by then.
    pub file: FileId,
    pub seat: Option<SeatId>,
    pub shadow: bool,
    /// Read from a prose bullet rather than a record.
    pub prose: bool,
    /// The normalised value; two values agree when these are equal.
    pub normal: Normal,
    /// For severity: the date, when the value is one.
    pub date: Option<NaiveDate>,
    /// The amount, when the value is one.
    amount: Option<f64>,
    pub note: Option<Note>,
    pub as_of: Option<NaiveDateTime>,
}

impl Observation {
    pub fn amount(&self) -> Option<f64> {
        self.amount
    }
}

#[derive(Debug, Clone)]
pub struct Fact {
    pub entity: EntityId,
    /// Numbers the fact's `kind.field`: facts of the same kind and field,
    /// and only those, share it, so they are grouped by indexing, not by
    /// hashing the names. Which number a pair gets means nothing.
    pub pair: u32,
    /// In [`Ingested::interner`].
    pub field: Symbol,
    pub fact_type: FactType,
    /// In canonical order; in an event log only the latest value per file.
    pub observations: Vec<Observation>,
}

pub struct Inputs<'a> {
    pub ingested: &'a Ingested,
    pub reconciled: &'a Reconciled,
    pub config: &'a Config,
    pub vocab: &'a Vocab,
    pub today: NaiveDate,
    /// What findings call each entity.
    pub labels: &'a crate::analyse::labels::Labels,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only one entity's observations per thread are held at once, but every
    /// field of every record is read into one: its size is memory traffic.
    #[test]
    fn an_observation_stays_small() {
        assert!(std::mem::size_of::<Observation>() <= 72);
    }
}
