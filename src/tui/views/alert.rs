//! One alert: the ratio and its threshold, who owns the fact it measures,
//! and both sides of the ratio with the seat and the file each came from,
//! which `e` opens.

use super::prose::{fit_spans, labelled};
use super::table::{self, Col};
use crate::tui::app::App;
use crate::tui::data::Data;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const COLS: [Col; 4] = [
    Col::fixed("SIDE", 12, 8).between(8, 14),
    Col::fixed("VALUE", 14, 9).between(12, 16),
    Col::fixed("SEAT", 18, 6).between(12, 20),
    Col::filling("SOURCE", 16, 1, 7).path(),
];

pub fn render(frame: &mut Frame, area: Rect, app: &App, index: usize) {
    let theme = &app.theme;
    let data = &app.data;
    let Some(a) = data.briefing.alerts.get(index) else {
        return;
    };
    let w = (area.width as usize).saturating_sub(1);
    let g = &theme.glyphs;
    let mut lines = vec![Line::from(fit_spans(
        vec![
            Span::raw(" "),
            Span::styled(
                format!("{} {}", g.warning, a.name),
                theme.warning.patch(theme.title),
            ),
            Span::styled(format!(" {} ", g.dot), theme.dim),
            Span::styled(a.entity_name.clone(), theme.title),
        ],
        w + 1,
        theme,
    ))];
    let label = theme.bold;
    let mut add = |l: Vec<Line<'static>>| {
        lines.extend(l.into_iter().map(|mut line| {
            line.spans.insert(0, Span::raw(" "));
            line
        }));
    };
    add(labelled(
        "Ratio:",
        &format!(
            "{} is {}% of {}, over the alert's {}%",
            a.numerator.field, a.pct, a.denominator.field, a.over_pct
        ),
        w,
        label,
        theme.text,
    ));
    let owner = match (&a.owner, &a.owner_person) {
        (Some(seat), Some(person)) => format!("{seat} ({person}) owns {}", a.numerator.field),
        (Some(seat), None) => format!(
            "{seat} owns {}, with no accountable person",
            a.numerator.field
        ),
        (None, _) => format!("no single seat owns {}", a.numerator.field),
    };
    add(labelled("Owner:", &owner, w, label, theme.text));
    add(labelled(
        "Each side:",
        "the fact's authoritative value: its owner's, or without one the most recent",
        w,
        label,
        theme.dim,
    ));
    lines.truncate((area.height / 2).max(1) as usize);
    let [top, title, head, body] = table::sections(area, table::height(lines.len()));
    frame.render_widget(Paragraph::new(lines), top);
    table::title(
        frame,
        title,
        " THE RATIO",
        &table::position(app.list()),
        theme,
    );
    let widths = table::draw_heading(frame, head, &COLS, theme);
    table::draw_list(frame, body, app.list(), 1, theme, "", |item, _| {
        let Some(side) = Data::alert_side(a, item) else {
            return Vec::new();
        };
        let cells = vec![
            (side.field.clone(), theme.bold),
            (side.value.clone(), theme.text),
            (
                side.seat
                    .clone()
                    .unwrap_or_else(|| "(unassigned file)".into()),
                theme.text,
            ),
            (format!("{}:{}", side.file, side.line), theme.text),
        ];
        vec![table::row(cells, &COLS, &widths, theme)]
    });
}
