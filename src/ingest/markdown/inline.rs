//! Inline text mapped back to its source: a heading's, cell's or bullet's
//! text with emphasis, code and link syntax reduced to the words, and where
//! in the file each piece came from.

/// The plain text of a heading, cell or bullet with emphasis, code and link
/// syntax reduced to its text, remembering where each piece came from so a
/// position can be given for any part of it.
#[derive(Default)]
pub(super) struct Inline {
    pub(super) text: String,
    spans: Vec<Span>,
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
        self.text.push_str(text);
    }

    pub(super) fn push_space(&mut self) {
        self.text.push(' ');
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

    /// The trimmed text and the source offset where it starts.
    pub(super) fn trimmed(&self) -> (String, Option<usize>) {
        let text = self.text.trim();
        let at = self.text.len() - self.text.trim_start().len();
        (
            text.to_owned(),
            self.source(at).filter(|_| !text.is_empty()),
        )
    }
}
