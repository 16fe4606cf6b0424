//! What ingest produces: the files read and the mentions found in them.

use crate::diag::Pos;
use crate::id::typed_index;
pub use crate::intern::{FieldName, Interner, Symbol};
use chrono::NaiveDateTime;
use std::num::{NonZeroU16, NonZeroU32};

typed_index! {
    /// A mention: a record in [`Ingested::mentions`]; after them, one made
    /// from a reference in [`Ingested::references`]; after those, a prose
    /// bullet in [`Ingested::prose`].
    pub struct MentionId(NonZeroU32, u32);
}

typed_index! {
    /// A file in [`Ingested::files`].
    pub struct FileId(NonZeroU32, u32);
}

typed_index! {
    /// A seat in `Config::seats`.
    pub struct SeatId(NonZeroU16, u16);
}

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

/// Where a value or a name lies in its file's text ([`Ingested::texts`]).
///
/// What a file says is kept in one string per file, not a string per value
/// or name: a large organisation has hundreds of thousands of them, held
/// for the whole run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    /// One past the end, plus one: never zero, so `Option<Span>` is no
    /// larger than a span.
    end: NonZeroU32,
}

impl Span {
    /// Appends `s` to `text` and returns where it lies there.
    ///
    /// A file's text is at most twice the file (lists are joined with `, `)
    /// and a file at most `MAX_FILE_BYTES`, far under 4 GiB.
    pub fn push(text: &mut String, s: &str) -> Span {
        let start = text.len();
        // A piece longer than all the text before it (a value of megabytes)
        // gets its room and a quarter more for what follows, rather than a
        // doubling that would hold it twice over beside its file.
        if s.len() > text.capacity() - start && s.len() >= start {
            text.reserve_exact(s.len() + s.len() / 4);
        }
        text.push_str(s);
        let offset = |at: usize| u32::try_from(at).expect("a file's text is under 4 GiB");
        Span {
            start: offset(start),
            end: NonZeroU32::MIN.saturating_add(offset(text.len())),
        }
    }

    /// The text of the span in `text`, the string it was pushed to.
    pub fn of(self, text: &str) -> &str {
        &text[self.start as usize..self.end.get() as usize - 1]
    }
}

/// One field of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldValue {
    /// Its canonical name and the kind it refers to, in
    /// [`Ingested::interner`].
    pub name: FieldName,
    /// The value as written, in the file's text: see [`Ingested::raw`].
    pub raw: Span,
    pub pos: Pos,
}

/// Where a record's field values or identifiers lie in its file's list of
/// them ([`Ingested::fields`], [`Ingested::ids`]): one list per file rather
/// than an allocation per record, and 8 bytes in the mention rather than a
/// slice's 16.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListRange {
    start: u32,
    len: u32,
}

impl ListRange {
    /// Appends `items` to `list` and returns where they lie there.
    pub fn push<T>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> Self {
        let offset = |at: usize| u32::try_from(at).expect("a file has under 4 billion items");
        let start = list.len();
        list.extend(items);
        ListRange {
            start: offset(start),
            len: offset(list.len() - start),
        }
    }

    /// The items in `list`, the list they were pushed to.
    pub fn of<T>(self, list: &[T]) -> &[T] {
        &list[self.start as usize..(self.start + self.len) as usize]
    }
}

typed_index! {
    /// A record's own as-of time, as its place in its file's list of the
    /// times its records give ([`Ingested::times`]): most records give
    /// none, and the rest share a few.
    pub struct TimeId(NonZeroU32, u32);
}

impl TimeId {
    /// The time in `list`, the list it was made for.
    pub fn of(self, list: &[NaiveDateTime]) -> NaiveDateTime {
        list[self.index()]
    }
}

/// An identifier of a record: `(namespace, value)`, the namespace in
/// [`Ingested::interner`] and the value in the file's text.
pub type Identifier = (Symbol, Span);

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
    /// In [`Ingested::interner`].
    pub kind: Symbol,
    /// The name as written, in the file's text.
    pub name: Option<Span>,
    /// `("accelo_id", "4417")`, in the file's list of identifiers: read
    /// through [`Ingested::ids_of`]. Most mentions have none.
    pub ids: ListRange,
    /// In the file's list of fields: read through [`Ingested::fields_of`].
    pub fields: ListRange,
    /// The record's own as-of time, when it gives one: read through
    /// [`Ingested::as_of`], which falls back to the file's.
    pub as_of: Option<TimeId>,
    /// The record this one is nested in (a project under a client).
    pub parent: Option<MentionId>,
}

