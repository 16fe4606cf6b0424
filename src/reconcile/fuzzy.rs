//! Fuzzy name matching. Each name is compared word by word ([`align`])
//! with earlier names found through a token index: names sharing a word or
//! a word's first letters, at most [`MAX_COMPARE`] of them, so matching
//! stays near-linear. Two names merge when every word has its partner and
//! the weighted score reaches the threshold, unless their parents, their
//! identifiers or their file keep them apart.
//!
//! Pairs that came close and stayed apart are kept as near misses, ranked
//! by how alike their letters look (Jaro-Winkler and Dice over the whole
//! folded names): what a person would take for the same name.
//!
//! [`align`]: super::align

use super::align::{Alignment, Apart, Step, Vocabulary};
use super::candidates::Candidates;
use super::merges::Merges;
use super::names::{self, Similarity};
use super::union_find::UnionFind;
use super::{EntityId, FuzzyMatch};
use crate::groups::Groups;
use crate::ingest::records::too_long_a_name;
use crate::model::{Ingested, MentionId};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

/// A word on more names than this says little about which ones match.
const MAX_POSTING: usize = 128;
/// Comparisons per name, taken from those sharing the most words.
const MAX_COMPARE: usize = 32;
/// How far under the threshold a pair's letters may look alike and still
/// count as a near miss.
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
    /// Their words paired up, and the weighted score of the pairing.
    pub alignment: Box<[Step]>,
    pub token_score: f64,
    pub blocked_by: Option<&'static str>,
}

/// What merges fuzzy names: the threshold, and what the same-file rule
/// reads.
pub struct Params<'a> {
    pub threshold: f64,
    pub ingested: &'a Ingested,
    /// The kind's mentions in canonical order.
    pub members: &'a [MentionId],
}

/// One distinct name of one set of already-merged mentions.
struct Unit<'a> {
    /// A mention (position in the kind's list) with this name.
    local: u32,
    folded: &'a str,
    parent: Option<EntityId>,
}

/// The names compared: each one's words (numbered by `vocabulary`) and
/// bigrams, grouped by its place in `list`, and what gives them their
/// index keys.
struct Units<'a> {
    list: Vec<Unit<'a>>,
    vocabulary: Vocabulary<'a>,
    words: Groups<u32>,
    keys: Keys,
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
        // Per unit, per scope, per key: its posting.
        let mut ids: HashMap<(Scope, u32), u32> = HashMap::default();
        let mut posting_of: Groups<u32> =
            Groups::with_capacity(units.list.len(), units.words.items().len() * 4);
        let mut keys = Vec::new();
        for (unit, words) in units.list.iter().zip(units.words.iter()) {
            units.keys.posted(words, &mut keys);
            let scope = unit.parent.map_or(Scope::Parentless, Scope::Parent);
            for scope in [scope, Scope::All] {
                for &k in &keys {
                    let next = ids.len() as u32;
                    posting_of.push(*ids.entry((scope, k)).or_insert(next));
                }
            }
            posting_of.close_group();
        }
        // Units are walked in order, so they ascend in each posting, as
        // `earlier` needs.
        let pairs = posting_of
            .iter()
            .enumerate()
            .flat_map(|(u, postings)| postings.iter().map(move |&p| (p as usize, u as u32)));
        let postings = Groups::from_pairs(ids.len(), pairs);
        Index { ids, postings }
    }

    /// The postings of `keys` in `scope` holding names before unit `before`.
    fn earlier<'a>(&'a self, scope: Scope, keys: &[u32], before: u32, found: &mut Vec<&'a [u32]>) {
        for &k in keys {
            if let Some(&id) = self.ids.get(&(scope, k)) {
                let posting = self.postings.get(id as usize);
                let end = posting.partition_point(|&v| v < before);
                if end > 0 {
                    found.push(&posting[..end]);
                }
            }
        }
    }
}

