//! One entity: its identity and parent, its conflicts, and every mention
//! with where it is and why it was merged (`id:accelo_id`, `alias`,
//! `name`, `fuzzy 0.91`), with a line saying what those mean.

use super::prose::{fit_spans, labelled};
use super::table::{self, Col};
use crate::briefing::MentionView;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const COLS: [Col; 4] = [
    Col::fixed("SEAT", 18, 8).between(18, 20),
    Col::filling("WHERE", 18, 2, 9).path(),
    Col::filling("AS WRITTEN", 12, 1, 6),
    Col::filling("MERGED BY", 21, 1, 7),
];

/// Why a mention belongs to the entity, in the column's words.
fn merged_by(m: &MentionView) -> String {
    let reason = m.matched_by.to_string();
    match &m.via {
        Some(field) => format!("{reason}, via {field}"),
        None => reason,
    }
}

/// What the reasons in MERGED BY mean.
const LEGEND: &str = "first: where it starts · id: same id · alias: an [[alias]] \
    · name: same name · fuzzy: similar name · via F: from a record's F";

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
        facts.push(Span::raw(data.parent_name(index)));
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
    // What the reasons mean, where the list keeps room for most mentions.
    if area.height >= 16 {
        top.extend(
            labelled(
                "Merged by:",
                LEGEND,
                w.saturating_sub(1),
                theme.dim,
                theme.dim,
            )
            .into_iter()
            .take(2)
            .map(|mut l| {
                l.spans.insert(0, Span::raw(" "));
                l
            }),
        );
    }
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
            let why = merged_by(&m);
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
