//! The operations both front ends call: add, edit, log, undo, list, show, status.

mod describe;
mod import;
mod links;
pub mod resolve;
mod review;
mod transfer;
mod views;

use std::path::Path;

use serde::Serialize;

use crate::config::Config;
use crate::error::Result;
use crate::insight::{self, Due, Figures, Network, OneSided, Status};
use crate::model::date::{day_from_number, day_number};
use crate::model::{
    Day, Direction, Interaction, Kind, NewInteraction, Person, PersonData, PersonId, PersonPatch,
    Size,
};
use crate::store::{LastChange, Store};

pub use describe::describe_log;
pub use import::{DuplicatePair, PeopleImport, Section};
pub use links::{Connections, INTRO_WAYS, IntroReport, IntroTarget, IntroWay, Named, intro_report};
pub use transfer::ImportReport;
pub use views::{Profile, StatusReport};

/// An open database with its config and the day it is evaluated at.
pub struct Desk {
    pub store: Store,
    pub config: Config,
    pub today: Day,
}

/// A person added, and the people already there under the same name (to merge, perhaps).
#[derive(Debug, Clone)]
pub struct Added {
    pub person: Person,
    pub namesakes: Vec<Person>,
}

/// What a log changed: the interaction, the sentence that says so, and any links it made
/// (an introduction you made links the people in it).
#[derive(Debug, Clone)]
pub struct Logged {
    pub interaction: Interaction,
    pub sentence: String,
    pub links: Vec<crate::model::Link>,
}

/// Which people `list` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub due_only: bool,
    pub one_sided_only: bool,
    pub layer: Option<usize>,
    pub search: Option<String>,
}

/// One person with their figures, as `list` shows them.
#[derive(Debug, Clone)]
pub struct Row {
    pub person: Person,
    pub figures: Figures,
}

/// The `list --json` record of a person.
#[derive(Debug, Serialize)]
pub struct RowJson<'a> {
    pub id: PersonId,
    pub name: &'a str,
    pub company: Option<&'a str>,
    pub tags: &'a [String],
    pub status: Status,
    pub layer: Option<usize>,
    pub due: Due,
    pub warmth: f64,
    pub given: u32,
    pub received: u32,
    pub one_sided: Option<OneSided>,
    pub last_contact: Option<Day>,
    pub days_since: Option<i64>,
}

impl Row {
    pub fn json(&self) -> RowJson<'_> {
        let f = &self.figures;
        RowJson {
            id: self.person.id,
            name: self.person.name(),
            company: self.person.data.company.as_deref(),
            tags: &self.person.data.tags,
            status: f.status,
            layer: f.layer,
            due: f.due,
            warmth: (f.warmth * 1000.0).round() / 1000.0,
            given: f.ledger.given,
            received: f.ledger.received,
            one_sided: f.one_sided,
            last_contact: f.last_contact.and_then(day_from_number),
            days_since: f.days_since,
        }
    }
}

impl Desk {
    pub fn open(db: &Path, config: Config, today: Day) -> Result<Desk> {
        Ok(Desk {
            store: Store::open(db)?,
            config,
            today,
        })
    }

    /// The same database, config and day on a new connection that counts as this copy, for
    /// a worker thread (the app's import).
    pub fn open_again(&self) -> Result<Desk> {
        Ok(Desk {
            store: self.store.open_again()?,
            config: self.config.clone(),
            today: self.today,
        })
    }

    pub fn today_number(&self) -> i64 {
        day_number(self.today)
    }

    /// Resolves a name for a change: `#id`/`id:N`, exact, or a unique start (never a guess).
    pub fn resolve(&self, name: &str) -> Result<Person> {
        let people = self.store.people()?;
        resolve::resolve(&people, name).cloned()
    }

    /// Adds a person the user described (typed text: control characters are refused), and
    /// says who was already called the same. Reading everyone for that also means a damaged
    /// file shows itself here, before anything is written.
    pub fn add(&mut self, data: PersonData) -> Result<Added> {
        PersonPatch::between(&PersonData::default(), &data).refuse_controls()?;
        let wanted = resolve::fold(&data.name);
        let namesakes = self
            .store
            .people()?
            .into_iter()
            .filter(|p| resolve::fold(p.name()) == wanted)
            .collect();
        let person = self.store.add_person(data)?;
        Ok(Added { person, namesakes })
    }

