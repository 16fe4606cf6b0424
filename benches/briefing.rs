//! End-to-end benchmarks: configuration loaded, state read, entities
//! reconciled, briefing analysed and rendered as JSON into a sink.
//!
//! ```text
//! cargo bench --bench briefing              # everything
//! cargo bench --bench briefing -- sample    # the repository's sample only
//! cargo bench --bench briefing -- scale/50000
//! cargo bench --bench briefing -- history
//! cargo bench --bench briefing -- reading   # 100 MB of JSON, 1M lines, 1M mixed
//! ```
//!
//! `sample` runs on the repository's `briefing.toml` and `sample-state/`.
//! `scale` runs on synthetic organisations written into a temporary
//! directory at setup by the `gen-org` example's generator, one seat per 400
//! mentions (500 seats at 200k, as the example's defaults). `history` times
//! what the history of briefing days adds to a run on the 50k organisation:
//! reading the day before (all the terminal UI's first frame waits for) and
//! recording the day.
//!
//! `reading` runs the shapes real agents write at the sizes they reach,
//! each beside its parse floor (the same files read and parsed by the same
//! readers into nothing, [`briefing::ingest::parse_only`]): one 100 MB
//! minified JSON file, one JSON Lines log of a million lines, and mixed
//! organisations of 500k and 1M mentions (`gen-org --layout mixed`). A
//! full run within three times its floor, and twice the input within 2.1
//! times the time, are the targets the README's Speed table reports.

// The example's `main`, argument parsing and summary printing are not used
// here; including the file keeps one generator for both.
#[allow(dead_code)]
#[path = "../examples/gen-org.rs"]
mod gen_org;

// The binary's allocator, so the figures are the command's.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use briefing::briefing::Briefing;
use briefing::config::Config;
use chrono::NaiveDate;
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// Records per synthetic organisation.
const SCALES: [usize; 3] = [25_000, 50_000, 100_000];
/// Mentions per seat, as in `gen-org --seats 500 --mentions 200000`.
const MENTIONS_PER_SEAT: usize = 400;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date")
}

/// One full briefing, as `briefing --json` computes it, minus the terminal.
fn run(config: &Config) -> Briefing {
    let briefing = briefing::run(config, today()).expect("the state directory opens");
    briefing::report::json::write(&mut std::io::sink(), &briefing).expect("a sink never fails");
    briefing
}

fn sample(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefing.toml");
    let config = Config::load(&path).expect("the sample configuration loads");
    let mut group = c.benchmark_group("sample");
    group.bench_function("end_to_end", |b| b.iter(|| run(black_box(&config))));
    group.finish();
}

/// Writes one organisation and checks the briefing understands it, so a
/// regression that reads nothing cannot pass for a speed-up.
fn setup(root: &Path, mentions: usize) -> (Config, gen_org::Summary) {
    let seats = (mentions / MENTIONS_PER_SEAT).max(gen_org::MIN_SEATS);
    let (config, summary) = setup_with(
        root,
        &format!("scale/{mentions}"),
        &gen_org::Options::new(seats, mentions),
    );
    assert!(
        !run(&config).conflicts.is_empty(),
        "planted conflicts are found"
    );
    (config, summary)
}

/// Writes what `options` describe under `root` and checks that the
/// briefing reads every record the generator wrote.
fn setup_with(root: &Path, label: &str, options: &gen_org::Options) -> (Config, gen_org::Summary) {
    let dir = root.join(label.replace('/', "-"));
    let summary = gen_org::generate_with(&dir, options).expect("the organisation is written");
    let config =
        Config::load(&dir.join("briefing.toml")).expect("the generated configuration loads");
    let briefing = run(&config);
    eprintln!(
        "{label}: {} seats, {} files, {} bytes; briefing read {} mentions into {} entities \
         (generated {}), {} conflicts (planted {})",
        options.seats,
        summary.files,
        summary.bytes,
        briefing.stats.mentions,
        briefing.stats.entities,
        summary.entities,
        briefing.conflicts.len(),
        summary.planted_conflicts(),
    );
    assert_eq!(
        briefing.stats.mentions, summary.mentions,
        "every generated record is read"
    );
    (config, summary)
}

