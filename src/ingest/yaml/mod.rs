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

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use granit_parser::{ErrorKind, Event, Marker, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::diag::{LineIndex, Pos};
use crate::ingest::json::{MAX_DEPTH, strip_bom, too_deep_message};
use crate::ingest::tree::{Document, Entry, MapLimit, Node, NodeValue, ParseError, Problem, Text};
use scalar::{Kind, resolve};

mod scalar;

/// Parses every document of a YAML stream as one root each. Empty and null
/// documents are skipped, so an empty file has no roots.
pub fn parse(text: &str) -> Result<Document<'_>, ParseError> {
    let text = strip_bom(text);
    let mut roots = Vec::new();
    let problems = guarded(|| {
        let mut reader = Reader::new(text, 0);
        while let Some(root) = reader.document()? {
            // A null document is no document, unless an application tag
            // says otherwise (`--- !note`).
            if root.node.value != NodeValue::Null || root.tagged {
                roots.push(root.node);
            }
        }
        Ok(reader.problems)
    })?;
    Ok(Document {
        roots,
        problems,
        ..Document::default()
    })
}

/// Parses YAML front matter whose first line is line `first_line` of the
/// file, so positions point into the file rather than the snippet. Front
/// matter with no value (blank, comments only, `~`) is an empty map. What
/// it recovered from goes to `problems`.
pub fn parse_front_matter<'t>(
    text: &'t str,
    first_line: u32,
    problems: &mut Vec<Problem>,
) -> Result<Node<'t>, ParseError> {
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
                "front matter holds more than one YAML document (a second `---` inside it?)",
            ));
        }
        problems.append(&mut reader.problems);
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
    node: Node<'t>,
    /// What a scalar was written as, for a key that reuses it.
    source: Option<&'t str>,
    merge_key: bool,
    written: Pos,
}

/// A finished node on its way to its parent.
struct Built<'t> {
    node: Node<'t>,
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

enum Frame<'t> {
    List {
        pos: Pos,
        anchor: usize,
        items: Vec<Node<'t>>,
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
        entries: Vec<Entry<'t>>,
        key: Option<(Text<'t>, Pos, bool)>,
        /// Entries from `<<` values, added after the map's own once it ends.
        merged: Vec<Entry<'t>>,
        limit: MapLimit,
        in_merge: bool,
        merge_pos: Option<Pos>,
    },
}

impl Frame<'_> {
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
    /// Lines as every other reader counts them: broken at `\n` only. The
    /// parser's own line numbers also break at a lone `\r`, as YAML does,
    /// which would point past the lines an editor shows.
    lines: LineIndex<'t>,
    parser: Parser<'t, granit_parser::StrInput<'t>>,
    line_offset: u32,
    stack: Vec<Frame<'t>>,
    anchors: Vec<Option<Anchored<'t>>>,
    replayed: usize,
    /// A `<<` error waiting for the value around it to be read whole.
    deferred: Option<ParseError>,
    /// Where the last event was, for a document that has no node to point at.
    last_pos: Pos,
    /// Maps that held more single values than are read (see [`MapLimit`]).
    problems: Vec<Problem>,
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
            lines: LineIndex::new(text),
            parser: Parser::new_from_str_with_options(text, options),
            line_offset,
            stack: Vec::new(),
            anchors: Vec::new(),
            replayed: 0,
            deferred: None,
            last_pos: Pos::new(line_offset.saturating_add(1), 1),
            problems: Vec::new(),
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
                        limit: MapLimit::default(),
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
                            limit,
                            ..
                        } => {
                            self.problems.extend(limit.problem(pos, "map"));
                            if !merged.is_empty() {
                                // A key of the map's own, or merged earlier, wins.
                                let mut seen: HashSet<Text<'t>> =
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
                    "an alias refers to the node it is inside, which would never end",
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
                    "aliases copy more than {MAX_REPLAYED_EVENTS} nodes in this file, which looks like an alias bomb; it is not read"
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
                limit,
                ..
            } => match key.take() {
                None => {
                    let pos = built.node.pos;
                    let text = key_text(built.node.value, built.source);
                    *key = Some((text, pos, built.merge_key));
                }
                Some((_, _, true)) => merge(built.node, merged),
                Some((key, key_pos, false)) => {
                    if limit.keeps(&built.node.value) {
                        entries.push(Entry {
                            key,
                            key_pos,
                            value: built.node,
                        });
                    }
                }
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
        self.marker_pos(&span.start)
    }

    fn marker_pos(&self, mark: &Marker) -> Pos {
        match mark.byte_offset() {
            Some(offset) => {
                let pos = self.lines.pos(offset);
                Pos::new(pos.line.saturating_add(self.line_offset), pos.column)
            }
            None => marker_pos(mark.line(), mark.col(), self.line_offset),
        }
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
        ParseError::at(self.marker_pos(mark), message)
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
fn merge<'t>(value: Node<'t>, merged: &mut Vec<Entry<'t>>) {
    match value.value {
        NodeValue::Map(entries) => merged.extend(entries),
        NodeValue::List(items) => items.into_iter().for_each(|item| merge(item, merged)),
        _ => {}
    }
}

/// Where a merged value has a scalar other than null, looking through
/// lists but not into maps.
fn first_scalar(node: &Node<'_>) -> Option<Pos> {
    match &node.value {
        NodeValue::Null | NodeValue::Map(_) => None,
        NodeValue::List(items) => items.iter().find_map(first_scalar),
        _ => Some(node.pos),
    }
}

fn relocate(node: &mut Node<'_>, pos: Pos) {
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
fn measure(value: &NodeValue<'_>) -> (usize, usize) {
    let (mut events, mut depth) = (2, 0);
    let children: Vec<&NodeValue<'_>> = match value {
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

/// Keys are text in the tree. Non-string scalar keys keep how they were
/// written (`1`, `true`, `~`); collection keys (`? [a, b]`) are rendered in
/// flow style, which is enough to tell them apart.
fn key_text<'t>(key: NodeValue<'t>, source: Option<&'t str>) -> Text<'t> {
    match key {
        NodeValue::String(s) | NodeValue::Number(s) => s,
        NodeValue::Bool(b) => source.map_or_else(|| b.to_string().into(), Text::Borrowed),
        NodeValue::Null => Text::Borrowed(source.unwrap_or_default()),
        collection => {
            let mut out = String::new();
            write_flow(&collection, &mut out);
            out.into()
        }
    }
}

fn write_flow(value: &NodeValue<'_>, out: &mut String) {
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
mod tests;
