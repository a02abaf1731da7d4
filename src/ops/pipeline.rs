//! One import pipeline for every source (`import::SourceKind`): a request says what to read
//! and how; [`open_import`] reads and checks the file before any database is opened (a file
//! that is not what it claims to be is refused without creating one); [`Desk::import`]
//! writes it in one transaction and gives one [`Imported`] report, which both front ends show.
//!
//! A contacts file and a calendar are read whole at opening (their records are planned
//! together); a tiesdesk document as it comes; a mailbox is only found then, and streams
//! while it is captured (it can be gigabytes).

use std::path::PathBuf;

use serde::Serialize;

use super::{CaptureOptions, CaptureReport, Desk, DocumentImport, PeopleImport};
use crate::config::Config;
use crate::document::Digest;
use crate::error::{Error, Result};
use crate::import::capture::{CaptureRead, CaptureRules, ChatSettings, Me};
use crate::import::{self, SourceKind};
use crate::model::{CaptureSource, Day, NetworkDraft, PersonId, Progress};

/// What to import, and how: everything either front end passes.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub path: PathBuf,
    /// `None`: told from the file (`SourceKind::recognise`).
    pub source: Option<SourceKind>,
    /// Check everything and report, writing nothing.
    pub dry_run: bool,
    /// The user's own addresses besides config.toml's `me.emails` (mail and calendars); for
    /// chats, their name as the chat shows it, besides `me.names`.
    pub me: Vec<String>,
    /// Mail and calendars: add the unknown people with enough contact each way.
    pub add_people: bool,
    /// Mail and calendars: add these correspondents, by address or name.
    pub add: Vec<String>,
    /// Mail and calendars: give these addresses to people tiesdesk knows first.
    pub attach: Vec<(PersonId, String)>,
}

/// A file read and checked, ready to be written by [`Desk::import`].
pub struct Opened {
    request: ImportRequest,
    source: SourceKind,
    file_name: String,
    read: Read,
}

/// What opening read, by source.
enum Read {
    People(import::Format, import::Parsed),
    /// The network, the digest of its text, and how many values had characters removed.
    Document(Box<NetworkDraft>, Digest, usize),
    /// Mail, a calendar: read (or found) and checked, giving its exchanges when written.
    Capture(Box<dyn CaptureRead>),
}

/// What an import did (or, for a dry run, would do), whatever its source.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Imported {
    People(PeopleImport),
    Document(DocumentImport),
    Captured(CaptureReport),
}

impl Opened {
    pub fn source(&self) -> SourceKind {
        self.source
    }

    pub fn file_name(&self) -> &str {
        &self.file_name
    }
}

/// Reads and checks what `request` names, before any database is opened. `progress` counts
/// the reading of a calendar.
pub fn open_import(
    request: ImportRequest,
    config: &Config,
    today: Day,
    progress: &Progress,
) -> Result<Opened> {
    let source = match request.source {
        Some(source) => source,
        None => SourceKind::recognise(&request.path)?.ok_or_else(SourceKind::unrecognised)?,
    };
    let capture_only = !request.me.is_empty()
        || request.add_people
        || !request.add.is_empty()
        || !request.attach.is_empty();
    if capture_only && !source.needs_me() {
        return Err(Error::invalid(
            "--me, --add and --add-people are for `import mail`, `import calendar` and \
             `import chat`; a contacts file says who people are",
        ));
    }
    let path = &request.path;
    let read = match source {
        SourceKind::Contacts(format) => {
            let bytes = import::read_bounded(path, import::MAX_FILE)?;
            let in_file = |e: Error| Error::invalid(format!("{}: {e}", path.display()));
            Read::People(
                format,
                format.parse_with(&bytes, progress).map_err(in_file)?,
            )
        }
        SourceKind::Document => {
            let (document, digest, cleaned) = import::read_document(path)?;
            Read::Document(Box::new(document.into_draft()?), digest, cleaned)
        }
        SourceKind::Capture(source) => {
            // A chat names the user as the phone does: `--me` gives a name there.
            let chat = source == CaptureSource::Chat;
            let rules = CaptureRules {
                me: if chat {
                    Me::default()
                } else {
                    me(&request, config)?
                },
                max_recipients: config.capture.max_recipients,
                max_attendees: config.capture.max_attendees,
                today,
                zone: config.capture.zone(),
                chat: ChatSettings {
                    names: (config.me.names.iter())
                        .chain(request.me.iter().filter(|_| chat))
                        .cloned()
                        .collect(),
                    phones: config.me.phones.clone(),
                    country: config.me.country.clone(),
                    max_group: config.capture.max_group,
                },
            };
            Read::Capture((import::capture_reader(source).open)(
                path, rules, progress,
            )?)
        }
    };
    Ok(Opened {
        file_name: import::file_name(path),
        request,
        source,
        read,
    })
}

