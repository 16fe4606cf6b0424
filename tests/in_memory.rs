//! `briefing::run_files` reads state files held in memory as `briefing::run`
//! reads the same files from disk: the briefing is the same, byte for
//! byte, either way, for the sample and for the layouts agents write.

// The generator is the example's own; its `main` is not used here.
#[allow(dead_code)]
#[path = "../examples/gen-org.rs"]
mod gen_org;

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Every file under `state`, as `run_files` takes them, each given the
/// modification time `at` on disk too.
fn hold(state: &Path, at: SystemTime) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(state) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let file = std::fs::File::options()
            .write(true)
            .open(entry.path())
            .unwrap();
        file.set_modified(at).unwrap();
        let rel = entry.path().strip_prefix(state).unwrap();
        let parts: Vec<_> = rel.iter().map(|p| p.to_str().unwrap()).collect();
        files.push((parts.join("/"), std::fs::read(entry.path()).unwrap()));
    }
    // Given in an order of their own: the walk's order is restored.
    files.reverse();
    files
}

fn json(briefing: &briefing::briefing::Briefing) -> String {
    let mut out = Vec::new();
    briefing::report::json::write(&mut out, briefing).unwrap();
    String::from_utf8(out).unwrap()
}

/// Briefs the organisation `config` names from disk and from memory, and
/// returns the files held.
fn same_either_way(config: &Path) -> Vec<(String, Vec<u8>)> {
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_500_000);
    let config = briefing::config::Config::load(config).unwrap();
    let files = hold(&config.state_dir, at);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();

    let on_disk = briefing::run(&config, today).unwrap();
    let in_memory = briefing::run_files(&config, today, &files, at).unwrap();

    assert_eq!(on_disk.files.len(), in_memory.files.len());
    assert_eq!(json(&on_disk), json(&in_memory));
    files
}

#[test]
fn the_sample_held_in_memory_briefs_as_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("briefing.toml"), dir.path().join("briefing.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("sample-state")) {
        let entry = entry.unwrap();
        let to = dir.path().join(entry.path().strip_prefix(root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let files = same_either_way(&dir.path().join("briefing.toml"));
    // The sample holds a hidden draft and a file no reader takes: both
    // are left out in memory as on disk.
    assert!(files.iter().any(|(p, _)| p.ends_with(".draft.json")));
}

#[test]
fn generated_layouts_held_in_memory_brief_as_on_disk() {
    use gen_org::{Layout, OneFile, Options};
    let layouts = [
        Options {
            layout: Layout::Mixed,
            ..Options::new(30, 3_000)
        },
        Options {
            layout: Layout::Minified,
            one_file: Some(OneFile::Json),
            ..Options::new(gen_org::MIN_SEATS, 2_000)
        },
    ];
    for options in layouts {
        let dir = tempfile::tempdir().unwrap();
        gen_org::generate_with(dir.path(), &options).unwrap();
        same_either_way(&dir.path().join("briefing.toml"));
    }
}
