//! Mentions to entities. Strongest evidence first: the same identifier in
//! one namespace, a configured alias, the same folded name under the same
//! parent, then fuzzy similarity under a compatible parent. Every merge keeps
//! its reason, and the result does not depend on the order files were read.
//!
//! [`reconcile`] runs these phases in order:
//!
//! 1. `references.rs`: a mention is added for every field that refers to
//!    another kind (`client: "Acme"` on a project), and each record
//!    without a nesting parent notes the reference that gives it one.
//! 2. `kinds.rs`: which kinds sit under which, ordered parents first and
//!    grouped into levels whose kinds do not depend on one another.
//! 3. `order.rs`: every mention sorted into its kind in canonical order
//!    (file path, then position), whatever order the files were read in.
//! 4. Per kind (`kind.rs`), the kinds of a level in parallel, each seeing
//!    the entities of the levels before it as parents:
//!    1. `candidates.rs`: each member's spelling of a name, folded once per
//!       distinct spelling and looked up among the aliases (`aliases.rs`),
//!       and the entity it sits under;
//!    2. `by_id.rs`: members sharing an identifier join, and a set never
//!       holds two values in one namespace (`union_find.rs`);
//!    3. `by_name.rs`: the same folded name or alias under the same parent;
//!    4. `fuzzy.rs`: similar names under a compatible parent, through a
//!       token index; pairs that came close are kept as near misses;
//!    5. `entities.rs`: the merged sets become entities numbered in
//!       canonical order, each member's reason the merge that first reached
//!       it, each entity's display name and parent chosen from its members.
//! 5. Each kind's entities are numbered after those before it.
//! 6. `slugs.rs`: every entity gets its readable id, and the entities are
//!    sorted by it.
//! 7. `prose.rs`: the prose bullets reading set aside join the one entity
//!    their name is, if there is one; they never make one.

mod aliases;
pub mod align;
mod by_id;
mod by_name;
mod candidates;
mod entities;
mod fuzzy;
mod kind;
mod kinds;
mod merges;
pub mod names;
mod order;
mod prose;
mod references;
mod slugs;
mod union_find;

use crate::config::Config;
use crate::id::typed_index;
use crate::model::{Ingested, Interner, MentionId, Symbol};
use crate::vocab::Vocab;
use aliases::AliasTable;
use compact_str::CompactString;
use kind::{KindContext, KindResult, reconcile_kind};
use kinds::{kind_words, levels, parent_first, parent_kinds};
use rayon::prelude::*;
use references::add_references;
use std::num::NonZeroU32;

typed_index! {
    /// An entity in [`Reconciled::entities`].
    pub struct EntityId(NonZeroU32, u32);
}

/// One reconciled thing. Tens of thousands are held from reconciling to
/// the end of the run, so the strings and the list are boxed to their size
/// (`an_entity_stays_small` below holds the line).
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// `project:acme-website-redesign`: stable across runs.
    pub id: Box<str>,
    /// In [`Ingested::interner`].
    pub kind: Symbol,
    pub name: Box<str>,
    pub parent: Option<EntityId>,
    /// In canonical order: by file path, then position.
    pub mentions: Box<[MentionId]>,
}

/// Why a mention belongs to its entity: the merge that first reached it
/// from the entity's first mention. One is kept per mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchReason {
    /// The entity's first mention in canonical order.
    First,
    /// The identifier namespace both mentions share a value in, in
    /// [`Ingested::interner`].
    Id(Symbol),
    Alias,
    Name,
    /// Names alike: the match is in [`Reconciled::fuzzy_matches`].
    Fuzzy(FuzzyMatchId),
}

typed_index! {
    /// A fuzzy match in [`Reconciled::fuzzy_matches`].
    pub struct FuzzyMatchId(NonZeroU32, u32);
}

/// A merge by fuzzy name similarity: the score (rounded down to two
/// places), the two folded names compared and how their words paired
/// (positions in `names.0`'s words, then `names.1`'s).
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyMatch {
    pub score: f64,
    pub names: (String, String),
    pub alignment: Box<[align::Step]>,
}

/// Two entities whose names came close to merging but did not.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub a: EntityId,
    pub b: EntityId,
    /// The folded names compared, `a`'s then `b`'s.
    pub names: (String, String),
    /// How alike their letters look: what ranks near misses.
    pub similarity: names::Similarity,
    /// How their words paired (as [`FuzzyMatch::alignment`]), and the
    /// weighted score of the pairing that merging needs to reach the
    /// threshold.
    pub alignment: Box<[align::Step]>,
    pub token_score: f64,
    /// The rule that kept them apart (`unpaired word`, `different
    /// numbers`, `same file`, `different identifiers`, `ambiguous`: a
    /// misspelling as close to another name, `unlike another name`: a
    /// name of one set could not be the other's); none when the score
    /// stayed under the threshold.
    pub blocked_by: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Per mention (including those made from references).
    pub entity_of: Vec<EntityId>,
    /// Per mention, as `entity_of`.
    pub matched_by: Vec<MatchReason>,
    /// The fuzzy matches [`MatchReason::Fuzzy`] numbers.
    pub fuzzy_matches: Vec<FuzzyMatch>,
    pub near_misses: Vec<NearMiss>,
}

