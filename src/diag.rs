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

/// Turns byte offsets into [`Pos`] in O(log n), for readers whose parser
/// reports offsets rather than lines.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// The line of the last offset asked for: readers ask in file order, so
    /// the answer is nearly always this line or the next, found without a
    /// binary search.
    last_line: Cell<usize>,
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
            last_line: Cell::new(0),
        }
    }

    /// The 0-based line holding byte `offset` (already clamped to the text).
    fn line_of(&self, offset: usize) -> usize {
        let starts = &self.line_starts;
        let holds = |line: usize| {
            starts[line] <= offset && starts.get(line + 1).is_none_or(|&next| offset < next)
        };
        let hint = self.last_line.get();
        let line = if holds(hint) {
            hint
        } else if hint + 1 < starts.len() && holds(hint + 1) {
            hint + 1
        } else {
            starts.partition_point(|&start| start <= offset) - 1
        };
        self.last_line.set(line);
        line
    }

    /// Line and column of byte `offset` (the column counts characters).
    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        Pos::new(line as u32 + 1, column as u32 + 1)
    }
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
}
