//! The relationship model: pure functions of (people, their contacts, config, today).
//! Nothing here reads the clock, the database or the terminal.

pub mod circles;
pub mod contact_share;
mod evaluate;
pub(crate) mod explain;
pub mod helpers;
pub mod intro;
mod ledger;
pub mod order;
pub mod review;
pub mod span;
mod summary;
pub mod warmth;

pub use evaluate::{
    Closeness, Due, DueReason, Figures, INITIATIVE_OF, Initiative, LEARNING_DAYS, LayerFill,
    Network, OneSided, Status, Summary, evaluate,
};
pub use explain::{Open, explain, invitation, ledger_lines, one_sided_message};
pub use ledger::{Ledger, QuarterLedger, by_quarter};
pub use warmth::WarmthTrack;

use crate::model::{Direction, Kind, PersonId, Size};

/// What the model needs of a person (the rest of the profile does not change any figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonFacts {
    pub id: PersonId,
    pub family: bool,
    pub archived: bool,
    pub cadence_days: Option<u32>,
    /// Came from a contacts file, mail or a calendar rather than added by hand: never engaged,
    /// such a person is a paper tie; someone added by hand is new.
    pub imported: bool,
    /// Kept passively by choice: never due, not among the active ties.
    pub on_call: bool,
}

/// One person's part in one interaction. `day` counts days since 1970-01-01; 32 bits hold
/// millions of years and keep a contact at 8 bytes (5,000,000 interactions: 40 MB less).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contact {
    pub day: i32,
    pub kind: Kind,
    pub direction: Direction,
    pub size: Size,
}

impl Contact {
    /// The figures of an interaction on `day`, as the model reads them.
    pub fn on(day: crate::model::Day, kind: Kind, direction: Direction, size: Size) -> Contact {
        Contact {
            day: i32::try_from(crate::model::date::day_number(day)).unwrap_or(i32::MAX),
            kind,
            direction,
            size,
        }
    }
}

/// Everyone's contacts, grouped by person and sorted by day within each person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Histories {
    pub people: Vec<PersonFacts>,
    /// `ranges[i]` is the slice of `contacts` that belongs to `people[i]`.
    pub ranges: Vec<std::ops::Range<usize>>,
    pub contacts: Vec<Contact>,
}

impl Histories {
    /// Builds histories from people and (person, contact) pairs in any order.
    pub fn from_parts(people: Vec<PersonFacts>, mut pairs: Vec<(PersonId, Contact)>) -> Self {
        let mut people = people;
        people.sort_by_key(|p| p.id);
        pairs.sort_by_key(|(id, c)| (*id, c.day, c.kind, c.direction, c.size));
        let mut ranges = Vec::with_capacity(people.len());
        let mut contacts = Vec::with_capacity(pairs.len());
        let mut next = 0;
        for person in &people {
            while next < pairs.len() && pairs[next].0 < person.id {
                next += 1; // a contact of someone unknown is ignored
            }
            let start = contacts.len();
            while next < pairs.len() && pairs[next].0 == person.id {
                contacts.push(pairs[next].1);
                next += 1;
            }
            ranges.push(start..contacts.len());
        }
        Histories {
            people,
            ranges,
            contacts,
        }
    }

    /// Adds a contact of person `id` after their contacts of the same day (a new interaction
    /// has the highest id, so this is where the store's key order puts it). False if the
    /// person is not here.
    pub fn insert(&mut self, id: PersonId, contact: Contact) -> bool {
        let Ok(index) = self.people.binary_search_by_key(&id, |p| p.id) else {
            return false;
        };
        let range = self.ranges[index].clone();
        let at = range.start + self.contacts[range].partition_point(|c| c.day <= contact.day);
        self.contacts.insert(at, contact);
        self.ranges[index].end += 1;
        for later in &mut self.ranges[index + 1..] {
            later.start += 1;
            later.end += 1;
        }
        true
    }

    pub fn contacts_of(&self, index: usize) -> &[Contact] {
        self.ranges
            .get(index)
            .and_then(|range| self.contacts.get(range.clone()))
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
