//! The JSON document: a random database exports and re-imports to itself; no input makes
//! the reader panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use proptest::prelude::*;
use tiesdesk::Config;
use tiesdesk::document::Document;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::model::{Direction, Kind, NewInteraction, PersonData, Size};
use tiesdesk::ops::Desk;

fn person() -> impl Strategy<Value = PersonData> {
    (
        "[A-Za-zÀ-ÿ '\"-]{1,20}",
        proptest::option::of("[a-z]{1,8}"),
        proptest::collection::vec("[a-z]{1,6}", 0..3),
        any::<bool>(),
        proptest::option::of(1u32..400),
        "[ -~]{0,30}",
    )
        .prop_map(|(name, company, tags, family, cadence, notes)| PersonData {
            name: format!("P {name}"),
            company,
            tags,
            family,
            cadence_days: cadence,
            notes,
            emails: vec![format!("{}@example.org", family as u8)],
            ..PersonData::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn export_import_is_the_identity(
        people in proptest::collection::vec(person(), 1..12),
        logs in proptest::collection::vec((proptest::collection::vec(0usize..12, 1..3), 0i64..800, proptest::sample::select(Kind::ALL.to_vec()), proptest::sample::select(Direction::ALL.to_vec()), proptest::sample::select(Size::ALL.to_vec())), 0..30),
        snooze in proptest::option::of((0usize..12, 1i64..60)),
    ) {
        let today = parse_iso_date("2026-11-25").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut desk = Desk::open(&dir.path().join("a.db"), Config::default(), today).unwrap();
        let mut ids = Vec::new();
        for data in people {
            ids.push(desk.store.add_person(data).unwrap().id);
        }
        for (who, ago, kind, direction, size) in logs {
            let people = who.iter().map(|i| ids[i % ids.len()]).collect();
            desk.store.log_interaction(NewInteraction {
                day: today - Duration::days(ago),
                people,
                kind,
                direction,
                size,
                note: format!("note {ago}"),
            }, "log").unwrap();
        }
        if let Some((who, days)) = snooze {
            let person = desk.store.person(ids[who % ids.len()]).unwrap().unwrap();
            desk.snooze(&person, today + Duration::days(days)).unwrap();
        }
        desk.finish_review(3, 1, vec![ids[0]]).unwrap();
        let first = desk.export_json().unwrap();
        let mut copy = Desk::open(&dir.path().join("b.db"), Config::default(), today).unwrap();
        copy.import_json(Document::parse(&first).unwrap().into_draft().unwrap(), &first, false).unwrap();
        let second = copy.export_json().unwrap();
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(desk.network().unwrap(), copy.network().unwrap());
    }

    #[test]
    fn no_input_makes_the_reader_panic(text in ".{0,400}") {
        let _ = Document::parse(&text).and_then(Document::into_draft);
    }

    #[test]
    fn no_mangled_document_makes_the_reader_panic(cut in 0usize..2000, byte in any::<u8>()) {
        let good = std::fs::read_to_string("tests/fixtures/small.tiesdesk.json").unwrap();
        let mut bytes = good.into_bytes();
        let at = cut % bytes.len();
        bytes[at] = byte;
        if let Ok(text) = String::from_utf8(bytes.clone()) {
            let _ = Document::parse(&text).and_then(Document::into_draft);
        }
        bytes.truncate(at);
        if let Ok(text) = String::from_utf8(bytes) {
            let _ = Document::parse(&text).and_then(Document::into_draft);
        }
    }
}
