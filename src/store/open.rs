//! Opening the database file: identity and version checks (on a read-only look first), pragmas,
//! and forward migrations keyed on `PRAGMA user_version`.

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::Store;
use super::access::{
    disk_is_full, folder_is_read_only, prepare_file, read_only_connection, read_only_location,
    tighten_modes,
};
use super::migrate::{APPLICATION_ID, Migration, migrate};
use crate::error::{Error, Result, io_reason};

/// SQLite's page cache (negative: KiB): 64 MB, enough for the 30k / 1M database's hot pages.
pub(super) const CACHE_KIB: i64 = -65_536;

/// Opens the database at `path`, moving it through `migrations` it has not had yet; `updating`
/// hears of an update (from, to) before its backup and migration begin, since on a large file
/// they take seconds.
pub(super) fn open(
    path: &Path,
    migrations: &[Migration],
    updating: &dyn Fn(i64, i64),
) -> Result<Store> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let writable = match prepare_file(path) {
        Ok(()) => true,
        // A database where nothing can be written (a read-only disk or folder) can still be
        // read: reading commands work, and a write says why it cannot.
        Err(_) if path.is_file() && read_only_location(path) => false,
        Err(error) => return Err(error),
    };
    // Whose file it is, read without writing a byte: a refused file keeps its `-wal` and
    // stays exactly as it was (a read-write connection would checkpoint and delete it).
    inspect(path, latest)?;
    let reader = |full_disk: bool, read_only_at: Option<&Path>| -> Result<Store> {
        let read = read_only_connection(path)?;
        let mut notices: Vec<String> = super::synced::synced_folder_notice(path)
            .into_iter()
            .collect();
        if read.copy.is_some() {
            notices.push(format!(
                "{} cannot be written beside (its folder or disk is read-only): read from a \
                 private copy with its -wal, nothing can be saved",
                path.display()
            ));
        }
        Ok(Store {
            conn: read.conn,
            path: path.to_path_buf(),
            origin: origin(),
            writable: false,
            full_disk,
            notices,
            waiting: super::Waiting::Patient(Box::new(|| {})),
            read_only_at: read_only_at.unwrap_or(path).to_path_buf(),
            _copy: read.copy,
        })
    };
    if !writable {
        return reader(false, None);
    }
    // Ours, or empty and about to become ours: private either way.
    let mut notices = tighten_modes(path);
    notices.extend(super::synced::synced_folder_notice(path));
    let opened = (|| -> Result<(Connection, i64)> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| Error::Location {
            path: path.to_path_buf(),
            reason: crate::error::one_line(&e.to_string()),
        })?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let version = check_identity(&conn, path, latest)?;
        configure(&mut conn, path)?;
        Ok((conn, version))
    })();
    let (mut conn, version) = match opened {
        Ok(opened) => opened,
        // With no room for SQLite's `-wal`/`-shm`, reading still works; writing says why not.
        Err(_) if disk_is_full(path) => return reader(true, None),
        // A writable file in a folder where they cannot be made: the same, naming the folder.
        Err(_) if folder_is_read_only(path) => {
            return reader(false, Some(path.parent().unwrap_or(path)));
        }
        Err(error) => return Err(error),
    };
    if version < latest {
        if version > 0 {
            updating(version, latest);
            backup_before_migration(&conn, path, version)?;
        }
        migrate(&mut conn, migrations)?;
    }
    Ok(Store {
        conn,
        path: path.to_path_buf(),
        origin: origin(),
        writable: true,
        full_disk: false,
        notices,
        waiting: super::Waiting::Patient(Box::new(|| {})),
        read_only_at: path.to_path_buf(),
        _copy: None,
    })
}

/// Reads the file's identity on a read-only connection that never checkpoints on close.
/// Returns the schema version (0: a new, empty file).
fn inspect(path: &Path, latest: i64) -> Result<i64> {
    let read = read_only_connection(path)?;
    check_identity(&read.conn, path, latest)
}