    /// Changes the fields `patch` names, and only those, on the person as they are now.
    pub fn edit(&mut self, person: &Person, patch: &PersonPatch) -> Result<Person> {
        let name = patch.name.as_deref().unwrap_or(person.name()).trim();
        let description = format!("Edited {name}");
        patch.refuse_controls()?;
        self.store.update_person(person.id, patch, &description)
    }

    pub fn set_archived(&mut self, person: &Person, archived: bool) -> Result<Person> {
        let verb = if archived { "Archived" } else { "Unarchived" };
        self.store.update_person(
            person.id,
            &PersonPatch::archived(archived),
            &format!("{verb} {}", person.name()),
        )
    }

    /// Logs an interaction; returns it with a sentence saying what was logged.
    pub fn log(
        &mut self,
        people: &[Person],
        direction: Direction,
        kind: Kind,
        size: Size,
        day: Day,
        note: &str,
    ) -> Result<Logged> {
        if note.chars().any(|c| crate::text::is_unsafe(c) && c != '\r') {
            return Err(crate::error::Error::invalid(
                "bad note: it cannot contain control characters (line breaks and tabs are fine)",
            ));
        }
        let names: Vec<&str> = people.iter().map(Person::name).collect();
        let sentence = describe_log(&names, direction, kind, size, day, self.today);
        // An introduction you made: the people you introduced now know each other.
        let mut links = Vec::new();
        if kind == Kind::Intro && direction == Direction::Gave {
            for (i, a) in people.iter().enumerate() {
                for b in &people[i + 1..] {
                    links.extend(crate::model::Link::new(
                        a.id,
                        b.id,
                        crate::model::LinkKind::Knows,
                    ));
                }
            }
        }
        let interaction = self.store.log_interaction_with_links(
            NewInteraction {
                day,
                people: people.iter().map(|p| p.id).collect(),
                kind,
                direction,
                size,
                note: note.to_string(),
            },
            &links,
            &sentence,
        )?;
        Ok(Logged {
            interaction,
            sentence,
            links,
        })
    }

    pub fn undo(&mut self) -> Result<Option<String>> {
        self.store.undo()
    }

    /// Fixes one logged interaction: only what `patch` names changes. Returns it as it is
    /// now, with a sentence that says what it was and what it is.
    pub fn edit_interaction(
        &mut self,
        id: crate::model::InteractionId,
        patch: &crate::model::InteractionPatch,
    ) -> Result<(Interaction, String)> {
        if let Some(note) = &patch.note
            && note.chars().any(|c| crate::text::is_unsafe(c) && c != '\r')
        {
            return Err(crate::error::Error::invalid(
                "bad note: it cannot contain control characters (line breaks and tabs are fine)",
            ));
        }
        if patch.day.is_some_and(|day| day > self.today) {
            return Err(crate::error::Error::invalid(
                "an interaction cannot be in the future",
            ));
        }
        // Only names go into the sentences.
        let people = self.store.people_named()?;
        let today = self.today;
        let mut said = String::new();
        let (before, after) = self.store.edit_interaction(id, patch, |before, after| {
            said = format!(
                "Changed \"{}\" to \"{}\"",
                sentence(before, &people, today),
                sentence(after, &people, today)
            );
            said.clone()
        })?;
        if before == after {
            return Ok((after, "Nothing to change: it already says that.".into()));
        }
        Ok((after, said))
    }

    /// An interaction in words ("Gave Ana Lima a favour on 2026-11-02"), naming its people
    /// from `people`.
    pub fn describe(&self, interaction: &Interaction, people: &[Person]) -> String {
        sentence(interaction, people, self.today)
    }

    /// Deletes one logged interaction; `undo` brings it back.
    pub fn delete_interaction(
        &mut self,
        id: crate::model::InteractionId,
    ) -> Result<(Interaction, String)> {
        let people = self.store.people_named()?;
        let today = self.today;
        let mut said = String::new();
        let deleted = self.store.remove_interaction(id, |before| {
            said = format!("Deleted \"{}\"", sentence(before, &people, today));
            said.clone()
        })?;
        Ok((deleted, said))
    }

    /// The change `undo` would revert now, and whether this copy made it.
    pub fn last_change(&self) -> Result<Option<LastChange>> {
        self.store.last_change()
    }

    /// Reverts the change the user was shown, only if it is still the newest.
    pub fn undo_change(&mut self, id: i64) -> Result<Option<String>> {
        self.store.undo_change(id)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }

