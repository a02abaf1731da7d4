//! People as the read commands hold tens of thousands of them: names and companies in one
//! shared text, so reading and dropping everyone is a few allocations, not one per name
//! (`list` shows them; the review names the people in its steps).

use std::ops::Range;

use super::PersonId;

/// What a list row shows of a person, borrowed from [`ListedPeople`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListedPerson<'a> {
    pub id: PersonId,
    pub name: &'a str,
    pub company: Option<&'a str>,
    pub tags: &'a [String],
}

/// Everyone a list shows, in the order added (the database's id order): each person's id and
/// circles, their name and company kept in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListedPeople {
    people: Vec<Listed>,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Listed {
    id: PersonId,
    name: Range<usize>,
    company: Option<Range<usize>>,
    tags: Vec<String>,
}

impl ListedPeople {
    /// Room for about `people` people whose names and companies take `bytes` bytes in all.
    pub fn with_capacity(people: usize, bytes: usize) -> ListedPeople {
        ListedPeople {
            people: Vec::with_capacity(people),
            text: String::with_capacity(bytes),
        }
    }

    pub fn push(&mut self, id: PersonId, name: &str, company: Option<&str>, tags: Vec<String>) {
        let name = self.keep(name);
        let company = company.map(|company| self.keep(company));
        self.people.push(Listed {
            id,
            name,
            company,
            tags,
        });
    }

    fn keep(&mut self, text: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(text);
        start..self.text.len()
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// The person at position `at`.
    pub fn get(&self, at: usize) -> Option<ListedPerson<'_>> {
        self.people.get(at).map(|listed| self.view(listed))
    }

    /// The person at position `at`, as indexing a slice gives it.
    ///
    /// # Panics
    ///
    /// When `at` is not below `len()`.
    pub fn at(&self, at: usize) -> ListedPerson<'_> {
        self.view(&self.people[at])
    }

    /// The person with this id. People are added in id order, as the database reads them;
    /// found by halving.
    pub fn find(&self, id: PersonId) -> Option<ListedPerson<'_>> {
        let at = self
            .people
            .binary_search_by_key(&id, |listed| listed.id)
            .ok()?;
        self.get(at)
    }

    /// Everyone, in the order added.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ListedPerson<'_>> + '_ {
        self.people.iter().map(|listed| self.view(listed))
    }

    fn view<'a>(&'a self, listed: &'a Listed) -> ListedPerson<'a> {
        let text = |span: &Range<usize>| self.text.get(span.clone()).unwrap_or("");
        ListedPerson {
            id: listed.id,
            name: text(&listed.name),
            company: listed.company.as_ref().map(text),
            tags: &listed.tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_people_keep_names_companies_and_circles_apart() {
        let mut people = ListedPeople::with_capacity(2, 8);
        people.push(3, "Ana Lima", Some("Zephyr Labs"), vec!["climbing".into()]);
        people.push(7, "Wout Li", None, Vec::new());
        people.push(9, "", Some(""), Vec::new());
        assert_eq!(people.len(), 3);
        let expected = [
            ListedPerson {
                id: 3,
                name: "Ana Lima",
                company: Some("Zephyr Labs"),
                tags: &["climbing".to_string()],
            },
            ListedPerson {
                id: 7,
                name: "Wout Li",
                company: None,
                tags: &[],
            },
            ListedPerson {
                id: 9,
                name: "",
                company: Some(""),
                tags: &[],
            },
        ];
        assert_eq!(people.iter().collect::<Vec<_>>(), expected);
        assert_eq!(people.get(1), Some(expected[1]));
        assert_eq!(people.get(3), None);
        assert_eq!(people.find(7), Some(expected[1]));
        assert_eq!(people.find(4), None);
        assert!(ListedPeople::default().is_empty());
    }
}
