//! Whom synced rows name, as the devices that wrote them named them (`sync_ref`, schema
//! v19): an interaction's people, a promise's person, who introduced someone. Applying keeps
//! them beside the rows, so that when a merge, an unmerge, a delete or a restore of a person
//! arrives, every row naming that person is resolved again — the survivor while a merge
//! stands, the person again after an unmerge — whatever order the operations came in.

use rusqlite::{Transaction, params};
use serde_json::{Map, Value};
use uuid::Uuid;

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
pub(super) fn note_refs(
    tx: &Transaction,
    table: Table,
    row: Uuid,
    fields: &Map<String, Value>,
) -> Result<()> {
    for (field, value) in fields {
        if !names_people(table, field) {
            continue;
        }
        tx.prepare_cached("DELETE FROM sync_ref WHERE row = ?1 AND field = ?2")?
            .execute(params![row.as_bytes(), field])?;
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
