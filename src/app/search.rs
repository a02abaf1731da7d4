//! Search everyone as you type, and merging two records of a person (chosen by a search).

use tui_input::Input;

use super::state::{App, Confirm, Overlay, Pending, Screen, Search, SearchHit, SearchPurpose};
use crate::error::Result;
use crate::model::PersonId;
use crate::ops::resolve;

/// How many search results are kept.
const SEARCH_RESULTS: usize = 200;
/// Notes are searched from this many characters typed.
const NOTE_QUERY_MIN: usize = 3;

impl App {
    /// Opens a search for another record of the current person, prefilled with their name.
    pub(super) fn open_merge_search(&mut self) {
        if let Some(person) = self.current_person() {
            self.overlay = Some(Overlay::Search(Search {
                purpose: SearchPurpose::MergeInto(person.id),
                query: Input::new(person.name().to_string()),
                results: Vec::new(),
                selected: 0,
            }));
            self.run_search();
        }
    }

    /// The person chosen in a merge search: asks before folding them into `keep`.
    pub(super) fn ask_merge(&mut self, keep: PersonId) {
        let Some(Overlay::Search(search)) = &self.overlay else {
            return;
        };
        let chosen = search.chosen().and_then(|i| self.people.get(i));
        if let (Some(other), Some(kept)) = (chosen, self.person(keep)) {
            let about = |p: &crate::model::Person| match &p.data.company {
                Some(company) => format!("#{} {} ({company})", p.id, p.name()),
                None => format!("#{} {}", p.id, p.name()),
            };
            self.overlay = Some(Overlay::Confirm(Confirm {
                question: format!(
                    "Merge {} into {}? Their interactions, links and details move over.",
                    about(other),
                    about(kept)
                ),
                pending: Pending::Merge {
                    keep,
                    other: other.id,
                },
            }));
        }
    }

    /// Folds `other` into `keep`, then shows `keep`.
    pub(super) fn merge(&mut self, keep: PersonId, other: PersonId) -> Result<()> {
        let find = |id| self.person(id).cloned();
        let (Some(kept), Some(gone)) = (find(keep), find(other)) else {
            return Ok(());
        };
        let merged = self.desk.merge(&kept, &gone)?;
        self.reload()?;
        if let Some(profile) = self.profile(keep)? {
            self.screen = Screen::Person {
                profile: Box::new(profile),
                entry: 0,
            };
        }
        self.status = Some(format!(
            "Merged #{} {} into {}: {} interactions moved{}",
            gone.id,
            gone.name(),
            kept.name(),
            merged.interactions,
            self.undo_hint()
        ));
        Ok(())
    }

    pub(super) fn run_search(&mut self) {
        let Some(Overlay::Search(search)) = &mut self.overlay else {
            return;
        };
        let query = search.query.value().trim().to_string();
        let skip = match &search.purpose {
            SearchPurpose::MergeInto(keep) => self.people.binary_search_by_key(keep, |p| p.id).ok(),
            SearchPurpose::Open | SearchPurpose::Attach { .. } => None,
        };
        search.selected = 0;
        if query.is_empty() {
            search.results = Vec::new();
            return;
        }
        let people = &self.people;
        let candidates: Vec<&crate::model::Person> = (0..people.len())
            .filter(|&i| Some(i) != skip)
            .filter_map(|i| people.get(i))
            .collect();
        let mut results: Vec<SearchHit> = resolve::search(&candidates, &query)
            .into_iter()
            .take(SEARCH_RESULTS)
            .filter_map(|found| {
                let index = people
                    .binary_search_by_key(&found.person.id, |q| q.id)
                    .ok()?;
                Some(SearchHit {
                    index,
                    matched: found.matched(),
                })
            })
            .collect();
        // Then people by what was said with them, newest first. A short start matches too
        // much to be worth a look in every note.
        if query.chars().count() >= NOTE_QUERY_MIN && results.len() < SEARCH_RESULTS {
            let mut found: std::collections::HashSet<usize> =
                results.iter().map(|hit| hit.index).collect();
            // A file that cannot be searched this way (read-only, older) has no note hits.
            for (id, note) in self.desk.note_matches(&query).unwrap_or_default() {
                let Ok(index) = people.binary_search_by_key(&id, |q| q.id) else {
                    continue;
                };
                if Some(index) == skip || !found.insert(index) {
                    continue;
                }
                let said = note.split_whitespace().collect::<Vec<_>>().join(" ");
                results.push(SearchHit {
                    index,
                    matched: Some(format!("said: {said}")),
                });
                if results.len() >= SEARCH_RESULTS {
                    break;
                }
            }
        }
        if let Some(Overlay::Search(search)) = &mut self.overlay {
            search.results = results;
        }
    }
}
