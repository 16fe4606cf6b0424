//! `match-quality`: how well `briefing` reconciles an organisation that
//! `gen-org` wrote, checked against the ground truth it wrote beside it
//! (`truth.tsv`: the entity each record is about).
//!
//! ```text
//! cargo run --release --example gen-org -- --mentions 200000 /tmp/org
//! cargo run --release --example match-quality -- /tmp/org
//! ```
//!
//! Reports, over the records (references are checked through the
//! entities their records sit under):
//!
//! - pairwise precision and recall: of the pairs of records the briefing
//!   put in one entity, the share that are about one entity, and of the
//!   pairs about one entity, the share it put together;
//! - false merges: entities the briefing made from records of two or more
//!   real ones (each real entity taken in beyond the first counts);
//! - missed merges: real entities whose records the briefing left in two or
//!   more entities (each entity beyond the first counts);
//! - conflicts that exist only because of a false merge: a disputed fact
//!   of a mixed entity where the values of each real entity agree.
//!
//! `tests/matching.rs` runs the same measure on a small organisation.

use briefing::config::Config;
use briefing::model::MentionId;
use briefing::reconcile::EntityId;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// What the briefing made of an organisation, against its ground truth.
#[derive(Debug, Default, Clone)]
pub struct Quality {
    pub records: usize,
    /// Real entities with at least one record.
    pub true_entities: usize,
    pub found_entities: usize,
    pub true_pairs: u64,
    pub found_pairs: u64,
    pub right_pairs: u64,
    /// Real entities taken into an entity with another's records, beyond
    /// the first in each.
    pub false_merges: usize,
    /// Real entities' records left in more than one entity, beyond the
    /// first for each.
    pub missed_merges: usize,
    /// Conflicts on mixed entities where each real entity's values agree.
    pub false_conflicts: usize,
    /// The names of some falsely merged entities, for the report.
    pub false_examples: Vec<String>,
    /// The names of some real entities left apart, for the report.
    pub missed_examples: Vec<String>,
}

impl Quality {
    pub fn precision(&self) -> f64 {
        ratio(self.right_pairs, self.found_pairs)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.right_pairs, self.true_pairs)
    }

    /// False merges as a share of the real entities.
    pub fn false_share(&self) -> f64 {
        ratio(self.false_merges as u64, self.true_entities as u64)
    }

    pub fn missed_share(&self) -> f64 {
        ratio(self.missed_merges as u64, self.true_entities as u64)
    }

    pub fn report(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "records {}, entities {} real, {} found",
            self.records, self.true_entities, self.found_entities
        );
        let _ = writeln!(
            text,
            "pairwise precision {:.6} ({} of {} pairs found), recall {:.6} ({} of {} real pairs)",
            self.precision(),
            self.right_pairs,
            self.found_pairs,
            self.recall(),
            self.right_pairs,
            self.true_pairs
        );
        let _ = writeln!(
            text,
            "false merges {} ({:.4}% of entities), missed merges {} ({:.4}%), conflicts only from a false merge {}",
            self.false_merges,
            100.0 * self.false_share(),
            self.missed_merges,
            100.0 * self.missed_share(),
            self.false_conflicts
        );
        for example in &self.false_examples {
            let _ = writeln!(text, "  merged: {example}");
        }
        for example in &self.missed_examples {
            let _ = writeln!(text, "  apart:  {example}");
        }
        text
    }
}

