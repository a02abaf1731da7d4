//! This database as a device of a sync folder (schema v19): where it syncs and with what key,
//! and one sync round in one transaction — what is new here sent (the caller writes the
//! segment), what other devices wrote applied (`apply`), operations still waiting for a row
//! not heard of tried again. If anything fails nothing is kept, and the segment written for
//! it is sent again next time (applying it twice changes nothing).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Transaction, params};
use uuid::Uuid;

use super::Store;
use super::apply::{Applier, Outcome};
use super::change::{Change, Table};
use crate::error::{Error, Result};
use crate::model::{Op, PersonData, PersonId, PersonPatch, WireOp};

/// Where this database syncs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncSetup {
    pub folder: PathBuf,
    /// The folder's key (`AGE-SECRET-KEY-1…`); none when it is kept readable.
    pub key: Option<String>,
    /// What this device is called in `sync status`.
    pub name: String,
    pub device: Uuid,
    /// Keys the folder had before (`sync rekey`): what was written under them is still read.
    pub old_keys: Vec<String>,
}

/// One segment another device wrote: its operations are read as they are applied.
pub struct Incoming<'a> {
    pub device: Uuid,
    /// Its file name in the device's folder.
    pub segment: String,
    pub ops: Box<dyn Iterator<Item = Result<WireOp>> + 'a>,
    /// A snapshot's segments: applied with it (a device that applied them all is given
    /// the snapshot with no operations, only to note it).
    pub folds: Vec<(Uuid, String)>,
}

/// Where what this device sends goes: its next segment, begun on the first operation.
pub trait Outbox {
    fn push(&mut self, op: &WireOp) -> Result<()>;
    /// After the last operation, when there was one: the segment is finished and in place.
    fn finish(&mut self) -> Result<()>;
}

/// What a round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Exchanged {
    /// Operations sent.
    pub sent: usize,
    /// Segments read and applied.
    pub segments: usize,
    /// Operations that changed something here.
    pub applied: usize,
    /// Operations something later had already won over.
    pub stale: usize,
    /// Operations waiting for a row not heard of yet.
    pub waiting: usize,
}

/// One device heard from, for `sync status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heard {
    pub device: Uuid,
    pub segments: usize,
    /// When the last of its segments was applied here (RFC 3339).
    pub last: String,
}

/// This database's device id.
fn device_of(conn: &rusqlite::Connection) -> Result<Uuid> {
    let bytes: Option<Vec<u8>> = conn
        .query_row("SELECT id FROM sync_device", [], |row| row.get(0))
        .optional()?;
    bytes
        .and_then(|b| Uuid::from_slice(&b).ok())
        .ok_or_else(|| Error::Database("this database has no device id".into()))
}

