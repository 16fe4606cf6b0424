//! From a document tree to mentions: which maps are records, what kind each
//! is, its name, identifiers, fields, references and parent. This is the one
//! place the spec's input conventions live, whatever the file format.
//!
//! Records are found where a person finds them:
//!
//! - under a key naming a kind (`projects`, `open_deals`): a list, an
//!   object of objects (its keys name the records that give no name of
//!   their own) or one object;
//! - in a list or a map under any other key, when the items say what they
//!   are: a `kind`/`type` field, or a field named after a kind that names
//!   the item (`project: "Acme"`, `deal_name`, HubSpot's `dealname`);
//! - through wrappers: a map that is not itself a record is looked
//!   through (`{"state": {"last_run": …, "items": […]}}`, `{"data": …}`),
//!   and where no key in it names a kind, a list in it takes the file
//!   name's kind, as a top-level list does (`{"results": […]}` in
//!   `deals.json`);
//! - with their fields one level down: `properties`, `attributes`,
//!   `fields` and `data` in a record hold the record's own fields, as CRM
//!   and API exports write them.
//!
//! Keys keep their unit apart: `Budget (EUR)`, `Spend ($)` and `budget_eur`
//! are the fields `budget` and `spend`, whose values are in that currency,
//! and `% of budget` is `percent_of_budget`, in percent. In one map a key
//! given twice is a warning, and its later value is the one read.
//!
//! Markdown bullets of prose that open with a bold or linked name are read
//! here into named mentions of no kind yet, each with the fields it states
//! in the vocabulary's words (`due Dec 5`, `budget $48k`); reconciling
//! keeps those whose name is an entity's and drops the rest.

use crate::diag::{Pos, Severity};
use crate::ingest::tree::{Document, Entry, Node, NodeValue, Problem, ProseBullet};
use crate::model::{
    FieldName, FieldValue, FileId, Identifier, Interner, ListRange, Mention, MentionId, Span,
    Symbol, TimeId,
};
use crate::normalize::{FieldType, currency_code, parse_as_of, reads_as};
use crate::text::sanitize;
use crate::vocab::Vocab;
use crate::words::snake_case_cow;
use chrono::NaiveDateTime;
use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use smallvec::SmallVec;
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::rc::Rc;

/// Deeper nesting than this is a pathological file, not an organisation.
const MAX_DEPTH: usize = 48;
/// Names longer than this are matched by their exact spelling (and their
/// identifiers) only: comparing near names costs time and memory that grow
/// faster than a name's length.
pub const MAX_NAME_CHARS: usize = 256;
/// Keys longer than this name no field anyone writes; they are not read,
/// so that a runaway key is not copied into every table of names.
pub const MAX_KEY_CHARS: usize = 256;
pub use crate::ingest::tree::MAX_FIELDS;
/// Keys under which a record's own fields sit one level down: an API's
/// (`properties`, `attributes`).
const LIFTED_KEYS: [&str; 4] = ["properties", "attributes", "fields", "data"];
/// Keys under which an API's page of records holds them (see
/// [`Walker::page`]).
const PAGE_KEYS: [&str; 7] = [
    "nodes", "edges", "items", "results", "records", "data", "entries",
];
/// Keys besides `id` and `<x>_id` that identify a record, each in its own
/// namespace: Jira's issue `key` (`TCK-1023`), Linear's `identifier`.
const ID_KEYS: [&str; 2] = ["key", "identifier"];
/// Words of the keys a page of records has beside its list (see
/// [`Walker::page`]).
const PAGE_WORDS: [&str; 20] = [
    "total", "count", "cursor", "page", "pages", "next", "prev", "previous", "offset", "limit",
    "more", "token", "size", "start", "max", "results", "links", "meta", "paging", "info",
];
/// Keys that title a record without being read as its name (a project's
/// `summary` describes it), yet say, beside a `<kind>_name`, that the
/// record is a thing of its own.
const TITLE_KEYS: [&str; 2] = ["summary", "subject"];
/// How many keys a file that yields no records names in its diagnostic.
const SEEN_KEYS: usize = 8;
/// Wrappers are looked through this deep for a file's seat and as-of time.
const META_DEPTH: usize = 3;
/// The unit of a field in percent: `CTR (%)`, `% of budget`.
const PERCENT: &str = "%";

/// Whether `name` is longer than [`MAX_NAME_CHARS`].
pub fn too_long_a_name(name: &str) -> bool {
    longer_than(name, MAX_NAME_CHARS)
}

fn longer_than(text: &str, chars: usize) -> bool {
    text.len() > chars && text.chars().nth(chars).is_some()
}

/// What one file says, before it is placed among the others. Parent indices
/// in `mentions` are local to this vector, `file` is 0, and kinds, field
/// names and namespaces are in the file's own `interner`.
#[derive(Debug, Default)]
pub struct Extracted {
    /// A `seat`/`agent` key in the file's metadata.
    pub seat: Option<String>,
    /// A top-level `updated_at` or synonym.
    pub as_of: Option<NaiveDateTime>,
    pub mentions: Vec<Mention>,
    /// Mentions read from prose bullets: named, with their fields, and of
    /// no kind yet (their kind is the empty name). Reconciling resolves
    /// each against the entities the records make, or drops it.
    pub prose: Vec<Mention>,
    /// The values, names and identifiers of `mentions`, which their spans
    /// point into.
    pub text: String,
    /// The field values of `mentions`, which their ranges point into.
    pub fields: Vec<FieldValue>,
    /// The identifiers of `mentions`, which their ranges point into.
    pub ids: Vec<Identifier>,
    /// The as-of times `mentions` give, each once, which they point into.
    pub times: Vec<NaiveDateTime>,
    /// The kinds, field names and identifier namespaces of `mentions`.
    pub interner: Interner,
    pub problems: Vec<Problem>,
    /// The first keys the file holds outside any record, and how many
    /// objects its top-level lists hold, for the diagnostic of a file that
    /// yields no records.
    pub seen: Vec<SeenKey>,
    pub listed: usize,
}

/// A key a file holds outside any record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenKey {
    pub key: String,
    /// How many objects it holds: the items of a list, the values of an
    /// object of objects; 0 for anything else.
    pub objects: usize,
}

impl Extracted {
    /// What the diagnostic of a file that yields no records says, besides
    /// that: which keys it holds and how to make them read. `stem` is the
    /// file's name without its extension, `extension` that extension.
    pub fn unread_hint(&self, stem: &str, extension: &str) -> String {
        let quoted = |keys: &mut dyn Iterator<Item = &SeenKey>| {
            keys.map(|k| format!("`{}`", k.key))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let holding: Vec<&SeenKey> = self.seen.iter().filter(|k| k.objects > 0).collect();
        if let Some(first) = holding.first() {
            let counts: Vec<String> = holding
                .iter()
                .map(|k| {
                    let s = if k.objects == 1 { "" } else { "s" };
                    format!("`{}` holds {} object{s}", k.key, k.objects)
                })
                .collect();
            return format!(
                "{}; to read them as records, name their kind in briefing.toml \
                 (`[kinds.<kind>] aka = [\"{}\"]`) or give each a `kind` field",
                counts.join(", "),
                first.key
            );
        }
        let file = snake_case_cow(stem);
        if self.listed > 0 {
            let s = if self.listed == 1 { " says" } else { "s say" };
            return format!(
                "its {} top-level object{s} no kind; name the file after their kind \
                 (`projects.{extension}`), give each a `kind` field, or name their kind in \
                 briefing.toml (`[kinds.<kind>] aka = [\"{file}\"]`)",
                self.listed,
            );
        }
        if self.seen.is_empty() {
            return format!(
                "to read the file as one record, name its kind in briefing.toml \
                 (`[kinds.<kind>] aka = [\"{file}\"]`)"
            );
        }
        format!(
            "keys seen: {}, none holding a list or map of objects; to read the file as \
             one record, name its kind in briefing.toml (`[kinds.<kind>] aka = [\"{file}\"]`)",
            quoted(&mut self.seen.iter())
        )
    }
}

#[cfg(test)]
impl Extracted {
    /// A field of one of `mentions` as written.
    pub fn raw(&self, field: &FieldValue) -> &str {
        field.raw.of(&self.text)
    }

    /// The name one of `mentions` gives itself.
    pub fn name(&self, mention: &Mention) -> Option<&str> {
        mention.name.map(|name| name.of(&self.text))
    }

    /// The kind of one of `mentions`.
    pub fn kind(&self, mention: &Mention) -> &str {
        &self.interner[mention.kind]
    }

    /// The canonical name of a field of one of `mentions`.
    pub fn field_name(&self, field: &FieldValue) -> &str {
        &self.interner[self.interner.field(field.name)]
    }

    /// The unit a field of one of `mentions` is given in.
    pub fn unit(&self, field: &FieldValue) -> Option<&str> {
        Some(&self.interner[self.interner.unit(field.name)?])
    }

    /// The kind a field of one of `mentions` refers to.
    pub fn refers_to(&self, field: &FieldValue) -> Option<&str> {
        let kind = self.interner.refers_to(field.name)?;
        Some(&self.interner[kind])
    }
}

/// Finds the records in `doc`. `file_kind` is the kind the file name gives
/// (`deals.json`), used where a record's position does not name one.
pub fn extract<'v>(doc: &Document<'_>, vocab: &'v Vocab, file_kind: Option<&'v str>) -> Extracted {
    let mut walker = Walker::new(vocab, file_kind, Carried::default());
    if let Some(front) = &doc.front_matter {
        walker.read_meta(front, 0);
        walker.root(front);
    }
    // A file of one document says its seat and as-of time at its top; in
    // a stream of documents (YAML's `---`) the first that says one does.
    // The lines of a log (`later_wins`) each say their own.
    if doc.front_matter.is_none() && (doc.roots.len() == 1 || !doc.later_wins) {
        for root in &doc.roots {
            walker.read_meta(root, 0);
            if walker.out.as_of.is_some() {
                break;
            }
        }
    }
    for root in &doc.roots {
        walker.root(root);
        if doc.later_wins {
            walker.seq += 1;
        }
    }
    for headed in &doc.headed {
        walker.headed(headed);
    }
    for bullet in &doc.prose {
        walker.prose(bullet);
    }
    walker.out
}

/// Everything reading a file gives, written out to compare two readings
/// of it: the whole file at once and in parts ([`Rows`], [`Roots`]).
#[doc(hidden)]
pub fn outline(out: &Extracted) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{}\n{:?} {:?}\n{:?}",
        out.mentions, out.fields, out.problems, out.text, out.listed, out.seat, out.as_of, out.seen
    )
}

/// Finds the records of a table read in parts, a few thousand rows at a
/// time, so that the tree of a large spreadsheet is never whole in memory:
/// a tree holds each cell as a value of its own, many times the cell's
/// bytes. Reading every part and then [`Rows::finish`] gives what
/// [`extract`] gives for the whole table, a root list of the same rows.
pub struct Rows<'v> {
    vocab: &'v Vocab,
    file_kind: Option<&'v str>,
    carried: Carried,
    tally: Tally,
}

impl<'v> Rows<'v> {
    /// `file_kind` as for [`extract`].
    pub fn new(vocab: &'v Vocab, file_kind: Option<&'v str>) -> Self {
        Self {
            vocab,
            file_kind,
            carried: Carried::default(),
            tally: Tally::default(),
        }
    }

