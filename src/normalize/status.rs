//! Status words and their synonym groups.
//!
//! Built-in groups (every group name is also a synonym of itself):
//!
//! | group | synonyms |
//! | --- | --- |
//! | `active` | in progress, wip, work in progress, ongoing, live, started, underway |
//! | `done` | complete, completed, shipped, closed, finished, delivered, resolved |
//! | `blocked` | stuck |
//! | `on_hold` | on hold, paused, hold |
//! | `planned` | not started, todo, to do, backlog, scheduled, upcoming |
//! | `cancelled` | canceled, dropped, abandoned |
//! | `at_risk` | at risk |
//! | `won` | closed won |
//! | `lost` | closed lost |
//!
//! A known status with a note in brackets after it (`In progress (70%)`)
//! is its status; after a dash or colon the note may be another status
//! (`In progress - blocked on legal`, `Closed: Won`), so the words are
//! compared whole. A synonym of several words is also known run together
//! (`inprogress`, `closedwon`, `InProgress`), as APIs and CRM exports
//! write them.
//!
//! `open` is deliberately in no group: on an escalation it means "not yet
//! acted on", on a project it means "running", and merging it into `active`
//! would make an open escalation look like work in progress. `resolved` is
//! in `done` because the briefing closes escalations by group.

use std::collections::HashMap;

use super::bracket_note;

const BUILTIN: &[(&str, &[&str])] = &[
    (
        "active",
        &[
            "in progress",
            "wip",
            "work in progress",
            "ongoing",
            "live",
            "started",
            "underway",
        ],
    ),
    (
        "done",
        &[
            "complete",
            "completed",
            "shipped",
            "closed",
            "finished",
            "delivered",
            "resolved",
        ],
    ),
    ("blocked", &["stuck"]),
    ("on_hold", &["on hold", "paused", "hold"]),
    (
        "planned",
        &[
            "not started",
            "todo",
            "to do",
            "backlog",
            "scheduled",
            "upcoming",
        ],
    ),
    ("cancelled", &["canceled", "dropped", "abandoned"]),
    ("at_risk", &["at risk"]),
    // CRM deal stages, which HubSpot also writes run together.
    ("won", &["closed won"]),
    ("lost", &["closed lost"]),
];

/// Maps folded status words to their group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusTable {
    groups: HashMap<String, String>,
}

impl Default for StatusTable {
    fn default() -> Self {
        Self::builtin()
    }
}

impl StatusTable {
    pub fn builtin() -> Self {
        let mut table = StatusTable {
            groups: HashMap::new(),
        };
        for (group, words) in BUILTIN {
            table.add(group, words.iter().copied());
        }
        table
    }

    /// The built-in table with the configuration's `[statuses]` groups on
    /// top. A configured group keeps the built-in synonyms of the same name
    /// and adds its own; a word the configuration lists moves to the
    /// configured group, so `lost = ["closed"]` takes `closed` out of `done`.
    pub fn with_groups(extra: &[(String, Vec<String>)]) -> Self {
        let mut table = Self::builtin();
        for (group, words) in extra {
            table.add(group, words.iter().map(String::as_str));
        }
        table
    }

    /// The group `raw` belongs to, or the folded word when it has none.
    pub fn group(&self, raw: &str) -> String {
        // Brackets that are part of a known status (`Closed (Won)`) before
        // a note in brackets (`In progress (70%)`).
        let whole = fold_words(raw);
        if let Some(group) = self.groups.get(&whole) {
            return group.clone();
        }
        let Some((status, _)) = bracket_note(raw) else {
            return whole;
        };
        let folded = fold_words(status);
        self.groups.get(&folded).cloned().unwrap_or(folded)
    }

    fn add<'a>(&mut self, group: &'a str, words: impl Iterator<Item = &'a str>) {
        // `on hold`, `On-Hold` and `on_hold` all name the same group.
        let name = fold_words(group).replace(' ', "_");
        if name.is_empty() {
            return;
        }
        for word in std::iter::once(group).chain(words) {
            // A configured word is read whole: `Closed (Won)` is not
            // `closed` with a note.
            let word = fold_words(word);
            if word.contains(' ') {
                self.groups.insert(word.replace(' ', ""), name.clone());
            }
            if !word.is_empty() {
                self.groups.insert(word, name.clone());
            }
        }
    }
}

