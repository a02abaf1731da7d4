//! Importing from the app: a form for the file, the import itself on a worker thread (its own
//! connection, one transaction) with a progress bar, and the report when it is done.
//!
//! Quitting during an import abandons it: nothing is written until its transaction commits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

mod form;

pub use form::{ImportField, ImportForm, ImportKind};

use super::Action;
use super::state::{App, Overlay};
use crate::error::{Error, Result};
use crate::import::Format;
use crate::model::Progress;
use crate::ops::{CaptureOptions, CaptureReport, PeopleImport};

/// An import under way.
#[derive(Debug)]
pub struct ImportJob {
    pub file_name: String,
    pub kind: ImportKind,
    pub progress: Arc<Progress>,
    /// The form, to show again with the error if the file is refused.
    pub form: Box<ImportForm>,
    /// For mail and calendars: what was read, to read again with `--add-people`.
    again: Option<PathBuf>,
    result: Receiver<Result<Finished>>,
}

/// What an import did: people from a contacts file, or contact captured from mail or a
/// calendar.
#[derive(Debug, Clone)]
pub enum Finished {
    People(PeopleImport),
    Captured(CaptureReport),
}

impl ImportJob {
    /// A job that shows `progress` and never finishes (for drawing it in tests).
    pub fn showing(file_name: &str, format: Format, progress: Arc<Progress>) -> ImportJob {
        let (_, result) = channel();
        ImportJob {
            file_name: file_name.to_string(),
            kind: ImportKind::People(format),
            progress,
            form: Box::default(),
            again: None,
            result,
        }
    }
}

/// The width of the report's text on a screen wide enough for its box.
const REPORT_TEXT_WIDTH: usize = 72;

/// A finished import, for the report.
#[derive(Debug, Clone)]
pub struct ImportDone {
    pub file_name: String,
    pub report: Finished,
    /// A capture's kind and path, to read again adding people.
    pub again: Option<(ImportKind, PathBuf)>,
    /// The first line of the report on screen: it lists every record, and scrolls.
    pub top: usize,
}

impl ImportDone {
    /// The report's lists, each a title and one line an item.
    pub fn sections(&self) -> Vec<(String, Vec<String>)> {
        match &self.report {
            Finished::People(report) => report
                .sections()
                .into_iter()
                .map(|(section, lines)| (section.title().to_string(), lines))
                .collect(),
            Finished::Captured(report) => report.sections(),
        }
    }

    /// The report's first lines: its counts, wrapped to `width`, and a word on what it means.
    pub fn summary(&self, width: usize) -> (Vec<String>, &'static str) {
        match &self.report {
            Finished::People(r) => (
                vec![r.counts(" · ")],
                if r.added.is_empty() {
                    "No one new: everyone in the file was already here."
                } else {
                    "New people are paper ties until you log something with them."
                },
            ),
            Finished::Captured(r) => (
                crate::text::wrap(&format!("{} read · {}", r.read, r.counts(" · ")), width),
                "Read from headers and invitations only; none of their text is kept.",
            ),
        }
    }

