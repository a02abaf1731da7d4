//! Reading other tools' exports: LinkedIn's `Connections.csv`, vCard files and Google Contacts
//! CSV. Parsers are pure (text in, people out); `plan` decides what each person means for the
//! database (add, update, nothing) and `duplicates` finds people who are likely the same.
//!
//! A parser refuses a file only when it is not the format at all. A single bad row or card is
//! reported with its line or card number and skipped; the rest of the file still counts.

pub mod calendar;
pub mod capture;
mod charset;
pub mod chat;
mod csv_table;
pub mod duplicates;
pub mod google;
mod limits;
pub mod lines;
pub mod linkedin;
pub mod mail;
pub mod plan;
mod source;
mod spec;
pub mod vcard;

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, Result};
use crate::model::{PersonData, Progress, Source};

pub use duplicates::{Duplicate, DuplicateReason, likely_duplicates};
pub(crate) use limits::too_many_people;
use limits::{MAX_CSV_LINE, MAX_VCARD_LINE};
pub use limits::{MAX_DOCUMENT, MAX_FILE, MAX_PEOPLE, open_bounded, read_bounded, read_document};
pub use plan::{Plan, Update, plan_import};
pub use source::{SourceKind, capture_reader};
pub use spec::SourceSpec;

/// Where in the file something was found, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    Line(u64),
    Card(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(line) => write!(f, "line {line}"),
            Place::Card(card) => write!(f, "card {card}"),
        }
    }
}

/// A person read from the file, not yet compared with the database.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub place: Place,
    pub person: PersonData,
}

/// Something in the file that was not imported, or imported only in part, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remark {
    pub place: Place,
    pub reason: String,
}

/// What a parser read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub people: Vec<Incoming>,
    /// Rows or cards left out entirely.
    pub skipped: Vec<Remark>,
    /// People imported without a value that could not be read (a date, an address).
    pub warnings: Vec<Remark>,
}

impl Parsed {
    fn skip(&mut self, place: Place, reason: impl Into<String>) {
        self.skipped.push(Remark {
            place,
            reason: reason.into(),
        });
    }

    fn warn(&mut self, place: Place, reason: impl Into<String>) {
        self.warnings.push(Remark {
            place,
            reason: reason.into(),
        });
    }

    /// A person read from `place`, made ready to keep: control characters another tool left
    /// in the text (an escape sequence in a company cell) are removed with a warning, so the
    /// person is imported and nothing in the file can reach a terminal; then the values are
    /// checked as any other person's.
    fn cleaned(
        &mut self,
        place: Place,
        mut person: PersonData,
    ) -> std::result::Result<PersonData, String> {
        if person.remove_controls() > 0 {
            self.warn(
                place,
                "control or invisible characters were removed from its text",
            );
        }
        person.normalized().map_err(|e| e.to_string())
    }
}

/// The file formats tiesdesk reads besides its own document. What each one is lives in
/// [`FORMATS`]; the variant is only its place there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Linkedin = 0,
    Vcard = 1,
    Google = 2,
}

/// Everything the command line, the app's import form, the report and the `source` column
/// know about a format. Adding a format (mail, a calendar) is one entry in [`FORMATS`].
#[derive(Debug)]
pub struct FormatSpec {
    pub format: Format,
    /// The short name, as the command line spells it.
    pub name: &'static str,
    /// How a person would call it.
    pub label: &'static str,
    /// How the file is called in messages: "this is not a vCard file".
    pub describe: &'static str,
    /// One line of help for the command line.
    pub help: &'static str,
    /// What the people it brings are marked as coming from.
    pub source: Source,
    /// What the reader counts as it goes: "rows", "cards".
    pub unit: &'static str,
    /// The longest line a real file of this kind has.
    pub max_line: usize,
    /// Whether the first 4 KiB of a file, lowercased, are this format's.
    detect: fn(&str) -> bool,
    parse: fn(&[u8], &Progress) -> Result<Parsed>,
}

