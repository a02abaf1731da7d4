//! The stage: what a reader finds in mail or a calendar waits in a temporary table on disk,
//! so a mailbox of millions of messages never sits in memory and a copy of a message in a
//! second folder is recognised by its id. Staging writes only the temporary database: another
//! copy of tiesdesk can write to the real one meanwhile.

use rusqlite::{Connection, params};

use super::super::Store;
use crate::error::{Error, Result};
use crate::model::date::{day_from_number, day_number};
use crate::model::{Direction, Exchange, Kind};

/// The stage's own page cache; the rest of it stays in its file.
const STAGE_CACHE_KIB: i64 = -32_768;
/// Exchanges staged in one transaction of the temporary database.
const STAGE_BATCH: usize = 8_192;
/// Exchanges read back from the stage at a time.
const PAGE: i64 = 4_096;

/// Exchanges being put in the stage. Only the temporary database is written, so another copy
/// of tiesdesk can write to the real one meanwhile.
pub struct Staging<'s> {
    conn: &'s Connection,
    in_batch: usize,
    staged: usize,
}

/// Where reading the stage back has got to: the last exchange read (by day, then id).
#[derive(Debug, Clone, Default)]
pub struct StageCursor {
    after: Option<(i64, String)>,
}

impl Store {
    /// Starts a stage for a capture's exchanges, in a temporary database on disk.
    pub fn stage_capture(&mut self) -> Result<Staging<'_>> {
        // The compiled default keeps temporary tables in memory; a mailbox's stage would then
        // be held whole. Changing it drops any earlier stage too.
        self.conn.execute_batch(
            "PRAGMA temp_store = FILE;
             CREATE TEMP TABLE capture_stage (
                 day       INTEGER NOT NULL,
                 id        TEXT    NOT NULL UNIQUE,
                 kind      INTEGER NOT NULL,
                 direction INTEGER NOT NULL,
                 organizer INTEGER,
                 people    BLOB    NOT NULL,
                 PRIMARY KEY (day, id)
             ) WITHOUT ROWID;",
        )?;
        self.conn
            .pragma_update(Some("temp"), "cache_size", STAGE_CACHE_KIB)?;
        // Deferred, and only the temporary database is written: no lock on the real one.
        self.conn.execute_batch("BEGIN DEFERRED")?;
        Ok(Staging {
            conn: &self.conn,
            in_batch: 0,
            staged: 0,
        })
    }

    /// Takes the stage away (and its file with it).
    pub fn end_capture(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        self.conn.execute_batch(
            "DROP TABLE IF EXISTS temp.capture_stage;
             PRAGMA temp_store = DEFAULT;",
        )?;
        Ok(())
    }

    /// The next page of staged exchanges, oldest first; empty at the end.
    pub fn staged(&self, cursor: &mut StageCursor) -> Result<Vec<Exchange>> {
        staged_page(&self.conn, cursor)
    }
}

impl Staging<'_> {
    /// Stages `exchange`; false when one with the same id was staged before.
    pub fn add(&mut self, exchange: &Exchange) -> Result<bool> {
        let mut people = Vec::with_capacity(exchange.with.len() * 4);
        for who in &exchange.with {
            people.extend_from_slice(&who.to_le_bytes());
        }
        let added = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO temp.capture_stage \
                     (day, id, kind, direction, organizer, people) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                day_number(exchange.day),
                exchange.id,
                exchange.kind.code(),
                exchange.direction.code(),
                exchange.organizer,
                people,
            ])?
            == 1;
        self.in_batch += 1;
        if self.in_batch == STAGE_BATCH {
            self.conn.execute_batch("COMMIT; BEGIN DEFERRED")?;
            self.in_batch = 0;
        }
        self.staged += usize::from(added);
        Ok(added)
    }

    /// Ends staging; how many exchanges the stage holds.
    pub fn finish(self) -> Result<usize> {
        self.conn.execute_batch("COMMIT")?;
        Ok(self.staged)
    }
}

