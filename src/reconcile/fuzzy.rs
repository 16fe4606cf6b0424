//! Fuzzy name matching behind a token index: each name is compared only
//! with earlier names that share a word or a word's first letters, and with
//! at most [`MAX_COMPARE`] of those, so matching stays near-linear. The
//! cheap Dice coefficient is computed first and rules out most pairs before
//! Jaro-Winkler is.

use super::candidates::Candidates;
use super::merges::Merges;
use super::names::{self, Similarity};
use super::union_find::UnionFind;
use super::{EntityId, FuzzyMatch};
use crate::groups::Groups;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// A word on more names than this says little about which ones match.
const MAX_POSTING: usize = 128;
/// Comparisons per name, taken from those sharing the most words.
const MAX_COMPARE: usize = 32;
/// How far under the threshold a pair still counts as a near miss.
const NEAR_MISS_MARGIN: f64 = 0.15;
/// Near misses kept per name.
const MAX_MISSES: usize = 3;
/// Names scored per parallel task.
const SCORE_CHUNK: usize = 512;
/// Prefix length that catches typos after the first letters (`Initec`).
const PREFIX: usize = 4;

/// Two names that came close; `a` and `b` are positions in the kind's list.
pub struct Miss {
    pub a: u32,
    pub b: u32,
    /// The folded names compared, `a`'s then `b`'s.
    pub names: (String, String),
    pub similarity: Similarity,
    pub blocked_by: Option<&'static str>,
}

/// One distinct name of one set of already-merged mentions.
struct Unit<'a> {
    /// A mention (position in the kind's list) with this name.
    local: u32,
    folded: &'a str,
    parent: Option<EntityId>,
}

/// The names compared, with each one's interned [`tokens`] and its bigrams
/// grouped by its place in `list`.
struct Units<'a> {
    list: Vec<Unit<'a>>,
    words: Groups<u32>,
    bigrams: Groups<u32>,
}

/// Which names a token index holds. Names under a parent are looked up
/// among that parent's names (and the parentless ones), so a word shared by
/// thousands of clients' projects still finds the few under one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Scope {
    Parent(EntityId),
    Parentless,
    All,
}

/// Token postings per scope and token, each in ascending unit order, so
/// the names before any one unit are a prefix of every posting.
struct Index {
    ids: HashMap<(Scope, u32), u32>,
    postings: Groups<u32>,
}

impl Index {
    fn new(units: &Units<'_>) -> Self {
        // Per unit, per scope, per word: its posting. The unit is implied by
        // the order, so it is not stored beside it.
        let mut ids: HashMap<(Scope, u32), u32> = HashMap::default();
        let mut posting_of: Vec<u32> = Vec::with_capacity(units.words.items().len() * 2);
        for (unit, words) in units.list.iter().zip(units.words.iter()) {
            let scope = unit.parent.map_or(Scope::Parentless, Scope::Parent);
            for scope in [scope, Scope::All] {
                for &w in words {
                    let next = ids.len() as u32;
                    posting_of.push(*ids.entry((scope, w)).or_insert(next));
                }
            }
        }
        // Each unit's entries are consecutive, so the units put in the
        // postings ascend in each, as `earlier` needs.
        let entry_units = units
            .words
            .iter()
            .enumerate()
            .flat_map(|(u, words)| std::iter::repeat_n(u as u32, 2 * words.len()));
        let pairs = posting_of.iter().map(|&p| p as usize).zip(entry_units);
        let postings = Groups::from_pairs(ids.len(), pairs);
        Index { ids, postings }
    }

    /// The postings of `words` in `scope` holding names before unit `before`.
    fn earlier<'a>(&'a self, scope: Scope, words: &[u32], before: u32, found: &mut Vec<&'a [u32]>) {
        for &w in words {
            if let Some(&id) = self.ids.get(&(scope, w)) {
                let posting = self.postings.get(id as usize);
                let end = posting.partition_point(|&v| v < before);
                if end > 0 {
                    found.push(&posting[..end]);
                }
            }
        }
    }
}

