//! Every seat: its accountable human, how much it wrote and when, and what
//! is wrong with it (stale, shadow, no owner, no failure path).

use super::table::{self, Col};
use crate::briefing::SeatSummary;
use crate::tui::app::App;
use crate::tui::cells::{parse_time, short_time};
use crate::tui::theme::Theme;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// The status has room for every problem a seat can have but one; the
/// file count and the cadence give way first (the seat's screen has
/// both).
const COLS: [Col; 6] = [
    Col::fixed("SEAT", 20, 9),
    Col::fixed("OWNER", 14, 7),
    Col::fixed("FILES", 5, 2).right(),
    Col::fixed("LAST UPDATE", 12, 6),
    Col::fixed("EVERY", 5, 3),
    Col::filling("STATUS", 25, 1, 8),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let b = &app.data.briefing;
    table::columns(
        frame,
        area,
        app.list(),
        " SEATS",
        &COLS,
        theme,
        "No seats: briefing.toml declares no [[seat]]",
        |item| {
            let seat = b.seats.get(item)?;
            let (owner, owner_style) = match &seat.owner {
                Some(o) => (o.clone(), theme.text),
                None => ("(nobody)".to_string(), theme.warning),
            };
            let (status, status_style) = status(seat, b.today, theme);
            Some(vec![
                (seat.name.clone(), theme.bold),
                (owner, owner_style),
                (seat.files.to_string(), theme.text),
                (
                    seat.as_of.as_deref().map(short_time).unwrap_or_default(),
                    theme.text,
                ),
                (seat.cadence.clone().unwrap_or_default(), theme.dim),
                (status, status_style),
            ])
        },
    );
}

/// What is wrong with a seat, worst first, or `✓ ok`.
pub fn status(seat: &SeatSummary, today: NaiveDate, theme: &Theme) -> (String, Style) {
    let g = &theme.glyphs;
    let mut problems = Vec::new();
    let mut style = theme.good;
    if seat.stale {
        let since = seat
            .as_of
            .as_deref()
            .and_then(parse_time)
            .map(|t| format!(" {}d", (today - t.date()).num_days()))
            .unwrap_or_default();
        problems.push(format!("{} stale{since}", g.stale));
        style = theme.warning;
    }
    if seat.owner.is_none() {
        problems.push("no owner".to_string());
        style = theme.warning;
    }
    if seat.on_failure.is_none() {
        problems.push("no failure path".to_string());
        style = theme.warning;
    }
    if seat.shadow {
        problems.push(format!("{} shadow", g.shadow));
        if style == theme.good {
            style = theme.shadow;
        }
    }
    if problems.is_empty() {
        (format!("{} ok", g.ok), style)
    } else {
        (problems.join(", "), style)
    }
}
