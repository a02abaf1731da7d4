//! The weekly review's actions: walking its steps, acting on an item, finishing.

use chrono::Duration;

use super::state::{App, Confirm, Mark, Overlay, Pending, Review, Screen};
use crate::error::Result;
use crate::insight::review::Step;
use crate::model::{Day, PersonId};

impl App {
    /// `w`: a fresh agenda from the figures at hand.
    pub(super) fn start_review(&mut self) -> Result<()> {
        let agenda = self
            .desk
            .agenda_of(&self.network, &self.histories, &self.reconnect)?;
        self.screen = Screen::Review(Box::new(Review::new(agenda)));
        self.status = None;
        Ok(())
    }

    fn review_mut(&mut self) -> Option<&mut Review> {
        match &mut self.screen {
            Screen::Review(review) => Some(review),
            _ => None,
        }
    }

    /// Moves within the current step's people.
    pub(super) fn review_move(&mut self, delta: isize) {
        if let Some(review) = self.review_mut() {
            let last = review
                .section()
                .map_or(0, |s| s.items.len().saturating_sub(1));
            review.selected = (review.selected as isize + delta).clamp(0, last as isize) as usize;
        }
    }

    /// Goes to the next or previous step.
    pub(super) fn review_step(&mut self, forward: bool) {
        if let Some(review) = self.review_mut() {
            let last = review.agenda.sections.len().saturating_sub(1);
            review.step = if forward {
                (review.step + 1).min(last)
            } else {
                review.step.saturating_sub(1)
            };
            review.selected = 0;
            review.visited.insert(review.step);
        }
    }

    /// Marks what happened to a person in the review under way (or paused), if any.
    pub(super) fn review_mark(&mut self, person: PersonId, mark: Mark) {
        let review = match (&mut self.screen, &mut self.paused_review) {
            (Screen::Review(review), _) | (_, Some(review)) => review,
            _ => return,
        };
        review.marks.insert(person, mark);
        if mark != Mark::Skipped {
            review.actions += 1;
        }
    }

    pub(super) fn review_snooze(&mut self, days: i64) -> Result<()> {
        let Some(id) = self.current_person().map(|p| p.id) else {
            return Ok(());
        };
        self.review_snooze_until(id, self.desk.today + Duration::days(days))
    }

    pub(super) fn review_snooze_until(&mut self, id: PersonId, until: Day) -> Result<()> {
        let Some(person) = self.person(id).cloned() else {
            return Ok(());
        };
        let sentence = self.desk.snooze(&person, until)?;
        self.review_mark(person.id, Mark::Snoozed);
        self.review_move(1);
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    pub(super) fn review_skip(&mut self) {
        if let Some(id) = self.current_person().map(|p| p.id) {
            self.review_mark(id, Mark::Skipped);
            self.review_move(1);
        }
    }

    /// `A` on the paper-ties step: asks, then archives them all as one change.
    pub(super) fn review_archive_all(&mut self) {
        let Some(review) = self.review_mut() else {
            return;
        };
        let Some(section) = review.section().filter(|s| s.step == Step::PaperTies) else {
            self.status = Some("Archiving all works on the paper-ties step.".into());
            return;
        };
        let ids: Vec<PersonId> = section
            .items
            .iter()
            .map(|i| i.person)
            .filter(|id| review.marks.get(id).is_none_or(|m| *m != Mark::Logged))
            .collect();
        if ids.is_empty() {
            return;
        }
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Archive these {} paper ties? (u undoes it)", ids.len()),
            pending: Pending::ArchiveMany(ids),
        }));
    }

    pub(super) fn archive_many(&mut self, ids: &[PersonId]) -> Result<()> {
        let sentence = self.desk.archive_paper_ties(ids)?;
        for &id in ids {
            self.review_mark(id, Mark::Archived);
        }
        self.reload()?;
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// `f`: records the review and returns to the dashboard, which shows the streak.
    pub(super) fn finish_review(&mut self) -> Result<()> {
        let Screen::Review(review) = &self.screen else {
            return Ok(());
        };
        let reconnect_step = review
            .agenda
            .sections
            .iter()
            .position(|s| s.step == Step::Reconnect);
        let reconnect = reconnect_step
            .filter(|s| review.visited.contains(s))
            .and_then(|s| review.agenda.sections.get(s))
            .map(|s| s.items.iter().map(|i| i.person).collect())
            .unwrap_or_default();
        let (seen, actions) = (review.seen(), review.actions);
        let streak = self.desk.finish_review(seen, actions, reconnect)?;
        self.screen = Screen::Dashboard;
        self.reload()?;
        let weeks = if streak == 1 {
            "1 week".to_string()
        } else {
            format!("{streak} weeks")
        };
        let done = match actions {
            0 => "nothing acted on this time".to_string(),
            1 => "1 thing done".to_string(),
            n => format!("{n} things done"),
        };
        self.status = Some(format!("Review done: {done} · streak {weeks}"));
        Ok(())
    }
}
