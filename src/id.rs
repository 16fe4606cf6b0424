//! Typed indices. Each list a run keeps (files, mentions, entities…) is
//! indexed by a type of its own, so an index into one cannot be used in
//! another, and "no such item" is `None`: an index is held as one more
//! than its value in a non-zero integer, so `Option` of one is no larger
//! than the index itself.

/// Defines `$name`, an index into one list, held in `$nonzero` (whose
/// integer is `$int`): `$name::new(i)` makes one, `.index()` gives `i`
/// back.
macro_rules! typed_index {
    ($(#[$doc:meta])* $vis:vis struct $name:ident($nonzero:ty, $int:ty);) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis struct $name($nonzero);

        #[allow(dead_code)]
        impl $name {
            /// The item at `index` in its list. Panics when the list is
            /// longer than the index type can count.
            #[inline]
            pub fn new(index: usize) -> Self {
                <$int>::try_from(index)
                    .ok()
                    .and_then(|i| i.checked_add(1))
                    .and_then(<$nonzero>::new)
                    .map($name)
                    .expect(concat!("fewer items than ", stringify!($int), " counts"))
            }

            /// Its place in its list.
            #[inline]
            pub fn index(self) -> usize {
                (self.0.get() - 1) as usize
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($name), self.index())
            }
        }
    };
}

pub(crate) use typed_index;

#[cfg(test)]
mod tests {
    typed_index! {
        /// An index for the tests.
        struct Probe(std::num::NonZeroU16, u16);
    }

    #[test]
    fn an_index_reads_back_and_none_costs_nothing() {
        for i in [0, 1, 65_534] {
            assert_eq!(Probe::new(i).index(), i);
        }
        assert!(Probe::new(3) < Probe::new(4), "ordered as their indices");
        assert_eq!(format!("{:?}", Probe::new(7)), "Probe(7)");
        assert_eq!(size_of::<Option<Probe>>(), size_of::<u16>());
    }

    #[test]
    #[should_panic(expected = "fewer items than u16 counts")]
    fn an_index_past_the_type_panics() {
        Probe::new(65_535);
    }
}