/// A name for this running copy, written beside each change it makes: the process and the
/// moment it opened the file.
fn origin() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// Reads the header fields without writing anything. Returns the schema version (0 = empty).
fn check_identity(conn: &Connection, path: &Path, latest: i64) -> Result<i64> {
    let not_ours = |reason: &str| Error::NotTiesdesk {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |row| row.get::<_, i64>(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => not_ours("not an SQLite file"),
                Some(rusqlite::ErrorCode::DatabaseCorrupt) => not_ours("the file is damaged"),
                _ => Error::from(e),
            })
    };
    let application_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let objects = read("SELECT count(*) FROM sqlite_schema")?;
    if application_id == 0 && version == 0 && objects == 0 {
        return Ok(0);
    }
    if application_id != APPLICATION_ID {
        return Err(not_ours("an SQLite database of another program"));
    }
    if version > latest {
        return Err(Error::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            known: latest,
        });
    }
    Ok(version)
}

fn configure(conn: &mut Connection, path: &Path) -> Result<()> {
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
        .map_err(|e| Error::Location {
            path: path.to_path_buf(),
            reason: format!("cannot write beside the database ({})", e),
        })?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Location {
            path: path.to_path_buf(),
            reason: format!("the file system does not support write-ahead logging ({mode})"),
        });
    }
    // FULL: a committed change survives a power cut too; one commit costs ~0.25 ms here.
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA journal_size_limit = 4194304;",
    )?;
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    conn.set_prepared_statement_cache_capacity(64);
    Ok(())
}

