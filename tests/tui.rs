//! The terminal UI in-process: an `App` on the sample briefing, driven by
//! key events the way a terminal sends them, drawn to ratatui's
//! `TestBackend`, and checked after each step. Snapshots hold the text, at
//! 80x24 first (the common terminal), then 100x30 and 40x12; the style
//! tests check the cells where colour carries meaning.

use briefing::briefing::{Briefing, DecisionView, Severity};
use briefing::config::Config;
use briefing::config::keys::Bindable;
use briefing::diag::Pos;
use briefing::model::{
    AsOfSource, FileId, FileInfo, Format, Ingested, Interner, Mention, MentionId, SeatId, Span,
};
use briefing::reconcile::{Entity, EntityId, MatchReason, Reconciled};
use briefing::store::Store;
use briefing::tui::data::Screen;
use briefing::tui::{self, Action, App, Data, Effect, Keymap, Msg, Theme, View, views};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::style::{Color, Modifier};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

fn sample_config() -> Config {
    Config::load(&repo().join("briefing.toml")).unwrap()
}

/// The sample briefing for 2026-11-24. An unreadable file's as-of time is
/// its modification time, which is when the repository was checked out;
/// pin it so the screens are the same in every clone.
fn sample() -> Briefing {
    let mut b = briefing::run(&sample_config(), today()).unwrap();
    let pinned = "2026-11-24T09:00:00";
    let mut from_mtime = Vec::new();
    for f in &mut b.files {
        if f.as_of_source == "modified" {
            from_mtime.extend(f.as_of.replace(pinned.to_string()));
        }
    }
    for s in &mut b.seats {
        if s.as_of.as_ref().is_some_and(|t| from_mtime.contains(t)) {
            s.as_of = Some(pinned.to_string());
        }
    }
    b
}

fn app_with(briefing: Briefing, theme: Theme) -> App {
    let config = sample_config();
    App::new(
        briefing,
        config.state_dir,
        config.path,
        Some(today()),
        Keymap::defaults(),
        theme,
    )
}

/// What a reload of the sample hands the app.
fn sample_data(briefing: Briefing) -> Data {
    let config = sample_config();
    Data::new(briefing, config.state_dir, config.path)
}

fn app() -> App {
    app_with(sample(), Theme::colour())
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| views::render(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces dropped.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = symbol.width().saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn screen(app: &App, width: u16, height: u16) -> String {
    text(&draw(app, width, height))
}

fn press(app: &mut App, code: KeyCode) -> Effect {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// `d` and `y` to its question, with what that asks for performed as
/// the run loop performs it.
fn press_decide(app: &mut App) -> Effect {
    let asked = press(app, KeyCode::Char('d'));
    assert_eq!(asked, Effect::None, "d only asks");
    let effect = press(app, KeyCode::Char('y'));
    tui::perform(app, effect)
}

/// A key, with what it asks for performed as the run loop performs it.
fn press_performed(app: &mut App, code: KeyCode) -> Effect {
    let effect = press(app, code);
    tui::perform(app, effect)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), modifiers));
    }
}

/// The row holding `needle`, and its column.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    text(buffer).lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        Some((line[..byte].width() as u16, y as u16))
    })
}

/// The text inside a box drawn over the screen, its lines joined as they
/// were wrapped.
fn boxed(screen: &str) -> String {
    screen
        .lines()
        .filter_map(|l| {
            let start = l.find('│')? + '│'.len_utf8();
            let end = l.rfind('│')?;
            (start < end).then(|| l[start..end].trim())
        })
        .collect::<Vec<_>>()
        .join("")
}

/// The selected row's text (the one with the cursor glyph).
fn selected_line(app: &App, width: u16, height: u16) -> String {
    screen(app, width, height)
        .lines()
        .find(|l| l.starts_with('›'))
        .unwrap_or_default()
        .to_string()
}

/// The sizes every view is drawn at: the common terminal first, a roomier
/// one, and the smallest that is more than "too small".
const SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (40, 12)];

#[test]
fn each_view_at_80x24_100x30_and_40x12() {
    // The History view needs a second recorded day; tests/history.rs
    // shows it.
    for view in View::ALL.into_iter().filter(|&v| v != View::History) {
        let mut app = app();
        app.update(Action::ShowView(view));
        for (w, h) in SIZES {
            let name = format!("view_{}_{w}x{h}", view.title().to_lowercase());
            insta::assert_snapshot!(name, screen(&app, w, h));
        }
    }
}

#[test]
fn without_a_history_there_is_no_history_view() {
    let mut app = app();
    let before = screen(&app, 80, 24);
    assert!(!before.contains("History"), "{before}");
    app.update(Action::ShowView(View::History));
    assert_eq!(app.view(), View::Briefing);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("No history yet: it starts with the second briefing day recorded"),
        "{s}"
    );
    // Tab goes round the other six views, past the History.
    let mut seen = Vec::new();
    for _ in 0..6 {
        app.update(Action::NextView);
        seen.push(app.view());
    }
    assert!(!seen.contains(&View::History), "{seen:?}");
    assert_eq!(seen.last(), Some(&View::Briefing));
}

#[test]
fn the_briefing_shows_org_date_counts_and_decisions_at_a_glance() {
    let app = app();
    let s = screen(&app, 80, 24);
    assert!(s.contains("Northwind Digital"), "{s}");
    assert!(s.contains("Tuesday 24 November 2026"), "{s}");
    // The plain summary line's numbers, and at 80 columns the stale seat
    // and the unreadable file too: parts shorten before any goes.
    assert!(s.contains("Score 69/100"), "{s}");
    assert!(
        s.contains(
            " 5 conflicts (▲ 3 high) │ !! 1 overdue │ ! 1 alert │ ◷ 1 stale │ ✗ 1 unreadable"
        ),
        "{s}"
    );
    // Wider, in full.
    let wide = screen(&app, 120, 40);
    assert!(
        wide.contains(
            "5 conflicts: ▲ 3 high ● 2 medium │ !! 1 overdue escalation │ ! 1 alert \
             │ ◷ 1 stale seat │ ✗ 1 unreadable file"
        ),
        "{wide}"
    );
    // The header counts the files the Files tab lists.
    assert!(
        wide.contains("26 files · 87 entities │ Score 69/100"),
        "{wide}"
    );
    assert!(wide.contains("5 Files 26"), "{wide}");
    // Ranked by severity, each with its owner seat and person.
    let decisions: Vec<&str> = s
        .lines()
        .filter(|l| l.contains("HIGH") || l.contains("MED "))
        .collect();
    assert_eq!(decisions.len(), 5, "{s}");
    assert!(decisions[..3].iter().all(|l| l.contains("▲ HIGH")), "{s}");
    assert!(decisions[0].contains("Acme Website Redesign · due_date"));
    assert!(decisions[0].contains("project-tracker (Dana Ruiz)"));
    assert!(
        s.contains("2026-12-01 (owner) vs 2026-12-05 deadline-calendar"),
        "{s}"
    );
    // The selection starts on the first decision, under the alarm.
    assert!(selected_line(&app, 80, 24).contains("Acme Website Redesign · due_date"));
}