    /// Reads the table's next rows.
    pub fn read(&mut self, rows: &[Node<'_>]) {
        let mut walker = Walker::new(
            self.vocab,
            self.file_kind,
            std::mem::take(&mut self.carried),
        );
        walker.out.listed += rows.iter().filter(|row| row.as_map().is_some()).count();
        walker.tally_items(rows, self.file_kind, None, 0, &mut self.tally);
        self.carried = walker.into_carried();
    }

    pub fn finish(self) -> Extracted {
        let mut walker = Walker::new(self.vocab, self.file_kind, self.carried);
        walker.report_unread(self.tally);
        walker.out
    }
}

/// Finds the records of a log read in parts, a thousand lines at a time
/// (JSON Lines), for the reason [`Rows`] reads a table so: reading every
/// part and then [`Roots::finish`] gives what [`extract`] gives for the
/// whole log, a document of the same roots whose later roots win.
pub struct Roots<'v> {
    vocab: &'v Vocab,
    file_kind: Option<&'v str>,
    carried: Carried,
}

impl<'v> Roots<'v> {
    /// `file_kind` as for [`extract`].
    pub fn new(vocab: &'v Vocab, file_kind: Option<&'v str>) -> Self {
        Self {
            vocab,
            file_kind,
            carried: Carried::default(),
        }
    }

    /// Reads the log's next roots; `whole` when they are all of them.
    pub fn read(&mut self, roots: &[Node<'_>], whole: bool) {
        let mut walker = Walker::new(
            self.vocab,
            self.file_kind,
            std::mem::take(&mut self.carried),
        );
        // As in `extract`: a log of one line says its seat and as-of time
        // at its top; the lines of a longer one each say their own.
        if let ([only], true) = (roots, whole) {
            walker.read_meta(only, 0);
        }
        for root in roots {
            walker.root(root);
            walker.seq += 1;
        }
        self.carried = walker.into_carried();
    }

    pub fn finish(self) -> Extracted {
        self.carried.out
    }
}

/// What reading a file carries from one part of it to the next: what was
/// read so far and the tables that keep each text and time once.
#[derive(Default)]
struct Carried {
    out: Extracted,
    seq: u32,
    kept: FxHashMap<u64, Span>,
    time_ids: FxHashMap<NaiveDateTime, TimeId>,
}

/// How many of a list's objects were records, how many were not read, and
/// where the first of those is.
#[derive(Default)]
struct Tally {
    records: usize,
    unread: usize,
    first_unread: Option<Pos>,
}

/// Everything the conventions ask of one key, worked out once per distinct
/// key in a file: a file repeats the same few keys in every record, and
/// folding and looking each one up is most of the cost of reading.
struct KeyInfo<'v> {
    snake: CompactString,
    /// The kind the key names exactly (`client`, `projects`), from its
    /// folded and from its written form (they differ only for rare Unicode).
    named_kind: Option<&'v str>,
    written_kind: Option<&'v str>,
    /// The kind a heading-like key names by one of its words (`open_deals`).
    heading_kind: Option<&'v str>,
    /// `client_name`, `dealname`: the kind whose name the key holds.
    name_of_kind: Option<&'v str>,
    /// `client_id`: the kind an identifier key's prefix names.
    id_of_kind: Option<&'v str>,
    /// `properties`, `attributes`, `fields`, `data`: inside a record, a map
    /// of the record's own fields.
    lifted: bool,
    /// The canonical field name, without the unit the key gives.
    field: CompactString,
    /// `project_status`, "Project Due Date": the kind the key's first
    /// word names and the field the rest does, which is that field of a
    /// record of that kind.
    own_field: Option<(&'v str, Symbol)>,
    /// `snake` and `field` (with its unit) in the file's interner, for when
    /// the key is an identifier's namespace or a field's name.
    snake_symbol: Symbol,
    field_symbol: Symbol,
    unit: Option<Symbol>,
}

struct Walker<'v, 'd> {
    vocab: &'v Vocab,
    file_kind: Option<&'v str>,
    out: Extracted,
    /// Counts roots in event logs, records elsewhere.
    seq: u32,
    keys: FxHashMap<&'d str, Rc<KeyInfo<'v>>>,
    /// Where each text kept so far is, by its hash: a file repeats its
    /// statuses, currencies, dates and the names it refers to, and each is
    /// kept once.
    kept: FxHashMap<u64, Span>,
    /// Where each as-of time given so far is in the file's list of them.
    time_ids: FxHashMap<NaiveDateTime, TimeId>,
    /// The keys this walk has already considered for `out.seen`.
    seen: FxHashSet<&'d str>,
}

/// Keys under which exports wrap a field's one value: `{"value": ...}`, a
/// date range's `{"start": ..., "end": null}`, `{"name": ...}` for a
/// person or an option, `{"display_value": ...}`.
const VALUE_KEYS: [&str; 6] = ["value", "date", "start", "text", "name", "display_value"];

/// The one value an object wraps (`"due_date": {"start": "2026-12-01",
/// "end": null}`): its only entry with text, when that entry's key is one
/// of [`VALUE_KEYS`].
fn wrapped_value<'a>(entries: &'a [Entry<'_>]) -> Option<(Cow<'a, str>, Pos)> {
    let mut filled = entries
        .iter()
        .filter_map(|e| Some((e, scalar(&e.value).filter(|t| !t.is_empty())?)));
    let (entry, text) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let key = snake_case_cow(&entry.key);
    VALUE_KEYS
        .contains(&key.as_ref())
        .then_some((text, entry.value.pos))
}

/// A scalar's text, trimmed and with control characters removed: borrowed
/// from the tree unless something had to be removed. A placeholder is
/// empty, as a blank is.
fn scalar<'d>(node: &'d Node<'_>) -> Option<Cow<'d, str>> {
    node.scalar_text().map(|s| {
        let s = s.trim();
        if is_placeholder(s) {
            Cow::Borrowed("")
        } else {
            sanitize(s)
        }
    })
}

/// Whether a record's name says it is the sum of others: `Total`,
/// `Totals`, `Grand total`, `Subtotal`, `Sum`, with or without a colon.
fn is_summary(name: &str) -> bool {
    const WORDS: [&str; 6] = [
        "total",
        "totals",
        "grand total",
        "subtotal",
        "sub-total",
        "sum",
    ];
    let name = name.trim_end_matches([':', ' ']);
    WORDS.iter().any(|w| name.eq_ignore_ascii_case(w))
}

/// What tables and scripts write where they have no value: a dash (`-`,
/// `—`, as an LLM fills a table's empty cell), `N/A`, spreadsheets'
/// `#N/A`, and what Python, pandas and JavaScript print for nothing
/// (`None`, `NaN`, `null`, `undefined`). Read as a value, each would be a
/// conflict with every real one.
fn is_placeholder(text: &str) -> bool {
    const WORDS: [&str; 8] = [
        "n/a",
        "#n/a",
        "n.a.",
        "none",
        "nan",
        "null",
        "nil",
        "undefined",
    ];
    if text.is_empty() || text.len() > 9 {
        return false;
    }
    let dashes =
        text.chars().count() <= 3 && text.chars().all(|c| matches!(c, '-' | '–' | '—' | '―'));
    dashes || WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

fn is_collection(node: &Node<'_>) -> bool {
    matches!(node.value, NodeValue::List(_) | NodeValue::Map(_))
}

/// How many objects a list or an object of objects holds.
fn objects(node: &Node<'_>) -> usize {
    match &node.value {
        NodeValue::List(items) => items.iter().filter(|i| i.as_map().is_some()).count(),
        NodeValue::Map(entries) => entries
            .iter()
            .filter(|e| e.value.as_map().is_some())
            .count(),
        _ => 0,
    }
}

/// A key without the unit it gives its values, and that unit: a currency
/// (`Budget (EUR)`, `Spend ($)`, `budget_eur`) or percent (`CTR (%)`). A
/// leading `%` is read as the word: `% of budget` is the share of the
/// budget, `percent_of_budget`, not the budget itself.
fn split_unit(key: &str) -> (Cow<'_, str>, Option<&'static str>) {
    let trimmed = key.trim();
    if let Some(rest) = trimmed.strip_prefix('%')
        && !rest.trim().is_empty()
    {
        return (Cow::Owned(format!("percent {rest}")), Some(PERCENT));
    }
    if let Some(inner) = trimmed
        .strip_suffix(')')
        .and_then(|s| s.rsplit_once('('))
        .or_else(|| trimmed.strip_suffix(']').and_then(|s| s.rsplit_once('[')))
    {
        let (base, unit) = (inner.0.trim_end(), inner.1.trim());
        let unit = if unit == PERCENT {
            Some(PERCENT)
        } else {
            currency_code(unit)
        };
        if let Some(unit) = unit.filter(|_| !base.is_empty()) {
            return (Cow::Borrowed(base), Some(unit));
        }
    }
    if let Some(base) = trimmed.strip_suffix(PERCENT)
        && !base.trim().is_empty()
    {
        return (Cow::Borrowed(base.trim_end()), Some(PERCENT));
    }
    let snake = snake_case_cow(trimmed);
    if let Some((base, code)) = snake.rsplit_once('_')
        && code.len() == 3
        && !base.is_empty()
        && let Some(unit) = currency_code(code)
    {
        return (Cow::Owned(base.to_owned()), Some(unit));
    }
    (Cow::Borrowed(key), None)
}

/// The kind whose name a key holds: `client_name`, or `dealname` as
/// HubSpot writes it.
fn name_of_kind<'v>(vocab: &'v Vocab, snake: &str) -> Option<&'v str> {
    let prefix = snake
        .strip_suffix("_name")
        .or_else(|| snake.strip_suffix("name"))?;
    vocab.kind_of_key(prefix)
}

impl<'v, 'd> Walker<'v, 'd> {
    fn new(vocab: &'v Vocab, file_kind: Option<&'v str>, carried: Carried) -> Self {
        let Carried {
            out,
            seq,
            kept,
            time_ids,
        } = carried;
        Self {
            vocab,
            file_kind,
            out,
            seq,
            keys: FxHashMap::default(),
            kept,
            time_ids,
            seen: FxHashSet::default(),
        }
    }

    fn into_carried(self) -> Carried {
        Carried {
            out: self.out,
            seq: self.seq,
            kept: self.kept,
            time_ids: self.time_ids,
        }
    }

