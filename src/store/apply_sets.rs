//! A person's emails, phones and tags, and an interaction's people, are sets (DESIGN, "Sync
//! across devices"): an edit sends the elements added and removed since this device last
//! synced the field, not the whole list, and each device applies them to the list it has — so
//! an address added on the laptop and another added on the desktop both stay, and so do two
//! people found in one meeting by two machines' captures. A whole row (added, brought back) still
//! carries whole lists. The last synced list is kept with the field's clock (`sync_field`).

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::Table;
use crate::error::Result;

const SET_FIELDS: [&str; 4] = ["emails", "phones", "handles", "tags"];

/// Whether field `field` of `table` is a set.
pub(super) fn is_set(table: Table, field: &str) -> bool {
    (table == Table::Person && SET_FIELDS.contains(&field))
        || (table == Table::Interaction && field == "people")
}

/// A set's elements as field `field` travels whole: an interaction's people as a list of
/// global ids, a person's lists as their column's JSON text.
pub(super) fn whole_as(field: &str, elements: &[String]) -> Value {
    if field == "people" {
        Value::Array(elements.iter().map(|e| Value::String(e.clone())).collect())
    } else {
        whole(elements)
    }
}

/// The elements of a list as it travels whole (the column's JSON text).
pub(super) fn elements(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => serde_json::from_str(text).unwrap_or_default(),
        Value::Array(items) => (items.iter())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

/// A list as it travels whole and as its column holds it: JSON text.
pub(super) fn whole(elements: &[String]) -> Value {
    Value::String(serde_json::to_string(elements).unwrap_or_else(|_| "[]".into()))
}

/// The elements added and removed, and the list as the editing device has it (its order
/// wins while its edit is the latest): `{"add": [...], "remove": [...], "now": [...]}`.
fn change(base: &[String], now: &[String]) -> Value {
    let add: Vec<Value> = (now.iter())
        .filter(|e| !base.contains(e))
        .map(|e| Value::String(e.clone()))
        .collect();
    let remove: Vec<Value> = (base.iter())
        .filter(|e| !now.contains(e))
        .map(|e| Value::String(e.clone()))
        .collect();
    let mut change = Map::new();
    change.insert("add".into(), Value::Array(add));
    change.insert("remove".into(), Value::Array(remove));
    change.insert(
        "now".into(),
        Value::Array(now.iter().map(|e| Value::String(e.clone())).collect()),
    );
    Value::Object(change)
}

/// What a change of a set says.
pub(super) struct SetChange {
    pub add: Vec<String>,
    pub remove: Vec<String>,
    /// The list as the editing device had it.
    pub now: Vec<String>,
}

/// The change of a set `value` is, if it is one.
pub(super) fn as_change(value: &Value) -> Option<SetChange> {
    let Value::Object(change) = value else {
        return None;
    };
    let list = |name: &str| elements(change.get(name).unwrap_or(&Value::Null));
    Some(SetChange {
        add: list("add"),
        remove: list("remove"),
        now: list("now"),
    })
}

/// The elements of `set` in the order of `order` (the latest edit's list), those it does
/// not have after them in sorted order: the same on every device, whatever order the edits
/// arrived in.
pub(super) fn ordered(set: &[String], order: &[String]) -> Vec<String> {
    let mut out: Vec<String> = (order.iter())
        .filter(|e| set.contains(e))
        .cloned()
        .collect();
    let mut rest: Vec<String> = (set.iter())
        .filter(|e| !order.contains(e))
        .cloned()
        .collect();
    rest.sort();
    rest.dedup();
    out.dedup();
    out.extend(rest);
    out
}

/// Where the order of field `field`'s latest edit is kept (beside the field, in `sync_field`).
pub(super) fn order_field(field: &str) -> String {
    format!("{field} order")
}

/// `current` with a change applied: the removed ones out, the added ones at the end.
pub(super) fn applied(current: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let mut out: Vec<String> = (current.iter())
        .filter(|e| !remove.contains(e))
        .cloned()
        .collect();
    for e in add {
        if !out.contains(e) && !remove.contains(e) {
            out.push(e.clone());
        }
    }
    out
}

/// The list last synced for field `field` of row `gid`, if it is kept.
pub(super) fn synced(conn: &Connection, gid: Uuid, field: &str) -> Result<Option<Vec<String>>> {
    Ok(field_value(conn, gid, field)?.map(|v| elements(&v)))
}

/// An edit's set fields among `values` (whole lists, read now) as what changed since they
/// were last synced; a field never synced yet travels whole.
pub(super) fn as_changes(
    conn: &Connection,
    table: Table,
    gid: Uuid,
    values: &mut Map<String, Value>,
) -> Result<()> {
    for (field, value) in values.iter_mut() {
        if is_set(table, field)
            && let Some(base) = synced(conn, gid, field)?
        {
            *value = change(&base, &elements(value));
        }
    }
    Ok(())
}

/// The value kept for field `field` of row `gid`: what its latest edit set, or (a set) the
/// list last synced.
pub(super) fn field_value(conn: &Connection, gid: Uuid, field: &str) -> Result<Option<Value>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT value FROM sync_field WHERE gid = ?1 AND field = ?2")?
        .query_row(params![gid.as_bytes(), field], |row| row.get(0))
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}
