//! Reader for Markdown state files.
//!
//! Agents write Markdown for people, so only three conventions carry data:
//! front matter, pipe tables (one record per row, the kind named by the
//! nearest heading) and `Kind: Name` headings followed by `- Key: value`
//! bullets (one record). Everything else is prose and produces nothing.
//!
//! Front matter is found line by line: pulldown-cmark's metadata blocks
//! silently fall back to a thematic break when the closing fence is missing,
//! and a missing fence is worth telling the user about. Everything after it
//! is read from pulldown-cmark's events.

use std::collections::HashSet;
use std::ops::Range;

use compact_str::CompactString;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::tree::{Document, Entry, Node, NodeValue, ParseError, Problem};
use crate::diag::{LineIndex, Pos, Severity};

/// Reads a Markdown file.
///
/// Produces one root per top-level table and per top-level `Kind: Name`
/// section, in file order. A table root is
/// `Map[heading text -> List[row Map]]` (the key is `""` when no heading
/// precedes the table); a section root is
/// `Map[Kind -> Map[name -> Name, Key -> value ...]]`.
///
/// Inside a `Kind: Name` section, a deeper `Kind: Name` heading and a table
/// under a deeper plain heading become entries of the section's record
/// (as a kind key nested in a JSON record would), so they keep their parent.
/// Bullets nested under a bullet are ignored, as is anything in a bullet
/// after its first paragraph.
///
/// Broken or unclosed front matter is a [`Problem`]; the rest of the file is
/// still read, so this never fails.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    // pulldown-cmark doesn't skip a byte order mark, and editors don't count
    // it as a column.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut document = Document::default();
    let body = read_front_matter(text, &mut document);
    let mut reader = Reader::new(text);
    let parser = Parser::new_ext(&text[body..], Options::ENABLE_TABLES);
    for (event, range) in parser.into_offset_iter() {
        reader.event(event, range.start + body..range.end + body);
    }
    let (roots, problems) = reader.finish();
    document.roots = roots;
    document.problems.extend(problems);
    Ok(document)
}

#[derive(Clone, Copy)]
enum FrontMatterSyntax {
    Yaml,
    Toml,
}

impl FrontMatterSyntax {
    fn opened_by(line: &str) -> Option<Self> {
        match line.trim_end() {
            "---" => Some(Self::Yaml),
            "+++" => Some(Self::Toml),
            _ => None,
        }
    }

    fn is_closed_by(self, line: &str) -> bool {
        let line = line.trim_end();
        match self {
            // `...` is YAML's own end-of-document marker.
            Self::Yaml => line == "---" || line == "...",
            Self::Toml => line == "+++",
        }
    }

    fn fence(self) -> &'static str {
        match self {
            Self::Yaml => "---",
            Self::Toml => "+++",
        }
    }

    fn parse(self, text: &str, first_line: u32) -> Result<Node, ParseError> {
        match self {
            Self::Yaml => super::yaml::parse_front_matter(text, first_line),
            Self::Toml => super::toml::parse_front_matter(text, first_line),
        }
    }
}

