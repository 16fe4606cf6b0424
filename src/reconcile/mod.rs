//! Mentions to entities. Strongest evidence first: the same identifier in
//! one namespace, a configured alias, the same folded name under the same
//! parent, then fuzzy similarity under a compatible parent. Every merge keeps
//! its reason, and the result does not depend on the order files were read.

mod fuzzy;
pub mod names;
mod reasons;
mod union_find;

use crate::config::Config;
use crate::groups::Groups;
use crate::model::{Ingested, Mention, MentionId, MentionRef, Reference};
use crate::vocab::{Vocab, plural};
use compact_str::CompactString;
use rayon::prelude::*;
use reasons::Edges;
pub use reasons::Reasons;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use union_find::{Id, Ids, UnionFind};
use ustr::Ustr;

pub type EntityId = u32;

/// One reconciled thing. Tens of thousands are held from reconciling to
/// the end of the run, so the strings and the list are boxed to their size
/// and the kind is interned: 64 bytes where it was 104.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// `project:acme-website-redesign`: stable across runs.
    pub id: Box<str>,
    pub kind: Ustr,
    pub name: Box<str>,
    pub parent: Option<EntityId>,
    /// In canonical order: by file path, then position.
    pub mentions: Box<[MentionId]>,
}

/// Why a mention belongs to its entity. Kept per mention as a code
/// ([`Reasons`]); the reasons that carry something are kept whole, tens of
/// thousands in a large organisation, so it is two words: the namespace is
/// interned and a fuzzy match boxed.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchReason {
    /// The entity's first mention in canonical order.
    First,
    /// The identifier namespace both mentions share a value in.
    Id(Ustr),
    Alias,
    Name,
    Fuzzy(Box<Compared>),
}

/// A fuzzy match: the score and the two folded names compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub score: f64,
    pub names: (String, String),
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchReason::First => f.write_str("first"),
            MatchReason::Id(ns) => write!(f, "id:{ns}"),
            MatchReason::Alias => f.write_str("alias"),
            MatchReason::Name => f.write_str("name"),
            MatchReason::Fuzzy(compared) => write!(f, "fuzzy {:.2}", compared.score),
        }
    }
}

impl MatchReason {
    /// The reason as `Display` writes it. Every mention view holds one, so
    /// the common reasons are built without the formatting machinery: the
    /// fixed words are static and `id:…` fits inline, so no allocation.
    pub fn label(&self) -> CompactString {
        match self {
            MatchReason::First => CompactString::const_new("first"),
            MatchReason::Alias => CompactString::const_new("alias"),
            MatchReason::Name => CompactString::const_new("name"),
            MatchReason::Id(namespace) => {
                let mut text = CompactString::with_capacity(3 + namespace.len());
                text.push_str("id:");
                text.push_str(namespace);
                text
            }
            MatchReason::Fuzzy(_) => compact_str::format_compact!("{self}"),
        }
    }
}

/// Two entities whose names came close to merging but did not.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub a: EntityId,
    pub b: EntityId,
    pub a_key: String,
    pub b_key: String,
    pub similarity: names::Similarity,
    /// Why they stayed apart when the score alone would have merged them.
    pub blocked_by: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Per mention (including those made from references).
    pub entity_of: Vec<EntityId>,
    /// Per mention, as `entity_of`.
    pub matched_by: Reasons,
    pub near_misses: Vec<NearMiss>,
}

