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
//!
//! A snapshot (format 2) is a segment that replaces others (compaction, `sync rekey`): its
//! header ends in `snapshot`, and a second clear line says which segments it folds and
//! which keys it retires, so a device that applied them all passes it by without the key.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret as _;
use uuid::Uuid;

use crate::model::WireOp;

/// The newest format this build reads: 1, a segment; 2, a snapshot (written only for one).
pub const FORMAT: u32 = 2;
const SNAPSHOT_FORMAT: u32 = 2;
const PLAIN_FORMAT: u32 = 1;

const MAGIC: &str = "tiesdesk segment";
const EXTENSION: &str = "tds";
const SNAPSHOT_SUFFIX: &str = ".snapshot.tds";

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

/// What a snapshot replaces, in its clear second line.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Folds {
    /// The segments whose operations it holds, by device and file name: a device that
    /// applied them all has nothing to apply in it.
    pub segments: Vec<(Uuid, String)>,
    /// Fingerprints of keys no longer in use (`sync rekey`): segments under them wait for
    /// their device to join again with the new key, and are passed by meanwhile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retires: Vec<String>,
}

/// What a segment says in clear text: who wrote it, under which key, what it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub device: Uuid,
    /// The key's fingerprint; none when the folder is readable.
    pub fingerprint: Option<String>,
    /// For a snapshot: what it folds.
    pub folds: Option<Folds>,
}

/// The clear lines of a segment, or a snapshot with `folds`.
fn header(device: Uuid, key: Option<&Key>, folds: Option<&Folds>) -> std::io::Result<String> {
    let fingerprint = key.map_or_else(|| "none".to_string(), Key::fingerprint);
    Ok(match folds {
        None => format!("{MAGIC} {PLAIN_FORMAT} device {device} key {fingerprint}\n"),
        Some(folds) => format!(
            "{MAGIC} {SNAPSHOT_FORMAT} device {device} key {fingerprint} snapshot\n{}\n",
            serde_json::to_string(folds)?
        ),
    })
}

/// One clear line of `input`, without its end. A line without its end was cut off if what
/// came of it could begin a segment (`could_be`), else it is no segment.
fn clear_line(
    input: &mut dyn std::io::BufRead,
    could_be: impl Fn(&[u8]) -> bool,
) -> Result<String, Unreadable> {
    let mut line = Vec::new();
    input
        .read_until(b'\n', &mut line)
        .map_err(|_| Unreadable::NotASegment)?;
    if line.last() != Some(&b'\n') {
        return Err(if could_be(&line) {
            Unreadable::CutOff
        } else {
            Unreadable::NotASegment
        });
    }
    line.pop();
    String::from_utf8(line).map_err(|_| Unreadable::NotASegment)
}

/// Reads the clear lines at the start of `input`.
fn read_head(input: &mut dyn std::io::BufRead) -> Result<Head, Unreadable> {
    let first = clear_line(input, |part| {
        !part.is_empty()
            && (MAGIC.as_bytes().starts_with(part) || part.starts_with(MAGIC.as_bytes()))
    })?;
    let rest = first.strip_prefix(MAGIC).ok_or(Unreadable::NotASegment)?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    let (format, device, fingerprint, snapshot) = match words.as_slice() {
        [format, "device", device, "key", fingerprint] => (format, device, fingerprint, false),
        [format, "device", device, "key", fingerprint, "snapshot"] => {
            (format, device, fingerprint, true)
        }
        // A newer format may say more; its number is all this build needs.
        [format, ..] if format.parse::<u32>().is_ok_and(|f| f > FORMAT) => {
            return Err(Unreadable::NewerFormat(format.parse().unwrap_or(0)));
        }
        _ => return Err(Unreadable::NotASegment),
    };
    let format: u32 = format.parse().map_err(|_| Unreadable::NotASegment)?;
    if format > FORMAT {
        return Err(Unreadable::NewerFormat(format));
    }
    let device: Uuid = device.parse().map_err(|_| Unreadable::NotASegment)?;
    let folds = if snapshot {
        let line = clear_line(input, |_| true)?;
        Some(serde_json::from_str(&line).map_err(|e| Unreadable::Damaged(e.to_string()))?)
    } else {
        None
    };
    Ok(Head {
        device,
        fingerprint: (*fingerprint != "none").then(|| fingerprint.to_string()),
        folds,
    })
}

/// The clear head of the segment at `path`, read without a key.
pub fn head(path: &Path) -> Result<Head, Unreadable> {
    let file = std::fs::File::open(path).map_err(|e| Unreadable::Damaged(e.to_string()))?;
    read_head(&mut std::io::BufReader::new(file))
}

/// Whether the file at `path` is a snapshot (by its name).
pub fn is_snapshot(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(SNAPSHOT_SUFFIX))
}