impl Mention {
    /// A `kind` record at `pos` with nothing read from it yet, nested in
    /// nothing.
    pub fn new(file: FileId, seq: u32, pos: Pos, kind: Symbol) -> Mention {
        Mention {
            file,
            seq,
            pos,
            kind,
            name: None,
            ids: ListRange::default(),
            fields: ListRange::default(),
            as_of: None,
            parent: None,
        }
    }
}

/// A mention one record makes of another entity by a field that refers to
/// it (`client: "Acme"` on a project mentions the client Acme). Everything
/// about it is read from that record and field, so it is kept as the two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub by: MentionId,
    /// Index into the referring record's fields.
    pub field: u32,
}

/// A mention by its id: a record's own, or one made from a reference.
#[derive(Debug, Clone, Copy)]
pub struct MentionRef<'a> {
    /// The text of the record's file, which its spans point into.
    text: &'a str,
    interner: &'a Interner,
    /// The record's own fields and identifiers; none for a mention made
    /// from a reference.
    fields: &'a [FieldValue],
    ids: &'a [Identifier],
    origin: Origin<'a>,
}

/// What a mention was read from.
#[derive(Debug, Clone, Copy)]
enum Origin<'a> {
    /// A record: the mention is the record itself.
    Record(&'a Mention),
    /// A field of record `by` that refers to another kind.
    Reference {
        by: MentionId,
        record: &'a Mention,
        field: &'a FieldValue,
    },
}

impl<'a> Origin<'a> {
    /// The record the mention is, or the one that refers.
    fn record(self) -> &'a Mention {
        match self {
            Origin::Record(m) | Origin::Reference { record: m, .. } => m,
        }
    }
}

impl<'a> MentionRef<'a> {
    fn record(self) -> &'a Mention {
        self.origin.record()
    }

    pub fn file(self) -> FileId {
        self.record().file
    }

    pub fn seq(self) -> u32 {
        self.record().seq
    }

    /// Where the record begins, or the referring value.
    pub fn pos(self) -> Pos {
        match self.origin {
            Origin::Record(m) => m.pos,
            Origin::Reference { field, .. } => field.pos,
        }
    }

    pub fn kind(self) -> Symbol {
        match self.origin {
            Origin::Record(m) => m.kind,
            Origin::Reference { field, .. } => self
                .interner
                .refers_to(field.name)
                .expect("a mention is made only from a referring field"),
        }
    }

    /// An `_id` field identifies what it refers to; any other names it.
    fn by_id(self, field: &FieldValue) -> bool {
        self.interner[self.interner.field(field.name)].ends_with("_id")
    }

    /// The name as written.
    pub fn name(self) -> Option<&'a str> {
        match self.origin {
            Origin::Record(m) => m.name.map(|name| name.of(self.text)),
            Origin::Reference { field, .. } => {
                (!self.by_id(field)).then(|| field.raw.of(self.text))
            }
        }
    }

    /// `(namespace, value)` pairs, as in [`Mention::ids`]: a reference by
    /// an `_id` field has the field's name as its namespace.
    pub fn ids(self) -> impl Iterator<Item = (Symbol, &'a str)> {
        let text = self.text;
        let (own, made) = match self.origin {
            Origin::Record(_) => (self.ids, None),
            Origin::Reference { field, .. } => (
                &[][..],
                self.by_id(field)
                    .then(|| (self.interner.field(field.name), field.raw.of(text))),
            ),
        };
        own.iter()
            .map(move |&(ns, value)| (ns, value.of(text)))
            .chain(made)
    }

    /// A mention made from a reference has no fields of its own.
    pub fn fields(self) -> &'a [FieldValue] {
        self.fields
    }

    pub fn parent(self) -> Option<MentionId> {
        match self.origin {
            Origin::Record(m) => m.parent,
            Origin::Reference { .. } => None,
        }
    }

    /// For a mention made from a reference: the record that refers and the
    /// field it does so in.
    pub fn referenced_by(self) -> Option<(MentionId, Symbol)> {
        match self.origin {
            Origin::Record(_) => None,
            Origin::Reference { by, field, .. } => Some((by, self.interner.field(field.name))),
        }
    }
}

