//! Importing from the app: a form for the file, the import itself on a worker thread (its own
//! connection, one transaction) with a progress bar, and the report when it is done.
//!
//! Quitting during an import abandons it: nothing is written until its transaction commits.

use std::sync::Arc;
use std::sync::mpsc::{TryRecvError, channel};

mod report;

pub use super::forms::{ImportField, ImportForm};
pub use super::jobs::ImportJob;
pub use super::report::{ImportDone, ReportLine};

use super::Action;
use super::overlay::{Search, SearchPurpose};
use super::state::App;
use crate::error::{Error, Result};
use crate::import::SourceKind;
use crate::model::{CaptureSource, Progress};
use crate::ops::{ImportRequest, Imported};

impl App {
    pub(super) fn open_import_form(&mut self) {
        self.show(ImportForm::default());
    }

    /// Settles what the file is and starts the worker; a refusal goes back to the form.
    pub(super) fn start_import(&mut self, form: &mut ImportForm) -> Result<()> {
        let mut job = self
            .request_from(form)
            .and_then(|request| self.spawn(request))?;
        job.form = Box::new(std::mem::take(form));
        self.job = Some(job);
        Ok(())
    }

    /// The request the form makes: the file, its source (chosen, or told from the file),
    /// and for mail and calendars the user's address — from config.toml, or from the form
    /// the first time, saved there for next time.
    fn request_from(&mut self, form: &ImportForm) -> Result<ImportRequest> {
        if form.file.value().trim().is_empty() {
            return Err(Error::invalid("which file? type its path"));
        }
        let path = form.path();
        let source = match form.format {
            Some(source) => source,
            None => SourceKind::recognise(&path)?.ok_or_else(SourceKind::unrecognised)?,
        };
        if source == SourceKind::Capture(CaptureSource::Chat) {
            return self.chat_request(form, path);
        }
        if source.needs_me() && self.desk.config.me.emails.is_empty() {
            let typed = form.me.value().trim().to_lowercase();
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
            self.desk.config.me.emails = vec![typed];
        }
        Ok(ImportRequest {
            path,
            source: Some(source),
            ..ImportRequest::default()
        })
    }

    /// A chat export's request: the user's name as chats show it, typed in the form the
    /// first time (saved in config.toml's `me.names`), unless config.toml knows it. A
    /// Telegram account export names its owner itself, so none is asked for up front: the
    /// import says when no one in the chat is the user.
    fn chat_request(
        &mut self,
        form: &ImportForm,
        path: std::path::PathBuf,
    ) -> Result<ImportRequest> {
        let typed = form.me.value().trim().to_string();
        let me = &self.desk.config.me;
        if me.names.is_empty() && me.phones.is_empty() && !typed.is_empty() {
            if let Some(config) = &self.config_path {
                crate::config::save_my_chat_name(config, &typed)?;
            }
            self.desk.config.me.names = vec![typed.clone()];
        }
        Ok(ImportRequest {
            path,
            source: Some(SourceKind::Capture(CaptureSource::Chat)),
            // A name typed now counts for this import, saved or not.
            me: (!typed.is_empty()).then_some(typed).into_iter().collect(),
            ..ImportRequest::default()
        })
    }

    /// Runs `request` on a worker with its own connection (one transaction), opened here so
    /// what the import records for undo is this app's own change.
    fn spawn(&mut self, request: ImportRequest) -> Result<ImportJob> {
        let source = match request.source {
            Some(source) => source,
            None => SourceKind::recognise(&request.path)?.ok_or_else(SourceKind::unrecognised)?,
        };
        let file_name = crate::import::file_name(&request.path);
        let progress = Arc::new(Progress::default());
        let (send, result) = channel();
        let mut desk = self.desk.open_again()?;
        let again = source.needs_me().then(|| request.clone());
        let worker_progress = Arc::clone(&progress);
        std::thread::spawn(move || {
            let outcome = desk.import_file(request, &worker_progress);
            // The app may have quit meanwhile; then no one is waiting.
            let _ = send.send(outcome);
        });
        Ok(ImportJob {
            file_name,
            source,
            progress,
            form: Box::default(),
            again,
            result,
        })
    }

    /// How many people `add_people` would add from the report on screen.
    pub fn people_to_add(&self) -> usize {
        let Some(done) = self.overlay_as::<ImportDone>() else {
            return 0;
        };
        let Imported::Captured(report) = &done.report else {
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
                if self.overlay_as::<Search>().is_some_and(|search| {
                    matches!(search.purpose, SearchPurpose::Attach { .. })
                }) =>
            {
                Some(if action == Action::Open {
                    "give them the address".to_string()
                } else {
                    "back to the report".to_string()
                })
            }
            // Searching to open someone, with people picked: Enter logs with them.
            Action::Open
                if self
                    .overlay_as::<Search>()
                    .is_some_and(|search| !search.picked.is_empty()) =>
            {
                let picked = self.overlay_as::<Search>().map_or(0, |s| s.picked.len());
                Some(format!("log with the {picked} picked"))
            }
            // Picking is for a search that opens people: not a merge's, an attach's or the
            // intro finder's.
            Action::Pick
                if self
                    .overlay_as::<crate::app::forms::IntroFinder>()
                    .is_some()
                    || self
                        .overlay_as::<Search>()
                        .is_some_and(|search| !matches!(search.purpose, SearchPurpose::Open)) =>
            {
                None
            }
            Action::AddThis | Action::Attach | Action::IgnoreAddress | Action::Pick
                if self.overlay_as::<ImportDone>().is_some() =>
            {
                let (rows, picked) = (self.overlay_as::<ImportDone>())
                    .map_or((0, 0), |done| (done.waiting().len(), done.picked.len()));
                (rows > 0).then(|| match (action, picked) {
                    (Action::Pick, _) | (_, 0) => hint.to_string(),
                    _ => format!("{hint} ({picked} picked)"),
                })
            }
            _ => Some(hint.to_string()),
        }
    }

    /// From a mail or calendar report: reads the same path again, adding the people not in
    /// tiesdesk with contact both ways (`--add-people`). What was captured before is found
    /// again, not added twice.
    pub(super) fn add_unknown_people(&mut self) {
        let Some(done) = self.overlay_as::<ImportDone>() else {
            return;
        };
        let (Imported::Captured(report), Some(request)) = (&done.report, &done.again) else {
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
        let request = ImportRequest {
            add_people: true,
            ..request.clone()
        };
        match self.spawn(request) {
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
                let undo = if report.changed() {
                    self.undo_hint()
                } else {
                    String::new()
                };
                self.status = Some(format!(
                    "Imported {}: {}{undo}",
                    job.file_name,
                    report.summary()
                ));
                self.show(ImportDone::new(job.file_name, report, job.again));
            }
            Err(error) => {
                let mut form = job.form;
                form.error = Some(error.to_string());
                self.show(*form);
            }
        }
        true
    }
}
