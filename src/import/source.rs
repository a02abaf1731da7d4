//! Every source tiesdesk imports from, in one table: the contacts formats of [`FORMATS`], the
//! tiesdesk document, the user's mail and calendar. Each says how it is called, what its
//! reader counts, whether it needs the user's own address, and how a file is recognised as
//! it. Both front ends list, name and recognise sources from here; `ops::open_import` reads
//! each and `Desk::import` writes it.

use std::path::Path;

use super::{FORMATS, Format};
use crate::error::{Error, Result};

/// What a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A contacts file: people.
    Contacts(Format),
    /// A tiesdesk document (`export json`), restored into an empty database.
    Document,
    /// The user's mail: an mbox, a Maildir or a folder of `.eml` files.
    Mail,
    /// The user's calendar: an `.ics` file or a folder of them.
    Calendar,
}

/// What a source is, for the command line, the import form, the progress and the report.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// The short name, as the command line spells it.
    pub name: &'static str,
    /// How a person would call it (the import form).
    pub label: &'static str,
    /// One line of help for the command line.
    pub help: &'static str,
    /// What the reader counts as it goes: "rows", "cards", "bytes", "files".
    pub unit: &'static str,
    /// What the saving counts: people, or the messages and occurrences read.
    pub items: &'static str,
    /// Whether it needs the user's own address to tell what they sent or organised.
    pub needs_me: bool,
}

/// The sources besides the contacts formats, in the order the app offers them after those.
const DOCUMENT: SourceSpec = SourceSpec {
    name: "json",
    label: "a tiesdesk document (export json)",
    help: "A tiesdesk document (`export json`), restored into an empty database",
    unit: "bytes",
    items: "people",
    needs_me: false,
};

const MAIL: SourceSpec = SourceSpec {
    name: "mail",
    label: "your mail (mbox, Maildir, .eml)",
    help: "Your mail (an mbox, a Maildir, a folder of .eml): who you wrote to and who wrote to \
           you, from the headers only",
    unit: "bytes",
    items: "messages",
    needs_me: true,
};

const CALENDAR: SourceSpec = SourceSpec {
    name: "calendar",
    label: "your calendar (.ics, vdir)",
    help: "Your calendar (an .ics, or a folder of them as vdirsyncer keeps): the meetings you \
           had with people, recurring ones expanded up to today",
    unit: "files",
    items: "occurrences",
    needs_me: true,
};

impl SourceKind {
    /// Every source: the contacts formats, then mail, the calendar and the document.
    pub fn all() -> impl Iterator<Item = SourceKind> {
        Format::all().map(SourceKind::Contacts).chain([
            SourceKind::Mail,
            SourceKind::Calendar,
            SourceKind::Document,
        ])
    }

    pub fn spec(self) -> SourceSpec {
        match self {
            SourceKind::Contacts(format) => {
                let spec = format.spec();
                SourceSpec {
                    name: spec.name,
                    label: spec.label,
                    help: spec.help,
                    unit: spec.unit,
                    items: "people",
                    needs_me: false,
                }
            }
            SourceKind::Document => DOCUMENT,
            SourceKind::Mail => MAIL,
            SourceKind::Calendar => CALENDAR,
        }
    }

    /// The source the command line calls `name`.
    pub fn named(name: &str) -> Option<SourceKind> {
        SourceKind::all().find(|s| s.spec().name == name)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What its progress counts while reading.
    pub fn unit(self) -> &'static str {
        self.spec().unit
    }

    /// What its progress counts while saving.
    pub fn items(self) -> &'static str {
        self.spec().items
    }

    pub fn needs_me(self) -> bool {
        self.spec().needs_me
    }

    /// What `path` holds, when no source was chosen: told by its name (`.ics`, `.mbox`,
    /// `.eml`), by being a folder (of `.ics` files: a calendar; else mail), then by its first
    /// 4 KiB (an mbox's `From `, `BEGIN:VCALENDAR`, a tiesdesk document's format, a contacts
    /// format's header). `None`: none of them.
    pub fn recognise(path: &Path) -> Result<Option<SourceKind>> {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match extension.as_deref() {
            Some("ics") => return Ok(Some(SourceKind::Calendar)),
            Some("mbox" | "eml") => return Ok(Some(SourceKind::Mail)),
            _ => {}
        }
        if path.is_dir() {
            let has_ics = std::fs::read_dir(path)
                .map_err(|e| Error::location(path, &e))?
                .flatten()
                .any(|e| {
                    e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
                });
            return Ok(Some(if has_ics {
                SourceKind::Calendar
            } else {
                SourceKind::Mail
            }));
        }
        let (file, _) = super::open_bounded(path, u64::MAX)?;
        let mut head = Vec::with_capacity(4096);
        std::io::Read::read_to_end(&mut std::io::Read::take(file, 4096), &mut head)
            .map_err(|e| Error::location(path, &e))?;
        Ok(SourceKind::of_head(&head))
    }

    /// What a file is from its first bytes.
    fn of_head(head: &[u8]) -> Option<SourceKind> {
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}');
        if text.starts_with("From ") {
            return Some(SourceKind::Mail);
        }
        if text.starts_with("BEGIN:VCALENDAR") {
            return Some(SourceKind::Calendar);
        }
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.starts_with('{') && compact.contains("\"format\":\"tiesdesk/") {
            return Some(SourceKind::Document);
        }
        Format::detect(head).map(SourceKind::Contacts)
    }

    /// The words for "none of these": every source by its label.
    pub fn unrecognised() -> Error {
        let formats: Vec<&str> = FORMATS.iter().map(|s| s.label).collect();
        Error::invalid(format!(
            "this is not {}, a tiesdesk document, mail or a calendar; choose the format if it \
             is one",
            formats.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_is_named_once_and_found_by_its_name() {
        let names: Vec<&str> = SourceKind::all().map(SourceKind::name).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(names.len(), FORMATS.len() + 3);
        for source in SourceKind::all() {
            assert_eq!(SourceKind::named(source.name()), Some(source));
        }
    }

    #[test]
    fn a_file_is_recognised_by_its_first_bytes() {
        let cases: [(&str, Option<SourceKind>); 7] = [
            (
                "From ana@example.org Mon Jan  1 00:00:00 2024\n",
                Some(SourceKind::Mail),
            ),
            (
                "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
                Some(SourceKind::Calendar),
            ),
            (
                "{\n  \"format\": \"tiesdesk/1\",\n  \"people\": []\n}",
                Some(SourceKind::Document),
            ),
            (
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana\r\nEND:VCARD\r\n",
                Some(SourceKind::Contacts(Format::Vcard)),
            ),
            (
                "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
                Some(SourceKind::Contacts(Format::Linkedin)),
            ),
            ("{\"format\": \"other\"}", None),
            ("name,phone\nAna,1\n", None),
        ];
        for (head, expected) in cases {
            assert_eq!(SourceKind::of_head(head.as_bytes()), expected, "{head}");
        }
    }
}
