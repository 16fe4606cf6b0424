//! Readable entity ids (`project:acme-website-redesign`), unique in the
//! run, and the entities sorted by them.

use super::names;
use super::{EntityId, Reconciled, State};
use crate::vocab::plural;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Gives every entity its readable id and sorts by it, remapping indices.
pub fn finish(state: State) -> Reconciled {
    let State {
        mut entity_of,
        matched_by,
        entities,
        mut near_misses,
    } = state;
    let base: Vec<String> = entities
        .par_iter()
        .map(|e| names::slug(&e.name, &[e.kind.as_str(), &plural(&e.kind)]))
        .collect();
    let mut uses: HashMap<(&str, &str), usize> = HashMap::default();
    for (e, slug) in entities.iter().zip(&base) {
        *uses.entry((e.kind.as_str(), slug.as_str())).or_default() += 1;
    }
    let mut ids: Vec<String> = entities
        .par_iter()
        .zip(&base)
        .map(|(e, slug)| {
            let clash = uses[&(e.kind.as_str(), slug.as_str())] > 1;
            match e.parent {
                Some(p) if clash => format!("{}:{}/{}", e.kind, base[p as usize], slug),
                _ => format!("{}:{}", e.kind, slug),
            }
        })
        .collect();
    // Sorted by id, equal ids in canonical order, so whatever still clashes
    // sits together and is numbered in that order; again if a number made
    // an id another already had.
    let mut order: Vec<EntityId> = (0..entities.len() as EntityId).collect();
    loop {
        order.par_sort_unstable_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(a.cmp(&b)));
        let numbered: Vec<(EntityId, usize)> = order
            .chunk_by(|&a, &b| ids[a as usize] == ids[b as usize])
            .flat_map(|same| same.iter().enumerate().skip(1))
            .map(|(k, &e)| (e, k + 1))
            .collect();
        if numbered.is_empty() {
            break;
        }
        for (e, n) in numbered {
            ids[e as usize].push_str(&format!("~{n}"));
        }
    }
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old as usize] = new as EntityId;
    }
    let mut sorted = entities;
    for (e, id) in sorted.iter_mut().zip(ids) {
        e.id = id.into_boxed_str();
        e.parent = e.parent.map(|p| new_index[p as usize]);
    }
    crate::permute::permute(&mut sorted, &new_index);
    for e in &mut entity_of {
        if *e != EntityId::MAX {
            *e = new_index[*e as usize];
        }
    }
    for miss in &mut near_misses {
        miss.a = new_index[miss.a as usize];
        miss.b = new_index[miss.b as usize];
    }
    near_misses.sort_by_key(|x| (x.a, x.b));
    Reconciled {
        entities: sorted,
        entity_of,
        matched_by,
        near_misses,
    }
}
