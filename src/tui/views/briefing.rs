//! The opening screen. First any open overdue escalation, as an alarm;
//! then what to decide today (open conflicts, most severe first, each with
//! its owner and the owner's value against the dissent); then the other
//! things that need a look.

use super::decision::{owner_text, versus};
use super::prose::fit_spans;
use super::table::{self, Col};
use super::{alarm, also};
use crate::tui::action::View;
use crate::tui::app::App;
use crate::tui::text::{Align, cell};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let width = area.width as usize;
    // The alarm comes first and may take up to half the screen; a blank
    // line sets it off from the decisions.
    let mut banner = alarm::lines(app, width);
    let cap = (area.height / 2).max(3) as usize;
    if banner.len() > cap {
        banner.truncate(cap.saturating_sub(1));
        banner.push(Line::from(Span::styled(
            format!(
                "     {} more overdue: make the terminal taller",
                theme.glyphs.ellipsis
            ),
            theme.error,
        )));
    }
    let banner_height = match banner.len() {
        0 => 0,
        n => table::height(n + 1).min(area.height),
    };
    let [banner_area, area] =
        Layout::vertical([Constraint::Length(banner_height), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(banner), banner_area);

    let also = also::lines(app, width.saturating_sub(2));
    // The decisions come next; the rest gets what they leave, at most a
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
    decide_today(frame, top, app);
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
                format!(
                    "  {} {hidden} more: make the terminal taller",
                    theme.glyphs.ellipsis
                ),
                theme.dim,
            )));
        }
        frame.render_widget(Paragraph::new(lines), rest);
    }
}

/// The open conflicts, two lines each: what and who decides, then the
/// owner's value against the others.
fn decide_today(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let ellipsis = theme.glyphs.ellipsis;
    let [title_area, list_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    table::title(
        frame,
        title_area,
        " DECIDE TODAY",
        &table::position(app.list()),
        theme,
    );
    let empty = if data.counts.settled > 0 {
        "Nothing to decide: every source agrees or was settled."
    } else {
        "Nothing to decide: every source agrees."
    };
    table::draw_list(
        frame,
        list_area,
        app.list(),
        2,
        theme,
        empty,
        |item, width| {
            let Some(c) = data.listed_conflict(View::Briefing, item) else {
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
            // How long it has been open, from the history.
            if let Some((age, style)) = super::history::age(app, c) {
                second.push(Span::styled(age, style));
                second.push(Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim));
            }
            if c.decision.as_ref().is_some_and(|d| d.changed) {
                second.push(Span::styled(
                    format!("{} changed since decided ", theme.glyphs.changed),
                    theme.warning,
                ));
                second.push(Span::styled(format!("{} ", theme.glyphs.dot), theme.dim));
            }
            second.extend(versus(c, theme));
            let second = fit_spans(second, width as usize, theme);
            vec![first, Line::from(second)]
        },
    );
}
