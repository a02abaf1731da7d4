//! Properties of the importers: no input makes a parser panic, and people written as vCard
//! read back as the same people.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::parsed::stored;
use proptest::prelude::*;
use tiesdesk::export::people_vcards;
use tiesdesk::import::Format;
use tiesdesk::model::{PersonData, YearlyDay};

/// Text with the characters that matter to these formats: separators, quotes, escapes,
/// line breaks, and letters beyond ASCII.
fn tricky_text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        "[A-Za-z0-9À-ÿ ,;:\\\\\"'.=\\-\u{4e00}-\u{4e10}]{{1,{max}}}"
    ))
    .unwrap()
    .prop_map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
    .prop_filter("not blank", |s| !s.is_empty())
}

fn person() -> impl Strategy<Value = PersonData> {
    (
        tricky_text(24),
        proptest::option::of(tricky_text(12)),
        proptest::option::of(tricky_text(12)),
        proptest::collection::vec("[a-z0-9.]{1,8}@[a-z]{1,6}\\.[a-z]{2,3}", 0..3),
        proptest::collection::vec("\\+?[0-9][0-9 ]{2,12}[0-9]", 0..3),
        proptest::option::of(tricky_text(20)),
        proptest::option::of(tricky_text(16)),
        proptest::option::of((proptest::option::of(1900i32..2020), 1u32..13, 1u32..29)),
        proptest::option::of(0i64..20_000),
    )
        .prop_map(
            |(name, given, family, emails, phones, company, role, birthday, connected)| {
                let mut data = PersonData::named(&name);
                data.given_name = given;
                data.family_name = family;
                data.emails = emails;
                data.phones = phones;
                data.company = company;
                data.role = role;
                data.birthday = birthday.map(|(year, month, day)| YearlyDay { year, month, day });
                data.connected_on = connected.map(|days| {
                    chrono::NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
                        + chrono::Days::new(days as u64)
                });
                data.normalized().unwrap()
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_bytes_make_a_parser_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in Format::all() {
            let _ = format.parse(&bytes);
        }
    }

    #[test]
    fn no_text_in_the_formats_shape_makes_a_parser_panic(
        lines in proptest::collection::vec(
            prop_oneof![
                Just("BEGIN:VCARD".to_string()),
                Just("END:VCARD".to_string()),
                Just("VERSION:2.1".to_string()),
                Just("First Name,Last Name,URL,Email Address,Company,Position,Connected On".to_string()),
                Just("First Name,Last Name,Labels,E-mail 1 - Value,Phone 1 - Value".to_string()),
                "[A-Z;=.-]{1,12}:[ -~\u{e9}\u{4e00}]{0,30}",
                "[ -~\u{e9}]{0,40}",
                Just(" folded".to_string()),
                Just("BDAY:--0230".to_string()),
                Just("N;ENCODING=QUOTED-PRINTABLE:=C3=".to_string()),
                Just("AGENT:".to_string()),
                Just("FN;CHARSET=SHIFT_JIS;QUOTED-PRINTABLE:=93=FA=".to_string()),
                Just("FN;CHARSET=\"x\";ENCODING=b:AAAA".to_string()),
                Just("NOTE:=D0=A8".to_string()),
            ],
            0..20,
        ),
        crlf in any::<bool>(),
        latin1 in proptest::collection::vec(any::<bool>(), 20),
    ) {
        // Mixed encodings: some lines written in Latin-1 (one byte a character where it can
        // be), the others in UTF-8.
        let mut bytes = Vec::new();
        for (line, latin1) in lines.iter().zip(latin1) {
            for c in line.chars() {
                match u8::try_from(u32::from(c)) {
                    Ok(byte) if latin1 => bytes.push(byte),
                    _ => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
                }
            }
            bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
        for format in Format::all() {
            let _ = format.parse(&bytes);
        }
    }

    #[test]
    fn no_damaged_fixture_makes_a_parser_panic(
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let fixtures = common::contact_fixtures();
        let (format, path) = &fixtures[which.index(fixtures.len())];
        let mut bytes = std::fs::read(path).unwrap();
        let spot = at.index(bytes.len());
        bytes[spot] = byte;
        bytes.truncate(cut.index(bytes.len() + 1));
        let _ = format.parse(&bytes);
    }

    #[test]
    fn people_written_as_vcard_read_back_the_same(people in proptest::collection::vec(person(), 1..6)) {
        let stored = stored(&people);
        let text = people_vcards(&stored);
        let parsed = Format::Vcard.parse(text.as_bytes()).unwrap();
        prop_assert!(parsed.skipped.is_empty(), "{:?}\n{text}", parsed.skipped);
        prop_assert_eq!(parsed.people.len(), people.len());
        for (read, wrote) in parsed.people.iter().map(|i| &i.person).zip(&people) {
            prop_assert_eq!(&read.name, &wrote.name, "{}", text);
            prop_assert_eq!(&read.given_name, &wrote.given_name, "{}", text);
            prop_assert_eq!(&read.family_name, &wrote.family_name, "{}", text);
            prop_assert_eq!(&read.emails, &wrote.emails);
            prop_assert_eq!(&read.phones, &wrote.phones);
            prop_assert_eq!(&read.company, &wrote.company, "{}", text);
            prop_assert_eq!(&read.role, &wrote.role, "{}", text);
            prop_assert_eq!(&read.birthday, &wrote.birthday, "{}", text);
            prop_assert_eq!(&read.connected_on, &wrote.connected_on, "{}", text);
        }
    }
}
