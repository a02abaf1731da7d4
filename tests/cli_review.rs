//! `tiesdesk review` and `tiesdesk snooze` through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn review_prints_the_agenda_as_json_and_text() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "400"]);
    let agenda = s.json(&["review"]);
    let steps: Vec<&str> = agenda["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|section| section["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "promises",
            "thanks",
            "could_help",
            "this_week",
            "you_take",
            "started_by_taking",
            "due",
            "reconnect",
            "together",
            "paper_ties"
        ]
    );
    assert_eq!(agenda["streak_weeks"], 0);
    // Every listed person has a name and the facts as fields (and some are listed).
    let items: Vec<&serde_json::Value> = agenda["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|section| section["items"].as_array().unwrap())
        .collect();
    assert!(items.len() >= 8, "{agenda}");
    for item in items {
        {
            assert!(item["name"].is_string(), "no name: {item}");
            assert!(
                item["given"].is_u64() && item["received"].is_u64(),
                "{item}"
            );
            assert!(
                item.get("days_since").is_some() && item.get("layer").is_some(),
                "{item}"
            );
        }
    }
    let reconnect = agenda["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|section| section["step"] == "reconnect")
        .unwrap();
    // Three ties worth reviving, each with why; the others counted.
    let revive = reconnect["items"].as_array().unwrap();
    assert_eq!(revive.len(), 3, "{reconnect}");
    for item in revive {
        assert!(
            item["detail"].as_str().unwrap().contains("quiet for"),
            "{item}"
        );
    }
    assert!(
        reconnect["more"].as_u64().unwrap() > 0,
        "the others are counted: {reconnect}"
    );
    let text = s.ok(&["review"]);
    assert!(
        text.starts_with("Weekly review · 2026-11-25 · no streak yet"),
        "{text}"
    );
    assert!(text.contains("1. Promises you made, and dates"), "{text}");
    assert!(text.contains("8. Reconnect"), "{text}");
    // Short enough to read in a mail from cron: a long step is counted, not listed.
    assert!(
        text.lines().count() <= 60,
        "{} lines:\n{text}",
        text.lines().count()
    );
    assert!(text.contains("more: tiesdesk list --paper"), "{text}");
}

/// The review's step called `name`, as the JSON lists it.
fn step<'a>(agenda: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    (agenda["sections"].as_array().unwrap().iter())
        .find(|section| section["step"] == name)
        .unwrap_or_else(|| panic!("no step {name}: {agenda}"))
}

#[test]
fn a_snoozed_person_leaves_the_review_until_the_date() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "400"]);
    let agenda = s.json(&["review"]);
    let due = &step(&agenda, "due")["items"];
    let first = format!("#{}", due[0]["person"]);
    let said = s.ok(&["snooze", &first, "--until", "+2w"]);
    assert!(said.contains("until 2026-12-09"), "{said}");
    let after = s.json(&["review"]);
    assert!(
        step(&after, "due")["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| format!("#{}", i["person"]) != first)
    );
    // On the day the snooze ends they are back (and still due, with no contact since).
    let later = s.json(&["review", "--today", "2026-12-09"]);
    assert!(
        step(&later, "due")["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| format!("#{}", i["person"]) == first),
        "{first} should be back on 2026-12-09"
    );
    // Undo removes the snooze.
    assert!(s.ok(&["undo"]).starts_with("Undid: Snoozed "));
    let undone = s.json(&["review"]);
    assert_eq!(step(&undone, "due"), step(&agenda, "due"));
}

#[test]
fn bad_snoozes_are_refused() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.refused(
        &["snooze", "ana", "--until", "yesterday"],
        "bad date 'yesterday'",
    );
    s.refused(
        &["snooze", "ana", "--until", "2026-11-25"],
        "is not after today",
    );
    s.refused(
        &["snooze", "zelda", "--until", "+1w"],
        "no one matches 'zelda'",
    );
    s.refused(&["snooze", "ana"], "--until");
}

/// Nothing is cut: with more people due than any screen holds, the review lists all of them,
/// in the text and in the JSON, and the reconnect step says how many more qualify.
#[test]
fn every_due_person_is_listed() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "1500"]);
    // Seven weeks on, without a word to anyone: many are due.
    let later = |args: &[&str]| -> String {
        let out = s.cmd_at(&s.db, "2027-01-15", args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let json = |args: &[&str]| s.json_at("2027-01-15", args);
    let listed_due: Vec<i64> = json(&["list", "--due"])
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["id"].as_i64().unwrap())
        .collect();
    let agenda = json(&["review"]);
    let sections = agenda["sections"].as_array().unwrap();
    // Each person is in one step: the due ones not already asked about in an earlier step.
    let in_review: std::collections::HashSet<i64> = sections
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().iter())
        .map(|item| item["person"].as_i64().unwrap())
        .collect();
    let due_step = sections.iter().find(|s| s["step"] == "due").unwrap();
    let due_items = due_step["items"].as_array().unwrap();
    assert!(
        due_items.len() > 12,
        "the demo should have many due: {}",
        due_items.len()
    );
    for id in &listed_due {
        assert!(in_review.contains(id), "#{id} is due but not in the review");
    }
    // The text (cron's, read in a mail) lists the first few and counts the rest, with the
    // command that lists every one: the JSON above keeps them all.
    let text = later(&["review"]);
    for item in &due_items[..3] {
        assert!(
            text.contains(item["name"].as_str().unwrap()),
            "{item} missing from the text"
        );
    }
    assert!(
        text.contains(&format!(
            "… and {} more: tiesdesk list --due",
            due_items.len() - 3
        )),
        "{text}"
    );
    assert!(
        text.lines().count() <= 60,
        "{} lines:\n{text}",
        text.lines().count()
    );
}
