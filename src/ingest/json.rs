//! Reader for JSON state files.
//!
//! Parsing is done by `jsonc-parser`, for the byte offset of every token,
//! with every JSONC extension turned off: a file an agent left half-written
//! must be reported, not quietly read as something it never said. The
//! tree is built straight from its scanner, with the crate parser's grammar
//! and error messages; its syntax tree is only the tests' reference.
//!
//! The limits and helpers shared by every structured reader live here too,
//! so all formats reject runaway nesting the same way.

use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::Token;
use jsonc_parser::{ParseOptions, Scanner, ScannerOptions};

use crate::diag::{LineIndex, Pos};
use crate::ingest::tree::{Document, Entry, MapLimit, Node, NodeValue, ParseError, Problem};

/// Deepest nesting of lists and maps any reader accepts. Real state files
/// stay within a handful of levels; the limit keeps recursive parsers, tree
/// conversion and drops far from the end of the stack.
pub(crate) const MAX_DEPTH: usize = 128;

/// The error every reader gives when [`MAX_DEPTH`] is crossed at `pos`.
pub(crate) fn too_deep(pos: Pos) -> ParseError {
    ParseError::at(pos, too_deep_message())
}

pub(crate) fn too_deep_message() -> String {
    format!("nested deeper than {MAX_DEPTH} levels")
}

/// Callers usually strip a byte-order mark, but a reader must not choke on
/// one: most parsers treat U+FEFF as an unexpected character.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses one JSON document into a single root; an empty file has no roots.
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    let text = strip_bom(text);
    let lines = LineIndex::new(text);
    let mut problems = Vec::new();
    let roots = parse_slice(text, 0, &lines, &mut problems)?
        .into_iter()
        .collect();
    Ok(Document {
        roots,
        problems,
        ..Document::default()
    })
}

/// Parses `slice`, which starts at byte `base` of the text `lines` indexes,
/// so positions are those of the whole file, and adds what it recovered
/// from to `problems`. JSON Lines parses each line this way.
pub(crate) fn parse_slice<'a>(
    slice: &'a str,
    base: usize,
    lines: &LineIndex<'_>,
    problems: &mut Vec<Problem>,
) -> Result<Option<Node<'a>>, ParseError> {
    if let Err(offset) = check_depth(slice) {
        return Err(too_deep(lines.pos(base + offset)));
    }
    Direct::new(slice, Converter { base, lines }).root(problems)
}

/// Reads `slice` through the crate's syntax tree, which [`Direct`] is
/// tested against.
#[cfg(test)]
fn through_syntax_tree<'a>(
    slice: &'a str,
    convert: Converter<'_>,
) -> Result<Option<Node<'a>>, ParseError> {
    let parsed =
        jsonc_parser::parse_to_ast(slice, &jsonc_parser::CollectOptions::default(), &STRICT)
            .map_err(|err| {
                ParseError::at(convert.pos(err.range().start), plain_message(err.kind()))
            })?;
    parsed.value.map(|value| convert.node(value, 1)).transpose()
}

/// Plain JSON only. The crate accepts JSONC extensions by default, and
/// with them a file an agent left half-written (a missing comma) would
/// read as if nothing were wrong.
const STRICT: ParseOptions = ParseOptions {
    allow_comments: false,
    allow_loose_object_property_names: false,
    allow_trailing_commas: false,
    allow_missing_commas: false,
    allow_single_quoted_strings: false,
    allow_hexadecimal_numbers: false,
    allow_unary_plus_numbers: false,
    allow_bare_decimal_point_numbers: false,
    allow_non_finite_numbers: false,
    allow_extended_string_escapes: false,
};

/// The crate's message for `kind`, lower-cased like the other readers'.
fn plain_message(kind: &ParseErrorKind) -> String {
    let message = kind.to_string();
    let mut chars = message.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or(message)
}