impl Reconciled {
    /// Why mention `m` belongs to its entity, as shown (`matched_by` in the
    /// JSON): `first`, `alias`, `name`, `id:accelo_id`, `fuzzy 0.91`. Every
    /// mention view holds one, so the common reasons are built without the
    /// formatting machinery: the fixed words are static and `id:…` fits
    /// inline, so no allocation.
    pub fn label(&self, m: MentionId, interner: &Interner) -> CompactString {
        match self.matched_by[m.index()] {
            MatchReason::First => CompactString::const_new("first"),
            MatchReason::Alias => CompactString::const_new("alias"),
            MatchReason::Name => CompactString::const_new("name"),
            MatchReason::Id(namespace) => {
                let namespace = &interner[namespace];
                let mut text = CompactString::with_capacity(3 + namespace.len());
                text.push_str("id:");
                text.push_str(namespace);
                text
            }
            MatchReason::Fuzzy(id) => {
                let score = self.fuzzy_matches[id.index()].score;
                compact_str::format_compact!("fuzzy {score:.2}")
            }
        }
    }

    /// The fuzzy match that joined mention `m` to its entity, if that is
    /// why it belongs.
    pub fn fuzzy_match(&self, m: MentionId) -> Option<&FuzzyMatch> {
        match self.matched_by[m.index()] {
            MatchReason::Fuzzy(id) => Some(&self.fuzzy_matches[id.index()]),
            _ => None,
        }
    }
}

/// Builds entities from `ingested.mentions`, first adding one mention per
/// reference to `ingested.references` (`client: "Acme"` on a project
/// mentions the client Acme).
pub fn reconcile(ingested: &mut Ingested, config: &Config, vocab: &Vocab) -> Reconciled {
    // Set aside until the records have made the entities they may name.
    let prose = std::mem::take(&mut ingested.prose);
    let mut reconciled = reconcile_records(ingested, config, vocab);
    prose::resolve(ingested, &mut reconciled, prose, config);
    reconciled
}

/// Entities from the records and the references they make.
fn reconcile_records(ingested: &mut Ingested, config: &Config, vocab: &Vocab) -> Reconciled {
    let depends = parent_kinds(ingested);
    let parent_refs = add_references(ingested, &depends);
    let ingested = &*ingested;
    let count = ingested.mention_count();
    let by_kind = order::by_kind(ingested);
    let kind_order = parent_first(&depends, &by_kind);
    let aliases = AliasTable::new(config, vocab);

    let mut state = State {
        entity_of: vec![None; count],
        matched_by: vec![MatchReason::First; count],
        fuzzy_matches: Vec::new(),
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
                    kind_symbol: ingested
                        .interner
                        .get(kind)
                        .expect("a kind its mentions have"),
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
    slugs::finish(state, &ingested.interner)
}

struct State {
    /// Per mention, its entity once its kind is matched.
    entity_of: Vec<Option<EntityId>>,
    matched_by: Vec<MatchReason>,
    fuzzy_matches: Vec<FuzzyMatch>,
    entities: Vec<Entity>,
    near_misses: Vec<NearMiss>,
}

impl State {
    /// Takes in one kind's entities, numbering them after those so far.
    fn add(&mut self, members: &[MentionId], result: KindResult) {
        let offset = self.entities.len();
        let numbered = |e: EntityId| EntityId::new(offset + e.index());
        let fuzzy_offset = self.fuzzy_matches.len();
        let members = members.iter().zip(result.entity_of).zip(result.matched_by);
        for ((&m, entity), reason) in members {
            self.entity_of[m.index()] = Some(numbered(entity));
            self.matched_by[m.index()] = match reason {
                MatchReason::Fuzzy(id) => {
                    MatchReason::Fuzzy(FuzzyMatchId::new(fuzzy_offset + id.index()))
                }
                reason => reason,
            };
        }
        self.fuzzy_matches.extend(result.fuzzy_matches);
        self.entities.extend(result.entities);
        self.near_misses
            .extend(result.near_misses.into_iter().map(|mut miss| {
                miss.a = numbered(miss.a);
                miss.b = numbered(miss.b);
                miss
            }));
    }
}

#[cfg(test)]
mod tests {
    use super::{Entity, EntityId, FuzzyMatch, FuzzyMatchId, Interner, MatchReason};
    use super::{MentionId, Reconciled};

    #[test]
    fn no_entity_costs_nothing() {
        assert_eq!(size_of::<Option<EntityId>>(), size_of::<u32>());
    }

    #[test]
    fn an_entity_stays_small() {
        // Tens of thousands are held from reconciling to the end of the run.
        assert!(size_of::<Entity>() <= 56, "{} bytes", size_of::<Entity>());
    }

    #[test]
    fn a_reason_stays_small() {
        // One per mention, hundreds of thousands in a large organisation.
        assert_eq!(size_of::<MatchReason>(), 8);
        assert_eq!(size_of::<Option<FuzzyMatchId>>(), size_of::<u32>());
    }

    #[test]
    fn labels_read_as_the_json_writes_them() {
        let mut interner = Interner::default();
        let reasons = [
            (MatchReason::First, "first"),
            (MatchReason::Alias, "alias"),
            (MatchReason::Name, "name"),
            (
                MatchReason::Id(interner.intern("hubspot_id")),
                "id:hubspot_id",
            ),
            (
                MatchReason::Id(interner.intern("a_namespace_longer_than_inline")),
                "id:a_namespace_longer_than_inline",
            ),
            (MatchReason::Fuzzy(FuzzyMatchId::new(0)), "fuzzy 0.90"),
        ];
        let fuzzy = FuzzyMatch {
            score: 0.9,
            names: ("acme".into(), "acme co".into()),
            alignment: Box::default(),
        };
        let reconciled = Reconciled {
            matched_by: reasons.iter().map(|&(reason, _)| reason).collect(),
            fuzzy_matches: vec![fuzzy.clone()],
            ..Reconciled::default()
        };
        for (m, (_, label)) in reasons.iter().enumerate() {
            let m = MentionId::new(m);
            assert_eq!(reconciled.label(m, &interner), *label);
            let fuzzy_match = (m.index() == 5).then_some(&fuzzy);
            assert_eq!(reconciled.fuzzy_match(m), fuzzy_match);
        }
    }
}
