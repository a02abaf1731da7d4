//! WhatsApp's "Export chat" text (`WhatsApp Chat with Ana.txt` from Android, `_chat.txt` in
//! the `.zip` an iPhone shares), as a phone writes it in any language and date setting:
//!
//! ```text
//! 12/03/2021, 14:05 - Ana Lima: see you there            Android, most of the world
//! 12-03-21 14:05 - Ana Lima: tot zo                      Android, Dutch
//! 3/12/21, 2:05 PM - Ana Lima: see you                   Android, US (U+202F before PM)
//! [12.03.21, 14:05:01] Ana Lima: bis gleich              iOS (often U+200E first)
//! ```
//!
//! Only who wrote and when is read: a message's text is looked at for nothing but telling a
//! system line from a message, and never kept. A line that does not begin with a date
//! continues the message before it. A line with a date and no author (someone joined, the
//! subject changed) is a system line; so is an iPhone's notice written under the chat's name
//! but marked as WhatsApp's own (its text begins with U+200E and says what system lines say).
//! Every other line with an author is a message, whatever it holds — media, a deleted
//! message. Which field of the date is the day is decided once for the whole file, never per
//! line (DESIGN, "Capture: chats").

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::NotAChat;

/// The order of the fields of a file's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
    YearMonthDay,
}

/// One message: when, and who wrote it (an index into [`ChatLog::authors`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatMessage {
    pub at: NaiveDateTime,
    pub author: u32,
}

/// What a WhatsApp export holds, as far as tiesdesk reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatLog {
    /// Every author, as the phone named them: a saved contact's name, or a number.
    pub authors: Vec<String>,
    /// In the order of the file.
    pub messages: Vec<ChatMessage>,
    /// Lines with a date and no author (and iPhone notices): joins, subject changes…
    pub system_lines: usize,
    /// Lines with a date that is no day under the file's order (31 February), skipped.
    pub bad_dates: usize,
    pub order: DateOrder,
}

/// What an iPhone writes under the chat's name for WhatsApp's own notices, in the languages
/// most used here (the text begins with U+200E; a message never does unless it is media).
const SYSTEM_MARKERS: [&str; 22] = [
    "end-to-end",
    "security code",
    "changed their phone number",
    "created group",
    "changed the subject",
    "changed this group",
    "joined using",
    "disappearing messages",
    "end-to-end-versleuteld",
    "beveiligingscode",
    "groep aangemaakt",
    "nummer gewijzigd",
    "ende-zu-ende",
    "sicherheitsnummer",
    "gruppe erstellt",
    "chiffrés de bout en bout",
    "code de sécurité",
    "cifrados de extremo a extremo",
    "código de seguridad",
    "criptografadas de ponta a ponta",
    "crittografia end-to-end",
    "codice di sicurezza",
];

/// Marks a phone puts around text: the byte-order mark, left-to-right and right-to-left
/// marks and embeddings, and the no-break spaces of times (`2:05 PM`).
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// A line's date as written: three numbers and how many digits the first and last had.
#[derive(Debug, Clone, Copy)]
struct RawDate {
    fields: [u32; 3],
    first_digits: u8,
    last_digits: u8,
}

/// The start of a message line, up to its author (or its system text).
#[derive(Debug)]
struct Header<'a> {
    date: RawDate,
    time: NaiveTime,
    rest: &'a str,
}

/// Reads digits at the start of `text`: the number and how many there were (at most `max`).
fn number(text: &str, max: usize) -> Option<(u32, usize, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max {
        return None;
    }
    let value = text[..digits].parse().ok()?;
    Some((value, digits, &text[digits..]))
}

fn skip_spaces(text: &str) -> &str {
    text.trim_start_matches(is_space)
}

/// `AM`, `pm`, `a.m.`, `p. m.`: whether it is after noon, and what follows.
fn meridiem(text: &str) -> Option<(bool, &str)> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let pm = match first.to_ascii_lowercase() {
        'a' => false,
        'p' => true,
        _ => return None,
    };
    let mut rest = &text[first.len_utf8()..];
    rest = rest.strip_prefix('.').unwrap_or(rest);
    rest = skip_spaces(rest);
    rest = rest.strip_prefix('m').or_else(|| rest.strip_prefix('M'))?;
    rest = rest.strip_prefix('.').unwrap_or(rest);
    Some((pm, rest))
}