/// An earlier name compared with one, as the parallel phase leaves it for
/// the merges: its alignment (steps in the chunk's list) and how alike the
/// letters look.
struct Scored {
    unit: u32,
    token_score: f32,
    apart: Option<Apart>,
    steps: (u32, u32),
    similarity: Similarity,
}

/// Per name of a chunk, the earlier names it came close to, with their
/// alignments' steps.
#[derive(Default)]
struct ChunkScores {
    scored: Groups<Scored>,
    steps: Vec<Step>,
}

/// Merges sets whose names align and whose parents, identifiers and files
/// do not rule it out; returns the near misses.
pub fn merge(
    params: &Params<'_>,
    candidates: &Candidates<'_>,
    uf: &mut UnionFind,
    merges: &mut Merges,
) -> Vec<Miss> {
    let threshold = params.threshold;
    let written = Written::new(params);
    let units = units(candidates, uf, &written);
    // Each name's set before any fuzzy merge, found once: the scoring
    // runs in parallel, and finding a root compresses paths.
    let roots: Vec<u32> = units.list.iter().map(|u| uf.find(u.local)).collect();
    // The parent each merged set sits under (see `parents_clash`).
    let mut set_parent: Vec<Option<EntityId>> = vec![None; candidates.len()];
    for (unit, &root) in units.list.iter().zip(&roots) {
        if let Some(p) = unit.parent {
            set_parent[root as usize] = set_parent[root as usize].or(Some(p));
        }
    }
    let mut sets = Sets::new(&written, &roots, uf);
    let floor = threshold - NEAR_MISS_MARGIN;
    // The mean of the two letter scores reaches `floor` only if Dice
    // reaches this, since Jaro-Winkler is at most 1.
    let dice_floor = 2.0 * floor - 1.0;
    let index = Index::new(&units);
    // Scoring a name against the earlier names depends on the names alone,
    // so it runs in parallel; the merges that depend on earlier merges
    // follow one name at a time, as if each name were scored just then.
    let chunks: Vec<ChunkScores> = units
        .list
        .par_chunks(SCORE_CHUNK)
        .enumerate()
        .map_init(
            // Per worker rather than per chunk: the shortlist's counts are
            // as long as the list of names.
            || {
                (
                    Shortlist::new(units.list.len()),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                )
            },
            |(shortlist, keys, postings, compare), (chunk, slice)| {
                let mut out = ChunkScores::default();
                for (i, unit) in slice.iter().enumerate() {
                    let u = (chunk * SCORE_CHUNK + i) as u32;
                    units.keys.looked_up(units.words.get(u as usize), keys);
                    postings.clear();
                    match unit.parent {
                        Some(p) => {
                            index.earlier(Scope::Parent(p), keys, u, postings);
                            index.earlier(Scope::Parentless, keys, u, postings);
                        }
                        None => index.earlier(Scope::All, keys, u, postings),
                    }
                    shortlist.take(postings, compare);
                    for &v in compare.iter() {
                        let one_list = || sets.share_a_file(roots[u as usize], roots[v as usize]);
                        let scored = score(&units, u, v, threshold, floor, dice_floor, one_list);
                        if let Some(scored) = scored {
                            let (alignment, similarity) = scored;
                            let start = out.steps.len() as u32;
                            out.steps.extend_from_slice(&alignment.steps);
                            out.scored.push(Scored {
                                unit: v,
                                token_score: alignment.score as f32,
                                apart: alignment.apart,
                                steps: (start, out.steps.len() as u32),
                                similarity,
                            });
                        }
                    }
                    out.scored.close_group();
                }
                out
            },
        )
        .collect();
    let torn = torn(&units, &chunks, uf, &set_parent, threshold);
    let scored = chunks
        .iter()
        .flat_map(|c| c.scored.iter().map(move |group| (group, &c.steps)));
    let mut misses = Vec::new();
    let mut mergeable: Vec<&Scored> = Vec::new();
    for (u, (unit, (scored, steps))) in units.list.iter().zip(scored).enumerate() {
        let mut near: Vec<Miss> = Vec::new();
        let steps_of = |s: &Scored| flipped(&steps[s.steps.0 as usize..s.steps.1 as usize]);
        let miss = |s: &Scored, blocked_by: Option<&'static str>, near: &mut Vec<Miss>| {
            if near.len() < MAX_MISSES && s.similarity.score >= floor {
                let other = &units.list[s.unit as usize];
                near.push(Miss {
                    a: other.local,
                    b: unit.local,
                    names: (other.folded.to_string(), unit.folded.to_string()),
                    similarity: s.similarity,
                    alignment: steps_of(s),
                    token_score: f64::from(s.token_score),
                    blocked_by,
                });
            }
        };
        mergeable.clear();
        for s in scored {
            let other = &units.list[s.unit as usize];
            let (mine, theirs) = (uf.find(unit.local), uf.find(other.local));
            if mine == theirs {
                continue;
            }
            let blocked_by = match s.apart {
                Some(Apart::Numbers) => Some("different numbers"),
                Some(Apart::Unpaired) => Some("unpaired word"),
                None => None,
            };
            if blocked_by.is_none() && f64::from(s.token_score) >= threshold {
                mergeable.push(s);
            } else if !parents_clash(&set_parent, mine, theirs) {
                miss(s, blocked_by, &mut near);
            }
        }
        // Every earlier set the name belongs with, best first: a name
        // spelt right may come after two different misspellings of it,
        // which it joins both. Each merge is checked against the set as it
        // has grown, so two sets that could not be one stay apart.
        mergeable.sort_by(|a, b| b.token_score.total_cmp(&a.token_score));
        for &s in &mergeable {
            let other = &units.list[s.unit as usize];
            let (mine, theirs) = (uf.find(unit.local), uf.find(other.local));
            if mine == theirs || parents_clash(&set_parent, mine, theirs) {
                // Same-named things under different parents are different
                // things, and no alias could join them: not even a near miss.
                continue;
            }
            if torn[u] || torn[s.unit as usize] {
                miss(s, Some("ambiguous"), &mut near);
                continue;
            }
            if !uf.compatible(mine, theirs) {
                miss(s, Some("different identifiers"), &mut near);
                continue;
            }
            if sets.share_a_file(mine, theirs) {
                miss(s, Some("same file"), &mut near);
                continue;
            }
            if !sets.could_be_one(mine, theirs, &units) {
                miss(s, Some("unlike another name"), &mut near);
                continue;
            }
            let parent = set_parent[theirs as usize].or(set_parent[mine as usize]);
            if uf.union(other.local, unit.local) {
                let root = uf.find(unit.local);
                set_parent[root as usize] = parent;
                sets.join(root, mine, theirs);
                let fuzzy = FuzzyMatch {
                    score: round2(f64::from(s.token_score)),
                    names: (other.folded.to_string(), unit.folded.to_string()),
                    alignment: steps_of(s),
                };
                merges.push_fuzzy(other.local, unit.local, fuzzy);
            }
        }
        misses.extend(near);
    }
    misses
}

