//! Which kinds sit under which (clients before their projects), and the
//! words that name a kind.

use super::references::parent_reference;
use crate::config::Config;
use crate::model::{Ingested, MentionId, Symbol};
use crate::words::plural;
use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;
use std::collections::{BTreeMap, BTreeSet};

/// For each kind, the kinds its records sit under or take their parent from.
pub type KindDepends = BTreeMap<String, BTreeSet<String>>;

pub fn parent_kinds(ingested: &Ingested) -> KindDepends {
    let mentions = &ingested.mentions;
    // Kinds are few and mentions many: gather the distinct pairs by their
    // symbols first, and build the strings per pair.
    let pairs: HashSet<(Symbol, Option<Symbol>)> = mentions
        .par_iter()
        .fold(HashSet::default, |mut pairs, m| {
            pairs.insert((m.kind, m.parent.map(|p| mentions[p.index()].kind)));
            if let Some(by_reference) = parent_reference(ingested, m)
                .and_then(|i| ingested.refers_to(&ingested.fields_of(m)[i]))
            {
                pairs.insert((m.kind, Some(by_reference)));
            }
            pairs
        })
        .reduce(HashSet::default, |mut a, b| {
            a.extend(b);
            a
        });
    let mut depends = KindDepends::new();
    for (kind, dep) in pairs {
        let deps = depends
            .entry(ingested.interner[kind].to_string())
            .or_default();
        if let Some(dep) = dep {
            deps.insert(ingested.interner[dep].to_string());
        }
    }
    depends
}

/// Kinds ordered so a kind comes after the kinds its mentions sit under or
/// refer to (clients before their projects). Ties and cycles break by name.
pub fn parent_first<'a>(
    depends: &KindDepends,
    by_kind: &BTreeMap<&'a str, Vec<MentionId>>,
) -> Vec<&'a str> {
    let mut done: Vec<&'a str> = Vec::new();
    let mut remaining: Vec<&'a str> = by_kind.keys().copied().collect();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|k| {
            depends.get(*k).is_none_or(|deps| {
                deps.iter().all(|d| {
                    d == k || done.contains(&d.as_str()) || !by_kind.contains_key(d.as_str())
                })
            })
        });
        // In a cycle, take the first by name; its parents resolve as none.
        let next = remaining.remove(ready.unwrap_or(0));
        done.push(next);
    }
    done
}

/// Kinds in `order` grouped into levels: a kind goes one level after the
/// latest kind it depends on that comes before it in `order`.
pub fn levels<'a>(depends: &KindDepends, order: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut level_of: Vec<usize> = Vec::with_capacity(order.len());
    for (i, kind) in order.iter().enumerate() {
        let level = depends.get(*kind).map_or(0, |deps| {
            order[..i]
                .iter()
                .zip(&level_of)
                .filter(|(earlier, _)| deps.contains(**earlier))
                .map(|(_, level)| level + 1)
                .max()
                .unwrap_or(0)
        });
        level_of.push(level);
    }
    let mut levels = vec![Vec::new(); level_of.iter().max().map_or(0, |l| l + 1)];
    for (kind, level) in order.iter().zip(level_of) {
        levels[level].push(*kind);
    }
    levels
}

pub fn kind_words(kind: &str, config: &Config) -> Vec<String> {
    let mut words = vec![kind.to_string(), plural(kind)];
    if let Some(extra) = config.kinds.get(kind) {
        for aka in &extra.aka {
            let w = aka.to_lowercase();
            words.push(plural(&w));
            words.push(w);
        }
    }
    words
}