/// Builds entities from `ingested.mentions`, first adding one mention per
/// reference to `ingested.references` (`client: "Acme"` on a project
/// mentions the client Acme).
pub fn reconcile(ingested: &mut Ingested, config: &Config, vocab: &Vocab) -> Reconciled {
    let depends = parent_kinds(ingested);
    let parent_refs = add_references(ingested, &depends);
    let ingested = &*ingested;
    let count = ingested.mention_count();
    let mut by_path: Vec<usize> = (0..ingested.files.len()).collect();
    by_path.sort_by_key(|&f| ingested.files[f].path.as_str());
    let mut path_rank = vec![0; by_path.len()];
    for (rank, &f) in by_path.iter().enumerate() {
        path_rank[f] = rank as u32;
    }
    // Each kind's mentions in canonical order, from one sort by kind (its
    // place among the kinds by name) and then canonical key. Keys are
    // computed once, not per comparison: each would read a mention. The id
    // last makes the unstable sort give the stable order.
    let mut kinds: Vec<Ustr> = (0..count as MentionId)
        .into_par_iter()
        .fold(HashSet::default, |mut kinds, m| {
            kinds.insert(ingested.mention(m).kind());
            kinds
        })
        .reduce(HashSet::default, |mut a, b| {
            a.extend(b);
            a
        })
        .into_iter()
        .collect();
    kinds.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    let kind_rank: HashMap<Ustr, u32> = (0..kinds.len() as u32)
        .map(|i| (kinds[i as usize], i))
        .collect();
    let mut keyed: Vec<(u32, CanonicalKey, MentionId)> = (0..count as MentionId)
        .into_par_iter()
        .map(|m| {
            let mention = ingested.mention(m);
            let kind = kind_rank[&mention.kind()];
            (kind, canonical_key(mention, &path_rank), m)
        })
        .collect();
    keyed.par_sort_unstable();
    let by_kind: BTreeMap<&str, Vec<MentionId>> = keyed
        .chunk_by(|a, b| a.0 == b.0)
        .map(|same| {
            let kind = kinds[same[0].0 as usize].as_str();
            (kind, same.iter().map(|&(_, _, m)| m).collect())
        })
        .collect();
    drop(keyed);
    let kind_order = parent_first(&depends, &by_kind);
    let aliases = AliasTable::new(config, vocab);

    let mut state = State {
        entity_of: vec![EntityId::MAX; count],
        matched_by: Reasons::new(count),
        entities: Vec::new(),
        near_misses: Vec::new(),
    };
    // Kinds that do not sit under one another are matched at the same time;
    // each sees exactly the parents it would see one kind at a time.
    for level in levels(&depends, &kind_order) {
        let results: Vec<KindResult> = level
            .par_iter()
            .map(|&kind| {
                let ctx = KindContext {
                    kind,
                    kind_words: kind_words(kind, config),
                    threshold: config.match_threshold,
                    aliases: &aliases,
                    parent_refs: &parent_refs,
                };
                reconcile_kind(&ctx, ingested, &by_kind[kind], &state.entity_of)
            })
            .collect();
        // Held to the end of the run: grown exactly, not by doubling.
        let made: usize = results.iter().map(|r| r.entities.len()).sum();
        state.entities.reserve_exact(made);
        for (kind, result) in level.iter().zip(results) {
            state.add(&by_kind[kind], result);
        }
    }
    finish(state)
}

/// Mentions in file-path order, then position, whatever order files were read.
/// `path_rank` is each file's place in path order.
type CanonicalKey = (u32, u32, u32, u32, bool, u32);

fn canonical_key(mention: MentionRef<'_>, path_rank: &[u32]) -> CanonicalKey {
    let pos = mention.pos();
    (
        path_rank[mention.file() as usize],
        pos.line,
        pos.column,
        mention.seq(),
        mention.referenced_by().is_some(),
        mention.fields().first().map_or(0, |f| f.pos.column),
    )
}

/// No reference gives the mention its parent: one per mention is held
/// through reconciling, so a sentinel rather than an `Option` twice the size.
const NO_REFERENCE: MentionId = MentionId::MAX;

/// Adds a mention per reference and returns, per mention, the reference
/// mention that gives it its parent (see [`parent_reference`]), or
/// [`NO_REFERENCE`].
///
/// A reference mention is placed under the record's other references where
/// their kind is a parent of its kind: a ticket's `project: "Website"` with
/// `client: "Acme"` mentions Acme's Website, not any client's.
fn add_references(ingested: &mut Ingested, parent_kinds: &KindDepends) -> Vec<MentionId> {
    let records = ingested.mentions.len();
    let references: Vec<Reference> = ingested
        .mentions
        .iter()
        .enumerate()
        .flat_map(|(by, m)| {
            ingested
                .fields_of(m)
                .iter()
                .enumerate()
                .filter(|(_, f)| f.reference().is_some())
                .map(move |(field, _)| Reference {
                    by: by as MentionId,
                    field: field as u32,
                })
        })
        .collect();
    let mut parent_refs = vec![NO_REFERENCE; records + references.len()];
    // The references of one record sit together, in field order.
    let mut first = 0;
    for same in references.chunk_by(|a, b| a.by == b.by) {
        let record = &ingested.mentions[same[0].by as usize];
        let id = |k: usize| (records + first + k) as MentionId;
        let kind = |k: usize| {
            ingested.fields_of(record)[same[k].field as usize]
                .reference()
                .expect("references are made from referring fields")
        };
        if let Some(field) = parent_reference(ingested, record) {
            let k = same.iter().position(|r| r.field as usize == field);
            parent_refs[same[0].by as usize] = k.map_or(NO_REFERENCE, id);
        }
        for child in 0..same.len() {
            let Some(parents) = parent_kinds.get(kind(child).as_str()) else {
                continue;
            };
            let parent = (0..same.len())
                .find(|&p| kind(p) != kind(child) && parents.contains(kind(p).as_str()));
            if let Some(p) = parent {
                parent_refs[records + first + child] = id(p);
            }
        }
        first += same.len();
    }
    ingested.references = references;
    // Collected without knowing how many, and kept to the end of the run.
    ingested.references.shrink_to_fit();
    parent_refs
}

