//! Mail in the shapes real tools and copies leave it: a Maildir copied without its empty
//! `new/`, with state files and a stray message beside `cur/`; saved messages without `.eml`;
//! an mbox with unescaped `From ` lines in bodies and a Content-Length; raw Latin-1 names and
//! "Family, Given" names; a Date from another zone; a pipe. Every file and message is
//! accounted for, in the text report too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::process::Stdio;

use common::capture::{ME, assert_adds_up, capture_in, known, not_read, timeline};
use serde_json::Value;

fn fixture(name: &str) -> String {
    format!("tests/fixtures/mail-real/{name}")
}

fn row(day: &str, direction: &str) -> (String, String, String, String, usize) {
    (
        day.into(),
        "message".into(),
        direction.into(),
        "mail".into(),
        0,
    )
}

fn import(s: &common::Sandbox, zone: &str, name: &str, more: &[&str]) -> Value {
    let report = capture_in(s, zone, "mail", &fixture(name), more);
    assert_adds_up(&report);
    report
}

#[test]
fn a_maildir_copied_without_new_and_with_state_beside_it_is_read_whole() {
    let s = known();
    let report = import(&s, "UTC", "maildir-copy", &[]);
    assert_eq!(report["read"], 3, "{report:#}");
    assert_eq!(timeline(&s, "Ana Lima"), [row("2026-11-16", "received")]);
    assert_eq!(timeline(&s, "Bo Chen"), [row("2026-11-17", "gave")]);
    // A message lying beside cur/, named without .eml, is a message.
    assert_eq!(timeline(&s, "Carla Diaz"), [row("2026-11-18", "received")]);
    assert_eq!(
        not_read(&report["files"]["not_read"]),
        [("index".to_string(), 2), ("not_mail".to_string(), 1)]
    );
    // The text report says how many files were not read, and why.
    let text = s.ok(&[
        "import",
        "mail",
        &fixture("maildir-copy"),
        "--me",
        ME,
        "--dry-run",
    ]);
    assert!(
        text.contains(
            "Files: 6 found, 3 read, not read: 2 a mail program's indexes and state; \
             1 neither a message nor an mbox"
        ),
        "{text}"
    );
}

#[test]
fn saved_messages_without_eml_are_read_and_what_is_not_mail_is_said() {
    let s = known();
    let report = import(&s, "UTC", "saved-plain", &[]);
    assert_eq!(timeline(&s, "Bo Chen"), [row("2026-11-19", "received")]);
    assert_eq!(
        not_read(&report["files"]["not_read"]),
        [("not_mail".to_string(), 1)]
    );
}

