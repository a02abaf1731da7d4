//! The relationship model at scale: 30,000 people and 1,000,000 interactions.
//!
//! `cargo bench --bench model`. The database is built once by `tiesdesk demo` into
//! `target/bench-data/` and reused by later runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

use criterion::{Criterion, criterion_group, criterion_main};
use tiesdesk::model::date::{day_number, parse_iso_date};
use tiesdesk::{Config, Store, insight};

const TODAY: &str = "2026-11-25";

/// A 30k / 1M demo database, made once with the real binary.
fn big_database() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    let db = dir.join("demo-30k-1m.db");
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join("demo-30k-1m.partial.db");
        let _ = std::fs::remove_file(&partial);
        let status = Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
            .args(["--db", partial.to_str().unwrap(), "--today", TODAY, "demo"])
            .args([
                "--people",
                "30000",
                "--interactions",
                "1000000",
                "--seed",
                "7",
            ])
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::rename(&partial, &db).unwrap();
    }
    db
}

fn model(c: &mut Criterion) {
    let db = big_database();
    let store = Store::open(&db).unwrap();
    let config = Config::default();
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
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
                .args(["--db", db.to_str().unwrap(), "--today", TODAY, "status"])
                .env("TIESDESK_CONFIG", "/nonexistent/tiesdesk-bench.toml")
                .output()
                .unwrap();
            assert!(out.status.success());
        })
    });
    group.finish();
}

criterion_group!(benches, model);
criterion_main!(benches);