    fn key(&mut self, written: &'d str) -> Rc<KeyInfo<'v>> {
        if let Some(info) = self.keys.get(written) {
            return Rc::clone(info);
        }
        // A key too long to read is classified as no key at all, and never
        // copied.
        let key = if longer_than(written, MAX_KEY_CHARS) {
            ""
        } else {
            written
        };
        let vocab = self.vocab;
        let snake = snake_case_cow(key);
        let (base, unit) = split_unit(key);
        let field = vocab.field_cow(&base);
        let interner = &mut self.out.interner;
        let (snake_symbol, field_symbol) = (interner.intern(&snake), interner.intern(&field));
        let unit = unit.map(|unit| interner.intern(unit));
        let own_field = field.split_once('_').and_then(|(first, rest)| {
            let kind = vocab.kind_of_key(first)?;
            let rest = vocab.field_cow(rest);
            Some((kind, interner.intern(&rest)))
        });
        let info = Rc::new(KeyInfo {
            own_field,
            named_kind: vocab.kind_of_key(&snake),
            written_kind: vocab.kind_of_key(key),
            heading_kind: vocab.kind_of_heading(key),
            name_of_kind: name_of_kind(vocab, &snake),
            id_of_kind: vocab.kind_of_key(snake.strip_suffix("_id").unwrap_or("")),
            lifted: LIFTED_KEYS.contains(&snake.as_ref()),
            field: field.as_ref().into(),
            snake: snake.as_ref().into(),
            snake_symbol,
            field_symbol,
            unit,
        });
        self.keys.insert(written, Rc::clone(&info));
        info
    }

    /// Reads a file's seat and as-of time from its top-level keys, and
    /// from wrappers around them (`{"state": {"last_run": …}}`): a key
    /// nearer the top wins.
    fn read_meta(&mut self, node: &'d Node<'_>, depth: usize) {
        let Some(entries) = node.as_map() else { return };
        let mut wrappers = Vec::new();
        for entry in entries {
            let key = self.key(&entry.key);
            if Vocab::is_seat_key(&key.snake) {
                if let Some(seat) = scalar(&entry.value).filter(|_| self.out.seat.is_none()) {
                    self.out.seat = Some(seat.into_owned());
                }
            } else if key.field == "updated_at" {
                if depth == 0 || self.out.as_of.is_none() {
                    self.out.as_of = self.as_of_value(&entry.value);
                }
            } else if let Some(inner) = entry.value.as_map()
                && depth < META_DEPTH
                && key.heading_kind.is_none()
                && self.own_kind(inner, false).is_none()
            {
                wrappers.push(&entry.value);
            }
        }
        for wrapper in wrappers {
            self.read_meta(wrapper, depth + 1);
        }
    }

    fn as_of_value(&mut self, node: &Node<'_>) -> Option<NaiveDateTime> {
        let text = scalar(node)?;
        let parsed = parse_as_of(&text);
        if parsed.is_none() {
            self.problem(
                node.pos,
                format!("`{text}` is not a date or time; as-of time ignored"),
            );
        }
        parsed
    }

    fn name(&mut self, field: Symbol, refers_to: Option<Symbol>) -> FieldName {
        self.out.interner.field_name(field, refers_to)
    }

    /// A field named after the kind it refers to (`client: "Acme"`).
    fn naming(&mut self, kind: &str) -> FieldName {
        let kind = self.out.interner.intern(kind);
        self.name(kind, Some(kind))
    }

    /// Where `t` is in the file's list of times, added if it is not yet.
    fn time(&mut self, t: NaiveDateTime) -> TimeId {
        let times = &mut self.out.times;
        *self.time_ids.entry(t).or_insert_with(|| {
            times.push(t);
            TimeId::new(times.len() - 1)
        })
    }

    /// Keeps `text` in the file's text, where it already is if it was kept
    /// before. Texts are found by hash and then compared, so two with the
    /// same hash are both kept.
    fn keep(&mut self, text: &str) -> Span {
        let hash = FxBuildHasher.hash_one(text);
        match self.kept.get(&hash) {
            Some(span) if span.of(&self.out.text) == text => *span,
            _ => {
                let span = Span::push(&mut self.out.text, text);
                self.kept.insert(hash, span);
                span
            }
        }
    }

    fn problem(&mut self, pos: Pos, message: String) {
        self.out.problems.push(Problem {
            pos,
            severity: Severity::Warning,
            message,
        });
    }

    /// Notes a key held outside any record, for a file that yields none:
    /// not the seat and as-of keys, which were read.
    fn saw(&mut self, key: &'d str, value: &Node<'_>) {
        if self.out.seen.len() >= SEEN_KEYS
            || key.is_empty()
            || longer_than(key, MAX_KEY_CHARS)
            || !self.seen.insert(key)
        {
            return;
        }
        let info = self.key(key);
        if Vocab::is_seat_key(&info.snake) || info.field == "updated_at" {
            return;
        }
        // `seen` holds the keys of this walk only; a file read in parts
        // may have listed the key in an earlier one.
        let key = sanitize(key);
        if !self.out.seen.iter().any(|k| k.key == key) {
            self.out.seen.push(SeenKey {
                key: key.into_owned(),
                objects: objects(value),
            });
        }
    }

    /// Which of `entries` to read: all of them (`None`), unless a key is
    /// given twice, when only its last is read and each earlier one is
    /// reported.
    fn unrepeated(&mut self, entries: &'d [Entry<'_>]) -> Option<Vec<bool>> {
        // Nearly every map gives each key once: tell that first, cheaply.
        let repeated = if entries.len() <= 32 {
            (1..entries.len()).any(|i| entries[..i].iter().any(|e| e.key == entries[i].key))
        } else {
            let mut keys = FxHashSet::default();
            !entries.iter().all(|e| keys.insert(&*e.key))
        };
        if !repeated {
            return None;
        }
        let mut last: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, e) in entries.iter().enumerate() {
            last.insert(&e.key, i);
        }
        let read: Vec<bool> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| last[&*e.key] == i)
            .collect();
        for (earlier, _) in entries.iter().zip(&read).filter(|(_, read)| !**read) {
            let later = &entries[last[&*earlier.key]];
            let (a, b) = (earlier.key_pos, later.key_pos);
            let place = if a.line == b.line {
                format!("on line {} (columns {} and {})", a.line, a.column, b.column)
            } else {
                format!("on lines {} and {}", a.line, b.line)
            };
            self.problem(
                later.key_pos,
                format!(
                    "`{}` is given twice in one mapping, {place}; the later value is read",
                    sanitize(&later.key),
                ),
            );
        }
        Some(read)
    }

    fn root(&mut self, node: &'d Node<'_>) {
        match &node.value {
            NodeValue::List(items) => {
                let kind = self.file_kind;
                self.out.listed += items.iter().filter(|i| i.as_map().is_some()).count();
                self.items(items, kind, None, 0);
            }
            NodeValue::Map(entries) => {
                // In a file named after a kind, a record that names itself
                // refers by its kind-named fields (`client: Acme` on a
                // project) rather than being of their kind.
                if let Some(kind) = self.own_kind(entries, self.file_kind.is_some()) {
                    self.record(node.pos, entries, kind, None, None, 0);
                } else if let Some(kind) = self.file_kind.filter(|_| self.keys_records(entries)) {
                    // `{"updated_at": ..., "Alpha Build": {...}}`: records
                    // keyed by name beside the file's own metadata.
                    self.keyed_records(entries, kind, None, 0);
                } else if let Some(kind) = self.file_kind.filter(|_| self.is_one_record(entries)) {
                    self.record(node.pos, entries, kind, None, None, 0);
                } else {
                    let wrapped = self.file_kind.filter(|_| !self.holds_collections(entries));
                    self.container(entries, None, wrapped, true, 0);
                }
            }
            _ => {}
        }
    }

    /// A map that is not itself a record: its kind-named keys hold records,
    /// and so do its other lists and maps whose items say what they are.
    /// `wrapped` is the file name's kind while no key on the way here
    /// named one: a list under another key then holds records of it.
    /// `wrapper` is whether it wraps the file's contents (rather than being
    /// an item of a list), so its keys are the file's own.
    fn container(
        &mut self,
        entries: &'d [Entry<'_>],
        parent: Option<MentionId>,
        wrapped: Option<&'v str>,
        wrapper: bool,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            return;
        }
        let read = self.unrepeated(entries);
        for (i, entry) in entries.iter().enumerate() {
            if read.as_ref().is_some_and(|read| !read[i]) {
                continue;
            }
            if wrapper && parent.is_none() {
                self.saw(&entry.key, &entry.value);
            }
            let heading_kind = if entry.key.is_empty() {
                self.file_kind
            } else {
                self.key(&entry.key).heading_kind
            };
            match (&entry.value.value, heading_kind) {
                (_, Some(kind)) if is_collection(&entry.value) => {
                    self.collection(&entry.value, kind, parent, depth + 1);
                }
                (NodeValue::List(items), None) => {
                    // Only a list of objects is a wrapper's list of records.
                    let kind = wrapped.filter(|_| items.iter().all(|i| i.as_map().is_some()));
                    self.items(items, kind, parent, depth + 1);
                }
                (NodeValue::Map(inner), None) => match self.own_kind(inner, true) {
                    Some(kind) => {
                        let name = sanitize(entry.key.trim());
                        self.record(entry.key_pos, inner, kind, parent, Some(name), depth + 1);
                    }
                    None => {
                        let wrapped = wrapped.filter(|_| !self.holds_collections(inner));
                        self.container(inner, parent, wrapped, wrapper, depth + 1);
                    }
                },
                _ => {}
            }
        }
    }

    /// The records under a kind key: a list, an object of objects, or one object.
    fn collection(
        &mut self,
        node: &'d Node<'_>,
        kind: &'v str,
        parent: Option<MentionId>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            self.problem(
                node.pos,
                format!("records nested deeper than {MAX_DEPTH} levels are ignored"),
            );
            return;
        }
        match &node.value {
            NodeValue::List(items) => self.items(items, Some(kind), parent, depth),
            NodeValue::Map(entries) if let Some(page) = self.page(entries) => {
                if page.key == "edges"
                    && let NodeValue::List(edges) = &page.value.value
                {
                    // `{"edges": [{"node": {...}, "cursor": "..."}]}`
                    let nodes = edges
                        .iter()
                        .filter_map(|edge| edge.as_map()?.iter().find(|e| e.key == "node"));
                    for node in nodes {
                        self.collection(&node.value, kind, parent, depth + 1);
                    }
                } else {
                    self.collection(&page.value, kind, parent, depth + 1);
                }
            }
            NodeValue::Map(entries) if self.is_object_of_objects(entries) => {
                self.keyed_records(entries, kind, parent, depth);
            }
            NodeValue::Map(entries) => self.record(node.pos, entries, kind, parent, None, depth),
            _ => {}
        }
    }

    /// A plain heading's section under another heading (see
    /// [`Document::headed`]): when the outer heading names a kind and a
    /// bullet a field of the vocabulary, a mention of that kind for
    /// reconciling to resolve as it does prose, against the entities the
    /// records make. Like prose it never makes an entity: "### Summary"
    /// under "## Projects", with `- Status:` bullets, is no project.
    fn headed(&mut self, node: &'d Node<'_>) {
        let Some([entry]) = node.as_map() else {
            return;
        };
        let Some(bullets) = entry.value.as_map() else {
            return;
        };
        let Some(kind) = self.key(&entry.key).heading_kind else {
            return;
        };
        let says_a_field = bullets.iter().skip(1).any(|bullet| {
            let field = self.key(&bullet.key);
            self.vocab.known_field(&field.field).is_some()
        });
        if !says_a_field || bullets.iter().any(|bullet| is_collection(&bullet.value)) {
            return;
        }
        let before = self.out.mentions.len();
        self.record(entry.value.pos, bullets, kind, None, None, 0);
        if self.out.mentions.len() == before + 1
            && let Some(mention) = self.out.mentions.pop()
        {
            self.out.prose.push(mention);
        }
    }

    /// The list a page of records holds, as APIs return them under a kind
    /// key: GraphQL's `{"nodes": [...]}` and `{"edges": [{"node": ...}]}`,
    /// `{"total": 2, "items": [...]}`. A page names nothing and holds one
    /// list, beside counts and cursors; a record has a name of its own.
    fn page<'t>(&mut self, entries: &'d [Entry<'t>]) -> Option<&'d Entry<'t>> {
        let mut lists = entries
            .iter()
            .filter(|e| matches!(e.value.value, NodeValue::List(_)));
        let list = lists.next().filter(|_| lists.next().is_none())?;
        if !PAGE_KEYS.contains(&self.key(&list.key).snake.as_str()) {
            return None;
        }
        // Beside it, only what pages say of themselves: `total`,
        // `pageInfo`, `next_cursor`, `has_more`. A record's own fields
        // (`status`, `budget`) make it a record whose items are its own.
        let paging = |key: &str| {
            key.split('_')
                .any(|word| PAGE_WORDS.contains(&word) || word.ends_with("count"))
        };
        entries
            .iter()
            .filter(|e| !std::ptr::eq(*e, list))
            .all(|e| paging(&self.key(&e.key).snake))
            .then_some(list)
    }

    /// The items of a list. `kind` is what the list's position says they
    /// are (the key it is under, the file name); without one, an item that
    /// says what it is is a record of that kind, and any other is looked
    /// into for records. A list whose items say what they are but for some
    /// that hold no record either is a list of records some of which went
    /// unread: a warning at the first of those says how many.
    fn items(
        &mut self,
        items: &'d [Node<'_>],
        kind: Option<&'v str>,
        parent: Option<MentionId>,
        depth: usize,
    ) {
        let mut tally = Tally::default();
        self.tally_items(items, kind, parent, depth, &mut tally);
        self.report_unread(tally);
    }

    /// Reads `items` as [`Walker::items`] does, counting in `tally` what
    /// the list's diagnostic needs, for a list read in parts.
    fn tally_items(
        &mut self,
        items: &'d [Node<'_>],
        kind: Option<&'v str>,
        parent: Option<MentionId>,
        depth: usize,
        tally: &mut Tally,
    ) {
        for item in items {
            match &item.value {
                NodeValue::Map(entries) => match kind.or_else(|| self.own_kind(entries, depth > 0))
                {
                    Some(kind) => {
                        tally.records += 1;
                        self.record(item.pos, entries, kind, parent, None, depth);
                    }
                    None => {
                        let before = self.out.mentions.len();
                        self.container(entries, parent, None, false, depth + 1);
                        if self.out.mentions.len() == before {
                            tally.unread += 1;
                            tally.first_unread.get_or_insert(item.pos);
                        }
                    }
                },
                _ => {
                    if let (Some(kind), Some(name)) = (kind, scalar(item)) {
                        self.record(item.pos, &[], kind, parent, Some(name), depth);
                    }
                }
            }
        }
    }

    /// The warning for a list some of whose objects are records and some
    /// not, read in full.
    fn report_unread(&mut self, tally: Tally) {
        let Tally {
            records,
            unread,
            first_unread,
        } = tally;
        if let Some(pos) = first_unread.filter(|_| records > 0) {
            let total = records + unread;
            let (says, holds, it) = if unread == 1 {
                ("says", "holds", "it was")
            } else {
                ("say", "hold", "they were")
            };
            self.problem(
                pos,
                format!(
                    "{unread} of this list's {total} objects {says} no kind and {holds} no \
                     record, so {it} not read; give each a `kind` field as the others have"
                ),
            );
        }
    }

    /// A record's kind when its position gives none: a `kind`/`type` field
    /// naming a kind, else the leftmost field named after a kind, else the
    /// leftmost field holding a kind's name (`deal_name`, `dealname`);
    /// looked for among the record's fields and then among those one level
    /// down (`properties`).
    ///
    /// `strict` is for items under a key that names no kind: there a field
    /// named after a kind names the item only when the item names itself
    /// no other way (`- project: "Acme"` / `due: "Dec 1"`), and a field
    /// holding a kind's name only when it has no `name` or `title`.
    /// Otherwise the field refers to another entity, as `client` does on an
    /// invoice (`id`, `client`, `project`, `amount`) or on an engagement
    /// with a `name`: such items are not read as the entities they refer to.
    fn own_kind(&mut self, entries: &'d [Entry<'_>], strict: bool) -> Option<&'v str> {
        let mut found = Found::default();
        if let Some(kind) = self.kind_in(entries, &mut found) {
            return Some(kind);
        }
        for e in entries {
            if let Some(inner) = e.value.as_map()
                && self.key(&e.key).lifted
                && let Some(kind) = self.kind_in(inner, &mut found)
            {
                return Some(kind);
            }
        }
        // A record with a name of its own (`name`, `title`) is something
        // else that refers to the kind its field names. So is one with a
        // title of its own beside a `<kind>_name`: a Jira row's `Summary`
        // beside its `Project name`. (`project: X` beside a `summary` is
        // the project X, described.)
        if found.named {
            return None;
        }
        let by_name = found.by_name.filter(|_| !found.titled);
        if !strict {
            return found.by_field.or(by_name);
        }
        found.by_field.filter(|_| !found.identified).or(by_name)
    }

    /// [`Walker::own_kind`] among one level's fields: the kind a
    /// `kind`/`type` field names, if one does; else notes in `found` the
    /// leftmost field named after a kind, the leftmost holding a kind's
    /// name, and whether a `name`/`title` or `id` is given.
    fn kind_in(&mut self, entries: &'d [Entry<'_>], found: &mut Found<'v>) -> Option<&'v str> {
        let vocab = self.vocab;
        for e in entries {
            let Some(text) = e.value.scalar_text() else {
                continue;
            };
            let key = self.key(&e.key);
            if Vocab::is_kind_key(&key.snake)
                && let Some(kind) = vocab.kind_of_key(text)
            {
                return Some(kind);
            }
            found.named |= Vocab::is_name_key(&key.snake);
            found.titled |= TITLE_KEYS.contains(&key.snake.as_str());
            found.identified |= key.snake == "id" || ID_KEYS.contains(&key.snake.as_str());
            found.by_field = found.by_field.or(key.written_kind);
            found.by_name = found.by_name.or(key.name_of_kind);
        }
        None
    }

    fn holds_collections(&mut self, entries: &'d [Entry<'_>]) -> bool {
        entries
            .iter()
            .any(|e| is_collection(&e.value) && self.key(&e.key).heading_kind.is_some())
    }

    /// Whether a top-level map of a file named after a kind is one record
    /// of it, rather than a wrapper around its records: it holds no kind
    /// key, and it either names itself or holds no list of objects.
    fn is_one_record(&mut self, entries: &'d [Entry<'_>]) -> bool {
        if self.holds_collections(entries) {
            return false;
        }
        let names_itself = entries.iter().any(|e| {
            e.value.scalar_text().is_some() && {
                let key = self.key(&e.key);
                Vocab::is_name_key(&key.snake) || key.named_kind.is_some()
            }
        });
        names_itself || !entries.iter().any(|e| wraps_records(&e.value, 0))
    }

    /// `{ "Acme": {...}, "Globex": {...} }` rather than one record's fields.
    fn is_object_of_objects(&mut self, entries: &'d [Entry<'_>]) -> bool {
        !entries.is_empty() && entries.iter().all(|e| self.keys_a_record(e))
    }

    /// Whether a top-level map is [an object of
    /// objects](Walker::is_object_of_objects) beside the file's seat and
    /// as-of time, with at least one record, and none of its keys a field
    /// the vocabulary knows (`budget: {amount, currency}` is one record's).
    fn keys_records(&mut self, entries: &'d [Entry<'_>]) -> bool {
        let mut records = 0;
        for e in entries {
            let key = self.key(&e.key);
            if e.value.scalar_text().is_some()
                && (Vocab::is_seat_key(&key.snake) || key.field == "updated_at")
            {
                continue;
            }
            if self.vocab.field_type(&key.field).is_some() || !self.keys_a_record(e) {
                return false;
            }
            records += usize::from(e.value.as_map().is_some());
        }
        records > 0
    }

    /// The records of an object of objects, each under its name; entries
    /// that are not (the file's metadata beside them) are passed over.
    fn keyed_records(
        &mut self,
        entries: &'d [Entry<'_>],
        kind: &'v str,
        parent: Option<MentionId>,
        depth: usize,
    ) {
        let read = self.unrepeated(entries);
        for (i, entry) in entries.iter().enumerate() {
            if read.as_ref().is_some_and(|read| !read[i]) || !self.keys_a_record(entry) {
                continue;
            }
            let name = sanitize(entry.key.trim());
            let fields = entry.value.as_map().unwrap_or(&[]);
            self.record(entry.key_pos, fields, kind, parent, Some(name), depth);
        }
    }

    /// Whether an entry of an object of objects is a record under its name.
    fn keys_a_record(&mut self, e: &'d Entry<'_>) -> bool {
        matches!(e.value.value, NodeValue::Map(_) | NodeValue::Null) && {
            let key = self.key(&e.key);
            !Vocab::is_name_key(&key.snake)
                && key.snake != "id"
                && key.named_kind.is_none()
                && !key.lifted
        }
    }

    /// A record. `name` is the key it is filed under or the scalar it is,
    /// which names it when it gives no name of its own.
    fn record(
        &mut self,
        pos: Pos,
        entries: &'d [Entry<'_>],
        kind: &'v str,
        parent: Option<MentionId>,
        name: Option<Cow<'_, str>>,
        depth: usize,
    ) {
        let index = MentionId::new(self.out.mentions.len());
        // Pushed before its entries are read so records nested in it can
        // name it as their parent.
        let kind_symbol = self.out.interner.intern(kind);
        let mut mention = Mention::new(FileId::new(0), self.seq, pos, kind_symbol);
        mention.parent = parent;
        self.out.mentions.push(mention);
        // Most entries become fields, so one allocation of the right size
        // replaces the doubling growth and its copies.
        let mut record = RecordParts {
            fields: Vec::with_capacity(entries.len().min(MAX_FIELDS)),
            ..RecordParts::default()
        };
        self.entries(entries, kind, index, &mut record, depth);
        if record.name.is_none()
            && let Some(name) = name.filter(|name| !name.is_empty())
        {
            record.name = Some(self.keep(&name));
        }
        if record
            .name
            .is_some_and(|name| too_long_a_name(name.of(&self.out.text)))
        {
            self.problem(
                pos,
                format!(
                    "a name longer than {MAX_NAME_CHARS} characters is matched by its exact spelling only"
                ),
            );
        }
        // A spreadsheet's `Total` row sums the records above it; read as
        // one it would be an entity, and two seats' totals a conflict. A
        // client named Total has more than amounts to say.
        if let Some(name) = record.name.map(|name| name.of(&self.out.text))
            && is_summary(name)
            && record.ids.is_empty()
            && self.out.mentions.len() == index.index() + 1
            && !record.fields.is_empty()
            && record.fields.iter().all(|field| {
                let raw = field.raw.of(&self.out.text);
                reads_as(raw, FieldType::Money) || reads_as(raw, FieldType::Percent)
            })
        {
            let message = format!(
                "a {kind} named `{name}` is read as the total of the records beside it, not as a {kind}"
            );
            self.out.mentions.pop();
            self.out.problems.push(Problem {
                pos,
                severity: Severity::Info,
                message,
            });
            return;
        }
        let fields = ListRange::push(&mut self.out.fields, record.fields);
        let ids = ListRange::push(&mut self.out.ids, record.ids);
        let as_of = record.as_of.map(|t| self.time(t));
        let mention = &mut self.out.mentions[index.index()];
        mention.name = record.name;
        mention.ids = ids;
        mention.fields = fields;
        mention.as_of = as_of;
    }

    /// A record's entries, the later of any key given twice.
    fn entries(
        &mut self,
        entries: &'d [Entry<'_>],
        kind: &'v str,
        index: MentionId,
        record: &mut RecordParts,
        depth: usize,
    ) {
        if let Some(over) = entries.get(MAX_FIELDS) {
            self.problem(
                over.key_pos,
                format!(
                    "the record has {} keys, more than the {MAX_FIELDS} a record may have; the rest are not read",
                    entries.len()
                ),
            );
        }
        let entries = &entries[..entries.len().min(MAX_FIELDS)];
        let read = self.unrepeated(entries);
        for (i, entry) in entries.iter().enumerate() {
            if read.as_ref().is_none_or(|read| read[i]) {
                self.entry(entry, entries, kind, index, record, depth);
            }
        }
    }

    fn entry(
        &mut self,
        entry: &'d Entry<'_>,
        siblings: &'d [Entry<'_>],
        kind: &'v str,
        index: MentionId,
        record: &mut RecordParts,
        depth: usize,
    ) {
        if longer_than(&entry.key, MAX_KEY_CHARS) {
            self.problem(
                entry.key_pos,
                format!("a key longer than {MAX_KEY_CHARS} characters is not read"),
            );
            return;
        }
        let info = self.key(&entry.key);
        let key = info.snake.as_str();
        let value = &entry.value;

        if let Some(other) = info.named_kind {
            match scalar(value) {
                Some(text) if other == kind => {
                    if record.name.is_none() && !text.is_empty() {
                        record.name = Some(self.keep(&text));
                    }
                }
                Some(text) if text.is_empty() => {}
                Some(text) => {
                    let field = FieldValue {
                        name: self.naming(other),
                        raw: self.keep(&text),
                        pos: value.pos,
                    };
                    record.fields.push(field);
                }
                None => {
                    self.collection(value, other, Some(index), depth + 1);
                }
            }
            return;
        }
        let Some(text) = scalar(value) else {
            match &value.value {
                // `properties`, `attributes`: the record's own fields.
                NodeValue::Map(inner) if info.lifted && depth < MAX_DEPTH => {
                    self.entries(inner, kind, index, record, depth + 1);
                }
                // A list of objects that say what they are: children.
                NodeValue::List(items) if items.iter().any(|i| i.as_map().is_some()) => {
                    if depth < MAX_DEPTH {
                        self.items(items, None, Some(index), depth + 1);
                    }
                }
                _ => self.nested_fields(key, value, record),
            }
            return;
        };
        if text.is_empty() {
            return;
        }
        let names_record = Vocab::is_name_key(key) || info.name_of_kind == Some(kind);
        if names_record && record.name.is_none() {
            record.name = Some(self.keep(&text));
        } else if Vocab::is_kind_key(key) && self.vocab.kind_of_key(&text).is_some() {
            // The record's own kind designator, already used.
        } else if Vocab::is_seat_key(key) {
            // File metadata, not a fact about the entity.
        } else if let Some(other) = info.name_of_kind.filter(|&other| other != kind) {
            let field = FieldValue {
                name: self.naming(other),
                raw: self.keep(&text),
                pos: value.pos,
            };
            record.fields.push(field);
        } else if key == "id" || key.ends_with("_id") || ID_KEYS.contains(&key) {
            // `id`, `project_id` and `accelo_id` identify the record, each in
            // its own namespace; `client_id` on a project refers to a client.
            match info.id_of_kind {
                Some(other) if other != kind => {
                    let other = self.out.interner.intern(other);
                    let field = FieldValue {
                        name: self.name(info.snake_symbol, Some(other)),
                        raw: self.keep(&text),
                        pos: value.pos,
                    };
                    record.fields.push(field);
                }
                _ => {
                    let id = (info.snake_symbol, self.keep(&text));
                    record.ids.push(id);
                }
            }
        } else if info.field == "updated_at" {
            record.as_of = self.as_of_value(value);
        } else {
            let field = match info.own_field {
                Some((of, field))
                    if of == kind && !self.gives_field(siblings, kind, field, record) =>
                {
                    field
                }
                _ => info.field_symbol,
            };
            let name = self.out.interner.field_name_in(field, None, info.unit);
            let field = FieldValue {
                name,
                raw: self.keep(&text),
                pos: value.pos,
            };
            record.fields.push(field);
        }
    }

    /// Whether a key among `entries` names `field` as it is: then
    /// `Project Stage` beside `Status` on a project is a field of its own,
    /// not a second status. The fields `entries` name as they are are
    /// listed once per record, however many of its keys are prefixed.
    fn gives_field(
        &mut self,
        entries: &'d [Entry<'_>],
        kind: &str,
        field: Symbol,
        record: &mut RecordParts,
    ) -> bool {
        let at = entries.as_ptr() as usize;
        if record.given.as_ref().is_none_or(|(of, _)| *of != at) {
            let given = entries
                .iter()
                .map(|e| self.key(&e.key))
                .filter(|info| info.own_field.is_none_or(|(of, _)| of != kind))
                .map(|info| info.field_symbol)
                .collect();
            record.given = Some((at, given));
        }
        record
            .given
            .as_ref()
            .is_some_and(|(_, given)| given.contains(&field))
    }

    /// A plain nested object becomes `outer_inner` fields, unless it only
    /// wraps the field's value (see [`wrapped_value`]); a list of plain
    /// values becomes one comma-separated value.
    fn nested_fields(&mut self, key: &str, value: &Node<'_>, record: &mut RecordParts) {
        match &value.value {
            NodeValue::Map(entries) => {
                if let Some((text, pos)) = wrapped_value(entries) {
                    let field = self.out.interner.intern(&self.vocab.field(key));
                    let field = FieldValue {
                        name: self.name(field, None),
                        raw: self.keep(&text),
                        pos,
                    };
                    record.fields.push(field);
                    return;
                }
                for inner in entries {
                    if let Some(text) = scalar(&inner.value).filter(|t| !t.is_empty()) {
                        let field = self
                            .vocab
                            .field(&format!("{key}_{}", snake_case_cow(&inner.key)));
                        let field = self.out.interner.intern(&field);
                        let field = FieldValue {
                            name: self.name(field, None),
                            raw: self.keep(&text),
                            pos: inner.value.pos,
                        };
                        record.fields.push(field);
                    }
                }
            }
            NodeValue::List(items) if !items.is_empty() => {
                let texts: Option<Vec<Cow<'_, str>>> = items.iter().map(scalar).collect();
                if let Some(texts) = texts {
                    let field = self.out.interner.intern(&self.vocab.field(key));
                    let field = FieldValue {
                        name: self.name(field, None),
                        raw: self.keep(&texts.join(", ")),
                        pos: value.pos,
                    };
                    record.fields.push(field);
                }
            }
            _ => {}
        }
    }

    /// A prose bullet, kept when what follows its name states fields in
    /// the vocabulary's words.
    fn prose(&mut self, bullet: &ProseBullet<'_>) {
        let name = sanitize(bullet.lead.trim().trim_end_matches(':').trim_end());
        if name.is_empty() {
            return;
        }
        let words: Vec<(&str, Pos)> = bullet
            .words
            .iter()
            .map(|(word, pos)| (&**word, *pos))
            .collect();
        let said = prose_fields(self.vocab, &words);
        if said.is_empty() {
            return;
        }
        let kind = self.out.interner.intern("");
        let mut mention = Mention::new(FileId::new(0), self.seq, bullet.pos, kind);
        mention.name = Some(self.keep(&name));
        let mut fields = Vec::with_capacity(said.len());
        for (field, value, pos) in said {
            let field = self.out.interner.intern(&field);
            fields.push(FieldValue {
                name: self.name(field, None),
                raw: self.keep(&sanitize(&value)),
                pos,
            });
        }
        mention.fields = ListRange::push(&mut self.out.fields, fields);
        self.out.prose.push(mention);
    }
}

