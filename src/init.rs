//! `briefing init [STATE_DIR]`: drafts a commented `briefing.toml` from what
//! the state directory holds: one seat per top-level folder, the facts each
//! writes, and `owns` left for a person to decide. What a person must fill
//! in is commented out rather than left empty, so the draft passes
//! `briefing check` as it stands. It never overwrites, and never writes
//! inside the state directory.
//!
//! Globs here are matched the way the rest of the briefing matches them
//! (globset with its defaults), where `*` also matches `/`: `*` alone would
//! claim every file. So a seat claims `folder/**` and files at the top are
//! named one by one.

use crate::config::Config;
use crate::ingest;
use crate::vocab::Vocab;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Top-level files that describe the state directory rather than hold an
/// agent's state, by name without extension, upper case.
const README_LIKE: &[&str] = &[
    "README",
    "READ_ME",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CHANGELOG",
    "CHANGES",
    "CONTRIBUTING",
    "AUTHORS",
    "NOTICE",
    "INDEX",
];

/// Folder names that say nothing about whose state it is.
const GENERIC_NAMES: &[&str] = &["state", "states", "data", "sample-state", "agents", "."];

/// Where `init` writes for `state_dir`, and whether that is allowed:
/// `--config` when given, else `./briefing.toml`; never inside the state
/// directory, where it would be read as a state file.
pub fn target(state_dir: &Path, config: Option<&Path>, cwd: &Path) -> Result<PathBuf, String> {
    let target = config.map_or_else(|| cwd.join("briefing.toml"), |c| cwd.join(c));
    let state = state_dir.canonicalize().map_err(|e| {
        format!(
            "cannot open the state directory {}: {e}",
            state_dir.display()
        )
    })?;
    let parent = target.parent().unwrap_or(Path::new("."));
    let parent = parent
        .canonicalize()
        .unwrap_or_else(|_| parent.to_path_buf());
    if parent.starts_with(&state) {
        let hint = if config.is_none() {
            "; run it from the directory above, naming the state directory \
             (`briefing init DIR`), or say where to write with --config FILE"
        } else {
            "; pass a --config FILE outside it"
        };
        return Err(format!(
            "{} is inside the state directory {}, where it would be read as a state file{hint}",
            target.display(),
            state_dir.display()
        ));
    }
    Ok(target)
}

/// The draft for `state_dir`, written as seen from `config_dir`.
pub fn draft(state_dir: &Path, config_dir: &Path) -> anyhow::Result<String> {
    let rel_state = pathdiff(state_dir, config_dir);
    let probe = Config::parse(
        &format!("[briefing]\nstate_dir = {}\n", toml_string(&rel_state)),
        &config_dir.join("briefing.toml"),
    )?;
    let vocab = Vocab::new(&probe);
    let ingested = ingest::ingest(&probe, &vocab).map_err(anyhow::Error::msg)?;

    let mut readme_like = Vec::new();
    let mut top_level = Vec::new();
    let mut folders: BTreeMap<&str, (usize, BTreeSet<String>)> = BTreeMap::new();
    let mut facts_of_file: Vec<BTreeSet<String>> = vec![BTreeSet::new(); ingested.files.len()];
    for m in &ingested.mentions {
        for f in ingested.fields_of(m) {
            let interner = &ingested.interner;
            let (kind, field) = (&interner[m.kind], &interner[ingested.field(f)]);
            facts_of_file[m.file.index()].insert(format!("{kind}.{field}"));
        }
    }
    for (file, facts) in ingested.files.iter().zip(facts_of_file) {
        match file.path.split_once('/') {
            Some((folder, _)) => {
                let entry = folders.entry(folder).or_default();
                entry.0 += 1;
                entry.1.extend(facts);
            }
            None if is_readme_like(&file.path) => readme_like.push(file.path.as_str()),
            None => top_level.push(file.path.as_str()),
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
        "# Drafted by `briefing init` from {rel_state}. Every seat needs a person to\n\
         # fill in owner, on_failure and owns: one seat, one owner for every fact.\n\
         # Commented-out lines are what is left to decide; `briefing check` says\n\
         # what is still missing."
    );
    let _ = writeln!(out, "\n[briefing]");
    let _ = writeln!(
        out,
        "org = {}   # from the directory name",
        toml_string(&org_name(state_dir, config_dir))
    );
    let _ = writeln!(out, "state_dir = {}", toml_string(&rel_state));
    let _ = writeln!(
        out,
        "date_order = \"mdy\"            # or \"dmy\": how to read 03/04/2026"
    );
    let _ = writeln!(out, "match_threshold = 0.88");
    if readme_like.is_empty() {
        let _ = writeln!(
            out,
            "# ignore = []                 # globs of files that are not state"
        );
    } else {
        let list: Vec<String> = readme_like
            .iter()
            .map(|p| toml_string(&globset::escape(p)))
            .collect();
        let _ = writeln!(
            out,
            "ignore = [{}]   # about the state, not state",
            list.join(", ")
        );
    }
    if !top_level.is_empty() {
        let _ = writeln!(
            out,
            "\n# Files at the top of the state directory that no seat claims yet. Add\n\
             # each by name to the files of the seat that writes it:"
        );
        for path in &top_level {
            let _ = writeln!(out, "#   {}", toml_string(&globset::escape(path)));
        }
    }
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
        let glob = format!("{}/**", globset::escape(folder));
        let _ = writeln!(out, "\n[[seat]]\nname = {}", toml_string(folder));
        let _ = writeln!(
            out,
            "# owner = \"\"                 # the one accountable human"
        );
        let _ = writeln!(out, "# purpose = \"\"");
        let _ = writeln!(
            out,
            "files = [{}]   # {files} file{}",
            toml_string(&glob),
            if *files == 1 { "" } else { "s" }
        );
        let _ = writeln!(out, "# owns = []                  # decide; it writes:");
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
            "# on_failure = \"\"            # what happens when it fails"
        );
        let _ = writeln!(out, "# escalate_to = \"\"           # a seat or a person");
        let _ = writeln!(
            out,
            "# cadence = \"1d\"             # how often it should write"
        );
    }
    Ok(out)
}

