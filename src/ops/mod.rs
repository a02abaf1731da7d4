//! The operations both front ends call: add, edit, log, undo, list, show, status.

mod board;
mod capture;
mod check;
mod dates;
mod describe;
mod import;
mod introductions;
mod links;
mod list;
mod needs;
mod offers;
mod openings;
mod pipeline;
mod promises;
mod reads;
pub mod resolve;
mod review;
mod sync;
mod sync_care;
mod sync_io;
mod thanks;
mod today;
mod together;
mod transfer;
mod views;

use std::path::Path;

use crate::config::Config;
use crate::error::Result;
use crate::insight::{self, Network};
use crate::model::date::day_number;
use crate::model::{
    Day, Direction, Interaction, Kind, NameCard, NewInteraction, Person, PersonData, PersonId,
    PersonPatch, Size,
};
use crate::store::Store;
pub use crate::store::{LastChange, Problem, Waiting};

pub use board::Board;
pub use capture::{Candidate, CaptureOptions, CaptureReport, Unknown};
pub use check::{CheckReport, TableProblems};
pub use dates::{DATES_AHEAD, Upcoming, when};
pub use describe::describe_log;
pub use import::{DuplicatePair, MergedRecord, PeopleImport, Section};
pub use introductions::IntroStep;
pub use links::{Connections, INTRO_WAYS, IntroReport, IntroTarget, IntroWay, Named, intro_report};
pub use list::{ListFilter, Listing, RowJson};
pub use needs::{HELPERS_LISTED, HELPERS_SHOWN, HelperWay, ListedNeed};
pub use offers::{ListedOffer, OfferFit};
pub use openings::{OfferFor, Openings};
pub use pipeline::{ImportRequest, Imported, Opened, open_import};
pub use promises::{ListedPromise, PromiseSummary};
pub use resolve::NameChoice;
pub use sync::{DeviceStatus, SyncReport, SyncStatus, check_folder};
pub use sync_care::Forgotten;
pub use thanks::{THANKS_AFTER_DAYS, THANKS_WITHIN_DAYS, Unthanked};
pub use today::{Morning, ReachOut, ReviewDue};
pub use together::{SuggestedLink, TOGETHER_AT_LEAST, TOGETHER_AT_MOST_PEOPLE};
pub use transfer::DocumentImport;
pub use views::{Profile, StatusReport};

/// An open database with its config and the day it is evaluated at.
pub struct Desk {
    store: Store,
    pub config: Config,
    pub today: Day,
}

/// What the app holds in memory (see [`Desk::held`]).
#[derive(Debug, Clone)]
pub struct Held {
    /// Everyone, in id order.
    pub people: Vec<Person>,
    pub histories: insight::Histories,
    /// The day of the last review (days since 1970-01-01).
    pub last_review: Option<i64>,
    /// Weeks in a row with a finished review.
    pub streak: usize,
    pub promises: PromiseSummary,
    /// Birthdays and yearly dates in the next two weeks.
    pub upcoming: Vec<Upcoming>,
    pub graph: insight::intro::LinkGraph,
    /// What is open with each person: what a one-sided tie's invitation names.
    pub openings: Openings,
    /// Favours received and not thanked for yet, oldest first.
    pub unthanked: Vec<Unthanked>,
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

impl Desk {
    pub fn open(db: &Path, config: Config, today: Day) -> Result<Desk> {
        Desk::open_telling(db, config, today, &|_, _| {})
    }

    /// [`Desk::open`], telling `updating` of a schema update (from, to) before it begins:
    /// at five million interactions it takes seconds.
    pub fn open_telling(
        db: &Path,
        config: Config,
        today: Day,
        updating: &dyn Fn(i64, i64),
    ) -> Result<Desk> {
        Ok(Desk {
            store: Store::open_telling(db, updating)?,
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

    /// How this desk's writes wait while another copy writes (a long import).
    pub fn set_waiting(&mut self, waiting: crate::store::Waiting) {
        self.store.set_waiting(waiting);
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
        if crate::model::patch::note_has_controls(note) {
            return Err(crate::error::Error::invalid(
                "bad note: it cannot contain control or invisible characters (line breaks and \
                 tabs are fine)",
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
            && crate::model::patch::note_has_controls(note)
        {
            return Err(crate::error::Error::invalid(
                "bad note: it cannot contain control or invisible characters (line breaks and \
                 tabs are fine)",
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

    /// Remembers damage a command met (SQLite said "corrupt"): writes stop until a check.
    pub fn remember_damage(&self, what: &str) {
        self.store.remember_damage(what);
    }

    /// Changes whenever another process commits to the file (see [`Store::data_version`]).
    pub fn data_version(&self) -> Result<i64> {
        self.store.data_version()
    }

    /// Everything the app holds in memory, read in one read transaction (one moment, while
    /// other copies write): everyone, their histories, the reviews' streak, promises, the
    /// coming dates and who knows whom.
    pub fn held(&self) -> Result<Held> {
        self.store.read(|store| {
            let people = store.people()?;
            let ids: Vec<PersonId> = people.iter().map(|p| p.id).collect();
            let unthanked = thanks::unthanked_in(store, self.today_number())?;
            Ok(Held {
                histories: store.histories()?,
                last_review: store.last_review_day()?,
                streak: self.streak()?,
                promises: self.promise_summary()?,
                upcoming: self.upcoming(DATES_AHEAD)?,
                graph: insight::intro::LinkGraph::new(&ids, store.link_pairs()?),
                openings: openings::openings(store, &unthanked)?,
                unthanked,
                people,
            })
        })
    }

    /// The model evaluated over the whole database at `today`.
    pub fn network(&self) -> Result<Network> {
        self.network_in(&self.store)
    }

    /// `network`, read through `store` (inside its read transaction).
    fn network_in(&self, store: &Store) -> Result<Network> {
        Ok(self.evaluate(&store.histories()?))
    }

    /// The model over `histories` at `today`.
    fn evaluate(&self, histories: &insight::Histories) -> Network {
        insight::evaluate(histories, &self.config, self.today_number())
    }

    /// The model over `histories`, evaluated on a second thread while `meanwhile` reads the
    /// rest of what a command shows on this one (the connection stays on this thread, in its
    /// read transaction). On two cores `list` then waits for the slower of the two, not both.
    /// Without a second thread, one after the other.
    fn evaluate_while<T>(
        &self,
        histories: &insight::Histories,
        meanwhile: impl FnOnce() -> Result<T>,
    ) -> Result<(Network, T)> {
        let (config, today) = (&self.config, self.today_number());
        std::thread::scope(|scope| {
            let model = std::thread::Builder::new()
                .name("model".into())
                .spawn_scoped(scope, move || insight::evaluate(histories, config, today));
            let Ok(model) = model else {
                return Ok((self.evaluate(histories), meanwhile()?));
            };
            let other = meanwhile();
            // A panic in the model is a bug, met the same way as without a thread.
            let network = model
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Ok((network, other?))
        })
    }
}

/// The sentence for an interaction as it stands ("Gave Ana Lima a favour on 2026-11-02").
fn sentence<P: NameCard>(interaction: &Interaction, people: &[P], today: Day) -> String {
    let names: Vec<&str> = interaction
        .people
        .iter()
        .filter_map(|id| {
            people
                .binary_search_by_key(id, |p| p.id())
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
