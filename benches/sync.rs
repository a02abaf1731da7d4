//! Sync, end to end: the real binary on real files and a real folder.
//!
//! `cargo bench --bench sync`. A sync with nothing new on a synced 30,000-person /
//! 1,000,000-interaction database, beside `status --json` (the yardstick) in the same run;
//! joining a 2,000-person / 100,000-interaction network (applying about 102,000 operations);
//! and, measured once with its peak memory, joining the 30k / 1M network (about 1,030,000
//! operations). The synced copies and their folders are made once into
//! `target/tmp/bench-data/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/mod.rs"]
mod support;
use support::{big_database, demo_database, measured_run, run_tiesdesk};

/// A copy of `db` that syncs through its own folder beside it, made once; the copy, the
/// folder and its key.
fn synced(db: &Path, name: &str) -> (PathBuf, PathBuf, String) {
    let dir = db.with_file_name(format!("sync-{name}"));
    let copy = db.with_file_name(format!("sync-{name}.db"));
    let key_file = db.with_file_name(format!("sync-{name}.key"));
    if !key_file.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_file(&copy);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(db, &copy).unwrap();
        let (took, peak) = measured_run(&copy, &["sync", "init", dir.to_str().unwrap()]);
        println!(
            "{name}: sync init (everything sent): {:.1} s, peak memory {:.0} MB",
            took.as_secs_f64(),
            peak as f64 / 1e6
        );
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
            .args(["--db", copy.to_str().unwrap(), "sync", "status", "--json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        // The key is in the database only; the join line printed it. Read it back from the
        // database as `init` kept it.
        let conn = rusqlite::Connection::open(&copy).unwrap();
        let key: String = conn
            .query_row("SELECT key FROM sync_folder", [], |row| row.get(0))
            .unwrap();
        std::fs::write(&key_file, key).unwrap();
    }
    let key = std::fs::read_to_string(&key_file).unwrap();
    (copy, dir, key)
}

fn nothing_new(c: &mut Criterion) {
    let (db, _, _) = synced(&big_database(), "30k-1m");
    let mut group = c.benchmark_group("sync 30k people, 1M interactions");
    group.sample_size(20);
    group.bench_function("status --json", |b| {
        b.iter(|| run_tiesdesk(&db, &["status", "--json"]));
    });
    group.bench_function("sync (nothing new)", |b| {
        b.iter(|| run_tiesdesk(&db, &["sync"]));
    });
    group.finish();
}

fn join(c: &mut Criterion) {
    let small = demo_database("demo-2k-100k", 2_000, 100_000);
    let (_, dir, key) = synced(&small, "2k-100k");
    let scratch = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("sync join");
    group.sample_size(10);
    let mut peak = 0;
    let mut n = 0;
    group.bench_function(
        "join 2k people, 100k interactions (~102k operations applied)",
        |b| {
            b.iter_custom(|iterations| {
                let mut total = std::time::Duration::ZERO;
                for _ in 0..iterations {
                    n += 1;
                    let db = scratch.path().join(format!("joined-{n}.db"));
                    let (took, memory) =
                        measured_run(&db, &["sync", "join", dir.to_str().unwrap(), "--key", &key]);
                    total += took;
                    peak = peak.max(memory);
                    let _ = std::fs::remove_file(&db);
                }
                total
            });
        },
    );
    group.finish();
    if peak > 0 {
        println!("join 2k/100k: peak memory {:.0} MB", peak as f64 / 1e6);
    }
    // The big one, once: a minute is no sample size.
    if std::env::args().any(|a| a.contains("30k")) || std::env::args().count() <= 2 {
        let (_, dir, key) = synced(&big_database(), "30k-1m");
        let db = scratch.path().join("joined-30k.db");
        let (took, memory) =
            measured_run(&db, &["sync", "join", dir.to_str().unwrap(), "--key", &key]);
        println!(
            "join 30k/1M (once): {:.1} s, peak memory {:.0} MB",
            took.as_secs_f64(),
            memory as f64 / 1e6
        );
    }
}

criterion_group!(benches, nothing_new, join);
criterion_main!(benches);
