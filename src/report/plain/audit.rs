//! The audit in plain text: the overdue-escalation banner, escalations,
//! alerts, stale seats, gaps, the score breakdown and reading problems.

use super::doc::{Doc, short_time};
use crate::briefing::{Briefing, EscalationStatus, EscalationView};
use crate::diag::Diagnostic;
use crate::words::count;

/// Open overdue escalations go right under the summary: "open for 17 days"
/// must be impossible to miss.
pub fn attention(doc: &mut Doc, b: &Briefing) {
    let overdue: Vec<&EscalationView> = b.escalations.iter().filter(|e| e.overdue).collect();
    if overdue.is_empty() {
        return;
    }
    doc.blank();
    for e in overdue {
        doc.para(0, 4, &format!("!!! {}", escalation_line(e)));
    }
}

/// `once`, `18 times`.
pub(crate) fn times(n: u32) -> String {
    if n == 1 {
        "once".to_string()
    } else {
        format!("{n} times")
    }
}

pub(crate) fn escalation_line(e: &EscalationView) -> String {
    let age = e
        .age_days
        .map(|d| format!("open {}", count(d, "day")))
        .unwrap_or_else(|| "open".into());
    let overdue = e
        .overdue_days
        .map(|d| format!(", {} overdue", count(d, "day")))
        .unwrap_or_default();
    let seat = match (&e.seat, &e.seat_owner) {
        (Some(s), Some(p)) => format!("{s} ({p})"),
        (Some(s), None) => format!("{s} (no owner)"),
        (None, _) => "an unassigned file".to_string(),
    };
    let target = e.escalate_to.as_deref().unwrap_or("nobody");
    let about = e
        .about_name
        .as_deref()
        .map(|a| format!(" about {a}"))
        .unwrap_or_default();
    let never = if e.executed { "" } else { ", never executed" };
    format!(
        "Escalation \"{}\"{about} {age}{overdue}: raised by {seat} to {target}{never}",
        e.name
    )
}

pub fn escalations(doc: &mut Doc, b: &Briefing) {
    let open: Vec<&EscalationView> = b
        .escalations
        .iter()
        .filter(|e| e.status == EscalationStatus::Open)
        .collect();
    if open.is_empty() {
        return;
    }
    doc.heading("Open escalations");
    for e in open {
        let mark = if e.overdue { "OVERDUE" } else { "open" };
        doc.para(0, 4, &format!("- [{mark}] {}", escalation_line(e)));
        let mut facts = Vec::new();
        if let Some(r) = e.raised {
            facts.push(format!("raised {r}"));
        }
        if let Some(sla) = &e.sla {
            facts.push(format!("SLA {sla}"));
        }
        if let Some(d) = e.deadline {
            facts.push(format!("due {d}"));
        }
        // A streak longer than its reports was carried by the history.
        if e.reports > 1 || e.streak_days > 1 {
            facts.push(format!(
                "reported {}, {} running",
                times(e.reports),
                count(i64::from(e.streak_days), "day")
            ));
        }
        facts.push(format!("{}:{}", e.file, e.line));
        doc.para(4, 6, &facts.join(&format!(" {} ", doc.glyphs.dot)));
        if let Some(message) = &e.message {
            doc.para(4, 6, &format!("Last report: {message}"));
        }
    }
}

pub fn alerts(doc: &mut Doc, b: &Briefing) {
    if b.alerts.is_empty() {
        return;
    }
    doc.heading("Alerts");
    for a in &b.alerts {
        let owner = match (&a.owner, &a.owner_person) {
            (Some(s), Some(p)) => format!("{s} ({p}) owns {}", a.numerator.field),
            (Some(s), None) => format!("{s} owns {}", a.numerator.field),
            (None, _) => format!("no single seat owns {}", a.numerator.field),
        };
        doc.para(
            0,
            4,
            &format!(
                "- {}: {} at {}% of {} (over {}%); {owner}",
                a.name, a.entity_name, a.pct, a.denominator.field, a.over_pct
            ),
        );
        doc.para(
            4,
            6,
            &format!(
                "{} {} from {} ({}:{}) {} {} {} from {} ({}:{})",
                a.numerator.field,
                a.numerator.value,
                a.numerator.seat.as_deref().unwrap_or("an unassigned file"),
                a.numerator.file,
                a.numerator.line,
                doc.glyphs.dot,
                a.denominator.field,
                a.denominator.value,
                a.denominator
                    .seat
                    .as_deref()
                    .unwrap_or("an unassigned file"),
                a.denominator.file,
                a.denominator.line
            ),
        );
    }
}

pub fn stale_seats(doc: &mut Doc, b: &Briefing) {
    let stale: Vec<_> = b.seats.iter().filter(|s| s.stale).collect();
    if stale.is_empty() {
        return;
    }
    doc.heading("Stale seats");
    for seat in stale {
        let who = seat.owner.as_deref().unwrap_or("no owner");
        let last = match (&seat.as_of, seat.files) {
            (_, 0) => "no state files at all".to_string(),
            (Some(t), _) => format!("last update {}", short_time(t)),
            (None, _) => "no update time".to_string(),
        };
        let cadence = seat
            .cadence
            .as_deref()
            .map(|c| format!(", expected every {c}"))
            .unwrap_or_default();
        doc.para(0, 4, &format!("- {} ({who}): {last}{cadence}", seat.name));
    }
}

pub fn gaps(doc: &mut Doc, b: &Briefing) {
    if b.gaps.is_empty() {
        return;
    }
    doc.heading("Gaps");
    for gap in &b.gaps {
        let line = gap
            .config_line
            .map(|l| format!(" (briefing.toml:{l})"))
            .unwrap_or_default();
        doc.para(0, 4, &format!("- {}: {}{line}", gap.kind, gap.detail));
    }
}

pub fn score(doc: &mut Doc, b: &Briefing) {
    doc.heading(&format!("Score {}/100", b.score.total));
    for part in &b.score.parts {
        doc.para(
            0,
            4,
            &format!(
                "- {} {:.1}/{}: {}",
                part.name, part.points, part.weight, part.measured
            ),
        );
        for item in &part.items {
            doc.para(4, 6, &format!("{} {item}", doc.glyphs.dot));
        }
    }
}

pub fn reading_problems(doc: &mut Doc, diagnostics: &[Diagnostic]) {
    if diagnostics.is_empty() {
        return;
    }
    doc.heading("Reading problems");
    for d in diagnostics {
        doc.para(
            0,
            4,
            &format!("- {}: {}: {}", d.place(), d.severity, d.message),
        );
    }
}
