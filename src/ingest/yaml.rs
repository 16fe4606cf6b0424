//! Reader for YAML state files and YAML (`---`) Markdown front matter.
//!
//! The tree is built straight from `granit-parser`'s event stream with an
//! explicit stack, so nesting costs heap rather than thread stack and the
//! positions are the parser's own. Scalars resolve as YAML 1.2's core schema
//! with strict booleans (`no` and `on` stay text); numbers keep their source
//! text, so `1.50` is not rewritten to `1.5`.
//!
//! Aliases and merge keys (`<<`) follow what the reader has always done,
//! which was serde-saphyr's: a copy reports the alias's position throughout,
//! and merged entries come after the map's own, at the position of the value
//! that brought them in, never replacing a key the map writes itself.

use std::borrow::Cow;
use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use compact_str::CompactString;
use granit_parser::{ErrorKind, Event, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::diag::Pos;
use crate::ingest::json::{MAX_DEPTH, strip_bom, too_deep_message};
use crate::ingest::tree::{Document, Entry, Node, NodeValue, ParseError};

/// Parses every document of a YAML stream as one root each. Empty and null
/// documents are skipped, so an empty file has no roots.
pub fn parse(text: &str) -> Result<Document, ParseError> {
    let text = strip_bom(text);
    let mut roots = Vec::new();
    guarded(|| {
        let mut reader = Reader::new(text, 0);
        while let Some(root) = reader.document()? {
            // A null document is no document, unless an application tag
            // says otherwise (`--- !note`).
            if root.node.value != NodeValue::Null || root.tagged {
                roots.push(root.node);
            }
        }
        Ok(())
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
    let node = guarded(|| {
        let mut reader = Reader::new(text, first_line.saturating_sub(1));
        let node = match reader.document()? {
            Some(root) => root.node,
            None => Node::new(reader.last_pos, NodeValue::Null),
        };
        if let Some(pos) = reader.next_content()? {
            return Err(ParseError::at(
                pos,
                "multiple YAML documents detected; use from_str_multiple or from_str_multiple_with_options",
            ));
        }
        Ok(node)
    })?;
    Ok(match node.value {
        NodeValue::Null => Node::new(node.pos, NodeValue::Map(Vec::new())),
        _ => node,
    })
}

/// A panic inside the parser becomes a [`ParseError`] for this file instead
/// of taking the briefing down.
fn guarded<T>(parse: impl FnOnce() -> Result<T, ParseError>) -> Result<T, ParseError> {
    catch_unwind(AssertUnwindSafe(parse))
        .unwrap_or_else(|_| Err(ParseError::new("the YAML parser failed on this file")))
}

/// Events an alias may replay in one file. Anchors that alias each other
/// grow the tree exponentially with the text ("billion laughs"); every
/// copied node counts here, so the copies stay bounded whatever the nesting.
const MAX_REPLAYED_EVENTS: usize = 1_000_000;

/// An anchored node, kept for the aliases that copy it.
#[derive(Clone)]
struct Anchored<'t> {
    node: Node,
    /// What a scalar was written as, for a key that reuses it.
    source: Option<&'t str>,
    merge_key: bool,
    written: Pos,
}

/// A finished node on its way to its parent.
struct Built<'t> {
    node: Node,
    source: Option<&'t str>,
    /// A `<<` key: its value's entries are merged into the enclosing map.
    merge_key: bool,
    /// A scalar with an application tag.
    tagged: bool,
    /// The anchor an alias copied, whose positions are where it was written.
    alias: usize,
    /// Where the node itself is written, whatever position it reports.
    written: Pos,
}

enum Frame {
    List {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
        /// A `<<` value: each item must be a map, or a list of maps.
        merge_list: bool,
        /// A `<<` list, or a list within one: the maps in it are merged.
        chain: bool,
        /// Where the maps in a `<<` list say they are, when not each where
        /// its item starts.
        item_pos: Option<Pos>,
        in_merge: bool,
        merge_pos: Option<Pos>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<(CompactString, Pos, bool)>,
        /// Entries from `<<` values, added after the map's own once it ends.
        merged: Vec<Entry>,
        in_merge: bool,
        merge_pos: Option<Pos>,
    },
}

impl Frame {
    /// Whether a child about to open is read as part of a `<<` value, so
    /// that `<<` errors within it wait for that value to be read whole.
    /// A list of maps is not one value: each of its items is.
    fn merge_child(parent: Option<&Self>, list: bool) -> bool {
        match parent {
            None => false,
            Some(Self::Map {
                key: Some((_, _, true)),
                in_merge,
                ..
            }) => !list || *in_merge,
            Some(Self::List {
                merge_list: true, ..
            }) => true,
            Some(Self::List { in_merge, .. } | Self::Map { in_merge, .. }) => *in_merge,
        }
    }

    /// Where a map's entries will say they are once merged: where the `<<`
    /// value (or the item of a `<<` list) holding it starts. What is written
    /// inside takes that position; what an alias copies keeps the alias's.
    /// `None` outside `<<` values.
    fn merge_pos(&self) -> Option<Pos> {
        match self {
            Self::List { merge_pos, .. } | Self::Map { merge_pos, .. } => *merge_pos,
        }
    }

    /// Whether the node read next is a `<<` value or part of one's list
    /// structure, where a scalar is an error and keeps its own position.
    fn takes_merge(&self) -> bool {
        matches!(
            self,
            Self::Map {
                key: Some((_, _, true)),
                ..
            } | Self::List { chain: true, .. }
        )
    }

    /// For a collection about to open at `pos` under `parent`: its merge
    /// position, and for a list of maps to merge, whether it is one and
    /// where its maps say they are.
    fn merge_place(
        parent: Option<&Self>,
        list: bool,
        pos: Pos,
    ) -> (Option<Pos>, bool, Option<Pos>) {
        let inherited = parent.and_then(Self::merge_pos);
        let item = match parent {
            Some(Self::Map {
                key: Some((_, _, true)),
                ..
            }) if list => return (None, true, inherited),
            Some(Self::Map {
                key: Some((_, _, true)),
                ..
            }) => inherited.unwrap_or(pos),
            Some(Self::List {
                chain: true,
                item_pos,
                ..
            }) => item_pos.unwrap_or(pos),
            _ => return (inherited, false, None),
        };
        if list {
            (None, true, Some(item))
        } else {
            (Some(item), false, None)
        }
    }
}

struct Reader<'t> {
    text: &'t str,
    parser: Parser<'t, granit_parser::StrInput<'t>>,
    line_offset: u32,
    stack: Vec<Frame>,
    anchors: Vec<Option<Anchored<'t>>>,
    replayed: usize,
    /// A `<<` error waiting for the value around it to be read whole.
    deferred: Option<ParseError>,
    /// Where the last event was, for a document that has no node to point at.
    last_pos: Pos,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str, line_offset: u32) -> Self {
        let mut options = granit_parser::Options::default();
        // Flow nesting (`[[[`) is refused by the scanner, block nesting when
        // the tree is built; both fail at the same depth.
        options.flow_nesting_limit = MAX_DEPTH;
        options.block_nesting_limit = options.block_nesting_limit.max(MAX_DEPTH + 1);
        options.set_emit_comments(false);
        Self {
            text,
            parser: Parser::new_from_str_with_options(text, options),
            line_offset,
            stack: Vec::new(),
            anchors: Vec::new(),
            replayed: 0,
            deferred: None,
            last_pos: Pos::new(line_offset.saturating_add(1), 1),
        }
    }

    fn next_event(&mut self) -> Result<Option<(Event<'t>, Span)>, ParseError> {
        match self.parser.next_event() {
            None => Ok(None),
            Some(Ok((event, span))) => {
                self.last_pos = self.pos(&span);
                Ok(Some((event, span)))
            }
            Some(Err(err)) => Err(self.scan_error(&err)),
        }
    }

    /// The root of the next document, or `None` at the end of the stream.
    fn document(&mut self) -> Result<Option<Built<'t>>, ParseError> {
        while let Some((event, span)) = self.next_event()? {
            let pos = self.pos(&span);
            let built = match event {
                Event::Scalar(value, style, anchor, tag) => {
                    let source = span.slice(self.text).filter(|s| !s.is_empty());
                    let kind = check_tag(tag.as_deref(), None, pos)?;
                    let merge_key = value == "<<"
                        && (kind == Kind::Merge
                            || kind == Kind::None && style == ScalarStyle::Plain);
                    let value = resolve(value, style, kind, source)
                        .map_err(|message| ParseError::at(pos, message))?;
                    let at = self
                        .stack
                        .last()
                        .filter(|parent| !parent.takes_merge())
                        .and_then(Frame::merge_pos);
                    let built = Built {
                        node: Node::new(at.unwrap_or(pos), value),
                        source,
                        merge_key,
                        tagged: kind == Kind::Other,
                        alias: 0,
                        written: pos,
                    };
                    self.remember(anchor, &built);
                    built
                }
                Event::SequenceStart(_, anchor, tag) => {
                    self.open(tag.as_deref(), Kind::Seq, pos)?;
                    let merge_list = matches!(
                        self.stack.last(),
                        Some(Frame::Map {
                            key: Some((_, _, true)),
                            ..
                        })
                    );
                    let in_merge = Frame::merge_child(self.stack.last(), true);
                    let (merge_pos, chain, item_pos) =
                        Frame::merge_place(self.stack.last(), true, pos);
                    self.stack.push(Frame::List {
                        pos: merge_pos.unwrap_or(pos),
                        anchor,
                        items: Vec::new(),
                        merge_list,
                        chain,
                        item_pos,
                        in_merge,
                        merge_pos,
                    });
                    continue;
                }
                Event::MappingStart(_, anchor, tag) => {
                    self.open(tag.as_deref(), Kind::Map, pos)?;
                    let in_merge = Frame::merge_child(self.stack.last(), false);
                    let (merge_pos, _, _) = Frame::merge_place(self.stack.last(), false, pos);
                    self.stack.push(Frame::Map {
                        pos: merge_pos.unwrap_or(pos),
                        anchor,
                        entries: Vec::new(),
                        key: None,
                        merged: Vec::new(),
                        in_merge,
                        merge_pos,
                    });
                    continue;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        continue;
                    };
                    let (node, anchor) = match frame {
                        Frame::List {
                            pos, anchor, items, ..
                        } => (Node::new(pos, NodeValue::List(items)), anchor),
                        Frame::Map {
                            pos,
                            anchor,
                            mut entries,
                            merged,
                            ..
                        } => {
                            if !merged.is_empty() {
                                // A key of the map's own, or merged earlier, wins.
                                let mut seen: HashSet<CompactString> =
                                    entries.iter().map(|e| e.key.clone()).collect();
                                entries.extend(
                                    merged.into_iter().filter(|e| seen.insert(e.key.clone())),
                                );
                            }
                            (Node::new(pos, NodeValue::Map(entries)), anchor)
                        }
                    };
                    let written = node.pos;
                    let built = Built {
                        node,
                        source: None,
                        merge_key: false,
                        tagged: false,
                        alias: 0,
                        written,
                    };
                    self.remember(anchor, &built);
                    built
                }
                Event::Alias(id) => self.replay(id, pos)?,
                Event::DocumentStart(..) | Event::DocumentEnd => {
                    self.anchors.clear();
                    continue;
                }
                _ => continue,
            };
            if let Some(root) = self.deliver(built)? {
                return Ok(Some(root));
            }
        }
        Ok(None)
    }

    /// Where the next document's content starts, if there is another one.
    fn next_content(&mut self) -> Result<Option<Pos>, ParseError> {
        while let Some((event, span)) = self.next_event()? {
            let pos = self.pos(&span);
            let tag = match &event {
                Event::Scalar(_, _, _, tag) => check_tag(tag.as_deref(), None, pos),
                Event::SequenceStart(_, _, tag) => check_tag(tag.as_deref(), Some(Kind::Seq), pos),
                Event::MappingStart(_, _, tag) => check_tag(tag.as_deref(), Some(Kind::Map), pos),
                _ => Ok(Kind::None),
            };
            tag?;
            if event.is_node() {
                return Ok(Some(pos));
            }
        }
        Ok(None)
    }

    fn open(&self, tag: Option<&Tag>, kind: Kind, pos: Pos) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError::at(pos, too_deep_message()));
        }
        check_tag(tag, Some(kind), pos).map(drop)
    }

    fn remember(&mut self, anchor: usize, built: &Built<'t>) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some(Anchored {
            node: built.node.clone(),
            source: built.source,
            merge_key: built.merge_key,
            written: built.written,
        });
    }

    /// A copy of the anchored node, placed where the alias uses it: every
    /// position in the copy is the alias's own.
    fn replay(&mut self, id: usize, pos: Pos) -> Result<Built<'t>, ParseError> {
        let open = self.stack.iter().any(|frame| match frame {
            Frame::List { anchor, .. } | Frame::Map { anchor, .. } => *anchor == id,
        });
        let anchored = match self.anchors.get(id) {
            Some(Some(anchored)) if !open => anchored,
            _ if open => {
                return Err(ParseError::at(
                    pos,
                    "recursive references require weak recursion types",
                ));
            }
            _ => return Err(ParseError::at(pos, "alias references unknown anchor")),
        };
        let (events, depth) = measure(&anchored.node.value);
        if self.stack.len() + depth > MAX_DEPTH {
            return Err(ParseError::at(pos, too_deep_message()));
        }
        self.replayed = self.replayed.saturating_add(events);
        if self.replayed > MAX_REPLAYED_EVENTS {
            return Err(ParseError::at(
                pos,
                format!(
                    "alias replay limit exceeded: total_replayed_events={} > {MAX_REPLAYED_EVENTS}",
                    self.replayed
                ),
            ));
        }
        let mut node = anchored.node.clone();
        relocate(&mut node, pos);
        Ok(Built {
            node,
            source: anchored.source,
            merge_key: anchored.merge_key,
            tagged: false,
            alias: id,
            written: anchored.written,
        })
    }

    /// Hands a finished node to the open collection, or returns it when it
    /// is a document's root.
    fn deliver(&mut self, built: Built<'t>) -> Result<Option<Built<'t>>, ParseError> {
        if let Some(
            parent @ (Frame::List {
                merge_list: true, ..
            }
            | Frame::Map {
                key: Some((_, _, true)),
                ..
            }),
        ) = self.stack.last()
        {
            // A `<<` value (or item) is vetted once it has been read whole,
            // nested `<<` within it included; a syntax error met before
            // then is reported first.
            let error = self
                .deferred
                .take()
                .or_else(|| self.check_merge(&built).err());
            let nested = match parent {
                Frame::List { in_merge, .. } | Frame::Map { in_merge, .. } => *in_merge,
            };
            match error {
                Some(error) if nested => self.deferred = Some(error),
                Some(error) => return Err(error),
                None => {}
            }
        }
        let Some(frame) = self.stack.last_mut() else {
            return Ok(Some(built));
        };
        match frame {
            Frame::List { items, .. } => items.push(built.node),
            Frame::Map {
                entries,
                key,
                merged,
                ..
            } => match key.take() {
                None => {
                    let pos = built.node.pos;
                    let text = key_text(built.node.value, built.source);
                    *key = Some((text, pos, built.merge_key));
                }
                Some((_, _, true)) => merge(built.node, merged),
                Some((key, key_pos, false)) => entries.push(Entry {
                    key,
                    key_pos,
                    value: built.node,
                }),
            },
        }
        Ok(None)
    }

    /// Refuses a `<<` value, or an item of one, that is neither a map nor a
    /// list of maps, as soon as it is read, pointing where the offending
    /// scalar is written (through an alias, at its anchor).
    fn check_merge(&self, built: &Built<'t>) -> Result<(), ParseError> {
        let node = match self.anchors.get(built.alias) {
            Some(Some(anchored)) if built.alias != 0 => &anchored.node,
            _ => &built.node,
        };
        let offending = match node.value {
            NodeValue::List(_) => first_scalar(node),
            _ => first_scalar(node).map(|_| built.written),
        };
        match offending {
            Some(pos) => Err(ParseError::at(
                pos,
                "YAML merge value must be mapping or sequence of mappings",
            )),
            None => Ok(()),
        }
    }

    fn pos(&self, span: &Span) -> Pos {
        marker_pos(span.start.line(), span.start.col(), self.line_offset)
    }

    fn scan_error(&self, err: &ScanError) -> ParseError {
        let message = match err.kind() {
            ErrorKind::RecursionLimitExceeded => too_deep_message(),
            ErrorKind::UnknownAnchor => "alias references unknown anchor".to_owned(),
            // Control characters are left to the caller to neutralise.
            _ => err
                .info()
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        };
        let mark = err.marker();
        if mark.line() == 0 {
            return ParseError::new(message);
        }
        ParseError::at(
            marker_pos(mark.line(), mark.col(), self.line_offset),
            message,
        )
    }
}