#[test]
fn an_overdue_escalation_is_the_first_thing_the_briefing_shows() {
    for theme in [Theme::colour(), Theme::monochrome()] {
        let app = app_with(sample(), theme);
        let s = screen(&app, 80, 24);
        let lines: Vec<&str> = s.lines().collect();
        // Right under the tabs, above the decisions: the age, how late,
        // the streak, the raising seat and its human, and the target.
        assert_eq!(
            lines[3], " !!! OVERDUE ESCALATION: Flu Season Awareness overspend",
            "{s}"
        );
        assert_eq!(
            lines[4],
            "     Open 17 days, 15 days overdue · reported 18 times, 18 days running"
        );
        assert_eq!(
            lines[5],
            "     Raised by meta-ads-monitor (Keisha Grant) to ops-lead, never executed"
        );
        let decide = lines.iter().position(|l| l.contains("DECIDE TODAY"));
        assert_eq!(decide, Some(7), "{s}");
        // The alert is under Also today, in the plain briefing's words.
        assert!(
            s.contains("! overspend: Flu Season Awareness 139% of budget (over 110%)"),
            "{s}"
        );
    }
    // Without colour the bar is reverse video.
    let b = draw(&app_with(sample(), Theme::monochrome()), 80, 24);
    let (x, y) = find(&b, "!!! OVERDUE").unwrap();
    assert!(b[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(b[(79, y)].modifier.contains(Modifier::REVERSED));

    // It is the list's first item: up from the first decision selects it,
    // and Enter opens it in full, with the report and where it is.
    let mut app = app();
    press(&mut app, KeyCode::Up);
    assert!(selected_line(&app, 80, 24).starts_with("›!!! OVERDUE ESCALATION"));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("escalation_detail_80x24", s);
    for expected in [
        "!! OVERDUE · Flu Season Awareness overspend",
        "Raised by: meta-ads-monitor (Keisha Grant), on Nov 7 (17 days ago)",
        "Deadline: Nov 9 (SLA 2d), 15 days overdue",
        "Reported: 18 times, 18 days running",
        "Source: meta-ads/escalations.jsonl:20 (press e to open it)",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().state_dir.join("meta-ads/escalations.jsonl"),
            line: 20
        }
    );
}

#[test]
fn at_40_columns_the_briefing_still_shows_a_decision() {
    for h in [12, 10] {
        let s = screen(&app(), 40, h);
        let lines: Vec<&str> = s.lines().collect();
        let title = lines.iter().position(|l| l.contains("DECIDE TODAY"));
        let title = title.unwrap_or_else(|| panic!("40x{h}:\n{s}"));
        assert!(
            lines[title + 1].starts_with("› ▲ HIGH Acme"),
            "40x{h}:\n{s}"
        );
        assert!(
            lines[title + 2].contains("2026-12-01 (owner)"),
            "40x{h}:\n{s}"
        );
    }
    insta::assert_snapshot!("view_briefing_40x10", screen(&app(), 40, 10));
}

#[test]
fn also_today_scrolls_and_every_row_opens() {
    let mut app = app();
    // `G` goes to the last thing on the Briefing, not the last decision.
    press(&mut app, KeyCode::Char('G'));
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("briefing_also_today_80x24", s);
    assert!(s.contains("ALSO TODAY") && s.contains("8 of 8"), "{s}");
    assert!(selected_line(&app, 80, 24).contains("Initech Analytics Retainer · status"));
    // Nothing is cut off for want of room: each row wraps under itself.
    for expected in [
        "! overspend: Flu Season Awareness 139% of budget (over 110%); no single seat",
        "    owns spend",
        "◷ content-scheduler is stale (Mia Chen): last update Oct 29 16:02, expected",
        "✗ call-center/callbacks.json: cannot parse as JSON: expected comma (line 9:6)",
        "i google-ads/alerts.log: skipped, no reader for its format",
        "? scratch/notes.json: no seat claims this file",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }

    // Every row opens what it is about.
    let data = &app.data;
    let first_note = data.first_decision() + data.decide.len();
    let notes = data.notes.len();
    let mut opened = Vec::new();
    for n in 0..notes {
        let mut app = app_with(sample(), Theme::colour());
        app.update(Action::Top);
        for _ in 0..first_note + n {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        let s = screen(&app, 80, 24);
        opened.push(match app.screen() {
            Screen::Alert(_) => "alert".to_string(),
            Screen::Seat(_) => "seat".to_string(),
            Screen::View(View::Gaps) => "gaps".to_string(),
            Screen::File(_) => format!("file {}", s.lines().nth(3).unwrap_or_default().trim()),
            Screen::Shadow(_) => "shadow".to_string(),
            other => format!("{other:?}"),
        });
    }
    assert_eq!(
        opened,
        [
            "alert",
            "seat",
            "gaps",
            "file call-center/callbacks.json  ✗ unreadable",
            "file google-ads/alerts.log  i skipped",
            "file scratch/notes.json  ✓ read",
            "shadow",
            "shadow",
        ]
    );
}

#[test]
fn an_alert_shows_both_sides_of_its_ratio() {
    let mut app = app();
    let alert = app.data.first_decision() + app.data.decide.len();
    for _ in app.list().selected_row()..alert {
        press(&mut app, KeyCode::Down);
    }
    assert!(selected_line(&app, 80, 24).contains("overspend"));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("alert_detail_80x24", s);
    // The spend from meta-ads, the budget from invoicing, as --plain has
    // them, each where it was read.
    assert!(
        s.contains("Ratio: spend is 139% of budget, over the alert's 110%"),
        "{s}"
    );
    let spend = s.lines().find(|l| l.contains("spend   ")).unwrap();
    assert!(
        spend.contains("16680.00 USD") && spend.contains("meta-ads-monitor"),
        "{s}"
    );
    assert!(spend.contains("campaigns.yaml:11"), "{s}");
    let budget = s.lines().find(|l| l.contains("budget  ")).unwrap();
    assert!(
        budget.contains("12000.00 USD") && budget.contains("invoicing/budgets.yaml:38"),
        "{s}"
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().state_dir.join("meta-ads/campaigns.yaml"),
            line: 11
        }
    );
    press(&mut app, KeyCode::Down);
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().state_dir.join("invoicing/budgets.yaml"),
            line: 38
        }
    );
}

#[test]
fn a_shadow_disagreement_opens_as_a_conflict_that_cannot_be_decided() {
    let mut app = app();
    press(&mut app, KeyCode::Char('G'));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("shadow_detail_80x24", s);
    assert!(
        s.contains("~ SHADOW Initech Analytics Retainer (deal) · status"),
        "{s}"
    );
    assert!(s.contains("Shadow seats are shown, never trusted"), "{s}");
    press(&mut app, KeyCode::Char('G'));
    assert!(selected_line(&app, 80, 24).contains("~ shadow   prospecting"));
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    assert!(app.pending().is_none());
    assert!(screen(&app, 80, 24).contains("never trusted"));
    assert!(!screen(&app, 80, 24).contains("d decide"));
}

#[test]
fn the_conflicts_view_shows_the_dissent_in_full() {
    let mut app = app();
    app.update(Action::ShowView(View::Conflicts));
    // At 80 columns the values are on a line of their own under each row,
    // each with the seat that gives it; the owner keeps its human.
    let s = screen(&app, 80, 24);
    for expected in [
        "› ▲ HIGH Acme Website Redesign        due_date       project-tracker (Dana Ruiz)",
        "         2026-12-01 (owner) vs 2026-12-05 deadline-calendar",
        "         8420.00 USD google-ads-monitor vs 6150.00 USD meta-ads-monitor",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }
    assert!(!s.contains("vs 202…"), "{s}");
    // Wide enough, they get a column, one row each.
    let s = screen(&app, 120, 40);
    assert!(
        s.lines()
            .any(|l| l.contains("Acme Website Redesign") && l.ends_with("2026-12-01 vs 2026-12-05")),
        "{s}"
    );
}

