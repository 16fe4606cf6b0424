//! Conflicts in plain text: the "Decide today" list, the full drill-down,
//! settled conflicts and shadow disagreements.

use super::doc::{Doc, short_time};
use crate::briefing::{Briefing, Conflict, ValueView};
use crate::normalize::fold_text;

pub fn decide_today(doc: &mut Doc, b: &Briefing, max: Option<usize>) {
    doc.heading("Decide today");
    let open: Vec<&Conflict> = b.conflicts.iter().filter(|c| c.open()).collect();
    if open.is_empty() {
        doc.para(
            0,
            0,
            "Nothing to decide: every source agrees or was settled.",
        );
        return;
    }
    let shown = max.map_or(open.len(), |max| max.min(open.len()));
    for (i, conflict) in open[..shown].iter().enumerate() {
        if i > 0 {
            doc.blank();
        }
        let age = super::history::age(b, conflict);
        conflict_block(doc, i + 1, conflict, false, age.as_deref());
    }
    if shown < open.len() {
        doc.blank();
        doc.para(0, 0, &more_conflicts(open.len() - shown));
    }
}

/// What stands for the conflicts `--max-conflicts` left out.
pub fn more_conflicts(n: usize) -> String {
    format!("{n} more: run `briefing conflicts`")
}

/// Conflicts a person settled whose values have not changed since.
pub fn settled(doc: &mut Doc, b: &Briefing) {
    let settled: Vec<&Conflict> = b.conflicts.iter().filter(|c| !c.open()).collect();
    if settled.is_empty() {
        return;
    }
    doc.heading("Settled");
    for c in settled {
        let Some(d) = &c.decision else { continue };
        let by =
            d.by.as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default();
        doc.para(
            0,
            4,
            &format!(
                "- {} ({}) {}: keep {}'s {}, decided{by} on {}",
                c.entity_name, c.kind, c.field, d.keep, d.value, d.at
            ),
        );
    }
}

/// One conflict, numbered; `age` says how long it has been open (from the
/// history), `detail` adds the failure path and the dissenters.
pub fn conflict_block(doc: &mut Doc, number: usize, c: &Conflict, detail: bool, age: Option<&str>) {
    let prefix = format!("{number}. ");
    let indent = prefix.len();
    doc.para(
        0,
        indent,
        &format!(
            "{prefix}[{}] {} ({}) {} {}",
            c.severity.as_str().to_uppercase(),
            c.entity_name,
            c.kind,
            doc.glyphs.dot,
            c.field
        ),
    );
    if let Some(age) = age {
        doc.para(indent, indent + 2, &format!("{age}."));
    }
    if let Some(d) = c.decision.as_ref().filter(|d| d.changed) {
        let by =
            d.by.as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default();
        doc.para(
            indent,
            indent + 2,
            &format!(
                "Changed since decided: on {}{by} it was settled as {}'s {}; a value has changed since.",
                d.at, d.keep, d.value
            ),
        );
    }
    doc.para(indent, indent + 2, &c.decide);
    for value in &c.values {
        value_lines(doc, indent, value, c);
    }
    for note in &c.notes {
        doc.para(indent, indent + 6, &format!("Note: {note}"));
    }
    if detail {
        doc.para(indent, indent + 2, &format!("Entity: {}", c.entity));
        if let Some(on_failure) = &c.on_failure {
            doc.para(
                indent,
                indent + 2,
                &format!("If the owner seat fails: {on_failure}"),
            );
        }
        if let Some(target) = &c.escalate_to {
            doc.para(indent, indent + 2, &format!("Escalate to: {target}"));
        }
        if !c.dissenters.is_empty() {
            doc.para(
                indent,
                indent + 2,
                &format!("Dissenting: {}", c.dissenters.join(", ")),
            );
        }
    }
}

fn value_lines(doc: &mut Doc, indent: usize, v: &ValueView, c: &Conflict) {
    let seat = v.seat.as_deref().unwrap_or("(unassigned file)");
    let (mark, role) = if v.authoritative {
        ('*', " (owner)")
    } else if v.shadow {
        ('~', " (shadow)")
    } else if c
        .claimants
        .iter()
        .any(|s| Some(s.as_str()) == v.seat.as_deref())
    {
        ('?', " (co-owner)")
    } else {
        ('-', "")
    };
    // A value read from a bullet of prose says so beside its seat.
    let role = match (role, v.prose) {
        (role, false) => role.to_string(),
        ("", true) => " (prose)".to_string(),
        (role, true) => format!("{}, prose)", role.trim_end_matches(')')),
    };
    doc.para(
        indent,
        indent + 4,
        &format!("{mark} {seat}{role}: {}", v.value),
    );
    let mut source = Vec::new();
    if fold_text(&v.raw) != fold_text(&v.value) {
        source.push(format!("\"{}\"", v.raw));
    }
    let column = v.column.map(|c| format!(":{c}")).unwrap_or_default();
    source.push(format!("{}:{}{column}", v.file, v.line));
    if let Some(as_of) = v.as_of {
        source.push(format!("as of {}", short_time(&as_of.to_string())));
    }
    let sep = format!(" {} ", doc.glyphs.dot);
    doc.para(indent + 4, indent + 6, &source.join(&sep));
    if let Some(note) = &v.note {
        doc.para(indent + 4, indent + 6, note);
    }
}

pub fn shadow(doc: &mut Doc, b: &Briefing) {
    if b.shadow_disagreements.is_empty() {
        return;
    }
    doc.heading("Shadow disagreements (shown, never trusted)");
    for c in &b.shadow_disagreements {
        let trusted: Vec<&str> = c
            .values
            .iter()
            .filter(|v| !v.shadow)
            .map(|v| &*v.value)
            .collect();
        let trusted = trusted.first().copied().unwrap_or("nothing");
        for v in c.values.iter().filter(|v| v.shadow) {
            doc.para(
                0,
                4,
                &format!(
                    "- {} ({}) {}: {} says {}, trusted sources say {trusted} ({}:{})",
                    c.entity_name,
                    c.kind,
                    c.field,
                    v.seat.as_deref().unwrap_or("?"),
                    v.value,
                    v.file,
                    v.line
                ),
            );
        }
    }
}
