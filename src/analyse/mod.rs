//! From reconciled entities to the `Briefing`: facts, ownership, conflicts,
//! escalations, alerts, gaps and the score. Pure functions over the model:
//! no I/O, no terminal.

mod alerts;
mod conflicts;
pub mod context;
mod escalations;
pub mod facts;
mod gaps;
pub(crate) mod labels;
mod lint;
pub mod ownership;
mod score;
mod tally;

use crate::briefing::{
    AlertView, Briefing, Conflict, DecisionView, EntityView, EscalationView, FileSummary, SCHEMA,
    SeatSummary, Stamp, Stats,
};
use crate::config::Config;
use crate::decisions::Decisions;
use crate::diag::Diagnostic;
use crate::model::{AsOfSource, Ingested, SkipReason};
use crate::normalize::StatusTable;
use crate::reconcile::EntityId;
use crate::store::Store;
use crate::vocab::Vocab;
use chrono::{NaiveDate, NaiveDateTime};
use context::{Context, Owners, Shared};
use facts::Inputs;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use tally::{EntityTally, Tally};

pub use escalations::{Earlier, EarlierEscalation};
pub use score::{ACCOUNTABILITY, AGREEMENT, FOLLOW_THROUGH, FRESHNESS, OWNERSHIP};

pub fn format_time(t: NaiveDateTime) -> String {
    Stamp(t).to_string()
}

pub struct Analysis<'a> {
    /// What was read and reconciled; the entity views show their mentions
    /// from it.
    pub store: &'a Arc<Store>,
    pub config: &'a Config,
    pub vocab: &'a Vocab,
    pub decisions: &'a Decisions,
    pub today: NaiveDate,
    /// What earlier briefing days saw of escalations (empty without a
    /// history store).
    pub earlier: &'a Earlier,
}

/// How many entities' findings are gathered before they are taken in.
const FINDINGS_RUN: usize = 4096;

/// What one entity contributes to the briefing.
struct Findings {
    view: EntityView,
    judged: Vec<conflicts::Judged>,
    /// Boxed: few entities are escalations, and every entity has findings.
    escalation: Option<Box<EscalationView>>,
    alerts: Vec<(usize, AlertView)>,
    tally: EntityTally,
    problems: Vec<Diagnostic>,
}