fn marker_pos(line: usize, col: usize, line_offset: u32) -> Pos {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Pos::new(
        clamp(line).saturating_add(line_offset),
        clamp(col).saturating_add(1),
    )
}

/// What the tag asks of a scalar (`collection` is `None`) or a collection;
/// a tag naming another kind of node (`!!str [1]`, `!!map [1]`) is refused.
fn check_tag(tag: Option<&Tag>, collection: Option<Kind>, pos: Pos) -> Result<Kind, ParseError> {
    let kind = tag.map_or(Kind::None, Kind::of);
    let fits = match collection {
        None => !matches!(kind, Kind::Seq | Kind::Map),
        Some(_) if kind == Kind::Include => {
            return Err(ParseError::at(
                pos,
                "!include currently only supports the scalar form: !include <path>",
            ));
        }
        Some(collection) => {
            !kind.is_scalar_only() && (!matches!(kind, Kind::Seq | Kind::Map) || kind == collection)
        }
    };
    if fits {
        return Ok(kind);
    }
    let tag = tag.map(Tag::original).unwrap_or_default();
    Err(ParseError::at(pos, format!("unsupported tag `{tag}`")))
}

/// Queues the entries a `<<` value brings: a map, or a list of maps (lists
/// within it are flattened). [`Reader::check_merge`] has vetted the value,
/// and [`Frame::merge_pos`] placed its entries.
fn merge(value: Node, merged: &mut Vec<Entry>) {
    match value.value {
        NodeValue::Map(entries) => merged.extend(entries),
        NodeValue::List(items) => items.into_iter().for_each(|item| merge(item, merged)),
        _ => {}
    }
}

