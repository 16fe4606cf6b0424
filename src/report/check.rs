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

/// The `briefing-check/1` document `check --json` prints: the same findings
/// as the text, as fields. `fail_on` is what `--fail-on` named and `failed`
/// whether any of it was found (the exit code is then 1).
pub fn json(b: &Briefing, config_name: &str, fail_on: &[&str], failed: bool) -> serde_json::Value {
    use serde_json::json;
    let findings: Vec<_> = b
        .config_findings
        .iter()
        .map(|f| {
            json!({
                "file": config_name,
                "line": f.line,
                "severity": f.severity,
                "message": f.message,
            })
        })
        .collect();
    let gaps: Vec<_> = b
        .gaps
        .iter()
        .map(|g| {
            json!({
                "kind": g.kind,
                "subject": g.subject,
                "detail": g.detail,
                "line": g.config_line,
            })
        })
        .collect();
    let conflicts: Vec<_> = b
        .conflicts
        .iter()
        .filter(|c| c.open())
        .map(|c| {
            json!({
                "entity": c.entity,
                "field": c.field,
                "severity": c.severity,
                "owner": c.owner,
                "values": c.values.len(),
            })
        })
        .collect();
    let diagnostics: Vec<_> = b
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(|d| {
            json!({
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "severity": d.severity,
                "message": d.message,
            })
        })
        .collect();
    json!({
        "schema": "briefing-check/1",
        "config": config_name,
        "today": b.today.to_string(),
        "score": b.score.total,
        "findings": findings,
        "gaps": gaps,
        "conflicts": conflicts,
        "diagnostics": diagnostics,
        "summary": {
            "open_conflicts": conflicts.len(),
            "gaps": b.gaps.len(),
            "warnings": warnings(b),
        },
        "fail_on": fail_on,
        "failed": failed,
    })
}
