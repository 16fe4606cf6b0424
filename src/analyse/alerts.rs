//! `[[alert]]` ratios: numerator over denominator as a percentage of each
//! entity's authoritative values, reported when over the threshold. There are
//! no dollar thresholds: a ratio reads the same for every budget size.

use super::context::Context;
use crate::briefing::{AlertView, RatioValue};
use crate::config::{Alert, Config};
use crate::reconcile::{Entity, EntityId};
use crate::vocab::Vocab;

/// The configured alerts with their kind and fields resolved once.
pub struct Alerts<'a> {
    /// Per `[[alert]]`, in order: its kind, numerator and denominator.
    resolved: Vec<(&'a Alert, &'a str, String, String)>,
}

impl<'a> Alerts<'a> {
    pub fn new(config: &'a Config, vocab: &'a Vocab) -> Self {
        let resolved = config
            .alerts
            .iter()
            .map(|alert| {
                let kind = vocab.kind_of_key(&alert.kind).unwrap_or(&alert.kind);
                let numerator = vocab.field(&alert.ratio[0]);
                let denominator = vocab.field(&alert.ratio[1]);
                (alert, kind, numerator, denominator)
            })
            .collect();
        Alerts { resolved }
    }

    /// The alerts entity `id` raises, each with the number of its
    /// `[[alert]]`; `context` holds the entity's facts.
    pub fn of_entity(
        &self,
        context: &Context<'_>,
        id: EntityId,
        entity: &Entity,
    ) -> Vec<(usize, AlertView)> {
        let config = context.inputs.config;
        let mut raised = Vec::new();
        for (n, (alert, kind, numerator, denominator)) in self.resolved.iter().enumerate() {
            if &context.inputs.ingested.interner[entity.kind] != *kind {
                continue;
            }
            let Some((num, num_value)) = ratio_value(context, id, numerator) else {
                continue;
            };
            let Some((den, den_value)) = ratio_value(context, id, denominator) else {
                continue;
            };
            if den_value <= 0.0 {
                continue;
            }
            let pct = (num_value / den_value * 1000.0).round() / 10.0;
            if pct <= alert.over_pct {
                continue;
            }
            let owner = context
                .fact(id, numerator)
                .and_then(|f| context.owner(f).seat())
                .map(|s| &config.seats[s.index()]);
            raised.push((
                n,
                AlertView {
                    name: alert.name.clone(),
                    entity: entity.id.to_string(),
                    entity_name: context.inputs.labels.of(id, entity),
                    pct,
                    over_pct: alert.over_pct,
                    numerator: num,
                    denominator: den,
                    owner: owner.map(|s| s.name.clone()),
                    owner_person: owner.and_then(|s| s.owner.clone()),
                },
            ));
        }
        raised
    }
}

/// Alerts raised entity by entity, in the order the configured alerts are
/// listed, then the most over first.
pub fn sort(mut raised: Vec<(usize, AlertView)>) -> Vec<AlertView> {
    // Stable: within one `[[alert]]`, entities stay in order.
    raised.sort_by_key(|(n, _)| *n);
    let mut alerts: Vec<AlertView> = raised.into_iter().map(|(_, a)| a).collect();
    alerts.sort_by(|a, b| {
        b.pct
            .total_cmp(&a.pct)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    alerts
}

fn ratio_value(context: &Context<'_>, entity: EntityId, field: &str) -> Option<(RatioValue, f64)> {
    let fact = context.fact(entity, field)?;
    let o = context.current(fact)?;
    let amount = o.amount()?;
    let mention = context.inputs.ingested.own(o.mention);
    let value = RatioValue {
        field: field.to_string(),
        value: o.normal.to_string(),
        seat: context.seat_name(o.seat),
        file: context.inputs.ingested.files[mention.file.index()]
            .path
            .clone(),
        line: context.inputs.ingested.fields_of(mention)[o.field_index as usize]
            .pos
            .line,
    };
    Some((value, amount))
}