/// Copies the database with SQLite's backup API to `<file>.v<N>-backup` (mode 0600) so a
/// migration can never cost the user their data.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(
        ".v{version}-backup-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S")
    ));
    let target = std::path::PathBuf::from(name);
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&target)
        .map_err(|e| Error::Location {
            path: target.clone(),
            reason: format!("cannot write the pre-migration backup: {}", io_reason(&e)),
        })?;
    conn.backup(
        rusqlite::MAIN_DB,
        &target,
        None::<fn(rusqlite::backup::Progress)>,
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::migrate::MIGRATIONS;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn creates_private_folder_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("nested/deeper/tiesdesk.db");
        let store = Store::open(&db).unwrap();
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(db.parent().unwrap()), 0o700);
        assert_eq!(mode(&dir.path().join("nested")), 0o700);
        let wal = db.with_file_name("tiesdesk.db-wal");
        assert_eq!(mode(&wal), 0o600);
        drop(store);
    }

    #[test]
    fn migrates_an_older_schema_forward_with_a_backup() {
        const V2: &[Migration] = &[
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "test column",
                sql: "ALTER TABLE person ADD COLUMN nickname TEXT;",
                code: None,
            },
        ];
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = open(&db, &MIGRATIONS[..1], &|_, _| {}).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO person (name, created_at, updated_at) VALUES ('Ana', 'x', 'x')",
                [],
            )
            .unwrap();
        drop(store);
        let store = open(&db, V2, &|_, _| {}).unwrap();
        let version: i64 = store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, 2);
        let name: String = store
            .conn
            .query_row("SELECT name FROM person WHERE nickname IS NULL", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(name, "Ana");
        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".v1-backup-"))
            .collect();
        assert_eq!(backups.len(), 1);
        assert_eq!(mode(&backups[0].path()), 0o600);
        // The backup is the v1 database, readable on its own.
        let copy = Connection::open(backups[0].path()).unwrap();
        let v: i64 = copy
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
        drop(store);
        // The older build now refuses the newer file.
        let err = open(&db, &MIGRATIONS[..1], &|_, _| {}).err().unwrap();
        assert!(
            matches!(
                err,
                Error::NewerSchema {
                    found: 2,
                    known: 1,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn notes_written_before_schema_3_are_found_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = open(&db, &MIGRATIONS[..2], &|_, _| {}).unwrap();
        // Written as a v2 build wrote it (today's writer knows columns v2 did not have).
        store
            .conn
            .execute_batch(
                "INSERT INTO person (id, name, created_at, updated_at) VALUES (1, 'Ana Lima', '', '');
                 INSERT INTO interaction (id, day, kind, direction, size, note, created_at)
                     VALUES (1, 20394, 'meet', 'mutual', 1, 'walked the dog', '');
                 INSERT INTO contact (person_id, day, interaction_id, kind, direction, size)
                     VALUES (1, 20394, 1, 0, 2, 1);",
            )
            .unwrap();
        let ana = 1;
        // A v2 file has no index of notes: nothing is found, and nothing fails.
        assert!(store.note_matches("dog").unwrap().is_empty());
        drop(store);
        let store = open(&db, MIGRATIONS, &|_, _| {}).unwrap();
        assert_eq!(
            store.note_matches("dog").unwrap(),
            [(ana, "walked the dog".to_string())]
        );
    }

    #[test]
    fn a_failed_migration_changes_nothing() {
        const BROKEN: &[Migration] = &[
            MIGRATIONS[0],
            Migration {
                version: 2,
                name: "broken",
                sql: "ALTER TABLE person ADD COLUMN x TEXT; THIS IS NOT SQL;",
                code: None,
            },
        ];
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        drop(open(&db, &MIGRATIONS[..1], &|_, _| {}).unwrap());
        let err = open(&db, BROKEN, &|_, _| {}).err().unwrap().to_string();
        assert!(err.contains("migration 2 (broken) failed"), "{err}");
        let store = open(&db, &MIGRATIONS[..1], &|_, _| {}).unwrap();
        let columns: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('person') WHERE name = 'x'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(columns, 0);
    }

    #[test]
    fn rebuilding_the_person_table_keeps_every_person_and_every_reference() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        let store = open(&db, &MIGRATIONS[..4], &|_, _| {}).unwrap();
        // Written as a v4 build wrote it: an introduction, a link, a contact and its history.
        store
            .conn
            .execute_batch(
                "INSERT INTO person (id, name, source, source_id, created_at, updated_at)
                     VALUES (1, 'Ana Lima', 'linkedin', 'https://x/ana', 'c', 'u');
                 INSERT INTO person (id, name, introduced_by, created_at, updated_at)
                     VALUES (2, 'Bo Chen', 1, 'c', 'u');
                 INSERT INTO link (a, b, kind, created_at) VALUES (1, 2, 'knows', 'c');
                 INSERT INTO interaction (id, day, kind, direction, size, note, created_at)
                     VALUES (1, 20394, 'meet', 'mutual', 1, 'walked the dog', 'c');
                 INSERT INTO contact (person_id, day, interaction_id, kind, direction, size)
                     VALUES (2, 20394, 1, 0, 2, 1);
                 INSERT INTO history (person_id, contacts) VALUES (2, x'aa4f000000020100');",
            )
            .unwrap();
        let count = |store: &Store, sql: &str| -> i64 {
            store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
        };
        let before = [
            "SELECT count(*) FROM person WHERE source = 'linkedin' AND source_id = 'https://x/ana'",
            "SELECT count(*) FROM person WHERE introduced_by = 1",
            "SELECT count(*) FROM link",
            "SELECT count(*) FROM contact",
            "SELECT count(*) FROM history",
        ]
        .map(|sql| (sql, count(&store, sql)));
        assert!(before.iter().all(|(_, n)| *n == 1), "{before:?}");
        drop(store);
        let store = open(&db, MIGRATIONS, &|_, _| {}).unwrap();
        for (sql, n) in before {
            assert_eq!(count(&store, sql), n, "{sql}");
        }
        assert_eq!(
            count(&store, "PRAGMA foreign_keys"),
            1,
            "enforcement is back on"
        );
        assert_eq!(
            count(&store, "SELECT count(*) FROM pragma_foreign_key_check"),
            0
        );
        // The references still hold: a contact cannot name a person who is not there...
        let dangling = store.conn.execute(
            "INSERT INTO contact (person_id, day, interaction_id, kind, direction, size)
                 VALUES (9, 20394, 1, 0, 2, 1)",
            [],
        );
        assert!(dangling.is_err());
        // ...and taking a person out still takes their link and history with them.
        store.conn.execute("DELETE FROM contact", []).unwrap();
        store
            .conn
            .execute("DELETE FROM person WHERE id = 2", [])
            .unwrap();
        assert_eq!(count(&store, "SELECT count(*) FROM link"), 0);
        assert_eq!(count(&store, "SELECT count(*) FROM history"), 0);
        // People found in mail and calendars can say so now.
        store
            .conn
            .execute_batch(
                "INSERT INTO person (name, source, created_at, updated_at)
                     VALUES ('Dee', 'mail', 'c', 'u'), ('Eli', 'calendar', 'c', 'u');",
            )
            .unwrap();
        let indexes = count(
            &store,
            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'person' \
             AND name IN ('person_source_id', 'person_introduced_by')",
        );
        assert_eq!(indexes, 2);
    }
}
