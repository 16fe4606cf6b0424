//! From a document tree to mentions: which maps are records, what kind each
//! is, its name, identifiers, fields, references and parent. This is the one
//! place the spec's input conventions live, whatever the file format.

use crate::diag::{Pos, Severity};
use crate::ingest::tree::{Document, Entry, Node, NodeValue, Problem};
use crate::model::{
    FieldName, FieldValue, FileId, Identifier, Interner, ListRange, Mention, MentionId, Span,
    Symbol, TimeId,
};
use crate::normalize::parse_as_of;
use crate::text::sanitize;
use crate::vocab::Vocab;
use crate::words::snake_case_cow;
use chrono::NaiveDateTime;
use compact_str::CompactString;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;
use std::rc::Rc;

/// Deeper nesting than this is a pathological file, not an organisation.
const MAX_DEPTH: usize = 48;

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

    /// The kind a field of one of `mentions` refers to.
    pub fn refers_to(&self, field: &FieldValue) -> Option<&str> {
        let kind = self.interner.refers_to(field.name)?;
        Some(&self.interner[kind])
    }
}

/// Finds the records in `doc`. `file_kind` is the kind the file name gives
/// (`deals.json`), used where a record's position does not name one.
pub fn extract<'v>(doc: &Document, vocab: &'v Vocab, file_kind: Option<&'v str>) -> Extracted {
    let mut walker = Walker {
        vocab,
        file_kind,
        out: Extracted::default(),
        seq: 0,
        keys: FxHashMap::default(),
        kept: FxHashMap::default(),
        time_ids: FxHashMap::default(),
    };
    if let Some(front) = &doc.front_matter {
        walker.read_meta(front);
        walker.root(front);
    }
    if doc.front_matter.is_none() && doc.roots.len() == 1 {
        walker.read_meta(&doc.roots[0]);
    }
    for root in &doc.roots {
        walker.root(root);
        if doc.later_wins {
            walker.seq += 1;
        }
    }
    walker.out
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
    /// `client_name`: a reference to a client by name.
    name_of_kind: Option<&'v str>,
    /// `client_id`: the kind an identifier key's prefix names.
    id_of_kind: Option<&'v str>,
    /// The canonical field name.
    field: CompactString,
    /// `snake` and `field` in the file's interner, for when the key is an
    /// identifier's namespace or a field's name.
    snake_symbol: Symbol,
    field_symbol: Symbol,
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
}

fn scalar(node: &Node) -> Option<CompactString> {
    node.scalar_text()
        .map(|s| CompactString::from(sanitize(s.trim()).as_ref()))
}

fn is_collection(node: &Node) -> bool {
    matches!(node.value, NodeValue::List(_) | NodeValue::Map(_))
}

