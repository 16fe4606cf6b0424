//! Inline text mapped back to its source: a heading's, cell's or bullet's
//! text with emphasis, code and link syntax reduced to the words, and where
//! in the file each piece came from.

use std::ops::Range;

use crate::ingest::tree::Text;

/// The plain text of a heading, cell or bullet with emphasis, code and link
/// syntax reduced to its text, remembering where each piece came from so a
/// position can be given for any part of it.
#[derive(Default)]
pub(super) struct Inline {
    pub(super) text: String,
    spans: Vec<Span>,
    /// The text of a bold or linked phrase the text opens with
    /// (`**Acme Website Redesign**: due Dec 5`), once it has closed.
    lead: Option<Range<usize>>,
    /// Where such a phrase began, while it is open.
    lead_open: Option<usize>,
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
    pub(super) fn push(&mut self, text: &str, source: usize, verbatim: bool) {
        self.spans.push(Span {
            at: self.text.len(),
            len: text.len(),
            source,
            verbatim,
        });
        // A piece longer than the text so far (a cell of megabytes) gets
        // exactly its room, rather than a doubling to hold beside the file.
        if text.len() > self.text.capacity() - self.text.len() && text.len() >= self.text.len() {
            self.text.reserve_exact(text.len());
        }
        self.text.push_str(text);
    }

    pub(super) fn push_space(&mut self) {
        self.text.push(' ');
    }

    /// A bold or linked phrase opens: it leads the text when nothing but
    /// blanks came before it.
    pub(super) fn open_emphasis(&mut self) {
        if self.lead.is_none() && self.lead_open.is_none() && self.text.trim().is_empty() {
            self.lead_open = Some(self.text.len());
        }
    }

    /// The phrase [`Inline::open_emphasis`] opened closes.
    pub(super) fn close_emphasis(&mut self) {
        if let Some(start) = self.lead_open.take() {
            self.lead = Some(start..self.text.len());
        }
    }

    /// The bold or linked phrase the text opens with, if it does.
    pub(super) fn lead(&self) -> Option<Range<usize>> {
        self.lead.clone().filter(|lead| !lead.is_empty())
    }

    /// The source offset of byte `at` of the text.
    pub(super) fn source(&self, at: usize) -> Option<usize> {
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

    /// Bytes `range` of the text: borrowed from `source`, the whole file,
    /// when they lie in one piece the file holds as it is, which is what
    /// most cells and values are; else a copy.
    pub(super) fn slice<'a>(&self, source: &'a str, range: Range<usize>) -> Text<'a> {
        let i = self.spans.partition_point(|span| span.at <= range.start);
        if let Some(span) = i.checked_sub(1).map(|i| &self.spans[i])
            && span.verbatim
            && range.end <= span.at + span.len
        {
            let start = span.source + range.start - span.at;
            if let Some(text) = source.get(start..start + range.len()) {
                return Text::Borrowed(text);
            }
        }
        Text::Owned(self.text[range].to_owned())
    }

    /// The trimmed text and the source offset where it starts.
    pub(super) fn trimmed<'a>(&self, source: &'a str) -> (Text<'a>, Option<usize>) {
        let text = self.text.trim();
        let at = self.text.len() - self.text.trim_start().len();
        (
            self.slice(source, at..at + text.len()),
            self.source(at).filter(|_| !text.is_empty()),
        )
    }
}