/// Where a merged value has a scalar other than null, looking through
/// lists but not into maps.
fn first_scalar(node: &Node) -> Option<Pos> {
    match &node.value {
        NodeValue::Null | NodeValue::Map(_) => None,
        NodeValue::List(items) => items.iter().find_map(first_scalar),
        _ => Some(node.pos),
    }
}

fn relocate(node: &mut Node, pos: Pos) {
    // Bounded by MAX_DEPTH like every tree built here.
    node.pos = pos;
    match &mut node.value {
        NodeValue::List(items) => items.iter_mut().for_each(|item| relocate(item, pos)),
        NodeValue::Map(entries) => entries.iter_mut().for_each(|entry| {
            entry.key_pos = pos;
            relocate(&mut entry.value, pos);
        }),
        _ => {}
    }
}

/// The events a copy of `value` replays (its scalars, keys, and a start and
/// an end per collection), and how many collection levels it nests.
fn measure(value: &NodeValue) -> (usize, usize) {
    let (mut events, mut depth) = (2, 0);
    let children: Vec<&NodeValue> = match value {
        NodeValue::List(items) => items.iter().map(|item| &item.value).collect(),
        NodeValue::Map(entries) => {
            events += entries.len();
            entries.iter().map(|entry| &entry.value.value).collect()
        }
        _ => return (1, 0),
    };
    for child in children {
        let (e, d) = measure(child);
        events += e;
        depth = depth.max(d);
    }
    (events, depth + 1)
}

