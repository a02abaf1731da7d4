//! Promises through the one door: made to a person, listed with who they are to, kept (which
//! logs the favour the promise was) or dropped.

use std::collections::HashSet;

use serde::Serialize;

use super::Desk;
use crate::error::{Error, Result};
use crate::model::{
    Day, Direction, Kind, NewInteraction, Person, PersonId, Promise, PromiseId, PromiseState, Size,
    promise::promise_text,
};

/// Open promises for the dashboard: how many, how many late, and whose are late.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PromiseSummary {
    pub open: usize,
    pub late: usize,
    pub late_people: HashSet<PersonId>,
}

/// A promise with the name of the person it was made to, and whether it is late today.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedPromise {
    #[serde(flatten)]
    pub promise: Promise,
    pub name: String,
    pub late: bool,
}

impl Desk {
    /// Records that the user promised `person` to do `text`, by `due` if given; the promise,
    /// and a sentence saying so.
    pub fn promise(
        &mut self,
        person: &Person,
        text: &str,
        due: Option<Day>,
    ) -> Result<(Promise, String)> {
        let text = promise_text(text)?;
        if let Some(due) = due
            && due < self.today
        {
            return Err(Error::invalid(format!(
                "a promise is due today or later, not {due}"
            )));
        }
        let by = due.map(|d| format!(" by {d}")).unwrap_or_default();
        let sentence = format!("Promised {}: {text}{by}", person.name());
        let promise = self
            .store
            .add_promise(person.id, &text, due, self.today, &sentence)?;
        let said = format!("{sentence}, promise #{}", promise.id);
        Ok((promise, said))
    }

    /// Open promises (or all, with `include_closed`), late ones first, then by their day
    /// (those without one last), then as they were made.
    pub fn promises(&self, include_closed: bool) -> Result<Vec<ListedPromise>> {
        let mut listed = Vec::new();
        for (promise, name) in self.store.promises(include_closed)? {
            let late = promise.is_late(self.today);
            listed.push(ListedPromise {
                promise,
                name,
                late,
            });
        }
        listed.sort_by_key(|l| {
            let p = &l.promise;
            (
                p.state != PromiseState::Open,
                !l.late,
                p.due.is_none(),
                p.due,
                p.id,
            )
        });
        Ok(listed)
    }

    /// The open promises to people who are not archived, counted for the dashboard.
    pub fn promise_summary(&self) -> Result<PromiseSummary> {
        let mut summary = PromiseSummary::default();
        for (promise, _) in self.store.promises(false)? {
            summary.open += 1;
            if promise.is_late(self.today) {
                summary.late += 1;
                summary.late_people.insert(promise.person);
            }
        }
        Ok(summary)
    }

    /// Keeps promise `id` today: marks it kept and logs a favour given to its person, the
    /// promise as its note, in one undo.
    pub fn keep_promise(&mut self, id: PromiseId, kind: Kind, size: Size) -> Result<String> {
        let today = self.today;
        let (kept, _) = self.store.keep_promise(
            id,
            |promise| NewInteraction {
                day: today,
                people: vec![promise.person],
                kind,
                direction: Direction::Gave,
                size,
                note: promise.text.clone(),
            },
            |promise| format!("Kept promise #{}: {}", promise.id, promise.text),
        )?;
        let kind = kind.as_str();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        Ok(format!(
            "Kept your promise to {}: {}. Logged as {article} {kind} given.",
            self.person_name(kept.person)?,
            kept.text,
        ))
    }

    /// Drops promise `id` today (it stays listed under `promises --all`).
    pub fn drop_promise(&mut self, id: PromiseId) -> Result<String> {
        let dropped = self.store.drop_promise(id, self.today, |promise| {
            format!("Dropped promise #{}: {}", promise.id, promise.text)
        })?;
        Ok(format!(
            "Dropped your promise to {}: {}.",
            self.person_name(dropped.person)?,
            dropped.text
        ))
    }

    /// Gives promise `id` `days` more: from its day, or from today when it is late or has
    /// none.
    pub fn postpone_promise(&mut self, id: PromiseId, days: i64) -> Result<String> {
        let today = self.today;
        let current = self.store.promise(id)?.and_then(|p| p.due);
        let due = current.filter(|&d| d > today).unwrap_or(today) + chrono::Duration::days(days);
        let moved = self.store.move_promise(id, due, |promise| {
            format!("Moved promise #{} to {due}: {}", promise.id, promise.text)
        })?;
        Ok(format!(
            "Your promise to {} is now due {due}: {}",
            self.person_name(moved.person)?,
            moved.text
        ))
    }

    /// A person's name, or `#id` for one who is not there.
    pub(super) fn person_name(&self, id: PersonId) -> Result<String> {
        Ok(self
            .store
            .person(id)?
            .map_or_else(|| format!("#{id}"), |p| p.name().to_string()))
    }
}
