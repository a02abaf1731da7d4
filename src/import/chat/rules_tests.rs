//! The rules on the fixtures, against contacts listed by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::{ChatMe, ChatRules, Counted, count, fold_name, phone_key};
use crate::import::chat::{ChatAuthor, ChatExport, read};
use crate::model::UserZone;

fn fixture(name: &str) -> ChatExport {
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/chat/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    read(&bytes).unwrap()
}

fn rules(max_group: usize) -> ChatRules {
    ChatRules {
        max_group,
        zone: UserZone::default(),
        country: Some("NL".into()),
    }
}

fn me(export: &ChatExport, names: &[&str]) -> ChatMe {
    let names: Vec<String> = names.iter().map(|n| (*n).to_string()).collect();
    ChatMe::new(&names, &[], Some("NL"), export)
}

/// Each contact as "day who direction[ call]".
fn listed(export: &ChatExport, counted: &Counted) -> Vec<String> {
    counted
        .contacts
        .iter()
        .map(|c| {
            format!(
                "{} {} {}{}",
                c.day,
                export.authors[c.who as usize].name,
                c.direction.as_str(),
                if c.call { " call" } else { "" }
            )
        })
        .collect()
}

#[test]
fn one_to_one_one_contact_per_day_and_direction() {
    let export = fixture("whatsapp_android_nl.txt");
    let counted = count(&export, &me(&export, &["femke de wit"]), &rules(8));
    assert!(counted.found_me);
    assert_eq!(counted.events, 6);
    assert_eq!(
        listed(&export, &counted),
        [
            "2021-03-12 Noor Bakker gave",
            "2021-03-12 Noor Bakker received",
            "2021-03-13 Noor Bakker received",
            "2021-03-14 Noor Bakker gave",
        ]
    );
}

#[test]
fn a_small_group_gives_your_message_to_those_who_wrote_within_a_week() {
    let export = fixture("whatsapp_android_en_gb.txt");
    let counted = count(&export, &me(&export, &["Priya Shah"]), &rules(8));
    assert_eq!(
        listed(&export, &counted),
        [
            "2022-04-05 Tom Hughes gave",
            "2022-04-05 Tom Hughes received",
            "2022-04-05 +44 7700 900123 gave",
            "2022-04-05 +44 7700 900123 received",
            "2022-04-06 Tom Hughes gave",
            "2022-04-06 Tom Hughes received",
            "2022-04-06 +44 7700 900123 gave",
            "2022-04-13 +44 7700 900123 received",
        ]
    );
    // Bigger than the rules allow: a broadcast, skipped and said.
    let broadcast = count(&export, &me(&export, &["Priya Shah"]), &rules(1));
    assert!(broadcast.contacts.is_empty());
    assert_eq!(broadcast.broadcasts, [("a chat".to_string(), 2)]);
    // More than a week from anything Tom wrote there: not given to Tom.
    let far = read(
        b"01/05/22, 10:00 - Ana: hello\n\
          01/05/22, 10:01 - Tom: hi\n\
          09/05/22, 10:00 - Bo: anyone?\n\
          09/05/22, 10:05 - Ana: me\n",
    )
    .unwrap();
    let counted = count(&far, &me(&far, &["Ana"]), &rules(8));
    assert_eq!(
        listed(&far, &counted),
        [
            "2022-05-01 Tom gave",
            "2022-05-01 Tom received",
            "2022-05-09 Bo gave",
            "2022-05-09 Bo received",
        ]
    );
}

#[test]
fn telegram_knows_its_owner_and_counts_calls_across_chats_once() {
    let export = fixture("telegram_result.json");
    let counted = count(&export, &me(&export, &[]), &rules(8));
    assert!(counted.found_me);
    assert_eq!(
        listed(&export, &counted),
        [
            "2024-03-01 Daan Smit gave",
            "2024-03-01 Daan Smit received",
            "2024-03-02 Daan Smit gave call",
            "2024-03-04 Daan Smit received",
            "2024-03-05 Daan Smit gave",
            "2024-03-05 Eva Kok gave",
            "2024-03-05 Eva Kok received",
            "2024-03-06 Daan Smit received",
        ]
    );
    // Where the user lives decides the day: 19:10 UTC is the next morning in Auckland.
    let auckland = ChatRules {
        zone: UserZone::named("Pacific/Auckland").unwrap(),
        ..rules(8)
    };
    let there = listed(&export, &count(&export, &me(&export, &[]), &auckland));
    assert!(
        there.contains(&"2024-03-06 Eva Kok gave".to_string()),
        "{there:?}"
    );
}

#[test]
fn without_you_among_the_authors_it_says_so() {
    let export = fixture("whatsapp_android_nl.txt");
    let counted = count(&export, &me(&export, &["Someone Else"]), &rules(8));
    assert!(!counted.found_me);
}

#[test]
fn phone_numbers_in_their_international_form() {
    let nl = Some("NL");
    assert_eq!(
        phone_key("+31 6 1234 5678", nl).as_deref(),
        Some("+31612345678")
    );
    assert_eq!(
        phone_key("06-12345678", nl).as_deref(),
        Some("+31612345678")
    );
    assert_eq!(
        phone_key("0031 6 12345678", None).as_deref(),
        Some("+31612345678")
    );
    assert_eq!(
        phone_key("(555) 123-4567", Some("us")).as_deref(),
        Some("+15551234567")
    );
    assert_eq!(
        phone_key("06 1234 5678", Some("IT")).as_deref(),
        Some("+390612345678")
    );
    assert_eq!(
        phone_key("\u{202a}+44 7700 900123\u{202c}", None).as_deref(),
        Some("+447700900123")
    );
    assert_eq!(phone_key("Ana Lima", nl), None);
    assert_eq!(phone_key("06 12345678", None), None);
    assert_eq!(phone_key("12345", nl), None);
    // You, by your number as a phone saved it.
    let export = ChatExport::default();
    let me = ChatMe::new(&[], &["06 12345678".into()], nl, &export);
    let author = |name: &str| ChatAuthor {
        name: name.into(),
        id: None,
    };
    assert!(me.is(&author("+31 6 12345678"), nl));
    assert!(!me.is(&author("+31 6 12345679"), nl));
}

#[test]
fn names_fold_case_spaces_and_accents() {
    assert_eq!(fold_name("José  Núñez"), "jose nunez");
    assert_eq!(fold_name(" ZOË Laurent "), "zoe laurent");
}
