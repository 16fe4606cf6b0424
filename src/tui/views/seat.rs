//! One seat: its human, purpose, cadence, what it owns, its failure path
//! and escalation, and the files it wrote.

use super::files::file_row;
use super::prose::labelled;
use super::seats::status;
use super::table::{self, Col};
use crate::tui::app::App;
use crate::tui::cells::{age, short_time};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const COLS: [Col; 5] = [
    Col::filling("PATH", 30, 1, 9).path(),
    Col::fixed("FORMAT", 6, 3),
    Col::fixed("AS OF", 12, 6),
    Col::fixed("RECS", 4, 2).right(),
    Col::fixed("STATUS", 12, 8),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let b = &data.briefing;
    let Some(seat) = b.seats.get(index) else {
        return;
    };
    let w = (area.width as usize).saturating_sub(1);
    let (state, state_style) = status(seat, b.today, theme);
    let mut lines = vec![Line::from(vec![
        Span::raw(" "),
        Span::styled(seat.name.clone(), theme.title),
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
    match &seat.owner {
        Some(o) => add(labelled("Owner:", o, w, label, theme.text)),
        None => add(labelled(
            "Owner:",
            "nobody is accountable",
            w,
            label,
            theme.warning,
        )),
    }
    if let Some(p) = &seat.purpose {
        add(labelled("Purpose:", p, w, label, theme.text));
    }
    let updated = match &seat.as_of {
        Some(t) => {
            let a = age(t, b.today)
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            format!("{}{a}", short_time(t))
        }
        None => "never".to_string(),
    };
    let every = seat
        .cadence
        .as_deref()
        .map(|c| format!(", expected every {c}"))
        .unwrap_or_default();
    add(labelled(
        "Last update:",
        &format!("{updated}{every}"),
        w,
        label,
        theme.text,
    ));
    let owns = if seat.owns.is_empty() {
        "nothing".to_string()
    } else {
        seat.owns.join(", ")
    };
    add(labelled("Owns:", &owns, w, label, theme.text));
    match &seat.on_failure {
        Some(f) => add(labelled("If it fails:", f, w, label, theme.text)),
        None => add(labelled(
            "If it fails:",
            "nothing is written down (no on_failure)",
            w,
            label,
            theme.warning,
        )),
    }
    if let Some(e) = &seat.escalate_to {
        add(labelled("Escalate to:", e, w, label, theme.text));
    }
    // The facts take at most half the screen; the files list the rest.
    lines.truncate((area.height / 2).max(1) as usize);
    let [top, title, head, body] = table::sections(area, table::height(lines.len()));
    frame.render_widget(Paragraph::new(lines), top);
    table::title(
        frame,
        title,
        &format!(" FILES {} {}", theme.glyphs.dot, app.list().rows()),
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
        "This seat wrote no state files",
        |item, _| {
            let Some(row) = data.seat_file(index, item) else {
                return Vec::new();
            };
            vec![file_row(data, row, &COLS, &widths, theme, false)]
        },
    );
}
