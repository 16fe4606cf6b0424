//! The history across several briefing days, through the real binary and
//! the terminal UI in-process: a copy of the sample edited day by day (a
//! conflict appears, persists, is resolved; a seat changes a value; the
//! score moves; an escalation's agent rewrites its file each morning and
//! the escalation keeps its streak). Then two processes writing at once, a
//! locked, a damaged and a newer database, `--no-history`, a database
//! under the state directory, and `briefing history`.

mod common;

use briefing::config::Config;
use briefing::history::Locator;
use briefing::tui::{self, Action, App, Effect, Keymap, Theme, View, views};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const FRIDAY: &str = "2026-11-20";
const MONDAY: &str = "2026-11-23";
const TUESDAY: &str = "2026-11-24";

const ACME_DUE: &str = "project:acme-website-redesign/due_date";
const ACME_BUDGET: &str = "project:acme-website-redesign/budget";
const PORTAL_DUE: &str = "project:patient-portal-launch/due_date";
const INITECH_CLOSE: &str = "deal:initech-analytics-retainer/close_date";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A copy of the sample organisation, with its history database beside
/// the state directory.
struct Org {
    dir: tempfile::TempDir,
}

impl Org {
    fn new() -> Org {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            repo().join("briefing.toml"),
            dir.path().join("briefing.toml"),
        )
        .unwrap();
        copy_dir(
            &repo().join("sample-state"),
            &dir.path().join("sample-state"),
        );
        Org { dir }
    }

    fn config(&self) -> PathBuf {
        self.dir.path().join("briefing.toml")
    }

    fn state(&self) -> PathBuf {
        self.dir.path().join("sample-state")
    }

    fn history(&self) -> PathBuf {
        self.dir.path().join("history").join("northwind.sqlite3")
    }

    /// `briefing --config … --today DAY` with this organisation's history.
    fn briefing(&self, day: &str) -> common::Briefing {
        let mut cmd = common::briefing();
        cmd.env_remove("BRIEFING_CONFIG")
            .env("BRIEFING_HISTORY", self.history())
            .env("HOME", "/nonexistent")
            .arg("--config")
            .arg(self.config())
            .args(["--today", day]);
        cmd
    }

    fn run(&self, day: &str, args: &[&str]) -> Output {
        self.briefing(day).args(args).output().unwrap()
    }

    fn plain(&self, day: &str) -> String {
        ok(self.run(day, &["--plain"]))
    }

    fn json(&self, day: &str) -> Value {
        serde_json::from_str(&ok(self.run(day, &["--json"]))).unwrap()
    }

    /// Replaces `from` with `to` in a state file, which must hold it.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.state().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Keeps the escalation log lines `keep` says to keep, as an agent
    /// rewriting its file each morning would.
    fn escalations(&self, keep: impl Fn(&str) -> bool) {
        let path = self.state().join("meta-ads/escalations.jsonl");
        let original =
            std::fs::read_to_string(repo().join("sample-state/meta-ads/escalations.jsonl"))
                .unwrap();
        let lines: Vec<&str> = original.lines().filter(|l| keep(l)).collect();
        assert!(!lines.is_empty());
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    }

    fn set_config(&self, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.config()).unwrap();
        assert!(text.contains(from), "briefing.toml has no `{from}`");
        std::fs::write(self.config(), text.replacen(from, to, 1)).unwrap();
    }

    /// Friday: the calendar agrees on the Acme due date; the escalation
    /// log runs from 7 to 20 November.
    fn friday(&self) {
        self.edit(
            "deadline-calendar/deadlines.md",
            "Dec 5, 2026",
            "Dec 1, 2026",
        );
        self.escalations(|l| l < "{\"ts\": \"2026-11-21");
    }

    /// Monday: the calendar says 5 December (a new conflict); the ads
    /// agent rewrote its file with this morning's report only.
    fn monday(&self) {
        self.edit(
            "deadline-calendar/deadlines.md",
            "Dec 1, 2026",
            "Dec 5, 2026",
        );
        self.escalations(|l| l.contains("\"ts\": \"2026-11-23"));
    }

    /// Tuesday: the email drafter writes the portal date day first (that
    /// conflict is resolved), the tracker's Acme budget moves, the
    /// calendar stops claiming projects (the score moves), and the ads
    /// agent rewrote its file again.
    fn tuesday(&self) {
        self.edit(
            "client-email-drafter/outbox.yaml",
            "go_live: 04/12/2026",
            "go_live: 2026-12-04",
        );
        self.edit(
            "project-tracker/projects.json",
            "\"$48,000\"",
            "\"$47,000\"",
        );
        self.set_config(
            "owns = [\"project.*\"]                 # meant only its own reminders",
            "owns = []                 # meant only its own reminders",
        );
        self.escalations(|l| l.contains("\"ts\": \"2026-11-24"));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no warning");
    String::from_utf8(out.stdout).unwrap()
}

