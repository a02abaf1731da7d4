//! People who are likely the same person: the same e-mail, the same LinkedIn profile or the
//! same name. Listed for the user to merge; never merged behind their back.

use std::collections::HashMap;

use super::plan::name_key;
use super::profile_key;
use crate::model::{Person, PersonId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DuplicateReason {
    Email(String),
    Profile(String),
    Name,
}

impl DuplicateReason {
    pub fn describe(&self) -> String {
        match self {
            DuplicateReason::Email(email) => format!("both have {email}"),
            DuplicateReason::Profile(url) => format!("both are {url}"),
            DuplicateReason::Name => "the same name".into(),
        }
    }
}

/// Two people who may be one; `a` was added first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub a: PersonId,
    pub b: PersonId,
    pub reason: DuplicateReason,
}

/// Pairs among people who are not archived, each pair once with its strongest reason. Within a
/// group sharing a key, everyone is paired with its earliest member (not every pair with
/// every other: a common name must not make the list quadratic).
pub fn likely_duplicates(people: &[Person]) -> Vec<Duplicate> {
    let mut groups: [HashMap<String, Vec<PersonId>>; 3] = Default::default();
    let mut present: Vec<&Person> = people.iter().filter(|p| !p.data.archived).collect();
    present.sort_by_key(|p| p.id);
    for person in &present {
        for email in &person.data.emails {
            groups[0].entry(email.clone()).or_default().push(person.id);
        }
        if let Some(profile) = person.data.source_id.as_deref().and_then(profile_key) {
            groups[1].entry(profile).or_default().push(person.id);
        }
        groups[2]
            .entry(name_key(&person.data.name))
            .or_default()
            .push(person.id);
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (strength, group) in groups.into_iter().enumerate() {
        let mut keyed: Vec<(String, Vec<PersonId>)> =
            group.into_iter().filter(|(_, ids)| ids.len() > 1).collect();
        keyed.sort_by_key(|(_, ids)| ids[0]);
        for (key, ids) in keyed {
            let mut ids = ids;
            ids.dedup();
            for &b in &ids[1..] {
                if seen.insert((ids[0], b)) {
                    let reason = match strength {
                        0 => DuplicateReason::Email(key.clone()),
                        1 => DuplicateReason::Profile(key.clone()),
                        _ => DuplicateReason::Name,
                    };
                    out.push(Duplicate {
                        a: ids[0],
                        b,
                        reason,
                    });
                }
            }
        }
    }
    out.sort_by_key(|d| (d.a, d.b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonData, Source};

    fn person(id: PersonId, name: &str, email: Option<&str>, profile: Option<&str>) -> Person {
        let mut data = PersonData::named(name);
        data.emails = email.map(String::from).into_iter().collect();
        if let Some(url) = profile {
            data.source = Source::Linkedin;
            data.source_id = Some(url.to_string());
        }
        Person::unsaved(id, data)
    }

    #[test]
    fn pairs_by_email_profile_and_name_each_once() {
        let mut archived = person(6, "Ana Lima", None, None);
        archived.data.archived = true;
        let people = vec![
            person(1, "Ana Lima", Some("ana@example.org"), None),
            person(2, "A. Lima", Some("ana@example.org"), None),
            person(3, "Bo Chen", None, Some("https://www.linkedin.com/in/bo")),
            person(4, "Robert Chen", None, Some("https://linkedin.com/in/bo/")),
            person(5, "ana  lima", Some("ana@example.org"), None),
            archived,
            person(7, "Cy", None, None),
        ];
        let found = likely_duplicates(&people);
        let pairs: Vec<(PersonId, PersonId, DuplicateReason)> =
            found.into_iter().map(|d| (d.a, d.b, d.reason)).collect();
        assert_eq!(
            pairs,
            vec![
                (1, 2, DuplicateReason::Email("ana@example.org".into())),
                (1, 5, DuplicateReason::Email("ana@example.org".into())),
                (
                    3,
                    4,
                    DuplicateReason::Profile("https://www.linkedin.com/in/bo".into())
                ),
            ]
        );
    }
}
