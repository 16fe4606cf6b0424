//! What was read and reconciled, kept beside the [`Briefing`](crate::briefing::Briefing)
//! so each entity and its mentions are viewed from it when shown, not
//! copied into views up front: a large organisation has hundreds of
//! thousands of mentions, and a copy of each would be the largest thing a
//! run made.

use crate::briefing::MentionView;
use crate::model::{Ingested, MentionId};
use crate::reconcile::{Entity, EntityId, MatchReason, NearMiss, Reconciled};
use serde::Serialize;
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

    /// Every near miss as shown, in the order reconciling gave.
    pub fn near_miss_views(self: &Arc<Self>) -> Vec<NearMissView> {
        (0..self.reconciled.near_misses.len() as u32)
            .map(|miss| NearMissView {
                store: Arc::clone(self),
                miss,
            })
            .collect()
    }

    /// Entity `e` as shown.
    pub fn entity_view(self: &Arc<Self>, e: EntityId) -> EntityView {
        EntityView {
            store: Arc::clone(self),
            entity: e,
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
                MatchReason::Fuzzy(compared) => Some(&compared.names),
                _ => None,
            },
            via: mention.referenced_by().map(|(_, field)| field.as_str()),
        }
    }
}

/// An entity as shown: its names and mentions read from the [`Store`] when
/// asked for, so a view is a handle, not a copy.
#[derive(Clone)]
pub struct EntityView {
    store: Arc<Store>,
    entity: EntityId,
}

impl EntityView {
    fn entity(&self) -> &Entity {
        &self.store.reconciled.entities[self.entity as usize]
    }

    /// `project:acme-website-redesign`: stable across runs.
    pub fn id(&self) -> &str {
        &self.entity().id
    }

    pub fn kind(&self) -> &str {
        &self.entity().kind
    }

    pub fn name(&self) -> &str {
        &self.entity().name
    }

    /// The id of the entity this one sits under.
    pub fn parent(&self) -> Option<&str> {
        let parent = self.entity().parent?;
        Some(&self.store.reconciled.entities[parent as usize].id)
    }

    pub fn mentions(&self) -> Mentions<'_> {
        Mentions {
            store: &self.store,
            ids: &self.entity().mentions,
        }
    }

    /// The entity as the `briefing/1` document shows it.
    fn json(&self) -> EntityJson<'_> {
        EntityJson {
            id: self.id(),
            kind: self.kind(),
            name: self.name(),
            parent: self.parent(),
            // Viewed all at once before any is written: each view waits on
            // reads from mentions scattered across memory, and with nothing
            // in between the processor overlaps those waits instead of
            // taking them in turn.
            mentions: self.mentions().iter().collect(),
        }
    }
}

/// An entity as the `briefing/1` document shows it.
#[derive(Debug, Serialize)]
struct EntityJson<'a> {
    id: &'a str,
    kind: &'a str,
    name: &'a str,
    parent: Option<&'a str>,
    mentions: Vec<MentionView<'a>>,
}

impl Serialize for EntityView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl fmt::Debug for EntityView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.json().fmt(f)
    }
}

/// Two entities whose names came close to merging, as shown: read from the
/// [`Store`] when asked for, like [`EntityView`], rather than four strings
/// copied from the entities for each of a large organisation's thousands.
#[derive(Clone)]
pub struct NearMissView {
    store: Arc<Store>,
    miss: u32,
}

impl NearMissView {
    fn miss(&self) -> &NearMiss {
        &self.store.reconciled.near_misses[self.miss as usize]
    }

    fn id(&self, e: EntityId) -> &str {
        &self.store.reconciled.entities[e as usize].id
    }

    /// The ids of the two entities.
    pub fn a(&self) -> &str {
        self.id(self.miss().a)
    }

    pub fn b(&self) -> &str {
        self.id(self.miss().b)
    }

    /// The folded names compared.
    pub fn a_name(&self) -> &str {
        &self.miss().a_key
    }

    pub fn b_name(&self) -> &str {
        &self.miss().b_key
    }

    /// The similarity and its two parts, to two places.
    pub fn score(&self) -> f64 {
        nearest_hundredth(self.miss().similarity.score)
    }

    pub fn jaro_winkler(&self) -> f64 {
        nearest_hundredth(self.miss().similarity.jaro_winkler)
    }

    pub fn dice(&self) -> f64 {
        nearest_hundredth(self.miss().similarity.dice)
    }

    /// Why they stayed apart when the score alone would have merged them.
    pub fn blocked_by(&self) -> Option<&'static str> {
        self.miss().blocked_by
    }

    /// The near miss as the `briefing/1` document shows it.
    fn json(&self) -> NearMissJson<'_> {
        NearMissJson {
            a: self.a(),
            b: self.b(),
            a_name: self.a_name(),
            b_name: self.b_name(),
            score: self.score(),
            jaro_winkler: self.jaro_winkler(),
            dice: self.dice(),
            blocked_by: self.blocked_by(),
        }
    }
}

fn nearest_hundredth(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A near miss as the `briefing/1` document shows it.
#[derive(Debug, Serialize)]
struct NearMissJson<'a> {
    a: &'a str,
    b: &'a str,
    a_name: &'a str,
    b_name: &'a str,
    score: f64,
    jaro_winkler: f64,
    dice: f64,
    blocked_by: Option<&'static str>,
}

impl Serialize for NearMissView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl fmt::Debug for NearMissView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.json().fmt(f)
    }
}

/// One entity's mentions, in canonical order, viewed from the [`Store`].
#[derive(Clone, Copy)]
pub struct Mentions<'a> {
    store: &'a Store,
    ids: &'a [MentionId],
}

impl<'a> Mentions<'a> {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<MentionView<'a>> {
        self.ids.get(i).map(|&m| self.store.view(m))
    }

    pub fn first(&self) -> Option<MentionView<'a>> {
        self.get(0)
    }

    pub fn iter(&self) -> Iter<'a> {
        Iter {
            store: self.store,
            ids: self.ids.iter(),
        }
    }
}

impl<'a> IntoIterator for Mentions<'a> {
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

impl fmt::Debug for Mentions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
