//! Reader for TOML state files and TOML (`+++`) Markdown front matter.
//!
//! `toml::de::DeTable` keeps a span on every key and value. Two things need
//! fixing up afterwards: its tables are sorted by key (the crate's map is a
//! `BTreeMap` unless its `preserve_order` feature is on), so entries are put
//! back in written order by key position; and integers, floats and dates
//! are taken from their source text so `1.50` and `2026-12-01` stay as
//! written. Each `[[table]]` element's span is its header, which is where
//! the spec says such a record begins, so no adjustment is needed there.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{LineIndex, Pos, Severity};
use crate::ingest::json::{MAX_DEPTH, strip_bom, too_deep};
use crate::ingest::tree::{Document, Entry, Node, NodeValue, ParseError, Problem, Text};
use crate::text::sanitize;

/// Parses a TOML file into one root table; a file with no keys (empty,
/// blank, comments only) has no roots.
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    let (root, problems) = parse_with_problems(strip_bom(text), 0)?;
    let empty = matches!(&root.value, NodeValue::Map(entries) if entries.is_empty());
    Ok(Document {
        roots: if empty { Vec::new() } else { vec![root] },
        problems,
        ..Document::default()
    })
}

/// Parses TOML front matter whose first line is line `first_line` of the
/// file, so positions point into the file rather than the snippet. Front
/// matter with no keys is an empty map. Its warnings go to `problems`.
pub fn parse_front_matter<'a>(
    text: &'a str,
    first_line: u32,
    problems: &mut Vec<Problem>,
) -> Result<Node<'a>, ParseError> {
    let (root, mut found) = parse_with_problems(strip_bom(text), first_line.saturating_sub(1))?;
    problems.append(&mut found);
    Ok(root)
}

/// Parses a TOML file or front matter, with a warning for each key given
/// twice in one table.
pub fn parse_with_problems(
    text: &str,
    line_offset: u32,
) -> Result<(Node<'_>, Vec<Problem>), ParseError> {
    let lines = LineIndex::new(text);
    let convert = Converter {
        text,
        lines: &lines,
        base: 0,
        line_offset,
    };
    if let Err(offset) = check_depth(text) {
        return Err(too_deep(convert.pos(offset)));
    }
    let (root, problems) = match DeTable::parse(text) {
        Ok(root) => (root, Vec::new()),
        Err(err) => {
            // TOML forbids a key twice in a table, but agents write it as
            // they would in YAML or JSON: read such a file as those are
            // read, with a warning, when that is all that is wrong.
            let (root, errors) = DeTable::parse_recoverable(text);
            if errors.is_empty() || errors.iter().any(|e| !is_duplicate(e)) {
                return Err(convert.error(&err));
            }
            (root, errors)
        }
    };
    // The root table's own span is empty; it starts where the file does.
    let pos = convert.pos(0);
    let mut root = Node::new(pos, NodeValue::Map(convert.table(root.into_inner(), 1)?));
    let problems = problems
        .iter()
        .filter_map(|e| e.span())
        .map(|span| convert.repeated(&mut root, span))
        .collect();
    Ok((root, problems))
}

fn is_duplicate(error: &toml::de::Error) -> bool {
    error.message().trim() == "duplicate key" && error.span().is_some()
}

struct Converter<'a, 'l> {
    /// What the spans the parser gives index.
    text: &'a str,
    /// Positions in the whole file, which `text` starts `base` bytes into.
    lines: &'l LineIndex<'a>,
    base: usize,
    line_offset: u32,
}