/// Reads front matter into `document` and returns the byte offset where the
/// Markdown body starts.
fn read_front_matter(text: &str, document: &mut Document) -> usize {
    let mut lines = text.split_inclusive('\n');
    let Some(syntax) = lines.next().and_then(FrontMatterSyntax::opened_by) else {
        return 0;
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut end = start;
    for line in lines {
        if syntax.is_closed_by(line) {
            document.front_matter =
                front_matter_node(syntax, &text[start..end], &mut document.problems);
            return end + line.len();
        }
        end += line.len();
    }
    // Without a closing fence there's no telling where metadata would end,
    // so the whole file is read as Markdown.
    document.problems.push(Problem {
        pos: Pos::new(1, 1),
        severity: Severity::Warning,
        message: format!(
            "front matter opened with `{}` is never closed; the file is read as plain Markdown",
            syntax.fence()
        ),
    });
    0
}

fn front_matter_node(
    syntax: FrontMatterSyntax,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<Node> {
    if text.trim().is_empty() {
        return None;
    }
    // The front matter's first line is the file's second, after the fence.
    match syntax.parse(text, 2) {
        Ok(node) => match node.value {
            NodeValue::Map(_) => Some(node),
            // Only comments: as empty as no front matter at all.
            NodeValue::Null => None,
            _ => {
                problems.push(Problem {
                    pos: node.pos,
                    severity: Severity::Error,
                    message: "front matter is not a set of `key: value` fields; it is ignored"
                        .into(),
                });
                None
            }
        },
        Err(error) => {
            problems.push(Problem {
                pos: error.pos.unwrap_or(Pos::new(2, 0)),
                severity: Severity::Error,
                message: format!(
                    "front matter can't be read, so it is ignored: {}",
                    error.message
                ),
            });
            None
        }
    }
}

/// Walks pulldown-cmark's events, keeping the open headings as a stack so a
/// `Kind: Name` section lasts until the next heading of its level or higher.
struct Reader<'a> {
    text: &'a str,
    locator: LineIndex<'a>,
    roots: Vec<Node>,
    problems: Vec<Problem>,
    sections: Vec<Section>,
    /// The inline text being collected for a heading, cell or bullet.
    capture: Option<Capture>,
    /// For each open list, whether it is numbered.
    lists: Vec<bool>,
    table: Option<Table>,
}

struct Section {
    level: HeadingLevel,
    title: String,
    pos: Pos,
    record: Option<Record>,
}

/// A `Kind: Name` section's record, built while its section is open.
struct Record {
    kind: String,
    pos: Pos,
    entries: Vec<Entry>,
    /// Where a placeholder was reserved for it (in the parent record's
    /// entries, or in the roots), so it lands in file order even though it is
    /// only complete when its section closes.
    slot: usize,
}

struct Capture {
    kind: CaptureKind,
    start: usize,
    inline: Inline,
}

#[derive(Clone, Copy, PartialEq)]
enum CaptureKind {
    Heading(HeadingLevel),
    Cell,
    Bullet,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            locator: LineIndex::new(text),
            roots: Vec::new(),
            problems: Vec::new(),
            sections: Vec::new(),
            capture: None,
            lists: Vec::new(),
            table: None,
        }
    }

    fn finish(mut self) -> (Vec<Node>, Vec<Problem>) {
        self.finish_bullet();
        while let Some(section) = self.sections.pop() {
            self.close(section);
        }
        (self.roots, self.problems)
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(&tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) | Event::Code(text) => self.text(&text, range),
            Event::SoftBreak | Event::HardBreak => {
                if let Some(capture) = &mut self.capture {
                    capture.inline.push_space();
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: &Tag<'_>, range: Range<usize>) {
        // A bullet's value is its first paragraph; any other block inside the
        // item (a nested list, a code block) is not part of it.
        if !is_inline(tag) && !matches!(tag, Tag::Paragraph) {
            self.finish_bullet();
        }
        match tag {
            Tag::Heading { level, .. } => {
                self.begin_capture(CaptureKind::Heading(*level), range.start)
            }
            Tag::List(first_number) => self.lists.push(first_number.is_some()),
            // Only top-level bullets: nested ones would need their own
            // meaning (a sub-record? a list value?) and agents rarely nest.
            Tag::Item if self.lists == [false] => {
                self.begin_capture(CaptureKind::Bullet, range.start)
            }
            Tag::Table(_) => self.table = Some(Table::new(self.locator.pos(range.start))),
            Tag::TableHead | Tag::TableRow => {
                let pos = self.locator.pos(range.start);
                if let Some(table) = &mut self.table {
                    table.row = Some(Row {
                        pos,
                        cells: Vec::new(),
                        end: range.start,
                    });
                }
            }
            Tag::TableCell => self.begin_capture(CaptureKind::Cell, range.start),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Paragraph | TagEnd::Item => self.finish_bullet(),
            TagEnd::TableCell => self.finish_cell(range),
            TagEnd::TableHead | TagEnd::TableRow => self.finish_row(range),
            TagEnd::Table => self.finish_table(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(capture) = &mut self.capture {
            let verbatim = self.text.get(range.clone()) == Some(text);
            capture.inline.push(text, range.start, verbatim);
        }
    }

    fn begin_capture(&mut self, kind: CaptureKind, start: usize) {
        self.capture = Some(Capture {
            kind,
            start,
            inline: Inline::default(),
        });
    }

    fn take_capture(&mut self, kind: CaptureKind) -> Option<Capture> {
        self.capture.take_if(|capture| capture.kind == kind)
    }

    fn finish_heading(&mut self) {
        let Some(capture) = self
            .capture
            .take_if(|c| matches!(c.kind, CaptureKind::Heading(_)))
        else {
            return;
        };
        let CaptureKind::Heading(level) = capture.kind else {
            return;
        };
        while let Some(section) = self.sections.pop_if(|section| section.level >= level) {
            self.close(section);
        }
        let pos = self.locator.pos(capture.start);
        let record = key_value(&capture.inline).map(|kind| self.open_record(kind, pos));
        self.sections.push(Section {
            level,
            title: capture.inline.text.trim().to_owned(),
            pos,
            record,
        });
    }

    fn open_record(&mut self, kind: KeyValue, pos: Pos) -> Record {
        let name_pos = self.locator.pos(kind.value_at);
        let slot = match self.innermost_record() {
            Some(parent) => {
                parent.entries.push(Entry {
                    key: kind.key.as_str().into(),
                    key_pos: pos,
                    value: Node::new(pos, NodeValue::Null),
                });
                parent.entries.len() - 1
            }
            None => {
                self.roots.push(Node::new(pos, NodeValue::Null));
                self.roots.len() - 1
            }
        };
        Record {
            kind: kind.key,
            pos,
            entries: vec![Entry {
                key: "name".into(),
                key_pos: name_pos,
                value: Node::string(name_pos, kind.value),
            }],
            slot,
        }
    }

    /// Puts a finished section's record into the slot it reserved.
    fn close(&mut self, section: Section) {
        let Some(record) = section.record else {
            return;
        };
        let value = Node::new(record.pos, NodeValue::Map(record.entries));
        if let Some(parent) = self.innermost_record() {
            if let Some(entry) = parent.entries.get_mut(record.slot) {
                entry.value = value;
            }
        } else if let Some(root) = self.roots.get_mut(record.slot) {
            let entry = Entry {
                key: record.kind.into(),
                key_pos: record.pos,
                value,
            };
            *root = Node::new(record.pos, NodeValue::Map(vec![entry]));
        }
    }

    fn innermost_record(&mut self) -> Option<&mut Record> {
        self.sections
            .iter_mut()
            .rev()
            .find_map(|s| s.record.as_mut())
    }

    fn finish_bullet(&mut self) {
        let Some(capture) = self.take_capture(CaptureKind::Bullet) else {
            return;
        };
        let Some(field) = key_value(&capture.inline) else {
            return;
        };
        let key_pos = self.locator.pos(field.key_at);
        let value_pos = self.locator.pos(field.value_at);
        if let Some(record) = self.innermost_record() {
            record.entries.push(Entry {
                key: field.key.into(),
                key_pos,
                value: Node::string(value_pos, field.value),
            });
        }
    }

    fn finish_cell(&mut self, range: Range<usize>) {
        let Some(capture) = self.take_capture(CaptureKind::Cell) else {
            return;
        };
        let (text, at) = capture.inline.trimmed();
        let pos = self.locator.pos(at.unwrap_or(range.start));
        if let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
            row.cells.push(Cell { text, pos });
            row.end = range.end;
        }
    }

    fn finish_row(&mut self, range: Range<usize>) {
        let Some(row) = self.table.as_mut().and_then(|t| t.row.take()) else {
            return;
        };
        // pulldown-cmark drops cells beyond the header's count (as GFM says);
        // they may hold data, so say so.
        let rest = self.text.get(row.end..range.end).unwrap_or("");
        if rest.chars().any(|c| c != '|' && !c.is_whitespace()) {
            self.problems.push(warning(
                row.pos,
                "table row has more cells than its header; the extra cells are ignored".into(),
            ));
        }
        if let Some(table) = &mut self.table {
            table.add_row(row, &mut self.problems);
        }
    }

    fn finish_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let list = Node::new(table.pos, NodeValue::List(table.rows));
        let (key, key_pos) = match self.sections.last() {
            Some(section) => (section.title.clone(), section.pos),
            None => (String::new(), table.pos),
        };
        let entry = Entry {
            key: key.into(),
            key_pos,
            value: list,
        };
        // Under a plain heading inside a record's section, the rows are that
        // record's children; directly under the `Kind: Name` heading the
        // heading names the record, not the rows, so they stand alone.
        let under_plain_heading = self.sections.last().is_some_and(|s| s.record.is_none());
        if under_plain_heading && let Some(record) = self.innermost_record() {
            record.entries.push(entry);
        } else {
            self.roots
                .push(Node::new(key_pos, NodeValue::Map(vec![entry])));
        }
    }
}

fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn warning(pos: Pos, message: String) -> Problem {
    Problem {
        pos,
        severity: Severity::Warning,
        message,
    }
}

struct Table {
    pos: Pos,
    /// `None` until the header row is read; then `None` for each column
    /// whose cells can't be keyed (unnamed or a repeat).
    columns: Option<Vec<Option<Column>>>,
    rows: Vec<Node>,
    row: Option<Row>,
}

struct Column {
    name: CompactString,
    pos: Pos,
}

struct Row {
    pos: Pos,
    cells: Vec<Cell>,
    /// Where the last cell pulldown-cmark reported ends.
    end: usize,
}

struct Cell {
    text: String,
    pos: Pos,
}

impl Table {
    fn new(pos: Pos) -> Self {
        Self {
            pos,
            columns: None,
            rows: Vec::new(),
            row: None,
        }
    }

    fn add_row(&mut self, row: Row, problems: &mut Vec<Problem>) {
        match &self.columns {
            None => self.columns = Some(columns(row.cells, problems)),
            Some(columns) => self.rows.extend(row_node(row, columns)),
        }
    }
}

fn columns(header: Vec<Cell>, problems: &mut Vec<Problem>) -> Vec<Option<Column>> {
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
                        cell.text
                    ),
                ));
                None
            } else {
                Some(Column {
                    name: cell.text.into(),
                    pos: cell.pos,
                })
            }
        })
        .collect()
}