#[test]
fn settled_conflicts_leave_decide_today_and_the_counts_agree() {
    let mut b = sample();
    let decided = |changed| DecisionView {
        keep: "project-tracker".into(),
        value: "2026-12-01".into(),
        by: Some("Dana Ruiz".into()),
        at: "2026-11-23".into(),
        note: None,
        changed,
    };
    let at = |b: &Briefing, entity: &str, field: &str| {
        b.conflicts
            .iter()
            .position(|c| c.entity == entity && c.field == field)
            .unwrap()
    };
    let due = at(&b, "project:acme-website-redesign", "due_date");
    b.conflicts[due].decision = Some(Box::new(decided(false)));
    let portal = at(&b, "project:patient-portal-launch", "due_date");
    b.conflicts[portal].decision = Some(Box::new(decided(true)));
    let app = app_with(b, Theme::colour());
    let s = screen(&app, 120, 40);
    // The header and the Conflicts tab count the same open conflicts.
    assert!(s.contains("4 conflicts: ▲ 2 high ● 2 medium"), "{s}");
    assert!(s.contains("2 Conflicts 4 "), "{s}");
    // Settled conflicts are the least urgent part of the header: only a
    // wide terminal has room for them.
    let wide = screen(&app, 140, 40);
    assert!(wide.contains("✗ 1 unreadable file │ ✓ 1 settled"), "{wide}");
    let decide = &s[s.find("DECIDE TODAY").unwrap()..s.find("ALSO TODAY").unwrap()];
    assert!(decide.contains("1 of 4"), "{s}");
    assert!(!decide.contains("Acme Website Redesign · due_date"), "{s}");
    assert!(
        s.contains("↻ changed since decided · 2026-12-04 (owner) vs 2026-04-12"),
        "{s}"
    );
    assert!(
        s.contains(
            "✓ Settled: Acme Website Redesign · due_date: keep project-tracker's 2026-12-01, \
             decided by Dana Ruiz on 2026-11-23"
        ),
        "{s}"
    );

    // The changed one says so in its drill-down too.
    let mut app = app;
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Patient Portal Launch (project) · due_date"),
        "{s}"
    );
    assert!(
        s.contains("↻ Changed since decided: on 2026-11-23 by Dana Ruiz it was settled"),
        "{s}"
    );
    // The Conflicts view lists all five, each in its state.
    press(&mut app, KeyCode::Char('2'));
    let s = screen(&app, 120, 40);
    assert!(s.contains("CONFLICTS · 4 open, 1 settled"), "{s}");
    assert!(s.contains("1 of 5"), "{s}");
    assert!(
        s.contains("✓ settled: keep project-tracker's 2026-12-01"),
        "{s}"
    );
    // Too long for the values column, so on a line of their own.
    assert!(
        s.contains("         ↻ changed since decided · 2026-12-04 (owner) vs 2026-04-12"),
        "{s}"
    );
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("view_conflicts_settled_80x24", s);
    assert!(
        s.contains("✓ settled: keep project-tracker's 2026-12-01 (Dana Ruiz, 2026-11-23)"),
        "{s}"
    );
}

#[test]
fn one_severity_reads_as_all_of_it() {
    let mut b = sample();
    for c in &mut b.conflicts {
        c.severity = Severity::Low;
    }
    let s = screen(&app_with(b, Theme::colour()), 80, 24);
    assert!(s.contains(" 5 conflicts, all ○ low │"), "{s}");
}

/// briefing.toml copied into a temporary directory, reading the sample
/// state where it is, so decisions are written beside the copy.
fn temp_config(dir: &Path) -> Config {
    let text = std::fs::read_to_string(repo().join("briefing.toml")).unwrap();
    let state_dir = toml::Value::String(repo().join("sample-state").display().to_string());
    let copy = text.replacen(
        "state_dir = \"sample-state\"",
        &format!("state_dir = {state_dir}"),
        1,
    );
    assert_ne!(copy, text, "the sample's state_dir line moved");
    let path = dir.join("briefing.toml");
    std::fs::write(&path, copy).unwrap();
    Config::load(&path).unwrap()
}

#[test]
fn d_asks_then_keeps_the_selected_value_beside_the_config_and_u_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let config = temp_config(dir.path());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&config.path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let run = || briefing::run(&config, today()).unwrap();
    let reload = |app: &mut App| {
        app.reloaded(Ok(Data::new(
            run(),
            config.state_dir.clone(),
            config.path.clone(),
        )))
    };
    let mut app = App::new(
        run(),
        config.state_dir.clone(),
        config.path.clone(),
        Some(today()),
        Keymap::defaults(),
        Theme::colour(),
    );
    // On the list, d says where it works, and the hint bar does not
    // offer it.
    assert!(!screen(&app, 80, 24).contains("d decide"));
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    assert!(screen(&app, 80, 24).contains("Open a conflict and select the value to keep"));

    // Into the Acme due date; keep the dissenting calendar's date.
    press(&mut app, KeyCode::Enter);
    assert!(
        screen(&app, 80, 24).contains("d decide"),
        "the footer offers it"
    );
    press(&mut app, KeyCode::Char('j'));
    assert!(selected_line(&app, 80, 24).contains("DISSENT  deadline-calendar"));
    // `d` asks first; anything but `y` is a no, and writes nothing.
    let path = dir.path().join("briefing.decisions.toml");
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("decide_asks_80x24", s);
    assert_eq!(
        s.lines().last().unwrap(),
        " Keep deadline-calendar's 2026-12-05? y/n"
    );
    assert_eq!(press(&mut app, KeyCode::Char('n')), Effect::None);
    assert!(screen(&app, 80, 24).contains("Not decided: nothing was written"));
    assert!(!path.exists());
    // `y` asks the run loop to record it beside the configuration; the
    // loop's outcome, fed back, asks for a reload.
    press(&mut app, KeyCode::Char('d'));
    let effect = press(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&effect, Effect::Decide { path: to, .. } if *to == path),
        "{effect:?}"
    );
    assert!(!path.exists());
    assert_eq!(tui::perform(&mut app, effect), Effect::Reload);

    // The one file written, beside the configuration, atomically whole,
    // readable by whoever may read the configuration.
    let by = std::env::var("USER").ok().filter(|u| !u.trim().is_empty());
    let by_line = by
        .as_deref()
        .map(|u| format!("by = {}\n", toml::Value::String(u.into())))
        .unwrap_or_default();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!(
            "# Decisions on conflicts, written by `briefing decide` and the d key of the terminal UI.\n\n\
             [[decision]]\n\
             entity = \"project:acme-website-redesign\"\n\
             field = \"due_date\"\n\
             keep = \"deadline-calendar\"\n\
             value = \"2026-12-05\"\n\
             values = [\"2026-12-01\", \"2026-12-05\"]\n\
             {by_line}\
             at = \"2026-11-24\"\n"
        )
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["briefing.decisions.toml", "briefing.toml"]);
    assert!(!repo().join("sample-state/briefing.decisions.toml").exists());

    // What the run loop does on Effect::Reload: the conflict is settled,
    // and the footer says what was written where.
    reload(&mut app);
    let s = screen(&app, 120, 40);
    let by_text = by.map(|u| format!(" by {u}")).unwrap_or_default();
    assert!(
        s.contains(&format!(
            "✓ Settled: keep deadline-calendar's 2026-12-05, decided{by_text} on 2026-11-24"
        )),
        "{s}"
    );
    // What was kept and where: the path gives way from the left, down to
    // the file's name, before the message is cut; `m` shows it whole.
    let footer = screen(&app, 120, 40).lines().last().unwrap().to_string();
    assert!(
        footer.starts_with(" Kept deadline-calendar's 2026-12-05 in …")
            && footer
                .contains("/briefing.decisions.toml for Acme Website Redesign due_date; u undoes"),
        "{footer}"
    );
    let footer = screen(&app, 80, 24).lines().last().unwrap().to_string();
    assert!(
        footer.starts_with(" Kept deadline-calendar's 2026-12-05 in …/briefing.decisions.toml for")
            && footer.ends_with("…  m more"),
        "{footer}"
    );
    press(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 80, 24);
    let boxed = boxed(&s);
    let tmp = dir
        .path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .to_string();
    assert!(boxed.contains(&tmp), "{s}");
    press(&mut app, KeyCode::Esc);
    // Back on the briefing it has left Decide today for Also today, and
    // the header and the tab agree.
    press(&mut app, KeyCode::Esc);
    let s = screen(&app, 120, 40);
    assert!(s.contains("4 conflicts: ▲ 2 high ● 2 medium"), "{s}");
    assert!(s.contains("2 Conflicts 4 "), "{s}");
    let decide = &s[s.find("DECIDE TODAY").unwrap()..s.find("ALSO TODAY").unwrap()];
    assert!(!decide.contains("Acme Website Redesign · due_date"), "{s}");
    assert!(
        s.contains("✓ Settled: Acme Website Redesign · due_date: keep deadline-calendar's"),
        "{s}"
    );

    // `u` takes it back out; the conflict is open again.
    assert!(
        screen(&app, 120, 40).contains("u undo"),
        "offered once there is one"
    );
    assert_eq!(
        press_performed(&mut app, KeyCode::Char('u')),
        Effect::Reload
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("[[decision]]").count(), 0, "{text}");
    reload(&mut app);
    let s = screen(&app, 120, 40);
    assert!(s.contains("5 conflicts: ▲ 3 high ● 2 medium"), "{s}");
    let footer = s.lines().last().unwrap();
    assert!(
        footer.starts_with(" Undone in ")
            && footer.ends_with(
                "/briefing.decisions.toml: Acme Website Redesign due_date is open again"
            ),
        "{s}"
    );
    assert_eq!(press(&mut app, KeyCode::Char('u')), Effect::None);
    assert!(screen(&app, 80, 24).contains("Nothing to undo"));

    // Deciding on another row of a settled conflict says what it replaces.
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(press_decide(&mut app), Effect::Reload);
    reload(&mut app);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('d'));
    assert_eq!(
        app.pending().map(|p| p.question.as_str()),
        Some("Keep deadline-calendar's 2026-12-05 instead of project-tracker's 2026-12-01?")
    );
    let effect = press(&mut app, KeyCode::Char('y'));
    assert_eq!(tui::perform(&mut app, effect), Effect::Reload);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("[[decision]]").count(), 1, "{text}");
    assert!(text.contains("keep = \"deadline-calendar\""), "{text}");
    // Undoing that puts the decision it replaced back.
    assert_eq!(
        press_performed(&mut app, KeyCode::Char('u')),
        Effect::Reload
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("keep = \"project-tracker\""), "{text}");
    reload(&mut app);
    assert!(
        screen(&app, 120, 40).contains("is back to keeping project-tracker's 2026-12-01"),
        "{}",
        screen(&app, 120, 40)
    );
}

