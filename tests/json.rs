//! `--json` writes the document the `Serialize` derives describe: the same
//! members with the same values, laid out byte for byte as
//! `serde_json::to_writer_pretty` lays it out, on the sample and on a
//! generated organisation large enough that the entity and conflict lists
//! are rendered in several parallel batches.

// The example's `main`, argument parsing and summary printing are not used
// here; including the file keeps one generator for the benchmarks and this.
#[allow(dead_code)]
#[path = "../examples/gen-org.rs"]
mod gen_org;

use briefing::briefing::Briefing;
use briefing::config::Config;
use chrono::NaiveDate;
use std::path::Path;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date")
}

fn briefing(config: &Path) -> Briefing {
    let config = Config::load(config).expect("the configuration loads");
    briefing::run(&config, today()).expect("the state directory opens")
}

/// The writer's output parses back to what serde makes of the briefing,
/// and is the very bytes of serde's pretty printer.
fn assert_writer_agrees_with_serde(briefing: &Briefing) {
    let mut written = Vec::new();
    briefing::report::json::write(&mut written, briefing).expect("a Vec never fails");
    let parsed: serde_json::Value =
        serde_json::from_slice(&written).expect("the writer writes JSON");
    let derived = serde_json::to_value(briefing).expect("a briefing serializes");
    assert!(parsed == derived, "the writer's members or values differ");

    let mut pretty = serde_json::to_vec_pretty(briefing).expect("a briefing serializes");
    pretty.push(b'\n');
    if written != pretty {
        let at = written
            .iter()
            .zip(&pretty)
            .position(|(a, b)| a != b)
            .unwrap_or(written.len().min(pretty.len()));
        let context = |bytes: &[u8]| {
            String::from_utf8_lossy(&bytes[at.saturating_sub(200)..(at + 200).min(bytes.len())])
                .into_owned()
        };
        panic!(
            "the layout differs at byte {at}:\n--- written\n{}\n--- serde\n{}",
            context(&written),
            context(&pretty)
        );
    }
}

#[test]
fn the_sample_is_written_as_serde_writes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let briefing = briefing(&root.join("briefing.toml"));
    assert!(!briefing.entities.is_empty() && !briefing.conflicts.is_empty());
    assert_writer_agrees_with_serde(&briefing);
}

#[test]
fn a_generated_organisation_is_written_as_serde_writes_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let summary = gen_org::generate(
        dir.path(),
        gen_org::MIN_SEATS,
        12_000,
        gen_org::DEFAULT_SEED,
    )
    .expect("the organisation is written");
    let briefing = briefing(&dir.path().join("briefing.toml"));
    // The generator may file two records under the same key of one object
    // of objects: the earlier is reported and the later read.
    let repeated = briefing
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("is given twice in one mapping"))
        .count();
    assert_eq!(
        briefing.stats.mentions + repeated,
        summary.mentions,
        "every record is read but the earlier of a repeated key"
    );
    // Several batches of entities (about a thousand mentions each) and more
    // than one of conflicts (256 each), so the joins between pieces and
    // between batches are written too.
    assert!(
        briefing.entities.len() > 2_000,
        "{}",
        briefing.entities.len()
    );
    assert!(
        briefing.conflicts.len() > 300,
        "{}",
        briefing.conflicts.len()
    );
    assert!(!briefing.escalations.is_empty() && !briefing.near_misses.is_empty());
    assert_writer_agrees_with_serde(&briefing);
}