/// For each kind, the kinds its records sit under or take their parent from.
type KindDepends = BTreeMap<String, BTreeSet<String>>;

fn parent_kinds(ingested: &Ingested) -> KindDepends {
    let mentions = &ingested.mentions;
    // Kinds are few and mentions many: gather the distinct pairs by their
    // interned handles first, and build the strings per pair.
    let pairs: HashSet<(Ustr, Option<Ustr>)> = mentions
        .par_iter()
        .fold(HashSet::default, |mut pairs, m| {
            pairs.insert((m.kind, m.parent().map(|p| mentions[p as usize].kind)));
            if let Some(by_reference) =
                parent_reference(ingested, m).and_then(|i| ingested.fields_of(m)[i].reference())
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
        let deps = depends.entry(kind.to_string()).or_default();
        if let Some(dep) = dep {
            deps.insert(dep.to_string());
        }
    }
    depends
}

/// Kinds ordered so a kind comes after the kinds its mentions sit under or
/// refer to (clients before their projects). Ties and cycles break by name.
fn parent_first<'a>(
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
fn levels<'a>(depends: &KindDepends, order: &[&'a str]) -> Vec<Vec<&'a str>> {
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

/// The reference that gives a record its parent when nesting gave it none:
/// its first reference to something other than a person (an index into
/// its fields).
fn parent_reference(ingested: &Ingested, mention: &Mention) -> Option<usize> {
    if mention.parent().is_some() {
        return None;
    }
    ingested.fields_of(mention).iter().position(|f| {
        f.reference()
            .is_some_and(|k| k != "person" && k != mention.kind)
    })
}

fn kind_words(kind: &str, config: &Config) -> Vec<String> {
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

/// `[[alias]]`: folded alternative names to the folded canonical name.
struct AliasTable {
    /// Kind, then folded alias.
    map: HashMap<String, HashMap<String, (String, String)>>,
}

impl AliasTable {
    fn new(config: &Config, vocab: &Vocab) -> Self {
        let mut map: HashMap<String, HashMap<String, (String, String)>> = HashMap::default();
        for alias in &config.aliases {
            let kind = vocab
                .kind_of_key(&alias.kind)
                .unwrap_or(&alias.kind)
                .to_string();
            let words = kind_words(&kind, config);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let canonical = names::name_key(&alias.name, &words);
            for aka in &alias.aka {
                let key = names::name_key(aka, &words);
                if key != canonical {
                    map.entry(kind.clone())
                        .or_default()
                        .insert(key, (canonical.clone(), alias.name.clone()));
                }
            }
        }
        Self { map }
    }

    /// The canonical key and display name when `key` is an alias.
    fn get(&self, kind: &str, key: &str) -> Option<&(String, String)> {
        self.map.get(kind)?.get(key)
    }
}

struct KindContext<'a> {
    kind: &'a str,
    kind_words: Vec<String>,
    threshold: f64,
    aliases: &'a AliasTable,
    parent_refs: &'a [MentionId],
}

struct State {
    entity_of: Vec<EntityId>,
    matched_by: Reasons,
    entities: Vec<Entity>,
    near_misses: Vec<NearMiss>,
}

impl State {
    /// Takes in one kind's entities, numbering them after those so far.
    fn add(&mut self, members: &[MentionId], result: KindResult) {
        let offset = self.entities.len() as EntityId;
        let reasons = result.matched_by.into_reasons();
        for ((&m, entity), reason) in members.iter().zip(result.entity_of).zip(reasons) {
            self.entity_of[m as usize] = offset + entity;
            self.matched_by.set(m as usize, reason);
        }
        self.entities.extend(result.entities);
        self.near_misses
            .extend(result.near_misses.into_iter().map(|mut miss| {
                miss.a += offset;
                miss.b += offset;
                miss
            }));
    }
}

