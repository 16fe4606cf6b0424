//! Fuzzy name matching behind a token index: each name is compared only
//! with earlier names that share a word or a word's first letters, and with
//! at most [`MAX_COMPARE`] of those, so matching stays near-linear.

use super::names::{self, Similarity};
use super::union_find::UnionFind;
use super::{Candidate, EntityId, MatchReason};
use std::collections::HashMap;

/// A word on more names than this says little about which ones match.
const MAX_POSTING: usize = 256;
/// Comparisons per name, taken from those sharing the most words.
const MAX_COMPARE: usize = 32;
/// How far under the threshold a pair still counts as a near miss.
const NEAR_MISS_MARGIN: f64 = 0.15;
/// Near misses kept per name.
const MAX_MISSES: usize = 3;
/// Prefix length that catches typos after the first letters (`Initec`).
const PREFIX: usize = 4;

/// Two names that came close; `a` and `b` are positions in the kind's list.
pub struct Miss {
    pub a: u32,
    pub b: u32,
    pub a_key: String,
    pub b_key: String,
    pub similarity: Similarity,
    pub blocked_by: Option<&'static str>,
}

/// One distinct name of one set of already-merged mentions.
struct Unit<'a> {
    /// A mention (position in the kind's list) with this name.
    local: u32,
    key: &'a str,
    parent: Option<EntityId>,
}

/// Merges sets whose names are similar enough and whose parents and
/// identifiers do not rule it out; returns the near misses.
pub fn merge(
    candidates: &[Candidate],
    uf: &mut UnionFind,
    edges: &mut Vec<(u32, u32, MatchReason)>,
    threshold: f64,
) -> Vec<Miss> {
    let units = units(candidates, uf);
    let mut index: HashMap<String, Vec<u32>> = HashMap::new();
    let mut misses = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        let tokens = tokens(unit.key);
        let mut best: Option<(f64, u32, Similarity)> = None;
        let mut near: Vec<Miss> = Vec::new();
        for v in shortlist(&index, &tokens) {
            let other = &units[v as usize];
            if uf.find(other.local) == uf.find(unit.local) || !length_close(unit.key, other.key) {
                continue;
            }
            let similarity = names::similarity(unit.key, other.key);
            if similarity.score < threshold - NEAR_MISS_MARGIN {
                continue;
            }
            let blocked_by = if !names::numbers_agree(unit.key, other.key) {
                Some("different numbers")
            } else if unit.parent.is_some() && other.parent.is_some() && unit.parent != other.parent
            {
                Some("different parents")
            } else if !uf.compatible(unit.local, other.local) {
                Some("different identifiers")
            } else {
                None
            };
            if similarity.score >= threshold && blocked_by.is_none() {
                if best.is_none_or(|(score, _, _)| similarity.score > score) {
                    best = Some((similarity.score, v, similarity));
                }
            } else if near.len() < MAX_MISSES {
                near.push(Miss {
                    a: other.local,
                    b: unit.local,
                    a_key: other.key.to_string(),
                    b_key: unit.key.to_string(),
                    similarity,
                    blocked_by,
                });
            }
        }
        if let Some((score, v, _)) = best {
            let other = &units[v as usize];
            if uf.union(other.local, unit.local) {
                let reason = MatchReason::Fuzzy {
                    score: round2(score),
                    names: Box::new((other.key.to_string(), unit.key.to_string())),
                };
                edges.push((other.local, unit.local, reason));
            }
        }
        misses.extend(near);
        for token in tokens {
            index.entry(token).or_default().push(u as u32);
        }
    }
    misses
}

fn round2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

/// Each distinct name per merged set, in canonical order.
fn units<'a>(candidates: &'a [Candidate], uf: &mut UnionFind) -> Vec<Unit<'a>> {
    let mut seen: HashMap<(u32, &str), usize> = HashMap::new();
    let mut units: Vec<Unit<'a>> = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(key) = c.key.as_deref() else {
            continue;
        };
        let root = uf.find(i as u32);
        match seen.get(&(root, key)) {
            Some(&u) => {
                units[u].parent = units[u].parent.or(c.parent);
            }
            None => {
                seen.insert((root, key), units.len());
                units.push(Unit {
                    local: i as u32,
                    key,
                    parent: c.parent,
                });
            }
        }
    }
    units
}

/// Words and word prefixes a similar name is likely to share.
fn tokens(key: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for word in key.split(' ').filter(|w| !w.is_empty()) {
        tokens.push(word.to_string());
        if word.chars().count() > PREFIX {
            tokens.push(format!(
                "^{}",
                word.chars().take(PREFIX).collect::<String>()
            ));
        }
    }
    tokens.sort();
    tokens.dedup();
    tokens
}

/// Earlier names sharing the most tokens, skipping tokens so common they
/// would make this quadratic (unless every token is that common).
fn shortlist(index: &HashMap<String, Vec<u32>>, tokens: &[String]) -> Vec<u32> {
    let postings: Vec<&Vec<u32>> = tokens.iter().filter_map(|t| index.get(t)).collect();
    let mut shared: HashMap<u32, u32> = HashMap::new();
    let mut any = false;
    for posting in postings.iter().filter(|p| p.len() <= MAX_POSTING) {
        any = true;
        for &v in posting.iter() {
            *shared.entry(v).or_default() += 1;
        }
    }
    if !any && let Some(rarest) = postings.iter().min_by_key(|p| p.len()) {
        for &v in rarest.iter().take(MAX_POSTING) {
            *shared.entry(v).or_default() += 1;
        }
    }
    let mut list: Vec<(u32, u32)> = shared.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(MAX_COMPARE);
    list.into_iter().map(|(v, _)| v).collect()
}

/// Names of very different lengths cannot reach any useful threshold.
fn length_close(a: &str, b: &str) -> bool {
    let (la, lb) = (a.len(), b.len());
    la.min(lb) * 2 >= la.max(lb)
}