#[test]
fn a_decision_that_cannot_be_written_is_a_status_line_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("briefing.toml");
    let app_here = || {
        App::new(
            sample(),
            sample_config().state_dir,
            config.clone(),
            Some(today()),
            Keymap::defaults(),
            Theme::colour(),
        )
    };
    // The decisions "file" is a directory: it cannot be read or replaced.
    std::fs::create_dir(dir.path().join("briefing.decisions.toml")).unwrap();
    let mut app = app_here();
    press(&mut app, KeyCode::Enter);
    assert_eq!(press_decide(&mut app), Effect::None);
    let s = screen(&app, 120, 40);
    assert!(s.contains("cannot read the decisions"), "{s}");
    assert_eq!(app.status().map(|s| s.error), Some(true));
    assert_eq!(
        press(&mut app, KeyCode::Char('u')),
        Effect::None,
        "nothing was done"
    );

    // A malformed file is named with its line, and left alone.
    std::fs::remove_dir(dir.path().join("briefing.decisions.toml")).unwrap();
    let bad = "[[decision]]\nentity = \"x\"\nfeild = \"y\"\n";
    std::fs::write(dir.path().join("briefing.decisions.toml"), bad).unwrap();
    let mut app = app_here();
    press(&mut app, KeyCode::Enter);
    assert_eq!(press_decide(&mut app), Effect::None);
    assert!(
        screen(&app, 120, 40).contains("briefing.decisions.toml:3"),
        "{}",
        screen(&app, 120, 40)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("briefing.decisions.toml")).unwrap(),
        bad
    );

    // A value from a file no seat claims cannot be kept: `d` says so
    // rather than ask.
    std::fs::remove_file(dir.path().join("briefing.decisions.toml")).unwrap();
    let mut app = app_here();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('G'));
    assert!(selected_line(&app, 80, 24).contains("(unassigned file)"));
    assert!(!screen(&app, 80, 24).contains("d decide"));
    assert_eq!(press(&mut app, KeyCode::Char('d')), Effect::None);
    assert!(app.pending().is_none());
    assert!(screen(&app, 80, 24).contains("No seat claims the file"));
    assert!(!dir.path().join("briefing.decisions.toml").exists());
}

#[test]
fn the_gaps_view_breaks_the_score_down_and_opens_each_gap() {
    let mut app = app();
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.view(), View::Gaps);
    let s = screen(&app, 80, 24);
    // Every part: name, points of weight, what was measured, what cost
    // points, with times written as everywhere else on the screen.
    for expected in [
        " SCORE 69/100",
        "ownership       5.6/25  148 of 656 facts have exactly one owner",
        "campaign.client: owned twice (59 entities) +18 more",
        "follow_through 15.0/20  3 of 4 escalations are not overdue",
        "Flu Season Awareness overspend: 15 days overdue",
        "freshness      13.9/15",
        "content-scheduler: stale since Oct 29 16:02",
        "GAPS · 15",
        "dissent            client-email-draf… client-email-drafter … briefing.toml:153",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }
    assert!(!s.contains("2026-10-29T16:02"), "{s}");
    let gaps = app.data.briefing.gaps.len();
    assert_eq!(app.list().rows(), gaps);

    // `/` filters the gaps; Enter shows one in full.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "stale");
    assert!(app.list().rows() < gaps);
    assert!(selected_line(&app, 80, 24).contains("stale_seat"));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("gap_detail_80x24", s);
    assert!(s.contains("stale_seat · content-scheduler"), "{s}");
    assert!(s.contains("its newest state is from Oct 29 16:02"), "{s}");
    assert!(
        s.contains("Where: briefing.toml:91 (press e to open it there)"),
        "{s}"
    );
    // Only the keys that act on prose: no moving, opening or filtering.
    let footer = s.lines().last().unwrap();
    assert_eq!(
        footer,
        " Esc back  Tab view  e edit  r reload  ? help  q quit"
    );
    // `e` opens briefing.toml at that line.
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().path,
            line: 91
        }
    );
    // A gap without a line of its own: the file no seat claims opens.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list().rows(), gaps);
    press(&mut app, KeyCode::Char('G'));
    assert!(selected_line(&app, 80, 24).contains("unassigned_file"));
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().state_dir.join("scratch/notes.json"),
            line: 1
        }
    );
}

#[test]
fn the_header_keeps_the_score_and_the_urgent_counts_as_it_narrows() {
    let app = app();
    for w in [40, 50, 60, 72, 80, 100] {
        let s = screen(&app, w, 24);
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[0].ends_with("Score 69/100"), "{w}: {s}");
        assert!(lines[1].starts_with(" 5 conflicts"), "{w}: {s}");
        // What goes first is the least urgent: the overdue escalation
        // stays while there is any room for it.
        if w >= 60 {
            assert!(lines[1].contains("!! 1 overdue"), "{w}: {s}");
        }
        if w >= 80 {
            assert!(lines[1].contains("◷ 1 stale │ ✗ 1 unreadable"), "{w}: {s}");
        }
        assert!(!lines[1].contains('…'), "parts go whole, never cut: {s}");
    }
}

