//! Promises from the app: a small form on a person (what you will do, and by when).

use tui_input::Input;

use super::state::{App, Overlay};
use crate::error::{Error, Result};
use crate::model::date::parse_deadline;
use crate::model::{Person, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromiseField {
    Text,
    By,
}

/// "To Ana Lima I promise [send the article] by [+1w]".
#[derive(Debug, Clone)]
pub struct PromiseForm {
    pub person: PersonId,
    pub name: String,
    pub text: Input,
    pub by: Input,
    pub field: PromiseField,
    pub error: Option<String>,
}

impl PromiseForm {
    pub fn new(person: &Person) -> PromiseForm {
        PromiseForm {
            person: person.id,
            name: person.name().to_string(),
            text: Input::default(),
            by: Input::default(),
            field: PromiseField::Text,
            error: None,
        }
    }
}

impl super::forms::Form for PromiseForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        let input = match self.field {
            PromiseField::Text => &mut self.text,
            PromiseField::By => &mut self.by,
        };
        super::forms::edit_field(input, &mut self.error, key)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            PromiseField::Text => PromiseField::By,
            PromiseField::By => PromiseField::Text,
        };
    }

    fn has_typed_text(&self) -> bool {
        !self.text.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

impl App {
    pub(super) fn open_promise_form(&mut self) {
        if let Some(person) = self.current_person() {
            self.overlay = Some(Overlay::Promise(Box::new(PromiseForm::new(person))));
        }
    }

    pub(super) fn save_promise(&mut self, form: &PromiseForm) -> Result<()> {
        let by = form.by.value().trim();
        let due = if by.is_empty() {
            None
        } else {
            Some(parse_deadline(by, self.desk.today)?)
        };
        let person = self
            .person(form.person)
            .cloned()
            .ok_or_else(|| Error::UnknownName(form.name.clone()))?;
        let (promise, _) = self.desk.promise(&person, form.text.value(), due)?;
        self.reload()?;
        // Short, to fit the status line: the page lists the promise itself.
        let by = promise.due.map(|d| format!(" by {d}")).unwrap_or_default();
        self.status = Some(format!(
            "Promised {} #{}{by}{}",
            person.name(),
            promise.id,
            self.undo_hint()
        ));
        Ok(())
    }
}
