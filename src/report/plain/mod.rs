//! `--plain`: text for pasting into an email or piping to `mail`. No
//! colour, wrapped to a width, 7-bit with `--ascii`, and the same bytes for
//! the same input and `--today`.

pub(crate) mod audit;
pub(crate) mod conflicts;
pub mod history;

pub use conflicts::more_conflicts;
pub(crate) mod doc;

use crate::briefing::{Briefing, Conflict, Severity};
use doc::{Doc, plural};

#[derive(Debug, Clone, Copy)]
pub struct PlainOptions {
    pub width: usize,
    pub ascii: bool,
    /// Show at most this many conflicts under "Decide today", then say how
    /// many more there are (`--max-conflicts`); all of them when `None`.
    pub max_conflicts: Option<usize>,
}

impl Default for PlainOptions {
    fn default() -> Self {
        Self {
            width: 72,
            ascii: false,
            max_conflicts: None,
        }
    }
}

/// The morning briefing, in the spec's order: summary, decide today,
/// overdue escalations, alerts, stale seats, gaps, reading problems.
pub fn render(briefing: &Briefing, options: &PlainOptions) -> String {
    let mut doc = Doc::new(options);
    header(&mut doc, briefing);
    audit::attention(&mut doc, briefing);
    history::since(&mut doc, briefing);
    conflicts::decide_today(&mut doc, briefing, options.max_conflicts);
    audit::escalations(&mut doc, briefing);
    audit::alerts(&mut doc, briefing);
    audit::stale_seats(&mut doc, briefing);
    audit::gaps(&mut doc, briefing);
    conflicts::settled(&mut doc, briefing);
    conflicts::shadow(&mut doc, briefing);
    audit::score(&mut doc, briefing);
    audit::reading_problems(&mut doc, &briefing.diagnostics);
    doc.finish()
}

/// `briefing conflicts [QUERY]`: the matching conflicts in full.
pub fn render_conflicts(
    briefing: &Briefing,
    conflicts: &[&Conflict],
    query: Option<&str>,
    options: &PlainOptions,
) -> String {
    let mut doc = Doc::new(options);
    let title = match query {
        Some(q) => format!(
            "{}: conflicts matching \"{q}\", {}",
            briefing.org,
            long_date(briefing)
        ),
        None => format!("{}: every conflict, {}", briefing.org, long_date(briefing)),
    };
    doc.para(0, 0, &title);
    if conflicts.is_empty() {
        doc.blank();
        doc.para(0, 0, "No conflict matches.");
    }
    for (i, conflict) in conflicts.iter().enumerate() {
        doc.blank();
        let age = history::age(briefing, conflict);
        conflicts::conflict_block(&mut doc, i + 1, conflict, true, age.as_deref());
    }
    doc.finish()
}

/// `briefing history`: the recorded days from `from` to `today`.
pub fn render_history(
    org: &str,
    today: chrono::NaiveDate,
    from: chrono::NaiveDate,
    days: &[crate::briefing::history::Day],
    database: Option<&str>,
    options: &PlainOptions,
) -> String {
    let mut doc = Doc::new(options);
    history::table(&mut doc, org, today, from, days, database);
    doc.finish()
}

/// The one-line summary: score, open conflicts, overdue escalations and
/// alerts, joined by `dot` (`·`, or `-` in 7-bit text).
pub fn summary_line(b: &Briefing, dot: &str) -> String {
    summary_with(b, dot, format!("Score {}/100", b.score.total))
}

/// The summary line with `score` for its first part.
fn summary_with(b: &Briefing, dot: &str, score: String) -> String {
    let open: Vec<&Conflict> = b.conflicts.iter().filter(|c| c.open()).collect();
    let high = open.iter().filter(|c| c.severity == Severity::High).count();
    let overdue = b.escalations.iter().filter(|e| e.overdue).count();
    let summary = [
        score,
        format!(
            "{} ({high} high)",
            plural(open.len(), "conflict", "conflicts")
        ),
        plural(overdue, "overdue escalation", "overdue escalations"),
        plural(b.alerts.len(), "alert", "alerts"),
    ];
    summary.join(&format!(" {dot} "))
}

pub(crate) fn long_date(briefing: &Briefing) -> String {
    briefing.today.format("%A %-d %B %Y").to_string()
}

fn header(doc: &mut Doc, b: &Briefing) {
    let org = if b.org.is_empty() {
        "Morning briefing".to_string()
    } else {
        format!("{}: morning briefing", b.org)
    };
    doc.para(0, 0, &format!("{org}, {}", long_date(b)));
    // With history the score says how it moved, and its trend.
    let summary = match &b.history {
        Some(h) => summary_with(
            b,
            doc.glyphs.dot,
            history::score(h, b.today, b.score.total, doc.ascii()),
        ),
        None => summary_line(b, doc.glyphs.dot),
    };
    doc.para(0, 0, &summary);
    doc.para(0, 0, &files_line(b));
}

/// What was read: `25 files read from 14 seats (…): 160 mentions of 87
/// entities.`
pub fn files_line(b: &Briefing) -> String {
    let active = b.seats.iter().filter(|s| s.files > 0).count();
    let unreadable = b.files.iter().filter(|f| !f.readable).count();
    format!(
        "{} read from {active} {} ({} unreadable, {} skipped): {} of {}.",
        plural(b.stats.files_read, "file", "files"),
        if active == 1 { "seat" } else { "seats" },
        unreadable,
        b.stats.files_skipped,
        plural(b.stats.mentions, "mention", "mentions"),
        plural(b.stats.entities, "entity", "entities"),
    )
}
