//! The relationship model at scale: 30,000 people and 1,000,000 interactions.
//!
//! `cargo bench --bench model`. The database is built once by `tiesdesk demo` into
//! `target/bench-data/` and reused by later runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use tiesdesk::model::date::{day_number, parse_iso_date};
use tiesdesk::ops::Desk;
use tiesdesk::{Config, insight};

#[path = "support/mod.rs"]
mod support;
use support::{TODAY, big_database, run_tiesdesk};

fn model(c: &mut Criterion) {
    let db = big_database();
    let config = Config::default();
    let store = Desk::open(&db, config.clone(), parse_iso_date(TODAY).unwrap()).unwrap();
    let today = day_number(parse_iso_date(TODAY).unwrap());
    let mut group = c.benchmark_group("model 30k people, 1M interactions");
    group.sample_size(20);
    group.bench_function("load histories from SQLite", |b| {
        b.iter(|| store.histories().unwrap())
    });
    let histories = store.histories().unwrap();
    group.bench_function("evaluate (pure model)", |b| {
        b.iter(|| insight::evaluate(&histories, &config, today))
    });
    group.bench_function("load + evaluate", |b| {
        b.iter(|| insight::evaluate(&store.histories().unwrap(), &config, today))
    });
    group.bench_function("`tiesdesk status` end to end (process)", |b| {
        b.iter(|| run_tiesdesk(&db, &["status"]))
    });
    group.finish();
}

criterion_group!(benches, model);
criterion_main!(benches);
