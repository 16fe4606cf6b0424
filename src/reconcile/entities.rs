//! From a kind's merged sets to its entities: numbered in canonical
//! order, each member's reason the merge that first reached it from the
//! entity's first mention, and each entity's name and parent.

use super::candidates::{Candidates, SpellingId, WrittenNames};
use super::kind::{KindContext, KindResult};
use super::merges::Merges;
use super::union_find::UnionFind;
use super::{Entity, EntityId, MatchReason};
use crate::groups::Groups;
use crate::model::{Ingested, MentionId};
use rayon::prelude::*;

/// The entities of the sets in `uf`, whose merges are `merges`.
pub fn build(
    ctx: &KindContext<'_>,
    ingested: &Ingested,
    members: &[MentionId],
    candidates: &Candidates<'_>,
    written: &WrittenNames<'_>,
    mut uf: UnionFind,
    merges: Merges,
) -> KindResult {
    let n = members.len();
    // Each member's root, then in the same list its entity's number. A
    // set's root is its earliest member, so numbering roots in order numbers
    // the entities in canonical order; and a member's root comes no later
    // than it, so its entity is known by the time it is reached. The sets
    // are then done with, and go before the rest is made.
    let mut numbers: Vec<u32> = (0..n as u32).map(|i| uf.find(i)).collect();
    drop(uf);
    let mut components = 0;
    for i in 0..n {
        let root = numbers[i] as usize;
        numbers[i] = if root == i {
            components += 1;
            components - 1
        } else {
            numbers[root]
        };
    }
    let components = components as usize;
    let entity_of: Vec<EntityId> = numbers
        .into_iter()
        .map(|e| EntityId::new(e as usize))
        .collect();
    let mut result = KindResult {
        entity_of,
        matched_by: vec![MatchReason::First; n],
        fuzzy_matches: Vec::new(),
        entities: Vec::new(),
        near_misses: Vec::new(),
    };
    let members_of = Groups::from_pairs(
        components,
        (0..n).map(|i| (result.entity_of[i].index(), i as u32)),
    );
    let merges_of = merges.by_member(n);
    let mut reached = vec![false; n];
    let mut queue: Vec<u32> = Vec::new();
    for c in 0..components {
        let locals = members_of.get(c);
        // Breadth-first from the first mention: each mention's reason is the
        // merge that first reached it.
        queue.clear();
        queue.push(locals[0]);
        reached[locals[0] as usize] = true;
        let mut head = 0;
        while let Some(&at) = queue.get(head) {
            head += 1;
            for &k in merges_of.get(at as usize) {
                let merge = merges.get(k as usize);
                let next = merge.other(at);
                if !reached[next as usize] {
                    reached[next as usize] = true;
                    result.matched_by[next as usize] = merge.reason;
                    queue.push(next);
                }
            }
        }
    }
    drop(merges_of);
    result.fuzzy_matches = merges.into_fuzzy_matches();
    // Each entity's name and parent depend on its own members alone.
    let kind = ctx.kind_symbol;
    result.entities = (0..components)
        .into_par_iter()
        .map(|c| {
            let locals = members_of.get(c);
            let ids: Box<[MentionId]> = locals.iter().map(|&i| members[i as usize]).collect();
            let alias_name = locals
                .iter()
                .find_map(|&i| candidates.alias_name(i as usize));
            let name = match alias_name {
                Some(name) => name.to_string(),
                None => display_name(ingested, &ids, locals, candidates, written),
            };
            let parent = most_common(locals.iter().filter_map(|&i| candidates.parent(i as usize)));
            Entity {
                id: Box::default(),
                kind,
                name: name.into_boxed_str(),
                parent,
                mentions: ids,
            }
        })
        .collect();
    result
}

/// The name most sources use; ties go to the longest, then the first.
/// `locals` are the entity's members, `ids` the same as mentions.
fn display_name(
    ingested: &Ingested,
    ids: &[MentionId],
    locals: &[u32],
    candidates: &Candidates,
    written: &WrittenNames,
) -> String {
    // Few spellings per entity: a list beats a hash map.
    let mut counts: Vec<(SpellingId, usize, bool)> = Vec::new();
    for &i in locals {
        if let Some(spelling) = candidates.spelling_id(i as usize) {
            let k = match counts.iter().position(|c| c.0 == spelling) {
                Some(k) => k,
                None => {
                    counts.push((spelling, 0, false));
                    counts.len() - 1
                }
            };
            counts[k].1 += 1;
            counts[k].2 |= written.own[i as usize];
        }
    }
    let text = |spelling: SpellingId| written.spellings[spelling.index()];
    let best = counts
        .into_iter()
        .map(|(spelling, count, own)| (text(spelling), count, own))
        .max_by(|a, b| {
            (a.2, a.1, a.0.chars().count())
                .cmp(&(b.2, b.1, b.0.chars().count()))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(name, ..)| name.to_string());
    best.unwrap_or_else(|| {
        let first = ingested.mention(ids[0]);
        let kind = &ingested.interner[first.kind()];
        let id = first.ids().next();
        match id.map(|(ns, value)| (&ingested.interner[ns], value)) {
            Some((ns, value)) if ns == "id" || ns.strip_suffix("_id") == Some(kind) => {
                value.to_string()
            }
            Some((ns, value)) => format!("{ns} {value}"),
            None => format!("unnamed {kind}"),
        }
    })
}

fn most_common(values: impl Iterator<Item = EntityId>) -> Option<EntityId> {
    let mut counts: Vec<(EntityId, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|c| c.0 == v) {
            Some(c) => c.1 += 1,
            None => counts.push((v, 1)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(v, _)| v)
}
