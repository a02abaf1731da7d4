//! The terminal app: state, actions, keymap and the event loop. Drawing lives in `crate::ui`.

pub mod action;
pub mod cursor;
mod follow;
pub mod forms;
pub mod help;
pub mod import;
mod introduce;
mod jobs;
mod keeping;
pub mod keymap;
pub mod links;
mod lists;
mod logging;
mod lookup;
pub mod overlay;
pub mod promises;
mod report;
mod review;
mod review_screen;
mod search;
pub mod state;
mod submit;
mod syncing;
mod terminal;
mod undo;
mod update;

pub use crate::insight::order::Row;
pub use action::Action;
pub use keymap::{Context, Keymap};
pub use lists::Pane;
pub use state::{App, Mark, Overlay, Review, Screen};
pub use terminal::{require_terminal, run};
