//! Merging by identifier: mentions sharing a value in one namespace join,
//! and a set never takes in a second value in a namespace it holds one in.

use super::MatchReason;
use super::merges::Merges;
use super::union_find::{Id, Ids, UnionFind};
use crate::model::{Ingested, MentionId};
use rustc_hash::FxHashMap as HashMap;

/// The disjoint sets of `members` (a kind's mentions in canonical order),
/// each member its own set but where identifiers join them, with each join
/// in `merges`.
pub fn merge(ingested: &Ingested, members: &[MentionId], merges: &mut Merges) -> UnionFind {
    // Identifiers as numbers, the namespace by its symbol and the value by
    // its text: joined where a namespace and value recur, and kept per set
    // so different ones never join.
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    let mut number = |text| {
        let next = numbers.len() as u32;
        *numbers.entry(text).or_insert(next)
    };
    // Only the members with identifiers, by position: most have none.
    let ids: Vec<(u32, Ids)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, &m)| {
            let ids: Ids = ingested
                .mention(m)
                .ids()
                .map(|(ns, value)| (ns.index() as u32, number(value)))
                .collect();
            (!ids.is_empty()).then_some((i as u32, ids))
        })
        .collect();
    let mut first_with_id: HashMap<Id, u32> = HashMap::default();
    let mut joins = Vec::new();
    for &(i, ref member_ids) in &ids {
        for (k, &id) in member_ids.iter().enumerate() {
            match first_with_id.get(&id) {
                Some(&first) => joins.push((first, i, k)),
                None => {
                    first_with_id.insert(id, i);
                }
            }
        }
    }
    drop(first_with_id);
    let mut uf = UnionFind::new(members.len(), ids);
    for (first, i, k) in joins {
        if uf.union(first, i) {
            let ns = ingested.mention(members[i as usize]).ids().nth(k);
            let (ns, _) = ns.expect("a join is made by one of the member's ids");
            merges.push(first, i, MatchReason::Id(ns));
        }
    }
    uf
}
