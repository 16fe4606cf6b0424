//! What frames every screen below the header: the tabs, the filter prompt
//! and the footer, which holds a question, a message, or the keys that
//! act on the screen as it is, as bound now.

use super::prose::fit_spans;
use crate::tui::action::{Action, View};
use crate::tui::app::{App, Msg, Overlay};
use crate::tui::cells::{Align, cell, fit, fit_start, width};
use crate::tui::data::Screen;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The views, the current one highlighted, each with the key that shows it
/// and how many it lists (Conflicts counts the open ones, as the header);
/// only the Conflicts count when the others do not all fit. When even
/// those do not, the tabs before the current one give way, behind an
/// ellipsis, so the view shown is always named.
pub fn tabs(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let room = area.width as usize;
    let (mut spans, mut current) = tab_spans(app, true);
    if total_width(&spans) > room {
        (spans, current) = tab_spans(app, false);
    }
    if let Some(current) = current {
        // spans[0] is the line's margin; the ellipsis takes its place once
        // a tab before the current one gives way.
        let ellipsis = theme.glyphs.ellipsis;
        let fits = |first: usize| {
            let lead = if first == 1 {
                total_width(&spans[..1])
            } else {
                width(ellipsis)
            };
            lead + total_width(&spans[first..=current]) <= room
        };
        let mut first = 1;
        while first < current && !fits(first) {
            first += 1;
        }
        if first > 1 {
            spans.splice(0..first, [Span::styled(ellipsis, theme.tab)]);
        }
    }
    let line = fit_spans(spans, room, theme);
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}

fn total_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// The tab line's spans, a margin first, and the position of the current
/// view's.
fn tab_spans(app: &App, counts: bool) -> (Vec<Span<'static>>, Option<usize>) {
    let theme = &app.theme;
    let data = &app.data;
    let mut spans = vec![Span::raw(" ")];
    let mut current = None;
    // The History tab shows once there is a history to show.
    let shown = View::ALL
        .into_iter()
        .filter(|&v| v != View::History || data.has_history());
    for view in shown {
        let key = app
            .key_label(Action::ShowView(view))
            .filter(|k| width(k) <= 2);
        let count = match view {
            View::Briefing => None,
            // The open conflicts, as the header counts them, stay when the
            // other counts give way.
            View::Conflicts => Some(data.counts.open()),
            _ if !counts => None,
            v => Some(data.len(Screen::View(v))),
        };
        let mut label = String::from(" ");
        if let Some(key) = key {
            label.push_str(&key);
            label.push(' ');
        }
        label.push_str(view.title());
        if let Some(n) = count {
            label.push_str(&format!(" {n}"));
        }
        label.push(' ');
        let style = if view == app.view() {
            current = Some(spans.len());
            theme.tab_active
        } else {
            theme.tab
        };
        // Each label is padded on both sides, which keeps tabs apart
        // without a separator: six tabs fit in 80 columns.
        spans.push(Span::styled(label, style));
    }
    (spans, current)
}

