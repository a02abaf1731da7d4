//! The SQLite file: opening it safely, migrating it, and every query tiesdesk runs.
//! Nothing outside this module writes SQL.

mod bulk;
mod histories;
mod interactions;
mod journal;
mod links;
mod merge;
mod open;
mod people;
mod reviews;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::error::Result;

pub use bulk::Inserted;
pub use journal::UndoStep;
pub use merge::{Merged, Unmerge};
pub use open::{Migration, SCHEMA_VERSION};
pub use reviews::{Covered, ReviewRecord};

/// An open tiesdesk database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path`. See [`open`] for the checks.
    pub fn open(path: &Path) -> Result<Store> {
        open::open(path, open::MIGRATIONS)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `change` in one `BEGIN IMMEDIATE` transaction: all of it is committed or none.
    fn write<T>(&mut self, change: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = change(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

impl Store {
    /// Copies the database with SQLite's backup API into a new file, created `0600`.
    /// An existing file is never overwritten.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(target)
            .map_err(|e| crate::error::Error::location(target, &e))?;
        let copied = self.conn.backup(
            rusqlite::MAIN_DB,
            target,
            None::<fn(rusqlite::backup::Progress)>,
        );
        if let Err(error) = copied {
            // Leave no half-written copy behind.
            let _ = std::fs::remove_file(target);
            return Err(error.into());
        }
        Ok(())
    }
}

/// The current time as stored in `created_at` / `updated_at` columns.
fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
