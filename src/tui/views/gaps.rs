//! The audit: the coordination score part by part (points of weight, what
//! was measured, what cost points), then every gap in who owns what, with
//! the briefing.toml line to change. The list of gaps is what `/` filters
//! and Enter opens.

use super::table::{self, Col};
use crate::briefing::ScorePart;
use crate::tui::app::App;
use crate::tui::cells::{Align, cell, fit, humane_times, width};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let data = &app.data;
    let b = &data.briefing;
    let mut score = score_lines(app, area.width as usize);
    // The breakdown takes at most three fifths of the screen, which at
    // 80x24 is all five parts with what cost each; the rest is the list.
    score.truncate((area.height as usize * 3 / 5).max(1));
    let [score_area, title, head, body] = table::sections(area, table::height(score.len()));
    frame.render_widget(Paragraph::new(score), score_area);
    table::title(
        frame,
        title,
        &format!(" GAPS {} {}", theme.glyphs.dot, b.gaps.len()),
        &table::position(app.list()),
        theme,
    );
    // The longest kind, seat_without_failure_path, where there is room.
    let kind_width = if area.width >= 110 { 25 } else { 18 };
    let cols = [
        Col::fixed("KIND", kind_width, 9),
        Col::filling("SUBJECT", 14, 2, 8),
        Col::filling("DETAIL", 16, 3, 5),
        Col::fixed("CHANGE", 17, 6).right(),
    ];
    let widths = table::draw_heading(frame, head, &cols, theme);
    let config = data.config_name();
    table::draw_list(
        frame,
        body,
        app.list(),
        1,
        theme,
        "No gaps: every fact has one owner, every seat a human and a failure path.",
        |item, _| {
            let Some(gap) = b.gaps.get(item) else {
                return Vec::new();
            };
            let place = gap
                .config_line
                .map(|l| format!("{config}:{l}"))
                .unwrap_or_default();
            let cells = vec![
                (gap.kind.to_string(), theme.warning),
                (gap.subject.clone(), theme.bold),
                (humane_times(&gap.detail).into_owned(), theme.text),
                (place, theme.dim),
            ];
            vec![table::row(cells, &cols, &widths, theme)]
        },
    );
}

/// ` SCORE 69/100`, then for each part `name points/weight measured` and,
/// under it, as many of the items that cost points as fit.
fn score_lines(app: &App, cols: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let score = &app.data.briefing.score;
    let mut lines = vec![Line::from(vec![
        Span::styled(" SCORE ", theme.heading),
        Span::styled(
            format!("{}/100", score.total),
            theme.score(score.total).patch(theme.heading),
        ),
    ])];
    let name_w = score.parts.iter().map(|p| width(p.name)).max().unwrap_or(0);
    let indent = 2 + name_w + 1 + 7 + 2;
    for part in &score.parts {
        let measured = fit(
            &humane_times(&part.measured),
            cols.saturating_sub(indent),
            theme.glyphs.ellipsis,
        )
        .into_owned();
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(cell(part.name, name_w, Align::Left, ""), theme.bold),
            Span::raw(" "),
            Span::styled(
                format!("{:>4.1}/{:<2}", part.points, part.weight),
                share_style(part, theme),
            ),
            Span::raw("  "),
            Span::styled(measured, theme.text),
        ]));
        if !part.items.is_empty() {
            let items = items_text(part, cols.saturating_sub(indent), theme);
            lines.push(Line::from(vec![
                Span::raw(" ".repeat(indent)),
                Span::styled(items, theme.dim),
            ]));
        }
    }
    lines
}

/// Full marks are good news; below half is bad.
fn share_style(part: &ScorePart, theme: &Theme) -> Style {
    if part.share >= 1.0 {
        theme.good
    } else if part.share >= 0.5 {
        theme.warning
    } else {
        theme.error
    }
}

/// `campaign.client: owned twice (59 entities) +18 more`: whole items
/// while they fit in `room`, then how many are left out.
fn items_text(part: &ScorePart, room: usize, theme: &Theme) -> String {
    let sep = format!(" {} ", theme.glyphs.dot);
    let more = |n: usize| {
        if n > 0 {
            format!(" +{n} more")
        } else {
            String::new()
        }
    };
    let total = part.items.len();
    let mut text = String::new();
    let mut shown = 0;
    for item in part.items.iter().map(|i| humane_times(i)) {
        let next = if shown == 0 {
            item.into_owned()
        } else {
            format!("{text}{sep}{item}")
        };
        if width(&next) + width(&more(total - shown - 1)) > room {
            break;
        }
        text = next;
        shown += 1;
    }
    if shown == 0 && total > 0 {
        // Not even one whole item fits: cut the first.
        let rest = more(total - 1);
        let first = humane_times(&part.items[0]);
        let first = fit(
            &first,
            room.saturating_sub(width(&rest)),
            theme.glyphs.ellipsis,
        );
        return format!("{first}{rest}");
    }
    text.push_str(&more(total - shown));
    text
}
