//! The benchmark database: 30,000 people and 1,000,000 interactions, built once.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::PathBuf;
use std::process::Command;

pub const TODAY: &str = "2026-11-25";

/// A 30k / 1M demo database, made once with the real binary.
pub fn big_database() -> PathBuf {
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