/// Per unit, whether it is torn between two names that are two things: a
/// misspelling (a name with a word no source but its own writes) close
/// enough to merge with two names that could not be one thing's, or that
/// sit under different parents. "Holma Torfin" is as close to "Holka
/// Torfin" as to "Holmar Torfin": taken for either, it could be wrong, and
/// a wrong merge makes up a conflict; it merges with neither.
fn torn(
    units: &Units<'_>,
    chunks: &[ChunkScores],
    uf: &mut UnionFind,
    set_parent: &[Option<EntityId>],
    threshold: f64,
) -> Vec<bool> {
    let merges = |s: &Scored| s.apart.is_none() && f64::from(s.token_score) >= threshold;
    let later = chunks.iter().flat_map(|c| c.scored.iter());
    let pairs: Vec<(usize, u32)> = later
        .enumerate()
        .flat_map(|(u, scored)| {
            scored
                .iter()
                .filter(|s| merges(s))
                .flat_map(move |s| [(u, s.unit), (s.unit as usize, u as u32)])
        })
        .collect();
    let partners = Groups::from_pairs(units.list.len(), pairs.into_iter());
    let roots: Vec<u32> = units.list.iter().map(|unit| uf.find(unit.local)).collect();
    let vocabulary = &units.vocabulary;
    let words = |u: u32| units.words.get(u as usize);
    let rivals = |p: u32, q: u32| {
        let (rp, rq) = (roots[p as usize], roots[q as usize]);
        rp != rq
            && (parents_clash(set_parent, rp, rq) || !vocabulary.could_be_one(words(p), words(q)))
    };
    (0..units.list.len())
        .into_par_iter()
        .map(|u| {
            let mine = partners.get(u);
            mine.len() >= 2
                && !words(u as u32).iter().all(|&w| vocabulary.established(w))
                && mine
                    .iter()
                    .enumerate()
                    .any(|(k, &p)| mine[k + 1..].iter().any(|&q| rivals(p, q)))
        })
        .collect()
}

