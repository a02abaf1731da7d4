//! The SQLite file: opening it safely, migrating it, and every query tiesdesk runs.
//! Nothing outside this module writes SQL.

mod access;
mod apply;
mod apply_books;
mod apply_contacts;
mod apply_deletes;
mod apply_find;
mod apply_links;
mod apply_notes;
mod apply_park;
mod apply_refs;
mod apply_sets;
mod bulk;
#[cfg(test)]
mod cache_tests;
mod capture;
mod change;
#[cfg(test)]
mod changes_tests;
mod check;
mod columns;
mod damage;
mod dates;
#[cfg(test)]
mod fixtures;
mod gids;
#[cfg(test)]
mod gids_tests;
mod histories;
mod interaction_rows;
mod interactions;
mod introductions;
mod journal;
mod links;
mod merge;
mod migrate;
mod needs;
mod notes;
mod offers;
mod open;
mod oplog;
#[cfg(test)]
mod oplog_tests;
mod people;
mod promises;
mod reviews;
mod row_values;
mod synced;
mod syncing;
mod together;
mod undo;
mod wire;
#[cfg(test)]
mod wire_tests;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::error::Result;

pub use bulk::Inserted;
pub use capture::{CaptureWriter, StageCursor, StoredCapture};
pub use introductions::IntroWrites;

pub use merge::Merged;
pub use synced::synced_folder;
pub use syncing::{Exchanged, Incoming, Outbox, SyncSetup};

/// The page cache while a large batch is written (negative: KiB, as SQLite takes it).
const BATCH_CACHE_KIB: i64 = -16_384;

/// An open tiesdesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Which running copy this is; every change it records carries it.
    origin: String,
    /// False on a read-only disk or file: reads work, writes are refused up front.
    writable: bool,
    /// Opened for reading only because the disk is full.
    full_disk: bool,
    /// What opening did that the user should hear of once (a mode tightened).
    notices: Vec<String>,
    /// How a write waits while another copy writes (a long import).
    waiting: Waiting,
    /// What a refused write names as read-only: the file, or the folder that holds it.
    read_only_at: PathBuf,
    /// The private copy a read-only store reads, when it reads one (removed with it).
    _copy: Option<access::PrivateCopy>,
}

/// How a write waits for another copy's write to end. An import holds the write lock for as
/// long as it saves (seconds; minutes for a mailbox of millions); a one-line log must not
/// fail because of it.
pub enum Waiting {
    /// As long as an import can take (an hour); after the first second, `notice` is told
    /// once, so the person knows why (the command line prints a line).
    Patient(Box<dyn Fn() + Send>),
    /// A moment only, then [`crate::Error::Busy`]: the app must never freeze, and tries
    /// again itself.
    Brief,
}

impl std::fmt::Debug for Waiting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Waiting::Patient(_) => write!(f, "Patient"),
            Waiting::Brief => write!(f, "Brief"),
        }
    }
}

/// `BEGIN IMMEDIATE`, waiting for another copy's write as `waiting` says.
fn begin<'c>(conn: &'c Connection, waiting: &Waiting) -> Result<Transaction<'c>> {
    let immediate = rusqlite::TransactionBehavior::Immediate;
    let first = match waiting {
        Waiting::Patient(_) => FIRST_WAIT,
        Waiting::Brief => BRIEF_WAIT,
    };
    conn.busy_timeout(first)?;
    let busy = match Transaction::new_unchecked(conn, immediate) {
        Ok(tx) => return Ok(tx),
        Err(e) => crate::error::Error::from(e),
    };
    match (waiting, busy) {
        (Waiting::Patient(notice), crate::error::Error::Busy) => {
            notice();
            conn.busy_timeout(LONGEST_WAIT)?;
            let tx = Transaction::new_unchecked(conn, immediate);
            conn.busy_timeout(first)?;
            Ok(tx?)
        }
        (_, error) => Err(error),
    }
}

/// How long a patient write waits before it says so.
const FIRST_WAIT: std::time::Duration = std::time::Duration::from_secs(1);
/// How long a patient write waits in all: the longest import.
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(60 * 60);
/// How long a brief write waits: less than a frame of the app.
const BRIEF_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// One thing `check` found wrong, and the table it is in when that is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub table: Option<String>,
    pub text: String,
}

/// The newest change on the undo stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub id: i64,
    pub description: String,
    /// Made through this store (this running copy), not another process.
    pub ours: bool,
    /// How many people and interactions undoing it takes out (a batch; 0 for others).
    pub rows: u64,
}

impl Store {
    /// Opens (creating if needed) the database at `path`. See [`open`] for the checks.
    pub fn open(path: &Path) -> Result<Store> {
        open::open(path, migrate::MIGRATIONS, &|_, _| {})
    }

    /// [`Store::open`], telling `updating` of a schema update (from, to) before it begins.
    pub fn open_telling(path: &Path, updating: &dyn Fn(i64, i64)) -> Result<Store> {
        open::open(path, migrate::MIGRATIONS, updating)
    }

