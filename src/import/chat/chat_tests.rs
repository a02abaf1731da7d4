//! Telegram's and Instagram's exports, and the recognising of each kind, read from fixtures
//! written for these tests (invented people and ids) and counted by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::instagram::mended;
use super::{ChatExport, ChatSource, NotAChat, When, read};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/chat/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Each chat's events as "author day [call]", the day in UTC.
fn events(export: &ChatExport) -> Vec<Vec<String>> {
    export
        .chats
        .iter()
        .map(|chat| {
            chat.events
                .iter()
                .map(|e| {
                    let day = match e.when {
                        When::Instant(ms) => chrono::DateTime::from_timestamp_millis(ms)
                            .unwrap()
                            .date_naive(),
                        When::Local(at) => at.date(),
                    };
                    let who = &export.authors[e.author as usize].name;
                    format!("{who} {day}{}", if e.call { " call" } else { "" })
                })
                .collect()
        })
        .collect()
}

#[test]
fn a_telegram_account_export_reads_conversations_and_calls_and_skips_channels() {
    let export = read(&fixture("telegram_result.json")).unwrap();
    assert_eq!(export.source, Some(ChatSource::Telegram));
    let me = export.me.clone().unwrap();
    assert_eq!(
        (me.name.as_str(), me.id.as_deref()),
        ("Sanne Vos", Some("user1001"))
    );
    assert_eq!(
        events(&export),
        [
            vec![
                "Daan Smit 2024-03-01",
                "Sanne Vos 2024-03-01",
                "Sanne Vos 2024-03-02 call",
                // Renamed since ("Daan S."): one person by id, under the name first seen.
                "Daan Smit 2024-03-04",
            ],
            vec![
                "Eva Kok 2024-03-05",
                "Sanne Vos 2024-03-05",
                "Daan Smit 2024-03-06",
            ],
        ]
    );
    assert_eq!(export.authors.len(), 3);
    // The missed call and the members invited.
    assert_eq!(export.system, 2);
    assert_eq!(
        export.skipped_chats,
        [
            ("News".to_string(), "a channel"),
            (String::new(), "your saved messages")
        ]
    );
    let one = read(&fixture("telegram_one_chat.json")).unwrap();
    assert_eq!(one.source, Some(ChatSource::Telegram));
    assert_eq!(one.me, None);
    assert_eq!(events(&one)[0], events(&export)[0]);
}

#[test]
fn an_instagram_export_is_mended_and_read_oldest_first() {
    let export = read(&fixture("instagram_message_1.json")).unwrap();
    assert_eq!(export.source, Some(ChatSource::Instagram));
    assert_eq!(export.chats[0].name.as_deref(), Some("Björn Åberg"));
    assert_eq!(
        events(&export),
        [vec![
            "Björn Åberg 2024-06-01",
            "Zoë Laurent 2024-06-01",
            "Björn Åberg 2024-06-02 call",
            "Ines Moreau 2024-06-03",
        ]]
    );
    // The call nobody answered.
    assert_eq!(export.system, 1);
    assert_eq!(mended("Ines Moreau"), "Ines Moreau");
    assert_eq!(mended("BjÃ¶rn"), "Björn");
    // Text that is no such mis-encoding stays as it is.
    assert_eq!(mended("Ã"), "Ã");
    assert_eq!(mended("日本"), "日本");
}

#[test]
fn each_kind_is_recognised_from_what_the_file_holds() {
    let whatsapp = read(&fixture("whatsapp_android_nl.txt")).unwrap();
    assert_eq!(whatsapp.source, Some(ChatSource::WhatsApp));
    assert_eq!(whatsapp.chats[0].events.len(), 6);
    assert_eq!(whatsapp.system, 1);
    assert_eq!(read(&fixture("not_a_chat.txt")), Err(NotAChat::NoMessages));
    assert!(matches!(
        read(br#"{"people": []}"#),
        Err(NotAChat::OtherJson(_))
    ));
    assert!(matches!(
        read(br#"{"messages": [{"sender_name": "A""#),
        Err(NotAChat::OtherJson(_))
    ));
}

#[test]
fn the_zip_a_phone_shares_is_read_and_a_cut_off_one_refused() {
    let ios = read(&fixture("whatsapp_ios.zip")).unwrap();
    let text = read(&fixture("whatsapp_ios_chat.txt")).unwrap();
    assert_eq!(ios, text);
    assert_eq!(ios.chats[0].events.len(), 5);
    let android = read(&fixture("whatsapp_android.zip")).unwrap();
    assert_eq!(
        android,
        read(&fixture("whatsapp_android_en_gb.txt")).unwrap()
    );
    let whole = fixture("whatsapp_ios.zip");
    assert!(matches!(
        read(&whole[..whole.len() - 40]),
        Err(NotAChat::DamagedZip(_))
    ));
    assert_eq!(read(&fixture("no_chat.zip")), Err(NotAChat::NoChatInZip));
}
