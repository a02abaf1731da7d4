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
        .map(|(i, data)| Person::unsaved(i as i64 + 1, data))
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
fn two_records_of_one_file_that_share_only_a_name_are_two_people() {
    let mut first = PersonData::named("Manu");
    first.phones = vec!["+31 6 1".into()];
    let mut second = PersonData::named("Manu");
    second.phones = vec!["+31 6 2".into()];
    let plan = plan_import(&[], file(vec![first, second]));
    let phones: Vec<_> = plan.add.iter().map(|i| i.person.phones.clone()).collect();
    assert_eq!(phones, vec![vec!["+31 6 1"], vec!["+31 6 2"]]);
    assert!(plan.merged.is_empty() && plan.skipped.is_empty());
}

#[test]
fn a_record_with_the_e_mail_of_an_earlier_one_is_merged_into_it_and_says_so() {
    let mut first = PersonData::named("Priya Raman");
    first.emails = vec!["priya@example.org".into()];
    let mut second = PersonData::named("Priya R.");
    second.emails = vec!["Priya@Example.org".into()];
    second.phones = vec!["+44 7700 1".into()];
    let plan = plan_import(&[], file(vec![first, second]));
    assert_eq!(plan.add.len(), 1);
    assert_eq!(plan.add[0].person.phones, vec!["+44 7700 1"]);
    assert_eq!(
        plan.merged,
        vec![Merged {
            place: Place::Line(3),
            name: "Priya R.".into(),
            into: Place::Line(2),
            into_name: "Priya Raman".into(),
        }]
    );
    // Again: the first record finds her unchanged, the second is merged again.
    let stored = known(vec![plan.add[0].person.clone()]);
    let mut first = PersonData::named("Priya Raman");
    first.emails = vec!["priya@example.org".into()];
    let mut second = PersonData::named("Priya R.");
    second.emails = vec!["priya@example.org".into()];
    let again = plan_import(&stored, file(vec![first, second]));
    assert_eq!((again.add.len(), again.update.len()), (0, 0));
    assert_eq!((again.unchanged, again.merged.len()), (1, 1));
}

#[test]
fn a_known_person_found_by_one_record_is_not_found_by_name_by_the_next() {
    let stored = known(vec![PersonData::named("Ana Lima")]);
    let mut first = PersonData::named("Ana Lima");
    first.emails = vec!["a@example.org".into()];
    let mut second = PersonData::named("Ana Lima");
    second.phones = vec!["+1".into()];
    let plan = plan_import(&stored, file(vec![first, second]));
    assert_eq!(plan.update.len(), 1);
    assert_eq!(plan.update[0].after.emails, vec!["a@example.org"]);
    assert!(plan.update[0].after.phones.is_empty());
    assert_eq!(plan.add.len(), 1);
    assert_eq!(plan.add[0].person.phones, vec!["+1"]);
    assert_eq!(plan.unchanged, 0);
}

#[test]
fn a_name_from_another_file_merges_only_when_nothing_conflicts() {
    let mut stored_ana = PersonData::named("Ana Lima");
    stored_ana.emails = vec!["ana@home.example".into()];
    stored_ana.phones = vec!["+31 6 11".into()];
    stored_ana.company = Some("Acme".into());
    let stored = known(vec![stored_ana]);
    let with = |f: fn(&mut PersonData)| {
        let mut data = PersonData::named("ana lima");
        f(&mut data);
        plan_import(&stored, file(vec![data]))
    };
    // Nothing against it (the same phone written another way, the same company): merged.
    let agrees = with(|d| {
        d.phones = vec!["+31-6-11".into()];
        d.company = Some("ACME".into());
        d.role = Some("CTO".into());
    });
    assert_eq!((agrees.add.len(), agrees.update.len()), (0, 1));
    // Each conflict alone keeps them apart.
    let conflicts: [fn(&mut PersonData); 3] = [
        |d| d.emails = vec!["ana@work.example".into()],
        |d| d.phones = vec!["+31 6 99".into()],
        |d| d.company = Some("Zephyr".into()),
    ];
    for conflict in conflicts {
        let plan = with(conflict);
        assert_eq!(
            (plan.add.len(), plan.update.len()),
            (1, 0),
            "{:?}",
            plan.add
        );
    }
}

