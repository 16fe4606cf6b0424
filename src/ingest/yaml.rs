//! Reader for YAML state files and YAML (`---`) Markdown front matter.
//!
//! `serde-saphyr` only reports positions through `Spanned<T>`, and loses them
//! whenever serde buffers a value (untagged enums, flatten), so the raw tree
//! below has a hand-written visitor that asks for `Spanned` children
//! directly. Scalars are resolved by the crate (strict booleans, so `no` and
//! `on` stay text); numbers are then replaced by their source text, found
//! through the span's byte range, so `1.50` is not rewritten to `1.5`.

use compact_str::CompactString;
use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{
    Budget, DefaultMessageFormatter, DuplicateKeyPolicy, Error, ExternalMessageSource, Location,
    MessageFormatter, NonFiniteFloatPolicy, Options, Spanned,
};

use crate::diag::Pos;
use crate::ingest::json::{MAX_DEPTH, strip_bom, too_deep_message};
use crate::ingest::tree::{Document, Entry, Node, NodeValue, ParseError};

/// Parses every document of a YAML stream as one root each. Empty and null
/// documents are skipped, so an empty file has no roots.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let text = strip_bom(text);
    let roots = on_parser_stack(|| {
        let docs = serde_saphyr::from_multiple_with_options::<Spanned<Raw>>(text, options())
            .map_err(|err| parse_error(&err, 0))?;
        let convert = Converter {
            text,
            line_offset: 0,
        };
        Ok(docs.into_iter().map(|doc| convert.node(doc)).collect())
    })?;
    Ok(Document {
        roots,
        ..Document::default()
    })
}

/// Parses YAML front matter whose first line is line `first_line` of the
/// file, so positions point into the file rather than the snippet. Front
/// matter with no value (blank, comments only, `~`) is an empty map.
pub fn parse_front_matter(text: &str, first_line: u32) -> Result<Node, ParseError> {
    let text = strip_bom(text);
    let line_offset = first_line.saturating_sub(1);
    let node = on_parser_stack(|| {
        let doc = serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options())
            .map_err(|err| parse_error(&err, line_offset))?;
        Ok(Converter { text, line_offset }.node(doc))
    })?;
    Ok(match node.value {
        NodeValue::Null => Node::new(node.pos, NodeValue::Map(Vec::new())),
        _ => node,
    })
}

/// Stack for the parsing thread. serde-saphyr goes through many generic
/// frames per nesting level (about 45 KB each in a debug build), so even the
/// 128 levels the budget allows overflow the 2 MB stacks of test threads
/// and rayon workers. The memory is reserved, not committed, so a generous
/// size costs nothing for the usual shallow file.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Runs `parse` on a thread with [`PARSER_STACK_BYTES`] of stack, whatever
/// thread the caller is on. A panic inside the crate becomes a
/// [`ParseError`] for this file instead of taking the briefing down.
fn on_parser_stack<T: Send>(
    parse: impl FnOnce() -> Result<T, ParseError> + Send,
) -> Result<T, ParseError> {
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .name("yaml-parser".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, parse)
            .map_err(|err| ParseError::new(format!("could not start the YAML parser: {err}")))?;
        worker
            .join()
            .unwrap_or_else(|_| Err(ParseError::new("the YAML parser failed on this file")))
    })
}

fn options() -> Options {
    // `Options` and `Budget` are non-exhaustive, so they are set field by
    // field rather than with struct update syntax.
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    // Flow nesting (`[[[`) is refused by the parser itself, before the
    // budget sees an event; the same limit makes it fail at the same depth.
    budget.flow_nesting_limit = MAX_DEPTH;

    let mut options = Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    // Keep repeated keys like JSON does; which one counts is decided by
    // whoever reads the tree, not by the parser.
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    // `.inf`/`.nan` mean nothing in a state file; keep them as text rather
    // than failing the whole file.
    options.non_finite_float_policy = NonFiniteFloatPolicy::AsString;
    options.with_snippet = false;
    options
}

fn parse_error(err: &Error, line_offset: u32) -> ParseError {
    let err = err.without_snippet();
    let message = if is_depth_error(err) {
        too_deep_message()
    } else {
        plain_message(err)
    };
    match err.location().filter(|loc| loc.line() > 0) {
        Some(loc) => ParseError::at(position(loc, line_offset), message),
        None => ParseError::new(message),
    }
}

/// The nesting limit trips in three places: the budget (block nesting, and
/// aliases as they are replayed), the scanner (flow nesting) and
/// [`DepthGuard`] (the tree as built). Errors met while replaying an alias
/// come wrapped.
fn is_depth_error(mut err: &Error) -> bool {
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    match err {
        Error::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => true,
        Error::ExternalMessage { source, .. } => matches!(
            source.as_ref(),
            ExternalMessageSource::Parser(scan) if matches!(scan.kind(), ErrorKind::RecursionLimitExceeded)
        ),
        Error::Message { msg, .. } => *msg == too_deep_message(),
        _ => false,
    }
}

