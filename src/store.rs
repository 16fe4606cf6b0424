//! What was read and reconciled, kept beside the `Briefing` so each entity
//! and its mentions are viewed from it when shown, not copied into views
//! up front: a large organisation has hundreds of thousands of mentions.
//! The view types are defined here, a layer below the `Briefing` that
//! holds (and re-exports) them.

use crate::model::{Ingested, MentionId};
use crate::reconcile::{Entity, EntityId, NearMiss, Reconciled};
use compact_str::CompactString;
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
        let file = &self.ingested.files[mention.file().index()];
        MentionView {
            seat: file.seat.map(|s| self.seat_names[s.index()].as_str()),
            file: &file.path,
            line: mention.pos().line,
            name: mention.name(),
            matched_by: self.reconciled.label(m, &self.ingested.interner),
            compared: self.reconciled.fuzzy_match(m).map(|fuzzy| &fuzzy.names),
            via: mention
                .referenced_by()
                .map(|(_, field)| &self.ingested.interner[field]),
        }
    }
}

/// One mention of an entity, as shown: viewed from what was read when it is
/// shown (see [`Mentions`]), so it borrows rather than owns its texts.
#[derive(Debug, Clone)]
pub struct MentionView<'a> {
    /// The seat of the mention's file, when one claims it.
    pub seat: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
    /// The name as written, when the record gives one.
    pub name: Option<&'a str>,
    pub matched_by: CompactString,
    /// For a fuzzy match: the two folded names compared.
    pub compared: Option<&'a (String, String)>,
    /// For a mention made from a reference: the field that refers
    /// (`client` on a project).
    pub via: Option<&'a str>,
}

/// The `briefing/1` shape.
impl Serialize for MentionView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let optional = usize::from(self.compared.is_some()) + usize::from(self.via.is_some());
        let mut out = serializer.serialize_struct("MentionView", 5 + optional)?;
        out.serialize_field("seat", &self.seat)?;
        out.serialize_field("file", &self.file)?;
        out.serialize_field("line", &self.line)?;
        out.serialize_field("name", &self.name)?;
        out.serialize_field("matched_by", &self.matched_by)?;
        match &self.compared {
            Some(compared) => out.serialize_field("compared", compared)?,
            None => out.skip_field("compared")?,
        }
        match &self.via {
            Some(via) => out.serialize_field("via", via)?,
            None => out.skip_field("via")?,
        }
        out.end()
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
        &self.store.reconciled.entities[self.entity.index()]
    }

    /// `project:acme-website-redesign`: stable across runs.
    pub fn id(&self) -> &str {
        &self.entity().id
    }

    pub fn kind(&self) -> &str {
        &self.store.ingested.interner[self.entity().kind]
    }

    pub fn name(&self) -> &str {
        &self.entity().name
    }

    /// The id of the entity this one sits under.
    pub fn parent(&self) -> Option<&str> {
        let parent = self.entity().parent?;
        Some(&self.store.reconciled.entities[parent.index()].id)
    }

    pub fn mentions(&self) -> Mentions<'_> {
        Mentions {
            store: &self.store,
            ids: &self.entity().mentions,
        }
    }
}

/// The `briefing/1` shape.
impl Serialize for EntityView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("EntityView", 5)?;
        out.serialize_field("id", self.id())?;
        out.serialize_field("kind", self.kind())?;
        out.serialize_field("name", self.name())?;
        out.serialize_field("parent", &self.parent())?;
        out.serialize_field("mentions", &self.mentions())?;
        out.end()
    }
}

impl fmt::Debug for EntityView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EntityView")
            .field("id", &self.id())
            .field("kind", &self.kind())
            .field("name", &self.name())
            .field("parent", &self.parent())
            .field("mentions", &self.mentions())
            .finish()
    }
}

/// Two entities whose names came close to merging, as shown: read from the
/// [`Store`] when asked for, like [`EntityView`], rather than four strings
/// copied per near miss, of which a large organisation has thousands.
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
        &self.store.reconciled.entities[e.index()].id
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
        &self.miss().names.0
    }

    pub fn b_name(&self) -> &str {
        &self.miss().names.1
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
}

fn nearest_hundredth(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The `briefing/1` shape.
impl Serialize for NearMissView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("NearMissView", 8)?;
        out.serialize_field("a", self.a())?;
        out.serialize_field("b", self.b())?;
        out.serialize_field("a_name", self.a_name())?;
        out.serialize_field("b_name", self.b_name())?;
        out.serialize_field("score", &self.score())?;
        out.serialize_field("jaro_winkler", &self.jaro_winkler())?;
        out.serialize_field("dice", &self.dice())?;
        out.serialize_field("blocked_by", &self.blocked_by())?;
        out.end()
    }
}

impl fmt::Debug for NearMissView {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NearMissView")
            .field("a", &self.a())
            .field("b", &self.b())
            .field("a_name", &self.a_name())
            .field("b_name", &self.b_name())
            .field("score", &self.score())
            .field("blocked_by", &self.blocked_by())
            .finish()
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

impl Serialize for Mentions<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for mention in self.iter() {
            seq.serialize_element(&mention)?;
        }
        seq.end()
    }
}
