//! `briefing check`: findings about `briefing.toml`, the gaps and the open
//! conflicts as one line each, greppable and quiet enough for cron.

use crate::briefing::Briefing;
use crate::diag::Severity;
use std::fmt::Write as _;

pub fn render(b: &Briefing, config_name: &str) -> String {
    let mut out = String::new();
    for f in &b.config_findings {
        let _ = writeln!(
            out,
            "{config_name}:{}: {}: {}",
            f.line, f.severity, f.message
        );
    }
    for gap in &b.gaps {
        let place = gap
            .config_line
            .map(|l| format!("{config_name}:{l}: "))
            .unwrap_or_default();
        let _ = writeln!(out, "{place}gap {}: {}", gap.kind, gap.detail);
    }
    for c in b.conflicts.iter().filter(|c| c.open()) {
        let owner = c.owner.as_deref().unwrap_or("no single owner");
        let _ = writeln!(
            out,
            "conflict {}: {} {} ({}, {} values)",
            c.severity.as_str(),
            c.entity,
            c.field,
            owner,
            c.values.len()
        );
    }
    for d in b
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
    {
        let _ = writeln!(out, "{}: {}: {}", d.place(), d.severity, d.message);
    }
    let _ = writeln!(out, "{}", summary(b));
    out
}

pub fn summary(b: &Briefing) -> String {
    format!(
        "score {}/100: {} open conflicts, {} gaps, {} warnings",
        b.score.total,
        b.conflicts.iter().filter(|c| c.open()).count(),
        b.gaps.len(),
        warnings(b)
    )
}

/// Configuration findings and reading problems that are worth acting on.
pub fn warnings(b: &Briefing) -> usize {
    b.config_findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .count()
        + b.diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count()
}