/// The clock of the last operation in a segment, from its file name.
pub fn last_clock(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let last = name.split(['-', '.']).nth(1)?;
    i64::from_str_radix(last, 16).ok()
}

/// Where a segment's body goes: the file, through `age` unless the folder is readable.
enum Sink {
    Plain(std::io::BufWriter<std::fs::File>),
    Sealed(age::stream::StreamWriter<std::io::BufWriter<std::fs::File>>),
}

impl Sink {
    fn out(&mut self) -> &mut dyn std::io::Write {
        match self {
            Sink::Plain(out) => out,
            Sink::Sealed(out) => out,
        }
    }
}

/// A segment being written, one operation at a time (a sync may send a million): into a
/// partial file in this device's own folder, renamed into place by [`Writer::finish`] once
/// whole and on disk, under a name that sorts in the order written. A partial file a crash
/// left behind is written over.
pub struct Writer {
    folder: PathBuf,
    partial: PathBuf,
    sink: Sink,
    first: Option<i64>,
    last: i64,
    count: usize,
    /// A snapshot's name ends in this (so two snapshots of one range never share one).
    snapshot: Option<String>,
}

impl Writer {
    pub fn create(folder: &Path, device: Uuid, key: Option<&Key>) -> std::io::Result<Writer> {
        Writer::begin(folder, device, key, None)
    }

    /// A snapshot replacing the segments `folds` names (see [`Folds`]).
    pub fn snapshot(
        folder: &Path,
        device: Uuid,
        key: Option<&Key>,
        folds: &Folds,
    ) -> std::io::Result<Writer> {
        Writer::begin(folder, device, key, Some(folds))
    }

    fn begin(
        folder: &Path,
        device: Uuid,
        key: Option<&Key>,
        folds: Option<&Folds>,
    ) -> std::io::Result<Writer> {
        std::fs::create_dir_all(folder)?;
        let partial = folder.join(".writing.tds.partial");
        let mut file = std::io::BufWriter::new(std::fs::File::create(&partial)?);
        file.write_all(header(device, key, folds)?.as_bytes())?;
        let sink = match key {
            Some(key) => {
                let recipient = key.0.to_public();
                let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as _))
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
                Sink::Sealed(encryptor.wrap_output(file)?)
            }
            None => Sink::Plain(file),
        };
        Ok(Writer {
            folder: folder.to_path_buf(),
            partial,
            sink,
            first: None,
            last: 0,
            count: 0,
            snapshot: folds.map(|_| {
                let random = Uuid::now_v7().simple().to_string();
                random[random.len() - 8..].to_string()
            }),
        })
    }

    pub fn push(&mut self, op: &WireOp) -> std::io::Result<()> {
        self.first.get_or_insert(op.clock);
        self.last = op.clock;
        self.count += 1;
        let out = self.sink.out();
        serde_json::to_writer(&mut *out, op)?;
        out.write_all(b"\n")
    }

    /// How many operations are in it so far.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Ends the segment, puts it on disk and under its name: its path. A segment is never
    /// written over: a name taken already is an error and the partial file goes.
    pub fn finish(mut self) -> std::io::Result<PathBuf> {
        writeln!(self.sink.out(), "end {}", self.count)?;
        let file = match self.sink {
            Sink::Plain(out) => out,
            Sink::Sealed(out) => out.finish()?,
        };
        let file = file.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        drop(file);
        let first = self.first.unwrap_or(0);
        let name = match &self.snapshot {
            None => format!("{first:016x}-{:016x}.{EXTENSION}", self.last),
            Some(tag) => format!("{first:016x}-{:016x}-{tag}{SNAPSHOT_SUFFIX}", self.last),
        };
        let path = self.folder.join(&name);
        if path.exists() {
            let _ = std::fs::remove_file(&self.partial);
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} is there already", path.display()),
            ));
        }
        std::fs::rename(&self.partial, &path)?;
        if let Ok(dir) = std::fs::File::open(&self.folder) {
            // The rename is durable only once the folder is on disk too.
            let _ = dir.sync_all();
        }
        Ok(path)
    }
}

/// Writes `ops` as a new segment in `folder` (this device's own): see [`Writer`].
pub fn write(
    folder: &Path,
    device: Uuid,
    ops: &[WireOp],
    key: Option<&Key>,
) -> std::io::Result<PathBuf> {
    let mut writer = Writer::create(folder, device, key)?;
    for op in ops {
        writer.push(op)?;
    }
    writer.finish()
}

/// A segment being read, one operation at a time.
pub struct Reader {
    pub device: Uuid,
    pub head: Head,
    lines: Box<dyn std::io::BufRead>,
    count: usize,
    ended: bool,
}

