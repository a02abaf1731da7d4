//! The give form: a promise, a need or a yearly date for a person.

use tui_input::Input;

use crate::model::{Person, PersonId};

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
                    "e.g. 5 Feb, or 5 Feb 1985 with the year",
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

impl super::Form for GiveForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        let input = match self.field {
            GiveField::Text => &mut self.text,
            GiveField::Second => &mut self.second,
        };
        super::edit_field(input, &mut self.error, key)
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
