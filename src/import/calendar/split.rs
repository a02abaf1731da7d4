//! An iCalendar stream cut into the pieces the capture reads, one at a time: each `VCALENDAR`
//! block (a file may hold several, one after another), its time zones, and each event. What
//! one event may hold is capped; a bigger one, or one the file cuts off, is read past and
//! said, never parsed.

use std::io::{self, BufRead};

use super::super::lines::{Line, Lines, trim_end};

/// The most one event (or time zone) may hold: a year of daily occurrences moved one by one
/// is a few hundred KB; 200,000 RDATEs are 5 MB.
pub const MAX_COMPONENT: usize = 32 * 1024 * 1024;

/// One piece of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A `VCALENDAR` block begins (or, for events outside any, an implicit one).
    BlockStart,
    /// A `VTIMEZONE`, whole.
    Zone(Vec<u8>),
    /// A `VEVENT` with what it holds (alarms), whole.
    Event(Vec<u8>),
    /// A `VEVENT` bigger than [`MAX_COMPONENT`]: read past.
    TooLarge,
    /// A `VEVENT` the stream ends inside: the file was cut off.
    CutOff,
    /// The block ends.
    BlockEnd,
}

/// Reads the pieces of an iCalendar stream.
pub struct Splitter<R> {
    lines: Lines<R>,
    in_block: bool,
    /// Whether anything that looks like iCalendar (a `BEGIN:VCALENDAR` or `BEGIN:VEVENT`) was
    /// seen: a file with none is not a calendar.
    pub seen_calendar: bool,
    line: Vec<u8>,
    pending: Option<Piece>,
}

/// What a `BEGIN:`/`END:` line names, in upper case; `None` for any other line.
fn marker(line: &[u8]) -> Option<(bool, String)> {
    let line = trim_end(line);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    let (begin, rest) = if line.len() >= 6 && line[..6].eq_ignore_ascii_case(b"BEGIN:") {
        (true, &line[6..])
    } else if line.len() >= 4 && line[..4].eq_ignore_ascii_case(b"END:") {
        (false, &line[4..])
    } else {
        return None;
    };
    let name = String::from_utf8_lossy(rest).trim().to_ascii_uppercase();
    Some((begin, name))
}

impl<R: BufRead> Splitter<R> {
    pub fn new(reader: R) -> Self {
        Splitter {
            lines: Lines::new(reader),
            in_block: false,
            seen_calendar: false,
            line: Vec::new(),
            pending: None,
        }
    }

    /// The next piece; `None` at the end of the stream.
    pub fn next_piece(&mut self) -> io::Result<Option<Piece>> {
        if let Some(piece) = self.pending.take() {
            return Ok(Some(piece));
        }
        loop {
            self.line.clear();
            let Some(read) = self.lines.next_into(&mut self.line, MAX_COMPONENT)? else {
                if self.in_block {
                    // A block without its END: what it held was whole, so nothing is lost.
                    self.in_block = false;
                    return Ok(Some(Piece::BlockEnd));
                }
                return Ok(None);
            };
            if read == Line::Overlong {
                continue; // a stray line between components: nothing to read in it
            }
            let Some((begin, name)) = marker(&self.line) else {
                continue;
            };
            match (begin, name.as_str(), self.in_block) {
                (true, "VCALENDAR", in_block) => {
                    self.seen_calendar = true;
                    self.in_block = true;
                    if in_block {
                        // A block that never ended, then the next: end one, start the other.
                        self.pending = Some(Piece::BlockStart);
                        return Ok(Some(Piece::BlockEnd));
                    }
                    return Ok(Some(Piece::BlockStart));
                }
                (false, "VCALENDAR", true) => {
                    self.in_block = false;
                    return Ok(Some(Piece::BlockEnd));
                }
                (true, "VEVENT" | "VTIMEZONE", in_block) => {
                    self.seen_calendar = true;
                    let piece = self.component(&name)?;
                    if !in_block {
                        // An event outside any block (some tools write bare events).
                        self.in_block = true;
                        self.pending = Some(piece);
                        return Ok(Some(Piece::BlockStart));
                    }
                    return Ok(Some(piece));
                }
                (true, _, _) => self.skip_component()?,
                _ => {}
            }
        }
    }

    /// Reads a component from just after its `BEGIN` to its `END` (whatever it nests).
    fn component(&mut self, name: &str) -> io::Result<Piece> {
        let mut text = format!("BEGIN:{name}\r\n").into_bytes();
        let mut depth = 0usize;
        let mut too_large = false;
        loop {
            self.line.clear();
            let room = MAX_COMPONENT.saturating_sub(text.len());
            let Some(read) = self.lines.next_into(&mut self.line, room.max(256))? else {
                return Ok(Piece::CutOff);
            };
            if read == Line::Overlong || text.len() + self.line.len() > MAX_COMPONENT {
                too_large = true;
            }
            if !too_large {
                text.extend_from_slice(&self.line);
            }
            match marker(&self.line) {
                Some((true, _)) => depth += 1,
                Some((false, end)) if depth == 0 => {
                    if end != name {
                        // An END of something else (a VCALENDAR): this one never ended.
                        return Ok(Piece::CutOff);
                    }
                    if too_large {
                        return Ok(Piece::TooLarge);
                    }
                    if !text.ends_with(b"\n") {
                        text.extend_from_slice(b"\r\n");
                    }
                    return Ok(if name == "VEVENT" {
                        Piece::Event(text)
                    } else {
                        Piece::Zone(text)
                    });
                }
                Some((false, _)) => depth -= 1,
                None => {}
            }
        }
    }

    /// Reads past a component that holds nothing for the capture (a to-do, a journal entry).
    fn skip_component(&mut self) -> io::Result<()> {
        let mut depth = 0usize;
        loop {
            self.line.clear();
            if self.lines.next_into(&mut self.line, 256)?.is_none() {
                return Ok(());
            }
            match marker(&self.line) {
                Some((true, _)) => depth += 1,
                // Its END (or, if it never ended, the END of what held it).
                Some((false, _)) if depth == 0 => return Ok(()),
                Some((false, _)) => depth -= 1,
                None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let mut splitter = Splitter::new(text.as_bytes());
        let mut out = Vec::new();
        while let Some(piece) = splitter.next_piece().unwrap_or_else(|e| panic!("{e}")) {
            out.push(match piece {
                Piece::BlockStart => "start".to_string(),
                Piece::BlockEnd => "end".to_string(),
                Piece::Zone(t) => format!("zone {}", String::from_utf8_lossy(&t).lines().count()),
                Piece::Event(t) => {
                    let text = String::from_utf8_lossy(&t).into_owned();
                    let uid = text.lines().find_map(|l| l.strip_prefix("UID:"));
                    format!("event {}", uid.unwrap_or("?"))
                }
                Piece::TooLarge => "too large".to_string(),
                Piece::CutOff => "cut off".to_string(),
            });
        }
        out
    }

    #[test]
    fn every_block_and_event_is_found_and_a_cut_off_event_is_said() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\n\
                    END:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\n\
                    END:VALARM\r\nEND:VEVENT\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n\
                    END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:b\r\nEND:VEVENT\r\n\
                    END:VCALENDAR\r\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:c\r\nDTSTART:2026";
        assert_eq!(
            pieces(text),
            [
                "start", "zone 5", "event a", "end", "start", "event b", "end", "start", "cut off",
                "end"
            ]
        );
        // Bare events, lower-case markers, LF endings.
        assert_eq!(
            pieces("begin:vevent\nUID:d\nend:vevent\n"),
            ["start", "event d", "end"]
        );
    }
}
