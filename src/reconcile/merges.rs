//! The merges that joined one kind's members, in the order they were made.
//! Each union of two sets is one merge, so a kind makes fewer merges than
//! it has members, and they form a forest: one tree per entity.

use super::{FuzzyMatch, FuzzyMatchId, MatchReason};
use crate::groups::Groups;

/// Two members of a kind (positions in its list) joined, and why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Merge {
    pub a: u32,
    pub b: u32,
    pub reason: MatchReason,
}

impl Merge {
    /// The member at the other end from `member`, one of the two.
    pub fn other(&self, member: u32) -> u32 {
        if member == self.a { self.b } else { self.a }
    }
}

/// A kind's merges, with the fuzzy matches their reasons point to.
#[derive(Debug, Default)]
pub struct Merges {
    list: Vec<Merge>,
    fuzzy: Vec<FuzzyMatch>,
}

impl Merges {
    /// Room for the merges of `members` members.
    pub fn new(members: usize) -> Self {
        Merges {
            list: Vec::with_capacity(members),
            fuzzy: Vec::new(),
        }
    }

    /// Records that `a` and `b` were joined for `reason` (not a fuzzy one:
    /// see [`Merges::push_fuzzy`]).
    pub fn push(&mut self, a: u32, b: u32, reason: MatchReason) {
        self.list.push(Merge { a, b, reason });
    }

    /// Records that `a` and `b` were joined because their names are alike.
    pub fn push_fuzzy(&mut self, a: u32, b: u32, fuzzy: FuzzyMatch) {
        let id = FuzzyMatchId::new(self.fuzzy.len());
        self.fuzzy.push(fuzzy);
        self.push(a, b, MatchReason::Fuzzy(id));
    }

    pub fn get(&self, k: usize) -> &Merge {
        &self.list[k]
    }

    /// Per member of `members`, the merges it takes part in, as indices in
    /// the order the merges were made.
    pub fn by_member(&self, members: usize) -> Groups<u32> {
        let ends =
            self.list.iter().enumerate().flat_map(|(k, merge)| {
                [(merge.a as usize, k as u32), (merge.b as usize, k as u32)]
            });
        Groups::from_pairs(members, ends)
    }

    /// The fuzzy matches, which the merges' reasons number.
    pub fn into_fuzzy_matches(self) -> Vec<FuzzyMatch> {
        self.fuzzy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Symbol;

    #[test]
    fn a_merge_stays_small() {
        // One per member of a kind but its first, all held while it is
        // matched.
        assert_eq!(size_of::<Merge>(), 16);
    }

    #[test]
    fn merges_read_back_per_member_in_the_order_made() {
        let mut merges = Merges::new(5);
        merges.push(0, 3, MatchReason::Id(Symbol::new(0)));
        merges.push(0, 1, MatchReason::Name);
        merges.push_fuzzy(
            2,
            4,
            FuzzyMatch {
                score: 0.91,
                names: ("initech".into(), "initec".into()),
                alignment: Box::default(),
            },
        );
        merges.push(1, 2, MatchReason::Alias);
        let by_member = merges.by_member(5);
        assert_eq!(by_member.get(0), [0, 1]);
        assert_eq!(by_member.get(2), [2, 3]);
        assert_eq!(merges.get(3).other(1), 2);
        assert_eq!(merges.get(3).other(2), 1);
        let MatchReason::Fuzzy(id) = merges.get(2).reason else {
            panic!("a fuzzy merge");
        };
        assert_eq!(merges.into_fuzzy_matches()[id.index()].score, 0.91);
    }
}