/// One kind's entities, numbered from 0, and per member (position in the
/// kind's list) its entity and why it belongs there.
struct KindResult {
    entity_of: Vec<EntityId>,
    matched_by: Reasons,
    entities: Vec<Entity>,
    near_misses: Vec<NearMiss>,
}

/// One mention as the matcher sees it, by its position in the kind's list:
/// which distinct spelling of a name it has ([`NO_SPELLING`] for none) and
/// the entity it sits under ([`NO_PARENT`] for none).
///
/// The largest kind has one per mention, references included (hundreds of
/// thousands), all held while the kind is matched: two numbers are a third
/// of the pointer, rank and parent it was, and what they stand for is read
/// through [`Candidates`].
#[derive(Clone, Copy)]
struct Candidate {
    spelling: u32,
    parent: EntityId,
}

const NO_SPELLING: u32 = u32::MAX;
const NO_PARENT: EntityId = EntityId::MAX;

/// A kind's candidates, with the spellings they refer to.
struct Candidates<'a> {
    list: Vec<Candidate>,
    spellings: Vec<Spelling<'a>>,
}

impl<'a> Candidates<'a> {
    fn len(&self) -> usize {
        self.list.len()
    }

    fn spelling_index(&self, i: usize) -> Option<u32> {
        Some(self.list[i].spelling).filter(|&s| s != NO_SPELLING)
    }

    fn spelling(&self, i: usize) -> Option<&Spelling<'a>> {
        self.spelling_index(i).map(|s| &self.spellings[s as usize])
    }

    fn parent(&self, i: usize) -> Option<EntityId> {
        Some(self.list[i].parent).filter(|&p| p != NO_PARENT)
    }

    /// The configured display name when the name is an alias.
    fn alias_name(&self, i: usize) -> Option<&'a str> {
        self.spelling(i).and_then(|s| s.alias).map(|a| a.1.as_str())
    }
}

/// Per distinct spelling of a name, what it says; per member (position in
/// the kind's list), whether the record itself wrote it (rather than another
/// record's reference to it). Kept apart from the mentions so per-entity
/// work reads small arrays instead of whole mentions.
struct Names<'a> {
    written: Vec<&'a str>,
    own: Vec<bool>,
}

/// What one spelling of a name folds to, and the alias entry when that is
/// a configured alias.
struct Spelling<'a> {
    folded: String,
    alias: Option<&'a (String, String)>,
    /// The key's place among the kind's distinct keys in string order, so
    /// keys are sorted and compared as numbers.
    rank: u32,
}

impl<'a> Spelling<'a> {
    /// The key names with this spelling are matched by: the folded name, or
    /// the canonical key when that is an alias.
    fn key(&self) -> &str {
        self.alias.map_or(self.folded.as_str(), |a| a.0.as_str())
    }
}

fn reconcile_kind<'a>(
    ctx: &KindContext<'_>,
    ingested: &'a Ingested,
    members: &[MentionId],
    entity_of: &[EntityId],
) -> KindResult {
    let words: Vec<&str> = ctx.kind_words.iter().map(String::as_str).collect();
    // The same name is written many times; fold each spelling once.
    let mut spelling_of: HashMap<&str, u32> = HashMap::default();
    let mut names = Names {
        written: Vec::new(),
        own: Vec::with_capacity(members.len()),
    };
    let mut list: Vec<Candidate> = Vec::with_capacity(members.len());
    for &m in members {
        let mention = ingested.mention(m);
        names.own.push(mention.referenced_by().is_none());
        let spelling = mention.name().map_or(NO_SPELLING, |name| {
            let next = names.written.len() as u32;
            let index = *spelling_of.entry(name).or_insert(next);
            if index == next {
                names.written.push(name);
            }
            index
        });
        list.push(Candidate {
            spelling,
            parent: NO_PARENT,
        });
    }
    drop(spelling_of);
    list.par_iter_mut().zip(members).for_each(|(c, &m)| {
        c.parent = parent_entity(ingested, ctx.parent_refs, m, entity_of).unwrap_or(NO_PARENT);
    });
    let mut spellings: Vec<Spelling<'_>> = names
        .written
        .par_iter()
        .map(|text| {
            let folded = names::name_key(text, &words);
            let alias = ctx.aliases.get(ctx.kind, &folded);
            Spelling {
                folded,
                alias,
                rank: 0,
            }
        })
        .collect();
    let ranks: Vec<u32> = {
        let mut keys: Vec<&str> = spellings.iter().map(Spelling::key).collect();
        keys.par_sort_unstable();
        keys.dedup();
        spellings
            .par_iter()
            .map(|s| match keys.binary_search(&s.key()) {
                Ok(i) | Err(i) => i as u32,
            })
            .collect()
    };
    for (spelling, rank) in spellings.iter_mut().zip(ranks) {
        spelling.rank = rank;
    }
    let candidates = Candidates { list, spellings };
    // Identifiers, numbered by their text: joined where a namespace and
    // value recur, and kept per set so different ones never join.
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    let mut number = |text: &'a str| {
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
                .map(|(ns, value)| (number(ns), number(value)))
                .collect();
            (!ids.is_empty()).then_some((i as u32, ids))
        })
        .collect();
    let mut first_with_id: HashMap<Id, u32> = HashMap::default();
    let mut edges = Edges::new(members.len());
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
            edges.push(first, i, MatchReason::Id(Ustr::from(ns)));
        }
    }

    merge_names(&candidates, &mut uf, &mut edges);
    let misses = fuzzy::merge(&candidates, &mut uf, &mut edges, ctx.threshold);
    let mut result = build_entities(ctx, ingested, members, &candidates, &names, uf, &edges);
    for miss in misses {
        let (a, b) = (
            result.entity_of[miss.a as usize],
            result.entity_of[miss.b as usize],
        );
        if a == b {
            continue;
        }
        result.near_misses.push(NearMiss {
            a,
            b,
            a_key: miss.a_key,
            b_key: miss.b_key,
            similarity: miss.similarity,
            blocked_by: miss.blocked_by,
        });
    }
    result
}

