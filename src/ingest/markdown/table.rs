//! Pipe tables: the header row names the columns, and each row after it is
//! one record, a map from column name to cell.

use std::collections::HashSet;

use crate::diag::{Pos, Severity};
use crate::ingest::tree::{Entry, MAX_FIELDS, Node, NodeValue, Problem, Text, too_many_columns};

/// A table being read, row by row as pulldown-cmark reports them.
pub(super) struct Table<'a> {
    pos: Pos,
    /// `None` until the header row is read; then `None` for each column
    /// whose cells can't be keyed (unnamed or a repeat).
    columns: Option<Vec<Option<Column<'a>>>>,
    rows: Vec<Node<'a>>,
    row: Option<Row<'a>>,
}

struct Column<'a> {
    name: Text<'a>,
    pos: Pos,
}

struct Row<'a> {
    pos: Pos,
    cells: Vec<Cell<'a>>,
    /// Cells past [`MAX_FIELDS`], counted rather than kept: no record
    /// reads them, and a table thousands of columns wide would otherwise
    /// hold each one in every row.
    dropped: usize,
    /// Where the last cell pulldown-cmark reported ends.
    end: usize,
}

struct Cell<'a> {
    text: Text<'a>,
    pos: Pos,
}

impl<'a> Table<'a> {
    pub(super) fn new(pos: Pos) -> Self {
        Self {
            pos,
            columns: None,
            rows: Vec::new(),
            row: None,
        }
    }

    /// The header or a body row begins at `pos`, byte `start`.
    pub(super) fn begin_row(&mut self, pos: Pos, start: usize) {
        self.row = Some(Row {
            pos,
            cells: Vec::new(),
            dropped: 0,
            end: start,
        });
    }

    /// A cell of the row being read, ending at byte `end`.
    pub(super) fn cell(&mut self, text: Text<'a>, pos: Pos, end: usize) {
        if let Some(row) = &mut self.row {
            if row.cells.len() < MAX_FIELDS {
                row.cells.push(Cell { text, pos });
            } else {
                row.dropped += 1;
            }
            row.end = end;
        }
    }

    /// The row being read ends at byte `end` of `source`: the header names
    /// the columns, a body row becomes a record.
    pub(super) fn end_row(&mut self, source: &str, end: usize, problems: &mut Vec<Problem>) {
        let Some(row) = self.row.take() else {
            return;
        };
        // pulldown-cmark drops cells beyond the header's count (as GFM says);
        // they may hold data, so say so.
        let rest = source.get(row.end..end).unwrap_or("");
        if rest.chars().any(|c| c != '|' && !c.is_whitespace()) {
            problems.push(warning(
                row.pos,
                "table row has more cells than its header; the extra cells are ignored".into(),
            ));
        }
        match &self.columns {
            None => {
                if row.dropped > 0 {
                    problems.push(too_many_columns(row.pos, row.cells.len() + row.dropped));
                }
                self.columns = Some(columns(row.cells, problems));
            }
            Some(columns) => self.rows.extend(row_node(row, columns)),
        }
    }

    /// The records read, as a list at the table's position.
    pub(super) fn into_list(self) -> Node<'a> {
        Node::new(self.pos, NodeValue::List(self.rows))
    }
}

fn columns<'a>(header: Vec<Cell<'a>>, problems: &mut Vec<Problem>) -> Vec<Option<Column<'a>>> {
    let mut seen = HashSet::new();
    header
        .into_iter()
        .enumerate()
        .map(|(i, cell)| {
            if cell.text.is_empty() {
                problems.push(warning(
                    cell.pos,
                    format!("column {} has no name; its cells are ignored", i + 1),
                ));
                None
            } else if !seen.insert(cell.text.clone()) {
                problems.push(warning(
                    cell.pos,
                    format!(
                        "column `{}` is named twice; only the first one is read",
                        crate::text::sanitize(&cell.text)
                    ),
                ));
                None
            } else {
                Some(Column {
                    name: cell.text,
                    pos: cell.pos,
                })
            }
        })
        .collect()
}

/// The row as a map with its blank cells left out, or `None` when every
/// cell is blank.
fn row_node<'a>(row: Row<'a>, columns: &[Option<Column<'a>>]) -> Option<Node<'a>> {
    let entries: Vec<Entry> = row
        .cells
        .into_iter()
        .zip(columns)
        .filter_map(|(cell, column)| {
            let column = column.as_ref()?;
            (!cell.text.is_empty()).then(|| Entry {
                key: column.name.clone(),
                key_pos: column.pos,
                value: Node::string(cell.pos, cell.text),
            })
        })
        .collect();
    (!entries.is_empty()).then(|| Node::new(Pos::new(row.pos.line, 1), NodeValue::Map(entries)))
}

fn warning(pos: Pos, message: String) -> Problem {
    Problem {
        pos,
        severity: Severity::Warning,
        message,
    }
}
