//! The SQLite file: opening it safely, migrating it, and every query tiesdesk runs.
//! Nothing outside this module writes SQL.

mod access;
mod bulk;
#[cfg(test)]
mod cache_tests;
mod capture;
mod damage;
mod dates;
mod histories;
mod interactions;
mod journal;
mod links;
mod merge;
mod needs;
mod notes;
mod open;
mod people;
mod promises;
mod reviews;
mod undo;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction};

use crate::error::Result;

pub use bulk::Inserted;
pub use capture::{CaptureWriter, StageCursor, StoredCapture};

pub use merge::Merged;

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
        open::open(path, open::MIGRATIONS)
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

    /// The tables by root page, and each index's table: to say where a problem is.
    fn tables_by_page(&self) -> std::collections::HashMap<i64, (String, String)> {
        let mut by_page = std::collections::HashMap::new();
        if let Ok(mut statement) = self
            .conn
            .prepare("SELECT rootpage, name, tbl_name FROM sqlite_schema WHERE rootpage > 0")
        {
            let rows = statement.query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            });
            if let Ok(rows) = rows {
                for (page, name, table) in rows.flatten() {
                    by_page.insert(page, (name, table));
                }
            }
        }
        by_page
    }

    /// Everything that is wrong with the file, or nothing: SQLite's own integrity check, the
    /// references between tables, the history cache against the log it caches, and the undo
    /// records. Each problem is one line, with the table it is in when that is known.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let by_page = self.tables_by_page();
        let table_of = |line: &str| -> Option<String> {
            // "Tree 12 page 34 cell 5: …" names a table or index by its root page; "… in index
            // NAME" / "index NAME" names an index; "NULL value in T.C", a table.
            if let Some(rest) = line.strip_prefix("Tree ") {
                let page: i64 = rest.split_whitespace().next()?.parse().ok()?;
                return by_page.get(&page).map(|(_, table)| table.clone());
            }
            if let Some((_, after)) = line.split_once("index ") {
                let index = after.split_whitespace().next()?;
                return by_page
                    .values()
                    .find(|(name, _)| name == index)
                    .map(|(_, table)| table.clone());
            }
            if let Some((_, after)) = line.split_once(" value in ") {
                return after.split('.').next().map(str::to_string);
            }
            None
        };
        let mut problems = Vec::new();
        let mut rows = |sql: &str, what: &str, tables: bool| -> Result<()> {
            let problem = |line: &str| Problem {
                table: if tables {
                    table_of(line)
                } else {
                    line.split_whitespace().next().map(str::to_string)
                },
                text: format!("{what}: {}", crate::error::one_line(line)),
            };
            let mut statement = match self.conn.prepare(sql) {
                Ok(statement) => statement,
                Err(e) => {
                    problems.push(Problem {
                        table: None,
                        text: format!("{what}: {}", crate::error::one_line(&e.to_string())),
                    });
                    return Ok(());
                }
            };
            let mut found = statement.query([])?;
            // SQLite gives its findings a row each (the first may hold many lines), and may
            // stop with an error of its own where the damage goes deepest: what it found up
            // to there is kept.
            loop {
                match found.next() {
                    Ok(Some(row)) => {
                        let text: String = row.get(0).unwrap_or_default();
                        for line in text.lines() {
                            let line = line.trim();
                            if line != "ok" && !line.is_empty() && !line.starts_with("***") {
                                problems.push(problem(line));
                            }
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        problems.push(Problem {
                            table: None,
                            text: format!(
                                "{what}: stopped here: {}",
                                crate::error::one_line(&e.to_string())
                            ),
                        });
                        break;
                    }
                }
            }
            Ok(())
        };
        rows(
            "PRAGMA integrity_check(1000)",
            "SQLite integrity check",
            true,
        )?;
        rows(
            "SELECT format('%s row %s refers to a missing %s', \"table\", rowid, parent) \
             FROM pragma_foreign_key_check",
            "references",
            false,
        )?;
        if problems.is_empty() {
            let history = |text: String| Problem {
                table: Some("history".into()),
                text,
            };
            match (self.histories(), self.histories_from_log()) {
                (Ok(cached), Ok(log)) if cached == log => {}
                (Ok(_), Ok(_)) => problems.push(history(
                    "history cache: it differs from the interaction log (undo or a repair \
                     through another tool may have left it behind)"
                        .into(),
                )),
                (Err(e), _) | (_, Err(e)) => problems.push(history(format!("history cache: {e}"))),
            }
            problems.extend(self.unknown_values()?);
            let mut statement = self.conn.prepare("SELECT id, undo FROM journal")?;
            let entries = statement
                .query_map([], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, undo) in entries {
                if serde_json::from_str::<Vec<journal::UndoStep>>(&undo).is_err() {
                    problems.push(Problem {
                        table: Some("journal".into()),
                        text: format!("undo record {id}: it cannot be read"),
                    });
                }
            }
        }
        Ok(problems)
    }

    /// Stored kinds, directions and sources this build does not know (the tables hold no
    /// list of them since v9: the program keeps it), one problem per column.
    fn unknown_values(&self) -> Result<Vec<Problem>> {
        use crate::model::{CaptureSource, Direction, Kind, Source};
        /// A column, what it holds (for the message), and every value this build knows.
        type Column = (&'static str, &'static str, Vec<String>);
        let names = |all: &mut dyn Iterator<Item = &'static str>| -> Vec<String> {
            all.map(|name| format!("'{name}'")).collect()
        };
        let codes = |all: &mut dyn Iterator<Item = u8>| -> Vec<String> {
            all.map(|code| code.to_string()).collect()
        };
        let tables: [(&str, Vec<Column>); 3] = [
            (
                "interaction",
                vec![
                    (
                        "kind",
                        "kind",
                        names(&mut Kind::ALL.iter().map(|k| k.as_str())),
                    ),
                    (
                        "direction",
                        "direction",
                        names(&mut Direction::ALL.iter().map(|d| d.as_str())),
                    ),
                    (
                        "source",
                        "capture source",
                        names(&mut CaptureSource::ALL.iter().map(|c| c.as_str())),
                    ),
                ],
            ),
            (
                "contact",
                vec![
                    (
                        "kind",
                        "kind code",
                        codes(&mut Kind::ALL.iter().map(|k| k.code())),
                    ),
                    (
                        "direction",
                        "direction code",
                        codes(&mut Direction::ALL.iter().map(|d| d.code())),
                    ),
                ],
            ),
            (
                "person",
                vec![(
                    "source",
                    "source",
                    names(&mut Source::ALL.iter().map(|s| s.as_str())),
                )],
            ),
        ];
        let mut problems = Vec::new();
        for (table, columns) in tables {
            // One scan of the table gives only the rows with a value not known (none, in a
            // sound file), however many columns are judged.
            let unknown = |(column, _, known): &Column| {
                format!(
                    "({column} IS NOT NULL AND {column} NOT IN ({}))",
                    known.join(", ")
                )
            };
            let judged: Vec<String> = columns.iter().map(unknown).collect();
            let listed: Vec<String> = columns
                .iter()
                .map(|(column, _, _)| format!("CAST({column} AS TEXT)"))
                .collect();
            let sql = format!(
                "SELECT {} FROM {table} WHERE {}",
                listed.join(", "),
                judged.join(" OR ")
            );
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query([])?;
            let mut counted: Vec<std::collections::BTreeMap<String, i64>> =
                vec![std::collections::BTreeMap::new(); columns.len()];
            while let Some(row) = rows.next()? {
                for (at, (_, _, known)) in columns.iter().enumerate() {
                    let value: Option<String> = row.get(at)?;
                    let Some(value) = value else { continue };
                    let quoted = if table == "contact" {
                        value.clone()
                    } else {
                        format!("'{value}'")
                    };
                    if !known.contains(&quoted) {
                        *counted[at].entry(value).or_default() += 1;
                    }
                }
            }
            for ((_, what, _), found) in columns.iter().zip(counted) {
                let found: Vec<(String, i64)> = found.into_iter().collect();
                problems.extend(unknown_problem(table, what, &found));
            }
        }
        Ok(problems)
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

/// One line for the values of `what` in `table` this build does not know, with their counts.
fn unknown_problem(table: &str, what: &str, unknown: &[(String, i64)]) -> Option<Problem> {
    if unknown.is_empty() {
        return None;
    }
    let rows: i64 = unknown.iter().map(|(_, count)| count).sum();
    let values: Vec<String> = unknown
        .iter()
        .take(5)
        .map(|(value, _)| format!("'{}'", crate::text::visible(value)))
        .collect();
    Some(Problem {
        table: Some(table.to_string()),
        text: format!(
            "{table}: {rows} {} a {what} this tiesdesk does not know ({}); a newer tiesdesk may \
             have written {}",
            if rows == 1 { "row has" } else { "rows have" },
            values.join(", "),
            if rows == 1 { "it" } else { "them" }
        ),
    })
}

/// The id the next row of `table` (one of ours, named in code) gets: a batch's rows take the
/// ids from here on, so its undo can take them out as one range.
pub(super) fn next_id(tx: &rusqlite::Transaction, table: &str) -> Result<i64> {
    Ok(tx.query_row(
        &format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"),
        [],
        |r| r.get(0),
    )?)
}