/// The conflict block of `--plain` whose title holds `title`, on one line.
fn block(text: &str, title: &str) -> String {
    let numbered = |l: &str| {
        l.split_once(". [")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
    };
    let found = text
        .split("\n\n")
        .find_map(|b| {
            let at = b.find(b.lines().find(|l| numbered(l) && l.contains(title))?)?;
            Some(&b[at..])
        })
        .unwrap_or_else(|| panic!("no block `{title}` in\n{text}"));
    found.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect()
}

fn flu(doc: &Value) -> &Value {
    doc["escalations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Flu Season Awareness overspend")
        .unwrap()
}

#[test]
fn three_mornings_new_persisting_resolved_and_the_trend() {
    let org = Org::new();

    // Friday, the first day recorded: nothing said about history.
    org.friday();
    let friday = org.plain(FRIDAY);
    assert!(!friday.contains("SINCE "), "{friday}");
    assert!(
        !friday.lines().nth(1).unwrap().contains("since"),
        "{friday}"
    );
    assert!(
        !friday.contains("mornings") && !friday.contains("New today"),
        "{friday}"
    );
    let doc = org.json(FRIDAY);
    assert!(doc.get("history").is_none());
    assert_eq!(flu(&doc)["streak_days"], 14);
    let friday_score = doc["score"]["total"].as_u64().unwrap();

    // Monday: compared with Friday, the last day recorded.
    org.monday();
    let monday = org.plain(MONDAY);
    assert!(monday.contains("SINCE FRIDAY 20 NOVEMBER"), "{monday}");
    assert!(
        monday.contains("- New conflict: Acme Website Redesign (project) due_date [MEDIUM]"),
        "{monday}"
    );
    let acme = block(&monday, "Acme Website Redesign (project) · due_date");
    assert!(acme.contains("New today."), "{acme}");
    let initech = block(&monday, "Initech Analytics Retainer");
    assert!(
        initech.contains("Open 2 mornings, since Fri 20 Nov."),
        "{initech}"
    );
    let doc = org.json(MONDAY);
    let h = &doc["history"];
    assert_eq!(h["previous"], FRIDAY);
    assert_eq!(keys(&h["new"]), [ACME_DUE]);
    assert_eq!(h["first_seen"][ACME_DUE], MONDAY);
    assert_eq!(h["first_seen"][INITECH_CLOSE], FRIDAY);
    // The file holds one report now; the streak goes on all the same.
    assert_eq!(flu(&doc)["reports"], 1);
    assert_eq!(flu(&doc)["streak_days"], 17);
    assert_eq!(flu(&doc)["age_days"], 16);

    // Tuesday.
    org.tuesday();
    let tuesday = org.plain(TUESDAY);
    let doc = org.json(TUESDAY);
    let score = doc["score"]["total"].as_u64().unwrap();
    let monday_score = h["score_series"][1][1].as_u64().unwrap();
    assert_eq!(
        h["score_series"][0],
        serde_json::json!([FRIDAY, friday_score])
    );
    assert_ne!(score, monday_score, "the score moves");
    let summary = tuesday.lines().nth(1).unwrap();
    assert!(
        summary.starts_with(&format!(
            "Score {score}/100, +{} since Mon 23 Nov; last 3: ",
            score - monday_score
        )),
        "{summary}"
    );
    assert!(tuesday.contains("SINCE MONDAY 23 NOVEMBER"), "{tuesday}");
    let since = tuesday
        .split("SINCE MONDAY 23 NOVEMBER")
        .nth(1)
        .unwrap()
        .split("DECIDE TODAY")
        .next()
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        since.contains("- Resolved: Patient Portal Launch (project) due_date: the sources agree"),
        "{since}"
    );
    assert!(
        since.contains(
            "- Changed: project-tracker on Acme Website Redesign (project) budget: from 48000.00 USD to 47000.00 USD"
        ),
        "{since}"
    );
    let acme = block(&tuesday, "Acme Website Redesign (project) · due_date");
    assert!(
        acme.contains("Open 2 mornings, since Mon 23 Nov."),
        "{acme}"
    );
    let initech = block(&tuesday, "Initech Analytics Retainer");
    assert!(
        initech.contains("Open 3 mornings, since Fri 20 Nov."),
        "{initech}"
    );
    let words = tuesday.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("reported once, 18 days running"),
        "{tuesday}"
    );

    let h = &doc["history"];
    assert_eq!(h["previous"], MONDAY);
    assert_eq!(h["previous_score"], monday_score);
    assert!(keys(&h["new"]).is_empty());
    assert_eq!(keys(&h["resolved"]), [PORTAL_DUE]);
    assert_eq!(keys(&h["changed"]), [ACME_BUDGET]);
    assert_eq!(h["changes"]["conflicts_resolved"][0]["how"], "agreed");
    let change = &h["changes"]["values_changed"][0];
    assert_eq!(
        (&change["seat"], &change["from"], &change["to"]),
        (
            &Value::from("project-tracker"),
            &Value::from("48000.00 USD"),
            &Value::from("47000.00 USD")
        )
    );
    assert_eq!(h["first_seen"][ACME_DUE], MONDAY);
    assert_eq!(h["mornings"][ACME_DUE], 2);
    assert_eq!(h["mornings"][INITECH_CLOSE], 3);
    assert!(h["first_seen"].get(PORTAL_DUE).is_none());
    assert_eq!(
        h["score_series"],
        serde_json::json!([
            [FRIDAY, friday_score],
            [MONDAY, monday_score],
            [TUESDAY, score]
        ])
    );
    assert_eq!(flu(&doc)["streak_days"], 18);

    // Running the same day again replaces it: the same comparison.
    assert_eq!(org.json(TUESDAY)["history"], doc["history"]);

    // 7-bit text: the trend in digits.
    let ascii = ok(org.run(TUESDAY, &["--plain", "--ascii"]));
    let summary = ascii.lines().nth(1).unwrap();
    assert!(summary.is_ascii(), "{summary}");
    let trend: String = [friday_score, monday_score, score]
        .iter()
        .map(|s| char::from(b'0' + (s / 10).min(9) as u8))
        .collect();
    assert!(summary.contains(&format!("last 3: {trend} -")), "{summary}");

    // The top of Tuesday's text, through the first conflict.
    let top: String = tuesday.split("\n2. ").next().unwrap().to_string();
    insta::assert_snapshot!("tuesday_plain_top", top);

    // `briefing history`: a row per day.
    let table = ok(org.run(TUESDAY, &["history", "--days", "7"]));
    insta::assert_snapshot!("history_table", table);
    let doc: Value = serde_json::from_str(&ok(org.run(TUESDAY, &["history", "--json"]))).unwrap();
    assert_eq!(doc["schema"], "briefing-history/1");
    let days: Vec<&str> = doc["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, [FRIDAY, MONDAY, TUESDAY]);
    assert_eq!(doc["days"][2]["score"], score);
    let one: Value =
        serde_json::from_str(&ok(org.run(TUESDAY, &["history", "--days", "1", "--json"]))).unwrap();
    assert_eq!(one["days"].as_array().unwrap().len(), 1);

    // The terminal UI, in-process, on the same history.
    terminal_ui(&org);
}

