//! Matching a typed query against list items, shared by `briefing
//! conflicts QUERY`, `decide`, `explain` and the terminal UI's `/` filter.
//!
//! An item's text is what the user sees of it: its columns, separated by
//! tabs, the column that names it first. Each word of the query must match
//! a word of the text, and the item ranks by its weakest word:
//!
//! 1. the whole word (`acme` in "Acme Inc");
//! 2. the start of a word (`acm`, `red` in "Website Redesign");
//! 3. inside a word or across punctuation (`site` in "Website",
//!    `acme-site` in `acme-site-v2`);
//! 4. a typo: the query's letters in order within one word, at most a
//!    few letters apart (`redsign` for "Redesign"), found by
//!    `fuzzy-matcher`. These count only when nothing matches better, so a
//!    word typed right never brings in items that merely hold its letters
//!    scattered (`acme` in "Amber Central Midtown Eatery").
//!
//! Within a rank, a match in an earlier column comes first (the name
//! before the parent), then the list's own order.

use crate::briefing::{Conflict, EntityView};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Separates an item's columns in the text a query is matched against.
pub const COLUMN: char = '\t';

/// How a query word, or a whole query, matches; better first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    Word,
    Prefix,
    Within,
    Typo,
}

/// What a query makes of one item's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// Some query word is nowhere in the text, not even letter by letter.
    Out,
    /// Every word's letters are in the text in order, but no word matches
    /// in one of the ways [`Rank`] names. Not shown; kept by the terminal
    /// UI as a candidate for the next, longer query, which can only
    /// match fewer items.
    Candidate,
    /// Shown, ranked, with the first column a query word matched in.
    Match(Rank, usize),
}

/// A typed query, split into lower-case words.
pub struct Query {
    words: Vec<String>,
    matcher: SkimMatcherV2,
}

