//! The walk over pulldown-cmark's events: collects the inline text of each
//! heading, table cell and top-level bullet, and hands it to the
//! [`Sections`] or the [`Table`] it belongs to.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use super::inline::Inline;
use super::key_value::key_value;
use super::sections::{Heading, RecordName, Sections};
use super::table::Table;
use crate::diag::LineIndex;
use crate::ingest::tree::{Entry, Node, Problem, ProseBullet};

pub(super) struct Reader<'a> {
    text: &'a str,
    locator: LineIndex<'a>,
    problems: Vec<Problem>,
    sections: Sections<'a>,
    /// Bullets outside records that open with a bold or linked phrase.
    prose: Vec<ProseBullet<'a>>,
    /// The inline text being collected for a heading, cell or bullet.
    capture: Option<Capture<'a>>,
    /// For each open list, whether it is numbered.
    lists: Vec<bool>,
    table: Option<Table<'a>>,
}

/// What a file's body holds (see [`Document`](crate::ingest::tree::Document)).
pub(super) struct Read<'a> {
    pub(super) roots: Vec<Node<'a>>,
    pub(super) headed: Vec<Node<'a>>,
    pub(super) prose: Vec<ProseBullet<'a>>,
    pub(super) problems: Vec<Problem>,
}

struct Capture<'a> {
    kind: CaptureKind,
    start: usize,
    inline: Inline<'a>,
}

#[derive(Clone, Copy, PartialEq)]
enum CaptureKind {
    Heading(HeadingLevel),
    Cell,
    /// A top-level list item; `true` when the list is numbered.
    Bullet(bool),
}

impl<'a> Reader<'a> {
    /// A reader of `text`, the whole file: event ranges are offsets in it.
    pub(super) fn new(text: &'a str) -> Self {
        Self {
            text,
            locator: LineIndex::new(text),
            problems: Vec::new(),
            sections: Sections::default(),
            prose: Vec::new(),
            capture: None,
            lists: Vec::new(),
            table: None,
        }
    }

