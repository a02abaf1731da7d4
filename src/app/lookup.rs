//! What the app holds, looked up: a person and their figures by id, how close they are,
//! whom the selection is on, a profile from memory, and the keys' context.

use super::keymap::Context;
use super::lists::Pane;
use super::state::{App, Screen};
use crate::error::Result;
use crate::insight::Figures;
use crate::insight::order::Row;
use crate::model::{Person, PersonId};
use crate::ops::Profile;

impl App {
    /// A person's profile from what the app holds; only their timeline is read.
    pub fn profile(&self, id: PersonId) -> Result<Option<Profile>> {
        let Some(index) = self.index_of(id) else {
            return Ok(None);
        };
        let (Some(person), Some(figures)) = (self.people.get(index), self.figures(index)) else {
            return Ok(None);
        };
        self.desk
            .profile_of(person.clone(), figures.clone(), &self.network, &self.people)
            .map(Some)
    }

    /// Moves the list window so the selected row is on screen.
    pub fn scroll_into_view(&mut self) {
        let page = self.page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        self.offset = self.offset.min(self.rows.len().saturating_sub(page));
        // A section's title stays visible above its first person.
        if self.offset > 0
            && self.offset == self.selected
            && self
                .rows
                .get(self.selected - 1)
                .is_some_and(|row| row.is_header())
        {
            self.offset -= 1;
        }
    }

    /// Where keys go now.
    pub fn context(&self) -> Context {
        if let Some(overlay) = &self.overlay {
            return overlay.component().context();
        }
        match &self.screen {
            Screen::Welcome => Context::Welcome,
            Screen::Dashboard => Context::Dashboard,
            Screen::Person { .. } => Context::Person,
            Screen::Review(_) => Context::Review,
        }
    }

    pub fn index_of(&self, id: PersonId) -> Option<usize> {
        self.people.binary_search_by_key(&id, |p| p.id).ok()
    }

    /// The person with this id, if the app holds them.
    pub fn person(&self, id: PersonId) -> Option<&Person> {
        self.index_of(id).and_then(|i| self.people.get(i))
    }

    pub fn figures(&self, index: usize) -> Option<&Figures> {
        self.network.figures.get(index)
    }

    /// What the header says of the open database: "demo", or its file name when it was
    /// named rather than the default; nothing for the default.
    pub fn database_label(&self) -> Option<String> {
        if self.demo.is_some() {
            return Some("demo".to_string());
        }
        let name = self.desk.path().file_name()?.to_string_lossy().into_owned();
        self.chosen_database.then_some(name)
    }

    /// How close the person with this id is, for ordering people who match alike.
    pub fn closeness(&self, id: PersonId) -> crate::insight::Closeness {
        let figures = self.index_of(id).and_then(|i| self.figures(i));
        figures.map_or_else(|| Figures::default().closeness(), Figures::closeness)
    }

    /// The person the dashboard's cursor is on.
    pub fn selected_person(&self) -> Option<&Person> {
        match self.rows.get(self.selected) {
            Some(Row::Person(i)) => self.people.get(*i),
            _ => None,
        }
    }

    /// The people of the focused dashboard list, when it is a side panel.
    pub fn pane_list(&self) -> &[usize] {
        match self.pane {
            Pane::List => &[],
            Pane::GiveFirst => &self.give_first,
            Pane::Reconnect => &self.reconnect_list,
        }
    }

    /// The person selected in the focused side panel.
    pub fn pane_person(&self) -> Option<&Person> {
        let index = *self.pane_list().get(self.pane_selected.at())?;
        self.people.get(index)
    }

    /// The person an action like "gave" applies to: the open one, or the selected one (in
    /// the dashboard list that has the keys).
    pub fn current_person(&self) -> Option<&Person> {
        let id = match &self.screen {
            Screen::Person { profile, .. } => profile.person.id,
            Screen::Review(review) => review.selected_person()?,
            Screen::Dashboard if self.pane != Pane::List => return self.pane_person(),
            _ => return self.selected_person(),
        };
        self.person(id)
    }
}
