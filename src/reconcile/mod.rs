//! Mentions to entities. Strongest evidence first: the same identifier in
//! one namespace, a configured alias, the same folded name under the same
//! parent, then fuzzy similarity under a compatible parent. Every merge keeps
//! its reason, and the result does not depend on the order files were read.

mod fuzzy;
pub mod names;
mod union_find;

use crate::config::Config;
use crate::model::{Ingested, Located, Mention, MentionId};
use crate::vocab::{Vocab, plural};
use compact_str::CompactString;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use union_find::UnionFind;

pub type EntityId = u32;

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// `project:acme-website-redesign`: stable across runs.
    pub id: String,
    pub kind: CompactString,
    pub name: String,
    pub parent: Option<EntityId>,
    /// In canonical order: by file path, then position.
    pub mentions: Vec<MentionId>,
}

/// Why a mention belongs to its entity.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchReason {
    /// The entity's first mention in canonical order.
    First,
    Id(CompactString),
    Alias,
    Name,
    /// The score and the two folded names compared.
    Fuzzy {
        score: f64,
        names: Box<(String, String)>,
    },
}

impl fmt::Display for MatchReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchReason::First => f.write_str("first"),
            MatchReason::Id(ns) => write!(f, "id:{ns}"),
            MatchReason::Alias => f.write_str("alias"),
            MatchReason::Name => f.write_str("name"),
            MatchReason::Fuzzy { score, .. } => write!(f, "fuzzy {score:.2}"),
        }
    }
}

/// Two entities whose names came close to merging but did not.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    pub a: EntityId,
    pub b: EntityId,
    pub a_key: String,
    pub b_key: String,
    pub similarity: names::Similarity,
    /// Why they stayed apart when the score alone would have merged them.
    pub blocked_by: Option<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Reconciled {
    /// Sorted by id.
    pub entities: Vec<Entity>,
    /// Per mention (including those made from references).
    pub entity_of: Vec<EntityId>,
    pub matched_by: Vec<MatchReason>,
    pub near_misses: Vec<NearMiss>,
}

/// Builds entities from `ingested.mentions`, first adding one mention per
/// reference (`client: "Acme"` on a project mentions the client Acme).
pub fn reconcile(ingested: &mut Ingested, config: &Config, vocab: &Vocab) -> Reconciled {
    let parent_refs = add_reference_mentions(ingested);
    let mentions = &ingested.mentions;
    let paths: Vec<&str> = ingested.files.iter().map(|f| f.path.as_str()).collect();
    let mut order: Vec<MentionId> = (0..mentions.len() as MentionId).collect();
    order.sort_by(|&a, &b| {
        canonical_key(mentions, &paths, a).cmp(&canonical_key(mentions, &paths, b))
    });

    let mut by_kind: BTreeMap<&str, Vec<MentionId>> = BTreeMap::new();
    for &m in &order {
        by_kind
            .entry(mentions[m as usize].kind.as_str())
            .or_default()
            .push(m);
    }
    let kind_order = parent_first(mentions, &by_kind);
    let aliases = AliasTable::new(config, vocab);

    let mut state = State {
        entity_of: vec![EntityId::MAX; mentions.len()],
        matched_by: vec![MatchReason::First; mentions.len()],
        entities: Vec::new(),
        near_misses: Vec::new(),
    };
    for kind in kind_order {
        let ctx = KindContext {
            kind,
            kind_words: kind_words(kind, config),
            threshold: config.match_threshold,
            aliases: &aliases,
            parent_refs: &parent_refs,
        };
        reconcile_kind(&ctx, mentions, &by_kind[kind], &mut state);
    }
    finish(state)
}

/// Mentions in file-path order, then position, whatever order files were read.
fn canonical_key<'a>(
    mentions: &[Mention],
    paths: &[&'a str],
    m: MentionId,
) -> (&'a str, u32, u32, u32, bool, u32) {
    let mention = &mentions[m as usize];
    (
        paths[mention.file as usize],
        mention.pos.line,
        mention.pos.column,
        mention.seq,
        mention.referenced_by.is_some(),
        mention.fields.first().map_or(0, |f| f.pos.column),
    )
}