/// The row as a map with its blank cells left out, or `None` when every
/// cell is blank.
fn row_node(row: Row, columns: &[Option<Column>]) -> Option<Node> {
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

/// The plain text of a heading, cell or bullet with emphasis, code and link
/// syntax reduced to its text, remembering where each piece came from so a
/// position can be given for any part of it.
#[derive(Default)]
struct Inline {
    text: String,
    spans: Vec<Span>,
}

struct Span {
    /// Byte offset in `Inline::text`.
    at: usize,
    len: usize,
    /// Byte offset in the source.
    source: usize,
    /// Whether the source holds exactly this text (no escapes or entities),
    /// so offsets inside the span map one to one.
    verbatim: bool,
}

impl Inline {
    fn push(&mut self, text: &str, source: usize, verbatim: bool) {
        self.spans.push(Span {
            at: self.text.len(),
            len: text.len(),
            source,
            verbatim,
        });
        self.text.push_str(text);
    }

    fn push_space(&mut self) {
        self.text.push(' ');
    }

    /// The source offset of byte `at` of the text.
    fn source(&self, at: usize) -> Option<usize> {
        let i = self
            .spans
            .partition_point(|span| span.at <= at)
            .checked_sub(1)?;
        let span = &self.spans[i];
        let delta = at - span.at;
        Some(if span.verbatim && delta < span.len {
            span.source + delta
        } else {
            span.source
        })
    }

    /// The trimmed text and the source offset where it starts.
    fn trimmed(&self) -> (String, Option<usize>) {
        let text = self.text.trim();
        let at = self.text.len() - self.text.trim_start().len();
        (
            text.to_owned(),
            self.source(at).filter(|_| !text.is_empty()),
        )
    }
}

/// A `Key: value` split of inline text, with source offsets.
struct KeyValue {
    key: String,
    key_at: usize,
    value: String,
    value_at: usize,
}

/// Splits `Key: value`, or `None` when the text doesn't have that shape
/// (prose that merely contains a colon, or an empty value).
fn key_value(inline: &Inline) -> Option<KeyValue> {
    let text = inline.text.as_str();
    let colon = separator(text)?;
    let (key_part, value_part) = (&text[..colon], &text[colon + 1..]);
    let key = key_part.trim();
    let value = value_part.trim();
    if !is_key_shaped(key) || value.is_empty() {
        return None;
    }
    let key_at = key_part.len() - key_part.trim_start().len();
    let value_at = colon + 1 + value_part.len() - value_part.trim_start().len();
    Some(KeyValue {
        key: key.to_owned(),
        key_at: inline.source(key_at)?,
        value: value.to_owned(),
        value_at: inline.source(value_at)?,
    })
}

/// The first colon that separates a key from a value: not one inside a time
/// or ratio (`10:30`) or a URL (`https://`).
fn separator(text: &str) -> Option<usize> {
    text.match_indices(':').map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = &text[i + 1..];
        let between_digits = before.is_some_and(|c| c.is_ascii_digit())
            && after.starts_with(|c: char| c.is_ascii_digit());
        !between_digits && !after.starts_with("//")
    })
}