/// Everything read from the state directory.
#[derive(Debug, Clone, Default)]
pub struct Ingested {
    pub files: Vec<FileInfo>,
    /// The records read: mention `i` is record `i`, and the mentions made
    /// from references are numbered after them.
    pub mentions: Vec<Mention>,
    /// Mentions made from references: mention `mentions.len() + i` is
    /// `references[i]`. Reconciling adds them.
    pub references: Vec<Reference>,
    /// Mentions read from Markdown prose bullets, records in all but how
    /// they were found: mention `mentions.len() + references.len() + i` is
    /// `prose[i]`. Reading finds them named and of no kind; reconciling
    /// keeps those whose name is a known entity's, with its kind, and
    /// drops the rest, so prose never makes an entity.
    pub prose: Vec<Mention>,
    /// Per file, its records' field values, which [`Mention::fields`] points
    /// into. Empty for a file not read.
    pub fields: Vec<Box<[FieldValue]>>,
    /// Per file, its records' identifiers, which [`Mention::ids`] points
    /// into. Empty for a file not read.
    pub ids: Vec<Box<[Identifier]>>,
    /// Per file, the as-of times its records give, which [`Mention::as_of`]
    /// points into. Empty for a file not read.
    pub times: Vec<Box<[NaiveDateTime]>>,
    /// Per file, what its records say: their values, names and identifiers,
    /// which their [`Span`]s point into, each text the file repeats once
    /// (spans may share it). Empty for a file not read.
    pub texts: Vec<Box<str>>,
    /// The kinds, field names and identifier namespaces the mentions use.
    pub interner: Interner,
    pub diagnostics: Vec<crate::diag::Diagnostic>,
    /// Files passed over: unknown format, hidden, ignored.
    pub skipped: Vec<Skipped>,
}

impl Ingested {
    /// Records, references and prose bullets.
    pub fn mention_count(&self) -> usize {
        self.mentions.len() + self.references.len() + self.prose.len()
    }

    /// Mention `m` when a record (or a prose bullet) is its own, `None`
    /// when a reference made it.
    pub fn record(&self, m: MentionId) -> Option<&Mention> {
        let i = m.index();
        match i.checked_sub(self.mentions.len() + self.references.len()) {
            Some(prose) => self.prose.get(prose),
            None => self.mentions.get(i),
        }
    }

    /// Mention `m`, which must be a record or a prose bullet.
    pub fn own(&self, m: MentionId) -> &Mention {
        self.record(m)
            .expect("a record or prose bullet, not a reference")
    }

    /// Whether mention `m` was read from a prose bullet.
    pub fn is_prose(&self, m: MentionId) -> bool {
        m.index() >= self.mentions.len() + self.references.len()
    }

