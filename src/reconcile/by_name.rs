//! Merging by name: the same folded name, or the same alias, under the
//! same parent.

use super::candidates::Candidates;
use super::merges::Merges;
use super::union_find::UnionFind;
use super::{EntityId, MatchReason};
use rayon::prelude::*;

/// A member with a name, as this phase reads it: the alias flag rides
/// along so the merges below read no candidate.
#[derive(Clone, Copy)]
struct Named {
    /// Its folded name's rank (see [`super::candidates::Spelling::rank`]).
    rank: u32,
    parent: Option<EntityId>,
    /// Its position in the kind's list.
    member: u32,
    aliased: bool,
}

/// Joins mentions with the same folded (or aliased) name under the same
/// parent; a mention with no parent joins the one parent its name is found
/// under.
pub fn merge(candidates: &Candidates<'_>, uf: &mut UnionFind, merges: &mut Merges) {
    let mut named: Vec<Named> = (0..candidates.len())
        .filter_map(|i| {
            candidates.spelling(i).map(|s| Named {
                rank: s.rank,
                parent: candidates.parent(i),
                member: i as u32,
                aliased: s.alias.is_some(),
            })
        })
        .collect();
    // Sorted by name, then parent (none first), then position.
    named.par_sort_unstable_by_key(|n| (n.rank, n.parent, n.member));
    for same_name in named.chunk_by(|a, b| a.rank == b.rank) {
        let groups: Vec<&[Named]> = same_name.chunk_by(|a, b| a.parent == b.parent).collect();
        let adopted = match groups.as_slice() {
            [none, only] if none[0].parent.is_none() => Some(&only[0]),
            _ => None,
        };
        for group in groups {
            let anchor = match group[0].parent {
                None => adopted.unwrap_or(&group[0]),
                Some(_) => &group[0],
            };
            for named in group {
                if named.member != anchor.member && uf.union(anchor.member, named.member) {
                    let reason = if named.aliased || anchor.aliased {
                        MatchReason::Alias
                    } else {
                        MatchReason::Name
                    };
                    merges.push(anchor.member, named.member, reason);
                }
            }
        }
    }
}