#[test]
fn the_conflict_drill_down_shows_every_source_side_by_side() {
    let mut app = app();
    assert_eq!(press(&mut app, KeyCode::Enter), Effect::None);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("conflict_detail_{w}x{h}"), screen(&app, w, h));
    }
    let s = screen(&app, 120, 40);
    for expected in [
        "★ OWNER    project-tracker",
        "✗ DISSENT  deadline-calendar",
        "\"Dec 5, 2026\"",
        "deadline-calendar/deadlines.md:18:13",
        "Nov 24 06:45 · today",
        "Ben Carter",
        "If project-tracker fails: Dana reruns the Accelo sync and tells the account lead by 10:00",
        "Escalate to: ops-lead",
        "Dissenting: deadline-calendar",
    ] {
        assert!(s.contains(expected), "missing {expected:?} in\n{s}");
    }
}

#[test]
fn a_drill_down_with_notes_and_one_without_an_owner() {
    let mut app = app();
    app.update(Action::ShowView(View::Conflicts));
    typed(&mut app, "jjj");
    press(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("conflict_detail_notes_80x24", screen(&app, 80, 24));
    press(&mut app, KeyCode::Esc);
    typed(&mut app, "k");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("conflict_detail_co_owned_80x24", s);
    assert!(s.contains("? CO-OWNER"), "{s}");
    assert!(
        s.contains("google-ads-monitor and meta-ads-monitor both own"),
        "{s}"
    );
}

#[test]
fn an_entity_shows_its_mentions_and_why_each_was_merged() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    // Enter on a conflict's source opens the entity it is about.
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(80, 24), (100, 30)] {
        insta::assert_snapshot!(format!("entity_detail_{w}x{h}"), screen(&app, w, h));
    }
    let s = screen(&app, 80, 24);
    assert!(s.contains("Acme Website Redesign (project)"), "{s}");
    assert!(s.contains("alias"), "merge reasons are shown:\n{s}");
    assert!(s.contains("▲ HIGH due_date"), "{s}");
    // "first" is the mention the entity starts from, and says so; the
    // field a reference came through is not cut away.
    assert!(s.contains("Merged by: first: where it starts"), "{s}");
    assert!(s.contains("first, via project"), "{s}");
}

#[test]
fn seat_and_file_details() {
    let mut app = app();
    app.update(Action::ShowView(View::Seats));
    typed(&mut app, "jjjj");
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("seat_detail_80x24", s);
    assert!(s.contains("content-scheduler"), "{s}");
    assert!(s.contains("If it fails: Mia posts"), "{s}");

    app.update(Action::ShowView(View::Files));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("file_detail_80x24", s);
    assert!(s.contains("line 9:6"), "{s}");
    assert!(s.contains("cannot parse as JSON: expected comma"), "{s}");
}

#[test]
fn the_files_and_seats_views_keep_what_tells_rows_apart() {
    let mut app = app();
    app.update(Action::ShowView(View::Files));
    let s = screen(&app, 80, 24);
    // Two files of one name in two directories stay two paths.
    assert!(s.contains("google-ads/escalations.jsonl"), "{s}");
    assert!(s.contains("meta-ads/escalations.jsonl"), "{s}");
    // The skipped file is listed, and opens to say why.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "alerts");
    press(&mut app, KeyCode::Enter);
    assert!(selected_line(&app, 80, 24).contains("google-ads/alerts.log"));
    assert!(selected_line(&app, 80, 24).contains("i skipped"));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("file_skipped_80x24", s);
    assert!(s.contains("Not read: no reader for its format"), "{s}");

    // The shadow seat's status keeps its last word.
    app.update(Action::ShowView(View::Seats));
    let s = screen(&app, 80, 24);
    let prospecting = s.lines().find(|l| l.contains("prospecting")).unwrap();
    assert!(prospecting.ends_with("no failure path, ~ shadow"), "{s}");
}

#[test]
fn unknown_key_actions_are_config_errors_with_a_line() {
    let err = Config::parse(
        "[briefing]\norg = \"A\"\n\n[keys]\nup = [\"k\"]\nqiut = [\"q\"]\n",
        Path::new("/org/briefing.toml"),
    )
    .unwrap_err();
    assert_eq!(err.line, Some(6), "{err}");
    assert!(err.to_string().contains("unknown action `qiut`"), "{err}");
    let err = Config::parse(
        "[briefing]\n[keys]\nquit = [\"ctrl-\"]\n",
        Path::new("/org/briefing.toml"),
    )
    .unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
}

#[test]
fn help_lists_every_key_from_the_live_keymap() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("help_80x24", s);
    // Under help the hint bar offers what acts there: scrolling, closing.
    assert_eq!(s.lines().last().unwrap(), " ↑↓ scroll  ? close");
    let s = screen(&app, 120, 50);
    for action in Bindable::ALL {
        assert!(s.contains(action.description()), "{action} missing:\n{s}");
    }
    // `q` closes help rather than quitting from under it.
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert!(!screen(&app, 80, 24).contains(" Keys "));
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Esc);
    assert!(!screen(&app, 80, 24).contains(" Keys "));

    // `[keys]` in briefing.toml changes what help and the footer show.
    let config = Config::parse(
        "[briefing]\nstate_dir = \"sample-state\"\n[keys]\nquit = [\"x\"]\nfilter = [\"f\", \"/\"]\n",
        &repo().join("briefing.toml"),
    )
    .unwrap();
    let mut app = App::new(
        sample(),
        config.state_dir.clone(),
        config.path.clone(),
        Some(today()),
        Keymap::with_overrides(&config.keys),
        Theme::colour(),
    );
    let s = screen(&app, 120, 40);
    assert!(s.contains("x quit") && s.contains("f filter"), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 120, 50);
    let quit = s
        .lines()
        .find(|l| l.contains("Quit;") && !l.contains("always"))
        .unwrap();
    assert!(quit.contains(" x ") && !quit.contains(" q "), "{quit}");
    press(&mut app, KeyCode::Esc);
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert_eq!(press(&mut app, KeyCode::Char('x')), Effect::Quit);
}

#[test]
fn help_dims_the_keys_that_do_nothing_here() {
    let mut app = app();
    press(&mut app, KeyCode::Char('?'));
    let b = draw(&app, 120, 50);
    let style_of = |needle: &str| {
        let (x, y) = find(&b, needle).unwrap_or_else(|| panic!("{needle}"));
        b[(x, y)].fg
    };
    // On the Briefing's list, moving acts and deciding does not.
    assert_eq!(style_of("Move down"), Color::Reset);
    assert_eq!(style_of("Ask to keep the selected value"), Color::DarkGray);
    assert_eq!(style_of("Take back the last decision"), Color::DarkGray);
}

