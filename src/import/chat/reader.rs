//! Chat exports as a capture source (DESIGN, "Capture: chats"): a file (WhatsApp's `.txt`
//! or `.zip`, Telegram's `result.json`, Instagram's or Messenger's `message_N.json`) or a
//! folder of them, read whole when opened — who you are is settled then, before any
//! database is opened — and given to the capture as one exchange per person, day,
//! direction and kind. Each author is known by a chat handle (`whatsapp:+31612345678`,
//! `telegram:user4242`, `instagram:Ana Lima`), which people keep once matched.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::rules::{ChatMe, ChatRules, count, fold_name, phone_key};
use super::{ChatAuthor, ChatExport, ChatSource};
use crate::error::{Error, Result};
use crate::import::SourceSpec;
use crate::import::capture::{
    CaptureRead, CaptureReader, CaptureRules, Captured, Correspondent, Sink, SkipReason, Skipped,
    Tally,
};
use crate::model::{CaptureSource, Exchange, Kind, Progress, Stage};

/// Chats as a capture source.
pub static READER: CaptureReader = CaptureReader {
    spec: SourceSpec {
        name: "chat",
        label: "a chat export (WhatsApp, Telegram, Instagram)",
        help: "A chat export (WhatsApp's .txt or .zip, Telegram's result.json, Instagram's or \
               Messenger's message_1.json, or a folder of them): who wrote and when, never \
               what",
        unit: "bytes",
        items: "messages",
        needs_me: true,
    },
    extensions: &["zip"],
    recognises: looks_like_chat,
    any_folder: false,
    open: open_chat,
};

/// How deep a folder of exports is searched (Instagram's `messages/inbox/<chat>/`).
const MAX_DEPTH: usize = 6;

/// Whether the first bytes of a file are a chat export's: Telegram's or Instagram's JSON
/// (by their fields), or WhatsApp's lines (a date, a time, a name).
fn looks_like_chat(head: &str) -> bool {
    let compact: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.starts_with('{') {
        const FIELDS: [&str; 5] = [
            "\"from_id\":",
            "\"sender_name\":",
            "\"participants\":[",
            "\"personal_information\":",
            "\"type\":\"personal_chat\"",
        ];
        return !compact.contains("\"format\":\"tiesdesk/")
            && FIELDS.iter().any(|field| compact.contains(field));
    }
    super::whatsapp::parse(head).is_ok_and(|log| !log.messages.is_empty())
}

/// Why a file under the path was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FileNotRead {
    NotAChat,
}

impl SkipReason for FileNotRead {
    fn key(self) -> &'static str {
        "not_a_chat"
    }

    fn describe(self) -> &'static str {
        "not a chat export"
    }
}

/// An export read, named by its file.
struct Read {
    file: PathBuf,
    export: ChatExport,
}

/// Every export under the path, read and checked.
struct ChatFiles {
    reads: Vec<Read>,
    not_read: usize,
    rules: CaptureRules,
}

fn open_chat(
    path: &Path,
    rules: CaptureRules,
    progress: &Progress,
) -> Result<Box<dyn CaptureRead>> {
    let (files, single) = chat_files(path)?;
    let sizes: Vec<u64> = (files.iter())
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .collect();
    progress.start(Stage::Reading, to_usize(sizes.iter().sum()));
    let mut reads: Vec<Read> = Vec::new();
    let mut not_read = 0;
    let mut done: u64 = 0;
    for (file, size) in files.into_iter().zip(sizes) {
        let read = read_one(&file, &|bytes| progress.set(to_usize(done + bytes)))?;
        done += size;
        progress.set(to_usize(done));
        match read {
            Ok(export) => {
                // Instagram splits a long conversation into message_1.json, message_2.json…
                // in one folder: one chat.
                let part_of = (reads.iter_mut()).find(|r| {
                    export.source == Some(ChatSource::Instagram)
                        && r.export.source == Some(ChatSource::Instagram)
                        && r.file.parent() == file.parent()
                });
                match part_of {
                    Some(earlier) => join_parts(&mut earlier.export, export),
                    None => reads.push(Read { file, export }),
                }
            }
            Err(why) if single => {
                return Err(Error::invalid(format!("{}: {why}", file.display())));
            }
            Err(_) => not_read += 1,
        }
    }
    if reads.is_empty() {
        return Err(Error::invalid(format!(
            "{}: no chat export in it (WhatsApp's .txt or .zip, Telegram's result.json, \
             Instagram's message_1.json)",
            path.display()
        )));
    }
    for read in &mut reads {
        settle_me(read, &rules)?;
    }
    Ok(Box::new(ChatFiles {
        reads,
        not_read,
        rules,
    }))
}

fn to_usize(bytes: u64) -> usize {
    usize::try_from(bytes).unwrap_or(usize::MAX)
}