/// The date and time a message line begins with, and what follows them.
fn header(line: &str) -> Option<Header<'_>> {
    let line = line.trim_start_matches(is_mark);
    let (bracketed, text) = match line.strip_prefix('[') {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let (a, first_digits, text) = number(text, 4)?;
    let sep = text
        .chars()
        .next()
        .filter(|c| matches!(c, '/' | '.' | '-'))?;
    let (b, _, text) = number(&text[1..], 2)?;
    let text = text.strip_prefix(sep)?;
    let (c, last_digits, text) = number(text, 4)?;
    let text = text.strip_prefix('.').unwrap_or(text);
    let text = text.strip_prefix(',').unwrap_or(text);
    let mut text = skip_spaces(text);
    // A word between date and time ("klo" in Finnish), when a time follows it.
    let word = text.chars().take_while(|c| c.is_alphabetic()).count();
    if word > 0 {
        let after = skip_spaces(
            &text[text
                .char_indices()
                .nth(word)
                .map_or(text.len(), |(at, _)| at)..],
        );
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            text = after;
        }
    }
    let (hour, _, text) = number(text, 2)?;
    let time_sep = text.chars().next().filter(|c| matches!(c, ':' | '.'))?;
    let (minute, minute_digits, mut text) = number(&text[1..], 2)?;
    if minute_digits != 2 {
        return None;
    }
    let mut second = 0;
    if let Some(rest) = text.strip_prefix(time_sep)
        && let Some((s, 2, rest)) = number(rest, 2)
    {
        second = s;
        text = rest;
    }
    let mut hour = hour;
    let spaced = skip_spaces(text);
    if let Some((pm, rest)) = meridiem(spaced) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
        text = rest;
    }
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let rest = if bracketed {
        text.strip_prefix(']')?
    } else {
        let text = skip_spaces(text);
        text.strip_prefix('-')
            .or_else(|| text.strip_prefix('\u{2013}'))?
    };
    Some(Header {
        date: RawDate {
            fields: [a, b, c],
            // At most four digits each (`number` reads no more).
            first_digits: u8::try_from(first_digits).unwrap_or(u8::MAX),
            last_digits: u8::try_from(last_digits).unwrap_or(u8::MAX),
        },
        time,
        rest: skip_spaces(rest),
    })
}

/// The author and text of what follows a line's date, if it has an author.
fn author_of(rest: &str) -> Option<(&str, &str)> {
    let at = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len))?;
    let author = rest[..at].trim_matches(|c: char| is_space(c) || is_mark(c));
    let text = rest.get(at + 2..).unwrap_or("");
    // A system line quotes what it names (`changed the subject to "Plans: May"`); a name
    // as a phone saved it does not.
    let quoted = author.contains(['"', '\u{201c}', '\u{201d}']);
    (!author.is_empty() && !quoted && author.chars().count() <= 100).then_some((author, text))
}

/// An iPhone's notice under the chat's name: WhatsApp's own text, marked.
fn is_notice(text: &str) -> bool {
    let Some(marked) = text.strip_prefix('\u{200e}') else {
        return false;
    };
    let lower = marked.to_lowercase();
    SYSTEM_MARKERS.iter().any(|marker| lower.contains(marker))
}

/// Which field is the day, for the whole file: a four-digit first field is a year; a first
/// field above 12 is a day, a second above 12 is a day (US order); otherwise the order under
/// which the dates, read in the file's order, go back in time least often — a chat is
/// written forwards — and the day first when both fit alike (most of the world).
fn decide_order(lines: &[Dated]) -> DateOrder {
    let dates = || lines.iter().map(|line| line.date);
    if dates().any(|d| d.first_digits == 4) {
        return DateOrder::YearMonthDay;
    }
    if dates().any(|d| d.fields[0] > 12) {
        return DateOrder::DayMonthYear;
    }
    if dates().any(|d| d.fields[1] > 12) {
        return DateOrder::MonthDayYear;
    }
    let backwards = |order| {
        let mut days = dates().map(|d| day_of(d, order));
        let mut before = days.next().flatten();
        let mut count = 0;
        for day in days {
            if let (Some(a), Some(b)) = (before, day)
                && b < a
            {
                count += 1;
            }
            before = day;
        }
        count
    };
    if backwards(DateOrder::MonthDayYear) < backwards(DateOrder::DayMonthYear) {
        DateOrder::MonthDayYear
    } else {
        DateOrder::DayMonthYear
    }
}

