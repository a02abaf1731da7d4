//! Links from the app: a small form on a person (knows, introduced, remove), and the intro
//! finder (who can introduce me to a person, a company or a tag), answered as you type.

use tui_input::Input;

use super::forms::{IntroFinder, LinkField, LinkForm, LinkHow};
use super::state::{App, Screen};
use crate::error::{Error, Result};
use crate::model::{LinkKind, PersonId};
use crate::ops::{intro_report, resolve};

impl App {
    pub(super) fn open_link_form(&mut self) {
        if let Some(person) = self.current_person() {
            let form = LinkForm::new(person);
            self.show(form);
        }
    }

    pub(super) fn save_link(&mut self, form: &LinkForm) -> Result<()> {
        let Some(typed) = form.people.names(&form.who).into_iter().next() else {
            return Err(Error::invalid("who? type a name"));
        };
        let find = |id: PersonId| self.person(id).cloned();
        let person = find(form.person).ok_or_else(|| Error::UnknownName(form.name.clone()))?;
        let other = resolve::resolve(&self.people, &typed)?.clone();
        let sentence = match form.how {
            LinkHow::Knows => self.desk.link(&person, LinkKind::Knows, &other)?,
            LinkHow::IntroducedMeTo => self.desk.link(&person, LinkKind::Introduced, &other)?,
            LinkHow::IntroducedBy => self.desk.link(&other, LinkKind::Introduced, &person)?,
            LinkHow::Remove => self.desk.unlink(&person, &other)?,
        };
        self.reload()?;
        self.status = Some(format!("{sentence}{}", self.undo_hint()));
        Ok(())
    }

    /// Names completing what is typed in the link form.
    pub(super) fn suggest_link(&mut self) {
        let Some(form) = self.overlay_as::<LinkForm>() else {
            return;
        };
        if form.field != LinkField::Who {
            return;
        }
        let offered = self.offer(form.who.value(), Some(form.person));
        if let Some(form) = self.overlay_as_mut::<LinkForm>() {
            form.people.suggestions = offered;
        }
    }

    /// Opens the intro finder, with the open person as the target on their page.
    pub(super) fn open_intro_finder(&mut self) {
        let query = match &self.screen {
            Screen::Person { profile, .. } => format!("#{}", profile.person.id),
            _ => String::new(),
        };
        self.show(IntroFinder {
            query: Input::new(query),
            ..IntroFinder::default()
        });
        self.answer_overlay(false);
    }

    /// Answers the intro finder for what is typed in it now.
    pub(super) fn answer_intro(&self, finder: &mut IntroFinder) {
        let typed = finder.query.value().trim().to_string();
        finder.selected = crate::app::cursor::Cursor::default();
        if typed.is_empty() {
            finder.report = None;
            finder.message = None;
            return;
        }
        match intro_report(&self.people, &self.network, &self.graph, &typed) {
            Ok(report) => {
                finder.report = Some(report);
                finder.message = None;
            }
            Err(error) => {
                finder.report = None;
                finder.message = Some(error.to_string());
            }
        }
    }
}
