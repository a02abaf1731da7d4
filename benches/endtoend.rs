//! End to end, as a person meets it: the real binary, a real terminal (a pty), the real file.
//!
//! `cargo bench --bench endtoend`. At 30,000 people / 1,000,000 interactions: the app from
//! process start to the first complete dashboard, and the read commands beside `status`
//! measured in the same run (the yardstick). At 100,000 / 5,000,000 the same first frame,
//! with the process's peak memory printed. The databases are built once into
//! `target/tmp/bench-data/` (the 100k one takes a minute and 0.5 GB).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/pty.rs"]
mod pty;
#[path = "support/mod.rs"]
mod support;
use support::{TODAY, big_database, huge_database, needs_database, run_tiesdesk};

/// What a complete dashboard shows: the header, both panels and the hint bar (drawn last).
const DASHBOARD: [&str; 4] = ["tiesdesk", "Your people", "Reconnect", "? help"];

/// The app's first frame, timed from just before the process starts.
fn first_frame(c: &mut Criterion, group_name: &str, db: &std::path::Path, samples: usize) {
    let mut group = c.benchmark_group(group_name);
    group.sample_size(samples);
    let mut peak = 0;
    group.bench_function(
        "app: process start to first complete dashboard (pty)",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let opened = pty::open_app(db, TODAY, &DASHBOARD);
                    total += opened.first_frame;
                    peak = peak.max(opened.peak_memory);
                    opened.quit();
                }
                total
            })
        },
    );
    group.finish();
    // A run filtered out (`cargo bench -- "30k"`) measured nothing to report.
    if peak > 0 {
        println!(
            "{group_name}: peak memory of the app at its first frame: {:.0} MB",
            peak as f64 / 1e6
        );
    }
}

fn read_commands(c: &mut Criterion) {
    let db = big_database();
    // The app's first open after a build can pay for page-cache misses; one untimed run.
    pty::open_app(&db, TODAY, &DASHBOARD).quit();
    first_frame(c, "end to end 30k people, 1M interactions", &db, 20);
    let mut group = c.benchmark_group("commands 30k people, 1M interactions");
    group.sample_size(20);
    // The yardstick: every other figure is read beside it, from the same run.
    group.bench_function("status --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["status", "--json"]))
    });
    group.bench_function("list --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["list", "--json"]))
    });
    group.bench_function("review --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["review", "--json"]))
    });
    // The person with the longest timeline.
    let (busiest, name): (i64, String) = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT person_id, (SELECT name FROM person WHERE id = person_id) FROM contact \
             GROUP BY person_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    let who = format!("id:{busiest}");
    group.bench_function("show id:N (the longest timeline)", |b| {
        b.iter(|| run_tiesdesk(&db, &["show", &who]))
    });
    // By name, as a person types it: the name is matched against everyone's.
    group.bench_function("show NAME (the same person)", |b| {
        b.iter(|| run_tiesdesk(&db, &["show", &name]))
    });
    group.bench_function("status", |b| b.iter(|| run_tiesdesk(&db, &["status"])));
    // The morning's lines (target ≤ 100 ms): the model, birthdays and promises.
    group.bench_function("today", |b| b.iter(|| run_tiesdesk(&db, &["today"])));
    group.bench_function("today --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["today", "--json"]))
    });
    group.finish();
}

/// Giving first at 30k / 1M with 60 open needs: who could help is found among everyone.
fn give_first(c: &mut Criterion) {
    let db = needs_database();
    let mut group = c.benchmark_group("give first 30k people, 1M interactions, 60 needs");
    group.sample_size(20);
    group.bench_function("status --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["status", "--json"]))
    });
    group.bench_function("needs --json (3 helpers each)", |b| {
        b.iter(|| run_tiesdesk(&db, &["needs", "--json"]))
    });
    group.bench_function("helpers 1", |b| {
        b.iter(|| run_tiesdesk(&db, &["helpers", "1"]))
    });
    group.bench_function("review --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["review", "--json"]))
    });
    group.bench_function("today", |b| b.iter(|| run_tiesdesk(&db, &["today"])));
    group.bench_function("export ics", |b| {
        b.iter(|| run_tiesdesk(&db, &["export", "ics"]))
    });
    group.finish();
}

fn huge(c: &mut Criterion) {
    let db = huge_database();
    pty::open_app(&db, TODAY, &DASHBOARD).quit();
    first_frame(c, "end to end 100k people, 5M interactions", &db, 10);
    let mut group = c.benchmark_group("commands 100k people, 5M interactions");
    group.sample_size(10);
    group.bench_function("status --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["status", "--json"]))
    });
    group.bench_function("list --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["list", "--json"]))
    });
    group.finish();
}

criterion_group!(benches, read_commands, give_first, huge);
criterion_main!(benches);