/// The crate's message without its "at line X, column Y" suffix (the
/// position travels separately), and without control characters, which
/// the formatter leaves to its caller to neutralise.
fn plain_message(err: &Error) -> String {
    DefaultMessageFormatter
        .format_message(err)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn position(loc: Location, line_offset: u32) -> Pos {
    let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Pos::new(
        clamp(loc.line()).saturating_add(line_offset),
        clamp(loc.column()),
    )
}

/// A YAML value as the crate resolves it, before positions and number text
/// are filled in from the source.
enum Raw {
    Null,
    Bool(bool),
    /// The crate's reading of the number, used only when the source text is
    /// unavailable.
    Number(String),
    String(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Counts the nesting of the tree being built. An alias replays its
/// anchor's whole subtree where it is used, so anchors that alias each
/// other can build a tree far deeper than the text. The budget catches the
/// cases we have tried, but conversion and drop recurse over the tree we
/// build, so its depth is bounded here whatever the crate counts. Serde
/// gives a `Deserialize` impl no state of its own, hence a thread-local;
/// the guard restores it even on error or unwind.
struct DepthGuard;

impl DepthGuard {
    fn enter<E: de::Error>() -> Result<Self, E> {
        DEPTH.with(|depth| {
            let next = depth.get() + 1;
            if next > MAX_DEPTH {
                return Err(E::custom(too_deep_message()));
            }
            depth.set(next);
            Ok(DepthGuard)
        })
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        DEPTH.with(|depth| depth.set(depth.get().saturating_sub(1)));
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Number(v.to_string()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Number(v.to_string()))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Number(v.to_string()))
    }

    fn visit_char<E>(self, v: char) -> Result<Raw, E> {
        Ok(Raw::String(v.to_string()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::String(v))
    }

    fn visit_bytes<E>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::String(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let _guard = DepthGuard::enter()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let _guard = DepthGuard::enter()?;
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Raw::Map(entries))
    }
}

struct Converter<'a> {
    text: &'a str,
    line_offset: u32,
}

impl Converter<'_> {
    /// Recursion here is bounded by [`DepthGuard`]: no `Raw` is deeper than
    /// [`MAX_DEPTH`].
    fn node(&self, spanned: Spanned<Raw>) -> Node {
        // `referenced` is where the value is used: for an alias or a merged
        // key that is the `*anchor` site, the place that mentions it here.
        let pos = position(spanned.referenced, self.line_offset);
        let value = match spanned.value {
            Raw::Null => NodeValue::Null,
            Raw::Bool(b) => NodeValue::Bool(b),
            Raw::Number(read) => NodeValue::Number(
                self.source(spanned.defined)
                    .map_or_else(|| read.into(), Into::into),
            ),
            Raw::String(s) => NodeValue::String(s.into()),
            Raw::Seq(items) => {
                NodeValue::List(items.into_iter().map(|item| self.node(item)).collect())
            }
            Raw::Map(entries) => {
                NodeValue::Map(entries.into_iter().map(|(k, v)| self.entry(k, v)).collect())
            }
        };
        Node::new(pos, value)
    }

    fn entry(&self, key: Spanned<Raw>, value: Spanned<Raw>) -> Entry {
        let source = self.source(key.defined);
        let key = self.node(key);
        Entry {
            key: key_text(key.value, source),
            key_pos: key.pos,
            value: self.node(value),
        }
    }

    /// The text a scalar was written as; the crate gives byte offsets for
    /// string input, and `defined` points at the text even through aliases.
    fn source(&self, loc: Location) -> Option<&str> {
        let span = loc.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        self.text
            .get(start..start.checked_add(len)?)
            .filter(|s| !s.is_empty())
    }
}

/// Keys are text in the tree. Non-string scalar keys keep how they were
/// written (`1`, `true`, `~`); collection keys (`? [a, b]`) are rendered in
/// flow style, which is enough to tell them apart.
fn key_text(key: NodeValue, source: Option<&str>) -> CompactString {
    match key {
        NodeValue::String(s) | NodeValue::Number(s) => s,
        NodeValue::Bool(b) => source.map_or_else(|| b.to_string().into(), Into::into),
        NodeValue::Null => source.unwrap_or_default().into(),
        collection => {
            let mut out = String::new();
            write_flow(&collection, &mut out);
            out.into()
        }
    }
}

