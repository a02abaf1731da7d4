//! What sits on top of a screen and takes the keys first: the forms, search, a question,
//! help and the import's report.

use tui_input::Input;

use super::forms::ImportForm;
use super::forms::{Form, LogForm, PersonForm, SnoozeForm};
use super::forms::{GiveForm, IntroFinder, LinkForm};
use super::report::ImportDone;
use crate::model::PersonId;

/// What sits on top of the screen and takes the keys first.
#[derive(Debug)]
pub enum Overlay {
    Log(Box<LogForm>),
    Person(Box<PersonForm>),
    Snooze(Box<SnoozeForm>),
    Search(Search),
    Confirm(Confirm),
    Help(Box<super::help::HelpPage>),
    Import(Box<ImportForm>),
    /// The report of a finished import.
    ImportDone(Box<ImportDone>),
    Link(Box<LinkForm>),
    Intro(Box<IntroFinder>),
    /// A promise, a need or a yearly date for a person.
    Give(Box<GiveForm>),
}

impl Overlay {
    /// The overlay as a form, when it is one.
    pub fn form(&self) -> Option<&dyn Form> {
        match self {
            Overlay::Log(form) => Some(form.as_ref()),
            Overlay::Person(form) => Some(form.as_ref()),
            Overlay::Snooze(form) => Some(form.as_ref()),
            Overlay::Import(form) => Some(form.as_ref()),
            Overlay::Link(form) => Some(form.as_ref()),
            Overlay::Give(form) => Some(form.as_ref()),
            _ => None,
        }
    }

    pub fn form_mut(&mut self) -> Option<&mut dyn Form> {
        match self {
            Overlay::Log(form) => Some(form.as_mut()),
            Overlay::Person(form) => Some(form.as_mut()),
            Overlay::Snooze(form) => Some(form.as_mut()),
            Overlay::Import(form) => Some(form.as_mut()),
            Overlay::Link(form) => Some(form.as_mut()),
            Overlay::Give(form) => Some(form.as_mut()),
            _ => None,
        }
    }

    /// True when closing it would lose something typed (a note, a name, a path).
    pub fn has_typed_text(&self) -> bool {
        self.form().is_some_and(Form::has_typed_text)
    }
}

#[derive(Debug)]
pub struct Search {
    /// What choosing a result does.
    pub purpose: SearchPurpose,
    pub query: Input,
    /// Best match first.
    pub results: Vec<SearchHit>,
    pub selected: usize,
}

impl Search {
    /// The highlighted result, as an index into `App::people`.
    pub fn chosen(&self) -> Option<usize> {
        self.results.get(self.selected).map(|hit| hit.index)
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// Into `App::people`.
    pub index: usize,
    /// What matched when it was not the name ("circle: climbing", "said: walked the dog").
    pub matched: Option<String>,
}

#[derive(Debug, Clone)]
pub enum SearchPurpose {
    /// Open the person chosen.
    Open,
    /// Merge the person chosen into this one.
    MergeInto(PersonId),
    /// Give the person chosen an address a mail or calendar report lists (then back to the
    /// report, read again).
    Attach {
        email: String,
        report: Box<ImportDone>,
    },
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub question: String,
    pub pending: Pending,
}

/// What a confirmation will do.
#[derive(Debug, Clone)]
pub enum Pending {
    /// Archive (or bring back) one person.
    Archive(PersonId),
    /// Archive the paper ties a review listed.
    ArchiveMany(Vec<PersonId>),
    /// Undo a change another copy made (by its journal id, so nothing newer is undone).
    Undo(crate::ops::LastChange),
    /// Fold `other` into `keep`.
    Merge { keep: PersonId, other: PersonId },
    /// Delete one logged entry.
    DeleteEntry(crate::model::InteractionId),
}
