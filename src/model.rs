//! What ingest produces: the files read and the mentions found in them.

use crate::diag::Pos;
use chrono::NaiveDateTime;
use compact_str::CompactString;
use thin_vec::ThinVec;
use ustr::Ustr;

/// Index of a mention in [`Ingested::mentions`].
pub type MentionId = u32;
/// Index of a file in [`Ingested::files`].
pub type FileId = u32;
/// Index of a seat in `Config::seats`.
pub type SeatId = u16;

/// Which reader a file goes to, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Json,
    JsonLines,
    Yaml,
    Toml,
    Markdown,
    Csv,
    Tsv,
}

impl Format {
    pub fn from_extension(ext: &str) -> Option<Format> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "yaml" | "yml" => Format::Yaml,
            "toml" => Format::Toml,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::JsonLines => "JSON Lines",
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Markdown => "Markdown",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
        }
    }
}

/// Where a file's as-of time came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOfSource {
    /// A top-level `updated_at` (or synonym, or front matter).
    Field,
    /// The newest of its records' own times (event logs).
    Records,
    /// The file system's modification time.
    Modified,
}

#[derive(Debug, Clone)]
pub struct FileInfo {
    /// Relative to the state directory, `/`-separated, control characters removed.
    pub path: String,
    pub format: Format,
    pub seat: Option<SeatId>,
    /// An event log: a later record replaces an earlier one for the same
    /// entity and field.
    pub later_wins: bool,
    pub as_of: Option<NaiveDateTime>,
    pub as_of_source: AsOfSource,
    pub mentions: u32,
    /// False when the file could not be parsed at all.
    pub readable: bool,
}

/// One field of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldValue {
    /// Canonical field name (`due_date` for `Deadline`).
    pub field: Ustr,
    pub raw: CompactString,
    pub pos: Pos,
    /// `Some(kind)` when the field names another kind (`client: "Acme"`):
    /// the value is that entity's name and is compared by entity.
    pub reference: Option<Ustr>,
}

/// One record in one state file that talks about an entity.
///
/// A large organisation has hundreds of thousands, all held for the whole
/// run, so every byte here is paid for that many times (`mention_stays_small`
/// below holds the line).
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub file: FileId,
    /// Order within the file; later wins in event logs.
    pub seq: u32,
    /// Where the record begins.
    pub pos: Pos,
    pub kind: Ustr,
    /// The name as written.
    pub name: Option<CompactString>,
    /// `(namespace, value)`: `("accelo_id", "4417")`. A `ThinVec` because
    /// most mentions have none, and an empty one is a pointer that allocates
    /// nothing where a `Vec` would be three words.
    pub ids: ThinVec<(CompactString, CompactString)>,
    /// Complete once the record is read, so no room is kept to grow.
    pub fields: Box<[FieldValue]>,
    /// The record's own as-of time, when it gives one.
    pub as_of: Option<NaiveDateTime>,
    /// The record this one is nested in or, with `via` set, the mention
    /// holding the reference it was made from; `NO_MENTION` for neither.
    /// One index serves both because a mention made from a reference is
    /// never nested. Read through [`Mention::parent`] and
    /// [`Mention::referenced_by`].
    link: MentionId,
    /// Set on mentions made from a reference: the field holding it.
    via: Option<Ustr>,
}

const NO_MENTION: MentionId = MentionId::MAX;

impl Mention {
    /// A `kind` record at `pos` with nothing read from it yet, nested in
    /// nothing and made from no reference.
    pub fn new(file: FileId, seq: u32, pos: Pos, kind: Ustr) -> Mention {
        Mention {
            file,
            seq,
            pos,
            kind,
            name: None,
            ids: ThinVec::new(),
            fields: Box::default(),
            as_of: None,
            link: NO_MENTION,
            via: None,
        }
    }

    /// The record this one is nested in (a project under a client).
    pub fn parent(&self) -> Option<MentionId> {
        (self.via.is_none() && self.link != NO_MENTION).then_some(self.link)
    }

    pub fn set_parent(&mut self, parent: Option<MentionId>) {
        debug_assert!(
            self.via.is_none(),
            "a mention made from a reference is never nested"
        );
        self.link = parent.unwrap_or(NO_MENTION);
    }

    /// Set on mentions made from a reference: the mention holding it and the field.
    pub fn referenced_by(&self) -> Option<(MentionId, Ustr)> {
        Some((self.link, self.via?))
    }

    pub fn set_referenced_by(&mut self, by: MentionId, field: Ustr) {
        debug_assert!(
            self.parent().is_none(),
            "a mention made from a reference is never nested"
        );
        self.link = by;
        self.via = Some(field);
    }
}

/// Everything read from the state directory.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub files: Vec<FileInfo>,
    pub mentions: Vec<Mention>,
    pub diagnostics: Vec<crate::diag::Diagnostic>,
    /// Files passed over: unknown format, hidden, ignored.
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SkipReason {
    UnknownFormat,
    Ignored,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mention_stays_small() {
        // Hundreds of thousands are held at once in a large organisation.
        assert!(size_of::<Mention>() <= 96, "{} bytes", size_of::<Mention>());
    }

    #[test]
    fn a_mention_is_nested_or_made_from_a_reference() {
        let field = Ustr::from("client");
        let mut m = Mention::new(0, 0, Pos::new(1, 1), Ustr::from("client"));
        assert_eq!((m.parent(), m.referenced_by()), (None, None));
        m.set_parent(Some(3));
        assert_eq!((m.parent(), m.referenced_by()), (Some(3), None));
        m.set_parent(None);
        m.set_referenced_by(7, field);
        assert_eq!((m.parent(), m.referenced_by()), (None, Some((7, field))));
    }
}
