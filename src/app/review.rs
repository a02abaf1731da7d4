//! The weekly review's actions: walking its steps, acting on an item, finishing.

use chrono::Duration;

use super::forms::{LogForm, PeopleField};
use super::overlay::{Confirm, Pending};
use super::state::{App, Mark, Review, Screen};
use crate::error::Result;
use crate::insight::review::{Step, Subject};
use crate::model::{Day, Direction, Kind, PersonId, PromiseId, Size};
use tui_input::Input;

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
            let len = review.section().map_or(0, |s| s.items.len());
            review.selected.step(delta, len);
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
            review.selected = crate::app::cursor::Cursor::default();
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

    /// Marks what happened to the selected item's promise (or need, or date).
    fn review_mark_subject(&mut self, subject: Subject, mark: Mark) {
        if let Some(review) = self.review_mut() {
            review.subject_marks.insert(subject, mark);
            review.actions += 1;
        }
    }

    fn selected_promise(&mut self) -> Option<PromiseId> {
        match self.review_mut()?.selected_subject() {
            Some(Subject::Promise(id)) => Some(id),
            _ => {
                self.status = Some("That works on a promise: the first step lists them.".into());
                None
            }
        }
    }

    /// `K` on a promise: kept, logged as a favour given (one undo).
    pub(super) fn review_keep_promise(&mut self) -> Result<()> {
        let Some(id) = self.selected_promise() else {
            return Ok(());
        };
        let sentence = self.desk.keep_promise(id, Kind::Favour, Size::Small)?;
        self.review_mark_subject(Subject::Promise(id), Mark::Kept);
        self.reload()?;
        self.review_move(1);
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// `x` on a promise: dropped.
    pub(super) fn review_drop_promise(&mut self) -> Result<()> {
        let Some(id) = self.selected_promise() else {
            return Ok(());
        };
        let sentence = self.desk.drop_promise(id)?;
        self.review_mark_subject(Subject::Promise(id), Mark::Dropped);
        self.promises = self.desk.promise_summary()?;
        self.review_move(1);
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// `i` on a need: the log form, filled in with an introduction of its person to the
    /// best match (the name can be changed), a favour given to both.
    pub(super) fn review_introduce(&mut self) -> Result<()> {
        let Some(Subject::Need(id)) = self.review_mut().and_then(|r| r.selected_subject()) else {
            self.status = Some("That works on a need: the second step lists them.".into());
            return Ok(());
        };
        let found = self.desk.helpers(id, 1)?;
        let mut form = LogForm::new(None, Direction::Gave);
        form.kind = Kind::Intro;
        // Both are chosen already: a namesake of either is never asked about.
        let mut people = vec![(found.need.person, found.name.clone())];
        if let Some(helper) = found.helpers.first() {
            people.push((helper.person.id, helper.person.name.clone()));
        }
        let (who, chosen) = PeopleField::filled(&people);
        form.who = if found.helpers.is_empty() {
            Input::new(format!("{}, ", who.value()))
        } else {
            who
        };
        form.people = chosen;
        form.note = Input::new(format!("for: {}", found.need.text));
        self.show(form);
        Ok(())
    }

    pub(super) fn review_snooze(&mut self, days: i64) -> Result<()> {
        // On a promise, `s` gives the promise another week, not its person a rest.
        if let Some(Subject::Promise(id)) = self.review_mut().and_then(|r| r.selected_subject()) {
            let sentence = self.desk.postpone_promise(id, days)?;
            self.review_mark_subject(Subject::Promise(id), Mark::Moved);
            self.promises = self.desk.promise_summary()?;
            self.review_move(1);
            self.status = Some(format!("{sentence}{}", self.undo_hint()));
            return Ok(());
        }
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
        self.show(Confirm {
            question: format!("Archive these {} paper ties? (u undoes it)", ids.len()),
            pending: Pending::ArchiveMany(ids),
        });
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