impl<'v, 'd> Walker<'v, 'd> {
    fn key(&mut self, key: &'d str) -> Rc<KeyInfo<'v>> {
        if let Some(info) = self.keys.get(key) {
            return Rc::clone(info);
        }
        let vocab = self.vocab;
        let snake = snake_case_cow(key);
        let field = vocab.field_cow(&snake);
        let interner = &mut self.out.interner;
        let (snake_symbol, field_symbol) = (interner.intern(&snake), interner.intern(&field));
        let info = Rc::new(KeyInfo {
            named_kind: vocab.kind_of_key(&snake),
            written_kind: vocab.kind_of_key(key),
            heading_kind: vocab.kind_of_heading(key),
            name_of_kind: snake
                .strip_suffix("_name")
                .and_then(|prefix| vocab.kind_of_key(prefix)),
            id_of_kind: vocab.kind_of_key(snake.strip_suffix("_id").unwrap_or("")),
            field: field.into(),
            snake: snake.into(),
            snake_symbol,
            field_symbol,
        });
        self.keys.insert(key, Rc::clone(&info));
        info
    }

    fn read_meta(&mut self, node: &'d Node) {
        let Some(entries) = node.as_map() else { return };
        for entry in entries {
            let key = self.key(&entry.key);
            if Vocab::is_seat_key(&key.snake) {
                if let Some(seat) = scalar(&entry.value) {
                    self.out.seat = Some(seat.to_string());
                }
            } else if key.field == "updated_at" {
                self.out.as_of = self.as_of_value(&entry.value);
            }
        }
    }

    fn as_of_value(&mut self, node: &Node) -> Option<NaiveDateTime> {
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

    fn root(&mut self, node: &'d Node) {
        match &node.value {
            NodeValue::List(items) => {
                let kind = self.file_kind;
                self.items(items, kind, None, 0);
            }
            NodeValue::Map(entries) => {
                if let Some(kind) = self.own_kind(entries) {
                    self.record(node.pos, entries, kind, None, None, 0);
                } else if let Some(kind) =
                    self.file_kind.filter(|_| !self.holds_collections(entries))
                {
                    self.record(node.pos, entries, kind, None, None, 0);
                } else {
                    self.container(entries, None, 0);
                }
            }
            _ => {}
        }
    }

    /// A map that is not itself a record: its kind-named keys hold records.
    fn container(&mut self, entries: &'d [Entry], parent: Option<MentionId>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for entry in entries {
            let heading_kind = if entry.key.is_empty() {
                self.file_kind
            } else {
                self.key(&entry.key).heading_kind
            };
            match (&entry.value.value, heading_kind) {
                (_, Some(kind)) if is_collection(&entry.value) => {
                    self.collection(&entry.value, kind, parent, depth + 1);
                }
                (NodeValue::Map(inner), None) => self.container(inner, parent, depth + 1),
                _ => {}
            }
        }
    }

    /// The records under a kind key: a list, an object of objects, or one object.
    fn collection(
        &mut self,
        node: &'d Node,
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
            NodeValue::Map(entries) if self.is_object_of_objects(entries) => {
                for entry in entries {
                    let name = CompactString::from(sanitize(entry.key.trim()).as_ref());
                    match &entry.value.value {
                        NodeValue::Map(fields) => {
                            self.record(entry.key_pos, fields, kind, parent, Some(name), depth);
                        }
                        _ => {
                            self.record(entry.key_pos, &[], kind, parent, Some(name), depth);
                        }
                    }
                }
            }
            NodeValue::Map(entries) => self.record(node.pos, entries, kind, parent, None, depth),
            _ => {}
        }
    }

    fn items(
        &mut self,
        items: &'d [Node],
        kind: Option<&'v str>,
        parent: Option<MentionId>,
        depth: usize,
    ) {
        for item in items {
            match &item.value {
                NodeValue::Map(entries) => match kind.or_else(|| self.own_kind(entries)) {
                    Some(kind) => self.record(item.pos, entries, kind, parent, None, depth),
                    None => self.container(entries, parent, depth + 1),
                },
                _ => {
                    if let (Some(kind), Some(name)) = (kind, scalar(item)) {
                        self.record(item.pos, &[], kind, parent, Some(name), depth);
                    }
                }
            }
        }
    }

