//! The document onto a writer and off a reader, never held whole as text: an export of
//! 30,000 people and 1,000,000 interactions with notes is about 280 MB. And the digest that recognises
//! the same document imported again.

use std::hash::Hasher;
use std::io::{BufReader, BufWriter, Read, Write};

use super::{Document, FORMAT};
use crate::error::{Error, Result};

/// What a document's text is, to recognise the same document again: a hash of its bytes,
/// whitespace at the end left out (a file saved with or without its last line break).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest(u64);

/// Takes text in pieces and gives its [`Digest`].
#[derive(Default)]
pub struct Digester {
    hasher: std::collections::hash_map::DefaultHasher,
    /// Whitespace not yet known to be inside the text rather than at its end.
    pending: Vec<u8>,
}

impl Digester {
    pub fn update(&mut self, bytes: &[u8]) {
        match bytes.iter().rposition(|b| !b.is_ascii_whitespace()) {
            None => self.pending.extend_from_slice(bytes),
            Some(last) => {
                self.hasher.write(&self.pending);
                self.pending.clear();
                self.hasher.write(&bytes[..=last]);
                self.pending.extend_from_slice(&bytes[last + 1..]);
            }
        }
    }

    pub fn finish(&self) -> Digest {
        Digest(self.hasher.finish())
    }
}

impl Write for Digester {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A reader that digests what passes through it, and sees whether it is text (UTF-8): a
/// binary file is named as such, not as JSON broken at its first byte.
struct Digesting<R> {
    inner: R,
    digester: Digester,
    /// The start of a character cut at the end of the last read (at most 3 bytes).
    unfinished: Vec<u8>,
    not_text: bool,
}

impl<R: Read> Read for Digesting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digester.update(&buf[..n]);
        if !self.not_text {
            self.see_text(&buf[..n]);
        }
        Ok(n)
    }
}

impl<R> Digesting<R> {
    fn see_text(&mut self, bytes: &[u8]) {
        // Finish a character left cut, then judge the rest in place.
        let mut rest = bytes;
        while !self.unfinished.is_empty() {
            let Some((&next, after)) = rest.split_first() else {
                if bytes.is_empty() {
                    // The end of the input: a character left cut is not text.
                    self.not_text = true;
                }
                return;
            };
            self.unfinished.push(next);
            rest = after;
            match std::str::from_utf8(&self.unfinished) {
                Ok(_) => self.unfinished.clear(),
                Err(e) if e.error_len().is_some() || self.unfinished.len() >= 4 => {
                    self.not_text = true;
                    return;
                }
                Err(_) => {}
            }
        }
        if let Err(e) = std::str::from_utf8(rest) {
            match e.error_len() {
                Some(_) => self.not_text = true,
                None => self.unfinished = rest[e.valid_up_to()..].to_vec(),
            }
        }
    }
}

