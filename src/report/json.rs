//! `--json`: the `briefing/1` document.
//!
//! The bytes are exactly `serde_json::to_writer_pretty`'s. The entity list is
//! most of the document (hundreds of thousands of mention views), so it is
//! written by hand, in parallel, in bounded batches, each entity on its own
//! at the depth it has in the document; the tests compare with serde's
//! whole-document output.

use crate::briefing::{Briefing, Conflict, EntityView, MentionView};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Mentions rendered per parallel piece: small, so that the pieces of a
/// batch, each waiting on reads of mentions scattered across memory, even
/// out across the cores. Pieces are cut by mentions, not by entities: one
/// client can have thousands of mentions, and pieces of a fixed number of
/// entities grew every reused buffer to the largest piece's size, megabytes
/// each. A batch of `PIECES` pieces is then about a quarter of a megabyte of
/// JSON: the buffers are held on top of the whole briefing, and four times
/// that was a megabyte of a large run's peak, for no measurable speed.
const PIECE_MENTIONS: usize = 128;
/// Conflicts, each a few kilobytes with its values, rendered per piece.
const CONFLICT_PIECE: usize = 32;
/// Pieces rendered at once before they are written.
const PIECES: usize = 8;

pub fn write(out: &mut impl Write, briefing: &Briefing) -> io::Result<()> {
    let Briefing {
        schema,
        org,
        today,
        score,
        seats,
        entities,
        conflicts,
        escalations,
        alerts,
        gaps,
        shadow_disagreements,
        near_misses,
        diagnostics,
        config_findings,
        files,
        stats,
    } = briefing;
    out.write_all(b"{")?;
    field(out, true, "schema", schema)?;
    field(out, false, "org", org)?;
    field(out, false, "today", today)?;
    field(out, false, "score", score)?;
    field(out, false, "seats", seats)?;
    out.write_all(b",\n  \"entities\": ")?;
    write_list(out, &entity_pieces(entities), |buf, entity| {
        entity_json(buf, entity);
        Ok(())
    })?;
    // The conflicts are next in size, thousands in a large organisation,
    // each with its values: rendered on all threads like the entities.
    out.write_all(b",\n  \"conflicts\": ")?;
    let conflict_pieces: Vec<&[Conflict]> = conflicts.chunks(CONFLICT_PIECE).collect();
    write_list(out, &conflict_pieces, |buf, conflict| {
        let mut ser = serde_json::Serializer::with_formatter(buf, Pretty::at(2));
        conflict.serialize(&mut ser).map_err(io::Error::from)
    })?;
    field(out, false, "escalations", escalations)?;
    field(out, false, "alerts", alerts)?;
    field(out, false, "gaps", gaps)?;
    field(out, false, "shadow_disagreements", shadow_disagreements)?;
    field(out, false, "near_misses", near_misses)?;
    field(out, false, "diagnostics", diagnostics)?;
    field(out, false, "config_findings", config_findings)?;
    field(out, false, "files", files)?;
    field(out, false, "stats", stats)?;
    out.write_all(b"\n}\n")
}

/// A top-level member, its value through serde one level in.
fn field(out: &mut impl Write, first: bool, key: &str, value: &impl Serialize) -> io::Result<()> {
    out.write_all(if first { b"\n  \"" } else { b",\n  \"" })?;
    out.write_all(key.as_bytes())?;
    out.write_all(b"\": ")?;
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Pretty::at(1));
    value.serialize(&mut ser).map_err(io::Error::from)
}

fn entity_pieces(entities: &[EntityView]) -> Vec<&[EntityView]> {
    pieces(entities, PIECE_MENTIONS, |entity| {
        1 + entity.mentions().len()
    })
}

