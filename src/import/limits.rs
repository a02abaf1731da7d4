//! How much tiesdesk reads of a file, and how it stops: the largest contacts file, document
//! and line, the most people in one file, and readers that stop at the limit even on a pipe
//! or a file that never ends.

use crate::error::{Error, Result};

/// The largest contacts file read (LinkedIn's 30,000-row export is ~3 MB; a phone's vCard
/// file with photos tens of MB).
pub const MAX_FILE: u64 = 100 * 1024 * 1024;

/// The most people one contacts file may hold. Real exports hold far fewer (LinkedIn keeps at
/// most 30,000 connections, Google Contacts 25,000, iCloud 50,000); a file with more is
/// refused in one line rather than read into memory out of all proportion.
pub const MAX_PEOPLE: usize = 100_000;

/// The refusal of a file with more than [`MAX_PEOPLE`] records (`what`: "rows", "cards").
pub(crate) fn too_many_people(what: &str) -> Error {
    Error::invalid(format!(
        "it holds more than {} {what}: tiesdesk reads up to {} people from one file (LinkedIn \
         keeps at most 30,000 connections, Google Contacts 25,000); split it and import each \
         part",
        thousands(MAX_PEOPLE),
        thousands(MAX_PEOPLE)
    ))
}

/// 100000 as "100,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The largest tiesdesk document read: an export of 30,000 people and 1,000,000
/// interactions with notes is ~280 MB. Read as it comes, it restores within 500 MB.
pub const MAX_DOCUMENT: u64 = 320 * 1024 * 1024;

/// The longest line a CSV holds (a row; a multi-line cell counts per line) and the longest
/// line of a vCard (a photo folded or not). Past that it is not a contacts export, and reading
/// it would cost memory out of all proportion.
pub(super) const MAX_CSV_LINE: usize = 1024 * 1024;
pub(super) const MAX_VCARD_LINE: usize = 8 * 1024 * 1024;

/// Reads at most `limit` bytes of `path`, refusing a larger file in one line. Reading stops
/// at the limit even for a file that grows or never ends (a pipe, `/dev/zero`).
pub fn read_bounded(path: &std::path::Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_large = || too_large(path, limit);
    let (file, known) = open_bounded(path, limit)?;
    let mut bytes = Vec::with_capacity(known.map_or(0, |len| len as usize + 1));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::location(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The refusal of a file larger than `limit`.
fn too_large(path: &std::path::Path, limit: u64) -> Error {
    Error::Location {
        path: path.to_path_buf(),
        reason: format!(
            "it is larger than {} MB, more than any export tiesdesk reads",
            limit / (1024 * 1024)
        ),
    }
}

/// Opens `path` to be read as it comes, refusing at once a file known to be larger than
/// `limit` (a pipe's size is known only as it comes: its reader must stop at the limit).
/// Returns the size when it is known.
pub fn open_bounded(path: &std::path::Path, limit: u64) -> Result<(std::fs::File, Option<u64>)> {
    let file = std::fs::File::open(path).map_err(|e| Error::location(path, &e))?;
    let known = file
        .metadata()
        .ok()
        .filter(|m| m.is_file())
        .map(|m| m.len());
    if known.is_some_and(|len| len > limit) {
        return Err(too_large(path, limit));
    }
    Ok((file, known))
}

/// Reads a tiesdesk document from `path` as it comes (never held whole as text), with its
/// digest, and the count of values whose control or invisible characters were removed.
pub fn read_document(
    path: &std::path::Path,
) -> Result<(crate::document::Document, crate::document::Digest, usize)> {
    /// Counts what passes: a pipe is refused once it gives more than the limit.
    struct Counted<R>(R, u64);
    impl<R: std::io::Read> std::io::Read for Counted<R> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.read(buf)?;
            self.1 += n as u64;
            Ok(n)
        }
    }
    let (file, _) = open_bounded(path, MAX_DOCUMENT)?;
    let mut counted = Counted(std::io::Read::take(file, MAX_DOCUMENT + 1), 0);
    let read = crate::document::Document::read_from(&mut counted);
    // Cut at the limit, the document reads as broken: that it is too large is what to say.
    if counted.1 > MAX_DOCUMENT {
        return Err(too_large(path, MAX_DOCUMENT));
    }
    let (mut document, digest) = read?;
    let cleaned = document.remove_controls();
    Ok((document, digest, cleaned))
}
