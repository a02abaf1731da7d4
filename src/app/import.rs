//! Importing from the app: a form for the file, the import itself on a worker thread (its own
//! connection, one transaction) with a progress bar, and the report when it is done.
//!
//! Quitting during an import abandons it: nothing is written until its transaction commits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use tui_input::Input;

use super::state::{App, Overlay};
use crate::error::{Error, Result};
use crate::import::Format;
use crate::model::Progress;
use crate::ops::PeopleImport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
    Format,
}

/// Which file, and (unless detected from its first lines) in which format.
#[derive(Debug, Clone)]
pub struct ImportForm {
    pub file: Input,
    /// `None`: tell from the file.
    pub format: Option<Format>,
    pub field: ImportField,
    pub error: Option<String>,
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm {
            file: Input::default(),
            format: None,
            field: ImportField::File,
            error: None,
        }
    }
}

impl super::forms::Form for ImportForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        self.field == ImportField::File
            && super::forms::edit_field(&mut self.file, &mut self.error, key)
    }

    fn move_field(&mut self, _forward: bool) {
        self.field = match self.field {
            ImportField::File => ImportField::Format,
            ImportField::Format => ImportField::File,
        };
    }

    /// Detect, then each format in turn, then detect again; or backwards.
    fn cycle(&mut self, forward: bool) {
        if self.field == ImportField::Format {
            let choices: Vec<Option<Format>> = std::iter::once(None)
                .chain(Format::all().map(Some))
                .collect();
            self.format = super::forms::step(&choices, self.format, forward);
        }
    }

    fn on_choice(&self) -> bool {
        self.field == ImportField::Format
    }

    fn has_typed_text(&self) -> bool {
        !self.file.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

impl ImportForm {
    /// The path as typed, with `~/` meaning the home folder.
    pub fn path(&self) -> PathBuf {
        let typed = self.file.value().trim();
        match typed.strip_prefix("~/") {
            Some(rest) => directories::BaseDirs::new()
                .map_or_else(|| PathBuf::from(typed), |dirs| dirs.home_dir().join(rest)),
            None => PathBuf::from(typed),
        }
    }
}

/// An import under way.
#[derive(Debug)]
pub struct ImportJob {
    pub file_name: String,
    pub format: Format,
    pub progress: Arc<Progress>,
    /// The form, to show again with the error if the file is refused.
    pub form: Box<ImportForm>,
    result: Receiver<Result<PeopleImport>>,
}

impl ImportJob {
    /// A job that shows `progress` and never finishes (for drawing it in tests).
    pub fn showing(file_name: &str, format: Format, progress: Arc<Progress>) -> ImportJob {
        let (_, result) = channel();
        ImportJob {
            file_name: file_name.to_string(),
            format,
            progress,
            form: Box::default(),
            result,
        }
    }
}

/// A finished import, for the report.
#[derive(Debug, Clone)]
pub struct ImportDone {
    pub file_name: String,
    pub report: PeopleImport,
    /// The first line of the report on screen: it lists every record, and scrolls.
    pub top: usize,
}

impl ImportDone {
    /// How many lines the report takes: two of totals, then each section's blank line, title
    /// and one line a record.
    pub fn line_count(&self) -> usize {
        2 + self
            .report
            .sections()
            .iter()
            .map(|(_, lines)| 2 + lines.len())
            .sum::<usize>()
    }

    /// Scrolls by `delta` lines, as far as the last screenful of `height` lines.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let last = self.line_count().saturating_sub(height.max(1)) as isize;
        self.top = (self.top as isize + delta).clamp(0, last.max(0)) as usize;
    }
}

impl App {
    pub(super) fn open_import_form(&mut self) {
        self.overlay = Some(Overlay::Import(Box::default()));
    }

    /// Reads the file, settles the format and starts the worker.
    pub(super) fn start_import(&mut self, mut form: Box<ImportForm>) {
        match self.spawn_import(&form) {
            Ok(mut job) => {
                job.form = form;
                self.job = Some(job);
            }
            Err(error) => {
                form.error = Some(error.to_string());
                self.overlay = Some(Overlay::Import(form));
            }
        }
    }

    fn spawn_import(&self, form: &ImportForm) -> Result<ImportJob> {
        if form.file.value().trim().is_empty() {
            return Err(Error::invalid("which file? type its path"));
        }
        let path = form.path();
        let bytes = crate::import::read_bounded(&path, crate::import::MAX_FILE)?;
        let format = match form.format.or_else(|| Format::detect(&bytes)) {
            Some(format) => format,
            None => {
                return Err(Error::invalid(
                    "this is not a LinkedIn, vCard or Google Contacts file; choose the format \
                     if it is one",
                ));
            }
        };
        let file_name = crate::import::file_name(&path);
        let progress = Arc::new(Progress::default());
        let (send, result) = channel();
        // Opened here, so what the import records for undo is this app's own change.
        let mut desk = self.desk.open_again()?;
        let (worker_progress, worker_name) = (Arc::clone(&progress), file_name.clone());
        std::thread::spawn(move || {
            let outcome = format
                .parse_with(&bytes, &worker_progress)
                .and_then(|parsed| {
                    desk.import_people(format, parsed, &worker_name, false, &worker_progress)
                });
            // The app may have quit meanwhile; then no one is waiting.
            let _ = send.send(outcome);
        });
        Ok(ImportJob {
            file_name,
            format,
            progress,
            form: Box::default(),
            result,
        })
    }

    /// Checks on a running import. True when something changed on screen.
    pub fn tick(&mut self) -> bool {
        let Some(job) = &self.job else {
            return false;
        };
        let outcome = match job.result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return true, // the progress bar moves
            Err(TryRecvError::Disconnected) => Err(Error::Io("the import stopped".into())),
        };
        let Some(job) = self.job.take() else {
            return true;
        };
        match outcome.and_then(|report| self.reload().map(|()| report)) {
            Ok(report) => {
                let undo = if report.added.is_empty() && report.updated.is_empty() {
                    String::new()
                } else {
                    self.undo_hint()
                };
                self.status = Some(format!(
                    "Imported {}: {} added, {} updated{undo}",
                    job.file_name,
                    report.added.len(),
                    report.updated.len()
                ));
                self.overlay = Some(Overlay::ImportDone(Box::new(ImportDone {
                    file_name: job.file_name,
                    report,
                    top: 0,
                })));
            }
            Err(error) => {
                let mut form = job.form;
                form.error = Some(error.to_string());
                self.overlay = Some(Overlay::Import(form));
            }
        }
        true
    }
}
