//! Finding the messages under a path: an mbox file, a single message, a Maildir (its `cur/`
//! and `new/`, either one: a git, zip or rsync copy leaves out the empty `new/`), a tree of
//! any of them (Maildir++, mbsync, a Thunderbird profile's mbox files, a folder of messages
//! with or without `.eml`), or a stream (a pipe, `/dev/stdin`). Every file found is a
//! source of mail or not, for a reason the report gives. Only each message's header block is
//! read; an mbox is streamed.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::super::capture::SkipReason;
use super::mbox::{Header, MAX_HEADER};
use crate::error::{Error, Result, io_reason};

/// One place messages are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An mbox file: messages one after another, each after a `From ` line.
    Mbox(PathBuf),
    /// A file holding one message (in a Maildir, an `.eml`, a saved message).
    Message(PathBuf),
    /// Not a file: a pipe or a device, read as it comes (an mbox or one message).
    Stream(PathBuf),
}

/// Why a file under the path was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileSkip {
    /// A mail program's index or state (`.uidvalidity`, `dovecot.index`, a `.msf` summary).
    Index,
    /// In a Maildir's `tmp/`: mail still being delivered.
    Undelivered,
    /// Neither a message nor an mbox (notes, attachments saved beside them).
    NotMail,
    /// Could not be opened or read.
    Unreadable,
}

impl SkipReason for FileSkip {
    fn key(self) -> &'static str {
        match self {
            FileSkip::Index => "index",
            FileSkip::Undelivered => "undelivered",
            FileSkip::NotMail => "not_mail",
            FileSkip::Unreadable => "unreadable",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            FileSkip::Index => "a mail program's indexes and state",
            FileSkip::Undelivered => "in a Maildir's tmp/ (not yet delivered)",
            FileSkip::NotMail => "neither a message nor an mbox",
            FileSkip::Unreadable => "could not be read",
        }
    }
}

/// What was found under a path: where the messages are, how many bytes that is, and the
/// files that hold none.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    pub bytes: u64,
    pub not_read: BTreeMap<FileSkip, usize>,
}

impl Found {
    fn skip(&mut self, why: FileSkip) {
        *self.not_read.entry(why).or_default() += 1;
    }
}

/// What `path` holds, in a stable order (names sorted), without following links to folders.
pub fn find(path: &Path) -> Result<Found> {
    let not_mail = || {
        Error::invalid(format!(
            "{}: not a mailbox (expected an mbox file, a Maildir folder with cur/ or new/, \
             a folder of messages, or a message)",
            path.display()
        ))
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::location(path, &e))?;
    let mut found = Found::default();
    if meta.is_dir() {
        walk(path, &mut found, false)?;
        if found.sources.is_empty() {
            return Err(not_mail());
        }
        return Ok(found);
    }
    if !meta.is_file() {
        // A pipe or a device: what it holds is known only as it is read.
        found.sources.push(Source::Stream(path.to_path_buf()));
        return Ok(found);
    }
    match kind_of_file(path)? {
        Some(source) => {
            found.bytes = meta.len();
            found.sources.push(source);
            Ok(found)
        }
        None => Err(not_mail()),
    }
}

fn walk(dir: &Path, found: &mut Found, in_maildir: bool) -> Result<()> {
    let unreadable = |path: &Path, e: std::io::Error| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let mut entries: Vec<(PathBuf, std::fs::Metadata)> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| unreadable(dir, e))? {
        let entry = entry.map_err(|e| unreadable(dir, e))?;
        let path = entry.path();
        // Not followed: a link to a folder could lead back up the tree.
        match std::fs::symlink_metadata(&path) {
            Ok(meta) => entries.push((path, meta)),
            Err(_) => found.skip(FileSkip::Unreadable),
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let maildir = is_maildir(dir);
    for (path, meta) in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if meta.is_dir() {
            if maildir && name == "tmp" {
                for _ in files_in(&path) {
                    found.skip(FileSkip::Undelivered);
                }
                continue;
            }
            // A Maildir keeps delivered mail in cur/ and new/.
            let part = maildir && (name == "cur" || name == "new");
            walk(&path, found, part)?;
            continue;
        }
        if !meta.is_file() {
            continue;
        }
        if is_index(&name) {
            found.skip(FileSkip::Index);
            continue;
        }
        let source = if in_maildir {
            Some(Source::Message(path.clone()))
        } else {
            match kind_of_file(&path) {
                Ok(source) => source,
                Err(_) => {
                    found.skip(FileSkip::Unreadable);
                    continue;
                }
            }
        };
        match source {
            Some(source) => {
                found.bytes += meta.len();
                found.sources.push(source);
            }
            None => found.skip(FileSkip::NotMail),
        }
    }
    Ok(())
}

/// The files directly in `dir`.
fn files_in(dir: &Path) -> impl Iterator<Item = PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
}

/// A Maildir has `cur/` and `new/`; a copy may have kept only the one with mail in it.
fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() || dir.join("new").is_dir()
}