/// One export: WhatsApp's text as it comes (never held whole); a `.zip` or JSON whole.
fn read_one(
    file: &Path,
    progress: &dyn Fn(u64),
) -> Result<std::result::Result<ChatExport, super::NotAChat>> {
    use std::io::BufRead as _;
    let opened = std::fs::File::open(file).map_err(|e| Error::location(file, &e))?;
    let mut input = std::io::BufReader::with_capacity(1 << 16, opened);
    let head = input.fill_buf().map_err(|e| Error::location(file, &e))?;
    let text = String::from_utf8_lossy(&head[..head.len().min(64)]).into_owned();
    let whole = head.starts_with(b"PK\x03\x04")
        || text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .starts_with('{');
    if whole {
        let bytes = crate::import::read_bounded(file, crate::import::MAX_FILE)?;
        return Ok(super::read(&bytes));
    }
    super::read_whatsapp(input, progress).map_err(|e| Error::location(file, &e))
}

/// The files to read: the one named, or the exports in a folder (in name order). `single`:
/// a file was named, so what it is not is said.
fn chat_files(path: &Path) -> Result<(Vec<PathBuf>, bool)> {
    if !path.is_dir() {
        return Ok((vec![path.to_path_buf()], true));
    }
    let mut found = Vec::new();
    let mut folders = vec![(path.to_path_buf(), 0)];
    while let Some((folder, depth)) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Error::location(&folder, &e))?;
        for entry in entries.flatten() {
            let entry_path = entry.path();
            let name = entry.file_name().to_string_lossy().to_lowercase();
            if entry_path.is_dir() {
                if depth < MAX_DEPTH && !name.starts_with('.') {
                    folders.push((entry_path, depth + 1));
                }
                continue;
            }
            let export = name == "result.json"
                || (name.starts_with("message_") && name.ends_with(".json"))
                || name.ends_with(".txt")
                || name.ends_with(".zip");
            if export {
                found.push(entry_path);
            }
        }
    }
    found.sort();
    Ok((found, false))
}

/// Instagram's next part of a conversation, its authors joined by name.
fn join_parts(into: &mut ChatExport, part: ChatExport) {
    let mut index: BTreeMap<String, u32> = (into.authors.iter().enumerate())
        .map(|(at, a)| (a.name.clone(), at as u32))
        .collect();
    let mut mapped = Vec::with_capacity(part.authors.len());
    for author in part.authors {
        let at = *index.entry(author.name.clone()).or_insert_with(|| {
            into.authors.push(author);
            (into.authors.len() - 1) as u32
        });
        mapped.push(at);
    }
    for (at, chat) in part.chats.into_iter().enumerate() {
        let events = chat.events.into_iter().map(|mut event| {
            event.author = mapped.get(event.author as usize).copied().unwrap_or(0);
            event
        });
        match into.chats.get_mut(at) {
            Some(kept) => kept.events.extend(events),
            None => into.chats.push(super::Chat {
                events: events.collect(),
                ..chat
            }),
        }
    }
    into.system += part.system;
    into.bad_dates += part.bad_dates;
}

/// Makes sure the export says which author is the user: by `me.names`, `--me`, `me.phones`
/// or the account's owner; a WhatsApp chat where only the user wrote takes the other
/// person from the file's name. Refused, naming the authors, when none is the user.
fn settle_me(read: &mut Read, rules: &CaptureRules) -> Result<()> {
    let settings = &rules.chat;
    let country = settings.country.as_deref();
    let me = ChatMe::new(&settings.names, &settings.phones, country, &read.export);
    let mine: Vec<bool> = (read.export.authors.iter())
        .map(|a| me.is(a, country))
        .collect();
    if read.export.source == Some(ChatSource::WhatsApp)
        && !mine.is_empty()
        && mine.iter().all(|m| *m)
        && let Some(partner) = partner_in_name(&read.file)
        && let Some(chat) = read.export.chats.first_mut()
    {
        chat.partner = Some(read.export.authors.len() as u32);
        read.export.authors.push(ChatAuthor {
            name: partner,
            id: None,
        });
        return Ok(());
    }
    let wrote = read.export.chats.iter().any(|c| !c.events.is_empty());
    if !wrote || mine.iter().any(|m| *m) {
        return Ok(());
    }
    // A chat with one person where only they wrote: the file is named for them.
    let named = partner_in_name(&read.file);
    let same = |a: &str, b: &str| match (phone_key(a, country), phone_key(b, country)) {
        (Some(a), Some(b)) => a == b,
        _ => fold_name(a) == fold_name(b),
    };
    if read.export.source == Some(ChatSource::WhatsApp)
        && let Some(partner) = named
        && (read.export.authors.iter()).all(|author| same(&author.name, &partner))
    {
        return Ok(());
    }
    // Who wrote first (what the app's form has room for), then what to do, then the file.
    let shown = 5;
    let mut names: Vec<String> = (read.export.authors.iter().take(shown))
        .map(|a| crate::text::visible(&a.name).into_owned())
        .collect();
    if read.export.authors.len() > shown {
        names.push("…".into());
    }
    Err(Error::invalid(format!(
        "which of {} is you? give your name as the chat shows it (--me NAME, or names under \
         [me] in config.toml); nothing was imported from {}",
        names.join(", "),
        read.file.display()
    )))
}

