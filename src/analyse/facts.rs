//! Facts: every value each source gives for one field of one entity,
//! normalised to its type so agreement can be tested by equality.

use crate::config::Config;
use crate::diag::{Diagnostic, Severity};
use crate::model::{FileId, Ingested, MentionId, Reference, SeatId, Symbol};
use crate::normalize::{self, Context, DateOrder, FieldType, NotParsed, Note, StatusTable, Value};
use crate::reconcile::{EntityId, Reconciled};
use crate::vocab::Vocab;
use chrono::{NaiveDate, NaiveDateTime};
use compact_str::CompactString;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// How many values of an untyped field are looked at to guess its type.
const GUESS_SAMPLE: usize = 200;

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
/// statuses recur across thousands of values, and keys read from the same
/// cache then compare by pointer first. Not interned process-wide: that
/// table would hold every distinct value of the run until it ends, megabytes
/// in a large organisation, where these are freed with the analysis.
pub type Key = Arc<str>;

#[derive(Debug, Clone)]
pub struct Observation {
    pub mention: MentionId,
    pub field_index: u32,
    /// The mention's file, kept here because it is asked for often and the
    /// mention is rarely in cache by then.
    pub file: FileId,
    pub seat: Option<SeatId>,
    pub shadow: bool,
    /// The normalised value; agreement is equality of keys.
    pub key: Key,
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
    pub key: u32,
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
}

/// Reads an entity's facts. Made once per run; [`Collector::entity`] is then
/// called per entity, so the facts of one entity are judged and dropped
/// before the next: holding every entity's facts at once was the largest
/// thing a run held.
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

    /// Every `kind.field` a fact can have, with its number ([`Fact::key`]):
    /// the pairs the mentions write.
    pub fn keys(&self) -> impl Iterator<Item = ((&'a str, &'a str), u32)> + '_ {
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
            let first = &ingested.fields_of(&ingested.mentions[m0.index()])[i0 as usize];
            let field = ingested.field(first);
            let kind = ingested.mentions[m0.index()].kind;
            let (value_type, key) = self.types[&(kind, field)];
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
                key,
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

/// An amount's key with a currency appended, by the amount's key and the
/// currency: the same amounts recur, and then share one key.
type Priced = FxHashMap<(Key, CompactString), Key>;

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

/// Configured or built-in type, else guessed from a sample of the values;
/// and the number of the `kind.field` (see [`Fact::key`]). Keyed by the
/// kind's and the field's symbols.
fn field_types(inputs: &Inputs<'_>) -> FxHashMap<(Symbol, Symbol), (FactType, u32)> {
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

/// Which mention a referring field made, looked up among the references
/// rather than kept per field: a table of every field of every record was
/// megabytes held through the analysis, for a lookup per referring value.
struct References<'a> {
    ingested: &'a Ingested,
    /// In the order of the records that refer, as reconciling made them.
    list: &'a [Reference],
    /// Per block of [`REFERENCE_BLOCK`] records, where the first reference
    /// by a record of the block, or after it, is in `list`. A lookup scans
    /// from there: a binary search of the whole list missed the cache at
    /// nearly every step and was a tenth of the analysis.
    blocks: Vec<u32>,
}

/// Records per entry of [`References::blocks`]: records refer about once
/// each, so a lookup scans a few references, on one or two cache lines.
const REFERENCE_BLOCK: usize = 8;

impl<'a> References<'a> {
    fn new(ingested: &'a Ingested) -> Self {
        let list = &ingested.references;
        let mut blocks = Vec::with_capacity(ingested.mentions.len() / REFERENCE_BLOCK + 1);
        let mut at = 0;
        for block in 0..ingested.mentions.len().div_ceil(REFERENCE_BLOCK) {
            let first = MentionId::new(block * REFERENCE_BLOCK);
            while at < list.len() && list[at].by < first {
                at += 1;
            }
            blocks.push(at as u32);
        }
        References {
            ingested,
            list,
            blocks,
        }
    }

