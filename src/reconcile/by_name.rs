//! Merging by name: the same folded name, or the same alias, under the
//! same parent.

use super::candidates::Candidates;
use super::merges::Merges;
use super::union_find::UnionFind;
use super::{EntityId, MatchReason};
use rayon::prelude::*;

/// Joins mentions with the same folded (or aliased) name under the same
/// parent; a mention with no parent joins the one parent its name is found
/// under.
pub fn merge(candidates: &Candidates<'_>, uf: &mut UnionFind, merges: &mut Merges) {
    // Name (by its rank), parent, position, and the alias flag riding along
    // so the merges below read no candidate.
    type Named = (u32, Option<EntityId>, u32, bool);
    let mut named: Vec<Named> = (0..candidates.len())
        .filter_map(|i| {
            candidates.spelling(i).map(|s| {
                let parent = candidates.parent(i);
                (s.rank, parent, i as u32, s.alias.is_some())
            })
        })
        .collect();
    // Sorted by name, then parent (none first), then position.
    named.par_sort_unstable_by_key(|a| (a.0, a.1, a.2));
    for same_name in named.chunk_by(|a, b| a.0 == b.0) {
        let groups: Vec<&[Named]> = same_name.chunk_by(|a, b| a.1 == b.1).collect();
        let adopted = match groups.as_slice() {
            [none, only] if none[0].1.is_none() => Some(&only[0]),
            _ => None,
        };
        for group in groups {
            let anchor = match group[0].1 {
                None => adopted.unwrap_or(&group[0]),
                Some(_) => &group[0],
            };
            for &(_, _, i, aliased) in group {
                if i != anchor.2 && uf.union(anchor.2, i) {
                    let reason = if aliased || anchor.3 {
                        MatchReason::Alias
                    } else {
                        MatchReason::Name
                    };
                    merges.push(anchor.2, i, reason);
                }
            }
        }
    }
}
