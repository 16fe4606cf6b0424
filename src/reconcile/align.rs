//! Token alignment: whether two folded names are one name written two ways.
//!
//! The words of two names pair up one to one: equal words first (numbers
//! equal but for leading zeros), then a word written as two (`website`,
//! `web site`), then typos within an edit budget that grows with the
//! word's length ([`edit_budget`]). A word containing a digit pairs only
//! with an equal one, and a word left without a partner on either side
//! keeps the names apart: one different word ("Brimi *Kamar* Integration",
//! "Brimi *Praka* Integration") is a different thing, however alike the
//! letters around it.
//!
//! Each word weighs by how rare it is among the kind's names, in the
//! spirit of the term-frequency adjustments of record linkage (Splink):
//! agreeing on a word few names have says much, agreeing on one most names
//! have says little. The score is the weighted share of the words that
//! agree, a typo counting by its Jaro-Winkler similarity; names merge when
//! every word has its partner and the score reaches `match_threshold`.

use crate::groups::Groups;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use smallvec::SmallVec;
use std::hash::BuildHasher;

/// Words per name an alignment can follow: each side of a [`Step`] is a
/// set of positions in 32 bits. Longer names are matched by their exact
/// folded name only.
pub const MAX_WORDS: usize = 32;

/// When a word is established, written by the sources that name things
/// rather than slipped in by one: its names are written, in all, by at
/// least [`ESTABLISHED_FILES`] files and by twice as many files as there
/// are names. A misspelling is written once, where it was made (twice when
/// two sources slip alike), a word of the kind's names by every source
/// that names the thing. Two established words within a typo's reach of
/// each other ("marlow" and "marlon") are two
/// words, not one misspelt.
const ESTABLISHED_FILES: u32 = 3;
const FILES_PER_NAME: u32 = 2;

/// Words sharing one spelling with a letter dropped, beyond which the
/// spelling is passed over when looking for typos (see
/// [`Vocabulary::neighbours`]).
const MAX_NEIGHBOURHOOD: usize = 64;

/// Edits a typo may make in a word of `len` characters (the shorter word
/// of the two): none up to 3 characters, where one edit makes another word
/// (`ai`, `uk`, `jon`, `mar`); one up to 8, where two make another word as
/// often as not (`online` and `offline`, `austria` and `australia`); two
/// beyond.
pub fn edit_budget(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// Words of at most this many characters in which a changed letter is
/// another word (`mark` and `mary`, `iran` and `iraq`) rather than a typo;
/// a letter dropped, added or swapped with its neighbour still is one.
const SHORT_WORD: u32 = 4;

/// How the words of one step paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// The same word (a number up to leading zeros).
    Same,
    /// One word on one side is two on the other, run together.
    Joined,
    /// A misspelling: this many edits (insertions, deletions,
    /// substitutions, swaps of neighbours) apart.
    Typo(u8),
    /// Close enough for a typo, but each is a word of other names of the
    /// kind: two words, not one misspelt.
    Different,
    /// No partner on the other side.
    Unpaired,
}

impl How {
    /// As the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            How::Same => "same",
            How::Joined => "joined",
            How::Typo(_) => "typo",
            How::Different => "different",
            How::Unpaired => "unpaired",
        }
    }

    /// The words agree: the step does not keep the names apart.
    pub fn agrees(self) -> bool {
        matches!(self, How::Same | How::Joined | How::Typo(_))
    }
}

/// One step of an alignment: which words of each name (positions in the
/// folded name's words, as bits) and how they paired. One side is empty
/// for an unpaired word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub a: u32,
    pub b: u32,
    pub how: How,
}

/// Why an alignment keeps two names apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apart {
    /// A word with a digit has no equal on the other side.
    Numbers,
    /// Some other word has no partner.
    Unpaired,
}

/// Two names' words paired up.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub steps: SmallVec<[Step; 8]>,
    /// The weighted share of agreeing words, 0..1.
    pub score: f64,
    pub apart: Option<Apart>,
}

/// The words of one kind's names, numbered in string order, each with how
/// many of the names have it.
pub struct Vocabulary<'a> {
    words: Vec<&'a str>,
    /// By word: how many names have it.
    names_with: Vec<u32>,
    /// By word: how many files write the names that have it, summed over
    /// those names.
    files_with: Vec<u32>,
    /// By word: `ln(1 + names / names_with)`, the weight of agreeing on it.
    weights: Vec<f32>,
    /// By word: its length in characters and its [`letters`], so two words
    /// too unlike to be a typo are told apart without an edit distance.
    shapes: Vec<(u32, u32)>,
}

