//! `briefing explain QUERY`: why an entity's mentions were merged, and the
//! near misses that were not, so a person can add an alias.

use super::plain::PlainOptions;
use super::plain::doc::{Doc, plural};
use crate::briefing::{Briefing, EntityView};
use crate::reconcile::align::How;
use crate::store::{AlignmentView, StepView};

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
        let why = match (&m.matched_by[..], m.compared, m.alignment) {
            ("first", ..) => "first mention".to_string(),
            (_, Some((a, b)), Some(alignment)) => {
                format!("{}: \"{a}\" ~ \"{b}\" ({})", m.matched_by, steps(alignment))
            }
            (_, Some((a, b)), None) => format!("{}: \"{a}\" ~ \"{b}\"", m.matched_by),
            (reason, ..) => reason.to_string(),
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
        let alignment = n.alignment();
        let mut shown: Vec<StepView> = alignment.steps().collect();
        if n.b() == e.id() {
            // Shown from this entity's side.
            for step in &mut shown {
                std::mem::swap(&mut step.a, &mut step.b);
            }
        }
        let why = match n.blocked_by() {
            Some(reason) => format!("kept apart: {}", apart(reason, &shown)),
            None => format!(
                "words scored {:.2}, below match_threshold {threshold}",
                n.token_score()
            ),
        };
        doc.para(
            2,
            4,
            &format!(
                "- {other}: \"{mine}\" ~ \"{theirs}\" scored {:.2} (Jaro-Winkler {:.2}, Dice {:.2}); \
                 words: {}; {why}. If they are the same, add an [[alias]].",
                n.score(),
                n.jaro_winkler(),
                n.dice(),
                listed(&shown),
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

/// The `briefing-explain/1` document `explain --json` prints: the
/// best-matching entity (or null) with every mention and why it merged,
/// its near misses, and the other entities the query matched.
pub fn json(
    b: &Briefing,
    query: &str,
    entities: &[&EntityView],
    threshold: f64,
) -> serde_json::Value {
    use serde_json::json;
    let Some((e, others)) = entities.split_first() else {
        return json!({
            "schema": "briefing-explain/1",
            "query": query,
            "match_threshold": threshold,
            "entity": null,
            "near_misses": [],
            "also_matching": [],
        });
    };
    let near_misses: Vec<_> = b
        .near_misses
        .iter()
        .filter(|n| n.a() == e.id() || n.b() == e.id())
        .map(|n| {
            let (other, name, other_name) = if n.a() == e.id() {
                (n.b(), n.a_name(), n.b_name())
            } else {
                (n.a(), n.b_name(), n.a_name())
            };
            json!({
                "entity": other,
                "name": name,
                "other_name": other_name,
                "score": n.score(),
                "jaro_winkler": n.jaro_winkler(),
                "dice": n.dice(),
                "kept_apart_by": n.blocked_by(),
                "token_score": n.token_score(),
                "alignment": n.alignment(),
            })
        })
        .collect();
    let also: Vec<&str> = others.iter().map(|o| o.id()).collect();
    json!({
        "schema": "briefing-explain/1",
        "query": query,
        "match_threshold": threshold,
        "entity": e,
        "near_misses": near_misses,
        "also_matching": also,
    })
}

fn steps(alignment: AlignmentView<'_>) -> String {
    listed(&alignment.steps().collect::<Vec<_>>())
}

/// `initech ~ initec (typo, 1 edit), portal = portal, kamar (no partner)`.
fn listed(steps: &[StepView]) -> String {
    let shown: Vec<String> = steps
        .iter()
        .map(|s| {
            let (a, b) = (s.a.as_deref().unwrap_or(""), s.b.as_deref().unwrap_or(""));
            match s.how {
                How::Same => format!("{a} = {b}"),
                How::Joined => format!("{a} = {b} (run together)"),
                How::Typo(edits) => format!(
                    "{a} ~ {b} (typo, {})",
                    plural(usize::from(edits), "edit", "edits")
                ),
                How::Different => format!("{a} / {b} (two words of other names)"),
                How::Unpaired => format!("{a}{b} (no partner)"),
            }
        })
        .collect();
    shown.join(", ")
}

/// The rule that kept two names apart, naming the words it is about:
/// `"kamar" has no partner`.
fn apart(reason: &str, steps: &[StepView]) -> String {
    let words = |keep: fn(&StepView) -> bool| -> Vec<String> {
        steps
            .iter()
            .filter(|s| keep(s))
            .flat_map(|s| [s.a.as_deref(), s.b.as_deref()])
            .flatten()
            .map(|w| format!("\"{w}\""))
            .collect()
    };
    match reason {
        "unpaired word" => {
            let alone = words(|s| s.how == How::Unpaired);
            let two = words(|s| s.how == How::Different);
            let mut parts = Vec::new();
            if !alone.is_empty() {
                let verb = if alone.len() == 1 { "has" } else { "have" };
                parts.push(format!("{} {verb} no partner", and_list(&alone)));
            }
            if !two.is_empty() {
                parts.push(format!(
                    "{} are each words of other names, not a typo",
                    and_list(&two)
                ));
            }
            if parts.is_empty() {
                reason.to_string()
            } else {
                parts.join("; ")
            }
        }
        "different numbers" => {
            let numbers = words(|s| !s.how.agrees());
            format!("different numbers ({})", numbers.join(" / "))
        }
        "same file" => "two records in one file, which lists each thing once".to_string(),
        "ambiguous" => {
            "ambiguous: one is as close to another name that is a different thing".to_string()
        }
        "unlike another name" => {
            "another name one of them goes by could not be the other's".to_string()
        }
        other => other.to_string(),
    }
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
