//! The mention a referring field made (`client: "Acme"` on a project
//! mentions the client Acme), found among the references reconciling made.

use crate::model::{Ingested, MentionId, Reference};

/// Which mention a referring field made, looked up among the references
/// rather than kept per field, which would take a table of every field of
/// every record, held through the analysis, for a lookup per referring value.
pub(super) struct References<'a> {
    ingested: &'a Ingested,
    /// In the order of the records that refer, as reconciling made them.
    list: &'a [Reference],
    /// Per block of [`REFERENCE_BLOCK`] records, where the first reference
    /// by a record of the block, or after it, is in `list`. A lookup scans
    /// from there, where a binary search of the whole list would miss the
    /// cache at nearly every step.
    blocks: Vec<u32>,
}

/// Records per entry of [`References::blocks`]: records refer about once
/// each, so a lookup scans a few references, on one or two cache lines.
const REFERENCE_BLOCK: usize = 8;

impl<'a> References<'a> {
    pub(super) fn new(ingested: &'a Ingested) -> Self {
        let list = &ingested.references;
        let mut blocks = Vec::with_capacity(ingested.mentions.len() / REFERENCE_BLOCK + 1);
        let mut at = 0;
        for block in 0..ingested.mentions.len().div_ceil(REFERENCE_BLOCK) {
            let first = MentionId::new(block * REFERENCE_BLOCK);
            while at < list.len() && list[at].by < first {
                at += 1;
            }
            blocks.push(at as u32);
        }
        References {
            ingested,
            list,
            blocks,
        }
    }

    /// The mention field `i` of mention `m` made by referring to another.
    /// When two references come from fields of the same name, the later one
    /// is taken.
    pub(super) fn get(&self, m: MentionId, i: u32) -> Option<MentionId> {
        // A prose bullet refers to nothing.
        if m.index() >= self.ingested.mentions.len() {
            return None;
        }
        let mut start = self.blocks[m.index() / REFERENCE_BLOCK] as usize;
        while self.list.get(start).is_some_and(|r| r.by < m) {
            start += 1;
        }
        let end = start + self.list[start..].iter().take_while(|r| r.by == m).count();
        let records = &self.ingested.mentions;
        let fields = self.ingested.fields_of(&records[m.index()]);
        let name = self.ingested.field(&fields[i as usize]);
        self.list[start..end]
            .iter()
            .rposition(|r| self.ingested.field(&fields[r.field as usize]) == name)
            .map(|k| MentionId::new(records.len() + start + k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{FileId, Mention};

    #[test]
    fn a_referring_field_finds_the_mention_it_made_and_the_later_one_wins() {
        use crate::diag::Pos;
        use crate::model::{FieldValue, Interner, ListRange, Span};
        let mut interner = Interner::default();
        let project = interner.intern("project");
        let mut text = String::new();
        let mut field = |name: &str, reference: Option<&str>| {
            let name = interner.intern(name);
            let reference = reference.map(|kind| interner.intern(kind));
            FieldValue {
                name: interner.field_name(name, reference),
                raw: Span::push(&mut text, "x"),
                pos: Pos::new(1, 1),
            }
        };
        let fields = [
            field("client", Some("client")),
            field("note", None),
            field("client", Some("client")),
        ];
        let mut list = Vec::new();
        let file = FileId::new(0);
        let m = MentionId::new;
        let mut plain = Mention::new(file, 1, Pos::new(2, 1), project);
        plain.fields = ListRange::push(&mut list, [field("client", None)]);
        let mut referring = Mention::new(file, 0, Pos::new(1, 1), project);
        referring.fields = ListRange::push(&mut list, fields);
        let ingested = Ingested {
            mentions: vec![plain, referring],
            fields: vec![list.into()],
            references: vec![
                Reference { by: m(1), field: 0 },
                Reference { by: m(1), field: 2 },
            ],
            texts: vec![text.into()],
            interner,
            ..Ingested::default()
        };
        let references = References::new(&ingested);
        // Mentions 2 and 3 are the two references, after the two records.
        assert_eq!(references.get(m(1), 0), Some(m(3)));
        assert_eq!(references.get(m(1), 1), None);
        assert_eq!(references.get(m(1), 2), Some(m(3)));
        assert_eq!(references.get(m(0), 0), None);
    }

    proptest::proptest! {
        /// Over many blocks of records, some referring and some not, the
        /// lookup finds what a search of every reference finds.
        #[test]
        fn a_reference_is_found_as_a_full_search_finds_it(
            records in proptest::collection::vec(
                proptest::collection::vec((0..3usize, proptest::bool::ANY), 0..4),
                0..60,
            ),
        ) {
            use crate::diag::Pos;
            use crate::model::{FieldValue, Interner, ListRange, Span};
            let mut interner = Interner::default();
            let project = interner.intern("project");
            let names = ["client", "owner", "agency"].map(|name| interner.intern(name));
            let mut text = String::new();
            let mut all_fields = Vec::new();
            let mut mentions = Vec::new();
            let mut list = Vec::new();
            for (m, fields) in records.iter().enumerate() {
                let mut mention =
                    Mention::new(FileId::new(0), m as u32, Pos::new(1, 1), project);
                let values = fields
                    .iter()
                    .enumerate()
                    .map(|(i, &(name, refers))| {
                        if refers {
                            list.push(Reference { by: MentionId::new(m), field: i as u32 });
                        }
                        let name = names[name];
                        FieldValue {
                            name: interner.field_name(name, refers.then_some(name)),
                            raw: Span::push(&mut text, "x"),
                            pos: Pos::new(1, 1),
                        }
                    });
                mention.fields = ListRange::push(&mut all_fields, values);
                mentions.push(mention);
            }
            let ingested = Ingested {
                mentions,
                fields: vec![all_fields.into()],
                references: list.clone(),
                texts: vec![text.into()],
                interner,
                ..Ingested::default()
            };
            let references = References::new(&ingested);
            for (m, fields) in records.iter().enumerate() {
                for (i, &(name, _)) in fields.iter().enumerate() {
                    let expected = list
                        .iter()
                        .rposition(|r| r.by.index() == m && records[m][r.field as usize].0 == name)
                        .map(|k| MentionId::new(records.len() + k));
                    proptest::prop_assert_eq!(references.get(MentionId::new(m), i as u32), expected);
                }
            }
        }
    }
}
