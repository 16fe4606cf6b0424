//! Reordering a list in place. The entities and the conflicts are the
//! largest lists a run sorts; a second copy of either in the new order was
//! the highest point of the phase that sorted it.

/// Moves `items[i]` to `items[to[i]]` for every `i`, in place. `to` must be
/// a permutation of `0..items.len()`.
pub fn permute<T>(items: &mut [T], to: &[u32]) {
    assert_eq!(items.len(), to.len(), "one place per item");
    let mut to = to.to_vec();
    for i in 0..items.len() {
        // Each swap puts the item at `i` in its place, until `i` holds its own.
        while to[i] as usize != i {
            let j = to[i] as usize;
            items.swap(i, j);
            to.swap(i, j);
        }
    }
}

/// The places that put `items` in the order `cmp` gives, equal items
/// keeping their order: for [`permute`].
pub fn places<T>(items: &[T], mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    order.sort_by(|&a, &b| cmp(&items[a as usize], &items[b as usize]));
    let mut to = vec![0; items.len()];
    for (place, &from) in order.iter().enumerate() {
        to[from as usize] = place as u32;
    }
    to
}

#[cfg(test)]
mod tests {
    use super::{permute, places};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn each_item_goes_to_its_place(
            to in (0..64u32).prop_flat_map(|n| Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let mut items: Vec<usize> = (0..to.len()).collect();
            permute(&mut items, &to);
            for (from, &place) in to.iter().enumerate() {
                prop_assert_eq!(items[place as usize], from);
            }
        }

        #[test]
        fn permuting_to_the_places_sorts_stably(keys in prop::collection::vec(0..5u8, 0..64)) {
            let mut items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let to = places(&items, |a, b| a.0.cmp(&b.0));
            permute(&mut items, &to);
            prop_assert_eq!(items, expected);
        }
    }
}
