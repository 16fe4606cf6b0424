//! Readable entity ids (`project:acme-website-redesign`), unique in the
//! run, and the entities sorted by them.

use super::names;
use super::{EntityId, Reconciled, State};
use crate::model::{Interner, Symbol};
use crate::words::plural;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// Gives every entity its readable id and sorts by it, remapping indices.
pub fn finish(state: State, interner: &Interner) -> Reconciled {
    let State {
        entity_of,
        matched_by,
        fuzzy_matches,
        entities,
        mut near_misses,
    } = state;
    let base: Vec<String> = entities
        .par_iter()
        .map(|e| {
            let kind = &interner[e.kind];
            names::slug(&e.name, &[kind, &plural(kind)])
        })
        .collect();
    let mut uses: HashMap<(Symbol, &str), usize> = HashMap::default();
    for (e, slug) in entities.iter().zip(&base) {
        *uses.entry((e.kind, slug.as_str())).or_default() += 1;
    }
    let mut ids: Vec<String> = entities
        .par_iter()
        .zip(&base)
        .map(|(e, slug)| {
            let clash = uses[&(e.kind, slug.as_str())] > 1;
            let kind = &interner[e.kind];
            match e.parent {
                Some(p) if clash => format!("{kind}:{}/{slug}", base[p.index()]),
                _ => format!("{kind}:{slug}"),
            }
        })
        .collect();
    // Sorted by id, equal ids in canonical order, so whatever still clashes
    // sits together and is numbered in that order; again if a number made
    // an id another already had.
    let mut order: Vec<u32> = (0..entities.len() as u32).collect();
    loop {
        order.par_sort_unstable_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]).then(a.cmp(&b)));
        let numbered: Vec<(u32, usize)> = order
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
        new_index[old as usize] = new as u32;
    }
    let renumbered = |e: EntityId| EntityId::new(new_index[e.index()] as usize);
    let mut sorted = entities;
    for (e, id) in sorted.iter_mut().zip(ids) {
        e.id = id.into_boxed_str();
        e.parent = e.parent.map(renumbered);
    }
    crate::permute::permute(&mut sorted, &new_index);
    // Every kind has been matched, so every mention has its entity.
    let entity_of: Vec<EntityId> = entity_of
        .into_iter()
        .map(|e| renumbered(e.expect("every mention is matched")))
        .collect();
    for miss in &mut near_misses {
        miss.a = renumbered(miss.a);
        miss.b = renumbered(miss.b);
    }
    near_misses.sort_by_key(|x| (x.a, x.b));
    Reconciled {
        entities: sorted,
        entity_of,
        matched_by,
        fuzzy_matches,
        near_misses,
    }
}
