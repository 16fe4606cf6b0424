//! "Also today" on the Briefing: one line for each thing worth a look
//! that is not a decision, most pressing first: alerts, the gaps, open
//! escalations not yet overdue, stale seats, unreadable and unclaimed
//! files, shadow disagreements, and last the conflicts already settled.

use super::prose::fit_spans;
use crate::diag::Severity as DiagSeverity;
use crate::tui::action::{Action, View};
use crate::tui::app::App;
use crate::tui::text::short_time;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::collections::BTreeMap;

pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let g = &theme.glyphs;
    let b = &app.data.briefing;
    let mut lines = Vec::new();
    let mut push = |glyph: &str, style: Style, text: String| {
        let spans = vec![
            Span::raw("  "),
            Span::styled(format!("{glyph} "), style),
            Span::styled(text, theme.text),
        ];
        lines.push(Line::from(fit_spans(spans, width + 2, theme)));
    };
    for a in &b.alerts {
        let owner = match &a.owner {
            Some(seat) => format!("{seat} owns {}", a.numerator.field),
            None => format!("no single seat owns {}", a.numerator.field),
        };
        push(
            g.warning,
            theme.warning,
            format!(
                "{}: {} {}% of {} (over {}%); {owner}",
                a.name, a.entity_name, a.pct, a.denominator.field, a.over_pct
            ),
        );
    }
    if !b.gaps.is_empty() {
        push(g.info, theme.warning, gaps_summary(app));
    }
    for e in b
        .escalations
        .iter()
        .filter(|e| e.status == "open" && !e.overdue)
    {
        let due = e.deadline.map(|d| format!(", due {d}")).unwrap_or_default();
        let seat = e.seat.as_deref().unwrap_or("an unassigned file");
        let target = e.escalate_to.as_deref().unwrap_or("nobody");
        push(
            g.stale,
            theme.text,
            format!(
                "Escalation \"{}\" open{due}: raised by {seat} to {target}",
                e.name
            ),
        );
    }
    for seat in b.seats.iter().filter(|s| s.stale) {
        let last = match (&seat.as_of, seat.files) {
            (_, 0) => "no state files".to_string(),
            (Some(t), _) => format!("last update {}", short_time(t)),
            (None, _) => "no update time".to_string(),
        };
        let every = seat
            .cadence
            .as_deref()
            .map(|c| format!(", expected every {c}"))
            .unwrap_or_default();
        let who = seat.owner.as_deref().unwrap_or("no owner");
        push(
            g.stale,
            theme.warning,
            format!("{} is stale ({who}): {last}{every}", seat.name),
        );
    }
    for d in b
        .diagnostics
        .iter()
        .filter(|d| d.severity == DiagSeverity::Error)
    {
        push(
            g.error,
            theme.error,
            format!("{}: {}", d.place(), d.message),
        );
    }
    for f in b.files.iter().filter(|f| f.seat.is_none()) {
        push(
            g.unassigned,
            theme.warning,
            format!("{}: no seat claims this file", f.path),
        );
    }
    for c in &b.shadow_disagreements {
        let trusted = c
            .values
            .iter()
            .find(|v| !v.shadow)
            .map_or("nothing", |v| &*v.value);
        for v in c.values.iter().filter(|v| v.shadow) {
            push(
                g.shadow,
                theme.shadow,
                format!(
                    "{} {} {}: shadow {} says {}, trusted {trusted}",
                    c.entity_name,
                    g.dot,
                    c.field,
                    v.seat.as_deref().unwrap_or("?"),
                    v.value
                ),
            );
        }
    }
    for c in b.conflicts.iter().filter(|c| !c.open()) {
        let Some(d) = &c.decision else { continue };
        let by =
            d.by.as_deref()
                .map(|p| format!(" by {p}"))
                .unwrap_or_default();
        push(
            g.ok,
            theme.good,
            format!(
                "Settled: {} {} {}: keep {}'s {}, decided{by} on {}",
                c.entity_name, g.dot, c.field, d.keep, d.value, d.at
            ),
        );
    }
    lines
}

/// `15 gaps in who owns what (6 Gaps): 4 double_owner, 3 dissent, …`:
/// how many of each kind, the commonest first.
fn gaps_summary(app: &App) -> String {
    let gaps = &app.data.briefing.gaps;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for gap in gaps {
        *kinds.entry(gap.kind).or_default() += 1;
    }
    let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
    kinds.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let key = app
        .keymap
        .keys(Action::ShowView(View::Gaps))
        .first()
        .map(|k| format!("{} ", k.label(app.theme.glyphs.ascii)))
        .unwrap_or_default();
    let n = gaps.len();
    format!(
        "{n} {} in who owns what ({key}Gaps): {}",
        if n == 1 { "gap" } else { "gaps" },
        kinds.join(", ")
    )
}