fn draw(app: &App) -> String {
    draw_at(app, 80, 24)
}

fn draw_at(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| views::render(f, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The terminal UI in-process on `day`, as `briefing` opens it: the
/// briefing computed with the organisation's history, and that day
/// recorded.
fn open_ui(org: &Org, day: &str) -> App {
    let config = Config::load(&org.config()).unwrap();
    let locator = Locator {
        briefing_history: Some(org.history().into_os_string()),
        ..Locator::default()
    };
    let computed = tui::compute(
        &config,
        date(day),
        Some(&locator),
        &briefing::progress::Silent,
    )
    .unwrap();
    assert!(computed.warnings.is_empty(), "{:?}", computed.warnings);
    let mut app = App::new(
        computed.briefing,
        config.state_dir.clone(),
        config.path.clone(),
        Some(date(day)),
        Keymap::defaults(),
        Theme::monochrome(),
    );
    app.set_history(computed.days, computed.history, computed.warnings);
    app
}

/// Tuesday in the terminal UI: the change and the trend in the header,
/// ages on the rows, the History view and Tuesday's changes.
fn terminal_ui(org: &Org) {
    let mut app = open_ui(org, TUESDAY);

    let briefing = draw(&app);
    assert!(briefing.contains(" 7 History"), "{briefing}");
    assert!(briefing.contains("Score"), "{briefing}");
    insta::assert_snapshot!("tui_tuesday_briefing_80x24", briefing);

    app.update(Action::ShowView(View::Conflicts));
    let conflicts = draw(&app);
    assert!(conflicts.contains("2 mornings"), "{conflicts}");
    insta::assert_snapshot!("tui_tuesday_conflicts_80x24", conflicts);

    app.update(Action::ShowView(View::History));
    let history = draw(&app);
    insta::assert_snapshot!("tui_history_80x24", history);

    // Enter on Tuesday, the newest day: what changed since Monday.
    let effect = app.update(Action::Open);
    assert!(matches!(effect, Effect::LoadDay { .. }), "{effect:?}");
    assert_eq!(tui::perform(&mut app, effect), Effect::None);
    let day = draw(&app);
    assert!(day.contains("Since Mon 23 Nov"), "{day}");
    assert!(day.contains("resolved: Patient Portal Launch"), "{day}");
    insta::assert_snapshot!("tui_history_tuesday_80x24", day);

    // Back, down to Friday, the first day: nothing to compare with.
    app.update(Action::Back);
    app.update(Action::Bottom);
    let effect = app.update(Action::Open);
    tui::perform(&mut app, effect);
    assert!(draw(&app).contains("nothing earlier to compare it with"));
}

#[test]
fn the_terminal_ui_marks_what_is_new_today() {
    let org = Org::new();
    org.friday();
    org.plain(FRIDAY);
    org.monday();
    let mut app = open_ui(&org, MONDAY);

    // Wide enough, the header says what changed since Friday.
    let wide = draw_at(&app, 120, 40);
    let header = wide.lines().nth(1).unwrap();
    assert!(header.contains("since Fri 20 Nov: 1 new"), "{wide}");
    assert!(
        wide.lines().next().unwrap().contains("Score 67/100 -3"),
        "{wide}"
    );

    // The new conflict's row says so; one seen on Friday counts mornings.
    app.update(Action::ShowView(View::Conflicts));
    let conflicts = draw_at(&app, 120, 40);
    let row = |entity: &str, field: &str| {
        conflicts
            .lines()
            .find(|l| l.contains(entity) && l.contains(field))
            .unwrap_or_else(|| panic!("no row `{entity} {field}` in\n{conflicts}"))
            .to_string()
    };
    let acme = row("Acme Website Redesign", "due_date");
    assert!(
        acme.contains("new · 2026-12-01 vs 2026-12-05"),
        "{conflicts}"
    );
    let initech = row("Initech Analytics Retainer", "close_date");
    assert!(initech.contains("2 mornings · "), "{conflicts}");

    // Monday in the History view: the conflict that appeared.
    app.update(Action::ShowView(View::History));
    let effect = app.update(Action::Open);
    tui::perform(&mut app, effect);
    let day = draw(&app);
    assert!(day.contains("Since Fri 20 Nov"), "{day}");
    assert!(
        day.contains("new conflict: Acme Website Redesign · due_date (medium)"),
        "{day}"
    );
}

#[test]
fn no_history_neither_reads_nor_writes() {
    let org = Org::new();
    let first = ok(org.run(TUESDAY, &["--plain", "--no-history"]));
    assert!(!org.history().exists());
    assert!(!org.history().parent().unwrap().exists());
    // With a history recorded, --no-history shows the plain briefing and
    // leaves the database as it was.
    org.plain(MONDAY);
    let before = std::fs::read(org.history()).unwrap();
    let without = ok(org.run(TUESDAY, &["--plain", "--no-history"]));
    assert_eq!(without, first);
    assert_eq!(std::fs::read(org.history()).unwrap(), before);
    let with = org.plain(TUESDAY);
    assert!(with.contains("SINCE MONDAY 23 NOVEMBER"), "{with}");
    // Only the briefing takes it.
    let out = org.run(TUESDAY, &["check", "--no-history"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_damaged_database_is_a_warning_and_left_as_it_is() {
    let org = Org::new();
    std::fs::create_dir_all(org.history().parent().unwrap()).unwrap();
    let garbage = b"not a database at all, but something a person cares about\n".repeat(100);
    std::fs::write(org.history(), &garbage).unwrap();
    let out = org.run(TUESDAY, &["--plain"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: history database")
            && stderr.contains("it is not a history database; it is left as it is"),
        "{stderr}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("DECIDE TODAY") && !text.contains("SINCE"),
        "{text}"
    );
    assert_eq!(std::fs::read(org.history()).unwrap(), garbage);
    let names: Vec<_> = std::fs::read_dir(org.history().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no journal beside it: {names:?}");
}

#[test]
fn a_database_from_a_newer_briefing_is_left_as_it_is() {
    let org = Org::new();
    org.plain(MONDAY);
    {
        let conn = rusqlite::Connection::open(org.history()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(org.history()).unwrap();
    let out = org.run(TUESDAY, &["--json"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("written by a newer briefing"), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.get("history").is_none());
    assert_eq!(std::fs::read(org.history()).unwrap(), before);
}

#[test]
fn a_database_locked_too_long_is_a_warning() {
    let org = Org::new();
    org.plain(MONDAY);
    let conn = rusqlite::Connection::open(org.history()).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let out = org.run(TUESDAY, &["--plain"]);
    conn.execute_batch("ROLLBACK").unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("kept it locked"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("DECIDE TODAY"));
}

#[test]
fn two_processes_writing_at_once_both_record() {
    let org = Org::new();
    org.plain(FRIDAY);
    let spawn = |day: &str, format: &str| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"));
        cmd.env_remove("BRIEFING_CONFIG")
            .env("BRIEFING_HISTORY", org.history())
            .env("HOME", "/nonexistent")
            .arg("--config")
            .arg(org.config())
            .args(["--today", day, format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    // A cron --plain and a --json on another day, several times over, and
    // two of the same day.
    let mut children = Vec::new();
    for _ in 0..3 {
        children.push(spawn(MONDAY, "--plain"));
        children.push(spawn(TUESDAY, "--json"));
    }
    for child in children {
        let out = child.wait_with_output().unwrap();
        ok(out);
    }
    let doc: Value = serde_json::from_str(&ok(org.run(TUESDAY, &["history", "--json"]))).unwrap();
    let days: Vec<&str> = doc["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(days, [FRIDAY, MONDAY, TUESDAY]);
    let integrity: String = rusqlite::Connection::open(org.history())
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let doc = org.json(TUESDAY);
    assert_eq!(doc["history"]["previous"], MONDAY);
}

#[test]
fn a_history_under_the_state_directory_is_refused() {
    let org = Org::new();
    let inside = org.state().join("history.sqlite3");
    let out = org
        .briefing(TUESDAY)
        .env("BRIEFING_HISTORY", &inside)
        .arg("--plain")
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("inside the state directory"), "{stderr}");
    assert!(!inside.exists());
}

#[test]
fn the_history_is_found_where_the_configuration_or_xdg_says() {
    let org = Org::new();
    // [briefing] history, relative to the configuration.
    org.set_config("[briefing]\n", "[briefing]\nhistory = \"kept/org.db\"\n");
    let mut cmd = common::briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .arg("--config")
        .arg(org.config())
        .args(["--today", TUESDAY, "--plain"]);
    ok(cmd.output().unwrap());
    assert!(org.dir.path().join("kept/org.db").exists());

    // Else one file per organisation under $XDG_STATE_HOME/briefing/.
    let state_home = tempfile::tempdir().unwrap();
    let plain = Org::new();
    let mut cmd = common::briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .env("XDG_STATE_HOME", state_home.path())
        .arg("--config")
        .arg(plain.config())
        .args(["--today", TUESDAY, "--plain"]);
    ok(cmd.output().unwrap());
    assert!(
        state_home
            .path()
            .join("briefing/northwind-digital.sqlite3")
            .exists()
    );
    // `briefing history` reads it and creates nothing where there is none.
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = common::briefing();
    cmd.env_remove("BRIEFING_CONFIG")
        .env("XDG_STATE_HOME", empty.path())
        .arg("--config")
        .arg(plain.config())
        .args(["--today", TUESDAY, "history"]);
    let text = ok(cmd.output().unwrap());
    assert!(text.contains("No briefing day recorded"), "{text}");
    assert_eq!(std::fs::read_dir(empty.path()).unwrap().count(), 0);
}