/// The set of a word's characters, each as one of 32 bits. One edit adds
/// or removes at most one character of the set and so flips at most two
/// bits (characters sharing a bit only flip fewer): two words whose sets
/// differ in more than `2 * k` bits are more than `k` edits apart.
fn letters(word: &str) -> u32 {
    word.chars().fold(0, |set, c| set | 1 << (c as u32 % 32))
}

/// A folded word without the direction it carries (see
/// [`fold_name`](super::names::fold_name)): `to>us` is `us` after `to`,
/// `sandbox<to` is `sandbox` before it. Returns the marks and the word.
fn directed(word: &str) -> ((&str, &str), &str) {
    let (after, rest) = word.split_at(word.find('>').map_or(0, |at| at + 1));
    let (core, before) = rest.split_at(rest.find('<').unwrap_or(rest.len()));
    ((after, before), core)
}

impl<'a> Vocabulary<'a> {
    /// The vocabulary of `names` (folded names: words sorted, one space
    /// apart), each written in `files[i]` files, and each name's words as
    /// numbers in its written (sorted) order. A name of more than
    /// [`MAX_WORDS`] words gets none.
    pub fn new(names: &[&'a str], files: &[u32]) -> (Self, Groups<u32>) {
        let mut first: HashMap<&'a str, u32> = HashMap::default();
        let mut found: Vec<&'a str> = Vec::new();
        let mut provisional: Groups<u32> = Groups::with_capacity(names.len(), names.len() * 3);
        for name in names {
            if name.split(' ').count() <= MAX_WORDS {
                for word in name.split(' ').filter(|w| !w.is_empty()) {
                    let next = found.len() as u32;
                    let id = *first.entry(word).or_insert(next);
                    if id == next {
                        found.push(word);
                    }
                    provisional.push(id);
                }
            }
            provisional.close_group();
        }
        drop(first);
        // Numbered in string order, so a name's words, sorted when it was
        // folded, are in ascending order and pair up by a merge.
        let mut order: Vec<u32> = (0..found.len() as u32).collect();
        order.sort_unstable_by_key(|&w| found[w as usize]);
        let mut rank = vec![0u32; found.len()];
        for (r, &w) in order.iter().enumerate() {
            rank[w as usize] = r as u32;
        }
        let words: Vec<&'a str> = order.iter().map(|&w| found[w as usize]).collect();
        let mut names_with = vec![0u32; words.len()];
        let mut files_with = vec![0u32; words.len()];
        let mut numbered: Groups<u32> =
            Groups::with_capacity(names.len(), provisional.items().len());
        for (group, &written) in provisional.iter().zip(files) {
            let start = numbered.items().len();
            numbered.push_group(group.iter().map(|&w| rank[w as usize]));
            let mine = &numbered.items()[start..];
            for (i, &w) in mine.iter().enumerate() {
                if i == 0 || mine[i - 1] != w {
                    names_with[w as usize] += 1;
                    files_with[w as usize] += written;
                }
            }
        }
        let total = names.len().max(1) as f32;
        let weights = names_with
            .iter()
            .map(|&n| (1.0 + total / n.max(1) as f32).ln())
            .collect();
        // A word's direction is no part of its spelling: `us<to` is as
        // short as `us`, and no typo of `uk<to`.
        let shapes = words
            .iter()
            .map(|w| {
                let (_, core) = directed(w);
                (core.chars().count() as u32, letters(core))
            })
            .collect();
        let vocabulary = Vocabulary {
            words,
            names_with,
            files_with,
            weights,
            shapes,
        };
        (vocabulary, numbered)
    }

    /// How many distinct words the names have.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, w: u32) -> &'a str {
        self.words[w as usize]
    }

    /// How many of the names have word `w`.
    pub fn names_with(&self, w: u32) -> u32 {
        self.names_with[w as usize]
    }

    fn weight(&self, w: u32) -> f64 {
        f64::from(self.weights[w as usize])
    }