/// Finds where bracket nesting first exceeds [`MAX_DEPTH`], skipping strings
/// and comments. `jsonc-parser` recurses once per level, so this runs before
/// it; it is a single pass with no allocation.
fn check_depth(text: &str) -> Result<(), usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i = match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(i);
                }
                i + 1
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i + 1
            }
            b'"' | b'\'' => skip_string(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'/') => skip_until(bytes, i + 2, b"\n"),
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_until(bytes, i + 2, b"*/"),
            _ => i + 1,
        };
    }
    Ok(())
}

/// Index just past the string literal opening at `start`.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            _ if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Index just past the first `end` at or after `from`, or the end of input.
fn skip_until(bytes: &[u8], from: usize, end: &[u8]) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.windows(end.len()).position(|w| w == end))
        .map_or(bytes.len(), |p| from + p + end.len())
}

/// The scanner settings [`STRICT`] gives the parser.
const STRICT_SCANNER: ScannerOptions = ScannerOptions {
    allow_single_quoted_strings: STRICT.allow_single_quoted_strings,
    allow_hexadecimal_numbers: STRICT.allow_hexadecimal_numbers,
    allow_unary_plus_numbers: STRICT.allow_unary_plus_numbers,
    allow_bare_decimal_point_numbers: STRICT.allow_bare_decimal_point_numbers,
    allow_non_finite_numbers: STRICT.allow_non_finite_numbers,
    allow_extended_string_escapes: STRICT.allow_extended_string_escapes,
};

/// Builds the tree straight from the crate's scanner: building its syntax
/// tree first took about 24 times the file's size and a third of the
/// reading time, and a file cut short while an agent wrote it took that
/// again to find its error. The grammar and every error (kind and
/// position) are the crate's parser's, which the tests check against it.
struct Direct<'a, 'b> {
    scanner: Scanner<'a>,
    convert: Converter<'b>,
    /// Per nesting level, the items of the list or the entries of the map
    /// open there, reused from one list or map to the next: each finished
    /// one is then allocated once at its exact size, where growing it by
    /// doubling would leave a quarter of a large file's tree unused.
    lists: Vec<Vec<Node<'a>>>,
    maps: Vec<Vec<Entry<'a>>>,
    /// Maps that held more single values than are read (see [`MapLimit`]).
    problems: Vec<Problem>,
}

/// Why [`Direct`] stopped: the byte where the error is and what it is.
struct Failure {
    start: usize,
    message: String,
}

impl Failure {
    fn at(start: usize, kind: ParseErrorKind) -> Self {
        Failure {
            start,
            message: plain_message(&kind),
        }
    }
}

type Read<T> = Result<T, Failure>;

impl<'a, 'b> Direct<'a, 'b> {
    fn new(slice: &'a str, convert: Converter<'b>) -> Self {
        Direct {
            scanner: Scanner::new(slice, &STRICT_SCANNER),
            convert,
            lists: Vec::new(),
            maps: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The one value the text holds, `None` for none; what it recovered
    /// from goes to `problems` when it reads.
    fn root(mut self, problems: &mut Vec<Problem>) -> Result<Option<Node<'a>>, ParseError> {
        match self.document() {
            Ok(root) => {
                problems.append(&mut self.problems);
                Ok(root)
            }
            Err(failure) => Err(ParseError::at(
                self.convert.pos(failure.start),
                failure.message,
            )),
        }
    }

    fn document(&mut self) -> Read<Option<Node<'a>>> {
        let Some(token) = self.scan()? else {
            return Ok(None);
        };
        let root = self.value(token, 1)?;
        if self.scan()?.is_some() {
            return Err(self.here(ParseErrorKind::MultipleRootJsonValues));
        }
        Ok(Some(root))
    }

