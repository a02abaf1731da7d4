//! Every source tiesdesk imports from, in one table: the contacts formats of [`FORMATS`], the
//! tiesdesk document, the user's mail and calendar. Each says how it is called, what its
//! reader counts, whether it needs the user's own address, and how a file is recognised as
//! it. Both front ends list, name and recognise sources from here; `ops::open_import` reads
//! each and `Desk::import` writes it.

use std::path::Path;

use super::capture::CaptureReader;
use super::{FORMATS, Format, SourceSpec};
use crate::error::{Error, Result};
use crate::model::CaptureSource;

/// What a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A contacts file: people.
    Contacts(Format),
    /// A tiesdesk document (`export json`), restored into an empty database.
    Document,
    /// Contact captured from the user's own records: mail, a calendar.
    Capture(CaptureSource),
}

/// The document, after the contacts formats and the captures in the app's list.
const DOCUMENT: SourceSpec = SourceSpec {
    name: "json",
    label: "a tiesdesk document (export json)",
    help: "A tiesdesk document (`export json`), restored into an empty database",
    unit: "bytes",
    items: "people",
    needs_me: false,
};

/// The reader of each capture source: a new source is its module and one line here.
pub fn capture_reader(source: CaptureSource) -> &'static CaptureReader {
    match source {
        CaptureSource::Mail => &super::mail::READER,
        CaptureSource::Calendar => &super::calendar::READER,
        CaptureSource::Chat => &super::chat::reader::READER,
    }
}

impl SourceKind {
    /// Every source: the contacts formats, then the captures, then the document.
    pub fn all() -> impl Iterator<Item = SourceKind> {
        (Format::all().map(SourceKind::Contacts))
            .chain(CaptureSource::ALL.iter().copied().map(SourceKind::Capture))
            .chain([SourceKind::Document])
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
            SourceKind::Capture(source) => capture_reader(source).spec,
        }
    }

    /// The source called `name` on the command line.
    pub fn named(name: &str) -> Option<SourceKind> {
        SourceKind::all().find(|s| s.spec().name == name)
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// What its progress counts.
    pub fn unit(self) -> &'static str {
        self.spec().unit
    }

    /// What its report counts.
    pub fn items(self) -> &'static str {
        self.spec().items
    }

    /// Whether it needs the user's own address.
    pub fn needs_me(self) -> bool {
        self.spec().needs_me
    }

    fn captures() -> impl Iterator<Item = (CaptureSource, &'static CaptureReader)> {
        (CaptureSource::ALL.iter()).map(|&source| (source, capture_reader(source)))
    }

    /// What `path` is, by its name, by being a folder, else by its first 4 KiB. `None`: none
    /// of the sources.
    pub fn recognise(path: &Path) -> Result<Option<SourceKind>> {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        if let Some(extension) = extension.as_deref()
            && let Some((source, _)) =
                SourceKind::captures().find(|(_, r)| r.extensions.contains(&extension))
        {
            return Ok(Some(SourceKind::Capture(source)));
        }
        if path.is_dir() {
            let holds = |reader: &CaptureReader| -> Result<bool> {
                Ok(std::fs::read_dir(path)
                    .map_err(|e| Error::location(path, &e))?
                    .flatten()
                    .any(|e| {
                        e.path().extension().is_some_and(|x| {
                            let x = x.to_string_lossy().to_lowercase();
                            reader.extensions.contains(&x.as_str())
                        })
                    }))
            };
            // The source whose files it holds (a vdir of .ics), else the one that reads any
            // folder (a Maildir).
            for (source, reader) in SourceKind::captures() {
                if !reader.any_folder && holds(reader)? {
                    return Ok(Some(SourceKind::Capture(source)));
                }
            }
            return Ok(SourceKind::captures()
                .find(|(_, r)| r.any_folder)
                .map(|(source, _)| SourceKind::Capture(source)));
        }
        let (file, _) = super::open_bounded(path, u64::MAX)?;
        let mut head = Vec::with_capacity(4096);
        std::io::Read::read_to_end(&mut std::io::Read::take(file, 4096), &mut head)
            .map_err(|e| Error::location(path, &e))?;
        Ok(SourceKind::of_head(&head))
    }

    fn of_head(head: &[u8]) -> Option<SourceKind> {
        let text = String::from_utf8_lossy(head);
        let text = text.trim_start_matches('\u{feff}');
        if let Some((source, _)) = SourceKind::captures().find(|(_, r)| (r.recognises)(text)) {
            return Some(SourceKind::Capture(source));
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
        assert_eq!(names.len(), FORMATS.len() + 4);
        for source in SourceKind::all() {
            assert_eq!(SourceKind::named(source.name()), Some(source));
        }
    }

    #[test]
    fn a_file_is_recognised_by_its_first_bytes() {
        let chat = Some(SourceKind::Capture(CaptureSource::Chat));
        let cases: [(&str, Option<SourceKind>); 11] = [
            ("12-03-21 10:02 - Femke de Wit: Hoi!\n", chat),
            ("[12.03.21, 10:02:11] Femke de Wit: Hallo\n", chat),
            (
                "{\n \"about\": \"x\",\n \"personal_information\": {}}",
                chat,
            ),
            (
                "{\"participants\": [{\"name\": \"A\"}], \"messages\": []}",
                chat,
            ),
            (
                "From ana@example.org Mon Jan  1 00:00:00 2024\n",
                Some(SourceKind::Capture(CaptureSource::Mail)),
            ),
            (
                "\u{feff}BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
                Some(SourceKind::Capture(CaptureSource::Calendar)),
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
