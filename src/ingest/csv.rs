//! Reader for CSV and TSV state files: the first row names the fields and
//! every later row is one record.
//!
//! The file is already in memory, so cells are read from it where they lie:
//! a cell is a slice of the file's text unless it doubles a quote, and a
//! large cell is never copied while reading. The quoting rules are the
//! `csv` crate's (RFC 4180 with its leniencies), which a property test
//! checks against that crate: a quote opens a quoted cell only as the
//! cell's first byte, a doubled quote inside is one quote, text after the
//! closing quote is kept literally, `\r`, `\n` and `\r\n` end a record, and
//! blank lines are skipped.

use std::collections::HashSet;

use super::records::MAX_FIELDS;
use super::tree::{Document, Entry, Node, NodeValue, ParseError, Problem, Text, too_many_columns};
use crate::diag::{Pos, Severity};
use crate::text::sanitize;

/// Reads a delimited file (`b','` for CSV, `b'\t'` for TSV) into one root: a
/// list with a map per row, keyed by the header's column names. See
/// [`read`] for how rows are read; this holds them all.
pub fn parse(text: &str, delimiter: u8) -> Result<Document<'_>, ParseError> {
    let mut rows = Vec::new();
    let table = read(text, delimiter, usize::MAX, |part| rows.append(part));
    Ok(Document {
        roots: table
            .header
            .map(|pos| Node::new(pos, NodeValue::List(rows)))
            .into_iter()
            .collect(),
        problems: table.problems,
        ..Document::default()
    })
}

/// What [`read`] found besides the rows it handed over.
pub struct Table {
    /// Where the header is, if the file has one (it has unless it is
    /// blank).
    pub header: Option<Pos>,
    pub problems: Vec<Problem>,
}

/// Reads a delimited file, handing its rows to `rows` at most `part` at a
/// time, each a map keyed by the header's column names, so that a caller
/// need not hold the tree of a whole large table: `rows` may take them
/// from the list it is given.
///
/// Blank cells are left out (a blank says nothing), and so are rows with no
/// cells at all. Rows with the wrong number of cells, and header columns
/// that are unnamed or named twice, are reported as problems; whatever still
/// pairs up with a named column is kept.
pub fn read<'a>(
    text: &'a str,
    delimiter: u8,
    part: usize,
    mut rows: impl FnMut(&mut Vec<Node<'a>>),
) -> Table {
    // Editors don't count a byte order mark as a column.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut scanner = CellScanner::new(text, delimiter);
    let mut problems = Vec::new();
    let mut header: Option<Header<'_>> = None;
    let mut held = Vec::new();
    // Records of at most one cell before the first of several: title lines
    // (`Accelo export,,`) above the header, unless the file is one column.
    let mut leading: Vec<Record<'_>> = Vec::new();
    loop {
        if held.len() >= part {
            rows(&mut held);
            held.clear();
        }
        let keep = header.as_ref().map_or(MAX_FIELDS, |h| h.columns.len());
        let Some(record) = scanner.record(keep) else {
            break;
        };
        match &header {
            None if record.filled() <= 1 && leading.len() < TITLE_LINES => leading.push(record),
            // More lines of one cell than a title has: one column.
            None if record.filled() <= 1 => {
                leading.push(record);
                header = Some(one_column(&mut leading, &mut held, &mut problems));
            }
            None => {
                if let (Some(first), Some(last)) = (leading.first(), leading.last()) {
                    let lines = if first.row.line == last.row.line {
                        format!("line {} holds", first.row.line)
                    } else {
                        format!("lines {} to {} hold", first.row.line, last.row.line)
                    };
                    problems.push(Problem {
                        pos: first.row,
                        severity: Severity::Info,
                        message: format!(
                            "{lines} at most one cell above the header on line {}: \
                             read as a title, not as records",
                            record.row.line
                        ),
                    });
                }
                leading.clear();
                header = Some(Header::new(record, &mut problems));
            }
            Some(header) => held.extend(header.row(record, &mut problems)),
        }
    }
    if header.is_none() && !leading.is_empty() {
        header = Some(one_column(&mut leading, &mut held, &mut problems));
    }
    if !held.is_empty() {
        rows(&mut held);
    }
    Table {
        header: header.map(|h| h.pos),
        problems,
    }
}

