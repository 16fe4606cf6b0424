//! Amounts with and without a currency, made comparable.

use super::{Normal, Observation};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// An amount's normal form with a currency appended, by the amount's and the
/// currency: the same amounts recur, and then share one.
pub(super) type Priced = FxHashMap<(Normal, CompactString), Normal>;

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
            o.normal = priced
                .entry((o.normal.clone(), currency.clone()))
                .or_insert_with(|| Normal::from(format!("{} {currency}", o.normal)))
                .clone();
        }
    }
}
