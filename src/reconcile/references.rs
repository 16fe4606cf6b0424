//! References: a field named after another kind (`client: "Acme"` on a
//! project) is a mention of that entity. Each gets a mention of its own,
//! and a record with no nesting parent takes its parent from one of them.

use super::kinds::KindDepends;
use crate::model::{Ingested, Mention, MentionId, Reference};

/// Adds a mention per reference and returns, per mention, the reference
/// mention that gives it its parent, if any (see [`parent_reference`]).
///
/// A reference mention is placed under the record's other references where
/// their kind is a parent of its kind: a ticket's `project: "Website"` with
/// `client: "Acme"` mentions Acme's Website, not any client's.
pub fn add_references(
    ingested: &mut Ingested,
    parent_kinds: &KindDepends,
) -> Vec<Option<MentionId>> {
    let records = ingested.mentions.len();
    let references: Vec<Reference> = ingested
        .mentions
        .iter()
        .enumerate()
        .flat_map(|(by, m)| {
            ingested
                .fields_of(m)
                .iter()
                .enumerate()
                .filter(|(_, f)| ingested.refers_to(f).is_some())
                .map(move |(field, _)| Reference {
                    by: MentionId::new(by),
                    field: field as u32,
                })
        })
        .collect();
    let mut parent_refs = vec![None; records + references.len()];
    // The references of one record sit together, in field order.
    let mut first = 0;
    for same in references.chunk_by(|a, b| a.by == b.by) {
        let record = &ingested.mentions[same[0].by.index()];
        let id = |k: usize| MentionId::new(records + first + k);
        let kind = |k: usize| {
            let field = &ingested.fields_of(record)[same[k].field as usize];
            let kind = ingested.refers_to(field);
            &ingested.interner[kind.expect("references are made from referring fields")]
        };
        if let Some(field) = parent_reference(ingested, record) {
            let k = same.iter().position(|r| r.field as usize == field);
            parent_refs[same[0].by.index()] = k.map(id);
        }
        for child in 0..same.len() {
            let Some(parents) = parent_kinds.get(kind(child)) else {
                continue;
            };
            let parent =
                (0..same.len()).find(|&p| kind(p) != kind(child) && parents.contains(kind(p)));
            if let Some(p) = parent {
                parent_refs[records + first + child] = Some(id(p));
            }
        }
        first += same.len();
    }
    ingested.references = references;
    // Collected without knowing how many, and kept to the end of the run.
    ingested.references.shrink_to_fit();
    parent_refs
}

/// The reference that gives a record its parent when nesting gave it none:
/// its first reference to something other than a person (an index into
/// its fields).
pub fn parent_reference(ingested: &Ingested, mention: &Mention) -> Option<usize> {
    if mention.parent.is_some() {
        return None;
    }
    ingested.fields_of(mention).iter().position(|f| {
        ingested
            .refers_to(f)
            .is_some_and(|k| k != mention.kind && &ingested.interner[k] != "person")
    })
}
