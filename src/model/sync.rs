//! What syncs between devices, as every device names it: the kinds of rows, what an
//! operation does, and an operation as it travels (rows by global id, references as global
//! ids). The store makes and applies them; a segment file carries them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

/// The tables a change names rows of, by the name SQLite has for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Person,
    Interaction,
    Review,
    /// Keyed by the person snoozed.
    Snooze,
    Promise,
    Need,
    YearlyDate,
    Offer,
    Introduction,
    LinkDismissed,
}

/// What an operation does to the rows its change names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// The rows as they are now: added, or the fields named changed.
    Put,
    /// The rows are gone (a tombstone, kept for devices that have not heard yet).
    Delete,
    /// Rows deleted before are back (an undo): they win over the delete they undo.
    Restore,
    Merge,
    Unmerge,
}

impl Op {
    /// As stored and sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Put => "put",
            Op::Delete => "delete",
            Op::Restore => "restore",
            Op::Merge => "merge",
            Op::Unmerge => "unmerge",
        }
    }

    pub fn from_str_stored(text: &str) -> Option<Op> {
        [Op::Put, Op::Delete, Op::Restore, Op::Merge, Op::Unmerge]
            .into_iter()
            .find(|op| op.as_str() == text)
    }
}

/// What the wire names a row's table by (a link is a table of its own there), written as
/// one word: "person", "link".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum WireTable {
    Row(Table),
    Link,
}

impl From<WireTable> for String {
    fn from(table: WireTable) -> String {
        match table {
            WireTable::Link => "link".into(),
            WireTable::Row(table) => serde_json::to_value(table).map_or_else(
                |_| String::new(),
                |word| match word {
                    Value::String(word) => word,
                    _ => String::new(),
                },
            ),
        }
    }
}

impl TryFrom<String> for WireTable {
    type Error = String;
    fn try_from(word: String) -> Result<WireTable, String> {
        if word == "link" {
            return Ok(WireTable::Link);
        }
        serde_json::from_value(Value::String(word.clone()))
            .map(WireTable::Row)
            .map_err(|_| format!("a table this build does not know: {word:?}"))
    }
}

/// One operation as another device applies it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOp {
    pub clock: i64,
    pub op: Op,
    pub table: WireTable,
    pub gid: Uuid,
    /// A put of the whole row as it was made (an add, a batch, a link or snooze set): it
    /// brings back a row deleted before it, as a restore does; a put of some fields (an
    /// edit) never does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub whole: bool,
    /// For a put or a restore: the fields (all of a new or restored row, else those the
    /// change named) by column name; references as global ids. For a merge: `into`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub fields: Map<String, Value>,
    /// The device that made it, when not the one whose segment carries it (a snapshot made
    /// by `sync rekey` carries every device's operations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<Uuid>,
}