#[test]
fn slash_filters_whole_words_first_and_drops_scattered_letters() {
    let mut app = app();
    // However many entities the sample holds today: `/acme` keeps the
    // rows that name Acme, as a name or as the parent, and no other.
    let all = app.data.briefing.entities.len();
    let acme: Vec<usize> = (0..all)
        .filter(|&e| {
            let entity = &app.data.briefing.entities[e];
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.eq_ignore_ascii_case("acme"))
            };
            words(entity.name()) || words(&app.data.parent_name(e))
        })
        .collect();
    assert!(acme.len() > 10 && acme.len() < all / 2, "{}", acme.len());
    app.update(Action::ShowView(View::Entities));
    press(&mut app, KeyCode::Char('/'));
    assert!(app.filtering());
    typed(&mut app, "acme");
    let mut kept = app.list().matches().unwrap().to_vec();
    kept.sort_unstable();
    assert_eq!(kept, acme);
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("entities_filtered_80x24", s);
    // Named Acme before parented by Acme.
    let rows: Vec<&str> = s.lines().skip(5).take(12).collect();
    assert!(rows.iter().all(|r| r.contains("  Acme ")), "{s}");
    assert!(s.contains(" /acme"), "{s}");
    assert!(s.contains(&format!("{} matches", acme.len())), "{s}");

    // While typing, j and k are text; arrows still move.
    press(&mut app, KeyCode::Down);
    assert!(selected_line(&app, 80, 24).contains("Acme"));
    // Enter keeps the filter and gives the keys back to the list.
    press(&mut app, KeyCode::Enter);
    assert!(!app.filtering());
    assert_eq!(app.list().filter(), "acme");
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list().selected_row(), 2);
    let chosen = app.list().selected_item();
    // Esc clears, and the selection stays on the same entity.
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.list().filter(), "");
    assert_eq!(app.list().rows(), all);
    assert_eq!(app.list().selected_item(), chosen);
    assert!(!screen(&app, 80, 24).lines().any(|l| l.starts_with(" /")));

    // A typo still finds what was meant when nothing matches as typed.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "redsign");
    assert!(selected_line(&app, 80, 24).contains("Acme Website Redesign"));
    press(&mut app, KeyCode::Esc);

    // A filter that matches nothing says so.
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "zzzz");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Nothing matches \"zzzz\""), "{s}");
    assert!(s.contains("no match"), "{s}");
    press(&mut app, KeyCode::Esc);
    assert!(!app.filtering());
    assert_eq!(app.list().rows(), all);

    // On the Briefing, `/pat` keeps the rows with a word starting so:
    // the Patient Portal decision, and the gaps' failure_path.
    let mut app = app_with(sample(), Theme::colour());
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "pat");
    let s = screen(&app, 80, 24);
    assert_eq!(app.list().rows(), 2, "{s}");
    assert!(selected_line(&app, 80, 24).contains("Patient Portal Launch · due_date"));
    assert!(s.contains("seat_without_failure_path"), "{s}");
}

/// gitui-style: the whole app driven by keys, the screen checked after
/// every step.
#[test]
fn a_morning_walk_through_the_app() {
    let mut app = app();
    let (w, h) = (80, 24);
    assert!(selected_line(&app, w, h).contains("Acme Website Redesign · due_date"));

    press(&mut app, KeyCode::Down);
    assert!(selected_line(&app, w, h).contains("Initech Analytics Retainer"));
    press(&mut app, KeyCode::Char('j'));
    assert!(selected_line(&app, w, h).contains("Stark Industries Black Friday"));
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Up);
    assert!(selected_line(&app, w, h).contains("Acme Website Redesign"));
    // Past the decisions into Also today.
    typed(&mut app, "jjjjj");
    assert!(selected_line(&app, w, h).contains("! overspend"));
    assert!(screen(&app, w, h).contains("1 of 8"));
    typed(&mut app, "g");
    assert!(selected_line(&app, w, h).starts_with("›!!! OVERDUE"));
    typed(&mut app, "j");

    // Into the conflict, down to the dissenting source, and open it.
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, w, h);
    assert!(s.contains("Dana Ruiz decides"), "{s}");
    press(&mut app, KeyCode::Char('j'));
    assert!(selected_line(&app, w, h).contains("DISSENT"));
    let effect = press(&mut app, KeyCode::Char('e'));
    assert_eq!(
        effect,
        Effect::Edit {
            path: sample_config()
                .state_dir
                .join("deadline-calendar/deadlines.md"),
            line: 18
        }
    );
    // Back out: the briefing is as we left it.
    press(&mut app, KeyCode::Esc);
    assert!(screen(&app, w, h).contains("DECIDE TODAY"));
    assert!(selected_line(&app, w, h).contains("Acme Website Redesign · due_date"));

    // Tab to Conflicts, find the Stark campaign, open it.
    press(&mut app, KeyCode::Tab);
    assert!(screen(&app, w, h).contains(" CONFLICTS"));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "stark");
    press(&mut app, KeyCode::Enter);
    assert!(selected_line(&app, w, h).contains("Stark Industries"));
    press(&mut app, KeyCode::Enter);
    let s = screen(&app, w, h);
    assert!(s.contains("? CO-OWNER"), "{s}");
    assert!(s.contains("\"$6,150\""), "{s}");

    // Shift-Tab goes back a view and leaves the drill-down.
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.view(), View::Briefing);
    // Number keys jump to a view; the files view reaches the diagnostics.
    press(&mut app, KeyCode::Char('5'));
    let s = screen(&app, w, h);
    assert!(s.contains("READING PROBLEMS · 2"), "{s}");
    assert!(s.contains("cannot parse as JSON"), "{s}");
    assert_eq!(
        press(&mut app, KeyCode::Char('e')),
        Effect::Edit {
            path: sample_config().state_dir.join("call-center/callbacks.json"),
            line: 9
        }
    );
    assert_eq!(press(&mut app, KeyCode::Char('r')), Effect::Reload);
    assert!(screen(&app, w, h).contains("Reloading"));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::Quit);
    assert_eq!(
        app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Effect::Quit
    );
}

#[test]
fn key_releases_and_repeats_from_enhanced_terminals_are_ignored() {
    let mut app = app();
    let start = app.list().selected_row();
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    assert_eq!(app.list().selected_row(), start);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(app.handle_key(release), Effect::None);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.list().selected_row(), start + 1);
}

#[test]
fn severity_and_roles_carry_colour_in_the_colour_theme() {
    let mut app = app();
    let b = draw(&app, 80, 24);
    let (x, y) = find(&b, "▲ HIGH").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Red);
    assert!(b[(x + 2, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(&b, "● MED").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Yellow);
    // The selected decision is highlighted across both of its lines.
    let (_, y) = find(&b, "› ▲ HIGH").unwrap();
    assert_eq!(b[(40, y)].bg, Color::DarkGray);
    assert_eq!(b[(40, y + 1)].bg, Color::DarkGray);
    assert_eq!(b[(40, y + 2)].bg, Color::Reset);
    // The overdue escalation's banner is a red bar across the screen,
    // its age and lateness in bold red under it.
    let (x, y) = find(&b, "!!! OVERDUE ESCALATION").unwrap();
    for col in [x, 40, 79] {
        assert_eq!((b[(col, y)].fg, b[(col, y)].bg), (Color::White, Color::Red));
    }
    let (x, y) = find(&b, "15 days overdue").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Red);
    assert!(b[(x, y)].modifier.contains(Modifier::BOLD));
    // The overdue escalation is an alarm: white on red.
    let (x, y) = find(&b, "!! 1 overdue").unwrap();
    assert_eq!((b[(x, y)].fg, b[(x, y)].bg), (Color::White, Color::Red));
    let (x, y) = find(&b, "! 1 alert").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Yellow);
    let (x, y) = find(&b, "1 stale").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Yellow);
    let (x, y) = find(&b, "1 unreadable").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Red);

    press(&mut app, KeyCode::Enter);
    let b = draw(&app, 80, 24);
    let (x, y) = find(&b, "★ OWNER").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Green);
    let (x, y) = find(&b, "✗ DISSENT").unwrap();
    assert_eq!(b[(x, y)].fg, Color::Red);
    let (vx, vy) = find(&b, "2026-12-05").unwrap();
    assert_eq!(
        (vy, b[(vx, vy)].fg),
        (y, Color::Red),
        "the dissenting value too"
    );
}