/// Title lines a spreadsheet export puts above its header, at most.
const TITLE_LINES: usize = 10;

/// The header of a file of one column, its first record, and the rest of
/// `leading` as its rows.
fn one_column<'a>(
    leading: &mut Vec<Record<'a>>,
    rows: &mut Vec<Node<'a>>,
    problems: &mut Vec<Problem>,
) -> Header<'a> {
    let mut records = leading.drain(..);
    let header = Header::new(records.next().expect("a first record"), problems);
    rows.extend(records.filter_map(|record| header.row(record, problems)));
    header
}

/// The delimiter of a `.csv` file: a comma, or a semicolon or tab when its
/// header (first non-blank record, read with the quoting rules below)
/// splits into more cells at that. Spreadsheets write semicolons wherever
/// the comma is the decimal mark (`48.000,00`), and such a file read at
/// commas would be one column of jumbled text. A tie keeps the comma.
pub fn csv_delimiter(text: &str) -> u8 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let cells = |delimiter| {
        CellScanner::new(text, delimiter)
            .record(0)
            .map_or(0, |header| header.count)
    };
    let mut best = (b',', cells(b','));
    for delimiter in [b';', b'\t'] {
        let count = cells(delimiter);
        if count > best.1 {
            best = (delimiter, count);
        }
    }
    best.0
}

struct Column<'a> {
    name: Text<'a>,
    pos: Pos,
}

struct Header<'a> {
    pos: Pos,
    /// `None` for a column whose cells can't be keyed (unnamed or a repeat).
    columns: Vec<Option<Column<'a>>>,
    /// How many columns the header has, read or not.
    count: usize,
}

impl<'a> Header<'a> {
    fn new(record: Record<'a>, problems: &mut Vec<Problem>) -> Self {
        if record.count > MAX_FIELDS {
            problems.push(too_many_columns(record.row, record.count));
        }
        let mut seen = HashSet::new();
        let columns = record
            .cells
            .into_iter()
            .enumerate()
            .map(|(i, cell)| {
                let pos = cell.pos;
                let name = cell.text;
                if name.is_empty() {
                    problems.push(warning(
                        pos,
                        format!("column {} has no name; its cells are ignored", i + 1),
                    ));
                    None
                } else if !seen.insert(name.clone()) {
                    problems.push(warning(
                        pos,
                        format!(
                            "column `{}` is named twice; only the first one is read",
                            sanitize(&name)
                        ),
                    ));
                    None
                } else {
                    Some(Column { name, pos })
                }
            })
            .collect();
        Self {
            pos: record.row,
            columns,
            count: record.count,
        }
    }

    /// The row as a map, or `None` when every cell is blank.
    fn row(&self, record: Record<'a>, problems: &mut Vec<Problem>) -> Option<Node<'a>> {
        if record.cells.iter().all(|cell| cell.text.is_empty()) {
            return None;
        }
        if record.count != self.count {
            problems.push(warning(
                record.row,
                format!(
                    "row has {} cells but the header has {}; only cells under a header column are read",
                    record.count, self.count
                ),
            ));
        }
        let entries = record
            .cells
            .into_iter()
            .zip(&self.columns)
            .filter_map(|(cell, column)| {
                let column = column.as_ref()?;
                (!cell.text.is_empty()).then(|| Entry {
                    key: column.name.clone(),
                    key_pos: column.pos,
                    value: Node::string(cell.pos, cell.text),
                })
            })
            .collect();
        Some(Node::new(record.row, NodeValue::Map(entries)))
    }
}

fn warning(pos: Pos, message: String) -> Problem {
    Problem {
        pos,
        severity: Severity::Warning,
        message,
    }
}

/// One record: where it starts and its cells.
struct Record<'a> {
    /// The record's line, column 1.
    row: Pos,
    /// The first cells, as many as are read.
    cells: Vec<Cell<'a>>,
    /// How many cells the record has.
    count: usize,
}

impl Record<'_> {
    /// How many of its cells hold text.
    fn filled(&self) -> usize {
        self.cells
            .iter()
            .filter(|cell| !cell.text.is_empty())
            .count()
    }
}