    /// The mention field `i` of mention `m` made by referring to another.
    /// When two references come from fields of the same name, the later one
    /// is taken.
    fn get(&self, m: MentionId, i: u32) -> Option<MentionId> {
        let mut start = self.blocks[m.index() / REFERENCE_BLOCK] as usize;
        while self.list.get(start).is_some_and(|r| r.by < m) {
            start += 1;
        }
        let end = start + self.list[start..].iter().take_while(|r| r.by == m).count();
        let records = &self.ingested.mentions;
        let fields = self.ingested.fields_of(&records[m.index()]);
        let name = self.ingested.field(&fields[i as usize]);
        self.list[start..end]
            .iter()
            .rposition(|r| self.ingested.field(&fields[r.field as usize]) == name)
            .map(|k| MentionId::new(records.len() + start + k))
    }
}

struct Readers<'r> {
    statuses: &'r StatusTable,
    references: &'r References<'r>,
}

/// What a raw value reads as, kept per distinct `(raw, type, date order)`:
/// the same dates, statuses and names recur across thousands of records.
#[derive(Clone)]
struct Read {
    key: Key,
    date: Option<NaiveDate>,
    amount: Option<f64>,
    currency: Option<CompactString>,
    note: Option<Note>,
}

type ReadCache<'a> = FxHashMap<(&'a str, FieldType, Option<DateOrder>), Read>;

fn read(normalized: normalize::Normalized) -> Read {
    let mut read = Read {
        key: Key::from(normalized.value.key()),
        date: None,
        amount: None,
        currency: None,
        note: normalized.note,
    };
    match normalized.value {
        Value::Date(d) => read.date = Some(d),
        Value::Datetime(dt) => read.date = Some(dt.date()),
        Value::Money(money) => {
            read.amount = Some(money.amount());
            read.currency = money.currency.map(CompactString::from);
        }
        Value::Number(n) | Value::Percent(n) => read.amount = Some(n),
        _ => {}
    }
    read
}

/// Reads `raw` as `ty`, from the cache when it can. Only a relative date
/// depends on the as-of date, and only reading it can fail that way, so a
/// value that failed or came out relative is never cached.
fn read_cached<'a>(
    cache: &mut ReadCache<'a>,
    raw: &'a str,
    ty: FieldType,
    ctx: &Context<'_>,
) -> Result<Read, NotParsed> {
    let dated = matches!(ty, FieldType::Date | FieldType::Datetime);
    let cache_key = (raw, ty, ctx.date_order.filter(|_| dated));
    if let Some(hit) = cache.get(&cache_key) {
        return Ok(hit.clone());
    }
    let found = read(normalize::normalize(raw, ty, ctx)?);
    if !matches!(found.note, Some(Note::Relative { .. })) {
        cache.insert(cache_key, found.clone());
    }
    Ok(found)
}