/// Whether a list or map, or one inside it, holds objects a record could
/// be made of: a list with an object in it.
fn wraps_records(node: &Node<'_>, depth: usize) -> bool {
    match &node.value {
        NodeValue::List(items) => items.iter().any(|i| i.as_map().is_some()),
        NodeValue::Map(entries) if depth < META_DEPTH => {
            entries.iter().any(|e| wraps_records(&e.value, depth + 1))
        }
        _ => false,
    }
}

/// Words that join a field word to its value: `status: blocked`, `due on
/// Dec 5`, `budget of $48k`.
const CONNECTORS: [&str; 6] = [":", "is", "of", "on", "by", "="];
/// At most this many words in a value whose type does not bound it.
const SHORT_VALUE: usize = 4;

/// The fields a prose bullet's words state after its name, each with its
/// value and where the value starts: clauses that open with a field word
/// of the vocabulary (`due`, `budget`, `go-live`), separated by `;` or by
/// a `,` before the next field word, each value read whole as its field's
/// type. A parenthesised remark (`(Accelo)`) is a source note, not part of
/// the value. A clause whose value does not read as its type (`due Dec 5
/// for the Globex kickoff`: a date belonging to another noun) says
/// nothing.
fn prose_fields(vocab: &Vocab, words: &[(&str, Pos)]) -> Vec<(String, String, Pos)> {
    let mut said = Vec::new();
    // Leading punctuation between the name and the first field word.
    let mut i = words
        .iter()
        .position(|(w, _)| !w.chars().all(|c| matches!(c, ':' | '-' | '–' | '—' | '|')))
        .unwrap_or(words.len());
    while i < words.len() {
        let Some((field, after)) = field_phrase(vocab, words, i) else {
            break;
        };
        let mut start = after;
        if words
            .get(start)
            .is_some_and(|(w, _)| CONNECTORS.contains(&w.to_lowercase().as_str()))
        {
            start += 1;
        }
        // The value runs to the end of the clause.
        let mut end = start;
        let mut next = words.len();
        while end < words.len() {
            let word = words[end].0;
            if word.ends_with(';') {
                end += 1;
                next = end;
                break;
            }
            if word.ends_with(',') && field_phrase(vocab, words, end + 1).is_some() {
                end += 1;
                next = end;
                break;
            }
            end += 1;
        }
        let value = clause_value(&words[start..end]);
        if let (Some(value), Some(&(_, pos))) = (value, words.get(start))
            && reads_for(vocab, &field, &value)
        {
            said.push((field, value, pos));
        }
        i = next;
    }
    said
}

