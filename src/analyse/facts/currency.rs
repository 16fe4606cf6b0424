//! Amounts with and without a currency, made comparable.

use super::{Key, Observation};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// An amount's key with a currency appended, by the amount's key and the
/// currency: the same amounts recur, and then share one key.
pub(super) type Priced = FxHashMap<(Key, CompactString), Key>;

/// `$5,000` and `5000` agree: a currency tells amounts apart only when two
/// values name different ones. With one currency in play, every amount is
/// taken to be in it. `currencies` are the observations' own, one each:
/// they are needed only here, so observations do not carry them.
pub(super) fn unify_currency(
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