#[allow(clippy::too_many_arguments)]
fn observe<'a>(
    inputs: &Inputs<'a>,
    readers: &Readers<'_>,
    cache: &mut ReadCache<'a>,
    fact_type: FactType,
    m: MentionId,
    i: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Observation, Option<CompactString>) {
    let Inputs {
        ingested,
        reconciled,
        config,
        today,
        ..
    } = inputs;
    let ingested: &'a Ingested = ingested;
    let mention = &ingested.mentions[m.index()];
    let field = &ingested.fields_of(mention)[i as usize];
    let file = &ingested.files[mention.file.index()];
    let seat = file.seat.map(|s| &config.seats[s.index()]);
    let as_of = ingested.as_of(mention);
    // Every value gives an observation, whether or not it reads as its type.
    let observation = |key: Key| Observation {
        mention: m,
        field_index: i,
        file: mention.file,
        seat: file.seat,
        shadow: seat.is_some_and(|s| s.shadow),
        key,
        date: None,
        amount: None,
        note: None,
        as_of,
    };
    let raw = ingested.raw(mention, field);
    let as_text = || Key::from(normalize::fold_text(raw));
    let ty = match fact_type {
        FactType::Reference => {
            let key = match readers.references.get(m, i) {
                // The id of the entity it resolves to, made per value: a key
                // per entity made up front was megabytes held throughout.
                Some(r) => {
                    let entity = reconciled.entity_of[r.index()];
                    Key::from(&*reconciled.entities[entity.index()].id)
                }
                None => as_text(),
            };
            return (observation(key), None);
        }
        FactType::Value(ty) => ty,
    };
    let date_order = seat.and_then(|s| s.date_order).or(config.date_order);
    let ctx = Context {
        date_order,
        as_of: as_of.map_or(*today, |t| t.date()),
        statuses: readers.statuses,
    };
    let warn =
        |message: String| Diagnostic::new(&file.path, Some(field.pos), Severity::Warning, message);
    match read_cached(cache, raw, ty, &ctx) {
        Ok(read) => {
            if let (Some(Note::AmbiguousDate { other, read_as }), None) = (&read.note, date_order) {
                diagnostics.push(warn(format!(
                    "`{}` is ambiguous: read {} as {}, it could be {}; set date_order in briefing.toml",
                    raw,
                    order_words(*read_as),
                    read.key,
                    other.format("%Y-%m-%d")
                )));
            }
            let Read {
                key,
                date,
                amount,
                currency,
                note,
            } = read;
            let observation = Observation {
                date,
                amount,
                note,
                ..observation(key)
            };
            (observation, currency)
        }
        Err(why) => {
            diagnostics.push(warn(format!(
                "`{}` in `{}` is not a {}: {why}; compared as text",
                raw,
                &ingested.interner[ingested.field(field)],
                ty.as_str()
            )));
            (observation(as_text()), None)
        }
    }
}

pub fn order_words(order: normalize::DateOrder) -> &'static str {
    match order {
        normalize::DateOrder::Mdy => "month first",
        normalize::DateOrder::Dmy => "day first",
    }
}

/// In a JSON Lines log a later line replaces an earlier one for the same
/// entity and field: keep only each log's last value.
/// `currencies` go with `observations`, one each, and are kept alike.
fn keep_latest_in_logs(
    ingested: &Ingested,
    observations: &mut Vec<Observation>,
    currencies: &mut Vec<Option<CompactString>>,
) {
    let is_log = |o: &Observation| ingested.files[o.file.index()].later_wins;
    if !observations.iter().any(is_log) {
        return;
    }
    let mut latest: FxHashMap<FileId, (u32, usize)> = FxHashMap::default();
    for (i, o) in observations.iter().enumerate().filter(|(_, o)| is_log(o)) {
        let seq = ingested.mentions[o.mention.index()].seq;
        let entry = latest.entry(o.file).or_insert((seq, i));
        if seq >= entry.0 {
            *entry = (seq, i);
        }
    }
    let keep = |index: usize, o: &Observation| !is_log(o) || latest[&o.file].1 == index;
    let mut index = 0;
    currencies.retain(|_| {
        let kept = keep(index, &observations[index]);
        index += 1;
        kept
    });
    let mut index = 0;
    observations.retain(|o| {
        let kept = keep(index, o);
        index += 1;
        kept
    });
}