/// The longest run of up to three words from `at` that is a field of the
/// vocabulary, and the word after it.
fn field_phrase(vocab: &Vocab, words: &[(&str, Pos)], at: usize) -> Option<(String, usize)> {
    (1..=3).rev().find_map(|n| {
        let run = words.get(at..at + n)?;
        let last = run.len() - 1;
        let phrase: Vec<&str> = run
            .iter()
            .enumerate()
            .map(|(k, (w, _))| {
                if k == last {
                    w.trim_end_matches(':')
                } else {
                    w
                }
            })
            .collect();
        // Only the last word of the phrase may carry its colon.
        if run[..last]
            .iter()
            .any(|(w, _)| w.ends_with([':', ',', ';']))
        {
            return None;
        }
        let phrase = phrase.join(" ");
        let snake = snake_case_cow(&phrase);
        let field = vocab.known_field(&snake)?;
        Some((field.to_owned(), at + n))
    })
}

/// A clause's value words as one text, without parenthesised remarks and
/// the clause's closing punctuation.
fn clause_value(words: &[(&str, Pos)]) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    let mut remark = 0usize;
    for (word, _) in words {
        if remark > 0 || word.starts_with('(') {
            remark += word.matches('(').count();
            remark = remark.saturating_sub(word.matches(')').count());
            continue;
        }
        kept.push(word);
    }
    let value = kept.join(" ");
    let value = value.trim_end_matches([';', ',', '.']).trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Whether `value` reads as `field`'s type, whole; a value whose type does
