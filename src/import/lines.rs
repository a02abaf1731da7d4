//! Physical lines from a stream, never holding more of one line than asked: a mailbox's 1 GB
//! body on one line, or a calendar property folded over 200 MB, costs its reading time and
//! no memory. Both capture readers (mbox and iCalendar) stand on this.

use std::io::{self, BufRead};

/// How a line was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// Whole: every byte of it (its `\n` included, if it had one) is in the buffer.
    Whole,
    /// Longer than the cap: the buffer holds its first bytes, the rest was read past.
    Overlong,
}

/// A stream read line by line, counting the bytes it has taken.
pub struct Lines<R> {
    inner: R,
    offset: u64,
}

impl<R: BufRead> Lines<R> {
    pub fn new(inner: R) -> Self {
        Lines { inner, offset: 0 }
    }

    /// Bytes taken from the stream so far: where the next line starts.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Appends the next line to `buffer`, at most `cap` bytes of it; `None` at the end.
    pub fn next_into(&mut self, buffer: &mut Vec<u8>, cap: usize) -> io::Result<Option<Line>> {
        let mut taken = 0usize;
        let mut overlong = false;
        loop {
            let available = match self.inner.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                if taken == 0 {
                    return Ok(None);
                }
                break;
            }
            let (used, ended) = match memchr::memchr(b'\n', available) {
                Some(at) => (at + 1, true),
                None => (available.len(), false),
            };
            let room = cap.saturating_sub(taken);
            if used <= room {
                buffer.extend_from_slice(&available[..used]);
            } else {
                buffer.extend_from_slice(&available[..room]);
                overlong = true;
            }
            taken = taken.saturating_add(used);
            self.inner.consume(used);
            self.offset += used as u64;
            if ended {
                break;
            }
        }
        Ok(Some(if overlong {
            Line::Overlong
        } else {
            Line::Whole
        }))
    }

    /// Reads past the next line, keeping only its first `keep` bytes in `start` (for a body
    /// line, whose only interest is whether it is blank or begins `From `). False at the end.
    pub fn skip_line(&mut self, start: &mut Vec<u8>, keep: usize) -> io::Result<bool> {
        start.clear();
        Ok(self.next_into(start, keep)?.is_some())
    }
}

/// `line` without its line ending (`\n` or `\r\n`).
pub fn trim_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8], cap: usize) -> Vec<(Vec<u8>, Line)> {
        let mut reader = Lines::new(io::BufReader::with_capacity(4, text));
        let mut out = Vec::new();
        loop {
            let mut buffer = Vec::new();
            match reader
                .next_into(&mut buffer, cap)
                .unwrap_or_else(|e| panic!("{e}"))
            {
                Some(line) => out.push((buffer, line)),
                None => break,
            }
        }
        out
    }

    #[test]
    fn lines_come_whole_or_cut_at_the_cap_and_the_offset_counts_every_byte() {
        let got = lines(b"ab\r\nlong line here\nlast", 6);
        assert_eq!(
            got,
            [
                (b"ab\r\n".to_vec(), Line::Whole),
                (b"long l".to_vec(), Line::Overlong),
                (b"last".to_vec(), Line::Whole),
            ]
        );
        let mut reader = Lines::new(&b"one\ntwo\n"[..]);
        let mut start = Vec::new();
        assert!(reader.skip_line(&mut start, 2).unwrap_or(false));
        assert_eq!((start.as_slice(), reader.offset()), (&b"on"[..], 4));
        assert_eq!(trim_end(b"x\r\n"), b"x");
        assert_eq!(trim_end(b"x"), b"x");
    }
}
