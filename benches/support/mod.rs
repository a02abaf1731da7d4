//! The benchmark database: 30,000 people and 1,000,000 interactions, built once.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub const TODAY: &str = "2026-11-25";

/// Runs `tiesdesk --db DB --today TODAY ARGS…` without a config, and requires success.
pub fn run_tiesdesk(db: &std::path::Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env("TIESDESK_CONFIG", "/nonexistent/tiesdesk-bench.toml")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A demo database of `people` and `interactions` (seed 7), made once with the real binary
/// into `target/tmp/bench-data/NAME.db`, and migrated by this build before it is measured.
pub fn demo_database(name: &str, people: u32, interactions: u32) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    let db = dir.join(format!("{name}.db"));
    if !db.exists() {
        std::fs::create_dir_all(&dir).unwrap();
        let partial = dir.join(format!("{name}.partial.db"));
        let _ = std::fs::remove_file(&partial);
        let status = Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
            .args(["--db", partial.to_str().unwrap(), "--today", TODAY, "demo"])
            .args(["--people", &people.to_string()])
            .args(["--interactions", &interactions.to_string()])
            .args(["--seed", "7"])
            .status()
            .unwrap();
        assert!(status.success());
        std::fs::rename(&partial, &db).unwrap();
    }
    // A file built by an older tiesdesk is migrated now, not inside a measurement.
    drop(desk(&db));
    db
}

/// The database at `db` opened (and so migrated) as the app would, on the benchmarks' day.
pub fn desk(db: &std::path::Path) -> tiesdesk::ops::Desk {
    let today = tiesdesk::model::date::parse_iso_date(TODAY).unwrap();
    tiesdesk::ops::Desk::open(db, tiesdesk::Config::default(), today).unwrap()
}

/// A 30k / 1M demo database.
pub fn big_database() -> PathBuf {
    demo_database("demo-30k-1m", 30_000, 1_000_000)
}

/// A 100k / 5M demo database (about a minute to build, 0.5 GB).
pub fn huge_database() -> PathBuf {
    demo_database("demo-100k-5m", 100_000, 5_000_000)
}

/// The 30k / 1M database with links added until there are 100,000, made once.
pub fn linked_database() -> PathBuf {
    let big = big_database();
    let db = big.with_file_name("demo-30k-1m-100k-links.db");
    if !db.exists() {
        let partial = big.with_file_name("demo-30k-1m-100k-links.partial.db");
        let _ = std::fs::remove_file(&partial);
        desk(&big).backup(&partial, false, &[]).unwrap();
        let mut store = desk(&partial);
        let have = store.holdings().unwrap().links.len();
        // A fixed pseudo-random sequence (SplitMix64), so every run builds the same graph.
        let mut state: u64 = 42;
        let mut next = move || {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        let mut links = Vec::new();
        while links.len() < 100_000 - have {
            let a = (next() % 30_000) as i64 + 1;
            let b = (next() % 30_000) as i64 + 1;
            if let Ok(link) = tiesdesk::model::Link::new(a, b, tiesdesk::model::LinkKind::Knows) {
                links.push(link);
            }
        }
        store.insert_links(&links, "bench links").unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
    }
    db
}

/// The 30k / 1M database with 60 open needs and 300 yearly dates among its people, made once.
pub fn needs_database() -> PathBuf {
    let big = big_database();
    let db = big.with_file_name("demo-30k-1m-60-needs.db");
    if !db.exists() {
        let partial = big.with_file_name("demo-30k-1m-60-needs.partial.db");
        let _ = std::fs::remove_file(&partial);
        desk(&big).backup(&partial, false, &[]).unwrap();
        let mut store = desk(&partial);
        let wanted = [
            ("a product designer for the new site", "design"),
            ("a first job in climate tech", "climate"),
            ("a flat in Utrecht", "housing"),
            ("advice on raising a seed round", "fundraising"),
            ("a Rust engineer who knows embedded", "rust"),
            ("a lawyer for a lease", "legal"),
        ];
        for n in 0..60_i64 {
            let (text, tag) = wanted[n as usize % wanted.len()];
            let person = store.person(1 + n * 491 % 30_000).unwrap().unwrap();
            store.need(&person, text, &[tag.to_string()]).unwrap();
        }
        for n in 0..300_i64 {
            let on = tiesdesk::model::YearlyDay {
                year: Some(2010 + (n % 15) as i32),
                month: 1 + (n % 12) as u32,
                day: 1 + (n % 28) as u32,
            };
            let person = store.person(1 + n * 97 % 30_000).unwrap().unwrap();
            store.add_date(&person, "work anniversary", on).unwrap();
        }
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
    }
    drop(desk(&db));
    db
}

/// A process's peak memory so far (bytes), from `/proc`; 0 once it is gone.
pub fn peak_memory(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .map_or(0, |kb| kb * 1024)
}

/// Runs `tiesdesk --db DB --today TODAY ARGS…` (as [`run_tiesdesk`]) once and requires
/// success: how long it took and the process's peak memory (bytes), read while it runs.
pub fn measured_run(db: &std::path::Path, args: &[&str]) -> (std::time::Duration, u64) {
    let started = std::time::Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tiesdesk"))
        .arg("--db")
        .arg(db)
        .args(["--today", TODAY])
        .args(args)
        .env("TIESDESK_CONFIG", "/nonexistent/tiesdesk-bench.toml")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut peak = 0;
    loop {
        peak = peak.max(peak_memory(child.id()));
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "tiesdesk {args:?} failed");
            return (started.elapsed(), peak);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Runs the binary on a fresh copy of `db`; returns its wall time and peak memory (bytes).
pub fn timed(db: &std::path::Path, args: &[&str]) -> (std::time::Duration, u64) {
    let copy = db.with_extension("run.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    std::fs::copy(db, &copy).unwrap();
    measured_run(&copy, args)
}

/// The best wall time of `runs` runs on fresh copies of `db`, and the highest peak memory.
pub fn best_of(runs: usize, db: &std::path::Path, args: &[&str]) -> (std::time::Duration, u64) {
    let mut best = std::time::Duration::MAX;
    let mut peak = 0;
    for _ in 0..runs {
        let (time, memory) = timed(db, args);
        best = best.min(time);
        peak = peak.max(memory);
    }
    (best, peak)
}
