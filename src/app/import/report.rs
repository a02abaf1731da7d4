//! What can be done from a finished import's report. A mail or calendar report lists the
//! correspondents tiesdesk does not know as rows to act on, the selected one or those picked
//! with Space: add them, attach the addresses to someone you know (chosen from a search, the
//! same name first), or never list them again (`capture.ignore`). Adding and attaching read
//! the mail again, so what they make countable is captured at once, in one undo with them.

use crate::app::overlay::{Search, SearchPurpose};
use crate::app::report::ImportDone;
use crate::app::state::App;
use crate::error::Result;
use crate::ops::{ImportRequest, Imported, Unknown};

impl App {
    /// Space in a report: picks the selected row (or lets it go) and moves to the next.
    pub(in crate::app) fn pick_report_row(&mut self) {
        let page = self.page;
        let Some(done) = self.overlay_as_mut::<ImportDone>() else {
            return;
        };
        let picked = done.toggle_pick();
        done.step(1, page);
        self.status = Some(match picked {
            0 => "Nothing picked: a, t and x work on the selected row.".into(),
            1 => "1 picked: a, t and x work on it.".into(),
            n => format!("{n} picked: a, t and x work on them all."),
        });
    }

    /// From a mail or calendar report: adds the selected (or picked) correspondents, reading
    /// the mail again so what they were in is captured with them.
    pub(in crate::app) fn add_selected_row(&mut self) {
        let Some(rows) = self.report_rows() else {
            return;
        };
        let keys = rows.iter().map(|row| row.key().to_string()).collect();
        self.capture_again(|request| request.add = keys);
    }

    /// From a mail or calendar report: asks whose address the selected row (or the rows
    /// picked) is, in a search filled with the name the mail gives the first.
    pub(in crate::app) fn open_attach(&mut self) {
        let Some(rows) = self.report_rows() else {
            return;
        };
        let Some(done) = self.take_overlay::<ImportDone>() else {
            return;
        };
        // The name the file gives them; a chat that knows them by number only gives none
        // worth searching for.
        let query = (rows.first())
            .map(|row| {
                (row.name.clone())
                    .filter(|name| crate::import::chat::rules::phone_key(name, None).is_none())
                    .unwrap_or_else(|| match &row.handle {
                        Some(_) => String::new(),
                        None => row.email.split('@').next().unwrap_or_default().to_string(),
                    })
            })
            .unwrap_or_default();
        let purpose = SearchPurpose::Attach {
            emails: rows.iter().map(|row| row.key().to_string()).collect(),
            report: done,
        };
        self.show(Search::new(purpose, &query));
        self.answer_overlay(false);
    }

    /// The person chosen in an attach search gets the addresses, and the mail is read again.
    pub(in crate::app) fn attach_chosen(&mut self) {
        let Some(search) = self.overlay_as::<Search>() else {
            return;
        };
        let SearchPurpose::Attach { emails, .. } = &search.purpose else {
            return;
        };
        let Some(person) = search.chosen().and_then(|i| self.people.get(i)) else {
            self.status = Some("No one chosen: type a name, then enter.".into());
            return;
        };
        let attach = (emails.iter())
            .map(|email| (person.id, email.clone()))
            .collect();
        // The report goes back under the search, for the read to replace.
        self.cancel_overlay();
        self.capture_again(|request| request.attach = attach);
    }

    /// From a mail or calendar report: the selected (or picked) addresses are never listed
    /// again.
    pub(in crate::app) fn ignore_selected_row(&mut self) -> Result<()> {
        let Some(rows) = self.report_rows() else {
            return Ok(());
        };
        let Some(config) = self.config_path.clone() else {
            self.status = Some("No config.toml to write to.".into());
            return Ok(());
        };
        for row in &rows {
            crate::config::add_to_ignore(&config, row.key())?;
            self.desk.config.capture.ignore.push(row.key().to_string());
        }
        if let Some(done) = self.overlay_as_mut::<ImportDone>()
            && let Imported::Captured(report) = &mut done.report
        {
            report
                .unknown
                .retain(|u| !rows.iter().any(|row| row.key() == u.key()));
            report.ignored += rows.len();
            done.picked.clear();
            let left = report.waiting().count();
            done.selected.keep_within(left);
        }
        let which = match rows.as_slice() {
            [one] => one.key().to_string(),
            many => format!("{} addresses", many.len()),
        };
        self.status = Some(format!(
            "{which} will not be listed again (capture.ignore in {}).",
            config.display()
        ));
        Ok(())
    }

    /// The rows of a mail or calendar report the next action works on (picked, else
    /// selected), when the report can be read again.
    fn report_rows(&mut self) -> Option<Vec<Unknown>> {
        let done = self.overlay_as::<ImportDone>()?;
        let rows: Vec<Unknown> = done.targets().into_iter().cloned().collect();
        if rows.is_empty() || done.again.is_none() {
            self.status = Some("No one to act on: this report lists no one unknown.".into());
            return None;
        }
        Some(rows)
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
