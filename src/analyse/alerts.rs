//! `[[alert]]` ratios: numerator over denominator as a percentage of each
//! entity's authoritative values, reported when over the threshold. There are
//! no dollar thresholds: a ratio reads the same for every budget size.

use super::model::Model;
use crate::briefing::{AlertView, RatioValue};
use crate::reconcile::EntityId;
use crate::vocab::Vocab;

pub fn find(model: &Model<'_>, vocab: &Vocab) -> Vec<AlertView> {
    let config = model.inputs.config;
    let entities = &model.inputs.reconciled.entities;
    let mut alerts = Vec::new();
    for alert in &config.alerts {
        let kind = vocab.kind_of_key(&alert.kind).unwrap_or(&alert.kind);
        let [numerator, denominator] = [vocab.field(&alert.ratio[0]), vocab.field(&alert.ratio[1])];
        for (i, entity) in entities.iter().enumerate().filter(|(_, e)| e.kind == kind) {
            let Some((num, num_value)) = ratio_value(model, i as EntityId, &numerator) else {
                continue;
            };
            let Some((den, den_value)) = ratio_value(model, i as EntityId, &denominator) else {
                continue;
            };
            if den_value <= 0.0 {
                continue;
            }
            let pct = (num_value / den_value * 1000.0).round() / 10.0;
            if pct <= alert.over_pct {
                continue;
            }
            let owner = model
                .fact(i as EntityId, &numerator)
                .and_then(|f| model.owner(f).seat())
                .map(|s| &config.seats[s as usize]);
            alerts.push(AlertView {
                name: alert.name.clone(),
                entity: entity.id.clone(),
                entity_name: entity.name.clone(),
                pct,
                over_pct: alert.over_pct,
                numerator: num,
                denominator: den,
                owner: owner.map(|s| s.name.clone()),
                owner_person: owner.and_then(|s| s.owner.clone()),
            });
        }
    }
    alerts.sort_by(|a, b| {
        b.pct
            .total_cmp(&a.pct)
            .then_with(|| a.entity.cmp(&b.entity))
    });
    alerts
}

fn ratio_value(model: &Model<'_>, entity: EntityId, field: &str) -> Option<(RatioValue, f64)> {
    let fact = model.fact(entity, field)?;
    let o = model.current(fact)?;
    let amount = o.amount()?;
    let mention = &model.inputs.ingested.mentions[o.mention as usize];
    let value = RatioValue {
        field: field.to_string(),
        value: o.key.to_string(),
        seat: model.seat_name(o.seat),
        file: model.inputs.ingested.files[mention.file as usize]
            .path
            .clone(),
        line: mention.fields[o.field_index as usize].pos.line,
    };
    Some((value, amount))
}