/// Joins mentions with the same folded (or aliased) name under the same
/// parent; a mention with no parent joins the one parent its name is found
/// under.
fn merge_names(candidates: &Candidates<'_>, uf: &mut UnionFind, edges: &mut Edges) {
    // Name (by its rank), parent, position, and the alias flag riding along
    // so the merges below read no candidate.
    type Named = (u32, Option<EntityId>, u32, bool);
    let mut named: Vec<Named> = (0..candidates.len())
        .filter_map(|i| {
            candidates.spelling(i).map(|s| {
                let parent = candidates.parent(i);
                (s.rank, parent, i as u32, s.alias.is_some())
            })
        })
        .collect();
    // Sorted by name, then parent (none first), then position.
    named.par_sort_unstable_by_key(|a| (a.0, a.1, a.2));
    for same_name in named.chunk_by(|a, b| a.0 == b.0) {
        let groups: Vec<&[Named]> = same_name.chunk_by(|a, b| a.1 == b.1).collect();
        let adopted = match groups.as_slice() {
            [none, only] if none[0].1.is_none() => Some(&only[0]),
            _ => None,
        };
        for group in groups {
            let anchor = match group[0].1 {
                None => adopted.unwrap_or(&group[0]),
                Some(_) => &group[0],
            };
            for &(_, _, i, aliased) in group {
                if i != anchor.2 && uf.union(anchor.2, i) {
                    let reason = if aliased || anchor.3 {
                        MatchReason::Alias
                    } else {
                        MatchReason::Name
                    };
                    edges.push(anchor.2, i, reason);
                }
            }
        }
    }
}

/// The entity a mention sits under: its nesting parent, else the entity its
/// parent reference resolved to. Kinds are reconciled parents first, so
/// these are known unless kinds refer to each other in a cycle.
fn parent_entity(
    ingested: &Ingested,
    parent_refs: &[MentionId],
    m: MentionId,
    entity_of: &[EntityId],
) -> Option<EntityId> {
    let known = |e: EntityId| (e != EntityId::MAX).then_some(e);
    match ingested.mention(m).parent() {
        Some(p) => known(entity_of[p as usize]),
        None => Some(parent_refs[m as usize])
            .filter(|&r| r != NO_REFERENCE)
            .and_then(|r| known(entity_of[r as usize])),
    }
}

