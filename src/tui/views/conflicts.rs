//! Every conflict, open and settled: severity, entity, field, the owner
//! seat (and its human where there is room), and the values in dispute or
//! what was kept. The values get a column when the screen is wide enough
//! for one; a row whose values do not fit it, and every row on a narrower
//! screen, has them on a line of their own, each with the seat giving it.

use super::decision::{owner_seat, owner_text, versus, versus_short};
use super::prose::fit_spans;
use super::table::{self, Col, Item};
use crate::briefing::Conflict;
use crate::tui::action::View;
use crate::tui::app::App;
use crate::tui::cells::width;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

const COLS: [Col; 5] = [
    Col::fixed("SEV", 6, 9),
    Col::filling("ENTITY", 22, 3, 8),
    Col::fixed("FIELD", 8, 7).between(8, 14),
    Col::fixed("OWNER", 15, 6).between(15, 27),
    Col::filling("VALUES", 30, 4, 1),
];

/// Where the values line starts: under the entity.
const INDENT: usize = 7;

pub fn render(frame: &mut Frame, area: ratatui::layout::Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let [_, title, head, body] = table::sections(area, 0);
    let c = data.counts;
    let what = if c.settled > 0 {
        format!(
            " CONFLICTS {} {} open, {} settled",
            theme.glyphs.dot,
            c.open(),
            c.settled
        )
    } else {
        format!(" CONFLICTS {} {} open", theme.glyphs.dot, c.open())
    };
    table::title(frame, title, &what, &table::position(app.list()), theme);
    let widths = table::draw_heading(frame, head, &COLS, theme);
    table::draw_items(
        frame,
        body,
        app.list(),
        theme,
        "No conflicts: every source agrees.",
        |_, item, w| {
            let Some(c) = data.listed_conflict(View::Conflicts, item) else {
                return Item::default();
            };
            let (owner, owned) = match widths[3] {
                Some(room) if width(&owner_text(c).0) <= room => owner_text(c),
                _ => owner_seat(c),
            };
            // How long it has been open, from the history.
            let age = super::history::age(app, c);
            let (short, style) = values(c, theme);
            let short = match &age {
                Some((age, _)) => format!("{age} {} {short}", theme.glyphs.dot),
                None => short,
            };
            let fits = widths[4].is_some_and(|room| width(&short) <= room);
            let cells = vec![
                (theme.severity_badge(c.severity), theme.severity(c.severity)),
                (c.entity_name.clone(), theme.bold),
                (c.field.clone(), theme.text),
                (owner, if owned { theme.text } else { theme.warning }),
                (if fits { short } else { String::new() }, style),
            ];
            let mut body = vec![table::row(cells, &COLS, &widths, theme)];
            if !fits {
                body.push(values_line(c, age, theme, w as usize));
            }
            Item::new(body)
        },
    );
}

/// The values of a row's cell: what was kept when settled, else the
/// values in dispute, the owner's first.
fn values(c: &Conflict, theme: &Theme) -> (String, Style) {
    match &c.decision {
        Some(d) if d.changed => (
            format!(
                "{} changed since decided: {}",
                theme.glyphs.changed,
                versus_short(c)
            ),
            theme.warning,
        ),
        Some(d) => (
            format!("{} settled: keep {}'s {}", theme.glyphs.ok, d.keep, d.value),
            theme.good,
        ),
        None => (versus_short(c), theme.text),
    }
}

/// The values on a line of their own, under the entity: each with the
/// seat that gives it, or what was kept and by whom.
fn values_line(
    c: &Conflict,
    age: Option<(String, Style)>,
    theme: &Theme,
    w: usize,
) -> Line<'static> {
    let mut spans = vec![Span::raw(" ".repeat(INDENT))];
    if let Some((age, style)) = age {
        spans.push(Span::styled(age, style));
        spans.push(Span::styled(format!(" {} ", theme.glyphs.dot), theme.dim));
    }
    match &c.decision {
        Some(d) if !d.changed => {
            let when = match &d.by {
                Some(by) => format!("{by}, {}", d.at),
                None => d.at.clone(),
            };
            spans.push(Span::styled(
                format!(
                    "{} settled: keep {}'s {} ({when})",
                    theme.glyphs.ok, d.keep, d.value
                ),
                theme.good,
            ));
        }
        decision => {
            if decision.is_some() {
                spans.push(Span::styled(
                    format!("{} changed since decided ", theme.glyphs.changed),
                    theme.warning,
                ));
                spans.push(Span::styled(format!("{} ", theme.glyphs.dot), theme.dim));
            }
            spans.extend(versus(c, theme));
        }
    }
    Line::from(fit_spans(spans, w, theme))
}
