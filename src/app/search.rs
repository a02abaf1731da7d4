//! Search everyone as you type, and merging two records of a person (chosen by a search).

use super::forms::Suggestion;
use super::overlay::{Confirm, Pending, Search, SearchHit, SearchPurpose};
use super::state::{App, Screen};
use crate::error::Result;
use crate::model::{Person, PersonId};
use crate::ops::resolve;

/// How many search results are kept.
const SEARCH_RESULTS: usize = 200;
/// Notes are searched from this many characters typed.
const NOTE_QUERY_MIN: usize = 3;

/// How many people a name field offers (all the namesakes of the first, when more).
const OFFERED: usize = 5;

impl App {
    /// Tab in a search: picks the highlighted person (or lets them go) and moves down, as
    /// fzf's multi-select does.
    pub(super) fn pick_search_result(&mut self) {
        let page = self.page;
        let Some(search) = self.overlay_as_mut::<Search>() else {
            return;
        };
        if !matches!(search.purpose, SearchPurpose::Open) {
            return;
        }
        let picked = search.toggle_pick();
        super::state::Component::step(search, 1, page);
        self.status = Some(match picked {
            0 => "Nothing picked: enter opens the person.".into(),
            1 => "1 picked: enter logs with them (tab picks more).".into(),
            n => format!("{n} picked: enter logs with them all, as one time together."),
        });
    }

    /// Enter in a search with people picked: the log form, with all of them in it (met, by
    /// default: a dinner with three friends is one log). False when no one is picked.
    pub(super) fn log_with_picked(&mut self) -> bool {
        let Some(search) = self.overlay_as::<Search>() else {
            return false;
        };
        if search.picked.is_empty() {
            return false;
        }
        let people: Vec<(PersonId, String)> = (search.picked.iter())
            .filter_map(|&id| self.person(id).map(|p| (id, p.name().to_string())))
            .collect();
        self.overlay = None;
        let mut form = super::forms::LogForm::new(None, crate::model::Direction::Mutual);
        let (who, chosen) = super::forms::PeopleField::filled(&people);
        form.who = who;
        form.people = chosen;
        form.field = super::forms::LogField::Kind;
        self.show(form);
        true
    }

    /// The people offered for a name being typed, best first (the search's order by name:
    /// exact, word starts, fuzzy; the closest first within each), archived people and
    /// `except` left out. When several share a name, each says what tells them apart.
    pub(super) fn offer(&self, typed: &str, except: Option<PersonId>) -> Vec<Suggestion> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Vec::new();
        }
        let candidates: Vec<&Person> = (self.people.iter())
            .filter(|p| !p.data.archived && Some(p.id) != except)
            .collect();
        // Enough to hold every namesake of the first.
        let found = resolve::complete(&candidates, typed, |p| self.closeness(p.id), 50);
        let first = found.first().map(|p| p.name().to_string());
        let namesakes_of_first = found
            .iter()
            .take_while(|p| Some(p.name()) == first.as_deref())
            .count();
        let offered: Vec<&Person> = found
            .into_iter()
            .take(OFFERED.max(namesakes_of_first))
            .collect();
        let shared = |name: &str| offered.iter().filter(|p| p.name() == name).count() > 1;
        offered
            .iter()
            .map(|p| Suggestion {
                id: p.id,
                name: p.name().to_string(),
                tells: shared(p.name()).then(|| self.tells(p)),
            })
            .collect()
    }

    /// What tells someone from a namesake: their company (or role, or first address, else
    /// their id), and how close they are when they are not active.
    fn tells(&self, person: &Person) -> String {
        let data = &person.data;
        let what = (data.company.clone())
            .or_else(|| data.role.clone())
            .or_else(|| data.emails.first().cloned())
            .unwrap_or_else(|| format!("#{}", person.id));
        let status = self
            .index_of(person.id)
            .and_then(|i| self.figures(i))
            .map(|f| f.status);
        match status {
            Some(crate::insight::Status::Paper) => format!("{what} · paper tie"),
            Some(crate::insight::Status::Dormant) => format!("{what} · dormant"),
            Some(crate::insight::Status::New) => format!("{what} · nothing logged yet"),
            _ => what,
        }
    }

    /// Opens a search for another record of the current person, prefilled with their name.
    pub(super) fn open_merge_search(&mut self) {
        if let Some(person) = self.current_person() {
            let search = Search::new(SearchPurpose::MergeInto(person.id), person.name());
            self.show(search);
            self.answer_overlay(false);
        }
    }

    /// The person chosen in a merge search: asks before folding them into `keep`.
    pub(super) fn ask_merge(&mut self, keep: PersonId) {
        let Some(search) = self.overlay_as::<Search>() else {
            return;
        };
        let chosen = search.chosen().and_then(|i| self.people.get(i));
        if let (Some(other), Some(kept)) = (chosen, self.person(keep)) {
            let about = |p: &crate::model::Person| match &p.data.company {
                Some(company) => format!("#{} {} ({company})", p.id, p.name()),
                None => format!("#{} {}", p.id, p.name()),
            };
            self.show(Confirm {
                question: format!(
                    "Merge {} into {}? Their interactions, links and details move over.",
                    about(other),
                    about(kept)
                ),
                pending: Pending::Merge {
                    keep,
                    other: other.id,
                },
            });
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
                entry: super::cursor::Cursor::default(),
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

    /// The people a search finds for `query`: by name, company, circle, then by what was
    /// said with them (newest first). A merge search leaves out the person being kept.
    pub(super) fn search_results(&self, purpose: &SearchPurpose, query: &str) -> Vec<SearchHit> {
        let query = query.trim();
        let skip = match purpose {
            SearchPurpose::MergeInto(keep) => self.index_of(*keep),
            SearchPurpose::Open | SearchPurpose::Attach { .. } => None,
        };
        if query.is_empty() {
            return Vec::new();
        }
        let people = &self.people;
        let candidates: Vec<&crate::model::Person> = (0..people.len())
            .filter(|&i| Some(i) != skip)
            .filter_map(|i| people.get(i))
            .collect();
        let mut results: Vec<SearchHit> =
            resolve::search_best(&candidates, query, |p| self.closeness(p.id), SEARCH_RESULTS)
                .into_iter()
                .take(SEARCH_RESULTS)
                .filter_map(|found| {
                    let index = people
                        .binary_search_by_key(&found.person.id, |q| q.id)
                        .ok()?;
                    Some(SearchHit {
                        index,
                        id: found.person.id,
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
            for (id, note) in self.desk.note_matches(query).unwrap_or_default() {
                let Ok(index) = people.binary_search_by_key(&id, |q| q.id) else {
                    continue;
                };
                if Some(index) == skip || !found.insert(index) {
                    continue;
                }
                let said = note.split_whitespace().collect::<Vec<_>>().join(" ");
                results.push(SearchHit {
                    index,
                    id,
                    matched: Some(format!("said: {said}")),
                });
                if results.len() >= SEARCH_RESULTS {
                    break;
                }
            }
        }
        results
    }
}
