//! The weekly review: its agenda, snoozes, and finishing it.

use crate::error::Result;
use crate::insight::circles::{self, Reconnect};
use crate::insight::review::{self, Agenda, ReviewInput};
use crate::insight::{Histories, Network};
use crate::model::date::day_number;
use crate::model::{Day, Person, PersonId};
use crate::store::Covered;

use super::Desk;

impl Desk {
    /// This week's agenda, from the database.
    pub fn agenda(&self) -> Result<Agenda> {
        self.named_agenda().map(|(agenda, _)| agenda)
    }

    /// This week's agenda, with everyone (names and circles only, in id order) to name the
    /// people in it: one read of everyone for both.
    pub fn named_agenda(&self) -> Result<(Agenda, Vec<crate::model::Person>)> {
        let histories = self.store.histories()?;
        let network = crate::insight::evaluate(&histories, &self.config, self.today_number());
        let people = self.store.people_for_lookup()?;
        let circles: Vec<_> = people
            .iter()
            .map(|p| circles::circles_of(&p.data))
            .collect();
        let reconnect = circles::reconnect_scores(&circles, &network, &histories);
        Ok((self.agenda_of(&network, &histories, &reconnect)?, people))
    }

    /// This week's agenda from a network already evaluated, with its reconnect scores (the
    /// app keeps both).
    pub fn agenda_of(
        &self,
        network: &Network,
        histories: &Histories,
        reconnect: &[Option<Reconnect>],
    ) -> Result<Agenda> {
        let imported = self.store.imported_people()?;
        let snoozed = self.store.snoozes()?;
        let past: Vec<Vec<PersonId>> = self
            .store
            .reviews()?
            .into_iter()
            .map(|r| r.covered.reconnect)
            .collect();
        Ok(review::agenda(&ReviewInput {
            network,
            histories,
            imported: &imported,
            snoozed: &snoozed,
            past_reconnects: &past,
            reconnect,
        }))
    }

    /// Weeks in a row with a finished review.
    pub fn streak(&self) -> Result<usize> {
        let days: Vec<i64> = self.store.reviews()?.iter().map(|r| r.day).collect();
        Ok(review::streak(&days, self.today_number()))
    }

    /// Keeps a person out of reviews until `until`. Returns what was done, in words.
    pub fn snooze(&mut self, person: &Person, until: Day) -> Result<String> {
        let sentence = format!("Snoozed {} until {until}", person.name());
        self.store.snooze(person.id, day_number(until), &sentence)?;
        Ok(sentence)
    }

    /// Archives the people a review offered as paper ties; one undo brings them all back.
    pub fn archive_paper_ties(&mut self, ids: &[PersonId]) -> Result<String> {
        let describe = |n: usize| format!("Archived {n} paper ties");
        let count = self.store.archive_many(ids, describe)?;
        Ok(describe(count))
    }

    /// Records today's review; returns the streak it makes.
    pub fn finish_review(
        &mut self,
        items_seen: usize,
        actions: usize,
        reconnect: Vec<PersonId>,
    ) -> Result<usize> {
        self.store.record_review(
            self.today_number(),
            items_seen,
            actions,
            &Covered { reconnect },
        )?;
        self.streak()
    }
}