/// A cell's text, trimmed, and where that text starts.
struct Cell<'a> {
    text: Text<'a>,
    pos: Pos,
}

/// A forward-only cursor over the text that tracks line and column as it
/// goes, so reading every cell costs one pass over the file in total (a
/// line-start lookup per cell would be quadratic on a very wide row).
struct CellScanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    delimiter: u8,
    offset: usize,
    pos: Pos,
}

impl<'a> CellScanner<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
        Self {
            text,
            bytes: text.as_bytes(),
            delimiter,
            offset: 0,
            pos: Pos::new(1, 1),
        }
    }

    /// The next record, skipping blank lines, or `None` at the end; of its
    /// cells, the first `keep` are kept and the rest only counted.
    fn record(&mut self, keep: usize) -> Option<Record<'a>> {
        while matches!(self.peek(), Some(b'\r' | b'\n')) {
            self.bump();
        }
        self.peek()?;
        let row = Pos::new(self.pos.line, 1);
        let mut cells = Vec::new();
        let mut count = 0;
        loop {
            let cell = self.cell();
            if count < keep {
                cells.push(cell);
            }
            count += 1;
            if self.peek() != Some(self.delimiter) {
                break;
            }
            self.bump();
        }
        Some(Record { row, cells, count })
    }

    /// Reads one cell, stopping on the byte that ends it. Its text is
    /// trimmed, and its position is where that text starts: past the
    /// opening quote and any leading blanks.
    fn cell(&mut self) -> Cell<'a> {
        let start = self.pos;
        // A quote only opens a quoted cell as the cell's first byte.
        if self.peek() != Some(b'"') {
            let (text, at) = self.plain();
            return Cell {
                text: Text::Borrowed(text.trim()),
                pos: at.unwrap_or(start),
            };
        }
        self.bump();
        let (mut text, at) = self.quoted();
        // Text after the closing quote is kept literally.
        let (rest, rest_at) = self.plain();
        if !rest.is_empty() {
            text.to_mut().push_str(rest);
        }
        Cell {
            text: trim(text),
            pos: at.or(rest_at).unwrap_or(start),
        }
    }

    /// Reads inside quotes up to the closing one (a doubled quote is one
    /// quote), and returns the text and where its first non-blank byte was.
    fn quoted(&mut self) -> (Text<'a>, Option<Pos>) {
        let mut text = Text::Borrowed("");
        let mut at = None;
        let mut piece = self.offset;
        while let Some(byte) = self.peek() {
            let here = self.pos;
            if byte == b'"' {
                text = join(text, &self.text[piece..self.offset]);
                self.bump();
                if self.peek() != Some(b'"') {
                    return (text, at);
                }
                // The second quote of a pair starts the next piece.
                piece = self.offset;
            }
            if at.is_none() && !is_blank(byte) {
                at = Some(here);
            }
            self.bump();
        }
        // Unclosed: the cell runs to the end of the file.
        (join(text, &self.text[piece..]), at)
    }

    /// Reads to the end of the cell, and returns its text and where its
    /// first non-blank byte was.
    fn plain(&mut self) -> (&'a str, Option<Pos>) {
        let from = self.offset;
        let mut at = None;
        while let Some(byte) = self.peek().filter(|&b| !self.ends_cell(b)) {
            if at.is_none() && !is_blank(byte) {
                at = Some(self.pos);
            }
            self.bump();
        }
        (&self.text[from..self.offset], at)
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

/// `text` followed by `piece`: still borrowed while there is one piece.
fn join<'a>(text: Text<'a>, piece: &'a str) -> Text<'a> {
    match text {
        Text::Borrowed("") => Text::Borrowed(piece),
        mut text => {
            text.to_mut().push_str(piece);
            text
        }
    }
}

/// Trimmed without a copy when it is borrowed or already trimmed.
fn trim(text: Text<'_>) -> Text<'_> {
    match text {
        Text::Borrowed(s) => Text::Borrowed(s.trim()),
        Text::Owned(s) if s.trim().len() == s.len() => Text::Owned(s),
        Text::Owned(s) => Text::Owned(s.trim().to_owned()),
    }
}

fn is_blank(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_utf8_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

#[cfg(test)]
mod delimiter_tests {
    use super::csv_delimiter;

    #[test]
    fn the_header_line_chooses_the_delimiter() {
        assert_eq!(csv_delimiter("name,budget\nAcme,1\n"), b',');
        assert_eq!(
            csv_delimiter("name;budget;status\nAcme;48.000,00 EUR;ok\n"),
            b';'
        );
        assert_eq!(csv_delimiter("\u{feff}\n\nname;budget\n"), b';');
        assert_eq!(csv_delimiter("name\tbudget\n"), b'\t');
        // Quoted delimiters do not count; a tie and a single column keep
        // the comma.
        assert_eq!(csv_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(csv_delimiter("a;b,c\n"), b',');
        assert_eq!(csv_delimiter("name\nA;B;C\n"), b',');
        assert_eq!(csv_delimiter(""), b',');
    }
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

    fn csv(text: &str) -> Document<'_> {
        parse(text, b',').expect("readable")
    }

    #[test]
    fn title_lines_above_the_header_are_not_records() {
        let doc = csv("Accelo export,,\nGenerated 2026-11-24\nname,due\nAlpha,2026-12-11\n");
        assert_eq!(rows(&doc), ["4: name=Alpha@4:1 due=2026-12-11@4:7"]);
        assert_eq!(
            problems(&doc),
            [
                "info 1:1: lines 1 to 2 hold at most one cell above the header on line 3: \
              read as a title, not as records"
            ]
        );
        // A file of one column has no title: its first line is the header,
        // however long it is, and a later line of two cells is a row.
        let doc = csv("name\nAlpha\nBravo\n");
        assert_eq!(rows(&doc), ["2: name=Alpha@2:1", "3: name=Bravo@3:1"]);
        assert!(problems(&doc).is_empty());
        let doc = csv("name\nA\nB\nC\nD\nE\nF\nG\nH\nI\nJ\nK,x\n");
        assert_eq!(rows(&doc).len(), 11);
        assert_eq!(rows(&doc)[10], "12: name=K@12:1");
        // A report's preamble: name, date, filter, owner, currency.
        let doc = csv(
            "Pipeline report\n2026-11-24\nFilter: open\nOwner: Dana\nEUR\nname,due\nAlpha,2026-12-11\n",
        );
        assert_eq!(rows(&doc), ["7: name=Alpha@7:1 due=2026-12-11@7:7"]);
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
            .map(|e| (&*e.key, e.key_pos))
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
    fn a_repeated_column_is_named_without_its_control_characters() {
        let doc = csv("a\tb,a\tb\n1,2\n");
        assert_eq!(
            problems(&doc),
            ["warning 1:5: column `a b` is named twice; only the first one is read"]
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
        // Only the first columns are read, but every cell is scanned.
        let last = rows[0].as_map().unwrap().last().unwrap();
        assert_eq!(last.value.pos, Pos::new(2, 2 * MAX_FIELDS as u32 - 1));
        assert_eq!(
            doc.problems
                .iter()
                .map(|p| format!("{}: {}", p.pos, p.message))
                .collect::<Vec<_>>(),
            [format!(
                "1:1: the header has {cells} columns, more than the {MAX_FIELDS} a record may have; the rest are not read"
            )]
        );
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
        fn cells_are_read_as_the_csv_crate_reads_them(text in "[ab,\"\t \r\n]{0,60}", tab in any::<bool>()) {
            let delimiter = if tab { b'\t' } else { b',' };
            let mut reader = ::csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes());
            let mut scanner = CellScanner::new(&text, delimiter);
            let mut record = ::csv::StringRecord::new();
            while reader.read_record(&mut record).unwrap() {
                let ours = scanner.record(usize::MAX).expect("as many records");
                let theirs: Vec<&str> = record.iter().map(str::trim).collect();
                let texts: Vec<&str> = ours.cells.iter().map(|c| &*c.text).collect();
                prop_assert_eq!(texts, theirs, "{:?}", text);
            }
            prop_assert!(scanner.record(usize::MAX).is_none(), "{:?}", text);
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
