//! Every conflict as one table row: severity, entity, field, owner seat and
//! the values in dispute.

use super::decision::{owner_seat, versus_short};
use super::table::{self, Col};
use crate::tui::action::View;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

const COLS: [Col; 5] = [
    Col::left("SEV", Constraint::Length(6)),
    Col::left("ENTITY", Constraint::Fill(4)),
    Col::left("FIELD", Constraint::Length(11)),
    Col::left("OWNER", Constraint::Length(16)),
    Col::left("VALUES", Constraint::Fill(3)),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let [title, head, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    table::title(
        frame,
        title,
        " CONFLICTS",
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
        "No conflicts: every source agrees.",
        |item, _| {
            let Some(c) = data.listed_conflict(View::Conflicts, item) else {
                return Vec::new();
            };
            let (owner, owned) = owner_seat(c);
            let cells = vec![
                (theme.severity_badge(c.severity), theme.severity(c.severity)),
                (c.entity_name.clone(), theme.bold),
                (c.field.clone(), theme.text),
                (owner, if owned { theme.text } else { theme.warning }),
                (versus_short(c), theme.text),
            ];
            vec![table::row(cells, &COLS, &widths, theme)]
        },
    );
}
