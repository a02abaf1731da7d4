//! Finding the messages under a path: an mbox file, a single message, a Maildir (its `cur/`
//! and `new/`), or a tree holding any of them (a Maildir++ or mbsync tree, a Thunderbird
//! profile's mbox files, a folder of `.eml`). Only each message's header block is read from a
//! message file; an mbox is streamed, one message at a time.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, io_reason};

/// The longest header block read from one message; real ones are a few KiB.
const MAX_HEADER: usize = 256 * 1024;

/// One place messages are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// An mbox file: messages one after another, each after a `From ` line.
    Mbox(PathBuf),
    /// A file holding one message (in a Maildir, or an `.eml`).
    Message(PathBuf),
}

/// What was found under a path: where the messages are, and how many bytes that is.
#[derive(Debug, Default)]
pub struct Found {
    pub sources: Vec<Source>,
    pub bytes: u64,
    /// Files that are none of the above (indexes, `.msf` summaries, notes): left alone.
    pub ignored: usize,
}

/// What `path` holds, in a stable order (names sorted), without following links to folders.
pub fn find(path: &Path) -> Result<Found> {
    let not_mail = || {
        Error::invalid(format!(
            "{}: not a mailbox (expected an mbox file, a Maildir folder with cur/ and new/, \
             or a folder of .eml files)",
            path.display()
        ))
    };
    let meta = std::fs::metadata(path).map_err(|e| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let mut found = Found::default();
    if meta.is_file() {
        match kind_of_file(path, false)? {
            Some(source) => {
                found.bytes = meta.len();
                found.sources.push(source);
            }
            None => return Err(not_mail()),
        }
        return Ok(found);
    }
    walk(path, &mut found, false)?;
    if found.sources.is_empty() {
        return Err(not_mail());
    }
    Ok(found)
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
        let meta = std::fs::symlink_metadata(&path).map_err(|e| unreadable(&path, e))?;
        entries.push((path, meta));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, meta) in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if name.starts_with('.') && meta.is_file() {
            found.ignored += 1;
            continue;
        }
        if meta.is_dir() {
            // A Maildir keeps delivered mail in cur/ and new/; tmp/ holds mail not yet whole.
            let maildir_part = (name == "cur" || name == "new") && is_maildir(dir);
            if name == "tmp" && is_maildir(dir) {
                continue;
            }
            walk(&path, found, maildir_part)?;
        } else if meta.is_file() {
            match kind_of_file(&path, in_maildir)? {
                Some(source) => {
                    found.bytes += meta.len();
                    found.sources.push(source);
                }
                None => found.ignored += 1,
            }
        }
    }
    Ok(())
}

fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() && dir.join("new").is_dir()
}

/// A file inside a Maildir's cur/ or new/ is one message; elsewhere, an `.eml` is one and a
/// file that starts with `From ` is an mbox.
fn kind_of_file(path: &Path, in_maildir: bool) -> Result<Option<Source>> {
    if in_maildir {
        return Ok(Some(Source::Message(path.to_path_buf())));
    }
    let eml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("eml"));
    if eml {
        return Ok(Some(Source::Message(path.to_path_buf())));
    }
    let mut start = [0u8; 5];
    let mut file = open(path)?;
    let read = read_full(&mut file, &mut start).map_err(|e| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    Ok((read == 5 && &start == b"From ").then(|| Source::Mbox(path.to_path_buf())))
}

pub fn open(path: &Path) -> Result<File> {
    File::open(path).map_err(|e| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })
}

fn read_full(file: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// The header block of the message in `path`: everything up to the first empty line (or the
/// first 256 KiB), never the body.
pub fn header_block(path: &Path) -> Result<Vec<u8>> {
    let mut reader = BufReader::new(open(path)?);
    let mut block = Vec::with_capacity(8 * 1024);
    let mut chunk = [0u8; 8 * 1024];
    loop {
        let read = reader.read(&mut chunk).map_err(|e| Error::Location {
            path: path.to_path_buf(),
            reason: io_reason(&e),
        })?;
        if read == 0 {
            return Ok(block);
        }
        let searched_from = block.len().saturating_sub(3);
        block.extend_from_slice(&chunk[..read]);
        if let Some(end) = header_end(&block[searched_from..]) {
            block.truncate(searched_from + end);
            return Ok(block);
        }
        if block.len() >= MAX_HEADER {
            block.truncate(MAX_HEADER);
            return Ok(block);
        }
    }
}

/// Where the header block ends in `bytes` (just after its empty line), if it does.
pub fn header_end(bytes: &[u8]) -> Option<usize> {
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    let crlf = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4);
    match (lf, crlf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
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
        assert_eq!(header_end(b"A: 1\nB: 2\n\nbody\n\n"), Some(11));
        assert_eq!(header_end(b"A: 1\r\n\r\nbody"), Some(8));
        assert_eq!(header_end(b"A: 1\r\nB: 2"), None);
    }

    #[test]
    fn a_maildir_name_says_when_it_was_delivered() {
        let at = |name: &str| delivered_at(Path::new(name));
        assert_eq!(at("1700000000.M1P2.host:2,S"), Some(1_700_000_000));
        assert_eq!(at("msg-17.eml"), None);
        assert_eq!(at("12.x"), None);
    }
}
