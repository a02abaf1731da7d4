//! Operations as they travel to other devices: rows named by global id, with their values as
//! they are when sent, and every reference to another row (a person, a need, a favour) as
//! that row's global id. Read from the recorded operations (`oplog`) and the rows; a value
//! read now is never newer than the operation that carries it, since any later change has
//! an operation of its own with a later clock.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::{Change, Table};
use super::gids;
use crate::error::{Error, Result};
use crate::model::Link;
pub use crate::model::{Op, WireOp, WireTable};

/// Columns never sent: the local key, and when this database wrote the row.
pub(super) const LOCAL_COLUMNS: [&str; 3] = ["id", "created_at", "updated_at"];

/// The table a column refers to, for those that hold another row's key.
pub(super) fn refers_to(table: Table, column: &str) -> Option<Table> {
    match (table, column) {
        (_, "person_id" | "introduced_by" | "helper_id") => Some(Table::Person),
        (Table::LinkDismissed, "a" | "b") => Some(Table::Person),
        (_, "need_id") => Some(Table::Need),
        (_, "favour_id") => Some(Table::Interaction),
        _ => None,
    }
}

/// The global id of row `id` of `table`: stored, or for a snooze derived from its person.
pub(super) fn gid_of(conn: &Connection, table: Table, id: i64) -> Result<Uuid> {
    if table == Table::Snooze {
        let person = gid_of(conn, Table::Person, id)?;
        return Ok(gids::derived("snooze", &[person.as_bytes()]));
    }
    gids::of(conn, table, id)?
        .ok_or_else(|| Error::Database(format!("{table:?} row {id} has no global id")))
}

fn link_gid(conn: &Connection, link: &Link) -> Result<(Uuid, Uuid, Uuid)> {
    let a = gid_of(conn, Table::Person, link.a)?;
    let b = gid_of(conn, Table::Person, link.b)?;
    let gid = gids::derived(
        &format!("link {}", link.kind.as_str()),
        &[a.as_bytes(), b.as_bytes()],
    );
    Ok((gid, a, b))
}

/// Row `id` of `table` as it is now, by column name, references as global ids; `None` when
/// it is gone. `only` names the fields wanted (empty: all).
pub(super) fn row_fields(
    conn: &Connection,
    table: Table,
    id: i64,
    only: &[String],
) -> Result<Option<Map<String, Value>>> {
    let (name, key) = table.sql();
    let mut statement = conn.prepare_cached(&format!("SELECT * FROM {name} WHERE {key} = ?1"))?;
    let columns: Vec<String> = statement.column_names().map(str::to_string).collect();
    let values: Option<Vec<rusqlite::types::Value>> = statement
        .query_row([id], |row| {
            (0..columns.len()).map(|at| row.get(at)).collect()
        })
        .optional()?;
    let Some(values) = values else {
        return Ok(None);
    };
    let mut fields = Map::new();
    for (column, value) in columns.iter().zip(values) {
        let wanted = only.is_empty() || only.iter().any(|f| f == column);
        if LOCAL_COLUMNS.contains(&column.as_str()) || !wanted {
            continue;
        }
        let value = match (refers_to(table, column), value) {
            (Some(other), rusqlite::types::Value::Integer(key)) => {
                Value::String(gid_of(conn, other, key)?.to_string())
            }
            (_, rusqlite::types::Value::Text(text))
                if table == Table::Review && column == "covered" =>
            {
                covered_by_gid(conn, &text)?
            }
            (_, value) => plain(value),
        };
        fields.insert(column.clone(), value);
    }
    if table == Table::Interaction && (only.is_empty() || only.iter().any(|f| f == "people")) {
        let people: Vec<i64> = super::rows(
            conn,
            "SELECT person_id FROM contact WHERE interaction_id = ?1 ORDER BY person_id",
            [id],
            |row| row.get(0),
        )?;
        let people = (people.into_iter())
            .map(|p| gid_of(conn, Table::Person, p).map(|g| Value::String(g.to_string())))
            .collect::<Result<Vec<_>>>()?;
        fields.insert("people".into(), Value::Array(people));
    }
    Ok(Some(fields))
}

/// A review's `covered` (people's keys in lists) with each key as the person's global id.
fn covered_by_gid(conn: &Connection, text: &str) -> Result<Value> {
    let mut covered: Map<String, Value> = serde_json::from_str(text).unwrap_or_default();
    for list in covered.values_mut() {
        if let Value::Array(ids) = list {
            for id in ids.iter_mut() {
                if let Some(key) = id.as_i64() {
                    *id = Value::String(gid_of(conn, Table::Person, key)?.to_string());
                }
            }
        }
    }
    Ok(Value::Object(covered))
}

