//! Reading the import fixtures and looking into what a parser made of them.

use tiesdesk::import::{Format, Parsed, Remark};
use tiesdesk::model::PersonData;

/// `tests/fixtures/import/NAME` read as `format`.
pub fn read(format: Format, name: &str) -> Parsed {
    let bytes = std::fs::read(format!("tests/fixtures/import/{name}")).unwrap();
    format.parse(&bytes).unwrap()
}

/// The person called `name`, or a failure that lists who is there.
pub fn person<'a>(parsed: &'a Parsed, name: &str) -> &'a PersonData {
    &parsed
        .people
        .iter()
        .find(|i| i.person.name == name)
        .unwrap_or_else(|| panic!("{name} is missing from {:?}", names(parsed)))
        .person
}

pub fn names(parsed: &Parsed) -> Vec<&str> {
    parsed
        .people
        .iter()
        .map(|i| i.person.name.as_str())
        .collect()
}

/// Each remark as the report shows it: `card 3: why`.
pub fn remarks(list: &[Remark]) -> Vec<String> {
    list.iter()
        .map(|r| format!("{}: {}", r.place, r.reason))
        .collect()
}

/// People as the database would hold them, numbered from 1, for writing into a file.
pub fn stored(people: &[PersonData]) -> Vec<tiesdesk::model::Person> {
    people
        .iter()
        .enumerate()
        .map(|(i, data)| tiesdesk::model::Person::unsaved(i as i64 + 1, data.clone()))
        .collect()
}
