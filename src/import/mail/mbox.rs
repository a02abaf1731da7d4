//! An mbox cut into messages as real mail tools cut one (mboxrd and mboxcl): a `From ` line
//! starts a message only at the start of the file or after a blank line, and only when it
//! looks like an envelope (`From sender weekday month day hh:mm:ss year`); a message whose
//! header gives a `Content-Length` that lands on the next envelope (or the end) is that long,
//! whatever its body holds. Only each header block is kept, at most [`MAX_HEADER`] of it: a
//! body is read past a line at a time, so a 1 GB body costs no memory.

use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::super::lines::{Line, Lines, trim_end};

/// The most of one header block read; beyond it the message is not read (and said). Real
/// headers are a few KB; a message to 200,000 people is 5 MB.
pub const MAX_HEADER: usize = 16 * 1024 * 1024;

/// How a message's header came out of the mbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    Whole,
    /// Longer than [`MAX_HEADER`] (or never ending).
    TooLong,
    /// The file ends inside it.
    CutOff,
}

/// What ended a header block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderEnd {
    Blank,
    /// The next message's envelope (the header never ended).
    Envelope,
    /// The end of the file.
    End,
}

/// One message: its header block, the time its envelope line gives, and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub header: Vec<u8>,
    pub header_read: Header,
    /// Seconds since 1970 from the `From ` line (UTC when it names no zone).
    pub envelope_time: Option<i64>,
}

/// An mbox read message by message.
pub struct Mbox<R> {
    lines: Lines<R>,
    /// The file, to check a Content-Length against (a pipe has none to check).
    file: Option<PathBuf>,
    /// The envelope line of the next message, once read.
    next_envelope: Option<Vec<u8>>,
    line: Vec<u8>,
    started: bool,
}

impl<R: BufRead> Mbox<R> {
    pub fn new(reader: R, file: Option<&Path>) -> Self {
        Mbox {
            lines: Lines::new(reader),
            file: file.map(Path::to_path_buf),
            next_envelope: None,
            line: Vec::new(),
            started: false,
        }
    }

    /// Bytes read so far.
    pub fn offset(&self) -> u64 {
        self.lines.offset()
    }

    /// The next message; `None` at the end.
    pub fn next_message(&mut self) -> io::Result<Option<Message>> {
        let envelope = match self.next_envelope.take() {
            Some(envelope) => envelope,
            None if self.started => return Ok(None),
            None => match self.first_envelope()? {
                Some(envelope) => envelope,
                None => return Ok(None),
            },
        };
        self.started = true;
        let envelope_time = envelope_time(&envelope);
        let (header, header_read, ended) = self.header()?;
        if ended == HeaderEnd::Blank {
            // A header read whole may say how long its body is; one too long says nothing.
            let protected = (header_read == Header::Whole)
                .then(|| self.content_end(&header))
                .flatten();
            self.body(protected)?;
        }
        Ok(Some(Message {
            header,
            header_read,
            envelope_time,
        }))
    }

    /// Reads up to the file's first envelope line.
    fn first_envelope(&mut self) -> io::Result<Option<Vec<u8>>> {
        loop {
            self.line.clear();
            if self.lines.next_into(&mut self.line, 1024)?.is_none() {
                return Ok(None);
            }
            if self.line.starts_with(b"From ") {
                return Ok(Some(self.line.clone()));
            }
        }
    }

    /// The header block, up to its blank line. A `From ` envelope before the blank line ends
    /// it too: the header never ended, and that line starts the next message.
    fn header(&mut self) -> io::Result<(Vec<u8>, Header, HeaderEnd)> {
        let mut header = Vec::with_capacity(4096);
        let mut too_long = false;
        loop {
            self.line.clear();
            let room = MAX_HEADER.saturating_sub(header.len()).max(256);
            let Some(read) = self.lines.next_into(&mut self.line, room)? else {
                let outcome = if too_long {
                    Header::TooLong
                } else {
                    Header::CutOff
                };
                return Ok((header, outcome, HeaderEnd::End));
            };
            if trim_end(&self.line).is_empty() {
                header.extend_from_slice(&self.line);
                let outcome = if too_long {
                    Header::TooLong
                } else {
                    Header::Whole
                };
                return Ok((header, outcome, HeaderEnd::Blank));
            }
            if is_envelope(&self.line) {
                self.next_envelope = Some(self.line.clone());
                return Ok((header, Header::TooLong, HeaderEnd::Envelope));
            }
            if read == Line::Overlong || header.len() + self.line.len() > MAX_HEADER {
                too_long = true;
            }
            if !too_long {
                header.extend_from_slice(&self.line);
            }
        }
    }

