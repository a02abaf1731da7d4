//! `tiesdesk today` through the real binary: quiet when there is nothing to say, a few lines
//! when there is.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn today_says_nothing_when_there_is_nothing_to_say() {
    let s = Sandbox::new();
    // No database yet (a new machine with `tiesdesk today` in .bashrc): silence, and no file.
    let out = s.cmd(&["today"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    assert!(!s.db.exists());
    // People, but none in touch and nothing promised: still nothing to say.
    s.ok(&["add", "Ana Lima"]);
    let out = s.cmd(&["today"]).output().unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
    // The JSON says the same in fields.
    let json = s.json(&["today"]);
    assert_eq!(json["dates"], serde_json::json!([]));
    assert_eq!(json["review"]["due"], false);
}

#[test]
fn a_busy_morning_fits_in_a_few_lines() {
    let s = Sandbox::new();
    // Today is 2026-11-25 (a Wednesday).
    s.ok(&["add", "Ana Lima", "--birthday", "1985-11-25"]);
    s.ok(&["add", "Bo Chen", "--birthday", "--11-27"]);
    s.ok(&["add", "Carla Diaz", "--birthday", "--12-20"]);
    s.ok(&["add", "Dee Else"]);
    s.ok(&[
        "log", "Dee Else", "--mutual", "--kind", "meet", "--on", "-60d",
    ]);
    s.ok(&[
        "log", "Dee Else", "--mutual", "--kind", "meet", "--on", "-90d",
    ]);
    s.ok(&["promise", "Bo", "the book", "--by", "+2d"]);
    s.ok(&["promise", "Carla", "an intro to Acme", "--by", "+3w"]);
    let text = s.ok(&["today"]);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() <= 10, "{text}");
    assert_eq!(lines[0], "Ana Lima's birthday today (turns 41)");
    assert_eq!(lines[1], "Bo Chen's birthday on Friday");
    assert_eq!(
        lines[2],
        "Promised Bo Chen: the book (due on Friday; tiesdesk kept 1)"
    );
    assert!(
        !text.contains("Carla"),
        "three weeks away is not this week: {text}"
    );
    assert!(lines[3].starts_with("Reach out: Dee Else ("), "{text}");
    assert!(
        lines[4].starts_with("Weekly review due: none yet"),
        "{text}"
    );
    let json = s.json(&["today"]);
    assert_eq!(json["dates"][0]["turns"], 41);
    assert_eq!(json["dates"][1]["in_days"], 2);
    assert_eq!(json["due_promises"][0]["id"], 1);
    assert_eq!(json["reach_out"][0]["name"], "Dee Else");
}
