//! Notes of many interactions arriving at once go into the search index together. FTS5
//! keeps what is added in memory and writes it out whenever a statement opens a savepoint —
//! and applying an interaction runs several such statements — so row by row the index is
//! written, and merged, once per note. After the first [`ONE_BY_ONE`] new interactions of a
//! round, their index trigger is set aside (inside the round's transaction: a failure puts
//! it back with everything else) and the notes are added in one run at the end, before any
//! of those rows is edited or deleted, and before the round ends.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::Result;

/// New interactions indexed one by one before their notes wait for one run.
const ONE_BY_ONE: usize = 1000;

const TRIGGER: &str = "note_search_insert";

/// The notes waiting for the index, and the trigger set aside meanwhile.
#[derive(Default)]
pub(super) struct WaitingNotes {
    /// New interactions of this round so far.
    added: usize,
    /// The trigger's SQL, while it is set aside.
    trigger: Option<String>,
    ids: Vec<i64>,
}

impl WaitingNotes {
    /// A new interaction `id` was written: its note is indexed by the trigger, or waits.
    pub(super) fn added(&mut self, tx: &Transaction, id: i64) -> Result<()> {
        self.added += 1;
        if self.trigger.is_none() && self.added > ONE_BY_ONE {
            let sql: Option<String> = tx
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                    [TRIGGER],
                    |row| row.get(0),
                )
                .optional()?;
            let Some(sql) = sql else {
                return Ok(());
            };
            // This one went through the trigger already.
            tx.execute_batch(&format!("DROP TRIGGER {TRIGGER}"))?;
            self.trigger = Some(sql);
            return Ok(());
        }
        if self.trigger.is_some() {
            self.ids.push(id);
        }
        Ok(())
    }

    /// Indexes the notes waiting; before an interaction is edited or deleted, and at the end.
    pub(super) fn index(&mut self, tx: &Transaction) -> Result<()> {
        if self.ids.is_empty() {
            return Ok(());
        }
        // One statement for them all: FTS5 writes its index out at a statement's savepoint,
        // so row by row it would again be written once a note.
        let ids = serde_json::to_string(&self.ids)
            .map_err(|e| crate::error::Error::Database(e.to_string()))?;
        tx.prepare_cached(
            "INSERT INTO note_search (rowid, note)
                     SELECT id, note FROM interaction
                     WHERE id IN (SELECT value FROM json_each(?1)) AND note <> ''",
        )?
        .execute(params![ids])?;
        self.ids.clear();
        Ok(())
    }

    /// Indexes what waits and puts the trigger back.
    pub(super) fn finish(&mut self, tx: &Transaction) -> Result<()> {
        self.index(tx)?;
        if let Some(sql) = self.trigger.take() {
            tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}
