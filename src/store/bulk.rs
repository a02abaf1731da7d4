//! Writing a whole batch (the demo, an import) in one transaction, fast.

use super::next_id;
use rusqlite::{Transaction, params};

use super::histories::{pack_all, write_history};
use super::interaction_rows::{write_contact_row, write_interaction_row};
use super::journal::{BatchStart, UndoStep, record};
use super::people::{load_person, patch_person, upsert_person};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::insight::Contact;
use crate::model::{
    InteractionId, Link, NetworkDraft, Person, PersonId, PersonPatch, Progress, Stage,
};

/// What a batch added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted {
    pub first_person: PersonId,
    pub people: usize,
    pub interactions: usize,
    pub links: usize,
}

/// From this many participant rows on, a batch rebuilds the index instead of filling it.
const LARGE_BATCH: usize = 50_000;

fn check_index(index: usize, len: usize, what: &str) -> Result<()> {
    if index >= len {
        return Err(Error::invalid(format!(
            "{what} refers to person {index}, who is not in the batch"
        )));
    }
    Ok(())
}

/// Writes `draft` inside `tx`; returns what was added and the step that takes it out again.
fn insert_batch(
    tx: &Transaction,
    draft: &NetworkDraft,
    progress: &Progress,
    done_before: usize,
) -> Result<(Inserted, UndoStep)> {
    let count = draft.people.len();
    let mut people = Vec::with_capacity(count);
    for data in &draft.people {
        if let Some(introducer) = data.introduced_by {
            check_index(
                usize::try_from(introducer).unwrap_or(usize::MAX),
                count,
                "an introduction",
            )?;
        }
        people.push(data.clone().normalized()?);
    }
    for interaction in &draft.interactions {
        if interaction.people.is_empty() {
            return Err(Error::invalid("an interaction needs at least one person"));
        }
        for &index in &interaction.people {
            check_index(index, count, "an interaction")?;
        }
    }
    let next = |table: &str| next_id(tx, table);
    let first_person = next("person")?;
    let first_interaction = next("interaction")?;
    let id_of = |index: usize| first_person + index as i64;
    let now = timestamp();
    // People may name an introducer who comes later in the batch. Everyone is written
    // first and the introducers after, so every reference points at a row that exists.
    // (Deferring the foreign-key check instead makes SQLite scan the table on each
    // insert while a reference is pending: quadratic, 30 s at 30,000 people.)
    let mut introductions = Vec::new();
    for (index, mut data) in people.into_iter().enumerate() {
        if index % 256 == 0 {
            progress.set(done_before + index);
        }
        if let Some(introducer) = data.introduced_by.take() {
            introductions.push((id_of(index), first_person + introducer));
        }
        let person = Person {
            id: id_of(index),
            data,
            created_at: now.clone(),
            updated_at: now.clone(),
        };
        upsert_person(tx, &person)?;
    }
    {
        let mut introduce =
            tx.prepare_cached("UPDATE person SET introduced_by = ?2 WHERE id = ?1")?;
        for (person, introducer) in introductions {
            introduce.execute(params![person, introducer])?;
        }
    }

    // Ids follow the draft's order, so a document restores exactly as it was written.
    let mut contacts: Vec<(PersonId, InteractionId, Contact)> =
        Vec::with_capacity(draft.interactions.len() * 11 / 10);
    for (position, interaction) in draft.interactions.iter().enumerate() {
        let id = first_interaction + position as i64;
        let figures = write_interaction_row(tx, id, interaction.into(), &now)?;
        let mut seen: Vec<usize> = Vec::with_capacity(interaction.people.len());
        for &person in &interaction.people {
            if !seen.contains(&person) {
                seen.push(person);
                contacts.push((id_of(person), id, figures));
            }
        }
    }
    // The contact table is clustered by (person, day): inserting in that order appends,
    // and each person's rows, in that order, are exactly their new history.
    contacts.sort_unstable_by_key(|&(person, id, figures)| (person, figures.day, id));
    // The index by interaction would take each row at a random place; for a large
    // batch it is cheaper to build it once, after the rows are in.
    let rebuild_index = contacts.len() >= LARGE_BATCH;
    if rebuild_index {
        tx.execute_batch("DROP INDEX contact_interaction")?;
    }
    for &(person, id, figures) in &contacts {
        write_contact_row(tx, person, id, &figures)?;
    }
    if rebuild_index {
        tx.execute_batch("CREATE INDEX contact_interaction ON contact (interaction_id)")?;
    }
    for same_person in contacts.chunk_by(|a, b| a.0 == b.0) {
        let blob = pack_all(same_person.iter().map(|(_, _, figures)| figures));
        write_history(tx, same_person[0].0, &blob)?;
    }

    let mut links = Vec::with_capacity(draft.links.len());
    for link in &draft.links {
        check_index(link.a.max(link.b), count, "a link")?;
        links.push(Link::new(id_of(link.a), id_of(link.b), link.kind)?);
    }
    let links = super::links::insert_links(tx, &links)?.len();
    let first_review = next("review")?;
    for (review_id, review) in (first_review..).zip(&draft.reviews) {
        for &person in review.reconnect.iter().chain(&review.kept_paper) {
            check_index(person, count, "a review")?;
        }
        let covered = crate::model::Covered {
            reconnect: review.reconnect.iter().map(|&i| id_of(i)).collect(),
            kept_paper: review.kept_paper.iter().map(|&i| id_of(i)).collect(),
        };
        let covered = serde_json::to_string(&covered)
            .map_err(|e| Error::Database(format!("cannot write a review: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO review (id, day, items_seen, actions, covered, note, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            review_id,
            crate::model::date::day_number(review.day),
            review.items_seen,
            review.actions,
            covered,
            review.note,
            now
        ])?;
        super::gids::assign(tx, super::journal::Table::Review, review_id, None)?;
    }
    for &(person, until) in &draft.snoozes {
        check_index(person, count, "a snooze")?;
        super::reviews::set_snooze(
            tx,
            id_of(person),
            Some(crate::model::date::day_number(until)),
        )?;
    }
    let first_promise = next("promise")?;
    for (position, promise) in draft.promises.iter().enumerate() {
        check_index(promise.person, count, "a promise")?;
        let favour = match promise.favour {
            Some(index) if index < draft.interactions.len() => {
                Some(first_interaction + index as i64)
            }
            Some(index) => {
                return Err(Error::invalid(format!(
                    "a promise names interaction {index} of {}",
                    draft.interactions.len()
                )));
            }
            None => None,
        };
        let promise = crate::model::Promise {
            id: first_promise + position as i64,
            person: id_of(promise.person),
            text: crate::model::promise::promise_text(&promise.text)?,
            due: promise.due,
            state: promise.state,
            made_on: promise.made_on,
            closed_on: promise.closed_on,
            favour,
        };
        super::promises::write_promise(tx, &promise)?;
    }
    let first_need = next("need")?;
    for (position, need) in draft.needs.iter().enumerate() {
        check_index(need.person, count, "a need")?;
        let need = crate::model::Need {
            id: first_need + position as i64,
            person: id_of(need.person),
            text: crate::model::need::need_text(&need.text)?,
            tags: crate::model::need::need_tags(&need.tags)?,
            state: need.state,
            noted_on: need.noted_on,
            done_on: need.done_on,
        };
        super::needs::write_need(tx, &need)?;
    }
    let first_date = next("yearly_date")?;
    for (position, date) in draft.dates.iter().enumerate() {
        check_index(date.person, count, "a date")?;
        let date = crate::model::YearlyDate {
            id: first_date + position as i64,
            person: id_of(date.person),
            label: crate::model::yearly_date::date_label(&date.label)?,
            on: date.on,
        };
        super::dates::write_date(tx, &date)?;
    }
    let first_dismissal = next("link_dismissed")?;
    let mut dismissed = std::collections::HashSet::new();
    for (position, &(a, b, on)) in draft.dismissed_links.iter().enumerate() {
        check_index(a.max(b), count, "a dismissed link")?;
        let (a, b) = (id_of(a.min(b)), id_of(a.max(b)));
        // The same pair twice is one dismissal.
        if dismissed.insert((a, b)) {
            let dismissal = crate::model::LinkDismissal {
                id: first_dismissal + position as i64,
                a,
                b,
                on,
            };
            super::together::write_dismissal(tx, &dismissal)?;
        }
    }
    let first_offer = next("offer")?;
    for (position, offer) in draft.offers.iter().enumerate() {
        let offer = crate::model::Offer {
            id: first_offer + position as i64,
            text: crate::model::offer::offer_text(&offer.text)?,
            tags: crate::model::need::need_tags(&offer.tags)?,
            ..offer.clone()
        };
        super::offers::write_offer(tx, &offer)?;
    }
    let first_introduction = next("introduction")?;
    let interaction_of = |index: Option<usize>, what: &str| match index {
        Some(index) if index < draft.interactions.len() => {
            Ok(Some(first_interaction + index as i64))
        }
        Some(index) => Err(Error::invalid(format!(
            "{what} names interaction {index} of {}",
            draft.interactions.len()
        ))),
        None => Ok(None),
    };
    for (position, introduction) in draft.introductions.iter().enumerate() {
        check_index(introduction.helper, count, "an introduction")?;
        if introduction.need >= draft.needs.len() {
            return Err(Error::invalid(format!(
                "an introduction names need {} of {}",
                introduction.need,
                draft.needs.len()
            )));
        }
        let introduction = crate::model::Introduction {
            id: first_introduction + position as i64,
            need: first_need + introduction.need as i64,
            helper: id_of(introduction.helper),
            stage: introduction.stage,
            asked_on: introduction.asked_on,
            made_on: introduction.made_on,
            met_on: introduction.met_on,
            closed_on: introduction.closed_on,
            favour: interaction_of(introduction.favour, "an introduction")?,
        };
        super::introductions::write_introduction(tx, &introduction)?;
    }
    let undo = UndoStep::DeleteBatch(BatchStart {
        person: first_person,
        interaction: first_interaction,
        review: first_review,
        offer: first_offer,
        introduction: first_introduction,
    });
    let inserted = Inserted {
        first_person,
        people: count,
        interactions: draft.interactions.len(),
        links,
    };
    Ok((inserted, undo))
}

impl Store {
    /// Adds everyone and everything in `draft`, all or nothing, as one undoable change.
    pub fn insert_network(&mut self, draft: &NetworkDraft, description: &str) -> Result<Inserted> {
        self.with_batch_cache(|store| {
            store.write(|tx| {
                let (inserted, undo) = insert_batch(tx, draft, &Progress::default(), 0)?;
                record(tx, description, &[undo])?;
                Ok(inserted)
            })
        })
    }

    /// An import: updates known people (each patch names only what the file changes) and
    /// adds new ones (`draft`), in one transaction and one undoable change, counting people
    /// saved into `progress`.
    pub fn import_people(
        &mut self,
        updates: &[(PersonId, PersonPatch)],
        draft: &NetworkDraft,
        description: &str,
        progress: &Progress,
    ) -> Result<Inserted> {
        progress.start(Stage::Saving, updates.len() + draft.people.len());
        self.write(|tx| {
            let now = timestamp();
            let mut steps = Vec::with_capacity(updates.len() + 1);
            for (id, patch) in updates {
                // The row as it is now: another copy may have written since the plan was made,
                // and the patch keeps what it wrote.
                let before = load_person(tx, *id)?.ok_or_else(|| {
                    Error::invalid(format!(
                        "person #{id} was deleted meanwhile; nothing was imported"
                    ))
                })?;
                if patch_person(tx, &before, patch, &now)?.is_some() {
                    steps.push(UndoStep::RestorePerson {
                        person: Box::new(before),
                    });
                }
            }
            // Nothing to add (only updates): no batch, and no batch to take out on undo.
            let mut inserted = Inserted {
                first_person: 0,
                people: 0,
                interactions: 0,
                links: 0,
            };
            if !draft.people.is_empty() {
                let (added, undo) = insert_batch(tx, draft, progress, steps.len())?;
                steps.push(undo);
                inserted = added;
            }
            record(tx, description, &steps)?;
            Ok(inserted)
        })
    }

    /// True when the database holds no one (archived people included).
    pub fn is_empty(&self) -> Result<bool> {
        let people: i64 = self
            .conn
            .query_row("SELECT count(*) FROM person", [], |r| r.get(0))?;
        Ok(people == 0)
    }
}
