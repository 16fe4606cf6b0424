//! From reconciled entities to the `Briefing`: facts, ownership, conflicts
//! and seat summaries. Pure functions over the model: no I/O, no terminal.

mod conflicts;
pub mod facts;
pub mod ownership;

use crate::briefing::{Briefing, EntityView, FileSummary, MentionView, SCHEMA, SeatSummary, Stats};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::model::{AsOfSource, Ingested, SkipReason};
use crate::reconcile::Reconciled;
use crate::vocab::Vocab;
use chrono::{NaiveDate, NaiveDateTime};
use facts::Inputs;

pub fn format_time(t: NaiveDateTime) -> String {
    if t.time() == chrono::NaiveTime::MIN {
        t.format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

pub fn analyse(
    ingested: &Ingested,
    reconciled: &Reconciled,
    config: &Config,
    vocab: &Vocab,
    today: NaiveDate,
) -> Briefing {
    let inputs = Inputs {
        ingested,
        reconciled,
        config,
        vocab,
        today,
    };
    let mut diagnostics: Vec<Diagnostic> = ingested.diagnostics.clone();
    let facts = facts::collect(&inputs, &mut diagnostics);
    let disputes = conflicts::find(&facts, &inputs);
    diagnostics.sort();
    diagnostics.dedup();
    Briefing {
        schema: SCHEMA,
        org: config.org.clone(),
        today,
        seats: seats(ingested, config, today),
        entities: entities(ingested, reconciled, config),
        conflicts: disputes.conflicts,
        shadow_disagreements: disputes.shadow,
        diagnostics,
        files: files(ingested, config),
        stats: Stats {
            files_read: ingested.files.len(),
            files_skipped: ingested
                .skipped
                .iter()
                .filter(|s| s.reason == SkipReason::UnknownFormat)
                .count(),
            mentions: ingested
                .mentions
                .iter()
                .filter(|m| m.referenced_by.is_none())
                .count(),
            entities: reconciled.entities.len(),
            facts: facts.len(),
        },
    }
}

fn seats(ingested: &Ingested, config: &Config, today: NaiveDate) -> Vec<SeatSummary> {
    let start_of_today = today.and_time(chrono::NaiveTime::MIN);
    config
        .seats
        .iter()
        .enumerate()
        .map(|(i, seat)| {
            let files: Vec<_> = ingested
                .files
                .iter()
                .filter(|f| f.seat == Some(i as u16))
                .collect();
            let newest = files.iter().filter_map(|f| f.as_of).max();
            let stale = match (seat.cadence, newest) {
                (_, None) => true,
                (Some(cadence), Some(t)) => t + cadence < start_of_today,
                (None, Some(_)) => false,
            };
            SeatSummary {
                name: seat.name.clone(),
                owner: seat.owner.clone(),
                purpose: seat.purpose.clone(),
                files: files.len(),
                as_of: newest.map(format_time),
                stale,
                shadow: seat.shadow,
                cadence: seat.cadence_text.clone(),
                owns: seat.owns.iter().map(ToString::to_string).collect(),
                on_failure: seat.on_failure.clone(),
                escalate_to: seat.escalate_to.clone(),
            }
        })
        .collect()
}

fn entities(ingested: &Ingested, reconciled: &Reconciled, config: &Config) -> Vec<EntityView> {
    reconciled
        .entities
        .iter()
        .map(|e| EntityView {
            id: e.id.clone(),
            kind: e.kind.to_string(),
            name: e.name.clone(),
            parent: e.parent.map(|p| reconciled.entities[p as usize].id.clone()),
            mentions: e
                .mentions
                .iter()
                .map(|&m| {
                    let mention = &ingested.mentions[m as usize];
                    let file = &ingested.files[mention.file as usize];
                    MentionView {
                        seat: file.seat.map(|s| config.seats[s as usize].name.clone()),
                        file: file.path.clone(),
                        line: mention.pos.line,
                        name: mention.name.as_ref().map(|n| n.text.to_string()),
                        matched_by: reconciled.matched_by[m as usize].to_string(),
                        via: mention.referenced_by.as_ref().map(|(_, f)| f.to_string()),
                    }
                })
                .collect(),
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
            seat: f.seat.map(|s| config.seats[s as usize].name.clone()),
            as_of: f.as_of.map(format_time),
            as_of_source: match f.as_of_source {
                AsOfSource::Field => "field",
                AsOfSource::Records => "records",
                AsOfSource::Modified => "modified",
            },
            mentions: f.mentions,
            readable: f.readable,
        })
        .collect()
}
