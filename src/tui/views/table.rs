//! Lists drawn as aligned columns. Only the rows in the window are built,
//! so a list of 100 000 items costs what a screenful costs. Every cell is
//! cut to its column with an ellipsis; nothing spills into the next one.
//! When a screen is too narrow for every column, the columns give way by
//! priority: the least important disappear first (what they say is in the
//! item's own screen), so the rest stay wide enough to read.

use crate::tui::cells::{Align, cell, fit, fit_start, width};
use crate::tui::list::ListState;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::collections::HashMap;

/// One column: its heading, how wide, which side it hugs, and how
/// important it is when the screen is narrow.
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub title: &'static str,
    /// The narrowest it is worth showing at.
    pub min: u16,
    /// How wide it grows when there is room; ignored for a filling column.
    pub want: u16,
    /// A filling column's share of the room left once every column has
    /// what it wants; 0 for a column of fixed width.
    pub fill: u16,
    /// Columns of lower priority give way first.
    pub priority: u8,
    pub align: Align,
    /// Cut from the start (`…ker/projects.json:11`): for paths, whose end
    /// says the most.
    pub keep_end: bool,
}

impl Col {
    /// A column `width` wide, left-aligned, that gives way at `priority`.
    pub const fn fixed(title: &'static str, width: u16, priority: u8) -> Col {
        Col {
            title,
            min: width,
            want: width,
            fill: 0,
            priority,
            align: Align::Left,
            keep_end: false,
        }
    }

    /// A column at least `min` wide taking a `fill` share of the room left.
    pub const fn filling(title: &'static str, min: u16, fill: u16, priority: u8) -> Col {
        Col {
            title,
            min,
            want: min,
            fill,
            priority,
            align: Align::Left,
            keep_end: false,
        }
    }

    /// Between `min` and `want` wide, as room allows.
    pub const fn between(self, min: u16, want: u16) -> Col {
        Col { min, want, ..self }
    }

    pub const fn right(self) -> Col {
        Col {
            align: Align::Right,
            ..self
        }
    }

    /// A path: cut from the left.
    pub const fn path(self) -> Col {
        Col {
            keep_end: true,
            ..self
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

/// The width of each column in `width` cells, one space apart; `None` for
/// a column that gave way. Columns are taken most important first, each
/// at its narrowest, as long as it still fits; one that does not gives way
/// and a less important, narrower one may still fit after it. The most
/// important column always shows.
pub fn widths(cols: &[Col], width: u16) -> Vec<Option<usize>> {
    let width = width as usize;
    let mut order: Vec<usize> = (0..cols.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(cols[i].priority), i));
    let mut shown = vec![false; cols.len()];
    let mut used = 0;
    for (n, &i) in order.iter().enumerate() {
        let need = cols[i].min as usize + usize::from(used > 0);
        if n == 0 || used + need <= width {
            shown[i] = true;
            used += need;
        }
    }
    let need = |shown: &[bool]| {
        let (sum, n) = cols
            .iter()
            .zip(shown)
            .filter(|(_, s)| **s)
            .fold((0, 0), |(sum, n), (c, _)| (sum + c.min as usize, n + 1));
        sum + n.max(1) - 1
    };
    let mut widths: Vec<usize> = cols.iter().map(|c| c.min as usize).collect();
    let mut spare = width.saturating_sub(need(&shown));
    // Fixed columns grow to what they want, the most important first...
    let mut order: Vec<usize> = (0..cols.len())
        .filter(|&i| shown[i] && cols[i].fill == 0)
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cols[i].priority));
    for i in order {
        let grow = (cols[i].want.saturating_sub(cols[i].min) as usize).min(spare);
        widths[i] += grow;
        spare -= grow;
    }
    // ...and filling columns share the rest by weight, the first taking
    // what division leaves over.
    let fills: Vec<usize> = (0..cols.len())
        .filter(|&i| shown[i] && cols[i].fill > 0)
        .collect();
    let weight: usize = fills.iter().map(|&i| cols[i].fill as usize).sum();
    let mut given = 0;
    for &i in &fills {
        let share = (spare * cols[i].fill as usize)
            .checked_div(weight)
            .unwrap_or(0);
        widths[i] += share;
        given += share;
    }
    if let Some(&first) = fills.first() {
        widths[first] += spare - given;
    }
    // A lone column too wide for the screen is cut to it.
    if let Some(only) = (0..cols.len()).find(|&i| shown[i])
        && shown.iter().filter(|s| **s).count() == 1
    {
        widths[only] = widths[only].min(width);
    }
    widths
        .into_iter()
        .zip(shown)
        .map(|(w, s)| s.then_some(w))
        .collect()
}