/// Appends a mention per reference and returns, per original mention, the
/// reference mention that gives it its parent (see [`parent_reference`]).
///
/// A reference mention is placed under the record's other references where
/// their kind is a parent of its kind: a ticket's `project: "Website"` with
/// `client: "Acme"` mentions Acme's Website, not any client's.
fn add_reference_mentions(ingested: &mut Ingested) -> Vec<Option<MentionId>> {
    let parent_kinds = parent_kinds(&ingested.mentions);
    let first_new = ingested.mentions.len();
    let mut parent_refs = vec![None; first_new];
    let mut made: Vec<Mention> = Vec::new();
    let mut sibling_parents: Vec<(usize, MentionId)> = Vec::new();
    for (index, mention) in ingested.mentions.iter().enumerate() {
        let siblings_from = made.len();
        let parent_field = parent_reference(mention);
        for (field_index, field) in mention.fields.iter().enumerate() {
            let Some(kind) = &field.reference else {
                continue;
            };
            if parent_field == Some(field_index) {
                parent_refs[index] = Some((first_new + made.len()) as MentionId);
            }
            let by_id = field.field.ends_with("_id");
            made.push(Mention {
                file: mention.file,
                seq: mention.seq,
                pos: field.pos,
                kind: kind.clone(),
                name: (!by_id).then(|| Located {
                    text: field.raw.clone(),
                    pos: field.pos,
                }),
                ids: if by_id {
                    vec![(field.field.clone(), field.raw.clone())]
                } else {
                    Vec::new()
                },
                fields: Vec::new(),
                parent: None,
                as_of: mention.as_of,
                referenced_by: Some((index as MentionId, field.field.clone())),
            });
        }
        let siblings = &made[siblings_from..];
        for (i, child) in siblings.iter().enumerate() {
            let Some(parents) = parent_kinds.get(child.kind.as_str()) else {
                continue;
            };
            let parent = siblings
                .iter()
                .position(|p| p.kind != child.kind && parents.contains(p.kind.as_str()));
            if let Some(j) = parent {
                sibling_parents.push((
                    (first_new + siblings_from + i),
                    (first_new + siblings_from + j) as MentionId,
                ));
            }
        }
    }
    ingested.mentions.extend(made);
    parent_refs.resize(ingested.mentions.len(), None);
    for (child, parent) in sibling_parents {
        parent_refs[child] = Some(parent);
    }
    parent_refs
}

/// For each kind, the kinds its records sit under or take their parent from.
fn parent_kinds(mentions: &[Mention]) -> BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut depends: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
    for m in mentions {
        let deps = depends.entry(m.kind.to_string()).or_default();
        if let Some(p) = m.parent {
            deps.insert(mentions[p as usize].kind.to_string());
        }
        if let Some(parent_kind) =
            parent_reference(m).and_then(|i| m.fields[i].reference.as_deref())
        {
            deps.insert(parent_kind.to_string());
        }
    }
    depends
}

/// Kinds ordered so a kind comes after the kinds its mentions sit under or
/// refer to (clients before their projects). Ties and cycles break by name.
fn parent_first<'a>(
    mentions: &[Mention],
    by_kind: &BTreeMap<&'a str, Vec<MentionId>>,
) -> Vec<&'a str> {
    let depends = parent_kinds(mentions);
    let mut done: Vec<&'a str> = Vec::new();
    let mut remaining: Vec<&'a str> = by_kind.keys().copied().collect();
    while !remaining.is_empty() {
        let ready = remaining.iter().position(|k| {
            depends.get(*k).is_none_or(|deps| {
                deps.iter().all(|d| {
                    d == k || done.contains(&d.as_str()) || !by_kind.contains_key(d.as_str())
                })
            })
        });
        // In a cycle, take the first by name; its parents resolve as none.
        let next = remaining.remove(ready.unwrap_or(0));
        done.push(next);
    }
    done
}

