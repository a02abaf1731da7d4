//! The books sync keeps beside the rows (schema v19): each row's clock and tombstone
//! (`sync_row`), a field's clock and value when a later edit set it (`sync_field`), merges
//! (`sync_merge`), and whom each row names as its writer named them (`sync_ref`). Applying
//! reads and writes them (`apply.rs`, `apply_refs.rs`); so does sending, for what this device
//! sends (`note_sent`), so its own edits weigh by their clocks like anyone's.

use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::Table;
use super::wire::refers_to;
use crate::error::{Error, Result};
use crate::model::{Op, WireOp, WireTable};

/// When a value was written and by which device: the later clock wins, then the larger
/// device id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp {
    pub clock: i64,
    pub device: [u8; 16],
}

impl Stamp {
    pub(super) const NEVER: Stamp = Stamp {
        clock: i64::MIN,
        device: [0; 16],
    };
}

/// A row's sync state: its stamp, and when it was deleted.
pub(super) fn row_state(tx: &Transaction, gid: Uuid) -> Result<Option<(Stamp, Option<i64>)>> {
    Ok(tx
        .prepare_cached("SELECT clock, device, deleted_at FROM sync_row WHERE gid = ?1")?
        .query_row([gid.as_bytes()], |row| {
            Ok((
                Stamp {
                    clock: row.get(0)?,
                    device: device_bytes(row.get(1)?),
                },
                row.get(2)?,
            ))
        })
        .optional()?)
}

pub(super) fn device_bytes(bytes: Vec<u8>) -> [u8; 16] {
    bytes.try_into().unwrap_or([0; 16])
}

pub(super) fn field_stamp(tx: &Transaction, gid: Uuid, field: &str) -> Result<Option<Stamp>> {
    Ok(tx
        .prepare_cached("SELECT clock, device FROM sync_field WHERE gid = ?1 AND field = ?2")?
        .query_row(params![gid.as_bytes(), field], |row| {
            Ok(Stamp {
                clock: row.get(0)?,
                device: device_bytes(row.get(1)?),
            })
        })
        .optional()?)
}

/// The row is (again) as put whole at `stamp`: alive, its clock `stamp`.
pub(super) fn note_row(tx: &Transaction, gid: Uuid, stamp: Stamp) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_row (gid, clock, device, deleted_at) VALUES (?1, ?2, ?3, NULL) \
         ON CONFLICT (gid) DO UPDATE SET clock = excluded.clock, device = excluded.device, \
         deleted_at = NULL",
    )?
    .execute(params![gid.as_bytes(), stamp.clock, stamp.device])?;
    Ok(())
}

pub(super) fn note_field(
    tx: &Transaction,
    gid: Uuid,
    field: &str,
    stamp: Stamp,
    value: &Value,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_field (gid, field, clock, device, value) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (gid, field) DO UPDATE SET clock = excluded.clock, \
         device = excluded.device, value = excluded.value",
    )?
    .execute(params![
        gid.as_bytes(),
        field,
        stamp.clock,
        stamp.device,
        value.to_string()
    ])?;
    Ok(())
}

/// The value an edit later than `stamp` set field `field` of row `gid` to, if one did.
pub(super) fn later_edit(
    tx: &Transaction,
    gid: Uuid,
    field: &str,
    stamp: Stamp,
) -> Result<Option<Value>> {
    match field_stamp(tx, gid, field)? {
        Some(edited) if edited > stamp => super::apply_sets::field_value(tx, gid, field),
        _ => Ok(None),
    }
}

/// The row is deleted as of `stamp` (a tombstone; the later delete is kept).
pub(super) fn note_deleted(tx: &Transaction, gid: Uuid, stamp: Stamp) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_row (gid, clock, device, deleted_at) VALUES (?1, ?2, ?3, ?2) \
         ON CONFLICT (gid) DO UPDATE SET deleted_at = max(coalesce(deleted_at, ?2), ?2)",
    )?
    .execute(params![gid.as_bytes(), stamp.clock, stamp.device])?;
    Ok(())
}