/// `items` cut into runs whose `weight` adds up to at least `per_piece`
/// (the last may be lighter), each holding at least one item.
fn pieces<T>(items: &[T], per_piece: usize, weight: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let mut pieces = Vec::new();
    let (mut start, mut load) = (0, 0);
    for (i, item) in items.iter().enumerate() {
        load += weight(item);
        if load >= per_piece {
            pieces.push(&items[start..=i]);
            (start, load) = (i + 1, 0);
        }
    }
    if start < items.len() {
        pieces.push(&items[start..]);
    }
    pieces
}

/// A top-level list, given in pieces, rendered on all threads a batch of
/// pieces at a time and written in order, as serde's pretty printer lays
/// out an array one level in. `item` writes one element at the depth it
/// has there.
fn write_list<T: Sync>(
    out: &mut impl Write,
    pieces: &[&[T]],
    item: impl Fn(&mut Vec<u8>, &T) -> io::Result<()> + Sync,
) -> io::Result<()> {
    if pieces.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    // The piece buffers are reused from batch to batch: allocating a
    // megabyte-sized buffer per piece made the allocator sweep its free
    // lists each time.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for (b, batch) in pieces.chunks(PIECES).enumerate() {
        if buffers.len() < batch.len() {
            buffers.resize_with(batch.len(), Vec::new);
        }
        batch
            .par_iter()
            .zip(buffers.par_iter_mut())
            .enumerate()
            .try_for_each(|(p, (items, buf))| {
                buf.clear();
                for (i, value) in items.iter().enumerate() {
                    let first = b == 0 && p == 0 && i == 0;
                    buf.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    item(buf, value)?;
                }
                Ok::<(), io::Error>(())
            })?;
        for buf in &buffers[..batch.len()] {
            out.write_all(buf)?;
        }
    }
    out.write_all(b"\n  ]")
}

/// An entity at the depth it has in the document (inside `entities`),
/// written directly: it is the same few members hundreds of thousands of
/// times, and going through serde's formatter for each was most of the
/// document's writing time. The strings go through serde_json's escaping
/// whenever they hold anything to escape, so the bytes stay serde's.
fn entity_json(buf: &mut Vec<u8>, entity: &EntityView) {
    let (id, kind, name, parent) = (entity.id(), entity.kind(), entity.name(), entity.parent());
    let mentions = entity.mentions();
    buf.extend_from_slice(b"{\n      \"id\": ");
    string(buf, id);
    buf.extend_from_slice(b",\n      \"kind\": ");
    string(buf, kind);
    buf.extend_from_slice(b",\n      \"name\": ");
    string(buf, name);
    buf.extend_from_slice(b",\n      \"parent\": ");
    optional(buf, parent);
    buf.extend_from_slice(b",\n      \"mentions\": [");
    // Viewed all at once before any is written: each view waits on reads
    // from mentions scattered across memory, and with nothing in between
    // the processor overlaps those waits instead of taking them in turn.
    let views: Vec<MentionView<'_>> = mentions.iter().collect();
    for (i, mention) in views.iter().enumerate() {
        buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        mention_json(buf, mention);
    }
    if !mentions.is_empty() {
        buf.extend_from_slice(b"\n      ");
    }
    buf.extend_from_slice(b"]\n    }");
}

/// Every member is named, here and in [`entity_json`], so a member added to
/// the view does not compile until it is written too.
fn mention_json(buf: &mut Vec<u8>, mention: &MentionView) {
    let MentionView {
        seat,
        file,
        line,
        name,
        matched_by,
        compared,
        alignment,
        via,
    } = mention;
    buf.extend_from_slice(b"        {\n          \"seat\": ");
    optional(buf, *seat);
    buf.extend_from_slice(b",\n          \"file\": ");
    string(buf, file);
    buf.extend_from_slice(b",\n          \"line\": ");
    number(buf, *line);
    buf.extend_from_slice(b",\n          \"name\": ");
    optional(buf, *name);
    buf.extend_from_slice(b",\n          \"matched_by\": ");
    string(buf, matched_by);
    if let Some(compared) = compared {
        buf.extend_from_slice(b",\n          \"compared\": [\n            ");
        string(buf, &compared.0);
        buf.extend_from_slice(b",\n            ");
        string(buf, &compared.1);
        buf.extend_from_slice(b"\n          ]");
    }
    if let Some(alignment) = alignment {
        // Few mentions are fuzzy matches: serde writes these.
        buf.extend_from_slice(b",\n          \"alignment\": ");
        let mut ser = serde_json::Serializer::with_formatter(&mut *buf, Pretty::at(5));
        let _ = alignment.serialize(&mut ser);
    }
    if let Some(via) = via {
        buf.extend_from_slice(b",\n          \"via\": ");
        string(buf, via);
    }
    buf.extend_from_slice(b"\n        }");
}

