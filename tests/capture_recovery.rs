//! The model, fed only by capture, finds the user's real network: a `demo` network's planted
//! interactions are written out as the mail and calendar its person would have, imported into
//! a database holding only the people (paper ties), and the active set and inner 15 come out
//! as planted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::fmt::Write as _;

use common::Sandbox;
use serde_json::Value;

const ME: &str = "me@example.org";

fn address(id: &Value) -> String {
    format!("person{id}@demo.example")
}

/// The mail and calendar a person whose log is `interactions` would have: meetings and calls
/// as invitations (organised by whoever reached out), everything else as mail.
fn history(interactions: &[Value]) -> (String, String) {
    let mut mbox = String::new();
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//recovery//EN\r\n");
    for (n, interaction) in interactions.iter().enumerate() {
        let day = interaction["date"].as_str().unwrap().replace('-', "");
        let people: Vec<String> = interaction["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(address)
            .collect();
        let direction = interaction["direction"].as_str().unwrap();
        match interaction["kind"].as_str().unwrap() {
            kind @ ("meet" | "call") => {
                let _ = write!(
                    ics,
                    "BEGIN:VEVENT\r\nUID:event-{n}@demo.example\r\nDTSTAMP:20261101T000000Z\r\n\
                     DTSTART:{day}T120000Z\r\nDTEND:{day}T130000Z\r\n\
                     ATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n"
                );
                for person in &people {
                    let _ = write!(ics, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:{person}\r\n");
                }
                match direction {
                    "gave" => {
                        let _ = write!(ics, "ORGANIZER:mailto:{ME}\r\n");
                    }
                    "received" => {
                        let _ = write!(ics, "ORGANIZER:mailto:{}\r\n", people[0]);
                    }
                    _ => {}
                }
                if kind == "call" {
                    ics.push_str("LOCATION:https://meet.google.com/abc-defg-hij\r\n");
                }
                ics.push_str("END:VEVENT\r\n");
            }
            _ => {
                let date = chrono::NaiveDate::parse_from_str(&day, "%Y%m%d").unwrap();
                let (from, to) = if direction == "received" {
                    (people[0].clone(), ME.to_string())
                } else {
                    (ME.to_string(), people.join(", "))
                };
                let _ = write!(
                    mbox,
                    "From x@x Mon Jan  1 00:00:00 2024\nFrom: {from}\nTo: {to}\n\
                     Date: {} 12:00:00 +0000\nMessage-ID: <mail-{n}@demo.example>\n\nHello.\n\n",
                    date.format("%a, %d %b %Y")
                );
            }
        }
    }
    ics.push_str("END:VCALENDAR\r\n");
    (mbox, ics)
}

/// The ids `list --json` gives as active, and those in the inner 15.
fn circles(s: &Sandbox) -> (HashSet<i64>, HashSet<i64>) {
    let list = s.json(&["list"]);
    let mut active = HashSet::new();
    let mut inner = HashSet::new();
    for row in list.as_array().unwrap() {
        if row["status"] == "active" {
            let id = row["id"].as_i64().unwrap();
            active.insert(id);
            if row["layer"].as_u64().is_some_and(|l| l <= 15) {
                inner.insert(id);
            }
        }
    }
    (active, inner)
}

fn share(found: &HashSet<i64>, planted: &HashSet<i64>) -> f64 {
    found.intersection(planted).count() as f64 / planted.len() as f64
}

#[test]
fn mail_and_calendar_alone_recover_the_planted_active_set_and_inner_15() {
    let planted = Sandbox::new();
    planted.ok(&[
        "demo",
        "--people",
        "1500",
        "--interactions",
        "30000",
        "--seed",
        "7",
    ]);
    let (active, inner) = circles(&planted);
    assert!(active.len() >= 100, "the demo plants an active set");
    let mut document: Value = serde_json::from_str(&planted.ok(&["export", "json"])).unwrap();
    let interactions = document["interactions"].as_array().unwrap().clone();
    // The same people, each known by an address, and nothing logged: paper ties.
    for person in document["people"].as_array_mut().unwrap() {
        let email = address(&person["id"]);
        person["emails"] = Value::from(vec![email]);
        person["introduced_by"] = Value::Null;
    }
    for list in ["interactions", "links", "reviews", "snoozes"] {
        document[list] = Value::Array(Vec::new());
    }
    let fresh = Sandbox::new();
    let doc = fresh.dir.path().join("people.json");
    std::fs::write(&doc, document.to_string()).unwrap();
    fresh.ok(&["import", "json", doc.to_str().unwrap()]);
    assert!(
        circles(&fresh).0.is_empty(),
        "only paper ties before capture"
    );

    let (mbox, ics) = history(&interactions);
    let mail = fresh.dir.path().join("all.mbox");
    let calendar = fresh.dir.path().join("calendar.ics");
    std::fs::write(&mail, mbox).unwrap();
    std::fs::write(&calendar, ics).unwrap();
    fresh.ok(&["import", "mail", mail.to_str().unwrap(), "--me", ME]);
    fresh.ok(&["import", "calendar", calendar.to_str().unwrap(), "--me", ME]);

    let (found_active, found_inner) = circles(&fresh);
    let active_share = share(&found_active, &active);
    let inner_share = share(&found_inner, &inner);
    assert!(
        active_share >= 0.95,
        "active set recovered: {:.1}% of {}",
        active_share * 100.0,
        active.len()
    );
    assert!(
        inner_share >= 0.90,
        "inner 15 recovered: {:.1}% of {}",
        inner_share * 100.0,
        inner.len()
    );
}