    /// What opening the file did that is worth saying once (a mode made private).
    pub fn notices(&self) -> &[String] {
        self.store.notices()
    }

    /// True when the database holds no one.
    pub fn is_empty(&self) -> Result<bool> {
        self.store.is_empty()
    }

    /// People by what was said with them (interaction notes), newest first, each with the
    /// note that matched.
    pub fn note_matches(&self, typed: &str) -> Result<Vec<(PersonId, String)>> {
        self.store.note_matches(typed)
    }

    /// Everyone, archived people included, in id order.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.store.people()
    }

    /// Fills the database with a whole network (the demo) as one undoable change.
    pub fn insert_network(
        &mut self,
        draft: &crate::model::NetworkDraft,
        description: &str,
    ) -> Result<crate::store::Inserted> {
        self.store.insert_network(draft, description)
    }

    /// What is wrong with the database file (nothing, when it is sound).
    pub fn check(&self) -> Result<Vec<String>> {
        self.store.check()
    }

    /// Changes whenever another process commits to the file (see [`Store::data_version`]).
    pub fn data_version(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// Everything the app holds in memory, read in one go: everyone, their histories, and
    /// the day of the last review.
    pub fn snapshot(&self) -> Result<(Vec<Person>, insight::Histories, Option<i64>)> {
        self.store.read(|store| {
            Ok((
                store.people()?,
                store.histories()?,
                store.last_review_day()?,
            ))
        })
    }

    /// The model evaluated over the whole database at `today`.
    pub fn network(&self) -> Result<Network> {
        let histories = self.store.histories()?;
        Ok(insight::evaluate(
            &histories,
            &self.config,
            self.today_number(),
        ))
    }

    /// People with their figures, filtered and ordered: active by rank, then dormant by most
    /// recent contact, then paper ties and archived people by name.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Row>> {
        let network = self.network()?;
        // A list shows names, companies and circles; a search also looks at the other fields.
        let searching = filter
            .search
            .as_deref()
            .is_some_and(|q| !q.trim().is_empty());
        let people = if searching {
            self.store.people()?
        } else {
            self.store.people_for_lookup()?
        };
        let mut rows: Vec<Row> = people
            .into_iter()
            .filter_map(|person| {
                let figures = network.get(person.id)?.clone();
                Some(Row { person, figures })
            })
            .filter(|row| keep(row, filter))
            .collect();
        if let Some(query) = filter.search.as_deref().filter(|q| !q.trim().is_empty()) {
            let people: Vec<&Person> = rows.iter().map(|row| &row.person).collect();
            // Their details, then what was said with them.
            let mut keep: std::collections::HashSet<PersonId> = resolve::search(&people, query)
                .iter()
                .map(|found| found.person.id)
                .collect();
            keep.extend(
                self.store
                    .note_matches(query)?
                    .into_iter()
                    .map(|(id, _)| id),
            );
            rows.retain(|row| keep.contains(&row.person.id));
        }
        rows.sort_by_cached_key(order_key);
        Ok(rows)
    }
}

/// The sentence for an interaction as it stands ("Gave Ana Lima a favour on 2026-11-02").
fn sentence(interaction: &Interaction, people: &[Person], today: Day) -> String {
    let names: Vec<&str> = interaction
        .people
        .iter()
        .filter_map(|id| {
            people
                .binary_search_by_key(id, |p| p.id)
                .ok()
                .map(|i| people[i].name())
        })
        .collect();
    describe_log(
        &names,
        interaction.direction,
        interaction.kind,
        interaction.size,
        interaction.day,
        today,
    )
}

fn keep(row: &Row, filter: &ListFilter) -> bool {
    let f = &row.figures;
    // Archived people appear only when asked for, or in a search.
    let status_ok = match filter.status {
        Some(status) => f.status == status,
        None => f.status != Status::Archived || filter.search.is_some(),
    };
    status_ok
        && (!filter.due_only || f.due != Due::No)
        && (!filter.one_sided_only || f.one_sided.is_some())
        && filter.layer.is_none_or(|layer| f.layer == Some(layer))
}

fn order_key(row: &Row) -> (u8, usize, i64, String) {
    let f = &row.figures;
    let group = match f.status {
        Status::Active => 0,
        Status::Dormant => 1,
        Status::Paper => 2,
        Status::Archived => 3,
    };
    (
        group,
        f.rank.unwrap_or(usize::MAX),
        -f.last_contact.unwrap_or(i64::MIN / 2),
        row.person.name().to_lowercase(),
    )
}
