//! Who each author of a chat is (DESIGN, "Capture: chats", matching): a number (an unsaved
//! contact, as WhatsApp shows one) matches whoever has that number, in its international
//! form; otherwise a name matches when it is exactly one person's, case, spacing and accents
//! aside. Two people with the name, or the number, match neither: they are asked about, never
//! guessed. You are never matched.

use std::collections::HashMap;

use super::ChatExport;
use super::rules::{fold_name, phone_key};
use crate::model::{Person, PersonId};

/// Who an author is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Person(PersonId),
    /// More than one person has the number or the name: the user says which.
    Ambiguous(Vec<PersonId>),
    Unknown,
    /// The user themself.
    Me,
}

/// People by what chats know them by: a handle kept on them, a number, a name.
#[derive(Debug, Default)]
pub struct Matcher {
    by_handle: HashMap<String, Vec<PersonId>>,
    by_phone: HashMap<String, Vec<PersonId>>,
    by_name: HashMap<String, Vec<PersonId>>,
}

fn add(map: &mut HashMap<String, Vec<PersonId>>, key: String, id: PersonId) {
    let ids = map.entry(key).or_default();
    if !ids.contains(&id) {
        ids.push(id);
    }
}

fn found(ids: Option<&Vec<PersonId>>) -> Found {
    match ids.map(Vec::as_slice) {
        Some([one]) => Found::Person(*one),
        Some(many) if !many.is_empty() => Found::Ambiguous(many.to_vec()),
        _ => Found::Unknown,
    }
}

impl Matcher {
    /// `people` by their handles, numbers (read with `country`) and names.
    pub fn new(people: &[Person], country: Option<&str>) -> Matcher {
        let mut matcher = Matcher::default();
        for person in people {
            for handle in &person.data.handles {
                add(&mut matcher.by_handle, handle.clone(), person.id);
            }
            for phone in &person.data.phones {
                if let Some(key) = phone_key(phone, country) {
                    add(&mut matcher.by_phone, key, person.id);
                }
            }
            add(
                &mut matcher.by_name,
                fold_name(&person.data.name),
                person.id,
            );
        }
        matcher
    }

    /// Who keeps the chat handle `handle`.
    pub fn by_handle(&self, handle: &str) -> Found {
        found(self.by_handle.get(handle))
    }

    /// Whose number `name` is, or whose name it is.
    pub fn by_name(&self, name: &str, country: Option<&str>) -> Found {
        match phone_key(name, country) {
            Some(key) => found(self.by_phone.get(&key)),
            None => found(self.by_name.get(&fold_name(name))),
        }
    }
}

/// Each author of `export` matched with `people`; `mine` says which authors are the user.
pub fn match_authors(
    export: &ChatExport,
    mine: &[bool],
    people: &[Person],
    country: Option<&str>,
) -> Vec<Found> {
    let matcher = Matcher::new(people, country);
    (export.authors.iter().enumerate())
        .map(|(at, author)| {
            if mine.get(at).copied().unwrap_or(false) {
                return Found::Me;
            }
            matcher.by_name(&author.name, country)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{Found, match_authors};
    use crate::import::chat::{ChatAuthor, ChatExport};
    use crate::model::{Person, PersonData};

    fn person(id: i64, name: &str, phones: &[&str]) -> Person {
        let mut data = PersonData::named(name);
        data.phones = phones.iter().map(|p| (*p).to_string()).collect();
        Person {
            id,
            data,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn by_number_then_by_a_name_that_is_one_persons_and_never_a_guess() {
        let people = [
            person(1, "Femke de Wit", &["06 11111111"]),
            person(2, "Daan García", &[]),
            person(3, "Daan Garcia", &["+31 6 22222222"]),
            person(4, "José Núñez", &[]),
            person(5, "Noor Bakker", &["+31 6 33333333"]),
            person(6, "Noor B.", &["0031633333333"]),
        ];
        let authors = [
            "+31 6 11111111",
            "Daan Garcia",
            "jose  nunez",
            "+31 6 33333333",
            "+31 6 99999999",
            "Sanne Vos",
            "Someone New",
        ];
        let export = ChatExport {
            authors: authors
                .iter()
                .map(|name| ChatAuthor {
                    name: (*name).to_string(),
                    id: None,
                })
                .collect(),
            ..ChatExport::default()
        };
        let mine = [false, false, false, false, false, true, false];
        assert_eq!(
            match_authors(&export, &mine, &people, Some("NL")),
            [
                // A national number saved on the person, the international one in the chat.
                Found::Person(1),
                // Two people are "Daan Garcia" once accents are set aside: asked, not guessed.
                Found::Ambiguous(vec![2, 3]),
                Found::Person(4),
                // Two people have that number.
                Found::Ambiguous(vec![5, 6]),
                Found::Unknown,
                Found::Me,
                Found::Unknown,
            ]
        );
    }
}
