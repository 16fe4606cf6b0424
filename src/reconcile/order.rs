//! Canonical order: every mention sorted into its kind, each kind's in
//! file-path order and then position, whatever order the files were read
//! in. Matching walks a kind's mentions in this order, so the first
//! mention of an entity, and every tie, is the same from run to run.

use crate::model::{Ingested, MentionId, MentionRef, Symbol};
use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

/// Every kind's mentions, records and references alike, in canonical
/// order, by kind name.
pub fn by_kind(ingested: &Ingested) -> BTreeMap<&str, Vec<MentionId>> {
    let count = ingested.mention_count();
    let mut by_path: Vec<usize> = (0..ingested.files.len()).collect();
    by_path.sort_by_key(|&f| ingested.files[f].path.as_str());
    let mut path_rank = vec![0; by_path.len()];
    for (rank, &f) in by_path.iter().enumerate() {
        path_rank[f] = rank as u32;
    }
    // One sort by kind (its place among the kinds by name) and then
    // canonical position. Positions are computed once, not per comparison:
    // each would read a mention. The id last makes the unstable sort give
    // the stable order.
    let mut kinds: Vec<Symbol> = (0..count)
        .into_par_iter()
        .map(MentionId::new)
        .fold(HashSet::default, |mut kinds, m| {
            kinds.insert(ingested.mention(m).kind());
            kinds
        })
        .reduce(HashSet::default, |mut a, b| {
            a.extend(b);
            a
        })
        .into_iter()
        .collect();
    let name = |kind: Symbol| &ingested.interner[kind];
    kinds.sort_unstable_by(|&a, &b| name(a).cmp(name(b)));
    let kind_rank: HashMap<Symbol, u32> = (0..kinds.len() as u32)
        .map(|i| (kinds[i as usize], i))
        .collect();
    let mut placed: Vec<(u32, CanonicalPosition, MentionId)> = (0..count)
        .into_par_iter()
        .map(MentionId::new)
        .map(|m| {
            let mention = ingested.mention(m);
            let kind = kind_rank[&mention.kind()];
            (kind, canonical_position(mention, &path_rank), m)
        })
        .collect();
    placed.par_sort_unstable();
    placed
        .chunk_by(|a, b| a.0 == b.0)
        .map(|same| {
            let kind = name(kinds[same[0].0 as usize]);
            (kind, same.iter().map(|&(_, _, m)| m).collect())
        })
        .collect()
}

/// Where a mention sits: its file's place in path order, then its line,
/// column and order in the file; a reference after the record that makes
/// it, and by the column of the record's first field.
type CanonicalPosition = (u32, u32, u32, u32, bool, u32);

/// `path_rank` is each file's place in path order.
fn canonical_position(mention: MentionRef<'_>, path_rank: &[u32]) -> CanonicalPosition {
    let pos = mention.pos();
    (
        path_rank[mention.file().index()],
        pos.line,
        pos.column,
        mention.seq(),
        mention.referenced_by().is_some(),
        mention.fields().first().map_or(0, |f| f.pos.column),
    )
}