/// The reference that gives a record its parent when nesting gave it none:
/// its first reference to something other than a person (an index into
/// its fields).
fn parent_reference(mention: &Mention) -> Option<usize> {
    if mention.parent.is_some() {
        return None;
    }
    mention.fields.iter().position(|f| {
        f.reference
            .as_deref()
            .is_some_and(|k| k != "person" && k != mention.kind)
    })
}

fn kind_words(kind: &str, config: &Config) -> Vec<String> {
    let mut words = vec![kind.to_string(), plural(kind)];
    if let Some(extra) = config.kinds.get(kind) {
        for aka in &extra.aka {
            let w = aka.to_lowercase();
            words.push(plural(&w));
            words.push(w);
        }
    }
    words
}

/// `[[alias]]`: folded alternative names to the folded canonical name.
struct AliasTable {
    map: HashMap<(String, String), (String, String)>,
}

impl AliasTable {
    fn new(config: &Config, vocab: &Vocab) -> Self {
        let mut map = HashMap::new();
        for alias in &config.aliases {
            let kind = vocab
                .kind_of_key(&alias.kind)
                .unwrap_or(&alias.kind)
                .to_string();
            let words = kind_words(&kind, config);
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let canonical = names::name_key(&alias.name, &words);
            for aka in &alias.aka {
                let key = names::name_key(aka, &words);
                if key != canonical {
                    map.insert((kind.clone(), key), (canonical.clone(), alias.name.clone()));
                }
            }
        }
        Self { map }
    }

    /// The canonical key and display name when `key` is an alias.
    fn get(&self, kind: &str, key: &str) -> Option<&(String, String)> {
        self.map.get(&(kind.to_string(), key.to_string()))
    }
}

struct KindContext<'a> {
    kind: &'a str,
    kind_words: Vec<String>,
    threshold: f64,
    aliases: &'a AliasTable,
    parent_refs: &'a [Option<MentionId>],
}

struct State {
    entity_of: Vec<EntityId>,
    matched_by: Vec<MatchReason>,
    entities: Vec<Entity>,
    near_misses: Vec<NearMiss>,
}

/// One mention as the matcher sees it, by its position in the kind's list.
struct Candidate {
    key: Option<String>,
    aliased: bool,
    alias_name: Option<String>,
    parent: Option<EntityId>,
}

