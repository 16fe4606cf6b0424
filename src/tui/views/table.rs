//! Lists drawn as aligned columns. Only the rows in the window are built,
//! so a list of 100 000 items costs what a screenful costs. Every cell is
//! cut to its column with an ellipsis; nothing spills into the next one.

use crate::tui::list::ListState;
use crate::tui::text::{Align, cell, fit, fit_start};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// One column: its heading, how wide, which side it hugs.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub title: &'static str,
    pub width: Constraint,
    pub align: Align,
    /// Cut from the start (`…ker/projects.json:11`): for paths, whose end
    /// says the most.
    pub keep_end: bool,
}

impl Col {
    pub const fn left(title: &'static str, width: Constraint) -> Col {
        Col {
            title,
            width,
            align: Align::Left,
            keep_end: false,
        }
    }

    pub const fn path(title: &'static str, width: Constraint) -> Col {
        Col {
            title,
            width,
            align: Align::Left,
            keep_end: true,
        }
    }

    pub const fn right(title: &'static str, width: Constraint) -> Col {
        Col {
            title,
            width,
            align: Align::Right,
            keep_end: false,
        }
    }
}

/// A count of rows as a height, saturating rather than wrapping for lists
/// longer than any screen.
pub fn height(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// The areas of a list view: `top` rows of facts (0 for none), the title
/// line, the column heading and the rows.
pub fn sections(area: Rect, top: u16) -> [Rect; 4] {
    Layout::vertical([
        Constraint::Length(top),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area)
}

/// Columns left of every row for the selection cursor (`› `).
pub const GUTTER: u16 = 2;

/// Columns laid out in `width` cells, one space apart.
pub fn widths(cols: &[Col], width: u16) -> Vec<usize> {
    Layout::horizontal(cols.iter().map(|c| c.width))
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width as usize)
        .collect()
}

/// A row of cells fitted to `widths`.
pub fn row(
    cells: Vec<(String, Style)>,
    cols: &[Col],
    widths: &[usize],
    theme: &Theme,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for (i, ((text, style), (col, &w))) in
        cells.into_iter().zip(cols.iter().zip(widths)).enumerate()
    {
        if i > 0 {
            spans.push(Span::raw(" "));
        }
        let text = if col.keep_end {
            fit_start(&text, w, theme.glyphs.ellipsis)
        } else {
            text
        };
        spans.push(Span::styled(
            cell(&text, w, col.align, theme.glyphs.ellipsis),
            style,
        ));
    }
    Line::from(spans)
}

/// The column headings as a line.
pub fn heading(cols: &[Col], widths: &[usize], theme: &Theme) -> Line<'static> {
    let cells = cols
        .iter()
        .map(|c| (c.title.to_string(), theme.dim))
        .collect();
    row(cells, cols, widths, theme)
}

/// Column widths for rows drawn by [`draw_list`] in `area`, and the
/// headings drawn above them.
pub fn draw_heading(frame: &mut Frame, area: Rect, cols: &[Col], theme: &Theme) -> Vec<usize> {
    let widths = widths(cols, area.width.saturating_sub(GUTTER));
    let mut line = heading(cols, &widths, theme);
    line.spans.insert(0, Span::raw(" ".repeat(GUTTER as usize)));
    frame.render_widget(Paragraph::new(line), area);
    widths
}

/// A section title on the left and a note (such as `3 of 31`) on the
/// right, the note giving way first when space runs out.
pub fn title(frame: &mut Frame, area: Rect, left: &str, right: &str, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let w = area.width as usize;
    let right =
        if crate::tui::text::width(right) + 2 < w.saturating_sub(crate::tui::text::width(left)) {
            right
        } else {
            ""
        };
    let left_w = w.saturating_sub(crate::tui::text::width(right));
    let line = Line::from(vec![
        Span::styled(
            cell(left, left_w, Align::Left, theme.glyphs.ellipsis),
            theme.heading,
        ),
        Span::styled(right.to_string(), theme.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// `3 of 31`, or `3 of 12 matching` under a filter.
pub fn position(list: &ListState) -> String {
    if list.rows() == 0 {
        return String::new();
    }
    let of = if list.filter().is_empty() {
        String::new()
    } else {
        " matching".to_string()
    };
    format!("{} of {}{of}", list.selected_row() + 1, list.rows())
}

/// Draws the window of `list` that fits in `area`, each item
/// `item_height` lines tall, with the selection marked by a cursor glyph
/// and the selected style. `item` builds the lines of one item in
/// `width` columns (the cursor gutter is already taken off).
pub fn draw_list(
    frame: &mut Frame,
    area: Rect,
    list: &ListState,
    item_height: u16,
    theme: &Theme,
    empty: &str,
    mut item: impl FnMut(usize, u16) -> Vec<Line<'static>>,
) {
    if area.height == 0 || area.width < 2 {
        return;
    }
    if list.rows() == 0 {
        let text = if list.filter().is_empty() {
            empty.to_string()
        } else {
            format!("Nothing matches \"{}\"", list.filter())
        };
        let text = fit(&text, area.width as usize - 2, theme.glyphs.ellipsis).into_owned();
        frame.render_widget(
            Paragraph::new(Span::styled(format!("  {text}"), theme.dim)),
            area,
        );
        return;
    }
    let item_height = item_height.max(1);
    let window = list.window((area.height / item_height) as usize);
    let width = area.width.saturating_sub(GUTTER);
    let mut lines = Vec::with_capacity(area.height as usize);
    let mut selected_at = None;
    for row in window {
        let Some(index) = list.item(row) else { break };
        let selected = row == list.selected_row();
        if selected {
            selected_at = Some(lines.len() as u16);
        }
        let mut item_lines = item(index, width);
        item_lines.resize_with(item_height as usize, Line::default);
        for (n, line) in item_lines.into_iter().enumerate() {
            let mark = if selected && n == 0 {
                cell(theme.glyphs.cursor, GUTTER as usize, Align::Left, "")
            } else {
                " ".repeat(GUTTER as usize)
            };
            let mut spans = vec![Span::raw(mark)];
            spans.extend(line.spans);
            lines.push(Line::from(spans).style(line.style));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(y) = selected_at {
        let rect = Rect::new(area.x, area.y + y, area.width, item_height).intersection(area);
        frame.buffer_mut().set_style(rect, theme.selected);
    }
}
