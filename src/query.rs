//! Fuzzy matching of a typed query against list items, shared by
//! `briefing conflicts QUERY` and the terminal UI's `/` filter.

use crate::briefing::{Conflict, EntityView};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// Positions of the items matching `query`, best match first; ties keep
/// the items' own order. An empty query matches everything in order.
pub fn fuzzy_filter<T>(items: &[T], query: &str, text: impl Fn(&T) -> String) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return (0..items.len()).collect();
    }
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut scored: Vec<(i64, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            matcher
                .fuzzy_match(&text(item), query)
                .map(|score| (score, i))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

/// Entities matching `query`: those whose name holds every word of the
/// query first, shortest name first (`umbrella` finds the client Umbrella
/// Health before the campaign Umbrella Careers Nurses), then fuzzy matches.
pub fn entity_matches(entities: &[EntityView], query: &str) -> Vec<usize> {
    let mut found = fuzzy_filter(entities, query, |e| {
        format!("{} {} {}", e.name(), e.kind(), e.id())
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
    found
}

/// What a conflict is found by: its entity's name and id, kind and field.
pub fn conflict_text(c: &Conflict) -> String {
    format!("{} {} {} {}", c.entity_name, c.kind, c.field, c.entity)
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

    #[test]
    fn case_insensitive_best_first() {
        let items = ["Globex Rebrand", "Acme Website Redesign", "acme-site-v2"];
        let found = fuzzy_filter(&items, "ACME web", |s| s.to_string());
        assert_eq!(found.first(), Some(&1));
        assert!(!found.contains(&0));
        assert_eq!(fuzzy_filter(&items, "  ", |s| s.to_string()), vec![0, 1, 2]);
    }
}
