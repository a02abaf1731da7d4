//! The import report accounts for every record: added + updated + unchanged + merged + skipped
//! is the number of records in the file, and importing the same file again adds nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::parsed::stored;
use proptest::prelude::*;
use tiesdesk::Config;
use tiesdesk::export::people_vcards;
use tiesdesk::import::Format;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::model::{PersonData, Progress};
use tiesdesk::ops::{Desk, PeopleImport};

/// People drawn from small pools, so that names, e-mails, phones and companies collide often:
/// the cases where matching has choices to make.
fn person() -> impl Strategy<Value = PersonData> {
    (
        proptest::sample::select(vec!["Manu", "Ana Lima", "ana lima", "Priya R.", "Bo"]),
        proptest::collection::vec(
            proptest::sample::select(vec!["a@x.org", "B@x.org", "b@x.org", "c@y.org"]),
            0..3,
        ),
        proptest::collection::vec(
            proptest::sample::select(vec!["+31 6 1", "+31-6-1", "+44 7700 2"]),
            0..2,
        ),
        proptest::option::of(proptest::sample::select(vec!["Acme", "ACME", "Zephyr"])),
    )
        .prop_map(|(name, emails, phones, company)| {
            let mut data = PersonData::named(name);
            data.emails = emails.into_iter().map(String::from).collect();
            data.phones = phones.into_iter().map(String::from).collect();
            data.company = company.map(String::from);
            data.normalized().unwrap()
        })
}

fn accounted(report: &PeopleImport) -> usize {
    report.added.len()
        + report.updated.len()
        + report.unchanged
        + report.merged.len()
        + report.skipped.len()
}

/// Imports `file` twice into a database that holds `known`, and checks both reports account
/// for each of its `records`, and that the second finds everyone the first brought.
fn imports_twice(
    format: Format,
    file: &[u8],
    records: usize,
    known: Vec<PersonData>,
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let today = parse_iso_date("2026-12-03").unwrap();
    let mut desk = Desk::open(&dir.path().join("a.db"), Config::default(), today).unwrap();
    for data in known {
        desk.add(data).unwrap();
    }
    let import = |desk: &mut Desk| {
        let parsed = format.parse(file).unwrap();
        desk.import_people(format, parsed, "file", false, &Progress::default())
            .unwrap()
    };
    let text = String::from_utf8_lossy(file);
    let first = import(&mut desk);
    prop_assert_eq!(accounted(&first), records, "{:#?}\n{}", first, text);
    let again = import(&mut desk);
    prop_assert_eq!(accounted(&again), records, "{:#?}", again);
    prop_assert!(again.added.is_empty(), "{:#?}", again);
    prop_assert!(again.updated.is_empty(), "{:#?}", again);
    // Each record finds the person it made or changed; the ones merged stay merged, the ones
    // skipped stay skipped.
    prop_assert_eq!(
        again.unchanged,
        first.added.len() + first.updated.len() + first.unchanged,
        "{:#?}\n{:#?}",
        first,
        again
    );
    prop_assert_eq!(again.merged.len(), first.merged.len());
    prop_assert_eq!(again.skipped.len(), first.skipped.len());
    Ok(())
}

/// One Google Contacts row: a person, or (for `None`) a row with nothing to import but a note.
fn google_row(person: &Option<PersonData>) -> String {
    let Some(p) = person else {
        return ",,,,,only a note,* myContacts,,,,".to_string();
    };
    let first = |list: &[String]| list.first().cloned().unwrap_or_default();
    format!(
        "{},,,,{},,* myContacts,Home,{},Mobile,{}",
        p.name,
        p.company.clone().unwrap_or_default(),
        first(&p.emails),
        first(&p.phones)
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn every_card_is_accounted_for_and_a_second_import_adds_nothing(
        known in proptest::collection::vec(person(), 0..4),
        people in proptest::collection::vec(person(), 1..9),
    ) {
        let file = people_vcards(&stored(&people));
        imports_twice(Format::Vcard, file.as_bytes(), people.len(), known)?;
    }

    #[test]
    fn every_row_is_accounted_for_and_a_second_import_adds_nothing(
        known in proptest::collection::vec(person(), 0..4),
        rows in proptest::collection::vec(proptest::option::weighted(0.85, person()), 1..9),
    ) {
        let mut file = String::from(
            "First Name,Middle Name,Last Name,Nickname,Organization Name,Notes,Labels,\
             E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n",
        );
        for row in &rows {
            file.push_str(&google_row(row));
            file.push('\n');
        }
        imports_twice(Format::Google, file.as_bytes(), rows.len(), known)?;
    }
}
