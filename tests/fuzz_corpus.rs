//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`, and the
//! crashes they found, `fuzz/regressions/<target>/`) through the same
//! checks the fuzz targets run, so a case found on nightly stays checked
//! on stable.

use briefing::fuzzing::Target;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[test]
fn every_kept_input_passes_its_targets_checks() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    // Every target has a corpus: a missing directory would pass silently.
    for target in Target::ALL {
        assert!(
            fuzz.join("corpus").join(target.name()).is_dir(),
            "fuzz/corpus/{} is missing",
            target.name()
        );
    }
    let inputs = inputs(&fuzz);
    assert!(!inputs.is_empty());
    // Several thousand inputs, some of them whole pipeline runs: checked
    // on every core.
    let next = AtomicUsize::new(0);
    let failed = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some((target, file)) = inputs.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let data = std::fs::read(file).unwrap();
                    if std::panic::catch_unwind(|| target.check(&data)).is_err() {
                        failed.lock().unwrap().push(file.display().to_string());
                    }
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    assert!(
        failed.is_empty(),
        "these inputs fail their checks:\n{}",
        failed.join("\n")
    );
}

/// Each kept input with the target whose checks it is replayed through.
fn inputs(fuzz: &Path) -> Vec<(Target, PathBuf)> {
    let mut inputs = Vec::new();
    for kind in ["corpus", "regressions"] {
        let Ok(dirs) = std::fs::read_dir(fuzz.join(kind)) else {
            continue;
        };
        for dir in dirs {
            let dir = dir.unwrap().path();
            let name = dir.file_name().unwrap().to_str().unwrap().to_string();
            let target = Target::from_name(&name)
                .unwrap_or_else(|| panic!("fuzz/{kind}/{name} names no fuzz target"));
            for file in std::fs::read_dir(&dir).unwrap() {
                inputs.push((target, file.unwrap().path()));
            }
        }
    }
    inputs.sort_by(|a, b| a.1.cmp(&b.1));
    inputs
}
