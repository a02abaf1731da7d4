//! Importing from the app: a form for the file, the import itself on a worker thread (its own
//! connection, one transaction) with a progress bar, and the report when it is done.
//!
//! Quitting during an import abandons it: nothing is written until its transaction commits.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

mod form;
mod report;

pub use form::{ImportField, ImportForm, ImportKind};
pub use report::{Finished, ImportDone, ReportLine};

use super::Action;
use super::state::{App, Overlay};
use crate::error::{Error, Result};
use crate::import::Format;
use crate::model::Progress;
use crate::ops::CaptureOptions;

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
            return self.spawn_capture(form, kind, path, self.capture_options());
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
        report.both_ways()
    }

    /// A hint as the screen shows it: `add_people`'s says how many, and shows only when
    /// someone would be added; a row's actions show when the report has rows.
    pub fn hint_text(&self, action: Action, hint: &str) -> Option<String> {
        match action {
            Action::AddPeople => match self.people_to_add() {
                0 => None,
                1 => Some("add the 1 both ways".to_string()),
                n => Some(format!("add the {n} both ways")),
            },
            // Choosing in an attach search gives the address; leaving it goes back.
            Action::Open | Action::Cancel
                if matches!(
                    &self.overlay,
                    Some(Overlay::Search(crate::app::state::Search {
                        purpose: crate::app::state::SearchPurpose::Attach { .. },
                        ..
                    }))
                ) =>
            {
                Some(if action == Action::Open {
                    "give them the address".to_string()
                } else {
                    "back to the report".to_string()
                })
            }
            Action::AddThis | Action::Attach | Action::IgnoreAddress => {
                let rows = match &self.overlay {
                    Some(Overlay::ImportDone(done)) => done.waiting().len(),
                    _ => 0,
                };
                (rows > 0).then(|| hint.to_string())
            }
            _ => Some(hint.to_string()),
        }
    }

    /// From a mail or calendar report: reads the same path again, adding the people not in
    /// tiesdesk with contact both ways (`--add-people`). What was captured before is found
    /// again, not added twice.
    pub(super) fn add_unknown_people(&mut self) {
        let Some(Overlay::ImportDone(done)) = &self.overlay else {
            return;
        };
        let (Finished::Captured(report), Some((kind, path))) = (&done.report, &done.again) else {
            self.status = Some("Only a mail or calendar report adds people.".into());
            return;
        };
        if report.both_ways() == 0 {
            let min = report.min_exchanges;
            self.status = Some(format!(
                "No one to add: it takes {min} contacts each way (capture.min_exchanges)."
            ));
            return;
        }
        let (kind, path) = (*kind, path.clone());
        let options = CaptureOptions {
            add_people: true,
            ..self.capture_options()
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
                    Finished::Captured(r) => {
                        let mut what = Vec::new();
                        for added in &r.added {
                            what.push(format!("added {}", added.name));
                        }
                        for attached in &r.attached {
                            what.push(format!("{} has {} now", attached.name, attached.place));
                        }
                        what.push(format!(
                            "{} captured with {} {}",
                            r.captured,
                            r.people,
                            if r.people == 1 { "person" } else { "people" }
                        ));
                        let changed = r.captured > 0
                            || r.removed > 0
                            || !r.added.is_empty()
                            || !r.attached.is_empty();
                        (changed, what.join(", "))
                    }
                };
                let undo = if changed {
                    self.undo_hint()
                } else {
                    String::new()
                };
                self.status = Some(format!("Imported {}: {what}{undo}", job.file_name));
                self.overlay = Some(Overlay::ImportDone(Box::new(ImportDone::new(
                    job.file_name,
                    report,
                    job.again.map(|path| (job.kind, path)),
                ))));
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