impl Store {
    /// Where this database syncs, if it does.
    pub fn sync_setup(&self) -> Result<Option<SyncSetup>> {
        let row: Option<(String, Option<String>, String, String)> = self
            .conn
            .query_row(
                "SELECT path, key, name, old_keys FROM sync_folder",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        let Some((folder, key, name, old_keys)) = row else {
            return Ok(None);
        };
        Ok(Some(SyncSetup {
            folder: PathBuf::from(folder),
            key,
            name,
            device: device_of(&self.conn)?,
            old_keys: serde_json::from_str(&old_keys)
                .map_err(|e| Error::Database(format!("the old keys kept are damaged: {e}")))?,
        }))
    }

    /// The folder's key is `key` from now on (`sync rekey`, or a join with a new key); the
    /// one before is kept to read what was written under it.
    pub fn change_sync_key(&mut self, key: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE sync_folder SET
                     old_keys = CASE WHEN key IS NULL OR key = ?1 THEN old_keys
                                     ELSE json_insert(old_keys, '$[#]', key) END,
                     key = ?1",
                [key],
            )?;
            Ok(())
        })
    }

    /// This database's device id (made with schema v17; again if another tool took it out).
    pub fn device_id(&self) -> Result<Uuid> {
        device_of(&self.conn)
    }

    /// Makes this database a device of the sync folder `folder`: everything already here is
    /// sent whole at the next round (one operation per row, at one clock).
    pub fn begin_sync(&mut self, folder: &Path, key: Option<&str>, name: &str) -> Result<()> {
        let folder = folder.to_string_lossy().into_owned();
        self.write(|tx| {
            let last: i64 =
                tx.query_row("SELECT coalesce(max(seq), 0) FROM sync_op", [], |r| r.get(0))?;
            tx.execute(
                "INSERT INTO sync_folder (one, path, key, name, sent_seq) VALUES (1, ?1, ?2, ?3, ?4)",
                params![folder, key, name, last],
            )?;
            let everything: Vec<(super::oplog::Op, Change)> = [
                Table::Person,
                Table::Interaction,
                Table::Review,
                Table::Offer,
                Table::Introduction,
                Table::LinkDismissed,
            ]
            .into_iter()
            .map(|table| (super::oplog::Op::Put, Change::AddFrom { table, from: 0 }))
            .collect();
            super::oplog::record(tx, &everything)
        })
    }

    /// Joining with people here already: each of `adopted` (a person here, the global id
    /// the folder knows them by, and what they hold with the folder's news added) takes the
    /// folder's id, so what arrives for them is theirs and nobody is doubled.
    pub fn adopt_people(&mut self, adopted: &[(PersonId, Uuid, Option<PersonData>)]) -> Result<()> {
        let code = super::gids::code_of(Table::Person);
        self.write(|tx| {
            for (id, gid, data) in adopted {
                tx.prepare_cached(
                    "UPDATE OR IGNORE row_gid SET gid = ?1 WHERE tbl = ?2 AND id = ?3",
                )?
                .execute(params![gid.as_bytes(), code, id])?;
                let before = super::people::load_person(tx, *id)?;
                if let (Some(before), Some(data)) = (before, data) {
                    let patch = PersonPatch::between(&before.data, data);
                    super::people::patch_person(tx, &before, &patch, &super::timestamp())?;
                }
            }
            Ok(())
        })
    }

    /// The segments applied here already, by device and file name.
    pub fn segments_seen(&self) -> Result<HashSet<(Uuid, String)>> {
        let rows: Vec<(Vec<u8>, String)> = super::rows(
            &self.conn,
            "SELECT device, segment FROM sync_seen",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(d, s)| Uuid::from_slice(&d).ok().map(|d| (d, s)))
            .collect())
    }

    /// The devices heard from, by their segments applied here.
    pub fn devices_heard(&self) -> Result<Vec<Heard>> {
        let rows: Vec<(Vec<u8>, i64, String)> = super::rows(
            &self.conn,
            "SELECT device, count(*), max(applied_at) FROM sync_seen GROUP BY device ORDER BY 3 DESC",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(d, n, last)| {
                Some(Heard {
                    device: Uuid::from_slice(&d).ok()?,
                    segments: usize::try_from(n).unwrap_or(0),
                    last,
                })
            })
            .collect())
    }

    /// Operations waiting for a row not heard of yet, and those recorded here not sent yet.
    pub fn sync_backlog(&self) -> Result<(usize, usize)> {
        let waiting: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sync_wait", [], |r| r.get(0))?;
        let unsent: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_op WHERE seq > (SELECT coalesce(max(sent_seq), 0) FROM sync_folder)",
            [],
            |r| r.get(0),
        )?;
        Ok((
            usize::try_from(waiting).unwrap_or(0),
            usize::try_from(unsent).unwrap_or(0),
        ))
    }

    /// One sync round in one transaction: what is new here goes to `outbox` (which writes
    /// it into this device's folder) and is noted as sent; then `incoming` and whatever was
    /// waiting are applied.
    pub fn sync_round(
        &mut self,
        incoming: Vec<Incoming<'_>>,
        outbox: &mut dyn Outbox,
    ) -> Result<Exchanged> {
        self.with_batch_cache(|store| {
            store.write(|tx| {
                let me = device_of(tx)?;
                let mut done = Exchanged::default();
                let sent_seq: i64 = tx
                    .query_row("SELECT sent_seq FROM sync_folder", [], |r| r.get(0))
                    .optional()?
                    .ok_or_else(|| Error::Sync("this database syncs with no folder".into()))?;
                let last = super::wire::outgoing_each(tx, sent_seq, &mut |op| {
                    outbox.push(&op)?;
                    super::apply_books::note_sent(tx, *me.as_bytes(), std::slice::from_ref(&op))?;
                    done.sent += 1;
                    Ok(())
                })?;
                if done.sent > 0 {
                    outbox.finish()?;
                }
                tx.execute("UPDATE sync_folder SET sent_seq = ?1", [last])?;
                apply_all(tx, me, incoming, &mut done)?;
                Ok(done)
            })
        })
    }
}

