//! Capturing contact from chat exports through the real binary (DESIGN, "Capture: chats"):
//! who wrote on which day, each way, matched by number, then by a name that is one
//! person's; the handle kept so the next import matches at once; a second import, or a
//! longer export of the same chat, adds only new days; undo takes the import back; no text
//! is ever stored.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::capture::{stored_text, timeline};
use serde_json::Value;

const DIR: &str = "tests/fixtures/chat";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// `tiesdesk import chat PATH MORE… --json`, the user in the Netherlands.
fn chat(s: &Sandbox, path: &str, more: &[&str]) -> Value {
    let mut args = vec!["import", "chat", path];
    args.extend_from_slice(more);
    args.push("--json");
    let out = s.cmd(&args).env("TZ", "UTC").output().unwrap();
    assert!(
        out.status.success(),
        "tiesdesk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn row(day: &str, direction: &str) -> (String, String, String, String, usize) {
    (
        day.into(),
        "message".into(),
        direction.into(),
        "chat".into(),
        0,
    )
}

#[test]
fn a_whatsapp_chat_gives_one_contact_per_day_and_direction_and_keeps_the_handle() {
    let s = Sandbox::new();
    s.ok(&["add", "Noor Bakker"]);
    let report = chat(
        &s,
        &fixture("whatsapp_android_nl.txt"),
        &["--me", "Femke de Wit"],
    );
    assert_eq!(report["read"], 6, "{report:#}");
    assert_eq!(report["captured"], 4, "{report:#}");
    assert_eq!(report["people"], 1);
    assert_eq!(
        timeline(&s, "Noor Bakker"),
        [
            row("2021-03-12", "gave"),
            row("2021-03-12", "received"),
            row("2021-03-13", "received"),
            row("2021-03-14", "gave"),
        ]
    );
    // Matched by her name, she keeps the chat's handle: the next import matches by it.
    let noor = s.json(&["show", "Noor Bakker"]);
    assert_eq!(
        noor["person"]["handles"],
        serde_json::json!(["whatsapp:Noor Bakker"])
    );
    // Again: nothing new.
    let again = chat(
        &s,
        &fixture("whatsapp_android_nl.txt"),
        &["--me", "Femke de Wit"],
    );
    assert_eq!(
        (again["captured"].as_u64(), again["already"].as_u64()),
        (Some(0), Some(4))
    );
    // Not a word of the chat is stored.
    assert_eq!(
        stored_text(
            &s,
            &["station", "Dank je wel", "gisteren", "Media weggelaten"]
        ),
        None
    );
    // The second import changed nothing, so undo takes the first back, handle and all.
    s.ok(&["undo"]);
    assert!(timeline(&s, "Noor Bakker").is_empty());
    assert!(
        s.json(&["show", "Noor Bakker"])["person"]
            .get("handles")
            .is_none()
    );
}

#[test]
fn a_longer_export_of_the_same_chat_renamed_adds_only_the_new_days() {
    let s = Sandbox::new();
    s.ok(&["add", "Noor Bakker"]);
    chat(
        &s,
        &fixture("whatsapp_android_nl.txt"),
        &["--me", "Femke de Wit"],
    );
    let dir = tempfile::tempdir().unwrap();
    let longer = dir.path().join("WhatsApp Chat with Noor (2).txt");
    let mut text = std::fs::read_to_string(fixture("whatsapp_android_nl.txt")).unwrap();
    text.push_str("20-03-21 18:00 - Noor Bakker: Zondag koffie?\n");
    text.push_str("20-03-21 18:04 - Femke de Wit: Goed plan\n");
    std::fs::write(&longer, text).unwrap();
    let report = chat(&s, longer.to_str().unwrap(), &["--me", "Femke de Wit"]);
    assert_eq!(report["captured"], 2, "{report:#}");
    assert_eq!(report["already"], 4, "{report:#}");
    assert_eq!(timeline(&s, "Noor Bakker").len(), 6);
}

#[test]
fn a_number_matches_whoever_has_it_and_strangers_are_listed_with_their_days() {
    let s = Sandbox::new();
    s.ok(&["add", "Tom Hughes"]);
    s.ok(&["add", "Olu Ade", "--phone", "07700 900123"]);
    let path = fixture("whatsapp_android_en_gb.txt");
    // Without me.country the national number on Olu is not the chat's +44 one.
    let report = chat(&s, &path, &["--me", "Priya Shah"]);
    let waiting: Vec<&str> = (report["unknown"].as_array().unwrap().iter())
        .map(|u| u["handle"].as_str().unwrap())
        .collect();
    assert_eq!(waiting, ["whatsapp:+447700900123"], "{report:#}");
    s.ok(&["undo"]);
    // With it, Olu is found by number, and keeps the handle.
    std::fs::write(
        s.dir.path().join("no-config.toml"),
        "[me]\nemails = []\ncountry = \"GB\"\n",
    )
    .unwrap();
    let report = chat(&s, &path, &["--me", "Priya Shah"]);
    assert!(
        report["unknown"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    assert_eq!(
        s.json(&["show", "Olu Ade"])["person"]["handles"],
        serde_json::json!(["whatsapp:+447700900123"])
    );
    assert_eq!(timeline(&s, "Olu Ade").len(), 4);
}

#[test]
fn someone_unknown_is_added_with_their_number_and_handle_only_when_asked() {
    let s = Sandbox::new();
    let path = fixture("whatsapp_android_en_gb.txt");
    let report = chat(&s, &path, &["--me", "Priya Shah", "--dry-run"]);
    assert_eq!(report["unknown"].as_array().unwrap().len(), 2, "{report:#}");
    assert!(s.json(&["list"]).as_array().unwrap().is_empty());
    let report = chat(
        &s,
        &path,
        &["--me", "Priya Shah", "--add", "whatsapp:+447700900123"],
    );
    assert_eq!(report["added"].as_array().unwrap().len(), 1, "{report:#}");
    let added = s.json(&["show", "+44 7700 900123"]);
    assert_eq!(
        added["person"]["phones"],
        serde_json::json!(["+447700900123"])
    );
    assert_eq!(added["person"]["source"], "chat");
}

#[test]
fn who_you_are_is_asked_when_no_author_is_you_and_nothing_is_written() {
    let s = Sandbox::new();
    s.ok(&["add", "Noor Bakker"]);
    let before = common::snapshot(&s.db);
    let said = s.refused(
        &["import", "chat", &fixture("whatsapp_android_nl.txt")],
        "is you? give your name",
    );
    assert!(
        said.contains("Femke de Wit") && said.contains("--me"),
        "{said}"
    );
    assert_eq!(before, common::snapshot(&s.db));
    s.refused(
        &[
            "import",
            "chat",
            &fixture("not_a_chat.txt"),
            "--me",
            "Femke",
        ],
        "not_a_chat.txt",
    );
    assert_eq!(before, common::snapshot(&s.db));
}

#[test]
fn telegram_and_instagram_exports_give_calls_apart_from_messages() {
    let s = Sandbox::new();
    s.ok(&["add", "Daan Smit"]);
    // The account export says who its owner is.
    let report = chat(&s, &fixture("telegram_result.json"), &[]);
    assert_eq!(report["source"], "chat", "{report:#}");
    // Daan's six contacts (the call apart from the messages); Eva's two wait.
    assert_eq!(report["captured"], 6, "{report:#}");
    assert_eq!(report["no_one_known"], 2, "{report:#}");
    let daan = s.json(&["show", "Daan Smit"]);
    assert_eq!(
        daan["person"]["handles"],
        serde_json::json!(["telegram:user2002"])
    );
    let call = (
        "2024-03-02".to_string(),
        "call".to_string(),
        "gave".to_string(),
        "chat".to_string(),
        0,
    );
    assert_eq!(timeline(&s, "Daan Smit")[2], call);

    // Instagram names no owner: the user says who they are. Björn's name comes mended
    // from the export's mis-encoding and matches him.
    s.ok(&["add", "Björn Åberg"]);
    let report = chat(
        &s,
        &fixture("instagram_message_1.json"),
        &["--me", "Ines Moreau"],
    );
    assert_eq!(report["captured"], 3, "{report:#}");
    assert_eq!(report["no_one_known"], 2, "{report:#}");
    let bjorn: Vec<(String, String)> = (timeline(&s, "Björn Åberg").into_iter())
        .map(|(day, kind, direction, _, _)| (format!("{day} {kind}"), direction))
        .collect();
    assert_eq!(
        bjorn,
        [
            ("2024-06-01 message".to_string(), "received".to_string()),
            ("2024-06-02 call".to_string(), "received".to_string()),
            ("2024-06-03 message".to_string(), "gave".to_string()),
        ]
    );
}

#[test]
fn a_chat_where_only_one_side_wrote_takes_the_other_from_the_file_name() {
    let s = Sandbox::new();
    s.ok(&["add", "Noor Bakker"]);
    let dir = tempfile::tempdir().unwrap();
    // Only the user wrote: the file (as Android names it) says to whom.
    let mine = dir.path().join("WhatsApp Chat with Noor Bakker.txt");
    std::fs::write(
        &mine,
        "02/05/2023, 10:00 - Femke de Wit: Are you around?\n\
         03/05/2023, 10:00 - Femke de Wit: Hello?\n",
    )
    .unwrap();
    let report = chat(&s, mine.to_str().unwrap(), &["--me", "Femke de Wit"]);
    assert_eq!(report["captured"], 2, "{report:#}");
    // Only they wrote: nothing is the user's, and no one needs to say who they are.
    let theirs = dir.path().join("WhatsApp Chat with Noor Bakker (2).txt");
    std::fs::write(
        &theirs,
        "04/05/2023, 09:00 - Noor Bakker: Sorry, was away!\n",
    )
    .unwrap();
    let report = chat(&s, theirs.to_str().unwrap(), &[]);
    assert_eq!(report["captured"], 1, "{report:#}");
    assert_eq!(
        timeline(&s, "Noor Bakker"),
        [
            row("2023-05-02", "gave"),
            row("2023-05-03", "gave"),
            row("2023-05-04", "received"),
        ]
    );
}

#[test]
fn an_iphone_zip_is_read_and_a_cut_off_one_is_refused_in_one_line() {
    let s = Sandbox::new();
    s.ok(&["add", "Lotte Visser"]);
    let zip = fixture("whatsapp_ios.zip");
    // Sam's three lines over two days; Lotte's notices (under her name, marked) are not hers.
    let report = chat(&s, &zip, &["--me", "Sam Verhoeven"]);
    assert_eq!(
        timeline(&s, "Lotte Visser"),
        [
            row("2024-11-09", "gave"),
            row("2024-11-09", "received"),
            row("2024-11-10", "received"),
            row("2024-11-15", "received"),
        ],
        "{report:#}"
    );
    // The same zip cut off, as a share interrupted leaves it: one line, nothing changed.
    let dir = tempfile::tempdir().unwrap();
    let cut = dir.path().join("WhatsApp Chat - Lotte Visser.zip");
    let bytes = std::fs::read(&zip).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let before = common::snapshot(&s.db);
    let said = s.refused(
        &[
            "import",
            "chat",
            cut.to_str().unwrap(),
            "--me",
            "Sam Verhoeven",
        ],
        "cut off or damaged",
    );
    assert_eq!(said.trim().lines().count(), 1, "{said}");
    assert_eq!(before, common::snapshot(&s.db));
}
