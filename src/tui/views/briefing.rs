//! The opening screen: what to decide today, most severe first, each with
//! its owner and the owner's value against the dissent; then the other
//! things that need a look (stale seats, shadow disagreements, unclaimed
//! and unreadable files).

use super::decision::{owner_text, versus};
use super::prose::fit_spans;
use super::table::{self, Col};
use crate::diag::Severity as DiagSeverity;
use crate::tui::app::App;
use crate::tui::text::{Align, cell, short_time};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let also = also_today(app, area.width.saturating_sub(2) as usize);
    // The decisions come first; the rest gets what they leave, at most a
    // third of the screen while there are decisions to show.
    let decisions = table::height(app.list().rows())
        .saturating_mul(2)
        .saturating_add(1);
    let also_height = if also.is_empty() {
        0
    } else {
        let wanted = table::height(also.len()).saturating_add(2);
        let spare = area.height.saturating_sub(decisions);
        wanted.min(spare.max(area.height / 3))
    };
    let top_height = decisions
        .max(2)
        .min(area.height.saturating_sub(also_height));
    let [top, bottom, _] = Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(also_height),
        Constraint::Fill(1),
    ])
    .areas(area);
    let [title_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(top);
    table::title(
        frame,
        title_area,
        " DECIDE TODAY",
        &table::position(app.list()),
        theme,
    );
    let data = &app.data;
    let ellipsis = theme.glyphs.ellipsis;
    table::draw_list(
        frame,
        list_area,
        app.list(),
        2,
        theme,
        "Nothing to decide: every source agrees.",
        |item, width| {
            let Some(c) = data.ranked_conflict(item) else {
                return Vec::new();
            };
            let owner_width = (width * 2 / 5).clamp(12, 34);
            let cols = [
                Col::left("", Constraint::Length(6)),
                Col::left("", Constraint::Fill(1)),
                Col::right("", Constraint::Length(owner_width)),
            ];
            let w = table::widths(&cols, width);
            let (owner, owned) = owner_text(c);
            let what = format!("{} {} {}", c.entity_name, theme.glyphs.dot, c.field);
            let first = Line::from(vec![
                Span::styled(theme.severity_badge(c.severity), theme.severity(c.severity)),
                Span::raw(" "),
                Span::styled(cell(&what, w[1], Align::Left, ellipsis), theme.bold),
                Span::raw(" "),
                Span::styled(
                    cell(&owner, w[2], Align::Right, ellipsis),
                    if owned { theme.text } else { theme.warning },
                ),
            ]);
            let mut second = vec![Span::raw(" ".repeat(7))];
            second.extend(versus(c, theme));
            let second = fit_spans(second, width as usize, theme);
            vec![first, Line::from(second)]
        },
    );
    if !also.is_empty() && bottom.height > 1 {
        let [gap_title, rest] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(bottom);
        let title_row =
            Rect::new(gap_title.x, gap_title.y + 1, gap_title.width, 1).intersection(gap_title);
        table::title(frame, title_row, " ALSO TODAY", "", theme);
        let room = rest.height as usize;
        let mut lines: Vec<Line> = Vec::with_capacity(room);
        if also.len() <= room {
            lines.extend(also);
        } else if room > 0 {
            let hidden = also.len() - (room - 1);
            lines.extend(also.into_iter().take(room - 1));
            lines.push(Line::from(Span::styled(
                format!("   {ellipsis} {hidden} more in Seats and Files"),
                theme.dim,
            )));
        }
        frame.render_widget(Paragraph::new(lines), rest);
    }
}

/// One line per thing worth a look that is not a conflict.
fn also_today(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let g = &theme.glyphs;
    let b = &app.data.briefing;
    let mut lines = Vec::new();
    let mut push = |glyph: &str, style, text: String| {
        let spans = vec![
            Span::raw("  "),
            Span::styled(format!("{glyph} "), style),
            Span::styled(text, theme.text),
        ];
        lines.push(Line::from(fit_spans(spans, width + 2, theme)));
    };
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
    for c in &b.shadow_disagreements {
        let trusted = c
            .values
            .iter()
            .find(|v| !v.shadow)
            .map_or("nothing", |v| v.value.as_str());
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
    for f in b.files.iter().filter(|f| f.seat.is_none()) {
        push(
            g.unassigned,
            theme.warning,
            format!("{}: no seat claims this file", f.path),
        );
    }
    for d in b
        .diagnostics
        .iter()
        .filter(|d| d.severity == DiagSeverity::Error)
    {
        let mut place = d.file.clone();
        if let Some(line) = d.line {
            place.push_str(&format!(":{line}"));
            if let Some(column) = d.column {
                place.push_str(&format!(":{column}"));
            }
        }
        push(g.error, theme.error, format!("{place}: {}", d.message));
    }
    lines
}