/// What a tag asks of its node. Tags the reader has no use for (`!Project`)
/// are ignored; the core schema's and a few well-known ones are honoured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    None,
    Null,
    Bool,
    Int,
    Float,
    Str,
    Seq,
    Map,
    Binary,
    Timestamp,
    /// `!time`, `!degrees`, `!radians`: unit conversions this reader lacks.
    Unit,
    Merge,
    Value,
    Include,
    /// `!` alone: keep the text as it is.
    NonSpecific,
    Other,
}

const YAML_TAGS: &str = "tag:yaml.org,2002:";

impl Kind {
    fn of(tag: &Tag) -> Self {
        let include = [
            "!include",
            "tag:yaml.org,2002:include",
            "tag:yaml.org,2002:!include",
        ];
        if include.iter().any(|prefix| {
            tag.suffix_in_namespace(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        }) {
            return Self::Include;
        }
        if let Some(kind) = tag.core_suffix().and_then(Self::core) {
            return kind;
        }
        if let Some(name) = tag.suffix_in_namespace(YAML_TAGS) {
            return match name.as_ref() {
                "merge" => Self::Merge,
                "value" => Self::Value,
                name => Self::named(name.strip_prefix('!').unwrap_or(name)),
            };
        }
        match tag.suffix_in_namespace("!").as_deref() {
            None => Self::Other,
            Some("" | "!") => Self::NonSpecific,
            Some("!timestamp") => Self::Timestamp,
            Some("!binary") => Self::Binary,
            Some(name) => match name.strip_prefix('!') {
                Some(name) => Self::core(name).unwrap_or(Self::Other),
                None => Self::named(name),
            },
        }
    }

    fn core(name: &str) -> Option<Self> {
        Some(match name {
            "null" => Self::Null,
            "bool" => Self::Bool,
            "int" => Self::Int,
            "float" => Self::Float,
            "str" => Self::Str,
            "seq" => Self::Seq,
            "map" => Self::Map,
            _ => return None,
        })
    }

    fn named(name: &str) -> Self {
        match name {
            "timestamp" => Self::Timestamp,
            "binary" => Self::Binary,
            "include" => Self::Include,
            "time" | "degrees" | "radians" => Self::Unit,
            name => Self::core(name).unwrap_or(Self::Other),
        }
    }

    fn is_scalar_only(self) -> bool {
        !matches!(
            self,
            Self::None | Self::NonSpecific | Self::Other | Self::Seq | Self::Map
        )
    }
}

/// Resolves a scalar to the tree's value; `source` is its text in the file.
fn resolve(
    value: Cow<'_, str>,
    style: ScalarStyle,
    kind: Kind,
    source: Option<&str>,
) -> Result<NodeValue, String> {
    let number = |value: &str| NodeValue::Number(source.unwrap_or(value).into());
    let trimmed = yaml_trim(&value);
    match kind {
        Kind::Null => return Ok(NodeValue::Null),
        Kind::Bool => {
            return strict_bool(trimmed)
                .map(NodeValue::Bool)
                .ok_or_else(|| "invalid boolean (strict mode expects true/false)".to_owned());
        }
        Kind::Int if trimmed.starts_with('-') => {
            return int(trimmed, true)
                .then(|| number(&value))
                .ok_or_else(|| "invalid i64".to_owned());
        }
        Kind::Int => {
            return int(trimmed, false)
                .then(|| number(&value))
                .ok_or_else(|| "invalid u64".to_owned());
        }
        Kind::Float => {
            return match float(trimmed) {
                Some(f) if f.is_finite() => Ok(number(&value)),
                Some(f) => Ok(non_finite(f)),
                None => Err("invalid floating point".to_owned()),
            };
        }
        Kind::Unit => return Err("invalid floating point".to_owned()),
        _ => {}
    }
    let plain = style == ScalarStyle::Plain;
    let typed = matches!(
        kind,
        Kind::None | Kind::Merge | Kind::Value | Kind::Include | Kind::Other
    );
    if typed && plain && matches!(&*value, "" | "~" | "null" | "Null" | "NULL") {
        return Ok(NodeValue::Null);
    }
    if !plain || !typed {
        return match kind {
            Kind::Binary => binary(&value).map(|s| NodeValue::String(s.into())),
            Kind::Timestamp => Err("cannot deserialize tagged scalar into string".to_owned()),
            _ => Ok(NodeValue::String(value.as_ref().into())),
        };
    }
    if let Some(b) = strict_bool(trimmed) {
        return Ok(NodeValue::Bool(b));
    }
    let unsigned = trimmed.strip_prefix(['+', '-']).unwrap_or(trimmed);
    // `0X1F` and `-.nan` are not YAML 1.2 numbers, whatever Rust makes of them.
    let uppercase_radix = matches!(unsigned.as_bytes(), [b'0', b'X' | b'O' | b'B', ..]);
    let signed_nan = unsigned.len() < trimmed.len() && matches!(unsigned, ".nan" | ".NaN" | ".NAN");
    if uppercase_radix || signed_nan {
        return Ok(NodeValue::String(value.as_ref().into()));
    }
    let negative = trimmed.starts_with('-');
    if negative && !leading_zero(unsigned) && int(trimmed, true) || !negative && int(trimmed, false)
    {
        return Ok(number(&value));
    }
    Ok(match float(trimmed) {
        Some(f) if f.is_finite() => number(&value),
        Some(f) => non_finite(f),
        None => NodeValue::String(value.as_ref().into()),
    })
}

fn yaml_trim(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\r', '\n'])
}

fn strict_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// `.inf` and `.nan` mean nothing in a state file; they are kept as text.
fn non_finite(f: f64) -> NodeValue {
    let text = if f.is_nan() {
        ".nan"
    } else if f < 0.0 {
        "-.inf"
    } else {
        ".inf"
    };
    NodeValue::String(text.into())
}

fn leading_zero(digits: &str) -> bool {
    digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `t` is a YAML integer that fits an `i64` (`signed`) or a `u64`:
/// decimal without a leading zero, or `0x`, `0o`, `0b` with lowercase
/// prefixes; single underscores may separate digits.
fn int(t: &str, signed: bool) -> bool {
    let (negative, rest) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if negative && !signed {
        return false;
    }
    let (radix, digits) = [
        ("0x", 16),
        ("0X", 16),
        ("0o", 8),
        ("0O", 8),
        ("0b", 2),
        ("0B", 2),
    ]
    .iter()
    .find_map(|(prefix, radix)| rest.strip_prefix(prefix).map(|d| (*radix, d)))
    .unwrap_or((10, rest));
    if radix == 10 && digits.starts_with('0') && digits != "0" {
        return false;
    }
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    let mut any = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            if i == 0 || bytes[i - 1] == b'_' || bytes.get(i + 1).is_none_or(|&n| n == b'_') {
                return false;
            }
            continue;
        }
        let Some(d) = char::from(b).to_digit(radix) else {
            return false;
        };
        let Some(m) = magnitude
            .checked_mul(u128::from(radix))
            .and_then(|m| m.checked_add(u128::from(d)))
        else {
            return false;
        };
        magnitude = m;
        any = true;
    }
    any && match (signed, negative) {
        (true, true) => magnitude <= u128::from(i64::MIN.unsigned_abs()),
        (true, false) => magnitude <= i64::MAX as u128,
        (false, _) => magnitude <= u128::from(u64::MAX),
    }
}