/// Whether the sets rooted at `a` and `b` sit under different parents: a
/// set never takes in a name from under another parent, however close, so
/// same-named projects of different clients cannot be chained together
/// through parentless ones.
fn parents_clash(set_parent: &[Option<EntityId>], a: u32, b: u32) -> bool {
    let (x, y) = (set_parent[a as usize], set_parent[b as usize]);
    x.is_some() && y.is_some() && x != y
}

/// Unit `u`'s words aligned with earlier unit `v`'s, and how alike their
/// letters look, when the pair may merge or came near enough to be shown.
///
/// Two names of one numbered series in one list (`one_list`: the sets have
/// records in one file, which fuzzy merges only add to) are two things by
/// both rules and no near miss: a list of sprints or tickets would
/// otherwise make one of every neighbouring pair.
fn score(
    units: &Units<'_>,
    u: u32,
    v: u32,
    threshold: f64,
    floor: f64,
    dice_floor: f64,
    one_list: impl FnOnce() -> bool,
) -> Option<(Alignment, Similarity)> {
    let (mine, theirs) = (&units.list[u as usize], &units.list[v as usize]);
    let (words_u, words_v) = (units.words.get(u as usize), units.words.get(v as usize));
    if words_u.is_empty() || words_v.is_empty() {
        // Too many words to align: the exact name is the only match.
        return None;
    }
    let alignment = units.vocabulary.align(words_u, words_v);
    if alignment.apart == Some(Apart::Numbers) && one_list() {
        return None;
    }
    let may_merge = alignment.apart.is_none() && alignment.score >= threshold;
    if !may_merge && !length_close(mine.folded, theirs.folded) {
        return None;
    }
    let (a, b) = (units.bigrams.get(u as usize), units.bigrams.get(v as usize));
    let dice = names::dice(a, b, mine.folded, theirs.folded);
    if !may_merge && dice < dice_floor {
        return None;
    }
    let similarity = names::with_dice(mine.folded, theirs.folded, dice);
    (may_merge || similarity.score >= floor).then_some((alignment, similarity))
}

/// Steps aligned from the later name to the earlier one, as seen from the
/// earlier one (`a` the earlier name's words), in its words' order.
fn flipped(steps: &[Step]) -> Box<[Step]> {
    let mut out: Vec<Step> = steps
        .iter()
        .map(|s| Step {
            a: s.b,
            b: s.a,
            how: s.how,
        })
        .collect();
    out.sort_by_key(|s| (s.a == 0, s.a.trailing_zeros(), s.b.trailing_zeros()));
    out.into_boxed_slice()
}

fn round2(x: f64) -> f64 {
    (x * 100.0).floor() / 100.0
}

