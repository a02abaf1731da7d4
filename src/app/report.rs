//! A finished import's report as the app holds it: its lines at a width, where it is
//! scrolled, and which unknown correspondent is selected (`import/report.rs` acts on them).

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
    pub selected: crate::app::cursor::Cursor,
    /// The addresses of the rows picked (Space): add, attach and ignore work on them all.
    pub picked: std::collections::BTreeSet<String>,
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
            selected: crate::app::cursor::Cursor::default(),
            picked: std::collections::BTreeSet::new(),
        }
    }

    /// The rows the next action works on, in the report's order: those picked, else the
    /// one selected.
    pub fn targets(&self) -> Vec<&Unknown> {
        if self.picked.is_empty() {
            return self.selected_row().into_iter().collect();
        }
        (self.waiting().into_iter())
            .filter(|row| self.picked.contains(&row.email))
            .collect()
    }

    /// Whether the waiting row at `at` is picked.
    pub fn is_picked(&self, at: usize) -> bool {
        (self.waiting().get(at)).is_some_and(|row| self.picked.contains(&row.email))
    }

    /// Picks the selected row, or lets it go; how many are picked.
    pub fn toggle_pick(&mut self) -> usize {
        if let Some(email) = self.selected_row().map(|row| row.email.clone())
            && !self.picked.remove(&email)
        {
            self.picked.insert(email);
        }
        self.picked.len()
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
        self.waiting().get(self.selected.at()).copied()
    }

    /// Every line of the report, at `width` columns.
    pub fn lines(&self, width: usize) -> Vec<ReportLine> {
        let mut lines = Vec::new();
        let (sections, note) = match &self.report {
            Imported::Document(r) => {
                let counts = if r.held_already {
                    "nothing new: the database already holds this document".to_string()
                } else {
                    r.counts().join(" · ")
                };
                for line in crate::text::wrap(&counts, width) {
                    lines.push(ReportLine::Count(line));
                }
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
                    "{} Days are your days in {}.",
                    r.source.words().kept,
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
        self.selected.step(delta, rows);
        if self.selected == before && delta < 0 {
            // At the first row, up goes on to the counts above.
            self.scroll(delta, height);
            return;
        }
        let lines = self.lines(REPORT_TEXT_WIDTH);
        let at = lines
            .iter()
            .position(|l| matches!(l, ReportLine::Waiting(i, _) if *i == self.selected.at()))
            .unwrap_or(0);
        let height = height.max(1);
        if at < self.top {
            self.top = at;
        } else if at >= self.top + height {
            self.top = at + 1 - height;
        }
    }
}