/// not bound it (a status, a person, text) must be a few words.
fn reads_for(vocab: &Vocab, field: &str, value: &str) -> bool {
    match vocab.field_type(field) {
        Some(
            ty @ (FieldType::Date
            | FieldType::Datetime
            | FieldType::Money
            | FieldType::Percent
            | FieldType::Number),
        ) => reads_as(value, ty),
        _ => {
            value.split_whitespace().count() <= SHORT_VALUE
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | '_'))
        }
    }
}

/// What [`Walker::kind_in`] saw of an item's fields.
#[derive(Default)]
struct Found<'v> {
    by_field: Option<&'v str>,
    by_name: Option<&'v str>,
    named: bool,
    /// A `summary` or `subject` is given.
    titled: bool,
    identified: bool,
}

#[derive(Default)]
struct RecordParts {
    name: Option<Span>,
    ids: Vec<Identifier>,
    fields: Vec<FieldValue>,
    as_of: Option<NaiveDateTime>,
    /// The fields a level of the record's entries (by its address) names
    /// as they are, once one of its keys is prefixed with the kind.
    given: Option<(usize, SmallVec<[Symbol; 8]>)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{csv, json, jsonl, markdown, yaml};

    fn extract_json(text: &str, file_kind: Option<&str>) -> Extracted {
        extract(&json::parse(text).unwrap(), &Vocab::builtin(), file_kind)
    }

    fn names(out: &Extracted) -> Vec<(String, String)> {
        out.mentions
            .iter()
            .map(|m| {
                (
                    out.kind(m).to_string(),
                    out.name(m).unwrap_or("-").to_string(),
                )
            })
            .collect()
    }