/// Per member (position in the kind's list): the file that writes it (the
/// referring record's, for a reference), and whether it is a record of a
/// list that names each thing once (not a reference, not a line of an
/// event log).
struct Written {
    file: Vec<u32>,
    listed: Vec<bool>,
}

impl Written {
    fn new(params: &Params<'_>) -> Self {
        let ingested = params.ingested;
        let (file, listed) = params
            .members
            .par_iter()
            .map(|&m| {
                let file = ingested.mention(m).file();
                let listed =
                    ingested.record(m).is_some() && !ingested.files[file.index()].later_wins;
                (file.index() as u32, listed)
            })
            .unzip();
        Written { file, listed }
    }
}

/// What the merges so far made of each set: the files it has records in
/// and the names it goes by.
///
/// The files are for the rule that two records of one kind in one file are
/// two entities: a system of record lists each entity once. Event logs
/// (JSON Lines), which report the same entity line after line, do not
/// count.
///
/// The names are for chains: a set joins another only when each of the
/// blocks it was made of (the sets the identifier and name merges left,
/// whose names a shared id or alias vouches for) could be the same thing
/// as each of the other's, by one of its names. So a misspelling close to
/// two different names ("holma" to "holka" and "holmar") does not make
/// them one, while a block that goes by two names ("Acme Website
/// Redesign" and, by its id, "Acme Redesign") still takes in a spelling of
/// either.
struct Sets {
    /// Per member position, the files of the set it is the root of, as the
    /// identifier and name merges left the sets.
    files_before: Groups<u32>,
    /// Per member position, the units (names) of the block it is the root
    /// of.
    units_before: Groups<u32>,
    /// The files and blocks (by their roots) of the sets fuzzy merges made,
    /// by their root.
    joined: HashMap<u32, (Vec<u32>, Vec<u32>)>,
}

impl Sets {
    /// `roots` is each unit's set, by its place in the units' list.
    fn new(written: &Written, roots: &[u32], uf: &mut UnionFind) -> Self {
        let members = written.file.len();
        let files: Vec<(usize, u32)> = (0..members)
            .filter(|&i| written.listed[i])
            .map(|i| (uf.find(i as u32) as usize, written.file[i]))
            .collect();
        let names = roots
            .iter()
            .enumerate()
            .map(|(u, &root)| (root as usize, u as u32));
        Sets {
            files_before: Groups::from_pairs(members, files.into_iter()),
            units_before: Groups::from_pairs(members, names),
            joined: HashMap::default(),
        }
    }

    fn files(&self, root: u32) -> &[u32] {
        match self.joined.get(&root) {
            Some((files, _)) => files,
            None => self.files_before.get(root as usize),
        }
    }

    /// The blocks the set rooted at `root` was made of.
    fn blocks<'a>(&'a self, root: &'a u32) -> &'a [u32] {
        match self.joined.get(root) {
            Some((_, blocks)) => blocks,
            None => std::slice::from_ref(root),
        }
    }

    /// Whether the sets rooted at `a` and `b` have records in one file.
    fn share_a_file(&self, a: u32, b: u32) -> bool {
        let theirs = self.files(b);
        self.files(a).iter().any(|f| theirs.contains(f))
    }

    /// Whether every block of the set rooted at `a` could be the same thing
    /// as every block of the set rooted at `b`: some name of the one as
    /// some name of the other (see [`Vocabulary::could_be_one`]).
    fn could_be_one(&self, a: u32, b: u32, units: &Units<'_>) -> bool {
        let words = |u: u32| units.words.get(u as usize);
        let names = |block: u32| self.units_before.get(block as usize);
        self.blocks(&a).iter().all(|&x| {
            self.blocks(&b).iter().all(|&y| {
                names(x).iter().any(|&p| {
                    names(y)
                        .iter()
                        .any(|&q| units.vocabulary.could_be_one(words(p), words(q)))
                })
            })
        })
    }

