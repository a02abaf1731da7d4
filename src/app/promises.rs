//! Giving first from the app: one small form on a person for a promise (what you will do,
//! and by when), a need (what they are looking for, and tags) or a yearly date (a label, and
//! the day).

use tui_input::Input;

use super::state::{App, Overlay};
use crate::error::{Error, Result};
use crate::model::date::parse_deadline;
use crate::model::{Person, PersonId, YearlyDay};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveField {
    Text,
    /// By when (a promise), tags (a need), the day (a date).
    Second,
}

/// What the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Giving {
    Promise,
    Need,
    Date,
}

impl Giving {
    /// The form's title, the two fields' labels, and what to type in each.
    pub fn words(self) -> (&'static str, [&'static str; 2], [&'static str; 2]) {
        match self {
            Giving::Promise => (
                "Promise",
                ["what", "by"],
                [
                    "what you will do for them, e.g. send the article",
                    "optional: today, tomorrow, +3d, +2w or a date",
                ],
            ),
            Giving::Need => (
                "Looking for",
                ["what", "tags"],
                [
                    "what they are looking for, e.g. a designer",
                    "optional: words to match people by, e.g. design ux",
                ],
            ),
            Giving::Date => (
                "A yearly date for",
                ["what", "on"],
                [
                    "e.g. work anniversary, met, birthday",
                    "YYYY-MM-DD, or --MM-DD without the year",
                ],
            ),
        }
    }
}

/// "To Ana Lima I promise [send the article] by [+1w]", and the like.
#[derive(Debug, Clone)]
pub struct GiveForm {
    pub giving: Giving,
    pub person: PersonId,
    pub name: String,
    pub text: Input,
    pub second: Input,
    pub field: GiveField,
    pub error: Option<String>,
}

impl GiveForm {
    pub fn new(giving: Giving, person: &Person) -> GiveForm {
        GiveForm {
            giving,
            person: person.id,
            name: person.name().to_string(),
            text: Input::default(),
            second: Input::default(),
            field: GiveField::Text,
            error: None,
        }
    }
}

impl super::forms::Form for GiveForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        let input = match self.field {
            GiveField::Text => &mut self.text,
            GiveField::Second => &mut self.second,
        };
        super::forms::edit_field(input, &mut self.error, key)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            GiveField::Text => GiveField::Second,
            GiveField::Second => GiveField::Text,
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
    pub(super) fn open_give_form(&mut self, giving: Giving) {
        if let Some(person) = self.current_person() {
            self.overlay = Some(Overlay::Give(Box::new(GiveForm::new(giving, person))));
        }
    }

    pub(super) fn save_give_form(&mut self, form: &GiveForm) -> Result<()> {
        match form.giving {
            Giving::Promise => self.save_promise(form),
            Giving::Need | Giving::Date => {
                let person = self
                    .person(form.person)
                    .cloned()
                    .ok_or_else(|| Error::UnknownName(form.name.clone()))?;
                let said = if form.giving == Giving::Need {
                    let tags: Vec<String> = form
                        .second
                        .value()
                        .split([' ', ','])
                        .map(String::from)
                        .collect();
                    self.desk.need(&person, form.text.value(), &tags)?.1
                } else {
                    let on: YearlyDay = form.second.value().trim().parse()?;
                    self.desk.add_date(&person, form.text.value(), on)?
                };
                self.reload()?;
                self.status = Some(format!("{said}{}", self.undo_hint()));
                Ok(())
            }
        }
    }

    fn save_promise(&mut self, form: &GiveForm) -> Result<()> {
        let by = form.second.value().trim();
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