/// Lower-cased, `_`, dashes, `/`, `:` and brackets as spaces, whitespace
/// folded, stray punctuation at the ends dropped: `Closed/Won`, `Closed:
/// Won`, `Closed – Won` and `Closed (Won)` are `closed won`.
fn fold_words(raw: &str) -> String {
    // Lower-case first: lower-casing can add a combining mark at the end
    // (`İ`), which the trim must see for folding to be idempotent.
    let spaced: String = raw
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '–' | '—' | '/' | ':' | '(' | ')') {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .trim_matches(|c: char| !c.is_alphanumeric())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn builtin_groups() {
        let t = StatusTable::builtin();
        assert_eq!(t.group("In Progress"), "active");
        assert_eq!(t.group("in-progress"), "active");
        assert_eq!(t.group("in_progress"), "active");
        assert_eq!(t.group("  WIP "), "active");
        assert_eq!(t.group("active"), "active");
        assert_eq!(t.group("Shipped"), "done");
        assert_eq!(t.group("Done."), "done");
        assert_eq!(t.group("resolved"), "done");
        assert_eq!(t.group("on hold"), "on_hold");
        assert_eq!(t.group("On_Hold"), "on_hold");
        assert_eq!(t.group("not-started"), "planned");
        assert_eq!(t.group("canceled"), "cancelled");
        assert_eq!(t.group("At Risk"), "at_risk");
        assert_eq!(t.group("*blocked*"), "blocked");
        assert_eq!(t.group("In progress (70%)"), "active");
        assert_eq!(t.group("Blocked (waiting on legal) "), "blocked");
        assert_eq!(t.group("(tbd)"), "tbd");
        assert_eq!(t.group("Closed Won"), "won");
        assert_eq!(t.group("closedwon"), "won");
        assert_eq!(t.group("closed_lost"), "lost");
        assert_eq!(t.group("InProgress"), "active");
        assert_eq!(t.group("notstarted"), "planned");
        assert_eq!(t.group("Closed (Won)"), "won");
        assert_eq!(t.group("Closed/Lost"), "lost");
        assert_eq!(t.group("Closed (lost to a competitor)"), "done");
        assert_eq!(t.group("Closed: Won"), "won");
        assert_eq!(t.group("Closed – Lost"), "lost");
        // A note after a dash or colon may be another status: the words
        // are kept whole.
        assert_eq!(
            t.group("In progress - blocked on legal"),
            "in progress blocked on legal"
        );
        assert_eq!(t.group("Done: 3/5 tasks"), "done 3 5 tasks");
    }

    #[test]
    fn unknown_words_fold_to_themselves() {
        let t = StatusTable::builtin();
        assert_eq!(t.group("Open"), "open");
        assert_eq!(t.group("Waiting  on_Client"), "waiting on client");
        assert_eq!(t.group(""), "");
        assert_eq!(t.group("---"), "");
    }

    #[test]
    fn configured_groups_extend_and_override() {
        let extra = vec![
            ("active".to_string(), vec!["Running".to_string()]),
            (
                "lost".to_string(),
                vec!["closed".to_string(), "closed-lost".to_string()],
            ),
            ("On Hold".to_string(), vec!["parked".to_string()]),
            ("booked".to_string(), vec!["Signed (Won)".to_string()]),
        ];
        let t = StatusTable::with_groups(&extra);
        assert_eq!(t.group("running"), "active");
        assert_eq!(t.group("wip"), "active");
        assert_eq!(t.group("closed"), "lost");
        assert_eq!(t.group("Closed Lost"), "lost");
        assert_eq!(t.group("lost"), "lost");
        assert_eq!(t.group("OnHold"), "on_hold");
        assert_eq!(t.group("shipped"), "done");
        // A configured word is read whole, not as a word and a note.
        assert_eq!(t.group("Signed (Won)"), "booked");
        assert_eq!(t.group("signed"), "signed");
        assert_eq!(t.group("parked"), "on_hold");
        assert_eq!(t.group("paused"), "on_hold");
    }

    proptest! {
        #[test]
        fn never_panics_and_is_idempotent(s in "\\PC{0,24}") {
            let t = StatusTable::builtin();
            let once = t.group(&s);
            prop_assert_eq!(t.group(&once), once.clone());
        }
    }
}
