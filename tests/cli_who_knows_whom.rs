//! Who knows whom, from real data: people together in two or more captured meetings are
//! suggested as knowing each other — listed by `together`, asked about in the review —
//! and confirmed with a link or dismissed for good, never silently; and `circles`, where your
//! contact went in the last year.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::capture::{ME, capture, known};
use serde_json::Value;

/// A calendar with meetings of Ana and Bo (twice), Ana, Bo and Carla, Bo and Carla, and one
/// all-hands with everyone and eight more (a crowd says nothing of who knows whom).
fn calendar(s: &Sandbox) -> String {
    let event = |uid: &str, day: &str, who: &[&str]| {
        let attendees: String = (who.iter())
            .map(|w| format!("ATTENDEE;CN={w}:mailto:{w}\r\n"))
            .collect();
        format!(
            "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n\
             DTSTART:{day}T100000Z\r\nDTEND:{day}T110000Z\r\nSUMMARY:Sync\r\n\
             ORGANIZER:mailto:{ME}\r\nATTENDEE:mailto:{ME}\r\n{attendees}END:VEVENT\r\n"
        )
    };
    let (ana, bo, carla) = ("ana@lima.example", "bo@chen.example", "carla@diaz.example");
    let crowd: Vec<String> = (0..8).map(|i| format!("guest{i}@example.net")).collect();
    let mut everyone = vec![ana, bo, carla];
    everyone.extend(crowd.iter().map(String::as_str));
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{}{}{}{}{}END:VCALENDAR\r\n",
        event("a", "20261103", &[ana, bo]),
        event("b", "20261110", &[ana, bo, carla]),
        event("c", "20261112", &[bo, carla]),
        event("d", "20261113", &everyone),
        event("e", "20261114", &everyone),
    );
    let path = s.dir.path().join("work.ics");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn pairs(s: &Sandbox) -> Vec<(String, String, u64)> {
    (s.json(&["together"]).as_array().unwrap().iter())
        .map(|t| {
            (
                t["a"]["name"].as_str().unwrap().to_string(),
                t["b"]["name"].as_str().unwrap().to_string(),
                t["times"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn together_step(s: &Sandbox) -> Vec<Value> {
    s.review_step(common::TODAY, "together")
}

#[test]
fn people_met_together_twice_are_suggested_and_confirmed_or_dismissed() {
    let s = known();
    let report = capture(&s, "calendar", &calendar(&s), &[]);
    assert_eq!(report["captured"], 3, "{report:#}");
    let pair = |a: &str, b: &str, n| (a.to_string(), b.to_string(), n);
    assert_eq!(
        pairs(&s),
        [
            pair("Bo Chen", "Carla Diaz", 2),
            pair("Ana Lima", "Bo Chen", 2)
        ],
        "Ana and Carla met once together; the crowd counts for no one"
    );
    let text = s.ok(&["together"]);
    assert!(
        text.contains(
            "Bo Chen #2 and Carla Diaz #3: together in 2 meetings or mails, the last on 2026-11-12"
        ),
        "{text}"
    );

    let items = together_step(&s);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["name"], "Bo Chen");
    assert_eq!(
        items[0]["detail"],
        "knows Carla Diaz? together 2 times, the last 13 days ago"
    );
    assert_eq!(
        items[0]["subject"],
        serde_json::json!({"kind": "knows", "id": 3})
    );

    // Yes: a link, and no longer suggested. No: dismissed, never suggested again.
    s.ok(&["link", "Bo", "knows", "Carla"]);
    let said = s.ok(&["dismiss", "Ana", "Bo"]);
    assert!(
        said.contains("Ana Lima and Bo Chen will not be suggested as knowing each other again"),
        "{said}"
    );
    assert_eq!(pairs(&s), []);
    assert_eq!(together_step(&s), Vec::<Value>::new());
    // The same calendar again suggests nothing new.
    capture(&s, "calendar", &calendar(&s), &[]);
    assert_eq!(pairs(&s), []);
    // Undo brings the suggestion back; dismissing twice is refused.
    s.ok(&["undo"]);
    assert_eq!(pairs(&s), [pair("Ana Lima", "Bo Chen", 2)]);
    s.ok(&["dismiss", "Bo", "Ana"]);
    s.refused(&["dismiss", "Ana", "Bo"], "dismissed already");
    s.refused(&["dismiss", "Ana", "Ana"], "not linked to themselves");

    // The dismissal travels in the document.
    let document: Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    assert_eq!(
        document["dismissed_links"],
        serde_json::json!([{"a": 1, "b": 2, "on": common::TODAY}])
    );
}

#[test]
fn an_archived_person_is_never_suggested() {
    let s = known();
    capture(&s, "calendar", &calendar(&s), &[]);
    s.ok(&["archive", "Carla"]);
    let names: Vec<(String, String, u64)> = pairs(&s);
    assert_eq!(names, [("Ana Lima".to_string(), "Bo Chen".to_string(), 2)]);
}

#[test]
fn circles_show_where_contact_went_in_the_last_year() {
    let s = Sandbox::new();
    s.ok(&[
        "add",
        "Ana Lima",
        "--company",
        "Lumen Design",
        "--tag",
        "climbing",
    ]);
    s.ok(&["add", "Bo Chen", "--company", "Lumen Design"]);
    s.ok(&["add", "Cy Park"]);
    for (who, days) in [
        ("Ana", 3),
        ("Ana", 40),
        ("Bo", 10),
        ("Bo", 20),
        ("Bo", 30),
        ("Cy", 5),
    ] {
        let day = format!("-{days}d");
        s.ok(&["log", who, "--mutual", "--kind", "meet", "--on", &day]);
    }
    // Two years ago: out of the year.
    s.ok(&[
        "log",
        "Cy",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2024-10-01",
    ]);
    let shares = s.json(&["circles"]);
    assert_eq!(
        (shares["contacts"].as_u64(), shares["people"].as_u64()),
        (Some(6), Some(3))
    );
    assert_eq!(
        shares["circles"][0]["circle"],
        serde_json::json!({"kind": "company", "name": "Lumen Design"})
    );
    assert_eq!(shares["circles"][0]["people"], 2);
    let text = s.ok(&["circles"]);
    assert!(
        text.contains("   83%  Lumen Design  2 people, 5 contacts"),
        "{text}"
    );
    assert!(
        text.contains("   33%  #climbing     1 person, 2 contacts"),
        "{text}"
    );
    assert!(
        text.contains("   17%  with people in no company or tag"),
        "{text}"
    );
    let empty = Sandbox::new();
    empty.ok(&["add", "Di Vos"]);
    assert!(
        empty
            .ok(&["circles"])
            .contains("No contact in the last year yet")
    );
}
