//! Sections: the open headings, and the records `Kind: Name` headings make.
//!
//! A `Kind: Name` heading opens a record that its `- Key: value` bullets
//! fill and that lasts until the next heading of its level or higher. It is
//! a record only when its own bullets follow it: a sub-heading or a table
//! before the first of them means the heading titles what comes under it
//! (`## Controls: SOC 2 Type II evidence` over a table), and it then makes
//! nothing and is nobody's parent. Inside a record, a deeper `Kind: Name`
//! heading and a table under a deeper plain heading become entries of the
//! record (as a kind key nested in a JSON record would), so they keep
//! their parent. The bullets under a deeper plain heading are the
//! record's fields ("### Timeline", "### Details"), unless the heading
//! speaks of other things ("### Risks", "### Open issues", "### Next
//! steps", see [`names_other_things`]): their `- Status:` is a risk's,
//! not the record's, and they are set aside with a note saying so.

use pulldown_cmark::HeadingLevel;

use crate::diag::{Pos, Severity};
use crate::ingest::tree::{Entry, MapLimit, Node, NodeValue, Problem, Text};

/// The open headings as a stack, and the roots made so far, in file order.
#[derive(Default)]
pub(super) struct Sections<'a> {
    open: Vec<Section<'a>>,
    roots: Vec<Node<'a>>,
    /// Records of plain headings under plain headings (see
    /// [`Document::headed`](crate::ingest::tree::Document::headed)).
    headed: Vec<Node<'a>>,
    /// Records of more bullets than are read (see [`MapLimit`]).
    problems: Vec<Problem>,
}

/// A heading as read: its level, text and position, and the record it
/// opens when it reads `Kind: Name`.
pub(super) struct Heading<'a> {
    pub(super) level: HeadingLevel,
    pub(super) title: Text<'a>,
    /// Where its text starts.
    pub(super) title_pos: Pos,
    pub(super) pos: Pos,
    pub(super) record: Option<RecordName<'a>>,
}

/// The `Kind: Name` of a heading that opens a record.
pub(super) struct RecordName<'a> {
    pub(super) kind: Text<'a>,
    pub(super) name: Text<'a>,
    pub(super) name_pos: Pos,
}

struct Section<'a> {
    level: HeadingLevel,
    title: Text<'a>,
    pos: Pos,
    record: Option<Record<'a>>,
    /// A plain heading inside a record that speaks of other things (see
    /// [`OTHER_THINGS`]), with how many bullets it set aside.
    aside: Option<usize>,
}

/// The last word of a heading inside a record that speaks of things other
/// than the record, each with a status, owner or date of its own: "Open
/// risks", "Next steps", "Action items".
const OTHER_THINGS: [&str; 15] = [
    "risks",
    "issues",
    "blockers",
    "dependencies",
    "milestones",
    "tasks",
    "subtasks",
    "actions",
    "items",
    "steps",
    "deliverables",
    "vendors",
    "contracts",
    "bugs",
    "incidents",
];

/// Words that make a heading an aspect of the record however it ends:
/// "Key dates and milestones", "Budget and dependencies".
const ASPECTS: [&str; 10] = [
    "date", "dates", "budget", "spend", "cost", "costs", "value", "forecast", "timeline",
    "schedule",
];

/// Whether a heading inside a record speaks of other things: it ends in
/// one of [`OTHER_THINGS`] and names none of [`ASPECTS`].
fn names_other_things(title: &str) -> bool {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is = |list: &[&str], word: &str| list.iter().any(|w| w.eq_ignore_ascii_case(word));
    words.last().is_some_and(|last| is(&OTHER_THINGS, last))
        && !words.iter().any(|word| is(&ASPECTS, word))
}

/// A `Kind: Name` section's record, built while its section is open.
struct Record<'a> {
    kind: Text<'a>,
    pos: Pos,
    entries: Vec<Entry<'a>>,
    /// Bullets past what a record reads are dropped as they come.
    limit: MapLimit,
    /// Where a placeholder was reserved for it (in the parent record's
    /// entries, or in the roots), so it lands in file order even though it is
    /// only complete when its section closes.
    slot: usize,
    /// Whether a bullet of its own has followed the heading yet.
    confirmed: bool,
    /// Made by a plain heading under a plain heading, its place in
    /// `headed` rather than the roots.
    plain: bool,
}

impl<'a> Sections<'a> {
    /// Closes the sections `heading` ends and opens its own.
    pub(super) fn heading(&mut self, heading: Heading<'a>) {
        let Heading {
            level,
            title,
            title_pos,
            pos,
            record,
        } = heading;
        while let Some(section) = self.open.pop_if(|section| section.level >= level) {
            self.close(section);
        }
        // A heading between a `Kind: Name` heading and its first bullet:
        // that heading was a title.
        self.decline_unconfirmed();
        let in_record = self.takes_fields();
        // Inside a record, a plain heading of other things sets their
        // bullets aside.
        let aside = (record.is_none() && in_record && names_other_things(&title)).then_some(0);
        // A plain heading right under a plain one, outside any record, may
        // be a record of what the outer one names: `## Projects`, then
        // `### Mobile App` and its bullets.
        let plain = match (&record, self.open.last()) {
            (None, Some(outer)) if !in_record => Some(RecordName {
                kind: outer.title.clone(),
                name: title.clone(),
                name_pos: title_pos,
            }),
            _ => None,
        };
        let record = match (record, plain) {
            (Some(name), _) => Some(self.open_record(name, pos, false)),
            (None, Some(name)) => Some(self.open_record(name, pos, true)),
            (None, None) => None,
        };
        self.open.push(Section {
            level,
            title,
            pos,
            record,
            aside,
        });
    }