    /// The roots read, in file order, the prose bullets, and the problems
    /// found.
    pub(super) fn finish(mut self) -> Read<'a> {
        self.finish_bullet();
        let (roots, headed, mut limits) = self.sections.finish();
        self.problems.append(&mut limits);
        Read {
            roots,
            headed,
            prose: self.prose,
            problems: self.problems,
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>, range: Range<usize>) {
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
        if matches!(tag, Tag::Strong | Tag::Link { .. })
            && let Some(capture) = &mut self.capture
        {
            capture.inline.open_emphasis();
        }
        match tag {
            Tag::Heading { level, .. } => {
                self.begin_capture(CaptureKind::Heading(*level), range.start)
            }
            Tag::List(first_number) => self.lists.push(first_number.is_some()),
            // Only top-level items: nested ones would need their own
            // meaning (a sub-record? a list value?) and agents rarely nest.
            Tag::Item if self.lists.len() == 1 => {
                self.begin_capture(CaptureKind::Bullet(self.lists[0]), range.start)
            }
            Tag::Table(_) => self.table = Some(Table::new(self.locator.pos(range.start))),
            Tag::TableHead | Tag::TableRow => {
                let pos = self.locator.pos(range.start);
                if let Some(table) = &mut self.table {
                    table.begin_row(pos, range.start);
                }
            }
            Tag::TableCell => self.begin_capture(CaptureKind::Cell, range.start),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Strong | TagEnd::Link => {
                if let Some(capture) = &mut self.capture {
                    capture.inline.close_emphasis();
                }
            }
            TagEnd::Heading(_) => self.finish_heading(),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            TagEnd::Paragraph | TagEnd::Item => self.finish_bullet(),
            TagEnd::TableCell => self.finish_cell(range),
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(table) = &mut self.table {
                    table.end_row(self.text, range.end, &mut self.problems);
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.sections.table(table.into_list());
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(capture) = &mut self.capture {
            let original = self.text.get(range.clone()).filter(|&o| o == text);
            capture.inline.push(text, range.start, original);
        }
    }

    fn begin_capture(&mut self, kind: CaptureKind, start: usize) {
        self.capture = Some(Capture {
            kind,
            start,
            inline: Inline::default(),
        });
    }

    fn take_capture(&mut self, kind: impl Fn(CaptureKind) -> bool) -> Option<Capture<'a>> {
        self.capture.take_if(|capture| kind(capture.kind))
    }

    fn finish_heading(&mut self) {
        let Some(capture) = self.take_capture(|k| matches!(k, CaptureKind::Heading(_))) else {
            return;
        };
        let CaptureKind::Heading(level) = capture.kind else {
            return;
        };
        let pos = self.locator.pos(capture.start);
        let record = key_value(&capture.inline, self.text).map(|kind| RecordName {
            name_pos: self.locator.pos(kind.value_at),
            kind: kind.key,
            name: kind.value,
        });
        let (title, at) = capture.inline.trimmed(self.text);
        let title_pos = at.map_or(pos, |at| self.locator.pos(at));
        self.sections.heading(Heading {
            level,
            title,
            title_pos,
            pos,
            record,
        });
    }

    fn finish_bullet(&mut self) {
        let Some(capture) = self.take_capture(|k| matches!(k, CaptureKind::Bullet(_))) else {
            return;
        };
        let numbered = capture.kind == CaptureKind::Bullet(true);
        if !numbered
            && self.sections.takes_fields()
            && let Some(field) = key_value(&capture.inline, self.text)
        {
            let key_pos = self.locator.pos(field.key_at);
            let value_pos = self.locator.pos(field.value_at);
            let plain = self.sections.in_plain_record();
            self.sections.field(Entry {
                key: field.key,
                key_pos,
                value: Node::string(value_pos, field.value),
            });
            if !plain {
                return;
            }
        }
        if let Some(bullet) = self.prose_bullet(&capture.inline) {
            self.prose.push(bullet);
        }
    }

    /// A bullet that is not a field, when it opens with a bold or linked
    /// phrase, or with a plain one set off by a dash or colon: the phrase
    /// and the words after it, each where it is.
    fn prose_bullet(&self, inline: &Inline<'_>) -> Option<ProseBullet<'a>> {
        let text = inline.text();
        let lead = inline.lead().or_else(|| plain_lead(text))?;
        let name = text[lead.clone()].trim();
        let name_at =
            lead.start + (text[lead.clone()].len() - text[lead.clone()].trim_start().len());
        if name.is_empty() {
            return None;
        }
        let mut words = Vec::new();
        let mut at = lead.end;
        for word in text[lead.end..].split_whitespace().take(MAX_PROSE_WORDS) {
            let start = at + text[at..].find(word).unwrap_or(0);
            at = start + word.len();
            let pos = self.locator.pos(inline.source(start)?);
            words.push((inline.slice(self.text, start..at), pos));
        }
        Some(ProseBullet {
            lead: inline.slice(self.text, name_at..name_at + name.len()),
            pos: self.locator.pos(inline.source(name_at)?),
            words,
        })
    }

    fn finish_cell(&mut self, range: Range<usize>) {
        let Some(capture) = self.take_capture(|k| k == CaptureKind::Cell) else {
            return;
        };
        let (text, at) = capture.inline.trimmed(self.text);
        let pos = self.locator.pos(at.unwrap_or(range.start));
        if let Some(table) = &mut self.table {
            table.cell(text, pos, range.end);
        }
    }
}

/// Words of a prose bullet read after its lead. Its fields come first and
/// each is a few words, so no field is lost; a paragraph-long bullet would
/// otherwise hold a position for each of its words, some thirty times
/// its text.
const MAX_PROSE_WORDS: usize = 64;

/// Words most phrases that name something stay within.
const MAX_LEAD_WORDS: usize = 8;

/// The phrase a bullet opens with when it is set off by a dash or a colon
/// rather than bold: "Acme Website Redesign — due Dec 5", as generated
/// summaries write. Whether it names an entity is for reconciling to
/// decide; most such phrases ("Note", "Next steps") name none and are
/// dropped there.
fn plain_lead(text: &str) -> Option<Range<usize>> {
    const MARKS: [&str; 4] = [" \u{2014} ", " \u{2013} ", " - ", ": "];
    let end = MARKS.iter().filter_map(|mark| text.find(mark)).min()?;
    let lead = text[..end].trim();
    let words = lead.split_whitespace().count();
    (1..=MAX_LEAD_WORDS).contains(&words).then_some(0..end)
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