#[test]
fn from_lines_in_bodies_do_not_split_a_message() {
    let s = known();
    let report = import(&s, "UTC", "unescaped.mbox", &[]);
    assert_eq!(report["read"], 3, "{report:#}");
    assert_eq!(timeline(&s, "Ana Lima"), [row("2026-11-02", "received")]);
    assert_eq!(timeline(&s, "Bo Chen"), [row("2026-11-10", "received")]);
    assert_eq!(timeline(&s, "Carla Diaz"), [row("2026-11-11", "received")]);
    // The forward Bo quoted is not mail from Eve.
    assert_eq!(report["unknown"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn names_are_decoded_and_written_given_name_first_and_days_are_the_users() {
    let s = known();
    let report = import(&s, "Europe/Amsterdam", "names.mbox", &["--add-people"]);
    let unknown: Vec<(String, String)> = report["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["email"].as_str().unwrap().to_string(),
                u["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        [
            ("dee@else.example".to_string(), "Dee élève".to_string()),
            ("ada@quill.example".to_string(), "Ada Quill".to_string()),
        ]
    );
    assert_eq!(
        not_read(&report["notes"]),
        [("windows_1252".to_string(), 2)]
    );
    // Dee wrote at 23:30 in California on the 5th: the morning of the 6th in Amsterdam.
    assert_eq!(report["added"][0]["name"], "Dee élève");
    assert_eq!(
        timeline(&s, "Dee élève"),
        [
            row("2024-01-06", "received"),
            row("2024-01-06", "gave"),
            row("2024-01-08", "gave"),
            row("2024-01-09", "received"),
        ]
    );
    // In California it was the 5th.
    let west = known();
    import(
        &west,
        "America/Los_Angeles",
        "names.mbox",
        &["--add-people"],
    );
    assert_eq!(timeline(&west, "Dee élève")[0].0, "2024-01-05");
}

#[test]
fn mail_from_a_pipe_is_read_and_an_empty_input_is_refused() {
    let s = known();
    let mbox = std::fs::read(fixture("unescaped.mbox")).unwrap();
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tiesdesk"));
    command
        .env_remove("TIESDESK_DB")
        .env("TIESDESK_CONFIG", s.dir.path().join("no-config.toml"))
        .env("TZ", "UTC")
        .args(["--db", s.db.to_str().unwrap(), "--today", common::TODAY])
        .args(["import", "mail", "/dev/stdin", "--me", ME, "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut running = command.spawn().unwrap();
    running.stdin.take().unwrap().write_all(&mbox).unwrap();
    let out = running.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["read"], 3);
    assert_eq!(report["captured"], 3);
    s.refused(
        &["import", "mail", "/dev/null", "--me", ME],
        "empty, there is no mail in it",
    );
}

/// Ana, Bo and Carla by address, and Chen Wu, added by hand without one.
fn with_chen() -> common::Sandbox {
    let s = known();
    s.ok(&["add", "Chen Wu", "--company", "Wu & Co"]);
    s
}

fn chen_id(s: &common::Sandbox) -> i64 {
    s.json(&["show", "Chen Wu"])["person"]["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn an_address_whose_name_someone_has_is_offered_to_them_and_captured_once_attached() {
    let s = with_chen();
    let chen = chen_id(&s);
    let first = import(&s, "UTC", "people.mbox", &[]);
    let chen_row = first["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "chen.wu@wu.example")
        .unwrap();
    assert_eq!(chen_row["same_name"][0]["id"], chen);
    assert_eq!(chen_row["same_name"][0]["place"], "Wu & Co");
    let text = s.ok(&[
        "import",
        "mail",
        &fixture("people.mbox"),
        "--me",
        ME,
        "--dry-run",
    ]);
    assert!(
        text.contains(&format!(
            "Chen Wu <chen.wu@wu.example> — is this #{chen} Chen Wu (Wu & Co)?"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "tiesdesk edit id:{chen} --email chen.wu@wu.example"
        )),
        "{text}"
    );
    // The address is attached by hand; the next import captures what Chen was in, the mail
    // already captured with Ana too, and nothing twice.
    s.ok(&["edit", "Chen Wu", "--email", "chen.wu@wu.example"]);
    let again = import(&s, "UTC", "people.mbox", &[]);
    assert_eq!(again["captured"], 3, "{again:#}");
    assert_eq!(again["already"], 1, "Ana's own mail");
    let mut with_ana = row_with("2026-11-02", "gave", 1);
    with_ana.4 = 1;
    assert_eq!(
        timeline(&s, "Chen Wu"),
        [
            with_ana.clone(),
            row("2026-11-03", "received"),
            row("2026-11-04", "gave")
        ]
    );
    assert_eq!(timeline(&s, "Ana Lima")[0], with_ana);
    let third = import(&s, "UTC", "people.mbox", &[]);
    assert_eq!(
        (third["captured"].as_u64(), third["already"].as_u64()),
        (Some(0), Some(4))
    );
    // Undo takes Chen out of Ana's mail again and leaves Ana's as it was.
    let undone = s.ok(&["undo"]);
    assert!(undone.contains("import mail people.mbox"), "{undone}");
    assert_eq!(timeline(&s, "Chen Wu"), []);
    assert_eq!(
        timeline(&s, "Ana Lima")[0],
        row_with("2026-11-02", "gave", 0)
    );
    assert!(s.ok(&["check"]).contains("sound"));
}

fn row_with(day: &str, direction: &str, others: usize) -> (String, String, String, String, usize) {
    let mut entry = row(day, direction);
    entry.4 = others;
    entry
}

#[test]
fn one_correspondent_is_added_by_address_or_name_and_a_stranger_is_refused() {
    let s = known();
    let report = import(&s, "UTC", "people.mbox", &["--add", "dee@else.example"]);
    assert_eq!(report["added"][0]["name"], "Dee Else");
    assert_eq!(
        timeline(&s, "Dee Else"),
        [row("2026-11-05", "received"), row("2026-11-06", "gave")]
    );
    // The footer suggests what is left to do, not what was just done.
    let text = s.ok(&["import", "mail", &fixture("people.mbox"), "--me", ME]);
    assert!(!text.contains("--add dee@else.example"), "{text}");
    assert!(text.contains("--add chen.wu@wu.example"), "{text}");
    assert!(
        !text.contains("--add-people"),
        "no one left has mail both ways: {text}"
    );
    let by_name = known();
    let report = import(&by_name, "UTC", "people.mbox", &["--add", "Chen Wu"]);
    assert_eq!(report["added"][0]["at"], "chen.wu@wu.example");
    by_name.refused(
        &[
            "import",
            "mail",
            &fixture("people.mbox"),
            "--me",
            ME,
            "--add",
            "nobody@x.example",
        ],
        "--add nobody@x.example: no one by that address or name",
    );
    by_name.refused(
        &[
            "import",
            "mail",
            &fixture("people.mbox"),
            "--me",
            ME,
            "--add",
            "ana@lima.example",
        ],
        "already in tiesdesk",
    );
}

#[test]
fn an_address_the_user_ignores_is_never_listed() {
    let s = known();
    std::fs::write(
        s.dir.path().join("no-config.toml"),
        "[capture]\nignore = [\"Dee@Else.example\"]\n",
    )
    .unwrap();
    let report = import(&s, "UTC", "people.mbox", &[]);
    let listed: Vec<&str> = report["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ["chen.wu@wu.example"]);
    assert_eq!(report["ignored"], 1);
}
