//! The format-neutral document tree every reader produces.
//!
//! Each format module turns its own syntax into [`Document`]; everything after
//! that (which keys name kinds, which fields are references) is decided once in
//! `records`, so no format logic leaks out of its module.

use crate::diag::{Pos, Severity};
use std::borrow::Cow;

/// A key or scalar as the tree holds it: borrowed from the file's text
/// wherever the text holds it as it is (no escapes to decode), so a tree,
/// which lives only as long as its file's reading, costs no allocation per
/// scalar and never a second copy of a large value.
pub type Text<'a> = Cow<'a, str>;

/// Fields a record may have (columns, in a spreadsheet): far more than any
/// agent writes, and few enough that a runaway row's keys are not each
/// classified, interned and compared. Readers hold no more than this of a
/// map's single values (see [`MapLimit`]), `records` no more of a record's
/// keys.
pub const MAX_FIELDS: usize = 4096;

/// One value in a parsed file, with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub pos: Pos,
    pub value: NodeValue<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue<'a> {
    Null,
    Bool(bool),
    /// Numbers keep the text they were written as, so `1.50` stays `1.50`.
    Number(Text<'a>),
    String(Text<'a>),
    List(Vec<Node<'a>>),
    /// Entries in the order they were written.
    Map(Vec<Entry<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Text<'a>,
    pub key_pos: Pos,
    pub value: Node<'a>,
}

/// Keeps a map's entries to what can be read while a reader collects them:
/// past [`MAX_FIELDS`] entries that hold a single value, the later ones are
/// counted and dropped as they are read, since no record reads more fields
/// than that. A map of a million one-word keys would otherwise be a tree
/// several times its file's size. Entries holding a list or a map are
/// always kept: in an object of objects each key names a record.
#[derive(Debug, Default)]
pub struct MapLimit {
    entries: usize,
    singles: usize,
}

impl MapLimit {
    /// Whether to keep the map's next entry, whose value is `value`.
    pub fn keeps(&mut self, value: &NodeValue<'_>) -> bool {
        self.entries += 1;
        if matches!(value, NodeValue::List(_) | NodeValue::Map(_)) {
            return true;
        }
        self.singles += 1;
        self.singles <= MAX_FIELDS
    }

    /// The warning for the map at `pos`, when it dropped entries; `holder`
    /// is what the file calls a map (a JSON object is a "map", a Markdown
    /// record's bullets a "section").
    pub fn problem(&self, pos: Pos, holder: &str) -> Option<Problem> {
        let dropped = self.singles.checked_sub(MAX_FIELDS).filter(|&n| n > 0)?;
        Some(Problem {
            pos,
            severity: Severity::Warning,
            message: format!(
                "the {holder} has {} keys, more than the {MAX_FIELDS} a record may have; \
                 the last {dropped} that hold a single value are not read",
                self.entries
            ),
        })
    }
}

/// The warning for a table header (CSV, TSV, Markdown) at `pos` of
/// `columns` columns, more than [`MAX_FIELDS`]: the cells past them are
/// not read.
pub fn too_many_columns(pos: Pos, columns: usize) -> Problem {
    Problem {
        pos,
        severity: Severity::Warning,
        message: format!(
            "the header has {columns} columns, more than the {MAX_FIELDS} a record may have; the rest are not read"
        ),
    }
}

/// A problem a reader found but recovered from (a bad JSON Lines line, a
/// ragged CSV row). A file it cannot read at all is a [`ParseError`] instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
}

/// What one file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document<'a> {
    /// Markdown front matter: file metadata that may also hold records.
    pub front_matter: Option<Node<'a>>,
    /// Top-level values in file order: the one document of JSON, YAML and
    /// TOML; one per line of JSON Lines; the table of a CSV file; one per
    /// table or `Kind: Name` section of Markdown.
    pub roots: Vec<Node<'a>>,
    /// True when later roots replace earlier ones for the same entity and
    /// field (JSON Lines event logs).
    pub later_wins: bool,
    /// Markdown bullets of prose that open with a bold or linked phrase.
    pub prose: Vec<ProseBullet<'a>>,
    /// Markdown records a plain heading makes under another (`## Projects`
    /// over `### Mobile App` and its `- Status: …` bullets), shaped as
    /// roots are. What each says is for the conventions to decide: read
    /// as prose of the outer heading's kind when that heading names one
    /// and a bullet names a field.
    pub headed: Vec<Node<'a>>,
    pub problems: Vec<Problem>,
}

/// A bullet of prose that opens with a bold or linked phrase
/// (`- **Acme Website Redesign**: due Dec 5 (Accelo)`): the phrase and the
/// words after it, each with its position. Whether it says anything about
/// a known entity is for the conventions (`records`) and reconciling to
/// decide.
#[derive(Debug, Clone, PartialEq)]
pub struct ProseBullet<'a> {
    pub lead: Text<'a>,
    /// Where the phrase starts.
    pub pos: Pos,
    pub words: Vec<(Text<'a>, Pos)>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub pos: Option<Pos>,
    pub message: String,
}

impl ParseError {
    pub fn at(pos: Pos, message: impl Into<String>) -> Self {
        Self {
            pos: Some(pos),
            message: message.into(),
        }
    }

    pub fn new(message: impl Into<String>) -> Self {
        Self {
            pos: None,
            message: message.into(),
        }
    }
}

impl<'a> Node<'a> {
    pub fn new(pos: Pos, value: NodeValue<'a>) -> Self {
        Self { pos, value }
    }

    pub fn string(pos: Pos, s: impl Into<Text<'a>>) -> Self {
        Self::new(pos, NodeValue::String(s.into()))
    }

    pub fn as_map(&self) -> Option<&[Entry<'a>]> {
        match &self.value {
            NodeValue::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The scalar as text, or `None` for lists, maps and null.
    pub fn scalar_text(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Bool(b) => Some(if *b { "true" } else { "false" }),
            NodeValue::Number(n) => Some(n),
            NodeValue::String(s) => Some(s),
            NodeValue::Null | NodeValue::List(_) | NodeValue::Map(_) => None,
        }
    }
}

/// What the readers' tests ask of the trees they build.
#[cfg(test)]
pub mod testing {
    use super::{Document, Entry, Node, ParseError};

    /// The one root of a document that must parse and have exactly one.
    pub fn only_root(parsed: Result<Document<'_>, ParseError>) -> Node<'_> {
        let mut doc = parsed.expect("parses");
        assert_eq!(doc.roots.len(), 1);
        doc.roots.remove(0)
    }

    /// The entry for `key` in a node that must be a map holding it.
    pub fn get<'n, 'a>(node: &'n Node<'a>, key: &str) -> &'n Entry<'a> {
        node.as_map()
            .expect("a map")
            .iter()
            .find(|e| e.key == key)
            .unwrap_or_else(|| panic!("no key {key}"))
    }

    /// The keys of a node that must be a map, in the order it holds them.
    pub fn keys<'n>(node: &'n Node<'_>) -> Vec<&'n str> {
        node.as_map()
            .expect("a map")
            .iter()
            .map(|e| &*e.key)
            .collect()
    }
}