fn plain(value: rusqlite::types::Value) -> Value {
    use rusqlite::types::Value as Sql;
    match value {
        Sql::Null => Value::Null,
        Sql::Integer(n) => Value::from(n),
        Sql::Real(x) => Value::from(x),
        Sql::Text(text) => Value::String(text),
        Sql::Blob(bytes) => Value::Array(bytes.into_iter().map(Value::from).collect()),
    }
}

/// Every row of a batch from `from` on in `table` (for people, with what came with them),
/// each as `(table, id)`.
fn batch_rows(conn: &Connection, table: Table, from: i64) -> Result<Vec<(Table, i64)>> {
    let (name, key) = table.sql();
    let mut out: Vec<(Table, i64)> = super::rows(
        conn,
        &format!("SELECT {key} FROM {name} WHERE {key} >= ?1 ORDER BY {key}"),
        [from],
        |row| Ok((table, row.get(0)?)),
    )?;
    if table == Table::Person {
        for with in [
            Table::Promise,
            Table::Need,
            Table::YearlyDate,
            Table::Snooze,
        ] {
            let (name, key) = with.sql();
            out.extend(super::rows(
                conn,
                &format!("SELECT {key} FROM {name} WHERE person_id >= ?1 ORDER BY {key}"),
                [from],
                |row| Ok((with, row.get(0)?)),
            )?);
        }
    }
    Ok(out)
}

/// Links of a batch's people (from person `from` on).
fn batch_links(conn: &Connection, from: i64) -> Result<Vec<Link>> {
    super::columns::read_links(conn, "a >= ?1 OR b >= ?1", &[from])
}

/// The global ids that rows of `table` from `from` on had and that are gone now.
fn gone_from(conn: &Connection, table: Table, from: i64) -> Result<Vec<Uuid>> {
    let Some(code) = gids::code_of(table) else {
        return Ok(Vec::new());
    };
    let (name, key) = table.sql();
    let bytes: Vec<Vec<u8>> = super::rows(
        conn,
        &format!(
            "SELECT gid FROM row_gid WHERE tbl = ?1 AND id >= ?2 \
             AND id NOT IN (SELECT {key} FROM {name} WHERE {key} >= ?2) ORDER BY id"
        ),
        params![code, from],
        |row| row.get(0),
    )?;
    Ok(bytes
        .iter()
        .filter_map(|b| Uuid::from_slice(b).ok())
        .collect())
}

/// The operations recorded after `seq`, as they travel, with the last seq read.
#[cfg(test)]
pub(super) fn outgoing(conn: &Connection, seq: i64) -> Result<(Vec<WireOp>, i64)> {
    let mut out = Vec::new();
    let last = outgoing_each(conn, seq, &mut |op| {
        out.push(op);
        Ok(())
    })?;
    Ok((out, last))
}

