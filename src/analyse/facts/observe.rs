//! One field value read as an observation: normalised to its fact's type
//! (from a cache of values already read), or resolved to the entity it
//! refers to; a value that does not read as its type is a warning and is
//! compared as text.

use super::references::References;
use super::{FactType, Inputs, Normal, Observation};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Ingested, MentionId};
use crate::normalize::{self, Context, DateOrder, FieldType, NotParsed, Note, StatusTable, Value};
use chrono::NaiveDate;
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// What a value is read with besides its type: the status synonyms, and
/// the references for a referring field.
pub(super) struct Readers<'r> {
    pub(super) statuses: &'r StatusTable,
    pub(super) references: &'r References<'r>,
}

/// What a raw value reads as, kept per distinct `(raw, type, date order)`:
/// the same dates, statuses and names recur across thousands of records.
#[derive(Clone)]
pub(super) struct Read {
    normal: Normal,
    date: Option<NaiveDate>,
    amount: Option<f64>,
    currency: Option<CompactString>,
    note: Option<Note>,
}

/// The unit of a field in percent, as reading gives it.
const PERCENT: &str = "%";

pub(super) type ReadCache<'a> = FxHashMap<(&'a str, FieldType, Option<DateOrder>), Read>;

fn read(normalized: normalize::Normalized) -> Read {
    let mut read = Read {
        normal: Normal::from(""),
        date: None,
        amount: None,
        currency: None,
        note: normalized.note,
    };
    match &normalized.value {
        Value::Date(d) => read.date = Some(*d),
        Value::Datetime(dt) => read.date = Some(dt.date()),
        Value::Money(money) => {
            read.amount = Some(money.amount());
            read.currency = money.currency.as_deref().map(CompactString::from);
        }
        Value::Number(n) | Value::Percent(n) => read.amount = Some(*n),
        _ => {}
    }
    read.normal = Normal::from(normalized.value.into_key());
    read
}

/// Reads `raw` as `ty`, from the cache when it can. Only a relative date
/// and a date without a year depend on the as-of date, and only reading
/// them can fail that way, so a value that failed or came out either way
/// is never cached.
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
    if !found.note.as_ref().is_some_and(Note::depends_on_as_of) {
        cache.insert(cache_key, found.clone());
    }
    Ok(found)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn observe<'a>(
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
    let mention = ingested.own(m);
    let field = &ingested.fields_of(mention)[i as usize];
    let file = &ingested.files[mention.file.index()];
    let seat = file.seat.map(|s| &config.seats[s.index()]);
    let as_of = ingested
        .as_of(mention)
        .map(|t| crate::analyse::counted_as_of(t, *today));
    // Every value gives an observation, whether or not it reads as its type.
    let observation = |normal: Normal| Observation {
        mention: m,
        field_index: i,
        file: mention.file,
        seat: file.seat,
        shadow: seat.is_some_and(|s| s.shadow),
        prose: ingested.is_prose(m),
        normal,
        date: None,
        amount: None,
        note: None,
        as_of,
    };
    let raw = ingested.raw(mention, field);
    let as_text = || Normal::from(normalize::fold_text(raw));
    let ty = match fact_type {
        FactType::Reference => {
            let normal = match readers.references.get(m, i) {
                // The id of the entity it resolves to, made per value rather
                // than made for every entity up front and held throughout.
                Some(r) => {
                    let entity = reconciled.entity_of[r.index()];
                    Normal::from(&*reconciled.entities[entity.index()].id)
                }
                None => as_text(),
            };
            return (observation(normal), None);
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
                    read.normal,
                    other.format("%Y-%m-%d")
                )));
            }
            let Read {
                mut normal,
                date,
                amount,
                mut currency,
                note,
            } = read;
            // A column's unit (`Budget (EUR)`) is the currency of the
            // amounts in it that name none.
            if currency.is_none()
                && ty == FieldType::Money
                && let Some(unit) = ingested.interner.unit(field.name)
                && let unit = &ingested.interner[unit]
                && unit != PERCENT
            {
                normal = Normal::from(format!("{normal} {unit}"));
                currency = Some(unit.into());
            }
            let observation = Observation {
                date,
                amount,
                note,
                ..observation(normal)
            };
            (observation, currency)
        }
        Err(why) => {
            diagnostics.push(warn(format!(
                "`{}` in `{}` is not a {}: {why}; compared as text",
                shown(raw),
                &ingested.interner[ingested.field(field)],
                ty.as_str()
            )));
            (observation(as_text()), None)
        }
    }
}

/// A value as a diagnostic quotes it: whole when short, else its start,
/// so that a runaway value is not copied into the message.
fn shown(raw: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 64;
    match raw.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &raw[..end]).into(),
        None => raw.into(),
    }
}

pub fn order_words(order: normalize::DateOrder) -> &'static str {
    match order {
        normalize::DateOrder::Mdy => "month first",
        normalize::DateOrder::Dmy => "day first",
    }
}