#[test]
fn records_linked_through_a_third_are_one_person_reported_under_the_first() {
    let with = |name: &str, emails: &[&str]| {
        let mut data = PersonData::named(name);
        data.emails = emails.iter().map(|e| e.to_string()).collect();
        data
    };
    let plan = plan_import(
        &[],
        file(vec![
            with("Manu", &["c@y.org"]),
            with("Manu K", &["b@x.org"]),
            with("Manu", &["c@y.org", "B@x.org"]),
        ]),
    );
    assert_eq!(plan.add.len(), 1, "{:?}", plan.add);
    assert_eq!(plan.add[0].place, Place::Line(2));
    assert_eq!(plan.add[0].person.emails, vec!["c@y.org", "b@x.org"]);
    let merged: Vec<_> = plan.merged.iter().map(|m| (m.place, m.into)).collect();
    assert_eq!(
        merged,
        vec![
            (Place::Line(3), Place::Line(2)),
            (Place::Line(4), Place::Line(2))
        ]
    );
}

/// The case a property test found: a record with a name only comes before one with an e-mail
/// that names a known "Manu". On the second import the first record must not take that Manu by
/// name (the two records would become one) but find the Manu it made.
#[test]
fn a_name_never_takes_a_person_a_later_record_names_by_e_mail() {
    let with = |emails: &[&str], phones: &[&str]| {
        let mut data = PersonData::named("Manu");
        data.emails = emails.iter().map(|e| e.to_string()).collect();
        data.phones = phones.iter().map(|p| p.to_string()).collect();
        data
    };
    let rows = vec![with(&[], &["+31 6 1"]), with(&["b@x.org"], &["+31 6 1"])];
    let mut people = vec![with(&["b@x.org"], &["+44 7700 2"])];
    let first = plan_import(&known(people.clone()), file(rows.clone()));
    assert_eq!((first.add.len(), first.update.len()), (1, 1));
    assert!(first.merged.is_empty());
    people[0] = first.update[0].after.clone();
    people.push(first.add[0].person.clone());
    let again = plan_import(&known(people), file(rows));
    assert_eq!(
        (again.add.len(), again.update.len(), again.unchanged),
        (0, 0, 2),
        "{again:?}"
    );
    assert!(again.merged.is_empty(), "{:?}", again.merged);
}

/// Another case a property test found: two known "Priya R." (one with a company) and a file
/// whose first record matches the one with the company exactly. Each record finds the person
/// closest to it, so a second import of the file finds what the first one left.
#[test]
fn a_name_finds_the_closest_of_several_known_people() {
    let priya = |company: Option<&str>, phones: &[&str]| {
        let mut data = PersonData::named("Priya R.");
        data.company = company.map(String::from);
        data.phones = phones.iter().map(|p| p.to_string()).collect();
        data
    };
    let rows = vec![priya(Some("Acme"), &[]), priya(Some("Acme"), &["+31 6 1"])];
    let mut people = vec![priya(None, &[]), priya(Some("Acme"), &[])];
    let first = plan_import(&known(people.clone()), file(rows.clone()));
    assert_eq!(
        (first.add.len(), first.update.len(), first.unchanged),
        (0, 1, 1)
    );
    assert_eq!(
        first.update[0].before.id, 1,
        "the second record fills the first Priya"
    );
    people[0] = first.update[0].after.clone();
    let again = plan_import(&known(people), file(rows));
    assert_eq!(
        (again.add.len(), again.update.len(), again.unchanged),
        (0, 0, 2),
        "{again:?}"
    );
}
