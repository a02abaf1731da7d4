//! The weekly review on screen: its agenda as it was when the review began (with what other
//! copies changed since absorbed), where the cursor is, and what was done to each row.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::insight::review::{Agenda, Item, Section, Subject};
use crate::model::PersonId;

/// The weekly review in progress. Its agenda stays as it was when the review began, so the
/// walk does not shift under the cursor; what was done is marked instead. What another copy
/// changes meanwhile is absorbed ([`Review::absorb`]).
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
    /// Rows picked (Space) in the current step, by index: the next action works on them all.
    pub picked: BTreeSet<usize>,
    /// The marks each change made, with what they replaced: undoing the change takes its
    /// marks back, so a row never says "✓ logged" for a log that was undone.
    made: Vec<MadeMarks>,
}

/// What a row's mark is on: the promise, need or date it is about, or its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Marked {
    Person(PersonId),
    Subject(Subject),
}

/// The marks one change made (the journal's id for it), with what each replaced.
#[derive(Debug)]
struct MadeMarks {
    change: i64,
    replaced: Vec<(Marked, Option<Mark>)>,
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
    /// A paper tie kept as it is: finishing the review records it, and reviews stop asking.
    KeptAsIs,
    /// A favour received, thanked for.
    Thanked,
    /// An introduction moved on (made, or they met).
    MovedOn,
    /// Two people seen together: they know each other (a link), or not (dismissed).
    Linked,
    Dismissed,
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
            picked: BTreeSet::new(),
            made: Vec::new(),
        }
    }

    /// Marks `what`; `change` is the journal's id for the change that did it, if it was
    /// one (skipping changes nothing). Returns nothing: the mark is what the row shows.
    pub fn mark(&mut self, what: Marked, mark: Mark, change: Option<i64>) {
        let before = match what {
            Marked::Person(id) => self.marks.insert(id, mark),
            Marked::Subject(subject) => self.subject_marks.insert(subject, mark),
        };
        if mark != Mark::Skipped {
            self.actions += 1;
        }
        let Some(change) = change else {
            return;
        };
        match self.made.last_mut() {
            Some(made) if made.change == change => made.replaced.push((what, before)),
            _ => self.made.push(MadeMarks {
                change,
                replaced: vec![(what, before)],
            }),
        }
    }

    /// `change` was undone: its marks go back to what they were, newest first.
    pub fn undone(&mut self, change: i64) {
        let Some(at) = self.made.iter().rposition(|m| m.change == change) else {
            return;
        };
        let made = self.made.remove(at);
        for (what, before) in made.replaced.into_iter().rev() {
            let map_before = match (what, before) {
                (Marked::Person(id), Some(mark)) => self.marks.insert(id, mark),
                (Marked::Person(id), None) => self.marks.remove(&id),
                (Marked::Subject(s), Some(mark)) => self.subject_marks.insert(s, mark),
                (Marked::Subject(s), None) => self.subject_marks.remove(&s),
            };
            if map_before.is_some_and(|m| m != Mark::Skipped) {
                self.actions = self.actions.saturating_sub(1);
            }
        }
    }

    /// The rows the next action works on: those picked, else the one under the cursor.
    pub fn targets(&self) -> Vec<&crate::insight::review::Item> {
        let Some(section) = self.section() else {
            return Vec::new();
        };
        if self.picked.is_empty() {
            section.items.get(self.selected.at()).into_iter().collect()
        } else {
            (self.picked.iter())
                .filter_map(|&at| section.items.get(at))
                .collect()
        }
    }

    /// Picks or unpicks the row under the cursor.
    pub fn toggle_pick(&mut self) {
        let at = self.selected.at();
        if self.section().is_some_and(|s| at < s.items.len()) && !self.picked.remove(&at) {
            self.picked.insert(at);
        }
    }

    /// Paper ties kept as they are in this review, for finishing to record.
    pub fn kept_as_is(&self) -> Vec<PersonId> {
        let mut kept: Vec<PersonId> = (self.marks.iter())
            .filter(|(_, mark)| **mark == Mark::KeptAsIs)
            .map(|(&id, _)| id)
            .collect();
        kept.sort_unstable();
        kept
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

    /// Another copy changed the file while the review was open: `fresh` is the agenda as it
    /// would be now. What a row is about (a promise, a need, a favour, an introduction, two
    /// people seen together) is dropped when it is no longer open — unless this review marked
    /// it, which stays to say what was done — and what opened elsewhere is added at the end
    /// of its step. Rows about a person stay as picked when the review began (the rotation
    /// of who to reconnect with is not redrawn under the user), fresh figures in their
    /// detail, and go only with the person. Marks, visited steps and the step shown stay.
    pub fn absorb(&mut self, fresh: Agenda, people: &HashSet<PersonId>) {
        let shown = self.section().map(|s| s.step);
        let before_rows = self.section().map(|s| s.items.len());
        let mut fresh_sections = fresh.sections;
        for section in &mut self.agenda.sections {
            let Some(at) = fresh_sections.iter().position(|f| f.step == section.step) else {
                continue;
            };
            let new = fresh_sections.remove(at);
            let key = |item: &Item| (item.person, item.subject);
            let marked = |item: &Item| {
                item.subject
                    .and_then(|s| self.subject_marks.get(&s))
                    .or_else(|| self.marks.get(&item.person))
                    .is_some()
            };
            let mut kept: Vec<Item> = Vec::with_capacity(section.items.len());
            for item in section.items.drain(..) {
                let now = new.items.iter().find(|n| key(n) == key(&item));
                let stays = match (item.subject, now) {
                    (_, Some(_)) => true,
                    (Some(_), None) => marked(&item),
                    (None, None) => people.contains(&item.person),
                };
                if stays {
                    kept.push(now.cloned().unwrap_or(item));
                }
            }
            for item in new.items {
                let opened = item.subject.is_some() && !kept.iter().any(|k| key(k) == key(&item));
                if opened {
                    kept.push(item);
                }
            }
            section.items = kept;
            section.more = new.more;
        }
        self.agenda.week = fresh.week;
        self.agenda.year = fresh.year;
        if let Some(step) = shown {
            self.step = (self.agenda.sections.iter())
                .position(|s| s.step == step)
                .unwrap_or(0);
        }
        let rows = self.section().map_or(0, |s| s.items.len());
        // Picked rows are places in the list: when it changed, they no longer say which.
        if before_rows != Some(rows) {
            self.picked.clear();
        }
        self.selected.keep_within(rows);
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
