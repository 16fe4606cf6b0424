//! The name a conflict or alert shows for its entity: its own, unless
//! another entity of its kind goes by the same one, when its parent's name
//! tells them apart ("Acme Corp / Q1 Campaign", "Globex / Q1 Campaign").
//! Entities keep their own names; only what a person reads of a finding,
//! where no id is shown, needs telling apart.

use crate::model::Symbol;
use crate::reconcile::{Entity, EntityId, Reconciled};
use rustc_hash::FxHashMap;

pub struct Labels(FxHashMap<EntityId, String>);

impl Labels {
    pub fn new(reconciled: &Reconciled) -> Self {
        let entities = &reconciled.entities;
        let mut named: FxHashMap<(Symbol, &str), u32> = FxHashMap::default();
        for e in entities {
            *named.entry((e.kind, &e.name)).or_default() += 1;
        }
        let labels = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| named[&(e.kind, &*e.name)] > 1)
            .filter_map(|(i, e)| {
                let parent = &entities[e.parent?.index()];
                Some((EntityId::new(i), format!("{} / {}", parent.name, e.name)))
            })
            .collect();
        Labels(labels)
    }

    /// What entity `id` is called in a finding.
    pub fn of(&self, id: EntityId, entity: &Entity) -> String {
        self.0
            .get(&id)
            .cloned()
            .unwrap_or_else(|| entity.name.to_string())
    }
}