/// The screens a walk through the app shows, each with a name: every
/// view, every kind of drill-down, help, the message box, the filter and
/// the question `d` asks.
fn every_screen(theme: Theme) -> Vec<(String, App)> {
    let mut out = Vec::new();
    let mut add = |name: &str, keys: &[KeyCode]| {
        let mut app = app_with(sample(), theme.clone());
        for &k in keys {
            press(&mut app, k);
        }
        out.push((name.to_string(), app));
    };
    use KeyCode::{Char, Down, Enter, Up};
    for (view, key) in View::ALL.iter().zip('1'..='6') {
        add(view.title(), &[Char(key)]);
        add(&format!("{} help", view.title()), &[Char(key), Char('?')]);
    }
    add("also today", &[Char('G')]);
    add("escalation", &[Up, Enter]);
    add("conflict", &[Enter]);
    add("decide", &[Enter, Down, Char('d')]);
    add("entity", &[Enter, Enter]);
    add("file", &[Enter, Enter, Enter]);
    add("shadow", &[Char('G'), Enter]);
    add("seat", &[Char('4'), Enter]);
    add("gap", &[Char('6'), Enter]);
    add(
        "files filtered",
        &[Char('5'), Char('/'), Char('j'), Char('s')],
    );
    let mut alert = app_with(sample(), theme.clone());
    for _ in 0..5 {
        press(&mut alert, Down);
    }
    press(&mut alert, Enter);
    out.push(("alert".into(), alert));
    let failed = || {
        let mut app = app_with(sample(), theme.clone());
        app.reloaded(Err(long_reload_error()));
        app
    };
    out.push(("message cut".into(), failed()));
    let mut message = failed();
    press(&mut message, Char('m'));
    out.push(("message".into(), message));
    out
}

/// A configuration error too long for any footer, naming a long path.
fn long_reload_error() -> Msg {
    Msg::with_path(
        "",
        "/home/dana/organisations/northwind-digital/config/briefing.toml:3:1",
        ": unknown key `orgg`; did you mean `org`? Keys of [briefing] are org, state_dir, \
         date_order, match_threshold, ignore",
    )
}

/// Each screen of the walk at the two other sizes (the 80x24 ones have
/// snapshots of their own beside the tests of what they show).
#[test]
fn each_case_at_100x30_and_40x12() {
    for (name, app) in every_screen(Theme::colour()) {
        if View::ALL.iter().any(|v| name == v.title())
            || (name.ends_with(" help") && name != "Briefing help")
        {
            continue;
        }
        for (w, h) in [(100, 30), (40, 12)] {
            let name = format!("case_{}_{w}x{h}", name.replace(' ', "_").to_lowercase());
            insta::assert_snapshot!(name, screen(&app, w, h));
        }
    }
}

#[test]
fn ascii_screens_are_seven_bit_with_a_dot_ellipsis() {
    for (name, app) in every_screen(Theme::colour().ascii()) {
        for (w, h) in SIZES {
            let b = draw(&app, w, h);
            let s = text(&b);
            assert!(
                b.content().iter().all(|c| c.symbol().is_ascii()),
                "{name} at {w}x{h} is not 7-bit:\n{s}"
            );
            // `~` is the shadow glyph, never a cut.
            assert!(!s.contains("~-") && !s.contains("~/"), "{name}:\n{s}");
        }
    }
    let app = app_with(sample(), Theme::colour().ascii());
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("view_briefing_ascii_80x24", s);
    assert!(s.contains("^ HIGH"), "{s}");
    let mut app = app;
    press(&mut app, KeyCode::Char('5'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("...nt-email-drafter/outbox.yaml"), "{s}");
    press(&mut app, KeyCode::Char('?'));
    let s = screen(&app, 80, 24);
    assert!(s.contains("+ Keys ---"), "{s}");
}

#[test]
fn the_hint_bar_offers_only_keys_that_act() {
    let footer = |app: &App| screen(app, 100, 30).lines().last().unwrap().to_string();
    let mut app = app();
    assert_eq!(
        footer(&app),
        " ↑↓ move  Enter open  Tab view  / filter  e edit  r reload  ? help  q quit"
    );
    // In a conflict: back, decide.
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        footer(&app),
        " ↑↓ move  Enter open  Esc back  d decide  Tab view  / filter  e edit  r reload  ? help  q quit"
    );
    // In an escalation, prose: nothing to move, open or filter.
    let mut app = app_with(sample(), Theme::colour());
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        footer(&app),
        " Esc back  Tab view  e edit  r reload  ? help  q quit"
    );
    // A file with one problem: nothing to move through, nowhere to open.
    let mut app = app_with(sample(), Theme::colour());
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        footer(&app),
        " Esc back  Tab view  e edit  r reload  ? help  q quit"
    );
}

#[test]
fn messages_fit_and_open_in_full() {
    let mut app = app();
    // A reload error names a long path: it gives way from the left,
    // keeping the file's name, line and the error.
    let long = "/home/dana/organisations/northwind-digital/config/briefing.toml:3:1";
    app.reloaded(Err(Msg::with_path("", long, ": unknown key `orgg`")));
    let s = screen(&app, 80, 24);
    let footer = s.lines().last().unwrap();
    assert!(
        footer.starts_with(" Reload failed: …/briefing.toml:3:1: unknown key `orgg`; still "),
        "{s}"
    );
    assert_eq!(app.status().map(|s| s.error), Some(true));
    // Too long even so: cut, and `m` shows it whole.
    let mut app = app_with(sample(), Theme::colour());
    app.reloaded(Err(long_reload_error()));
    let s = screen(&app, 80, 24);
    assert!(s.lines().last().unwrap().ends_with("…  m more"), "{s}");
    press(&mut app, KeyCode::Char('m'));
    let s = screen(&app, 80, 24);
    insta::assert_snapshot!("message_80x24", s);
    let boxed = boxed(&s);
    assert!(boxed.contains(long), "{s}");
    assert!(boxed.contains("match_threshold, ignore"), "{s}");
    assert_eq!(s.lines().last().unwrap(), " Esc close");
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert!(!screen(&app, 80, 24).contains(" Problem "));
    // The last message stays at hand after the next key.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('m'));
    assert!(screen(&app, 80, 24).contains(" Problem "));
}

