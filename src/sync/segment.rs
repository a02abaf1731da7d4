//! A segment: one file of operations a device wrote into its own folder of the sync folder,
//! written once (a partial file, flushed to disk, then renamed) and never changed, so the
//! file-sync tool never sees two writers on one file or a file half written by us.
//!
//! The first line is clear text — `tiesdesk segment FORMAT device DEVICE key FINGERPRINT`
//! (`key none` when the folder is not encrypted) — so "written by a newer tiesdesk" and "a
//! key this database does not have" are told apart before anything is decrypted. The rest is
//! the operations, one JSON object a line, then `end COUNT`; encrypted with `age` (X25519)
//! unless the folder is kept readable. A file without its end line was cut off on the way
//! (a sync tool still copying it) and waits for next time.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret as _;
use uuid::Uuid;

use crate::model::WireOp;

/// The format this build writes, and the newest it reads.
pub const FORMAT: u32 = 1;

const MAGIC: &str = "tiesdesk segment";
const EXTENSION: &str = "tds";

/// The key a sync folder's segments are encrypted with: made at `sync init`, kept in the
/// database, carried to other devices by the join line.
pub struct Key(age::x25519::Identity);

impl Key {
    pub fn generate() -> Key {
        Key(age::x25519::Identity::generate())
    }

    /// The key as the join line and the database keep it (`AGE-SECRET-KEY-1…`).
    pub fn secret(&self) -> String {
        self.0.to_string().expose_secret().to_string()
    }

    /// A short name for the key, written in every segment's clear header: the same on every
    /// device that has the key, and nothing to decrypt with.
    pub fn fingerprint(&self) -> String {
        let public = self.0.to_public().to_string();
        let id = Uuid::new_v5(&Uuid::NAMESPACE_OID, public.as_bytes());
        id.simple().to_string()[..12].to_string()
    }
}

impl std::str::FromStr for Key {
    type Err = Unreadable;
    fn from_str(text: &str) -> Result<Key, Unreadable> {
        text.trim()
            .parse::<age::x25519::Identity>()
            .map(Key)
            .map_err(|_| Unreadable::NotAKey)
    }
}

/// What a segment holds: who wrote it and what they did.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    pub device: Uuid,
    pub ops: Vec<WireOp>,
}

/// Why a segment could not be read; each says what to do in one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("not a tiesdesk segment")]
    NotASegment,
    #[error("written by a newer tiesdesk (segment format {0}; this one reads {FORMAT}): update it")]
    NewerFormat(u32),
    #[error("encrypted with another key ({0}): join this folder again with its join line")]
    WrongKey(String),
    #[error("encrypted, and this database has no key for the folder: join it with its join line")]
    NeedsKey,
    #[error("cut off (still being copied?): it waits for the next sync")]
    CutOff,
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("not a key for a sync folder")]
    NotAKey,
}

/// The clear first line of a segment.
fn header(device: Uuid, key: Option<&Key>) -> String {
    let fingerprint = key.map_or_else(|| "none".to_string(), Key::fingerprint);
    format!("{MAGIC} {FORMAT} device {device} key {fingerprint}\n")
}

/// The operations as the body holds them, before any encryption.
fn body(ops: &[WireOp]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(ops.len() * 160);
    for op in ops {
        serde_json::to_writer(&mut out, op)?;
        out.push(b'\n');
    }
    writeln!(out, "end {}", ops.len())?;
    Ok(out)
}

