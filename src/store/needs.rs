//! Needs: noted, listed, and marked done, each one undoable.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::Store;
use super::columns::json_list;
use super::journal::{UndoStep, record};
use super::next_id;
use super::promises::{no_such_person, optional_day, required_day, stored_word};
use crate::error::{Error, Result};
use crate::model::{Day, Need, NeedId, NeedState, PersonId};

const COLUMNS: &str = "id, person_id, text, tags, state, noted_on, done_on";

/// Writes `need` as it is, a new row or over the one with its id.
pub(super) fn write_need(tx: &Transaction, need: &Need) -> Result<()> {
    super::row_values::upsert(tx, "need", need.id, &super::row_values::need(need)?)
        .map_err(|e| no_such_person(e, need.person))?;
    super::gids::assign(tx, super::journal::Table::Need, need.id, None)
}

fn need_from_row(row: &rusqlite::Row) -> rusqlite::Result<Need> {
    Ok(Need {
        id: row.get(0)?,
        person: row.get(1)?,
        text: row.get(2)?,
        tags: json_list(row, 3)?,
        state: stored_word(row, 4, NeedState::from_str_stored)?,
        noted_on: required_day(row, 5)?,
        done_on: optional_day(row, 6)?,
    })
}

pub(super) fn load_need(conn: &Connection, id: NeedId) -> Result<Option<Need>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM need WHERE id = ?1"))?
        .query_row([id], need_from_row)
        .optional()?)
}

impl Store {
    /// Notes that `person` is looking for `text`; undoable.
    pub fn add_need(
        &mut self,
        person: PersonId,
        text: &str,
        tags: &[String],
        noted_on: Day,
        description: &str,
    ) -> Result<Need> {
        self.write(|tx| {
            let id: NeedId = next_id(tx, "need")?;
            let need = Need {
                id,
                person,
                text: text.to_string(),
                tags: tags.to_vec(),
                state: NeedState::Open,
                noted_on,
                done_on: None,
            };
            write_need(tx, &need)?;
            record(tx, description, &[UndoStep::DeleteNeed { id }])?;
            Ok(need)
        })
    }

    /// Needs of people who are not archived, with each person's name: the open ones, or all.
    pub fn needs(&self, include_done: bool) -> Result<Vec<(Need, String)>> {
        let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("n.{c}")).collect();
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT {}, person.name FROM need n JOIN person ON person.id = n.person_id \
             WHERE person.archived = 0 AND (?1 OR n.state = 'open') ORDER BY n.id",
            columns.join(", ")
        ))?;
        let rows =
            statement.query_map([include_done], |row| Ok((need_from_row(row)?, row.get(7)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every need, archived people's too, in id order (for the document).
    pub fn all_needs(&self) -> Result<Vec<Need>> {
        super::rows(
            &self.conn,
            &format!("SELECT {COLUMNS} FROM need ORDER BY id"),
            [],
            need_from_row,
        )
    }

    /// The open needs of `person`, in the order noted.
    pub fn open_needs_of(&self, person: PersonId) -> Result<Vec<Need>> {
        super::rows(
            &self.conn,
            &format!(
                "SELECT {COLUMNS} FROM need WHERE person_id = ?1 AND state = 'open' ORDER BY id"
            ),
            [person],
            need_from_row,
        )
    }

    /// One need, whatever its state.
    pub fn need(&self, id: NeedId) -> Result<Option<Need>> {
        load_need(&self.conn, id)
    }

    /// Marks need `id` done on `on`; undoable. Refused unless it is open.
    pub fn finish_need(
        &mut self,
        id: NeedId,
        on: Day,
        describe: impl FnOnce(&Need) -> String,
    ) -> Result<Need> {
        self.write(|tx| {
            let before = load_need(tx, id)?.ok_or_else(|| {
                Error::invalid(format!("no need #{id} (the ids are in `tiesdesk needs`)"))
            })?;
            if let Some(day) = before.done_on {
                return Err(Error::invalid(format!(
                    "need #{id} was already done on {day}; it stays as it is"
                )));
            }
            let done = Need {
                state: NeedState::Done,
                done_on: Some(on),
                ..before.clone()
            };
            write_need(tx, &done)?;
            record(
                tx,
                &describe(&before),
                &[UndoStep::RestoreNeed { need: before }],
            )?;
            Ok(done)
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::super::migrate::MIGRATIONS;
    use super::super::open::open;
    use crate::model::{YearlyDay, date::parse_iso_date};

    #[test]
    fn a_v6_file_gains_needs_and_dates_keeping_its_promises_with_a_backup_first() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let day = parse_iso_date("2026-12-03").unwrap();
        // A v6 file as v6 wrote it (this build's writes would record in a newer journal).
        let store = open(&db, &MIGRATIONS[..6], &|_, _| {}).unwrap();
        store
            .conn
            .execute_batch(
                "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, 'Ana', '', '');
                 INSERT INTO promise (person_id, text, made_on, created_at)
                     VALUES (1, 'the book', 20790, '');",
            )
            .unwrap();
        drop(store);

        let mut store = open(&db, MIGRATIONS, &|_, _| {}).unwrap();
        let ana = store.person(1).unwrap().unwrap();
        let backups = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_string_lossy().contains(".v6-backup-")
            })
            .count();
        assert_eq!(backups, 1, "a backup before the migration");
        assert_eq!(store.promises(false).unwrap()[0].0.text, "the book");
        let need = store
            .add_need(ana.id, "a designer", &["design".into()], day, "n")
            .unwrap();
        let on: YearlyDay = "--03-01".parse().unwrap();
        store.add_date(ana.id, "met", on, "d").unwrap();
        assert_eq!(store.open_needs_of(ana.id).unwrap(), [need]);
        assert_eq!(store.dates_of(ana.id).unwrap()[0].on, on);
        // Deleting the person takes their needs and dates with them.
        store.conn.execute("DELETE FROM person", []).unwrap();
        let left: i64 = store
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM need) + (SELECT count(*) FROM yearly_date)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0);
    }
}
