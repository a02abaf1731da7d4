//! What sits on top of a screen and takes the keys first: the forms, search, a question,
//! help and the import's report.

use tui_input::Input;

use super::cursor::Cursor;
use super::forms::ImportForm;
use super::forms::{Form, LogForm, PersonForm, SnoozeForm};
use super::forms::{GiveForm, IntroFinder, IntroduceForm, LinkForm};
use super::keymap::Context;
use super::report::ImportDone;
use super::state::{After, App, Component, Overlay};
use crate::error::Result;
use crate::model::PersonId;

/// A form is a component in the `form` context.
macro_rules! form_component {
    ($($form:ty => $save:path),+ $(,)?) => {$(
        impl Component for $form {
            fn context(&self) -> Context {
                Context::Form
            }

            fn submit(&mut self, app: &mut App) -> Result<After> {
                $save(app, self).map(|()| After::Close)
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
    LogForm => App::save_log_form,
    PersonForm => App::save_person_form,
    SnoozeForm => App::save_snooze_form,
    ImportForm => App::start_import,
    LinkForm => App::save_link,
    GiveForm => App::save_give_form,
    IntroduceForm => App::save_introduce_form,
);

impl Component for Search {
    fn context(&self) -> Context {
        Context::Search
    }

    fn answer(&mut self, app: &App) {
        self.results = app.search_results(&self.purpose, self.query.value());
        self.selected = Cursor::default();
    }

    fn answer_again(&mut self, app: &App) {
        let chosen = self.results.get(self.selected.at()).map(|hit| hit.id);
        self.answer(app);
        self.selected = Cursor::new(
            chosen
                .and_then(|id| self.results.iter().position(|hit| hit.id == id))
                .unwrap_or(0),
        );
    }

    fn underneath(&mut self) -> Option<Overlay> {
        match std::mem::replace(&mut self.purpose, SearchPurpose::Open) {
            SearchPurpose::Attach { report, .. } => Some(Overlay::from_box(report)),
            _ => None,
        }
    }

    fn step(&mut self, delta: isize, _page: usize) -> bool {
        self.selected.step(delta, self.results.len());
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

    fn answer(&mut self, app: &App) {
        app.answer_intro(self);
    }

    fn step(&mut self, delta: isize, _page: usize) -> bool {
        let len = self.ways().count();
        self.selected.step(delta, len);
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

    fn submit(&mut self, app: &mut App) -> Result<After> {
        app.carry_out(self.pending.clone()).map(|()| After::Close)
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

#[derive(Debug)]
pub struct Search {
    /// What choosing a result does.
    pub purpose: SearchPurpose,
    pub query: Input,
    /// Best match first.
    pub results: Vec<SearchHit>,
    pub selected: Cursor,
    /// People picked (Tab, as in fzf), in the order picked: Enter logs with them all.
    pub picked: Vec<PersonId>,
}

impl Search {
    pub fn new(purpose: SearchPurpose, query: &str) -> Search {
        Search {
            purpose,
            query: Input::new(query.to_string()),
            results: Vec::new(),
            selected: Cursor::default(),
            picked: Vec::new(),
        }
    }

    /// Picks the highlighted result, or lets it go (only when searching to open someone:
    /// a merge or an attach wants one person). How many are picked.
    pub fn toggle_pick(&mut self) -> usize {
        if !matches!(self.purpose, SearchPurpose::Open) {
            return self.picked.len();
        }
        if let Some(id) = self.results.get(self.selected.at()).map(|hit| hit.id) {
            match self.picked.iter().position(|&p| p == id) {
                Some(at) => {
                    self.picked.remove(at);
                }
                None => self.picked.push(id),
            }
        }
        self.picked.len()
    }

    /// The highlighted result, as an index into `App::people`.
    pub fn chosen(&self) -> Option<usize> {
        self.results.get(self.selected.at()).map(|hit| hit.index)
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// Into `App::people`.
    pub index: usize,
    /// Who it is (kept selected when the people are read again).
    pub id: PersonId,
    /// What matched when it was not the name ("circle: climbing", "said: walked the dog").
    pub matched: Option<String>,
}

#[derive(Debug)]
pub enum SearchPurpose {
    /// Open the person chosen.
    Open,
    /// Merge the person chosen into this one.
    MergeInto(PersonId),
    /// Give the person chosen an address a mail or calendar report lists (then back to the
    /// report, read again).
    Attach {
        /// One address, or several picked in the report (one person's work and home mail).
        emails: Vec<String>,
        /// The report it was opened from (any overlay: it goes back on screen).
        report: Box<dyn Component>,
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

impl App {
    /// Puts `component` on top of the screen.
    pub fn show(&mut self, component: impl Component) {
        self.overlay = Some(Overlay::new(component));
    }

    /// The overlay on top as a form, when it is one.
    pub fn form_mut(&mut self) -> Option<&mut dyn Form> {
        self.overlay.as_mut().and_then(Overlay::form_mut)
    }

    /// The overlay on top when it is a `T`.
    pub fn overlay_as<T: Component>(&self) -> Option<&T> {
        self.overlay.as_ref().and_then(Overlay::get)
    }

    pub fn overlay_as_mut<T: Component>(&mut self) -> Option<&mut T> {
        self.overlay.as_mut().and_then(Overlay::get_mut)
    }

    /// Takes the overlay off the screen when it is a `T` (else it stays).
    pub fn take_overlay<T: Component>(&mut self) -> Option<Box<T>> {
        if !self.overlay.as_ref().is_some_and(Overlay::is::<T>) {
            return None;
        }
        self.overlay.take()?.into_kind()
    }

    /// Closes the overlay; what was under it comes back (the report under a search for
    /// whose address it is).
    pub(super) fn cancel_overlay(&mut self) {
        self.overlay = self
            .overlay
            .take()
            .and_then(|mut overlay| overlay.component_mut().underneath());
    }

    /// The overlay's answers for what its query holds now (`again`: the same one kept
    /// selected, after another copy wrote).
    pub(super) fn answer_overlay(&mut self, again: bool) {
        if let Some(mut overlay) = self.overlay.take() {
            if again {
                overlay.component_mut().answer_again(self);
            } else {
                overlay.component_mut().answer(self);
            }
            self.overlay.get_or_insert(overlay);
        }
    }

    /// Enter on the overlay: it comes off the screen while it is carried out, and goes back
    /// when it stays or fails. A failed form shows why in its error line; when another copy
    /// was writing, the error goes on up so the Enter is tried again.
    pub(super) fn submit(&mut self) -> Result<()> {
        let Some(mut overlay) = self.overlay.take() else {
            return Ok(());
        };
        match overlay.component_mut().submit(self) {
            Ok(After::Close) => Ok(()),
            Ok(After::Stay) => {
                self.overlay.get_or_insert(overlay);
                Ok(())
            }
            Err(error @ crate::error::Error::Busy) => {
                self.overlay = Some(overlay);
                Err(error)
            }
            Err(error) => match overlay.form_mut() {
                Some(form) => {
                    *form.error() = Some(error.to_string());
                    self.overlay = Some(overlay);
                    Ok(())
                }
                None => Err(error),
            },
        }
    }
}