fn scale(c: &mut Criterion) {
    let root = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("scale");
    // A run takes seconds: few flat samples keep the whole group to minutes.
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for mentions in SCALES {
        let (config, summary) = setup(root.path(), mentions);
        // Ten flat samples of one run each at the ~10k mentions/s a 2-core
        // machine manages; criterion warns, and takes longer, when slower.
        group.measurement_time(Duration::from_secs((mentions / 1_000) as u64));
        group.throughput(Throughput::Elements(summary.mentions as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(mentions),
            &config,
            |b, config| b.iter(|| run(config)),
        );
    }
    group.finish();
}

/// What the history adds around a briefing of the 50k organisation, with
/// one earlier day recorded: `open` reads that day and lists the recorded
/// days, as the terminal UI does before its first frame; `record` is a
/// whole run's part (open, compare, write today's snapshot in place of the
/// last iteration's).
fn history(c: &mut Criterion) {
    use briefing::history::{Place, Session};
    let root = tempfile::tempdir().expect("a temporary directory");
    let (config, _) = setup(root.path(), 50_000);
    let place = Place {
        path: root.path().join("history.sqlite3"),
        keep_days: 400,
    };
    let yesterday = today().pred_opt().expect("a valid date");
    let mut before = briefing::run(&config, yesterday).expect("the state directory opens");
    Session::open(&place, yesterday).record(&mut before);
    let briefing = run(&config);

    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.bench_function("open", |b| {
        b.iter(|| {
            let mut session = Session::open(&place, today());
            assert!(session.warnings.is_empty(), "{:?}", session.warnings);
            black_box(session.days(yesterday, today()))
        })
    });
    group.bench_function("record", |b| {
        b.iter_batched(
            || briefing.clone(),
            |mut briefing| {
                let mut session = Session::open(&place, today());
                session.record(&mut briefing);
                assert!(session.warnings.is_empty(), "{:?}", session.warnings);
                briefing
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

/// The inputs of `reading`: a name, and what gen-org writes for it.
fn reading_inputs() -> Vec<(&'static str, gen_org::Options)> {
    use gen_org::{Layout, OneFile, Options};
    let one_file = |mentions, one_file| Options {
        layout: Layout::Minified,
        one_file: Some(one_file),
        ..Options::new(gen_org::MIN_SEATS, mentions)
    };
    let mixed = |mentions: usize| Options {
        layout: Layout::Mixed,
        ..Options::new(mentions / MENTIONS_PER_SEAT, mentions)
    };
    vec![
        // One record per entity, about 150 bytes each: 100 MB in one
        // minified file. A log line per entity, and older lines of some.
        ("json-100mb", one_file(670_000, OneFile::Json)),
        ("jsonl-1m-lines", one_file(908_000, OneFile::Jsonl)),
        ("mixed-500k", mixed(500_000)),
        ("mixed-1m", mixed(1_000_000)),
    ]
}

fn reading(c: &mut Criterion) {
    let root = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("reading");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for (label, options) in reading_inputs() {
        let (config, summary) = setup_with(root.path(), label, &options);
        group.throughput(Throughput::Bytes(summary.bytes));
        // A full run takes seconds at these sizes, its floor about a
        // fifth of that.
        group.measurement_time(Duration::from_secs((summary.mentions / 25_000) as u64));
        group.bench_with_input(
            BenchmarkId::new("parse_floor", label),
            &config,
            |b, config| {
                b.iter(|| briefing::ingest::parse_only(config).expect("the state directory opens"))
            },
        );
        group.bench_with_input(BenchmarkId::new("full", label), &config, |b, config| {
            b.iter(|| run(config))
        });
    }
    group.finish();
}

criterion_group!(benches, sample, scale, history, reading);
criterion_main!(benches);