fn ratio(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

/// Examples of each kind of error kept for the report.
const EXAMPLES: usize = 12;

/// Reads `dir/briefing.toml` and `dir/truth.tsv`, runs the briefing for
/// `today` and measures it against the truth.
pub fn measure(dir: &Path, today: NaiveDate) -> Result<Quality, String> {
    let truth = Truth::read(&dir.join("truth.tsv"))?;
    let config = Config::load(&dir.join("briefing.toml")).map_err(|e| e.to_string())?;
    let vocab = briefing::vocab::Vocab::new(&config);
    let mut ingested = briefing::ingest::ingest(&config, &vocab)?;
    let reconciled = briefing::reconcile::reconcile(&mut ingested, &config, &vocab);
    let seats = config.seats.iter().map(|s| s.name.clone()).collect();
    let store = Arc::new(briefing::store::Store::new(ingested, reconciled, seats));
    let decisions = briefing::decisions::Decisions::default();
    let briefing = briefing::analyse::analyse(&briefing::analyse::Analysis {
        store: &store,
        config: &config,
        vocab: &vocab,
        decisions: &decisions,
        today,
        earlier: &briefing::analyse::Earlier::default(),
    });
    let (ingested, reconciled) = (&store.ingested, &store.reconciled);

    // Each record's real entity: a file's records in the order they begin.
    let mut by_file: Vec<Vec<MentionId>> = vec![Vec::new(); ingested.files.len()];
    for m in 0..ingested.mentions.len() {
        let m = MentionId::new(m);
        by_file[ingested.mention(m).file().index()].push(m);
    }
    let mut real: HashMap<MentionId, u32> = HashMap::new();
    let mut at: HashMap<(&str, u32), u32> = HashMap::new();
    for (f, mentions) in by_file.iter_mut().enumerate() {
        let path = ingested.files[f].path.as_str();
        let Some(entities) = truth.files.get(path) else {
            continue;
        };
        mentions.sort_by_key(|&m| {
            let mention = ingested.mention(m);
            (mention.pos().line, mention.pos().column, mention.seq())
        });
        if mentions.len() != entities.len() {
            return Err(format!(
                "{path}: {} records read, {} in the truth",
                mentions.len(),
                entities.len()
            ));
        }
        for (&m, &e) in mentions.iter().zip(entities) {
            let kind = &ingested.interner[ingested.mention(m).kind()];
            if kind != truth.kinds[e as usize] {
                return Err(format!(
                    "{path}:{}: a {kind} record where the truth has a {}",
                    ingested.mention(m).pos().line,
                    truth.kinds[e as usize]
                ));
            }
            real.insert(m, e);
            at.insert((path, ingested.mention(m).pos().line), e);
        }
    }

    // The contingency table of found against real entities.
    let mut cells: HashMap<(EntityId, u32), u64> = HashMap::new();
    for (&m, &e) in &real {
        *cells
            .entry((reconciled.entity_of[m.index()], e))
            .or_default() += 1;
    }
    let mut found_size: HashMap<EntityId, u64> = HashMap::new();
    let mut real_size: HashMap<u32, u64> = HashMap::new();
    let mut reals_of: BTreeMap<EntityId, Vec<u32>> = BTreeMap::new();
    let mut founds_of: BTreeMap<u32, Vec<EntityId>> = BTreeMap::new();
    for (&(found, e), &n) in &cells {
        *found_size.entry(found).or_default() += n;
        *real_size.entry(e).or_default() += n;
        reals_of.entry(found).or_default().push(e);
        founds_of.entry(e).or_default().push(found);
    }
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut quality = Quality {
        records: real.len(),
        true_entities: real_size.len(),
        found_entities: found_size.len(),
        true_pairs: real_size.values().map(|&n| pairs(n)).sum(),
        found_pairs: found_size.values().map(|&n| pairs(n)).sum(),
        right_pairs: cells.values().map(|&n| pairs(n)).sum(),
        ..Quality::default()
    };
    let mut mixed: HashSet<&str> = HashSet::new();
    for (found, reals) in &reals_of {
        if reals.len() > 1 {
            quality.false_merges += reals.len() - 1;
            let entity = &reconciled.entities[found.index()];
            mixed.insert(&entity.id);
            if quality.false_examples.len() < EXAMPLES {
                let mut names: Vec<&str> = reals.iter().map(|&e| truth.name(e)).collect();
                names.sort_unstable();
                quality
                    .false_examples
                    .push(format!("{}: {}", entity.id, names.join(" + ")));
            }
        }
    }
    for (e, founds) in &founds_of {
        if founds.len() > 1 {
            quality.missed_merges += founds.len() - 1;
            if quality.missed_examples.len() < EXAMPLES {
                let mut ids: Vec<&str> = founds
                    .iter()
                    .map(|f| &*reconciled.entities[f.index()].id)
                    .collect();
                ids.sort_unstable();
                quality
                    .missed_examples
                    .push(format!("{} as {}", truth.name(*e), ids.join(", ")));
            }
        }
    }
    for conflict in briefing
        .conflicts
        .iter()
        .filter(|c| mixed.contains(c.entity.as_str()))
    {
        let mut values: HashMap<u32, HashSet<&str>> = HashMap::new();
        for v in conflict.values.iter().filter(|v| !v.shadow) {
            if let Some(&e) = at.get(&(&*v.file, v.line)) {
                values.entry(e).or_default().insert(&v.value);
            }
        }
        if values.values().all(|distinct| distinct.len() <= 1) {
            quality.false_conflicts += 1;
        }
    }
    Ok(quality)
}

/// `truth.tsv` as read back.
struct Truth {
    kinds: Vec<String>,
    names: Vec<String>,
    files: HashMap<String, Vec<u32>>,
}

impl Truth {
    fn read(path: &Path) -> Result<Truth, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut truth = Truth {
            kinds: Vec::new(),
            names: Vec::new(),
            files: HashMap::new(),
        };
        for (n, line) in text.lines().enumerate() {
            let bad = || {
                format!(
                    "{}:{}: not a line of gen-org's truth",
                    path.display(),
                    n + 1
                )
            };
            let mut parts = line.split('\t');
            match parts.next() {
                Some("entity") => {
                    let (_, kind, name) = (parts.next(), parts.next(), parts.next());
                    truth.kinds.push(kind.ok_or_else(bad)?.to_string());
                    truth.names.push(name.ok_or_else(bad)?.to_string());
                }
                Some("file") => {
                    let path = parts.next().ok_or_else(bad)?.to_string();
                    let records = parts
                        .next()
                        .unwrap_or("")
                        .split(' ')
                        .filter(|e| !e.is_empty())
                        .map(|e| e.parse::<u32>().map_err(|_| bad()))
                        .collect::<Result<Vec<u32>, String>>()?;
                    truth.files.insert(path, records);
                }
                _ if line.starts_with('#') || line.is_empty() => {}
                _ => return Err(bad()),
            }
        }
        Ok(truth)
    }

    fn name(&self, e: u32) -> &str {
        &self.names[e as usize]
    }
}

#[allow(dead_code)]
fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: match-quality DIR   (a directory gen-org wrote)");
        return std::process::ExitCode::from(2);
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date");
    match measure(Path::new(&dir), today) {
        Ok(quality) => {
            print!("{}", quality.report());
            std::process::ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("match-quality: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
