//! Disjoint sets over mention positions, with the identifiers each set holds
//! so two different identifiers in one namespace are never joined.

use smallvec::SmallVec;

/// An identifier as `(namespace, value)`, each interned to a number by the
/// caller: sets compare identifiers by the thousand, strings would be slow.
pub type Id = (u32, u32);

/// A set's identifiers, sorted. Almost every mention has one or none, which
/// fit without an allocation.
pub type Ids = SmallVec<[Id; 1]>;

pub struct UnionFind {
    parent: Vec<u32>,
    /// Per root.
    ids: Vec<Ids>,
}

impl UnionFind {
    pub fn new(ids: Vec<Ids>) -> Self {
        let ids = ids
            .into_iter()
            .map(|mut v| {
                if v.len() > 1 {
                    v.sort_unstable();
                    v.dedup();
                }
                v
            })
            .collect::<Vec<_>>();
        Self {
            parent: (0..ids.len() as u32).collect(),
            ids,
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
        ra == rb || ids_compatible(&self.ids[ra as usize], &self.ids[rb as usize])
    }

    /// Joins the sets; the earlier root stays the root so results do not
    /// depend on the order calls are made in. Returns false when the sets
    /// were already one or their identifiers disagree.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || !ids_compatible(&self.ids[ra as usize], &self.ids[rb as usize]) {
            return false;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        let moved = std::mem::take(&mut self.ids[child as usize]);
        if !moved.is_empty() {
            let merged = &mut self.ids[root as usize];
            merged.extend(moved);
            merged.sort_unstable();
            merged.dedup();
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
        let mut uf = UnionFind::new(vec![ids(&[(7, 1)]), ids(&[(7, 2)]), ids(&[])]);
        assert!(uf.union(0, 2));
        assert!(!uf.union(1, 2), "2 now holds accelo_id 1");
        assert_eq!(uf.find(2), 0);
        assert_ne!(uf.find(1), uf.find(0));
    }

    #[test]
    fn earlier_root_wins() {
        let mut uf = UnionFind::new(vec![Ids::new(), Ids::new(), Ids::new()]);
        uf.union(2, 1);
        uf.union(1, 0);
        assert_eq!(uf.find(2), 0);
    }
}