/// Every format, in the order detection tries them and the app offers them.
pub const FORMATS: [FormatSpec; 3] = [
    FormatSpec {
        format: Format::Linkedin,
        name: "linkedin",
        label: "LinkedIn Connections.csv",
        describe: "a LinkedIn Connections.csv",
        help: "LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data)",
        source: Source::Linkedin,
        unit: "rows",
        max_line: MAX_CSV_LINE,
        detect: |head| head.contains("first name") && head.contains("connected on"),
        parse: linkedin::parse,
    },
    FormatSpec {
        format: Format::Vcard,
        name: "vcard",
        label: "vCard (.vcf)",
        describe: "a vCard file",
        help: "vCard 2.1, 3.0 or 4.0 (.vcf), from a phone or an address book",
        source: Source::Vcard,
        unit: "cards",
        max_line: MAX_VCARD_LINE,
        detect: |head| head.contains("begin:vcard"),
        parse: vcard::parse,
    },
    FormatSpec {
        format: Format::Google,
        name: "google",
        label: "Google Contacts CSV",
        describe: "a Google Contacts CSV",
        help: "Google Contacts CSV (\"Google CSV\"), current or legacy",
        source: Source::Google,
        unit: "rows",
        max_line: MAX_CSV_LINE,
        detect: |head| {
            head.contains("group membership")
                || head.contains("e-mail 1 - value")
                || head.contains("labels")
        },
        parse: google::parse,
    },
];

impl Format {
    /// What this format is.
    pub fn spec(self) -> &'static FormatSpec {
        &FORMATS[self as usize]
    }

    /// The format the command line calls `name`.
    pub fn named(name: &str) -> Option<Format> {
        FORMATS.iter().find(|s| s.name == name).map(|s| s.format)
    }

    /// How the file is called in messages.
    pub fn describe(self) -> &'static str {
        self.spec().describe
    }

    /// Reads a whole file in this format.
    pub fn parse(self, bytes: &[u8]) -> Result<Parsed> {
        self.parse_with(bytes, &Progress::default())
    }

    /// Reads a whole file, counting rows or cards into `progress` as it goes.
    pub fn parse_with(self, bytes: &[u8], progress: &Progress) -> Result<Parsed> {
        let text = text_bytes(bytes, self)?;
        let mut parsed = (self.spec().parse)(&text, progress)?;
        for incoming in &mut parsed.people {
            incoming.person.source = self.spec().source;
        }
        Ok(parsed)
    }

    /// Which format a file is, from its first lines; `None` if it is none of them. vCard is
    /// asked first: a card's note may quote a CSV header, a CSV cell rarely holds BEGIN:VCARD.
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        let head = &bytes[..bytes.len().min(4096)];
        let head = utf16_text(head)
            .unwrap_or_else(|| String::from_utf8_lossy(head).into_owned())
            .to_lowercase();
        let vcard = Format::Vcard.spec();
        std::iter::once(vcard)
            .chain(FORMATS.iter().filter(|s| s.format != Format::Vcard))
            .find(|s| (s.detect)(&head))
            .map(|s| s.format)
    }

    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|s| s.format)
    }

    /// The short name, as the command line spells it.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// How a person would call it.
    pub fn label(self) -> &'static str {
        self.spec().label
    }
}

/// The file's bytes as a text format's, ready for its parser: UTF-16 made UTF-8 when the file
/// starts with its byte-order mark (a spreadsheet's "Unicode text"), a UTF-8 byte-order mark
/// dropped. What the other bytes mean is each format's to decide (a vCard names charsets
/// property by property; a CSV is decoded cell by cell). A file with NUL bytes is no text
/// format at all.
pub fn text_bytes(bytes: &[u8], format: Format) -> Result<Cow<'_, [u8]>> {
    check_lines(bytes, format)?;
    let binary = || Error::invalid(format!("this is a binary file, not {}", format.describe()));
    if let Some(text) = utf16_text(bytes) {
        return if text.contains('\0') {
            Err(binary())
        } else {
            Ok(Cow::Owned(text.into_bytes()))
        };
    }
    if bytes.contains(&0) {
        return Err(binary());
    }
    Ok(Cow::Borrowed(
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
    ))
}

