//! Positions in source files and the diagnostics that point at them.

use serde::Serialize;
use std::cell::Cell;
use std::fmt;

/// A 1-based line and column. Column 0 means the format gives no column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

/// Turns byte offsets into [`Pos`], for readers whose parser reports
/// offsets rather than lines.
///
/// Readers ask for positions nearly in file order, so the index keeps a
/// cursor at the last position it gave and counts a column only across the
/// text between that cursor and the new offset. A one-line minified file of
/// many megabytes therefore costs time linear in its bytes, not in the
/// square of its line's length.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    cursor: Cell<Cursor>,
}

/// The last position given: its byte offset, 0-based line and 0-based
/// column in characters.
#[derive(Debug, Clone, Copy, Default)]
struct Cursor {
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            text,
            line_starts,
            cursor: Cell::new(Cursor::default()),
        }
    }

    /// The 0-based line holding byte `offset` (already clamped to the text).
    fn line_of(&self, offset: usize, hint: usize) -> usize {
        let starts = &self.line_starts;
        let holds = |line: usize| {
            starts[line] <= offset && starts.get(line + 1).is_none_or(|&next| offset < next)
        };
        if holds(hint) {
            hint
        } else if hint + 1 < starts.len() && holds(hint + 1) {
            hint + 1
        } else {
            starts.partition_point(|&start| start <= offset) - 1
        }
    }

    /// Line and column of byte `offset` (the column counts characters).
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let cursor = self.cursor.get();
        let line = self.line_of(offset, cursor.line);
        let start = self.line_starts[line];
        let column = if self.text.is_char_boundary(offset) {
            let column = self.column(offset, line, start, cursor);
            self.cursor.set(Cursor {
                offset,
                line,
                column,
            });
            column
        } else {
            // Not a character's first byte: no reader asks for one, but the
            // answer must still be somewhere on the line.
            offset - start
        };
        Pos::new(saturate(line + 1), saturate(column + 1))
    }

    /// The column of `offset` on `line` (which starts at `start`), counted
    /// from the cursor when it is on the same line and nearer than the
    /// line's start.
    fn column(&self, offset: usize, line: usize, start: usize, cursor: Cursor) -> usize {
        let chars = |from: usize, to: usize| self.text[from..to].chars().count();
        if cursor.line != line || offset.abs_diff(cursor.offset) > offset - start {
            return chars(start, offset);
        }
        if offset >= cursor.offset {
            cursor.column + chars(cursor.offset, offset)
        } else {
            cursor.column - chars(offset, cursor.offset)
        }
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column > 0 {
            write!(f, "{}:{}", self.line, self.column)
        } else {
            write!(f, "{}", self.line)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// Something the reader of the briefing should know about one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Diagnostic {
    /// Path relative to the state directory, with `/` separators.
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// `file:line:column`, with as much of the position as is known.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.clone(),
        }
    }

    pub fn new(
        file: impl Into<String>,
        pos: Option<Pos>,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line: pos.map(|p| p.line).filter(|&l| l > 0),
            column: pos.map(|p| p.column).filter(|&c| c > 0),
            severity,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_shows_what_is_known() {
        let d = |pos| Diagnostic::new("a/b.json", pos, Severity::Error, "x");
        assert_eq!(d(Some(Pos::new(3, 7))).place(), "a/b.json:3:7");
        assert_eq!(d(Some(Pos::new(3, 0))).place(), "a/b.json:3");
        assert_eq!(d(None).place(), "a/b.json");
    }

    #[test]
    fn offset_to_line_and_column() {
        let index = LineIndex::new("ab\ncdé\nf");
        assert_eq!(index.pos(0), Pos::new(1, 1));
        assert_eq!(index.pos(3), Pos::new(2, 1));
        assert_eq!(index.pos(7), Pos::new(2, 4));
        assert_eq!(index.pos(8), Pos::new(3, 1));
        assert_eq!(index.pos(99), Pos::new(3, 2));
        assert_eq!(index.pos(4), Pos::new(2, 2));
        assert_eq!(index.pos(1), Pos::new(1, 2));
    }

    /// The position counted from scratch, as the cursor must give it.
    fn counted(text: &str, offset: usize) -> Pos {
        let offset = offset.min(text.len());
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = text[..start].matches('\n').count() + 1;
        let column = text[start..offset].chars().count() + 1;
        Pos::new(line as u32, column as u32)
    }

    proptest::proptest! {
        /// However the offsets jump (forwards, backwards, across lines, on
        /// long lines of several-byte characters), the cursor gives what
        /// counting from the start of the line gives.
        #[test]
        fn the_cursor_agrees_with_counting_in_any_order(
            text in "(ab|é|日本|\n|x{1,40}){0,60}",
            picks in proptest::collection::vec(0usize..400, 1..40),
        ) {
            let index = LineIndex::new(&text);
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for pick in picks {
                let offset = boundaries[pick % boundaries.len()];
                proptest::prop_assert_eq!(index.pos(offset), counted(&text, offset));
            }
        }
    }

    #[test]
    fn a_long_line_of_wide_characters_keeps_its_columns() {
        let text = "é".repeat(10_000) + "\nz";
        let index = LineIndex::new(&text);
        assert_eq!(index.pos(2 * 5_000), Pos::new(1, 5_001));
        assert_eq!(index.pos(2 * 9_999), Pos::new(1, 10_000));
        assert_eq!(index.pos(2), Pos::new(1, 2));
        assert_eq!(index.pos(text.len() - 1), Pos::new(2, 1));
        assert_eq!(index.pos(2 * 7_000), Pos::new(1, 7_001));
    }
}