pub(super) fn staged_page(conn: &Connection, cursor: &mut StageCursor) -> Result<Vec<Exchange>> {
    let (day, id) = cursor.after.clone().unwrap_or((i64::MIN, String::new()));
    let mut statement = conn.prepare_cached(
        "SELECT day, id, kind, direction, organizer, people FROM temp.capture_stage \
         WHERE (day, id) > (?1, ?2) ORDER BY day, id LIMIT ?3",
    )?;
    let rows = statement.query_map(params![day, id, PAGE], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, Option<u32>>(4)?,
            row.get::<_, Vec<u8>>(5)?,
        ))
    })?;
    let mut page = Vec::new();
    for row in rows {
        let (number, id, kind, direction, organizer, people) = row?;
        let bad = || Error::invalid("the capture's stage holds a row it did not write");
        let exchange = Exchange {
            day: day_from_number(number).ok_or_else(bad)?,
            kind: Kind::from_code(kind).ok_or_else(bad)?,
            direction: Direction::from_code(direction).ok_or_else(bad)?,
            organizer,
            with: people
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
            id,
        };
        page.push(exchange);
    }
    cursor.after = page.last().map(|e| (day_number(e.day), e.id.clone()));
    Ok(page)
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::model::PersonData;
    use crate::model::date::parse_iso_date;

    fn exchange(id: &str, day: &str, with: Vec<u32>) -> Exchange {
        Exchange {
            id: id.to_string(),
            day: parse_iso_date(day).unwrap_or_else(|e| panic!("{e}")),
            kind: Kind::Message,
            direction: Direction::Received,
            with,
            organizer: None,
        }
    }

    #[test]
    fn staging_holds_no_lock_on_the_database_and_gives_each_id_once_oldest_first() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("t.db");
        let mut store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut other = store.open_again().unwrap_or_else(|e| panic!("{e}"));
        let mut staging = store.stage_capture().unwrap_or_else(|e| panic!("{e}"));
        let staged = |s: &mut Staging, e: Exchange| s.add(&e).unwrap_or_else(|e| panic!("{e}"));
        assert!(staged(
            &mut staging,
            exchange("b@x", "2026-11-02", vec![7, 3])
        ));
        assert!(staged(&mut staging, exchange("a@x", "2026-11-03", vec![1])));
        // A second copy of a message (another folder) is recognised by its id.
        assert!(!staged(
            &mut staging,
            exchange("b@x", "2026-11-02", vec![7, 3])
        ));
        // Meanwhile another copy of tiesdesk writes at once: staging waits for no one, and
        // makes no one wait (the busy timeout would be 5 s).
        let started = Instant::now();
        other
            .add_person(PersonData::named("Ana Lima"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(started.elapsed() < Duration::from_secs(2));
        assert!(staged(&mut staging, exchange("c@x", "2026-11-01", vec![])));
        assert_eq!(staging.finish().unwrap_or_else(|e| panic!("{e}")), 3);
        let mut cursor = StageCursor::default();
        let page = store.staged(&mut cursor).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<&str> = page.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["c@x", "b@x", "a@x"]);
        assert_eq!(page[1].with, [7, 3]);
        assert!(
            store
                .staged(&mut cursor)
                .unwrap_or_else(|e| panic!("{e}"))
                .is_empty()
        );
        store.end_capture().unwrap_or_else(|e| panic!("{e}"));
        // The stage is gone with its end; the next capture starts from nothing.
        let staging = store.stage_capture().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(staging.finish().unwrap_or_else(|e| panic!("{e}")), 0);
        store.end_capture().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.people().unwrap_or_else(|e| panic!("{e}")).len(), 1);
    }

    #[test]
    fn a_stage_left_by_a_failed_read_is_rolled_back_and_dropped() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("t.db")).unwrap_or_else(|e| panic!("{e}"));
        {
            let mut staging = store.stage_capture().unwrap_or_else(|e| panic!("{e}"));
            staging
                .add(&exchange("a@x", "2026-11-03", vec![1]))
                .unwrap_or_else(|e| panic!("{e}"));
            // The reader failed here: the stage is never finished.
        }
        store.end_capture().unwrap_or_else(|e| panic!("{e}"));
        // The connection is usable for writes again (no transaction left open).
        store
            .add_person(PersonData::named("Bo Chen"))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