fn reconcile_kind(
    ctx: &KindContext<'_>,
    mentions: &[Mention],
    members: &[MentionId],
    state: &mut State,
) {
    let words: Vec<&str> = ctx.kind_words.iter().map(String::as_str).collect();
    // The same name is written many times; fold each spelling once.
    let mut folded: HashMap<&str, String> = HashMap::new();
    let candidates: Vec<Candidate> = members
        .iter()
        .map(|&m| {
            let mention = &mentions[m as usize];
            let key = mention.name.as_ref().map(|n| {
                folded
                    .entry(n.text.as_str())
                    .or_insert_with(|| names::name_key(&n.text, &words))
                    .clone()
            });
            let alias = key.as_deref().and_then(|k| ctx.aliases.get(ctx.kind, k));
            Candidate {
                aliased: alias.is_some(),
                alias_name: alias.map(|a| a.1.clone()),
                key: alias.map(|a| a.0.clone()).or(key),
                parent: parent_entity(mentions, ctx.parent_refs, m, &state.entity_of),
            }
        })
        .collect();
    let mut uf = UnionFind::new(
        members
            .iter()
            .map(|&m| mentions[m as usize].ids.clone())
            .collect(),
    );
    let mut edges: Vec<(u32, u32, MatchReason)> = Vec::new();

    // Identifiers.
    let mut first_with_id: HashMap<(&str, &str), u32> = HashMap::new();
    for (i, &m) in members.iter().enumerate() {
        for (ns, value) in &mentions[m as usize].ids {
            match first_with_id.get(&(ns.as_str(), value.as_str())) {
                Some(&first) => {
                    if uf.union(first, i as u32) {
                        edges.push((first, i as u32, MatchReason::Id(ns.clone())));
                    }
                }
                None => {
                    first_with_id.insert((ns.as_str(), value.as_str()), i as u32);
                }
            }
        }
    }

    // The same folded (or aliased) name under the same parent; a mention
    // with no parent joins the one parent its name is found under.
    let mut groups: BTreeMap<(&str, Option<EntityId>), Vec<u32>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if let Some(key) = &c.key {
            groups
                .entry((key.as_str(), c.parent))
                .or_default()
                .push(i as u32);
        }
    }
    let mut parents_of_key: HashMap<&str, Vec<Option<EntityId>>> = HashMap::new();
    for (key, parent) in groups.keys() {
        parents_of_key.entry(key).or_default().push(*parent);
    }
    for ((key, parent), group) in &groups {
        let target = match parent {
            None => match parents_of_key[key].as_slice() {
                [None, Some(only)] => groups.get(&(*key, Some(*only))).map(|g| g[0]),
                _ => None,
            },
            Some(_) => None,
        };
        let anchor = target.unwrap_or(group[0]);
        for &i in group {
            if i != anchor && uf.union(anchor, i) {
                let aliased = candidates[i as usize].aliased || candidates[anchor as usize].aliased;
                let reason = if aliased {
                    MatchReason::Alias
                } else {
                    MatchReason::Name
                };
                edges.push((anchor, i, reason));
            }
        }
    }

    let misses = fuzzy::merge(&candidates, &mut uf, &mut edges, ctx.threshold);
    build_entities(ctx, mentions, members, &candidates, &mut uf, &edges, state);
    for miss in misses {
        let (a, b) = (uf.find(miss.a), uf.find(miss.b));
        if a == b {
            continue;
        }
        let (ea, eb) = (
            state.entity_of[members[a as usize] as usize],
            state.entity_of[members[b as usize] as usize],
        );
        state.near_misses.push(NearMiss {
            a: ea,
            b: eb,
            a_key: miss.a_key,
            b_key: miss.b_key,
            similarity: miss.similarity,
            blocked_by: miss.blocked_by,
        });
    }
}

/// The entity a mention sits under: its nesting parent, else the entity its
/// parent reference resolved to. Kinds are reconciled parents first, so
/// these are known unless kinds refer to each other in a cycle.
fn parent_entity(
    mentions: &[Mention],
    parent_refs: &[Option<MentionId>],
    m: MentionId,
    entity_of: &[EntityId],
) -> Option<EntityId> {
    let known = |e: EntityId| (e != EntityId::MAX).then_some(e);
    match mentions[m as usize].parent {
        Some(p) => known(entity_of[p as usize]),
        None => parent_refs[m as usize].and_then(|r| known(entity_of[r as usize])),
    }
}

fn build_entities(
    ctx: &KindContext<'_>,
    mentions: &[Mention],
    members: &[MentionId],
    candidates: &[Candidate],
    uf: &mut UnionFind,
    edges: &[(u32, u32, MatchReason)],
    state: &mut State,
) {
    let mut components: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for i in 0..members.len() as u32 {
        components.entry(uf.find(i)).or_default().push(i);
    }
    let mut adjacency: HashMap<u32, Vec<(u32, &MatchReason)>> = HashMap::new();
    for (a, b, reason) in edges {
        adjacency.entry(*a).or_default().push((*b, reason));
        adjacency.entry(*b).or_default().push((*a, reason));
    }
    for (root, locals) in components {
        let entity = state.entities.len() as EntityId;
        // Breadth-first from the first mention: each mention's reason is the
        // merge that first reached it.
        let mut queue = std::collections::VecDeque::from([root]);
        let mut seen = std::collections::HashSet::from([root]);
        while let Some(at) = queue.pop_front() {
            for &(next, reason) in adjacency.get(&at).map(Vec::as_slice).unwrap_or(&[]) {
                if seen.insert(next) {
                    state.matched_by[members[next as usize] as usize] = reason.clone();
                    queue.push_back(next);
                }
            }
        }
        let ids: Vec<MentionId> = locals.iter().map(|&i| members[i as usize]).collect();
        for &m in &ids {
            state.entity_of[m as usize] = entity;
        }
        let alias_name = locals
            .iter()
            .find_map(|&i| candidates[i as usize].alias_name.clone());
        let name = alias_name.unwrap_or_else(|| display_name(mentions, &ids));
        let parent = most_common(locals.iter().filter_map(|&i| candidates[i as usize].parent));
        state.entities.push(Entity {
            id: String::new(),
            kind: ctx.kind.into(),
            name,
            parent,
            mentions: ids,
        });
    }
}

