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
            "this_week",
            "you_take",
            "started_by_taking",
            "due",
            "reconnect",
            "paper_ties"
        ]
    );
    assert_eq!(agenda["streak_weeks"], 0);
    // Every listed person has a name.
    for section in agenda["sections"].as_array().unwrap() {
        for item in section["items"].as_array().unwrap() {
            let id = item["person"].as_i64().unwrap().to_string();
            assert!(agenda["names"][&id].is_string(), "no name for #{id}");
        }
    }
    assert!(agenda["sections"][4]["items"].as_array().unwrap().len() <= 3);
    let text = s.ok(&["review"]);
    assert!(
        text.starts_with("Weekly review · 2026-11-25 · no streak yet"),
        "{text}"
    );
    assert!(text.contains("5. Reconnect"), "{text}");
}

#[test]
fn a_snoozed_person_leaves_the_review_until_the_date() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "400"]);
    let agenda = s.json(&["review"]);
    let due = &agenda["sections"][3]["items"];
    let first = format!("#{}", due[0]["person"]);
    let said = s.ok(&["snooze", &first, "--until", "+2w"]);
    assert!(said.contains("until 2026-12-09"), "{said}");
    let after = s.json(&["review"]);
    assert!(
        after["sections"][3]["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| format!("#{}", i["person"]) != first)
    );
    // On the day the snooze ends they are back (and still due, with no contact since).
    let later = s.json(&["review", "--today", "2026-12-09"]);
    assert!(
        later["sections"][3]["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| format!("#{}", i["person"]) == first),
        "{first} should be back on 2026-12-09"
    );
    // Undo removes the snooze.
    assert!(s.ok(&["undo"]).starts_with("Undid: Snoozed "));
    let undone = s.json(&["review"]);
    assert_eq!(undone["sections"][3], agenda["sections"][3]);
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
