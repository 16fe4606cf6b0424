//! Escalations: records of kind `escalation`, open until executed or
//! closed, overdue once their SLA, due date or the raising seat's cadence
//! has passed. A log that repeats the same escalation every day is one
//! escalation with a streak, not one item per day.

use super::context::Context;
use super::format_time;
use crate::briefing::{EscalationStatus, EscalationView};
use crate::model::{Ingested, Interner, MentionId, Symbol};
use crate::normalize::{StatusTable, parse_duration};
use crate::reconcile::names;
use crate::reconcile::{Entity, EntityId, Reconciled};
use chrono::{Duration, NaiveDate};
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;

const KIND: &str = "escalation";
/// Built-in status groups that close an escalation: a word in them (done,
/// closed, resolved, cancelled…) closes it.
const CLOSED_GROUPS: [&str; 2] = ["done", "cancelled"];

/// What earlier briefing days saw of escalations, read from the history
/// store by the caller: an agent that rewrites its file each morning keeps
/// only its latest report, and this keeps the escalation's age and streak.
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    by_entity: FxHashMap<String, EarlierEscalation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarlierEscalation {
    /// The first briefing day it was listed on.
    pub first_seen: NaiveDate,
    /// Where its streak began, when it was open on the latest earlier
    /// briefing day: it has been open on every briefing day since.
    pub streak_since: Option<NaiveDate>,
}

impl Earlier {
    pub fn insert(&mut self, entity: String, seen: EarlierEscalation) {
        self.by_entity.insert(entity, seen);
    }

    fn get(&self, entity: &str) -> Option<&EarlierEscalation> {
        self.by_entity.get(entity)
    }
}

/// What viewing an escalation needs besides its own facts.
pub struct Finder<'a> {
    /// The escalation kind's symbol, if any mention has it.
    kind: Option<Symbol>,
    closing: Closing<'a>,
    by_name: NameIndex<'a>,
    earlier: &'a Earlier,
}

/// Which status words close an escalation: those whose word or group
/// means closed, done, resolved or cancelled, whatever the configuration
/// named the group. `[statuses] closed = ["complete", "closed",
/// "settled"]` moves those words out of the built-in `done` into a group
/// of its own; the group's name still says they close, so `settled`
/// closes. Meaning is read from the built-in table, which no
/// configuration changes.
struct Closing<'a> {
    statuses: &'a StatusTable,
    builtin: StatusTable,
}

impl Closing<'_> {
    fn closes(&self, status: &str) -> bool {
        let group = self.statuses.group(status);
        [status, group.as_str()]
            .iter()
            .any(|word| CLOSED_GROUPS.contains(&self.builtin.group(word).as_str()))
    }
}

impl<'a> Finder<'a> {
    pub fn new(
        entities: &'a [Entity],
        interner: &Interner,
        statuses: &'a StatusTable,
        earlier: &'a Earlier,
    ) -> Self {
        let kind = interner.get(KIND);
        // Folding every entity's name is the costly part; skip it when there
        // is nothing for an escalation to be about.
        let by_name = match kind {
            Some(kind) if entities.iter().any(|e| e.kind == kind) => NameIndex::new(entities, kind),
            _ => NameIndex::default(),
        };
        Finder {
            kind,
            closing: Closing {
                statuses,
                builtin: StatusTable::builtin(),
            },
            by_name,
            earlier,
        }
    }

    /// Entity `id`'s escalation, when it is one; `context` holds its facts.
    pub fn view(
        &self,
        context: &Context<'_>,
        id: EntityId,
        entity: &Entity,
    ) -> Option<EscalationView> {
        if Some(entity.kind) != self.kind {
            return None;
        }
        let earlier = self.earlier.get(&entity.id);
        view(context, &self.closing, &self.by_name, id, entity, earlier)
    }
}

/// Overdue first, then open, then oldest.
pub fn sort(found: &mut [EscalationView]) {
    found.sort_by(|a, b| {
        (
            b.overdue,
            b.status == EscalationStatus::Open,
            b.age_days,
            &a.entity,
        )
            .cmp(&(
                a.overdue,
                a.status == EscalationStatus::Open,
                a.age_days,
                &b.entity,
            ))
    });
}

/// Everything an escalation can be about, by the hash of its folded name.
/// Kept as hashes, not names: a large organisation has tens of thousands
/// of entities and a few escalations, and a table of every folded name was
/// megabytes held through the analysis for a few lookups.
#[derive(Default)]
struct NameIndex<'a> {
    entities: &'a [Entity],
    /// `(hash of the folded name, entity)`, sorted.
    hashes: Vec<(u64, EntityId)>,
}

impl<'a> NameIndex<'a> {
    /// `escalation` is the escalation kind's symbol.
    fn new(entities: &'a [Entity], escalation: Symbol) -> Self {
        let mut hashes: Vec<(u64, EntityId)> = entities
            .par_iter()
            .enumerate()
            .filter(|(_, e)| e.kind != escalation)
            .map(|(i, e)| (hash(&names::fold_name(&e.name, &[])), EntityId::new(i)))
            .collect();
        hashes.par_sort_unstable();
        NameIndex { entities, hashes }
    }