    /// Notes that the sets rooted at `a` and `b` are now one, rooted at
    /// `root`.
    fn join(&mut self, root: u32, a: u32, b: u32) {
        let mut files: Vec<u32> = self.files(a).iter().chain(self.files(b)).copied().collect();
        files.sort_unstable();
        files.dedup();
        let blocks: Vec<u32> = self
            .blocks(&a)
            .iter()
            .chain(self.blocks(&b))
            .copied()
            .collect();
        self.joined.insert(root, (files, blocks));
    }
}

/// Each distinct name per merged set, in canonical order, with its words,
/// index keys and bigrams computed once.
fn units<'a>(candidates: &'a Candidates<'_>, uf: &mut UnionFind, written: &Written) -> Units<'a> {
    let mut seen: HashMap<(u32, u32), usize> = HashMap::default();
    // Per unit, how many files write it: members come in file order, so a
    // unit's file changes only to one not seen before.
    let mut files: Vec<u32> = Vec::new();
    let mut last_file: Vec<u32> = Vec::new();
    let mut list: Vec<Unit<'a>> = Vec::new();
    let mut bigrams = Groups::new();
    let mut grams = Vec::new();
    for i in 0..candidates.len() {
        let Some(spelling) = candidates.spelling(i) else {
            continue;
        };
        let (folded, rank, parent) = (spelling.matched_as(), spelling.rank, candidates.parent(i));
        // Matched by its exact spelling only, as its diagnostic says.
        if too_long_a_name(folded) {
            continue;
        }
        let root = uf.find(i as u32);
        let file = written.file[i];
        match seen.get(&(root, rank)) {
            Some(&u) => {
                let unit: &mut Unit<'a> = &mut list[u];
                unit.parent = unit.parent.or(parent);
                if last_file[u] != file {
                    last_file[u] = file;
                    files[u] += 1;
                }
            }
            None => {
                seen.insert((root, rank), list.len());
                files.push(1);
                last_file.push(file);
                grams.clear();
                names::bigrams_into(folded, &mut grams);
                bigrams.push_group(grams.iter().copied());
                list.push(Unit {
                    local: i as u32,
                    folded,
                    parent,
                });
            }
        }
    }
    drop(seen);
    let folded: Vec<&'a str> = list.iter().map(|u| u.folded).collect();
    let (vocabulary, words) = Vocabulary::new(&folded, &files);
    drop(folded);
    let keys = Keys::new(&vocabulary, &words);
    // Grown name by name; what comes next (the index, the scores) is
    // allocated while these are held, so the room left to grow would add
    // to the peak.
    list.shrink_to_fit();
    bigrams.shrink_to_fit();
    Units {
        list,
        vocabulary,
        words,
        keys,
        bigrams,
    }
}

/// What a name's index keys are made of, per word of the vocabulary: the
/// word itself, the first [`PREFIX`] letters of a longer word (numbered
/// after the words), and, to look up, the words a typo away from it (see
/// [`Vocabulary::neighbours`]), so a misspelling finds the name it
/// misspells wherever the slip is. A name's keys are put together from
/// these when needed: kept per name, they would be several times the
/// names' words.
///
/// A word on more than [`MAX_POSTING`] names finds nothing on its own, and
/// in a large organisation most words of a name can be that common
/// ("Ortega Software"): a misspelling of such a name would then find no
/// name to compare with and stay apart. So each pair of common words a
/// name has is a key too (numbered after the prefixes): few names share
/// two common words.
struct Keys {
    prefix_of: Vec<Option<u32>>,
    neighbours: Groups<u32>,
    common: Vec<bool>,
    pairs: HashMap<(u32, u32), u32>,
}