    /// The edits between words `x` and `y` when one could be a typo of the
    /// other: the same direction (see [`directed`]), no digits, within
    /// the [`edit_budget`] of the shorter, the
    /// same first letter (a slip of the first letter is rare, and a
    /// different one usually makes a different word: `health` and
    /// `wealth`, `launch` and `relaunch`), and in a [`SHORT_WORD`] no
    /// changed letter.
    fn typo(&self, x: u32, y: u32) -> Option<usize> {
        let ((marks_a, a), (marks_b, b)) = (directed(self.word(x)), directed(self.word(y)));
        let ((la, set_a), (lb, set_b)) = (self.shapes[x as usize], self.shapes[y as usize]);
        let budget = edit_budget(la.min(lb) as usize);
        if budget == 0
            || marks_a != marks_b
            || has_digit(a)
            || has_digit(b)
            || la.abs_diff(lb) as usize > budget
            || (set_a ^ set_b).count_ones() as usize > 2 * budget
            || a.chars().next() != b.chars().next()
            // Equal lengths one edit apart are a changed letter or two
            // swapped, and only a swap keeps the same letters.
            || (la.min(lb) <= SHORT_WORD && la == lb && set_a != set_b)
        {
            return None;
        }
        let edits = strsim::osa_distance(a, b);
        (edits <= budget).then_some(edits)
    }

    /// Whether `a` and `b`, close enough for a typo, are rather two words
    /// of the vocabulary: both established (see [`ESTABLISHED_FILES`]).
    fn two_words(&self, a: u32, b: u32) -> bool {
        self.established(a) && self.established(b)
    }

    /// Whether word `w` is written by the sources that name things, not
    /// slipped in by one (see [`ESTABLISHED_FILES`]).
    pub fn established(&self, w: u32) -> bool {
        let files = self.files_with[w as usize];
        files >= ESTABLISHED_FILES && files >= FILES_PER_NAME * self.names_with[w as usize]
    }

    /// Whether two names could be one thing's, though perhaps not close
    /// enough to merge on their own: their words pair up, or the words that
    /// do not pair are, on one side, misspellings (none established) of
    /// words the other side has in their place. Two misspellings of one
    /// name ("sprig", "sprinng") could be; two established names ("holka",
    /// "holmar"), or one with a word more, could not.
    pub fn could_be_one(&self, a: &[u32], b: &[u32]) -> bool {
        if a.is_empty() || b.is_empty() {
            return a == b;
        }
        let alignment = self.align(a, b);
        match alignment.apart {
            None => true,
            Some(Apart::Numbers) => false,
            Some(Apart::Unpaired) => {
                let apart = alignment.steps.iter().filter(|s| !s.how.agrees());
                let side = |bits: fn(&Step) -> u32, words: &[u32]| -> Option<bool> {
                    let mut any = false;
                    let mut typos = true;
                    for s in apart.clone() {
                        for i in positions(bits(s)) {
                            any = true;
                            typos &= !self.established(words[i]);
                        }
                    }
                    any.then_some(typos)
                };
                match (side(|s| s.a, a), side(|s| s.b, b)) {
                    (Some(typos_a), Some(typos_b)) => typos_a || typos_b,
                    _ => false,
                }
            }
        }
    }

