//! What was read and reconciled, kept beside the [`Briefing`](crate::briefing::Briefing)
//! so each entity's mentions are viewed from it when shown, not copied into
//! views up front: a large organisation has hundreds of thousands, and
//! their copies were the largest thing a run made.

use crate::briefing::{EntityView, MentionView};
use crate::model::{Ingested, MentionId};
use crate::reconcile::{EntityId, MatchReason, Reconciled};
use serde::Serialize;
use serde::ser::SerializeSeq;
use std::fmt;
use std::sync::Arc;

pub struct Store {
    pub ingested: Ingested,
    pub reconciled: Reconciled,
    /// Indexed by seat number.
    pub seat_names: Vec<String>,
}

impl Store {
    pub fn new(ingested: Ingested, reconciled: Reconciled, seat_names: Vec<String>) -> Self {
        Store {
            ingested,
            reconciled,
            seat_names,
        }
    }

    /// Entity `e`'s view: its names copied, its mentions read from here.
    pub fn entity_view(self: &Arc<Self>, e: EntityId) -> EntityView {
        let entities = &self.reconciled.entities;
        let entity = &entities[e as usize];
        EntityView {
            id: entity.id.clone(),
            kind: entity.kind.to_string(),
            name: entity.name.clone(),
            parent: entity.parent.map(|p| entities[p as usize].id.clone()),
            mentions: Mentions::new(Arc::clone(self), e),
        }
    }

    fn view(&self, m: MentionId) -> MentionView<'_> {
        let mention = self.ingested.mention(m);
        let file = &self.ingested.files[mention.file() as usize];
        let reason = &self.reconciled.matched_by[m as usize];
        MentionView {
            seat: file.seat.map(|s| self.seat_names[s as usize].as_str()),
            file: &file.path,
            line: mention.pos().line,
            name: mention.name(),
            matched_by: reason.label(),
            compared: match reason {
                MatchReason::Fuzzy { names, .. } => Some(names),
                _ => None,
            },
            via: mention.referenced_by().map(|(_, field)| field),
        }
    }
}

/// One entity's mentions, in canonical order, viewed from the [`Store`].
#[derive(Clone)]
pub struct Mentions {
    store: Arc<Store>,
    entity: EntityId,
}

impl Mentions {
    pub fn new(store: Arc<Store>, entity: EntityId) -> Self {
        Mentions { store, entity }
    }

    fn ids(&self) -> &[MentionId] {
        &self.store.reconciled.entities[self.entity as usize].mentions
    }

    pub fn len(&self) -> usize {
        self.ids().len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids().is_empty()
    }

    pub fn get(&self, i: usize) -> Option<MentionView<'_>> {
        self.ids().get(i).map(|&m| self.store.view(m))
    }

    pub fn first(&self) -> Option<MentionView<'_>> {
        self.get(0)
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            store: &self.store,
            ids: self.ids().iter(),
        }
    }
}

impl<'a> IntoIterator for &'a Mentions {
    type Item = MentionView<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The views of one entity's mentions, in order.
pub struct Iter<'a> {
    store: &'a Store,
    ids: std::slice::Iter<'a, MentionId>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = MentionView<'a>;

    fn next(&mut self) -> Option<MentionView<'a>> {
        self.ids.next().map(|&m| self.store.view(m))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl fmt::Debug for Mentions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Mentions {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for mention in self.iter() {
            seq.serialize_element(&mention)?;
        }
        seq.end()
    }
}
