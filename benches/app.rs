//! The app at 30,000 people and 1,000,000 interactions: opening, a key, logging.
//!
//! `cargo bench --bench app`. Frames are drawn into ratatui's TestBackend at 80×24, so this
//! measures tiesdesk's work (state, model, layout), not the terminal's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tiesdesk::Config;
use tiesdesk::app::{App, Keymap};
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::ops::Desk;

#[path = "support/mod.rs"]
mod support;
use support::{TODAY, big_database};

fn open(db: &std::path::Path) -> App {
    let today = parse_iso_date(TODAY).unwrap();
    let desk = Desk::open(db, Config::default(), today).unwrap();
    let mut app = App::new(desk, Keymap::new(&BTreeMap::new()).unwrap()).unwrap();
    app.page = tiesdesk::ui::list_height(24);
    app
}

fn draw(app: &App, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|frame| tiesdesk::ui::render(app, frame))
        .unwrap();
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn bench(c: &mut Criterion) {
    let db = big_database();
    // Logging writes; it works on a copy so the shared database stays as built.
    let scratch = tempfile::tempdir().unwrap();
    let copy = scratch.path().join("copy.db");
    std::fs::copy(&db, &copy).unwrap();

    let mut group = c.benchmark_group("app 30k people, 1M interactions");
    group.sample_size(20);
    group.bench_function("open to first frame", |b| {
        b.iter(|| {
            let app = open(&db);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            draw(&app, &mut terminal);
        })
    });
    let mut app = open(&db);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    group.bench_function("key: move down, drawn", |b| {
        b.iter(|| {
            key(&mut app, KeyCode::Down);
            draw(&app, &mut terminal);
        })
    });
    key(&mut app, KeyCode::Home);
    group.bench_function("key: open a person and back, drawn", |b| {
        b.iter(|| {
            key(&mut app, KeyCode::Enter);
            draw(&app, &mut terminal);
            key(&mut app, KeyCode::Esc);
            draw(&app, &mut terminal);
        })
    });
    group.bench_function("key: type a letter in search, drawn", |b| {
        key(&mut app, KeyCode::Char('/'));
        b.iter(|| {
            key(&mut app, KeyCode::Char('a'));
            draw(&app, &mut terminal);
            key(&mut app, KeyCode::Backspace);
        });
        key(&mut app, KeyCode::Esc);
    });
    let mut app = open(&copy);
    group.bench_function(
        "log an interaction: committed, dashboard updated, drawn",
        |b| {
            b.iter(|| {
                key(&mut app, KeyCode::Char('m'));
                key(&mut app, KeyCode::Enter);
                draw(&app, &mut terminal);
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