impl Query {
    pub fn new(query: &str) -> Query {
        Query {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How `text` (columns separated by [`COLUMN`]) matches.
    pub fn judge(&self, text: &str) -> Judgement {
        let lower = text.to_lowercase();
        let mut worst = Rank::Word;
        let mut first_column = usize::MAX;
        let mut candidate = false;
        for q in &self.words {
            // Most items of a long list do not hold the word at all, not
            // even letter by letter: one look at the whole text says so.
            let within = lower.contains(q.as_str());
            if !within && self.matcher.fuzzy_match(&lower, q).is_none() {
                return Judgement::Out;
            }
            match self.word(q, &lower, within) {
                Some((rank, column)) => {
                    worst = worst.max(rank);
                    first_column = first_column.min(column);
                }
                None => candidate = true,
            }
        }
        if candidate {
            Judgement::Candidate
        } else {
            Judgement::Match(worst, first_column)
        }
    }

    /// The best way `q` matches a word of `lower`, and the first column
    /// where it matches that way; `within` says whether `q` is in `lower`
    /// at all, as it is.
    fn word(&self, q: &str, lower: &str, within: bool) -> Option<(Rank, usize)> {
        let mut best: Option<(Rank, usize)> = None;
        for (column, text) in lower.split(COLUMN).enumerate() {
            let rank = if within && text.contains(q) {
                let mut rank = Rank::Within;
                for w in words(text) {
                    if w == q {
                        rank = Rank::Word;
                        break;
                    }
                    if w.starts_with(q) {
                        rank = Rank::Prefix;
                    }
                }
                Some(rank)
            } else if best.is_none() && self.typo(q, text) {
                Some(Rank::Typo)
            } else {
                None
            };
            if let Some(rank) = rank
                && best.is_none_or(|(r, _)| rank < r)
            {
                best = Some((rank, column));
            }
            if best.is_some_and(|(r, _)| r == Rank::Word) {
                break;
            }
        }
        best
    }

    /// `q`'s letters in order inside one word of `text`, spread over at
    /// most a third more letters than `q` has: letters left out, not
    /// letters picked from all over the text.
    fn typo(&self, q: &str, text: &str) -> bool {
        let len = q.chars().count();
        if len < 3 {
            return false;
        }
        let spread = len + len.div_ceil(3);
        words(text).any(|w| {
            self.matcher
                .fuzzy_indices(w, q)
                .is_some_and(|(_, at)| match (at.first(), at.last()) {
                    (Some(first), Some(last)) => last - first < spread,
                    _ => false,
                })
        })
    }
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The positions of `judged` (position, judgement) to show, best first:
/// typos only when nothing matches better; ties keep the given order.
pub fn ranked(judged: impl IntoIterator<Item = (usize, Judgement)>) -> Vec<usize> {
    let mut found: Vec<(Rank, usize, usize)> = judged
        .into_iter()
        .filter_map(|(i, j)| match j {
            Judgement::Match(rank, column) => Some((rank, column, i)),
            _ => None,
        })
        .collect();
    if found.iter().any(|&(rank, _, _)| rank < Rank::Typo) {
        found.retain(|&(rank, _, _)| rank < Rank::Typo);
    }
    found.sort_unstable();
    found.into_iter().map(|(_, _, i)| i).collect()
}

/// Positions of the items matching `query`, best match first; ties keep
/// the items' own order. An empty query matches everything in order.
pub fn fuzzy_filter<T>(items: &[T], query: &str, text: impl Fn(&T) -> String) -> Vec<usize> {
    let query = Query::new(query);
    if query.is_empty() {
        return (0..items.len()).collect();
    }
    ranked(
        items
            .iter()
            .enumerate()
            .map(|(i, item)| (i, query.judge(&text(item)))),
    )
}

/// Entities matching `query`: those a mention names exactly as the query
/// does (an alias such as `acme-site-v2`, a name merged by identifier),
/// then those whose name holds every word of the query, shortest name first
/// (`umbrella` finds the client Umbrella Health before the campaign
/// Umbrella Careers Nurses), then the others.
pub fn entity_matches(entities: &[EntityView], query: &str) -> Vec<usize> {
    let written = query.trim().to_lowercase();
    let named: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            !written.is_empty()
                && entities[i]
                    .mentions()
                    .iter()
                    .filter_map(|m| m.name)
                    .any(|name| name.trim().to_lowercase() == written)
        })
        .collect();
    let mut found = fuzzy_filter(entities, query, |e| {
        format!("{}{COLUMN}{}{COLUMN}{}", e.name(), e.kind(), e.id())
    });
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let whole_words = |e: &EntityView| {
        let name: Vec<String> = e
            .name()
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        words.iter().all(|w| name.contains(w))
    };
    found.sort_by_key(|&i| {
        let e = &entities[i];
        if whole_words(e) {
            (0, e.name().len())
        } else {
            (1, 0)
        }
    });
    found.retain(|i| !named.contains(i));
    named.into_iter().chain(found).collect()
}

/// What a conflict is found by: its entity's name, then its field, kind
/// and entity id.
pub fn conflict_text(c: &Conflict) -> String {
    format!(
        "{}{COLUMN}{}{COLUMN}{}{COLUMN}{}",
        c.entity_name, c.field, c.kind, c.entity
    )
}

/// The conflicts `briefing decide QUERY` may mean, best first: the one
/// named exactly (`project:acme-website-redesign due_date`, or with a `/`)
/// if any; else those whose text holds every word of the query; else the
/// fuzzy matches. Anything but exactly one is for the person to resolve.
pub fn conflict_candidates(conflicts: &[Conflict], query: &str) -> Vec<usize> {
    let query = query.trim();
    let exact: Vec<usize> = (0..conflicts.len())
        .filter(|&i| {
            let c = &conflicts[i];
            query == format!("{} {}", c.entity, c.field)
                || query == format!("{}/{}", c.entity, c.field)
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let found = fuzzy_filter(conflicts, query, conflict_text);
    let whole: Vec<usize> = found
        .iter()
        .copied()
        .filter(|&i| {
            let text = conflict_text(&conflicts[i]).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();
    if whole.is_empty() { found } else { whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(items: &[&str], query: &str) -> Vec<usize> {
        fuzzy_filter(items, query, |s| s.to_string())
    }

    #[test]
    fn case_insensitive_best_first() {
        let items = ["Globex Rebrand", "Acme Website Redesign", "acme-site-v2"];
        assert_eq!(filter(&items, "ACME web"), vec![1]);
        assert_eq!(filter(&items, "acme"), vec![1, 2]);
        assert_eq!(filter(&items, "  "), vec![0, 1, 2]);
        assert_eq!(filter(&items, "acme-site"), vec![2]);
    }

    #[test]
    fn whole_words_then_prefixes_then_inside_a_word() {
        let items = ["Websites Inc", "The Site", "Site Audit", "Sitemap"];
        // `site`: the whole word in two items, in their order, then the
        // prefix, then inside a word.
        assert_eq!(filter(&items, "site"), vec![1, 2, 3, 0]);
    }

    #[test]
    fn scattered_letters_do_not_match() {
        let items = [
            "Umbrella Donor Drive\tUmbrella Health",
            "Stark Press Kit\tStark Industries",
            "Acme Inc",
            "Q1 Campaign\tAcme Inc",
        ];
        assert_eq!(filter(&items, "acme"), vec![2, 3]);
        // A match on the name comes before one on the parent.
        assert_eq!(filter(&["Q1\tAcme Inc", "Acme Dealer"], "acme"), vec![1, 0]);
    }

    #[test]
    fn typos_count_when_nothing_matches_better() {
        let items = ["Acme Website Redesign", "Globex Rebrand"];
        // Letters left out of one word.
        assert_eq!(filter(&items, "redsign"), vec![0]);
        assert_eq!(filter(&items, "webste"), vec![0]);
        // The same letters spread over the text are no match.
        assert_eq!(filter(&items, "awr"), Vec::<usize>::new());
        // Once a word matches right, typos are left out.
        assert_eq!(filter(&["Rebrand", "Rebrnd"], "rebrand"), vec![0]);
    }

    #[test]
    fn a_longer_query_only_narrows_the_candidates() {
        let q = Query::new("acme");
        let longer = Query::new("acme inc");
        for text in [
            "Acme Inc",
            "Amber Central Midtown Eatery",
            "Globex",
            "Acme Dealer",
        ] {
            if q.judge(text) == Judgement::Out {
                assert_eq!(longer.judge(text), Judgement::Out, "{text}");
            }
        }
        assert_eq!(
            q.judge("Amber Central Midtown Eatery"),
            Judgement::Candidate
        );
        assert_eq!(q.judge("Globex"), Judgement::Out);
        assert_eq!(q.judge("Acme Inc"), Judgement::Match(Rank::Word, 0));
    }
}
