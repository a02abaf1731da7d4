//! Thanks through the real binary: favours received and not thanked for yet, a few days on;
//! marking one thanked (one undo); kept in the document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

fn ids(value: &serde_json::Value) -> Vec<i64> {
    (value.as_array().unwrap().iter())
        .map(|f| f["interaction"].as_i64().unwrap())
        .collect()
}

#[test]
fn a_favour_received_asks_for_thanks_until_it_is_thanked() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bo Chen"]);
    s.ok(&[
        "log",
        "ana",
        "--received",
        "--kind",
        "intro",
        "--note",
        "intro to a recruiter",
        "--on",
        "-5d",
    ]);
    s.ok(&["log", "bo", "--received", "--kind", "favour", "--on", "-1d"]);
    s.ok(&["log", "ana", "--gave", "--kind", "favour", "--on", "-6d"]);
    s.ok(&[
        "log",
        "bo",
        "--received",
        "--kind",
        "favour",
        "--on",
        "2026-08-01",
    ]);
    // Only the one a few days old: not yesterday's (too soon to ask), not your own favour,
    // not one from months ago.
    let waiting = s.json(&["thanks"]);
    assert_eq!(ids(&waiting), [1], "{waiting}");
    assert_eq!(waiting[0]["names"], serde_json::json!(["Ana Lima"]));
    assert_eq!(waiting[0]["days_ago"], 5);
    let text = s.ok(&["thanks"]);
    assert!(
        text.contains("#1") && text.contains("Ana Lima") && text.contains("intro to a recruiter"),
        "{text}"
    );
    // Your own favour is not thanked for.
    s.refused(&["thanked", "3"], "is not a favour you received");
    s.refused(&["thanked", "abc"], "a favour's");
    let said = s.ok(&["thanked", "1"]);
    assert!(
        said.starts_with("Thanked Ana Lima for \"intro to a recruiter\""),
        "{said}"
    );
    assert_eq!(ids(&s.json(&["thanks"])), Vec::<i64>::new());
    assert_eq!(
        s.json(&["show", "ana"])["interactions"][0]["thanked_on"],
        "2026-11-25"
    );
    // One undo, and it waits again.
    s.ok(&["undo"]);
    assert_eq!(ids(&s.json(&["thanks"])), [1]);
    let marked = s.json(&["thanked", "1"]);
    assert_eq!(marked["thanked_on"], "2026-11-25");
    // The document keeps it: a restore does not ask again.
    let doc = s.dir.path().join("ties.json");
    s.ok(&["export", "json", "-o", doc.to_str().unwrap()]);
    let document: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&doc).unwrap()).unwrap();
    assert_eq!(document["interactions"][0]["thanked"], "2026-11-25");
    let copy = Sandbox::new();
    copy.ok(&["import", "json", doc.to_str().unwrap()]);
    let restored = copy.json(&["thanks"]);
    assert_eq!(ids(&restored), Vec::<i64>::new(), "{restored}");
}