/// The user's own addresses, to tell what they sent or organised.
fn me(request: &ImportRequest, config: &Config) -> Result<Me> {
    if let Some(bad) = request.me.iter().find(|e| !e.contains('@')) {
        return Err(Error::invalid(format!("--me {bad}: not an e-mail address")));
    }
    let me = Me::new(config.me.emails.iter().chain(&request.me));
    if me.is_empty() {
        return Err(Error::invalid(
            "this import needs your own address to tell what you sent or organised: add \
             --me you@example.org, or set emails = [\"you@example.org\"] under [me] in \
             config.toml",
        ));
    }
    Ok(me)
}

impl Desk {
    /// Writes what [`open_import`] read, all or nothing (one undo), and reports it.
    pub fn import(&mut self, opened: Opened, progress: &Progress) -> Result<Imported> {
        let Opened {
            request,
            file_name,
            read,
            ..
        } = opened;
        let options = CaptureOptions {
            add_people: request.add_people,
            dry_run: request.dry_run,
            zone: self.config.capture.zone(),
            add: request.add,
            attach: request.attach,
        };
        match read {
            Read::People(format, parsed) => self
                .import_people(format, parsed, &file_name, request.dry_run, progress)
                .map(Imported::People),
            Read::Document(draft, digest, cleaned) => self
                .import_json(*draft, digest, request.dry_run)
                .map(|report| Imported::Document(DocumentImport { cleaned, ..report })),
            Read::Capture(reader) => self
                .capture(&file_name, options, progress, |sink| {
                    reader.read(progress, sink)
                })
                .map(Imported::Captured),
        }
    }

    /// Opens and imports in one step, with this desk's config and day (the app's worker).
    pub fn import_file(&mut self, request: ImportRequest, progress: &Progress) -> Result<Imported> {
        let opened = open_import(request, &self.config, self.today, progress)?;
        self.import(opened, progress)
    }
}

impl Imported {
    /// Whether the import changed the database (so undo has something to take back).
    pub fn changed(&self) -> bool {
        match self {
            Imported::People(r) => !r.dry_run && (!r.added.is_empty() || !r.updated.is_empty()),
            Imported::Document(r) => !r.dry_run && !r.held_already,
            Imported::Captured(r) => {
                !r.dry_run
                    && (r.captured > 0
                        || r.removed > 0
                        || !r.added.is_empty()
                        || !r.attached.is_empty())
            }
        }
    }

    /// What it did, in a few words (the app's status line).
    pub fn summary(&self) -> String {
        match self {
            Imported::People(r) => {
                format!("{} added, {} updated", r.added.len(), r.updated.len())
            }
            Imported::Document(r) if r.held_already => {
                "the database already holds this document".to_string()
            }
            Imported::Document(r) => {
                let counts = r.counts();
                format!("{} restored", counts[..2.min(counts.len())].join(" and "))
            }
            Imported::Captured(r) => {
                let mut what = Vec::new();
                for added in &r.added {
                    what.push(format!("added {}", added.name));
                }
                for attached in &r.attached {
                    what.push(format!("{} has {} now", attached.name, attached.place));
                }
                what.push(format!(
                    "{} captured with {} {}",
                    r.captured,
                    r.people,
                    if r.people == 1 { "person" } else { "people" }
                ));
                what.join(", ")
            }
        }
    }
}
