//! Terminal UI frame times, drawn into ratatui's test backend:
//!
//! ```text
//! cargo bench --bench tui
//! ```
//!
//! `first_frame` reads the sample and draws the first 80×24 frame, as
//! opening `briefing` does; `keypress` moves the selection and redraws;
//! `page_down_100k` and `filter_100k` page through and filter an entity list
//! of 100 000 rows at 120×40.

use briefing::config::Config;
use briefing::model::{Ingested, Interner};
use briefing::reconcile::{Entity, EntityId, Reconciled};
use briefing::store::Store;
use briefing::tui::{Action, App, Keymap, Theme, View, views};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a valid date")
}

fn config() -> Config {
    Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("briefing.toml"))
        .expect("the sample configuration loads")
}

fn app(config: &Config, briefing: briefing::briefing::Briefing) -> App {
    App::new(
        briefing,
        config.state_dir.clone(),
        config.path.clone(),
        Some(today()),
        Keymap::with_overrides(&config.keys),
        Theme::colour(),
    )
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn sample(c: &mut Criterion) {
    let config = config();
    c.bench_function("first_frame", |b| {
        b.iter(|| {
            let briefing = briefing::run(&config, today()).expect("the sample reads");
            let app = app(&config, briefing);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
            terminal
                .draw(|f| views::render(f, black_box(&app)))
                .expect("drawing into memory");
        })
    });
    let mut app = app(
        &config,
        briefing::run(&config, today()).expect("the sample reads"),
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    c.bench_function("keypress", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('j'));
            terminal
                .draw(|f| views::render(f, &app))
                .expect("drawing into memory");
        })
    });
}

fn large_list(c: &mut Criterion) {
    let config = config();
    let mut briefing = briefing::run(&config, today()).expect("the sample reads");
    let mut interner = Interner::default();
    let project = interner.intern("project");
    let entity = |i: u32| Entity {
        id: format!("project:p{i}").into(),
        kind: project,
        name: format!("Project {i:06}").into(),
        parent: None,
        mentions: Box::default(),
    };
    let reconciled = Reconciled {
        entities: (0..100_000).map(entity).collect(),
        ..Reconciled::default()
    };
    let ingested = Ingested {
        interner,
        ..Ingested::default()
    };
    let store = Arc::new(Store::new(ingested, reconciled, Vec::new()));
    briefing.entities = (0..100_000)
        .map(|e| store.entity_view(EntityId::new(e)))
        .collect();
    let mut app = app(&config, briefing);
    app.update(Action::ShowView(View::Entities));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a test terminal");
    c.bench_function("page_down_100k", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::PageDown);
            terminal
                .draw(|f| views::render(f, &app))
                .expect("drawing into memory");
        })
    });
    c.bench_function("filter_100k", |b| {
        b.iter(|| {
            press(&mut app, KeyCode::Char('/'));
            for ch in "p4242".chars() {
                press(&mut app, KeyCode::Char(ch));
            }
            terminal
                .draw(|f| views::render(f, &app))
                .expect("drawing into memory");
            press(&mut app, KeyCode::Esc);
        })
    });
}

criterion_group!(benches, sample, large_list);
criterion_main!(benches);
