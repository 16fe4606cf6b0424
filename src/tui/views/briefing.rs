//! The opening screen. First any open overdue escalation, as an alarm
//! that stays put above the rest; under it one list that scrolls: what to
//! decide today (open conflicts, most severe first, each with its owner
//! and the owner's value against the dissent), then "Also today",
//! everything else that needs a look. The alarm is the list's first item:
//! every row, the alarm's too, can be selected and opened. The title of
//! the section at the top stays in view as the list scrolls.

use super::decision::{owner_text, versus};
use super::prose::fit_spans;
use super::table::{self, Item};
use super::{alarm, also};
use crate::tui::app::App;
use crate::tui::cells::{Align, cell};
use crate::tui::data::BriefItem;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Lines a decision takes: what and who, then the values.
const DECISION_LINES: u16 = 2;

/// The list's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Decide,
    Also,
}

fn section(item: Option<BriefItem>) -> Option<Section> {
    match item? {
        BriefItem::Alarm(_) => None,
        BriefItem::Decide(_) => Some(Section::Decide),
        BriefItem::Note(_) => Some(Section::Also),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let list = app.list();
    let width = area.width as usize;
    // The alarm rows lead the list whatever a filter ranks: they are
    // drawn here, the rest scroll below.
    let alarm_rows = if list.filter().is_empty() {
        data.alarms.len()
    } else {
        0
    };
    // The alarm leaves the list its title and one decision; a blank line
    // sets it off when there is room for one.
    let mut banner: Vec<Line> = Vec::new();
    for row in 0..alarm_rows {
        let selected = list.selected_row() == row;
        banner.extend(alarm::lines(app, data.alarms[row], width, selected));
    }
    let cap = (area.height / 2)
        .max(1)
        .min(area.height.saturating_sub(2 + DECISION_LINES)) as usize;
    if banner.len() > cap {
        banner.truncate(cap);
        if let Some(last) = banner.last_mut() {
            let mut spans = std::mem::take(&mut last.spans);
            spans.push(Span::raw(format!(" {}", theme.glyphs.ellipsis)));
            last.spans = fit_spans(spans, width, theme);
        }
    }
    let spare = area.height.saturating_sub(table::height(banner.len()));
    let blank = u16::from(!banner.is_empty() && spare > 2 + 2 * DECISION_LINES);
    let banner_height = table::height(banner.len()).saturating_add(blank);
    let [banner_area, title_area, list_area] = Layout::vertical([
        Constraint::Length(banner_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(banner), banner_area);

    let decisions = data.decide.len();
    let notes = data.notes.len();
    let first_decision = data.first_decision();
    let selected = list.selected_item();
    // `3 of 5` on the section the selection is in, the count on the other.
    let position = |which: Section| {
        let (start, count) = match which {
            Section::Decide => (first_decision, decisions),
            Section::Also => (first_decision + decisions, notes),
        };
        match selected {
            Some(s) if list.filter().is_empty() && (start..start + count).contains(&s) => {
                format!("{} of {count}", s - start + 1)
            }
            _ if list.filter().is_empty() => count.to_string(),
            _ => String::new(),
        }
    };
    let full = list_area.width as usize;
    let item_of = |row: usize| list.item(row).and_then(|i| data.brief_item(i));
    let nothing_to_decide = decisions == 0 && list.filter().is_empty();
    let first = table::draw_items_from(
        frame,
        list_area,
        list,
        alarm_rows,
        theme,
        "",
        |row, item, w| {
            let here = data.brief_item(item);
            // A section's title goes above its first row, unless that row
            // is the list's first: the title line above the list says it.
            let starts = row > alarm_rows && section(item_of(row - 1)) != section(here);
            let mut head = Vec::new();
            if starts {
                head.push(Line::default());
                let (name, which) = match section(here) {
                    Some(Section::Decide) => (" DECIDE TODAY", Section::Decide),
                    _ => (" ALSO TODAY", Section::Also),
                };
                head.push(table::title_line(name, &position(which), full, theme));
            } else if row == alarm_rows && nothing_to_decide {
                head.push(Line::from(Span::styled(
                    format!("  {}", nothing(app)),
                    theme.dim,
                )));
                head.push(Line::default());
                head.push(table::title_line(
                    " ALSO TODAY",
                    &position(Section::Also),
                    full,
                    theme,
                ));
            }
            let body = match here {
                Some(BriefItem::Decide(c)) => decision(app, c, w),
                Some(BriefItem::Note(n)) => also::lines(app, n, w as usize),
                Some(BriefItem::Alarm(e)) => {
                    also::lines(app, crate::tui::data::Note::Escalation(e), w as usize)
                }
                None => Vec::new(),
            };
            Item { head, body }
        },
    );
    // The title of the section the top row is in.
    let top = section(item_of(first));
    let title = match top {
        _ if nothing_to_decide || list.rows() == alarm_rows => {
            table::title_line(" DECIDE TODAY", "", width, theme)
        }
        Some(Section::Also) => {
            table::title_line(" ALSO TODAY", &position(Section::Also), width, theme)
        }
        _ => table::title_line(" DECIDE TODAY", &position(Section::Decide), width, theme),
    };
    frame.render_widget(Paragraph::new(title), title_area);
    if list.rows() == alarm_rows {
        let text = if list.filter().is_empty() {
            nothing(app).to_string()
        } else {
            format!("Nothing matches \"{}\"", list.filter())
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(
                    "  {}",
                    crate::tui::cells::fit(&text, width.saturating_sub(2), theme.glyphs.ellipsis)
                ),
                theme.dim,
            )),
            list_area,
        );
    }
}

fn nothing(app: &App) -> &'static str {
    if app.data.counts.settled > 0 {
        "Nothing to decide: every source agrees or was settled."
    } else {
        "Nothing to decide: every source agrees."
    }
}

/// An open conflict in two lines: what and who decides, then the owner's
/// value against the others.
fn decision(app: &App, index: usize, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let ellipsis = theme.glyphs.ellipsis;
    let Some(c) = app.data.briefing.conflicts.get(index) else {
        return Vec::new();
    };
    let width = width as usize;
    let (owner, owned) = owner_text(c);
    // The owner keeps up to two fifths of the row, the entity the rest.
    let badge = theme.severity_badge(c.severity);
    let owner_w = crate::tui::cells::width(&owner).min(width * 2 / 5).max(8);
    let what_w = width.saturating_sub(crate::tui::cells::width(&badge) + owner_w + 2);
    let what = format!("{} {} {}", c.entity_name, theme.glyphs.dot, c.field);
    let first = Line::from(vec![
        Span::styled(badge, theme.severity(c.severity)),
        Span::raw(" "),
        Span::styled(cell(&what, what_w, Align::Left, ellipsis), theme.bold),
        Span::raw(" "),
        Span::styled(
            cell(&owner, owner_w, Align::Right, ellipsis),
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
    let second = fit_spans(second, width, theme);
    vec![first, Line::from(second)]
}
