//! The overdue-escalation banner at the top of the Briefing: an action a
//! seat raised that nobody executed. "Open for 17 days" must be impossible
//! to miss, so it comes before the decisions, as a full-width bar in the
//! alarm style with `!!!` and the word OVERDUE, which read the same with
//! or without colour.

use super::prose::wrapped;
use crate::briefing::EscalationView;
use crate::tui::app::App;
use crate::tui::cells::{Align, cell};
use ratatui::text::{Line, Span};

/// Continuation lines sit under the text after `!!! `.
const INDENT: usize = 5;

/// The banner for the overdue escalation `index`, `width` columns wide,
/// with the cursor on it when it is selected.
pub fn lines(app: &App, index: usize, width: usize, selected: bool) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut out = Vec::new();
    let Some(e) = app.data.briefing.escalations.get(index) else {
        return out;
    };
    let mark = if selected {
        cell(theme.glyphs.cursor, 1, Align::Left, "")
    } else {
        " ".to_string()
    };
    let bar = format!("{mark}!!! OVERDUE ESCALATION: {}", title(e));
    // Padded to the full width so the whole row is the alarm colour.
    out.push(Line::from(Span::styled(
        cell(&bar, width, Align::Left, theme.glyphs.ellipsis),
        theme.alarm,
    )));
    let room = width.saturating_sub(INDENT);
    for (text, style) in [
        (age(e, theme.glyphs.dot), theme.error),
        (who(e), theme.text),
    ] {
        for mut line in wrapped(&text, room, style) {
            line.spans.insert(0, Span::raw(" ".repeat(INDENT)));
            out.push(line);
        }
    }
    out
}

/// `"Flu Season Awareness overspend"`, with what it is about when the
/// name does not already say.
fn title(e: &EscalationView) -> String {
    match &e.about_name {
        Some(about) if !e.name.to_lowercase().contains(&about.to_lowercase()) => {
            format!("{} (about {about})", e.name)
        }
        _ => e.name.clone(),
    }
}

/// `Open 17 days, 15 days overdue · reported 18 times, 18 days running`:
/// the plain briefing's words.
fn age(e: &EscalationView, dot: &str) -> String {
    let mut parts = vec![match e.age_days {
        Some(d) => format!("Open {d} {}", days(d)),
        None => "Open".to_string(),
    }];
    if let Some(d) = e.overdue_days {
        parts.push(format!("{d} {} overdue", days(d)));
    }
    let mut text = parts.join(", ");
    // A streak longer than its reports was carried by the history.
    if e.reports > 1 || e.streak_days > 1 {
        text.push_str(&format!(
            " {dot} reported {}, {} {} running",
            crate::report::plain::audit::times(e.reports),
            e.streak_days,
            days(i64::from(e.streak_days))
        ));
    }
    text
}

/// `Raised by meta-ads-monitor (Keisha Grant) to ops-lead, never executed`.
fn who(e: &EscalationView) -> String {
    let seat = match (&e.seat, &e.seat_owner) {
        (Some(s), Some(p)) => format!("{s} ({p})"),
        (Some(s), None) => format!("{s} (no owner)"),
        (None, _) => "an unassigned file".to_string(),
    };
    let target = e.escalate_to.as_deref().unwrap_or("nobody");
    let never = if e.executed { "" } else { ", never executed" };
    format!("Raised by {seat} to {target}{never}")
}

fn days(n: i64) -> &'static str {
    if n == 1 { "day" } else { "days" }
}