    fn field<'a>(out: &'a Extracted, m: &Mention, name: &str) -> Option<&'a FieldValue> {
        m.fields
            .of(&out.fields)
            .iter()
            .find(|f| out.field_name(f) == name)
    }

    #[test]
    fn kind_keys_hold_lists_objects_of_objects_and_single_objects() {
        let out = extract_json(
            r#"{"seat": "tracker", "updated_at": "2026-11-24T06:00:00Z",
                "projects": [{"name": "A"}, "B"],
                "Clients": {"Acme": {"tier": "gold"}, "Globex": {}},
                "deal": {"title": "Big", "amount": "5k"}}"#,
            None,
        );
        assert_eq!(
            names(&out),
            [
                ("project", "A"),
                ("project", "B"),
                ("client", "Acme"),
                ("client", "Globex"),
                ("deal", "Big")
            ]
            .map(|(k, n)| (k.to_string(), n.to_string()))
        );
        assert_eq!(out.seat.as_deref(), Some("tracker"));
        assert_eq!(out.as_of.unwrap().to_string(), "2026-11-24 06:00:00");
        assert_eq!(
            out.raw(field(&out, &out.mentions[2], "tier").unwrap()),
            "gold"
        );
        assert_eq!(out.mentions[0].pos.line, 2);
    }

    #[test]
    fn a_field_named_after_the_kind_names_the_record_and_others_refer() {
        let out = extract_json(
            r#"[{"project": "Site", "client": "Acme Inc", "client_id": "C-9", "accelo_id": "77", "Due Date": "Dec 1"}]"#,
            None,
        );
        let m = &out.mentions[0];
        assert_eq!((out.kind(m), out.name(m).unwrap()), ("project", "Site"));
        let refers_to = |name| out.refers_to(field(&out, m, name).unwrap());
        assert_eq!(refers_to("client"), Some("client"));
        assert_eq!(refers_to("client_id"), Some("client"));
        let ids: Vec<_> = m
            .ids
            .of(&out.ids)
            .iter()
            .map(|&(ns, id)| (&out.interner[ns], id.of(&out.text)))
            .collect();
        assert_eq!(ids, [("accelo_id", "77")]);
        assert_eq!(out.raw(field(&out, m, "due_date").unwrap()), "Dec 1");
    }

    #[test]
    fn a_text_the_file_repeats_is_kept_once() {
        let out = extract_json(
            r#"[{"name": "Site", "client": "Acme", "status": "active"},
                {"name": "Shop", "client": "Acme", "status": "active"},
                {"name": "Acme", "status": "paused"}]"#,
            Some("project"),
        );
        assert_eq!(out.text.matches("Acme").count(), 1, "{}", out.text);
        assert_eq!(out.text.matches("active").count(), 1, "{}", out.text);
        let status = |m: usize| out.raw(field(&out, &out.mentions[m], "status").unwrap());
        assert_eq!(
            [status(0), status(1), status(2)],
            ["active", "active", "paused"]
        );
        let client = |m: usize| out.raw(field(&out, &out.mentions[m], "client").unwrap());
        assert_eq!([client(0), client(1)], ["Acme", "Acme"]);
        assert_eq!(out.name(&out.mentions[2]), Some("Acme"));
    }

    #[test]
    fn kind_from_type_field_then_file_name() {
        let out = extract_json(
            r#"[{"type": "deal", "name": "X"}, {"type": "search", "name": "Y"}]"#,
            Some("campaign"),
        );
        assert_eq!(
            names(&out)[0],
            ("campaign".to_string(), "X".to_string()),
            "position wins"
        );
        let out = extract_json(r#"[{"type": "deal", "name": "X"}, {"name": "Y"}]"#, None);
        assert_eq!(names(&out), vec![("deal".to_string(), "X".to_string())]);
        let out = extract_json(r#"[{"name": "Y", "type": "search"}]"#, Some("campaign"));
        assert_eq!(
            out.raw(field(&out, &out.mentions[0], "type").unwrap()),
            "search"
        );
    }

    #[test]
    fn nested_kind_keys_make_children() {
        let out = extract_json(
            r#"{"clients": [{"name": "Acme", "projects": [{"name": "Site", "campaigns": ["Q1"]}]}]}"#,
            None,
        );
        assert_eq!(names(&out).len(), 3);
        assert_eq!(out.mentions[1].parent, Some(MentionId::new(0)));
        assert_eq!(out.mentions[2].parent, Some(MentionId::new(1)));
    }

    #[test]
    fn nested_plain_objects_flatten_and_record_times_override() {
        let out = extract_json(
            r#"{"projects": [{"name": "A", "budget": {"amount": "5000", "currency": "USD"}, "tags": ["x", "y"],
                "as_of": "2026-11-20", "seat": "ignored"}]}"#,
            None,
        );
        let m = &out.mentions[0];
        assert_eq!(
            out.raw(field(&out, m, "budget").unwrap()),
            "5000",
            "budget_amount is a synonym"
        );
        assert_eq!(out.raw(field(&out, m, "budget_currency").unwrap()), "USD");
        assert_eq!(out.raw(field(&out, m, "tags").unwrap()), "x, y");
        assert!(field(&out, m, "seat").is_none());
        let as_of = m.as_of.unwrap().of(&out.times);
        assert_eq!(as_of.to_string(), "2026-11-20 00:00:00");
    }

    #[test]
    fn an_object_that_wraps_one_value_is_that_value() {
        let out = extract_json(
            r#"{"projects": [{"name": "A", "due_date": {"start": "2027-02-11", "end": null},
                "budget": {"value": "$52,000"}, "owner": {"name": "Dana Ruiz"},
                "schedule": {"start": "2026-12-01", "end": "2027-01-31"}}]}"#,
            None,
        );
        let m = &out.mentions[0];
        assert_eq!(out.raw(field(&out, m, "due_date").unwrap()), "2027-02-11");
        assert_eq!(out.raw(field(&out, m, "budget").unwrap()), "$52,000");
        assert_eq!(out.raw(field(&out, m, "owner").unwrap()), "Dana Ruiz");
        // Two values are two fields.
        assert_eq!(
            out.raw(field(&out, m, "schedule_end").unwrap()),
            "2027-01-31"
        );
    }

    #[test]
    fn markdown_tables_and_sections() {
        let text = "---\nseat: cal\n---\n# Notes\n\n## Active projects\n\n| Project | Due |\n|---|---|\n| Site | Dec 1, 2026 |\n\n### Deal: Big One\n- **Amount:** $5k\n- Client: Acme\n\nProse: ignored.\n";
        let doc = markdown::parse(text).unwrap();
        let out = extract(&doc, &Vocab::builtin(), None);
        assert_eq!(out.seat.as_deref(), Some("cal"));
        assert_eq!(
            names(&out),
            [("project", "Site"), ("deal", "Big One")].map(|(k, n)| (k.to_string(), n.to_string()))
        );
        assert_eq!(out.mentions[0].pos.line, 10);
        let due = field(&out, &out.mentions[0], "due_date").unwrap();
        assert_eq!((due.pos.line, out.raw(due)), (10, "Dec 1, 2026"));
        assert_eq!(
            out.raw(field(&out, &out.mentions[1], "amount").unwrap()),
            "$5k"
        );
        let client = field(&out, &out.mentions[1], "client").unwrap();
        assert_eq!(out.refers_to(client), Some("client"));
    }

    #[test]
    fn control_characters_never_survive() {
        let out = extract_json(
            r#"{"projects": [{"name": "A\u001b[31mB", "note": "x\u0007y"}]}"#,
            None,
        );
        assert_eq!(out.name(&out.mentions[0]), Some("AB"));
        assert_eq!(
            out.raw(field(&out, &out.mentions[0], "note").unwrap()),
            "xy"
        );
    }

    fn extract_yaml(text: &str, file_kind: Option<&str>) -> Extracted {
        extract(&yaml::parse(text).unwrap(), &Vocab::builtin(), file_kind)
    }

    /// The name and unit of each field of the `i`th mention.
    fn field_units(out: &Extracted, i: usize) -> Vec<(&str, Option<&str>)> {
        out.mentions[i]
            .fields
            .of(&out.fields)
            .iter()
            .map(|f| (out.field_name(f), out.unit(f)))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, n)| (k.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn a_list_under_any_key_holds_records_when_its_items_say_what_they_are() {
        let out = extract_yaml(
            "deadlines:\n  - project: \"Acme Website Redesign\"\n    due: \"Dec 1, 2026\"\n  - project: Holiday Landing Pages\n    due: Dec 15, 2026\n  - note: not a record\n",
            None,
        );
        assert_eq!(
            names(&out),
            pairs(&[
                ("project", "Acme Website Redesign"),
                ("project", "Holiday Landing Pages")
            ])
        );
        let due = field(&out, &out.mentions[0], "due_date").unwrap();
        assert_eq!((due.pos.line, out.raw(due)), (3, "Dec 1, 2026"));
        let out = extract_json(
            r#"{"queue": [{"type": "ticket", "title": "Refund"}, {"deal_name": "Big", "amount": "5k"}]}"#,
            None,
        );
        assert_eq!(names(&out), pairs(&[("ticket", "Refund"), ("deal", "Big")]));
    }

    #[test]
    fn items_that_name_themselves_are_not_the_entities_they_refer_to() {
        // An invoice and an engagement refer to a client; neither is one.
        let out = extract_yaml(
            "invoices:\n  - id: INV-1175\n    client: Globex\n    project: Holiday Landing Pages\n    amount: $9,250\nengagements:\n  - name: Patient Portal Launch\n    client: Umbrella Health\n    go_live: 04/12/2026\n",
            None,
        );
        assert_eq!(names(&out), []);
        assert!(
            out.unread_hint("outbox", "yaml")
                .contains("`invoices` holds 1 object")
        );
        // At the top of a file, as ever, the leftmost kind field still says.
        let out = extract_json(r#"[{"client": "Globex", "amount": "$9,250"}]"#, None);
        assert_eq!(names(&out), pairs(&[("client", "Globex")]));
    }

    #[test]
    fn a_file_of_records_keyed_by_name_beside_its_metadata_reads_each() {
        let text = r#"{"updated_at": "2026-11-24T06:00:00Z", "seat": "desk",
            "Alpha Build": {"due_date": "2027-02-11"}, "Bravo Build": {"due_date": "2027-02-12"}}"#;
        let out = extract_json(text, Some("project"));
        assert_eq!(
            names(&out),
            pairs(&[("project", "Alpha Build"), ("project", "Bravo Build")])
        );
        assert_eq!(out.as_of.unwrap().to_string(), "2026-11-24 06:00:00");
        let out = extract_yaml("Bravo Build:\n  due_date: 2027-02-12\n", Some("project"));
        assert_eq!(names(&out), pairs(&[("project", "Bravo Build")]));
        // A field the vocabulary knows is one record's, not a name.
        let out = extract_json(
            r#"{"budget": {"amount": 5000, "currency": "USD"}}"#,
            Some("project"),
        );
        assert_eq!(out.mentions.len(), 1);
        assert_ne!(names(&out), pairs(&[("project", "budget")]));
    }

    #[test]
    fn a_stream_of_documents_takes_its_as_of_time_from_the_first_that_gives_one() {
        let text = "projects: []\n---\nupdated_at: 2026-10-01T06:00:00Z\nseat: desk\nprojects:\n  - name: Alpha\n---\nupdated_at: 2026-11-01T06:00:00Z\n";
        let out = extract_yaml(text, None);
        assert_eq!(out.as_of.unwrap().to_string(), "2026-10-01 06:00:00");
        assert_eq!(out.seat.as_deref(), Some("desk"));
        // The lines of a log each give their own.
        let text = "{\"updated_at\": \"2026-10-01T06:00:00Z\", \"kind\": \"project\", \"name\": \"Alpha\"}\n{\"kind\": \"project\", \"name\": \"Beta\"}\n";
        let out = extract(&jsonl::parse(text).unwrap(), &Vocab::builtin(), None);
        assert_eq!(out.as_of, None);
    }

    #[test]
    fn wrappers_are_looked_through_and_their_lists_take_the_file_kind() {
        let text = r#"{"state": {"last_run": "2026-11-20T06:00:00Z", "seat": "desk",
            "tags": ["vip"], "items": [{"title": "Refund", "status": "open"}, {"title": "Login"}]}}"#;
        let out = extract_json(text, Some("ticket"));
        assert_eq!(
            names(&out),
            pairs(&[("ticket", "Refund"), ("ticket", "Login")])
        );
        assert_eq!(out.as_of.unwrap().to_string(), "2026-11-20 06:00:00");
        assert_eq!(out.seat.as_deref(), Some("desk"));
        // Without a file kind, items that do not say what they are stay unread.
        let out = extract_json(text, None);
        assert!(out.mentions.is_empty());
        let seen: Vec<(&str, usize)> = out
            .seen
            .iter()
            .map(|k| (k.key.as_str(), k.objects))
            .collect();
        assert_eq!(seen, [("state", 0), ("tags", 0), ("items", 2)]);
        assert!(
            out.unread_hint("queue", "json")
                .contains("`items` holds 2 objects")
        );
        let out = extract_json(r#"{"data": {"deals": [{"name": "A"}]}}"#, Some("ticket"));
        assert_eq!(names(&out), pairs(&[("deal", "A")]), "a kind key wins");
        let out = extract_json(
            r#"{"results": [{"name": "A"}], "paging": {"next": {"after": "2"}}}"#,
            Some("deal"),
        );
        assert_eq!(names(&out), pairs(&[("deal", "A")]));
    }

    #[test]
    fn a_record_of_the_file_kind_still_reads_whole() {
        let out = extract_json(
            r#"{"name": "Site", "status": "active", "milestones": [{"name": "Beta"}]}"#,
            Some("project"),
        );
        assert_eq!(names(&out), pairs(&[("project", "Site")]));
    }

    #[test]
    fn fields_one_level_down_are_the_records_own() {
        let hubspot = r#"{"results": [
            {"id": "101", "properties": {"dealname": "Acme renewal", "amount": "48000", "dealstage": "won"}},
            {"id": "102", "properties": {"dealname": "Globex pilot", "amount": "9000"}}]}"#;
        for file_kind in [Some("deal"), None] {
            let out = extract_json(hubspot, file_kind);
            assert_eq!(
                names(&out),
                pairs(&[("deal", "Acme renewal"), ("deal", "Globex pilot")]),
                "{file_kind:?}"
            );
            let m = &out.mentions[0];
            assert_eq!(out.raw(field(&out, m, "amount").unwrap()), "48000");
            let ids: Vec<_> = m
                .ids
                .of(&out.ids)
                .iter()
                .map(|&(_, id)| id.of(&out.text))
                .collect();
            assert_eq!(ids, ["101"]);
        }
        let json_api = r#"{"data": [{"type": "projects", "id": "7", "attributes": {"title": "Site", "status": "live"}}]}"#;
        let out = extract_json(json_api, None);
        assert_eq!(names(&out), pairs(&[("project", "Site")]));
        assert_eq!(
            out.raw(field(&out, &out.mentions[0], "status").unwrap()),
            "live"
        );
    }

    #[test]
    fn in_an_object_of_objects_a_record_names_itself_before_its_key() {
        let out = extract_json(
            r#"{"clients": {"acme-corp": {"name": "Acme Corp", "projects": [{"name": "Site"}]},
                            "globex": {"tier": "gold"}}}"#,
            None,
        );
        assert_eq!(
            names(&out),
            pairs(&[
                ("client", "Acme Corp"),
                ("project", "Site"),
                ("client", "globex")
            ])
        );
        assert_eq!(out.mentions[1].parent, Some(MentionId::new(0)));
        let out = extract_json(
            r#"{"accounts": {"acme-corp": {"type": "client", "tier": "gold"}}}"#,
            None,
        );
        assert_eq!(names(&out), pairs(&[("client", "acme-corp")]));
    }

    #[test]
    fn a_named_row_is_not_the_thing_its_kind_field_names() {
        // A Jira export: each issue names its project; none is a project.
        let jira = "Summary,Issue key,Status,Due Date,Project name\n\
                    Fix login,TCK-1023,Open,2026-12-01,Customer Portal\n";
        let out = extract(&csv::parse(jira, b',').unwrap(), &Vocab::builtin(), None);
        assert!(out.mentions.is_empty());
        assert_eq!(out.listed, 1, "counted for the diagnostic");
        // Asana: a task with a name and the projects it is in.
        let out = extract_json(r#"[{"Name": "Draft copy", "Projects": "Website"}]"#, None);
        assert!(out.mentions.is_empty());
        // A row that is the project it names, and the file's kind.
        let out = extract_json(r#"[{"project": "Website", "due": "Dec 1"}]"#, None);
        assert_eq!(names(&out), pairs(&[("project", "Website")]));
        // A kind field beside a description names the record described.
        let out = extract_json(r#"[{"project": "Website", "summary": "Rebuild it"}]"#, None);
        assert_eq!(names(&out), pairs(&[("project", "Website")]));
        let out = extract_yaml("deadlines:\n  - client: Acme\n    subject: Renewal\n", None);
        assert_eq!(names(&out), pairs(&[("client", "Acme")]));
        let out = extract(
            &csv::parse(jira, b',').unwrap(),
            &Vocab::builtin(),
            Some("ticket"),
        );
        assert_eq!(names(&out), pairs(&[("ticket", "-")]));
    }

    #[test]
    fn a_page_of_records_under_a_kind_key_is_read_through() {
        let both = pairs(&[("project", "A"), ("project", "B")]);
        for text in [
            r#"{"data": {"projects": {"nodes": [{"id": "1", "name": "A"}, {"name": "B"}]}}}"#,
            r#"{"projects": {"edges": [{"cursor": "x", "node": {"name": "A"}}, {"node": {"name": "B"}}],
                "pageInfo": {"hasNextPage": false}}}"#,
            r#"{"projects": {"total": 2, "items": [{"name": "A"}, {"name": "B"}]}}"#,
        ] {
            assert_eq!(names(&extract_json(text, None)), both, "{text}");
        }
        // A record that holds a list is still a record.
        let out = extract_json(r#"{"project": {"name": "A", "items": [{"sku": 1}]}}"#, None);
        assert_eq!(names(&out), pairs(&[("project", "A")]));
        let out = extract_json(
            r#"{"project": {"status": "active", "budget": 5, "items": [{"name": "Design"}]}}"#,
            None,
        );
        assert_eq!(names(&out), pairs(&[("project", "-")]));
        let jira = r#"{"projects": {"startAt": 0, "maxResults": 50, "isLast": true,
            "values": [], "items": [{"name": "A"}], "has_more": false}}"#;
        assert_eq!(
            names(&extract_json(jira, None)),
            pairs(&[("project", "-")]),
            "two lists"
        );
    }

    #[test]
    fn a_field_named_with_its_records_kind_is_that_field() {
        let text = "Project Name,Project Status,Project Due Date,Project Budget (EUR),Client Status\n\
                    Alpha,Open,2026-12-01,5000,Gold\n";
        let out = extract(&csv::parse(text, b',').unwrap(), &Vocab::builtin(), None);
        assert_eq!(
            field_units(&out, 0),
            [
                ("status", None),
                ("due_date", None),
                ("budget", Some("EUR")),
                ("client_status", None)
            ]
        );
        // Beside the field itself, a prefixed column is a field of its own.
        let text =
            "Project Name,Project Stage,Status,Project Lead,Owner\nAlpha,Discovery,Active,Ann,Bo\n";
        let out = extract(&csv::parse(text, b',').unwrap(), &Vocab::builtin(), None);
        let fields: Vec<&str> = out.mentions[0]
            .fields
            .of(&out.fields)
            .iter()
            .map(|f| out.field_name(f))
            .collect();
        assert_eq!(fields, ["project_stage", "status", "project_lead", "owner"]);
    }

    #[test]
    fn a_total_row_is_not_a_record() {
        let text = "Project,Budget,Owner\nAlpha,100,Ann\nBeta,200,Bo\nTotal:,$300,\n\
                    Grand Total,35%,\nTotal Recall,5,\nTotal,,Energy Desk\n";
        let out = extract(
            &csv::parse(text, b',').unwrap(),
            &Vocab::builtin(),
            Some("project"),
        );
        assert_eq!(
            names(&out),
            pairs(&[
                ("project", "Alpha"),
                ("project", "Beta"),
                ("project", "Total Recall"),
                ("project", "Total")
            ])
        );
        let lines: Vec<(u32, Severity)> = out
            .problems
            .iter()
            .map(|p| (p.pos.line, p.severity))
            .collect();
        assert_eq!(lines, [(4, Severity::Info), (5, Severity::Info)]);
        assert!(
            out.problems[0]
                .message
                .contains("named `Total:` is read as the total")
        );
    }

    #[test]
    fn a_plain_heading_under_a_kind_heading_is_read_as_prose_of_that_kind() {
        let text = "## Projects\n\n### Mobile App\n- Status: On hold\n- Owner: Mary Chen\n\n\
                    ### Highlights\n- **Website Redesign**: due Dec 5\n\n\
                    ## Notes\n\n### Standup\n- Status: fine\n";
        let out = extract(&markdown::parse(text).unwrap(), &Vocab::builtin(), None);
        assert!(out.mentions.is_empty(), "no entity is made");
        let prose: Vec<(&str, &str, usize)> = out
            .prose
            .iter()
            .map(|m| {
                (
                    out.kind(m),
                    out.name(m).unwrap_or("-"),
                    m.fields.of(&out.fields).len(),
                )
            })
            .collect();
        // Mobile App with its two fields; the highlight's bullet (read as
        // prose, of no kind yet); the bullets of the first section, as
        // prose too, which name nothing known and are dropped later.
        assert!(prose.contains(&("project", "Mobile App", 2)), "{prose:?}");
        assert!(prose.contains(&("", "Website Redesign", 1)), "{prose:?}");
        assert!(
            !prose
                .iter()
                .any(|p| p.1 == "Standup" || p.1 == "Highlights"),
            "{prose:?}"
        );
    }

    #[test]
    fn an_issue_is_identified_by_its_key() {
        let text = r#"{"tickets": [{"id": "10023", "key": "TCK-1023",
            "fields": {"summary": "Fix login", "duedate": "2026-12-01"}},
            {"name": "Named", "summary": "What it is about"}]}"#;
        let out = extract_json(text, None);
        assert_eq!(names(&out), pairs(&[("ticket", "-"), ("ticket", "Named")]));
        let ids: Vec<(&str, &str)> = out.mentions[0]
            .ids
            .of(&out.ids)
            .iter()
            .map(|(ns, value)| (&out.interner[*ns], value.of(&out.text)))
            .collect();
        assert_eq!(ids, [("id", "10023"), ("key", "TCK-1023")]);
    }

    #[test]
    fn placeholders_are_no_value() {
        let text = "name,due_date,budget,owner,status,client\n\
                    Alpha,None,NaN,N/A,—,-\nBeta,#N/A,null,undefined,n.a.,--\n\
                    Gamma,Nonesuch,-5,N/A team,-->,Nil Corp\n";
        let out = extract(
            &csv::parse(text, b',').unwrap(),
            &Vocab::builtin(),
            Some("project"),
        );
        let fields = |i: usize| -> Vec<&str> {
            out.mentions[i]
                .fields
                .of(&out.fields)
                .iter()
                .map(|f| out.raw(f))
                .collect()
        };
        assert_eq!(names(&out).len(), 3);
        assert_eq!(fields(0), [""; 0]);
        assert_eq!(fields(1), [""; 0]);
        assert_eq!(fields(2), ["Nonesuch", "-5", "N/A team", "-->", "Nil Corp"]);
    }

    #[test]
    fn a_table_read_in_parts_gives_what_the_whole_table_gives() {
        // Kinds by row, an unread row, a repeated status, dates and a
        // ragged row: everything a part carries to the next.
        let text = "type,name,status,due,client\nproject,Alpha,open,2026-12-01,Acme\n\
                    memo,Lunch,open,,\nproject,Beta,open,Dec 1,Acme\nclient,Acme,,,\n\
                    project,Gamma,late,2026-12-01\nnote,Retro,,,\n";
        let whole = extract(&csv::parse(text, b',').unwrap(), &Vocab::builtin(), None);
        assert_eq!(whole.mentions.len(), 4);
        assert!(
            whole.problems[0]
                .message
                .starts_with("2 of this list's 6 objects")
        );
        let vocab = Vocab::builtin();
        for part in 1..=3 {
            let mut rows = Rows::new(&vocab, None);
            let table = csv::read(text, b',', part, |part| rows.read(part));
            assert_eq!(table.problems.len(), 1, "the ragged row");
            assert_eq!(
                outline(&rows.finish()),
                outline(&whole),
                "{part} rows a part"
            );
        }
    }

    #[test]
    fn a_log_read_in_parts_gives_what_the_whole_log_gives() {
        let vocab = Vocab::builtin();
        // Later lines win, a wrapper's keys are seen in every line, and a
        // log of one line says its seat at its top.
        let log = "{\"kind\":\"project\",\"name\":\"Alpha\",\"status\":\"open\"}\n\
                   {\"state\":{\"tags\":[]}}\n\
                   {\"kind\":\"project\",\"name\":\"Alpha\",\"status\":\"late\"}\n\
                   {\"state\":{\"tags\":[]}, \"notes\": {}}\n";
        let one = "{\"seat\":\"tracker\",\"updated_at\":\"2026-11-20\",\"projects\":[{\"name\":\"Alpha\"}]}\n";
        for text in [log, one] {
            let whole = extract(&jsonl::parse(text).unwrap(), &vocab, None);
            for part in 1..=3 {
                let mut roots = Roots::new(&vocab, None);
                jsonl::read(text, part, |part, whole| roots.read(part, whole)).unwrap();
                assert_eq!(
                    outline(&roots.finish()),
                    outline(&whole),
                    "{part} lines a part"
                );
            }
        }
        let whole = extract(&jsonl::parse(log).unwrap(), &vocab, None);
        assert_eq!(whole.mentions.len(), 2);
        let seen: Vec<&str> = whole.seen.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(seen, ["state", "tags", "notes"], "each once");
        let one = extract(&jsonl::parse(one).unwrap(), &vocab, None);
        assert_eq!(one.seat.as_deref(), Some("tracker"));
        assert!(one.as_of.is_some());
    }

    #[test]
    fn a_unit_in_a_key_names_the_field_without_it() {
        let doc = csv::parse(
            "Campaign,Budget (EUR),Spend ($),Amount (USD),budget_eur,% of budget,CTR (%),Notes (draft)\nX,1,2,3,4,5,6,7\n",
            b',',
        )
        .unwrap();
        let out = extract(&doc, &Vocab::builtin(), None);
        assert_eq!(
            field_units(&out, 0),
            [
                ("budget", Some("EUR")),
                ("spend", Some("USD")),
                ("amount", Some("USD")),
                ("budget", Some("EUR")),
                ("percent_of_budget", Some("%")),
                ("ctr", Some("%")),
                ("notes_draft", None),
            ]
        );
    }

    #[test]
    fn a_key_given_twice_is_reported_and_the_later_value_read() {
        let out = extract_yaml(
            "projects:\n  - name: Site\n    due: Dec 1, 2026\n    status: active\n    due: Dec 5, 2026\n",
            None,
        );
        let due: Vec<&str> = out.mentions[0]
            .fields
            .of(&out.fields)
            .iter()
            .filter(|f| out.field_name(f) == "due_date")
            .map(|f| out.raw(f))
            .collect();
        assert_eq!(due, ["Dec 5, 2026"]);
        assert_eq!(out.problems.len(), 1);
        let problem = &out.problems[0];
        assert_eq!((problem.severity, problem.pos.line), (Severity::Warning, 5));
        assert!(
            problem.message.contains("lines 3 and 5"),
            "{}",
            problem.message
        );
        let out = extract_json(r#"{"projects": [{"name": "A", "name": "B"}]}"#, None);
        assert_eq!(names(&out), pairs(&[("project", "B")]));
        assert_eq!(out.problems.len(), 1);
    }

    fn prose(text: &str) -> Vec<(String, Vec<(String, String)>)> {
        let doc = markdown::parse(text).unwrap();
        let vocab = Vocab::builtin();
        let out = extract(&doc, &vocab, None);
        out.prose
            .iter()
            .map(|m| {
                let fields = m
                    .fields
                    .of(&out.fields)
                    .iter()
                    .map(|f| (out.field_name(f).to_string(), out.raw(f).to_string()))
                    .collect();
                (out.name(m).unwrap().to_string(), fields)
            })
            .collect()
    }

    #[test]
    fn prose_bullets_state_fields_in_the_vocabularys_words() {
        let found = prose(concat!(
            "# Digest\n\n",
            "- **Acme Website Redesign**: due Dec 5 (Accelo)\n",
            "- [Patient Portal Launch](https://x.example/p): budget $48k; status: blocked\n",
            "1. **Flu Season Awareness** — spend $16,680, due date Dec 9, 2026.\n",
            "- **Holiday Landing Pages:** status at risk\n",
        ));
        let want = |name: &str, fields: &[(&str, &str)]| (name.to_string(), pairs(fields));
        assert_eq!(
            found,
            [
                want("Acme Website Redesign", &[("due_date", "Dec 5")]),
                want(
                    "Patient Portal Launch",
                    &[("budget", "$48k"), ("status", "blocked")]
                ),
                want(
                    "Flu Season Awareness",
                    &[("spend", "$16,680"), ("due_date", "Dec 9, 2026")]
                ),
                want("Holiday Landing Pages", &[("status", "at risk")]),
            ]
        );
    }

    #[test]
    fn prose_that_does_not_state_a_field_is_not_read() {
        let found = prose(concat!(
            "- We moved **Acme Website Redesign** to due Dec 5\n",
            "- **Acme Website Redesign**: due Dec 5 for the Globex kickoff\n",
            "- **Acme Website Redesign**: colour blue\n",
            "- **Acme Website Redesign** went live\n",
            "- Acme Website Redesign - phase 2 due Dec 20\n",
            "- We shipped: the launch is due Dec 5\n",
            "- **Acme Website Redesign**: status waiting on legal to sign the contract\n",
        ));
        assert_eq!(found, []);
    }

    #[test]
    fn a_plain_name_set_off_by_a_dash_or_colon_leads_too() {
        let found = prose(concat!(
            "- Acme Website Redesign \u{2014} due Dec 5\n",
            "- Globex Kickoff: status blocked\n",
            "- Initech Audit - budget $12k\n",
            "- Waiting on legal for Initech \u{2014} due Dec 9\n",
        ));
        let want = |name: &str, fields: &[(&str, &str)]| (name.to_string(), pairs(fields));
        // The last lead is read too; that it names no entity is for
        // reconciling to find.
        assert_eq!(
            found,
            [
                want("Acme Website Redesign", &[("due_date", "Dec 5")]),
                want("Globex Kickoff", &[("status", "blocked")]),
                want("Initech Audit", &[("budget", "$12k")]),
                want("Waiting on legal for Initech", &[("due_date", "Dec 9")]),
            ]
        );
    }

    #[test]
    fn fields_of_a_record_are_not_prose() {
        let found = prose("### Project: Site\n- **Due:** Dec 5, 2026\n- **Status:** active\n");
        assert_eq!(found, []);
    }
}
