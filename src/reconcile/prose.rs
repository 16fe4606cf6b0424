//! Prose bullets (`- **Acme Website Redesign**: due Dec 5`): once the
//! records have made the entities, each bullet whose name folds to exactly
//! one entity's, of any kind, becomes a mention of it, after its records
//! and references. A bullet naming nothing known, or a name two entities
//! share (`Q1 Campaign` of Acme and of Globex), is dropped: prose never
//! makes an entity, and never guesses between two.

use super::kinds::kind_words;
use super::names::fold_name;
use super::{EntityId, MatchReason, Reconciled};
use crate::config::Config;
use crate::model::{Ingested, Mention, MentionId, Symbol};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Makes the bullets of `candidates` that name a known entity mentions of
/// it, numbered after every record and reference, into `ingested.prose`.
pub fn resolve(
    ingested: &mut Ingested,
    reconciled: &mut Reconciled,
    candidates: Vec<Mention>,
    config: &Config,
) {
    if candidates.is_empty() {
        return;
    }
    let found = find(ingested, reconciled, &candidates, config);
    let first = ingested.mention_count();
    let mut added: Vec<(EntityId, MentionId)> = Vec::new();
    for (mut mention, entity) in candidates.into_iter().zip(found) {
        let Some(entity) = entity else { continue };
        mention.kind = reconciled.entities[entity.index()].kind;
        let m = MentionId::new(first + ingested.prose.len());
        ingested.prose.push(mention);
        reconciled.entity_of.push(entity);
        reconciled.matched_by.push(MatchReason::Name);
        added.push((entity, m));
    }
    ingested.prose.shrink_to_fit();
    // In file order after the entity's own: the order bullets were read.
    added.sort_by_key(|&(entity, m)| (entity, m));
    for same in added.chunk_by(|a, b| a.0 == b.0) {
        let entity = &mut reconciled.entities[same[0].0.index()];
        let mut mentions = std::mem::take(&mut entity.mentions).into_vec();
        mentions.extend(same.iter().map(|&(_, m)| m));
        entity.mentions = mentions.into_boxed_slice();
    }
}

/// Per candidate, the one entity its name folds to, if there is one.
fn find(
    ingested: &Ingested,
    reconciled: &Reconciled,
    candidates: &[Mention],
    config: &Config,
) -> Vec<Option<EntityId>> {
    let text = |m: &Mention| &*ingested.texts[m.file.index()];
    // Each kind's words, and the candidates' names folded with them: what
    // the entities' names are compared with.
    let mut kinds: Vec<Symbol> = reconciled.entities.iter().map(|e| e.kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let words: HashMap<Symbol, Vec<String>> = kinds
        .iter()
        .map(|&kind| (kind, kind_words(&ingested.interner[kind], config)))
        .collect();
    let fold = |name: &str, kind: Symbol| {
        let words: Vec<&str> = words[&kind].iter().map(String::as_str).collect();
        fold_name(name, &words)
    };
    let wanted: HashSet<(Symbol, String)> = candidates
        .iter()
        .filter_map(|m| m.name.map(|name| name.of(text(m))))
        .flat_map(|name| kinds.iter().map(move |&kind| (kind, name)))
        .map(|(kind, name)| (kind, fold(name, kind)))
        .collect();
    // The entities each wanted name is a name of, by every spelling their
    // mentions give, each spelling folded once.
    let mut named: HashMap<(Symbol, String), Vec<EntityId>> = HashMap::default();
    let mut folded: HashMap<(Symbol, &str), String> = HashMap::default();
    for (e, entity) in reconciled.entities.iter().enumerate() {
        let entity_id = EntityId::new(e);
        for &m in &entity.mentions {
            let Some(name) = ingested.mention(m).name() else {
                continue;
            };
            let key = folded
                .entry((entity.kind, name))
                .or_insert_with(|| fold(name, entity.kind))
                .clone();
            let key = (entity.kind, key);
            if wanted.contains(&key) {
                let entities = named.entry(key).or_default();
                if entities.last() != Some(&entity_id) {
                    entities.push(entity_id);
                }
            }
        }
    }
    // A bullet is of no kind yet; a Markdown section under a heading that
    // names one ("## Projects" over "### Mobile App") is of that kind.
    let any_kind = ingested.interner.get("");
    candidates
        .iter()
        .map(|m| {
            let name = m.name?.of(text(m));
            let mut matches = kinds
                .iter()
                .filter(|&&kind| Some(m.kind) == any_kind || kind == m.kind)
                .filter_map(|&kind| named.get(&(kind, fold(name, kind))).map(Vec::as_slice));
            match (matches.next(), matches.next()) {
                (Some([entity]), None) => Some(*entity),
                _ => None,
            }
        })
        .collect()
}