/// Merges sets whose names are similar enough and whose parents and
/// identifiers do not rule it out; returns the near misses.
pub fn merge(
    candidates: &Candidates<'_>,
    uf: &mut UnionFind,
    merges: &mut Merges,
    threshold: f64,
) -> Vec<Miss> {
    let units = units(candidates, uf);
    // The parent each merged set sits under: a set never takes in a name
    // from under another parent, however close, so same-named projects of
    // different clients cannot be chained together through parentless ones.
    let mut set_parent: Vec<Option<EntityId>> = vec![None; candidates.len()];
    for unit in &units.list {
        if let Some(p) = unit.parent {
            let root = uf.find(unit.local) as usize;
            set_parent[root] = set_parent[root].or(Some(p));
        }
    }
    let floor = threshold - NEAR_MISS_MARGIN;
    // The mean of the two scores reaches `floor` only if Dice reaches this,
    // since Jaro-Winkler is at most 1.
    let dice_floor = 2.0 * floor - 1.0;
    let index = Index::new(&units);
    // Scoring a name against the earlier names depends on the names alone,
    // so it runs in parallel; the merges that depend on earlier merges
    // follow one name at a time, as if each name were scored just then.
    let scored: Vec<Groups<(u32, Similarity)>> = units
        .list
        .par_chunks(SCORE_CHUNK)
        .enumerate()
        .map_init(
            // Per worker rather than per chunk: the shortlist's counts are
            // as long as the list of names.
            || (Shortlist::new(units.list.len()), Vec::new(), Vec::new()),
            |(shortlist, postings, compare), (chunk, slice)| {
                // Per name, the earlier names close enough.
                let mut scored = Groups::new();
                for (i, unit) in slice.iter().enumerate() {
                    let u = (chunk * SCORE_CHUNK + i) as u32;
                    let words = units.words.get(u as usize);
                    postings.clear();
                    match unit.parent {
                        Some(p) => {
                            index.earlier(Scope::Parent(p), words, u, postings);
                            index.earlier(Scope::Parentless, words, u, postings);
                        }
                        None => index.earlier(Scope::All, words, u, postings),
                    }
                    shortlist.take(postings, compare);
                    for &v in compare.iter() {
                        let other = &units.list[v as usize];
                        if !length_close(unit.folded, other.folded) {
                            continue;
                        }
                        let (mine, theirs) =
                            (units.bigrams.get(u as usize), units.bigrams.get(v as usize));
                        let dice = names::dice(mine, theirs, unit.folded, other.folded);
                        if dice < dice_floor {
                            continue;
                        }
                        let similarity = names::with_dice(unit.folded, other.folded, dice);
                        if similarity.score >= floor {
                            scored.push((v, similarity));
                        }
                    }
                    scored.close_group();
                }
                scored
            },
        )
        .collect();
    let scored = scored.iter().flat_map(Groups::iter);
    let mut misses = Vec::new();
    for (unit, scored) in units.list.iter().zip(scored) {
        let mut best: Option<(f64, u32)> = None;
        let mut near: Vec<Miss> = Vec::new();
        for &(v, similarity) in scored {
            let other = &units.list[v as usize];
            if uf.find(other.local) == uf.find(unit.local) {
                continue;
            }
            let (mine, theirs) = (
                set_parent[uf.find(unit.local) as usize],
                set_parent[uf.find(other.local) as usize],
            );
            if mine.is_some() && theirs.is_some() && mine != theirs {
                // Same-named things under different parents are different
                // things, and no alias could join them: not even a near miss.
                continue;
            }
            let blocked_by = if !names::numbers_agree(unit.folded, other.folded) {
                Some("different numbers")
            } else if !uf.compatible(unit.local, other.local) {
                Some("different identifiers")
            } else {
                None
            };
            if similarity.score >= threshold && blocked_by.is_none() {
                if best.is_none_or(|(score, _)| similarity.score > score) {
                    best = Some((similarity.score, v));
                }
            } else if near.len() < MAX_MISSES {
                near.push(Miss {
                    a: other.local,
                    b: unit.local,
                    names: (other.folded.to_string(), unit.folded.to_string()),
                    similarity,
                    blocked_by,
                });
            }
        }
        if let Some((score, v)) = best {
            let other = &units.list[v as usize];
            let parent = set_parent[uf.find(other.local) as usize]
                .or(set_parent[uf.find(unit.local) as usize]);
            if uf.union(other.local, unit.local) {
                if parent.is_some() {
                    set_parent[uf.find(unit.local) as usize] = parent;
                }
                let fuzzy = FuzzyMatch {
                    score: round2(score),
                    names: (other.folded.to_string(), unit.folded.to_string()),
                };
                merges.push_fuzzy(other.local, unit.local, fuzzy);
            }
        }
        misses.extend(near);
    }
    misses
}

fn round2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

