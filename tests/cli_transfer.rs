//! The tiesdesk JSON document and backups through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Sandbox, snapshot};
use serde_json::json;

const FIXTURE: &str = "tests/fixtures/small.tiesdesk.json";

fn empty_database(s: &Sandbox) {
    // A database with no one in it: someone added, and taken out again.
    s.ok(&["add", "Temp"]);
    s.ok(&["undo"]);
}

#[test]
fn a_document_from_another_tool_imports_with_every_field() {
    let s = Sandbox::new();
    let said = s.ok(&["import", "json", FIXTURE]);
    assert!(
        said.starts_with("Imported 3 people, 3 interactions, 2 links, 1 review and 1 snooze."),
        "{said}"
    );
    let ana = s.json(&["show", "ana"]);
    let p = &ana["person"];
    assert_eq!(p["company"], "Zephyr Labs");
    assert_eq!(p["birthday"], "--04-02");
    assert_eq!(p["source"], "linkedin");
    assert_eq!(p["connected_on"], "2021-03-05");
    assert!(p["introduced_by"].is_i64(), "{p}");
    let bram_id = s.json(&["show", "bram"])["person"]["id"].clone();
    assert_eq!(p["introduced_by"], bram_id, "ids are remapped consistently");
    assert_eq!(ana["interactions"][0]["note"], "intro to a recruiter");
    // Defaults: kind other, size 1.
    let zoe = s.json(&["show", "zoe"]);
    assert_eq!(zoe["interactions"][0]["kind"], "other");
    assert_eq!(zoe["interactions"][0]["size"], 1);
    assert_eq!(zoe["person"]["family"], true);
    assert_eq!(s.json(&["status"])["days_since_review"], 9);
}

#[test]
fn export_then_import_gives_the_same_database_back() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "300", "--seed", "4"]);
    s.ok(&["snooze", "#5", "--until", "+2w"]);
    s.ok(&["promise", "#5", "send the article", "--by", "+1w"]);
    s.ok(&["promise", "#6", "the book"]);
    s.ok(&["promise", "#7", "coffee"]);
    s.ok(&["promise", "#8", "an intro to Acme"]);
    s.ok(&["kept", "3", "--size", "2"]);
    s.ok(&["drop", "4"]);
    s.ok(&["need", "#5", "a designer", "--tag", "design"]);
    s.ok(&["need", "#6", "a flat"]);
    s.ok(&["need", "#9", "a first job"]);
    // The demo noted five needs and three offers of its own.
    s.ok(&["need-done", "8"]);
    s.ok(&["offer-done", "3"]);
    s.ok(&["introduce", "6", "#7", "--made"]);
    s.ok(&["introduce", "7", "#8"]);
    s.ok(&["date", "#5", "work anniversary", "2019-03-01"]);
    s.ok(&["date", "#6", "met", "--02-29"]);
    s.ok(&["archive", "#6"]);
    let first = s.dir.path().join("first.json");
    s.ok(&["export", "json", "-o", first.to_str().unwrap()]);
    let mode = std::fs::metadata(&first).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "an export holds private notes");

    let other = Sandbox::new();
    let restored = other.json(&["import", "json", first.to_str().unwrap()]);
    assert_eq!(restored["people"], 300, "{restored}");
    assert_eq!(restored["promises"], 4, "{restored}");
    assert_eq!(restored["held_already"], false, "{restored}");
    let again = other.json(&["import", "json", first.to_str().unwrap()]);
    assert_eq!(again["held_already"], true, "{again}");
    assert_eq!(again["people"], 0, "{again}");
    let second = other.dir.path().join("second.json");
    other.ok(&["export", "json", "-o", second.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // And the model sees the same network.
    assert_eq!(
        s.json(&["list", "--archived"]),
        other.json(&["list", "--archived"])
    );
    assert_eq!(s.json(&["status"]), other.json(&["status"]));
    for listing in [
        &["promises", "--all"][..],
        &["needs", "--all"],
        &["dates"],
        &["offers", "--all"],
        &["introductions", "--all"],
    ] {
        assert_eq!(s.json(listing), other.json(listing), "{listing:?}");
    }
    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&first).unwrap()).unwrap();
    let kept = &document["promises"][2];
    assert_eq!(kept["state"], "kept");
    let favour = document["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == kept["favour"])
        .unwrap();
    assert_eq!(favour["note"], "coffee", "the favour that kept it");
    assert_eq!(document["needs"].as_array().unwrap().len(), 8);
    assert_eq!(document["needs"][5]["tags"], json!(["design"]));
    assert_eq!(document["needs"][7]["state"], "done");
    assert_eq!(document["offers"][2]["done_on"], common::TODAY);
    assert_eq!(document["introductions"][0]["stage"], "made");
    assert_eq!(document["introductions"][1]["stage"], "asked");
    assert_eq!(
        document["dates"][1]["date"], "--02-29",
        "an archived person's date too"
    );
    // One undo takes the whole import back out.
    other.ok(&["undo"]);
    assert_eq!(other.json(&["list", "--archived"]), json!([]));
    assert_eq!(other.json(&["review"])["sections"][7]["items"], json!([]));
}

