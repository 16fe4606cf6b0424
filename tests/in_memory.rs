//! `briefing::run_files` reads state files held in memory as `briefing::run`
//! reads the same files from disk: the sample's briefing is the same,
//! byte for byte, either way.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// Copies the sample's configuration and state into `dir`, every file
/// last modified at `at`, and returns the state files as `run_files`
/// takes them.
fn copy_sample(dir: &Path, at: SystemTime) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("briefing.toml"), dir.join("briefing.toml")).unwrap();
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("sample-state")) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap();
        let to = dir.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        std::fs::write(&to, &bytes).unwrap();
        let file = std::fs::File::options().write(true).open(&to).unwrap();
        file.set_modified(at).unwrap();
        let in_state = rel.strip_prefix("sample-state").unwrap();
        let parts: Vec<_> = in_state.iter().map(|p| p.to_str().unwrap()).collect();
        files.push((parts.join("/"), bytes));
    }
    files
}

fn json(briefing: &briefing::briefing::Briefing) -> String {
    let mut out = Vec::new();
    briefing::report::json::write(&mut out, briefing).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn files_held_in_memory_brief_as_the_same_files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_500_000);
    let mut files = copy_sample(dir.path(), at);
    // Given in an order of their own: the walk's order is restored.
    files.reverse();
    let config = briefing::config::Config::load(&dir.path().join("briefing.toml")).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();

    let on_disk = briefing::run(&config, today).unwrap();
    let in_memory = briefing::run_files(&config, today, &files, at).unwrap();

    // The sample holds a hidden draft and a file no reader takes: both
    // are left out in memory as on disk.
    assert!(files.iter().any(|(p, _)| p.ends_with(".draft.json")));
    assert_eq!(on_disk.files.len(), in_memory.files.len());
    assert_eq!(json(&on_disk), json(&in_memory));
}