/// A file that starts with a UTF-16 byte-order mark, as text (an unpaired surrogate or a
/// last odd byte becomes U+FFFD); `None` for any other file.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let (units, little_endian) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (rest, true),
        [0xFE, 0xFF, rest @ ..] => (rest, false),
        _ => return None,
    };
    let pairs = units.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let units = pairs.map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    Some(text)
}

/// Refuses a file with a line longer than the format allows, naming the line.
fn check_lines(bytes: &[u8], format: Format) -> Result<()> {
    let limit = format.spec().max_line;
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.len() > limit {
            return Err(Error::invalid(format!(
                "line {} is longer than {} MB: this is not {}",
                number + 1,
                limit / (1024 * 1024),
                format.describe()
            )));
        }
    }
    Ok(())
}

/// How a file is named in reports and undo: its name without the folders.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// A LinkedIn profile address in one spelling, so the same profile always compares equal:
/// lowercase, without the scheme, `www.`, query, fragment or trailing slash.
pub fn profile_key(url: &str) -> Option<String> {
    let url = url.trim().to_lowercase();
    let url = url.split(['?', '#']).next().unwrap_or_default();
    let url = url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .trim_end_matches('/');
    let rest = url.strip_prefix("linkedin.com/in/")?;
    (!rest.is_empty() && !rest.contains('/')).then(|| format!("https://www.linkedin.com/in/{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_its_own_entry_in_the_table_and_names_its_source() {
        let names: Vec<&str> = Format::all().map(Format::name).collect();
        assert_eq!(names, ["linkedin", "vcard", "google"]);
        for format in Format::all() {
            assert_eq!(format.spec().format, format);
            assert_eq!(Format::named(format.name()), Some(format));
            assert_eq!(format.spec().source.as_str(), format.name());
        }
        assert_eq!(Format::named("json"), None);
    }

    #[test]
    fn each_format_is_told_from_its_first_lines() {
        let heads: [(&[u8], Option<Format>); 4] = [
            (
                b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:First Name,Connected On\r\n",
                Some(Format::Vcard),
            ),
            (
                b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
                Some(Format::Linkedin),
            ),
            (
                b"First Name,Last Name,Labels,E-mail 1 - Value\n",
                Some(Format::Google),
            ),
            (b"name,phone\n", None),
        ];
        for (head, format) in heads {
            assert_eq!(
                Format::detect(head),
                format,
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn profile_addresses_compare_in_one_spelling() {
        let key = Some("https://www.linkedin.com/in/ana-lima".to_string());
        assert_eq!(profile_key("https://www.linkedin.com/in/ana-lima"), key);
        assert_eq!(profile_key(" HTTPS://linkedin.com/in/Ana-Lima/ "), key);
        assert_eq!(
            profile_key("http://www.linkedin.com/in/ana-lima?trk=x"),
            key
        );
        assert_eq!(profile_key("https://example.org/ana"), None);
        assert_eq!(profile_key("https://www.linkedin.com/in/"), None);
    }

    #[test]
    fn text_bytes_are_utf8_or_utf16_never_binary() {
        let text = |bytes: &[u8]| text_bytes(bytes, Format::Google).map(|t| t.into_owned());
        assert_eq!(text(b"\xEF\xBB\xBFJos\xC3\xA9").unwrap(), "José".as_bytes());
        // Bytes that are not UTF-8 are left for the format to decode.
        assert_eq!(text(b"Jos\xE9").unwrap(), b"Jos\xE9");
        // UTF-16 by its byte-order mark, either way round; NULs in it are still binary.
        assert_eq!(
            text(b"\xFF\xFEJ\x00o\x00s\x00\xE9\x00=\xD8\x00\xDE").unwrap(),
            "José😀".as_bytes()
        );
        assert_eq!(
            text(b"\xFE\xFF\x00J\x00o\x00s\x00\xE9\x00").unwrap(),
            "José\u{FFFD}".as_bytes()
        );
        assert!(text(b"\xFF\xFEJ\x00\x00\x00").is_err());
        let binary = text_bytes(b"PK\x03\x04\x00\x00", Format::Vcard).unwrap_err();
        assert_eq!(
            binary.to_string(),
            "this is a binary file, not a vCard file"
        );
    }
}