    /// The entities whose folded name is `key`.
    fn named<'k>(&'k self, key: &'k str) -> impl Iterator<Item = EntityId> + 'k {
        let h = hash(key);
        let start = self.hashes.partition_point(|&(x, _)| x < h);
        self.hashes[start..]
            .iter()
            .take_while(move |&&(x, _)| x == h)
            .map(|&(_, e)| e)
            .filter(move |&e| names::fold_name(&self.entities[e.index()].name, &[]) == key)
    }

    /// The one entity whose folded name is `key`; `None` for none or several.
    fn only(&self, key: &str) -> Option<EntityId> {
        one(self.named(key))
    }

    /// The entity named `key` within `related` (the entities the
    /// escalation's record refers to, then its parent), nearest first: a
    /// related entity of that name, else the one entity of that name under
    /// a related entity. "Black Friday Blitz" with `location: "Denver
    /// Highlands"` is that location's campaign, though every location has
    /// one of that name.
    fn among(&self, key: &str, related: &[EntityId]) -> Option<EntityId> {
        if related.is_empty() {
            return None;
        }
        let named: Vec<EntityId> = self.named(key).collect();
        related
            .iter()
            .find(|c| named.contains(c))
            .copied()
            .or_else(|| {
                related.iter().find_map(|&c| {
                    one(named
                        .iter()
                        .copied()
                        .filter(|e| self.entities[e.index()].parent == Some(c)))
                })
            })
    }
}

