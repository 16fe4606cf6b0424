//! The `files` and `ignore` globs, compiled once when the configuration
//! loads and matched from there by every part that needs them.

use globset::{Glob, GlobSet, GlobSetBuilder};

/// A glob as `briefing.toml` writes it, and the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlobEntry {
    pub text: String,
    pub line: u32,
}

/// A list of globs compiled to match together: a path is tested against
/// all of them in one pass, however many there are.
#[derive(Debug, Clone)]
pub struct Globs {
    entries: Vec<GlobEntry>,
    matcher: Matcher,
}

#[derive(Debug, Clone)]
enum Matcher {
    /// Every glob in one set.
    Together(GlobSet),
    /// A set per glob, for a list whose one set would pass the regex size
    /// limit each glob stays under on its own.
    Apart(Vec<GlobSet>),
}

/// A glob that parsed but cannot be compiled, and why.
pub(super) type CompileError = (GlobEntry, globset::Error);

impl Globs {
    /// Compiles `globs`, already parsed, each beside the entry it was
    /// parsed from.
    pub(super) fn compile(globs: Vec<(GlobEntry, Glob)>) -> Result<Globs, CompileError> {
        let mut builder = GlobSetBuilder::new();
        for (_, glob) in &globs {
            builder.add(glob.clone());
        }
        let matcher = match builder.build() {
            Ok(set) => Matcher::Together(set),
            Err(_) => Matcher::Apart(
                globs
                    .iter()
                    .map(|(entry, glob)| {
                        GlobSetBuilder::new()
                            .add(glob.clone())
                            .build()
                            .map_err(|e| (entry.clone(), e))
                    })
                    .collect::<Result<_, _>>()?,
            ),
        };
        let entries = globs.into_iter().map(|(entry, _)| entry).collect();
        Ok(Globs { entries, matcher })
    }

    /// The globs as written, in order.
    pub fn entries(&self) -> &[GlobEntry] {
        &self.entries
    }

    pub fn is_match(&self, path: &str) -> bool {
        match &self.matcher {
            Matcher::Together(set) => set.is_match(path),
            Matcher::Apart(sets) => sets.iter().any(|set| set.is_match(path)),
        }
    }

    /// Where in the list the first glob that matches `path` is.
    pub fn first_match(&self, path: &str) -> Option<usize> {
        match &self.matcher {
            Matcher::Together(set) => set.matches(path).into_iter().min(),
            Matcher::Apart(sets) => sets.iter().position(|set| set.is_match(path)),
        }
    }

    /// Where in the list every glob that matches `path` is, in list order,
    /// into `hits` (emptied first).
    pub fn matches_into(&self, path: &str, hits: &mut Vec<usize>) {
        match &self.matcher {
            Matcher::Together(set) => set.matches_into(path, hits),
            Matcher::Apart(sets) => {
                hits.clear();
                hits.extend((0..sets.len()).filter(|&i| sets[i].is_match(path)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(list: &[&str]) -> Globs {
        let parsed = list
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let entry = GlobEntry {
                    text: (*text).to_string(),
                    line: i as u32 + 1,
                };
                (entry, Glob::new(text).unwrap())
            })
            .collect();
        Globs::compile(parsed).unwrap()
    }

    #[test]
    fn matches_in_list_order_together_and_apart() {
        let together = globs(&["b/**", "*.bak", "**/*.json"]);
        assert!(matches!(together.matcher, Matcher::Together(_)));
        let apart = Globs {
            matcher: Matcher::Apart(
                together
                    .entries()
                    .iter()
                    .map(|e| {
                        let mut one = GlobSetBuilder::new();
                        one.add(Glob::new(&e.text).unwrap());
                        one.build().unwrap()
                    })
                    .collect(),
            ),
            ..together.clone()
        };
        for g in [&together, &apart] {
            assert_eq!(g.first_match("b/x.json"), Some(0));
            assert_eq!(g.first_match("a/x.json"), Some(2));
            assert_eq!(g.first_match("a/x.md"), None);
            assert!(g.is_match("x.bak"));
            let mut hits = vec![7];
            g.matches_into("b/x.json", &mut hits);
            hits.sort_unstable();
            assert_eq!(hits, [0, 2]);
        }
        assert_eq!(together.entries()[1].text, "*.bak");
        assert_eq!(together.entries()[1].line, 2);
    }
}