impl Document {
    /// Writes the document as `export json` does: pretty JSON, with nothing a terminal would
    /// obey in its strings (`text::SafeJson`), and a line break at the end.
    pub fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        // Buffered before the escaping, which then looks at 64 KiB at a time, not a token.
        let mut buffered = BufWriter::with_capacity(1 << 16, crate::text::SafeJson::new(out));
        serde_json::to_writer_pretty(&mut buffered, self).map_err(std::io::Error::other)?;
        buffered.write_all(b"\n")?;
        buffered.flush()?;
        buffered
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?
            .flush()
    }

    /// The digest of the document as [`Document::write_to`] writes it.
    pub fn digest(&self) -> Result<Digest> {
        let mut digester = Digester::default();
        self.write_to(&mut digester)
            .map_err(|e| Error::Io(format!("cannot write the document: {e}")))?;
        Ok(digester.finish())
    }

    /// Reads a document from `input` as it comes, with the digest of its text. A problem is
    /// named by its place: `people[3].birthday: …`.
    pub fn read_from(input: impl Read) -> Result<(Document, Digest)> {
        let mut digesting = Digesting {
            inner: input,
            digester: Digester::default(),
            unfinished: Vec::new(),
            not_text: false,
        };
        let read = {
            let reader = BufReader::with_capacity(1 << 16, &mut digesting);
            let mut deserializer = serde_json::Deserializer::from_reader(reader);
            serde_path_to_error::deserialize(&mut deserializer)
                .map_err(|e| {
                    let place = e.path().to_string();
                    read_error(&place, e.into_inner())
                })
                .and_then(|document: Document| {
                    // Only whitespace may follow; the rest is read (and digested) too.
                    deserializer.end().map_err(|e| read_error("", e))?;
                    Ok(document)
                })
        };
        if digesting.not_text || !digesting.unfinished.is_empty() {
            return Err(Error::invalid(
                "not a tiesdesk document: it is not text (a tiesdesk document is JSON)",
            ));
        }
        let document = read?;
        if document.format != FORMAT {
            return Err(Error::invalid(format!(
                "format: '{}' is not a format this tiesdesk reads (it reads '{FORMAT}')",
                document.format
            )));
        }
        Ok((document, digesting.digester.finish()))
    }

    /// Reads a document from its text.
    pub fn parse(text: &str) -> Result<Document> {
        Document::read_from(text.as_bytes()).map(|(document, _)| document)
    }
}

/// A reading error as one line: broken or cut-off JSON (or text that is not UTF-8) is about
/// the file; a wrong value is about its place.
fn read_error(place: &str, inner: serde_json::Error) -> Error {
    let reason = crate::error::one_line(&inner.to_string());
    let about_the_file = matches!(
        inner.classify(),
        serde_json::error::Category::Syntax
            | serde_json::error::Category::Eof
            | serde_json::error::Category::Io
    );
    if about_the_file || place == "." || place.is_empty() {
        Error::invalid(format!("not a tiesdesk document: {reason}"))
    } else {
        Error::invalid(format!("{place}: {reason}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_ignores_whitespace_at_the_end_only() {
        let digest = |pieces: &[&str]| {
            let mut d = Digester::default();
            for piece in pieces {
                d.update(piece.as_bytes());
            }
            d.finish()
        };
        let whole = digest(&["{\"a\": 1}"]);
        assert_eq!(digest(&["{\"a\": ", "1}", "\n", "\r\n  "]), whole);
        assert_eq!(digest(&["{\"a\"", ": 1}\n"]), whole);
        assert_ne!(digest(&["{\"a\":  1}"]), whole, "whitespace inside counts");
        assert_ne!(digest(&["{\"a\": ", "\n", "1}"]), whole);
    }

    /// Reads `bytes` `size` bytes at a time.
    struct Pieces<'a>(&'a [u8], usize);
    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn text_is_told_from_bytes_wherever_the_reads_cut_a_character() {
        let not_text = |bytes: &[u8], size: usize| {
            let mut reader = Digesting {
                inner: Pieces(bytes, size),
                digester: Digester::default(),
                unfinished: Vec::new(),
                not_text: false,
            };
            std::io::copy(&mut reader, &mut std::io::sink()).unwrap();
            // The end of the input is an empty read: copy makes one.
            reader.not_text || !reader.unfinished.is_empty()
        };
        let text = "{\"name\": \"Zoë 李 🌍\"}".as_bytes();
        for size in 1..=text.len() {
            assert!(!not_text(text, size), "read {size} at a time");
        }
        let broken = [&text[..10], &[0xff], &text[10..]].concat();
        for size in 1..=8 {
            assert!(not_text(&broken, size), "read {size} at a time");
            // A character cut at the very end (the last of 🌍 missing).
            let end = "ab🌍".as_bytes();
            assert!(not_text(&end[..end.len() - 1], size));
        }
        assert!(not_text(&[0, 159, 146, 150, 255], 3));
    }
}
