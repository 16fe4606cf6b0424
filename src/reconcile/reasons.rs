//! Why each mention belongs to its entity, one per mention: hundreds of
//! thousands in a large organisation, so a number each rather than a
//! [`MatchReason`], with the few reasons that carry something (an identifier
//! namespace, a fuzzy score) kept apart.

use super::MatchReason;

/// Codes below `DETAILED` are the reasons that carry nothing; from it on, a
/// code is `DETAILED` plus an index into `Reasons::detailed`.
const FIRST: u32 = 0;
const ALIAS: u32 = 1;
const NAME: u32 = 2;
const DETAILED: u32 = 3;

static FIRST_REASON: MatchReason = MatchReason::First;
static ALIAS_REASON: MatchReason = MatchReason::Alias;
static NAME_REASON: MatchReason = MatchReason::Name;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reasons {
    codes: Vec<u32>,
    detailed: Vec<MatchReason>,
}

impl Reasons {
    /// `n` mentions, each the first of its entity.
    pub fn new(n: usize) -> Self {
        Reasons {
            codes: vec![FIRST; n],
            detailed: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Sets mention `m`'s reason. Each is set once, when its kind is
    /// matched: a detailed reason it replaces stays unused in the list.
    pub fn set(&mut self, m: usize, reason: MatchReason) {
        self.codes[m] = match reason {
            MatchReason::First => FIRST,
            MatchReason::Alias => ALIAS,
            MatchReason::Name => NAME,
            detailed => {
                let code = DETAILED + self.detailed.len() as u32;
                self.detailed.push(detailed);
                code
            }
        };
    }

    /// The reasons in mention order, taken out.
    pub fn into_reasons(self) -> impl Iterator<Item = MatchReason> {
        let Reasons {
            codes,
            mut detailed,
        } = self;
        codes.into_iter().map(move |code| match code {
            FIRST => MatchReason::First,
            ALIAS => MatchReason::Alias,
            NAME => MatchReason::Name,
            code => std::mem::replace(
                &mut detailed[(code - DETAILED) as usize],
                MatchReason::First,
            ),
        })
    }
}

/// The merges that joined a kind's members, in the order they were made:
/// each its two members (positions in the kind's list) and why, the reason
/// kept as a code as [`Reasons`] keeps it. A kind makes a merge per member
/// but its first, hundreds of thousands in the largest kind, where a reason
/// held whole was twice the size of the rest of the merge.
pub struct Edges {
    ends: Vec<(u32, u32)>,
    reasons: Reasons,
}

impl Edges {
    /// Room for the merges of `members` members: each merge joins two sets,
    /// so there are fewer merges than members.
    pub fn new(members: usize) -> Self {
        Edges {
            ends: Vec::with_capacity(members),
            reasons: Reasons {
                codes: Vec::with_capacity(members),
                detailed: Vec::new(),
            },
        }
    }

    pub fn push(&mut self, a: u32, b: u32, reason: MatchReason) {
        self.ends.push((a, b));
        self.reasons.codes.push(FIRST);
        self.reasons.set(self.ends.len() - 1, reason);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn ends(&self, e: usize) -> (u32, u32) {
        self.ends[e]
    }

    pub fn reason(&self, e: usize) -> &MatchReason {
        &self.reasons[e]
    }
}

impl std::ops::Index<usize> for Reasons {
    type Output = MatchReason;

    fn index(&self, m: usize) -> &MatchReason {
        match self.codes[m] {
            FIRST => &FIRST_REASON,
            ALIAS => &ALIAS_REASON,
            NAME => &NAME_REASON,
            code => &self.detailed[(code - DETAILED) as usize],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Symbol;
    use crate::reconcile::Compared;

    #[test]
    fn every_reason_reads_back_as_set() {
        let fuzzy = || {
            MatchReason::Fuzzy(Box::new(Compared {
                score: 0.9,
                names: ("acme".into(), "acme co".into()),
            }))
        };
        let set = [
            MatchReason::Name,
            MatchReason::Id(Symbol::new(0)),
            MatchReason::First,
            fuzzy(),
            MatchReason::Alias,
        ];
        let mut reasons = Reasons::new(set.len() + 1);
        for (m, reason) in set.iter().enumerate() {
            reasons.set(m, reason.clone());
        }
        let mut want = set.to_vec();
        want.push(MatchReason::First);
        assert_eq!(
            (0..want.len())
                .map(|m| reasons[m].clone())
                .collect::<Vec<_>>(),
            want
        );
        assert_eq!(reasons.into_reasons().collect::<Vec<_>>(), want);
    }

    #[test]
    fn every_merge_reads_back_as_pushed() {
        let merges = [
            (0, 3, MatchReason::Id(Symbol::new(1))),
            (0, 1, MatchReason::Name),
            (
                2,
                4,
                MatchReason::Fuzzy(Box::new(Compared {
                    score: 0.91,
                    names: ("initech".into(), "initec".into()),
                })),
            ),
            (1, 2, MatchReason::Alias),
        ];
        let mut edges = Edges::new(5);
        for (a, b, reason) in merges.clone() {
            edges.push(a, b, reason);
        }
        assert_eq!(edges.len(), merges.len());
        for (e, (a, b, reason)) in merges.iter().enumerate() {
            assert_eq!(edges.ends(e), (*a, *b));
            assert_eq!(edges.reason(e), reason);
        }
    }
}