    /// The next token; comments are not JSON.
    fn scan(&mut self) -> Read<Option<Token<'a>>> {
        match self.scanner.scan() {
            Ok(Some(Token::CommentLine(_) | Token::CommentBlock(_))) => {
                Err(self.here(ParseErrorKind::CommentsNotAllowed))
            }
            Ok(token) => Ok(token),
            Err(err) => Err(Failure {
                start: err.range().start,
                message: plain_message(err.kind()),
            }),
        }
    }

    /// `kind` at the token just scanned.
    fn here(&self, kind: ParseErrorKind) -> Failure {
        Failure::at(self.scanner.token_start(), kind)
    }

    /// The value `token` begins, at nesting level `depth`.
    fn value(&mut self, token: Token<'a>, depth: usize) -> Read<Node<'a>> {
        let start = self.scanner.token_start();
        let pos = self.convert.pos(start);
        let value = match token {
            Token::Null => NodeValue::Null,
            Token::Boolean(b) => NodeValue::Bool(b),
            Token::Number(n) => NodeValue::Number(n.into()),
            Token::String(s) => NodeValue::String(s),
            Token::OpenBracket | Token::OpenBrace if depth > MAX_DEPTH => {
                return Err(self.here(ParseErrorKind::NestingDepthExceeded));
            }
            Token::OpenBracket => NodeValue::List(self.list(start, depth)?),
            Token::OpenBrace => NodeValue::Map(self.map(start, pos, depth)?),
            Token::CloseBracket => return Err(self.here(ParseErrorKind::UnexpectedCloseBracket)),
            Token::CloseBrace => return Err(self.here(ParseErrorKind::UnexpectedCloseBrace)),
            Token::Comma => return Err(self.here(ParseErrorKind::UnexpectedComma)),
            Token::Colon => return Err(self.here(ParseErrorKind::UnexpectedColon)),
            Token::Word(_) | Token::CommentLine(_) | Token::CommentBlock(_) => {
                return Err(self.here(ParseErrorKind::UnexpectedWord));
            }
        };
        Ok(Node::new(pos, value))
    }

    /// After an item of a list or map closed by `close`: the token that
    /// begins the next item (or is `close`). A missing comma is an error
    /// where the item ends, when the next token could begin an item
    /// (`begins_item`); any other token is the caller's to refuse.
    fn after_item(
        &mut self,
        close: Token<'a>,
        begins_item: impl Fn(&Token<'a>) -> bool,
    ) -> Read<Option<Token<'a>>> {
        let item_end = self.scanner.token_end();
        match self.scan()? {
            Some(Token::Comma) => {
                let comma = self.scanner.token_start();
                let next = self.scan()?;
                if next.as_ref() == Some(&close) {
                    return Err(Failure::at(comma, ParseErrorKind::TrailingCommasNotAllowed));
                }
                Ok(next)
            }
            Some(token) if begins_item(&token) => {
                Err(Failure::at(item_end, ParseErrorKind::ExpectedComma))
            }
            other => Ok(other),
        }
    }

    /// The list whose `[` is at byte `open`.
    fn list(&mut self, open: usize, depth: usize) -> Read<Vec<Node<'a>>> {
        let mut items = take_level(&mut self.lists, depth);
        let mut token = self.scan()?;
        loop {
            match token {
                Some(Token::CloseBracket) => break,
                None => return Err(Failure::at(open, ParseErrorKind::UnterminatedArray)),
                Some(first) => items.push(self.value(first, depth + 1)?),
            }
            token = self.after_item(Token::CloseBracket, |t| {
                matches!(
                    t,
                    Token::OpenBrace
                        | Token::OpenBracket
                        | Token::String(_)
                        | Token::Boolean(_)
                        | Token::Number(_)
                        | Token::Null
                )
            })?;
        }
        Ok(finish_level(&mut self.lists, depth, items))
    }

    /// The map whose `{` is at byte `open`, position `pos`.
    fn map(&mut self, open: usize, pos: Pos, depth: usize) -> Read<Vec<Entry<'a>>> {
        let mut entries = take_level(&mut self.maps, depth);
        let mut limit = MapLimit::default();
        let mut token = self.scan()?;
        loop {
            let key = match token {
                Some(Token::CloseBrace) => break,
                Some(Token::String(key)) => key,
                None => return Err(Failure::at(open, ParseErrorKind::UnterminatedObject)),
                Some(Token::Word(_) | Token::Number(_) | Token::Boolean(_) | Token::Null) => {
                    return Err(self.here(ParseErrorKind::ExpectedStringObjectProperty));
                }
                Some(_) => return Err(self.here(ParseErrorKind::UnexpectedTokenInObject)),
            };
            let key_pos = self.convert.pos(self.scanner.token_start());
            if self.scan()? != Some(Token::Colon) {
                return Err(self.here(ParseErrorKind::ExpectedColonAfterObjectKey));
            }
            let Some(first) = self.scan()? else {
                return Err(self.here(ParseErrorKind::ExpectedObjectValue));
            };
            let value = self.value(first, depth + 1)?;
            if limit.keeps(&value.value) {
                entries.push(Entry {
                    key,
                    key_pos,
                    value,
                });
            }
            token = self.after_item(Token::CloseBrace, |t| {
                matches!(
                    t,
                    Token::String(_)
                        | Token::Word(_)
                        | Token::Number(_)
                        | Token::Boolean(_)
                        | Token::Null
                )
            })?;
        }
        self.problems.extend(limit.problem(pos, "map"));
        Ok(finish_level(&mut self.maps, depth, entries))
    }
}

