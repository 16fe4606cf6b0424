//! Selection, scrolling and filtering of one list, independent of what the
//! list holds. Rows are positions in the filtered list; items are indices
//! into the underlying data.

use std::cell::Cell;
use std::ops::Range;

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

    /// Shows `matches` for `filter` (`None`: no filter) and selects the
    /// best match.
    pub fn set_filter(&mut self, filter: String, matches: Option<Vec<usize>>) {
        self.filter = filter;
        self.matches = matches;
        self.selected = 0;
        self.offset.set(0);
    }

    /// After a reload: the new length and matches, with the selection on
    /// `item` if it is still shown, else as close to the old row as fits.
    pub fn replace(&mut self, len: usize, matches: Option<Vec<usize>>, item: Option<usize>) {
        let old_row = self.selected;
        self.len = len;
        self.matches = matches;
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
        list.set_filter("x".into(), Some(vec![3, 1]));
        assert_eq!(list.rows(), 2);
        assert_eq!(list.selected_item(), Some(3));
        list.move_by(1);
        assert_eq!(list.selected_item(), Some(1));
        // Item 1 is now item 0 and still matches.
        list.replace(4, Some(vec![2, 0]), Some(0));
        assert_eq!(list.selected_item(), Some(0));
        // The selected item is gone: stay on the same row, clamped.
        list.replace(1, Some(vec![0]), None);
        assert_eq!(list.selected_item(), Some(0));
        list.replace(0, Some(vec![]), None);
        assert_eq!(list.selected_item(), None);
        assert_eq!(list.window(5), 0..0);
    }
}
