//! What the file and its disk allow, and who may read it: the folder and file created private,
//! a readable database made private again, a read-only disk or a full one told apart from
//! other failures, and a connection that only reads (it never checkpoints or deletes a
//! `-wal`, so a refused file stays exactly as it was).

use std::fs::{DirBuilder, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result, io_reason};

/// Creates the folder (`0700`) and the file (`0600`) before SQLite sees them, because SQLite
/// would create them world-readable, and the `-wal`/`-shm` files copy the main file's mode.
pub(super) fn prepare_file(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Location {
            path: path.to_path_buf(),
            reason: "it is a folder, not a file".into(),
        });
    }
    if let Some(folder) = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
    {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(folder)
            .map_err(|e| Error::location(folder, &e))?;
    }
    let created = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path);
    match created {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => {
            // Opening for writing first turns "read-only" into a clear message instead of
            // SQLite quietly opening the file read-only.
            OpenOptions::new()
                .read(true)
                .write(true)
                .open(path)
                .map(drop)
                .map_err(|e| Error::location(path, &e))
        }
        Err(e) => Err(Error::location(path, &e)),
    }
}

/// True when the disk that holds `path` has no room left (a small write beside it fails with
/// "no space"). Only asked after an open failed, to tell a full disk from other I/O errors.
pub(super) fn disk_is_full(path: &Path) -> bool {
    use std::io::Write;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let probe = folder
        .unwrap_or(Path::new("."))
        .join(format!(".tiesdesk-space-probe-{}", std::process::id()));
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&probe)
        .and_then(|mut file| {
            file.write_all(&[0; 64 * 1024])?;
            file.sync_all()
        });
    let _ = std::fs::remove_file(&probe);
    matches!(written, Err(e) if e.kind() == ErrorKind::StorageFull)
}

/// True when `path` exists but cannot be opened for writing because the disk or the file is
/// read-only (not for any other reason).
pub(super) fn read_only_location(path: &Path) -> bool {
    match OpenOptions::new().read(true).write(true).open(path) {
        Ok(_) => false,
        Err(e) => matches!(
            e.kind(),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
        ),
    }
}

/// A connection that only reads: it never checkpoints, creates or deletes anything beside
/// the file. Where even SQLite's shared-memory file cannot be made (a read-only disk or
/// folder), a file without a `-wal` is read as immutable (nothing can be writing to it
/// there); one with a `-wal` is read from a private copy of both, so the changes the `-wal`
/// holds are read too (never the file as it was before them).
pub(super) fn read_only_connection(path: &Path) -> Result<ReadOnly> {
    let conn = plain_read_only(path)?;
    if conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_ok()
    {
        return Ok(ReadOnly { conn, copy: None });
    }
    drop(conn);
    let wal = beside(path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        let copy = PrivateCopy::of(path, &wal)?;
        let conn = plain_read_only(&copy.database)?;
        return Ok(ReadOnly {
            conn,
            copy: Some(copy),
        });
    }
    let uri = format!(
        "file:{}?immutable=1",
        path.display()
            .to_string()
            .replace('%', "%25")
            .replace('?', "%3f")
            .replace('#', "%23")
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(|e| located(path, &e))?;
    Ok(ReadOnly { conn, copy: None })
}

/// A read-only connection, and the private copy it reads when it reads one.
pub(super) struct ReadOnly {
    pub conn: Connection,
    pub copy: Option<PrivateCopy>,
}

fn located(path: &Path, e: &rusqlite::Error) -> Error {
    Error::Location {
        path: path.to_path_buf(),
        reason: crate::error::one_line(&e.to_string()),
    }
}

fn plain_read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| located(path, &e))?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

/// `path` with `suffix` after its name (`-wal`, `-shm`).
fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    std::path::PathBuf::from(name)
}

/// A database and its `-wal`, copied into a private folder of their own (0700, files 0600)
/// to be read where SQLite can keep its shared memory; removed when dropped.
#[derive(Debug)]
pub(super) struct PrivateCopy {
    folder: std::path::PathBuf,
    pub database: std::path::PathBuf,
}

impl PrivateCopy {
    fn of(database: &Path, wal: &Path) -> Result<PrivateCopy> {
        let base = std::env::temp_dir();
        let mut attempt = 0u32;
        let folder = loop {
            let folder = base.join(format!("tiesdesk-read-{}-{attempt}", std::process::id()));
            match DirBuilder::new().mode(0o700).create(&folder) {
                Ok(()) => break folder,
                Err(e) if e.kind() == ErrorKind::AlreadyExists && attempt < 1000 => attempt += 1,
                Err(e) => return Err(Error::location(&folder, &e)),
            }
        };
        let copy = PrivateCopy {
            database: folder.join("tiesdesk.db"),
            folder,
        };
        for (from, to) in [
            (database.to_path_buf(), copy.database.clone()),
            (wal.to_path_buf(), beside(&copy.database, "-wal")),
        ] {
            copy_private(&from, &to)?;
        }
        Ok(copy)
    }
}

impl Drop for PrivateCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Copies `from` to a new private file `to`.
fn copy_private(from: &Path, to: &Path) -> Result<()> {
    let mut source = std::fs::File::open(from).map_err(|e| Error::location(from, &e))?;
    let mut target = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(to)
        .map_err(|e| Error::location(to, &e))?;
    std::io::copy(&mut source, &mut target).map_err(|e| Error::location(to, &e))?;
    Ok(())
}

/// True when nothing can be created in the folder that holds `path` (a read-only folder or
/// disk): SQLite cannot make the `-wal` and `-shm` it writes through there.
pub(super) fn folder_is_read_only(path: &Path) -> bool {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
    let probe = folder
        .unwrap_or(Path::new("."))
        .join(format!(".tiesdesk-write-probe-{}", std::process::id()));
    let made = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&probe);
    match made {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            false
        }
        Err(e) => matches!(
            e.kind(),
            ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied
        ),
    }
}

/// A database (and its `-wal`/`-shm`) that others can read is made private again: it holds
/// notes about other people. Returns what was done, to say once.
pub(super) fn tighten_modes(path: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut notices = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_os_string();
        name.push(suffix);
        let file = std::path::PathBuf::from(name);
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            match std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)) {
                Ok(()) => notices.push(format!(
                    "{} was readable by others ({mode:o}); it is private now (600)",
                    file.display()
                )),
                Err(e) => notices.push(format!(
                    "{} is readable by others ({mode:o}) and could not be made private: {}",
                    file.display(),
                    io_reason(&e)
                )),
            }
        }
    }
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && let Ok(meta) = std::fs::metadata(folder)
    {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            if crate::paths::is_own_data_folder(folder) {
                // tiesdesk made this folder 0700; someone loosened it.
                if std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).is_ok()
                {
                    notices.push(format!(
                        "{} was open to others ({mode:o}); it is private now (700)",
                        folder.display()
                    ));
                }
            } else if !notices.is_empty() {
                // The user's own folder: said once, beside the file it concerns.
                notices.push(format!(
                    "its folder {} can be listed by others ({mode:o}); consider chmod 700",
                    folder.display()
                ));
            }
        }
    }
    notices
}
