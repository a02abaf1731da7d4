//! Reading the user's mail for who they wrote to and who wrote to them: headers only (From,
//! Sender, To, Cc, Date, Message-ID and the marks of automated mail). Subjects and bodies are
//! never kept. The rules are in DESIGN.md, "Capture: mail and calendar"; who is known is the
//! caller's business (`ops::capture`), so this reads a mailbox into plain values.

mod headers;
pub mod mbox;
pub mod walk;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use mail_parser::MessageParser;

use super::SourceSpec;
use super::capture::{
    Addresses, CaptureRead, CaptureReader, CaptureRules, Captured, Exchange, Sink, SkipReason,
    Skipped, Tally, stable_hash,
};
use crate::error::{Error, Result};
use crate::model::{CaptureSource, Day, Direction, Kind, Progress, Stage, UserZone};
use headers::{addresses, decoded_headers, first_address, is_automatic_sender};
use mbox::{Header, Mbox};
use walk::Source;
pub use walk::{Found, find};

/// Mail as a capture source: an mbox, an `.eml`, a Maildir or a folder of `.eml` files.
pub static READER: CaptureReader = CaptureReader {
    spec: SourceSpec {
        name: "mail",
        label: "your mail (mbox, Maildir, .eml)",
        help: "Your mail (an mbox, a Maildir, a folder of .eml): who you wrote to and who wrote \
               to you, from the headers only",
        unit: "bytes",
        items: "messages",
        needs_me: true,
    },
    extensions: &["mbox", "eml"],
    recognises: |head| head.starts_with("From "),
    any_folder: true,
    open: open_mail,
};

/// A mailbox found: its messages are read as they are captured (it can be gigabytes).
struct MailFile {
    found: Found,
    rules: CaptureRules,
}

fn open_mail(path: &Path, rules: CaptureRules, _: &Progress) -> Result<Box<dyn CaptureRead>> {
    Ok(Box::new(MailFile {
        found: find(path)?,
        rules,
    }))
}

impl CaptureRead for MailFile {
    fn read(self: Box<Self>, progress: &Progress, sink: &mut Sink<'_>) -> Result<Captured> {
        let rules = MailRules {
            max_recipients: self.rules.max_recipients,
            today: self.rules.today,
            zone: self.rules.zone,
        };
        read_mail(&self.found, &self.rules.me, rules, progress, sink)
    }
}

pub use super::capture::Me;

/// Why a message was not counted as contact with anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    /// A mailing list, a newsletter, an automatic reply (List-*, Precedence, Auto-Submitted).
    Automated,
    /// From a no-reply, notification or mailer-daemon address.
    NoReply,
    /// Labelled Spam or Trash by Gmail.
    SpamOrTrash,
    /// To more people than `capture.max_recipients`.
    Broadcast,
    /// No readable Date, and no delivery time to fall back on.
    NoDate,
    /// Dated after today.
    Future,
    /// Sent by you to no one but yourself (or only to Bcc).
    OnlyYou,
    /// No sender address.
    NoSender,
    /// Not a message (no headers could be read).
    Unreadable,
    /// The same Message-ID a second time in what was read (a copy in another folder).
    Again,
}

impl SkipReason for Skip {
    fn key(self) -> &'static str {
        match self {
            Skip::Automated => "automated",
            Skip::NoReply => "no_reply",
            Skip::SpamOrTrash => "spam_or_trash",
            Skip::Broadcast => "broadcast",
            Skip::NoDate => "no_date",
            Skip::Future => "future",
            Skip::OnlyYou => "only_you",
            Skip::NoSender => "no_sender",
            Skip::Unreadable => "unreadable",
            Skip::Again => "again",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Skip::Automated => "lists, newsletters and automatic mail",
            Skip::NoReply => "from no-reply and notification addresses",
            Skip::SpamOrTrash => "spam or trash",
            Skip::Broadcast => "to more people than capture.max_recipients",
            Skip::NoDate => "no readable date",
            Skip::Future => "dated after today",
            Skip::OnlyYou => "to no one but you",
            Skip::NoSender => "no sender",
            Skip::Unreadable => "not a readable message",
            Skip::Again => "the same message again (another folder's copy)",
        }
    }
}

/// What a mailbox holds as it is read.
#[derive(Debug, Default)]
struct MailLog {
    read: usize,
    addresses: Addresses,
    skipped: BTreeMap<Skip, usize>,
    not_read: BTreeMap<NotRead, usize>,
    /// Messages whose 8-bit headers were read as Windows-1252.
    windows_1252: usize,
    /// Messages with a name that had control or invisible characters (removed).
    cleaned_names: usize,
}

/// Why a message was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NotRead {
    /// A header block longer than [`mbox::MAX_HEADER`], or one that never ends.
    HeaderTooLong,
    /// The file ends inside its header.
    CutOff,
}