/// Field names and kinds are short labels (`Status`, `Due date`,
/// `accelo_id`), which tells `- Owner: Dana` from a sentence with a colon.
fn is_key_shaped(key: &str) -> bool {
    const MAX_CHARS: usize = 40;
    const MAX_WORDS: usize = 5;
    key.starts_with(char::is_alphabetic)
        && key.chars().count() <= MAX_CHARS
        && key.split_whitespace().count() <= MAX_WORDS
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || "_-./()'&".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tree::testing::keys;
    use proptest::prelude::*;

    fn md(text: &str) -> Document {
        parse(text).expect("Markdown always reads")
    }

    /// The tree without positions: `{key: value}`, `[a, b]`, `"text"`.
    fn shape(node: &Node) -> String {
        match &node.value {
            NodeValue::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}: {}", e.key, shape(&e.value)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            NodeValue::List(items) => format!(
                "[{}]",
                items.iter().map(shape).collect::<Vec<_>>().join(", ")
            ),
            NodeValue::String(s) => format!("{s:?}"),
            other => format!("{other:?}"),
        }
    }

    /// The tree with positions: keys as `key@pos`, values followed by `@pos`.
    fn located(node: &Node) -> String {
        let inner = match &node.value {
            NodeValue::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|e| format!("{}@{}: {}", e.key, e.key_pos, located(&e.value)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            NodeValue::List(items) => format!(
                "[{}]",
                items.iter().map(located).collect::<Vec<_>>().join(", ")
            ),
            NodeValue::String(s) => format!("{s:?}"),
            other => format!("{other:?}"),
        };
        format!("{inner}@{}", node.pos)
    }

    fn shapes(document: &Document) -> Vec<String> {
        document.roots.iter().map(shape).collect()
    }

    fn problems(document: &Document) -> Vec<String> {
        document
            .problems
            .iter()
            .map(|p| format!("{} {}: {}", p.severity, p.pos, p.message))
            .collect()
    }

    #[test]
    fn a_table_under_a_heading_is_keyed_by_the_heading() {
        let doc = md(
            "# State\n\n## Active projects\n\n| Name | Status |\n|------|--------|\n| Acme | active |\n| Globex | paused |\n",
        );
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            [concat!(
                "{Active projects@3:1: [",
                "{Name@5:3: \"Acme\"@7:3, Status@5:10: \"active\"@7:10}@7:1, ",
                "{Name@5:3: \"Globex\"@8:3, Status@5:10: \"paused\"@8:12}@8:1",
                "]@5:1}@3:1"
            )]
        );
        assert!(doc.problems.is_empty());
        assert_eq!(doc.front_matter, None);
        assert!(!doc.later_wins);
    }

    #[test]
    fn table_formatting_is_reduced_to_text() {
        let doc = md(
            "## Deals\n| **Name** | *Stage* | `id` |\n|---|---|---|\n| [Acme](https://acme.com) | **won** &amp; _paid_ | `D-1` |\n",
        );
        assert_eq!(
            shapes(&doc),
            [r#"{Deals: [{Name: "Acme", Stage: "won & paid", id: "D-1"}]}"#]
        );
        let row = &doc.roots[0].as_map().unwrap()[0].value;
        let NodeValue::List(rows) = &row.value else {
            unreachable!()
        };
        let cells: Vec<Pos> = rows[0]
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.value.pos)
            .collect();
        // The link's text, the bold word, the code span's backtick.
        assert_eq!(cells, [Pos::new(4, 4), Pos::new(4, 32), Pos::new(4, 53)]);
    }

    #[test]
    fn a_table_without_a_heading_has_an_empty_key() {
        let doc = md("Some intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            ["{@3:1: [{a@3:3: \"1\"@5:3, b@3:7: \"2\"@5:7}@5:1]@3:1}@3:1"]
        );
    }

    #[test]
    fn each_table_is_its_own_root_under_the_nearest_heading() {
        let doc = md(
            "## Clients\n| name |\n|-|\n| Acme |\n\n### Deals\n| name |\n|-|\n| Big |\n\n| name |\n|-|\n| Small |\n",
        );
        assert_eq!(
            shapes(&doc),
            [
                r#"{Clients: [{name: "Acme"}]}"#,
                r#"{Deals: [{name: "Big"}]}"#,
                r#"{Deals: [{name: "Small"}]}"#
            ]
        );
    }

    #[test]
    fn blank_cells_and_blank_rows_say_nothing() {
        let doc = md(
            "## Projects\n| name | status | owner |\n|---|---|---|\n| Acme |  | Dana |\n|  |  |  |\n| Globex |\n",
        );
        assert_eq!(
            shapes(&doc),
            [r#"{Projects: [{name: "Acme", owner: "Dana"}, {name: "Globex"}]}"#]
        );
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn extra_cells_are_reported() {
        let doc = md(
            "## Projects\n| name | status |\n|---|---|\n| Acme | active | extra |\n| Globex | paused | |\n",
        );
        assert_eq!(
            shapes(&doc),
            [
                r#"{Projects: [{name: "Acme", status: "active"}, {name: "Globex", status: "paused"}]}"#
            ]
        );
        assert_eq!(
            problems(&doc),
            ["warning 4:1: table row has more cells than its header; the extra cells are ignored"]
        );
    }

    #[test]
    fn unnamed_and_repeated_columns_are_reported_and_skipped() {
        let doc = md("## Projects\n|  | name | name |\n|---|---|---|\n| x | Acme | Other |\n");
        assert_eq!(shapes(&doc), [r#"{Projects: [{name: "Acme"}]}"#]);
        assert_eq!(
            problems(&doc),
            [
                "warning 2:2: column 1 has no name; its cells are ignored",
                "warning 2:13: column `name` is named twice; only the first one is read",
            ]
        );
    }

    #[test]
    fn weird_tables() {
        // A delimiter row that doesn't match the header makes it prose.
        assert_eq!(md("## T\n| a | b |\n|---|\n| 1 | 2 |\n").roots, []);
        // Escaped pipes stay in the cell; no outer pipes is still a table.
        let doc = md("## T\na \\| b | c\n--- | ---\n1 \\| 2 | 3\n");
        assert_eq!(shapes(&doc), [r#"{T: [{a | b: "1 | 2", c: "3"}]}"#]);
        // A table in a block quote.
        let doc = md("## T\n> | a |\n> |---|\n> | 1 |\n");
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            ["{T@1:1: [{a@2:5: \"1\"@4:5}@4:1]@2:3}@1:1"]
        );
    }

    #[test]
    fn a_table_with_only_a_header_is_an_empty_list() {
        let doc = md("## Projects\n| name | status |\n|---|---|\n");
        assert_eq!(shapes(&doc), ["{Projects: []}"]);
    }

    #[test]
    fn a_kind_name_heading_with_bullets_is_one_record() {
        let text = "# Notes\n\n### Project: Acme Website\n\n- Status: Active\n* Owner: Dana Ruiz\n- **Due date:** Dec 1, 2026\n- **Budget**: $5,000\n- remember to call the client\n";
        let doc = md(text);
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            [concat!(
                "{Project@3:1: {",
                "name@3:14: \"Acme Website\"@3:14, ",
                "Status@5:3: \"Active\"@5:11, ",
                "Owner@6:3: \"Dana Ruiz\"@6:10, ",
                "Due date@7:5: \"Dec 1, 2026\"@7:17, ",
                "Budget@8:5: \"$5,000\"@8:15",
                "}@3:1}@3:1"
            )]
        );
    }

    #[test]
    fn bullet_values_are_reduced_to_text() {
        let doc = md(
            "## Client: *Acme* Inc\n- Website: [acme.com](https://acme.com)\n- Id: `ACC-7`\n- Note: a &lt; b\n",
        );
        assert_eq!(
            shapes(&doc),
            [r#"{Client: {name: "Acme Inc", Website: "acme.com", Id: "ACC-7", Note: "a < b"}}"#]
        );
        let record = doc.roots[0].as_map().unwrap()[0].value.as_map().unwrap();
        assert_eq!(
            record[0].value.pos,
            Pos::new(1, 13),
            "the name starts inside the emphasis"
        );
    }

    #[test]
    fn prose_bullets_and_colons_that_are_not_separators_are_ignored() {
        let doc = md(concat!(
            "## Project: Acme\n",
            "- Call Dana on Monday\n",
            "- See https://acme.com for details\n",
            "- Standup moved to 10:30\n",
            "- We agreed on the following after a long discussion with them: nothing\n",
            "- 2026 goals: grow\n",
            "- Empty:\n",
            "- Url: https://acme.com/a:b\n",
        ));
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Url: "https://acme.com/a:b"}}"#]
        );
    }

    #[test]
    fn a_bullet_runs_to_the_end_of_its_first_paragraph() {
        let doc = md(
            "## Project: Acme\n- Status: Active\n  since May\n  - Sub: ignored\n- Owner: Dana\n\n  More prose: ignored\n",
        );
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Status: "Active since May", Owner: "Dana"}}"#]
        );
    }

    #[test]
    fn numbered_lists_are_prose() {
        let doc = md("## Project: Acme\n1. Status: Active\n");
        assert_eq!(shapes(&doc), [r#"{Project: {name: "Acme"}}"#]);
    }

    #[test]
    fn a_section_ends_at_a_heading_of_its_level_or_higher() {
        let doc = md(concat!(
            "## Project: Acme\n",
            "- Status: Active\n",
            "### Details\n",
            "- Owner: Dana\n",
            "## Project: Globex\n",
            "- Status: Paused\n",
            "# Other things\n",
            "- Status: Nobody's\n",
        ));
        assert_eq!(
            shapes(&doc),
            [
                r#"{Project: {name: "Acme", Status: "Active", Owner: "Dana"}}"#,
                r#"{Project: {name: "Globex", Status: "Paused"}}"#,
            ]
        );
    }

    #[test]
    fn a_deeper_kind_name_heading_is_a_child_record() {
        let doc = md(concat!(
            "## Client: Acme Inc\n",
            "- Owner: Dana\n",
            "### Project: Website\n",
            "- Status: Active\n",
            "### Project: App\n",
            "- Status: Paused\n",
            "## Client: Globex\n",
        ));
        assert_eq!(
            shapes(&doc),
            [
                r#"{Client: {name: "Acme Inc", Owner: "Dana", Project: {name: "Website", Status: "Active"}, Project: {name: "App", Status: "Paused"}}}"#,
                r#"{Client: {name: "Globex"}}"#,
            ]
        );
        let client = doc.roots[0].as_map().unwrap()[0].value.as_map().unwrap();
        assert_eq!(
            (client[2].key_pos, client[2].value.pos),
            (Pos::new(3, 1), Pos::new(3, 1))
        );
    }

    #[test]
    fn records_keep_file_order_with_tables() {
        let doc = md(
            "## Client: Acme\n| a |\n|-|\n| 1 |\n\n- Owner: Dana\n## Deals\n| b |\n|-|\n| 2 |\n",
        );
        assert_eq!(
            shapes(&doc),
            [
                r#"{Client: {name: "Acme", Owner: "Dana"}}"#,
                r#"{Client: Acme: [{a: "1"}]}"#,
                r#"{Deals: [{b: "2"}]}"#,
            ]
        );
    }

    #[test]
    fn a_table_under_a_plain_heading_in_a_record_is_its_child() {
        let doc = md(
            "## Client: Acme\n- Owner: Dana\n### Projects\n| name |\n|-|\n| Website |\n## Projects\n| name |\n|-|\n| Loose |\n",
        );
        assert_eq!(
            shapes(&doc),
            [
                r#"{Client: {name: "Acme", Owner: "Dana", Projects: [{name: "Website"}]}}"#,
                r#"{Projects: [{name: "Loose"}]}"#,
            ]
        );
    }

    #[test]
    fn headings_without_a_kind_and_prose_produce_nothing() {
        let doc = md(concat!(
            "# Morning notes\n\nJust prose: with a colon.\n\n",
            "## Meeting at 10:30\n- Status: held\n\n",
            "## See https://example.com\n- Status: x\n\n",
            "## Notes:\n- Status: x\n\n",
            "> quoted: text\n\n```\nProject: Fake\n- Status: x\n```\n",
        ));
        assert_eq!(shapes(&doc), Vec::<String>::new());
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn setext_headings_count() {
        let doc = md("Project: Acme\n=============\n- Status: Active\n");
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Status: "Active"}}"#]
        );
        assert_eq!(doc.roots[0].pos, Pos::new(1, 1));
    }

    #[test]
    fn yaml_front_matter_is_file_metadata() {
        let doc =
            md("---\nseat: ops\nupdated_at: 2026-05-01\n---\n## Project: Acme\n- Status: Active\n");
        let front = doc.front_matter.as_ref().expect("front matter");
        let keys = keys(front);
        assert_eq!(keys, ["seat", "updated_at"]);
        assert_eq!(
            front.as_map().unwrap()[0].value.scalar_text().unwrap(),
            "ops"
        );
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            ["{Project@5:1: {name@5:13: \"Acme\"@5:13, Status@6:3: \"Active\"@6:11}@5:1}@5:1"]
        );
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn toml_front_matter_is_file_metadata() {
        let doc = md("+++\nseat = \"ops\"\n+++\n\n| a |\n|-|\n| 1 |\n");
        let front = doc.front_matter.as_ref().expect("front matter");
        assert_eq!(front.as_map().unwrap()[0].key, "seat");
        assert_eq!(shapes(&doc), [r#"{: [{a: "1"}]}"#]);
        assert_eq!(doc.roots[0].pos, Pos::new(5, 1));
    }

    #[test]
    fn yaml_front_matter_may_end_with_dots() {
        let doc = md("---\nseat: ops\n...\n# Title\n");
        assert!(doc.front_matter.is_some());
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn empty_front_matter_is_no_front_matter() {
        for text in ["---\n---\n", "---\n\n  \n---\n# x\n", "+++\n+++"] {
            let doc = md(text);
            assert_eq!(doc.front_matter, None, "{text:?}");
            assert!(doc.problems.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn broken_front_matter_is_a_problem_and_the_rest_still_reads() {
        for text in [
            "---\nseat: [ops\n---\n## Project: Acme\n- Status: Active\n",
            "+++\nseat = \n+++\n## Project: Acme\n- Status: Active\n",
        ] {
            let doc = md(text);
            assert_eq!(doc.front_matter, None, "{text:?}");
            assert_eq!(
                shapes(&doc),
                [r#"{Project: {name: "Acme", Status: "Active"}}"#],
                "{text:?}"
            );
            let [problem] = doc.problems.as_slice() else {
                panic!("{:?}", doc.problems)
            };
            assert_eq!(problem.severity, Severity::Error);
            assert!((2..=3).contains(&problem.pos.line), "{problem:?}");
        }
    }

    #[test]
    fn front_matter_that_is_not_a_map_is_a_problem() {
        let doc = md("---\n- a\n- b\n---\n");
        assert_eq!(doc.front_matter, None);
        assert_eq!(doc.problems.len(), 1);
        assert_eq!(doc.problems[0].severity, Severity::Error);
    }

    #[test]
    fn unclosed_front_matter_is_a_warning_and_the_file_reads_as_markdown() {
        let doc = md("---\nseat: ops\n\n## Project: Acme\n- Status: Active\n");
        assert_eq!(doc.front_matter, None);
        assert_eq!(
            shapes(&doc),
            [r#"{Project: {name: "Acme", Status: "Active"}}"#]
        );
        assert_eq!(
            problems(&doc),
            [
                "warning 1:1: front matter opened with `---` is never closed; the file is read as plain Markdown"
            ]
        );
        assert_eq!(md("+++").problems.len(), 1);
    }

    #[test]
    fn front_matter_must_open_the_file() {
        let doc = md("\n---\nseat: ops\n---\n");
        assert_eq!(doc.front_matter, None);
        assert!(doc.problems.is_empty());
    }

    #[test]
    fn crlf_line_endings() {
        let doc = md(
            "---\r\nseat: ops\r\n---\r\n## Project: Acme\r\n- Status: Active\r\n\r\n## Deals\r\n| name |\r\n|---|\r\n| Big |\r\n",
        );
        assert!(doc.front_matter.is_some());
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            [
                "{Project@4:1: {name@4:13: \"Acme\"@4:13, Status@5:3: \"Active\"@5:11}@4:1}@4:1",
                "{Deals@7:1: [{name@8:3: \"Big\"@10:3}@10:1]@8:1}@7:1",
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let doc = md("\u{feff}## Project: Acme\n- Status: Active\n");
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            ["{Project@1:1: {name@1:13: \"Acme\"@1:13, Status@2:3: \"Active\"@2:11}@1:1}@1:1"]
        );
        let doc = md("\u{feff}---\nseat: ops\n---\n");
        assert!(doc.front_matter.is_some());
    }

    #[test]
    fn empty_and_prose_only_files_produce_nothing() {
        for text in [
            "",
            "\n\n",
            "Just a note.\n\nAnother paragraph with *emphasis*.\n",
            "# Title\n\n- a\n- b\n",
        ] {
            let doc = md(text);
            assert_eq!(doc, Document::default(), "{text:?}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let doc = md("## Équipe\n| nom | état |\n|---|---|\n| Zoë | prêt |\n");
        assert_eq!(
            doc.roots.iter().map(located).collect::<Vec<_>>(),
            ["{Équipe@1:1: [{nom@2:3: \"Zoë\"@4:3, état@2:9: \"prêt\"@4:9}@4:1]@2:1}@1:1"]
        );
    }

    #[test]
    fn large_inputs_read_in_linear_time() {
        // Counting columns from the line start for every cell would make
        // these take minutes.
        let cells = 50_000;
        let header = "| h ".repeat(cells) + "|\n";
        let rule = "|-".repeat(cells) + "|\n";
        let row = "| é ".repeat(cells) + "|\n";
        let doc = md(&format!("## Wide\n{header}{rule}{row}"));
        let list = &doc.roots[0].as_map().unwrap()[0].value;
        let NodeValue::List(rows) = &list.value else {
            unreachable!()
        };
        assert_eq!(
            rows[0].as_map().unwrap().len(),
            1,
            "repeated names are skipped"
        );
        assert_eq!(doc.problems.len(), cells - 1);

        let bullets = "- Key: value\n".repeat(100_000);
        let doc = md(&format!("## Project: Big\n{bullets}"));
        assert_eq!(
            doc.roots[0].as_map().unwrap()[0]
                .value
                .as_map()
                .unwrap()
                .len(),
            100_001
        );

        let sections = "## Project: P\n- Status: x\n".repeat(20_000);
        assert_eq!(md(&sections).roots.len(), 20_000);
    }

    proptest! {
        #[test]
        fn never_panics_on_any_text(text in any::<String>()) {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_markdown_like_text(
            text in "(\u{feff})?((---|\\+\\+\\+|#{1,3} |[-*] |\\| |\\|-|\\*\\*|`|: |Kind: |[a-zé ]{1,6}|\\[x\\]\\(y\\)|&amp;|\r?\n|  ){0,40})"
        ) {
            let doc = parse(&text).unwrap();
            let lines = text.split('\n').count() as u32;
            let mut stack: Vec<&Node> = doc.roots.iter().collect();
            while let Some(node) = stack.pop() {
                prop_assert!(node.pos.line >= 1 && node.pos.line <= lines, "{:?} in {:?}", node.pos, text);
                match &node.value {
                    NodeValue::Map(entries) => {
                        for entry in entries {
                            prop_assert!(entry.key_pos.line >= 1 && entry.key_pos.line <= lines);
                            prop_assert!(entry.value.value != NodeValue::Null, "no placeholder left in {:?}", text);
                            stack.push(&entry.value);
                        }
                    }
                    NodeValue::List(items) => stack.extend(items),
                    _ => {}
                }
            }
        }
    }
}