/// The only item, if there is exactly one.
fn one<T>(mut items: impl Iterator<Item = T>) -> Option<T> {
    match (items.next(), items.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The entities the records of an escalation refer to through their own
/// fields (`location: "Denver Highlands"`), in field order, then its
/// parent: where its `about` is looked for first.
fn related(ingested: &Ingested, reconciled: &Reconciled, entity: &Entity) -> Vec<EntityId> {
    let records = ingested.mentions.len();
    let mut found: Vec<EntityId> = Vec::new();
    for &m in &entity.mentions {
        if ingested.record(m).is_none() {
            continue;
        }
        // References are numbered after the records, in their records'
        // order.
        let start = ingested.references.partition_point(|r| r.by < m);
        let refs = ingested.references[start..]
            .iter()
            .take_while(|r| r.by == m)
            .enumerate();
        for (k, _) in refs {
            let e = reconciled.entity_of[MentionId::new(records + start + k).index()];
            if !found.contains(&e) {
                found.push(e);
            }
        }
    }
    if let Some(p) = entity.parent
        && !found.contains(&p)
    {
        found.push(p);
    }
    found
}

fn hash(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

fn view(
    context: &Context<'_>,
    closing: &Closing<'_>,
    by_name: &NameIndex<'_>,
    id: EntityId,
    entity: &Entity,
    earlier: Option<&EarlierEscalation>,
) -> Option<EscalationView> {
    let ingested = context.inputs.ingested;
    let today = context.inputs.today;
    let text = |field: &str| -> Option<String> {
        let fact = context.fact(id, field)?;
        context.current(fact).map(|o| context.raw(o).to_string())
    };
    let date = |field: &str| {
        context
            .fact(id, field)
            .and_then(|f| context.current(f))
            .and_then(|o| o.date)
    };

    // Its reports: the records of it, not other records' references to it.
    let mentions: Vec<_> = entity
        .mentions
        .iter()
        .filter_map(|&m| ingested.record(m))
        .collect();
    let latest = mentions.iter().max_by_key(|m| ingested.as_of(m))?;
    let file = &ingested.files[latest.file.index()];
    let seat = file.seat.map(|s| &context.inputs.config.seats[s.index()]);
    let reported: Vec<NaiveDate> = {
        let mut days: Vec<NaiveDate> = mentions
            .iter()
            .filter_map(|m| ingested.as_of(m))
            .map(|t| t.date())
            .collect();
        days.sort();
        days.dedup();
        days
    };

    let executed = text("executed")
        .is_some_and(|v| matches!(v.to_lowercase().as_str(), "true" | "yes" | "1" | "y"));
    let closed_by_status = text("status").is_some_and(|s| closing.closes(&s));
    let open = !executed && !closed_by_status;
    // Without a `raised` date it counts from its first report, or from the
    // first briefing day that listed it when that was earlier.
    let first_seen = earlier.map(|e| e.first_seen);
    let raised = date("raised").or_else(|| match (reported.first().copied(), first_seen) {
        (Some(r), Some(s)) => Some(r.min(s)),
        (r, s) => r.or(s),
    });
    let sla = text("sla");
    let deadline = match (
        raised,
        sla.as_deref().and_then(parse_duration),
        date("due_date"),
    ) {
        (Some(r), Some(sla), _) => Some(r + Duration::days(whole_days(sla))),
        (_, _, Some(due)) => Some(due),
        (Some(r), None, None) => seat
            .and_then(|s| s.cadence)
            .map(|c| r + Duration::days(whole_days(c))),
        (None, _, None) => None,
    };
    let overdue = open && deadline.is_some_and(|d| d < today);
    let about_text = text("about");
    let reconciled = context.inputs.reconciled;
    let about = about_text
        .as_deref()
        .map(|a| names::fold_name(a, &[]))
        .and_then(|key| {
            by_name
                .among(&key, &related(ingested, reconciled, entity))
                .or_else(|| by_name.only(&key))
        })
        .or(entity.parent);
    let entities = &reconciled.entities;
    Some(EscalationView {
        entity: entity.id.to_string(),
        name: entity.name.to_string(),
        about: about
            .map(|a| entities[a.index()].id.to_string())
            .or(about_text.clone()),
        about_name: about
            .map(|a| entities[a.index()].name.to_string())
            .or(about_text),
        seat: seat.map(|s| s.name.clone()),
        seat_owner: seat.and_then(|s| s.owner.clone()),
        status: if open {
            EscalationStatus::Open
        } else {
            EscalationStatus::Closed
        },
        raised,
        age_days: raised.map(|r| (today - r).num_days()),
        deadline,
        overdue,
        overdue_days: deadline.filter(|_| overdue).map(|d| (today - d).num_days()),
        sla,
        escalate_to: text("escalate_to").or_else(|| seat.and_then(|s| s.escalate_to.clone())),
        executed,
        streak_days: carried_streak(&reported, earlier.and_then(|e| e.streak_since)),
        reports: mentions.len() as u32,
        last_reported: ingested.as_of(latest).map(format_time),
        message: text("message"),
        file: file.path.clone(),
        line: latest.pos.line,
    })
}

/// Rounds a duration up to whole days: a 36-hour SLA ends on the second day.
fn whole_days(d: Duration) -> i64 {
    let minutes = d.num_minutes().max(0);
    (minutes + 1439) / 1440
}

/// [`streak`], going back to `since` when the escalation was open on every
/// briefing day from then to the last report: a streak counts the days its
/// agent reported it and the briefing days that listed it open, so a file
/// rewritten each morning keeps its streak.
fn carried_streak(days: &[NaiveDate], since: Option<NaiveDate>) -> u32 {
    let run = streak(days);
    match (days.last(), since) {
        (Some(&last), Some(since)) if since <= last => {
            let start = last - Duration::days(i64::from(run) - 1);
            let days = (last - start.min(since)).num_days() + 1;
            u32::try_from(days).unwrap_or(u32::MAX)
        }
        _ => run,
    }
}

/// Consecutive days up to the last report.
fn streak(days: &[NaiveDate]) -> u32 {
    let mut streak = 0;
    let mut expected = None;
    for day in days.iter().rev() {
        match expected {
            Some(e) if *day != e => break,
            _ => {
                streak += 1;
                expected = day.pred_opt();
            }
        }
    }
    streak
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn streak_counts_back_from_the_last_day() {
        assert_eq!(streak(&[]), 0);
        assert_eq!(streak(&[d("2026-11-20")]), 1);
        assert_eq!(
            streak(&[
                d("2026-11-18"),
                d("2026-11-20"),
                d("2026-11-21"),
                d("2026-11-22")
            ]),
            3
        );
    }

    #[test]
    fn a_streak_carried_from_earlier_briefings_goes_back_to_its_start() {
        let rewritten = [d("2026-11-23")];
        assert_eq!(carried_streak(&rewritten, None), 1);
        assert_eq!(carried_streak(&rewritten, Some(d("2026-11-07"))), 17);
        // A log that already goes back further keeps its own start.
        let log = [d("2026-11-05"), d("2026-11-06"), d("2026-11-07")];
        assert_eq!(carried_streak(&log, Some(d("2026-11-06"))), 3);
        // A streak recorded after the last report says nothing about it.
        assert_eq!(carried_streak(&rewritten, Some(d("2026-11-24"))), 1);
    }

    #[test]
    fn an_escalation_is_about_the_one_entity_of_that_name() {
        let mut interner = Interner::default();
        let mut entity = |kind: &str, name: &str| Entity {
            id: format!("{kind}:{name}").into(),
            kind: interner.intern(kind),
            name: name.into(),
            parent: None,
            mentions: Box::default(),
        };
        let entities = [
            entity("client", "Acme Corp"),
            entity("project", "Website"),
            entity("client", "Website"),
            entity(KIND, "Globex"),
            entity("deal", "Initech"),
        ];
        let index = NameIndex::new(&entities, interner.intern(KIND));
        let key = |name: &str| names::fold_name(name, &[]);
        assert_eq!(index.only(&key("ACME corp")), Some(EntityId::new(0)));
        assert_eq!(index.only(&key("Initech")), Some(EntityId::new(4)));
        assert_eq!(index.only(&key("Website")), None, "two entities bear it");
        assert_eq!(
            index.only(&key("Globex")),
            None,
            "escalations are not about themselves"
        );
        assert_eq!(index.only(&key("Umbrella")), None);
    }

    #[test]
    fn sla_rounds_up_to_days() {
        assert_eq!(whole_days(Duration::hours(48)), 2);
        assert_eq!(whole_days(Duration::hours(36)), 2);
        assert_eq!(whole_days(Duration::minutes(30)), 1);
    }
}
