//! Every entity the sources talk about: kind, name, parent, and how many
//! mentions from which seats were merged into it.

use super::table::{self, Col};
use crate::briefing::EntityView;
use crate::tui::app::App;
use crate::tui::data::Data;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

const COLS: [Col; 5] = [
    Col::left("KIND", Constraint::Length(10)),
    Col::left("NAME", Constraint::Fill(3)),
    Col::left("PARENT", Constraint::Fill(2)),
    Col::right("MENTIONS", Constraint::Length(8)),
    Col::left("SEATS", Constraint::Fill(2)),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let [_, title, head, body] = table::sections(area, 0);
    table::title(
        frame,
        title,
        " ENTITIES",
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
        "No entities: no state file names a project, client, campaign…",
        |item, _| {
            let Some(e) = data.briefing.entities.get(item) else {
                return Vec::new();
            };
            let cells = vec![
                (e.kind().to_string(), theme.dim),
                (e.name().to_string(), theme.bold),
                (parent_name(data, e), theme.text),
                (e.mentions().len().to_string(), theme.text),
                (seats(e).join(", "), theme.dim),
            ];
            vec![table::row(cells, &COLS, &widths, theme)]
        },
    );
}

/// The parent's name when it is a known entity, else its id.
pub fn parent_name(data: &Data, e: &EntityView) -> String {
    match e.parent() {
        Some(id) => data
            .entity_with_id(id)
            .map(|p| data.briefing.entities[p].name().to_string())
            .unwrap_or_else(|| id.to_string()),
        None => String::new(),
    }
}

/// The seats that mention an entity, each once, in mention order.
pub fn seats(e: &EntityView) -> Vec<&str> {
    let mut seats: Vec<&str> = Vec::new();
    for m in e.mentions() {
        let seat = m.seat.unwrap_or("unassigned");
        if !seats.contains(&seat) {
            seats.push(seat);
        }
    }
    seats
}
