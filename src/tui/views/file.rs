//! One state file: its seat, format, as-of time and where that came from,
//! and every reading problem with its line and column.

use super::files::{diagnostic_line, file_status, short_format};
use super::prose::labelled;
use super::table;
use crate::tui::app::App;
use crate::tui::cells::{age, short_time};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let Some(row) = data.files.get(index) else {
        return;
    };
    let w = (area.width as usize).saturating_sub(1);
    let (state, state_style) = file_status(data, row, theme);
    let mut lines = vec![Line::from(vec![
        Span::raw(" "),
        Span::styled(
            crate::tui::cells::fit(&row.path, w.saturating_sub(16), theme.glyphs.ellipsis)
                .into_owned(),
            theme.title,
        ),
        Span::raw("  "),
        Span::styled(state, state_style),
    ])];
    let label = theme.bold;
    let mut add = |l: Vec<Line<'static>>| {
        lines.extend(l.into_iter().map(|mut line| {
            line.spans.insert(0, Span::raw(" "));
            line
        }));
    };
    if row.skipped {
        add(labelled(
            "Not read:",
            "no reader for its format. briefing reads JSON, YAML, TOML, Markdown, \
             CSV, TSV and JSON Lines; list it under ignore in briefing.toml if it \
             holds nothing to read",
            w,
            label,
            theme.text,
        ));
    }
    if let Some(f) = row.summary.map(|i| &data.briefing.files[i]) {
        match &f.seat {
            Some(seat) => add(labelled("Seat:", seat, w, label, theme.text)),
            None => add(labelled(
                "Seat:",
                "none: no [[seat]] files glob matches it and it names no seat",
                w,
                label,
                theme.warning,
            )),
        }
        add(labelled(
            "Format:",
            short_format(f.format),
            w,
            label,
            theme.text,
        ));
        let as_of = match &f.as_of {
            Some(t) => {
                let a = age(t, data.briefing.today)
                    .map(|a| format!(", {a}"))
                    .unwrap_or_default();
                let from = match f.as_of_source {
                    "field" => "from its updated_at",
                    "records" => "from its newest record",
                    "modified" => "from the file's modification time",
                    other => other,
                };
                format!("{} ({from}{a})", short_time(t))
            }
            None => "unknown".to_string(),
        };
        add(labelled("As of:", &as_of, w, label, theme.text));
        add(labelled(
            "Records:",
            &f.mentions.to_string(),
            w,
            label,
            theme.text,
        ));
    }
    lines.truncate((area.height / 2).max(1) as usize);
    let [top, title, body] = Layout::vertical([
        Constraint::Length(lines.len() as u16),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(lines), top);
    table::title(
        frame,
        title,
        &format!(
            " READING PROBLEMS {} {}",
            theme.glyphs.dot,
            row.diagnostics.len()
        ),
        &table::position(app.list()),
        theme,
    );
    table::draw_list(
        frame,
        body,
        app.list(),
        1,
        theme,
        if row.skipped {
            "None: the file was not read"
        } else {
            "None: the file was read without a problem"
        },
        |item, width| match data.diagnostic(index, item) {
            Some(d) => vec![diagnostic_line(d, false, width, theme)],
            None => Vec::new(),
        },
    );
}
