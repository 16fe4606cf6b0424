//! The real binary, as a user runs it.

mod common;

use assert_cmd::Command;

use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-24";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `briefing` with no inherited configuration, a history of its own and a
/// fixed date.
fn briefing() -> common::Briefing {
    let mut cmd = common::briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env("HOME", "/nonexistent")
        .arg("--today")
        .arg(TODAY);
    cmd
}

fn sample() -> common::Briefing {
    let mut cmd = briefing();
    cmd.current_dir(repo());
    cmd
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A configuration and state directory built in the test.
fn org(config: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("state")).unwrap();
    for (path, bytes) in files {
        let path = dir.path().join("state").join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    std::fs::write(dir.path().join("briefing.toml"), config).unwrap();
    dir
}

const SMALL_CONFIG: &str = r#"
[briefing]
org = "Test Org"
state_dir = "state"

[[seat]]
name = "tracker"
owner = "Dana Ruiz"
files = ["tracker/**"]
owns = ["project.due_date"]
on_failure = "Dana reruns the sync"

[[seat]]
name = "calendar"
owner = "Ben Carter"
files = ["calendar/**"]
"#;

#[test]
fn sample_plain_briefing() {
    let text = stdout(sample().arg("--plain"));
    insta::assert_snapshot!("sample_plain", text);
}

#[test]
fn sample_plain_is_deterministic_and_fits_the_width() {
    let first = stdout(sample().arg("--plain"));
    let second = stdout(sample().arg("--plain"));
    assert_eq!(first, second);
    for line in first.lines() {
        assert!(line.chars().count() <= 72, "too wide: {line}");
    }
    let narrow = stdout(sample().args(["--plain", "--width", "50"]));
    for line in narrow.lines() {
        assert!(line.chars().count() <= 50, "too wide: {line}");
    }
}

#[test]
fn sample_shows_the_planted_due_date_conflict_with_its_owner() {
    let text = stdout(sample().arg("--plain"));
    let block = text
        .split("\n\n")
        .find(|b| b.contains("Acme Website Redesign (project)") && b.contains("due_date"))
        .expect("the due date conflict");
    let block = block.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        block.contains("Dana Ruiz decides: project-tracker owns project.due_date"),
        "{block}"
    );
    assert!(
        block.contains("* project-tracker (owner): 2026-12-01"),
        "{block}"
    );
    assert!(block.contains("- deadline-calendar: 2026-12-05"), "{block}");
    assert!(
        block.contains("project-tracker/projects.json:11"),
        "{block}"
    );
    assert!(
        block.contains("deadline-calendar/deadlines.md:18"),
        "{block}"
    );
}

#[test]
fn sample_json_document() {
    let text = stdout(sample().arg("--json"));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["schema"], "briefing/1");
    assert_eq!(doc["org"], "Northwind Digital");
    assert_eq!(doc["today"], TODAY);
    assert_eq!(doc["seats"].as_array().unwrap().len(), 14);

    let conflicts = doc["conflicts"].as_array().unwrap();
    let due = conflicts
        .iter()
        .find(|c| c["entity"] == "project:acme-website-redesign" && c["field"] == "due_date")
        .expect("due date conflict");
    assert_eq!(due["owner"], "project-tracker");
    assert_eq!(due["owner_person"], "Dana Ruiz");
    assert_eq!(due["owner_value"], "2026-12-01");
    assert_eq!(due["severity"], "high");
    let calendar = due["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["seat"] == "deadline-calendar")
        .unwrap();
    assert_eq!(calendar["value"], "2026-12-05");
    assert_eq!(calendar["raw"], "Dec 5, 2026");
    assert_eq!(calendar["file"], "deadline-calendar/deadlines.md");
    assert_eq!(calendar["line"], 18);

    let spend = conflicts
        .iter()
        .find(|c| c["field"] == "spend")
        .expect("double-owned spend");
    assert!(spend["owner"].is_null());
    assert_eq!(
        spend["claimants"],
        serde_json::json!(["google-ads-monitor", "meta-ads-monitor"])
    );

    let entity = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "project:acme-website-redesign")
        .unwrap();
    let reasons: Vec<&str> = entity["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["matched_by"].as_str().unwrap())
        .collect();
    assert!(reasons.contains(&"alias"), "{reasons:?}");

    let diagnostics = doc["diagnostics"].as_array().unwrap();
    let malformed = diagnostics
        .iter()
        .find(|d| d["file"] == "call-center/callbacks.json")
        .expect("the malformed file is reported");
    assert_eq!(malformed["severity"], "error");
    assert!(malformed["line"].as_u64().unwrap() > 0 && malformed["column"].as_u64().unwrap() > 0);

    insta::assert_snapshot!("sample_json", text);
}

