//! What can be done from a finished import's report. A mail or calendar report lists the
//! correspondents tiesdesk does not know as rows to act on, one at a time: add this one,
//! attach the address to someone you know (chosen from a search, the same name first), or
//! never list it again (`capture.ignore`). Adding and attaching read the mail again, so what
//! they make countable is captured at once, in one undo with them.

use crate::app::overlay::{Search, SearchPurpose};
use crate::app::report::ImportDone;
use crate::app::state::App;
use crate::error::Result;
use crate::ops::{ImportRequest, Imported, Unknown};

impl App {
    /// From a mail or calendar report: adds the selected correspondent, reading the mail
    /// again so what they were in is captured with them.
    pub(in crate::app) fn add_selected_row(&mut self) {
        let Some((row, _)) = self.report_row() else {
            return;
        };
        self.capture_again(|request| request.add = vec![row.email.clone()]);
    }

    /// From a mail or calendar report: asks whose address the selected row is, in a search
    /// filled with the name the mail gives them.
    pub(in crate::app) fn open_attach(&mut self) {
        let Some((row, _)) = self.report_row() else {
            return;
        };
        let Some(done) = self.take_overlay::<ImportDone>() else {
            return;
        };
        let query = row
            .name
            .clone()
            .unwrap_or_else(|| row.email.split('@').next().unwrap_or_default().to_string());
        let purpose = SearchPurpose::Attach {
            email: row.email.clone(),
            report: done,
        };
        self.show(Search::new(purpose, &query));
        self.answer_overlay(false);
    }

    /// The person chosen in an attach search gets the address, and the mail is read again.
    pub(in crate::app) fn attach_chosen(&mut self) {
        let Some(search) = self.overlay_as::<Search>() else {
            return;
        };
        let SearchPurpose::Attach { email, .. } = &search.purpose else {
            return;
        };
        let Some(person) = search.chosen().and_then(|i| self.people.get(i)) else {
            self.status = Some("No one chosen: type a name, then enter.".into());
            return;
        };
        let attach = vec![(person.id, email.clone())];
        // The report goes back under the search, for the read to replace.
        self.cancel_overlay();
        self.capture_again(|request| request.attach = attach);
    }

    /// From a mail or calendar report: the selected address is never listed again.
    pub(in crate::app) fn ignore_selected_row(&mut self) -> Result<()> {
        let Some((row, _)) = self.report_row() else {
            return Ok(());
        };
        let Some(config) = self.config_path.clone() else {
            self.status = Some("No config.toml to write to.".into());
            return Ok(());
        };
        crate::config::add_to_ignore(&config, &row.email)?;
        self.desk.config.capture.ignore.push(row.email.clone());
        if let Some(done) = self.overlay_as_mut::<ImportDone>()
            && let Imported::Captured(report) = &mut done.report
        {
            report.unknown.retain(|u| u.email != row.email);
            report.ignored += 1;
            let rows = report.waiting().count();
            done.selected.keep_within(rows);
        }
        self.status = Some(format!(
            "{} will not be listed again (capture.ignore in {}).",
            row.email,
            config.display()
        ));
        Ok(())
    }

    /// The selected row of a mail or calendar report, with the capture to read again.
    fn report_row(&mut self) -> Option<(Unknown, ImportRequest)> {
        let done = self.overlay_as::<ImportDone>()?;
        let again = done.again.clone();
        let row = done.selected_row().cloned();
        match (row, again) {
            (Some(row), Some(again)) => Some((row, again)),
            _ => {
                self.status = Some("No one to act on: this report lists no one unknown.".into());
                None
            }
        }
    }

    /// Reads the report's mail or calendar again, its request changed by `change`.
    fn capture_again(&mut self, change: impl FnOnce(&mut ImportRequest)) {
        let Some(done) = self.overlay_as::<ImportDone>() else {
            return;
        };
        let Some(mut request) = done.again.clone() else {
            return;
        };
        change(&mut request);
        match self.spawn(request) {
            Ok(job) => {
                self.overlay = None;
                self.job = Some(job);
            }
            Err(error) => self.status = Some(error.to_string()),
        }
    }
}
