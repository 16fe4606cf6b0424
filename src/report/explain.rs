//! `briefing explain QUERY`: why an entity's mentions were merged, and the
//! near misses that were not, so a person can add an alias.

use super::plain::PlainOptions;
use super::plain::doc::{Doc, plural};
use crate::briefing::{Briefing, EntityView};

pub fn render(
    b: &Briefing,
    entities: &[&EntityView],
    threshold: f64,
    options: &PlainOptions,
) -> String {
    let mut doc = Doc::new(options);
    let Some((e, others)) = entities.split_first() else {
        doc.para(0, 0, "No entity matches.");
        return doc.finish();
    };
    doc.para(0, 2, &format!("{} ({}): {}", e.name(), e.kind(), e.id()));
    if let Some(parent) = e.parent() {
        doc.para(2, 4, &format!("under {parent}"));
    }
    doc.para(
        2,
        4,
        &format!("{}:", plural(e.mentions().len(), "mention", "mentions")),
    );
    for m in e.mentions() {
        let seat = m.seat.unwrap_or("unassigned");
        let written = m
            .name
            .map(|n| format!("\"{n}\""))
            .unwrap_or_else(|| "(no name)".into());
        let via = m
            .via
            .map(|f| format!(", from its `{f}` field"))
            .unwrap_or_default();
        let why = match (&m.matched_by[..], m.compared) {
            ("first", _) => "first mention".to_string(),
            (_, Some((a, b))) => format!("{}: \"{a}\" ~ \"{b}\"", m.matched_by),
            (reason, None) => reason.to_string(),
        };
        doc.para(
            2,
            4,
            &format!("- {written} in {}:{} ({seat}{via}): {why}", m.file, m.line),
        );
    }
    let misses: Vec<_> = b
        .near_misses
        .iter()
        .filter(|n| n.a() == e.id() || n.b() == e.id())
        .collect();
    if !misses.is_empty() {
        doc.para(2, 4, "Near misses (not merged):");
    }
    for n in misses {
        let (other, mine, theirs) = if n.a() == e.id() {
            (n.b(), n.a_name(), n.b_name())
        } else {
            (n.a(), n.b_name(), n.a_name())
        };
        let why = match n.blocked_by() {
            Some(reason) => format!("kept apart: {reason}"),
            None => format!("below match_threshold {threshold}"),
        };
        doc.para(
            2,
            4,
            &format!(
                "- {other}: \"{mine}\" ~ \"{theirs}\" scored {:.2} (Jaro-Winkler {:.2}, Dice {:.2}); {why}. \
                 If they are the same, add an [[alias]].",
                n.score(),
                n.jaro_winkler(),
                n.dice()
            ),
        );
    }
    if !others.is_empty() {
        let ids: Vec<&str> = others.iter().map(|o| o.id()).collect();
        doc.blank();
        doc.para(0, 2, &format!("Also matching: {}", ids.join(", ")));
    }
    doc.finish()
}