/// A row of cells fitted to `widths`, leaving out the columns that gave
/// way (`cells` has one per column, shown or not).
pub fn row(
    cells: Vec<(String, Style)>,
    cols: &[Col],
    widths: &[Option<usize>],
    theme: &Theme,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(cells.len() * 2);
    for ((text, style), (col, w)) in cells.into_iter().zip(cols.iter().zip(widths)) {
        let Some(w) = *w else { continue };
        if !spans.is_empty() {
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
pub fn heading(cols: &[Col], widths: &[Option<usize>], theme: &Theme) -> Line<'static> {
    let cells = cols
        .iter()
        .map(|c| (c.title.to_string(), theme.dim))
        .collect();
    row(cells, cols, widths, theme)
}

/// Column widths for rows drawn in `area` under the cursor gutter, and
/// the headings drawn above them.
pub fn draw_heading(
    frame: &mut Frame,
    area: Rect,
    cols: &[Col],
    theme: &Theme,
) -> Vec<Option<usize>> {
    let widths = widths(cols, area.width.saturating_sub(GUTTER));
    let mut line = heading(cols, &widths, theme);
    line.spans.insert(0, Span::raw(" ".repeat(GUTTER as usize)));
    frame.render_widget(Paragraph::new(line), area);
    widths
}

/// A list view of one row per item: its title with the selection's
/// position, the column headings, and each item's `cells` (one per column,
/// shown or not) fitted to the columns; `empty` when the list is. `cells`
/// gives `None` for an item that is no longer there.
#[allow(clippy::too_many_arguments)]
pub fn columns(
    frame: &mut Frame,
    area: Rect,
    list: &ListState,
    name: &str,
    cols: &[Col],
    theme: &Theme,
    empty: &str,
    mut cells: impl FnMut(usize) -> Option<Vec<(String, Style)>>,
) {
    let [_, title_area, head, body] = sections(area, 0);
    title(frame, title_area, name, &position(list), theme);
    let widths = draw_heading(frame, head, cols, theme);
    draw_list(frame, body, list, 1, theme, empty, |item, _| {
        cells(item).map_or_else(Vec::new, |cells| vec![row(cells, cols, &widths, theme)])
    });
}

/// A section title on the left and a note (such as `3 of 31`) on the
/// right, the note giving way first when space runs out.
pub fn title(frame: &mut Frame, area: Rect, left: &str, right: &str, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(title_line(left, right, area.width as usize, theme)),
        area,
    );
}

/// [`title`] as a line `w` columns wide.
pub fn title_line(left: &str, right: &str, w: usize, theme: &Theme) -> Line<'static> {
    let right = if width(right) + 2 < w.saturating_sub(width(left)) {
        right
    } else {
        ""
    };
    let left_w = w.saturating_sub(width(right));
    Line::from(vec![
        Span::styled(
            cell(left, left_w, Align::Left, theme.glyphs.ellipsis),
            theme.heading,
        ),
        Span::styled(right.to_string(), theme.dim),
    ])
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

/// What the list says when it has no rows: `empty`, or that the filter
/// matches nothing.
fn nothing(frame: &mut Frame, area: Rect, list: &ListState, theme: &Theme, empty: &str) {
    let text = if list.filter().is_empty() {
        empty.to_string()
    } else {
        format!("Nothing matches \"{}\"", list.filter())
    };
    let text = fit(
        &text,
        (area.width as usize).saturating_sub(2),
        theme.glyphs.ellipsis,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(format!("  {text}"), theme.dim)),
        area,
    );
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
    let item_height = item_height.max(1) as usize;
    draw_items(frame, area, list, theme, empty, |_, index, width| {
        let mut lines = item(index, width);
        lines.resize_with(item_height, Line::default);
        Item::new(lines)
    });
}

/// One item of a list drawn by [`draw_items`]: lines before it that are
/// not part of it (a section's title), which span the whole width and are
/// left out when the item is at the top of a scrolled list, then its own
/// lines, right of the cursor gutter, which the selection covers.
#[derive(Debug, Default)]
pub struct Item {
    pub head: Vec<Line<'static>>,
    pub body: Vec<Line<'static>>,
}