/// A YAML float: `.inf` and `.nan` spellings, a finite decimal, or a
/// numeral too large for `f64` (infinite).
fn float(t: &str) -> Option<f64> {
    let (negative, unsigned) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    match unsigned {
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        ".inf" | ".Inf" | ".INF" if negative => return Some(f64::NEG_INFINITY),
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    // Rust also reads `inf` and `nan`, which YAML keeps as text.
    let f = t.parse::<f64>().ok()?;
    (f.is_finite() || unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)).then_some(f)
}

/// The text a `!!binary` scalar encodes in base64.
fn binary(encoded: &str) -> Result<String, String> {
    let invalid = || "invalid !!binary base64".to_owned();
    let digits: Vec<u8> = encoded
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(4) {
        return Err(invalid());
    }
    let value = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let chunks = digits.len() / 4;
    let mut bytes = Vec::with_capacity(chunks * 3);
    for (i, chunk) in digits.chunks_exact(4).enumerate() {
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || pad > 0 && i + 1 != chunks {
            return Err(invalid());
        }
        let mut triple = 0u32;
        for &c in &chunk[..4 - pad] {
            triple = triple << 6 | u32::from(value(c).ok_or_else(invalid)?);
        }
        triple <<= 6 * pad;
        // Padding must not hide set bits.
        if triple & ((1 << (8 * pad)) - 1) != 0 {
            return Err(invalid());
        }
        bytes.extend_from_slice(&triple.to_be_bytes()[1..4 - pad]);
    }
    String::from_utf8(bytes).map_err(|_| {
        "!!binary scalar is not valid UTF-8 so cannot be stored into string. \
         If you just use !!binary for documentation/annotation, set ignore_binary_tag_for_string in Options"
            .to_owned()
    })
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
        let text: String = (0..depth)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(parse(&format!("{text}{}v\n", " ".repeat(depth))).is_ok());
    }

    #[test]
    fn large_input_converts_in_linear_time() {
        // Positions come from the parser's markers, never from recounting
        // lines.
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
    fn alias_copies_take_the_alias_position_throughout() {
        let node = root("a: &x [1, {k: v}]\nb: *x\nc: &s 1.50\nd: *s\n");
        let at = Pos::new(2, 4);
        let NodeValue::List(items) = &get(&node, "b").value.value else {
            panic!("a list")
        };
        assert_eq!(items[0], Node::new(at, NodeValue::Number("1".into())));
        let k = get(&items[1], "k");
        assert_eq!((k.key_pos, k.value.pos), (at, at));
        let d = &get(&node, "d").value;
        assert_eq!(
            d,
            &Node::new(Pos::new(4, 4), NodeValue::Number("1.50".into()))
        );
        // The original keeps its own positions.
        let NodeValue::List(items) = &get(&node, "a").value.value else {
            panic!("a list")
        };
        assert_eq!(items[1].pos, Pos::new(1, 11));
    }

    #[test]
    fn merged_entries_come_after_the_maps_own_and_never_replace_them() {
        let node = root(concat!(
            "m: &m {k: 1, j: 2}\n",
            "n:\n",
            "  <<: [*m, {k: 3, i: 4}]\n",
            "  j: 0\n",
            "  z: 5\n",
        ));
        let n = &get(&node, "n").value;
        let entries: Vec<_> = n
            .as_map()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.value.scalar_text().unwrap().into_owned(),
                    e.key_pos,
                )
            })
            .collect();
        let (alias, inline) = (Pos::new(3, 8), Pos::new(3, 12));
        assert_eq!(
            entries,
            [
                ("j", "0".to_owned(), Pos::new(4, 3)),
                ("z", "5".to_owned(), Pos::new(5, 3)),
                ("k", "1".to_owned(), alias),
                ("i", "4".to_owned(), inline),
            ]
        );
        assert_eq!(get(n, "i").value.pos, inline);
    }

    #[test]
    fn merge_keys_need_the_plain_spelling_and_a_map() {
        let node = root("a:\n  \"<<\": {x: 1}\n  <<: ~\n");
        let keys: Vec<_> = get(&node, "a")
            .value
            .as_map()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["<<"]);
        let err = parse("a: &s text\nb:\n  <<: [{x: 1}, *s]\n").unwrap_err();
        assert_eq!(
            err,
            ParseError::at(
                Pos::new(1, 7),
                "YAML merge value must be mapping or sequence of mappings"
            )
        );
    }

    #[test]
    fn aliases_that_cannot_resolve_are_errors() {
        let err = parse("a: *nope\n").unwrap_err();
        assert_eq!(
            err,
            ParseError::at(Pos::new(1, 4), "alias references unknown anchor")
        );
        let err = parse("a: &a [*a]\n").unwrap_err();
        assert_eq!(
            err,
            ParseError::at(
                Pos::new(1, 8),
                "recursive references require weak recursion types"
            )
        );
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned();
        for i in 1..8 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let err = parse(&text).unwrap_err();
        assert!(
            err.message.starts_with("alias replay limit exceeded"),
            "{}",
            err.message
        );
        assert_eq!(err.pos.map(|p| p.line), Some(6));
    }

    #[test]
    fn tags_pick_the_type() {
        let node = root(concat!(
            "a: !!str 5\n",
            "b: !!int \"12\"\n",
            "c: !!float 2\n",
            "d: !!null x\n",
            "e: !!bool True\n",
            "f: ! 5\n",
            "g: !!binary aGVsbG8=\n",
            "h: !custom ~\n",
            "i: !!str ~\n",
        ));
        let value = |key| get(&node, key).value.value.clone();
        assert_eq!(value("a"), NodeValue::String("5".into()));
        assert_eq!(value("b"), NodeValue::Number("\"12\"".into()));
        assert_eq!(value("c"), NodeValue::Number("2".into()));
        assert_eq!(value("d"), NodeValue::Null);
        assert_eq!(value("e"), NodeValue::Bool(true));
        assert_eq!(value("f"), NodeValue::String("5".into()));
        assert_eq!(value("g"), NodeValue::String("hello".into()));
        assert_eq!(value("h"), NodeValue::Null);
        assert_eq!(value("i"), NodeValue::String("~".into()));
    }

    #[test]
    fn tags_that_do_not_fit_are_errors_at_the_node() {
        for (text, pos, message) in [
            ("a: !!int x\n", (1, 10), "invalid u64"),
            ("a: !!int -x\n", (1, 10), "invalid i64"),
            ("a: !!float x\n", (1, 12), "invalid floating point"),
            (
                "a: !!bool yes\n",
                (1, 11),
                "invalid boolean (strict mode expects true/false)",
            ),
            ("a: !!str [1]\n", (1, 10), "unsupported tag `!!str`"),
            ("a: !!map [1]\n", (1, 10), "unsupported tag `!!map`"),
            (
                "a: !!timestamp 2020-01-01\n",
                (1, 16),
                "cannot deserialize tagged scalar into string",
            ),
            ("a: !!binary a\n", (1, 13), "invalid !!binary base64"),
        ] {
            let err = parse(text).unwrap_err();
            assert_eq!(
                err,
                ParseError::at(Pos::new(pos.0, pos.1), message),
                "{text:?}"
            );
        }
    }

    #[test]
    fn numbers_follow_yaml_1_2() {
        let node = root(concat!(
            "a: +12\n",
            "b: -0x1f\n",
            "c: 0o7\n",
            "d: 0X1F\n",
            "e: 0127\n",
            "f: 1e999\n",
            "g: -.INF\n",
            "h: -.nan\n",
            "i: inf\n",
            "j: 1__0\n",
            "k: 0xFFFFFFFFFFFFFFFFFFFF\n",
            "l: .5\n",
        ));
        let value = |key| get(&node, key).value.value.clone();
        let number = |s: &str| NodeValue::Number(s.into());
        let string = |s: &str| NodeValue::String(s.into());
        assert_eq!(value("a"), number("+12"));
        assert_eq!(value("b"), number("-0x1f"));
        assert_eq!(value("c"), number("0o7"));
        assert_eq!(value("d"), string("0X1F"));
        assert_eq!(value("e"), number("0127"));
        assert_eq!(value("f"), string(".inf"));
        assert_eq!(value("g"), string("-.inf"));
        assert_eq!(value("h"), string("-.nan"));
        assert_eq!(value("i"), string("inf"));
        assert_eq!(value("j"), string("1__0"));
        assert_eq!(value("k"), string("0xFFFFFFFFFFFFFFFFFFFF"));
        assert_eq!(value("l"), number(".5"));
    }

    #[test]
    fn null_documents_are_skipped_unless_tagged() {
        let doc = parse("~\n---\n!!str\n---\n!note\n---\nnull\n...\n").unwrap();
        let values: Vec<_> = doc.roots.iter().map(|r| (r.pos, r.value.clone())).collect();
        assert_eq!(
            values,
            [
                (Pos::new(3, 6), NodeValue::String("".into())),
                (Pos::new(5, 6), NodeValue::Null),
            ]
        );
    }

    #[test]
    fn scanner_errors_keep_the_parsers_message() {
        for (text, pos, message) in [
            ("[a, b", (1, 1), "unclosed bracket '['"),
            (
                "a: b: c",
                (1, 5),
                "mapping values are not allowed in this context",
            ),
            (
                "- a\nb: 1",
                (2, 1),
                "while parsing a block collection, did not find expected '-' indicator",
            ),
        ] {
            assert_eq!(
                parse(text).unwrap_err(),
                ParseError::at(Pos::new(pos.0, pos.1), message)
            );
        }
    }

    #[test]
    fn front_matter_holds_one_document() {
        let err = parse_front_matter("a: 1\n---\nb: 2\n", 2).unwrap_err();
        assert_eq!(err.pos, Some(Pos::new(4, 1)));
        assert!(err.message.starts_with("multiple YAML documents detected"));
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