    /// Where a `Content-Length` says the body ends, if the file agrees: the bytes there are
    /// the next envelope (after the blank line that ends a message) or the end of the file.
    fn content_end(&self, header: &[u8]) -> Option<u64> {
        let length = content_length(header)?;
        let end = self.lines.offset().checked_add(length)?;
        let path = self.file.as_ref()?;
        let mut file = File::open(path).ok()?;
        file.seek(SeekFrom::Start(end)).ok()?;
        let mut next = [0u8; 8];
        let mut filled = 0;
        while filled < next.len() {
            match file.read(&mut next[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(_) => return None,
            }
        }
        let next = &next[..filled];
        let lands = next.is_empty()
            || next.starts_with(b"From ")
            || next.starts_with(b"\nFrom ")
            || next.starts_with(b"\r\nFrom ");
        lands.then_some(end)
    }

    /// Reads past the body, to the next envelope or the end. Lines starting before
    /// `protected` (the Content-Length's end) are body, whatever they look like.
    fn body(&mut self, protected: Option<u64>) -> io::Result<()> {
        let mut after_blank = true;
        loop {
            let at = self.lines.offset();
            self.line.clear();
            if self.lines.next_into(&mut self.line, 512)?.is_none() {
                return Ok(());
            }
            let free = protected.is_none_or(|end| at >= end);
            if after_blank && free && is_envelope(&self.line) {
                self.next_envelope = Some(self.line.clone());
                return Ok(());
            }
            after_blank = trim_end(&self.line).is_empty();
        }
    }
}

/// Whether a line is an mbox envelope: `From `, a sender, then a date with a time of day and
/// a year (`From ana@x.org Mon Nov  2 09:00:00 2026`, Gmail's `From 1784…@xxx Wed Nov 04
/// 10:00:00 +0000 2026`, Thunderbird's `From - Mon Nov  2 09:00:00 2026`). "From here on, …"
/// in a body is not one.
pub fn is_envelope(line: &[u8]) -> bool {
    let Some(rest) = line.strip_prefix(b"From ") else {
        return false;
    };
    let text = String::from_utf8_lossy(trim_end(rest));
    let mut words = text.split_whitespace();
    if words.next().is_none() {
        return false;
    }
    let date: Vec<&str> = words.collect();
    let time = date.iter().any(|w| is_time_of_day(w));
    let year = date
        .iter()
        .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    time && year
}

fn is_time_of_day(word: &str) -> bool {
    let parts: Vec<&str> = word.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The time an envelope line gives, as seconds since 1970 (its zone if it names one, else
/// UTC).
fn envelope_time(line: &[u8]) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let text = String::from_utf8_lossy(trim_end(line.strip_prefix(b"From ")?));
    let words: Vec<&str> = text.split_whitespace().skip(1).collect();
    let month = words.iter().position(|w| {
        MONTHS
            .iter()
            .any(|m| w.len() >= 3 && w[..3].eq_ignore_ascii_case(m))
    })?;
    let month_number = MONTHS
        .iter()
        .position(|m| words[month][..3].eq_ignore_ascii_case(m))?;
    let day: u32 = words.get(month + 1)?.parse().ok()?;
    let time = words.iter().find(|w| is_time_of_day(w))?;
    let year: i32 = words
        .iter()
        .rev()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let mut clock = time.split(':').map(|p| p.parse::<u32>().unwrap_or(0));
    let (hour, minute, second) = (
        clock.next().unwrap_or(0),
        clock.next().unwrap_or(0),
        clock.next().unwrap_or(0),
    );
    let wall = chrono::NaiveDate::from_ymd_opt(year, u32::try_from(month_number).ok()? + 1, day)?
        .and_hms_opt(hour, minute, second)?;
    let offset = words
        .iter()
        .find(|w| w.len() == 5 && (w.starts_with('+') || w.starts_with('-')))
        .and_then(|w| {
            let sign = if w.starts_with('-') { -1 } else { 1 };
            let hours: i64 = w[1..3].parse().ok()?;
            let minutes: i64 = w[3..5].parse().ok()?;
            Some(sign * (hours * 3600 + minutes * 60))
        })
        .unwrap_or(0);
    Some(wall.and_utc().timestamp() - offset)
}

/// The `Content-Length` a header block gives, if it gives one.
fn content_length(header: &[u8]) -> Option<u64> {
    header.split(|&b| b == b'\n').find_map(|line| {
        let line = trim_end(line);
        let name = b"content-length:";
        if line.len() > name.len() && line[..name.len()].eq_ignore_ascii_case(name) {
            std::str::from_utf8(&line[name.len()..])
                .ok()?
                .trim()
                .parse()
                .ok()
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &[u8], file: Option<&Path>) -> Vec<(String, Header)> {
        let mut mbox = Mbox::new(text, file);
        let mut out = Vec::new();
        while let Some(message) = mbox.next_message().unwrap_or_else(|e| panic!("{e}")) {
            let header = String::from_utf8_lossy(&message.header);
            let subject = header
                .lines()
                .find_map(|l| l.strip_prefix("Subject: "))
                .unwrap_or("?")
                .to_string();
            out.push((subject, message.header_read));
        }
        out
    }

    #[test]
    fn a_from_line_starts_a_message_only_after_a_blank_line_and_as_an_envelope() {
        let text = b"From a@x Mon Nov  2 09:00:00 2026\nSubject: one\n\nbody\n\
                     From here on, I disagree.\n\nFrom the office, with love\n\n\
                     From b@x Tue Nov  3 09:00:00 2026\nSubject: two\n\nFrom now on\n";
        assert_eq!(
            messages(text, None),
            [
                ("one".to_string(), Header::Whole),
                ("two".to_string(), Header::Whole)
            ]
        );
    }

    #[test]
    fn a_content_length_that_lands_on_the_next_envelope_protects_the_body() {
        let body = "quoted:\n\nFrom c@x Wed Nov  4 09:00:00 2026\nnot a message\n";
        let text = format!(
            "From a@x Mon Nov  2 09:00:00 2026\nSubject: one\nContent-Length: {}\n\n{body}\n\
             From b@x Tue Nov  3 09:00:00 2026\nSubject: two\n\nbye\n",
            body.len()
        );
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("cl.mbox");
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        let subjects: Vec<String> = messages(text.as_bytes(), Some(&path))
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(subjects, ["one", "two"]);
        // A Content-Length that lands nowhere is not trusted: the envelope rule decides.
        let wrong = text.replace(
            &format!("Content-Length: {}", body.len()),
            "Content-Length: 3",
        );
        std::fs::write(&path, &wrong).unwrap_or_else(|e| panic!("{e}"));
        let subjects: Vec<String> = messages(wrong.as_bytes(), Some(&path))
            .into_iter()
            .map(|m| m.0)
            .collect();
        assert_eq!(subjects, ["one", "?", "two"]);
    }

    #[test]
    fn a_header_cut_off_or_never_ending_is_said() {
        let cut = b"From a@x Mon Nov  2 09:00:00 2026\nSubject: one\n\nx\n\n\
                    From b@x Tue Nov  3 09:00:00 2026\nSubject: two\nTo: som";
        assert_eq!(
            messages(cut, None),
            [
                ("one".to_string(), Header::Whole),
                ("two".to_string(), Header::CutOff)
            ]
        );
    }

    #[test]
    fn envelope_lines_give_their_time() {
        let at = |line: &str| envelope_time(line.as_bytes());
        assert_eq!(
            at("From a@x Mon Nov  2 09:00:00 2026\n"),
            Some(1_793_610_000)
        );
        assert_eq!(
            at("From 1784@xxx Mon Nov 02 10:00:00 +0100 2026\n"),
            Some(1_793_610_000)
        );
        assert_eq!(at("From - Mon Nov  2 09:00:00 2026\n"), Some(1_793_610_000));
        assert!(is_envelope(
            b"From MAILER-DAEMON Mon Nov  2 09:00:00 2026\n"
        ));
        assert!(!is_envelope(b"From: a@x\n"));
        assert!(!is_envelope(b"From here on, I disagree.\n"));
    }
}