/// A level's list once read, at its exact size: a copy of a small one, so
/// the level keeps its room for the next; a large one given back its
/// spare room, which the allocator does without a copy.
fn finish_level<T>(levels: &mut [Vec<T>], depth: usize, mut items: Vec<T>) -> Vec<T> {
    if items.len() > LARGE_LEVEL {
        items.shrink_to_fit();
        return items;
    }
    let mut exact = Vec::with_capacity(items.len());
    exact.append(&mut items);
    levels[depth] = items;
    exact
}

/// Items beyond which a list or map is kept as it was read rather than
/// copied at its exact size.
const LARGE_LEVEL: usize = 4096;

/// The reusable list of nesting level `depth`, emptied, taken out of
/// `levels` while the level is read (its values read the deeper levels).
fn take_level<T>(levels: &mut Vec<Vec<T>>, depth: usize) -> Vec<T> {
    if levels.len() <= depth {
        levels.resize_with(depth + 1, Vec::new);
    }
    let mut level = std::mem::take(&mut levels[depth]);
    level.clear();
    level
}

#[derive(Clone, Copy)]
struct Converter<'b> {
    base: usize,
    lines: &'b LineIndex<'b>,
}

impl Converter<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(self.base + offset)
    }

    /// `depth` is the nesting level of `value`; the pre-scan already bounds
    /// it, and checking again keeps this recursion safe on its own.
    #[cfg(test)]
    fn node<'v>(
        &self,
        value: jsonc_parser::ast::Value<'v>,
        depth: usize,
    ) -> Result<Node<'v>, ParseError> {
        use jsonc_parser::ast::Value;
        use jsonc_parser::common::Ranged;
        let pos = self.pos(value.range().start);
        let value = match value {
            Value::NullKeyword(_) => NodeValue::Null,
            Value::BooleanLit(b) => NodeValue::Bool(b.value),
            Value::NumberLit(n) => NodeValue::Number(n.value.into()),
            Value::StringLit(s) => NodeValue::String(s.value),
            Value::Array(_) | Value::Object(_) if depth > MAX_DEPTH => return Err(too_deep(pos)),
            Value::Array(array) => NodeValue::List(
                array
                    .elements
                    .into_iter()
                    .map(|element| self.node(element, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(object) => NodeValue::Map(
                object
                    .properties
                    .into_iter()
                    .map(|prop| {
                        Ok(Entry {
                            key_pos: self.pos(prop.name.range().start),
                            key: prop_name(prop.name),
                            value: self.node(prop.value, depth + 1)?,
                        })
                    })
                    .collect::<Result<_, ParseError>>()?,
            ),
        };
        Ok(Node::new(pos, value))
    }
}

#[cfg(test)]
fn prop_name(name: jsonc_parser::ast::ObjectPropName<'_>) -> crate::ingest::tree::Text<'_> {
    use jsonc_parser::ast::ObjectPropName;
    match name {
        ObjectPropName::String(s) => s.value,
        ObjectPropName::Word(w) => w.value.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::tree::testing::keys;
    use proptest::prelude::*;

    fn root(text: &str) -> Node<'_> {
        crate::ingest::tree::testing::only_root(parse(text))
    }

    fn entries<'n, 'a>(node: &'n Node<'a>) -> &'n [Entry<'a>] {
        node.as_map().expect("a map")
    }

    #[test]
    fn lists_and_maps_are_held_at_their_exact_size() {
        let items: Vec<String> = (0..5000).map(|i| format!(r#"{{"n": {i}}}"#)).collect();
        let text = format!(
            r#"{{"a": [1, 2, 3], "b": {{"x": 1, "y": [{{"z": 2}}]}}, "c": [{}]}}"#,
            items.join(",")
        );
        fn check(node: &Node<'_>) {
            match &node.value {
                NodeValue::List(items) => {
                    assert_eq!(items.capacity(), items.len());
                    items.iter().for_each(check);
                }
                NodeValue::Map(entries) => {
                    assert_eq!(entries.capacity(), entries.len());
                    entries.iter().for_each(|e| check(&e.value));
                }
                _ => {}
            }
        }
        check(&root(&text));
    }

    #[test]
    fn values_keep_positions_and_number_text() {
        let node =
            root("{\n  \"name\": \"Acme\",\n  \"budget\": 1.50,\n  \"tags\": [true, null]\n}\n");
        assert_eq!(node.pos, Pos::new(1, 1));
        let map = entries(&node);
        assert_eq!(map[0].key, "name");
        assert_eq!(map[0].key_pos, Pos::new(2, 3));
        assert_eq!(map[0].value, Node::string(Pos::new(2, 11), "Acme"));
        assert_eq!(map[1].value.value, NodeValue::Number("1.50".into()));
        assert_eq!(map[1].value.pos, Pos::new(3, 13));
        let NodeValue::List(tags) = &map[2].value.value else {
            panic!("a list")
        };
        assert_eq!(tags[0], Node::new(Pos::new(4, 12), NodeValue::Bool(true)));
        assert_eq!(tags[1], Node::new(Pos::new(4, 18), NodeValue::Null));
    }

    #[test]
    fn a_map_keeps_as_many_single_values_as_a_record_reads() {
        use crate::ingest::tree::MAX_FIELDS;
        let singles: Vec<String> = (0..MAX_FIELDS + 10)
            .map(|i| format!(r#""k{i}": "v""#))
            .collect();
        let text = format!(
            "{{\"items\": [{{\"n\": 1}}],\n {}, \"more\": {{\"x\": 1}}}}",
            singles.join(", ")
        );
        let doc = parse(&text).unwrap();
        let kept = keys(&doc.roots[0]);
        assert_eq!(kept.len(), MAX_FIELDS + 2);
        assert_eq!(kept[0], "items");
        assert_eq!(kept[MAX_FIELDS], format!("k{}", MAX_FIELDS - 1));
        assert_eq!(kept[MAX_FIELDS + 1], "more");
        let [problem] = &doc.problems[..] else {
            panic!("one problem: {:?}", doc.problems)
        };
        assert_eq!(problem.pos, Pos::new(1, 1));
        assert_eq!(problem.severity, crate::diag::Severity::Warning);
        assert_eq!(
            problem.message,
            format!(
                "the map has {} keys, more than the {MAX_FIELDS} a record may have; \
                 the last 10 that hold a single value are not read",
                MAX_FIELDS + 12
            )
        );
        let at_limit: Vec<String> = (0..MAX_FIELDS).map(|i| format!(r#""k{i}": 1"#)).collect();
        let text = format!("{{{}}}", at_limit.join(","));
        let doc = parse(&text).unwrap();
        assert!(doc.problems.is_empty());
        assert_eq!(keys(&doc.roots[0]).len(), MAX_FIELDS);
    }

    #[test]
    fn entries_stay_in_written_order() {
        let node = root(r#"{"z": 1, "a": 2, "m": 3}"#);
        let keys = keys(&node);
        assert_eq!(keys, ["z", "a", "m"]);
    }

    #[test]
    fn string_escapes_are_decoded() {
        let node = root(r#"["caf\u00e9 \"x\""]"#);
        let NodeValue::List(items) = node.value else {
            panic!("a list")
        };
        assert_eq!(items[0].value, NodeValue::String("café \"x\"".into()));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let node = root("{\"né\": \"é\", \"k\": 1}");
        assert_eq!(entries(&node)[1].key_pos, Pos::new(1, 13));
    }

    #[test]
    fn half_written_json_is_an_error_not_guessed_at() {
        for text in [
            "{\"a\": 1\n \"b\": 2}",
            "{\"a\": [1, 2,]}",
            "// state\n{\"a\": 1}",
            "{a: 1}",
            "{\"a\": 'x'}",
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.pos.is_some(), "{text:?}");
        }
        let err = parse("{\"a\": 1\n \"b\": 2}").unwrap_err();
        assert_eq!(err.pos.map(|p| p.line), Some(1));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse("{\n  \"a\": 1,\n  \"b\": ]\n}").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(3, 8)));
        assert_eq!(err.message, "unexpected close bracket");
    }

    #[test]
    fn unterminated_object_is_an_error() {
        let err = parse("{\"a\": 1").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(1, 1)));
    }

    #[test]
    fn empty_and_blank_files_have_no_roots() {
        for text in ["", "   \n\t\n", "\u{feff}"] {
            let doc = parse(text).expect("parses");
            assert!(doc.roots.is_empty(), "{text:?}");
            assert!(doc.problems.is_empty());
        }
    }

    #[test]
    fn crlf_lines_are_counted_once() {
        let node = root("{\r\n\"a\": 1,\r\n\"b\": 2\r\n}\r\n");
        assert_eq!(entries(&node)[1].key_pos, Pos::new(3, 1));
        assert_eq!(entries(&node)[1].value.pos, Pos::new(3, 6));
    }

    #[test]
    fn leading_bom_is_ignored() {
        let node = root("\u{feff}{\"a\": 1}");
        assert_eq!(node.pos, Pos::new(1, 1));
        assert_eq!(entries(&node)[0].key_pos, Pos::new(1, 2));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        for open in ["[", "{\"a\":"] {
            let text = open.repeat(100_000);
            let err = parse(&text).unwrap_err();
            assert_eq!(err.message, "nested deeper than 128 levels");
            let column = (MAX_DEPTH * open.len() + 1) as u32;
            assert_eq!(err.pos, Some(Pos::new(1, column)));
        }
    }

    #[test]
    fn nesting_up_to_the_limit_is_accepted() {
        let text = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let noise = "[".repeat(MAX_DEPTH + 1);
        let text = format!("{{\"a\": \"{noise}\", \"b\": \"\\\"{noise}\"}}");
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn large_input_converts_in_linear_time() {
        let rows: Vec<String> = (0..50_000)
            .map(|i| format!("{{\"id\": {i}, \"name\": \"p{i}\"}}"))
            .collect();
        let text = format!("[\n{}\n]", rows.join(",\n"));
        let node = root(&text);
        let NodeValue::List(items) = node.value else {
            panic!("a list")
        };
        assert_eq!(items.len(), 50_000);
        assert_eq!(items[49_999].pos, Pos::new(50_001, 1));
    }

    /// A minified export (`json.dumps(state)`): one line of megabytes. Each
    /// value's column is counted from the one before it, not from the start
    /// of the line, so this reads in time linear in its bytes.
    #[test]
    fn a_minified_file_of_megabytes_keeps_exact_columns() {
        let record = |i: usize| format!("{{\"id\":{i},\"name\":\"Projet \u{e9}t\u{e9} {i}\"}}");
        let rows: Vec<String> = (0..60_000).map(record).collect();
        let text = format!("{{\"projects\":[{}]}}", rows.join(","));
        assert!(text.len() > 2_000_000, "{} bytes", text.len());
        assert!(!text.contains('\n'));

        let node = root(&text);
        let projects = &entries(&node)[0].value;
        let NodeValue::List(items) = &projects.value else {
            panic!("a list")
        };
        let last = items.last().expect("records");
        let name = &entries(last)[1];
        assert_eq!(
            name.value.value,
            NodeValue::String("Projet \u{e9}t\u{e9} 59999".into())
        );
        let before = &text[..text.rfind("\"Projet").expect("the last name")];
        let column = before.chars().count() as u32 + 1;
        assert_eq!(name.value.pos, Pos::new(1, column));
        assert_eq!(name.key_pos, Pos::new(1, column - 7));
    }

    /// What [`Direct`] and the syntax tree make of `text`.
    type Read<'a> = Result<Option<Node<'a>>, ParseError>;

    fn both_ways(text: &str) -> (Read<'_>, Read<'_>) {
        let lines = LineIndex::new(text);
        let convert = Converter {
            base: 0,
            lines: &lines,
        };
        let direct = Direct::new(text, convert).root(&mut Vec::new());
        (direct, through_syntax_tree(text, convert))
    }

    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as Json;
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i64>().prop_map(Json::from),
            any::<f64>()
                .prop_filter("finite", |x| x.is_finite())
                .prop_map(Json::from),
            "\\PC{0,12}|[\\x00-\\x7f]{0,12}".prop_map(Json::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
                prop::collection::vec(("\\PC{0,8}", inner), 0..6)
                    .prop_map(|entries| Json::Object(entries.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn every_error_is_the_one_the_syntax_tree_gives() {
        for text in [
            "{\"a\": 1,}",
            "[1,]",
            "// note\n{}",
            "{\"a\": 1 /* note */}",
            "{a: 1}",
            "{1: 1}",
            "{,}",
            "[1] [2]",
            "[1 2]",
            "{\"a\": 1 \"b\": 2}",
            "{\"a\": 1 ]",
            "[1 }",
            "[1 :",
            "{\"a\" 1}",
            "{\"a\": }",
            "{\"a\":",
            "{\"projects\": [{\"name\": \"Acme\"}, {\"name\": \"Glo",
            "{\"projects\": [{\"name\": \"Acme\"}, {\"name\"",
            "[[1, 2], [3",
            "tru",
            "\"\\x\"",
        ] {
            let (direct, tree) = both_ways(text);
            assert!(tree.is_err(), "{text:?}");
            assert_eq!(direct, tree, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn valid_json_is_read_directly_as_the_syntax_tree_reads_it(
            value in json_value(),
            pretty: bool,
        ) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let (direct, tree) = both_ways(&text);
            prop_assert!(tree.is_ok());
            prop_assert_eq!(direct, tree);
        }

        /// A file cut short, as an agent leaves it while writing.
        #[test]
        fn a_cut_file_fails_as_the_syntax_tree_says(
            value in json_value(),
            pretty: bool,
            cut in 0.0..1.0f64,
        ) {
            let text = if pretty {
                serde_json::to_string_pretty(&value).unwrap()
            } else {
                serde_json::to_string(&value).unwrap()
            };
            let mut end = (text.len() as f64 * cut) as usize;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let (direct, tree) = both_ways(&text[..end]);
            prop_assert_eq!(direct, tree);
        }

        #[test]
        fn the_direct_reader_reads_all_text_as_the_syntax_tree_does(
            text in r#"[\[\]{}",:'/*\\a-z0-9 \n\r\t.eE+-]{0,60}"#,
        ) {
            let (direct, tree) = both_ways(&text);
            prop_assert_eq!(direct, tree);
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn arbitrary_json_like_text_never_panics(text in r#"[\[\]{}",:'/*\\a-z0-9 \n\r-]{0,200}"#) {
            let _ = parse(&text);
        }
    }
}
