//! What an overlay's Enter does: a confirmed question carried out, a form saved. Each is
//! the `submit` of its component (`overlay.rs`); an error puts the form back with why.

use super::forms::{LogForm, PersonForm, SnoozeForm};
use super::overlay::Pending;
use super::review_screen::Marked;
use super::state::{App, Mark, Screen};
use crate::error::Result;
use crate::insight::order::Row;
use crate::model::parse_future_date;

impl App {
    pub(super) fn carry_out(&mut self, pending: Pending) -> Result<()> {
        let id = match pending {
            Pending::Archive(id) => id,
            Pending::ArchiveMany(ids) => return self.archive_many(&ids),
            Pending::Undo(change) => return self.undo_change(&change),
            Pending::Merge { keep, other } => return self.merge(keep, other),
            Pending::DeleteEntry(id) => return self.delete_entry(id),
        };
        if let Some(person) = self.person(id).cloned() {
            let archived = !person.data.archived;
            self.desk.set_archived(&person, archived)?;
            if archived && matches!(self.screen, Screen::Person { .. }) {
                self.screen = Screen::Dashboard;
            }
            self.reload()?;
            let undo = self.undo_hint();
            self.status = Some(if archived {
                format!("Archived {}{undo}", person.name())
            } else {
                format!("{} is back in your lists{undo}", person.name())
            });
        }
        Ok(())
    }

    /// The log form: a new entry logged, or the entry it was opened on changed.
    pub(super) fn save_log_form(&mut self, form: &mut LogForm) -> Result<()> {
        if let Some(changing) = form.changing.take() {
            let saved = self.save_change(form, &changing);
            form.changing = Some(changing);
            self.status = Some(saved?);
            return Ok(());
        }
        let logged = match self.save_log(form) {
            Err(crate::error::Error::AmbiguousName { name, .. }) => {
                // Several have the name typed: they are offered to choose from, by Tab.
                let offered = self.offer(&name, None);
                let wanted = crate::ops::resolve::fold(&name);
                let namesakes: Vec<_> = (offered.iter())
                    .filter(|s| crate::ops::resolve::fold(&s.name) == wanted)
                    .cloned()
                    .collect();
                let tab = (self.keymap)
                    .key_for(super::keymap::Context::Form, super::Action::NextField)
                    .unwrap_or_default();
                let said = if namesakes.len() > 1 {
                    let count = namesakes.len();
                    form.people.offer_namesakes(namesakes);
                    format!("{count} people are called {name}: {tab} chooses which")
                } else {
                    form.people.offer_namesakes(offered);
                    format!("'{name}' is more than one person: {tab} completes the one you mean")
                };
                return Err(crate::error::Error::invalid(said));
            }
            other => other?,
        };
        self.logged(&logged)?;
        let marks: Vec<_> = (logged.interaction.people.iter())
            .map(|&id| (Marked::Person(id), Mark::Logged))
            .collect();
        self.review_marks(&marks, true)?;
        self.status = Some(format!("{}{}", logged.sentence, self.undo_hint()));
        Ok(())
    }

    /// The person form: someone added, or the person it was opened on changed.
    pub(super) fn save_person_form(&mut self, form: &mut PersonForm) -> Result<()> {
        let person = match &form.editing {
            Some(person) => self.desk.edit(person, &form.patch())?,
            None => self.desk.add(form.data())?.person,
        };
        self.reload()?;
        let verb = if form.editing.is_some() {
            "Updated"
        } else {
            "Added"
        };
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| matches!(r, Row::Person(i) if self.people.get(*i).is_some_and(|p| p.id == person.id)))
        {
            self.selected = row;
            self.scroll_into_view();
        }
        self.status = Some(format!("{verb} {}{}", person.name(), self.undo_hint()));
        Ok(())
    }

    pub(super) fn save_snooze_form(&mut self, form: &mut SnoozeForm) -> Result<()> {
        let until = parse_future_date(form.until.value(), self.desk.today)?;
        self.review_snooze_until(form.person, until)
    }
}
