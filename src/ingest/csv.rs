//! Reader for CSV and TSV state files: the first row names the fields and
//! every later row is one record.
//!
//! The `csv` crate does the unquoting, but it only reports where a record
//! starts, so a small scanner walks each record's raw bytes with the same
//! quoting rules to find where every cell starts.

use std::collections::HashSet;

use compact_str::CompactString;
use csv::{ReaderBuilder, StringRecord};

use super::tree::{Document, Entry, Node, NodeValue, ParseError, Problem};
use crate::diag::{Pos, Severity};

/// Reads a delimited file (`b','` for CSV, `b'\t'` for TSV) into one root: a
/// list with a map per row, keyed by the header's column names.
///
/// Blank cells are left out (a blank says nothing), and so are rows with no
/// cells at all. Rows with the wrong number of cells, and header columns
/// that are unnamed or named twice, are reported as problems; whatever still
/// pairs up with a named column is kept.
pub fn parse(text: &str, delimiter: u8) -> Result<Document, ParseError> {
    // Editors don't count a byte order mark as a column.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut scanner = CellScanner::new(text, delimiter);
    let mut document = Document::default();
    let mut header: Option<Header> = None;
    let mut rows = Vec::new();
    let mut record = StringRecord::new();
    while reader.read_record(&mut record).map_err(csv_error)? {
        let start = record.position().map_or(0, |p| p.byte());
        let located = scanner.record_at(usize::try_from(start).unwrap_or(usize::MAX));
        match &header {
            None => header = Some(Header::new(&record, &located, &mut document.problems)),
            Some(header) => rows.extend(header.row(&record, &located, &mut document.problems)),
        }
    }
    if let Some(header) = header {
        document
            .roots
            .push(Node::new(header.pos, NodeValue::List(rows)));
    }
    Ok(document)
}

fn csv_error(error: csv::Error) -> ParseError {
    let pos = error
        .position()
        .map(|p| Pos::new(u32::try_from(p.line()).unwrap_or(u32::MAX), 0));
    let message = format!("unreadable delimited file: {error}");
    match pos {
        Some(pos) => ParseError::at(pos, message),
        None => ParseError::new(message),
    }
}

struct Column {
    name: CompactString,
    pos: Pos,
}

struct Header {
    pos: Pos,
    /// `None` for a column whose cells can't be keyed (unnamed or a repeat).
    columns: Vec<Option<Column>>,
}

impl Header {
    fn new(record: &StringRecord, located: &LocatedRecord, problems: &mut Vec<Problem>) -> Self {
        let mut seen = HashSet::new();
        let columns = record
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let name = raw.trim();
                let pos = located.cell(i);
                if name.is_empty() {
                    problems.push(warning(
                        pos,
                        format!("column {} has no name; its cells are ignored", i + 1),
                    ));
                    None
                } else if !seen.insert(name) {
                    problems.push(warning(
                        pos,
                        format!("column `{name}` is named twice; only the first one is read"),
                    ));
                    None
                } else {
                    Some(Column {
                        name: name.into(),
                        pos,
                    })
                }
            })
            .collect();
        Self {
            pos: located.row,
            columns,
        }
    }

    /// The row as a map, or `None` when every cell is blank.
    fn row(
        &self,
        record: &StringRecord,
        located: &LocatedRecord,
        problems: &mut Vec<Problem>,
    ) -> Option<Node> {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            return None;
        }
        if record.len() != self.columns.len() {
            problems.push(warning(
                located.row,
                format!(
                    "row has {} cells but the header has {}; only cells under a header column are read",
                    record.len(),
                    self.columns.len()
                ),
            ));
        }
        let entries = record
            .iter()
            .zip(&self.columns)
            .enumerate()
            .filter_map(|(i, (cell, column))| {
                let column = column.as_ref()?;
                let value = cell.trim();
                (!value.is_empty()).then(|| Entry {
                    key: column.name.clone(),
                    key_pos: column.pos,
                    value: Node::string(located.cell(i), value),
                })
            })
            .collect();
        Some(Node::new(located.row, NodeValue::Map(entries)))
    }
}

fn warning(pos: Pos, message: String) -> Problem {
    Problem {
        pos,
        severity: Severity::Warning,
        message,
    }
}

/// Where a record and each of its cells start in the file.
struct LocatedRecord {
    /// The record's line, column 1.
    row: Pos,
    cells: Vec<Pos>,
}

impl LocatedRecord {
    fn cell(&self, i: usize) -> Pos {
        self.cells.get(i).copied().unwrap_or(self.row)
    }
}

