//! The core commands through the real binary: add, edit, archive, log, undo, list, show.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::{Value, json};

#[test]
fn the_first_favour() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    let said = s.ok(&[
        "log",
        "ana",
        "--gave",
        "--kind",
        "favour",
        "--note",
        "intro to a recruiter",
    ]);
    assert_eq!(
        said.trim(),
        "Gave Ana Lima a favour. (tiesdesk undo reverts it)"
    );
    let list = s.json(&["list"]);
    let ana = &list[0];
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(ana["name"], "Ana Lima");
    assert_eq!(ana["company"], "Zephyr Labs");
    assert_eq!(ana["given"], 1);
    assert_eq!(ana["received"], 0);
    assert_eq!(ana["status"], "active");
    assert_eq!(ana["last_contact"], common::TODAY);
    assert_eq!(ana["days_since"], 0);
    for field in [
        "id",
        "name",
        "company",
        "tags",
        "status",
        "layer",
        "due",
        "warmth",
        "given",
        "received",
        "one_sided",
        "last_contact",
        "days_since",
    ] {
        assert!(ana.get(field).is_some(), "list --json lacks {field}");
    }
    let shown = s.json(&["show", "Ana Lima"]);
    assert_eq!(shown["interactions"][0]["note"], "intro to a recruiter");
    assert_eq!(shown["interactions"][0]["kind"], "favour");
}

#[test]
fn every_field_round_trips_through_the_binary() {
    let s = Sandbox::new();
    s.ok(&["add", "Bram de Vries"]);
    let added = s.json(&[
        "add",
        "Ana Lima",
        "--given-name",
        "Ana",
        "--family-name",
        "Lima",
        "--email",
        "ana@example.org",
        "--email",
        "ana.lima@work.example",
        "--phone",
        "+31 6 1234 5678",
        "--company",
        "Zephyr Labs",
        "--role",
        "CTO",
        "--location",
        "Utrecht",
        "--tag",
        "climbing",
        "--tag",
        "rust",
        "--notes",
        "met at RustNL",
        "--family",
        "--birthday",
        "--04-02",
        "--cadence",
        "21",
        "--introduced-by",
        "bram",
        "--connected-on",
        "2021-03-05",
    ]);
    let expected = json!({
        "id": 2, "name": "Ana Lima", "given_name": "Ana", "family_name": "Lima",
        "emails": ["ana@example.org", "ana.lima@work.example"], "phones": ["+31 6 1234 5678"],
        "company": "Zephyr Labs", "role": "CTO", "location": "Utrecht",
        "tags": ["climbing", "rust"], "notes": "met at RustNL", "family": true,
        "birthday": "--04-02", "cadence_days": 21, "introduced_by": 1, "source": "manual",
        "source_id": null, "connected_on": "2021-03-05", "archived": false,
    });
    let shown = s.json(&["show", "ana"]);
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&added[key], value, "add --json: {key}");
        assert_eq!(&shown["person"][key], value, "show --json: {key}");
    }
    // Edits change only what they name.
    s.ok(&[
        "edit",
        "ana",
        "--untag",
        "rust",
        "--remove-email",
        "ana@example.org",
        "--role",
        "",
        "--not-family",
        "--no-cadence",
        "--name",
        "Ana Lima-Souza",
    ]);
    let p = &s.json(&["show", "#2"])["person"];
    assert_eq!(p["name"], "Ana Lima-Souza");
    assert_eq!(p["tags"], json!(["climbing"]));
    assert_eq!(p["emails"], json!(["ana.lima@work.example"]));
    assert_eq!(p["role"], Value::Null);
    assert_eq!(p["family"], false);
    assert_eq!(p["cadence_days"], Value::Null);
    assert_eq!(p["company"], "Zephyr Labs");
    assert_eq!(p["birthday"], "--04-02");
}

