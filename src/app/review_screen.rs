//! The weekly review on screen: its agenda as it was when the review began, where the cursor
//! is, and what was done to each row.

use std::collections::{HashMap, HashSet};

use crate::insight::review::{Agenda, Section, Subject};
use crate::model::PersonId;

/// The weekly review in progress. Its agenda stays as it was when the review began, so the
/// walk does not shift under the cursor; what was done is marked instead.
#[derive(Debug)]
pub struct Review {
    pub agenda: Agenda,
    /// Index into `agenda.sections`.
    pub step: usize,
    /// Index into the current step's items.
    pub selected: crate::app::cursor::Cursor,
    pub marks: HashMap<PersonId, Mark>,
    /// What happened to the promises, needs and dates items are about.
    pub subject_marks: HashMap<Subject, Mark>,
    /// Steps that were shown, so finishing knows what was seen.
    pub visited: HashSet<usize>,
    pub actions: usize,
}

/// What happened to a review item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Logged,
    Snoozed,
    Skipped,
    Archived,
    /// A promise kept, dropped, or given another week.
    Kept,
    Dropped,
    Moved,
}

impl Review {
    pub fn new(agenda: Agenda) -> Review {
        Review {
            agenda,
            step: 0,
            selected: crate::app::cursor::Cursor::default(),
            marks: HashMap::new(),
            subject_marks: HashMap::new(),
            visited: HashSet::from([0]),
            actions: 0,
        }
    }

    pub fn section(&self) -> Option<&Section> {
        self.agenda.sections.get(self.step)
    }

    pub fn selected_person(&self) -> Option<PersonId> {
        self.section()?
            .items
            .get(self.selected.at())
            .map(|i| i.person)
    }

    /// The promise, need or date the selected item is about.
    pub fn selected_subject(&self) -> Option<Subject> {
        self.section()?.items.get(self.selected.at())?.subject
    }

    /// What happened to `item`: to what it is about, else to its person.
    pub fn mark_of(&self, item: &crate::insight::review::Item) -> Option<Mark> {
        item.subject
            .and_then(|s| self.subject_marks.get(&s))
            .or_else(|| self.marks.get(&item.person))
            .copied()
    }

    /// Everyone shown in the steps visited.
    pub fn seen(&self) -> usize {
        self.visited
            .iter()
            .filter_map(|&s| self.agenda.sections.get(s))
            .map(|s| s.items.len())
            .sum()
    }
}