#[test]
fn export_to_standard_output_is_the_document() {
    let s = Sandbox::new();
    s.ok(&["import", "json", FIXTURE]);
    let document: serde_json::Value = serde_json::from_str(&s.ok(&["export", "json"])).unwrap();
    assert_eq!(document["format"], "tiesdesk/1");
    assert_eq!(document["people"].as_array().unwrap().len(), 3);
    assert_eq!(document["snoozes"][0]["until"], "2026-12-01");
}

#[test]
fn bad_documents_are_refused_whole_naming_the_place() {
    let s = Sandbox::new();
    empty_database(&s);
    let cases: [(&str, &str); 9] = [
        (
            r#"{"format":"tiesdesk/2","people":[]}"#,
            "format: 'tiesdesk/2'",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A","birthday":"--13-01"}]}"#,
            "people[0].birthday",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A"}],"interactions":[{"date":"2026-01-01","people":[2],"direction":"gave"}]}"#,
            "interactions[0].people: no person with id 2",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A"},{"id":1,"name":"B"}]}"#,
            "people[1].id: 1 appears twice",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A"}],"interactions":[{"date":"2026-01-01","people":[1],"direction":"sideways"}]}"#,
            "interactions[0].direction",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A"}],"interactions":[{"date":"2026-01-01","people":[1],"direction":"gave","size":3}]}"#,
            "interactions[0].size",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"  "}]}"#,
            "people[0]: a person needs a name",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A"}],"links":[{"a":1,"b":1,"kind":"knows"}]}"#,
            "links[0]",
        ),
        (
            r#"{"format":"tiesdesk/1","people":[{"id":1,"name":"A""#,
            "not a tiesdesk document",
        ),
    ];
    for (i, (text, needle)) in cases.iter().enumerate() {
        let file = s.dir.path().join(format!("bad{i}.json"));
        std::fs::write(&file, text).unwrap();
        s.refused(&["import", "json", file.to_str().unwrap()], needle);
    }
    // Not a document at all: a CSV, a binary file, a missing file.
    let csv = s.dir.path().join("contacts.csv");
    std::fs::write(&csv, "First Name,Last Name\nAna,Lima\n").unwrap();
    s.refused(
        &["import", "json", csv.to_str().unwrap()],
        "not a tiesdesk document",
    );
    let binary = s.dir.path().join("binary.json");
    std::fs::write(&binary, [0u8, 159, 146, 150, 255, 0, 1]).unwrap();
    s.refused(&["import", "json", binary.to_str().unwrap()], "is not text");
    s.refused(&["import", "json", "/nonexistent/x.json"], "no such file");
    s.refused(&["export", "xml"], "invalid value 'xml'");
}

#[test]
fn the_same_document_again_adds_nothing() {
    let s = Sandbox::new();
    s.ok(&["import", "json", FIXTURE]);
    let file = s.dir.path().join("again.json");
    s.ok(&["export", "json", "-o", file.to_str().unwrap()]);
    let before = snapshot(&s.db);
    let said = s.ok(&["import", "json", file.to_str().unwrap()]);
    assert_eq!(
        said,
        "Nothing to import: the database already holds this document.\n"
    );
    assert_eq!(before, snapshot(&s.db));
}

#[test]
fn a_document_restores_only_into_an_empty_database() {
    let s = Sandbox::new();
    s.ok(&["add", "Someone Else"]);
    s.refused(&["import", "json", FIXTURE], "already has people in it");
    let before = snapshot(&s.db);
    let dry = s
        .cmd_on(
            &s.dir.path().join("dry.db"),
            &["import", "json", FIXTURE, "--dry-run"],
        )
        .output()
        .unwrap();
    let said = String::from_utf8(dry.stdout).unwrap();
    assert!(said.contains("nothing was written"), "{said}");
    assert_eq!(before, snapshot(&s.db));
}