impl SkipReason for NotRead {
    fn key(self) -> &'static str {
        match self {
            NotRead::HeaderTooLong => "header_too_long",
            NotRead::CutOff => "cut_off",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            NotRead::HeaderTooLong => "a header longer than 16 MB, or one that never ends",
            NotRead::CutOff => "cut off where the file ends",
        }
    }
}

/// The limits the rules need.
#[derive(Debug, Clone, Copy)]
pub struct MailRules {
    pub max_recipients: usize,
    pub today: Day,
    /// The user's zone: a mail's day is the day it was where they are.
    pub zone: UserZone,
}

/// Reads every message `find` found, giving each one that was contact to `sink` as it goes and
/// reporting bytes read into `progress`.
pub fn read_mail(
    found: &Found,
    me: &Me,
    rules: MailRules,
    progress: &Progress,
    sink: &mut Sink<'_>,
) -> Result<Captured> {
    progress.start(
        Stage::Reading,
        usize::try_from(found.bytes).unwrap_or(usize::MAX),
    );
    let mut reader = Reader {
        parser: MessageParser::new(),
        me,
        rules,
        log: MailLog::default(),
        done: 0,
    };
    let mut files_not_read = found.not_read.clone();
    let mut files_read = 0;
    for source in &found.sources {
        let outcome = match source {
            Source::Message(file) => {
                let read = walk::header_of_file(file).and_then(|(block, header)| {
                    reader.message(&block, header, walk::delivered_at(file), sink)
                });
                reader.done += std::fs::metadata(file).map_or(0, |m| m.len());
                read
            }
            Source::Mbox(file) => {
                let opened = walk::open(file)?;
                reader.mbox(opened, Some(file), progress, sink)
            }
            Source::Stream(path) => reader.stream(path, progress, sink),
        };
        match outcome {
            Ok(()) => files_read += 1,
            // One file that cannot be read in a folder of them does not stop the others.
            Err(Error::Location { .. }) if found.sources.len() > 1 => {
                *files_not_read
                    .entry(walk::FileSkip::Unreadable)
                    .or_default() += 1;
            }
            Err(error) => return Err(error),
        }
        progress.set(usize::try_from(reader.done).unwrap_or(usize::MAX));
        progress.set_items(reader.log.read);
    }
    let log = reader.log;
    let mut notes = Vec::new();
    if log.windows_1252 > 0 {
        notes.push(Skipped {
            reason: "windows_1252",
            what: "messages with 8-bit names, read as Windows-1252".to_string(),
            count: log.windows_1252,
        });
    }
    if log.cleaned_names > 0 {
        notes.push(Skipped {
            reason: "controls_removed",
            what: "messages with control or invisible characters in a name, removed".to_string(),
            count: log.cleaned_names,
        });
    }
    Ok(Captured {
        source: CaptureSource::Mail,
        files: Tally::of(files_read, files_not_read),
        events: None,
        read: log.read,
        correspondents: log.addresses.list,
        skipped: Skipped::counted(log.skipped),
        not_read: Skipped::counted(log.not_read),
        notes,
        uids: None,
    })
}

struct Reader<'a> {
    parser: MessageParser,
    me: &'a Me,
    rules: MailRules,
    log: MailLog,
    /// Bytes read so far, for the progress bar.
    done: u64,
}

