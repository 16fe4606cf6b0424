//! One gap in full: its kind and subject, the whole sentence the audit
//! wrote about it, and the briefing.toml line to change, which `e` opens.

use super::prose::{fit_spans, labelled, wrapped};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::cells::humane_times;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let Some(gap) = data.briefing.gaps.get(index) else {
        return;
    };
    let w = (area.width as usize).saturating_sub(1);
    let label = theme.bold;
    let mut lines = vec![
        Line::from(fit_spans(
            vec![
                Span::styled(gap.kind.to_string(), theme.warning.patch(theme.title)),
                Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim),
                Span::styled(gap.subject.clone(), theme.title),
            ],
            w,
            theme,
        )),
        Line::default(),
    ];
    lines.extend(wrapped(&humane_times(&gap.detail), w, theme.text));
    lines.push(Line::default());
    let edit = app
        .keymap
        .keys(Action::Edit)
        .first()
        .map(|k| k.label(theme.glyphs.ascii));
    let change = match (gap.config_line, data.gap_source(index)) {
        (Some(line), _) => Some(format!("{}:{line}", data.config_name())),
        (None, Some(_)) => Some(gap.subject.clone()),
        (None, None) => None,
    };
    match change {
        Some(place) => {
            let how = edit
                .map(|k| format!(" (press {k} to open it there)"))
                .unwrap_or_default();
            lines.extend(labelled(
                "Where:",
                &format!("{place}{how}"),
                w,
                label,
                theme.text,
            ));
        }
        None => lines.extend(labelled(
            "Where:",
            "no one line of briefing.toml: the detail above says what to change",
            w,
            label,
            theme.dim,
        )),
    }
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