fn build_entities(
    ctx: &KindContext<'_>,
    ingested: &Ingested,
    members: &[MentionId],
    candidates: &Candidates<'_>,
    names: &Names<'_>,
    mut uf: UnionFind,
    edges: &Edges,
) -> KindResult {
    let n = members.len();
    // A set's root is its earliest member, so numbering roots in order
    // numbers the entities in canonical order; and a member's root comes no
    // later than it, so its entity is known by the time it is reached. The
    // sets are then done with, and go before the rest is made.
    let mut entity_of: Vec<EntityId> = (0..n as u32).map(|i| uf.find(i)).collect();
    drop(uf);
    let mut components = 0;
    for i in 0..n {
        let root = entity_of[i] as usize;
        entity_of[i] = if root == i {
            components += 1;
            components - 1
        } else {
            entity_of[root]
        };
    }
    let mut result = KindResult {
        entity_of,
        matched_by: Reasons::new(n),
        entities: Vec::new(),
        near_misses: Vec::new(),
    };
    let members_of = Groups::from_pairs(
        components as usize,
        (0..n).map(|i| (result.entity_of[i] as usize, i as u32)),
    );
    // Both directions of every merge, each node's in the order merges were made.
    let ends = |e: usize| {
        if e.is_multiple_of(2) {
            edges.ends(e / 2).0
        } else {
            edges.ends(e / 2).1
        }
    };
    let edges_of = Groups::from_pairs(
        n,
        (0..edges.len() * 2).map(|e| (ends(e) as usize, e as u32)),
    );
    let mut reached = vec![false; n];
    let mut queue: Vec<u32> = Vec::new();
    for c in 0..components as usize {
        let locals = members_of.get(c);
        // Breadth-first from the first mention: each mention's reason is the
        // merge that first reached it.
        queue.clear();
        queue.push(locals[0]);
        reached[locals[0] as usize] = true;
        let mut head = 0;
        while let Some(&at) = queue.get(head) {
            head += 1;
            for &e in edges_of.get(at as usize) {
                let e = e as usize;
                let next = ends(e ^ 1);
                if !reached[next as usize] {
                    reached[next as usize] = true;
                    result
                        .matched_by
                        .set(next as usize, edges.reason(e / 2).clone());
                    queue.push(next);
                }
            }
        }
    }
    // Each entity's name and parent depend on its own members alone.
    let kind = Ustr::from(ctx.kind);
    result.entities = (0..components as usize)
        .into_par_iter()
        .map(|c| {
            let locals = members_of.get(c);
            let ids: Box<[MentionId]> = locals.iter().map(|&i| members[i as usize]).collect();
            let alias_name = locals
                .iter()
                .find_map(|&i| candidates.alias_name(i as usize));
            let name = match alias_name {
                Some(name) => name.to_string(),
                None => display_name(ingested, &ids, locals, candidates, names),
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
    names: &Names,
) -> String {
    // Few spellings per entity: a list beats a hash map.
    let mut counts: Vec<(u32, usize, bool)> = Vec::new();
    for &i in locals {
        if let Some(spelling) = candidates.spelling_index(i as usize) {
            let k = match counts.iter().position(|c| c.0 == spelling) {
                Some(k) => k,
                None => {
                    counts.push((spelling, 0, false));
                    counts.len() - 1
                }
            };
            counts[k].1 += 1;
            counts[k].2 |= names.own[i as usize];
        }
    }
    let text = |spelling: u32| names.written[spelling as usize];
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
        let kind = first.kind();
        match first.ids().next() {
            Some((ns, value)) if ns == "id" || ns.strip_suffix("_id") == Some(kind.as_str()) => {
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

/// Gives every entity its readable id and sorts by it, remapping indices.
fn finish(state: State) -> Reconciled {
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

#[cfg(test)]
mod tests {
    use super::{Candidate, Compared, Entity, MatchReason};

    #[test]
    fn a_candidate_stays_small() {
        // One per member of the largest kind, all held while it is matched.
        assert_eq!(size_of::<Candidate>(), 8);
    }

    #[test]
    fn an_entity_stays_small() {
        // Tens of thousands are held from reconciling to the end of the run.
        assert!(size_of::<Entity>() <= 64, "{} bytes", size_of::<Entity>());
    }

    #[test]
    fn a_reason_stays_small() {
        // Those with an identifier or a score are kept whole, tens of
        // thousands in a large organisation.
        assert!(
            size_of::<MatchReason>() <= 16,
            "{} bytes",
            size_of::<MatchReason>()
        );
    }

    #[test]
    fn labels_read_as_displayed() {
        let reasons = [
            MatchReason::First,
            MatchReason::Alias,
            MatchReason::Name,
            MatchReason::Id("hubspot_id".into()),
            MatchReason::Id("a_namespace_longer_than_inline".into()),
            MatchReason::Fuzzy(Box::new(Compared {
                score: 0.915,
                names: ("acme".into(), "acme co".into()),
            })),
        ];
        for reason in reasons {
            assert_eq!(reason.label(), reason.to_string());
        }
    }
}
