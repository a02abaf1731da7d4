//! Global ids: what syncs across devices is named by a UUID, not by the integer keys each
//! database hands out on its own (DESIGN, "Sync across devices"). New rows get a v7
//! (time-ordered, random); a captured interaction gets a v5 of its source id, so two devices
//! that capture the same mailbox make the same row. They are kept in `row_gid` (schema v16)
//! beside the tables, so a deleted row's id stays for its tombstone and for the undo that
//! brings the row back under the same integer key. Links, snoozes and dismissed suggestions
//! are named by their natural keys through [`derived`], never stored.

use rusqlite::{Connection, Transaction, params};
use uuid::Uuid;

use super::Problem;
use super::change::Table;
use crate::error::Result;
use crate::model::Capture;

/// The namespace of every id tiesdesk derives (a v4 drawn once; never to change: devices
/// that disagree on it would make different rows of one link).
const NAMESPACE: Uuid = Uuid::from_u128(0x6c1e_2f4a_9b3d_4e8f_a172_5d0c_3b9e_81f6);

/// The tables whose rows have stored global ids, each with its code in `row_gid.tbl`
/// (explicit, never a position) and the SQL name of the table.
const STORED: [(Table, i64, &str); 8] = [
    (Table::Person, 1, "person"),
    (Table::Interaction, 2, "interaction"),
    (Table::Review, 3, "review"),
    (Table::Promise, 4, "promise"),
    (Table::Need, 5, "need"),
    (Table::YearlyDate, 6, "yearly_date"),
    (Table::Offer, 7, "offer"),
    (Table::Introduction, 8, "introduction"),
];

/// The code of `table` in `row_gid`, for tables with stored ids.
pub(super) fn code_of(table: Table) -> Option<i64> {
    STORED
        .iter()
        .find(|(t, ..)| *t == table)
        .map(|&(_, c, _)| c)
}

/// The code of the table named `name` in SQL, for tables with stored ids.
pub(super) fn code_of_name(name: &str) -> Option<i64> {
    STORED.iter().find(|(.., n)| *n == name).map(|&(_, c, _)| c)
}

/// The id a row with a natural key has on every device: `what` names the kind of row
/// ("link knows", "snooze", "captured mail"), `parts` its key.
pub fn derived(what: &str, parts: &[&[u8]]) -> Uuid {
    let mut name = Vec::with_capacity(64);
    name.extend_from_slice(what.as_bytes());
    for part in parts {
        // Each part with its length before it, so ("ab", "c") and ("a", "bc") differ.
        name.extend_from_slice(&(part.len() as u64).to_be_bytes());
        name.extend_from_slice(part);
    }
    Uuid::new_v5(&NAMESPACE, &name)
}

/// A captured interaction's natural key: where it was read (as stored) and its id there.
pub(super) type CaptureKey<'a> = (&'a str, &'a str);

pub(super) fn capture_key(capture: &Capture) -> CaptureKey<'_> {
    (capture.source.as_str(), &capture.id)
}

/// The id of a captured interaction, from its natural key.
fn captured((source, id): CaptureKey) -> Uuid {
    derived("captured", &[source.as_bytes(), id.as_bytes()])
}

/// Gives row `id` of `table` its global id unless it has one already (an edit, or an undo
/// bringing back a deleted row keeps it). A captured interaction's id follows its source id
/// to whichever row holds it now (captured again after a change, it is the same row).
pub(super) fn assign(
    tx: &Transaction,
    table: Table,
    id: i64,
    capture: Option<CaptureKey>,
) -> Result<()> {
    let Some(tbl) = code_of(table) else {
        return Ok(());
    };
    match capture {
        None => {
            tx.prepare_cached(
                "INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (tbl, id) DO NOTHING",
            )?
            .execute(params![tbl, id, Uuid::now_v7().as_bytes()])?;
        }
        Some(capture) => {
            tx.prepare_cached(
                "INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (gid) DO UPDATE SET tbl = excluded.tbl, id = excluded.id \
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![tbl, id, captured(capture).as_bytes()])?;
        }
    }
    Ok(())
}

/// The global id of row `id` of `table`, if it has one.
pub(super) fn of(conn: &Connection, table: Table, id: i64) -> Result<Option<Uuid>> {
    use rusqlite::OptionalExtension;
    let Some(tbl) = code_of(table) else {
        return Ok(None);
    };
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT gid FROM row_gid WHERE tbl = ?1 AND id = ?2")?
        .query_row(params![tbl, id], |row| row.get(0))
        .optional()?;
    Ok(bytes.and_then(|b| Uuid::from_slice(&b).ok()))
}

/// The first integer id never used in `name`: past its rows and past every row that ever had
/// a global id there, so an id deleted once is never given to a new row.
pub(super) fn next_free_id(tx: &Transaction, name: &str) -> Result<i64> {
    let used_sql = format!("SELECT coalesce(max(id), 0) FROM {name}");
    let used: i64 = tx.query_row(&used_sql, [], |r| r.get(0))?;
    let Some(tbl) = code_of_name(name) else {
        return Ok(used + 1);
    };
    let had: i64 = tx
        .prepare_cached("SELECT coalesce(max(id), 0) FROM row_gid WHERE tbl = ?1")?
        .query_row([tbl], |r| r.get(0))?;
    Ok(used.max(had) + 1)
}

/// Gives every row already there its global id (the migration to v16): time-ordered by when
/// the row was written where that is known.
pub(super) fn assign_all(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    // Ids made in one millisecond count up (rows imported together share their second), so
    // each goes at the end of the index on `gid`, not at a random place in it.
    let context = uuid::ContextV7::new();
    for &(table, tbl, name) in &STORED {
        let captured_columns = if table == Table::Interaction {
            "source, source_id"
        } else {
            "NULL, NULL"
        };
        let mut rows = tx.prepare(&format!(
            "SELECT id, created_at, {captured_columns} FROM {name}"
        ))?;
        let mut insert = tx.prepare("INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3)")?;
        let found = rows.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, Option<String>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in found {
            let (id, created_at, source, source_id) = row?;
            let gid = match source.as_deref().zip(source_id.as_deref()) {
                Some(key) => captured(key),
                None => written_at(&context, created_at.as_deref()),
            };
            insert.execute(params![tbl, id, gid.as_bytes()])?;
        }
    }
    Ok(())
}

/// A v7 id for a row written at `created_at` (RFC 3339), or now when that is not a time.
fn written_at(context: &uuid::ContextV7, created_at: Option<&str>) -> Uuid {
    let at = created_at.and_then(|text| chrono::DateTime::parse_from_rfc3339(text).ok());
    match at {
        Some(at) => {
            let seconds = u64::try_from(at.timestamp()).unwrap_or(0);
            let nanos = at.timestamp_subsec_nanos();
            Uuid::new_v7(uuid::Timestamp::from_unix(context, seconds, nanos))
        }
        None => Uuid::now_v7(),
    }
}

/// Rows of stored tables without a global id (written by another tool), one problem per
/// table: sync could not name them.
pub(super) fn missing(conn: &Connection) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    for &(_, tbl, name) in &STORED {
        let count: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM {name} WHERE id NOT IN \
                 (SELECT id FROM row_gid WHERE tbl = ?1)"
            ),
            [tbl],
            |row| row.get(0),
        )?;
        if count > 0 {
            problems.push(Problem {
                table: Some(name.to_string()),
                text: format!(
                    "{}: no global id (written by another tool?); sync could not name them",
                    crate::text::counted(count, "row")
                ),
            });
        }
    }
    Ok(problems)
}
