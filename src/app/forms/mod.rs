//! The small forms: what they share (the `Form` trait, text fields, choices, completion),
//! add or edit a person, snooze; the quick log is in `log`. State only; drawing is in `ui`.

use ratatui::crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::to_input_request;

mod choose;
mod give;
mod import;
mod introduce;
mod link;
mod log;
mod path;

pub use choose::{PeopleField, Suggestion};
pub use give::{GiveField, GiveForm, Giving};
pub use import::{ImportField, ImportForm};
pub use introduce::{IntroduceField, IntroduceForm};
pub use link::{IntroFinder, LinkField, LinkForm, LinkHow};
pub use log::{Changing, LogField, LogForm};

use crate::model::{Person, PersonData, PersonId, PersonPatch};

/// The choice after (or before) `now` in `all`, going round. `all` is never empty.
pub fn step<T: Copy + PartialEq>(all: &[T], now: T, forward: bool) -> T {
    let at = all.iter().position(|x| *x == now).unwrap_or(0);
    let n = all.len();
    all[if forward {
        (at + 1) % n
    } else {
        (at + n - 1) % n
    }]
}

/// A field holding a suggestion ("today", "+2w"): the first letter typed replaces it rather
/// than being added to it ("today" + "-2d" must not become "today-2d"). Moving the cursor or
/// deleting keeps it, to edit.
pub fn edit_suggested(input: &mut Input, suggested: &mut bool, key: &KeyEvent) -> bool {
    if std::mem::take(suggested)
        && let ratatui::crossterm::event::KeyCode::Char(_) = key.code
        && !key
            .modifiers
            .contains(ratatui::crossterm::event::KeyModifiers::CONTROL)
    {
        *input = Input::default();
    }
    edit_text(input, key)
}

/// What every small form does with keys, so the app treats them all alike: typing goes to the
/// focused field, Tab moves (completing a name first), ← → change a choice, and a message
/// about a field clears when it changes.
pub trait Form {
    /// Offers a key to the focused field: editing keys to a text field, a letter to a choice.
    /// True when the field took it; other keys go to the keymap.
    fn type_key(&mut self, key: &KeyEvent) -> bool;
    fn move_field(&mut self, forward: bool);
    /// Steps the focused choice; nothing on a text field.
    fn cycle(&mut self, _forward: bool) {}
    /// True when the focused field is a choice, which ← and → change.
    fn on_choice(&self) -> bool {
        false
    }
    /// Tab in a name field first completes the name being typed; true if it did.
    fn complete(&mut self) -> bool {
        false
    }
    /// True when closing it would lose something typed.
    fn has_typed_text(&self) -> bool;
    /// Where a message about what is on the form goes.
    fn error(&mut self) -> &mut Option<String>;
}

/// Keys a text field takes before the keymap: typing, deleting and moving the cursor.
pub fn is_text_key(key: &KeyEvent) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    match key.code {
        // The readline keys: Ctrl-A/E (start, end), Ctrl-B/F (a letter back, on), Ctrl-W
        // (the word before), Ctrl-U (the line), Ctrl-K (to the end), Ctrl-H, Ctrl-Y (put
        // back); Alt-B/F (a word back, on), Alt-D (the word after). Ctrl-C stays the keymap's.
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => {
            READLINE_CONTROL.contains(c)
        }
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::ALT) => READLINE_ALT.contains(c),
        KeyCode::Char(_) => true,
        KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::Left
        | KeyCode::Right => true,
        _ => false,
    }
}

/// The Control and Alt letters a text field takes, as readline does.
const READLINE_CONTROL: &str = "aebfwukhy";
const READLINE_ALT: &str = "bfd";

/// A text field's edit: the field's message goes, as the field changes.
pub fn edit_field(input: &mut Input, error: &mut Option<String>, key: &KeyEvent) -> bool {
    if !is_text_key(key) {
        return false;
    }
    *error = None;
    edit_text(input, key)
}

