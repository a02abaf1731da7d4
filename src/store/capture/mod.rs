//! Capture's storage. What a reader finds waits in a temporary table on disk (`stage`). The
//! write then reads the stage back in pages, oldest first, and decides each exchange against
//! the database inside one transaction (`CaptureWriter`): what an earlier import captured, and
//! what this one has written so far, are both rows to look up, not sets to hold.

mod stage;

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};

pub use self::stage::StageCursor;
use super::histories::refresh_history;
use super::interaction_rows::{InteractionRow, write_contact_row, write_interaction_row};
use super::interactions::{delete_interaction, load_one};
use super::journal::{BatchStart, UndoStep, record};
use super::next_id;
use super::people::{load_person, patch_person, upsert_person};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::insight::Contact;
use crate::model::{
    CaptureSource, CapturedInteraction, Direction, Exchange, Interaction, InteractionId, Kind,
    ListPatch, Person, PersonData, PersonId, PersonPatch, Size,
};

/// A captured row of the source that the stage no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstaged {
    pub id: InteractionId,
    pub source_id: String,
}

/// A captured interaction as its contacts hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCapture {
    pub id: InteractionId,
    pub people: Vec<PersonId>,
    pub figures: Contact,
}

impl StoredCapture {
    /// The same, read from a whole interaction.
    pub fn of(row: &Interaction) -> StoredCapture {
        StoredCapture {
            id: row.id,
            people: row.people.clone(),
            figures: Contact::on(row.day, row.kind, row.direction, row.size),
        }
    }
}

/// What a capture wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaptureWritten {
    pub first_person: PersonId,
    pub people: usize,
    pub interactions: usize,
    /// Captured interactions taken out.
    pub removed: usize,
    /// Captured interactions that gained people.
    pub widened: usize,
    /// Addresses given to people who were known.
    pub attached: usize,
}

/// The capture's write, inside its transaction: lookups of what is already there, and the
/// changes, each recorded for the one undo.
pub struct CaptureWriter<'t, 'c> {
    tx: &'t Transaction<'c>,
    source: CaptureSource,
    now: String,
    next_interaction: InteractionId,
    first_interaction: InteractionId,
    touched: HashSet<PersonId>,
    restores: Vec<UndoStep>,
    written: CaptureWritten,
    /// Whether anything was captured from this source before: on a first import (the big
    /// one) there is nothing earlier to look up.
    earlier: bool,
}

impl Store {
    /// Adds `people`, then runs `capture` inside one transaction that becomes one undoable
    /// change described by what `capture` returns (or, with `dry_run`, is rolled back).
    pub fn write_capture(
        &mut self,
        source: CaptureSource,
        people: &[PersonData],
        dry_run: bool,
        capture: impl FnOnce(&mut CaptureWriter<'_, '_>) -> Result<String>,
    ) -> Result<CaptureWritten> {
        self.with_batch_cache(|store| {
            store.write_or_discard(dry_run, |tx| {
                let mut writer = CaptureWriter::start(tx, source, people)?;
                let description = capture(&mut writer)?;
                writer.finish(&description)
            })
        })
    }
}

impl<'t, 'c> CaptureWriter<'t, 'c> {
    fn start(
        tx: &'t Transaction<'c>,
        source: CaptureSource,
        people: &[PersonData],
    ) -> Result<Self> {
        let first_person = next_id(tx, "person")?;
        let first_interaction = next_id(tx, "interaction")?;
        let now = timestamp();
        for (index, data) in people.iter().enumerate() {
            let person = Person {
                id: first_person + index as i64,
                data: data.clone().normalized()?,
                created_at: now.clone(),
                updated_at: now.clone(),
            };
            upsert_person(tx, &person)?;
        }
        let mut writer = CaptureWriter {
            tx,
            source,
            now,
            next_interaction: first_interaction,
            first_interaction,
            touched: HashSet::new(),
            restores: Vec::new(),
            written: CaptureWritten {
                first_person,
                people: people.len(),
                ..CaptureWritten::default()
            },
            earlier: false,
        };
        writer.earlier = writer
            .statement("SELECT 1 FROM interaction WHERE source = $source")?
            .exists([])?;
        Ok(writer)
    }

    pub fn source(&self) -> CaptureSource {
        self.source
    }

