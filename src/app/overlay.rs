//! What sits on top of a screen and takes the keys first: the forms, search, a question,
//! help and the import's report.

use tui_input::Input;

use super::forms::ImportForm;
use super::forms::{Form, LogForm, PersonForm, SnoozeForm};
use super::forms::{GiveForm, IntroFinder, LinkForm};
use super::keymap::Context;
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

/// What every overlay answers for itself: where its keys go, whether it is a form, how its
/// list moves, and the query it types into. The app asks the overlay on top, not which one
/// it is.
pub trait Component {
    /// The keymap's context while it is on top.
    fn context(&self) -> Context;

    /// The overlay as a form, when it is one.
    fn form(&self) -> Option<&dyn Form> {
        None
    }

    fn form_mut(&mut self) -> Option<&mut dyn Form> {
        None
    }

    /// Moves its selection (or scrolls) by `delta` rows, `page` rows being a screenful of
    /// the dashboard's list. False when it has nothing to move.
    fn step(&mut self, _delta: isize, _page: usize) -> bool {
        false
    }

    /// The query that text typed outside a form goes into (search, the intro finder).
    fn query_mut(&mut self) -> Option<&mut Input> {
        None
    }
}

/// A form is a component in the `form` context.
macro_rules! form_component {
    ($($form:ty),+) => {$(
        impl Component for $form {
            fn context(&self) -> Context {
                Context::Form
            }

            fn form(&self) -> Option<&dyn Form> {
                Some(self)
            }

            fn form_mut(&mut self) -> Option<&mut dyn Form> {
                Some(self)
            }
        }
    )+};
}

form_component!(
    LogForm, PersonForm, SnoozeForm, ImportForm, LinkForm, GiveForm
);

/// The selection `at` moved by `delta` within a list of `len` rows.
pub fn moved(at: usize, delta: isize, len: usize) -> usize {
    let last = len.saturating_sub(1) as isize;
    (at as isize).saturating_add(delta).clamp(0, last) as usize
}

impl Component for Search {
    fn context(&self) -> Context {
        Context::Search
    }

    fn step(&mut self, delta: isize, _page: usize) -> bool {
        self.selected = moved(self.selected, delta, self.results.len());
        true
    }

    fn query_mut(&mut self) -> Option<&mut Input> {
        Some(&mut self.query)
    }
}

impl Component for IntroFinder {
    fn context(&self) -> Context {
        Context::Search
    }

    fn step(&mut self, delta: isize, _page: usize) -> bool {
        self.selected = moved(self.selected, delta, self.ways().count());
        true
    }

    fn query_mut(&mut self) -> Option<&mut Input> {
        Some(&mut self.query)
    }
}

impl Component for Confirm {
    fn context(&self) -> Context {
        Context::Confirm
    }
}

impl Component for super::help::HelpPage {
    fn context(&self) -> Context {
        Context::Help
    }

    fn step(&mut self, delta: isize, page: usize) -> bool {
        // The help box's inside is two lines taller than the dashboard's list.
        self.scroll(delta, page + 2);
        true
    }
}

impl Component for ImportDone {
    fn context(&self) -> Context {
        Context::Report
    }

    fn step(&mut self, delta: isize, page: usize) -> bool {
        // The report's box is as tall as the screen allows: four lines more than the list.
        if delta.abs() == 1 {
            ImportDone::step(self, delta, page + 3);
        } else {
            self.scroll(delta, page + 3);
        }
        true
    }
}

impl Overlay {
    /// The overlay as the component it is: the one place that asks which it is.
    pub fn component(&self) -> &dyn Component {
        match self {
            Overlay::Log(form) => form.as_ref(),
            Overlay::Person(form) => form.as_ref(),
            Overlay::Snooze(form) => form.as_ref(),
            Overlay::Search(search) => search,
            Overlay::Confirm(confirm) => confirm,
            Overlay::Help(page) => page.as_ref(),
            Overlay::Import(form) => form.as_ref(),
            Overlay::ImportDone(done) => done.as_ref(),
            Overlay::Link(form) => form.as_ref(),
            Overlay::Intro(finder) => finder.as_ref(),
            Overlay::Give(form) => form.as_ref(),
        }
    }

    pub fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Overlay::Log(form) => form.as_mut(),
            Overlay::Person(form) => form.as_mut(),
            Overlay::Snooze(form) => form.as_mut(),
            Overlay::Search(search) => search,
            Overlay::Confirm(confirm) => confirm,
            Overlay::Help(page) => page.as_mut(),
            Overlay::Import(form) => form.as_mut(),
            Overlay::ImportDone(done) => done.as_mut(),
            Overlay::Link(form) => form.as_mut(),
            Overlay::Intro(finder) => finder.as_mut(),
            Overlay::Give(form) => form.as_mut(),
        }
    }

    /// The overlay as a form, when it is one.
    pub fn form(&self) -> Option<&dyn Form> {
        self.component().form()
    }

    pub fn form_mut(&mut self) -> Option<&mut dyn Form> {
        self.component_mut().form_mut()
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
