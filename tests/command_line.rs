//! The command line as a user meets it, through the real binary: init on a
//! copy of the sample, flags only where they mean something, check and
//! explain as JSON, decide, completions, the man page and --email.

mod common;

use assert_cmd::Command;

use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-24";
/// 2026-11-24 06:00:00 UTC, the Date of the messages under test.
const EPOCH: &str = "1795500000";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `briefing` with no inherited configuration, colour, user or date, and
/// a history of its own.
fn briefing() -> common::Briefing {
    let mut cmd = common::briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("USER")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("BRIEFING_PROGRESS_DELAY")
        .env("HOME", "/nonexistent");
    cmd
}

/// In the repository, on the sample, on the fixed date.
fn sample() -> common::Briefing {
    let mut cmd = briefing();
    cmd.current_dir(repo()).args(["--today", TODAY]);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn ok(cmd: &mut Command) -> String {
    let r = run(cmd);
    assert_eq!(r.code, 0, "failed: {}", r.stderr);
    r.stdout
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The sample's configuration and state in a temporary directory, for
/// commands that write beside the configuration.
fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &repo().join("sample-state"),
        &dir.path().join("sample-state"),
    );
    std::fs::copy(
        repo().join("briefing.toml"),
        dir.path().join("briefing.toml"),
    )
    .unwrap();
    dir
}

// ---- init ------------------------------------------------------------