    /// The id the first of the capture's new people has (the rest follow in order).
    pub fn first_person(&self) -> PersonId {
        self.written.first_person
    }

    /// The next page of staged exchanges, oldest first; empty at the end.
    pub fn staged(&self, cursor: &mut StageCursor) -> Result<Vec<Exchange>> {
        stage::staged_page(self.tx, cursor)
    }

    /// A statement about this source's rows, with the source in its text: SQLite prepares a
    /// statement again whenever a value bound in its WHERE could decide whether the partial
    /// index `interaction_source` applies (measured: half the capture's time).
    fn statement(&self, sql: &str) -> Result<rusqlite::CachedStatement<'t>> {
        let sql = sql.replace("$source", &format!("'{}'", self.source.as_str()));
        Ok(self.tx.prepare_cached(&sql)?)
    }

    /// The captured interaction with this source id, if there is one.
    pub fn stored(&self, source_id: &str) -> Result<Option<Interaction>> {
        let id: Option<InteractionId> = self
            .statement("SELECT id FROM interaction WHERE source = $source AND source_id = ?1")?
            .query_row([source_id], |row| row.get(0))
            .optional()?;
        match id {
            Some(id) => Ok(load_one(self.tx, id)?.map(|(interaction, _)| interaction)),
            None => Ok(None),
        }
    }

    /// Whether an earlier import captured a contact with `person` on `day` going `direction`
    /// (this import's own may be found too).
    pub fn contact_before(
        &self,
        person: PersonId,
        day: i64,
        direction: Direction,
        kind: Kind,
    ) -> Result<bool> {
        if !self.earlier {
            return Ok(false);
        }
        Ok(self
            .statement(
                // Not a join: SQLite checks each bound value of a join's WHERE against the
                // partial index on `interaction` and then prepares again on every run.
                "SELECT 1 FROM contact c WHERE c.person_id = ?1 AND c.day = ?2 \
                 AND c.direction = ?3 AND c.kind = ?4 \
                 AND (SELECT source FROM interaction WHERE id = c.interaction_id) = $source",
            )?
            .exists(params![person, day, direction.code(), kind.code()])?)
    }

    /// Writes one captured interaction.
    pub fn add(&mut self, interaction: &CapturedInteraction) -> Result<()> {
        let id = self.next_interaction;
        let row = InteractionRow {
            figures: Contact::on(
                interaction.day,
                interaction.kind,
                interaction.direction,
                Size::Small,
            ),
            note: "",
            capture: Some(&interaction.capture),
            thanked_on: None,
        };
        let figures = write_interaction_row(self.tx, id, row, &self.now)?;
        let mut people = interaction.people.clone();
        people.sort_unstable();
        people.dedup();
        for person in people {
            write_contact_row(self.tx, person, id, &figures)?;
            self.touched.insert(person);
        }
        self.next_interaction += 1;
        self.written.interactions += 1;
        Ok(())
    }

    /// The captured interaction with this source id as its contacts hold it (who is in it,
    /// and its figures), if an earlier import captured it.
    pub fn stored_contacts(&self, source_id: &str) -> Result<Option<StoredCapture>> {
        if !self.earlier {
            return Ok(None);
        }
        let mut statement = self.statement(
            // A subquery, not a join (see `contact_before`).
            "SELECT interaction_id, person_id, day, kind, direction, size FROM contact \
             WHERE interaction_id = \
                 (SELECT id FROM interaction WHERE source = $source AND source_id = ?1)",
        )?;
        let rows = statement.query_map([source_id], |row| {
            Ok((
                row.get::<_, InteractionId>(0)?,
                row.get::<_, PersonId>(1)?,
                row.get::<_, i32>(2)?,
                row.get::<_, i64>(3)?,
                row.get::<_, i64>(4)?,
                row.get::<_, i64>(5)?,
            ))
        })?;
        let mut stored: Option<StoredCapture> = None;
        for row in rows {
            let (id, person, day, kind, direction, size) = row?;
            let bad = || Error::Database(format!("interaction {id} has a contact it cannot read"));
            match &mut stored {
                Some(stored) => stored.people.push(person),
                None => {
                    stored = Some(StoredCapture {
                        id,
                        people: vec![person],
                        figures: Contact {
                            day,
                            kind: Kind::from_code(kind).ok_or_else(bad)?,
                            direction: Direction::from_code(direction).ok_or_else(bad)?,
                            size: Size::from_value(size).ok_or_else(bad)?,
                        },
                    });
                }
            }
        }
        Ok(stored)
    }

    /// Adds people to a captured interaction (a message or meeting captured before with
    /// others, now with someone tiesdesk knows since), in the same undo.
    pub fn widen(&mut self, row: &StoredCapture, people: &[PersonId]) -> Result<()> {
        if people.is_empty() {
            return Ok(());
        }
        for &person in people {
            write_contact_row(self.tx, person, row.id, &row.figures)?;
            self.touched.insert(person);
        }
        self.restores.push(UndoStep::RemoveContacts {
            interaction: row.id,
            people: people.to_vec(),
        });
        self.written.widened += 1;
        Ok(())
    }

    /// Gives a known person an address the mail or calendar uses for them (the report's
    /// "attach to …"), in the same undo. False when they had it already.
    pub fn attach(&mut self, person: PersonId, email: &str) -> Result<bool> {
        let patch = PersonPatch {
            emails: ListPatch {
                add: vec![email.to_string()],
                remove: Vec::new(),
            },
            ..PersonPatch::default()
        };
        let given = self.give(person, &patch)?;
        if given {
            self.written.attached += 1;
        }
        Ok(given)
    }

    /// Keeps on a person the chat handle a chat import found them by (their number, their
    /// name), in the same undo: the next import matches them by it at once.
    pub fn keep_handle(&mut self, person: PersonId, handle: &str) -> Result<bool> {
        let patch = PersonPatch {
            handles: ListPatch {
                add: vec![handle.to_string()],
                remove: Vec::new(),
            },
            ..PersonPatch::default()
        };
        self.give(person, &patch)
    }

    /// Lays `patch` over a known person, in this capture's undo. False when it changed
    /// nothing.
    fn give(&mut self, person: PersonId, patch: &PersonPatch) -> Result<bool> {
        let before = load_person(self.tx, person)?
            .ok_or_else(|| Error::invalid(format!("no person with id {person}")))?;
        if patch_person(self.tx, &before, patch, &self.now)?.is_none() {
            return Ok(false);
        }
        self.restores.push(UndoStep::RestorePerson {
            person: Box::new(before),
        });
        Ok(true)
    }

    /// How many people the interactions written so far are with.
    pub fn people_reached(&self) -> usize {
        self.touched.len()
    }

    /// Takes out a captured interaction (never one logged by hand): false if it is not one.
    pub fn remove(&mut self, id: InteractionId) -> Result<bool> {
        let Some((interaction, created_at)) = load_one(self.tx, id)? else {
            return Ok(false);
        };
        if interaction.capture.is_none() {
            return Ok(false);
        }
        delete_interaction(self.tx, id)?;
        self.restores.push(UndoStep::RestoreInteraction {
            interaction,
            created_at,
        });
        self.written.removed += 1;
        Ok(true)
    }

    /// The source's captured rows whose ids the stage does not hold.
    pub fn unstaged(&self) -> Result<Vec<Unstaged>> {
        let mut statement = self.statement(
            "SELECT id, source_id FROM interaction WHERE source = $source \
             AND source_id NOT IN (SELECT id FROM temp.capture_stage) ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(Unstaged {
                id: row.get(0)?,
                source_id: row.get(1)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn finish(self, description: &str) -> Result<CaptureWritten> {
        for &person in &self.touched {
            refresh_history(self.tx, person)?;
        }
        let written = self.written;
        if written.people == 0
            && written.interactions == 0
            && written.removed == 0
            && written.widened == 0
            && written.attached == 0
        {
            return Ok(written);
        }
        // Undo runs the steps backwards: the batch goes first, then what it replaced returns
        // (with the same source ids, which the batch's rows held meanwhile).
        let mut steps = self.restores;
        steps.push(UndoStep::DeleteBatch(BatchStart {
            person: written.first_person,
            interaction: self.first_interaction,
            // A capture adds people and interactions only.
            review: i64::MAX,
            offer: i64::MAX,
            introduction: i64::MAX,
        }));
        record(self.tx, description, &steps)?;
        Ok(written)
    }
}
