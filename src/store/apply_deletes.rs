//! Applying a delete: the row goes (an interaction with its contacts, a person with what
//! names them resolved again), and its tombstone stays, unless it was brought back after
//! the delete was made.

use rusqlite::params;
use rusqlite::types::Value as Sql;
use serde_json::Value;
use uuid::Uuid;

use super::apply::{Applier, Found, Outcome};
use super::apply_books::{Stamp, note_deleted, row_state};
use super::change::Table;
use crate::error::Result;
use crate::model::{PersonId, WireOp, WireTable};

impl Applier<'_> {
    pub(super) fn delete(&mut self, op: &WireOp, stamp: Stamp) -> Result<Outcome> {
        let state = row_state(self.tx, op.gid)?;
        if let Some((row, _)) = state {
            // Brought back (or put whole again) after this delete was made: it stays.
            if row.clock > op.clock {
                return Ok(Outcome::Stale);
            }
        }
        note_deleted(self.tx, op.gid, stamp)?;
        match op.table {
            WireTable::Link => {
                if let Ok((a, b, kind)) = self.link_people(op)? {
                    self.tx
                        .prepare_cached("DELETE FROM link WHERE a = ?1 AND b = ?2 AND kind = ?3")?
                        .execute(params![a, b, kind])?;
                }
            }
            WireTable::Row(Table::Snooze) => {
                if let Ok(Sql::Integer(person)) = self.reference(
                    Table::Person,
                    op.fields.get("person_id").unwrap_or(&Value::Null),
                    true,
                )? {
                    self.tx
                        .prepare_cached("DELETE FROM snooze WHERE person_id = ?1")?
                        .execute([person])?;
                }
            }
            WireTable::Row(table) => {
                if let Found::Here(id) = self.find_exact(table, op.gid)? {
                    self.delete_row(table, id, op.gid)?;
                }
            }
        }
        Ok(Outcome::Applied)
    }

    fn delete_row(&mut self, table: Table, id: i64, gid: Uuid) -> Result<()> {
        match table {
            Table::Interaction => {
                let people: Vec<PersonId> = super::rows(
                    self.tx,
                    "SELECT person_id FROM contact WHERE interaction_id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                self.notes.index(self.tx)?;
                super::interactions::delete_interaction(self.tx, id)?;
                self.touched.extend(people);
            }
            Table::Person => self.delete_person(id, gid)?,
            _ => {
                let (name, key) = table.sql();
                self.tx
                    .prepare_cached(&format!("DELETE FROM {name} WHERE {key} = ?1"))?
                    .execute([id])?;
            }
        }
        Ok(())
    }

    /// Person `id` (`gid`) deleted here: their contacts go, what goes with them is parked, and
    /// what named them names the survivor of a merge now, or no one.
    pub(super) fn delete_person(&mut self, id: i64, gid: Uuid) -> Result<()> {
        self.people_here.borrow_mut().clear();
        let interactions: Vec<i64> = super::rows(
            self.tx,
            "SELECT interaction_id FROM contact WHERE person_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        self.tx
            .prepare_cached("DELETE FROM contact WHERE person_id = ?1")?
            .execute([id])?;
        for interaction in interactions {
            let others: Vec<PersonId> = super::rows(
                self.tx,
                "SELECT person_id FROM contact WHERE interaction_id = ?1",
                [interaction],
                |row| row.get(0),
            )?;
            self.touched.extend(others);
        }
        // They and what goes with them are parked, to come back together.
        super::apply_park::park(self.tx, Table::Person, id)?;
        self.park_belongings(id)?;
        self.tx
            .prepare_cached("DELETE FROM person WHERE id = ?1")?
            .execute([id])?;
        // What named them names the survivor of a merge now, or no one.
        self.resolve_naming(gid)?;
        Ok(())
    }
}