#[test]
fn conflicts_drill_down_matches_fuzzily() {
    let text = stdout(sample().args(["conflicts", "acme due", "--plain"]));
    assert!(
        text.contains("Acme Website Redesign (project) · due_date"),
        "{text}"
    );
    assert!(text.contains("If the owner seat fails:"), "{text}");
    assert!(!text.contains("close_date"), "{text}");
    // Every word must match a word: the budget of the same project and the
    // Stark campaign, which merely hold the letters, are left out.
    assert!(
        !text.contains("· budget") && !text.contains("Stark"),
        "{text}"
    );
    insta::assert_snapshot!("conflicts_acme_due", text);

    let json = stdout(sample().args(["conflicts", "ACME DUE", "--json"]));
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        doc["conflicts"][0]["entity"],
        "project:acme-website-redesign"
    );

    let none = stdout(sample().args(["conflicts", "zzzzqqq"]));
    assert!(none.contains("No conflict matches."), "{none}");
}

#[test]
fn without_a_terminal_the_default_is_plain() {
    assert_eq!(stdout(&mut sample()), stdout(sample().arg("--plain")));
}

#[test]
fn ascii_output_is_seven_bit() {
    let text = stdout(sample().args(["--plain", "--ascii"]));
    assert!(text.is_ascii());
    assert!(text.contains("Acme Website Redesign (project) - due_date"));
}

#[test]
fn no_control_characters_reach_the_output() {
    for args in [&["--plain"][..], &["--json"], &["conflicts"]] {
        let out = sample().args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "control character in {args:?}"
        );
    }
    let dir = org(
        SMALL_CONFIG,
        &[(
            "tracker/projects.json",
            b"{\"projects\": [{\"name\": \"Evil\\u001b]0;owned\\u0007 Co\\u001b[2J\", \"due\": \"2026-12-01\"}]}",
        ), ("calendar/p.csv", b"project,due\nEvil Co,2026-12-09\n")],
    );
    let text = stdout(
        briefing()
            .arg("--config")
            .arg(dir.path().join("briefing.toml"))
            .arg("--plain"),
    );
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'));
    assert!(text.contains("Evil Co (project)"), "{text}");
}

