//! Capturing history from the user's own mail, through the real binary on real databases:
//! which messages become interactions, with whom, which day and which way; that a second
//! import (or a second mailbox holding the same message) adds nothing; and what is never kept.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::capture::{ME, known, not_read, skipped, stored_text, timeline};
use serde_json::Value;

const DIR: &str = "tests/fixtures/mail";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

fn capture(s: &Sandbox, path: &str, more: &[&str]) -> Value {
    common::capture::capture(s, "mail", path, more)
}

fn row(day: &str, direction: &str, others: usize) -> (String, String, String, String, usize) {
    (
        day.into(),
        "message".into(),
        direction.into(),
        "mail".into(),
        others,
    )
}

/// Every message read is in exactly one count of the report.
fn accounted(report: &Value) -> u64 {
    let skipped: u64 = skipped(report).iter().map(|(_, n)| n).sum();
    ["captured", "already", "same_day", "no_one_known"]
        .iter()
        .map(|k| report[k].as_u64().unwrap())
        .sum::<u64>()
        + skipped
}

#[test]
fn an_mbox_gives_the_exact_interactions_the_rules_say() {
    let s = known();
    let report = capture(&s, &fixture("archive.mbox"), &[]);
    assert_eq!(report["read"], 19);
    assert_eq!(accounted(&report), 19, "{report:#}");
    assert_eq!(report["captured"], 5);
    assert_eq!(report["people"], 3);
    assert_eq!(report["same_day"], 1, "Ana's second mail on 3 November");
    assert_eq!(report["no_one_known"], 5, "four with Dee, one from Eve");
    assert_eq!(
        skipped(&report),
        [
            ("automated".to_string(), 3),
            ("no_reply".to_string(), 1),
            ("spam_or_trash".to_string(), 2),
            ("broadcast".to_string(), 1),
            ("only_you".to_string(), 1),
        ]
    );
    // One mail to Ana and Bo; Ana's reply (an encoded name, a folded To, CRLF lines).
    assert_eq!(
        timeline(&s, "Ana Lima"),
        [
            row("2026-11-02", "gave", 1),
            row("2026-11-03", "received", 0)
        ]
    );
    // No Date: the mbox's own From line dates it; an unreadable Date: the same.
    assert_eq!(
        timeline(&s, "Bo Chen"),
        [
            row("2026-11-02", "gave", 1),
            row("2026-11-20", "received", 0)
        ]
    );
    // The Bcc-only mail to Carla is not contact; `>From` in a body does not start a message.
    assert_eq!(
        timeline(&s, "Carla Diaz"),
        [
            row("2026-11-18", "received", 0),
            row("2026-11-21", "gave", 0)
        ]
    );
    // Unknown correspondents are listed, most mail first, and not added.
    let unknown: Vec<_> = report["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["email"].as_str().unwrap(),
                u["sent"].as_u64().unwrap(),
                u["received"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        [("dee@else.example", 2, 2), ("eve@else.example", 0, 1)]
    );
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 3);
}

#[test]
fn importing_again_or_from_a_second_mailbox_counts_each_message_once() {
    let s = known();
    capture(&s, &fixture("archive.mbox"), &[]);
    let before = common::snapshot(&s.db);
    let again = capture(&s, &fixture("archive.mbox"), &[]);
    assert_eq!(again["captured"], 0);
    assert_eq!(again["already"], 5);
    assert_eq!(accounted(&again), 19);
    assert_eq!(
        before,
        common::snapshot(&s.db),
        "a second import writes nothing"
    );
    // The Maildir holds the 2 November mail again (in .Sent), two new ones and one in tmp/.
    let maildir = capture(&s, &fixture("Maildir"), &[]);
    assert_eq!(maildir["read"], 4, "tmp/ is mail still being delivered");
    assert_eq!(maildir["already"], 1);
    assert_eq!(maildir["captured"], 3);
    assert_eq!(
        timeline(&s, "Bo Chen"),
        [
            row("2026-11-02", "gave", 1),
            row("2026-11-20", "received", 0),
            row("2026-11-25", "received", 0)
        ]
    );
    // No Message-ID and no Date: delivered on 24 November, by its file name; found again.
    assert_eq!(
        timeline(&s, "Carla Diaz").last().unwrap(),
        &row("2026-11-24", "gave", 0)
    );
    assert_eq!(capture(&s, &fixture("Maildir"), &[])["captured"], 0);
    // A folder holding both counts the shared message once.
    let both = known();
    let report = capture(&both, DIR, &[]);
    assert_eq!(report["read"], 24);
    assert_eq!(report["captured"], 9, "{report:#}");
    assert_eq!(
        not_read(&report["files"]["not_read"]),
        [("undelivered".to_string(), 1), ("not_mail".to_string(), 1)],
        "tmp/ is not delivered yet; notes.txt is not mail"
    );
    assert_eq!(
        skipped(&report)
            .iter()
            .find(|(r, _)| r == "again")
            .unwrap()
            .1,
        1
    );
}