/// A JSON string as serde_json writes it.
fn string(buf: &mut Vec<u8>, text: &str) {
    let plain = !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
    if plain {
        buf.reserve(text.len() + 2);
        buf.push(b'"');
        buf.extend_from_slice(text.as_bytes());
        buf.push(b'"');
    } else {
        // Writing a string into a Vec cannot fail.
        let _ = serde_json::to_writer(buf, text);
    }
}

fn optional(buf: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => string(buf, text),
        None => buf.extend_from_slice(b"null"),
    }
}

fn number(buf: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

/// serde_json's `PrettyFormatter` (two spaces), starting some levels in, so a
/// value can be written on its own in the middle of the document.
struct Pretty {
    current_indent: usize,
    has_value: bool,
}

impl Pretty {
    fn at(level: usize) -> Self {
        Pretty {
            current_indent: level,
            has_value: false,
        }
    }

    /// One write per line rather than one per level: a mention's fields sit
    /// five levels in, and there are millions of such lines.
    fn indent<W: ?Sized + Write>(&self, writer: &mut W) -> io::Result<()> {
        const SPACES: &[u8; 32] = b"                                ";
        let mut n = 2 * self.current_indent;
        while n > SPACES.len() {
            writer.write_all(SPACES)?;
            n -= SPACES.len();
        }
        writer.write_all(&SPACES[..n])
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.current_indent += 1;
        self.has_value = false;
        writer.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.current_indent -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.current_indent += 1;
        self.has_value = false;
        writer.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.current_indent -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `briefing conflicts QUERY --json`: the matching conflicts only.
pub fn write_conflicts(
    out: &mut impl Write,
    briefing: &Briefing,
    query: Option<&str>,
    conflicts: &[&Conflict],
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Drill<'a> {
        schema: &'static str,
        org: &'a str,
        today: chrono::NaiveDate,
        query: Option<&'a str>,
        conflicts: &'a [&'a Conflict],
    }
    let doc = Drill {
        schema: briefing.schema,
        org: &briefing.org,
        today: briefing.today,
        query,
        conflicts,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::briefing::Stats;
    use crate::diag::Pos;
    use crate::model::{
        AsOfSource, FieldValue, FileId, FileInfo, Format, Ingested, Interner, ListRange, Mention,
        MentionId, Reference, SeatId, Span,
    };
    use crate::reconcile::align::{How, Step};
    use crate::reconcile::{Entity, EntityId, FuzzyMatch, FuzzyMatchId, MatchReason, Reconciled};
    use crate::store::Store;
    use std::sync::Arc;

    fn serde_bytes(briefing: &Briefing) -> Vec<u8> {
        let mut want = serde_json::to_vec_pretty(briefing).unwrap();
        want.push(b'\n');
        want
    }

    fn fast_bytes(briefing: &Briefing) -> Vec<u8> {
        let mut got = Vec::new();
        write(&mut got, briefing).unwrap();
        got
    }

    /// Entities `0..n`, entity `i` with `i % 6` mentions whose seats,
    /// files, names and reasons hold texts that need escaping.
    fn entities(n: usize) -> Vec<EntityView> {
        let files: Vec<FileInfo> = (0..6)
            .map(|j| FileInfo {
                path: format!("dir/file \"{j}\"\\.json"),
                format: Format::Json,
                seat: (j % 3 != 0).then(|| SeatId::new(j)),
                later_wins: false,
                as_of: None,
                as_of_source: AsOfSource::Modified,
                mentions: 0,
                readable: true,
            })
            .collect();
        // Mention `j` of an entity is a record's own, except every fifth
        // from the third, which one record makes by referring to a client.
        let mut texts = vec![String::new(); files.len()];
        let mut interner = Interner::default();
        let (project, client) = (interner.intern("project"), interner.intern("client"));
        let namespace = interner.intern("ns \"q\"");
        let refers = interner.field_name(client, Some(client));
        let mut referrer = Mention::new(FileId::new(1), 0, Pos::new(7, 1), project);
        let mut referring = Vec::new();
        let mut records = vec![];
        let mut members: Vec<Vec<(bool, usize)>> = Vec::new();
        let mut reasons: Vec<(bool, usize, MatchReason)> = Vec::new();
        let mut fuzzy_matches = Vec::new();
        for i in 0..n {
            let mut own = Vec::new();
            for j in 0..i % 6 {
                let line = (j * 1_000_003 + i) as u32;
                let name = format!("Name\t{j}\u{1}\u{7f}é");
                let reason = match j % 4 {
                    0 => MatchReason::First,
                    1 => {
                        let id = FuzzyMatchId::new(fuzzy_matches.len());
                        fuzzy_matches.push(FuzzyMatch {
                            score: 0.91,
                            names: ("acme co".to_string(), format!("acme \n{i}")),
                            alignment: [
                                Step {
                                    a: 1,
                                    b: 1,
                                    how: How::Same,
                                },
                                Step {
                                    a: 2,
                                    b: 2,
                                    how: How::Typo(1),
                                },
                                Step {
                                    a: 0,
                                    b: 2,
                                    how: How::Unpaired,
                                },
                            ]
                            .into(),
                        });
                        MatchReason::Fuzzy(id)
                    }
                    2 => MatchReason::Id(namespace),
                    _ => MatchReason::Name,
                };
                if j % 5 == 2 {
                    own.push((false, referring.len()));
                    reasons.push((false, referring.len(), reason));
                    referring.push(FieldValue {
                        name: refers,
                        raw: Span::push(&mut texts[1], &name),
                        pos: Pos::new(line, 9),
                    });
                } else {
                    let mut mention = Mention::new(FileId::new(j), 0, Pos::new(line, 1), client);
                    mention.name = (j % 2 == 0).then(|| Span::push(&mut texts[j], &name));
                    own.push((true, records.len()));
                    reasons.push((true, records.len(), reason));
                    records.push(mention);
                }
            }
            members.push(own);
        }
        let id = |(record, k): (bool, usize)| {
            MentionId::new(if record { k } else { records.len() + 1 + k })
        };
        let references = (0..referring.len() as u32)
            .map(|field| Reference {
                by: MentionId::new(records.len()),
                field,
            })
            .collect();
        let mut fields: Vec<Vec<FieldValue>> = vec![Vec::new(); files.len()];
        referrer.fields = ListRange::push(&mut fields[1], referring);
        let total = records.len() + 1 + reasons.iter().filter(|r| !r.0).count();
        let mut reconciled = Reconciled {
            matched_by: vec![MatchReason::First; total],
            fuzzy_matches,
            ..Reconciled::default()
        };
        for (record, k, reason) in reasons {
            reconciled.matched_by[id((record, k)).index()] = reason;
        }
        for (i, own) in members.into_iter().enumerate() {
            // Every other entity sits under the one before, whose id needs
            // escaping.
            reconciled.entities.push(Entity {
                id: if i % 2 == 0 {
                    format!("x/\u{0}{i}").into()
                } else {
                    format!("client/acme-{i}").into()
                },
                kind: client,
                name: format!("Acme \"{i}\"").into(),
                parent: (i % 2 == 1).then(|| EntityId::new(i - 1)),
                mentions: own.into_iter().map(id).collect(),
            });
        }
        records.push(referrer);
        let ingested = Ingested {
            files,
            mentions: records,
            fields: fields.into_iter().map(Vec::into_boxed_slice).collect(),
            references,
            texts: texts.into_iter().map(String::into_boxed_str).collect(),
            interner,
            ..Ingested::default()
        };
        let seats = (0..6).map(|s| format!("seat \"{s}\"")).collect();
        let store = Arc::new(Store::new(ingested, reconciled, seats));
        (0..n)
            .map(|e| store.entity_view(EntityId::new(e)))
            .collect()
    }

    fn briefing(entities: Vec<EntityView>) -> Briefing {
        Briefing {
            schema: crate::briefing::SCHEMA,
            org: "Org \"q\"".to_string(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            score: Default::default(),
            seats: vec![],
            entities,
            conflicts: vec![],
            escalations: vec![],
            alerts: vec![],
            gaps: vec![],
            shadow_disagreements: vec![],
            near_misses: vec![],
            diagnostics: vec![],
            config_findings: vec![],
            files: vec![],
            stats: Stats::default(),
        }
    }

    #[test]
    fn same_bytes_as_serde_for_edge_cases() {
        assert_eq!(
            fast_bytes(&briefing(vec![])),
            serde_bytes(&briefing(vec![]))
        );
        // More than one batch, so the joins between pieces and batches count.
        let b = briefing(entities(PIECES * PIECE_MENTIONS / 2));
        assert!(entity_pieces(&b.entities).len() > PIECES + 1);
        assert_eq!(
            String::from_utf8(fast_bytes(&b)).unwrap(),
            String::from_utf8(serde_bytes(&b)).unwrap()
        );
    }

    #[test]
    fn pieces_are_cut_by_weight_and_keep_every_item_in_order() {
        let weights = [1, 2, 9, 1, 1, 1, 4, 1];
        let cut = pieces(&weights, 4, |&w| w);
        assert_eq!(
            cut,
            [&[1, 2, 9][..], &[1, 1, 1, 4], &[1]],
            "a heavy item closes its piece; the rest go in the last"
        );
        assert!(pieces(&weights, 100, |&w| w) == [&weights[..]]);
        assert!(pieces(&[] as &[usize], 4, |&w| w).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn strings_are_written_as_serde_writes_them(text in "\\PC*|[\\x00-\\x7f]*") {
            let mut got = Vec::new();
            string(&mut got, &text);
            proptest::prop_assert_eq!(got, serde_json::to_vec(&text).unwrap());
        }

        #[test]
        fn numbers_are_written_as_serde_writes_them(n: u32) {
            let mut got = Vec::new();
            number(&mut got, n);
            proptest::prop_assert_eq!(got, serde_json::to_vec(&n).unwrap());
        }
    }

    #[test]
    fn same_bytes_as_serde_for_the_sample() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(&root.join("briefing.toml")).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let mut b = crate::run(&config, today).unwrap();
        assert!(!b.entities.is_empty() && !b.conflicts.is_empty());
        assert_eq!(
            String::from_utf8(fast_bytes(&b)).unwrap(),
            String::from_utf8(serde_bytes(&b)).unwrap()
        );
        // More than one batch of conflicts, so the joins between their
        // pieces and batches count too.
        let many = PIECES * CONFLICT_PIECE + CONFLICT_PIECE + 3;
        b.conflicts = b.conflicts.iter().cycle().take(many).cloned().collect();
        assert_eq!(
            String::from_utf8(fast_bytes(&b)).unwrap(),
            String::from_utf8(serde_bytes(&b)).unwrap()
        );
    }
}
