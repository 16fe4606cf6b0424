//! Every entity the sources talk about: kind, name, parent, and how many
//! mentions from which seats were merged into it.

use super::table::{self, Col};
use crate::tui::app::App;
use crate::tui::data::entity_seats;
use ratatui::Frame;
use ratatui::layout::Rect;

const COLS: [Col; 5] = [
    Col::fixed("KIND", 10, 7),
    Col::filling("NAME", 16, 3, 9),
    Col::filling("PARENT", 12, 2, 6),
    Col::fixed("MENTIONS", 8, 3).right(),
    Col::filling("SEATS", 12, 2, 4),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    table::columns(
        frame,
        area,
        app.list(),
        " ENTITIES",
        &COLS,
        theme,
        "No entities: no state file names a project, client, campaign…",
        |item| {
            let e = data.briefing.entities.get(item)?;
            Some(vec![
                (e.kind().to_string(), theme.dim),
                (e.name().to_string(), theme.bold),
                (data.parent_name(item), theme.text),
                (e.mentions().len().to_string(), theme.text),
                (entity_seats(e).join(", "), theme.dim),
            ])
        },
    );
}
