//! Inline text mapped back to its source: a heading's, cell's or bullet's
//! text with emphasis, code and link syntax reduced to the words, and where
//! in the file each piece came from.

use std::borrow::Cow;
use std::ops::Range;

use crate::ingest::tree::Text;

/// The plain text of a heading, cell or bullet with emphasis, code and link
/// syntax reduced to its text, remembering where each piece came from so a
/// position can be given for any part of it.
#[derive(Default)]
pub(super) struct Inline<'a> {
    /// Borrowed from the file while the text is one piece the file holds as
    /// it is, as most cells and values are: a cell of megabytes is then
    /// not copied to be looked at.
    text: Cow<'a, str>,
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

impl<'a> Inline<'a> {
    /// Adds a piece of text that starts at byte `source` of the file;
    /// `original` is the file's own text of it when that is exactly the
    /// piece (no escapes or entities).
    pub(super) fn push(&mut self, text: &str, source: usize, original: Option<&'a str>) {
        self.spans.push(Span {
            at: self.text.len(),
            len: text.len(),
            source,
            verbatim: original.is_some(),
        });
        match original {
            Some(original) if self.text.is_empty() => self.text = Cow::Borrowed(original),
            _ => {
                let own = self.text.to_mut();
                // A piece longer than the text so far (a cell of megabytes)
                // gets exactly its room, rather than a doubling to hold
                // beside the file.
                if text.len() > own.capacity() - own.len() && text.len() >= own.len() {
                    own.reserve_exact(text.len());
                }
                own.push_str(text);
            }
        }
    }

    pub(super) fn push_space(&mut self) {
        self.text.to_mut().push(' ');
    }

    /// The plain text so far.
    pub(super) fn text(&self) -> &str {
        &self.text
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
    pub(super) fn slice<'s>(&self, source: &'s str, range: Range<usize>) -> Text<'s> {
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
    pub(super) fn trimmed<'s>(&self, source: &'s str) -> (Text<'s>, Option<usize>) {
        let text = self.text.trim();
        let at = self.text.len() - self.text.trim_start().len();
        (
            self.slice(source, at..at + text.len()),
            self.source(at).filter(|_| !text.is_empty()),
        )
    }
}