/// Writes `ops` as a new segment in `folder` (this device's own), named so segments sort in
/// the order written: a partial file, flushed, renamed into place, the folder flushed. The
/// name is never used twice: an existing segment is never overwritten.
pub fn write(
    folder: &Path,
    device: Uuid,
    ops: &[WireOp],
    key: Option<&Key>,
) -> std::io::Result<PathBuf> {
    let first = ops.first().map_or(0, |op| op.clock);
    let last = ops.last().map_or(0, |op| op.clock);
    let mut bytes = header(device, key).into_bytes();
    let plain = body(ops)?;
    match key {
        Some(key) => {
            let sealed = age::encrypt(&key.0.to_public(), &plain)
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            bytes.extend_from_slice(&sealed);
        }
        None => bytes.extend_from_slice(&plain),
    }
    std::fs::create_dir_all(folder)?;
    let name = format!("{first:016x}-{last:016x}.{EXTENSION}");
    let path = folder.join(&name);
    let partial = folder.join(format!(".{name}.partial"));
    // The partial file is ours alone (our own folder): one a crash left is written over.
    let mut file = std::fs::File::create(&partial)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    drop(file);
    if path.exists() {
        let _ = std::fs::remove_file(&partial);
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} is there already", path.display()),
        ));
    }
    std::fs::rename(&partial, &path)?;
    if let Ok(dir) = std::fs::File::open(folder) {
        // The rename is durable only once the folder is on disk too.
        let _ = dir.sync_all();
    }
    Ok(path)
}

/// Reads a segment's bytes with `key` (the folder's, if it has one).
pub fn read(bytes: &[u8], key: Option<&Key>) -> Result<Segment, Unreadable> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(Unreadable::NotASegment)?;
    let first = std::str::from_utf8(&bytes[..end]).map_err(|_| Unreadable::NotASegment)?;
    let rest = first.strip_prefix(MAGIC).ok_or(Unreadable::NotASegment)?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let [format, "device", device, "key", fingerprint] = words.as_slice() else {
        return Err(Unreadable::NotASegment);
    };
    let format: u32 = format.parse().map_err(|_| Unreadable::NotASegment)?;
    if format > FORMAT {
        return Err(Unreadable::NewerFormat(format));
    }
    let device: Uuid = device.parse().map_err(|_| Unreadable::NotASegment)?;
    let sealed = &bytes[end + 1..];
    let plain = match (*fingerprint, key) {
        ("none", _) => sealed.to_vec(),
        (_, None) => return Err(Unreadable::NeedsKey),
        (fingerprint, Some(key)) if fingerprint != key.fingerprint() => {
            return Err(Unreadable::WrongKey(fingerprint.to_string()));
        }
        (_, Some(key)) => match age::decrypt(&key.0, sealed) {
            Ok(plain) => plain,
            Err(age::DecryptError::NoMatchingKeys) => {
                return Err(Unreadable::WrongKey((*fingerprint).to_string()));
            }
            // The stream's last chunk is missing or short: the file is still on its way.
            Err(age::DecryptError::Io(_)) => return Err(Unreadable::CutOff),
            Err(e) => return Err(Unreadable::Damaged(e.to_string())),
        },
    };
    Ok(Segment {
        device,
        ops: ops_of(&plain)?,
    })
}

/// The operations of a body, which must end with its `end COUNT` line.
fn ops_of(plain: &[u8]) -> Result<Vec<WireOp>, Unreadable> {
    let text = std::str::from_utf8(plain).map_err(|e| Unreadable::Damaged(e.to_string()))?;
    let mut ops = Vec::new();
    for line in text.split_terminator('\n') {
        if let Some(count) = line.strip_prefix("end ") {
            let count: usize = count
                .parse()
                .map_err(|_| Unreadable::Damaged(format!("a bad end line: {line:?}")))?;
            if count != ops.len() {
                return Err(Unreadable::Damaged(format!(
                    "{count} operations said, {} there",
                    ops.len()
                )));
            }
            return Ok(ops);
        }
        let op: WireOp = serde_json::from_str(line).map_err(|e| {
            // A last line broken off mid-way is a file still being copied.
            if e.is_eof() {
                Unreadable::CutOff
            } else {
                Unreadable::Damaged(format!("operation {}: {e}", ops.len() + 1))
            }
        })?;
        ops.push(op);
    }
    Err(Unreadable::CutOff)
}

/// The segments in `folder`, oldest first; partial files (ours or a sync tool's) left out.
pub fn listed(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found: Vec<PathBuf> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|name| {
                    !name.starts_with('.') && name.ends_with(&format!(".{EXTENSION}"))
                })
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    found.sort();
    Ok(found)
}
