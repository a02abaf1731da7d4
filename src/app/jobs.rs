//! Work the app runs on a worker thread while it keeps drawing: an import, a large undo.
//! What each is and how far it has come; `import.rs` and `undo.rs` start and finish them.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Instant;

use super::forms::ImportForm;
use crate::error::Result;
use crate::import::SourceKind;
use crate::model::Progress;
use crate::ops::{ImportRequest, Imported};

/// An import under way.
#[derive(Debug)]
pub struct ImportJob {
    pub file_name: String,
    pub source: SourceKind,
    pub progress: Arc<Progress>,
    /// The form, to show again with the error if the file is refused.
    pub form: Box<ImportForm>,
    /// For mail and calendars: what was asked, to ask again adding or attaching people.
    pub(super) again: Option<ImportRequest>,
    pub(super) result: Receiver<Result<Imported>>,
}

impl ImportJob {
    /// A job that shows `progress` and never finishes (for drawing it in tests).
    pub fn showing(file_name: &str, source: SourceKind, progress: Arc<Progress>) -> ImportJob {
        let (_, result) = channel();
        ImportJob {
            file_name: file_name.to_string(),
            source,
            progress,
            form: Box::default(),
            again: None,
            result,
        }
    }
}

/// An undo running on a worker thread.
#[derive(Debug)]
pub struct UndoJob {
    /// The journal's id for the change being undone.
    pub change: i64,
    /// What is being undone ("Imported Connections.csv: 29970 added, 0 updated").
    pub what: String,
    pub started: Instant,
    pub(super) result: Receiver<Result<Option<String>>>,
}