/// The day a date names under `order`; two-digit years are this century's.
fn day_of(date: RawDate, order: DateOrder) -> Option<NaiveDate> {
    let [a, b, c] = date.fields;
    let (year, month, day) = match order {
        DateOrder::DayMonthYear => (c, b, a),
        DateOrder::MonthDayYear => (c, a, b),
        DateOrder::YearMonthDay => (a, b, c),
    };
    let digits = match order {
        DateOrder::YearMonthDay => date.first_digits,
        _ => date.last_digits,
    };
    let year = if digits <= 2 { 2000 + year } else { year };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A line with a date, as written: its date's fields are read once the whole file says
/// their order.
#[derive(Debug, Clone, Copy)]
struct Dated {
    date: RawDate,
    time: NaiveTime,
    author: Option<u32>,
}

/// Reads an export line by line: the dated lines, the authors, the system lines.
#[derive(Debug, Default)]
struct LogReader {
    dated: Vec<Dated>,
    authors: Vec<String>,
    known: std::collections::HashMap<String, u32>,
    system_lines: usize,
}

impl LogReader {
    fn line(&mut self, line: &str) {
        let Some(header) = header(line) else {
            return;
        };
        let author = match author_of(header.rest) {
            Some((_, text)) if is_notice(text) => None,
            Some((author, _)) => Some(match self.known.get(author) {
                Some(&index) => index,
                None => {
                    let index = u32::try_from(self.authors.len()).unwrap_or(u32::MAX);
                    self.authors.push(author.to_string());
                    self.known.insert(author.to_string(), index);
                    index
                }
            }),
            None => None,
        };
        if author.is_none() {
            self.system_lines += 1;
        }
        self.dated.push(Dated {
            date: header.date,
            time: header.time,
            author,
        });
    }

    fn finish(self) -> Result<ChatLog, NotAChat> {
        if self.dated.is_empty() {
            return Err(NotAChat::NoMessages);
        }
        let order = decide_order(&self.dated);
        let mut messages = Vec::with_capacity(self.dated.len() - self.system_lines);
        let mut bad_dates = 0;
        for line in self.dated {
            let Some(author) = line.author else { continue };
            match day_of(line.date, order) {
                Some(day) => messages.push(ChatMessage {
                    at: day.and_time(line.time),
                    author,
                }),
                None => bad_dates += 1,
            }
        }
        Ok(ChatLog {
            authors: self.authors,
            messages,
            system_lines: self.system_lines,
            bad_dates,
            order,
        })
    }
}

/// Reads a WhatsApp export's text.
pub fn parse(text: &str) -> Result<ChatLog, NotAChat> {
    let mut reader = LogReader::default();
    for line in text.lines() {
        reader.line(line);
    }
    reader.finish()
}

/// Reads a WhatsApp export as it comes, never holding the file (years of a busy chat are
/// tens of megabytes); `progress` is told the bytes read now and then.
pub fn read_from(
    mut input: impl std::io::BufRead,
    progress: &dyn Fn(u64),
) -> std::io::Result<Result<ChatLog, NotAChat>> {
    let mut reader = LogReader::default();
    let mut buffer = Vec::new();
    let (mut read, mut lines) = (0u64, 0usize);
    loop {
        buffer.clear();
        let count = input.read_until(b'\n', &mut buffer)?;
        if count == 0 {
            break;
        }
        read += count as u64;
        lines += 1;
        let line = String::from_utf8_lossy(&buffer);
        reader.line(line.trim_end_matches(['\n', '\r']));
        if lines.is_multiple_of(65_536) {
            progress(read);
        }
    }
    progress(read);
    Ok(reader.finish())
}

#[cfg(test)]
#[path = "whatsapp_tests.rs"]
mod tests;