    pub fn mention(&self, m: MentionId) -> MentionRef<'_> {
        // A mention made from a reference has no fields or identifiers of
        // its own.
        let (origin, fields, ids) = match self.record(m) {
            Some(own) => (Origin::Record(own), self.fields_of(own), self.ids_of(own)),
            None => {
                let reference = m.index() - self.mentions.len();
                let Reference { by, field } = self.references[reference];
                let record = &self.mentions[by.index()];
                let field = &self.fields_of(record)[field as usize];
                (Origin::Reference { by, record, field }, &[][..], &[][..])
            }
        };
        MentionRef {
            text: &self.texts[origin.record().file.index()],
            interner: &self.interner,
            fields,
            ids,
            origin,
        }
    }

    /// The canonical name of `field`, a field of one of the mentions.
    pub fn field(&self, field: &FieldValue) -> Symbol {
        self.interner.field(field.name)
    }

    /// The kind `field` refers to, if it names another kind.
    pub fn refers_to(&self, field: &FieldValue) -> Option<Symbol> {
        self.interner.refers_to(field.name)
    }

    /// The field values of `record`, one of [`Ingested::mentions`].
    pub fn fields_of(&self, record: &Mention) -> &[FieldValue] {
        self.fields
            .get(record.file.index())
            .map_or(&[], |list| record.fields.of(list))
    }

    /// The identifiers of `record`, one of [`Ingested::mentions`].
    pub fn ids_of(&self, record: &Mention) -> &[Identifier] {
        self.ids
            .get(record.file.index())
            .map_or(&[], |list| record.ids.of(list))
    }

    /// How current `record`, one of [`Ingested::mentions`], is: the as-of
    /// time it gives itself, else its file's.
    pub fn as_of(&self, record: &Mention) -> Option<NaiveDateTime> {
        let file = record.file.index();
        let own = record.as_of.zip(self.times.get(file));
        own.map(|(time, list)| time.of(list))
            .or_else(|| self.files.get(file).and_then(|f| f.as_of))
    }

    /// Field `field` of `record` as written.
    pub fn raw<'a>(&'a self, record: &Mention, field: &FieldValue) -> &'a str {
        field.raw.of(&self.texts[record.file.index()])
    }
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
        assert!(size_of::<Mention>() <= 52, "{} bytes", size_of::<Mention>());
        assert!(
            size_of::<FieldValue>() <= 20,
            "{} bytes",
            size_of::<FieldValue>()
        );
    }

    #[test]
    fn no_id_costs_nothing() {
        assert_eq!(size_of::<Option<MentionId>>(), size_of::<u32>());
        assert_eq!(size_of::<Option<FileId>>(), size_of::<u32>());
        assert_eq!(size_of::<Option<TimeId>>(), size_of::<u32>());
        assert_eq!(size_of::<Option<SeatId>>(), size_of::<u16>());
    }

    #[test]
    fn a_span_gives_back_what_was_pushed() {
        let mut text = String::new();
        let spans = ["", "Acme", "é", ""].map(|s| Span::push(&mut text, s));
        assert_eq!(text, "Acmeé");
        assert_eq!(spans.map(|span| span.of(&text)), ["", "Acme", "é", ""]);
        assert_eq!(size_of::<Option<Span>>(), size_of::<Span>());
    }

    #[test]
    fn a_reference_is_a_mention_of_what_it_names() {
        let m = MentionId::new;
        let mut interner = Interner::default();
        let mut symbol = |name: &str| interner.intern(name);
        let (client, client_id) = (symbol("client"), symbol("client_id"));
        let (project, accelo_id) = (symbol("project"), symbol("accelo_id"));
        let mut text = String::new();
        let mut field = |name: Symbol, raw: &str, column| FieldValue {
            name: interner.field_name(name, Some(client)),
            raw: Span::push(&mut text, raw),
            pos: Pos::new(4, column),
        };
        let fields = vec![field(client, "Acme", 7), field(client_id, "C-9", 20)];
        let mut record = Mention::new(FileId::new(2), 5, Pos::new(3, 1), project);
        record.name = Some(Span::push(&mut text, "Website"));
        let time = chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        record.as_of = Some(TimeId::new(0));
        let mut list = Vec::new();
        record.fields = ListRange::push(&mut list, fields);
        let mut ids = Vec::new();
        let id = (accelo_id, Span::push(&mut text, "P-1"));
        record.ids = ListRange::push(&mut ids, [id]);
        let ingested = Ingested {
            mentions: vec![record.clone()],
            fields: vec![Box::default(), Box::default(), list.into()],
            ids: vec![Box::default(), Box::default(), ids.into()],
            times: vec![Box::default(), Box::default(), Box::new([time])],
            texts: vec!["".into(), "".into(), text.into()],
            references: vec![
                Reference { by: m(0), field: 0 },
                Reference { by: m(0), field: 1 },
            ],
            interner,
            ..Ingested::default()
        };
        assert_eq!(ingested.mention_count(), 3);
        let own = ingested.mention(m(0));
        assert_eq!((own.kind(), own.name()), (project, Some("Website")));
        assert_eq!((own.fields().len(), own.referenced_by()), (2, None));
        assert_eq!(own.ids().collect::<Vec<_>>(), [(accelo_id, "P-1")]);
        let named = ingested.mention(m(1));
        assert_eq!((named.kind(), named.name()), (client, Some("Acme")));
        assert_eq!(named.ids().count(), 0);
        assert_eq!(
            (named.pos(), named.file(), named.seq()),
            (Pos::new(4, 7), FileId::new(2), 5)
        );
        assert_eq!(named.parent(), None);
        assert_eq!(ingested.as_of(&ingested.mentions[0]), Some(time));
        assert_eq!(named.referenced_by(), Some((m(0), client)));
        assert!(named.fields().is_empty());
        let by_id = ingested.mention(m(2));
        assert_eq!(by_id.name(), None);
        assert_eq!(by_id.ids().collect::<Vec<_>>(), [(client_id, "C-9")]);
        assert_eq!(by_id.referenced_by(), Some((m(0), client_id)));
    }
}