/// A text field: keys that edit text go to it before the keymap sees them.
pub fn edit_text(input: &mut Input, key: &KeyEvent) -> bool {
    use ratatui::crossterm::event::KeyModifiers;
    // Terminals send Alt as Alt; the text field reads readline's Alt keys as Meta.
    let mut key = *key;
    if key.modifiers.contains(KeyModifiers::ALT) {
        key.modifiers = (key.modifiers - KeyModifiers::ALT) | KeyModifiers::META;
    }
    match to_input_request(&Event::Key(key)) {
        Some(request) => {
            input.handle(request);
            true
        }
        None => false,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonField {
    Name,
    Company,
    Role,
    Tags,
    Emails,
    Notes,
}

impl PersonField {
    pub const ORDER: [PersonField; 6] = [
        PersonField::Name,
        PersonField::Company,
        PersonField::Role,
        PersonField::Tags,
        PersonField::Emails,
        PersonField::Notes,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PersonField::Name => "name",
            PersonField::Company => "company",
            PersonField::Role => "role",
            PersonField::Tags => "circles",
            PersonField::Emails => "emails",
            PersonField::Notes => "notes",
        }
    }
}

/// Add a person, or edit one (`editing` holds who, and the fields not on the form).
#[derive(Debug, Clone)]
pub struct PersonForm {
    pub editing: Option<Person>,
    pub inputs: [Input; 6],
    pub field: usize,
    pub error: Option<String>,
}

impl PersonForm {
    pub fn new(editing: Option<Person>) -> PersonForm {
        let data = editing.as_ref().map(|p| p.data.clone()).unwrap_or_default();
        let inputs = [
            Input::new(data.name.clone()),
            Input::new(data.company.clone().unwrap_or_default()),
            Input::new(data.role.clone().unwrap_or_default()),
            Input::new(data.tags.join(", ")),
            Input::new(data.emails.join(", ")),
            Input::new(data.notes.clone()),
        ];
        PersonForm {
            editing,
            inputs,
            field: 0,
            error: None,
        }
    }

    fn move_field(&mut self, forward: bool) {
        let n = self.inputs.len();
        self.field = if forward {
            (self.field + 1) % n
        } else {
            (self.field + n - 1) % n
        };
    }

    /// What the form changed, and only that: applied to the person as they are in the
    /// database when it is saved, so a change made elsewhere meanwhile is kept.
    pub fn patch(&self) -> PersonPatch {
        match &self.editing {
            Some(person) => PersonPatch::between(&person.data, &self.data()),
            None => PersonPatch::between(&PersonData::default(), &self.data()),
        }
    }

    /// The person as the form describes them, on top of what the form does not show.
    pub fn data(&self) -> PersonData {
        let mut data = self
            .editing
            .as_ref()
            .map(|p| p.data.clone())
            .unwrap_or_default();
        let text = |i: usize| self.inputs[i].value().trim().to_string();
        let optional = |i: usize| Some(text(i)).filter(|v| !v.is_empty());
        let list = |i: usize| {
            self.inputs[i]
                .value()
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect::<Vec<_>>()
        };
        data.name = text(0);
        data.company = optional(1);
        data.role = optional(2);
        data.tags = list(3);
        data.emails = list(4);
        data.notes = text(5);
        data
    }
}

/// "Snooze until when?" for one person.
#[derive(Debug, Clone)]
pub struct SnoozeForm {
    pub person: PersonId,
    pub name: String,
    pub until: Input,
    /// `until` still holds the suggested "+2w": typing replaces it.
    pub until_suggested: bool,
    pub error: Option<String>,
}

impl SnoozeForm {
    pub fn new(person: &Person) -> SnoozeForm {
        SnoozeForm {
            person: person.id,
            name: person.name().to_string(),
            until: Input::new("+2w".into()),
            until_suggested: true,
            error: None,
        }
    }
}

impl Form for PersonForm {
    fn type_key(&mut self, key: &KeyEvent) -> bool {
        let at = self.field.min(self.inputs.len() - 1);
        edit_field(&mut self.inputs[at], &mut self.error, key)
    }

    fn move_field(&mut self, forward: bool) {
        PersonForm::move_field(self, forward);
    }

    fn has_typed_text(&self) -> bool {
        !self.patch().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

impl Form for SnoozeForm {
    fn type_key(&mut self, key: &KeyEvent) -> bool {
        if !is_text_key(key) {
            return false;
        }
        self.error = None;
        edit_suggested(&mut self.until, &mut self.until_suggested, key)
    }

    /// One field: nowhere to move.
    fn move_field(&mut self, _forward: bool) {}

    fn has_typed_text(&self) -> bool {
        self.until.value() != "+2w"
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}
