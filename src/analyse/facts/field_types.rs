//! The type each `kind.field` is compared as, and its number.

use super::{FactType, Inputs};
use crate::model::Symbol;
use crate::normalize;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// How many values of an untyped field are looked at to guess its type.
const GUESS_SAMPLE: usize = 200;

/// Configured or built-in type, else guessed from a sample of the values;
/// and the number of the `kind.field` (see [`Fact::pair`]). Keyed by the
/// interned kind and field, which hash and compare as pointers.
pub(super) fn field_types(inputs: &Inputs<'_>) -> FxHashMap<(Symbol, Symbol), (FactType, u32)> {
    type Samples<'a> = FxHashMap<(Symbol, Symbol), Vec<&'a str>>;
    // Sampled in runs of mentions on all threads, then joined in mention
    // order: the sample is the first values, as when read in one pass.
    let runs: Vec<Samples<'_>> = inputs
        .ingested
        .mentions
        .par_chunks(16 * 1024)
        .map(|run| {
            let mut samples = Samples::default();
            for mention in run {
                for field in inputs.ingested.fields_of(mention) {
                    let pair = (mention.kind, inputs.ingested.field(field));
                    let sample = samples.entry(pair).or_default();
                    if sample.len() < GUESS_SAMPLE {
                        sample.push(inputs.ingested.raw(mention, field));
                    }
                }
            }
            samples
        })
        .collect();
    let mut samples = Samples::default();
    for run in runs {
        for (key, values) in run {
            let sample = samples.entry(key).or_default();
            let room = GUESS_SAMPLE - sample.len();
            sample.extend(values.into_iter().take(room));
        }
    }
    samples
        .into_iter()
        .enumerate()
        .map(|(number, (key, values))| {
            let ty = inputs
                .vocab
                .field_type(&inputs.ingested.interner[key.1])
                .unwrap_or_else(|| normalize::guess_type(&values));
            (key, (FactType::Value(ty), number as u32))
        })
        .collect()
}