/// The names mail programs give their indexes and state files.
fn is_index(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with('.')
        || lower.starts_with("dovecot")
        || lower.starts_with("courierimap")
        || matches!(
            lower.as_str(),
            "maildirfolder" | "subscriptions" | "mbox.lock" | "msgfilterrules.dat"
        )
        || [
            ".msf",
            ".dat",
            ".sqlite",
            ".sqlite-wal",
            ".sqlite-shm",
            ".lock",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// What a file is, from its first bytes: an mbox (`From `), one message (an `.eml`, or a
/// header block), or neither.
fn kind_of_file(path: &Path) -> Result<Option<Source>> {
    let eml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
    if eml {
        return Ok(Some(Source::Message(path.to_path_buf())));
    }
    let mut start = [0u8; 4096];
    let mut file = open(path)?;
    let read = read_full(&mut file, &mut start).map_err(|e| Error::location(path, &e))?;
    Ok(match sniff(&start[..read]) {
        Sniffed::Mbox => Some(Source::Mbox(path.to_path_buf())),
        Sniffed::Message => Some(Source::Message(path.to_path_buf())),
        Sniffed::Neither | Sniffed::Empty => None,
    })
}

/// What the first bytes of a file or a stream say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Mbox,
    Message,
    Neither,
    Empty,
}

/// An mbox starts `From `; a message starts with header fields (`Name: value`), one of them
/// one every message has (From, Date, Received, Message-ID, Return-Path, Delivered-To).
pub fn sniff(start: &[u8]) -> Sniffed {
    let start = start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start);
    if start.is_empty() {
        return Sniffed::Empty;
    }
    if start.starts_with(b"From ") {
        return Sniffed::Mbox;
    }
    let mut fields = 0;
    let mut telling = false;
    for line in start.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        if line[0] == b' ' || line[0] == b'\t' {
            continue; // a folded field goes on
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Sniffed::Neither;
        };
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|&b| b.is_ascii_graphic()) {
            return Sniffed::Neither;
        }
        fields += 1;
        telling |= [
            &b"from"[..],
            b"date",
            b"received",
            b"message-id",
            b"return-path",
            b"delivered-to",
        ]
        .iter()
        .any(|known| name.eq_ignore_ascii_case(known));
    }
    if fields > 0 && telling {
        Sniffed::Message
    } else {
        Sniffed::Neither
    }
}

pub fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|e| Error::location(path, &e))
}

fn read_full(file: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The header block of the message `reader` holds: everything up to the first empty line (a
/// file that ends first is all header), never the body; longer than [`MAX_HEADER`], only
/// said.
pub fn header_block(reader: impl BufRead) -> std::io::Result<(Vec<u8>, Header)> {
    let mut lines = super::super::lines::Lines::new(reader);
    let mut block = Vec::with_capacity(8 * 1024);
    let mut line = Vec::new();
    loop {
        line.clear();
        let room = MAX_HEADER.saturating_sub(block.len()).max(1);
        match lines.next_into(&mut line, room)? {
            None => return Ok((block, Header::Whole)),
            Some(super::super::lines::Line::Overlong) => return Ok((block, Header::TooLong)),
            Some(_) if block.len() + line.len() > MAX_HEADER => {
                return Ok((block, Header::TooLong));
            }
            Some(_) => {
                block.extend_from_slice(&line);
                if super::super::lines::trim_end(&line).is_empty() {
                    return Ok((block, Header::Whole));
                }
            }
        }
    }
}

/// The header block of the message in the file at `path`.
pub fn header_of_file(path: &Path) -> Result<(Vec<u8>, Header)> {
    header_block(BufReader::with_capacity(16 * 1024, open(path)?))
        .map_err(|e| Error::location(path, &e))
}

/// The time a Maildir file name starts with (`1700000000.M1P2.host:2,S`): when it was
/// delivered, for a message whose Date header is missing or unreadable.
pub fn delivered_at(path: &Path) -> Option<i64> {
    let name = path.file_name()?.to_str()?;
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 9 || !name[digits.len()..].starts_with('.') {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_block_ends_at_the_first_empty_line_in_either_line_ending() {
        let block = |text: &[u8]| header_block(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(block(b"A: 1\nB: 2\n\nbody\n\n").0, b"A: 1\nB: 2\n\n");
        assert_eq!(block(b"A: 1\r\n\r\nbody").0, b"A: 1\r\n\r\n");
        assert_eq!(
            block(b"A: 1\r\nB: 2"),
            (b"A: 1\r\nB: 2".to_vec(), Header::Whole)
        );
    }

    #[test]
    fn a_maildir_name_says_when_it_was_delivered() {
        let at = |name: &str| delivered_at(Path::new(name));
        assert_eq!(at("1700000000.M1P2.host:2,S"), Some(1_700_000_000));
        assert_eq!(at("msg-17.eml"), None);
        assert_eq!(at("12.x"), None);
    }

    #[test]
    fn first_bytes_tell_an_mbox_a_message_and_neither() {
        assert_eq!(sniff(b"From a@x Mon Nov  2 09:00:00 2026\n"), Sniffed::Mbox);
        assert_eq!(
            sniff(b"Return-Path: <a@x>\r\nReceived: by x\r\n\tfor y\r\nSubject: hi\r\n\r\n"),
            Sniffed::Message
        );
        assert_eq!(sniff(b"Subject: no sender or date\n\n"), Sniffed::Neither);
        assert_eq!(sniff(b"Shopping list: milk\nbread\n"), Sniffed::Neither);
        assert_eq!(sniff(b""), Sniffed::Empty);
    }
}