#[test]
fn init_on_a_copy_of_the_sample_drafts_a_config_that_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("northwind-digital");
    copy_dir(&repo().join("sample-state"), &state);

    let r = run(briefing()
        .current_dir(dir.path())
        .args(["init", "northwind-digital"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("Drafted"), "{}", r.stderr);
    let config = dir.path().join("briefing.toml");
    let draft = std::fs::read_to_string(&config).unwrap();
    insta::assert_snapshot!("init_sample_draft", draft);
    assert!(draft.contains("org = \"Northwind Digital\""), "{draft}");
    assert!(draft.contains("ignore = [\"README.md\"]"), "{draft}");
    assert!(!draft.contains("\"*\""), "no glob that claims everything");

    let check = |cmd: &mut Command| {
        cmd.arg("--config")
            .arg(&config)
            .args(["--today", TODAY, "check"]);
    };
    // The drafted configuration has nothing to warn about: the one
    // warning left is the sample's deliberately malformed file.
    let mut cmd = briefing();
    check(&mut cmd);
    let r = run(cmd.args(["--json", "--fail-on", "warning"]));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["findings"], serde_json::json!([]), "{}", r.stdout);
    let diagnostics = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{}", r.stdout);
    assert_eq!(diagnostics[0]["file"], "call-center/callbacks.json");
    let text = ok(briefing()
        .arg("--config")
        .arg(&config)
        .args(["--today", TODAY, "--plain"]));
    assert!(
        text.contains("26 files read from 16 seats"),
        "every folder is its own seat:\n{text}"
    );

    // With that file mended, check --fail-on warning passes.
    std::fs::remove_file(state.join("call-center/callbacks.json")).unwrap();
    let mut cmd = briefing();
    check(&mut cmd);
    let r = run(cmd.args(["--fail-on", "warning"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(!r.stdout.contains("escalates to"), "{}", r.stdout);
    assert!(!r.stdout.contains("shadowed"), "{}", r.stdout);
}

#[test]
fn init_never_writes_inside_the_state_directory_or_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    std::fs::create_dir_all(state.join("tracker")).unwrap();
    std::fs::write(
        state.join("tracker/p.json"),
        r#"{"projects": [{"name": "A"}]}"#,
    )
    .unwrap();

    // No argument: the state directory is the working directory.
    let r = run(briefing().current_dir(&state).arg("init"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("inside the state directory"),
        "{}",
        r.stderr
    );
    assert!(!state.join("briefing.toml").exists());

    let r = run(briefing().current_dir(dir.path()).args([
        "init",
        "state",
        "--config",
        "state/tracker/briefing.toml",
    ]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!state.join("tracker/briefing.toml").exists());

    // Outside it, with --config, from inside: fine, and only once.
    let r = run(briefing()
        .current_dir(&state)
        .args(["init", "--config", "../org.toml"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(dir.path().join("org.toml").exists());
    let r = run(briefing()
        .current_dir(&state)
        .args(["init", "--config", "../org.toml"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("never overwrites"), "{}", r.stderr);
}

// ---- flags -----------------------------------------------------------

#[test]
fn each_flag_only_where_it_means_something() {
    let refused: &[&[&str]] = &[
        &["check", "--plain"],
        &["check", "--width", "60"],
        &["--json", "check"],
        &["--plain", "conflicts"],
        &["init", "--json"],
        &["explain", "acme", "--plain"],
        &["decide", "acme", "due", "--keep", "x", "--json"],
        &["completions", "bash", "--config", "briefing.toml"],
        &["man", "--width", "60"],
        &["--to", "a@example.com"],
        &["--subject", "Hi", "--plain"],
        &["--mouse", "--plain"],
        &["--width", "60", "--json"],
        &["--max-conflicts", "3", "--json"],
        &["conflicts", "--ascii", "--json"],
        &["--color", "sometimes"],
    ];
    for args in refused {
        let r = run(sample().args(*args));
        assert_eq!(r.code, 2, "{args:?} should be refused: {}", r.stdout);
        assert!(r.stderr.contains("error:"), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
    // `--today` is refused where nothing is measured against a date.
    for args in [&["man"][..], &["completions", "bash"], &["init", "x"]] {
        let r = run(briefing().args(args).args(["--today", TODAY]));
        assert_eq!(r.code, 2, "{args:?} --today");
    }
    for args in [
        &["conflicts", "acme", "due", "--plain", "--width", "60"][..],
        &["explain", "acme", "website", "--width", "60", "--ascii"],
        &[
            "--plain",
            "--width",
            "60",
            "--ascii",
            "--max-conflicts",
            "2",
        ],
        &["--color", "never", "--json"],
        &["check", "--json", "--color=always"],
    ] {
        ok(sample().args(args));
    }
}

#[test]
fn a_query_may_be_several_words_as_the_readme_writes_it() {
    let words = ok(sample().args(["conflicts", "acme", "due"]));
    let quoted = ok(sample().args(["conflicts", "acme due"]));
    assert_eq!(words, quoted);
    assert!(words.contains("Acme Website Redesign (project) · due_date"));
    assert!(!words.contains("close_date"), "{words}");

    let words = ok(sample().args(["explain", "acme", "website"]));
    assert!(
        words.starts_with("Acme Website Redesign (project)"),
        "{words}"
    );
}

#[test]
fn explain_finds_an_entity_by_a_name_one_of_its_mentions_writes() {
    // Invoicing calls the job by its code name, an alias.
    let by_alias = ok(sample().args(["explain", "acme-site-v2"]));
    assert!(
        by_alias.starts_with("Acme Website Redesign (project)"),
        "{by_alias}"
    );
    assert!(by_alias.contains("\"acme-site-v2\""), "{by_alias}");
}

// ---- check --json and explain --json ---------------------------------

#[test]
fn check_json_has_the_documented_fields() {
    let r = run(sample().args(["check", "--json", "--fail-on", "conflict,gap"]));
    assert_eq!(r.code, 1, "conflicts were found: {}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["schema"], "briefing-check/1");
    assert_eq!(doc["config"], "briefing.toml");
    assert_eq!(doc["today"], TODAY);
    assert_eq!(doc["score"], 69);
    assert_eq!(doc["fail_on"], serde_json::json!(["conflict", "gap"]));
    assert_eq!(doc["failed"], true);

    let finding = &doc["findings"][0];
    assert_eq!(finding["file"], "briefing.toml");
    assert!(finding["line"].as_u64().unwrap() > 0);
    assert_eq!(finding["severity"], "warning");
    assert!(finding["message"].as_str().unwrap().contains("overlaps"));

    let gaps = doc["gaps"].as_array().unwrap();
    let stale = gaps
        .iter()
        .find(|g| g["kind"] == "stale_seat")
        .expect("the stale content scheduler");
    assert_eq!(stale["subject"], "content-scheduler");
    assert!(stale["line"].as_u64().is_some());
    assert!(stale["detail"].as_str().unwrap().contains("stale"));
    let unassigned = gaps
        .iter()
        .find(|g| g["kind"] == "unassigned_file")
        .unwrap();
    assert!(unassigned["line"].is_null());

    let due = doc["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["entity"] == "project:acme-website-redesign" && c["field"] == "due_date")
        .unwrap();
    assert_eq!(due["severity"], "high");
    assert_eq!(due["owner"], "project-tracker");
    assert_eq!(due["values"], 5);

    let diagnostic = &doc["diagnostics"][0];
    assert_eq!(diagnostic["file"], "call-center/callbacks.json");
    assert_eq!(diagnostic["line"], 9);
    assert_eq!(diagnostic["column"], 6);
    assert_eq!(diagnostic["severity"], "error");

    assert_eq!(doc["summary"]["open_conflicts"], 5);
    assert_eq!(doc["summary"]["gaps"], gaps.len());
    assert_eq!(doc["summary"]["warnings"], 9);

    // The same findings as the text, and the same exit code.
    let text = run(sample().args(["check", "--fail-on", "conflict,gap"]));
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("9 warnings"), "{}", text.stdout);
    let r = run(sample().args(["check", "--json"]));
    assert_eq!(r.code, 0);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["failed"], false);
    assert_eq!(doc["fail_on"], serde_json::json!([]));
}

#[test]
fn explain_json_has_the_documented_fields() {
    let doc: serde_json::Value =
        serde_json::from_str(&ok(sample().args(["explain", "acme", "website", "--json"]))).unwrap();
    assert_eq!(doc["schema"], "briefing-explain/1");
    assert_eq!(doc["query"], "acme website");
    assert_eq!(doc["match_threshold"], 0.88);
    let entity = &doc["entity"];
    assert_eq!(entity["id"], "project:acme-website-redesign");
    assert_eq!(entity["kind"], "project");
    assert_eq!(entity["name"], "Acme Website Redesign");
    let mentions = entity["mentions"].as_array().unwrap();
    let alias = mentions
        .iter()
        .find(|m| m["matched_by"] == "alias")
        .expect("the alias merge");
    assert!(alias["file"].as_str().unwrap().contains('/'));
    assert!(alias["line"].as_u64().unwrap() > 0);
    assert!(alias.get("seat").is_some() && alias.get("name").is_some());
    assert!(doc["near_misses"].is_array());
    assert!(doc["also_matching"].is_array());

    // A near miss names the other entity, the two folded names compared,
    // the scores, and what kept them apart.
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in [
        (
            "state/a/p.json",
            r#"{"projects": [{"name": "Spring Launch 2026", "due": "2026-12-01"}]}"#,
        ),
        (
            "state/b/p.json",
            r#"{"projects": [{"name": "Spring Launch 2027", "due": "2026-12-03"}]}"#,
        ),
        (
            "briefing.toml",
            "[briefing]\nstate_dir = \"state\"\n[[seat]]\nname = \"a\"\nfiles = [\"a/**\"]\n",
        ),
    ] {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let doc: serde_json::Value = serde_json::from_str(&ok(briefing()
        .current_dir(dir.path())
        .args(["--today", TODAY, "explain", "spring", "--json"])))
    .unwrap();
    assert_eq!(doc["entity"]["id"], "project:spring-launch-2026");
    assert_eq!(
        doc["near_misses"],
        serde_json::json!([{
            "entity": "project:spring-launch-2027",
            "name": "2026 launch spring",
            "other_name": "2027 launch spring",
            "score": 0.92,
            "jaro_winkler": 0.97,
            "dice": 0.87,
            "kept_apart_by": "different numbers",
            "token_score": 0.39,
            "alignment": [
                {"a": "2026", "as": "unpaired", "b": null},
                {"a": "launch", "as": "same", "b": "launch"},
                {"a": "spring", "as": "same", "b": "spring"},
                {"a": null, "as": "unpaired", "b": "2027"},
            ],
        }])
    );
    assert_eq!(
        doc["also_matching"],
        serde_json::json!(["project:spring-launch-2027"])
    );

    let none: serde_json::Value =
        serde_json::from_str(&ok(sample().args(["explain", "zzzzqqq", "--json"]))).unwrap();
    assert!(none["entity"].is_null());
}

// ---- decide ----------------------------------------------------------

#[test]
fn decide_refuses_an_ambiguous_query_and_lists_the_candidates() {
    let dir = sample_copy();
    let decisions = dir.path().join("briefing.decisions.toml");
    let decide = || {
        let mut cmd = briefing();
        cmd.current_dir(dir.path())
            .args(["--today", TODAY, "decide"]);
        cmd
    };

    let r = run(decide().args(["acme", "--keep", "project-tracker"]));
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("matches 2 conflicts"), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("briefing decide project:acme-website-redesign due_date --keep SEAT"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("briefing decide project:acme-website-redesign budget --keep SEAT"),
        "{}",
        r.stderr
    );
    assert!(!decisions.exists(), "nothing decided");

    // The listed query names one conflict.
    let r = run(decide().args([
        "project:acme-website-redesign",
        "budget",
        "--keep",
        "invoicing",
        "--dry-run",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with(
            "Would decide: keep invoicing's 45000.00 USD for Acme Website Redesign budget"
        ),
        "{}",
        r.stdout
    );
    assert!(!decisions.exists(), "--dry-run writes nothing");

    // --by defaults to $USER.
    let r = run(decide()
        .env("USER", "dana")
        .args(["acme", "due", "--keep", "project-tracker"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Decided: keep project-tracker's 2026-12-01")
    );
    let written = std::fs::read_to_string(&decisions).unwrap();
    assert!(written.contains("by = \"dana\""), "{written}");

    let r = run(decide().env("USER", "dana").args([
        "acme",
        "budget",
        "--keep",
        "invoicing",
        "--by",
        "Helen Brooks",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(&decisions).unwrap();
    assert!(written.contains("by = \"Helen Brooks\""), "{written}");

    let r = run(decide().args(["zzzzqqq", "--keep", "x"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no conflict matches"), "{}", r.stderr);
}

// ---- completions and man ----------------------------------------------

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef briefing"),
        ("fish", "complete -c briefing"),
        ("elvish", "edit:completion:arg-completer[briefing]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = ok(briefing().args(["completions", shell]));
        assert!(script.contains(marker), "{shell}: no {marker}");
        for word in ["conflicts", "explain", "decide", "fail-on", "max-conflicts"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    let r = run(briefing().args(["completions", "tcsh"]));
    assert_eq!(r.code, 2);
}

#[test]
fn man_page_has_every_command_the_environment_and_exit_codes() {
    let page = ok(briefing().arg("man"));
    assert!(
        page.starts_with(".ie") || page.contains(".TH briefing 1"),
        "{page}"
    );
    assert!(page.contains(".TH briefing 1"));
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"BRIEFING CHECK\"",
        ".SH \"BRIEFING DECIDE\"",
        ".SH \"BRIEFING COMPLETIONS\"",
        ".SH \"ENVIRONMENT\"",
        ".SH \"EXIT STATUS\"",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    for text in [
        "\\fB\\-\\-fail\\-on\\fR",
        "\\fB\\-\\-dry\\-run\\fR",
        "\\fBNO_COLOR\\fR",
        "\\fBSOURCE_DATE_EPOCH\\fR",
        "[possible values: conflict, gap, warning]",
    ] {
        assert!(page.contains(text), "no {text}");
    }
    // Every line that starts with a dot is a request roff knows.
    for line in page.lines().filter(|l| l.starts_with('.')) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            [
                "TH", "SH", "SS", "TP", "PP", "B", "br", "ie", "el", "IP", "RS", "RE", "nf", "fi",
                "\\\"", "sp", "in", "ti", "I"
            ]
            .contains(&request),
            "unknown request: {line}"
        );
    }
}

// ---- --email -----------------------------------------------------------

fn email(args: &[&str]) -> Vec<u8> {
    let out = sample()
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("--email")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn header(mail: &mailparse::ParsedMail, name: &str) -> String {
    use mailparse::MailHeaderMap;
    mail.headers
        .get_first_value(name)
        .unwrap_or_else(|| panic!("no {name} header"))
}

#[test]
fn email_is_a_complete_message_with_plain_and_html_parts() {
    let bytes = email(&[]);
    assert_eq!(bytes, email(&[]), "the same bytes for the same Date");
    let mail = mailparse::parse_mail(&bytes).unwrap();
    assert_eq!(
        header(&mail, "From"),
        "\"Morning briefing\" <briefing@northwind.example>"
    );
    assert_eq!(header(&mail, "To"), "ops-lead@northwind.example");
    assert_eq!(
        header(&mail, "Subject"),
        "Northwind Digital: Score 69/100 · 5 conflicts (3 high) · 1 overdue escalation · 1 alert"
    );
    assert_eq!(header(&mail, "Date"), "Tue, 24 Nov 2026 06:00:00 +0000");
    let id = header(&mail, "Message-ID");
    assert!(
        id.starts_with("<briefing.2026-11-24.") && id.ends_with("@northwind.example>"),
        "{id}"
    );
    assert_eq!(header(&mail, "MIME-Version"), "1.0");
    assert_eq!(mail.ctype.mimetype, "multipart/alternative");
    assert_eq!(mail.subparts.len(), 2);

    let text = &mail.subparts[0];
    assert_eq!(text.ctype.mimetype, "text/plain");
    assert_eq!(text.ctype.charset, "utf-8");
    // Five conflicts are under the default limit of 20: the plain part is
    // the --plain briefing itself.
    // (MIME text has CRLF line breaks once decoded.)
    let plain = ok(sample().arg("--plain"));
    assert_eq!(text.get_body().unwrap().replace("\r\n", "\n"), plain);

    let html = &mail.subparts[1];
    assert_eq!(html.ctype.mimetype, "text/html");
    assert_eq!(html.ctype.charset, "utf-8");
    let html = html.get_body().unwrap();
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<h2>Decide today</h2>"));
    assert!(html.contains(
        "<tr><td>dissent</td><td>deadline-calendar</td><td>2026-12-05</td><td>Dec 5, 2026</td>"
    ));
    assert!(html.contains("<tr><td>agrees</td><td>ops-lead</td><td>2026-12-01</td>"));
    insta::assert_snapshot!("email_sample_html", html);

    // Unix line endings for sendmail -t, and nothing sent anywhere.
    assert!(!bytes.windows(2).any(|w| w == b"\r\n"));
}

#[test]
fn email_cuts_the_conflicts_and_takes_addresses_from_flags() {
    let bytes = email(&[
        "--max-conflicts",
        "2",
        "--to",
        "dana@example.com",
        "--to",
        "Ben Carter <ben@example.com>",
        "--from",
        "bot@example.com",
        "--subject",
        "Today's briefing",
    ]);
    let mail = mailparse::parse_mail(&bytes).unwrap();
    assert_eq!(header(&mail, "From"), "bot@example.com");
    assert_eq!(
        header(&mail, "To"),
        "dana@example.com, \"Ben Carter\" <ben@example.com>"
    );
    assert_eq!(header(&mail, "Subject"), "Today's briefing");
    let text = mail.subparts[0].get_body().unwrap();
    assert!(text.contains("\n2. [HIGH]"), "{text}");
    assert!(!text.contains("\n3. ["), "{text}");
    assert!(text.contains("3 more: run `briefing conflicts`"), "{text}");
    let html = mail.subparts[1].get_body().unwrap();
    assert!(
        html.contains("<p>3 more: run `briefing conflicts`</p>"),
        "{html}"
    );

    // --max-conflicts cuts --plain too; without it --plain lists them all.
    let cut = ok(sample().args(["--plain", "--max-conflicts", "2"]));
    assert!(cut.contains("3 more: run `briefing conflicts`"));
    assert!(!ok(sample().arg("--plain")).contains("more: run"));
}

#[test]
fn email_addresses_are_checked_and_errors_name_the_line() {
    let dir = sample_copy();
    let config = dir.path().join("briefing.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let line = text.lines().position(|l| l.starts_with("to = ")).unwrap() + 1;
    std::fs::write(
        &config,
        text.replace(
            "to = [\"ops-lead@northwind.example\"]",
            "to = [\"not an address\"]",
        ),
    )
    .unwrap();
    let r = run(briefing()
        .current_dir(dir.path())
        .args(["--today", TODAY, "--email"]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains(&format!("briefing.toml:{line}: [email] to:")),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    // An unknown key in [email] is a configuration error, with its line.
    std::fs::write(&config, format!("{text}cc = \"x@example.com\"\n")).unwrap();
    let r = run(briefing()
        .current_dir(dir.path())
        .args(["--today", TODAY, "--plain"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cc"), "{}", r.stderr);

    // No sender anywhere, or no recipient.
    let without = &text[..text.find("[email]").unwrap()];
    std::fs::write(&config, without).unwrap();
    let r = run(briefing().current_dir(dir.path()).args([
        "--today",
        TODAY,
        "--email",
        "--to",
        "t@example.com",
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("needs a sender"), "{}", r.stderr);
    let r = run(briefing().current_dir(dir.path()).args([
        "--today",
        TODAY,
        "--email",
        "--from",
        "b@example.com",
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("needs a recipient"), "{}", r.stderr);
}

#[test]
fn email_html_escapes_what_state_files_say() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("state/tracker")).unwrap();
    std::fs::create_dir_all(dir.path().join("state/calendar")).unwrap();
    std::fs::write(
        dir.path().join("state/tracker/p.json"),
        r#"{"projects": [{"name": "<b>Evil</b> & Co", "due": "2026-12-01"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("state/calendar/p.csv"),
        "project,due\n<b>Evil</b> & Co,2026-12-09\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("briefing.toml"),
        "[briefing]\norg = \"Test <Org>\"\nstate_dir = \"state\"\n\n\
         [[seat]]\nname = \"tracker\"\nfiles = [\"tracker/**\"]\nowns = [\"project.*\"]\n\n\
         [[seat]]\nname = \"calendar\"\nfiles = [\"calendar/**\"]\n",
    )
    .unwrap();
    let out = briefing()
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .args([
            "--today",
            TODAY,
            "--email",
            "--from",
            "b@example.com",
            "--to",
            "t@example.com",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mail = mailparse::parse_mail(&out.stdout).unwrap();
    let html = mail.subparts[1].get_body().unwrap();
    assert!(html.contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), "{html}");
    assert!(
        html.contains("<title>Test &lt;Org&gt;: morning briefing"),
        "{html}"
    );
    assert!(!html.contains("<b>Evil"), "{html}");
}

// ---- progress ----------------------------------------------------------

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let r = run(sample()
        .env("BRIEFING_PROGRESS_DELAY", "0")
        .args(["--json"]));
    assert_eq!(r.code, 0);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}