/// Each distinct name per merged set, in canonical order, with its tokens
/// and bigrams computed once.
fn units<'a>(candidates: &'a Candidates<'_>, uf: &mut UnionFind) -> Units<'a> {
    let mut seen: HashMap<(u32, u32), usize> = HashMap::default();
    let mut interned: HashMap<Token<'a>, u32> = HashMap::default();
    let mut units = Units {
        list: Vec::new(),
        words: Groups::new(),
        bigrams: Groups::new(),
    };
    let mut bigrams = Vec::new();
    for i in 0..candidates.len() {
        let Some(spelling) = candidates.spelling(i) else {
            continue;
        };
        let (folded, rank, parent) = (spelling.matched_as(), spelling.rank, candidates.parent(i));
        let root = uf.find(i as u32);
        match seen.get(&(root, rank)) {
            Some(&u) => {
                let unit = &mut units.list[u];
                unit.parent = unit.parent.or(parent);
            }
            None => {
                seen.insert((root, rank), units.list.len());
                for token in tokens(folded) {
                    let next = interned.len() as u32;
                    units.words.push(*interned.entry(token).or_insert(next));
                }
                units.words.close_group();
                bigrams.clear();
                names::bigrams_into(folded, &mut bigrams);
                units.bigrams.push_group(bigrams.iter().copied());
                units.list.push(Unit {
                    local: i as u32,
                    folded,
                    parent,
                });
            }
        }
    }
    // Grown name by name; what comes next (the index, the scores) is
    // allocated while these are held, so the room left to grow would add
    // to the peak.
    units.list.shrink_to_fit();
    units.words.shrink_to_fit();
    units.bigrams.shrink_to_fit();
    units
}

/// A word of a name, or the first [`PREFIX`] letters of a longer word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Token<'a> {
    prefix: bool,
    text: &'a str,
}

impl Token<'_> {
    /// Prefixes sort as if written `^abcd`, before the words.
    fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.prefix
            .then_some('^')
            .into_iter()
            .chain(self.text.chars())
    }
}

/// Words and word prefixes a similar name is likely to share, in a fixed
/// order so ties between equally rare tokens break the same way every run.
fn tokens(folded: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        tokens.push(Token {
            prefix: false,
            text: word,
        });
        if let Some((end, _)) = word.char_indices().nth(PREFIX) {
            tokens.push(Token {
                prefix: true,
                text: &word[..end],
            });
        }
    }
    tokens.sort_by(|a, b| a.chars().cmp(b.chars()));
    tokens.dedup();
    tokens
}

/// Counts shared tokens per earlier name in a dense array, reset after
/// each use, so building a shortlist allocates nothing per name.
struct Shortlist {
    counts: Vec<u32>,
    touched: Vec<u32>,
    ranked: Vec<(u32, u32)>,
}

impl Shortlist {
    fn new(units: usize) -> Self {
        Self {
            counts: vec![0; units],
            touched: Vec::new(),
            ranked: Vec::new(),
        }
    }

    /// Earlier names sharing the most tokens, skipping tokens so common they
    /// would make this quadratic (unless every token is that common), into
    /// `out`, best first.
    fn take(&mut self, postings: &[&[u32]], out: &mut Vec<u32>) {
        let mut any = false;
        for posting in postings.iter().filter(|p| p.len() <= MAX_POSTING) {
            any = true;
            for &v in posting.iter() {
                self.bump(v);
            }
        }
        if !any
            && let Some(rarest) = postings
                .iter()
                .filter(|p| !p.is_empty())
                .min_by_key(|p| p.len())
        {
            for &v in rarest.iter().take(MAX_POSTING) {
                self.bump(v);
            }
        }
        let list = &mut self.ranked;
        list.clear();
        list.extend(self.touched.iter().map(|&v| (v, self.counts[v as usize])));
        for &v in &self.touched {
            self.counts[v as usize] = 0;
        }
        self.touched.clear();
        let best_first = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        if list.len() > MAX_COMPARE {
            list.select_nth_unstable_by(MAX_COMPARE, best_first);
            list.truncate(MAX_COMPARE);
        }
        list.sort_by(best_first);
        out.clear();
        out.extend(list.iter().map(|&(v, _)| v));
    }

    fn bump(&mut self, v: u32) {
        let count = &mut self.counts[v as usize];
        if *count == 0 {
            self.touched.push(v);
        }
        *count += 1;
    }
}

/// Names of very different lengths cannot reach any useful threshold.
fn length_close(a: &str, b: &str) -> bool {
    let (la, lb) = (a.len(), b.len());
    la.min(lb) * 2 >= la.max(lb)
}
