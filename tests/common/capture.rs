//! Helpers for the capture tests: a database that knows three people by address, an import
//! of mail or a calendar as the user would run it, and what it left on a person's timeline.

use serde_json::Value;

use super::Sandbox;

pub const ME: &str = "me@example.org";

/// One timeline entry, oldest first: day, kind, direction, where it came from (`mail`,
/// `calendar` or `by hand`) and how many others took part.
pub type Entry = (String, String, String, String, usize);

/// A database knowing Ana, Bo and Carla by their addresses, and no one else.
pub fn known() -> Sandbox {
    let s = Sandbox::new();
    for (name, email) in [
        ("Ana Lima", "ana@lima.example"),
        ("Bo Chen", "bo@chen.example"),
        ("Carla Diaz", "carla@diaz.example"),
    ] {
        s.ok(&["add", name, "--email", email]);
    }
    s
}

/// `tiesdesk import SOURCE PATH --me me@example.org MORE… --json`.
pub fn capture(s: &Sandbox, source: &str, path: &str, more: &[&str]) -> Value {
    capture_in(s, "UTC", source, path, more)
}

/// [`capture`] for a user whose zone is `zone` (their `TZ`).
pub fn capture_in(s: &Sandbox, zone: &str, source: &str, path: &str, more: &[&str]) -> Value {
    let mut args = vec!["import", source, path, "--me", ME];
    args.extend_from_slice(more);
    args.push("--json");
    let out = s.cmd(&args).env("TZ", zone).output().unwrap();
    assert!(
        out.status.success(),
        "tiesdesk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A tally's reasons for not reading (`files`, `events`, or the report's own `not_read`).
pub fn not_read(list: &Value) -> Vec<(String, u64)> {
    skipped_in(list)
}

pub fn timeline(s: &Sandbox, name: &str) -> Vec<Entry> {
    let shown = s.json(&["show", name]);
    let mut rows: Vec<Entry> = shown["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["day"].as_str().unwrap().to_string(),
                i["kind"].as_str().unwrap().to_string(),
                i["direction"].as_str().unwrap().to_string(),
                i["capture"]["source"]
                    .as_str()
                    .unwrap_or("by hand")
                    .to_string(),
                i["people"].as_array().unwrap().len() - 1,
            )
        })
        .collect();
    rows.reverse();
    rows
}

/// The report's skipped counts, by reason.
pub fn skipped(report: &Value) -> Vec<(String, u64)> {
    skipped_in(&report["skipped"])
}

fn skipped_in(list: &Value) -> Vec<(String, u64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["reason"].as_str().unwrap().to_string(),
                s["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Whether any of `secrets` is in the database file or its WAL.
pub fn stored_text(s: &Sandbox, secrets: &[&str]) -> Option<String> {
    let mut bytes = std::fs::read(&s.db).unwrap();
    if let Ok(wal) = std::fs::read(s.db.with_extension("db-wal")) {
        bytes.extend(wal);
    }
    secrets
        .iter()
        .find(|secret| bytes.windows(secret.len()).any(|w| w == secret.as_bytes()))
        .map(|secret| secret.to_string())
}

/// The sum of a list of counts (`skipped`, `not_read`, a tally's `not_read`).
pub fn total(list: &Value) -> u64 {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["count"].as_u64().unwrap())
        .sum()
}

/// A capture report adds up: every message or occurrence found is in exactly one count, and
/// every file (and a calendar's every event) is read or not read for a reason.
pub fn assert_adds_up(report: &Value) {
    let counted: u64 = ["captured", "already", "same_day", "no_one_known"]
        .iter()
        .map(|k| report[k].as_u64().unwrap())
        .sum::<u64>()
        + total(&report["skipped"])
        + total(&report["not_read"]);
    assert_eq!(report["read"].as_u64().unwrap(), counted, "{report:#}");
    for tally in ["files", "events"] {
        let tally = &report[tally];
        if tally.is_null() {
            continue;
        }
        assert_eq!(
            tally["found"].as_u64().unwrap(),
            tally["read"].as_u64().unwrap() + total(&tally["not_read"]),
            "{report:#}"
        );
    }
}
