//! `?`: every key, read from the keymap the app dispatches with, so the
//! list is always the bindings in force (defaults plus `[keys]`).

use super::prose::fit_spans;
use crate::tui::app::App;
use crate::tui::text::{Align, cell};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const KEY_COLUMN: usize = 22;

/// The help lines for `app`'s keymap, `width` columns wide.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let ascii = theme.glyphs.ascii;
    let key_w = KEY_COLUMN.min(width / 2);
    let mut out = Vec::new();
    let mut row = |keys: String, what: String| {
        let spans = vec![
            Span::styled(
                cell(&keys, key_w, Align::Left, theme.glyphs.ellipsis),
                theme.key,
            ),
            Span::raw(" "),
            Span::styled(what, theme.text),
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
        row(keys, action.description().to_string());
    }
    row("Ctrl-C".into(), "Quit, always".into());
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
    row("any text", "Narrow the list as you type (fuzzy, any case)");
    row("Enter", "Keep the filter and move in the list");
    row("Esc", "Clear the filter");
    out.push(Line::default());
    out.push(Line::from(fit_spans(
        vec![Span::styled(
            "Bindings come from keys.toml and [keys] in briefing.toml.".to_string(),
            theme.dim,
        )],
        width,
        theme,
    )));
    out
}

/// The help box over the middle of `area`, scrolled by `scroll` lines.
pub fn render(frame: &mut Frame, area: Rect, app: &App, scroll: usize) {
    let width = area.width.saturating_sub(4).min(72);
    let inner_w = width.saturating_sub(4) as usize;
    let content = lines(app, inner_w);
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
    app.set_help_max_scroll(max_scroll);
    let scroll = scroll.min(max_scroll);
    let theme = &app.theme;
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
        .title(Span::styled(" Keys ", theme.heading))
        .title_bottom(Line::from(Span::styled(more, theme.dim)).right_aligned())
        .border_style(theme.dim)
        .padding(ratatui::widgets::Padding::horizontal(1));
    let lines: Vec<Line> = content.into_iter().skip(scroll).take(visible).collect();
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