/// Each operation recorded after `seq`, as it travels, handed to `each` one at a time (a
/// batch may be a million rows); the last seq read.
pub(super) fn outgoing_each(
    conn: &Connection,
    seq: i64,
    each: &mut dyn FnMut(WireOp) -> Result<()>,
) -> Result<i64> {
    let recorded = super::oplog::since(conn, seq)?;
    let last = recorded.last().map_or(seq, |r| r.seq);
    for r in recorded {
        let mut push = |op: Op, table: WireTable, gid: Uuid, fields: Map<String, Value>| {
            // A row added or brought back is sent whole; a row with a natural key (a
            // snooze, a link) is set whole whenever it is set.
            let whole = matches!(op, Op::Put | Op::Restore)
                && (matches!(
                    r.change,
                    Change::Add { .. } | Change::AddFrom { .. } | Change::Delete { .. }
                ) || table == WireTable::Link
                    || table == WireTable::Row(Table::Snooze));
            each(WireOp {
                clock: r.clock,
                op,
                table,
                gid,
                whole,
                fields,
                device: None,
            })
        };
        match (r.op, &r.change) {
            (Op::Put | Op::Restore, Change::Add { table, id } | Change::Delete { table, id }) => {
                if let Some(mut fields) = row_fields(conn, *table, *id, &[])? {
                    let gid = gid_of(conn, *table, *id)?;
                    if r.op == Op::Restore {
                        // Its lists as changes from what was synced: an element another
                        // device added meanwhile is not taken away by the row coming back.
                        super::apply_sets::as_changes(conn, *table, gid, &mut fields)?;
                    }
                    push(r.op, WireTable::Row(*table), gid, fields)?;
                }
            }
            (Op::Put, Change::Edit { table, id, fields }) => {
                let gid = gid_of(conn, *table, *id)?;
                match row_fields(conn, *table, *id, fields)? {
                    Some(mut values) => {
                        super::apply_sets::as_changes(conn, *table, gid, &mut values)?;
                        push(r.op, WireTable::Row(*table), gid, values)?;
                    }
                    // A snooze gone since (an undo took a new one back out): what travels is
                    // that.
                    None if *table == Table::Snooze => {
                        let key = key_fields(conn, *table, *id)?;
                        push(Op::Delete, WireTable::Row(*table), gid, key)?;
                    }
                    // Any other row gone since went by a later change, which says so; a
                    // person merged away is kept whole in the books (`apply_park::park`),
                    // and the edit travels with those values, should another device's
                    // opposite merge win and keep them.
                    None => {
                        if let Some(values) = kept_fields(conn, gid, fields)? {
                            push(r.op, WireTable::Row(*table), gid, values)?;
                        }
                    }
                }
            }
            (Op::Delete, Change::Add { table, id } | Change::Delete { table, id }) => {
                let gid = gid_of(conn, *table, *id)?;
                push(
                    Op::Delete,
                    WireTable::Row(*table),
                    gid,
                    key_fields(conn, *table, *id)?,
                )?;
            }
            (Op::Put, Change::AddFrom { table, from }) => {
                for (table, id) in batch_rows(conn, *table, *from)? {
                    if let Some(fields) = row_fields(conn, table, id, &[])? {
                        push(
                            Op::Put,
                            WireTable::Row(table),
                            gid_of(conn, table, id)?,
                            fields,
                        )?;
                    }
                }
                if *table == Table::Person {
                    for link in batch_links(conn, *from)? {
                        let (gid, fields) = link_fields(conn, &link)?;
                        push(Op::Put, WireTable::Link, gid, fields)?;
                    }
                }
            }
            (Op::Delete, Change::AddFrom { table, from }) => {
                for gid in gone_from(conn, *table, *from)? {
                    push(Op::Delete, WireTable::Row(*table), gid, Map::new())?;
                }
            }
            (Op::Put | Op::Restore, Change::AddLink { link } | Change::DeleteLink { link }) => {
                let (gid, fields) = link_fields(conn, link)?;
                push(r.op, WireTable::Link, gid, fields)?;
            }
            (Op::Delete, Change::AddLink { link } | Change::DeleteLink { link }) => {
                // A link's id is derived from its people: the delete names them too.
                let (gid, fields) = link_fields(conn, link)?;
                push(Op::Delete, WireTable::Link, gid, fields)?;
            }
            (Op::Merge | Op::Unmerge, Change::Merge { keep, other }) => {
                let mut fields = Map::new();
                let keep = gid_of(conn, Table::Person, *keep)?;
                fields.insert("into".into(), Value::String(keep.to_string()));
                push(
                    r.op,
                    WireTable::Row(Table::Person),
                    gid_of(conn, Table::Person, *other)?,
                    fields,
                )?;
            }
            (op, change) => {
                return Err(Error::Database(format!(
                    "an operation this build cannot send: {op:?} of {change:?}"
                )));
            }
        }
    }
    Ok(last)
}

/// Fields `fields` of row `gid` as the books keep them, when they keep every one.
fn kept_fields(
    conn: &Connection,
    gid: Uuid,
    fields: &[String],
) -> Result<Option<Map<String, Value>>> {
    let mut values = Map::new();
    for field in fields {
        match super::apply_sets::field_value(conn, gid, field)? {
            Some(value) => values.insert(field.clone(), value),
            None => return Ok(None),
        };
    }
    Ok((!values.is_empty()).then_some(values))
}

/// What a delete of a row with a derived id carries to name it: a snooze's person.
fn key_fields(conn: &Connection, table: Table, id: i64) -> Result<Map<String, Value>> {
    let mut fields = Map::new();
    if table == Table::Snooze {
        let person = gid_of(conn, Table::Person, id)?;
        fields.insert("person_id".into(), Value::String(person.to_string()));
    }
    Ok(fields)
}

fn link_fields(conn: &Connection, link: &Link) -> Result<(Uuid, Map<String, Value>)> {
    let (gid, a, b) = link_gid(conn, link)?;
    let mut fields = Map::new();
    fields.insert("a".into(), Value::String(a.to_string()));
    fields.insert("b".into(), Value::String(b.to_string()));
    fields.insert("kind".into(), Value::String(link.kind.as_str().into()));
    Ok((gid, fields))
}