/// The other person a WhatsApp export's file is named for: "WhatsApp Chat with Ana
/// Lima.txt" (Android), "WhatsApp Chat - Ana Lima.zip" (iPhone).
fn partner_in_name(file: &Path) -> Option<String> {
    let stem = file.file_stem()?.to_string_lossy().into_owned();
    let rest = stem
        .strip_prefix("WhatsApp Chat with ")
        .or_else(|| stem.strip_prefix("WhatsApp Chat - "))?;
    // A second copy of the same file is "… (1)", "… (2)".
    let name = match rest.trim().rsplit_once(" (") {
        Some((name, copy))
            if copy
                .strip_suffix(")")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) =>
        {
            name.trim()
        }
        _ => rest.trim(),
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// Whether `key` is a chat handle (`whatsapp:+31612345678`), not an address.
pub fn is_handle(key: &str) -> bool {
    ["whatsapp:", "telegram:", "instagram:"]
        .iter()
        .any(|app| key.trim().starts_with(app))
}

/// The handle an author is known by: their number, Telegram's id, else their name.
pub fn handle_of(source: ChatSource, author: &ChatAuthor, country: Option<&str>) -> String {
    match source {
        ChatSource::WhatsApp => match phone_key(&author.name, country) {
            Some(number) => format!("whatsapp:{number}"),
            None => format!("whatsapp:{}", author.name.trim()),
        },
        ChatSource::Telegram => match &author.id {
            Some(id) => format!("telegram:{id}"),
            None => format!("telegram:{}", author.name.trim()),
        },
        ChatSource::Instagram => format!("instagram:{}", author.name.trim()),
    }
}

impl CaptureRead for ChatFiles {
    fn read(self: Box<Self>, progress: &Progress, sink: &mut Sink<'_>) -> Result<Captured> {
        let settings = &self.rules.chat;
        let country = settings.country.as_deref();
        let rules = ChatRules {
            max_group: settings.max_group,
            zone: self.rules.zone,
            country: settings.country.clone(),
        };
        let mut correspondents: Vec<Correspondent> = Vec::new();
        let mut by_handle: BTreeMap<String, u32> = BTreeMap::new();
        let (mut events, mut system, mut bad_dates) = (0, 0, 0);
        let mut broadcasts: BTreeMap<String, usize> = BTreeMap::new();
        let mut skipped_chats: BTreeMap<&'static str, usize> = BTreeMap::new();
        for read in &self.reads {
            let export = &read.export;
            let source = export.source.unwrap_or(ChatSource::WhatsApp);
            let me = ChatMe::new(&settings.names, &settings.phones, country, export);
            let counted = count(export, &me, &rules);
            events += counted.events;
            system += export.system;
            bad_dates += export.bad_dates;
            for (name, others) in counted.broadcasts {
                broadcasts.insert(name, others);
            }
            for (_, why) in &export.skipped_chats {
                *skipped_chats.entry(why).or_default() += 1;
            }
            for contact in counted.contacts {
                let Some(author) = export.authors.get(contact.who as usize) else {
                    continue;
                };
                let handle = handle_of(source, author, country);
                let who = *by_handle.entry(handle.clone()).or_insert_with(|| {
                    correspondents.push(Correspondent::chat(
                        handle.clone(),
                        author.name.trim().to_string(),
                        phone_key(&author.name, country),
                    ));
                    (correspondents.len() - 1) as u32
                });
                let kind = if contact.call {
                    Kind::Call
                } else {
                    Kind::Message
                };
                sink(Exchange {
                    id: format!(
                        "{handle} {} {}{}",
                        contact.day,
                        contact.direction.as_str(),
                        if contact.call { " call" } else { "" }
                    ),
                    day: contact.day,
                    kind,
                    direction: contact.direction,
                    with: vec![who],
                    organizer: None,
                })?;
            }
            progress.set_items(events);
        }
        let mut skipped = Vec::new();
        if system > 0 {
            skipped.push(Skipped {
                reason: "system",
                what: "lines with no one writing (joins, subject changes, notices)".into(),
                count: system,
            });
        }
        if !broadcasts.is_empty() {
            let largest = broadcasts.values().max().copied().unwrap_or(0);
            skipped.push(Skipped {
                reason: "broadcast",
                what: format!(
                    "groups of more than {} others (up to {largest}): {}",
                    settings.max_group,
                    broadcasts.keys().cloned().collect::<Vec<_>>().join(", ")
                ),
                count: broadcasts.len(),
            });
        }
        for (why, count) in skipped_chats {
            skipped.push(Skipped {
                reason: "chat",
                what: format!("chats not read: {why}"),
                count,
            });
        }
        let mut not_read = Vec::new();
        if bad_dates > 0 {
            not_read.push(Skipped {
                reason: "bad_date",
                what: "messages whose date could not be read".into(),
                count: bad_dates,
            });
        }
        let mut files_not_read = BTreeMap::new();
        if self.not_read > 0 {
            files_not_read.insert(FileNotRead::NotAChat, self.not_read);
        }
        Ok(Captured {
            source: CaptureSource::Chat,
            files: Tally::of(self.reads.len(), files_not_read),
            events: None,
            read: events,
            correspondents,
            skipped,
            not_read,
            notes: Vec::new(),
            uids: None,
        })
    }
}