/// `/ text` with the match count, and the cursor when typing.
pub fn prompt(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let list = app.list();
    let w = area.width as usize;
    let count = match list.rows() {
        0 => "no match".to_string(),
        1 => "1 match".to_string(),
        n => format!("{n} matches"),
    };
    let text_room = w.saturating_sub(3 + width(&count) + 2);
    // While typing, show the end of a long filter: that is where the
    // cursor is.
    let shown = fit_start(list.filter(), text_room, theme.glyphs.ellipsis);
    let cursor_x = area.x + 2 + width(&shown) as u16;
    let line = Line::from(vec![
        Span::styled(" /", theme.prompt),
        Span::raw(cell(&shown, text_room + 1, Align::Left, "")),
        Span::styled(
            cell(&count, w.saturating_sub(text_room + 3), Align::Right, ""),
            theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if app.filtering() && cursor_x < area.right() {
        frame.set_cursor_position(Position::new(cursor_x, area.y));
    }
}

/// The question `d` asked, the message, or the keys that act here.
pub fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let w = area.width as usize;
    let line = if let Some(pending) = app.pending() {
        let yes = app.key_label(Action::Confirm).unwrap_or_default();
        let question = format!(" {} ", pending.question);
        let answer = format!("{yes}/n");
        let room = w.saturating_sub(width(&answer));
        Line::from(vec![
            Span::styled(
                fit(&question, room, theme.glyphs.ellipsis).into_owned(),
                theme.prompt,
            ),
            Span::styled(answer, theme.key),
        ])
    } else if let Some(status) = app.status() {
        let style = if status.error {
            theme.error
        } else {
            theme.good
        };
        let more = app
            .key_label(Action::Message)
            .map(|k| format!("  {k} more"));
        let (text, cut) = fit_msg(&status.msg, w.saturating_sub(1), theme);
        let mut spans = vec![Span::styled(format!(" {text}"), style)];
        if cut && let Some(more) = more {
            let room = w.saturating_sub(1 + width(&more));
            let (text, _) = fit_msg(&status.msg, room, theme);
            spans = vec![
                Span::styled(format!(" {text}"), style),
                Span::styled(more, theme.key),
            ];
        }
        Line::from(spans)
    } else {
        Line::from(fit_spans(hints(app, w), w, theme))
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// `msg` in at most `room` columns, and whether it had to be cut. A path
/// in it gives way first, from the left, down to its last part or so;
/// then the end of the message.
pub fn fit_msg(msg: &Msg, room: usize, theme: &Theme) -> (String, bool) {
    let ellipsis = theme.glyphs.ellipsis;
    let text = &msg.text;
    if width(text) <= room {
        return (text.clone(), false);
    }
    let shortened = match &msg.path {
        Some(range) if text.get(range.clone()).is_some() => {
            let (before, path, after) = (
                &text[..range.start],
                &text[range.clone()],
                &text[range.end..],
            );
            let rest = width(before) + width(after);
            let file = path.rsplit('/').next().unwrap_or(path);
            let path_room = room
                .saturating_sub(rest)
                .max((width(file) + width(ellipsis) + 1).min(width(path)));
            format!("{before}{}{after}", fit_start(path, path_room, ellipsis))
        }
        _ => text.clone(),
    };
    (
        fit(&shortened, room, ellipsis).into_owned(),
        width(&shortened) > room,
    )
}

fn hints(app: &App, room: usize) -> Vec<Span<'static>> {
    let theme = &app.theme;
    let ascii = theme.glyphs.ascii;
    let map = &app.keymap;
    // (priority, keys, what): the lowest priorities go first when the
    // footer is too narrow for all of them.
    let mut wanted: Vec<(u8, String, &str)> = Vec::new();
    let key = |action: Action| map.keys(action).first().map(|k| k.label(ascii));
    match app.overlay() {
        Some(overlay) => {
            if app.overlay_max_scroll() > 0 {
                wanted.push((2, pair(map, Action::Up, Action::Down, ascii), "scroll"));
            }
            let close = match overlay {
                Overlay::Help(_) => key(Action::Help),
                Overlay::Message(_) => key(Action::Back),
            };
            wanted.extend(close.map(|k| (3, k, "close")));
        }
        None if app.filtering() => {
            wanted.push((3, "Enter".into(), "keep filter"));
            wanted.push((3, "Esc".into(), "clear"));
            if app.acts(Action::Down) {
                wanted.push((2, pair(map, Action::Up, Action::Down, ascii), "move"));
            }
        }
        None => {
            let detail = !matches!(app.screen(), Screen::View(_));
            if app.acts(Action::Down) {
                wanted.push((2, pair(map, Action::Up, Action::Down, ascii), "move"));
            }
            for (priority, action, what) in [
                (2, Action::Open, "open"),
                (3, Action::Back, "back"),
                (3, Action::Decide, "decide"),
                (3, Action::Undo, "undo"),
                (1, Action::NextView, "view"),
                (2, Action::Filter, "filter"),
                (if detail { 2 } else { 1 }, Action::Edit, "edit"),
                (0, Action::Reload, "reload"),
                (4, Action::Help, "help"),
                (4, Action::Quit, "quit"),
            ] {
                if app.acts(action)
                    && let Some(k) = key(action)
                {
                    wanted.push((priority, k, what));
                }
            }
        }
    }
    wanted.retain(|(_, keys, _)| !keys.is_empty());
    let cost = |w: &[(u8, String, &str)]| -> usize {
        1 + w
            .iter()
            .map(|(_, k, what)| width(k) + 1 + width(what) + 2)
            .sum::<usize>()
    };
    while cost(&wanted) > room + 2 {
        let Some(lowest) = wanted
            .iter()
            .enumerate()
            .min_by_key(|(i, (p, _, _))| (*p, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
        else {
            break;
        };
        wanted.remove(lowest);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (key, what)) in wanted.into_iter().map(|(_, k, w)| (k, w)).enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.dim));
    }
    spans
}

/// `↑↓` or `k/j`: the first key of two actions, as one hint.
fn pair(map: &Keymap, a: Action, b: Action, ascii: bool) -> String {
    match (map.keys(a).first(), map.keys(b).first()) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.label(ascii), y.label(ascii));
            if width(&x) == 1 && width(&y) == 1 {
                format!("{x}{y}")
            } else {
                format!("{x}/{y}")
            }
        }
        (Some(k), None) | (None, Some(k)) => k.label(ascii),
        (None, None) => String::new(),
    }
}

/// Below the minimum size: say so, in as much of the message as fits.
pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme, min: (u16, u16)) {
    let w = area.width as usize;
    let lines: Vec<Line> = ["Terminal too small".to_string(), {
        let x = if theme.glyphs.ascii { "x" } else { "×" };
        format!(
            "{}{x}{}, need {}{x}{}",
            area.width, area.height, min.0, min.1
        )
    }]
    .iter()
    .take(area.height as usize)
    .map(|t| {
        Line::from(Span::styled(
            fit(t, w, theme.glyphs.ellipsis).into_owned(),
            theme.bold,
        ))
    })
    .collect();
    let y = area.y + area.height.saturating_sub(lines.len() as u16) / 2;
    let rect = Rect::new(area.x, y, area.width, (lines.len() as u16).min(area.height));
    frame.render_widget(
        Paragraph::new(lines).alignment(ratatui::layout::Alignment::Center),
        rect,
    );
}
