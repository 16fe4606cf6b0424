//! A kind's members as the matcher sees them: each one's spelling of a
//! name (folded once per distinct spelling, with its alias), and the entity
//! it sits under.

use super::EntityId;
use super::aliases::Alias;
use super::kind::KindContext;
use super::names;
use crate::id::typed_index;
use crate::ingest::records::too_long_a_name;
use crate::model::{Ingested, MentionId};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
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
    /// [`Candidates`]' spellings and [`WrittenNames::spellings`].
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
    ) -> (Self, WrittenNames<'a>) {
        let words: Vec<&str> = ctx.kind_words.iter().map(String::as_str).collect();
        // The same name is written many times; fold each spelling once.
        let mut spelling_of: HashMap<&str, SpellingId> = HashMap::default();
        let mut written = WrittenNames {
            spellings: Vec::new(),
            own: Vec::with_capacity(members.len()),
        };
        let mut list: Vec<Candidate> = Vec::with_capacity(members.len());
        for &m in members {
            let mention = ingested.mention(m);
            written.own.push(mention.referenced_by().is_none());
            let spelling = mention.name().map(|name| {
                let next = SpellingId::new(written.spellings.len());
                let index = *spelling_of.entry(name).or_insert(next);
                if index == next {
                    written.spellings.push(name);
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
        let mut spellings: Vec<Spelling<'_>> = written
            .spellings
            .par_iter()
            .map(|&text| {
                // A name too long to compare is matched by its exact
                // spelling, so it is its own key and needs no copy.
                let folded = if too_long_a_name(text) {
                    Cow::Borrowed(text)
                } else {
                    Cow::Owned(names::fold_name(text, &words))
                };
                let alias = ctx.aliases.get(ctx.kind, &folded);
                Spelling {
                    folded,
                    alias,
                    rank: 0,
                }
            })
            .collect();
        let ranks: Vec<u32> = {
            let mut distinct: Vec<&str> = spellings.iter().map(Spelling::matched_as).collect();
            distinct.par_sort_unstable();
            distinct.dedup();
            spellings
                .par_iter()
                .map(|s| match distinct.binary_search(&s.matched_as()) {
                    Ok(i) | Err(i) => i as u32,
                })
                .collect()
        };
        for (spelling, rank) in spellings.iter_mut().zip(ranks) {
            spelling.rank = rank;
        }
        (Candidates { list, spellings }, written)
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
        self.spelling(i)
            .and_then(|s| s.alias)
            .map(|a| a.name.as_str())
    }
}

/// Per distinct spelling of a name, what it says; per member (position in
/// the kind's list), whether the record itself wrote it (rather than another
/// record's reference to it). Kept apart from the mentions so per-entity
/// work reads small lists, not whole mentions.
pub struct WrittenNames<'a> {
    /// By [`SpellingId`].
    pub spellings: Vec<&'a str>,
    /// By member.
    pub own: Vec<bool>,
}

/// What one spelling of a name folds to, and what it stands for when that
/// is a configured alias.
pub struct Spelling<'a> {
    pub folded: Cow<'a, str>,
    pub alias: Option<&'a Alias>,
    /// The place of [`Spelling::matched_as`] among the kind's distinct
    /// ones in string order, so they are sorted and compared as numbers.
    pub rank: u32,
}

impl<'a> Spelling<'a> {
    /// The folded name names with this spelling are matched by: their own,
    /// or the configured name's when they are an alias.
    pub fn matched_as(&self) -> &str {
        self.alias.map_or(&*self.folded, |a| a.folded.as_str())
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