#[test]
fn unknown_config_key_is_a_usage_error_naming_the_line() {
    let dir = org(
        "[briefing]\norg = \"x\"\nstate_dir = \"state\"\n\n[[seat]]\nname = \"a\"\nownes = [\"project.*\"]\n",
        &[],
    );
    let out = briefing()
        .arg("--config")
        .arg(dir.path().join("briefing.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("briefing.toml:7:"), "{err}");
    assert!(err.contains("ownes"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_glob_is_a_usage_error_naming_the_line_for_every_command() {
    let dir = org(
        "[briefing]\nstate_dir = \"state\"\nignore = [\"*.bak\", \"a/{b\"]\n",
        &[],
    );
    for args in [&["--plain"][..], &["--json"], &["check"], &["explain", "x"]] {
        let out = briefing()
            .arg("--config")
            .arg(dir.path().join("briefing.toml"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("briefing.toml:3:20: bad ignore glob `a/{b`"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn missing_configuration_and_bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing().current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("briefing init"));

    let out = sample().args(["--today", "24/11/2026"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = sample().args(["--plain", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));

    let dir = org(SMALL_CONFIG, &[]);
    std::fs::remove_dir(dir.path().join("state")).unwrap();
    let out = briefing()
        .arg("--config")
        .arg(dir.path().join("briefing.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("state directory"));
}

#[test]
fn bad_files_are_reported_and_the_rest_still_counts() {
    let mut big_nesting = b"{\"projects\": ".to_vec();
    big_nesting.extend(std::iter::repeat_n(b'[', 5000));
    let dir = org(
        SMALL_CONFIG,
        &[
            (
                "tracker/projects.json",
                b"{\"projects\": [{\"name\": \"Apollo\", \"due\": \"2026-12-01\"}]}",
            ),
            (
                "calendar/dates.yaml",
                b"projects:\n  - name: Apollo\n    due: Dec 3, 2026\n",
            ),
            (
                "calendar/broken.json",
                b"{\"projects\": [\n  {\"name\": \"X\" \"due\": 1}\n]}",
            ),
            ("calendar/bad.yaml", b"projects:\n  - name: [unclosed\n"),
            ("calendar/bad.toml", b"[[projects]]\nname = \n"),
            ("calendar/latin1.csv", b"project,due\nCaf\xe9,2026-12-01\n"),
            ("calendar/empty.json", b""),
            ("calendar/deep.json", &big_nesting),
            (
                "calendar/bom.csv",
                b"\xEF\xBB\xBFproject,due\r\nApollo,2026-12-03\r\n",
            ),
            (
                "calendar/log.jsonl",
                b"{\"project\": \"Apollo\", \"due\": \"2026-12-03\"}\nnot json\n",
            ),
            ("calendar/notes.txt", b"free text"),
        ],
    );
    let out = briefing()
        .arg("--config")
        .arg(dir.path().join("briefing.toml"))
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diag = |file: &str| {
        doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == file)
            .unwrap_or_else(|| panic!("no diagnostic for {file}: {}", doc["diagnostics"]))
            .clone()
    };
    let broken = diag("calendar/broken.json");
    assert_eq!(
        (broken["line"].as_u64(), broken["severity"].as_str()),
        (Some(2), Some("error"))
    );
    assert!(broken["column"].as_u64().is_some());
    assert_eq!(diag("calendar/bad.yaml")["line"], 2);
    assert_eq!(diag("calendar/bad.toml")["line"], 2);
    let latin1 = diag("calendar/latin1.csv");
    assert_eq!(
        (latin1["line"].as_u64(), latin1["column"].as_u64()),
        (Some(2), Some(4))
    );
    assert!(
        diag("calendar/empty.json")["message"]
            .as_str()
            .unwrap()
            .contains("empty")
    );
    assert!(
        diag("calendar/deep.json")["message"]
            .as_str()
            .unwrap()
            .contains("nested")
    );
    assert_eq!(diag("calendar/log.jsonl")["line"], 2);

    let conflict = &doc["conflicts"][0];
    assert_eq!(conflict["entity"], "project:apollo");
    assert_eq!(conflict["owner_value"], "2026-12-01");
    let values: Vec<&str> = conflict["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["file"].as_str().unwrap())
        .collect();
    assert!(values.contains(&"calendar/bom.csv"), "{values:?}");
    assert!(values.contains(&"calendar/log.jsonl"), "{values:?}");
    assert_eq!(doc["stats"]["files_skipped"], 1);
}

/// Every path, size and modification time under `dir`.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (e.path().to_path_buf(), meta.len(), meta.modified().unwrap())
        })
        .collect();
    all.sort();
    all
}

#[test]
fn never_writes_under_the_state_directory() {
    let state = repo().join("sample-state");
    let before = listing(&state);
    for args in [&["--plain"][..], &["--json"], &["conflicts", "acme"]] {
        sample().args(args).assert().success();
    }
    assert_eq!(before, listing(&state));
}

#[test]
fn symlinks_out_of_the_state_directory_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.json"),
        b"{\"projects\": [{\"name\": \"Leak\"}]}",
    )
    .unwrap();
    let dir = org(
        SMALL_CONFIG,
        &[(
            "tracker/projects.json",
            b"{\"projects\": [{\"name\": \"Apollo\"}]}",
        )],
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("secret.json"),
        dir.path().join("state/tracker/link.json"),
    )
    .unwrap();
    let text = stdout(
        briefing()
            .arg("--config")
            .arg(dir.path().join("briefing.toml"))
            .arg("--json"),
    );
    assert!(!text.contains("Leak"));
    #[cfg(unix)]
    assert!(text.contains("outside the state directory"));
}

/// Every test that runs the binary gives it a history of its own: through
/// `common::briefing()`, or by setting `BRIEFING_HISTORY` or
/// `XDG_STATE_HOME` itself. A test file that starts the binary another
/// way would record days in the real `~/.local/state`.
#[test]
fn no_test_runs_the_binary_with_the_real_history() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let starts = text.contains("cargo_bin(") || text.contains("CARGO_BIN_EXE_briefing");
        let own_history = text.contains("BRIEFING_HISTORY") || text.contains("XDG_STATE_HOME");
        assert!(
            !starts || own_history,
            "{} runs the binary without a history of its own: use common::briefing()",
            path.display()
        );
    }
}
