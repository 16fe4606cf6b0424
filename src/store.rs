//! What was read and reconciled, kept beside the `Briefing` so each entity
//! and its mentions are viewed from it when shown, not copied into views
//! up front: a large organisation has hundreds of thousands of mentions.
//! The view types are defined here, a layer below the `Briefing` that
//! holds (and re-exports) them.

use crate::model::{Ingested, MentionId};
use crate::reconcile::align::{How, Step, words_of};
use crate::reconcile::{Entity, EntityId, NearMiss, Reconciled};
use compact_str::CompactString;
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
        let file = &self.ingested.files[mention.file().index()];
        MentionView {
            seat: file.seat.map(|s| self.seat_names[s.index()].as_str()),
            file: &file.path,
            line: mention.pos().line,
            name: mention.name(),
            matched_by: self.reconciled.label(m, &self.ingested.interner),
            compared: self.reconciled.fuzzy_match(m).map(|fuzzy| &fuzzy.names),
            alignment: self
                .reconciled
                .fuzzy_match(m)
                .map(|fuzzy| AlignmentView::new(&fuzzy.alignment, &fuzzy.names)),
            via: mention
                .referenced_by()
                .map(|(_, field)| &self.ingested.interner[field]),
            prose: self.ingested.is_prose(m),
        }
    }
}

/// One mention of an entity, as shown: viewed from what was read when it is
/// shown (see [`Mentions`]), so it borrows rather than owns its texts.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView<'a> {
    /// The seat of the mention's file, when one claims it.
    pub seat: Option<&'a str>,
    pub file: &'a str,
    pub line: u32,
    /// The name as written, when the record gives one.
    pub name: Option<&'a str>,
    pub matched_by: CompactString,
    /// For a fuzzy match: the two folded names compared, and how their
    /// words paired.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<&'a (String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alignment: Option<AlignmentView<'a>>,
    /// For a mention made from a reference: the field that refers
    /// (`client` on a project).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<&'a str>,
    /// Read from a bullet of prose that names the entity.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prose: bool,
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

    /// The rule that kept them apart; none when the weighted score of
    /// their words stayed under the threshold.
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
            token_score: self.token_score(),
            alignment: self.alignment(),
        }
    }

    /// The weighted score of their words' pairing, to two places.
    pub fn token_score(&self) -> f64 {
        nearest_hundredth(self.miss().token_score)
    }

    /// How their words paired, `a`'s words on the left.
    pub fn alignment(&self) -> AlignmentView<'_> {
        let miss = self.miss();
        AlignmentView::new(&miss.alignment, &miss.names)
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
    token_score: f64,
    alignment: AlignmentView<'a>,
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

/// How the words of two folded names paired, as shown: `a` is the first
/// name's side.
#[derive(Debug, Clone, Copy)]
pub struct AlignmentView<'a> {
    steps: &'a [Step],
    names: &'a (String, String),
}

impl<'a> AlignmentView<'a> {
    fn new(steps: &'a [Step], names: &'a (String, String)) -> Self {
        AlignmentView { steps, names }
    }

    pub fn steps(&self) -> impl ExactSizeIterator<Item = StepView> + 'a {
        let names = self.names;
        self.steps.iter().map(move |s| {
            let (mut a, mut b) = (words(s.a, &names.0), words(s.b, &names.1));
            if s.how == How::Joined {
                // Folded names keep their words sorted: the halves are put
                // back in the order that spells the whole.
                if let (Some(a), Some(b)) = (a.as_mut(), b.as_mut()) {
                    spelling_order(a, b);
                    spelling_order(b, a);
                }
            }
            StepView { a, b, how: s.how }
        })
    }
}

fn words(bits: u32, folded: &str) -> Option<String> {
    (bits != 0).then(|| words_of(bits, folded).collect::<Vec<_>>().join(" "))
}

/// `site web` as `web site` when `whole` is `website`.
fn spelling_order(halves: &mut String, whole: &str) {
    if let Some((first, second)) = halves.split_once(' ')
        && format!("{second}{first}") == whole
    {
        *halves = format!("{second} {first}");
    }
}

/// One step of an alignment: the words of each side (several when a word
/// was written as two), none for a word left unpaired.
#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    pub a: Option<String>,
    pub b: Option<String>,
    pub how: How,
}

impl StepView {
    /// `same`, `joined`, `typo`, `different` or `unpaired`.
    pub fn as_str(&self) -> &'static str {
        self.how.as_str()
    }

    /// The edits a typo made.
    pub fn edits(&self) -> Option<u8> {
        match self.how {
            How::Typo(edits) => Some(edits),
            _ => None,
        }
    }
}

/// `{"a": "initech", "b": "initec", "as": "typo", "edits": 1}`.
impl Serialize for StepView {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let edits = self.edits();
        let mut out = serializer.serialize_struct("StepView", 3 + usize::from(edits.is_some()))?;
        out.serialize_field("a", &self.a)?;
        out.serialize_field("b", &self.b)?;
        out.serialize_field("as", self.as_str())?;
        match edits {
            Some(edits) => out.serialize_field("edits", &edits)?,
            None => out.skip_field("edits")?,
        }
        out.end()
    }
}

impl Serialize for AlignmentView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.steps.len()))?;
        for step in self.steps() {
            seq.serialize_element(&step)?;
        }
        seq.end()
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
