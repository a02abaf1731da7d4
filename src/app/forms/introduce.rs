//! The introduce form: "Introduce Ana Lima (a designer) to [Bo Chen] ‹ask them first›".

use tui_input::Input;

use crate::model::{NeedId, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntroduceField {
    Who,
    Stage,
}

/// An introduction for a need: to whom, and whether it is only asked for yet.
#[derive(Debug, Clone)]
pub struct IntroduceForm {
    pub need: NeedId,
    pub person: PersonId,
    pub name: String,
    pub need_text: String,
    pub who: Input,
    /// Who is offered for the name typed, and whom it was chosen as.
    pub people: super::PeopleField,
    /// Made already (a favour to both), rather than asked of the helper first.
    pub made: bool,
    pub field: IntroduceField,
    pub error: Option<String>,
}

impl IntroduceForm {
    /// The form for need `need` of `person`, with `helper` (the best match) filled in.
    pub fn new(
        need: NeedId,
        person: (PersonId, String),
        need_text: String,
        helper: Option<(PersonId, String)>,
    ) -> IntroduceForm {
        let (who, people) = match helper {
            Some(helper) => super::PeopleField::filled(&[helper]),
            None => (Input::default(), super::PeopleField::default()),
        };
        IntroduceForm {
            need,
            person: person.0,
            name: person.1,
            need_text,
            who,
            people,
            made: false,
            field: IntroduceField::Who,
            error: None,
        }
    }

    /// The stage as the choice shows it.
    pub fn stage_label(&self) -> &'static str {
        if self.made {
            "introduced them already (a favour to both)"
        } else {
            "ask them first (nothing logged yet)"
        }
    }
}

impl super::Form for IntroduceForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        self.field == IntroduceField::Who && super::edit_field(&mut self.who, &mut self.error, key)
    }

    fn complete(&mut self) -> bool {
        self.field == IntroduceField::Who && self.people.complete(&mut self.who)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            IntroduceField::Who => IntroduceField::Stage,
            IntroduceField::Stage => IntroduceField::Who,
        };
    }

    fn cycle(&mut self, _forward: bool) {
        if self.field == IntroduceField::Stage {
            self.made = !self.made;
        }
    }

    fn on_choice(&self) -> bool {
        self.field == IntroduceField::Stage
    }

    fn has_typed_text(&self) -> bool {
        !self.who.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}
