//! Disjoint sets over mention positions, with the identifiers each set holds
//! so two different identifiers in one namespace are never joined.

use crate::id::typed_index;
use smallvec::SmallVec;
use std::num::NonZeroU32;

/// An identifier as `(namespace, value)`, each interned to a number by the
/// caller: sets compare identifiers by the thousand, strings would be slow.
pub type Id = (u32, u32);

/// A set's identifiers, sorted. Almost every mention has one or none, which
/// fit without an allocation.
pub type Ids = SmallVec<[Id; 1]>;

pub struct UnionFind {
    parent: Vec<u32>,
    /// Per root, where its identifiers are in `sets`, if it has any: most
    /// mentions have none, so they are not kept per mention.
    slot: Vec<Option<Slot>>,
    sets: Vec<Ids>,
}

typed_index! {
    /// A set's identifiers in [`UnionFind`]'s `sets`.
    struct Slot(NonZeroU32, u32);
}

impl UnionFind {
    /// Positions `0..n`, each its own set; `ids` gives the identifiers of
    /// those that have any, by position.
    pub fn new(n: usize, ids: Vec<(u32, Ids)>) -> Self {
        let mut slot = vec![None; n];
        let sets = ids
            .into_iter()
            .enumerate()
            .map(|(s, (i, mut v))| {
                slot[i as usize] = Some(Slot::new(s));
                if v.len() > 1 {
                    v.sort_unstable();
                    v.dedup();
                }
                v
            })
            .collect();
        Self {
            parent: (0..n as u32).collect(),
            slot,
            sets,
        }
    }

    fn ids(&self, root: u32) -> &[Id] {
        match self.slot[root as usize] {
            None => &[],
            Some(s) => &self.sets[s.index()],
        }
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Whether the sets of `a` and `b` hold no two different identifiers in
    /// one namespace.
    pub fn compatible(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        ra == rb || ids_compatible(self.ids(ra), self.ids(rb))
    }

    /// Joins the sets; the earlier root stays the root so results do not
    /// depend on the order calls are made in. Returns false when the sets
    /// were already one or their identifiers disagree.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || !ids_compatible(self.ids(ra), self.ids(rb)) {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        if let Some(moved) = self.slot[child as usize].take() {
            match self.slot[root as usize] {
                None => self.slot[root as usize] = Some(moved),
                Some(kept) => {
                    let moved = std::mem::take(&mut self.sets[moved.index()]);
                    let merged = &mut self.sets[kept.index()];
                    merged.extend(moved);
                    merged.sort_unstable();
                    merged.dedup();
                }
            }
        }
        true
    }
}

fn ids_compatible(a: &[Id], b: &[Id]) -> bool {
    a.iter()
        .all(|(ns, value)| b.iter().filter(|(n, _)| n == ns).all(|(_, v)| v == value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(pairs: &[Id]) -> Ids {
        pairs.iter().copied().collect()
    }

    #[test]
    fn different_ids_in_one_namespace_never_join() {
        let mut uf = UnionFind::new(3, vec![(0, ids(&[(7, 1)])), (1, ids(&[(7, 2)]))]);
        assert!(uf.union(0, 2));
        assert!(!uf.union(1, 2), "2 now holds accelo_id 1");
        assert_eq!(uf.find(2), 0);
        assert_ne!(uf.find(1), uf.find(0));
    }

    #[test]
    fn a_root_takes_its_childs_ids() {
        let mut uf = UnionFind::new(
            5,
            vec![
                (2, ids(&[(7, 1)])),
                (3, ids(&[(8, 5), (7, 1), (8, 5)])),
                (4, ids(&[(7, 2)])),
            ],
        );
        assert!(uf.union(0, 2), "0 had none, now holds accelo_id 1");
        assert_eq!(uf.ids(0), [(7, 1)]);
        assert!(uf.union(3, 0));
        assert_eq!(uf.ids(0), [(7, 1), (8, 5)], "sorted, once each");
        assert_eq!(uf.ids(3), []);
        assert!(!uf.union(4, 3), "the set of 3 holds accelo_id 1");
    }

    #[test]
    fn a_root_without_identifiers_costs_no_more_than_one_with() {
        assert_eq!(size_of::<Option<Slot>>(), size_of::<u32>());
    }

    #[test]
    fn earlier_root_wins() {
        let mut uf = UnionFind::new(3, vec![]);
        uf.union(2, 1);
        uf.union(1, 0);
        assert_eq!(uf.find(2), 0);
    }
}