    /// How many lines the report takes: its summary, then each section's blank line, title
    /// and one line a record.
    pub fn line_count(&self) -> usize {
        let (counts, _) = self.summary(REPORT_TEXT_WIDTH);
        counts.len()
            + 1
            + self
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

    fn spawn_import(&mut self, form: &ImportForm) -> Result<ImportJob> {
        if form.file.value().trim().is_empty() {
            return Err(Error::invalid("which file? type its path"));
        }
        let path = form.path();
        let kind = form.format.or_else(|| ImportKind::of_path(&path));
        if let Some(kind @ (ImportKind::Mail | ImportKind::Calendar)) = kind {
            let options = CaptureOptions {
                zone: self.desk.config.capture.zone(),
                ..CaptureOptions::default()
            };
            return self.spawn_capture(form, kind, path, options);
        }
        let bytes = crate::import::read_bounded(&path, crate::import::MAX_FILE)?;
        let chosen = match kind {
            Some(ImportKind::People(format)) => Some(format),
            _ => None,
        };
        let format = match chosen.or_else(|| Format::detect(&bytes)) {
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
                })
                .map(Finished::People);
            // The app may have quit meanwhile; then no one is waiting.
            let _ = send.send(outcome);
        });
        Ok(ImportJob {
            file_name,
            kind: ImportKind::People(format),
            progress,
            form: Box::default(),
            again: None,
            result,
        })
    }

    /// Reads mail or a calendar on a worker and captures it. The user's address comes from
    /// config.toml, or from the form the first time, and is saved there for next time.
    fn spawn_capture(
        &mut self,
        form: &ImportForm,
        kind: ImportKind,
        path: PathBuf,
        options: CaptureOptions,
    ) -> Result<ImportJob> {
        let mut emails = self.desk.config.me.emails.clone();
        let typed = form.me.value().trim().to_lowercase();
        if emails.is_empty() {
            if typed.is_empty() {
                return Err(Error::invalid(
                    "your address? tab to \"you\": it tells what you sent from what you got",
                ));
            }
            if !crate::import::capture::is_address(&typed) {
                return Err(Error::invalid(format!("{typed}: not an e-mail address")));
            }
            if let Some(config) = &self.config_path {
                crate::config::save_my_address(config, &typed)?;
            }
            self.desk.config.me.emails = vec![typed.clone()];
            emails = vec![typed];
        }
        let file_name = crate::import::file_name(&path);
        let progress = Arc::new(Progress::default());
        let (send, result) = channel();
        let mut desk = self.desk.open_again()?;
        let capture = self.desk.config.capture.clone();
        let today = self.desk.today;
        let (worker_progress, worker_name) = (Arc::clone(&progress), file_name.clone());
        let again = Some(path.clone());
        std::thread::spawn(move || {
            let me = crate::import::mail::Me::new(&emails);
            let progress = &*worker_progress;
            let outcome = if kind == ImportKind::Calendar {
                let rules = crate::import::calendar::CalendarRules {
                    max_attendees: capture.max_attendees,
                    today,
                    zone: options.zone,
                };
                desk.capture(&worker_name, options, progress, |sink| {
                    crate::import::calendar::read_calendar(&path, &me, rules, progress, sink)
                })
            } else {
                let rules = crate::import::mail::MailRules {
                    max_recipients: capture.max_recipients,
                    today,
                    zone: options.zone,
                };
                crate::import::mail::find(&path).and_then(|found| {
                    desk.capture(&worker_name, options, progress, |sink| {
                        crate::import::mail::read_mail(&found, &me, rules, progress, sink)
                    })
                })
            }
            .map(Finished::Captured);
            let _ = send.send(outcome);
        });
        Ok(ImportJob {
            file_name,
            kind,
            progress,
            form: Box::default(),
            again,
            result,
        })
    }

    /// How many people `add_people` would add from the report on screen.
    pub fn people_to_add(&self) -> usize {
        let Some(Overlay::ImportDone(done)) = &self.overlay else {
            return 0;
        };
        let Finished::Captured(report) = &done.report else {
            return 0;
        };
        let min = self.desk.config.capture.min_exchanges;
        report
            .unknown
            .iter()
            .filter(|u| !u.added && u.sent >= min && u.received >= min)
            .count()
    }

    /// A hint as the screen shows it: `add_people`'s says how many, and shows only when
    /// someone would be added.
    pub fn hint_text(&self, action: Action, hint: &str) -> Option<String> {
        if action != Action::AddPeople {
            return Some(hint.to_string());
        }
        match self.people_to_add() {
            0 => None,
            1 => Some("add 1 person".to_string()),
            n => Some(format!("add {n} people")),
        }
    }

    /// From a mail or calendar report: reads the same path again, adding the people not in
    /// tiesdesk with contact both ways (`--add-people`). What was captured before is found
    /// again, not added twice.
    pub(super) fn add_unknown_people(&mut self) {
        let Some(Overlay::ImportDone(done)) = &self.overlay else {
            return;
        };
        let (Finished::Captured(_), Some((kind, path))) = (&done.report, &done.again) else {
            self.status = Some("Only a mail or calendar report adds people.".into());
            return;
        };
        let min = self.desk.config.capture.min_exchanges;
        if self.people_to_add() == 0 {
            self.status = Some(format!(
                "No one to add: it takes {min} contacts each way (capture.min_exchanges)."
            ));
            return;
        }
        let (kind, path) = (*kind, path.clone());
        let options = CaptureOptions {
            add_people: true,
            zone: self.desk.config.capture.zone(),
            ..CaptureOptions::default()
        };
        match self.spawn_capture(&ImportForm::default(), kind, path, options) {
            Ok(job) => {
                self.overlay = None;
                self.job = Some(job);
            }
            Err(error) => self.status = Some(error.to_string()),
        }
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
                let (changed, what) = match &report {
                    Finished::People(r) => (
                        !r.added.is_empty() || !r.updated.is_empty(),
                        format!("{} added, {} updated", r.added.len(), r.updated.len()),
                    ),
                    Finished::Captured(r) => (
                        r.captured > 0 || r.removed > 0,
                        format!(
                            "{} captured with {} {}",
                            r.captured,
                            r.people,
                            if r.people == 1 { "person" } else { "people" }
                        ),
                    ),
                };
                let undo = if changed {
                    self.undo_hint()
                } else {
                    String::new()
                };
                self.status = Some(format!("Imported {}: {what}{undo}", job.file_name));
                self.overlay = Some(Overlay::ImportDone(Box::new(ImportDone {
                    file_name: job.file_name,
                    report,
                    again: job.again.map(|path| (job.kind, path)),
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
