//! Undo: applies the newest journal entry's steps (`journal::UndoStep`) and removes it.
//! Reverting reaches into every table's module; recording (`journal`) reaches into none.

use rusqlite::{OptionalExtension, Transaction, params};

use super::Store;
use super::histories::refresh_history;
use super::interactions::{delete_interaction, insert_interaction};
use super::journal::{BatchStart, Change, UndoStep};
use super::people::upsert_person;
use super::reviews::set_snooze;
use crate::error::{Error, Result};
use crate::model::PersonId;

fn apply(tx: &Transaction, step: &UndoStep) -> Result<()> {
    match step {
        UndoStep::DeletePerson { id } => {
            tx.prepare_cached("DELETE FROM person WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestorePerson { person } => upsert_person(tx, person)?,
        UndoStep::DeleteInteraction { id } => delete_interaction(tx, *id)?,
        UndoStep::RestoreInteraction {
            interaction,
            created_at,
        } => insert_interaction(tx, interaction, created_at)?,
        UndoStep::SetSnooze { person, until } => set_snooze(tx, *person, *until)?,
        UndoStep::DeleteReview { id } => {
            tx.execute("DELETE FROM review WHERE id = ?1", [id])?;
        }
        UndoStep::Unmerge(undo) => super::merge::unmerge(tx, undo)?,
        UndoStep::RemoveContacts {
            interaction,
            people,
        } => {
            for &person in people {
                tx.prepare_cached(
                    "DELETE FROM contact WHERE interaction_id = ?1 AND person_id = ?2",
                )?
                .execute(params![interaction, person])?;
                refresh_history(tx, person)?;
            }
        }
        UndoStep::DeleteLinks { links } => super::links::delete_links(tx, links)?,
        UndoStep::RestoreLinks { links } => {
            super::links::insert_links(tx, links)?;
        }
        UndoStep::DeletePromise { id } => {
            tx.prepare_cached("DELETE FROM promise WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestorePromise { promise } => super::promises::write_promise(tx, promise)?,
        UndoStep::DeleteNeed { id } => {
            tx.prepare_cached("DELETE FROM need WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestoreNeed { need } => super::needs::write_need(tx, need)?,
        UndoStep::DeleteDate { id } => {
            tx.prepare_cached("DELETE FROM yearly_date WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestoreDate { date } => super::dates::write_date(tx, date)?,
        UndoStep::DeleteOffer { id } => {
            tx.prepare_cached("DELETE FROM offer WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestoreOffer { offer } => super::offers::write_offer(tx, offer)?,
        UndoStep::DeleteIntroduction { id } => {
            tx.prepare_cached("DELETE FROM introduction WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::RestoreIntroduction { introduction } => {
            super::introductions::write_introduction(tx, introduction)?;
        }
        UndoStep::DeleteDismissal { id } => {
            tx.prepare_cached("DELETE FROM link_dismissed WHERE id = ?1")?
                .execute([id])?;
        }
        UndoStep::DeleteBatch(batch) => {
            let BatchStart {
                person: first_person,
                interaction: first_interaction,
                review: first_review,
                offer: first_offer,
                introduction: first_introduction,
            } = *batch;
            tx.execute("DELETE FROM review WHERE id >= ?1", [first_review])?;
            tx.execute("DELETE FROM offer WHERE id >= ?1", [first_offer])?;
            // Foreign keys are off: an introduction of the batch's people or needs goes by
            // hand, before the needs do.
            tx.execute(
                "DELETE FROM introduction WHERE id >= ?1 OR helper_id >= ?2 \
                 OR need_id IN (SELECT id FROM need WHERE person_id >= ?2)",
                [first_introduction, first_person],
            )?;
            tx.execute(
                "UPDATE introduction SET favour_id = NULL WHERE favour_id >= ?1",
                [first_interaction],
            )?;
            // Earlier people who took part in the batch keep a history without it.
            let earlier: Vec<PersonId> = tx
                .prepare(
                    "SELECT DISTINCT person_id FROM contact \
                     WHERE interaction_id >= ?1 AND person_id < ?2",
                )?
                .query_map([first_interaction, first_person], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            // This runs with foreign keys off (see `undo_newest`): what the cascades would
            // do is done here, table by table, in key order. The batch's people first, as
            // one range of `contact`'s key, then the batch's interactions of earlier people.
            tx.execute("DELETE FROM contact WHERE person_id >= ?1", [first_person])?;
            tx.execute(
                "DELETE FROM contact WHERE interaction_id >= ?1",
                [first_interaction],
            )?;
            tx.execute(
                "DELETE FROM interaction WHERE id >= ?1",
                [first_interaction],
            )?;
            tx.execute("DELETE FROM link WHERE a >= ?1 OR b >= ?1", [first_person])?;
            tx.execute(
                "DELETE FROM link_dismissed WHERE a >= ?1 OR b >= ?1",
                [first_person],
            )?;
            tx.execute("DELETE FROM history WHERE person_id >= ?1", [first_person])?;
            tx.execute("DELETE FROM snooze WHERE person_id >= ?1", [first_person])?;
            for table in ["promise", "need", "yearly_date"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE person_id >= ?1"),
                    [first_person],
                )?;
            }
            tx.execute(
                "UPDATE promise SET favour_id = NULL WHERE favour_id >= ?1",
                [first_interaction],
            )?;
            tx.execute(
                "UPDATE person SET introduced_by = NULL WHERE introduced_by >= ?1 AND id < ?1",
                [first_person],
            )?;
            tx.execute("DELETE FROM person WHERE id >= ?1", [first_person])?;
            for person in earlier {
                refresh_history(tx, person)?;
            }
        }
    }
    Ok(())
}

impl Store {
    /// The change `undo` would revert now, if any.
    pub fn last_change(&self) -> Result<Option<super::LastChange>> {
        let newest: Option<(i64, String, String, String)> = self
            .conn
            .query_row(
                "SELECT id, description, origin, undo FROM journal ORDER BY id DESC LIMIT 1",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        let Some((id, description, origin, undo)) = newest else {
            return Ok(None);
        };
        let steps: Vec<UndoStep> = serde_json::from_str(&undo).unwrap_or_default();
        let mut rows = 0;
        for step in &steps {
            if let UndoStep::DeleteBatch(batch) = step {
                let count = |sql: &str, from: i64| -> Result<u64> {
                    Ok(self
                        .conn
                        .query_row(sql, [from], |row| row.get::<_, i64>(0))?
                        as u64)
                };
                rows += count("SELECT count(*) FROM person WHERE id >= ?1", batch.person)?;
                rows += count(
                    "SELECT count(*) FROM interaction WHERE id >= ?1",
                    batch.interaction,
                )?;
            }
        }
        Ok(Some(super::LastChange {
            id,
            description,
            ours: origin == self.origin,
            rows,
        }))
    }

    /// Reverts the newest recorded change. Returns what it was, or `None` if there is none.
    pub fn undo(&mut self) -> Result<Option<String>> {
        self.undo_newest(None)
    }

    /// Reverts change `id`, the one the user was shown, if it is still the newest; if another
    /// copy recorded a change since, nothing is undone and the error says so.
    pub fn undo_change(&mut self, id: i64) -> Result<Option<String>> {
        self.undo_newest(Some(id))
    }

    fn undo_newest(&mut self, expected: Option<i64>) -> Result<Option<String>> {
        // Taking out a batch (an import, a demo) deletes up to millions of rows. SQLite's
        // foreign-key checks cost most of that time (18 s for a 30k/1M document), so a batch
        // is taken out with them off and its step does what the cascades would; the check is
        // run over the touched tables before the change commits.
        let batch = self.last_undo_is_batch()?;
        if batch {
            self.conn.pragma_update(None, "foreign_keys", false)?;
        }
        let undone = self.undo_in_transaction(expected, batch);
        if batch {
            self.conn.pragma_update(None, "foreign_keys", true)?;
        }
        undone
    }

    fn last_undo_is_batch(&self) -> Result<bool> {
        let undo: Option<String> = self
            .conn
            .query_row(
                "SELECT undo FROM journal ORDER BY id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(undo
            .and_then(|text| serde_json::from_str::<Vec<UndoStep>>(&text).ok())
            .is_some_and(|steps| {
                steps
                    .iter()
                    .any(|step| matches!(step, UndoStep::DeleteBatch { .. }))
            }))
    }

    fn undo_in_transaction(
        &mut self,
        expected: Option<i64>,
        check: bool,
    ) -> Result<Option<String>> {
        self.write(|tx| {
            let newest: Option<(i64, String, String, Option<String>)> = tx
                .query_row(
                    "SELECT id, description, undo, changes FROM journal \
                     ORDER BY id DESC LIMIT 1",
                    [],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                )
                .optional()?;
            let Some((id, description, undo, changes)) = newest else {
                return Ok(None);
            };
            if expected.is_some_and(|shown| shown != id) {
                return Err(Error::invalid(format!(
                    "another change was made meanwhile ('{description}'); nothing was undone"
                )));
            }
            let steps: Vec<UndoStep> = serde_json::from_str(&undo).map_err(|e| {
                Error::Database(format!(
                    "cannot read the undo record of '{description}': {e}"
                ))
            })?;
            for step in steps.iter().rev() {
                apply(tx, step)
                    .map_err(|e| Error::Database(format!("cannot undo '{description}': {e}")))?;
            }
            if check {
                let dangling: i64 = tx.query_row(
                    "SELECT count(*) FROM pragma_foreign_key_check('person') \
                     UNION ALL SELECT count(*) FROM pragma_foreign_key_check('link') \
                     UNION ALL SELECT count(*) FROM pragma_foreign_key_check('promise') \
                     UNION ALL SELECT count(*) FROM pragma_foreign_key_check('need') \
                     UNION ALL SELECT count(*) FROM pragma_foreign_key_check('yearly_date') \
                     UNION ALL SELECT count(*) FROM pragma_foreign_key_check('introduction') \
                     ORDER BY 1 DESC LIMIT 1",
                    [],
                    |row| row.get(0),
                )?;
                if dangling > 0 {
                    return Err(Error::Database(format!(
                        "cannot undo '{description}': it would leave {dangling} dangling \
                         references; nothing was changed"
                    )));
                }
            }
            // The undo syncs as what it did: the change's operations turned round.
            let changes: Vec<Change> = (changes.as_deref())
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or_default();
            super::oplog::record(tx, &super::oplog::undone(&changes))?;
            tx.execute("DELETE FROM journal WHERE id = ?1", [id])?;
            Ok(Some(description))
        })
    }
}