impl Reader {
    /// Reads a segment's clear header from `input` and readies its operations, with the
    /// one of `keys` it was written under (the folder's key, and any it had before).
    pub fn new(mut input: Box<dyn std::io::BufRead>, keys: &[&Key]) -> Result<Reader, Unreadable> {
        let head = read_head(&mut input)?;
        let key = head
            .fingerprint
            .as_deref()
            .map(|fingerprint| keys.iter().find(|k| k.fingerprint() == fingerprint));
        let lines: Box<dyn std::io::BufRead> = match (head.fingerprint.as_deref(), key) {
            (None, _) => input,
            (Some(_), _) if keys.is_empty() => return Err(Unreadable::NeedsKey),
            (Some(fingerprint), None | Some(None)) => {
                return Err(Unreadable::WrongKey(fingerprint.to_string()));
            }
            (Some(fingerprint), Some(Some(key))) => {
                let decryptor = age::Decryptor::new_buffered(input).map_err(|e| match e {
                    age::DecryptError::Io(_) => Unreadable::CutOff,
                    e => Unreadable::Damaged(e.to_string()),
                })?;
                match decryptor.decrypt(std::iter::once(&key.0 as _)) {
                    Ok(stream) => Box::new(std::io::BufReader::new(stream)),
                    Err(age::DecryptError::NoMatchingKeys) => {
                        return Err(Unreadable::WrongKey(fingerprint.to_string()));
                    }
                    Err(age::DecryptError::Io(_)) => return Err(Unreadable::CutOff),
                    Err(e) => return Err(Unreadable::Damaged(e.to_string())),
                }
            }
        };
        Ok(Reader {
            device: head.device,
            head,
            lines,
            count: 0,
            ended: false,
        })
    }

    /// Opens the segment at `path`.
    pub fn open(path: &Path, keys: &[&Key]) -> Result<Reader, Unreadable> {
        let file = std::fs::File::open(path).map_err(|e| Unreadable::Damaged(e.to_string()))?;
        Reader::new(Box::new(std::io::BufReader::new(file)), keys)
    }

    /// The next operation's line (in `line`, without its end); `false` once the end line is
    /// read and its count holds. A file without its end line was cut off on the way (a sync
    /// tool still copying it).
    fn next_line(&mut self, line: &mut Vec<u8>) -> Result<bool, Unreadable> {
        if self.ended {
            return Ok(false);
        }
        line.clear();
        // The encrypted stream short, or a chunk broken: still on its way.
        std::io::BufRead::read_until(&mut self.lines, b'\n', line)
            .map_err(|_| Unreadable::CutOff)?;
        if line.last() != Some(&b'\n') {
            return Err(Unreadable::CutOff);
        }
        line.pop();
        if let Some(count) = line.strip_prefix(b"end ") {
            let count: usize = std::str::from_utf8(count)
                .ok()
                .and_then(|c| c.parse().ok())
                .ok_or_else(|| {
                    Unreadable::Damaged(format!(
                        "a bad end line: {:?}",
                        String::from_utf8_lossy(line)
                    ))
                })?;
            if count != self.count {
                return Err(Unreadable::Damaged(format!(
                    "{count} operations said, {} there",
                    self.count
                )));
            }
            self.ended = true;
            return Ok(false);
        }
        self.count += 1;
        Ok(true)
    }

    fn parse(&self, line: &[u8]) -> Result<WireOp, Unreadable> {
        serde_json::from_slice(line)
            .map_err(|e| Unreadable::Damaged(format!("operation {}: {e}", self.count)))
    }

    /// The next operation; `None` once the end line is read and its count holds.
    pub fn next_op(&mut self) -> Result<Option<WireOp>, Unreadable> {
        let mut line = Vec::new();
        if !self.next_line(&mut line)? {
            return Ok(None);
        }
        self.parse(&line).map(Some)
    }

    /// Reads to the end: how many operations it holds, if it is whole. An encrypted segment
    /// is whole once its last chunk opens (`age` authenticates every chunk, and knows the
    /// last): its lines are as a tiesdesk wrote them, and are parsed only when applied. A
    /// readable one is parsed here, since anyone may have edited it.
    pub fn check(mut self) -> Result<usize, Unreadable> {
        let sealed = self.head.fingerprint.is_some();
        let mut line = Vec::new();
        while self.next_line(&mut line)? {
            if !sealed {
                self.parse(&line)?;
            }
        }
        Ok(self.count)
    }
}

/// Reads a whole segment's bytes with `key` (the folder's, if it has one).
pub fn read(bytes: &[u8], key: Option<&Key>) -> Result<Segment, Unreadable> {
    let mut reader = Reader::new(
        Box::new(std::io::Cursor::new(bytes.to_vec())),
        key.as_slice(),
    )?;
    let mut ops = Vec::new();
    while let Some(op) = reader.next_op()? {
        ops.push(op);
    }
    Ok(Segment {
        device: reader.device,
        ops,
    })
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
