//! Reading the user's mail for who they wrote to and who wrote to them: headers only (From,
//! Sender, To, Cc, Date, Message-ID and the marks of automated mail). Subjects and bodies are
//! never kept. The rules are in DESIGN.md, "Capture: mail and calendar"; who is known is the
//! caller's business (`ops::capture`), so this reads a mailbox into plain values.

pub mod walk;

use std::collections::{BTreeMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

use mail_parser::{Address, MessageParser};

use super::capture::{
    Addresses, Captured, Exchange, Sink, SkipReason, Skipped, clean_name, stable_hash,
};
use crate::error::{Error, Result, io_reason};
use crate::model::{CaptureSource, Day, Direction, Kind, Progress, Stage, UserZone};
use walk::Source;
pub use walk::{Found, find};

/// The user's own addresses, compared in lowercase.
#[derive(Debug, Clone, Default)]
pub struct Me {
    emails: HashSet<String>,
}

impl Me {
    pub fn new<'a>(emails: impl IntoIterator<Item = &'a String>) -> Me {
        Me {
            emails: emails
                .into_iter()
                .map(|e| e.trim().to_lowercase())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.emails.is_empty()
    }

    pub fn is(&self, email: &str) -> bool {
        self.emails.contains(email)
    }
}

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
    for source in &found.sources {
        match source {
            Source::Message(file) => {
                let block = walk::header_block(file)?;
                reader.message(&block, walk::delivered_at(file), sink)?;
                reader.done += std::fs::metadata(file).map_or(0, |m| m.len());
            }
            Source::Mbox(file) => reader.mbox(file, progress, sink)?,
        }
        progress.set(usize::try_from(reader.done).unwrap_or(usize::MAX));
        progress.set_items(reader.log.read);
    }
    let log = reader.log;
    Ok(Captured {
        source: CaptureSource::Mail,
        files: super::capture::Tally {
            found: found.sources.len() + found.ignored,
            read: found.sources.len(),
            not_read: if found.ignored > 0 {
                vec![Skipped {
                    reason: "not_mail",
                    what: "not mail (indexes, summaries, notes)".to_string(),
                    count: found.ignored,
                }]
            } else {
                Vec::new()
            },
        },
        events: None,
        read: log.read,
        correspondents: log.addresses.list,
        skipped: Skipped::counted(log.skipped),
        not_read: Vec::new(),
        notes: Vec::new(),
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

/// Counts the bytes an mbox reader has taken from the file, into the progress as it goes
/// (a read is a megabyte, so this costs nothing).
struct Counted<'p, R> {
    inner: R,
    count: u64,
    before: u64,
    progress: &'p Progress,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.count += read as u64;
        self.progress
            .set(usize::try_from(self.before + self.count).unwrap_or(usize::MAX));
        Ok(read)
    }
}

impl Reader<'_> {
    fn mbox(&mut self, path: &Path, progress: &Progress, sink: &mut Sink<'_>) -> Result<()> {
        let file = walk::open(path)?;
        let start = self.done;
        let counted = Counted {
            inner: file,
            count: 0,
            before: start,
            progress,
        };
        let mut buffered = BufReader::with_capacity(1 << 20, counted);
        let messages = mail_parser::mailbox::mbox::MessageIterator::new(&mut buffered);
        for (n, message) in messages.enumerate() {
            let message = message.map_err(|e| Error::Location {
                path: path.to_path_buf(),
                reason: io_reason(&e),
            })?;
            let contents = message.contents();
            let headers = &contents[..walk::header_end(contents).unwrap_or(contents.len())];
            let envelope = i64::try_from(message.internal_date())
                .ok()
                .filter(|&t| t > 0);
            self.message(headers, envelope, sink)?;
            if n % 256 == 0 {
                progress.set_items(self.log.read);
            }
        }
        self.done = start + buffered.get_ref().count;
        Ok(())
    }

    /// Reads one message's header block; `delivered` (seconds since 1970) stands in for a
    /// missing or unreadable Date.
    fn message(
        &mut self,
        headers: &[u8],
        delivered: Option<i64>,
        sink: &mut Sink<'_>,
    ) -> Result<()> {
        self.log.read += 1;
        let skip = match self.exchange(headers, delivered) {
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
        let sender = first_address(message.from())
            .or_else(|| first_address(message.sender()))
            .ok_or(Skip::NoSender)?;
        if is_automatic_sender(&sender.0) {
            return Err(Skip::NoReply);
        }
        let mut recipients: Vec<(String, Option<String>)> = Vec::new();
        for list in [message.to(), message.cc()] {
            for found in addresses(list) {
                if !recipients.iter().any(|(e, _)| *e == found.0) {
                    recipients.push(found);
                }
            }
        }
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

/// Each address in a header: lowercase e-mail, and the display name cleaned for a terminal.
fn addresses(header: Option<&Address>) -> Vec<(String, Option<String>)> {
    let Some(header) = header else {
        return Vec::new();
    };
    header
        .iter()
        .filter_map(|addr| {
            let email = addr.address()?.trim().to_lowercase();
            if !super::capture::is_address(&email) {
                return None;
            }
            let name = addr.name().and_then(|n| clean_name(n, &email));
            Some((email, name))
        })
        .collect()
}

fn first_address(header: Option<&Address>) -> Option<(String, Option<String>)> {
    addresses(header).into_iter().next()
}

/// Addresses machines send from: no-reply, notifications, bounces.
fn is_automatic_sender(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or("");
    let local = local.replace(['-', '_', '.'], "");
    const MARKS: [&str; 8] = [
        "noreply",
        "donotreply",
        "mailerdaemon",
        "postmaster",
        "bounce",
        "notification",
        "notify",
        "noresponse",
    ];
    MARKS.iter().any(|mark| local.contains(mark))
}

#[cfg(test)]
mod tests;