impl Keys {
    fn new(vocabulary: &Vocabulary<'_>, words: &Groups<u32>) -> Self {
        let count = vocabulary.len() as u32;
        let mut prefix_ids: HashMap<&str, u32> = HashMap::default();
        let prefix_of: Vec<Option<u32>> = (0..count)
            .map(|w| {
                let word = vocabulary.word(w);
                let (end, _) = word.char_indices().nth(PREFIX)?;
                let next = count + prefix_ids.len() as u32;
                Some(*prefix_ids.entry(&word[..end]).or_insert(next))
            })
            .collect();
        let common: Vec<bool> = (0..count)
            .map(|w| vocabulary.names_with(w) as usize > MAX_POSTING)
            .collect();
        let first_pair = count + prefix_ids.len() as u32;
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::default();
        let mut mine = Vec::new();
        for name in words.iter() {
            common_pairs(name.iter().copied(), &common, &mut mine);
            for &pair in &mine {
                let next = first_pair + pairs.len() as u32;
                pairs.entry(pair).or_insert(next);
            }
        }
        Keys {
            prefix_of,
            neighbours: vocabulary.neighbours(),
            common,
            pairs,
        }
    }

    /// The keys a name of `words` is posted under, into `out`: its words,
    /// their prefixes and its pairs of common words, sorted and each once,
    /// so ties between equally rare keys break the same way every run.
    fn posted(&self, words: &[u32], out: &mut Vec<u32>) {
        out.clear();
        out.extend_from_slice(words);
        out.extend(words.iter().filter_map(|&w| self.prefix_of[w as usize]));
        let mut pairs = Vec::new();
        common_pairs(words.iter().copied(), &self.common, &mut pairs);
        out.extend(pairs.iter().filter_map(|pair| self.pairs.get(pair)));
        out.sort_unstable();
        out.dedup();
    }

    /// The keys a name of `words` looks up, into `out`: those it is posted
    /// under, the words a typo away from its own, and the pairs of common
    /// words among both, sorted and each once.
    fn looked_up(&self, words: &[u32], out: &mut Vec<u32>) {
        self.posted(words, out);
        let near = |w: u32| self.neighbours.get(w as usize).iter().copied();
        out.extend(words.iter().flat_map(|&w| near(w)));
        if !self.pairs.is_empty() && words.iter().any(|&w| near(w).len() > 0) {
            let mut pairs = Vec::new();
            let spelt = words
                .iter()
                .flat_map(|&w| std::iter::once(w).chain(near(w)));
            common_pairs(spelt, &self.common, &mut pairs);
            out.extend(pairs.iter().filter_map(|pair| self.pairs.get(pair)));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The pairs of distinct common words among `words`, each smaller word
/// first, into `out`.
fn common_pairs(words: impl Iterator<Item = u32>, common: &[bool], out: &mut Vec<(u32, u32)>) {
    out.clear();
    let mut found: SmallVec<[u32; 8]> = words.filter(|&w| common[w as usize]).collect();
    found.sort_unstable();
    found.dedup();
    for (i, &a) in found.iter().enumerate() {
        out.extend(found[i + 1..].iter().map(|&b| (a, b)));
    }
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

    /// Earlier names sharing the most tokens, into `out`, best first. The
    /// names are found through the tokens on few names: those on many would
    /// make this quadratic (unless every token is that common). When more
    /// are found than are compared, the common tokens still count for them,
    /// so that of the many names one rare word finds ("hotels"), the one
    /// that shares a common word too ("linden") is compared.
    fn take(&mut self, postings: &[&[u32]], out: &mut Vec<u32>) {
        let mut any = false;
        for posting in postings.iter().filter(|p| p.len() <= MAX_POSTING) {
            any = true;
            for &v in posting.iter() {
                self.bump(v);
            }
        }
        if self.touched.len() > MAX_COMPARE {
            for posting in postings.iter().filter(|p| p.len() > MAX_POSTING) {
                for &v in &self.touched {
                    if posting.binary_search(&v).is_ok() {
                        self.counts[v as usize] += 1;
                    }
                }
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
