//! Weekly reviews and snoozes.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::journal::{UndoStep, record};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::insight::review::Imports;
use crate::model::date::day_number;
use crate::model::{Covered, PersonId, ReviewRecord};

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
            let id = super::next_id(tx, "review")?;
            tx.execute(
                "INSERT INTO review (id, day, items_seen, actions, covered, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    id,
                    day,
                    items_seen as i64,
                    actions as i64,
                    covered,
                    timestamp()
                ],
            )?;
            super::gids::assign(tx, super::journal::Table::Review, id, None)?;
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
    pub fn imported_people(&self) -> Result<Imports> {
        // The day is the stamp's own date (as `created_at` writes it, RFC 3339), parsed
        // here: SQLite's `julianday` over 30,000 imported people took longer than reading
        // them. A stamp that is not a date is left out.
        let mut statement = self.conn.prepare_cached(
            "SELECT id, substr(created_at, 1, 10) FROM person WHERE source <> 'manual'",
        )?;
        let mut rows = statement.query([])?;
        let mut imported = Vec::new();
        while let Some(row) = rows.next()? {
            let id: PersonId = row.get(0)?;
            if let Some(added_on) = import_day(row.get_ref(1)?.as_bytes().unwrap_or(b"")) {
                imported.push((id, added_on));
            }
        }
        Ok(imported.into_iter().collect())
    }
}

/// The day of an import from the date a `created_at` stamp starts with (RFC 3339:
/// `YYYY-MM-DD`), if it is one. Read by position: chrono's parser took longer over 20,000
/// imported people than reading them.
pub(super) fn import_day(stamp: &[u8]) -> Option<i64> {
    let date = stamp.get(..10)?;
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        date.get(range)?.iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if date[4] != b'-' || date[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?).map(day_number)
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

#[cfg(test)]
mod tests {
    use crate::model::date::{day_number, parse_iso_date};
    use crate::model::{PersonData, Source};
    use crate::store::Store;

    proptest::proptest! {
        /// Read by position, a stamp's day is chrono's reading of its first ten bytes, and
        /// anything that is not a date is none.
        #[test]
        fn an_import_day_is_the_date_the_stamp_starts_with(
            stamp in "([0-9+ -]{0,3}[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9:]{8}Z)?|\\PC{0,14})"
        ) {
            let chrono_reads = stamp
                .get(..10)
                .filter(|date| date.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
                .and_then(|date| parse_iso_date(date).ok())
                .filter(|day| (0..=9999).contains(&chrono::Datelike::year(day)))
                .map(day_number);
            proptest::prop_assert_eq!(super::import_day(stamp.as_bytes()), chrono_reads);
        }
    }

    #[test]
    fn an_import_counts_from_the_date_its_stamp_writes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("t.db")).unwrap_or_else(|e| panic!("{e}"));
        let mut ids = Vec::new();
        for name in ["Ana Lima", "Bram Horvat", "Chen Okafor", "Dana Smit"] {
            let data = PersonData {
                source: if name == "Dana Smit" {
                    Source::Manual
                } else {
                    Source::Linkedin
                },
                ..PersonData::named(name)
            };
            ids.push(store.add_person(data).unwrap_or_else(|e| panic!("{e}")).id);
        }
        for (id, stamp) in ids.iter().zip([
            "2026-11-20T23:30:00-03:00",
            "2026-11-21T00:10:00Z",
            "not a date",
        ]) {
            store
                .conn
                .execute(
                    "UPDATE person SET created_at = ?1 WHERE id = ?2",
                    rusqlite::params![stamp, id],
                )
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let imported = store.imported_people().unwrap_or_else(|e| panic!("{e}"));
        let day = |iso: &str| day_number(parse_iso_date(iso).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(
            imported.added_on(ids[0]),
            Some(day("2026-11-20")),
            "its own date, not UTC's"
        );
        assert_eq!(imported.added_on(ids[1]), Some(day("2026-11-21")));
        assert_eq!(imported.added_on(ids[2]), None, "a stamp that is no date");
        assert_eq!(imported.added_on(ids[3]), None, "added by hand");
    }
}
