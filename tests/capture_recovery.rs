//! The model, fed only by capture, finds the user's real network: a `demo` network's planted
//! interactions are written out as the mail, calendar and chats its person would have
//! (meetings as invitations, messages as WhatsApp chats, calls in a Telegram export, the rest
//! as mail), imported into a database holding only the people (paper ties), and the active
//! set and inner 15 come out as planted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

use common::Sandbox;
use serde_json::Value;

const ME: &str = "me@example.org";

fn address(id: &Value) -> String {
    format!("person{id}@demo.example")
}

/// A person's number, as their WhatsApp chat names them (saved by number only).
fn phone(id: &Value) -> String {
    format!("+31 6 1{:07}", id.as_i64().unwrap())
}

/// What a person whose log is `interactions` would have: meetings as invitations (organised
/// by whoever reached out), messages as one WhatsApp chat per person (each file named for
/// them, lines oldest first), calls in a Telegram account export (made by whoever reached
/// out), everything else as mail.
struct History {
    mbox: String,
    ics: String,
    /// Each person's chat: (day, who wrote) lines, `None` for the user.
    whatsapp: BTreeMap<i64, Vec<(String, Option<i64>)>>,
    /// Each person's calls: (day, who called).
    calls: BTreeMap<i64, Vec<(String, Option<i64>)>>,
}

fn history(interactions: &[Value]) -> History {
    let mut history = History {
        mbox: String::new(),
        ics: String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//recovery//EN\r\n"),
        whatsapp: BTreeMap::new(),
        calls: BTreeMap::new(),
    };
    let (mbox, ics) = (&mut history.mbox, &mut history.ics);
    for (n, interaction) in interactions.iter().enumerate() {
        let date = interaction["date"].as_str().unwrap().to_string();
        let day = date.replace('-', "");
        let ids: Vec<i64> = (interaction["people"].as_array().unwrap().iter())
            .map(|id| id.as_i64().unwrap())
            .collect();
        let people: Vec<String> = interaction["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(address)
            .collect();
        let direction = interaction["direction"].as_str().unwrap();
        // Who wrote (or called): the user, the person, or both.
        let writers = |person: i64| -> Vec<Option<i64>> {
            match direction {
                "gave" => vec![None],
                "received" => vec![Some(person)],
                _ => vec![None, Some(person)],
            }
        };
        match interaction["kind"].as_str().unwrap() {
            "meet" => {
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
                ics.push_str("END:VEVENT\r\n");
            }
            "message" => {
                for &person in &ids {
                    let chat = history.whatsapp.entry(person).or_default();
                    for writer in writers(person) {
                        chat.push((date.clone(), writer));
                    }
                }
            }
            "call" => {
                for &person in &ids {
                    let calls = history.calls.entry(person).or_default();
                    // A call is made by one of the two.
                    calls.push((date.clone(), writers(person)[0]));
                }
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
    history.ics.push_str("END:VCALENDAR\r\n");
    history
}

/// Each person's WhatsApp chat as Android writes it in English, one file per person named
/// for their number, in `dir`.
fn write_whatsapp(dir: &Path, chats: &BTreeMap<i64, Vec<(String, Option<i64>)>>) {
    std::fs::create_dir_all(dir).unwrap();
    for (person, lines) in chats {
        let number = phone(&Value::from(*person));
        let mut lines = lines.clone();
        lines.sort();
        let mut text = String::new();
        for (at, (date, writer)) in lines.iter().enumerate() {
            let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
            let who = writer.map_or("Me".to_string(), |_| number.clone());
            let _ = writeln!(
                text,
                "{}, {:02}:{:02} - {who}: message {at}",
                day.format("%d/%m/%Y"),
                9 + at % 12,
                at % 60
            );
        }
        std::fs::write(dir.join(format!("WhatsApp Chat with {number}.txt")), text).unwrap();
    }
}

/// Every call as Telegram Desktop's account export writes it: one personal chat per person,
/// each call a `phone_call` service message by whoever called.
fn telegram_export(calls: &BTreeMap<i64, Vec<(String, Option<i64>)>>) -> String {
    let mut chats = Vec::new();
    for (person, calls) in calls {
        let messages: Vec<Value> = (calls.iter().enumerate())
            .map(|(at, (date, caller))| {
                let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
                let when = day.and_hms_opt(18, 0, 0).unwrap().and_utc();
                let (actor, actor_id) = match caller {
                    None => ("Me".to_string(), "user1".to_string()),
                    Some(id) => (format!("Person {id}"), format!("user{}", 1000 + id)),
                };
                serde_json::json!({
                    "id": at + 1,
                    "type": "service",
                    "date": when.format("%Y-%m-%dT%H:%M:%S").to_string(),
                    "date_unixtime": when.timestamp().to_string(),
                    "actor": actor,
                    "actor_id": actor_id,
                    "action": "phone_call",
                    "duration_seconds": 300,
                    "text": "",
                    "text_entities": []
                })
            })
            .collect();
        chats.push(serde_json::json!({
            "name": format!("Person {person}"),
            "type": "personal_chat",
            "id": 1000 + person,
            "messages": messages
        }));
    }
    serde_json::json!({
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Me", "last_name": ""},
        "chats": {"about": "This page lists all chats from this export.", "list": chats}
    })
    .to_string()
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
fn mail_calendar_and_chats_alone_recover_the_planted_active_set_and_inner_15() {
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
    // The same people, each known by an address, a number, and their Telegram id, and
    // nothing logged: paper ties.
    for person in document["people"].as_array_mut().unwrap() {
        let email = address(&person["id"]);
        person["emails"] = Value::from(vec![email]);
        // Saved as a national number; the chat shows it international.
        let national = phone(&person["id"]).replacen("+31 6", "06", 1);
        person["phones"] = Value::from(vec![national]);
        let telegram = format!("telegram:user{}", 1000 + person["id"].as_i64().unwrap());
        person["handles"] = Value::from(vec![telegram]);
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

    let history = history(&interactions);
    assert!(!history.whatsapp.is_empty() && !history.calls.is_empty());
    let mail = fresh.dir.path().join("all.mbox");
    let calendar = fresh.dir.path().join("calendar.ics");
    let whatsapp = fresh.dir.path().join("WhatsApp");
    let telegram = fresh.dir.path().join("result.json");
    std::fs::write(&mail, &history.mbox).unwrap();
    std::fs::write(&calendar, &history.ics).unwrap();
    write_whatsapp(&whatsapp, &history.whatsapp);
    std::fs::write(&telegram, telegram_export(&history.calls)).unwrap();
    fresh.ok(&["import", "mail", mail.to_str().unwrap(), "--me", ME]);
    fresh.ok(&["import", "calendar", calendar.to_str().unwrap(), "--me", ME]);
    let config = fresh.dir.path().join("no-config.toml");
    std::fs::write(
        &config,
        "[me]\nemails = []\nnames = [\"Me\"]\ncountry = \"NL\"\n",
    )
    .unwrap();
    // Every author is found: by number in the WhatsApp chats (national numbers read with
    // me.country), by the Telegram id kept on them, never by a name (the demo has namesakes).
    for export in [&whatsapp, &telegram] {
        let report = fresh.json(&["import", "chat", export.to_str().unwrap()]);
        assert!(report["captured"].as_u64().unwrap() > 100, "{report:#}");
        assert_eq!(report["no_one_known"], 0, "{report:#}");
        assert!(
            report["unknown"].as_array().unwrap().is_empty(),
            "{report:#}"
        );
    }

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
