//! Disjoint sets over mention positions, with the identifiers each set holds
//! so two different identifiers in one namespace are never joined.

use compact_str::CompactString;

pub struct UnionFind {
    parent: Vec<u32>,
    /// Per root: `(namespace, value)` pairs, sorted by namespace.
    ids: Vec<Vec<(CompactString, CompactString)>>,
}

impl UnionFind {
    pub fn new(ids: Vec<Vec<(CompactString, CompactString)>>) -> Self {
        let ids = ids
            .into_iter()
            .map(|mut v| {
                v.sort();
                v.dedup();
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
        let merged = &mut self.ids[root as usize];
        merged.extend(moved);
        merged.sort();
        merged.dedup();
        true
    }
}

fn ids_compatible(
    a: &[(CompactString, CompactString)],
    b: &[(CompactString, CompactString)],
) -> bool {
    a.iter()
        .all(|(ns, value)| b.iter().filter(|(n, _)| n == ns).all(|(_, v)| v == value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(pairs: &[(&str, &str)]) -> Vec<(CompactString, CompactString)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).into(), (*b).into()))
            .collect()
    }

    #[test]
    fn different_ids_in_one_namespace_never_join() {
        let mut uf = UnionFind::new(vec![
            ids(&[("accelo_id", "1")]),
            ids(&[("accelo_id", "2")]),
            ids(&[]),
        ]);
        assert!(uf.union(0, 2));
        assert!(!uf.union(1, 2), "2 now holds accelo_id 1");
        assert_eq!(uf.find(2), 0);
        assert_ne!(uf.find(1), uf.find(0));
    }

    #[test]
    fn earlier_root_wins() {
        let mut uf = UnionFind::new(vec![vec![], vec![], vec![]]);
        uf.union(2, 1);
        uf.union(1, 0);
        assert_eq!(uf.find(2), 0);
    }
}
