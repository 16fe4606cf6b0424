//! `--json`: the `briefing/1` document.
//!
//! The schema is the `Serialize` derives of the [`Briefing`] and the types
//! it holds (with the entity and near-miss views' in `store.rs`); this
//! module only lays the document out, and its bytes are exactly
//! `serde_json::to_writer_pretty`'s. The entity and conflict lists are most
//! of the document (hundreds of thousands of mentions, thousands of
//! conflicts), so their elements are serialized on all threads, in bounded
//! batches, each at the depth it has in the document; every other member
//! goes through serde whole. `tests/json.rs` checks the document against
//! serde's, member by member and byte for byte.

use crate::briefing::{Briefing, Conflict, EntityView};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Mentions rendered per parallel piece: small, so that the pieces of a
/// batch, each waiting on reads of mentions scattered across memory, even
/// out across the cores. Pieces are cut by mentions, not by entities: one
/// client can have thousands of mentions, and a reused buffer grows to the
/// largest piece it held. A batch of `PIECES` pieces is then about a quarter
/// of a megabyte of JSON, held on top of the whole briefing.
const PIECE_MENTIONS: usize = 128;
/// Conflicts, each a few kilobytes with its values, rendered per piece.
const CONFLICT_PIECE: usize = 32;
/// Pieces rendered at once before they are written.
const PIECES: usize = 8;

/// Writes the document: the members in the order [`Briefing`] declares
/// them, each named where it is taken apart below, so a member added to the
/// `Briefing` does not compile until it is written here too.
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
        history,
    } = briefing;
    out.write_all(b"{")?;
    member(out, true, "schema", schema)?;
    member(out, false, "org", org)?;
    member(out, false, "today", today)?;
    member(out, false, "score", score)?;
    member(out, false, "seats", seats)?;
    out.write_all(b",\n  \"entities\": ")?;
    write_list(out, &entity_pieces(entities))?;
    out.write_all(b",\n  \"conflicts\": ")?;
    write_list(out, &conflicts.chunks(CONFLICT_PIECE).collect::<Vec<_>>())?;
    member(out, false, "escalations", escalations)?;
    member(out, false, "alerts", alerts)?;
    member(out, false, "gaps", gaps)?;
    member(out, false, "shadow_disagreements", shadow_disagreements)?;
    member(out, false, "near_misses", near_misses)?;
    member(out, false, "diagnostics", diagnostics)?;
    member(out, false, "config_findings", config_findings)?;
    member(out, false, "files", files)?;
    member(out, false, "stats", stats)?;
    if let Some(history) = history {
        member(out, false, "history", history)?;
    }
    out.write_all(b"\n}\n")
}

/// A top-level member, its value through serde one level in.
fn member(out: &mut impl Write, first: bool, key: &str, value: &impl Serialize) -> io::Result<()> {
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

/// A top-level list, given in pieces, serialized on all threads a batch of
/// pieces at a time and written in order, as serde's pretty printer lays
/// out an array one level in.
fn write_list<T: Serialize + Sync>(out: &mut impl Write, pieces: &[&[T]]) -> io::Result<()> {
    if pieces.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    // The piece buffers are reused from batch to batch rather than
    // allocated per piece.
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for (b, batch) in pieces.chunks(PIECES).enumerate() {
        if buffers.len() < batch.len() {
            buffers.resize_with(batch.len(), Vec::new);
        }
        let whole = batch
            .par_iter()
            .zip(buffers.par_iter_mut())
            .enumerate()
            .map(|(p, (items, buf))| {
                buf.clear();
                match render(Capped { buf }, items, b == 0 && p == 0) {
                    Ok(()) => Ok(true),
                    Err(e) if Capped::is_full(&e) => Ok(false),
                    Err(e) => Err(e),
                }
            })
            .collect::<io::Result<Vec<bool>>>()?;
        for (p, (buf, whole)) in buffers.iter_mut().zip(whole).enumerate() {
            if whole {
                out.write_all(buf)?;
            } else {
                buf.clear();
                render(&mut *out, batch[p], b == 0 && p == 0)?;
            }
        }
    }
    out.write_all(b"\n  ]")
}

/// The bytes of JSON a piece is rendered into before it is written. A
/// piece that holds a value larger than this (a 40 MB cell) is rendered
/// again straight into the output, on one thread, rather than held whole
/// beside the briefing it is read from.
const PIECE_BYTES: usize = 4 << 20;

/// A piece's items, one level in a top-level list; `first` is the list's
/// first piece. `out` is moved into each item's serializer and back, so
/// that serde_json writes to the writer itself rather than through a
/// reference to it: a call less for every token of the document.
fn render<T: Serialize>(mut out: impl Write, items: &[T], first: bool) -> io::Result<()> {
    for (i, item) in items.iter().enumerate() {
        let first = first && i == 0;
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        let mut ser = serde_json::Serializer::with_formatter(out, Pretty::at(2));
        item.serialize(&mut ser).map_err(io::Error::from)?;
        out = ser.into_inner();
    }
    Ok(())
}

/// A piece's buffer that refuses to grow past [`PIECE_BYTES`].
struct Capped<'a> {
    buf: &'a mut Vec<u8>,
}