/// `$5,000` and `5000` agree: a currency tells amounts apart only when two
/// values name different ones. With one currency in play, every amount is
/// taken to be in it. `currencies` are the observations' own, one each:
/// they are needed only here, so observations do not carry them.
fn unify_currency(
    observations: &mut [Observation],
    currencies: &[Option<CompactString>],
    priced: &mut Priced,
) {
    let mut named = currencies.iter().flatten();
    let Some(currency) = named.next() else {
        return;
    };
    if named.any(|c| c != currency) {
        return;
    }
    for (o, own) in observations.iter_mut().zip(currencies) {
        if o.amount().is_some() && own.is_none() && o.date.is_none() {
            o.key = priced
                .entry((o.key.clone(), currency.clone()))
                .or_insert_with(|| Key::from(format!("{} {currency}", o.key)))
                .clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Mention;

    /// Only one entity's observations per thread are held at once, but every
    /// field of every record is read into one: its size is memory traffic.
    #[test]
    fn an_observation_stays_small() {
        assert!(std::mem::size_of::<Observation>() <= 72);
    }

    #[test]
    fn a_referring_field_finds_the_mention_it_made_and_the_later_one_wins() {
        use crate::diag::Pos;
        use crate::model::{FieldValue, Interner, ListRange, Span};
        let mut interner = Interner::default();
        let project = interner.intern("project");
        let mut text = String::new();
        let mut field = |name: &str, reference: Option<&str>| {
            let name = interner.intern(name);
            let reference = reference.map(|kind| interner.intern(kind));
            FieldValue {
                name: interner.field_name(name, reference),
                raw: Span::push(&mut text, "x"),
                pos: Pos::new(1, 1),
            }
        };
        let fields = [
            field("client", Some("client")),
            field("note", None),
            field("client", Some("client")),
        ];
        let mut list = Vec::new();
        let file = FileId::new(0);
        let m = MentionId::new;
        let mut plain = Mention::new(file, 1, Pos::new(2, 1), project);
        plain.fields = ListRange::push(&mut list, [field("client", None)]);
        let mut referring = Mention::new(file, 0, Pos::new(1, 1), project);
        referring.fields = ListRange::push(&mut list, fields);
        let ingested = Ingested {
            mentions: vec![plain, referring],
            fields: vec![list.into()],
            references: vec![
                Reference { by: m(1), field: 0 },
                Reference { by: m(1), field: 2 },
            ],
            texts: vec![text.into()],
            interner,
            ..Ingested::default()
        };
        let references = References::new(&ingested);
        // Mentions 2 and 3 are the two references, after the two records.
        assert_eq!(references.get(m(1), 0), Some(m(3)));
        assert_eq!(references.get(m(1), 1), None);
        assert_eq!(references.get(m(1), 2), Some(m(3)));
        assert_eq!(references.get(m(0), 0), None);
    }

    proptest::proptest! {
        /// Over many blocks of records, some referring and some not, the
        /// lookup finds what a search of every reference finds.
        #[test]
        fn a_reference_is_found_as_a_full_search_finds_it(
            records in proptest::collection::vec(
                proptest::collection::vec((0..3usize, proptest::bool::ANY), 0..4),
                0..60,
            ),
        ) {
            use crate::diag::Pos;
            use crate::model::{FieldValue, Interner, ListRange, Span};
            let mut interner = Interner::default();
            let project = interner.intern("project");
            let names = ["client", "owner", "agency"].map(|name| interner.intern(name));
            let mut text = String::new();
            let mut all_fields = Vec::new();
            let mut mentions = Vec::new();
            let mut list = Vec::new();
            for (m, fields) in records.iter().enumerate() {
                let mut mention =
                    Mention::new(FileId::new(0), m as u32, Pos::new(1, 1), project);
                let values = fields
                    .iter()
                    .enumerate()
                    .map(|(i, &(name, refers))| {
                        if refers {
                            list.push(Reference { by: MentionId::new(m), field: i as u32 });
                        }
                        let name = names[name];
                        FieldValue {
                            name: interner.field_name(name, refers.then_some(name)),
                            raw: Span::push(&mut text, "x"),
                            pos: Pos::new(1, 1),
                        }
                    });
                mention.fields = ListRange::push(&mut all_fields, values);
                mentions.push(mention);
            }
            let ingested = Ingested {
                mentions,
                fields: vec![all_fields.into()],
                references: list.clone(),
                texts: vec![text.into()],
                interner,
                ..Ingested::default()
            };
            let references = References::new(&ingested);
            for (m, fields) in records.iter().enumerate() {
                for (i, &(name, _)) in fields.iter().enumerate() {
                    let expected = list
                        .iter()
                        .rposition(|r| r.by.index() == m && records[m][r.field as usize].0 == name)
                        .map(|k| MentionId::new(records.len() + k));
                    proptest::prop_assert_eq!(references.get(MentionId::new(m), i as u32), expected);
                }
            }
        }
    }
}