pub(super) fn note_merge(tx: &Transaction, op: &WireOp) -> Result<()> {
    let Some(keep) = gid_field(&op.fields, "into") else {
        return Err(Error::invalid("a merge that does not say into whom"));
    };
    match op.op {
        Op::Merge => tx
            .prepare_cached(
                "INSERT INTO sync_merge (other, keep, clock) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (other) DO UPDATE SET keep = excluded.keep, clock = excluded.clock \
                 WHERE excluded.clock > sync_merge.clock",
            )?
            .execute(params![op.gid.as_bytes(), keep.as_bytes(), op.clock])?,
        // An unmerge is kept as the person merged into themselves, at its clock: a merge
        // it undid that arrives after it (another device made the same merge earlier)
        // does not stand.
        _ => tx
            .prepare_cached(
                "INSERT INTO sync_merge (other, keep, clock) VALUES (?1, ?1, ?2) \
                 ON CONFLICT (other) DO UPDATE SET keep = excluded.keep, clock = excluded.clock \
                 WHERE excluded.clock > sync_merge.clock",
            )?
            .execute(params![op.gid.as_bytes(), op.clock])?,
    };
    Ok(())
}

pub(super) fn gid_field(fields: &Map<String, Value>, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
}

/// The elements of `change` an edit at `stamp` decides, added and removed: per element the
/// latest add or removal wins (kept beside the field), so an add on one device and a
/// removal on another end the same everywhere, whatever order they arrive in.
pub(super) fn later_elements(
    tx: &Transaction,
    gid: Uuid,
    field: &str,
    change: &super::apply_sets::SetChange,
    stamp: Stamp,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut decided = (Vec::new(), Vec::new());
    for (list, added) in [(&change.add, true), (&change.remove, false)] {
        for element in list {
            let key = format!("{field} element {element}");
            if field_stamp(tx, gid, &key)?.is_some_and(|kept| kept >= stamp) {
                continue;
            }
            note_field(tx, gid, &key, stamp, &Value::Bool(added))?;
            let out = if added {
                &mut decided.0
            } else {
                &mut decided.1
            };
            out.push(element.clone());
        }
    }
    Ok(decided)
}

/// Notes what this device sends, as its receivers will: its own edits then weigh against
/// what arrives by their clocks, like anyone's.
pub(super) fn note_sent(tx: &Transaction, device: [u8; 16], ops: &[WireOp]) -> Result<()> {
    for op in ops {
        let stamp = Stamp {
            clock: op.clock,
            device,
        };
        if let (Op::Put | Op::Restore, WireTable::Row(table)) = (op.op, op.table) {
            // A set's change names whom its list names now.
            let mut named = op.fields.clone();
            for (field, value) in named.iter_mut() {
                if let Some(change) = super::apply_sets::as_change(value) {
                    *value = super::apply_sets::whole_as(field, &change.now);
                }
            }
            note_refs(tx, table, op.gid, &named, false)?;
        }
        match op.op {
            Op::Put | Op::Restore if op.whole || op.op == Op::Restore => {
                note_row(tx, op.gid, stamp)?;
                note_sets(tx, op, stamp)?;
            }
            Op::Put => {
                for (field, value) in &op.fields {
                    // A set's change is kept as the list it makes.
                    let value = match super::apply_sets::as_change(value) {
                        Some(change) => {
                            later_elements(tx, op.gid, field, &change, stamp)?;
                            // Its own list is the latest order, as its receivers will keep it.
                            let now = super::apply_sets::whole_as(field, &change.now);
                            let order = super::apply_sets::order_field(field);
                            note_field(tx, op.gid, &order, stamp, &now)?;
                            now
                        }
                        None => value.clone(),
                    };
                    note_field(tx, op.gid, field, stamp, &value)?;
                }
            }
            Op::Restore => {
                note_row(tx, op.gid, stamp)?;
                note_sets(tx, op, stamp)?;
            }
            Op::Delete => note_deleted(tx, op.gid, stamp)?,
            Op::Merge | Op::Unmerge => note_merge(tx, op)?,
        }
    }
    Ok(())
}

/// A whole row's set fields, kept as last synced (what its next edit sends changes from).
pub(super) fn note_sets(tx: &Transaction, op: &WireOp, stamp: Stamp) -> Result<()> {
    let WireTable::Row(table) = op.table else {
        return Ok(());
    };
    for (field, value) in &op.fields {
        if !super::apply_sets::is_set(table, field) {
            continue;
        }
        // A row brought back sends its lists as changes (what its device had synced, and
        // what it holds now): the list it makes is what was synced.
        match super::apply_sets::as_change(value) {
            Some(change) => {
                later_elements(tx, op.gid, field, &change, stamp)?;
                let now = super::apply_sets::whole_as(field, &change.now);
                let order = super::apply_sets::order_field(field);
                note_field(tx, op.gid, &order, stamp, &now)?;
                note_field(tx, op.gid, field, stamp, &now)?;
            }
            None => note_field(tx, op.gid, field, stamp, value)?,
        }
    }
    Ok(())
}

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
