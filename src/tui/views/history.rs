//! The history: the History view (one row per recorded briefing day), a
//! day's changes against the day before it, the trend beside the score,
//! and how long a conflict has been open, for its row.

use super::prose::wrapped;
use super::table::{self, Col};
use crate::briefing::Conflict;
use crate::briefing::history::Changes;
use crate::report::plain::history::{short_day, signed};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};

/// The day and its score first; the gaps and the change give way first on
/// a narrow screen (the day's own screen has them).
const COLS: [Col; 6] = [
    Col::fixed("DAY", 16, 9),
    Col::fixed("SCORE", 5, 8).right(),
    Col::fixed("CHANGE", 6, 4),
    Col::fixed("CONFLICTS", 9, 7).right(),
    Col::fixed("OVERDUE", 7, 6).right(),
    Col::fixed("GAPS", 5, 5).right(),
];

/// The bar of a day's score in 7-bit text: a digit for each eighth.
const ASCII_BARS: bar::Set<'static> = bar::Set {
    full: "8",
    seven_eighths: "7",
    three_quarters: "6",
    five_eighths: "5",
    half: "4",
    three_eighths: "3",
    one_quarter: "2",
    one_eighth: "1",
    empty: "0",
};

/// `new` for a conflict first seen today, else how many mornings it has
/// been open; nothing without a history.
pub fn age(app: &App, c: &Conflict) -> Option<(String, Style)> {
    let b = &app.data.briefing;
    let (since, mornings) = b.history.as_ref()?.age(&c.entity, &c.field)?;
    Some(if since >= b.today {
        ("new".to_string(), app.theme.warning)
    } else {
        (format!("{mornings} mornings"), app.theme.dim)
    })
}

/// The score's trend, oldest first and today last, as a sparkline of at
/// most `width` days in `area`.
pub fn trend(frame: &mut Frame, area: Rect, app: &App) {
    let Some(h) = &app.data.briefing.history else {
        return;
    };
    let shown = &h.score_series[h.score_series.len().saturating_sub(area.width as usize)..];
    let scores: Vec<u64> = shown.iter().map(|&(_, s)| u64::from(s)).collect();
    let mut line = Sparkline::default()
        .data(&scores)
        .max(100)
        .style(app.theme.dim);
    if app.theme.glyphs.ascii {
        line = line.bar_set(ASCII_BARS);
    }
    frame.render_widget(line, area);
}

/// The header's change since the previous day: ` +1`.
pub fn change(app: &App) -> Option<(String, Style)> {
    let h = app.data.briefing.history.as_ref()?;
    let n = h.score_change();
    let style = match n {
        n if n > 0 => app.theme.good,
        n if n < 0 => app.theme.warning,
        _ => app.theme.dim,
    };
    Some((signed(n, app.theme.glyphs.ascii), style))
}

/// `since Mon 23 Nov: 2 new, 1 resolved`, for the header's second line.
pub fn since(app: &App) -> Option<String> {
    let b = &app.data.briefing;
    let h = b.history.as_ref()?;
    let mut what = Vec::new();
    if !h.new.is_empty() {
        what.push(format!("{} new", h.new.len()));
    }
    if !h.resolved.is_empty() {
        what.push(format!("{} resolved", h.resolved.len()));
    }
    if !h.changed.is_empty() {
        what.push(format!("{} changed", h.changed.len()));
    }
    let what = if what.is_empty() {
        "no change".to_string()
    } else {
        what.join(", ")
    };
    Some(format!("since {}: {what}", short_day(h.previous, b.today)))
}

/// The History view: a row per recorded day, newest first.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    table::columns(
        frame,
        area,
        app.list(),
        " HISTORY: ENTER SHOWS WHAT CHANGED THAT DAY",
        &COLS,
        theme,
        "No briefing day recorded yet.",
        |item| {
            let day = data.days.get(item)?;
            let change = data
                .days
                .get(item + 1)
                .map(|before| i64::from(day.score) - i64::from(before.score));
            let conflicts = if day.high > 0 {
                format!("{} ({}{})", day.conflicts, day.high, theme.glyphs.high)
            } else {
                day.conflicts.to_string()
            };
            Some(vec![
                (day.date.format("%a %-d %b %Y").to_string(), theme.bold),
                (day.score.to_string(), theme.score(day.score)),
                (
                    change.map_or_else(String::new, |n| signed(n, theme.glyphs.ascii)),
                    theme.dim,
                ),
                (conflicts, theme.text),
                (
                    day.overdue.to_string(),
                    if day.overdue > 0 {
                        theme.alarm
                    } else {
                        theme.text
                    },
                ),
                (day.gaps.to_string(), theme.text),
            ])
        },
    );
}

