//! Helpers shared by the integration tests: the real binary on a temporary real database.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub mod app;
pub mod capture;
pub mod parsed;
pub mod pty;
pub mod sync;

pub const TODAY: &str = "2026-11-25";

/// The whole path of `tests/fixtures/import/NAME`, as a user would type it.
pub fn import_fixture(name: &str) -> String {
    let here = std::env::current_dir().unwrap();
    format!("{}/tests/fixtures/import/{name}", here.display())
}

pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("data").join("tiesdesk.db");
        Sandbox { dir, db }
    }

    /// `tiesdesk --db <db> --today 2026-11-25 <args>`, with no config and no inherited env.
    pub fn cmd(&self, args: &[&str]) -> Command {
        self.cmd_on(&self.db, args)
    }

    /// Like [`Sandbox::cmd`] on another database path.
    pub fn cmd_on(&self, db: &Path, args: &[&str]) -> Command {
        self.cmd_at(db, TODAY, args)
    }

    /// Like [`Sandbox::cmd`], as another day sees the database.
    pub fn cmd_at(&self, db: &Path, day: &str, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("tiesdesk").unwrap();
        cmd.env_remove("TIESDESK_DB")
            .env("TIESDESK_CONFIG", self.dir.path().join("no-config.toml"))
            .env("NO_COLOR", "1")
            // Days of mail and meetings are the user's: the same on every machine here.
            .env("TZ", "UTC")
            .arg("--db")
            .arg(db)
            .arg("--today")
            .arg(day)
            .args(args);
        cmd
    }

    /// Runs `args --json` as `day` sees the database, requires success, and reads the JSON.
    pub fn json_at(&self, day: &str, args: &[&str]) -> serde_json::Value {
        let mut cmd = self.cmd_at(&self.db, day, args);
        let out = succeeded(cmd.arg("--json"), &format!("{args:?} on {day}"));
        serde_json::from_str(&out).unwrap()
    }

    /// Starts `tiesdesk <args>` (as [`Sandbox::cmd`]) without waiting for it; output is dropped.
    pub fn spawn(&self, args: &[&str]) -> std::process::Child {
        std::process::Command::new(assert_cmd::cargo::cargo_bin!("tiesdesk"))
            .env_remove("TIESDESK_DB")
            .env("TIESDESK_CONFIG", self.dir.path().join("no-config.toml"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--db")
            .arg(&self.db)
            .arg("--today")
            .arg(TODAY)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_on(&self.db, args)
    }

    /// [`Sandbox::ok`] on another database.
    pub fn ok_on(&self, db: &Path, args: &[&str]) -> String {
        succeeded(&mut self.cmd_on(db, args), &format!("{args:?}"))
    }

    /// Restores `document` (a `tiesdesk/1` text) into a new database beside this one, as
    /// `import json` does: that database's path, and what the import said.
    pub fn restored(&self, document: &str) -> (PathBuf, String) {
        let path = self.dir.path().join("doc.json");
        std::fs::write(&path, document).unwrap();
        let restored = self.dir.path().join("restored.db");
        let said = self.ok_on(&restored, &["import", "json", path.to_str().unwrap()]);
        (restored, said)
    }

    /// `tiesdesk ARGS --json` on another database.
    pub fn json_on(&self, db: &Path, args: &[&str]) -> serde_json::Value {
        let out = succeeded(self.cmd_on(db, args).arg("--json"), &format!("{args:?}"));
        serde_json::from_str(&out).unwrap()
    }

    /// The items of one step of `review --json` as `day` sees it (`step` as the JSON names
    /// it: "due", "could_help"…).
    pub fn review_step(&self, day: &str, step: &str) -> Vec<serde_json::Value> {
        let review = self.json_at(day, &["review"]);
        let found = (review["sections"].as_array().unwrap().iter())
            .find(|section| section["step"] == step)
            .unwrap_or_else(|| panic!("no step {step} in {review}"));
        found["items"].as_array().unwrap().clone()
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// Runs a command that must fail: non-zero exit, one line on stderr containing `needle`,
    /// nothing on stdout, and the database byte-for-byte unchanged.
    pub fn refused(&self, args: &[&str], needle: &str) -> String {
        let before = snapshot(&self.db);
        let out = self.cmd(args).output().unwrap();
        assert_refused(&out, needle);
        assert_eq!(
            before,
            snapshot(&self.db),
            "tiesdesk {args:?} changed the database"
        );
        String::from_utf8(out.stderr).unwrap()
    }
}

/// Runs `cmd`, requires success (saying `what` ran and its stderr if not), and returns its
/// stdout.
pub fn succeeded(cmd: &mut Command, what: &str) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "tiesdesk {what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn assert_refused(out: &Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "expected a failure, got success: {stderr}"
    );
    // One line; a name several people have is that line and a numbered list of them.
    let mut lines = stderr.lines();
    lines.next();
    assert!(
        lines.all(|line| {
            let line = line.trim_start();
            line.starts_with("… and ")
                || line
                    .split_once(". #")
                    .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
        }),
        "expected one line, got: {stderr:?}"
    );
    assert!(
        stderr.to_lowercase().contains(&needle.to_lowercase()),
        "expected {needle:?} in {stderr:?}"
    );
    assert!(out.stdout.is_empty(), "nothing should be printed on stdout");
}

/// The bytes of the database file (a missing file reads as None).
pub fn snapshot(db: &Path) -> Option<Vec<u8>> {
    std::fs::read(db).ok()
}

/// Every contacts fixture in `tests/fixtures/import`, with the format its contents say, in
/// name order. A file there that no format recognises fails the test that asks: a fixture
/// added is a fixture every such test reads.
pub fn contact_fixtures() -> Vec<(tiesdesk::import::Format, PathBuf)> {
    use tiesdesk::import::SourceKind;
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/import")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let fixtures: Vec<_> = files
        .into_iter()
        .map(|path| match SourceKind::recognise(&path) {
            Ok(Some(SourceKind::Contacts(format))) => (format, path),
            other => panic!("{}: not a contacts file ({other:?})", path.display()),
        })
        .collect();
    assert!(fixtures.len() >= 16, "{fixtures:?}");
    fixtures
}