#[test]
fn a_backup_is_a_private_working_copy_and_never_overwrites() {
    let s = Sandbox::new();
    s.ok(&["import", "json", FIXTURE]);
    let copy = s.dir.path().join("backup.db");
    s.ok(&["backup", copy.to_str().unwrap()]);
    let mode = std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let from_copy = common::Sandbox {
        dir: tempfile::tempdir().unwrap(),
        db: copy.clone(),
    };
    assert_eq!(from_copy.ok(&["export", "json"]), s.ok(&["export", "json"]));
    let before = std::fs::read(&copy).unwrap();
    s.refused(&["backup", copy.to_str().unwrap()], "already exists");
    assert_eq!(before, std::fs::read(&copy).unwrap());
    assert!(!Path::new(&format!("{}.partial", copy.display())).exists());
}

#[test]
fn promises_in_a_document_are_checked_and_a_document_without_them_writes_none() {
    let s = Sandbox::new();
    s.ok(&["import", "json", FIXTURE]);
    let text = s.ok(&["export", "json"]);
    for key in ["\"promises\"", "\"needs\"", "\"dates\""] {
        assert!(!text.contains(key), "none, no key {key}: {text}");
    }

    let other = Sandbox::new();
    empty_database(&other);
    let people = r#""people":[{"id":7,"name":"Ana"}],"interactions":[{"id":3,"date":"2026-01-01","people":[7],"kind":"favour","direction":"gave"}]"#;
    let cases = [
        (
            r#""promises":[{"person":8,"text":"x","made_on":"2026-01-01"}]"#,
            "promises[0].person: no person with id 8",
        ),
        (
            r#""promises":[{"person":7,"text":"x","made_on":"2026-01-01","state":"kept"}]"#,
            "promises[0].closed_on",
        ),
        (
            r#""promises":[{"person":7,"text":"x","made_on":"2026-01-01","state":"kept","closed_on":"2026-01-02","favour":4}]"#,
            "promises[0].favour: no interaction with id 4",
        ),
        (
            r#""promises":[{"person":7,"text":"  ","made_on":"2026-01-01"}]"#,
            "promises[0].text",
        ),
        (
            r#""promises":[{"person":7,"text":"x","made_on":"2026-01-01","state":"maybe"}]"#,
            "promises[0].state",
        ),
        (
            r#""needs":[{"person":8,"text":"x","noted_on":"2026-01-01"}]"#,
            "needs[0].person: no person with id 8",
        ),
        (
            r#""needs":[{"person":7,"text":"x","noted_on":"2026-01-01","state":"done"}]"#,
            "needs[0].done_on",
        ),
        (
            r#""needs":[{"person":7,"text":"x","noted_on":"2026-01-01","tags":["a b"]}]"#,
            "needs[0].tags",
        ),
        (
            r#""dates":[{"person":7,"label":"met","date":"--02-30"}]"#,
            "dates[0].date",
        ),
        (
            r#""dates":[{"person":7,"label":"","date":"--02-03"}]"#,
            "dates[0].label",
        ),
    ];
    for (promises, needle) in cases {
        let path = other.dir.path().join("bad.json");
        let document = format!(r#"{{"format":"tiesdesk/1",{people},{promises}}}"#);
        std::fs::write(&path, document).unwrap();
        other.refused(&["import", "json", path.to_str().unwrap()], needle);
    }
    let path = other.dir.path().join("good.json");
    let good = format!(
        r#"{{"format":"tiesdesk/1",{people},"promises":[{{"person":7,"text":"x","made_on":"2026-01-01","state":"kept","closed_on":"2026-01-02","favour":3}}]}}"#
    );
    std::fs::write(&path, good).unwrap();
    other.ok(&["import", "json", path.to_str().unwrap()]);
    let promises = other.json(&["promises", "--all"]);
    assert_eq!(promises[0]["name"], "Ana");
    assert_eq!(promises[0]["favour"], 1, "the favour's id in this database");

    let path = other.dir.path().join("given.json");
    let given = format!(
        r#"{{"format":"tiesdesk/1",{people},"needs":[{{"person":7,"text":"a designer","noted_on":"2026-01-01"}}],"dates":[{{"person":7,"label":"met","date":"2020-06-01"}}]}}"#
    );
    std::fs::write(&path, given).unwrap();
    let third = Sandbox::new();
    third.ok(&["import", "json", path.to_str().unwrap()]);
    assert_eq!(third.json(&["needs"])[0]["state"], "open");
    assert_eq!(third.json(&["dates"])[0]["label"], "met");
}