    /// For each word, the other words a typo away from it (within
    /// [`edit_budget`]) that share one of its spellings with a letter
    /// dropped: every pair one edit apart (a letter dropped, added or
    /// changed, two neighbours swapped) and many two apart. Found through
    /// those spellings (the "deletion neighbourhood" of SymSpell), never by
    /// comparing every pair of words.
    pub fn neighbours(&self) -> Groups<u32> {
        let mut keys: Vec<(u64, u32)> = Vec::new();
        let mut dropped = String::new();
        for (w, word) in self.words.iter().enumerate() {
            if has_digit(word) || edit_budget(self.shapes[w].0 as usize) == 0 {
                continue;
            }
            keys.push((FxBuildHasher.hash_one(word), w as u32));
            for (i, c) in word.char_indices() {
                dropped.clear();
                dropped.push_str(&word[..i]);
                dropped.push_str(&word[i + c.len_utf8()..]);
                keys.push((FxBuildHasher.hash_one(dropped.as_str()), w as u32));
            }
        }
        keys.par_sort_unstable();
        keys.dedup();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for same in keys.chunk_by(|a, b| a.0 == b.0) {
            // A spelling shared by very many short words ("ap" of "app",
            // "api", "apt"…) says nothing about which is a typo of which.
            if same.len() > MAX_NEIGHBOURHOOD {
                continue;
            }
            for (k, &(_, x)) in same.iter().enumerate() {
                for &(_, y) in &same[k + 1..] {
                    if self.typo(x, y).is_some() {
                        pairs.push((x, y));
                        pairs.push((y, x));
                    }
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        Groups::from_pairs(
            self.words.len(),
            pairs.iter().map(|&(w, n)| (w as usize, n)),
        )
    }

    /// Pairs the words of two names (each as [`Vocabulary::new`] numbered
    /// them) and scores the pairing.
    pub fn align(&self, a: &[u32], b: &[u32]) -> Alignment {
        let mut steps: SmallVec<[Step; 8]> = SmallVec::new();
        let (mut left_a, mut left_b): (Positions, Positions) = (SmallVec::new(), SmallVec::new());
        // Equal words: both lists ascend, so a merge finds them.
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Equal => {
                    steps.push(step(i, j, How::Same));
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    left_a.push(i as u8);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    left_b.push(j as u8);
                    j += 1;
                }
            }
        }
        left_a.extend((i..a.len()).map(|i| i as u8));
        left_b.extend((j..b.len()).map(|j| j as u8));
        if !left_a.is_empty() || !left_b.is_empty() {
            self.pair_leftovers(a, b, &mut left_a, &mut left_b, &mut steps);
        }
        self.finish(a, b, steps)
    }

    /// Pairs the words no equal word took: numbers up to leading zeros,
    /// then words run together, then typos, and leaves the rest unpaired.
    fn pair_leftovers(
        &self,
        a: &[u32],
        b: &[u32],
        left_a: &mut Positions,
        left_b: &mut Positions,
        steps: &mut SmallVec<[Step; 8]>,
    ) {
        let text_a = |i: u8| self.word(a[i as usize]);
        let text_b = |j: u8| self.word(b[j as usize]);
        // Numbers: `q01` is `q1`.
        for k in (0..left_a.len()).rev() {
            let x = text_a(left_a[k]);
            if !has_digit(x) {
                continue;
            }
            if let Some(l) = left_b.iter().position(|&j| same_number(x, text_b(j))) {
                steps.push(step(left_a[k] as usize, left_b[l] as usize, How::Same));
                left_a.remove(k);
                left_b.remove(l);
            }
        }
        // One word written as two: `website` and `web site`.
        join(left_a, left_b, &text_a, &text_b, steps, false);
        join(left_b, left_a, &text_b, &text_a, steps, true);
        // Typos: the closest pairs first, and pairs of two established
        // words (two words, not a typo) only after every typo, so they
        // never take a word from its misspelling: "event evets" and
        // "eveent events" pair as two typos, not as "event" / "events".
        let mut typos: SmallVec<[Typo; 8]> = SmallVec::new();
        for &i in left_a.iter() {
            for &j in left_b.iter() {
                let (x, y) = (a[i as usize], b[j as usize]);
                if let Some(edits) = self.typo(x, y) {
                    let close = (strsim::jaro_winkler(self.word(x), self.word(y)) * 1e9) as u64;
                    let two = self.two_words(x, y);
                    typos.push((two, edits, std::cmp::Reverse(close), i, j));
                }
            }
        }
        typos.sort_unstable();
        for (two, edits, _, i, j) in typos {
            let (Some(k), Some(l)) = (
                left_a.iter().position(|&x| x == i),
                left_b.iter().position(|&y| y == j),
            ) else {
                continue;
            };
            let how = if two {
                How::Different
            } else {
                How::Typo(edits as u8)
            };
            steps.push(step(i as usize, j as usize, how));
            left_a.remove(k);
            left_b.remove(l);
        }
        for &i in left_a.iter() {
            steps.push(Step {
                a: 1 << i,
                b: 0,
                how: How::Unpaired,
            });
        }
        for &j in left_b.iter() {
            steps.push(Step {
                a: 0,
                b: 1 << j,
                how: How::Unpaired,
            });
        }
    }

    /// Weighs the steps and says whether they keep the names apart. Steps
    /// are put in the order of `a`'s words, `b`'s unpaired ones last.
    fn finish(&self, a: &[u32], b: &[u32], mut steps: SmallVec<[Step; 8]>) -> Alignment {
        let (mut agreed, mut total) = (0.0, 0.0);
        let mut apart = None;
        for s in &steps {
            let words_a = positions(s.a).map(|i| a[i]);
            let words_b = positions(s.b).map(|j| b[j]);
            let (weight, similarity) = match s.how {
                How::Same => (self.weight(first(s.a, a)), 1.0),
                How::Joined => {
                    // The single word's weight: its halves are each common
                    // words ("web", "site") that say less than the whole.
                    // It counts as alike as the word is to its halves
                    // written apart.
                    let (single, halves) = if s.a.count_ones() == 1 {
                        (first(s.a, a), words_b.collect::<SmallVec<[u32; 2]>>())
                    } else {
                        (first(s.b, b), words_a.collect())
                    };
                    let whole = self.word(single);
                    let (x, y) = (self.word(halves[0]), self.word(halves[1]));
                    let similarity = [format!("{x} {y}"), format!("{y} {x}")]
                        .iter()
                        .map(|apart| strsim::jaro_winkler(whole, apart))
                        .fold(0.0, f64::max);
                    (self.weight(single), similarity)
                }
                How::Typo(_) => {
                    let (x, y) = (first(s.a, a), first(s.b, b));
                    // A misspelling is rare for being one: it weighs as
                    // the commoner spelling.
                    let weight = self.weight(x).min(self.weight(y));
                    (weight, strsim::jaro_winkler(self.word(x), self.word(y)))
                }
                How::Different | How::Unpaired => {
                    let heaviest = words_a
                        .chain(words_b)
                        .map(|w| self.weight(w))
                        .fold(0.0, f64::max);
                    let numbers = positions(s.a)
                        .map(|i| a[i])
                        .chain(positions(s.b).map(|j| b[j]))
                        .any(|w| has_digit(self.word(w)));
                    apart = match (apart, numbers) {
                        (_, true) | (Some(Apart::Numbers), _) => Some(Apart::Numbers),
                        _ => Some(Apart::Unpaired),
                    };
                    (heaviest, 0.0)
                }
            };
            agreed += weight * similarity;
            total += weight;
        }
        steps.sort_by_key(|s| (s.a == 0, s.a.trailing_zeros(), s.b.trailing_zeros()));
        Alignment {
            steps,
            score: if total > 0.0 { agreed / total } else { 1.0 },
            apart,
        }
    }
}

/// A typo between two leftover words, as the pairing ranks them: typos
/// before pairs of two established words, then the fewest edits, then the
/// most alike (Jaro-Winkler in billionths), then their positions in `a`
/// and `b`.
type Typo = (bool, usize, std::cmp::Reverse<u64>, u8, u8);

/// Word positions in one name, few enough for the stack.
type Positions = SmallVec<[u8; 8]>;

fn step(i: usize, j: usize, how: How) -> Step {
    Step {
        a: 1 << i,
        b: 1 << j,
        how,
    }
}

/// The words at the positions `bits` in `folded`, a folded name (words one
/// space apart), in order: one side of a step as written.
pub fn words_of(bits: u32, folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(' ')
        .enumerate()
        .filter(move |&(i, _)| i < MAX_WORDS && bits & (1 << i) != 0)
        .map(|(_, w)| w)
}

/// The positions in a step's side, lowest first: its set bits, found
/// one by one rather than by testing all [`MAX_WORDS`] (a step has one
/// or two).
pub fn positions(bits: u32) -> impl Iterator<Item = usize> {
    let mut rest = bits;
    std::iter::from_fn(move || {
        let i = rest.trailing_zeros() as usize;
        rest &= rest.wrapping_sub(1);
        (i < MAX_WORDS).then_some(i)
    })
}

fn first(bits: u32, words: &[u32]) -> u32 {
    words[bits.trailing_zeros() as usize]
}

/// Pairs each word of `singles` that is two words of `halves` run
/// together, in either order. `swapped` says `singles` is the `b` side.
fn join<'a>(
    singles: &mut Positions,
    halves: &mut Positions,
    single_text: &impl Fn(u8) -> &'a str,
    half_text: &impl Fn(u8) -> &'a str,
    steps: &mut SmallVec<[Step; 8]>,
    swapped: bool,
) {
    let mut k = 0;
    while k < singles.len() && halves.len() >= 2 {
        let whole = single_text(singles[k]);
        let found = (0..halves.len()).find_map(|x| {
            let head = half_text(halves[x]);
            let rest = whole.strip_prefix(head)?;
            (0..halves.len())
                .find(|&y| y != x && half_text(halves[y]) == rest)
                .map(|y| (x, y))
        });
        match found {
            Some((x, y)) => {
                let halves_bits = (1u32 << halves[x]) | (1u32 << halves[y]);
                let single_bits = 1u32 << singles[k];
                let (a, b) = if swapped {
                    (halves_bits, single_bits)
                } else {
                    (single_bits, halves_bits)
                };
                steps.push(Step {
                    a,
                    b,
                    how: How::Joined,
                });
                let (hi, lo) = (x.max(y), x.min(y));
                halves.remove(hi);
                halves.remove(lo);
                singles.remove(k);
            }
            None => k += 1,
        }
    }
}

