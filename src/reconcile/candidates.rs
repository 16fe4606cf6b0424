//! A kind's members as the matcher sees them: each one's spelling of a
//! name (folded once per distinct spelling, with its alias), and the entity
//! it sits under.

use super::EntityId;
use super::kind::KindContext;
use super::names;
use crate::id::typed_index;
use crate::model::{Ingested, MentionId};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::num::NonZeroU32;

/// One mention as the matcher sees it, by its position in the kind's list:
/// which distinct spelling of a name it has, and the entity it sits under.
///
/// The largest kind has one per mention, references included (hundreds of
/// thousands), all held while the kind is matched, so it holds two numbers
/// and what they stand for is read through [`Candidates`].
#[derive(Clone, Copy)]
pub struct Candidate {
    spelling: Option<SpellingId>,
    parent: Option<EntityId>,
}

typed_index! {
    /// A distinct spelling of a name among a kind's: in
    /// [`Candidates`]' spellings and [`Names::written`].
    pub struct SpellingId(NonZeroU32, u32);
}

/// A kind's candidates, with the spellings they refer to.
pub struct Candidates<'a> {
    list: Vec<Candidate>,
    spellings: Vec<Spelling<'a>>,
}

impl<'a> Candidates<'a> {
    /// The candidates of `members`, a kind's mentions in canonical order,
    /// and their names. `entity_of` gives the entities of the kinds matched
    /// before, which parents are.
    pub fn new(
        ctx: &KindContext<'a>,
        ingested: &'a Ingested,
        members: &[MentionId],
        entity_of: &[Option<EntityId>],
    ) -> (Self, Names<'a>) {
        let words: Vec<&str> = ctx.kind_words.iter().map(String::as_str).collect();
        // The same name is written many times; fold each spelling once.
        let mut spelling_of: HashMap<&str, SpellingId> = HashMap::default();
        let mut names = Names {
            written: Vec::new(),
            own: Vec::with_capacity(members.len()),
        };
        let mut list: Vec<Candidate> = Vec::with_capacity(members.len());
        for &m in members {
            let mention = ingested.mention(m);
            names.own.push(mention.referenced_by().is_none());
            let spelling = mention.name().map(|name| {
                let next = SpellingId::new(names.written.len());
                let index = *spelling_of.entry(name).or_insert(next);
                if index == next {
                    names.written.push(name);
                }
                index
            });
            list.push(Candidate {
                spelling,
                parent: None,
            });
        }
        drop(spelling_of);
        list.par_iter_mut().zip(members).for_each(|(c, &m)| {
            c.parent = parent_entity(ingested, ctx.parent_refs, m, entity_of);
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
        (Candidates { list, spellings }, names)
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn spelling_id(&self, i: usize) -> Option<SpellingId> {
        self.list[i].spelling
    }

    pub fn spelling(&self, i: usize) -> Option<&Spelling<'a>> {
        self.spelling_id(i).map(|s| &self.spellings[s.index()])
    }

    pub fn parent(&self, i: usize) -> Option<EntityId> {
        self.list[i].parent
    }

    /// The configured display name when the name is an alias.
    pub fn alias_name(&self, i: usize) -> Option<&'a str> {
        self.spelling(i).and_then(|s| s.alias).map(|a| a.1.as_str())
    }
}

/// Per distinct spelling of a name, what it says; per member (position in
/// the kind's list), whether the record itself wrote it (rather than another
/// record's reference to it). Kept apart from the mentions so per-entity
/// work reads small arrays instead of whole mentions.
pub struct Names<'a> {
    pub written: Vec<&'a str>,
    pub own: Vec<bool>,
}

/// What one spelling of a name folds to, and the alias entry when that is
/// a configured alias.
pub struct Spelling<'a> {
    pub folded: String,
    pub alias: Option<&'a (String, String)>,
    /// The key's place among the kind's distinct keys in string order, so
    /// keys are sorted and compared as numbers.
    pub rank: u32,
}

impl<'a> Spelling<'a> {
    /// The key names with this spelling are matched by: the folded name, or
    /// the canonical key when that is an alias.
    pub fn key(&self) -> &str {
        self.alias.map_or(self.folded.as_str(), |a| a.0.as_str())
    }
}

/// The entity a mention sits under: its nesting parent, else the entity its
/// parent reference resolved to. Kinds are reconciled parents first, so
/// these are known unless kinds refer to each other in a cycle.
fn parent_entity(
    ingested: &Ingested,
    parent_refs: &[Option<MentionId>],
    m: MentionId,
    entity_of: &[Option<EntityId>],
) -> Option<EntityId> {
    let parent = ingested.mention(m).parent().or(parent_refs[m.index()])?;
    entity_of[parent.index()]
}

#[cfg(test)]
mod tests {
    use super::{Candidate, SpellingId};

    #[test]
    fn a_candidate_stays_small() {
        // One per member of the largest kind, all held while it is matched.
        assert_eq!(size_of::<Candidate>(), 8);
        assert_eq!(size_of::<Option<SpellingId>>(), size_of::<u32>());
    }
}