    /// A record's kind when its position gives none: a `kind`/`type` field
    /// naming a kind, else the leftmost field named after a kind.
    fn own_kind(&mut self, entries: &'d [Entry]) -> Option<&'v str> {
        let vocab = self.vocab;
        let by_type = entries.iter().find_map(|e| {
            if !Vocab::is_kind_key(&self.key(&e.key).snake) {
                return None;
            }
            vocab.kind_of_key(&e.value.scalar_text()?)
        });
        by_type.or_else(|| {
            entries.iter().find_map(|e| {
                e.value.scalar_text()?;
                self.key(&e.key).written_kind
            })
        })
    }

    fn holds_collections(&mut self, entries: &'d [Entry]) -> bool {
        entries
            .iter()
            .any(|e| is_collection(&e.value) && self.key(&e.key).heading_kind.is_some())
    }

    /// `{ "Acme": {...}, "Globex": {...} }` rather than one record's fields.
    fn is_object_of_objects(&mut self, entries: &'d [Entry]) -> bool {
        !entries.is_empty()
            && entries.iter().all(|e| {
                matches!(e.value.value, NodeValue::Map(_) | NodeValue::Null) && {
                    let key = self.key(&e.key);
                    !Vocab::is_name_key(&key.snake) && key.snake != "id" && key.named_kind.is_none()
                }
            })
    }

    fn record(
        &mut self,
        pos: Pos,
        entries: &'d [Entry],
        kind: &'v str,
        parent: Option<MentionId>,
        name: Option<CompactString>,
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
            name: name.map(|name| self.keep(&name)),
            fields: Vec::with_capacity(entries.len()),
            ..RecordParts::default()
        };
        for entry in entries {
            self.entry(entry, kind, index, &mut record, depth);
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

    fn entry(
        &mut self,
        entry: &'d Entry,
        kind: &'v str,
        index: MentionId,
        record: &mut RecordParts,
        depth: usize,
    ) {
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
                Some(text) => record.fields.push(FieldValue {
                    name: self.naming(other),
                    raw: self.keep(&text),
                    pos: value.pos,
                }),
                None => {
                    self.collection(value, other, Some(index), depth + 1);
                }
            }
            return;
        }
        let Some(text) = scalar(value) else {
            self.nested_fields(key, value, record);
            return;
        };
        if text.is_empty() {
            return;
        }
        let names_record = Vocab::is_name_key(key) || key.strip_suffix("_name") == Some(kind);
        if names_record && record.name.is_none() {
            record.name = Some(self.keep(&text));
        } else if Vocab::is_kind_key(key) && self.vocab.kind_of_key(&text).is_some() {
            // The record's own kind designator, already used.
        } else if Vocab::is_seat_key(key) {
            // File metadata, not a fact about the entity.
        } else if let Some(other) = info.name_of_kind {
            record.fields.push(FieldValue {
                name: self.naming(other),
                raw: self.keep(&text),
                pos: value.pos,
            });
        } else if key == "id" || key.ends_with("_id") {
            // `id`, `project_id` and `accelo_id` identify the record, each in
            // its own namespace; `client_id` on a project refers to a client.
            match info.id_of_kind {
                Some(other) if other != kind => {
                    let other = self.out.interner.intern(other);
                    record.fields.push(FieldValue {
                        name: self.name(info.snake_symbol, Some(other)),
                        raw: self.keep(&text),
                        pos: value.pos,
                    });
                }
                _ => record.ids.push((info.snake_symbol, self.keep(&text))),
            }
        } else if info.field == "updated_at" {
            record.as_of = self.as_of_value(value);
        } else {
            record.fields.push(FieldValue {
                name: self.name(info.field_symbol, None),
                raw: self.keep(&text),
                pos: value.pos,
            });
        }
    }

    /// A plain nested object becomes `outer_inner` fields; a list of plain
    /// values becomes one comma-separated value.
    fn nested_fields(&mut self, key: &str, value: &Node, record: &mut RecordParts) {
        match &value.value {
            NodeValue::Map(entries) => {
                for inner in entries {
                    if let Some(text) = scalar(&inner.value).filter(|t| !t.is_empty()) {
                        let field = self
                            .vocab
                            .field(&format!("{key}_{}", snake_case_cow(&inner.key)));
                        let field = self.out.interner.intern(&field);
                        record.fields.push(FieldValue {
                            name: self.name(field, None),
                            raw: self.keep(&text),
                            pos: inner.value.pos,
                        });
                    }
                }
            }
            NodeValue::List(items) if !items.is_empty() => {
                let texts: Option<Vec<CompactString>> = items.iter().map(scalar).collect();
                if let Some(texts) = texts {
                    let field = self.out.interner.intern(&self.vocab.field(key));
                    record.fields.push(FieldValue {
                        name: self.name(field, None),
                        raw: self.keep(&texts.join(", ")),
                        pos: value.pos,
                    });
                }
            }
            _ => {}
        }
    }
}

#[derive(Default)]
struct RecordParts {
    name: Option<Span>,
    ids: Vec<Identifier>,
    fields: Vec<FieldValue>,
    as_of: Option<NaiveDateTime>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{json, markdown};

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
}