    /// A second connection to the same file that counts as this copy (a worker thread's):
    /// what it records for undo is this copy's own.
    pub fn open_again(&self) -> Result<Store> {
        let mut store = Store::open(&self.path)?;
        store.origin.clone_from(&self.origin);
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How this store's writes wait for another copy's (see [`Waiting`]).
    pub fn set_waiting(&mut self, waiting: Waiting) {
        self.waiting = waiting;
    }

    /// What opening the file did that is worth saying once (a mode made private).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Runs `change` in one `BEGIN IMMEDIATE` transaction: all of it is committed or none.
    /// What it records for undo is marked as this copy's.
    fn write<T>(&mut self, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        self.write_or_discard(false, change)
    }

    /// `write`, or, with `discard`, everything `change` did rolled back at the end: a dry run
    /// that reports exactly what the write would do.
    fn write_or_discard<T>(
        &mut self,
        discard: bool,
        change: impl FnOnce(&Transaction) -> Result<T>,
    ) -> Result<T> {
        if self.full_disk {
            return Err(crate::error::Error::DiskFull);
        }
        if !self.writable {
            return Err(crate::error::Error::ReadOnly {
                path: self.read_only_at.clone(),
            });
        }
        // Damage seen before (by `check`, or a command that met it) stops every write.
        if let Some(damage) = damage::remembered(&self.path) {
            return Err(crate::error::Error::Damaged {
                what: damage.what,
                seen: damage.seen.chars().take(10).collect(),
            });
        }
        let tx = begin(&self.conn, &self.waiting)?;
        let newest: i64 =
            tx.query_row("SELECT coalesce(max(id), 0) FROM journal", [], |r| r.get(0))?;
        let value = change(&tx)?;
        if discard {
            tx.rollback()?;
            return Ok(value);
        }
        tx.prepare_cached("UPDATE journal SET origin = ?1 WHERE id > ?2")?
            .execute(rusqlite::params![self.origin, newest])?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `read` inside one read transaction, so everything it reads comes from the same
    /// moment even while another process writes (a snapshot under WAL).
    /// Inside a read already, it simply reads: the outer transaction is the moment.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        let tx = Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Deferred)?;
        let value = read(self)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs a large batch (an import, a capture, a restore) with a small page cache: it
    /// writes hundreds of thousands of rows in one transaction, and a smaller cache lets
    /// SQLite spill them to the WAL early (and sort an index in less), which keeps the
    /// import's memory bounded (measured in BENCHMARKS.md). The usual cache returns after.
    pub(super) fn with_batch_cache<T>(
        &mut self,
        batch: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn
            .pragma_update(None, "cache_size", BATCH_CACHE_KIB)?;
        let done = batch(self);
        self.conn
            .pragma_update(None, "cache_size", open::CACHE_KIB)?;
        done
    }

    /// Everything in the database at one moment (the JSON document's contents).
    pub fn holdings(&self) -> Result<crate::model::Holdings> {
        self.read(|store| {
            let interactions = store.interactions_by_id()?;
            let mut reviews = store.reviews()?;
            reviews.sort_by_key(|r| r.id);
            Ok(crate::model::Holdings {
                people: store.people()?,
                interactions,
                links: store.links()?,
                reviews,
                snoozes: store.snoozes()?,
                promises: store.all_promises()?,
                needs: store.all_needs()?,
                dates: store.all_dates()?,
                offers: store.offers(true)?,
                introductions: store.all_introductions()?,
                dismissed_links: store.dismissed_links()?,
            })
        })
    }

    /// Remembers damage seen in the file (see `damage`): every later write is refused.
    pub fn remember_damage(&self, what: &str) {
        damage::remember(&self.path, what);
    }

    /// Forgets damage remembered, once a check found the file sound.
    pub fn forget_damage(&self) {
        damage::forget(&self.path);
    }

    /// A number that changes whenever another connection (another process, the import
    /// worker) commits a change to the file; this connection's own commits leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }
}

impl Store {
    /// Copies the database with SQLite's backup API into `partial`, an empty private file
    /// the caller created (see [`crate::files::create_partial`]) and renames when this is done.
    pub fn backup_into(&self, partial: &Path) -> Result<()> {
        self.conn.backup(
            rusqlite::MAIN_DB,
            partial,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        Ok(())
    }
}

/// The current time as stored in `created_at` / `updated_at` columns.
fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Every row `sql` gives for `params`, each read by `read`: the one way the store lists rows.
pub(super) fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    read: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let rows = statement.query_map(params, read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The id the next row of `table` (one of ours, named in code) gets: a batch's rows take the
/// ids from here on, so its undo can take them out as one range. An id a deleted row had is
/// never given again: its global id stays with it (`gids`).
pub(super) fn next_id(tx: &rusqlite::Transaction, table: &str) -> Result<i64> {
    gids::next_free_id(tx, table)
}
