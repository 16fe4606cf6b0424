//! JSON Lines event logs: a later line replaces an earlier one.

use super::Observation;
use crate::model::{FileId, Ingested};
use compact_str::CompactString;
use rustc_hash::FxHashMap;

/// In a JSON Lines log a later line replaces an earlier one for the same
/// entity and field: keep only each log's last value.
/// `currencies` go with `observations`, one each, and are kept alike.
pub(super) fn keep_latest_in_logs(
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
        let seq = ingested.own(o.mention).seq;
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
