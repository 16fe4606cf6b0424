//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`, and the
//! crashes they found, `fuzz/regressions/<target>/`) through the same
//! checks the fuzz targets run, so a case found on nightly stays checked
//! on stable.

use briefing::fuzzing::Target;
use std::path::Path;

#[test]
fn every_kept_input_passes_its_targets_checks() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut replayed = 0;
    for kind in ["corpus", "regressions"] {
        let Ok(dirs) = std::fs::read_dir(fuzz.join(kind)) else {
            continue;
        };
        for dir in dirs {
            let dir = dir.unwrap().path();
            let name = dir.file_name().unwrap().to_str().unwrap().to_string();
            let target = Target::from_name(&name)
                .unwrap_or_else(|| panic!("fuzz/{kind}/{name} names no fuzz target"));
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|f| f.unwrap().path())
                .collect();
            files.sort();
            for file in files {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| target.check(&data));
                assert!(outcome.is_ok(), "{} fails its checks", file.display());
                replayed += 1;
            }
        }
    }
    // Every target has a corpus: a missing directory would pass silently.
    for target in Target::ALL {
        assert!(
            fuzz.join("corpus").join(target.name()).is_dir(),
            "fuzz/corpus/{} is missing",
            target.name()
        );
    }
    assert!(replayed > 0);
}