    /// Whether a bullet's `Key: value` would be a field: a record is open.
    pub(super) fn takes_fields(&self) -> bool {
        self.open.iter().any(|s| s.record.is_some())
    }

    /// Whether the record a bullet would be a field of is a plain
    /// heading's, which may prove to be no record: its bullets are prose
    /// too.
    pub(super) fn in_plain_record(&self) -> bool {
        self.open
            .iter()
            .rev()
            .find_map(|s| s.record.as_ref())
            .is_some_and(|r| r.plain)
    }

    /// A bullet's `Key: value`, a field of the innermost open record (none
    /// outside one).
    pub(super) fn field(&mut self, entry: Entry<'a>) {
        // Under a heading of other things below the record: not its field.
        if let Some(aside) = self
            .open
            .iter_mut()
            .rev()
            .take_while(|s| s.record.is_none())
            .find_map(|s| s.aside.as_mut())
        {
            *aside += 1;
            return;
        }
        if let Some(record) = self.innermost_record() {
            record.confirmed = true;
            if record.limit.keeps(&entry.value.value) {
                record.entries.push(entry);
            }
        }
    }

    /// A table's rows, keyed by the nearest heading's text.
    pub(super) fn table(&mut self, list: Node<'a>) {
        // A table right under a `Kind: Name` heading, before any bullet:
        // the heading titles the table.
        self.decline_unconfirmed();
        let (key, key_pos) = match self.open.last() {
            Some(section) => (section.title.clone(), section.pos),
            None => (Text::Borrowed(""), list.pos),
        };
        let entry = Entry {
            key,
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
    /// The roots, and what the records held past what is read.
    pub(super) fn finish(mut self) -> (Vec<Node<'a>>, Vec<Node<'a>>, Vec<Problem>) {
        while let Some(section) = self.open.pop() {
            self.close(section);
        }
        (self.roots, self.headed, self.problems)
    }

    fn open_record(&mut self, name: RecordName<'a>, pos: Pos, plain: bool) -> Record<'a> {
        let RecordName {
            kind,
            name,
            name_pos,
        } = name;
        let slot = match self.innermost_record() {
            Some(parent) => {
                parent.entries.push(Entry {
                    key: kind.clone(),
                    key_pos: pos,
                    value: Node::new(pos, NodeValue::Null),
                });
                parent.entries.len() - 1
            }
            None => {
                let top = self.top(plain);
                top.push(Node::new(pos, NodeValue::Null));
                top.len() - 1
            }
        };
        let name = Entry {
            key: Text::Borrowed("name"),
            key_pos: name_pos,
            value: Node::string(name_pos, name),
        };
        let mut limit = MapLimit::default();
        limit.keeps(&name.value.value);
        Record {
            kind,
            pos,
            entries: vec![name],
            limit,
            slot,
            confirmed: false,
            plain,
        }
    }

    /// Turns the open `Kind: Name` sections no bullet has followed yet into
    /// plain headings, giving back the places they reserved. Only the
    /// innermost open record can be one: a record's section is declined as
    /// soon as anything but a bullet follows it.
    fn decline_unconfirmed(&mut self) {
        let Some(at) = self.open.iter().rposition(|s| s.record.is_some()) else {
            return;
        };
        if self.open[at].record.as_ref().is_some_and(|r| r.confirmed) {
            return;
        }
        if let Some(record) = self.open[at].record.take() {
            self.unreserve(record.slot, record.plain);
        }
    }

    /// Gives back the place [`Sections::open_record`] reserved at `slot`,
    /// in the innermost record still open (or the roots): nothing has been
    /// added after it, but a null left behind would read as nothing too.
    fn unreserve(&mut self, slot: usize, plain: bool) {
        if let Some(parent) = self.innermost_record() {
            if parent.entries.len() == slot + 1 {
                parent.entries.pop();
            }
            return;
        }
        let top = self.top(plain);
        if top.len() == slot + 1 {
            top.pop();
        }
    }

    /// Puts a finished section's record into the slot it reserved.
    fn close(&mut self, section: Section<'a>) {
        if let Some(aside) = section.aside.filter(|n| *n > 0) {
            let s = if aside == 1 { "" } else { "s" };
            self.problems.push(Problem {
                pos: section.pos,
                severity: Severity::Info,
                message: format!(
                    "{aside} bullet{s} under `{}` not read as fields of the record above it: \
                     the heading speaks of other things, each with fields of its own",
                    crate::text::sanitize(&section.title)
                ),
            });
        }
        let Some(record) = section.record else {
            return;
        };
        if !record.confirmed {
            self.unreserve(record.slot, record.plain);
            return;
        }
        self.problems
            .extend(record.limit.problem(record.pos, "section"));
        let value = Node::new(record.pos, NodeValue::Map(record.entries));
        if let Some(parent) = self.innermost_record() {
            if let Some(entry) = parent.entries.get_mut(record.slot) {
                entry.value = value;
            }
        } else if let Some(root) = self.top(record.plain).get_mut(record.slot) {
            let entry = Entry {
                key: record.kind,
                key_pos: record.pos,
                value,
            };
            *root = Node::new(record.pos, NodeValue::Map(vec![entry]));
        }
    }

    /// Where a record outside any other lands: the roots, or for a plain
    /// heading's, `headed`.
    fn top(&mut self, plain: bool) -> &mut Vec<Node<'a>> {
        if plain {
            &mut self.headed
        } else {
            &mut self.roots
        }
    }

    fn innermost_record(&mut self) -> Option<&mut Record<'a>> {
        self.open.iter_mut().rev().find_map(|s| s.record.as_mut())
    }
}
