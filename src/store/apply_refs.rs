//! Whom synced rows name, as the devices that wrote them named them (`sync_ref`, schema
//! v19): an interaction's people, a promise's person, who introduced someone. Applying keeps
//! them beside the rows, so that when a merge, an unmerge, a delete or a restore of a person
//! arrives, every row naming that person is resolved again — the survivor while a merge
//! stands, the person again after an unmerge — whatever order the operations came in.

use std::collections::BTreeSet;

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::apply::{Applier, Found};
use super::change::Table;
use super::wire::refers_to;
use crate::error::Result;

/// Whether field `field` of `table` names people.
pub(super) fn names_people(table: Table, field: &str) -> bool {
    (table == Table::Interaction && field == "people")
        || refers_to(table, field) == Some(Table::Person)
}

fn targets(value: &Value) -> Vec<Uuid> {
    let one = |v: &Value| v.as_str().and_then(|g| g.parse::<Uuid>().ok());
    match value {
        Value::Array(all) => all.iter().filter_map(one).collect(),
        other => one(other).into_iter().collect(),
    }
}

/// Keeps whom the people-naming fields among `fields` of row `row` name.
/// `first`: the row was never seen here, so it has none yet.
pub(super) fn note_refs(
    tx: &Transaction,
    table: Table,
    row: Uuid,
    fields: &Map<String, Value>,
    first: bool,
) -> Result<()> {
    for (field, value) in fields {
        if !names_people(table, field) {
            continue;
        }
        if !first {
            tx.prepare_cached("DELETE FROM sync_ref WHERE row = ?1 AND field = ?2")?
                .execute(params![row.as_bytes(), field])?;
        }
        let mut insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_ref (target, row, field) VALUES (?1, ?2, ?3)",
        )?;
        for target in targets(value) {
            insert.execute(params![target.as_bytes(), row.as_bytes(), field])?;
        }
    }
    Ok(())
}

/// Whom field `field` of row `row` names.
pub(super) fn targets_of(tx: &Transaction, row: Uuid, field: &str) -> Result<Vec<Uuid>> {
    let found: Vec<Vec<u8>> = super::rows(
        tx,
        "SELECT target FROM sync_ref WHERE row = ?1 AND field = ?2 ORDER BY target",
        params![row.as_bytes(), field],
        |r| r.get(0),
    )?;
    Ok(found
        .iter()
        .filter_map(|b| Uuid::from_slice(b).ok())
        .collect())
}

/// The rows (and fields) that name `person` or anyone merged into them, directly or along
/// a chain of merges.
pub(super) fn naming(tx: &Transaction, person: Uuid) -> Result<Vec<(Uuid, String)>> {
    let found: Vec<(Vec<u8>, String)> = super::rows(
        tx,
        "WITH RECURSIVE merged (gid) AS ( \
             SELECT ?1 UNION SELECT other FROM sync_merge JOIN merged ON keep = merged.gid) \
         SELECT DISTINCT row, field FROM sync_ref WHERE target IN (SELECT gid FROM merged)",
        [person.as_bytes()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(found
        .into_iter()
        .filter_map(|(b, f)| Uuid::from_slice(&b).ok().map(|g| (g, f)))
        .collect())
}

impl Applier<'_> {
    /// Resolves again every row that names `person` (or anyone merged into them).
    pub(super) fn resolve_naming(&mut self, person: Uuid) -> Result<()> {
        for (row, field) in super::apply_refs::naming(self.tx, person)? {
            self.resolve(row, &field)?;
        }
        Ok(())
    }

    /// Field `field` of row `row` set again from whom it names, as they are here now.
    fn resolve(&mut self, row: Uuid, field: &str) -> Result<()> {
        let found: Option<(i64, i64)> = self
            .tx
            .prepare_cached("SELECT tbl, id FROM row_gid WHERE gid = ?1")?
            .query_row([row.as_bytes()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((table, id)) =
            found.and_then(|(code, id)| Some((super::gids::table_of(code)?, id)))
        else {
            return Ok(());
        };
        if !super::apply_refs::names_people(table, field)
            || !matches!(self.find_exact(table, row)?, Found::Here(_))
        {
            return Ok(());
        }
        let targets = super::apply_refs::targets_of(self.tx, row, field)?;
        if field == "people" {
            let mut people = BTreeSet::new();
            for target in targets {
                if let Found::Here(person) = self.find(Table::Person, target)? {
                    people.insert(person);
                }
            }
            return self.contacts(id, Some(people.into_iter().collect()));
        }
        // A pair of people (a dismissed suggestion) is left as it is: merged, it may be one.
        if table == Table::LinkDismissed {
            return Ok(());
        }
        let (name, key) = table.sql();
        let person = match targets.first() {
            Some(&target) => match self.find(Table::Person, target)? {
                Found::Here(person) if !(table == Table::Person && person == id) => {
                    Sql::Integer(person)
                }
                Found::Here(_) | Found::Gone if field == "introduced_by" => Sql::Null,
                _ => return Ok(()),
            },
            None => return Ok(()),
        };
        self.tx
            .prepare_cached(&format!("UPDATE {name} SET {field} = ?1 WHERE {key} = ?2"))?
            .execute(params![person, id])?;
        Ok(())
    }
}
