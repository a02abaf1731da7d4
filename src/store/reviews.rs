//! Weekly reviews and snoozes.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::journal::{UndoStep, record};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::insight::review::Imported;
use crate::model::PersonId;
use crate::model::date::day_number;

/// What a finished review covered, kept so later reviews can rotate their suggestions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Covered {
    /// The reconnect candidates it showed.
    #[serde(default)]
    pub reconnect: Vec<PersonId>,
}

/// A finished review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRecord {
    pub id: i64,
    pub day: i64,
    pub items_seen: i64,
    pub actions: i64,
    pub covered: Covered,
    pub note: String,
}

impl Store {
    /// The day of the most recent weekly review, in days since 1970-01-01.
    pub fn last_review_day(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(day) FROM review", [], |row| row.get(0))
            .optional()?
            .flatten())
    }

    /// Every review, newest first.
    pub fn reviews(&self) -> Result<Vec<ReviewRecord>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, day, items_seen, actions, covered, note FROM review \
             ORDER BY day DESC, id DESC",
        )?;
        let rows = statement.query_map([], |row| {
            let covered: String = row.get(4)?;
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                covered,
                row.get(5)?,
            ))
        })?;
        let mut reviews = Vec::new();
        for row in rows {
            let (id, day, items_seen, actions, covered, note) = row?;
            reviews.push(ReviewRecord {
                id,
                day,
                items_seen,
                actions,
                covered: serde_json::from_str(&covered).unwrap_or_default(),
                note,
            });
        }
        Ok(reviews)
    }

    /// Records a finished review, as one undoable change.
    pub fn record_review(
        &mut self,
        day: i64,
        items_seen: usize,
        actions: usize,
        covered: &Covered,
    ) -> Result<i64> {
        let covered = serde_json::to_string(covered)
            .map_err(|e| Error::Database(format!("cannot record the review: {e}")))?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO review (day, items_seen, actions, covered, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![day, items_seen as i64, actions as i64, covered, timestamp()],
            )?;
            let id = tx.last_insert_rowid();
            record(
                tx,
                "Finished a weekly review",
                &[UndoStep::DeleteReview { id }],
            )?;
            Ok(id)
        })
    }

    /// Everyone snoozed, with the day (exclusive) until which they stay out of reviews.
    pub fn snoozes(&self) -> Result<HashMap<PersonId, i64>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT person_id, until_day FROM snooze")?;
        let pairs = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<HashMap<_, _>>>()?;
        Ok(pairs)
    }

    /// Keeps `person` out of reviews until `until`; undoable.
    pub fn snooze(&mut self, person: PersonId, until: i64, description: &str) -> Result<()> {
        self.write(|tx| {
            let before: Option<i64> = tx
                .query_row(
                    "SELECT until_day FROM snooze WHERE person_id = ?1",
                    [person],
                    |row| row.get(0),
                )
                .optional()?;
            set_snooze(tx, person, Some(until))?;
            record(
                tx,
                description,
                &[UndoStep::SetSnooze {
                    person,
                    until: before,
                }],
            )
        })
    }

    /// People who came from an import, with the day they were added.
    pub fn imported_people(&self) -> Result<HashMap<PersonId, Imported>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, created_at FROM person WHERE source <> 'manual'")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, PersonId>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut imported = HashMap::new();
        for row in rows {
            let (id, created_at) = row?;
            if let Ok(added) = chrono::DateTime::parse_from_rfc3339(&created_at) {
                imported.insert(
                    id,
                    Imported {
                        added_on: day_number(added.date_naive()),
                    },
                );
            }
        }
        Ok(imported)
    }
}

/// Sets or clears a snooze (used by snoozing and by undo).
pub(super) fn set_snooze(
    tx: &rusqlite::Transaction,
    person: PersonId,
    until: Option<i64>,
) -> Result<()> {
    match until {
        Some(day) => tx.execute(
            "INSERT INTO snooze (person_id, until_day) VALUES (?1, ?2) \
             ON CONFLICT (person_id) DO UPDATE SET until_day = excluded.until_day",
            params![person, day],
        )?,
        None => tx.execute("DELETE FROM snooze WHERE person_id = ?1", [person])?,
    };
    Ok(())
}