#[test]
fn add_people_adds_who_you_wrote_with_both_ways_and_undo_takes_it_all_back() {
    let s = known();
    let report = capture(&s, &fixture("archive.mbox"), &["--add-people"]);
    let added = report["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "Eve only wrote once, one way");
    assert_eq!(added[0]["name"], "Dee Else");
    assert_eq!(report["captured"], 9);
    assert_eq!(
        timeline(&s, "Dee Else"),
        [
            row("2026-11-05", "gave", 0),
            row("2026-11-06", "received", 0),
            row("2026-11-10", "gave", 0),
            row("2026-11-12", "received", 0)
        ]
    );
    let dee = s.json(&["show", "Dee Else"]);
    assert_eq!(dee["person"]["emails"][0], "dee@else.example");
    // Where she came from is kept, as for people from a contacts file.
    assert_eq!(dee["person"]["source"], "mail");
    assert!(s.ok(&["show", "Dee Else"]).contains("  source     mail\n"));
    assert_eq!(dee["figures"]["initiative"]["started"], 2);
    assert_eq!(dee["figures"]["initiative"]["of"], 4);
    let said = s.ok(&["undo"]);
    assert!(said.contains("import mail archive.mbox"), "{said}");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 3);
    assert!(timeline(&s, "Ana Lima").is_empty());
}

#[test]
fn subjects_and_bodies_never_reach_the_database() {
    let s = known();
    capture(&s, DIR, &["--add-people"]);
    let secrets = ["SECRET-SUBJECT", "SECRET-BODY", "Private words", "dinner"];
    assert_eq!(stored_text(&s, &secrets), None);
}

#[test]
fn mail_import_refuses_without_your_address_or_a_mailbox_and_changes_nothing() {
    let s = known();
    s.refused(
        &["import", "mail", &fixture("archive.mbox")],
        "needs your own address",
    );
    s.refused(
        &["import", "mail", &fixture("saved/notes.txt"), "--me", ME],
        "not a mailbox",
    );
    s.refused(
        &["import", "mail", "no/such/folder", "--me", ME],
        "no/such/folder",
    );
    s.refused(
        &["import", "mail", &fixture("archive.mbox"), "--me", "nobody"],
        "not an e-mail address",
    );
    s.refused(
        &[
            "import",
            "vcard",
            "tests/fixtures/import/apple_v30.vcf",
            "--add-people",
        ],
        "are for `import mail`",
    );
    // A dry run reports and writes nothing.
    let before = common::snapshot(&s.db);
    let dry = capture(&s, &fixture("archive.mbox"), &["--dry-run"]);
    assert_eq!(dry["captured"], 5);
    assert_eq!(before, common::snapshot(&s.db));
}

#[test]
fn the_timeline_says_what_came_from_mail() {
    let s = known();
    capture(&s, &fixture("archive.mbox"), &[]);
    let shown = s.ok(&["show", "Carla Diaz"]);
    assert!(
        shown.contains("2026-11-21  gave     message 1 · from mail"),
        "{shown}"
    );
}
