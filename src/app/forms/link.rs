//! The link form (who knows whom, who introduced whom) and the introduction finder's state.

use tui_input::Input;

use crate::model::{Person, PersonId};
use crate::ops::IntroReport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkHow {
    Knows,
    /// The person introduced me to the one named.
    IntroducedMeTo,
    /// The one named introduced me to the person.
    IntroducedBy,
    Remove,
}

impl LinkHow {
    const ALL: [LinkHow; 4] = [
        LinkHow::Knows,
        LinkHow::IntroducedMeTo,
        LinkHow::IntroducedBy,
        LinkHow::Remove,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LinkHow::Knows => "knows",
            LinkHow::IntroducedMeTo => "introduced me to",
            LinkHow::IntroducedBy => "was introduced to me by",
            LinkHow::Remove => "is no longer linked to",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkField {
    How,
    Who,
}

/// "Ana Lima ‹knows› [Bram de Vries]".
#[derive(Debug, Clone)]
pub struct LinkForm {
    pub person: PersonId,
    pub name: String,
    pub how: LinkHow,
    pub who: Input,
    pub field: LinkField,
    /// Who is offered for the name typed, and whom it was chosen as.
    pub people: super::PeopleField,
    pub error: Option<String>,
}

impl LinkForm {
    pub fn new(person: &Person) -> LinkForm {
        LinkForm {
            person: person.id,
            name: person.name().to_string(),
            how: LinkHow::Knows,
            who: Input::default(),
            field: LinkField::Who,
            people: super::PeopleField::default(),
            error: None,
        }
    }
}

impl super::Form for LinkForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        self.field == LinkField::Who && super::edit_field(&mut self.who, &mut self.error, key)
    }

    /// Tab in the `who` field completes the name being typed before it moves on.
    fn complete(&mut self) -> bool {
        self.field == LinkField::Who && self.people.complete(&mut self.who)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            LinkField::How => LinkField::Who,
            LinkField::Who => LinkField::How,
        };
    }

    fn cycle(&mut self, forward: bool) {
        if self.field == LinkField::How {
            self.how = super::step(&LinkHow::ALL, self.how, forward);
        }
    }

    fn on_choice(&self) -> bool {
        self.field == LinkField::How
    }

    fn has_typed_text(&self) -> bool {
        !self.who.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

/// The intro finder: what is typed, and who can help, best first.
#[derive(Debug, Clone, Default)]
pub struct IntroFinder {
    pub query: Input,
    pub report: Option<IntroReport>,
    /// Why there is no report (nothing matches what is typed).
    pub message: Option<String>,
    /// Index into the direct ways, then the paths.
    pub selected: crate::app::cursor::Cursor,
}

/// How many of the target's people you know yourself the finder lists, before those to ask.
pub const DIRECT_SHOWN: usize = 5;

impl IntroFinder {
    /// The direct ties listed (the warmest few).
    pub fn direct(&self) -> &[crate::ops::IntroWay] {
        self.report
            .as_ref()
            .map_or(&[], |r| &r.direct[..r.direct.len().min(DIRECT_SHOWN)])
    }

    /// The person to ask (or the target you know) that is selected.
    pub fn choice(&self) -> Option<crate::model::PersonId> {
        self.ways().nth(self.selected.at()).map(|way| way.ask.id)
    }

    /// Everyone listed, in order: direct ties, then the people to ask.
    pub fn ways(&self) -> impl Iterator<Item = &crate::ops::IntroWay> {
        self.direct()
            .iter()
            .chain(self.report.iter().flat_map(|r| r.paths.iter()))
    }
}
