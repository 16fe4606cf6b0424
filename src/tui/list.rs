//! Selection, scrolling and filtering of one list, independent of what the
//! list holds. Rows are positions in the filtered list; items are indices
//! into the underlying data.

use std::cell::Cell;
use std::ops::Range;

/// What a filter found: the items to show, best first, and the items a
/// longer filter could still match, in item order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub matches: Vec<usize>,
    pub candidates: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Items in the underlying list.
    len: usize,
    /// Selected row.
    selected: usize,
    filter: String,
    /// Items matching the filter, best first; `None` is every item in order
    /// (no need to hold 100 000 indices for an unfiltered list).
    matches: Option<Vec<usize>>,
    /// Items a longer filter could still match, in item order: typing one
    /// more character searches only these.
    candidates: Option<Vec<usize>>,
    /// First row on screen. Kept by the renderer, which is the one that
    /// knows the height; a `Cell` so rendering can read the state shared.
    offset: Cell<usize>,
    /// Rows that fitted at the last render, for paging.
    page: Cell<usize>,
}

impl ListState {
    pub fn new(len: usize) -> ListState {
        ListState {
            len,
            page: Cell::new(10),
            ..ListState::default()
        }
    }

    /// Rows shown: every item, or the matches of the filter.
    pub fn rows(&self) -> usize {
        self.matches.as_ref().map_or(self.len, Vec::len)
    }

    /// The item shown at `row`.
    pub fn item(&self, row: usize) -> Option<usize> {
        match &self.matches {
            Some(m) => m.get(row).copied(),
            None => (row < self.len).then_some(row),
        }
    }

    pub fn selected_row(&self) -> usize {
        self.selected
    }

