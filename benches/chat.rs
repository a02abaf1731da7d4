//! Chat exports at the sizes people have: `cargo bench --bench chat`.
//!
//! The real binary imports a WhatsApp export of 1,000,000 lines — five years of a busy group
//! of six, a line in twenty continuing the one before — into a fresh copy of a database of
//! 5,000 people (targets: ≤ 5 s, peak memory ≤ 100 MB), then the same file again (all of it
//! captured already), each timed three times (the best is reported) beside `status` on the
//! same database, the yardstick. The file is generated once into `target/tmp/bench-data/`
//! (invented people, never a committed file).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use tiesdesk::model::{NetworkDraft, PersonData};

#[path = "support/mod.rs"]
mod support;
use support::{best_of, measured_run};

const PEOPLE: usize = 5_000;
const LINES: usize = 1_000_000;
const ME: &str = "Sanne Vos";

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A database of 5,000 people known by name, made once.
fn people_database() -> PathBuf {
    let db = data_dir().join("chat-people-5k.db");
    if !db.exists() {
        let partial = db.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut desk = support::desk(&partial);
        let people = (0..PEOPLE)
            .map(|i| PersonData::named(&format!("Friend {i}")))
            .collect();
        let draft = NetworkDraft {
            people,
            ..NetworkDraft::default()
        };
        desk.insert_network(&draft, "bench people").unwrap();
        drop(desk);
        std::fs::rename(&partial, &db).unwrap();
    }
    db
}

/// The export: Android's English lines (`dd/mm/yyyy, HH:MM - Name: text`), oldest first,
/// five of the user's friends and the user writing, one saved by number only.
fn big_export() -> PathBuf {
    let path = data_dir().join(format!("whatsapp-{LINES}.txt"));
    if path.exists() {
        return path;
    }
    let partial = path.with_extension("partial");
    let mut out = BufWriter::new(std::fs::File::create(&partial).unwrap());
    let authors = [
        ME,
        "Friend 1",
        "Friend 2",
        "Friend 30",
        "Friend 400",
        "+31 6 1234 5678",
    ];
    let first = chrono::NaiveDate::from_ymd_opt(2021, 11, 25).unwrap();
    let days = 5 * 365;
    let per_day = LINES / days + 1;
    let mut seed: u64 = 7;
    let mut written = 0;
    writeln!(
        out,
        "{}, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat, \
         not even WhatsApp, can read or listen to them. Tap to learn more.",
        first.format("%d/%m/%Y")
    )
    .unwrap();
    'days: for day in 0..days {
        let date = first + chrono::Days::new(day as u64);
        for at in 0..per_day {
            if written >= LINES {
                break 'days;
            }
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let author = authors[(seed >> 33) as usize % authors.len()];
            let minute = at * 1_440 / per_day;
            if (seed >> 20).is_multiple_of(20) {
                writeln!(out, "and the rest of what I meant to say, {at}").unwrap();
            } else {
                writeln!(
                    out,
                    "{}, {:02}:{:02} - {author}: a message about the day, number {at}",
                    date.format("%d/%m/%Y"),
                    minute / 60,
                    minute % 60
                )
                .unwrap();
            }
            written += 1;
        }
    }
    out.flush().unwrap();
    drop(out);
    std::fs::rename(&partial, &path).unwrap();
    path
}

fn main() {
    let db = people_database();
    let (yardstick, _) = best_of(3, &db, &["status"]);
    println!(
        "yardstick: status on {PEOPLE} people: {:.1} ms",
        yardstick.as_secs_f64() * 1e3
    );
    let export = big_export();
    let bytes = std::fs::metadata(&export).unwrap().len();
    let path = export.to_str().unwrap();
    let args = ["import", "chat", path, "--me", ME];
    let (time, peak) = best_of(3, &db, &args);
    println!(
        "whatsapp: {LINES} lines, {:.0} MB: {:.2} s, peak memory {:.0} MB (targets: ≤ 5 s, \
         ≤ 100 MB)",
        bytes as f64 / 1e6,
        time.as_secs_f64(),
        peak as f64 / 1e6
    );
    // The same export again: every day captured already.
    let copy = db.with_extension("run.db");
    let (again, peak_again) = measured_run(&copy, &args);
    println!(
        "whatsapp again: {:.2} s, peak memory {:.0} MB",
        again.as_secs_f64(),
        peak_again as f64 / 1e6
    );
}
