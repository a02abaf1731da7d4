//! What sits on top of a screen: the `Component` every overlay implements, and the one
//! `Overlay` that owns it.

use std::any::Any;

use tui_input::Input;

use super::forms::Form;
use super::keymap::Context;
use super::state::App;
use crate::error::Result;
use crate::ui::Draw;

/// What sits on top of the screen and takes the keys first: one component, owned. The app
/// asks it what it is for (its context, its form, its list, its query, its Enter) instead of
/// matching which it is; the few places that need one kind (a report's rows, a search's
/// purpose) ask for that kind by type.
#[derive(Debug)]
pub struct Overlay(Box<dyn Component>);

/// What Enter left behind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    /// Done: the overlay goes.
    Close,
    /// Nothing to carry out: it stays on screen.
    Stay,
}

/// What every overlay answers for itself: where its keys go, whether it is a form, how its
/// list moves, the query it types into, what Enter does, and how it is drawn (`ui::Draw`,
/// written beside the other drawing). A new overlay is one type that implements both.
pub trait Component: Any + std::fmt::Debug + Draw {
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

    /// Its answers for what is typed now (the query changed): the first answer selected.
    fn answer(&mut self, _app: &App) {}

    /// Its answers again, the same one kept selected (another copy wrote).
    fn answer_again(&mut self, app: &App) {
        self.answer(app);
    }

    /// Enter: saves or carries out what it holds. It is off the screen meanwhile; an error
    /// puts it back (a form shows why in its error line).
    fn submit(&mut self, _app: &mut App) -> Result<After> {
        Ok(After::Stay)
    }

    /// What goes back on screen when it is cancelled (a search opened from a report goes
    /// back to the report).
    fn underneath(&mut self) -> Option<Overlay> {
        None
    }
}

impl Overlay {
    pub fn new(component: impl Component) -> Overlay {
        Overlay(Box::new(component))
    }

    pub fn from_box(component: Box<dyn Component>) -> Overlay {
        Overlay(component)
    }

    /// The overlay as its kind `T`, when it is one.
    pub fn into_kind<T: Component>(self) -> Option<Box<T>> {
        let any: Box<dyn Any> = self.0;
        any.downcast().ok()
    }

    pub fn component(&self) -> &dyn Component {
        self.0.as_ref()
    }

    pub fn component_mut(&mut self) -> &mut dyn Component {
        self.0.as_mut()
    }

    /// The overlay as the kind `T`, when it is one.
    pub fn get<T: Component>(&self) -> Option<&T> {
        let any: &dyn Any = self.0.as_ref();
        any.downcast_ref()
    }

    pub fn get_mut<T: Component>(&mut self) -> Option<&mut T> {
        let any: &mut dyn Any = self.0.as_mut();
        any.downcast_mut()
    }

    /// True when it is a `T`.
    pub fn is<T: Component>(&self) -> bool {
        self.get::<T>().is_some()
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