/// A day's changes against the latest day recorded before it.
pub fn render_day(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let (Some(day), Some(loaded)) = (data.days.get(index), app.day()) else {
        return;
    };
    if loaded.date != day.date {
        return;
    }
    let w = (area.width as usize).saturating_sub(2);
    let today = data.briefing.today;
    let mut lines = vec![Line::from(vec![
        Span::styled(day.date.format("%A %-d %B %Y").to_string(), theme.title),
        Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim),
        Span::styled(format!("Score {}/100", day.score), theme.score(day.score)),
    ])];
    match &loaded.against {
        None => {
            lines.push(Line::default());
            lines.extend(wrapped(
                "The first day recorded: nothing earlier to compare it with.",
                w,
                theme.dim,
            ));
        }
        Some((before, changes)) => {
            lines.push(Line::from(Span::styled(
                format!("Since {}", short_day(*before, today)),
                theme.bold,
            )));
            lines.push(Line::default());
            lines.extend(change_lines(changes, w, theme));
        }
    }
    let room = area.height as usize;
    if lines.len() > room && room > 0 {
        let hidden = lines.len() - (room - 1);
        lines.truncate(room - 1);
        lines.push(Line::from(Span::styled(
            format!(
                "{} {hidden} more lines: `briefing --plain` lists them all",
                theme.glyphs.ellipsis
            ),
            theme.dim,
        )));
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One line (wrapped) per change, grouped by kind.
fn change_lines(c: &Changes, w: usize, theme: &Theme) -> Vec<Line<'static>> {
    if c.is_empty() {
        return wrapped("Nothing changed.", w, theme.dim);
    }
    let mut out = Vec::new();
    let mut push = |mark: &str, text: String, style: Style| {
        out.extend(wrapped(&format!("{mark} {text}"), w, style));
    };
    let g = &theme.glyphs;
    for r in &c.conflicts_new {
        push(
            g.high,
            format!(
                "new conflict: {} {} {} ({})",
                r.entity_name, g.dot, r.field, r.severity
            ),
            theme.warning,
        );
    }
    for r in &c.conflicts_resolved {
        let how = if r.how == "settled" {
            "settled by a decision"
        } else {
            "the sources agree"
        };
        push(
            g.ok,
            format!(
                "resolved: {} {} {}: {how}",
                r.conflict.entity_name, g.dot, r.conflict.field
            ),
            theme.good,
        );
    }
    for v in &c.values_changed {
        let seat = v.seat.as_deref().unwrap_or("an unassigned file");
        let change = match (&v.from, &v.to) {
            (Some(from), Some(to)) => format!("{from} to {to}"),
            (None, Some(to)) => format!("now {to}"),
            (Some(from), None) => format!("no longer writes it (was {from})"),
            (None, None) => continue,
        };
        push(
            g.changed,
            format!(
                "{seat} changed {} {} {}: {change}",
                v.conflict.entity_name, g.dot, v.conflict.field
            ),
            theme.text,
        );
    }
    for e in &c.escalations_opened {
        push(
            g.alarm,
            format!("escalation opened: {}", e.name),
            theme.warning,
        );
    }
    for e in &c.escalations_closed {
        push(g.ok, format!("escalation closed: {}", e.name), theme.good);
    }
    for gap in &c.gaps_new {
        push(
            g.warning,
            format!("new gap: {} {}", gap.kind, gap.subject),
            theme.warning,
        );
    }
    for gap in &c.gaps_fixed {
        push(
            g.ok,
            format!("gap fixed: {} {}", gap.kind, gap.subject),
            theme.good,
        );
    }
    out
}
