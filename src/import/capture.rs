//! What reading mail or a calendar gives, before anyone is matched: exchanges with addresses,
//! the names the files give those addresses, and what was skipped and why.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Serialize;

use super::SourceSpec;
use crate::error::Result;
pub use crate::model::Exchange;
use crate::model::{CaptureSource, Day, Progress, UserZone};

/// One source of captured contact (mail, a calendar): how it is named and told from other
/// files, and how a file of it is read. Each source's module has one, and
/// `SourceKind::capture_reader` lists them: a new source is its module and that line.
pub struct CaptureReader {
    pub spec: SourceSpec,
    /// The extensions of its files (lowercase).
    pub extensions: &'static [&'static str],
    /// Whether a file beginning so (its first 4 KiB, as text) is of it, when its name does
    /// not say.
    pub recognises: fn(&str) -> bool,
    /// A folder is read as it whatever the folder holds (a Maildir), when no other source's
    /// files are in it.
    pub any_folder: bool,
    /// Reads and checks `path` before any database is opened: what cannot be read is refused
    /// then. What it gives is read onto the capture's sink when it is written.
    pub open: fn(&Path, CaptureRules, &Progress) -> Result<Box<dyn CaptureRead>>,
}

/// A file of a capture source, opened and checked, ready to give its exchanges.
pub trait CaptureRead: Send {
    /// Gives every exchange onto `sink` as it is found, and what else was read.
    fn read(self: Box<Self>, progress: &Progress, sink: &mut Sink<'_>) -> Result<Captured>;
}

/// What every capture reads by (config.toml, and the user's addresses): each source takes
/// what applies to it.
#[derive(Debug, Clone)]
pub struct CaptureRules {
    pub me: Me,
    /// Mail to more people than this is a broadcast.
    pub max_recipients: usize,
    /// A meeting with more people than this is an event.
    pub max_attendees: usize,
    pub today: Day,
    /// The user's zone: a day is the day it was where they are.
    pub zone: UserZone,
    /// Who the user is in chats, and how chats are counted.
    pub chat: ChatSettings,
}

/// What a chat import reads by: `me.names` (and `--me`), `me.phones`, `me.country`,
/// `capture.max_group`.
#[derive(Debug, Clone, Default)]
pub struct ChatSettings {
    pub names: Vec<String>,
    pub phones: Vec<String>,
    pub country: Option<String>,
    pub max_group: usize,
}

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

/// Someone an address in the mail or calendar belongs to, with the name the file gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correspondent {
    /// Their address (empty for someone met in a chat).
    pub email: String,
    pub name: Option<String>,
    /// Who they are in a chat export (`whatsapp:+31612345678`), for someone met there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    /// Their number in international form, when a chat names them by it.
    #[serde(skip)]
    pub phone: Option<String>,
}

impl Correspondent {
    pub fn mail(email: String, name: Option<String>) -> Correspondent {
        Correspondent {
            email,
            name,
            handle: None,
            phone: None,
        }
    }

    /// Someone who wrote in a chat, by their handle there.
    pub fn chat(handle: String, name: String, phone: Option<String>) -> Correspondent {
        Correspondent {
            email: String::new(),
            name: Some(name),
            handle: Some(handle),
            phone,
        }
    }

    /// What they are known by in this capture: their chat handle, else their address.
    pub fn key(&self) -> &str {
        self.handle.as_deref().unwrap_or(&self.email)
    }
}

/// A count of things skipped (or not read, or read with a guess) for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub reason: &'static str,
    pub what: String,
    pub count: usize,
}

/// Things of one kind (files, events) found under the path, and what became of them: every
/// one found is read or not read for a reason.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub found: usize,
    pub read: usize,
    pub not_read: Vec<Skipped>,
}

impl Tally {
    /// `read` of them read, the rest not for the reasons counted.
    pub fn of<R: SkipReason>(read: usize, not_read: std::collections::BTreeMap<R, usize>) -> Tally {
        let not_read = Skipped::counted(not_read);
        Tally {
            found: read + not_read.iter().map(|s| s.count).sum::<usize>(),
            read,
            not_read,
        }
    }
}

/// A reason something read was not counted.
pub trait SkipReason: Copy + Ord {
    /// The word in `--json` (`automated`, `declined`).
    fn key(self) -> &'static str;
    /// The words in the report.
    fn describe(self) -> &'static str;
}

impl Skipped {
    /// One count per reason, in the reasons' order.
    pub fn counted<R: SkipReason>(counts: std::collections::BTreeMap<R, usize>) -> Vec<Skipped> {
        counts
            .into_iter()
            .filter(|(_, count)| *count > 0)
            .map(|(reason, count)| Skipped {
                reason: reason.key(),
                what: reason.describe().to_string(),
                count,
            })
            .collect()
    }
}