/// The name most sources use; ties go to the longest, then the first.
fn display_name(mentions: &[Mention], ids: &[MentionId]) -> String {
    let mut counts: HashMap<&str, (usize, bool)> = HashMap::new();
    for &m in ids {
        let mention = &mentions[m as usize];
        if let Some(name) = &mention.name {
            let entry = counts.entry(name.text.as_str()).or_insert((0, false));
            entry.0 += 1;
            entry.1 |= mention.referenced_by.is_none();
        }
    }
    let best = counts
        .into_iter()
        .max_by(|a, b| {
            (a.1.1, a.1.0, a.0.chars().count())
                .cmp(&(b.1.1, b.1.0, b.0.chars().count()))
                .then_with(|| b.0.cmp(a.0))
        })
        .map(|(name, _)| name.to_string());
    best.unwrap_or_else(|| {
        let first = &mentions[ids[0] as usize];
        match first.ids.first() {
            Some((ns, value))
                if ns == "id" || ns.strip_suffix("_id") == Some(first.kind.as_str()) =>
            {
                value.to_string()
            }
            Some((ns, value)) => format!("{ns} {value}"),
            None => format!("unnamed {}", first.kind),
        }
    })
}

fn most_common(values: impl Iterator<Item = EntityId>) -> Option<EntityId> {
    let mut counts: BTreeMap<EntityId, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(v, _)| v)
}

/// Gives every entity its readable id and sorts by it, remapping indices.
fn finish(state: State) -> Reconciled {
    let State {
        mut entity_of,
        matched_by,
        entities,
        mut near_misses,
    } = state;
    let base: Vec<String> = entities
        .iter()
        .map(|e| names::slug(&e.name, &[e.kind.as_str(), &plural(&e.kind)]))
        .collect();
    let mut uses: HashMap<(&str, &str), usize> = HashMap::new();
    for (e, slug) in entities.iter().zip(&base) {
        *uses.entry((e.kind.as_str(), slug.as_str())).or_default() += 1;
    }
    let mut ids: Vec<String> = entities
        .iter()
        .zip(&base)
        .map(|(e, slug)| {
            let clash = uses[&(e.kind.as_str(), slug.as_str())] > 1;
            match e.parent {
                Some(p) if clash => format!("{}:{}/{}", e.kind, base[p as usize], slug),
                _ => format!("{}:{}", e.kind, slug),
            }
        })
        .collect();
    // Whatever still clashes is numbered in canonical order.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for id in &mut ids {
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            id.push_str(&format!("~{n}"));
        }
    }
    let mut order: Vec<EntityId> = (0..entities.len() as EntityId).collect();
    order.sort_by(|&a, &b| ids[a as usize].cmp(&ids[b as usize]));
    let mut new_index = vec![0; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old as usize] = new as EntityId;
    }
    let mut slots: Vec<Option<Entity>> = entities
        .into_iter()
        .zip(ids)
        .map(|(mut e, id)| {
            e.id = id;
            Some(e)
        })
        .collect();
    let mut sorted: Vec<Entity> = order
        .iter()
        .filter_map(|&old| slots[old as usize].take())
        .collect();
    for e in &mut sorted {
        e.parent = e.parent.map(|p| new_index[p as usize]);
    }
    for e in &mut entity_of {
        if *e != EntityId::MAX {
            *e = new_index[*e as usize];
        }
    }
    for miss in &mut near_misses {
        miss.a = new_index[miss.a as usize];
        miss.b = new_index[miss.b as usize];
    }
    near_misses.sort_by_key(|x| (x.a, x.b));
    Reconciled {
        entities: sorted,
        entity_of,
        matched_by,
        near_misses,
    }
}