pub fn analyse(a: &Analysis<'_>) -> Briefing {
    let (ingested, reconciled) = (&a.store.ingested, &a.store.reconciled);
    let labels = labels::Labels::new(reconciled);
    let inputs = Inputs {
        ingested,
        reconciled,
        config: a.config,
        vocab: a.vocab,
        today: a.today,
        labels: &labels,
    };
    let statuses = status_table(a.config);
    let collector = facts::Collector::new(&inputs, &statuses);
    let owners = Owners::new(&a.config.seats, collector.pairs());
    let escalation_finder = escalations::Finder::new(
        &reconciled.entities,
        &ingested.interner,
        &statuses,
        a.earlier,
    );
    let alert_finder = alerts::Alerts::new(a.config, a.vocab);
    let shared = Shared::new(&a.config.seats, ingested);
    let mut diagnostics: Vec<Diagnostic> = ingested.diagnostics.clone();
    diagnostics.extend(from_the_future(ingested, a.today));
    let mut entities = Vec::with_capacity(reconciled.entities.len());
    let mut disputes = conflicts::Disputes::default();
    let mut escalations = Vec::new();
    let mut raised = Vec::new();
    let mut tally = Tally::default();
    // Entity by entity on all threads: each entity's facts are read, judged
    // and dropped before the next, so they are never all held at once. The
    // findings are taken in a run of entities at a time, in order, so what
    // waits to be taken in stays small too.
    let count = reconciled.entities.len();
    for start in (0..count).step_by(FINDINGS_RUN) {
        let found: Vec<Findings> = (start..count.min(start + FINDINGS_RUN))
            .into_par_iter()
            .map(EntityId::new)
            .map_init(facts::Scratch::default, |scratch, e| {
                let entity = &reconciled.entities[e.index()];
                let mut problems = Vec::new();
                let facts = collector.entity(scratch, e, &mut problems);
                let context = Context {
                    inputs: &inputs,
                    facts: &facts,
                    owners: &owners,
                    shared: &shared,
                };
                Findings {
                    view: a.store.entity_view(e),
                    judged: facts
                        .iter()
                        .filter_map(|fact| conflicts::judge(fact, &context))
                        .collect(),
                    escalation: escalation_finder.view(&context, e, entity).map(Box::new),
                    alerts: alert_finder.of_entity(&context, e, entity),
                    tally: EntityTally::new(&context),
                    problems,
                }
            })
            .collect();
        for findings in found {
            entities.push(findings.view);
            for judged in findings.judged {
                disputes.add(judged);
            }
            escalations.extend(findings.escalation.map(|e| *e));
            raised.extend(findings.alerts);
            tally.add(findings.tally, a.config.seats.len());
            diagnostics.extend(findings.problems);
        }
    }
    let mut disputes = disputes.ordered();
    apply_decisions(&mut disputes.conflicts, a.decisions);
    escalations::sort(&mut escalations);
    let alerts = alerts::sort(raised);
    let seats = seats(ingested, a.config, a.today);
    let files = files(ingested, a.config);
    // The gaps count the conflicts and escalations, so they come after;
    // the score and the lint run beside them.
    let (gaps, (score, config_findings)) = rayon::join(
        || {
            gaps::find(
                a.config,
                &owners,
                &tally,
                &gaps::Found {
                    seats: &seats,
                    files: &files,
                    conflicts: &disputes.conflicts,
                    escalations: &escalations,
                },
            )
        },
        || {
            (
                score::score(&owners, &tally, &seats, &escalations),
                lint::lint(a.config, ingested, &owners),
            )
        },
    );
    let fact_count = tally.facts;
    let skipped: Vec<String> = ingested
        .skipped
        .iter()
        .filter(|s| s.reason == SkipReason::UnknownFormat)
        .map(|s| s.path.clone())
        .collect();
    diagnostics.sort();
    diagnostics.dedup();
    Briefing {
        schema: SCHEMA,
        org: a.config.org.clone(),
        today: a.today,
        score,
        seats,
        entities,
        conflicts: disputes.conflicts,
        escalations,
        alerts,
        gaps,
        shadow_disagreements: disputes.shadow,
        near_misses: a.store.near_miss_views(),
        diagnostics,
        config_findings,
        files,
        stats: Stats {
            files_read: ingested.files.len(),
            files_skipped: skipped.len(),
            skipped,
            mentions: ingested.mentions.len(),
            entities: reconciled.entities.len(),
            facts: fact_count,
        },
        history: None,
    }
}

pub fn status_table(config: &Config) -> StatusTable {
    let groups: Vec<(String, Vec<String>)> = config
        .statuses
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    StatusTable::with_groups(&groups)
}

/// Marks conflicts a person settled; a settled conflict whose values have
/// changed since is open again.
fn apply_decisions(conflicts: &mut [Conflict], decisions: &Decisions) {
    for conflict in conflicts {
        let Some(d) = decisions.find(&conflict.entity, &conflict.field) else {
            continue;
        };
        let now: BTreeSet<&str> = conflict
            .values
            .iter()
            .filter(|v| !v.shadow)
            .map(|v| &*v.value)
            .collect();
        let then: BTreeSet<&str> = d.values.iter().map(String::as_str).collect();
        conflict.decision = Some(Box::new(DecisionView {
            keep: d.keep.clone(),
            value: d.value.clone(),
            by: d.by.clone(),
            at: d.at.clone(),
            note: d.note.clone(),
            changed: now != then,
        }));
    }
}

