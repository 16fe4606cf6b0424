//! `briefing`: reads every agent's state files, reconciles the entities they
//! talk about, and reports the facts they disagree on with the seat that owns
//! each one.

pub mod analyse;
pub mod briefing;
pub mod config;
pub mod decisions;
pub mod diag;
#[doc(hidden)]
pub mod fuzzing;
pub mod groups;
pub mod history;
mod id;
pub mod ingest;
pub mod init;
pub mod intern;
pub mod model;
pub mod normalize;
pub mod permute;
pub mod progress;
pub mod query;
pub mod reconcile;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;
pub mod vocab;
pub mod words;

use anyhow::Context as _;
use chrono::NaiveDate;

/// Reads the state directory `config` names and computes the briefing for
/// `today`. Fails only when the state directory cannot be opened; every
/// problem with a single file becomes a diagnostic instead.
pub fn run(config: &config::Config, today: NaiveDate) -> anyhow::Result<briefing::Briefing> {
    run_with(config, today, &progress::Silent)
}

/// [`run`], telling `progress` how far it has got.
pub fn run_with(
    config: &config::Config,
    today: NaiveDate,
    progress: &dyn progress::Progress,
) -> anyhow::Result<briefing::Briefing> {
    run_after(config, today, progress, &analyse::Earlier::default())
}

/// [`run_with`], knowing what `earlier` briefing days saw of escalations
/// (read from the history store), so an escalation keeps its age and
/// streak when its agent rewrites its file.
pub fn run_after(
    config: &config::Config,
    today: NaiveDate,
    progress: &dyn progress::Progress,
    earlier: &analyse::Earlier,
) -> anyhow::Result<briefing::Briefing> {
    let vocab = vocab::Vocab::new(config);
    progress.phase(progress::Phase::Reading);
    let ingested = ingest::ingest_with(config, &vocab, progress)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("reading the state named in {}", config.path.display()))?;
    brief(config, &vocab, today, progress, earlier, ingested)
}

/// [`run`] over state files held in memory rather than read from the state
/// directory (see [`ingest::ingest_files`]): each path is relative to the
/// state directory, and every file was last modified at `modified`. The
/// decisions are still read from the file beside the configuration.
pub fn run_files(
    config: &config::Config,
    today: NaiveDate,
    files: &[(String, Vec<u8>)],
    modified: std::time::SystemTime,
) -> anyhow::Result<briefing::Briefing> {
    let vocab = vocab::Vocab::new(config);
    let ingested = ingest::ingest_files(config, &vocab, files, modified);
    brief(
        config,
        &vocab,
        today,
        &progress::Silent,
        &analyse::Earlier::default(),
        ingested,
    )
}

/// The briefing of what was read: reconciled, then analysed.
fn brief(
    config: &config::Config,
    vocab: &vocab::Vocab,
    today: NaiveDate,
    progress: &dyn progress::Progress,
    earlier: &analyse::Earlier,
    mut ingested: model::Ingested,
) -> anyhow::Result<briefing::Briefing> {
    let decisions = decisions::Decisions::load(&decisions::path_beside(&config.path))?;
    progress.phase(progress::Phase::Reconciling);
    let reconciled = reconcile::reconcile(&mut ingested, config, vocab);
    let seat_names = config.seats.iter().map(|s| s.name.clone()).collect();
    let store = std::sync::Arc::new(store::Store::new(ingested, reconciled, seat_names));
    progress.phase(progress::Phase::Analysing);
    let briefing = analyse::analyse(&analyse::Analysis {
        store: &store,
        config,
        vocab,
        decisions: &decisions,
        today,
        earlier,
    });
    Ok(briefing)
}