fn has_digit(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_digit())
}

/// Words with digits that are equal but for leading zeros in their
/// numbers: `q01` and `q1`, `2026` and `02026`.
fn same_number(a: &str, b: &str) -> bool {
    has_digit(b) && canonical_number(a) == canonical_number(b)
}

/// A word's digit runs without leading zeros, its letters as they are.
fn canonical_number(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut in_number = false;
    let mut run_has_digit = false;
    for c in word.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                in_number = true;
                run_has_digit = false;
            }
            if c == '0' && !run_has_digit {
                continue;
            }
            run_has_digit = true;
            out.push(c);
        } else {
            if in_number && !run_has_digit {
                out.push('0');
            }
            in_number = false;
            out.push(c);
        }
    }
    if in_number && !run_has_digit {
        out.push('0');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reconcile::names::fold_name;

    /// Aligns the first two of `names`, all of one kind, folded as the
    /// matcher folds them, each written in one file; the others make up the
    /// rest of the kind's names.
    fn align(names: &[&str]) -> (Alignment, Vec<String>) {
        align_written(names, &vec![1; names.len()])
    }

    /// [`align`] with each name written in `files[i]` files.
    fn align_written(names: &[&str], files: &[u32]) -> (Alignment, Vec<String>) {
        let folded: Vec<String> = names
            .iter()
            .map(|n| fold_name(n, &["campaign", "campaigns"]))
            .collect();
        let refs: Vec<&str> = folded.iter().map(String::as_str).collect();
        let (vocabulary, words) = Vocabulary::new(&refs, files);
        let alignment = vocabulary.align(words.get(0), words.get(1));
        (alignment, folded)
    }

    fn hows(alignment: &Alignment) -> Vec<How> {
        alignment.steps.iter().map(|s| s.how).collect()
    }

    #[test]
    fn one_different_word_keeps_names_apart() {
        for pair in [
            ["Brimi Kamar Integration", "Brimi Praka Integration"],
            [
                "Holka Torfin Nusjex Campaign",
                "Nusjex Holmar Torfin Campaign",
            ],
            [
                "Quosel Ostyon Zelka Newsletter",
                "Zelquo Ostyondan Quosel Newsletter",
            ],
            ["Acme Website Redesign", "Acme Website"],
        ] {
            let (alignment, _) = align(&pair);
            assert_eq!(alignment.apart, Some(Apart::Unpaired), "{pair:?}");
            assert!(hows(&alignment).contains(&How::Unpaired), "{pair:?}");
        }
    }

    #[test]
    fn typos_within_the_budget_pair_up() {
        let (alignment, _) = align(&["Initech Portal", "Initec Portal"]);
        assert_eq!(alignment.apart, None);
        assert_eq!(hows(&alignment), [How::Typo(1), How::Same]);
        assert!(alignment.score >= 0.88, "{}", alignment.score);
        // Two edits in a word of six letters or more; one in a shorter one.
        let (alignment, _) = align(&["Brimi Kamar Integration", "Brimi Kamar Intgeraton"]);
        assert_eq!(alignment.apart, None, "{alignment:?}");
        let (alignment, _) = align(&["Brimi Kamar Integration", "Brmi Kamar Integration"]);
        assert_eq!(alignment.apart, None, "{alignment:?}");
        // Two edits in a word of five letters are another word.
        let (alignment, _) = align(&["Brimi Kamar Integration", "Brimi Kmor Integration"]);
        assert_eq!(alignment.apart, Some(Apart::Unpaired));
    }

    proptest::proptest! {
        /// The letter sets never rule out a pair within its edit budget.
        #[test]
        fn letter_sets_bound_the_edit_distance(a in "[a-zé]{0,9}", b in "[a-zé]{0,9}") {
            let differ = (letters(&a) ^ letters(&b)).count_ones() as usize;
            proptest::prop_assert!(differ <= 2 * strsim::osa_distance(&a, &b));
        }
    }

    #[test]
    fn the_budget_grows_with_the_word() {
        assert_eq!(edit_budget(3), 0);
        assert_eq!(edit_budget(4), 1);
        assert_eq!(edit_budget(8), 1);
        assert_eq!(edit_budget(9), 2);
        let (alignment, _) = align(&["Acme AI Launch", "Acme AL Launch"]);
        assert_eq!(
            alignment.apart,
            Some(Apart::Unpaired),
            "no typo in two letters"
        );
    }

    #[test]
    fn a_typo_keeps_the_first_letter_and_a_short_word_its_letters() {
        let apart = |a: &str, b: &str| align(&[a, b]).0.apart;
        // Words that differ as typos do, and are other words.
        for (a, b) in [
            ("Acme Health", "Acme Wealth"),
            ("Website Launch", "Website Relaunch"),
            ("Display Remarketing", "Display Marketing"),
            ("Online Campaign", "Offline Campaign"),
            ("Austria Tourism Board", "Australia Tourism Board"),
            ("Mark Chen", "Mary Chen"),
            ("Mar Promo Email", "May Promo Email"),
        ] {
            assert_eq!(apart(a, b), Some(Apart::Unpaired), "{a} / {b}");
        }
        // Typos as people make them.
        for (a, b) in [
            ("Brimi Kamar Integration", "Brmi Kamar Integration"),
            ("Acme Website Redesign", "Acme Webiste Redesign"),
            ("Form Builder", "From Builder"),
            ("Brimi Kamar Integration", "Brimi Kamar Intergation"),
            ("Alumni Photo Shoot", "Alumnni Photo Shoot"),
        ] {
            assert_eq!(apart(a, b), None, "{a} / {b}");
        }
    }

    #[test]
    fn numbers_must_be_equal_but_for_leading_zeros() {
        let (alignment, _) = align(&["Globex Rebrand 2026", "Globex Rebrand 2027"]);
        assert_eq!(alignment.apart, Some(Apart::Numbers));
        let (alignment, _) = align(&["Webinar 3", "Webinar 8"]);
        assert_eq!(alignment.apart, Some(Apart::Numbers));
        let (alignment, _) = align(&["Acme Q01 Search", "Acme Q1 Search"]);
        assert_eq!(alignment.apart, None);
        assert_eq!(alignment.score, 1.0);
        // A number is never a typo of another.
        let (alignment, _) = align(&["Acme Phase 12", "Acme Phase 13"]);
        assert_eq!(alignment.apart, Some(Apart::Numbers));
    }

    #[test]
    fn a_word_written_as_two_pairs_with_its_halves() {
        let (alignment, folded) = align(&["Acme Website Redesign", "Acme Web-site Redesign"]);
        assert_eq!(alignment.apart, None);
        let joined = alignment
            .steps
            .iter()
            .find(|s| s.how == How::Joined)
            .unwrap();
        assert_eq!(
            words_of(joined.a, &folded[0]).collect::<Vec<_>>(),
            ["website"]
        );
        assert_eq!(
            words_of(joined.b, &folded[1]).collect::<Vec<_>>(),
            ["site", "web"]
        );
        assert!(alignment.score > 0.95 && alignment.score < 1.0);
    }

    #[test]
    fn two_words_of_the_vocabulary_are_not_a_typo() {
        // "marlow" and "marlon" each name clients that several sources
        // write.
        let names = ["Marlow Foods", "Marlon Foods", "Marlon Health"];
        let (alignment, _) = align_written(&names, &[3, 3, 3]);
        assert_eq!(hows(&alignment), [How::Same, How::Different]);
        assert_eq!(alignment.apart, Some(Apart::Unpaired));
        // A misspelling is written where it was made, once, even when the
        // same slip is made in two names.
        let names = [
            "Radiant Year End Lead Gen",
            "Radint Year End Lead Gen",
            "Radiant Spring Search",
            "Radint Spring Search",
        ];
        let (alignment, _) = align_written(&names, &[4, 1, 4, 1]);
        assert_eq!(alignment.apart, None, "{alignment:?}");
        assert!(hows(&alignment).contains(&How::Typo(1)));
        // Two established words a typo apart never take a word from its
        // misspelling: each misspelling pairs with the word it misspells.
        let names = [
            "Event Evets Site",
            "Eveent Events Site",
            "Event Site",
            "Events Site",
        ];
        let (alignment, _) = align_written(&names, &[1, 1, 4, 4]);
        assert_eq!(alignment.apart, None, "{alignment:?}");
        assert_eq!(hows(&alignment), [How::Typo(1), How::Typo(1), How::Same]);
        let names = ["Alumni Photo Shoot", "Alumnni Photo Shoot"];
        let (alignment, _) = align_written(&names, &[4, 2]);
        assert_eq!(alignment.apart, None, "{alignment:?}");
    }

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        // "launch" is in every name; a typo in it costs less than one in
        // the rare word.
        let others = [
            "Birch Launch",
            "Cedar Launch",
            "Maple Launch",
            "Aspen Launch",
        ];
        let typo_in_common = [&["Kessler Launch", "Kessler Lanch"][..], &others].concat();
        let typo_in_rare = [&["Kessler Launch", "Kesler Launch"][..], &others].concat();
        let (common, _) = align(&typo_in_common);
        let (rare, _) = align(&typo_in_rare);
        assert!(
            common.score > rare.score,
            "{} vs {}",
            common.score,
            rare.score
        );
    }

    #[test]
    fn word_order_and_company_forms_do_not_matter() {
        let (alignment, _) = align(&["Kessler Holdings, L.L.C.", "holdings kessler llc"]);
        assert_eq!(alignment.apart, None);
        assert_eq!(hows(&alignment), [How::Same, How::Same]);
    }

    #[test]
    fn order_that_says_something_keeps_names_apart() {
        for pair in [
            ["Phase 1 Sprint 2", "Phase 2 Sprint 1"],
            ["EU to US Data Transfer", "US to EU Data Transfer"],
            [
                "Sync Salesforce Sandbox to Salesforce Production",
                "Sync Salesforce Production to Salesforce Sandbox",
            ],
        ] {
            let (alignment, _) = align(&pair);
            assert!(alignment.apart.is_some(), "{pair:?}");
        }
        let (alignment, _) = align(&[
            "Salesforce to HubSpot Migration",
            "Salesforce to Hubspt Migration",
        ]);
        assert_eq!(alignment.apart, None, "a typo in a directed word");
        let (alignment, _) = align(&[
            "Salesforce to HubSpot Migration",
            "Salesforse to HubSpot Migration",
        ]);
        assert_eq!(
            alignment.apart, None,
            "a typo in the word before a direction"
        );
        // A direction makes no word longer: a short word next to one is as
        // short as ever, and one letter changed is another word.
        for pair in [
            ["US to EU Data Transfer", "UK to EU Data Transfer"],
            ["EU to UK Data Transfer", "EU to US Data Transfer"],
            ["Test to Prod Sync", "Text to Prod Sync"],
            ["NY to LA Office Move", "NJ to LA Office Move"],
        ] {
            let (alignment, _) = align(&pair);
            assert!(alignment.apart.is_some(), "{pair:?}");
        }
    }

    #[test]
    fn two_misspellings_of_one_name_could_be_one_thing() {
        let could = |names: &[&str], files: &[u32]| {
            let folded: Vec<String> = names.iter().map(|n| fold_name(n, &[])).collect();
            let refs: Vec<&str> = folded.iter().map(String::as_str).collect();
            let (vocabulary, words) = Vocabulary::new(&refs, files);
            vocabulary.could_be_one(words.get(0), words.get(1))
        };
        // Neither pairs with the other, but both are slips.
        let spring = [
            "Yates Sprig Sale",
            "Yates Sprinng Sale",
            "Yates Spring Sale",
        ];
        assert!(could(&spring, &[1, 1, 4]));
        // Two established names are two things.
        assert!(!could(&["Holka Torfin", "Holmar Torfin"], &[4, 4]));
        // A word more, or another number, is another thing.
        assert!(!could(&["Acme Website", "Acme Website Redesign"], &[1, 1]));
        assert!(!could(&["Webinar 1", "Webinar 2"], &[1, 1]));
        assert!(could(&["Acme Website", "acme website"], &[4, 4]));
    }

    #[test]
    fn typos_are_found_without_comparing_every_pair_of_words() {
        let names = [
            "solstice", "soletice", "sostice", "solsitce", "coffee", "cofee",
        ];
        let (vocabulary, _) = Vocabulary::new(&names, &[1; 6]);
        let neighbours = vocabulary.neighbours();
        let of = |word: &str| -> Vec<&str> {
            let w = (0..vocabulary.len() as u32)
                .find(|&w| vocabulary.word(w) == word)
                .unwrap();
            neighbours
                .get(w as usize)
                .iter()
                .map(|&n| vocabulary.word(n))
                .collect()
        };
        // In the vocabulary's (string) order.
        assert_eq!(of("solstice"), ["soletice", "solsitce", "sostice"]);
        assert_eq!(of("cofee"), ["coffee"]);
        assert!(of("soletice").contains(&"solstice"));
    }

    #[test]
    fn numbers_compare_without_leading_zeros() {
        assert_eq!(canonical_number("q01"), "q1");
        assert_eq!(canonical_number("a00b"), "a0b");
        assert_eq!(canonical_number("2026"), "2026");
        assert!(same_number("v010", "v10"));
        assert!(!same_number("v10", "v1"));
    }
}
