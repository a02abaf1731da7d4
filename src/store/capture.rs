//! Writing what was captured from mail and calendars, and reading back what already was, so
//! a second import adds nothing.

use std::collections::HashSet;

use rusqlite::params;

use super::bulk::next_id;
use super::histories::refresh_history;
use super::interactions::{delete_interaction, load_one, write_contact_row, write_interaction_row};
use super::journal::{UndoStep, record};
use super::people::upsert_person;
use super::{Store, timestamp};
use crate::error::Result;
use crate::insight::Contact;
use crate::model::{
    CaptureDraft, CaptureSource, Direction, InteractionId, Participant, Person, PersonId, Size,
};

/// The page cache while a capture is written (negative: KiB, as SQLite takes it).
const CAPTURE_CACHE_KIB: i64 = -16_384;

/// What is already captured from one source.
#[derive(Debug, Default)]
pub struct AlreadyCaptured {
    /// The source ids (Message-IDs, event occurrences).
    pub ids: HashSet<String>,
    /// Person, day number and direction of each captured contact: at most one captured
    /// message per person per day per direction.
    pub contacts: HashSet<(PersonId, i64, Direction)>,
}

/// What a capture wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaptureWritten {
    pub first_person: PersonId,
    pub people: usize,
    pub interactions: usize,
    /// Interactions another copy of tiesdesk captured meanwhile, left as they are.
    pub already: usize,
    /// Captured interactions taken out.
    pub removed: usize,
}

impl Store {
    pub fn already_captured(&self, source: CaptureSource) -> Result<AlreadyCaptured> {
        let mut already = AlreadyCaptured::default();
        let mut ids = self
            .conn
            .prepare("SELECT source_id FROM interaction WHERE source = ?1")?;
        for id in ids.query_map([source.as_str()], |row| row.get::<_, String>(0))? {
            already.ids.insert(id?);
        }
        let mut contacts = self.conn.prepare(
            "SELECT c.person_id, c.day, c.direction FROM interaction i \
             JOIN contact c ON c.interaction_id = i.id WHERE i.source = ?1",
        )?;
        let rows = contacts.query_map([source.as_str()], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (person, day, direction) = row?;
            if let Some(direction) = Direction::from_code(direction) {
                already.contacts.insert((person, day, direction));
            }
        }
        Ok(already)
    }

    /// Takes out the captured interactions `remove` (an occurrence cancelled, declined or
    /// moved since it was captured; never one logged by hand) and adds `draft`'s people and
    /// interactions, in one transaction and one undoable change.
    pub fn write_capture(
        &mut self,
        draft: &CaptureDraft,
        remove: &[InteractionId],
        description: &str,
    ) -> Result<CaptureWritten> {
        // A large capture writes hundreds of thousands of rows in one transaction; a smaller
        // page cache lets SQLite spill them to the WAL early and keeps the import's memory
        // bounded (measured in BENCHMARKS.md); the usual cache returns afterwards.
        self.conn
            .pragma_update(None, "cache_size", CAPTURE_CACHE_KIB)?;
        let written = self.write_capture_rows(draft, remove, description);
        self.conn
            .pragma_update(None, "cache_size", super::open::CACHE_KIB)?;
        written
    }

    fn write_capture_rows(
        &mut self,
        draft: &CaptureDraft,
        remove: &[InteractionId],
        description: &str,
    ) -> Result<CaptureWritten> {
        self.write(|tx| {
            let mut steps = Vec::with_capacity(remove.len() + 1);
            for &id in remove {
                let Some((interaction, created_at)) = load_one(tx, id)? else {
                    continue;
                };
                if interaction.capture.is_none() {
                    continue;
                }
                delete_interaction(tx, id)?;
                steps.push(UndoStep::RestoreInteraction {
                    interaction,
                    created_at,
                });
            }
            let first_person = next_id(tx, "person")?;
            let first_interaction = next_id(tx, "interaction")?;
            let now = timestamp();
            for (index, data) in draft.people.iter().enumerate() {
                let person = Person {
                    id: first_person + index as i64,
                    data: data.clone().normalized()?,
                    created_at: now.clone(),
                    updated_at: now.clone(),
                };
                upsert_person(tx, &person)?;
            }
            let mut exists = tx
                .prepare_cached("SELECT 1 FROM interaction WHERE source = ?1 AND source_id = ?2")?;
            let mut touched: HashSet<PersonId> = HashSet::new();
            let mut written = CaptureWritten {
                first_person,
                people: draft.people.len(),
                ..CaptureWritten::default()
            };
            let mut id = first_interaction;
            for interaction in &draft.interactions {
                let capture = &interaction.capture;
                if exists.exists(params![capture.source.as_str(), capture.id])? {
                    written.already += 1;
                    continue;
                }
                let figures = Contact::on(
                    interaction.day,
                    interaction.kind,
                    interaction.direction,
                    Size::Small,
                );
                write_interaction_row(tx, id, &figures, "", Some(capture), &now)?;
                let mut people: Vec<PersonId> = interaction
                    .people
                    .iter()
                    .map(|p| match *p {
                        Participant::Known(person) => person,
                        Participant::New(index) => first_person + index as i64,
                    })
                    .collect();
                people.sort_unstable();
                people.dedup();
                for person in people {
                    write_contact_row(tx, person, id, &figures)?;
                    touched.insert(person);
                }
                written.interactions += 1;
                id += 1;
            }
            for person in touched {
                refresh_history(tx, person)?;
            }
            // Undo runs the steps backwards: the batch goes first, then what it replaced returns
            // (with the same source ids, which the batch's rows held meanwhile).
            steps.push(UndoStep::DeleteBatch {
                first_person,
                first_interaction,
                first_review: i64::MAX,
            });
            written.removed = steps.len() - 1;
            record(tx, description, &steps)?;
            Ok(written)
        })
    }
}
