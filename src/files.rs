//! Files tiesdesk writes beside the database (exports, backups): never the database itself, its
//! `-wal`/`-shm` or the config; written to a fresh private `.partial` file and renamed, so a
//! kill or a full disk never leaves half a file where a whole one was, or a file that only
//! looks whole.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The files a write must never land on: the database, its WAL and shared-memory files, and
/// the config.
pub fn protected(database: &Path, config: &Path) -> Vec<PathBuf> {
    let beside = |suffix: &str| {
        let mut name = database.as_os_str().to_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    vec![
        database.to_path_buf(),
        beside("-wal"),
        beside("-shm"),
        beside("-journal"),
        config.to_path_buf(),
    ]
}

/// The same file (through a symlink or a hard link too), when both exist.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Refuses a target that is, or would replace, one of `protected`.
pub fn refuse_protected(target: &Path, protected: &[PathBuf]) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    for file in protected {
        if same_file(target, file) || absolute(target) == absolute(file) {
            return Err(Error::Location {
                path: target.to_path_buf(),
                reason: "that is tiesdesk's own database or config; choose another file".into(),
            });
        }
    }
    Ok(())
}

/// Where a file is written before it takes its name.
pub fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_os_string();
    name.push(".partial");
    PathBuf::from(name)
}

/// Creates `target.partial` afresh: mode 0600, never through a symlink or into an existing
/// file (`O_CREAT | O_EXCL` fails on any existing name, a dangling symlink included). A
/// partial left by a killed run is removed first (removing a symlink removes the link, never
/// what it points at).
pub fn create_partial(target: &Path) -> Result<(PathBuf, File)> {
    let partial = partial_path(target);
    match std::fs::symlink_metadata(&partial) {
        Ok(meta) if meta.is_dir() => {
            return Err(Error::Location {
                path: partial,
                reason: "a folder is in the way".into(),
            });
        }
        Ok(_) => std::fs::remove_file(&partial).map_err(|e| Error::location(&partial, &e))?,
        Err(_) => {}
    }
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&partial)
        .map_err(|e| Error::location(&partial, &e))?;
    Ok((partial, file))
}

/// A private copy of a stream (a pipe can be read only once and never sought), removed when
/// it is dropped.
#[derive(Debug)]
pub struct Spooled {
    pub path: PathBuf,
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Copies `input` into a fresh private file in the system's temporary folder.
pub fn spool(mut input: impl std::io::Read) -> Result<Spooled> {
    let dir = std::env::temp_dir();
    for attempt in 0..1000 {
        let path = dir.join(format!("tiesdesk-spool-{}-{attempt}", std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
        match file {
            Ok(mut file) => {
                let spooled = Spooled { path };
                std::io::copy(&mut input, &mut file)
                    .map_err(|e| Error::location(&spooled.path, &e))?;
                return Ok(spooled);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::location(&path, &e)),
        }
    }
    Err(Error::Location {
        path: dir,
        reason: "no free name for a temporary file".into(),
    })
}

/// Gives the finished partial its name. Without `force` an existing target is refused,
/// atomically (a hard link fails if the name is taken); with it, the target is replaced.
/// On any failure the partial is removed.
pub fn finish(partial: &Path, target: &Path, force: bool) -> Result<()> {
    // Only a regular file (or nothing) is ever replaced: a pipe or a device that appeared at
    // the name meanwhile stays what it is.
    if let kind @ (Target::Stream | Target::Other) = target_kind(target) {
        let _ = std::fs::remove_file(partial);
        return Err(match kind {
            Target::Stream => Error::Location {
                path: target.to_path_buf(),
                reason: "it is a pipe or a device, not a file to replace".into(),
            },
            _ => not_a_file(target),
        });
    }
    let done = if force {
        std::fs::rename(partial, target)
    } else {
        std::fs::hard_link(partial, target).and_then(|()| std::fs::remove_file(partial))
    };
    done.map_err(|e| {
        let _ = std::fs::remove_file(partial);
        if e.kind() == ErrorKind::AlreadyExists {
            Error::Location {
                path: target.to_path_buf(),
                reason: "it already exists; give --force to replace it".into(),
            }
        } else {
            Error::location(target, &e)
        }
    })
}

/// What is at a path a file is to be written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing yet.
    Missing,
    /// A regular file: replaced only with `--force`.
    File,
    /// A pipe or a character device (`/dev/null`, `/dev/stdout`, a shell's `>(…)`): written
    /// to as it is, never replaced.
    Stream,
    /// A folder, a socket, a block device: never written.
    Other,
}

/// What is at `target` (through a symlink, as a write would find it).
pub fn target_kind(target: &Path) -> Target {
    use std::os::unix::fs::FileTypeExt;
    match std::fs::metadata(target) {
        Ok(meta) if meta.is_file() => Target::File,
        Ok(meta) if meta.file_type().is_fifo() || meta.file_type().is_char_device() => {
            Target::Stream
        }
        Ok(_) => Target::Other,
        // A dangling symlink is a name taken: replaced only with --force.
        Err(_) if std::fs::symlink_metadata(target).is_ok() => Target::File,
        Err(_) => Target::Missing,
    }
}

/// Refuses an existing target early (before any work) unless `force`; a folder or a socket
/// always. A pipe or a device is fine: it is written to, not replaced.
pub fn refuse_existing(target: &Path, force: bool) -> Result<()> {
    match target_kind(target) {
        Target::Missing | Target::Stream => Ok(()),
        Target::File if force => Ok(()),
        Target::File => Err(Error::Location {
            path: target.to_path_buf(),
            reason: "it already exists; give --force to replace it".into(),
        }),
        Target::Other => Err(not_a_file(target)),
    }
}

fn not_a_file(target: &Path) -> Error {
    Error::Location {
        path: target.to_path_buf(),
        reason: "it is not a file (a folder, a socket or a disk); give a file's path".into(),
    }
}

/// Refuses a target a file cannot be renamed onto (a pipe or a device: a backup is a
/// database, written whole to a file of its own).
pub fn refuse_streams(target: &Path) -> Result<()> {
    match target_kind(target) {
        Target::Stream => Err(Error::Location {
            path: target.to_path_buf(),
            reason: "a backup is a database file, not a stream; give a file's path".into(),
        }),
        Target::Other => Err(not_a_file(target)),
        Target::Missing | Target::File => Ok(()),
    }
}

/// Writes `bytes` to `target` through a fresh private partial, synced before it is renamed.
/// (Callers refuse an existing target early with [`refuse_existing`]; [`finish`] refuses it
/// again, atomically.)
pub fn write_private(target: &Path, bytes: &[u8], force: bool) -> Result<()> {
    write_private_with(target, force, &mut |out| out.write_all(bytes))
}

/// [`write_private`] of what `write` writes, as it writes it (an export of hundreds of
/// megabytes is never held whole).
pub fn write_private_with(
    target: &Path,
    force: bool,
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match target_kind(target) {
        // Written to as it is: `-o /dev/null`, `-o >(gzip > out.gz)`.
        Target::Stream => {
            let mut stream = OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| Error::location(target, &e))?;
            return write(&mut stream)
                .and_then(|()| stream.flush())
                .map_err(|e| Error::location(target, &e));
        }
        Target::Other => return Err(not_a_file(target)),
        Target::Missing | Target::File => {}
    }
    let (partial, mut file) = create_partial(target)?;
    let written = write(&mut file).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(Error::location(target, &e));
    }
    finish(&partial, target, force)
}