/// Where a reader puts each exchange it finds, as it finds it (a mailbox of millions of
/// messages is never held whole). It answers false for an id it was given before: a copy of
/// the same message in another folder, which the reader counts as skipped.
pub type Sink<'a> = dyn FnMut(Exchange) -> Result<bool> + 'a;

/// What a mailbox or a calendar held, read by the rules, besides the exchanges (which went to
/// the sink).
#[derive(Debug)]
pub struct Captured {
    pub source: CaptureSource,
    /// The files under the path: read, or not (indexes, summaries, damaged ones).
    pub files: Tally,
    /// For a calendar, its events: read, or not (cut off, too large, a forbidden rule).
    pub events: Option<Tally>,
    /// Messages (or past occurrences) found: each is captured, skipped or not read.
    pub read: usize,
    pub correspondents: Vec<Correspondent>,
    pub skipped: Vec<Skipped>,
    /// Messages that could not be read (a header too long, cut off by the file's end).
    pub not_read: Vec<Skipped>,
    /// Where the reading guessed or cut: said in the report.
    pub notes: Vec<Skipped>,
    /// For a calendar, every event UID the files hold (cancelled ones too): captured rows of
    /// these events that the files no longer give are taken out.
    pub uids: Option<HashSet<String>>,
}

/// The correspondents met so far, one entry per address.
#[derive(Debug, Default)]
pub struct Addresses {
    pub list: Vec<Correspondent>,
    by_email: HashMap<String, u32>,
}

impl Addresses {
    /// The index of `email`. A name they gave themselves (on mail they sent, as an organiser)
    /// wins over the name someone else gave them.
    pub fn index(&mut self, email: String, name: Option<String>, their_own: bool) -> u32 {
        if let Some(&index) = self.by_email.get(&email) {
            let known = &mut self.list[index as usize];
            if name.is_some() && (known.name.is_none() || their_own) {
                known.name = name;
            }
            return index;
        }
        let index = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.by_email.insert(email.clone(), index);
        self.list.push(Correspondent::mail(email, name));
        index
    }
}

/// FNV-1a, 64 bits: a stable id for a message without a Message-ID or an event without a
/// UID, the same on every import of the same file.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    fnv1a_from(0xcbf2_9ce4_8422_2325, bytes)
}

fn fnv1a_from(start: u64, bytes: &[u8]) -> u64 {
    let mut hash = start;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Whether `email` can be an address: an `@`, and no spaces or control characters (which a
/// hostile file could use to reach a terminal through the report).
pub fn is_address(email: &str) -> bool {
    email.contains('@')
        && !email
            .chars()
            .any(|c| c.is_whitespace() || crate::text::is_unsafe(c))
}

/// A display name without controls, quotes around it or extra spaces, in the order people
/// say it (`Quill, Ada` as directories write it is Ada Quill); none when empty or when it is
/// only the address again.
pub fn clean_name(name: &str, email: &str) -> Option<String> {
    let (text, _) = crate::text::without_controls(name, false);
    let text = text.trim().trim_matches(['"', '\'']).trim();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = given_first(&text).unwrap_or(text);
    (!text.is_empty() && !text.eq_ignore_ascii_case(email)).then_some(text)
}

/// `Family, Given` as `Given Family`; `None` for a name that is not written so (one comma,
/// a few words each side, and not a suffix after it: `Ada Quill, PhD` stays as it is).
fn given_first(name: &str) -> Option<String> {
    const SUFFIXES: [&str; 14] = [
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "msc", "bsc", "esq", "dds", "cpa", "ret",
    ];
    let (family, given) = name.split_once(',')?;
    let (family, given) = (family.trim(), given.trim());
    let words = |part: &str| part.split_whitespace().count();
    let plain =
        |part: &str| (1..=3).contains(&words(part)) && !part.contains([',', '@', '(', '<', '/']);
    if !plain(family) || !plain(given) {
        return None;
    }
    let bare = given
        .trim_end_matches('.')
        .replace('.', "")
        .to_ascii_lowercase();
    if SUFFIXES.contains(&bare.as_str()) {
        return None;
    }
    Some(format!("{given} {family}"))
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_are_clean_and_given_name_first() {
        let name = |n: &str| clean_name(n, "ada@x.org");
        assert_eq!(name("\"Quill, Ada\""), Some("Ada Quill".to_string()));
        assert_eq!(
            name("van der Berg, Jan Willem"),
            Some("Jan Willem van der Berg".to_string())
        );
        assert_eq!(name("Ada Quill, PhD"), Some("Ada Quill, PhD".to_string()));
        assert_eq!(name("Quill, Jr."), Some("Quill, Jr.".to_string()));
        assert_eq!(
            name("Sales, Marketing, Ops"),
            Some("Sales, Marketing, Ops".to_string())
        );
        assert_eq!(name("  Ada   Quill "), Some("Ada Quill".to_string()));
        assert_eq!(name("ADA@x.org"), None);
        assert_eq!(name(""), None);
    }
}
