//! Reads of what is stored, as it is stored: for the document, for a check of what a change
//! did, and for tests that judge a change by the rows it left.

use super::Desk;
use crate::error::Result;
use crate::insight::Histories;
use crate::model::{Holdings, Interaction, Person, PersonId};

impl Desk {
    /// Everything in the database at one moment (one read transaction), each list in id
    /// order.
    pub fn holdings(&self) -> Result<Holdings> {
        self.store.holdings()
    }

    /// One person as stored, archived or not.
    pub fn person(&self, id: PersonId) -> Result<Option<Person>> {
        self.store.person(id)
    }

    /// A person's interactions, newest first (their timeline).
    pub fn interactions_of(&self, id: PersonId) -> Result<Vec<Interaction>> {
        self.store.interactions_of(id)
    }

    /// Everyone's contacts as the model reads them (the history cache).
    pub fn histories(&self) -> Result<Histories> {
        self.store.histories()
    }
}
