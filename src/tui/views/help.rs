//! The boxes over the screen: `?`, every key, read from the keymap the
//! app dispatches with, so the list is always the bindings in force
//! (defaults plus `[keys]`), those that do nothing on the screen under it
//! dimmed; and `m`, the last message in full.

use super::prose::{fit_spans, wrapped};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::cells::{Align, cell};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::symbols::border;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const KEY_COLUMN: usize = 22;

/// Box corners and sides in 7 bits, for `--ascii`.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The help lines for `app`'s keymap, `width` columns wide.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let ascii = theme.glyphs.ascii;
    let key_w = KEY_COLUMN.min(width / 2);
    let mut out = Vec::new();
    let mut row = |keys: String, what: String, here: bool| {
        let (key_style, text_style) = if here {
            (theme.key, theme.text)
        } else {
            (theme.dim, theme.dim)
        };
        let spans = vec![
            Span::styled(
                cell(&keys, key_w, Align::Left, theme.glyphs.ellipsis),
                key_style,
            ),
            Span::raw(" "),
            Span::styled(what, text_style),
        ];
        out.push(Line::from(fit_spans(spans, width, theme)));
    };
    for (action, keys) in app.keymap.bindings() {
        let keys = if keys.is_empty() {
            "(unbound)".to_string()
        } else {
            keys.iter()
                .map(|k| k.label(ascii))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let here = app.acts(Action::from(action));
        row(keys, action.description().to_string(), here);
    }
    row("Ctrl-C".into(), "Quit, always".into(), true);
    out.push(Line::default());
    out.push(Line::from(Span::styled("While filtering", theme.heading)));
    let mut row = |keys: &str, what: &str| {
        out.push(Line::from(fit_spans(
            vec![
                Span::styled(
                    cell(keys, key_w, Align::Left, theme.glyphs.ellipsis),
                    theme.key,
                ),
                Span::raw(" "),
                Span::styled(what.to_string(), theme.text),
            ],
            width,
            theme,
        )));
    };
    row("any text", "Narrow the list as you type, any case");
    row("Enter", "Keep the filter and move in the list");
    row("Esc", "Clear the filter, keeping the selected row");
    out.push(Line::default());
    for text in [
        "Keys dimmed here do nothing on this screen.",
        "Bindings come from keys.toml and [keys] in briefing.toml.",
    ] {
        out.push(Line::from(fit_spans(
            vec![Span::styled(text.to_string(), theme.dim)],
            width,
            theme,
        )));
    }
    out
}

/// The help box over the middle of `area`, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let inner_w = area.width.saturating_sub(4).min(72).saturating_sub(4) as usize;
    let content = lines(app, inner_w);
    draw_box(frame, area, app, " Keys ", content, scroll, 72);
}

/// The last message in full, wrapped, over the middle of `area`.
pub fn message(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let theme = &app.theme;
    let Some(status) = app.last_message() else {
        return;
    };
    let inner_w = area.width.saturating_sub(4).min(72).saturating_sub(4) as usize;
    let style = if status.error {
        theme.error
    } else {
        theme.text
    };
    let content = wrapped(status.text(), inner_w, style);
    let title = if status.error {
        " Problem "
    } else {
        " Message "
    };
    draw_box(frame, area, app, title, content, scroll, 72);
}

/// A bordered box of `content` at most `max_width` wide, centred in
/// `area`, scrolled by `scroll` lines, with where it is scrolled to.
fn draw_box(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    content: Vec<Line<'static>>,
    scroll: usize,
    max_width: u16,
) {
    let theme = &app.theme;
    let width = area.width.saturating_sub(4).min(max_width);
    let height = (content.len() as u16 + 2).min(area.height.saturating_sub(2));
    if width < 10 || height < 3 {
        return;
    }
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    let visible = (height - 2) as usize;
    let max_scroll = content.len().saturating_sub(visible);
    app.set_overlay_max_scroll(max_scroll);
    let scroll = scroll.min(max_scroll);
    let more = if max_scroll > 0 {
        format!(
            " {}/{} ",
            scroll + visible.min(content.len()),
            content.len()
        )
    } else {
        String::new()
    };
    let block = Block::bordered()
        .border_set(border_set(theme))
        .title(Span::styled(title.to_string(), theme.heading))
        .title_bottom(Line::from(Span::styled(more, theme.dim)).right_aligned())
        .border_style(theme.dim)
        .padding(ratatui::widgets::Padding::horizontal(1));
    let lines: Vec<Line> = content.into_iter().skip(scroll).take(visible).collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

fn border_set(theme: &Theme) -> border::Set<'static> {
    if theme.glyphs.ascii {
        ASCII_BORDER
    } else {
        border::PLAIN
    }
}
