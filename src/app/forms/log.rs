//! The quick-log form: log with someone, or change an entry already logged.

use ratatui::crossterm::event::KeyEvent;
use tui_input::Input;

use super::{Form, PeopleField, edit_suggested, edit_text, is_text_key, step};
use crate::model::{Direction, Interaction, Kind, Person, PersonId, Size};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    Who,
    Direction,
    Kind,
    Size,
    Date,
    Note,
}

impl LogField {
    pub const ORDER: [LogField; 6] = [
        LogField::Who,
        LogField::Direction,
        LogField::Kind,
        LogField::Size,
        LogField::Date,
        LogField::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LogField::Who => "with",
            LogField::Direction => "way",
            LogField::Kind => "kind",
            LogField::Size => "size",
            LogField::Date => "when",
            LogField::Note => "note",
        }
    }

    pub fn is_text(self) -> bool {
        matches!(self, LogField::Who | LogField::Date | LogField::Note)
    }
}

/// The quick-log form. Opened on a person (g / r / m) it knows who; opened with `l` it asks.
#[derive(Debug, Clone)]
pub struct LogForm {
    pub who: Input,
    /// The person the form was opened on, if any.
    pub fixed: Option<(PersonId, String)>,
    pub direction: Direction,
    pub kind: Kind,
    pub size: Size,
    pub date: Input,
    /// `date` still holds the suggested "today": typing replaces it.
    pub date_suggested: bool,
    pub note: Input,
    pub field: LogField,
    pub error: Option<String>,
    /// Who is offered for the name being typed in `who`, and whom each name was chosen as.
    pub people: PeopleField,
    /// Set when the form changes a logged entry rather than logging a new one.
    pub changing: Option<Box<Changing>>,
}

/// A logged entry open in the log form: what it was, to change only what the user changed.
#[derive(Debug, Clone)]
pub struct Changing {
    pub before: Interaction,
    /// The `with` field as the form opened it: untouched, the people stay as they were (so
    /// namesakes are never re-resolved by name).
    pub who: String,
    pub date: String,
}

impl LogForm {
    pub fn new(person: Option<&Person>, direction: Direction) -> LogForm {
        let kind = match direction {
            Direction::Mutual => Kind::Meet,
            _ => Kind::Favour,
        };
        LogForm {
            who: Input::new(person.map(|p| p.name().to_string()).unwrap_or_default()),
            fixed: person.map(|p| (p.id, p.name().to_string())),
            direction,
            kind,
            size: Size::Small,
            date: Input::new("today".into()),
            date_suggested: true,
            note: Input::default(),
            field: if person.is_some() {
                LogField::Kind
            } else {
                LogField::Who
            },
            error: None,
            people: PeopleField::default(),
            changing: None,
        }
    }

    /// The form filled in with a logged entry, to change it. `names` are everyone in it.
    pub fn change(interaction: &Interaction, names: &[String]) -> LogForm {
        let who = names.join(", ");
        let date = interaction.day.to_string();
        LogForm {
            who: Input::new(who.clone()),
            fixed: None,
            direction: interaction.direction,
            kind: interaction.kind,
            size: interaction.size,
            date: Input::new(date.clone()),
            date_suggested: false,
            note: Input::new(interaction.note.clone()),
            field: LogField::Direction,
            error: None,
            people: PeopleField::default(),
            changing: Some(Box::new(Changing {
                before: interaction.clone(),
                who,
                date,
            })),
        }
    }

    /// True when something on the form differs from what it opened with.
    pub fn has_changes(&self) -> bool {
        match &self.changing {
            Some(changing) => {
                let before = &changing.before;
                self.who.value() != changing.who
                    || self.date.value() != changing.date
                    || self.note.value() != before.note
                    || (self.direction, self.kind, self.size)
                        != (before.direction, before.kind, before.size)
            }
            None => {
                !self.note.value().trim().is_empty()
                    || self.date.value() != "today"
                    || (self.fixed.is_none() && !self.who.value().trim().is_empty())
            }
        }
    }

    /// Tab in the `with` field completes the name being typed before it moves on.
    fn complete(&mut self) -> bool {
        self.field == LogField::Who && self.people.complete(&mut self.who)
    }

    fn move_field(&mut self, forward: bool) {
        let at = LogField::ORDER
            .iter()
            .position(|f| *f == self.field)
            .unwrap_or(0);
        let n = LogField::ORDER.len();
        self.field = LogField::ORDER[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Cycles the choice under the cursor (direction, kind or size).
    fn cycle(&mut self, forward: bool) {
        match self.field {
            LogField::Direction => self.direction = step(&Direction::ALL, self.direction, forward),
            LogField::Kind => self.kind = step(&Kind::ALL, self.kind, forward),
            LogField::Size => {
                self.size = step(&[Size::Small, Size::Hour, Size::Major], self.size, forward)
            }
            _ => {}
        }
    }

    /// A letter on a choice picks the first option starting with it ("f" → favour).
    pub fn pick(&mut self, letter: char) -> bool {
        let letter = letter.to_ascii_lowercase();
        match self.field {
            LogField::Direction => {
                if let Some(d) = Direction::ALL
                    .into_iter()
                    .find(|d| d.as_str().starts_with(letter))
                {
                    self.direction = d;
                }
            }
            LogField::Kind => {
                if let Some(k) = Kind::ALL
                    .into_iter()
                    .find(|k| k.as_str().starts_with(letter))
                {
                    self.kind = k;
                }
            }
            LogField::Size => {
                if let Some(s) = letter
                    .to_digit(10)
                    .and_then(|d| Size::from_value(i64::from(d)))
                {
                    self.size = s;
                }
            }
            _ => return false,
        }
        true
    }

    /// The people in `who`, split at commas: a name chosen from the suggestions as `#id`,
    /// any other as typed.
    pub fn names(&self) -> Vec<String> {
        self.people.names(&self.who)
    }
}

impl Form for LogForm {
    fn type_key(&mut self, key: &KeyEvent) -> bool {
        use ratatui::crossterm::event::KeyCode;
        if !self.field.is_text() {
            return match key.code {
                KeyCode::Char(c) if is_text_key(key) => self.pick(c),
                _ => false,
            };
        }
        if !is_text_key(key) {
            return false;
        }
        self.error = None;
        match self.field {
            LogField::Who => {
                // A name typed replaces the person the form was opened on.
                self.fixed = None;
                edit_text(&mut self.who, key)
            }
            LogField::Date => edit_suggested(&mut self.date, &mut self.date_suggested, key),
            _ => edit_text(&mut self.note, key),
        }
    }

    fn move_field(&mut self, forward: bool) {
        LogForm::move_field(self, forward);
    }

    fn cycle(&mut self, forward: bool) {
        LogForm::cycle(self, forward);
    }

    fn on_choice(&self) -> bool {
        !self.field.is_text()
    }

    fn complete(&mut self) -> bool {
        LogForm::complete(self)
    }

    fn has_typed_text(&self) -> bool {
        self.has_changes()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}