impl<'a> Converter<'a, '_> {
    fn pos(&self, offset: usize) -> Pos {
        let pos = self.lines.pos(self.base + offset);
        Pos::new(pos.line.saturating_add(self.line_offset), pos.column)
    }

    /// The warning for the key at `span` given a second time, whose first
    /// value `root` holds (the parser keeps the first). When the later key
    /// and its value sit on one line, the later value replaces the first,
    /// as in every other format; else the first stays, and the warning
    /// says so.
    fn repeated(&self, root: &mut Node<'a>, span: Range<usize>) -> Problem {
        let later = self.pos(span.start);
        let written = self.text.get(span.clone()).unwrap_or_default();
        let key = written.trim_matches(|c| c == '"' || c == '\'');
        let earlier = earlier_entry(root, key, later);
        let first = earlier.as_ref().map(|entry| entry.key_pos.line);
        let line_end = self.text[span.start..]
            .find('\n')
            .map_or(self.text.len(), |end| span.start + end);
        let own_line = &self.text[span.start..line_end];
        let replaced = match earlier {
            Some(entry) => match self.later_value(own_line, span.start, key) {
                Some(node) => {
                    entry.value = node;
                    entry.key_pos = later;
                    true
                }
                None => false,
            },
            None => false,
        };
        let lines = match first {
            Some(line) => format!("on lines {line} and {}", later.line),
            None => format!("again on line {}", later.line),
        };
        let read = if replaced {
            "the later value is read"
        } else {
            "TOML allows a key once, and the first value is read"
        };
        Problem {
            pos: later,
            severity: Severity::Warning,
            message: format!(
                "`{}` is given twice in one table, {lines}; {read}",
                sanitize(key)
            ),
        }
    }

    /// The value of `key` in `line`, a `key = value` that starts `base`
    /// bytes into the text.
    fn later_value(&self, line: &'a str, base: usize, key: &str) -> Option<Node<'a>> {
        let table = DeTable::parse(line).ok()?.into_inner();
        let convert = Converter {
            text: line,
            lines: self.lines,
            base: self.base + base,
            line_offset: self.line_offset,
        };
        let (found, value) = table.into_iter().next()?;
        (found.get_ref().as_ref() == key)
            .then(|| convert.node(value, 2).ok())
            .flatten()
    }

    fn error(&self, err: &toml::de::Error) -> ParseError {
        // Messages can span lines (a hint after the cause); a diagnostic
        // is one line.
        let message = err
            .message()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match err.span() {
            Some(span) => ParseError::at(self.pos(span.start), message),
            None => ParseError::new(message),
        }
    }

    /// `depth` is the nesting level of the table itself (the root is 1).
    fn table(&self, table: DeTable<'a>, depth: usize) -> Result<Vec<Entry<'a>>, ParseError> {
        let mut entries: Vec<_> = table.into_iter().collect();
        entries.sort_by_key(|(key, _)| key.span().start);
        entries
            .into_iter()
            .map(|(key, value)| {
                Ok(Entry {
                    key_pos: self.pos(key.span().start),
                    key: key.into_inner(),
                    value: self.node(value, depth + 1)?,
                })
            })
            .collect()
    }

    /// The pre-scan bounds `depth`; checking again keeps this recursion safe
    /// even where the scan and the crate disagree about invalid input.
    fn node(&self, value: Spanned<DeValue<'a>>, depth: usize) -> Result<Node<'a>, ParseError> {
        let span = value.span();
        let pos = self.pos(span.start);
        let value = match value.into_inner() {
            DeValue::String(s) => NodeValue::String(s),
            DeValue::Boolean(b) => NodeValue::Bool(b),
            DeValue::Integer(i) => {
                NodeValue::Number(self.source(span).unwrap_or_else(|| i.to_string().into()))
            }
            DeValue::Float(f) => {
                NodeValue::Number(self.source(span).unwrap_or_else(|| f.to_string().into()))
            }
            DeValue::Datetime(d) => {
                NodeValue::String(self.source(span).unwrap_or_else(|| d.to_string().into()))
            }
            DeValue::Array(_) | DeValue::Table(_) if depth > MAX_DEPTH => {
                return Err(too_deep(pos));
            }
            DeValue::Array(items) => NodeValue::List(
                items
                    .into_iter()
                    .map(|item| self.node(item, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            DeValue::Table(table) => NodeValue::Map(self.table(table, depth)?),
        };
        Ok(Node::new(pos, value))
    }

    fn source(&self, span: Range<usize>) -> Option<Text<'a>> {
        self.text
            .get(span)
            .filter(|s| !s.is_empty())
            .map(Text::Borrowed)
    }
}

/// The entry of `key` written last before `before`, in any table.
fn earlier_entry<'n, 'a>(
    node: &'n mut Node<'a>,
    key: &str,
    before: Pos,
) -> Option<&'n mut Entry<'a>> {
    let mut best: Option<&'n mut Entry<'a>> = None;
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &mut node.value {
            NodeValue::Map(entries) => {
                for entry in entries.iter_mut() {
                    let candidate = entry.key == key
                        && entry.key_pos < before
                        && best.as_ref().is_none_or(|b| b.key_pos < entry.key_pos);
                    if candidate {
                        best = Some(entry);
                    } else {
                        stack.push(&mut entry.value);
                    }
                }
            }
            NodeValue::List(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    best
}

/// Finds where the document would nest deeper than [`MAX_DEPTH`]: header
/// key parts, dotted key parts, arrays and inline tables all add a level.
/// The crate caps brackets and key parts separately (80 each), but
/// combined (dotted keys inside nested inline tables) they still build
/// trees thousands of levels deep, which are dropped recursively. This is a
/// single pass over the bytes; it only has to be right for valid TOML,
/// since invalid TOML fails in the parser anyway.
fn check_depth(text: &str) -> Result<(), usize> {
    DepthScan::default().run(text.as_bytes())
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    /// Before the first token of a top-level line.
    LineStart,
    /// Reading a table header; `parts` so far.
    Header { parts: usize, array: bool },
    /// After a header's closing bracket, until the end of the line.
    AfterHeader,
    /// Reading a key; each dot opens a table one level deeper.
    Key,
    /// Reading a value.
    Value,
}

#[derive(Clone, Copy)]
enum Open {
    Array(usize),
    InlineTable(usize),
}

struct DepthScan {
    mode: Mode,
    /// Open arrays and inline tables with their levels.
    open: Vec<Open>,
    /// Level of the table the current `[header]` opened.
    table_level: usize,
    /// Level of the table the key being read belongs to.
    key_level: usize,
    /// Level a container starting at this point of a value would have.
    value_level: usize,
}

impl Default for DepthScan {
    fn default() -> Self {
        Self {
            mode: Mode::LineStart,
            open: Vec::new(),
            table_level: 1,
            key_level: 1,
            value_level: 2,
        }
    }
}

impl DepthScan {
    fn run(mut self, bytes: &[u8]) -> Result<(), usize> {
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            i = match b {
                b'"' | b'\'' => skip_toml_string(bytes, i),
                b'#' => memchr_newline(bytes, i),
                _ => {
                    self.step(b, i)?;
                    i + 1
                }
            };
        }
        Ok(())
    }

    fn step(&mut self, b: u8, at: usize) -> Result<(), usize> {
        if b == b'\n' {
            if self.open.is_empty() {
                self.mode = Mode::LineStart;
            }
            return Ok(());
        }
        match self.mode {
            Mode::LineStart => self.line_start(b),
            Mode::Header { parts, array } => self.header(b, at, parts, array)?,
            Mode::AfterHeader => {}
            Mode::Key => self.key(b, at)?,
            Mode::Value => self.value(b, at)?,
        }
        Ok(())
    }

    fn line_start(&mut self, b: u8) {
        match b {
            b' ' | b'\t' | b'\r' => {}
            b'[' => {
                self.mode = Mode::Header {
                    parts: 1,
                    array: false,
                }
            }
            _ => {
                self.mode = Mode::Key;
                self.key_level = self.table_level;
            }
        }
    }

    fn header(&mut self, b: u8, at: usize, parts: usize, array: bool) -> Result<(), usize> {
        match b {
            b'[' if parts == 1 && !array => self.mode = Mode::Header { parts, array: true },
            b'.' => {
                self.mode = Mode::Header {
                    parts: parts + 1,
                    array,
                }
            }
            b']' => {
                // `[a.b]` is the table b at level 1 + 2; `[[a.b]]` adds the
                // array that holds each element table.
                self.table_level = 1 + parts + usize::from(array);
                if self.table_level > MAX_DEPTH {
                    return Err(at);
                }
                self.mode = Mode::AfterHeader;
            }
            _ => {}
        }
        Ok(())
    }

    fn key(&mut self, b: u8, at: usize) -> Result<(), usize> {
        match b {
            b'.' => {
                self.key_level += 1;
                if self.key_level > MAX_DEPTH {
                    return Err(at);
                }
            }
            b'=' => {
                self.mode = Mode::Value;
                self.value_level = self.key_level + 1;
            }
            // An empty inline table, or a trailing comma before `}`.
            b'}' => self.close(),
            _ => {}
        }
        Ok(())
    }

    fn value(&mut self, b: u8, at: usize) -> Result<(), usize> {
        match b {
            b'[' | b'{' => {
                let level = self.value_level;
                if level > MAX_DEPTH {
                    return Err(at);
                }
                if b == b'[' {
                    self.open.push(Open::Array(level));
                    self.value_level = level + 1;
                } else {
                    self.open.push(Open::InlineTable(level));
                    self.mode = Mode::Key;
                    self.key_level = level;
                }
            }
            b']' | b'}' => self.close(),
            b',' => match self.open.last() {
                Some(&Open::InlineTable(level)) => {
                    self.mode = Mode::Key;
                    self.key_level = level;
                }
                Some(&Open::Array(level)) => self.value_level = level + 1,
                None => {}
            },
            _ => {}
        }
        Ok(())
    }

    /// After a closing bracket the scan is back in the enclosing value.
    fn close(&mut self) {
        self.open.pop();
        self.mode = Mode::Value;
        if let Some(&Open::Array(level)) = self.open.last() {
            self.value_level = level + 1;
        }
    }
}

/// Index just past the string starting at `start`: basic (`"`) or literal
/// (`'`), single-line or triple-quoted. A single-line string stops at the
/// end of its line even when unterminated, so one stray quote cannot hide
/// the rest of the file from the scan.
fn skip_toml_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let escapes = quote == b'"';
    let triple = [quote; 3];
    if bytes.get(start..start + 3) == Some(&triple[..]) {
        let mut i = start + 3;
        while i < bytes.len() {
            if escapes && bytes[i] == b'\\' {
                i += 2;
            } else if bytes.get(i..i + 3) == Some(&triple[..]) {
                // Up to two quotes may sit right before the closing three.
                let mut end = i + 3;
                while end < bytes.len() && end < i + 5 && bytes[end] == quote {
                    end += 1;
                }
                return end;
            } else {
                i += 1;
            }
        }
        return bytes.len();
    }
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' if escapes => i += 2,
            b'\n' => return i,
            _ if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index of the next newline at or after `from` (the newline itself is
/// left for the scan, since it ends the line), or the end of input.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tree::testing::{get, keys, only_root};
    use proptest::prelude::*;

    fn root(text: &str) -> Node<'_> {
        only_root(parse(text))
    }

    fn list<'n, 'a>(node: &'n Node<'a>) -> &'n [Node<'a>] {
        match &node.value {
            NodeValue::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn values_keep_positions() {
        let node = root("name = \"Acme\"\n\n[client]\nid = 7\n");
        assert_eq!(node.pos, Pos::new(1, 1));
        let name = get(&node, "name");
        assert_eq!(name.key_pos, Pos::new(1, 1));
        assert_eq!(name.value, Node::string(Pos::new(1, 8), "Acme"));
        let client = get(&node, "client");
        assert_eq!(client.key_pos, Pos::new(3, 2));
        assert_eq!(client.value.pos, Pos::new(3, 1));
        let id = get(&client.value, "id");
        assert_eq!(
            id.value,
            Node::new(Pos::new(4, 6), NodeValue::Number("7".into()))
        );
    }

    #[test]
    fn entries_stay_in_written_order() {
        let node = root("zeta = 1\nalpha = 2\nmid = 3\n[b]\nx = 1\n[a]\ny = 2\n");
        let keys = keys(&node);
        assert_eq!(keys, ["zeta", "alpha", "mid", "b", "a"]);
    }

    #[test]
    fn numbers_and_dates_keep_their_source_text() {
        let node = root(
            "a = 1.50\nb = 0xff\nc = 1_000\nd = -3\ne = 2026-12-01\nf = 1979-05-27T07:32:00Z # when\ng = 5e+22\n",
        );
        for (key, text) in [
            ("a", "1.50"),
            ("b", "0xff"),
            ("c", "1_000"),
            ("d", "-3"),
            ("g", "5e+22"),
        ] {
            assert_eq!(
                get(&node, key).value.value,
                NodeValue::Number(text.into()),
                "{key}"
            );
        }
        assert_eq!(
            get(&node, "e").value.value,
            NodeValue::String("2026-12-01".into())
        );
        assert_eq!(
            get(&node, "f").value.value,
            NodeValue::String("1979-05-27T07:32:00Z".into())
        );
    }

    #[test]
    fn array_of_tables_elements_start_at_their_headers() {
        let node =
            root("[[projects]]\nname = \"A\"\n\n[[projects]]\nname = \"B\"\nstatus = \"done\"\n");
        let projects = get(&node, "projects");
        assert_eq!(projects.key_pos, Pos::new(1, 3));
        let items = list(&projects.value);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].pos, Pos::new(1, 1));
        assert_eq!(items[1].pos, Pos::new(4, 1));
        assert_eq!(get(&items[1], "status").key_pos, Pos::new(6, 1));
    }

    #[test]
    fn nested_array_of_tables() {
        let node = root("[[client]]\nname = \"Acme\"\n[[client.project]]\nname = \"Site\"\n");
        let client = &list(&get(&node, "client").value)[0];
        let project = &list(&get(client, "project").value)[0];
        assert_eq!(project.pos, Pos::new(3, 1));
        assert_eq!(
            get(project, "name").value.value,
            NodeValue::String("Site".into())
        );
    }

    #[test]
    fn inline_tables_arrays_and_dotted_keys() {
        let node = root(
            "owner = { name = \"Dana\", team.lead = true }\ntags = [\"a\", [1, 2]]\nsite.url = \"x\"\n",
        );
        let owner = &get(&node, "owner").value;
        assert_eq!(owner.pos, Pos::new(1, 9));
        let team = &get(owner, "team").value;
        assert_eq!(get(team, "lead").value.value, NodeValue::Bool(true));
        let tags = list(&get(&node, "tags").value);
        assert_eq!(tags[1].pos, Pos::new(2, 14));
        let site = get(&node, "site");
        assert_eq!(get(&site.value, "url").key_pos, Pos::new(3, 6));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse("a = 1\nb = \nc = 3\n").unwrap_err();
        let pos = err.pos.expect("a position");
        assert_eq!(pos.line, 2);
        assert!(pos.column >= 1);
        assert!(!err.message.is_empty());
        assert!(!err.message.contains('\n'));
    }

    #[test]
    fn a_key_given_twice_is_a_warning_and_the_later_value_is_read() {
        let doc = parse("a = 1\nb = \"x\"\na = 2\n").unwrap();
        let NodeValue::Map(entries) = &doc.roots[0].value else {
            unreachable!()
        };
        let a = entries.iter().find(|e| e.key == "a").unwrap();
        assert_eq!(a.value.value, NodeValue::Number("2".into()));
        assert_eq!(a.value.pos, Pos::new(3, 5));
        let problems: Vec<String> = doc
            .problems
            .iter()
            .map(|p| format!("{}: {}", p.pos, p.message))
            .collect();
        assert_eq!(
            problems,
            ["3:1: `a` is given twice in one table, on lines 1 and 3; the later value is read"]
        );
        // A later value over several lines cannot be read on its own line.
        let doc = parse("a = 1\na = [\n  2,\n]\n").unwrap();
        assert!(
            doc.problems[0]
                .message
                .ends_with("TOML allows a key once, and the first value is read"),
            "{:?}",
            doc.problems
        );
    }

    #[test]
    fn empty_and_blank_files_have_no_roots() {
        for text in ["", "  \n\n", "# comment only\n", "\u{feff}", "\r\n"] {
            let doc = parse(text).expect("parses");
            assert!(doc.roots.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn crlf_lines_are_counted_once() {
        let node = root("a = 1\r\n\r\n[[p]]\r\nb = 2\r\n");
        let p = &list(&get(&node, "p").value)[0];
        assert_eq!(p.pos, Pos::new(3, 1));
        assert_eq!(get(p, "b").value.pos, Pos::new(4, 5));
    }

    #[test]
    fn leading_bom_is_ignored() {
        let node = root("\u{feff}a = 1.50\n");
        assert_eq!(get(&node, "a").key_pos, Pos::new(1, 1));
        assert_eq!(
            get(&node, "a").value.value,
            NodeValue::Number("1.50".into())
        );
    }

    #[test]
    fn deep_brackets_are_an_error() {
        for open in ["[", "{ a = "] {
            let text = format!("x = {}", open.repeat(100_000));
            let err = parse(&text).unwrap_err();
            assert_eq!(err.message, "nested deeper than 128 levels", "{open}");
            assert_eq!(err.pos.map(|p| p.line), Some(1));
        }
        let err = parse(&"[".repeat(100_000)).unwrap_err();
        assert!(err.pos.is_some());
    }

    #[test]
    fn dotted_keys_inside_inline_tables_cannot_nest_without_bound() {
        let dotted = vec!["k"; 60].join(".");
        let text = format!(
            "x = {}1{}",
            format!("{{ {dotted} = ").repeat(80),
            " }".repeat(80)
        );
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "nested deeper than 128 levels");
        assert_eq!(err.pos.map(|p| p.line), Some(1));
    }

    #[test]
    fn long_headers_and_dotted_keys_are_errors() {
        let path = vec!["k"; 100_000].join(".");
        assert!(parse(&format!("[{path}]\n")).is_err());
        assert!(parse(&format!("{path} = 1\n")).is_err());
    }

    #[test]
    fn nesting_below_the_limit_is_accepted() {
        // Header, dotted key and brackets together: 1 + 40 + 40 + 40 levels.
        let path = vec!["k"; 40].join(".");
        let text = format!("[{path}]\n{path} = {}1{}\n", "[".repeat(40), "]".repeat(40));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn scan_and_tree_agree_on_the_limit() {
        // A 60-part header is level 61, a 60-part key puts its value at
        // level 121, so 8 arrays reach level 128 and a ninth crosses it.
        let path = vec!["k"; 60].join(".");
        let doc = |arrays: usize| {
            format!(
                "[{path}]\n{path} = {}1{}\n",
                "[".repeat(arrays),
                "]".repeat(arrays)
            )
        };
        assert!(parse(&doc(8)).is_ok());
        let err = parse(&doc(9)).unwrap_err();
        assert_eq!(err.message, "nested deeper than 128 levels");
        assert_eq!(err.pos.map(|p| p.line), Some(2));
    }

    #[test]
    fn quoted_text_does_not_count_towards_depth() {
        let noise = "[{.".repeat(200);
        let text = format!(
            "a = \"{noise}\"\nb = '{noise}'\nc = \"\"\"\n{noise}\n\"\"\"\n\"{noise}\" = 1 # {noise}\n"
        );
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn large_input_converts_in_linear_time() {
        let text: String = (0..20_000)
            .map(|i| format!("[[projects]]\nid = {i}\nname = \"p{i}\"\n"))
            .collect();
        let node = root(&text);
        let items = list(&get(&node, "projects").value);
        assert_eq!(items.len(), 20_000);
        assert_eq!(items[19_999].pos, Pos::new(59_998, 1));
    }

    #[test]
    fn front_matter_positions_are_file_lines() {
        let node = parse_front_matter(
            "title = \"Plan\"\n[owner]\nname = \"Dana\"\n",
            2,
            &mut Vec::new(),
        )
        .unwrap();
        assert_eq!(node.pos, Pos::new(2, 1));
        let owner = get(&node, "owner");
        assert_eq!(owner.key_pos, Pos::new(3, 2));
        assert_eq!(get(&owner.value, "name").value.pos, Pos::new(4, 8));
    }

    #[test]
    fn front_matter_errors_are_file_lines() {
        let err = parse_front_matter("a = 1\nb = = 2\n", 10, &mut Vec::new()).unwrap_err();
        assert_eq!(err.pos.map(|p| p.line), Some(11));
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        let node = parse_front_matter("", 2, &mut Vec::new()).unwrap();
        assert_eq!(node.value, NodeValue::Map(Vec::new()));
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,200}") {
            let _ = parse(&text);
            let _ = parse_front_matter(&text, 3, &mut Vec::new());
        }

        #[test]
        fn arbitrary_toml_like_text_never_panics(text in r#"[\[\]{}=,.#"' \na-c0-9\-:]{0,200}"#) {
            let _ = parse(&text);
        }
    }
}
