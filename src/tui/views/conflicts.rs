//! Every conflict as one table row: severity, entity, field, owner seat and
//! the values in dispute, or what was kept when it was settled.

use super::decision::{owner_seat, versus_short};
use super::table::{self, Col};
use crate::tui::action::View;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};

/// The columns for `width`: entity names get the larger share of a narrow
/// screen, and on a wide one stop at 30 so the values (or what was kept)
/// get the rest.
fn cols(width: u16) -> [Col; 5] {
    let (entity, values) = if width >= 100 {
        (Constraint::Length(30), Constraint::Fill(1))
    } else {
        (Constraint::Fill(4), Constraint::Fill(3))
    };
    [
        Col::left("SEV", Constraint::Length(6)),
        Col::left("ENTITY", entity),
        Col::left("FIELD", Constraint::Length(11)),
        Col::left("OWNER", Constraint::Length(16)),
        Col::left("VALUES", values),
    ]
}

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let [_, title, head, body] = table::sections(area, 0);
    table::title(
        frame,
        title,
        " CONFLICTS",
        &table::position(app.list()),
        theme,
    );
    let cols = cols(area.width);
    let widths = table::draw_heading(frame, head, &cols, theme);
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
            // A settled conflict says what was kept; one whose values moved
            // since says so before the values.
            let values = match &c.decision {
                Some(d) if d.changed => (
                    format!(
                        "{} changed since decided: {}",
                        theme.glyphs.changed,
                        versus_short(c)
                    ),
                    theme.warning,
                ),
                Some(d) => (
                    format!("{} settled: {} ({})", theme.glyphs.ok, d.value, d.keep),
                    theme.good,
                ),
                None => (versus_short(c), theme.text),
            };
            // How long it has been open, from the history.
            let values = match super::history::age(app, c) {
                Some((age, _)) => (format!("{age} {} {}", theme.glyphs.dot, values.0), values.1),
                None => values,
            };
            let cells = vec![
                (theme.severity_badge(c.severity), theme.severity(c.severity)),
                (c.entity_name.clone(), theme.bold),
                (c.field.clone(), theme.text),
                (owner, if owned { theme.text } else { theme.warning }),
                values,
            ];
            vec![table::row(cells, &cols, &widths, theme)]
        },
    );
}
