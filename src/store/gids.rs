//! Global ids: what syncs across devices is named by a UUID, not by the integer keys each
//! database hands out on its own (DESIGN, "Sync across devices"). New rows get a v7
//! (time-ordered, random); a captured interaction gets a v5 of its source id, so two devices
//! that capture the same mailbox make the same row. They are kept in `row_gid` (schema v16)
//! beside the tables, so a deleted row's id stays for its tombstone and for the undo that
//! brings the row back under the same integer key. A dismissed suggestion's id is derived
//! from its pair of people and stored likewise (its delete must name it after the row is
//! gone). Links and snoozes are named by their natural keys through [`derived`], never
//! stored: what names them (their people's ids) outlives them.

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
/// (explicit, never a position).
const STORED: [(Table, i64); 9] = [
    (Table::Person, 1),
    (Table::Interaction, 2),
    (Table::Review, 3),
    (Table::Promise, 4),
    (Table::Need, 5),
    (Table::YearlyDate, 6),
    (Table::Offer, 7),
    (Table::Introduction, 8),
    (Table::LinkDismissed, 9),
];

/// The code of `table` in `row_gid`, for tables with stored ids.
pub(super) fn code_of(table: Table) -> Option<i64> {
    STORED.iter().find(|(t, _)| *t == table).map(|&(_, c)| c)
}

/// The table whose code in `row_gid` is `code`.
pub(super) fn table_of(code: i64) -> Option<Table> {
    STORED.iter().find(|&&(_, c)| c == code).map(|&(t, _)| t)
}

/// The code of the table named `name` in SQL, for tables with stored ids.
fn code_of_name(name: &str) -> Option<i64> {
    STORED
        .iter()
        .find(|(t, _)| t.sql().0 == name)
        .map(|&(_, c)| c)
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
pub(super) fn captured((source, id): CaptureKey) -> Uuid {
    derived("captured", &[source.as_bytes(), id.as_bytes()])
}

/// What a dismissed suggestion's id is derived from, besides its two people.
const DISMISSED: &str = "dismissed";

/// The id of a dismissed suggestion between two people, from their ids, the lower key first
/// as the row keeps them.
pub(super) fn dismissal(conn: &Connection, a: i64, b: i64) -> Result<Uuid> {
    let person = |id| -> Result<Uuid> {
        of(conn, Table::Person, id)?
            .ok_or_else(|| crate::error::Error::Database(format!("person {id} has no global id")))
    };
    let (a, b) = (person(a.min(b))?, person(a.max(b))?);
    Ok(derived(DISMISSED, &[a.as_bytes(), b.as_bytes()]))
}

/// Gives row `id` of `table` its global id unless it has one already (an edit, or an undo
/// bringing back a deleted row keeps it). A row with a natural key gets the id derived from
/// it (`natural`), which follows the key to whichever row holds it now (a mail captured
/// again after a change is the same row).
pub(super) fn assign(tx: &Transaction, table: Table, id: i64, natural: Option<Uuid>) -> Result<()> {
    let Some(tbl) = code_of(table) else {
        return Ok(());
    };
    match natural {
        None => {
            tx.prepare_cached(
                "INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (tbl, id) DO NOTHING",
            )?
            .execute(params![tbl, id, Uuid::now_v7().as_bytes()])?;
        }
        Some(natural) => {
            tx.prepare_cached(
                "INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (gid) DO UPDATE SET tbl = excluded.tbl, id = excluded.id \
                 ON CONFLICT DO NOTHING",
            )?
            .execute(params![tbl, id, natural.as_bytes()])?;
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
    for &(table, tbl) in &STORED {
        if table == Table::LinkDismissed {
            // Derived from their people's ids, made just above.
            continue;
        }
        let name = table.sql().0;
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
    assign_dismissals(tx)
}

/// Gives every dismissed suggestion without one the id derived from its pair of people (the
/// migrations to v16 and v18: v16 first left them out).
pub(super) fn assign_dismissals(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let (person, dismissed) = (code_of(Table::Person), code_of(Table::LinkDismissed));
    let mut rows = tx.prepare(
        "SELECT d.id, ga.gid, gb.gid FROM link_dismissed d \
         JOIN row_gid ga ON ga.tbl = ?1 AND ga.id = d.a \
         JOIN row_gid gb ON gb.tbl = ?1 AND gb.id = d.b \
         WHERE d.id NOT IN (SELECT id FROM row_gid WHERE tbl = ?2)",
    )?;
    let found = rows.query_map(params![person, dismissed], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Vec<u8>>(1)?,
            row.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut insert = tx.prepare("INSERT INTO row_gid (tbl, id, gid) VALUES (?1, ?2, ?3)")?;
    for row in found {
        let (id, a, b) = row?;
        let gid = derived(DISMISSED, &[&a, &b]);
        insert.execute(params![dismissed, id, gid.as_bytes()])?;
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
    for &(table, tbl) in &STORED {
        let name = table.sql().0;
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