impl Reader<'_> {
    /// Reads an mbox (`file` is its path, for checking a Content-Length; none for a pipe).
    fn mbox(
        &mut self,
        input: impl Read,
        file: Option<&Path>,
        progress: &Progress,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        let start = self.done;
        let where_ = file.map_or_else(|| PathBuf::from("standard input"), Path::to_path_buf);
        let mut mbox = Mbox::new(BufReader::with_capacity(1 << 20, input), file);
        let mut n = 0usize;
        while let Some(message) = mbox
            .next_message()
            .map_err(|e| Error::location(&where_, &e))?
        {
            self.message(
                &message.header,
                message.header_read,
                message.envelope_time,
                sink,
            )?;
            n += 1;
            if n.is_multiple_of(256) {
                progress.set(usize::try_from(start + mbox.offset()).unwrap_or(usize::MAX));
                progress.set_items(self.log.read);
            }
        }
        self.done = start + mbox.offset();
        Ok(())
    }

    /// Reads a pipe or a device: an mbox if it starts as one, else one message.
    fn stream(&mut self, path: &Path, progress: &Progress, sink: &mut Sink<'_>) -> Result<()> {
        let mut input = BufReader::with_capacity(1 << 20, walk::open(path)?);
        let start = input.fill_buf().map_err(|e| Error::location(path, &e))?;
        match walk::sniff(start) {
            walk::Sniffed::Empty => Err(Error::invalid(format!(
                "{}: empty, there is no mail in it",
                path.display()
            ))),
            // Spooled to a private file first, so a Content-Length can be checked.
            walk::Sniffed::Mbox => {
                let spooled = crate::files::spool(input)?;
                let file = walk::open(&spooled.path)?;
                self.mbox(file, Some(&spooled.path), progress, sink)
            }
            walk::Sniffed::Message => {
                let (block, header) =
                    walk::header_block(input).map_err(|e| Error::location(path, &e))?;
                self.message(&block, header, None, sink)
            }
            walk::Sniffed::Neither => Err(Error::invalid(format!(
                "{}: not a mailbox (it starts neither as an mbox nor as a message)",
                path.display()
            ))),
        }
    }

    /// Reads one message's header block; `delivered` (seconds since 1970) stands in for a
    /// missing or unreadable Date.
    fn message(
        &mut self,
        headers: &[u8],
        header: Header,
        delivered: Option<i64>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        self.log.read += 1;
        let not_read = match header {
            Header::Whole => None,
            Header::TooLong => Some(NotRead::HeaderTooLong),
            Header::CutOff => Some(NotRead::CutOff),
        };
        if let Some(why) = not_read {
            *self.log.not_read.entry(why).or_default() += 1;
            return Ok(());
        }
        let headers = match decoded_headers(headers) {
            Cow::Borrowed(text) => Cow::Borrowed(text),
            Cow::Owned(text) => {
                self.log.windows_1252 += 1;
                Cow::Owned(text)
            }
        };
        let skip = match self.exchange(&headers, delivered) {
            Ok(exchange) => {
                if sink(exchange)? {
                    return Ok(());
                }
                Skip::Again
            }
            Err(skip) => skip,
        };
        *self.log.skipped.entry(skip).or_default() += 1;
        Ok(())
    }

    fn exchange(
        &mut self,
        headers: &[u8],
        delivered: Option<i64>,
    ) -> std::result::Result<Exchange, Skip> {
        let message = self
            .parser
            .parse_headers(headers)
            .filter(|m| !m.headers().is_empty())
            .ok_or(Skip::Unreadable)?;
        let mut labels = String::new();
        for (name, value) in message.headers_raw() {
            let value = value.trim().to_ascii_lowercase();
            let automated = match name.to_ascii_lowercase().as_str() {
                "list-id" | "list-unsubscribe" => true,
                "precedence" => matches!(value.as_str(), "bulk" | "list" | "junk"),
                "auto-submitted" => value != "no" && !value.is_empty(),
                "x-gmail-labels" => {
                    labels = value;
                    false
                }
                _ => false,
            };
            if automated {
                return Err(Skip::Automated);
            }
        }
        if labels
            .split(',')
            .any(|label| matches!(label.trim(), "spam" | "trash"))
        {
            return Err(Skip::SpamOrTrash);
        }
        let mut cleaned = 0;
        let sender = first_address(message.from(), &mut cleaned)
            .or_else(|| first_address(message.sender(), &mut cleaned))
            .ok_or(Skip::NoSender)?;
        if is_automatic_sender(&sender.0) {
            return Err(Skip::NoReply);
        }
        let mut recipients: Vec<(String, Option<String>)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for list in [message.to(), message.cc()] {
            for found in addresses(list, &mut cleaned) {
                if seen.insert(found.0.clone()) {
                    recipients.push(found);
                }
            }
        }
        // A name with control or invisible characters is kept without them, and said.
        self.log.cleaned_names += usize::from(cleaned > 0);
        if recipients.len() > self.rules.max_recipients {
            return Err(Skip::Broadcast);
        }
        // The instant it was sent (its Date and the offset it gives), on the user's own day.
        let day = message
            .date()
            .filter(|d| d.is_valid())
            .map(mail_parser::DateTime::to_timestamp)
            .or(delivered)
            .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
            .map(|t| self.rules.zone.day_of(t))
            .ok_or(Skip::NoDate)?;
        if day > self.rules.today {
            return Err(Skip::Future);
        }
        let id = match message.message_id() {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            // Without one, an id from what identifies the message, so a second import of the
            // same mailbox finds it again.
            _ => {
                let mut key = format!("{}|{day}", sender.0);
                for (email, _) in &recipients {
                    key.push('|');
                    key.push_str(email);
                }
                format!(
                    "tiesdesk-{:016x}@no-message-id",
                    stable_hash(key.as_bytes())
                )
            }
        };
        let (direction, with) = if self.me.is(&sender.0) {
            let others: Vec<_> = recipients
                .into_iter()
                .filter(|(email, _)| !self.me.is(email))
                .collect();
            if others.is_empty() {
                return Err(Skip::OnlyYou);
            }
            let with = others
                .into_iter()
                .map(|(email, name)| self.correspondent(email, name, false))
                .collect();
            (Direction::Gave, with)
        } else {
            let (email, name) = sender;
            (
                Direction::Received,
                vec![self.correspondent(email, name, true)],
            )
        };
        Ok(Exchange {
            id,
            day,
            kind: Kind::Message,
            direction,
            with,
            organizer: None,
        })
    }

    fn correspondent(&mut self, email: String, name: Option<String>, their_own: bool) -> u32 {
        self.log.addresses.index(email, name, their_own)
    }
}

#[cfg(test)]
mod tests;