/// One change's operations share a clock; among them rows come back first and go last, so
/// what names a row finds it (an undone merge: the person restored, then the interactions
/// given back to them; a merge: interactions moved, then the person gone).
fn rank(op: &WireOp) -> u8 {
    match op.op {
        Op::Restore => 0,
        Op::Put if op.whole => 0,
        Op::Merge | Op::Unmerge => 1,
        Op::Put => 2,
        Op::Delete => 3,
    }
}

/// Applies one operation, counting what became of it; one that names a row not heard of
/// yet is kept in `waiting`.
fn apply_one(
    applier: &mut Applier,
    device: [u8; 16],
    op: WireOp,
    done: &mut Exchanged,
    waiting: &mut Vec<([u8; 16], WireOp)>,
) -> Result<()> {
    match applier.apply(device, &op)? {
        Outcome::Applied => done.applied += 1,
        Outcome::Stale => done.stale += 1,
        Outcome::Waiting => waiting.push((device, op)),
    }
    Ok(())
}

/// Applies `incoming`, segment by segment as each is read (a segment may hold a million
/// operations), each change's operations in rank order; then what was waiting, and what
/// waits now, again while anything moves. What still names a row not heard of waits for
/// the next sync. Marks the segments applied and moves the clock past theirs.
fn apply_all(
    tx: &Transaction,
    me: Uuid,
    incoming: Vec<Incoming<'_>>,
    done: &mut Exchanged,
) -> Result<()> {
    let waited: Vec<(Vec<u8>, String)> = super::rows(
        tx,
        "SELECT device, op FROM sync_wait ORDER BY seq",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    tx.execute("DELETE FROM sync_wait", [])?;
    let mut waiting: Vec<([u8; 16], WireOp)> = Vec::new();
    for (device, op) in waited {
        let (Ok(device), Ok(op)) = (<[u8; 16]>::try_from(device), serde_json::from_str(&op)) else {
            continue;
        };
        waiting.push((device, op));
    }
    let mut newest: Option<i64> = None;
    let mut applier = Applier::new(tx);
    let now = super::timestamp();
    let mut seen = tx.prepare_cached(
        "INSERT OR IGNORE INTO sync_seen (device, segment, applied_at) VALUES (?1, ?2, ?3)",
    )?;
    for segment in incoming {
        // Rows put whole go at once; the rest of a change (one device's operations at one
        // clock) waits for its clock to end. This device's own come back only in a
        // snapshot of every device's (`sync rekey`): they are here already.
        let mut change: Vec<([u8; 16], WireOp)> = Vec::new();
        for op in segment.ops {
            let op = op?;
            let made_by = op.device.unwrap_or(segment.device);
            if made_by == me {
                continue;
            }
            let device = *made_by.as_bytes();
            newest = newest.max(Some(op.clock));
            if change
                .first()
                .is_some_and(|(d, c)| c.clock != op.clock || *d != device)
            {
                change.sort_by_key(|(_, op)| rank(op));
                for (device, op) in change.drain(..) {
                    apply_one(&mut applier, device, op, done, &mut waiting)?;
                }
            }
            if rank(&op) == 0 {
                apply_one(&mut applier, device, op, done, &mut waiting)?;
            } else {
                change.push((device, op));
            }
        }
        change.sort_by_key(|(_, op)| rank(op));
        for (device, op) in change {
            apply_one(&mut applier, device, op, done, &mut waiting)?;
        }
        seen.execute(params![segment.device.as_bytes(), segment.segment, now])?;
        for (device, name) in &segment.folds {
            seen.execute(params![device.as_bytes(), name, now])?;
        }
        done.segments += 1;
    }
    // An operation may name a row a later one adds (a person introduced by someone added
    // after them): go round again while anything moves.
    waiting.sort_by_key(|(device, op)| (op.clock, *device, rank(op)));
    loop {
        let before = waiting.len();
        let mut still = Vec::new();
        for (device, op) in waiting {
            apply_one(&mut applier, device, op, done, &mut still)?;
        }
        waiting = still;
        if waiting.is_empty() || waiting.len() == before {
            break;
        }
    }
    applier.finish()?;
    let mut wait = tx.prepare_cached("INSERT INTO sync_wait (device, op) VALUES (?1, ?2)")?;
    for (device, op) in &waiting {
        let op = serde_json::to_string(op)
            .map_err(|e| Error::Database(format!("cannot keep an operation: {e}")))?;
        wait.execute(params![device, op])?;
    }
    done.waiting = waiting.len();
    if let Some(newest) = newest {
        // What this device does next comes after everything it has seen.
        tx.execute("UPDATE sync_device SET clock = max(clock, ?1)", [newest])?;
    }
    Ok(())
}
