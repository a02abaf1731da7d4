//! Importing a LinkedIn Connections.csv of 30,000 rows (LinkedIn's connection cap).
//!
//! `cargo bench --bench import`. The file is generated once into `target/tmp/bench-data/`,
//! with the export's preamble, quoting and a few junk rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use tiesdesk::import::Format;

#[path = "support/mod.rs"]
mod support;
use support::run_tiesdesk;

const ROWS: usize = 30_000;

fn linkedin_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("Connections-30k.csv");
    let given = [
        "Ana", "Bram", "Chiara", "José", "Wei", "Farah", "Gustav", "Hana", "Ines",
    ];
    let family = [
        "Lima", "de Vries", "Rossi", "Ñúñez", "Chen", "Haddad", "Berg", "Sato",
    ];
    let companies = [
        "Zephyr Labs",
        "\"Stripe, Inc.\"",
        "Northwind",
        "Café Quántico",
        "",
    ];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
    ];
    let mut text = String::from(
        "Notes:\n\"When exporting your connection data, you may notice that some of the email \
         addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,\
         Connected On\n",
    );
    for i in 0..ROWS {
        if i % 1000 == 999 {
            text.push_str(",,,,,,\n");
            continue;
        }
        let email = if i % 7 == 0 {
            format!("person{i}@example.org")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "{},{},https://www.linkedin.com/in/person-{i},{email},{},\"Senior \"\"Staff\"\" {}\",{:02} {} {}\n",
            given[i % given.len()],
            family[(i / 9) % family.len()],
            companies[i % companies.len()],
            i % 13,
            1 + i % 28,
            months[i % months.len()],
            2010 + i % 16,
        ));
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn run_import(db: &Path, file: &Path) {
    run_tiesdesk(db, &["import", "linkedin", file.to_str().unwrap()]);
}

fn import(c: &mut Criterion) {
    let file = linkedin_file();
    let bytes = std::fs::read(&file).unwrap();
    let mut group = c.benchmark_group("import LinkedIn 30k rows");
    group.sample_size(10);
    group.bench_function("parse only", |b| {
        b.iter(|| Format::Linkedin.parse(&bytes).unwrap())
    });
    let scratch = tempfile::tempdir().unwrap();
    group.bench_function(
        "`tiesdesk import linkedin` into a new database (process)",
        |b| {
            b.iter_batched(
                || {
                    let db = scratch.path().join("fresh.db");
                    for suffix in ["", "-wal", "-shm"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                    }
                    db
                },
                |db| run_import(&db, &file),
                BatchSize::PerIteration,
            )
        },
    );
    let full = scratch.path().join("full.db");
    run_import(&full, &file);
    group.bench_function("the same file again: nothing to add (process)", |b| {
        b.iter(|| run_import(&full, &file))
    });
    // Undo takes the whole import out again: one batch of 29,970 people. (It took 175 s
    // before `person.introduced_by` had an index; target 3 s.)
    group.bench_function("`tiesdesk undo` of that import (process)", |b| {
        b.iter_batched(
            || {
                let db = scratch.path().join("undo.db");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
                }
                run_tiesdesk(&db, &["add", "Someone before"]);
                run_tiesdesk(&db, &["log", "someone", "--gave"]);
                run_import(&db, &file);
                db
            },
            |db| run_tiesdesk(&db, &["undo"]),
            BatchSize::PerIteration,
        )
    });
    group.bench_function(
        "`tiesdesk status` on the imported database (yardstick)",
        |b| b.iter(|| run_tiesdesk(&full, &["status"])),
    );
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