#[test]
fn unicode_names() {
    let s = Sandbox::new();
    for name in ["Zoë Ñúñez", "李雷", "Ørjan Ødegård", "Ana 🌱 Lima"] {
        s.ok(&["add", name]);
    }
    s.ok(&["log", "李雷", "--mutual", "--kind", "meet"]);
    s.ok(&["log", "zoe", "--received", "--kind", "advice"]); // accents fold in fuzzy matching
    s.ok(&["log", "ørjan", "--gave"]);
    let list = s.json(&["list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in ["Zoë Ñúñez", "李雷", "Ørjan Ødegård", "Ana 🌱 Lima"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let zoe = &s.json(&["show", "Zoë Ñúñez"]);
    assert_eq!(zoe["figures"]["ledger"]["received"], 1);
    assert!(s.ok(&["list"]).contains("Zoë Ñúñez"));
}

#[test]
fn one_interaction_with_three_people() {
    let s = Sandbox::new();
    for name in ["Ana Lima", "Bram de Vries", "Chen Okafor"] {
        s.ok(&["add", name]);
    }
    let logged = s.json(&[
        "log", "ana", "bram", "chen", "--mutual", "--kind", "meet", "--on", "-3d", "--size", "2",
    ]);
    assert_eq!(logged["people"], json!([1, 2, 3]));
    assert_eq!(logged["day"], "2026-11-22");
    for name in ["ana", "bram", "chen"] {
        let shown = s.json(&["show", name]);
        assert_eq!(shown["interactions"].as_array().unwrap().len(), 1, "{name}");
        assert_eq!(shown["interactions"][0]["people"], json!([1, 2, 3]));
        assert_eq!(shown["figures"]["days_since"], 3);
    }
    assert!(
        s.ok(&["show", "ana"])
            .contains("with Bram de Vries, Chen Okafor")
    );
}

#[test]
fn undo_reverts_each_kind_of_change() {
    let s = Sandbox::new();
    s.ok(&[
        "add",
        "Ana Lima",
        "--company",
        "Zephyr Labs",
        "--tag",
        "climbing",
    ]);
    let base = s.json(&["show", "ana"]);

    let changes: [&[&str]; 5] = [
        &["edit", "ana", "--company", "Bolt", "--tag", "rust"],
        &["archive", "ana"],
        &["log", "ana", "--gave", "--kind", "favour"],
        &[
            "log",
            "ana",
            "--received",
            "--kind",
            "gift",
            "--size",
            "4",
            "--on",
            "yesterday",
        ],
        &["add", "Bram de Vries"],
    ];
    // Everything a change could touch: the person, and every list.
    let state = || {
        json!([
            s.json(&["show", "#1"]),
            s.json(&["list"]),
            s.json(&["list", "--archived"])
        ])
    };
    for change in changes {
        let before = state();
        s.ok(change);
        assert_ne!(state(), before, "{change:?} changed nothing");
        let said = s.ok(&["undo"]);
        assert!(said.starts_with("Undid: "), "{said}");
        assert_eq!(state(), before, "after undoing {change:?}");
    }
    // Unarchive, then undo: archived again.
    s.ok(&["archive", "ana"]);
    s.ok(&["unarchive", "ana"]);
    assert_eq!(s.ok(&["undo"]).trim(), "Undid: Unarchived Ana Lima");
    assert_eq!(s.json(&["show", "ana"])["person"]["archived"], true);
    s.ok(&["undo"]);
    assert_eq!(s.json(&["show", "ana"]), base);
    // Finally the add itself.
    assert_eq!(s.ok(&["undo"]).trim(), "Undid: Added Ana Lima");
    assert_eq!(s.json(&["list"]), json!([]));
    assert_eq!(s.ok(&["undo"]).trim(), "Nothing to undo.");
}

#[test]
fn a_log_undo_says_what_it_reverted() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bram de Vries"]);
    s.ok(&[
        "log",
        "ana",
        "bram",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2026-11-02",
    ]);
    assert_eq!(
        s.ok(&["undo"]).trim(),
        "Undid: Met Ana Lima and Bram de Vries on 2026-11-02"
    );
    assert_eq!(s.json(&["show", "ana"])["interactions"], json!([]));
}

#[test]
fn archived_people_leave_lists_but_not_search() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    s.ok(&["log", "ana", "--mutual", "--kind", "meet"]);
    s.ok(&["archive", "ana"]);
    assert_eq!(s.json(&["list"]), json!([]));
    let found = s.json(&["list", "--search", "zephyr"]);
    assert_eq!(found[0]["status"], "archived");
    assert_eq!(s.json(&["status"])["active"], 0);
}

#[test]
fn a_fresh_database_says_how_to_start() {
    let s = Sandbox::new();
    let said = s.ok(&["status"]);
    assert!(said.starts_with("No one here yet."), "{said}");
    // A mistyped --db is not a new database: status says so and creates nothing.
    assert!(said.contains("There is no database at"), "{said}");
    assert!(!s.db.exists() && !s.db.parent().unwrap().exists(), "{said}");
    s.refused(&["status", "--json"], "there is no database here yet");
    s.ok(&["add", "Ana"]);
    s.ok(&["undo"]);
    let said = s.ok(&["status"]);
    assert!(said.starts_with("No one here yet."), "{said}");
    assert!(!said.contains("There is no database"), "{said}");
    assert!(
        said.contains("tiesdesk add") && said.contains("demo"),
        "{said}"
    );
}

#[test]
fn the_app_needs_a_terminal_and_touches_nothing_without_one() {
    let s = Sandbox::new();
    let out = s.cmd(&[]).output().unwrap();
    common::assert_refused(&out, "the app needs a terminal");
    assert!(
        !s.db.exists(),
        "no database is created when the app cannot start"
    );
}
