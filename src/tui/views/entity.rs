//! One entity: its identity and parent, its conflicts, and every mention
//! with where it is and why it was merged (`id:accelo_id`, `alias`,
//! `name`, `fuzzy 0.91`).

use super::entities::parent_name;
use super::prose::fit_spans;
use super::table::{self, Col};
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const COLS: [Col; 4] = [
    Col::left("SEAT", Constraint::Length(20)),
    Col::path("WHERE", Constraint::Fill(3)),
    Col::left("AS WRITTEN", Constraint::Fill(2)),
    Col::left("MERGED BY", Constraint::Fill(2)),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let Some(e) = data.briefing.entities.get(index) else {
        return;
    };
    let w = area.width as usize;
    let g = &theme.glyphs;
    let mut top = vec![Line::from(fit_spans(
        vec![
            Span::raw(" "),
            Span::styled(e.name().to_string(), theme.title),
            Span::styled(format!(" ({})", e.kind()), theme.dim),
            Span::styled(format!("  {}", e.id()), theme.dim),
        ],
        w,
        theme,
    ))];
    let mut facts = vec![Span::raw(" ")];
    if e.parent().is_some() {
        facts.push(Span::styled("Parent: ", theme.bold));
        facts.push(Span::raw(parent_name(data, e)));
        facts.push(Span::raw("   "));
    }
    let conflicts: Vec<_> = data
        .briefing
        .conflicts
        .iter()
        .filter(|c| c.entity == e.id())
        .collect();
    facts.push(Span::styled("Conflicts: ", theme.bold));
    if conflicts.is_empty() {
        facts.push(Span::styled(format!("{} none", g.ok), theme.good));
    }
    for (i, c) in conflicts.iter().enumerate() {
        if i > 0 {
            facts.push(Span::raw(", "));
        }
        facts.push(Span::styled(
            format!(
                "{} {}",
                theme.severity_badge(c.severity).trim_end(),
                c.field
            ),
            theme.severity(c.severity),
        ));
    }
    top.push(Line::from(fit_spans(facts, w, theme)));
    let [top_area, title, head, body] = table::sections(area, table::height(top.len()));
    frame.render_widget(Paragraph::new(top), top_area);
    table::title(
        frame,
        title,
        &format!(" MENTIONS {} {}", g.dot, e.mentions().len()),
        &table::position(app.list()),
        theme,
    );
    let widths = table::draw_heading(frame, head, &COLS, theme);
    table::draw_list(
        frame,
        body,
        app.list(),
        1,
        theme,
        "No mentions",
        |item, _| {
            let Some(m) = e.mentions().get(item) else {
                return Vec::new();
            };
            let why = match &m.via {
                Some(field) => format!("{} (via {field})", m.matched_by),
                None => m.matched_by.to_string(),
            };
            let cells = vec![
                (m.seat.unwrap_or("(unassigned)").to_string(), theme.bold),
                (format!("{}:{}", m.file, m.line), theme.text),
                (m.name.unwrap_or_default().to_string(), theme.text),
                (why, theme.dim),
            ];
            vec![table::row(cells, &COLS, &widths, theme)]
        },
    );
}