/// The error a [`Capped`] buffer gives when it is full.
#[derive(Debug)]
struct PieceFull;

impl std::fmt::Display for PieceFull {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a piece larger than its buffer")
    }
}

impl std::error::Error for PieceFull {}

impl Capped<'_> {
    fn is_full(e: &io::Error) -> bool {
        e.get_ref().is_some_and(|inner| inner.is::<PieceFull>())
    }
}

impl Write for Capped<'_> {
    #[inline]
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.write_all(data).map(|()| data.len())
    }

    // serde_json writes a few bytes at a time: one check and a copy.
    #[inline]
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        if self.buf.len() + data.len() > PIECE_BYTES {
            return Err(io::Error::other(PieceFull));
        }
        self.buf.extend_from_slice(data);
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// serde_json's `PrettyFormatter` (two spaces a level), starting some
/// levels in, so a value can be written on its own in the middle of the
/// document, as the parallel lists are. A line's separator, line break and
/// indentation go in one write: the document has millions of lines.
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

    /// A line break, after a comma unless `first`, and the indentation of
    /// the current level.
    fn line<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        const LINE: &[u8] = b",\n                                                                ";
        let comma = usize::from(first);
        let mut width = 2 * self.current_indent;
        let head = (LINE.len() - 2).min(width);
        writer.write_all(&LINE[comma..2 + head])?;
        width -= head;
        while width > 0 {
            let spaces = width.min(LINE.len() - 2);
            writer.write_all(&LINE[2..2 + spaces])?;
            width -= spaces;
        }
        Ok(())
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
            self.line(writer, true)?;
        }
        writer.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
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
            self.line(writer, true)?;
        }
        writer.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.line(writer, first)
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
    use crate::reconcile::{Entity, EntityId, FuzzyMatch, FuzzyMatchId, MatchReason, Reconciled};
    use crate::store::Store;
    use std::sync::Arc;

    fn serde_bytes(briefing: &Briefing) -> Vec<u8> {
        let mut want = serde_json::to_vec_pretty(briefing).unwrap();
        want.push(b'\n');
        want
    }

    fn written_bytes(briefing: &Briefing) -> Vec<u8> {
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
                            alignment: Box::new([]),
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
            history: None,
        }
    }

    #[test]
    fn same_bytes_as_serde_for_edge_cases() {
        assert_eq!(
            written_bytes(&briefing(vec![])),
            serde_bytes(&briefing(vec![]))
        );
        // The history member, written after the rest when there is one.
        let mut with_history = briefing(vec![]);
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        with_history.history = Some(crate::briefing::history::History {
            previous: day,
            previous_score: 68,
            new: vec!["project:a \"q\"/due_date".to_string()],
            resolved: vec![],
            changed: vec![],
            changes: Default::default(),
            first_seen: [("project:a/due_date".to_string(), day)].into(),
            mornings: [("project:a/due_date".to_string(), 2)].into(),
            score_series: vec![(day, 68), (day.succ_opt().unwrap(), 69)],
        });
        assert_eq!(
            String::from_utf8(written_bytes(&with_history)).unwrap(),
            String::from_utf8(serde_bytes(&with_history)).unwrap()
        );
        // More than one batch, so the joins between pieces and batches count.
        let b = briefing(entities(PIECES * PIECE_MENTIONS / 2));
        assert!(entity_pieces(&b.entities).len() > PIECES + 1);
        assert_eq!(
            String::from_utf8(written_bytes(&b)).unwrap(),
            String::from_utf8(serde_bytes(&b)).unwrap()
        );
    }

    #[test]
    fn a_piece_larger_than_its_buffer_is_written_straight_out() {
        let items = vec![
            "a".to_string(),
            "x".repeat(PIECE_BYTES + 1),
            "b".to_string(),
        ];
        let mut got = b"{\n  \"k\": ".to_vec();
        write_list(&mut got, &[&items[..1], &items[1..]]).unwrap();
        got.extend_from_slice(b"\n}");
        let want = serde_json::to_string_pretty(&serde_json::json!({ "k": items })).unwrap();
        assert!(String::from_utf8(got).unwrap() == want);
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

    #[test]
    fn the_formatter_lays_out_as_serde_at_any_depth() {
        let mut value = serde_json::json!({"a": [1, {"b": "c"}, []], "d": {}, "e": [{}]});
        for depth in 0..40 {
            value = serde_json::json!({"k": [value, depth], "l": "x"});
        }
        let mut got = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut got, Pretty::at(0));
        value.serialize(&mut ser).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }
}
