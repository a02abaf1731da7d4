//! What a put names, found here: rows by global id (a person followed through merges to the
//! survivor), references as this database's keys, values as SQLite holds them.

use std::collections::BTreeSet;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::apply::{Applier, Found, Outcome};
use super::apply_books::row_state;
use super::change::Table;
use super::wire::refers_to;
use crate::error::Result;
use crate::model::PersonId;

impl Applier<'_> {
    /// The row of `table` here named `gid`: `Here(id)` alive, `Gone` deleted.
    pub(super) fn find(&self, table: Table, gid: Uuid) -> Result<Found> {
        if table == Table::Person {
            if let Some(&id) = self.people_here.borrow().get(&gid) {
                return Ok(Found::Here(id));
            }
            let found = self.find_uncached(table, gid)?;
            if let Found::Here(id) = found {
                self.people_here.borrow_mut().insert(gid, id);
            }
            return Ok(found);
        }
        self.find_uncached(table, gid)
    }

    fn find_uncached(&self, table: Table, gid: Uuid) -> Result<Found> {
        let gid = if table == Table::Person {
            self.survivor(gid)?
        } else {
            gid
        };
        match self.find_exact(table, gid)? {
            // Never here, or deleted before it reached here.
            Found::Unknown if row_state(self.tx, gid)?.is_some_and(|(_, d)| d.is_some()) => {
                Ok(Found::Gone)
            }
            found => Ok(found),
        }
    }

    /// Whom person `gid` is now: followed along the merges that stand to the survivor.
    /// Merges made on two devices before either heard of the other can close a circle (A
    /// into B here, B into A there): the later merge stands, so the circle ends at the one
    /// merged away first — the same person on every device, whatever came first.
    pub(super) fn survivor(&self, gid: Uuid) -> Result<Uuid> {
        let mut path: Vec<(Uuid, (i64, Uuid))> = Vec::new();
        let mut at = gid;
        loop {
            let edge: Option<(Vec<u8>, i64)> = self
                .tx
                .prepare_cached("SELECT keep, clock FROM sync_merge WHERE other = ?1")?
                .query_row([at.as_bytes()], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let Some((keep, clock)) = edge.and_then(|(k, c)| Some((Uuid::from_slice(&k).ok()?, c)))
            else {
                return Ok(at);
            };
            // Merged into themselves: an unmerge, kept with its clock.
            if keep == at {
                return Ok(at);
            }
            path.push((at, (clock, at)));
            if let Some(start) = path.iter().position(|(person, _)| *person == keep) {
                // A circle: the earliest merge in it does not stand.
                let earliest = path[start..].iter().map(|(_, edge)| *edge).min();
                return Ok(earliest.map_or(keep, |(_, person)| person));
            }
            at = keep;
        }
    }

    /// A reference field's value here: `Err(outcome)` when the row cannot be written yet
    /// (`Waiting`) or at all (`Stale`: a required reference is gone).
    pub(super) fn reference(
        &self,
        to: Table,
        value: &Value,
        required: bool,
    ) -> Result<std::result::Result<Sql, Outcome>> {
        let Some(gid) = value.as_str().and_then(|g| g.parse::<Uuid>().ok()) else {
            return Ok(Ok(Sql::Null));
        };
        Ok(match self.find(to, gid)? {
            Found::Here(id) => Ok(Sql::Integer(id)),
            Found::Gone if required => Err(Outcome::Stale),
            Found::Gone => Ok(Sql::Null),
            Found::Unknown => Err(Outcome::Waiting),
        })
    }

    /// The SQL value of field `column` of `table`, references followed.
    pub(super) fn value(
        &self,
        table: Table,
        column: &str,
        value: &Value,
    ) -> Result<std::result::Result<Sql, Outcome>> {
        if let Some(to) = refers_to(table, column) {
            let required = !matches!(column, "introduced_by" | "favour_id");
            return self.reference(to, value, required);
        }
        if table == Table::Review && column == "covered" {
            return Ok(Ok(Sql::Text(self.covered(value)?)));
        }
        Ok(Ok(match value {
            Value::Null => Sql::Null,
            Value::Bool(b) => Sql::Integer(i64::from(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(n) => Sql::Integer(n),
                None => Sql::Real(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(text) => Sql::Text(text.clone()),
            other => Sql::Text(other.to_string()),
        }))
    }

    /// A review's `covered` with each person's global id as the key here (people not here
    /// are left out: it only says what the review showed).
    fn covered(&self, value: &Value) -> Result<String> {
        let mut covered = Map::new();
        if let Value::Object(lists) = value {
            for (name, list) in lists {
                let mut ids = Vec::new();
                for gid in list.as_array().into_iter().flatten() {
                    if let Some(gid) = gid.as_str().and_then(|g| g.parse::<Uuid>().ok())
                        && let Found::Here(id) = self.find(Table::Person, gid)?
                    {
                        ids.push(Value::from(id));
                    }
                }
                covered.insert(name.clone(), Value::Array(ids));
            }
        }
        Ok(Value::Object(covered).to_string())
    }

    /// An interaction's people here (the gone left out), or why not yet.
    pub(super) fn people(
        &self,
        value: &Value,
    ) -> Result<std::result::Result<Vec<PersonId>, Outcome>> {
        let mut people = BTreeSet::new();
        for gid in value.as_array().into_iter().flatten() {
            let Some(gid) = gid.as_str().and_then(|g| g.parse::<Uuid>().ok()) else {
                continue;
            };
            match self.find(Table::Person, gid)? {
                Found::Here(id) => {
                    people.insert(id);
                }
                Found::Gone => {}
                Found::Unknown => return Ok(Err(Outcome::Waiting)),
            }
        }
        Ok(Ok(people.into_iter().collect()))
    }

    /// The row named `gid` itself, not following a merge.
    pub(super) fn find_exact(&self, table: Table, gid: Uuid) -> Result<Found> {
        let id: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM row_gid WHERE gid = ?1 AND tbl = ?2")?
            .query_row(
                params![gid.as_bytes(), super::gids::code_of(table)],
                |row| row.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Ok(Found::Unknown);
        };
        let (name, key) = table.sql();
        let alive: bool = self
            .tx
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM {name} WHERE {key} = ?1)"
            ))?
            .query_row([id], |row| row.get(0))?;
        Ok(if alive { Found::Here(id) } else { Found::Gone })
    }
}
