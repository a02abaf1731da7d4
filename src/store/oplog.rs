//! Operations: every change, and every undo, as what other devices will apply (schema v17).
//! A change's forward record (`journal::Change`) says which rows it added, changed (a
//! person's fields named), deleted or merged; here each becomes an operation — put, delete,
//! restore, merge, unmerge — stamped with this device's hybrid logical clock. An undo is the
//! change's operations turned round (a row added is deleted, one deleted restored, a merge
//! unmerged), so it syncs like any change. The values are read when operations are sent.

use rusqlite::{OptionalExtension, Transaction, params};

use super::change::Change;
use crate::error::{Error, Result};
pub use crate::model::Op;

/// The operations of a change, from what it did forward.
pub(super) fn forward(changes: &[Change]) -> Vec<(Op, Change)> {
    (changes.iter())
        .map(|change| {
            let op = match change {
                Change::Add { .. }
                | Change::Edit { .. }
                | Change::AddFrom { .. }
                | Change::AddLink { .. } => Op::Put,
                Change::Delete { .. } | Change::DeleteLink { .. } => Op::Delete,
                Change::Merge { .. } => Op::Merge,
            };
            (op, change.clone())
        })
        .collect()
}

/// The operations of undoing a change that did `changes`: each turned round, last first.
pub(super) fn undone(changes: &[Change]) -> Vec<(Op, Change)> {
    let mut turned: Vec<(Op, Change)> = forward(changes)
        .into_iter()
        .map(|(op, change)| {
            let op = match (op, &change) {
                // Fields changed go back to what they were: put again, with a later clock.
                (Op::Put, Change::Edit { .. }) => Op::Put,
                (Op::Put, _) => Op::Delete,
                (Op::Delete, _) => Op::Restore,
                (Op::Merge, _) => Op::Unmerge,
                (Op::Restore | Op::Unmerge, _) => op,
            };
            (op, change)
        })
        .collect();
    turned.reverse();
    turned
}

/// The next clock value: past the last one handed out, and at least now. A hybrid logical
/// clock — milliseconds since 1970 in the high 48 bits, a counter in the low 16 — never
/// runs backwards when the wall clock does, and orders what one device did in the order
/// it did it.
fn tick(tx: &Transaction) -> Result<i64> {
    let last: Option<i64> = tx
        .prepare_cached("SELECT clock FROM sync_device")?
        .query_row([], |row| row.get(0))
        .optional()?;
    let Some(last) = last else {
        // Taken out by another tool: this database becomes a device again, with a new id.
        make_device(tx)?;
        return tick(tx);
    };
    let now = chrono::Utc::now().timestamp_millis().max(0) << 16;
    let next = now.max(last.saturating_add(1));
    tx.prepare_cached("UPDATE sync_device SET clock = ?1")?
        .execute([next])?;
    Ok(next)
}

/// Records `operations`, all at one clock value (they are one change).
pub(super) fn record(tx: &Transaction, operations: &[(Op, Change)]) -> Result<()> {
    if operations.is_empty() {
        return Ok(());
    }
    let clock = tick(tx)?;
    let mut insert =
        tx.prepare_cached("INSERT INTO sync_op (clock, op, change) VALUES (?1, ?2, ?3)")?;
    for (op, change) in operations {
        let change = serde_json::to_string(change)
            .map_err(|e| Error::Database(format!("cannot record an operation: {e}")))?;
        insert.execute(params![clock, op.as_str(), change])?;
    }
    Ok(())
}

/// This database's device row (the migration to v17): a new id, and no clock yet.
pub(super) fn make_device(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO sync_device (one, id, clock) VALUES (1, ?1, 0)",
        [uuid::Uuid::now_v7().as_bytes()],
    )?;
    Ok(())
}

/// One recorded operation.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Recorded {
    pub seq: i64,
    pub clock: i64,
    pub op: Op,
    pub change: Change,
}

/// Every operation recorded after `seq`, in order.
pub(super) fn since(conn: &rusqlite::Connection, seq: i64) -> Result<Vec<Recorded>> {
    super::rows(
        conn,
        "SELECT seq, clock, op, change FROM sync_op WHERE seq > ?1 ORDER BY seq",
        [seq],
        |row| {
            let op: String = row.get(2)?;
            let change: String = row.get(3)?;
            let bad = |what: String| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    what.into(),
                )
            };
            Ok(Recorded {
                seq: row.get(0)?,
                clock: row.get(1)?,
                op: Op::from_str_stored(&op).ok_or_else(|| bad(format!("bad op {op:?}")))?,
                change: serde_json::from_str(&change).map_err(|e| bad(e.to_string()))?,
            })
        },
    )
}
