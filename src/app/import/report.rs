//! A finished import's report, and what can be done from it. A mail or calendar report lists
//! the correspondents tiesdesk does not know as rows to act on, one at a time: add this one,
//! attach the address to someone you know (chosen from a search, the same name first), or
//! never list it again (`capture.ignore`). Adding and attaching read the mail again, so what
//! they make countable is captured at once, in one undo with them.

use tui_input::Input;

use crate::app::state::{App, Overlay, Search, SearchPurpose};
use crate::error::Result;
use crate::ops::{CaptureReport, ImportRequest, Imported, Unknown};

/// The width of the report's text on a screen wide enough for its box.
pub const REPORT_TEXT_WIDTH: usize = 72;

/// A finished import, for the report.
#[derive(Debug, Clone)]
pub struct ImportDone {
    pub file_name: String,
    pub report: Imported,
    /// A capture's request, to read again adding or attaching people.
    pub again: Option<ImportRequest>,
    /// The first line of the report on screen: it lists every record, and scrolls.
    pub top: usize,
    /// The unknown row selected, among those waiting.
    pub selected: usize,
}

/// One line of the report, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportLine {
    /// The counts at the top.
    Count(String),
    /// A word on what it means.
    Note(String),
    Blank,
    Title(String),
    Item(String),
    /// The unknown row at this index among those waiting.
    Waiting(usize, String),
}

impl ImportDone {
    pub fn new(file_name: String, report: Imported, again: Option<ImportRequest>) -> Self {
        ImportDone {
            file_name,
            report,
            again,
            top: 0,
            selected: 0,
        }
    }

    /// The unknown rows still waiting, for a mail or calendar report.
    pub fn waiting(&self) -> Vec<&Unknown> {
        match &self.report {
            Imported::Captured(report) => report.waiting().collect(),
            Imported::People(_) | Imported::Document(_) => Vec::new(),
        }
    }

    /// The unknown row selected, if the report has any.
    pub fn selected_row(&self) -> Option<&Unknown> {
        self.waiting().get(self.selected).copied()
    }

    /// Every line of the report, at `width` columns.
    pub fn lines(&self, width: usize) -> Vec<ReportLine> {
        let mut lines = Vec::new();
        let (sections, note) = match &self.report {
            Imported::Document(r) => {
                lines.push(ReportLine::Count(if r.held_already {
                    "nothing new: the database already holds this document".to_string()
                } else {
                    format!(
                        "{} people · {} interactions · {} links · {} reviews · {} promises · \
                         {} needs · {} dates",
                        r.people, r.interactions, r.links, r.reviews, r.promises, r.needs, r.dates
                    )
                }));
                let note = if r.cleaned > 0 {
                    format!(
                        "Control or invisible characters were removed from {} of its values.",
                        r.cleaned
                    )
                } else {
                    "Restored as it was exported.".to_string()
                };
                (Vec::new(), note)
            }
            Imported::People(r) => {
                lines.push(ReportLine::Count(r.counts(" · ")));
                let note = if r.added.is_empty() {
                    "No one new: everyone in the file was already here."
                } else {
                    "New people are paper ties until you log something with them."
                };
                let sections = r
                    .sections()
                    .into_iter()
                    .map(|(section, items)| (section.title().to_string(), items))
                    .collect();
                (sections, note.to_string())
            }
            Imported::Captured(r) => {
                let counts = format!("{} · {}", r.found(), r.counts(" · "));
                for line in crate::text::wrap(&counts, width) {
                    lines.push(ReportLine::Count(line));
                }
                for tally in r.tallies() {
                    for line in crate::text::wrap(&tally, width) {
                        lines.push(ReportLine::Note(line));
                    }
                }
                let note = format!(
                    "Headers and invitations only; none of their text is kept. Days are your \
                     days in {}.",
                    r.zone
                );
                (r.counted_sections(), note)
            }
        };
        for line in crate::text::wrap(&note, width) {
            lines.push(ReportLine::Note(line));
        }
        for (title, items) in sections {
            lines.push(ReportLine::Blank);
            lines.push(ReportLine::Title(title));
            lines.extend(items.into_iter().map(ReportLine::Item));
        }
        if let Imported::Captured(report) = &self.report {
            let waiting: Vec<&Unknown> = report.waiting().collect();
            if !waiting.is_empty() {
                lines.push(ReportLine::Blank);
                lines.push(ReportLine::Title(report.waiting_title().to_string()));
                for (at, row) in waiting.into_iter().enumerate() {
                    lines.push(ReportLine::Waiting(at, CaptureReport::waiting_line(row)));
                    if let Some(same) = CaptureReport::same_name_line(row) {
                        lines.push(ReportLine::Item(format!("           ↳ {same}")));
                    }
                }
            }
        }
        lines
    }

    /// How many lines the report takes.
    pub fn line_count(&self) -> usize {
        self.lines(REPORT_TEXT_WIDTH).len()
    }

    /// Scrolls by `delta` lines, as far as the last screenful of `height` lines.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let last = self.line_count().saturating_sub(height.max(1)) as isize;
        self.top = (self.top as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Moves the selection among the waiting rows by `delta`, keeping it on screen; a
    /// report without rows scrolls instead.
    pub fn step(&mut self, delta: isize, height: usize) {
        let rows = self.waiting().len();
        if rows == 0 {
            self.scroll(delta, height);
            return;
        }
        let before = self.selected;
        self.selected = (self.selected as isize + delta).clamp(0, rows as isize - 1) as usize;
        if self.selected == before && delta < 0 {
            // At the first row, up goes on to the counts above.
            self.scroll(delta, height);
            return;
        }
        let lines = self.lines(REPORT_TEXT_WIDTH);
        let at = lines
            .iter()
            .position(|l| matches!(l, ReportLine::Waiting(i, _) if *i == self.selected))
            .unwrap_or(0);
        let height = height.max(1);
        if at < self.top {
            self.top = at;
        } else if at >= self.top + height {
            self.top = at + 1 - height;
        }
    }
}

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
        let Some(Overlay::ImportDone(done)) = self.overlay.take() else {
            return;
        };
        let query = row
            .name
            .clone()
            .unwrap_or_else(|| row.email.split('@').next().unwrap_or_default().to_string());
        self.overlay = Some(Overlay::Search(Search {
            purpose: SearchPurpose::Attach {
                email: row.email.clone(),
                report: done,
            },
            query: Input::new(query),
            results: Vec::new(),
            selected: 0,
        }));
        self.run_search();
    }

    /// The person chosen in an attach search gets the address, and the mail is read again.
    pub(in crate::app) fn attach_chosen(&mut self) {
        let Some(Overlay::Search(search)) = &self.overlay else {
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
        self.close_attach();
        self.capture_again(|request| request.attach = attach);
    }

    /// Leaves an attach search for the report it came from.
    pub(in crate::app) fn close_attach(&mut self) {
        if let Some(Overlay::Search(search)) = self.overlay.take()
            && let SearchPurpose::Attach { report, .. } = search.purpose
        {
            self.overlay = Some(Overlay::ImportDone(report));
        }
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
        if let Some(Overlay::ImportDone(done)) = &mut self.overlay
            && let Imported::Captured(report) = &mut done.report
        {
            report.unknown.retain(|u| u.email != row.email);
            report.ignored += 1;
            let rows = report.waiting().count();
            done.selected = done.selected.min(rows.saturating_sub(1));
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
        let Some(Overlay::ImportDone(done)) = &self.overlay else {
            return None;
        };
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
        let Some(Overlay::ImportDone(done)) = &self.overlay else {
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