    pub fn selected_item(&self) -> Option<usize> {
        self.item(self.selected)
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The items the filter matches, best first; `None` without a filter.
    pub fn matches(&self) -> Option<&[usize]> {
        self.matches.as_deref()
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn page(&self) -> isize {
        self.page.get().max(1) as isize
    }

    pub fn top(&mut self) {
        self.selected = 0;
    }

    pub fn bottom(&mut self) {
        self.selected = self.rows().saturating_sub(1);
    }

    /// The items a longer filter could still match; `None` without a
    /// filter.
    pub fn candidates(&self) -> Option<&[usize]> {
        self.candidates.as_deref()
    }

    /// Shows `found` (matches and candidates) for `filter` (`None`: no
    /// filter) and selects the best match, or, when the filter is cleared,
    /// the item that was selected under it.
    pub fn set_filter(&mut self, filter: String, found: Option<Found>) {
        let was = self.selected_item();
        self.filter = filter;
        let cleared = found.is_none();
        (self.matches, self.candidates) = match found {
            Some(f) => (Some(f.matches), Some(f.candidates)),
            None => (None, None),
        };
        self.selected = 0;
        self.offset.set(0);
        if cleared && let Some(item) = was {
            self.select_item(item);
        }
    }

    /// After a reload: the new length and matches, with the selection on
    /// `item` if it is still shown, else as close to the old row as fits.
    pub fn replace(&mut self, len: usize, found: Option<Found>, item: Option<usize>) {
        let old_row = self.selected;
        self.len = len;
        (self.matches, self.candidates) = match found {
            Some(f) => (Some(f.matches), Some(f.candidates)),
            None => (None, None),
        };
        self.selected = item
            .and_then(|item| self.row_of(item))
            .unwrap_or(old_row)
            .min(self.rows().saturating_sub(1));
    }

    /// Selects `item`; false when the filter hides it.
    pub fn select_item(&mut self, item: usize) -> bool {
        match self.row_of(item) {
            Some(row) => {
                self.selected = row;
                true
            }
            None => false,
        }
    }

    fn row_of(&self, item: usize) -> Option<usize> {
        match &self.matches {
            Some(m) => m.iter().position(|&i| i == item),
            None => (item < self.len).then_some(item),
        }
    }

    /// The first row to draw in a window `room` lines tall whose rows are
    /// `height(row)` lines each, scrolled just enough to show the whole
    /// selected row, with no blank space below the last row. Looks at no
    /// more rows than fit in the window, whatever the list's length.
    pub fn scroll_to(&self, room: usize, height: impl FnMut(usize) -> usize) -> usize {
        self.scroll_from(room, 0, height)
    }

    /// [`scroll_to`](Self::scroll_to) for the rows from `floor` on, the
    /// rows before it being drawn elsewhere: a selection among them
    /// scrolls to the top.
    pub fn scroll_from(
        &self,
        room: usize,
        floor: usize,
        mut height: impl FnMut(usize) -> usize,
    ) -> usize {
        let rows = self.rows();
        if rows <= floor || room == 0 {
            self.page.set(1);
            return floor;
        }
        let selected = self.selected.clamp(floor, rows - 1);
        let mut offset = self.offset.get().clamp(floor, selected);
        // The earliest first row that still shows the selected one whole.
        let mut used = height(selected);
        let mut earliest = selected;
        while earliest > offset && used + height(earliest - 1) <= room {
            earliest -= 1;
            used += height(earliest);
        }
        if used > room || earliest > offset {
            offset = earliest;
        }
        // The earliest first row that leaves no blank space at the end.
        let mut tail = 0;
        let mut start = rows;
        while start > offset && tail + height(start - 1) <= room {
            start -= 1;
            tail += height(start);
        }
        if start == offset {
            while start > floor && tail + height(start - 1) <= room {
                start -= 1;
                tail += height(start);
            }
            offset = start;
        }
        self.offset.set(offset);
        // A page is as many rows as fit from here.
        let mut shown = 0;
        let mut lines = 0;
        while offset + shown < rows && lines + height(offset + shown) <= room {
            lines += height(offset + shown);
            shown += 1;
        }
        self.page.set(shown.max(1));
        offset
    }

    /// The rows to draw in a window `height` rows tall, scrolled just enough
    /// to keep the selection in view.
    pub fn window(&self, height: usize) -> Range<usize> {
        let rows = self.rows();
        self.page.set(height.max(1));
        if height == 0 || rows == 0 {
            return 0..0;
        }
        let mut offset = self.offset.get();
        if self.selected < offset {
            offset = self.selected;
        } else if self.selected >= offset + height {
            offset = self.selected + 1 - height;
        }
        // No blank space below the last row when the list shrank.
        offset = offset.min(rows.saturating_sub(height));
        self.offset.set(offset);
        offset..(offset + height).min(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection() {
        let mut list = ListState::new(100_000);
        assert_eq!(list.window(10), 0..10);
        list.move_by(15);
        assert_eq!(list.window(10), 6..16);
        list.move_by(-12);
        assert_eq!(list.window(10), 3..13);
        list.bottom();
        assert_eq!(list.window(10), 99_990..100_000);
        list.move_by(1);
        assert_eq!(list.selected_row(), 99_999);
        list.top();
        list.move_by(-1);
        assert_eq!(list.selected_row(), 0);
        assert_eq!(list.window(0), 0..0);
    }

    #[test]
    fn filter_and_reload_keep_what_they_can() {
        let mut list = ListState::new(5);
        let found = |matches: Vec<usize>| {
            Some(Found {
                candidates: matches.clone(),
                matches,
            })
        };
        list.set_filter("x".into(), found(vec![3, 1]));
        assert_eq!(list.rows(), 2);
        assert_eq!(list.selected_item(), Some(3));
        list.move_by(1);
        assert_eq!(list.selected_item(), Some(1));
        // Item 1 is now item 0 and still matches.
        list.replace(4, found(vec![2, 0]), Some(0));
        assert_eq!(list.selected_item(), Some(0));
        // The selected item is gone: stay on the same row, clamped.
        list.replace(1, found(vec![0]), None);
        assert_eq!(list.selected_item(), Some(0));
        list.replace(0, found(vec![]), None);
        assert_eq!(list.selected_item(), None);
        assert_eq!(list.window(5), 0..0);
    }

    #[test]
    fn clearing_the_filter_keeps_the_selected_item() {
        let mut list = ListState::new(10);
        let found = Found {
            matches: vec![7, 2],
            candidates: vec![2, 7],
        };
        list.set_filter("x".into(), Some(found));
        list.move_by(1);
        assert_eq!(list.selected_item(), Some(2));
        list.set_filter(String::new(), None);
        assert_eq!(list.selected_item(), Some(2));
    }

    #[test]
    fn rows_of_any_height_scroll_to_show_the_selected_one_whole() {
        // Rows 0..10, even rows two lines, odd rows one.
        let height = |row: usize| if row.is_multiple_of(2) { 2 } else { 1 };
        let mut list = ListState::new(10);
        assert_eq!(list.scroll_to(5, height), 0);
        list.move_by(3);
        // Rows 0..=3 take 6 lines: start at 1 (1+2+1 = 4 lines).
        assert_eq!(list.scroll_to(5, height), 1);
        list.move_by(-3);
        assert_eq!(list.scroll_to(5, height), 0);
        list.bottom();
        // The last rows fill the window: 7, 8, 9 are 1+2+1 lines; 6 more
        // would be 6.
        assert_eq!(list.scroll_to(5, height), 7);
        // A row taller than the window shows from its start.
        let tall = |_: usize| 9;
        assert_eq!(list.scroll_to(5, tall), 9);
        assert_eq!(list.scroll_to(0, height), 0);
    }
}
