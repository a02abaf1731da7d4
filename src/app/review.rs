//! The weekly review's actions: walking its steps, acting on an item, finishing.

use chrono::Duration;

use super::forms::{LogForm, PeopleField};
use super::overlay::{Confirm, Pending};
use super::review_screen::Marked;
use super::state::{App, Mark, Review, Screen};
use crate::error::Result;
use crate::insight::review::{Item, Step, Subject};
use crate::model::{Day, Direction, Kind, PersonId, PromiseId, Size};

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

    pub(super) fn review_mut(&mut self) -> Option<&mut Review> {
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

    /// Goes to the next or previous step. What was picked, and what was said about the last
    /// step, stay with it.
    pub(super) fn review_step(&mut self, forward: bool) {
        if let Some(review) = self.review_mut() {
            let last = review.agenda.sections.len().saturating_sub(1);
            review.step = if forward {
                (review.step + 1).min(last)
            } else {
                review.step.saturating_sub(1)
            };
            review.selected = crate::app::cursor::Cursor::default();
            review.picked.clear();
            review.visited.insert(review.step);
            self.status = None;
        }
    }

    /// Space: picks the row (or lets it go) and moves on, so a run of rows is a run of Space.
    pub(super) fn review_pick(&mut self) {
        if let Some(review) = self.review_mut() {
            review.toggle_pick();
            let picked = review.picked.len();
            self.review_move(1);
            self.status = Some(match picked {
                0 => "Nothing picked: actions work on the selected row.".into(),
                1 => "1 picked: the next action works on it.".into(),
                n => format!("{n} picked: the next action works on them all."),
            });
        }
    }

    /// Marks what happened to people in the review under way (or paused, when they were
    /// logged with from a person page it opened). `changed`: a change to the database did
    /// it, which an undo takes back with its marks.
    pub(super) fn review_marks(&mut self, marks: &[(Marked, Mark)], changed: bool) -> Result<()> {
        if self.review_mut().is_none() && self.paused_review.is_none() {
            return Ok(());
        }
        let change = if changed {
            self.desk.last_change()?.map(|c| c.id)
        } else {
            None
        };
        let review = match (&mut self.screen, &mut self.paused_review) {
            (Screen::Review(review), _) | (_, Some(review)) => review,
            _ => return Ok(()),
        };
        for &(what, mark) in marks {
            review.mark(what, mark, change);
        }
        Ok(())
    }

    /// An undo took `change` back: so do the review's marks.
    pub(super) fn review_undone(&mut self, change: i64) {
        if let Screen::Review(review) = &mut self.screen {
            review.undone(change);
        }
        if let Some(review) = &mut self.paused_review {
            review.undone(change);
        }
    }

    /// The rows the next action works on, and forgets what was picked.
    fn review_targets(&mut self) -> Option<(Step, Vec<Item>)> {
        let review = self.review_mut()?;
        let step = review.section()?.step;
        let targets: Vec<Item> = review.targets().into_iter().cloned().collect();
        review.picked.clear();
        Some((step, targets))
    }

    /// After acting on one row, the next; after acting on picked rows, the cursor stays.
    fn review_moved_on(&mut self, rows: usize) {
        if rows == 1 {
            self.review_move(1);
        }
    }

    /// Carries out `act` on each of `targets` (one change each: an id, a pair of people),
    /// marking what each row is about (`subject`) with `mark` as it goes; what each said.
    pub(super) fn review_each<T: Clone>(
        &mut self,
        targets: &[T],
        subject: impl Fn(&T) -> Subject,
        mark: Mark,
        mut act: impl FnMut(&mut crate::ops::Desk, T) -> Result<String>,
    ) -> Result<Vec<String>> {
        let mut said = Vec::with_capacity(targets.len());
        for target in targets {
            said.push(act(&mut self.desk, target.clone())?);
            self.review_marks(&[(Marked::Subject(subject(target)), mark)], true)?;
        }
        Ok(said)
    }

    /// After changes to `rows` rows: on to the next (for one), and what was done, with undo.
    pub(super) fn review_said(&mut self, said: &[String], what: &str, rows: usize) {
        self.review_moved_on(rows);
        self.status = Some(format!("{}{}", said_all(said, what), self.undo_hint()));
    }

    fn promises_of(&mut self, targets: &[Item]) -> Option<Vec<PromiseId>> {
        let promises: Vec<PromiseId> = (targets.iter())
            .filter_map(|item| match item.subject {
                Some(Subject::Promise(id)) => Some(id),
                _ => None,
            })
            .collect();
        if promises.is_empty() {
            self.status = Some(self.wrong_row("a promise: the first step lists them"));
            return None;
        }
        Some(promises)
    }

    /// What to say when a key meets a row it does not work on.
    fn wrong_row(&self, works_on: &str) -> String {
        format!("That works on {works_on}.")
    }

    /// `K`: a promise kept, logged as a favour given (one undo each); on a paper tie, kept as
    /// it is — finishing the review records it, and later reviews stop asking.
    pub(super) fn review_keep(&mut self) -> Result<()> {
        let Some((step, targets)) = self.review_targets() else {
            return Ok(());
        };
        if step == Step::PaperTies {
            let marks: Vec<(Marked, Mark)> = (targets.iter())
                .map(|item| (Marked::Person(item.person), Mark::KeptAsIs))
                .collect();
            self.review_marks(&marks, false)?;
            self.review_moved_on(targets.len());
            let kept = match targets.as_slice() {
                [one] => self.person(one.person).map_or_else(
                    || "Kept as is".to_string(),
                    |p| format!("Kept {} as is", p.name()),
                ),
                many => format!("Kept {} paper ties as they are", many.len()),
            };
            let finish = (self.keymap)
                .key_for(super::keymap::Context::Review, super::Action::Finish)
                .unwrap_or_default();
            self.status = Some(format!(
                "{kept}: reviews stop asking once you finish ({finish})."
            ));
            return Ok(());
        }
        self.review_settle(&targets, true)
    }

    /// `K` (`keep`) or `x` past the paper ties: an introduction on the row moves on or is
    /// dropped, people seen together are linked or dismissed, else the promises on the rows
    /// are kept (a favour logged) or dropped — each one undo.
    fn review_settle(&mut self, targets: &[Item], keep: bool) -> Result<()> {
        if self.review_introductions(targets, keep)? || self.review_together(targets, keep)? {
            return Ok(());
        }
        let Some(promises) = self.promises_of(targets) else {
            return Ok(());
        };
        let (mark, done) = match keep {
            true => (Mark::Kept, "promises kept"),
            false => (Mark::Dropped, "promises dropped"),
        };
        let said = self.review_each(
            &promises,
            |&id| Subject::Promise(id),
            mark,
            |desk, id| match keep {
                true => desk.keep_promise(id, Kind::Favour, Size::Small),
                false => desk.drop_promise(id),
            },
        )?;
        if keep {
            // A kept promise logs a favour: warmth and the lists move with it.
            self.reload()?;
        } else {
            self.promises = self.desk.promise_summary()?;
        }
        self.review_said(&said, done, promises.len());
        Ok(())
    }

    /// `t` on the thanks step: the favour on the row (or those picked) is thanked for, each
    /// one undo.
    pub(super) fn review_thanked(&mut self) -> Result<()> {
        let Some((_, targets)) = self.review_targets() else {
            return Ok(());
        };
        let favours: Vec<crate::model::InteractionId> = (targets.iter())
            .filter_map(|item| match item.subject {
                Some(Subject::Thanks(id)) => Some(id),
                _ => None,
            })
            .collect();
        if favours.is_empty() {
            self.status = Some(self.wrong_row("a favour you received: the thanks step lists them"));
            return Ok(());
        }
        let said = self.review_each(
            &favours,
            |&id| Subject::Thanks(id),
            Mark::Thanked,
            |desk, id| desk.thanked(id),
        )?;
        self.reload()?;
        self.review_said(&said, "favours thanked for", favours.len());
        Ok(())
    }

    /// `x`: a promise dropped; on the paper-ties step, archived (asks first for several).
    pub(super) fn review_let_go(&mut self) -> Result<()> {
        let Some((step, targets)) = self.review_targets() else {
            return Ok(());
        };
        if step == Step::PaperTies {
            let ids: Vec<PersonId> = targets.iter().map(|item| item.person).collect();
            if let [_] = ids.as_slice() {
                self.archive_many(&ids)?;
                self.review_moved_on(1);
            } else {
                self.show(Confirm {
                    question: format!("Archive these {} paper ties? (u undoes it)", ids.len()),
                    pending: Pending::ArchiveMany(ids),
                });
            }
            return Ok(());
        }
        self.review_settle(&targets, false)
    }

    /// `g`, `r`, `m` with rows picked: one log form with all of them (the log is one
    /// interaction with everyone in it). False when nothing is picked.
    pub(super) fn review_log_picked(&mut self, direction: Direction) -> bool {
        let Some(review) = self.review_mut() else {
            return false;
        };
        if review.picked.is_empty() {
            return false;
        }
        let picked: Vec<PersonId> = review.targets().iter().map(|item| item.person).collect();
        review.picked.clear();
        let mut people: Vec<(PersonId, String)> = Vec::new();
        for id in picked {
            if people.iter().any(|(seen, _)| *seen == id) {
                continue;
            }
            if let Some(person) = self.person(id) {
                people.push((id, person.name().to_string()));
            }
        }
        let mut form = LogForm::new(None, direction);
        let (who, chosen) = PeopleField::filled(&people);
        form.who = who;
        form.people = chosen;
        form.field = super::forms::LogField::Kind;
        self.show(form);
        true
    }

    pub(super) fn review_snooze(&mut self, days: i64) -> Result<()> {
        let Some((_, targets)) = self.review_targets() else {
            return Ok(());
        };
        let mut said = Vec::new();
        for item in &targets {
            // On a promise, `s` gives the promise another week, not its person a rest.
            if let Some(Subject::Promise(id)) = item.subject {
                said.push(self.desk.postpone_promise(id, days)?);
                self.review_marks(
                    &[(Marked::Subject(Subject::Promise(id)), Mark::Moved)],
                    true,
                )?;
                continue;
            }
            let Some(person) = self.person(item.person).cloned() else {
                continue;
            };
            said.push(
                self.desk
                    .snooze(&person, self.desk.today + Duration::days(days))?,
            );
            self.review_marks(&[(Marked::Person(person.id), Mark::Snoozed)], true)?;
        }
        self.promises = self.desk.promise_summary()?;
        self.review_said(&said, "snoozed", targets.len());
        Ok(())
    }

    pub(super) fn review_snooze_until(&mut self, id: PersonId, until: Day) -> Result<()> {
        let Some(person) = self.person(id).cloned() else {
            return Ok(());
        };
        let sentence = self.desk.snooze(&person, until)?;
        self.review_marks(&[(Marked::Person(person.id), Mark::Snoozed)], true)?;
        self.review_move(1);
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// `-`: moves past the row (or the picked rows) without acting; they count as seen.
    pub(super) fn review_skip(&mut self) -> Result<()> {
        let Some((_, targets)) = self.review_targets() else {
            return Ok(());
        };
        let marks: Vec<(Marked, Mark)> = (targets.iter())
            .map(|item| (Marked::Person(item.person), Mark::Skipped))
            .collect();
        self.review_marks(&marks, false)?;
        self.review_moved_on(targets.len());
        Ok(())
    }

    /// `A` on the paper-ties step: asks, then archives every one not logged with or kept.
    pub(super) fn review_archive_all(&mut self) {
        let Some(review) = self.review_mut() else {
            return;
        };
        let Some(section) = review.section().filter(|s| s.step == Step::PaperTies) else {
            self.status = Some(self.wrong_row("the paper-ties step"));
            return;
        };
        let ids: Vec<PersonId> = section
            .items
            .iter()
            .map(|i| i.person)
            .filter(|id| {
                (review.marks.get(id)).is_none_or(|m| !matches!(m, Mark::Logged | Mark::KeptAsIs))
            })
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
        let marks: Vec<(Marked, Mark)> = (ids.iter())
            .map(|&id| (Marked::Person(id), Mark::Archived))
            .collect();
        self.review_marks(&marks, true)?;
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
        let kept = review.kept_as_is();
        let streak = self.desk.finish_review(seen, actions, reconnect, kept)?;
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

/// One change's sentence, or how many of `what` for several ("3 promises kept").
fn said_all(said: &[String], what: &str) -> String {
    match said {
        [] => String::new(),
        [one] => one.clone(),
        many => format!("{} {what}", many.len()),
    }
}