#[test]
fn the_mouse_wheel_scrolls() {
    let mut app = app();
    app.update(Action::ShowView(View::Entities));
    let wheel = |kind| MouseEvent {
        kind,
        column: 10,
        row: 10,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(wheel(MouseEventKind::ScrollDown));
    assert_eq!(app.list().selected_row(), 3);
    app.handle_mouse(wheel(MouseEventKind::ScrollUp));
    app.handle_mouse(wheel(MouseEventKind::ScrollUp));
    assert_eq!(app.list().selected_row(), 0);
}

#[test]
fn the_monochrome_theme_reads_without_colour() {
    let mut app = app_with(sample(), Theme::monochrome());
    for step in 0..3 {
        let b = draw(&app, 120, 40);
        for cell in b.content() {
            assert_eq!(cell.fg, Color::Reset, "step {step}: {cell:?}");
            assert_eq!(cell.bg, Color::Reset, "step {step}: {cell:?}");
        }
        if step == 0 {
            let (x, y) = find(&b, "▲ HIGH").unwrap();
            assert!(b[(x, y)].modifier.contains(Modifier::BOLD));
            // The selection is reverse video: visible on any terminal.
            assert!(b[(60, y)].modifier.contains(Modifier::REVERSED));
            let (x, y) = find(&b, "Tuesday").unwrap();
            assert!(!b[(x, y)].modifier.contains(Modifier::REVERSED));
        }
        if step == 1 {
            let (x, y) = find(&b, "★ OWNER").unwrap();
            assert!(b[(x + 2, y)].modifier.contains(Modifier::BOLD));
        }
        press(&mut app, KeyCode::Enter);
    }
}

#[test]
fn never_panics_at_any_size_and_says_when_too_small() {
    let mut states: Vec<App> = Vec::new();
    states.push(app());
    let mut a = app();
    press(&mut a, KeyCode::Enter);
    states.push(a);
    let mut a = app();
    press(&mut a, KeyCode::Char('?'));
    states.push(a);
    let mut a = app();
    a.update(Action::ShowView(View::Files));
    press(&mut a, KeyCode::Char('/'));
    typed(&mut a, "json");
    states.push(a);
    let mut a = app();
    a.update(Action::ShowView(View::Seats));
    press(&mut a, KeyCode::Enter);
    states.push(a);
    // The Also today rows' screens, the question and the message box
    // at every size too.
    states.extend(
        every_screen(Theme::colour())
            .into_iter()
            .filter(|(name, _)| {
                [
                    "also today",
                    "escalation",
                    "alert",
                    "shadow",
                    "decide",
                    "message",
                ]
                .contains(&name.as_str())
            })
            .map(|(_, app)| app),
    );
    // Every size up to a little past the minimum, then a sparse grid of
    // larger ones.
    let sizes = (1..=48u16)
        .flat_map(|w| (1..=12u16).map(move |h| (w, h)))
        .chain(
            (49..=200)
                .step_by(9)
                .flat_map(|w| (1..=60).step_by(7).map(move |h| (w, h))),
        );
    let sizes: Vec<(u16, u16)> = sizes.collect();
    for app in &states {
        for &(w, h) in &sizes {
            {
                let b = draw(app, w, h);
                let small = w < views::MIN_SIZE.0 || h < views::MIN_SIZE.1;
                if small && w >= 20 && h >= 1 {
                    assert!(text(&b).contains("Terminal too small"), "{w}x{h}");
                }
            }
        }
    }
    insta::assert_snapshot!("too_small_30x6", screen(&states[0], 30, 6));
}

#[test]
fn a_reload_keeps_the_selection_and_filter_where_it_can() {
    let mut app = app();
    app.update(Action::ShowView(View::Entities));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "globex");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('j'));
    let before = selected_line(&app, 120, 40);
    assert!(before.contains("Globex"), "{before}");

    // The state changed: an entity listed before the selected one is gone,
    // so every index after it moved.
    let mut changed = sample();
    changed.entities.remove(0);
    app.reloaded(Ok(sample_data(changed)));
    assert_eq!(app.list().filter(), "globex");
    assert_eq!(selected_line(&app, 120, 40), before);
    assert!(screen(&app, 80, 24).contains("Reloaded"));
}

#[test]
fn a_reload_closes_a_drill_down_whose_conflict_is_gone() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app, 80, 24).contains("Dana Ruiz decides"));
    let mut settled = sample();
    settled
        .conflicts
        .retain(|c| !(c.entity == "project:acme-website-redesign" && c.field == "due_date"));
    app.reloaded(Ok(sample_data(settled)));
    let s = screen(&app, 80, 24);
    assert!(s.contains("DECIDE TODAY"), "{s}");
    assert!(s.contains("4 conflicts"), "{s}");
    // Said with names, not ids.
    assert!(
        s.contains("Reloaded: the conflict on Acme Website Redesign due_date is gone"),
        "{s}"
    );

    // A failed reload keeps the last good briefing and says why.
    app.reloaded(Err("briefing.toml:3: unknown key `orgg`".into()));
    let s = screen(&app, 120, 40);
    assert!(s.contains("4 conflicts"), "{s}");
    assert!(s.contains("Reload failed") && s.contains("orgg"), "{s}");
}

#[test]
fn a_briefing_with_nothing_to_decide() {
    let mut b = sample();
    b.conflicts.clear();
    b.shadow_disagreements.clear();
    let app = app_with(b, Theme::colour());
    let s = screen(&app, 80, 24);
    assert!(s.contains("✓ no conflicts"), "{s}");
    assert!(s.contains("Nothing to decide: every source agrees."), "{s}");
    assert!(s.contains("ALSO TODAY"), "{s}");
    assert!(!s.contains(Severity::High.as_str().to_uppercase().as_str()));
    // The selection starts on the first thing to look at.
    assert!(selected_line(&app, 80, 24).contains("! overspend"), "{s}");
}

#[test]
fn the_watcher_reload_path_reaches_the_app() {
    // What the run loop does when the watcher fires: read the config and
    // state again and hand the result to the app.
    let mut app = app();
    assert_eq!(app.update(Action::Reload), Effect::Reload);
    let config = sample_config();
    let data = Data::new(
        briefing::run(&config, today()).unwrap(),
        config.state_dir,
        config.path,
    );
    app.reloaded(Ok(data));
    assert!(screen(&app, 80, 24).contains("5 conflicts"));
}

/// 100 000 entities scroll like the sample's few dozen: only the window
/// is built.
#[test]
fn a_list_of_100_000_rows() {
    let mut b = sample();
    let n = 100_000;
    let mut text = String::new();
    let mut interner = Interner::default();
    let project = interner.intern("project");
    let ingested = Ingested {
        files: vec![FileInfo {
            path: "project-tracker/projects.json".into(),
            format: Format::Json,
            seat: Some(SeatId::new(0)),
            later_wins: false,
            as_of: None,
            as_of_source: AsOfSource::Modified,
            mentions: n,
            readable: true,
        }],
        mentions: (0..n)
            .map(|i| {
                let mut m = Mention::new(FileId::new(0), i, Pos::new(i + 1, 1), project);
                m.name = Some(Span::push(&mut text, &format!("Project {i:06}")));
                m
            })
            .collect(),
        texts: vec![text.into()],
        interner,
        ..Ingested::default()
    };
    let reconciled = Reconciled {
        entities: (0..n)
            .map(|i| Entity {
                id: format!("project:p{i}").into(),
                kind: project,
                name: format!("Project {i:06}").into(),
                parent: None,
                mentions: Box::new([MentionId::new(i as usize)]),
            })
            .collect(),
        entity_of: (0..n as usize).map(EntityId::new).collect(),
        matched_by: vec![MatchReason::First; n as usize],
        ..Reconciled::default()
    };
    let store = Arc::new(Store::new(
        ingested,
        reconciled,
        vec!["project-tracker".into()],
    ));
    b.entities = (0..n as usize)
        .map(|e| store.entity_view(EntityId::new(e)))
        .collect();
    let mut app = app_with(b, Theme::colour());
    app.update(Action::ShowView(View::Entities));
    press(&mut app, KeyCode::End);
    let s = screen(&app, 80, 24);
    assert!(s.contains("100000 of 100000"), "{s}");
    assert!(selected_line(&app, 80, 24).contains("Project 099999"));
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Up);
    let row = app.list().selected_row();
    assert!(row < 99_990, "{row}");
    assert!(selected_line(&app, 80, 24).contains(&format!("Project {row:06}")));
    press(&mut app, KeyCode::Char('/'));
    typed(&mut app, "099998");
    assert_eq!(app.list().selected_item(), Some(99_998));

    // More conflicts and diagnostics than a u16 counts: still no panic.
    let mut b = sample();
    let (conflict, diagnostic) = (b.conflicts[0].clone(), b.diagnostics[0].clone());
    b.conflicts = vec![conflict; 70_000];
    b.diagnostics = vec![diagnostic; 70_000];
    let mut app = app_with(b, Theme::colour());
    assert!(screen(&app, 80, 24).contains("70000 conflicts"));
    press(&mut app, KeyCode::Enter);
    screen(&app, 80, 24);
    app.update(Action::ShowView(View::Files));
    assert!(screen(&app, 80, 24).contains("READING PROBLEMS · 70000"));
}