fn write_flow(value: &NodeValue, out: &mut String) {
    match value {
        NodeValue::Null => out.push('~'),
        NodeValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        NodeValue::Number(s) | NodeValue::String(s) => out.push_str(s),
        NodeValue::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flow(&item.value, out);
            }
            out.push(']');
        }
        NodeValue::Map(entries) => {
            out.push('{');
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&entry.key);
                out.push_str(": ");
                write_flow(&entry.value.value, out);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn root(text: &str) -> Node {
        let mut doc = parse(text).expect("parses");
        assert_eq!(doc.roots.len(), 1);
        doc.roots.remove(0)
    }

    fn get<'n>(node: &'n Node, key: &str) -> &'n Entry {
        node.as_map()
            .expect("a map")
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no key {key}"))
    }

    #[test]
    fn values_keep_positions() {
        let node = root("name: Acme\nclient:\n  id: 7\nlist:\n  - one\n  - two\n");
        assert_eq!(node.pos, Pos::new(1, 1));
        let name = get(&node, "name");
        assert_eq!(name.key_pos, Pos::new(1, 1));
        assert_eq!(name.value, Node::string(Pos::new(1, 7), "Acme"));
        let client = get(&node, "client");
        assert_eq!(client.value.pos, Pos::new(3, 3));
        let id = get(&client.value, "id");
        assert_eq!(id.key_pos, Pos::new(3, 3));
        assert_eq!(
            id.value,
            Node::new(Pos::new(3, 7), NodeValue::Number("7".into()))
        );
        let NodeValue::List(items) = &get(&node, "list").value.value else {
            panic!("a list")
        };
        assert_eq!(items[1], Node::string(Pos::new(6, 5), "two"));
    }

    #[test]
    fn numbers_keep_their_source_text() {
        let node =
            root("a: 1.50\nb: 0x1F\nc: 1_000\nd: 123456789012345678901234567890\ne: !!float 2\n");
        for (key, text) in [
            ("a", "1.50"),
            ("b", "0x1F"),
            ("c", "1_000"),
            ("d", "123456789012345678901234567890"),
            ("e", "2"),
        ] {
            assert_eq!(
                get(&node, key).value.value,
                NodeValue::Number(text.into()),
                "{key}"
            );
        }
    }

    #[test]
    fn booleans_are_strict() {
        let node = root("a: no\nb: yes\nc: on\nd: true\ne: false\n");
        assert_eq!(get(&node, "a").value.value, NodeValue::String("no".into()));
        assert_eq!(get(&node, "b").value.value, NodeValue::String("yes".into()));
        assert_eq!(get(&node, "c").value.value, NodeValue::String("on".into()));
        assert_eq!(get(&node, "d").value.value, NodeValue::Bool(true));
        assert_eq!(get(&node, "e").value.value, NodeValue::Bool(false));
    }

    #[test]
    fn scalars_of_other_kinds() {
        let node = root("n: ~\nd: 2026-12-01\nq: \"1.5\"\ninf: .inf\nfold: >\n  one\n  two\n");
        assert_eq!(get(&node, "n").value.value, NodeValue::Null);
        assert_eq!(
            get(&node, "d").value.value,
            NodeValue::String("2026-12-01".into())
        );
        assert_eq!(get(&node, "q").value.value, NodeValue::String("1.5".into()));
        assert_eq!(
            get(&node, "inf").value.value,
            NodeValue::String(".inf".into())
        );
        assert_eq!(
            get(&node, "fold").value.value,
            NodeValue::String("one two\n".into())
        );
    }

    #[test]
    fn entries_stay_in_written_order_with_duplicates() {
        let node = root("z: 1\na: 2\nz: 3\n");
        let keys: Vec<_> = node
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["z", "a", "z"]);
    }

    #[test]
    fn non_string_keys_are_stringified() {
        let node = root("1.50: one\ntrue: yes\n~: none\n? [a, {b: 2}]\n: pair\n");
        let keys: Vec<_> = node
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["1.50", "true", "~", "[a, {b: 2}]"]);
    }

    #[test]
    fn aliases_and_merges_resolve_at_the_use_site() {
        let node = root(
            "base: &b {status: active, budget: 1.50}\nproject:\n  <<: *b\n  name: Acme\ncopy: *b\n",
        );
        let project = &get(&node, "project").value;
        let status = get(project, "status");
        assert_eq!(status.value.value, NodeValue::String("active".into()));
        assert_eq!(status.value.pos.line, 3);
        let copy = &get(&node, "copy").value;
        assert_eq!(
            get(copy, "budget").value.value,
            NodeValue::Number("1.50".into())
        );
        assert_eq!(copy.pos, Pos::new(5, 7));
    }

    #[test]
    fn application_tags_are_ignored() {
        let node = root("a: !Project {name: Acme}\nb: !note hello\n");
        assert_eq!(
            get(&get(&node, "a").value, "name").value.value,
            NodeValue::String("Acme".into())
        );
        assert_eq!(
            get(&node, "b").value.value,
            NodeValue::String("hello".into())
        );
    }

    #[test]
    fn every_document_is_a_root() {
        let doc = parse("a: 1\n---\nb: 2\n---\n- x\n").unwrap();
        assert_eq!(doc.roots.len(), 3);
        assert_eq!(doc.roots[1].pos, Pos::new(3, 1));
        assert_eq!(get(&doc.roots[1], "b").key_pos, Pos::new(3, 1));
        assert_eq!(doc.roots[2].pos, Pos::new(5, 1));
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let err = parse("a: 1\n  b: 2\n").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(2, 4)));
        assert!(
            !err.message.contains("line"),
            "plain message: {}",
            err.message
        );
        let err = parse("a: \"open\n").unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(1, 4)));
    }

    #[test]
    fn empty_and_blank_files_have_no_roots() {
        for text in [
            "",
            "  \n\n",
            "# just a comment\n",
            "\u{feff}",
            "---\n",
            "~\n",
        ] {
            let doc = parse(text).expect("parses");
            assert!(doc.roots.is_empty(), "{text:?}");
        }
    }

    #[test]
    fn crlf_lines_are_counted_once() {
        let node = root("a: 1\r\nb:\r\n  - x\r\n");
        let NodeValue::List(items) = &get(&node, "b").value.value else {
            panic!("a list")
        };
        assert_eq!(items[0].pos, Pos::new(3, 5));
    }

    #[test]
    fn leading_bom_is_ignored() {
        let node = root("\u{feff}a: 1.50\n");
        assert_eq!(get(&node, "a").key_pos, Pos::new(1, 1));
        assert_eq!(
            get(&node, "a").value.value,
            NodeValue::Number("1.50".into())
        );
    }

    #[test]
    fn deep_block_nesting_is_an_error() {
        let text: String = (0..1_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "nested deeper than 128 levels");
        assert_eq!(err.pos.map(|p| p.line), Some(129));
    }

    #[test]
    fn deep_flow_nesting_is_an_error() {
        for open in ["[", "{a: "] {
            let err = parse(&open.repeat(100_000)).unwrap_err();
            assert_eq!(err.message, "nested deeper than 128 levels", "{open}");
            assert_eq!(err.pos.map(|p| p.line), Some(1));
        }
    }

    #[test]
    fn nesting_built_by_aliases_is_bounded() {
        let level = |inner: &str| format!("{}{inner}{}", "[".repeat(100), "]".repeat(100));
        let text = format!("a: &a {}\nb: {}\n", level("x"), level("*a"));
        let err = parse(&text).unwrap_err();
        assert_eq!(err.message, "nested deeper than 128 levels");
        assert!(err.pos.is_some());
    }

    #[test]
    fn nesting_up_to_the_limit_is_accepted() {
        let depth = MAX_DEPTH;
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&text).is_ok());
    }

    #[test]
    fn large_input_converts_in_linear_time() {
        // Positions come from the crate's locations, never from recounting
        // lines. The size stays modest because the crate alone takes about
        // 0.3 ms per record in a debug build.
        let text: String = (0..5_000)
            .map(|i| format!("- id: {i}\n  name: p{i}\n"))
            .collect();
        let node = root(&text);
        let NodeValue::List(items) = node.value else {
            panic!("a list")
        };
        assert_eq!(items.len(), 5_000);
        assert_eq!(items[4_999].pos, Pos::new(9_999, 3));
    }

    #[test]
    fn front_matter_positions_are_file_lines() {
        let node = parse_front_matter("title: Plan\nowner: Dana\n", 2).unwrap();
        assert_eq!(node.pos, Pos::new(2, 1));
        let owner = get(&node, "owner");
        assert_eq!(owner.key_pos, Pos::new(3, 1));
        assert_eq!(owner.value.pos, Pos::new(3, 8));
    }

    #[test]
    fn front_matter_errors_are_file_lines() {
        let err = parse_front_matter("a: 1\n  b: 2\n", 5).unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(6, 4)));
    }

    #[test]
    fn empty_front_matter_is_an_empty_map() {
        let node = parse_front_matter("", 2).unwrap();
        assert_eq!(node.value, NodeValue::Map(Vec::new()));
        assert_eq!(node.pos.line, 2);
    }

    proptest! {
        #[test]
        fn arbitrary_text_never_panics(text in ".{0,200}") {
            let _ = parse(&text);
            let _ = parse_front_matter(&text, 3);
        }

        #[test]
        fn arbitrary_yaml_like_text_never_panics(text in r#"[-:?&*!|>'"\[\]{},# \na-c0-9\t.]{0,200}"#) {
            let _ = parse(&text);
        }
    }
}
