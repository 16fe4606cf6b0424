//! The type each `kind.field` is compared as, and its number.

use super::{FactType, Inputs};
use crate::model::{Mention, Symbol};
use crate::normalize::{self, FieldType};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// How many values of an untyped field are looked at to guess its type.
const GUESS_SAMPLE: usize = 200;

/// Configured or built-in type, else guessed from a sample of the values;
/// and the number of the `kind.field` (see [`Fact::pair`]). Keyed by the
/// interned kind and field, which hash and compare as pointers.
pub(super) fn field_types(inputs: &Inputs<'_>) -> FxHashMap<(Symbol, Symbol), (FactType, u32)> {
    let ingested = inputs.ingested;
    let sample = |run: &[Mention]| {
        let mut samples = Samples::default();
        for mention in run {
            for field in ingested.fields_of(mention) {
                let pair = (mention.kind, ingested.field(field));
                let sample = samples.entry(pair).or_default();
                if sample.values.len() < GUESS_SAMPLE {
                    sample.values.push(ingested.raw(mention, field));
                }
                sample.unit = sample.unit.or(ingested.interner.unit(field.name));
            }
        }
        samples
    };
    // Sampled in runs of mentions on all threads, then joined in mention
    // order: the sample is the first values, as when read in one pass.
    // Prose bullets come last, as they are numbered.
    let mut runs: Vec<Samples<'_>> = ingested
        .mentions
        .par_chunks(16 * 1024)
        .map(sample)
        .collect();
    runs.push(sample(&ingested.prose));
    let mut samples = Samples::default();
    for run in runs {
        for (key, found) in run {
            let sample = samples.entry(key).or_default();
            let room = GUESS_SAMPLE - sample.values.len();
            sample.values.extend(found.values.into_iter().take(room));
            sample.unit = sample.unit.or(found.unit);
        }
    }
    samples
        .into_iter()
        .enumerate()
        .map(|(number, (key, sample))| {
            let interner = &ingested.interner;
            // A unit in the key (`Budget (EUR)`, `% of budget`) says what
            // its values are where the vocabulary does not.
            let by_unit = sample.unit.map(|unit| match &interner[unit] {
                "%" => FieldType::Percent,
                _ => FieldType::Money,
            });
            let ty = inputs
                .vocab
                .field_type(&interner[key.1])
                .or(by_unit)
                .unwrap_or_else(|| normalize::guess_type(&sample.values));
            (key, (FactType::Value(ty), number as u32))
        })
        .collect()
}

/// The first values of each `kind.field`, and the first unit a key gave it.
type Samples<'a> = FxHashMap<(Symbol, Symbol), Sample<'a>>;

#[derive(Default)]
struct Sample<'a> {
    values: Vec<&'a str>,
    unit: Option<Symbol>,
}
