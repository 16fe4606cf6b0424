//! Numbered groups of items kept in one list.

/// Items in groups numbered from 0, all in one list: group `g` is
/// `items[starts[g]..starts[g + 1]]` (the layout known as compressed sparse
/// rows). One allocation holds any number of groups, where a `Vec` per
/// group would be one each; reconciling groups mentions by entity, merges
/// by mention and names by word this way, hundreds of thousands of groups
/// in a large organisation.
///
/// Built either group by group ([`Groups::push`], then
/// [`Groups::close_group`]), or from `(group, item)` pairs in any order
/// ([`Groups::from_pairs`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Groups<T> {
    /// One more than there are groups: each group's start, then the end.
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Groups<T> {
    fn default() -> Self {
        Groups::new()
    }
}

impl<T> Groups<T> {
    /// No groups, and an empty group open for [`Groups::push`].
    pub fn new() -> Self {
        Groups {
            starts: vec![0],
            items: Vec::new(),
        }
    }

    /// [`Groups::new`] with room for `groups` groups of `items` items in all.
    pub fn with_capacity(groups: usize, items: usize) -> Self {
        let mut starts = Vec::with_capacity(groups + 1);
        starts.push(0);
        Groups {
            starts,
            items: Vec::with_capacity(items),
        }
    }

    /// Adds `item` to the open group: the one the next
    /// [`Groups::close_group`] closes.
    pub fn push(&mut self, item: T) {
        self.items.push(item);
    }

    /// Closes the open group, which takes the next number, and opens an
    /// empty one. Returns the closed group's number.
    pub fn close_group(&mut self) -> usize {
        self.starts.push(offset(self.items.len()));
        self.starts.len() - 2
    }

    /// Adds `items` as the next group and returns its number. Items pushed
    /// and not yet closed come first in it.
    pub fn push_group(&mut self, items: impl IntoIterator<Item = T>) -> usize {
        self.items.extend(items);
        self.close_group()
    }

    /// How many groups were closed.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Group `g`'s items. Panics when there is no group `g`.
    pub fn get(&self, g: usize) -> &[T] {
        &self.items[self.starts[g] as usize..self.starts[g + 1] as usize]
    }

    /// Every group's items, in group order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> + Clone + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }

    /// Every closed group's items in one list, group after group.
    pub fn items(&self) -> &[T] {
        &self.items[..*self.starts.last().unwrap_or(&0) as usize]
    }

    /// Gives back the room left to grow.
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.items.shrink_to_fit();
    }
}

impl<T: Copy + Default> Groups<T> {
    /// `(group, item)` pairs gathered into `groups` groups, each group's
    /// items in the order the pairs give them. The pairs are walked twice,
    /// once to count and once to place, so they are never held as a list.
    /// Panics when a pair's group is not under `groups`.
    pub fn from_pairs(groups: usize, pairs: impl Iterator<Item = (usize, T)> + Clone) -> Self {
        let mut starts = vec![0u32; groups + 1];
        let mut n = 0;
        for (g, _) in pairs.clone() {
            starts[g + 1] += 1;
            n += 1;
        }
        for g in 0..groups {
            starts[g + 1] += starts[g];
        }
        // Each group's start serves as its cursor while placing, and ends
        // as the next group's start; they are shifted back after. A copy of
        // the starts would be one more number per group.
        let mut items = vec![T::default(); n];
        for (g, item) in pairs {
            let cursor = &mut starts[g];
            items[*cursor as usize] = item;
            *cursor += 1;
        }
        starts.copy_within(0..groups, 1);
        starts[0] = 0;
        Groups { starts, items }
    }
}

impl<T> std::ops::Index<usize> for Groups<T> {
    type Output = [T];

    fn index(&self, g: usize) -> &[T] {
        self.get(g)
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).expect("groups hold under 4 billion items")
}

#[cfg(test)]
mod tests {
    use super::Groups;

    #[test]
    fn pairs_are_grouped_each_group_in_the_order_given() {
        let pairs = [(2, 10), (0, 11), (2, 12), (0, 13), (2, 14)];
        let groups = Groups::from_pairs(4, pairs.into_iter());
        assert_eq!(groups.len(), 4);
        assert_eq!(groups.get(0), [11, 13]);
        assert_eq!(groups.get(1), [] as [u32; 0]);
        assert_eq!(groups.get(2), [10, 12, 14]);
        assert_eq!(groups[3], [] as [u32; 0]);
        assert_eq!(groups.items(), [11, 13, 10, 12, 14]);
    }

    #[test]
    fn no_pairs_make_empty_groups() {
        let groups: Groups<u32> = Groups::from_pairs(3, std::iter::empty());
        assert_eq!(
            groups.iter().map(<[u32]>::len).collect::<Vec<_>>(),
            [0, 0, 0]
        );
        let none: Groups<u32> = Groups::from_pairs(0, std::iter::empty());
        assert!(none.is_empty());
    }

    #[test]
    fn groups_built_one_by_one_read_back_as_pushed() {
        let mut groups = Groups::with_capacity(3, 4);
        groups.push("a");
        groups.push("b");
        assert_eq!(groups.close_group(), 0);
        assert_eq!(groups.close_group(), 1, "an empty group");
        groups.push("c");
        assert_eq!(groups.push_group(["d"]), 2, "pushed items come first");
        groups.push("open");
        assert_eq!(groups.len(), 3);
        let read: Vec<&[&str]> = groups.iter().collect();
        assert_eq!(read, [&["a", "b"][..], &[], &["c", "d"]]);
        assert_eq!(groups.items(), ["a", "b", "c", "d"], "not the open group");
    }

    #[test]
    #[should_panic]
    fn a_group_out_of_range_panics() {
        let groups = Groups::from_pairs(2, [(2, 1u32)].into_iter());
        drop(groups);
    }
}
