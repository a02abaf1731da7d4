//! What an overlay's Enter does: a confirmed question carried out, a form saved (or kept
//! open with its error and what was typed).

use super::state::{App, Mark, Overlay, Pending, Screen};
use crate::error::Result;
use crate::insight::order::Row;
use crate::model::parse_future_date;

impl App {
    pub(super) fn confirm(&mut self) -> Result<()> {
        let Some(Overlay::Confirm(confirm)) = self.overlay.take() else {
            return Ok(());
        };
        let done = self.carry_out(confirm.pending.clone());
        if matches!(done, Err(crate::error::Error::Busy)) {
            // Another copy is writing: the question stays, to be carried out once it ends.
            self.overlay = Some(Overlay::Confirm(confirm));
        }
        done
    }

    fn carry_out(&mut self, pending: Pending) -> Result<()> {
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

    pub(super) fn submit(&mut self) -> Result<()> {
        match self.overlay.take() {
            Some(Overlay::Log(mut form)) if form.changing.is_some() => {
                let Some(changing) = form.changing.take() else {
                    return Ok(());
                };
                match self.save_change(&form, &changing) {
                    Ok(said) => self.status = Some(said),
                    Err(error) => {
                        form.changing = Some(changing);
                        return self.form_failed(Overlay::Log(form), error);
                    }
                }
            }
            Some(Overlay::Log(form)) => match self.save_log(&form) {
                Ok(logged) => {
                    self.logged(&logged)?;
                    for &id in &logged.interaction.people {
                        self.review_mark(id, Mark::Logged);
                    }
                    self.status = Some(format!("{}{}", logged.sentence, self.undo_hint()));
                }
                Err(error) => return self.form_failed(Overlay::Log(form), error),
            },
            Some(Overlay::Person(form)) => {
                let result = match &form.editing {
                    Some(person) => self.desk.edit(person, &form.patch()),
                    None => self.desk.add(form.data()).map(|added| added.person),
                };
                match result {
                    Ok(person) => {
                        self.reload()?;
                        let verb = if form.editing.is_some() {
                            "Updated"
                        } else {
                            "Added"
                        };
                        if let Some(row) = self.rows.iter().position(
                            |r| matches!(r, Row::Person(i) if self.people[*i].id == person.id),
                        ) {
                            self.selected = row;
                            self.scroll_into_view();
                        }
                        self.status = Some(format!("{verb} {}{}", person.name(), self.undo_hint()));
                    }
                    Err(error) => return self.form_failed(Overlay::Person(form), error),
                }
            }
            Some(Overlay::Import(form)) => self.start_import(form),
            Some(Overlay::Link(form)) => {
                if let Err(error) = self.save_link(&form) {
                    return self.form_failed(Overlay::Link(form), error);
                }
            }
            Some(Overlay::Give(form)) => {
                if let Err(error) = self.save_give_form(&form) {
                    return self.form_failed(Overlay::Give(form), error);
                }
            }
            Some(Overlay::Snooze(form)) => {
                let snoozed = parse_future_date(form.until.value(), self.desk.today)
                    .map_err(crate::error::Error::from)
                    .and_then(|until| self.review_snooze_until(form.person, until));
                if let Err(error) = snoozed {
                    return self.form_failed(Overlay::Snooze(form), error);
                }
            }
            other => self.overlay = other,
        }
        Ok(())
    }

    /// A form whose save failed goes back on screen with why. When another copy was writing
    /// it goes back as it was, and the error goes on up, so the save is tried again.
    fn form_failed(&mut self, form: Overlay, error: crate::error::Error) -> Result<()> {
        self.overlay = Some(form);
        if matches!(error, crate::error::Error::Busy) {
            return Err(error);
        }
        if let Some(form) = self.overlay.as_mut().and_then(Overlay::form_mut) {
            *form.error() = Some(error.to_string());
        }
        Ok(())
    }
}
