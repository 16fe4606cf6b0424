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
            MatchReason::Id("hubspot_id".into()),
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
}