/// A warning for each file that gives itself an as-of time after `today`
/// (a clock ahead, a mistyped date). A modification time after `today` is
/// no warning: a briefing run for a day already past (`--today`) sees every
/// file written since as modified after it. Either counts as of today.
fn from_the_future(ingested: &Ingested, today: NaiveDate) -> Vec<Diagnostic> {
    ingested
        .files
        .iter()
        .filter_map(|f| {
            let as_of = f.as_of.filter(|t| t.date() > today)?;
            let from = match f.as_of_source {
                AsOfSource::Field => "its as-of field",
                AsOfSource::Records => "its newest record",
                AsOfSource::Modified => return None,
            };
            Some(Diagnostic::new(
                &f.path,
                None,
                crate::diag::Severity::Warning,
                format!(
                    "as of {} by {from}, after today ({today}): counted as of today",
                    format_time(as_of)
                ),
            ))
        })
        .collect()
}

/// A value or file as of a time after the briefing's day counts as of the
/// start of that day: never fresher than today, and dates it leaves
/// without a year are read against today rather than a clock ahead.
pub(crate) fn counted_as_of(t: NaiveDateTime, today: NaiveDate) -> NaiveDateTime {
    if t.date() > today {
        today.and_time(chrono::NaiveTime::MIN)
    } else {
        t
    }
}

fn seats(ingested: &Ingested, config: &Config, today: NaiveDate) -> Vec<SeatSummary> {
    let start_of_today = today.and_time(chrono::NaiveTime::MIN);
    // Per seat: how many files, and the newest as-of among them.
    let mut per_seat: Vec<(usize, Option<NaiveDateTime>)> = vec![(0, None); config.seats.len()];
    for f in &ingested.files {
        if let Some(s) = f.seat {
            let (files, newest) = &mut per_seat[s.index()];
            *files += 1;
            let as_of = f.as_of.map(|t| counted_as_of(t, today));
            *newest = (*newest).max(as_of);
        }
    }
    config
        .seats
        .iter()
        .zip(per_seat)
        .map(|(seat, (files, newest))| {
            let stale = match (seat.cadence, newest) {
                (_, None) => true,
                (Some(cadence), Some(t)) => t + cadence < start_of_today,
                (None, Some(_)) => false,
            };
            SeatSummary {
                name: seat.name.clone(),
                owner: seat.owner.clone(),
                purpose: seat.purpose.clone(),
                files,
                as_of: newest.map(format_time),
                stale,
                shadow: seat.shadow,
                cadence: seat.cadence_text.clone(),
                owns: seat.owns.iter().map(|o| o.pattern.to_string()).collect(),
                on_failure: seat.on_failure.clone(),
                escalate_to: seat.escalate_to.clone(),
            }
        })
        .collect()
}

fn files(ingested: &Ingested, config: &Config) -> Vec<FileSummary> {
    ingested
        .files
        .iter()
        .map(|f| FileSummary {
            path: f.path.clone(),
            format: f.format.name(),
            seat: f.seat.map(|s| config.seats[s.index()].name.clone()),
            as_of: f.as_of.map(format_time),
            as_of_source: match (f.as_of, f.as_of_source) {
                (None, _) => "none",
                (_, AsOfSource::Field) => "field",
                (_, AsOfSource::Records) => "records",
                (_, AsOfSource::Modified) => "modified",
            },
            mentions: f.mentions,
            readable: f.readable,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::format_time;
    use chrono::{NaiveDate, NaiveTime};

    #[test]
    fn times_print_as_chrono_formats_them() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            day(2026, 11, 24).and_time(NaiveTime::MIN),
            day(2026, 1, 5).and_hms_opt(9, 3, 7).unwrap(),
            day(999, 12, 31).and_hms_opt(23, 59, 59).unwrap(),
            day(2026, 6, 30)
                .and_hms_nano_opt(23, 59, 59, 1_500_000_000)
                .unwrap(),
            day(12345, 1, 1).and_hms_opt(1, 0, 0).unwrap(),
            day(-44, 3, 15).and_time(NaiveTime::MIN),
        ];
        for t in cases {
            let want = if t.time() == NaiveTime::MIN {
                t.format("%Y-%m-%d").to_string()
            } else {
                t.format("%Y-%m-%dT%H:%M:%S").to_string()
            };
            assert_eq!(format_time(t), want, "{t:?}");
        }
    }
}