impl Item {
    pub fn new(body: Vec<Line<'static>>) -> Item {
        Item {
            head: Vec::new(),
            body,
        }
    }

    fn height(&self) -> usize {
        self.head.len() + self.body.len().max(1)
    }
}

/// Draws the window of `list` that fits in `area`, items of any height,
/// scrolled just enough that the whole selected item shows (its first
/// lines, when it is taller than the area). `item` builds the item at a
/// row, given the row, the item and the width right of the cursor gutter.
pub fn draw_items(
    frame: &mut Frame,
    area: Rect,
    list: &ListState,
    theme: &Theme,
    empty: &str,
    item: impl FnMut(usize, usize, u16) -> Item,
) {
    draw_items_from(frame, area, list, 0, theme, empty, item);
}

/// [`draw_items`] for the rows from `floor` on, the rows before it being
/// drawn elsewhere. Returns the first row drawn.
pub fn draw_items_from(
    frame: &mut Frame,
    area: Rect,
    list: &ListState,
    floor: usize,
    theme: &Theme,
    empty: &str,
    mut item: impl FnMut(usize, usize, u16) -> Item,
) -> usize {
    if area.height == 0 || area.width < 2 {
        return floor;
    }
    if list.rows() == 0 {
        nothing(frame, area, list, theme, empty);
        return floor;
    }
    let width = area.width.saturating_sub(GUTTER);
    let room = area.height as usize;
    // Items are built once each, whether scrolling measured them or not.
    let mut built: HashMap<usize, Item> = HashMap::new();
    let mut build = |row: usize, built: &mut HashMap<usize, Item>| {
        built
            .entry(row)
            .or_insert_with(|| {
                list.item(row)
                    .map_or_else(Item::default, |i| item(row, i, width))
            })
            .height()
    };
    let first = list.scroll_from(room, floor, |row| build(row, &mut built));
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(room);
    let mut selected_at = None;
    let mut row = first;
    while lines.len() < room && row < list.rows() {
        build(row, &mut built);
        let Some(Item { head, body }) = built.remove(&row) else {
            break;
        };
        let gutter = || Span::raw(" ".repeat(GUTTER as usize));
        // Scrolled, the top row's title is the caller's to show above the
        // list: it is the title of what the list shows.
        if row == first && first > floor {
            drop(head);
        } else {
            lines.extend(head);
        }
        let selected = row == list.selected_row();
        if selected {
            selected_at = Some((lines.len(), body.len().max(1)));
        }
        for (n, line) in body.into_iter().enumerate() {
            let mark = if selected && n == 0 {
                Span::raw(cell(theme.glyphs.cursor, GUTTER as usize, Align::Left, ""))
            } else {
                gutter()
            };
            let mut spans = vec![mark];
            spans.extend(line.spans);
            lines.push(Line::from(spans).style(line.style));
        }
        row += 1;
    }
    lines.truncate(room);
    frame.render_widget(Paragraph::new(lines), area);
    if let Some((y, h)) = selected_at {
        let rect = Rect::new(area.x, area.y + y as u16, area.width, h as u16).intersection(area);
        frame.buffer_mut().set_style(rect, theme.selected);
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_way_by_priority_and_the_rest_grow() {
        let cols = [
            Col::fixed("A", 10, 9),
            Col::filling("B", 10, 1, 8),
            Col::fixed("C", 10, 1),
            Col::fixed("D", 5, 5).between(5, 8),
        ];
        // Everything fits: D grows to what it wants, B takes the rest.
        assert_eq!(
            widths(&cols, 50),
            vec![Some(10), Some(19), Some(10), Some(8)]
        );
        // Too narrow for all: C, the least important, gives way.
        assert_eq!(widths(&cols, 30), vec![Some(10), Some(10), None, Some(8)]);
        // The most important column always stays, cut to the screen.
        assert_eq!(widths(&cols, 6), vec![Some(6), None, None, None]);
        // A column too wide for what is left gives way; a narrower, less
        // important one may still fit after it.
        let cols = [
            Col::fixed("A", 10, 9),
            Col::filling("B", 20, 1, 8),
            Col::fixed("C", 5, 1),
        ];
        assert_eq!(widths(&cols, 20), vec![Some(10), None, Some(5)]);
    }
}
