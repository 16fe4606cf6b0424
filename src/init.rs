//! `briefing init [STATE_DIR]`: drafts a commented `briefing.toml` from what
//! the state directory holds: one seat per top-level folder, the facts each
//! writes, and `owns` left for a person to decide. It never overwrites.

use crate::config::Config;
use crate::ingest;
use crate::vocab::Vocab;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The draft for `state_dir`, written as seen from `config_dir`.
pub fn draft(state_dir: &Path, config_dir: &Path) -> anyhow::Result<String> {
    let rel_state = pathdiff(state_dir, config_dir);
    let probe = Config::parse(
        &format!("[briefing]\nstate_dir = {}\n", toml_string(&rel_state)),
        &config_dir.join("briefing.toml"),
    )?;
    let vocab = Vocab::new(&probe);
    let ingested = ingest::ingest(&probe, &vocab).map_err(anyhow::Error::msg)?;

    let mut folders: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for (i, file) in ingested.files.iter().enumerate() {
        let folder = file
            .path
            .split_once('/')
            .map_or(".", |(top, _)| top)
            .to_string();
        let entry = folders.entry(folder).or_default();
        entry.0 += 1;
        for m in ingested.mentions.iter().filter(|m| m.file.index() == i) {
            for f in ingested.fields_of(m) {
                let interner = &ingested.interner;
                let (kind, field) = (&interner[m.kind], &interner[ingested.field(f)]);
                entry.1.insert(format!("{kind}.{field}"));
            }
        }
    }
    let mut writers: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, facts) in folders.values() {
        for fact in facts {
            *writers.entry(fact.as_str()).or_default() += 1;
        }
    }
    let shared: Vec<&str> = writers
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(f, _)| *f)
        .collect();

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Drafted by `briefing init` from {rel_state}. Every seat needs a person to"
    );
    let _ = writeln!(
        out,
        "# fill in owner, on_failure and owns: one seat, one owner for every fact."
    );
    let _ = writeln!(
        out,
        "\n[briefing]\norg = \"\"\nstate_dir = {}",
        toml_string(&rel_state)
    );
    let _ = writeln!(
        out,
        "date_order = \"mdy\"            # or \"dmy\": how to read 03/04/2026"
    );
    let _ = writeln!(out, "match_threshold = 0.88\nignore = []");
    if !shared.is_empty() {
        let _ = writeln!(
            out,
            "\n# Facts more than one seat writes; give each to exactly one seat's owns:"
        );
        for fact in &shared {
            let _ = writeln!(out, "#   {fact}");
        }
    }
    for (folder, (files, facts)) in &folders {
        let name = if folder == "." {
            "root".to_string()
        } else {
            folder.clone()
        };
        let glob = if folder == "." {
            "*".to_string()
        } else {
            format!("{folder}/**")
        };
        let _ = writeln!(out, "\n[[seat]]\nname = {}", toml_string(&name));
        let _ = writeln!(
            out,
            "owner = \"\"                   # the one accountable human"
        );
        let _ = writeln!(
            out,
            "purpose = \"\"\nfiles = [{}]   # {files} file(s)",
            toml_string(&glob)
        );
        let _ = writeln!(out, "owns = []                    # decide; it writes:");
        for fact in facts {
            let mark = if shared.contains(&fact.as_str()) {
                "  (also written elsewhere)"
            } else {
                ""
            };
            let _ = writeln!(out, "#   {fact}{mark}");
        }
        let _ = writeln!(
            out,
            "on_failure = \"\"              # what happens when it fails"
        );
        let _ = writeln!(out, "escalate_to = \"\"\ncadence = \"1d\"\nshadow = false");
    }
    Ok(out)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// `state_dir` relative to `base` when it lies under it, else as given.
fn pathdiff(state_dir: &Path, base: &Path) -> String {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (state, base) = (abs(state_dir), abs(base));
    match state.strip_prefix(&base) {
        Ok(rel) if rel.as_os_str().is_empty() => ".".to_string(),
        Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
        Err(_) => state.to_string_lossy().into_owned(),
    }
}

/// Writes `text` to `path` only if nothing is there yet.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_a_seat_per_folder_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(state.join("tracker")).unwrap();
        std::fs::create_dir_all(state.join("calendar")).unwrap();
        std::fs::write(
            state.join("tracker/p.json"),
            r#"{"projects": [{"name": "A", "due": "2026-12-01", "status": "wip"}]}"#,
        )
        .unwrap();
        std::fs::write(state.join("calendar/p.csv"), "project,due\nA,2026-12-03\n").unwrap();
        let text = draft(&state, dir.path()).unwrap();
        assert!(text.contains("state_dir = \"state\""), "{text}");
        assert!(text.contains("name = \"tracker\""), "{text}");
        assert!(
            text.contains("#   project.due_date  (also written elsewhere)"),
            "{text}"
        );
        let path = dir.path().join("briefing.toml");
        write_new(&path, &text).unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.seats.len(), 2);
        assert!(write_new(&path, "x").is_err(), "never overwrites");
    }
}
