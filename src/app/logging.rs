//! The quick-log form: saving it, and completing names as they are typed.

use super::forms::{Changing, LogForm, PeopleField};
use super::overlay::{Confirm, Pending};
use super::state::{App, Screen};
use crate::error::Result;
use crate::model::{Interaction, InteractionPatch, parse_date_expr};
use crate::ops::resolve;

impl App {
    /// The timeline entry selected on the person page, with everyone's names in it.
    fn selected_entry(&self) -> Option<(&Interaction, Vec<String>)> {
        let Screen::Person { profile, entry } = &self.screen else {
            return None;
        };
        let interaction = profile.interactions.get(entry.at())?;
        let names = interaction
            .people
            .iter()
            .map(|&id| {
                if id == profile.person.id {
                    profile.person.name().to_string()
                } else {
                    profile.name_of(id).map_or(format!("#{id}"), str::to_string)
                }
            })
            .collect();
        Some((interaction, names))
    }

    /// Opens the log form on the selected entry, to change it.
    pub(super) fn open_entry_form(&mut self) {
        match self.selected_entry() {
            Some((interaction, names)) => {
                let form = LogForm::change(interaction, &names);
                self.show(form);
            }
            None => self.status = Some("Nothing logged with them yet: nothing to change.".into()),
        }
    }

    /// Asks before deleting the selected entry.
    pub(super) fn ask_delete_entry(&mut self) {
        let Some((interaction, _)) = self.selected_entry() else {
            self.status = Some("Nothing logged with them yet: nothing to delete.".into());
            return;
        };
        let mut what = format!(
            "{} {} {}",
            interaction.day,
            interaction.direction.as_str(),
            interaction.kind.as_str()
        );
        if !interaction.note.is_empty() {
            what.push_str(&format!(
                " — {}",
                crate::text::visible(&interaction.note)
                    .chars()
                    .take(40)
                    .collect::<String>()
            ));
        }
        self.show(Confirm {
            question: format!("Delete the entry \"{what}\"?"),
            pending: Pending::DeleteEntry(interaction.id),
        });
    }

    /// `t` on a person's page: the favour selected in the timeline is thanked for.
    pub(super) fn thank_entry(&mut self) -> Result<()> {
        let Some(id) = self.selected_entry().map(|(interaction, _)| interaction.id) else {
            self.status = Some("Nothing logged with them yet: nothing to thank for.".into());
            return Ok(());
        };
        let sentence = self.desk.thanked(id)?;
        self.reload()?;
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// Saves a changed entry: only what the form changed goes into the patch.
    pub(super) fn save_change(&mut self, form: &LogForm, changing: &Changing) -> Result<String> {
        let before = &changing.before;
        // The app has just caught up with other copies: an entry gone from the page was
        // deleted (or undone) elsewhere while the form was open.
        if let Screen::Person { profile, .. } = &self.screen
            && !profile.interactions.iter().any(|i| i.id == before.id)
        {
            return Err(crate::Error::invalid(
                "this entry was deleted elsewhere meanwhile (the command line or another \
                 tiesdesk); Esc closes the form, or log it again from the page",
            ));
        }
        let mut patch = InteractionPatch::default();
        if form.who.value() != changing.who {
            let names = form.names();
            if names.is_empty() {
                return Err(crate::Error::invalid("who was it with? type a name"));
            }
            let mut people = names
                .iter()
                .map(|name| resolve::resolve(&self.people, name).map(|p| p.id))
                .collect::<Result<Vec<_>>>()?;
            people.sort_unstable();
            people.dedup();
            let mut was = before.people.clone();
            was.sort_unstable();
            if people != was {
                patch.people = Some(people);
            }
        }
        if form.date.value() != changing.date {
            let day = parse_date_expr(form.date.value(), self.desk.today)?;
            patch.day = (day != before.day).then_some(day);
        }
        patch.direction = (form.direction != before.direction).then_some(form.direction);
        patch.kind = (form.kind != before.kind).then_some(form.kind);
        patch.size = (form.size != before.size).then_some(form.size);
        if form.note.value() != before.note {
            patch.note = Some(form.note.value().to_string());
        }
        if patch.is_empty() {
            return Ok("Nothing changed.".into());
        }
        let (after, _) = self.desk.edit_interaction(before.id, &patch)?;
        // The status line has room for what it is now; the journal keeps both.
        let now = self.desk.describe(&after, &self.people);
        self.reload()?;
        Ok(format!("Changed: {now}{}", self.undo_hint()))
    }

    /// Deletes one entry (the confirmation said which).
    pub(super) fn delete_entry(&mut self, id: crate::model::InteractionId) -> Result<()> {
        let (_, said) = self.desk.delete_interaction(id)?;
        self.reload()?;
        self.status = Some(format!("{said}{}", self.undo_hint()));
        Ok(())
    }

    pub(super) fn save_log(&mut self, form: &LogForm) -> Result<crate::ops::Logged> {
        // Names resolve against the people in memory, as the CLI resolves against the store.
        let names = match &form.fixed {
            Some((id, _)) => vec![format!("#{id}")],
            None => form.names(),
        };
        if names.is_empty() {
            return Err(crate::Error::invalid("who was it with? type a name"));
        }
        let people = names
            .iter()
            .map(|name| resolve::resolve(&self.people, name).cloned())
            .collect::<Result<Vec<_>>>()?;
        let day = parse_date_expr(form.date.value(), self.desk.today)?;
        self.desk.log(
            &people,
            form.direction,
            form.kind,
            form.size,
            day,
            form.note.value(),
        )
    }

    /// Names completing what is typed in the log form's `with` field.
    pub(super) fn suggest(&mut self) {
        let Some(form) = self.overlay_as::<LogForm>() else {
            return;
        };
        if form.field != super::forms::LogField::Who {
            return;
        }
        let offered = self.offer(PeopleField::typing(&form.who), None);
        if let Some(form) = self.overlay_as_mut::<LogForm>() {
            form.people.suggestions = offered;
        }
    }
}
