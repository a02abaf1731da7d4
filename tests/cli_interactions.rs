//! Fixing the past: one logged interaction edited or deleted, each one undo, with refusals
//! that change nothing, and the history cache still equal to the log (`tiesdesk check`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

fn ids_of(s: &Sandbox, name: &str) -> Vec<i64> {
    s.json(&["show", name])["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn edit_and_delete_one_interaction_each_one_undo() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bram Horvat"]);
    s.ok(&[
        "log", "ana", "--gave", "--kind", "favour", "--note", "typo", "--on", "-2d",
    ]);
    s.ok(&["log", "ana", "--mutual", "--kind", "meet", "--on", "-10d"]);
    let ids = ids_of(&s, "ana");
    assert_eq!(ids.len(), 2);
    let favour = ids[0];
    let before = s.json(&["show", "ana"]);

    let said = s.ok(&[
        "interaction",
        "edit",
        &favour.to_string(),
        "--kind",
        "advice",
        "--note",
        "fixed",
        "--with",
        "ana",
        "--with",
        "bram",
    ]);
    assert!(
        said.starts_with("Changed \"Gave Ana Lima a favour"),
        "{said}"
    );
    let edited = s.json(&["show", "ana"]);
    let first = &edited["interactions"][0];
    assert_eq!(first["id"], favour, "the id stays");
    assert_eq!(first["kind"], "advice");
    assert_eq!(first["note"], "fixed");
    assert_eq!(first["direction"], "gave", "what was not named stays");
    assert_eq!(first["date"], before["interactions"][0]["date"]);
    assert_eq!(ids_of(&s, "bram"), vec![favour], "Bram took part now");
    assert!(s.ok(&["check"]).contains("sound"));

    let undone = s.ok(&["undo"]);
    assert!(undone.contains("Changed"), "{undone}");
    assert_eq!(s.json(&["show", "ana"]), before, "undo restores it exactly");
    assert!(ids_of(&s, "bram").is_empty());

    let said = s.ok(&["interaction", "delete", &favour.to_string()]);
    assert!(
        said.starts_with("Deleted \"Gave Ana Lima a favour"),
        "{said}"
    );
    assert_eq!(ids_of(&s, "ana").len(), 1);
    assert!(s.ok(&["check"]).contains("sound"));
    s.ok(&["undo"]);
    assert_eq!(s.json(&["show", "ana"]), before);
    assert!(s.ok(&["check"]).contains("sound"));
}

#[test]
fn refusals_change_nothing() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["log", "ana", "--gave"]);
    let id = ids_of(&s, "ana")[0].to_string();
    s.refused(&["interaction", "delete", "999"], "no interaction #999");
    s.refused(
        &["interaction", "edit", "999", "--kind", "call"],
        "no interaction #999",
    );
    s.refused(&["interaction", "edit", &id], "say what to change");
    s.refused(
        &["interaction", "edit", &id, "--on", "2030-01-01"],
        "bad date",
    );
    s.refused(
        &["interaction", "edit", &id, "--with", "nobody"],
        "no one matches",
    );
    s.refused(
        &["interaction", "edit", &id, "--kind", "lunch"],
        "invalid value 'lunch'",
    );
    s.refused(
        &["interaction", "edit", &id, "--gave", "--received"],
        "cannot be used with",
    );
}

#[test]
fn show_prints_the_whole_timeline_when_asked() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    for day in 1..=25 {
        s.ok(&[
            "log",
            "ana",
            "--mutual",
            "--kind",
            "message",
            "--on",
            &format!("-{day}d"),
        ]);
    }
    let short = s.ok(&["show", "ana"]);
    assert!(
        short.contains("… and 5 earlier (tiesdesk show \"Ana Lima\" --all)"),
        "{short}"
    );
    let all = s.ok(&["show", "ana", "--all"]);
    assert_eq!(all.matches(" message ").count(), 25, "{all}");
    assert!(!all.contains("earlier"));
    let three = s.ok(&["show", "ana", "--limit", "3"]);
    assert_eq!(three.matches(" message ").count(), 3);
    assert!(three.contains("… and 22 earlier"));
}
