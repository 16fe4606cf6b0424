//! Sections: the open headings, and the records `Kind: Name` headings make.
//!
//! A `Kind: Name` heading opens a record that its `- Key: value` bullets
//! fill and that lasts until the next heading of its level or higher.
//! Inside it, a deeper `Kind: Name` heading and a table under a deeper
//! plain heading become entries of the record (as a kind key nested in a
//! JSON record would), so they keep their parent.

use pulldown_cmark::HeadingLevel;

use crate::diag::Pos;
use crate::ingest::tree::{Entry, Node, NodeValue};

/// The open headings as a stack, and the roots made so far, in file order.
#[derive(Default)]
pub(super) struct Sections {
    open: Vec<Section>,
    roots: Vec<Node>,
}

/// A heading as read: its level, text and position, and the record it
/// opens when it reads `Kind: Name`.
pub(super) struct Heading {
    pub(super) level: HeadingLevel,
    pub(super) title: String,
    pub(super) pos: Pos,
    pub(super) record: Option<RecordName>,
}

/// The `Kind: Name` of a heading that opens a record.
pub(super) struct RecordName {
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) name_pos: Pos,
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

impl Sections {
    /// Closes the sections `heading` ends and opens its own.
    pub(super) fn heading(&mut self, heading: Heading) {
        let Heading {
            level,
            title,
            pos,
            record,
        } = heading;
        while let Some(section) = self.open.pop_if(|section| section.level >= level) {
            self.close(section);
        }
        let record = record.map(|name| self.open_record(name, pos));
        self.open.push(Section {
            level,
            title,
            pos,
            record,
        });
    }

    /// A bullet's `Key: value`, a field of the innermost open record (none
    /// outside one).
    pub(super) fn field(&mut self, entry: Entry) {
        if let Some(record) = self.innermost_record() {
            record.entries.push(entry);
        }
    }

    /// A table's rows, keyed by the nearest heading's text.
    pub(super) fn table(&mut self, list: Node) {
        let (key, key_pos) = match self.open.last() {
            Some(section) => (section.title.clone(), section.pos),
            None => (String::new(), list.pos),
        };
        let entry = Entry {
            key: key.into(),
            key_pos,
            value: list,
        };
        // Under a plain heading inside a record's section, the rows are that
        // record's children; directly under the `Kind: Name` heading the
        // heading names the record, not the rows, so they stand alone.
        let under_plain_heading = self.open.last().is_some_and(|s| s.record.is_none());
        if under_plain_heading && let Some(record) = self.innermost_record() {
            record.entries.push(entry);
        } else {
            self.roots
                .push(Node::new(key_pos, NodeValue::Map(vec![entry])));
        }
    }

    /// Closes every section still open at the end of the file: the roots.
    pub(super) fn finish(mut self) -> Vec<Node> {
        while let Some(section) = self.open.pop() {
            self.close(section);
        }
        self.roots
    }

    fn open_record(&mut self, name: RecordName, pos: Pos) -> Record {
        let slot = match self.innermost_record() {
            Some(parent) => {
                parent.entries.push(Entry {
                    key: name.kind.as_str().into(),
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
            kind: name.kind,
            pos,
            entries: vec![Entry {
                key: "name".into(),
                key_pos: name.name_pos,
                value: Node::string(name.name_pos, name.name),
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
        self.open.iter_mut().rev().find_map(|s| s.record.as_mut())
    }
}
