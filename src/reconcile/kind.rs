//! Matching one kind's mentions into entities, phase by phase: candidates,
//! identifiers, names, fuzzy names, then the entities and their near
//! misses. Kinds matched earlier give the parents; nothing else is shared,
//! so the kinds of one level run side by side.

use super::aliases::AliasTable;
use super::candidates::Candidates;
use super::merges::Merges;
use super::{EntityId, FuzzyMatch, MatchReason, NearMiss, by_id, by_name, entities, fuzzy};
use crate::model::{Ingested, MentionId, Symbol};

/// What matching one kind reads besides its mentions.
pub struct KindContext<'a> {
    pub kind: &'a str,
    pub kind_symbol: Symbol,
    /// The kind's own words, which names drop when folded
    /// ("Acme Website *Project*").
    pub kind_words: Vec<String>,
    pub threshold: f64,
    pub aliases: &'a AliasTable,
    /// Per mention, the reference mention that gives it its parent.
    pub parent_refs: &'a [Option<MentionId>],
}

/// One kind's entities, numbered from 0, and per member (position in the
/// kind's list) its entity and why it belongs there, its fuzzy matches
/// numbered from 0 too.
pub struct KindResult {
    pub entity_of: Vec<EntityId>,
    pub matched_by: Vec<MatchReason>,
    pub fuzzy_matches: Vec<FuzzyMatch>,
    pub entities: Vec<super::Entity>,
    pub near_misses: Vec<NearMiss>,
}

/// Matches `members`, one kind's mentions in canonical order. `entity_of`
/// holds the entities of the kinds matched before.
pub fn reconcile_kind(
    ctx: &KindContext<'_>,
    ingested: &Ingested,
    members: &[MentionId],
    entity_of: &[Option<EntityId>],
) -> KindResult {
    let (candidates, written) = Candidates::new(ctx, ingested, members, entity_of);
    let mut merges = Merges::new(members.len());
    let mut uf = by_id::merge(ingested, members, &mut merges);
    by_name::merge(&candidates, &mut uf, &mut merges);
    let params = fuzzy::Params {
        threshold: ctx.threshold,
        ingested,
        members,
    };
    let misses = fuzzy::merge(&params, &candidates, &mut uf, &mut merges);
    let mut result = entities::build(ctx, ingested, members, &candidates, &written, uf, merges);
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
            names: miss.names,
            similarity: miss.similarity,
            alignment: miss.alignment,
            token_score: miss.token_score,
            blocked_by: miss.blocked_by,
        });
    }
    result
}