fn is_readme_like(path: &str) -> bool {
    let stem = path.split('.').next().unwrap_or(path).to_uppercase();
    README_LIKE.contains(&stem.as_str())
}

/// The organisation's name as the state directory's name says it
/// (`northwind-digital` is "Northwind Digital"), or the configuration
/// directory's when the state directory's is a generic word like `state`.
fn org_name(state_dir: &Path, config_dir: &Path) -> String {
    let name_of = |p: &Path| {
        p.canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    };
    let state = name_of(state_dir).unwrap_or_default();
    let name = if GENERIC_NAMES.contains(&state.to_lowercase().as_str()) || state.is_empty() {
        name_of(config_dir).unwrap_or(state)
    } else {
        state
    };
    name.split(['-', '_', ' ', '.'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
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

/// Writes `text` to `path` only if nothing is there yet. A write that fails
/// part way (a full disk) removes the file it created rather than leave a
/// truncated configuration behind.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    write_new_with(path, |file| file.write_all(text.as_bytes()))
}

fn write_new_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    let written = write(&mut file).and_then(|()| file.sync_all());
    if written.is_err() {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_leaves_no_half_written_draft() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefing.toml");
        let full = |file: &mut std::fs::File| {
            use std::io::Write;
            file.write_all(b"[briefing]\n")?;
            Err(std::io::Error::from_raw_os_error(28))
        };
        let error = write_new_with(&path, full).unwrap_err();
        assert_eq!(error.raw_os_error(), Some(28));
        assert!(!path.exists(), "the partial draft is removed");
        // An existing file is never touched.
        std::fs::write(&path, "old").unwrap();
        assert!(write_new(&path, "new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    }

    #[test]
    fn drafts_a_seat_per_folder_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("acme-agents");
        std::fs::create_dir_all(state.join("tracker")).unwrap();
        std::fs::create_dir_all(state.join("calendar")).unwrap();
        std::fs::write(
            state.join("tracker/p.json"),
            r#"{"projects": [{"name": "A", "due": "2026-12-01", "status": "wip"}]}"#,
        )
        .unwrap();
        std::fs::write(state.join("calendar/p.csv"), "project,due\nA,2026-12-03\n").unwrap();
        std::fs::write(state.join("README.md"), "# About\n").unwrap();
        std::fs::write(state.join("deals.json"), r#"{"deals": [{"name": "D"}]}"#).unwrap();
        let text = draft(&state, dir.path()).unwrap();
        assert!(text.contains("state_dir = \"acme-agents\""), "{text}");
        assert!(text.contains("org = \"Acme Agents\""), "{text}");
        assert!(text.contains("name = \"tracker\""), "{text}");
        assert!(text.contains("files = [\"tracker/**\"]"), "{text}");
        assert!(text.contains("ignore = [\"README.md\"]"), "{text}");
        assert!(text.contains("#   \"deals.json\""), "{text}");
        assert!(!text.contains("name = \"root\""), "{text}");
        assert!(
            text.contains("#   project.due_date  (also written elsewhere)"),
            "{text}"
        );
        // Nothing a person must fill in is left as an empty value.
        assert!(
            !text
                .lines()
                .any(|l| !l.trim_start().starts_with('#') && l.contains("\"\"")),
            "{text}"
        );
        let path = dir.path().join("briefing.toml");
        write_new(&path, &text).unwrap();
        let config = Config::load(&path).unwrap();
        assert_eq!(config.seats.len(), 2);
        assert_eq!(config.org, "Acme Agents");
        assert!(write_new(&path, "x").is_err(), "never overwrites");
    }

    #[test]
    fn folder_names_with_glob_characters_are_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(state.join("ads[eu]")).unwrap();
        std::fs::write(
            state.join("ads[eu]/c.json"),
            r#"{"campaigns": [{"name": "C"}]}"#,
        )
        .unwrap();
        let text = draft(&state, dir.path()).unwrap();
        assert!(text.contains(r#"files = ["ads[[]eu[]]/**"]"#), "{text}");
        // A generic state directory name gives way to the config's folder.
        let folder = dir
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        assert!(!text.contains("org = \"State\""), "{text}");
        assert!(!folder.is_empty());
    }

    #[test]
    fn never_inside_the_state_directory() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        std::fs::create_dir_all(state.join("sub")).unwrap();
        assert!(target(&state, None, &state).is_err());
        assert!(target(&state, Some(Path::new("sub/b.toml")), &state).is_err());
        assert!(target(&state, Some(Path::new("../b.toml")), &state).is_ok());
        assert_eq!(
            target(&state, None, dir.path()).unwrap(),
            dir.path().join("briefing.toml")
        );
    }
}
