use super::*;
use crate::import::{Incoming, Parsed, Place};
use crate::model::{Person, PersonData, Source};

fn linkedin(name: &str, url: &str, company: &str) -> PersonData {
    let mut data = PersonData::named(name);
    data.source = Source::Linkedin;
    data.source_id = Some(url.to_string());
    data.company = Some(company.to_string());
    data
}

fn known(people: Vec<PersonData>) -> Vec<Person> {
    people
        .into_iter()
        .enumerate()
        .map(|(i, data)| Person {
            id: i as i64 + 1,
            data,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect()
}

fn file(people: Vec<PersonData>) -> Parsed {
    Parsed {
        people: people
            .into_iter()
            .enumerate()
            .map(|(i, person)| Incoming {
                place: Place::Line(i as u64 + 2),
                person,
            })
            .collect(),
        ..Parsed::default()
    }
}

const ANA: &str = "https://www.linkedin.com/in/ana";

#[test]
fn the_same_file_again_adds_and_changes_nothing() {
    let rows = vec![
        linkedin("Ana Lima", ANA, "Zephyr"),
        linkedin("Bo Chen", "https://www.linkedin.com/in/bo", "Acme"),
    ];
    let first = plan_import(&[], file(rows.clone()));
    assert_eq!(first.add.len(), 2);
    let stored = known(first.add.into_iter().map(|i| i.person).collect());
    let again = plan_import(&stored, file(rows));
    assert_eq!(
        (again.add.len(), again.update.len(), again.unchanged),
        (0, 0, 2)
    );
}

#[test]
fn a_job_change_from_the_same_source_replaces_company_and_role() {
    let stored = known(vec![linkedin("Ana Lima", ANA, "Zephyr")]);
    let plan = plan_import(&stored, file(vec![linkedin("Ana Lima", ANA, "Northwind")]));
    assert_eq!(plan.update.len(), 1);
    assert_eq!(plan.update[0].after.company.as_deref(), Some("Northwind"));
    assert_eq!(plan.update[0].changes, vec!["company Zephyr → Northwind"]);
}

#[test]
fn another_source_only_fills_what_is_empty_and_never_renames() {
    let mut mine = PersonData::named("Ana");
    mine.company = Some("Zephyr".into());
    mine.emails = vec!["ana@example.org".into()];
    let stored = known(vec![mine]);
    let mut card = PersonData::named("Ana Lima");
    card.source = Source::Vcard;
    card.source_id = Some("uid-1".into());
    card.company = Some("Elsewhere".into());
    card.role = Some("CTO".into());
    card.emails = vec!["ana@example.org".into(), "ana@home.example".into()];
    let plan = plan_import(&stored, file(vec![card]));
    let after = &plan.update[0].after;
    assert_eq!(after.name, "Ana", "an import never renames");
    assert_eq!(after.company.as_deref(), Some("Zephyr"));
    assert_eq!(after.role.as_deref(), Some("CTO"));
    assert_eq!(after.emails, vec!["ana@example.org", "ana@home.example"]);
    assert_eq!(after.source, Source::Manual);
    assert_eq!(after.source_id, None, "a manual person keeps no foreign id");
    assert_eq!(plan.update[0].changes, vec!["role CTO", "+1 e-mail"]);
}

#[test]
fn found_by_profile_across_sources_then_email_then_name() {
    let stored = known(vec![
        linkedin("Ana Lima", ANA, "Zephyr"),
        {
            let mut bo = PersonData::named("Bo Chen");
            bo.emails = vec!["bo@example.org".into()];
            bo
        },
        PersonData::named("Cy Diaz"),
    ]);
    let mut by_profile = PersonData::named("A. Lima");
    by_profile.source = Source::Vcard;
    by_profile.source_id = Some("HTTPS://linkedin.com/in/ana/".into());
    let mut by_email = PersonData::named("Robert Chen");
    by_email.emails = vec!["bo@example.org".into()];
    let by_name = PersonData::named("cy  diaz");
    let plan = plan_import(&stored, file(vec![by_profile, by_email, by_name]));
    assert!(plan.add.is_empty(), "{:?}", plan.add);
    assert_eq!(plan.unchanged, 3);
}

#[test]
fn two_members_who_share_a_name_stay_two() {
    let stored = known(vec![linkedin(
        "Sam Lee",
        "https://www.linkedin.com/in/sam-1",
        "A",
    )]);
    let plan = plan_import(
        &stored,
        file(vec![linkedin(
            "Sam Lee",
            "https://www.linkedin.com/in/sam-2",
            "B",
        )]),
    );
    assert_eq!(plan.add.len(), 1);
}

#[test]
fn archived_people_are_found_and_stay_archived() {
    let mut gone = linkedin("Ana Lima", ANA, "Zephyr");
    gone.archived = true;
    let stored = known(vec![gone]);
    let plan = plan_import(&stored, file(vec![linkedin("Ana Lima", ANA, "Northwind")]));
    assert!(plan.add.is_empty());
    assert!(plan.update[0].after.archived);
}

#[test]
fn a_person_twice_in_one_file_is_added_once() {
    let mut first = PersonData::named("Ana Lima");
    first.emails = vec!["ana@example.org".into()];
    let mut second = PersonData::named("Ana Lima");
    second.phones = vec!["+31 6 1".into()];
    let plan = plan_import(&[], file(vec![first, second]));
    assert_eq!(plan.add.len(), 1);
    assert_eq!(plan.add[0].person.phones, vec!["+31 6 1"]);
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(
        plan.skipped[0].reason,
        "the same person as line 2 (Ana Lima)"
    );
}

#[test]
fn two_rows_about_one_known_person_make_one_update() {
    let stored = known(vec![PersonData::named("Ana Lima")]);
    let mut first = PersonData::named("Ana Lima");
    first.emails = vec!["a@example.org".into()];
    let mut second = PersonData::named("Ana Lima");
    second.phones = vec!["+1".into()];
    let plan = plan_import(&stored, file(vec![first, second]));
    assert_eq!(plan.update.len(), 1);
    assert_eq!(plan.update[0].after.emails, vec!["a@example.org"]);
    assert_eq!(plan.update[0].after.phones, vec!["+1"]);
    assert_eq!(plan.unchanged, 0);
}