/// A forward-only cursor over the raw text that tracks line and column as it
/// goes, so locating every cell costs one pass over the file in total (a
/// line-start lookup per cell would be quadratic on a very wide row).
struct CellScanner<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    offset: usize,
    pos: Pos,
}

impl<'a> CellScanner<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
        Self {
            bytes: text.as_bytes(),
            delimiter,
            offset: 0,
            pos: Pos::new(1, 1),
        }
    }

    /// Locates the record that `csv` reported starting at byte `start`.
    ///
    /// `csv` reports the offset just past the previous record, which may
    /// still hold that record's line ending and any blank lines (which it
    /// skips), so those are skipped here too.
    fn record_at(&mut self, start: usize) -> LocatedRecord {
        while self.offset < start.min(self.bytes.len()) {
            self.bump();
        }
        while matches!(self.peek(), Some(b'\r' | b'\n')) {
            self.bump();
        }
        let row = Pos::new(self.pos.line, 1);
        let mut cells = vec![self.cell()];
        while self.peek() == Some(self.delimiter) {
            self.bump();
            cells.push(self.cell());
        }
        LocatedRecord { row, cells }
    }

    /// Scans one cell, stopping on the byte that ends it, and returns where
    /// its text starts: past the opening quote and any leading blanks, since
    /// cells are read trimmed.
    fn cell(&mut self) -> Pos {
        let start = self.pos;
        // Like `csv`, a quote only opens a quoted cell as the cell's first byte.
        let quoted = if self.peek() == Some(b'"') {
            self.bump();
            self.skip_quoted()
        } else {
            None
        };
        // Text after a closing quote is kept literally by `csv`.
        let plain = self.skip_plain();
        quoted.or(plain).unwrap_or(start)
    }

    /// Skips past the closing quote (a doubled quote is an escaped one) and
    /// returns where the first non-blank byte inside the quotes was.
    fn skip_quoted(&mut self) -> Option<Pos> {
        let mut text = None;
        while let Some(byte) = self.peek() {
            let here = self.pos;
            self.bump();
            if byte == b'"' {
                if self.peek() != Some(b'"') {
                    break;
                }
                self.bump();
            }
            if text.is_none() && !is_blank(byte) {
                text = Some(here);
            }
        }
        text
    }

    /// Skips to the end of the cell and returns where its first non-blank
    /// byte was.
    fn skip_plain(&mut self) -> Option<Pos> {
        let mut text = None;
        while let Some(byte) = self.peek().filter(|&b| !self.ends_cell(b)) {
            if text.is_none() && !is_blank(byte) {
                text = Some(self.pos);
            }
            self.bump();
        }
        text
    }

    fn ends_cell(&self, byte: u8) -> bool {
        byte == self.delimiter || byte == b'\r' || byte == b'\n'
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.offset).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.offset += 1;
        if byte == b'\n' {
            self.pos = Pos::new(self.pos.line + 1, 1);
        } else if !is_utf8_continuation(byte) {
            // Columns count characters, so only a character's first byte moves it.
            self.pos.column += 1;
        }
        Some(byte)
    }
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Renders the table as one line per row: `line: key@line:col=value ...`.
    fn rows(document: &Document) -> Vec<String> {
        let [root] = document.roots.as_slice() else {
            panic!("expected one root, got {:?}", document.roots);
        };
        let NodeValue::List(rows) = &root.value else {
            panic!("expected a list, got {root:?}");
        };
        rows.iter()
            .map(|row| {
                assert_eq!(row.pos.column, 1, "rows start at column 1");
                let cells: Vec<String> = row
                    .as_map()
                    .expect("rows are maps")
                    .iter()
                    .map(|e| {
                        format!(
                            "{}={}@{}",
                            e.key,
                            e.value.scalar_text().expect("cells are strings"),
                            e.value.pos
                        )
                    })
                    .collect();
                format!("{}: {}", row.pos.line, cells.join(" "))
            })
            .collect()
    }

    fn problems(document: &Document) -> Vec<String> {
        document
            .problems
            .iter()
            .map(|p| format!("{} {}: {}", p.severity, p.pos, p.message))
            .collect()
    }

    fn csv(text: &str) -> Document {
        parse(text, b',').expect("readable")
    }

    #[test]
    fn rows_are_maps_keyed_by_the_header_with_cell_positions() {
        let doc = csv("name,status,owner\nAcme,active,Dana\nGlobex,paused,Lee\n");
        assert_eq!(
            rows(&doc),
            [
                "2: name=Acme@2:1 status=active@2:6 owner=Dana@2:13",
                "3: name=Globex@3:1 status=paused@3:8 owner=Lee@3:15",
            ]
        );
        assert!(doc.problems.is_empty());
        assert!(!doc.later_wins);
        assert_eq!(doc.front_matter, None);
    }

    #[test]
    fn keys_point_at_their_header_cells() {
        let doc = csv("name, status\nAcme,active\n");
        let NodeValue::List(rows) = &doc.roots[0].value else {
            unreachable!()
        };
        let keys: Vec<_> = rows[0]
            .as_map()
            .unwrap()
            .iter()
            .map(|e| (e.key.as_str(), e.key_pos))
            .collect();
        assert_eq!(keys, [("name", Pos::new(1, 1)), ("status", Pos::new(1, 7))]);
        assert_eq!(doc.roots[0].pos, Pos::new(1, 1));
    }

    #[test]
    fn quoted_cells_are_unquoted_and_located_inside_the_quotes() {
        let doc = csv("name,note\n\"Acme, Inc\",\"said \"\"hi\"\"\"\n");
        assert_eq!(rows(&doc), [r#"2: name=Acme, Inc@2:2 note=said "hi"@2:14"#]);
    }

    #[test]
    fn multi_line_quoted_cells_keep_later_lines_right() {
        let doc = csv("name,note\nAcme,\"line one\nline two\"\nGlobex,short\n");
        assert_eq!(
            rows(&doc),
            [
                "2: name=Acme@2:1 note=line one\nline two@2:7",
                "4: name=Globex@4:1 note=short@4:8"
            ]
        );
    }

    #[test]
    fn a_delimiter_inside_a_multi_line_quote_does_not_shift_later_cells() {
        let doc = csv("a,b\n\"x,\ny\",z\n1,2\n");
        assert_eq!(rows(&doc), ["2: a=x,\ny@2:2 b=z@3:4", "4: a=1@4:1 b=2@4:3"]);
    }

    #[test]
    fn crlf_line_endings() {
        let doc = csv("name,status\r\nAcme,active\r\n\r\nGlobex,paused\r\n");
        assert_eq!(
            rows(&doc),
            [
                "2: name=Acme@2:1 status=active@2:6",
                "4: name=Globex@4:1 status=paused@4:8"
            ]
        );
    }

    #[test]
    fn blank_lines_are_skipped_without_losing_line_numbers() {
        let doc = csv("\n\nname\n\nAcme\n\n\nGlobex");
        assert_eq!(rows(&doc), ["5: name=Acme@5:1", "8: name=Globex@8:1"]);
        assert_eq!(doc.roots[0].pos, Pos::new(3, 1));
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_name() {
        let doc = csv("\u{feff}name,status\nAcme,active\n");
        assert_eq!(rows(&doc), ["2: name=Acme@2:1 status=active@2:6"]);
        let NodeValue::List(rows) = &doc.roots[0].value else {
            unreachable!()
        };
        assert_eq!(rows[0].as_map().unwrap()[0].key_pos, Pos::new(1, 1));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let doc = csv("név,état\nZoë,actif\n");
        assert_eq!(rows(&doc), ["2: név=Zoë@2:1 état=actif@2:5"]);
    }

    #[test]
    fn tsv_uses_tabs() {
        let doc = parse("name\tnote\nAcme\tsays, hi\n", b'\t').unwrap();
        assert_eq!(rows(&doc), ["2: name=Acme@2:1 note=says, hi@2:6"]);
    }

    #[test]
    fn cells_are_trimmed_and_located_at_their_text() {
        let doc = csv("name ,  status\n  Acme  , active \n");
        assert_eq!(rows(&doc), ["2: name=Acme@2:3 status=active@2:11"]);
    }

    #[test]
    fn blank_cells_say_nothing() {
        let doc = csv("name,status,owner\nAcme,,Dana\nGlobex, ,\n");
        assert_eq!(
            rows(&doc),
            ["2: name=Acme@2:1 owner=Dana@2:7", "3: name=Globex@3:1"]
        );
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn rows_of_only_blank_cells_are_dropped() {
        let doc = csv("name,status\n,\n   \nAcme,active\n");
        assert_eq!(rows(&doc), ["4: name=Acme@4:1 status=active@4:6"]);
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn ragged_rows_keep_what_pairs_up_and_warn() {
        let doc = csv("name,status,owner\nAcme,active\nGlobex,paused,Lee,extra\n");
        assert_eq!(
            rows(&doc),
            [
                "2: name=Acme@2:1 status=active@2:6",
                "3: name=Globex@3:1 status=paused@3:8 owner=Lee@3:15"
            ]
        );
        assert_eq!(
            problems(&doc),
            [
                "warning 2:1: row has 2 cells but the header has 3; only cells under a header column are read",
                "warning 3:1: row has 4 cells but the header has 3; only cells under a header column are read",
            ]
        );
    }

    #[test]
    fn unnamed_and_repeated_columns_are_reported_and_skipped() {
        let doc = csv("name,,status,name\nAcme,x,active,Other\n");
        assert_eq!(rows(&doc), ["2: name=Acme@2:1 status=active@2:8"]);
        assert_eq!(
            problems(&doc),
            [
                "warning 1:6: column 2 has no name; its cells are ignored",
                "warning 1:14: column `name` is named twice; only the first one is read",
            ]
        );
    }

    #[test]
    fn an_empty_file_has_no_roots() {
        for text in ["", "\n\n", "\r\n", "\u{feff}"] {
            let doc = csv(text);
            assert!(doc.roots.is_empty(), "{text:?}");
            assert!(doc.problems.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_header_without_rows_is_an_empty_list() {
        let doc = csv("name,status\n");
        assert_eq!(
            doc.roots,
            [Node::new(Pos::new(1, 1), NodeValue::List(vec![]))]
        );
    }

    #[test]
    fn text_after_a_closing_quote_stays_in_the_cell() {
        let doc = csv("a,b\n\"x\"y,z\nq\"r,s\n");
        assert_eq!(rows(&doc), ["2: a=xy@2:2 b=z@2:6", "3: a=q\"r@3:1 b=s@3:5"]);
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        let doc = csv("a,b\n1,\"open\n2,3\n");
        assert_eq!(rows(&doc), ["2: a=1@2:1 b=open\n2,3@2:4"]);
    }

    #[test]
    fn a_very_wide_row_is_located_in_linear_time() {
        // Quadratic column counting would take minutes here.
        let cells = 200_000;
        let header: Vec<String> = (0..cells).map(|i| format!("c{i}")).collect();
        let text = format!("{}\n{}\n", header.join(","), vec!["é"; cells].join(","));
        let doc = csv(&text);
        let NodeValue::List(rows) = &doc.roots[0].value else {
            unreachable!()
        };
        let last = rows[0].as_map().unwrap().last().unwrap();
        assert_eq!(last.value.pos, Pos::new(2, 2 * cells as u32 - 1));
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>(), tab in any::<bool>()) {
            let _ = parse(&text, if tab { b'\t' } else { b',' });
        }

        #[test]
        fn never_panics_on_csv_like_text(text in "[a-zé,\"\t \r\n]{0,80}", tab in any::<bool>()) {
            let doc = parse(&text, if tab { b'\t' } else { b',' }).unwrap();
            let lines = text.split('\n').count() as u32;
            for problem in &doc.problems {
                prop_assert!(problem.pos.line >= 1 && problem.pos.line <= lines);
            }
        }

        #[test]
        fn the_scanner_splits_records_like_csv(text in "[ab,\"\t \r\n]{0,60}", tab in any::<bool>()) {
            let delimiter = if tab { b'\t' } else { b',' };
            let mut reader = ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let mut scanner = CellScanner::new(&text, delimiter);
            let mut record = StringRecord::new();
            while reader.read_record(&mut record).unwrap() {
                let start = record.position().unwrap().byte() as usize;
                prop_assert_eq!(scanner.record_at(start).cells.len(), record.len(), "{:?}", text);
            }
        }

        #[test]
        fn cell_positions_point_at_the_cell_text(
            cells in proptest::collection::vec(proptest::collection::vec("[a-z ]{0,4}|\"[a-z,\n\"]{0,4}\"", 1..4), 1..5)
        ) {
            let text: String = cells.iter().map(|row| row.join(",") + "\n").collect();
            let Ok(doc) = parse(&text, b',') else { return Ok(()) };
            let lines: Vec<&str> = text.split('\n').collect();
            for row in doc.roots.iter().flat_map(|root| match &root.value {
                NodeValue::List(rows) => rows.as_slice(),
                _ => &[],
            }) {
                for entry in row.as_map().unwrap() {
                    let value = entry.value.scalar_text().unwrap();
                    let line = lines[entry.value.pos.line as usize - 1];
                    let at: String = line.chars().skip(entry.value.pos.column as usize - 1).collect();
                    let first = value.chars().next().unwrap();
                    // A doubled quote's first half sits where an unquoted `"` would.
                    prop_assert!(at.starts_with(first), "{value:?} at {} in {text:?}", entry.value.pos);
                }
            }
        }
    }
}
