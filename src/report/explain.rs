//! `briefing explain QUERY`: why an entity's mentions were merged, and the
//! near misses that were not, so a person can add an alias.

use super::plain::PlainOptions;
use crate::briefing::{Briefing, EntityView};
use std::fmt::Write as _;

pub fn render(
    b: &Briefing,
    entities: &[&EntityView],
    threshold: f64,
    options: &PlainOptions,
) -> String {
    let mut out = String::new();
    let Some((e, others)) = entities.split_first() else {
        return "No entity matches.\n".to_string();
    };
    {
        let _ = writeln!(out, "{} ({}): {}", e.name, e.kind, e.id);
        if let Some(parent) = &e.parent {
            let _ = writeln!(out, "  under {parent}");
        }
        let n = e.mentions.len();
        let _ = writeln!(
            out,
            "  {n} {}:",
            if n == 1 { "mention" } else { "mentions" }
        );
        for m in &e.mentions {
            let seat = m.seat.as_deref().unwrap_or("unassigned");
            let written = m
                .name
                .as_deref()
                .map(|n| format!("\"{n}\""))
                .unwrap_or_else(|| "(no name)".into());
            let via = m
                .via
                .as_deref()
                .map(|f| format!(", from its `{f}` field"))
                .unwrap_or_default();
            let why = match (&m.matched_by[..], &m.compared) {
                ("first", _) => "first mention".to_string(),
                (_, Some((a, b))) => format!("{}: \"{a}\" ~ \"{b}\"", m.matched_by),
                (reason, None) => reason.to_string(),
            };
            let _ = writeln!(
                out,
                "  - {written} in {}:{} ({seat}{via}): {why}",
                m.file, m.line
            );
        }
        let misses: Vec<_> = b
            .near_misses
            .iter()
            .filter(|n| n.a == e.id || n.b == e.id)
            .collect();
        if !misses.is_empty() {
            let _ = writeln!(out, "  Near misses (not merged):");
        }
        for n in misses {
            let (other, mine, theirs) = if n.a == e.id {
                (&n.b, &n.a_name, &n.b_name)
            } else {
                (&n.a, &n.b_name, &n.a_name)
            };
            let why = match n.blocked_by {
                Some(reason) => format!("kept apart: {reason}"),
                None => format!("below match_threshold {threshold}"),
            };
            let _ = writeln!(
                out,
                "  - {other}: \"{mine}\" ~ \"{theirs}\" scored {:.2} (Jaro-Winkler {:.2}, Dice {:.2}); {why}. \
                 If they are the same, add an [[alias]].",
                n.score, n.jaro_winkler, n.dice
            );
        }
    }
    if !others.is_empty() {
        let ids: Vec<&str> = others.iter().map(|o| o.id.as_str()).collect();
        let _ = writeln!(out, "\nAlso matching: {}", ids.join(", "));
    }
    wrap(&out, options)
}

fn wrap(text: &str, options: &PlainOptions) -> String {
    let width = options.width.max(30);
    let mut out = String::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let rest = " ".repeat(
            indent
                + if line.trim_start().starts_with("- ") {
                    2
                } else {
                    0
                },
        );
        let opts = textwrap::Options::new(width)
            .subsequent_indent(&rest)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for wrapped in textwrap::wrap(line, opts) {
            out.push_str(wrapped.trim_end());
            out.push('\n');
        }
        if line.is_empty() {
            out.push('\n');
        }
    }
    out
}
