//! Chat exports (DESIGN, "Capture: chats"): WhatsApp's "Export chat" text, Telegram
//! Desktop's `result.json`, Instagram's and Messenger's `message_N.json`. Each is read into
//! the same [`ChatExport`]: who wrote (or called) in which chat, and when. A message's text
//! is never kept.

pub mod instagram;
pub mod matching;
pub mod reader;
pub mod rules;
pub mod telegram;
pub mod whatsapp;

use chrono::NaiveDateTime;

/// Which app wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatSource {
    WhatsApp,
    Telegram,
    Instagram,
}

/// When something was written: as the phone showed it (WhatsApp writes no zone), or an
/// instant (Telegram, Instagram), whose day is the user's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Local(NaiveDateTime),
    /// Milliseconds since 1970, UTC.
    Instant(i64),
}

/// Someone who wrote in a chat: the name the export gives them, and the app's id for them
/// where it has one (Telegram's `user4242`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChatAuthor {
    pub name: String,
    pub id: Option<String>,
}

/// One message or call: when, and who (an index into [`ChatExport::authors`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatEvent {
    pub when: When,
    pub author: u32,
    /// A call (its author is who called), not a message.
    pub call: bool,
}

/// One conversation of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    pub name: Option<String>,
    pub events: Vec<ChatEvent>,
    /// The other person of a one-to-one chat who never wrote in it, when the export names
    /// them (WhatsApp's file is named for them: "WhatsApp Chat with Ana Lima.txt").
    pub partner: Option<u32>,
}

/// What an export holds, as far as tiesdesk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChatExport {
    pub source: Option<ChatSource>,
    pub authors: Vec<ChatAuthor>,
    pub chats: Vec<Chat>,
    /// The account's owner, where the export says (Telegram's whole-account export).
    pub me: Option<ChatAuthor>,
    /// Lines or service messages with no one writing: joins, subject changes, notices.
    pub system: usize,
    /// Messages whose date could not be read.
    pub bad_dates: usize,
    /// Chats not read, by name, with why (channels, saved messages, bots).
    pub skipped_chats: Vec<(String, &'static str)>,
}

impl ChatExport {
    /// The index of the author known by `key` (an id, else a name), added the first time
    /// as `author` (the name first seen stays: a renamed account is one person).
    fn author(
        &mut self,
        index: &mut std::collections::HashMap<String, u32>,
        key: &str,
        author: impl FnOnce() -> ChatAuthor,
    ) -> u32 {
        if let Some(&at) = index.get(key) {
            return at;
        }
        let at = u32::try_from(self.authors.len()).unwrap_or(u32::MAX);
        index.insert(key.to_string(), at);
        self.authors.push(author());
        at
    }
}

/// Why a file is not a chat export this build reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAChat {
    #[error("no line begins with a date and a time, as WhatsApp writes every message")]
    NoMessages,
    #[error("a JSON file, but not a Telegram or Instagram/Messenger chat export: {0}")]
    OtherJson(String),
    #[error("a .zip cut off or damaged ({0}): share the chat from WhatsApp again")]
    DamagedZip(String),
    #[error(
        "a .zip with no chat in it (WhatsApp puts `_chat.txt` or `WhatsApp Chat with ….txt` in it)"
    )]
    NoChatInZip,
}

/// The most a chat's text in a `.zip` may take unpacked (a few years of a busy chat are
/// tens of MB): a file claiming more is refused before it is unpacked.
const MAX_CHAT_TEXT: u64 = 1 << 30;

/// The chat's text in the `.zip` WhatsApp shares (an iPhone's `_chat.txt`, or Android's
/// `WhatsApp Chat with ….txt`), beside the media it holds.
fn chat_in_zip(bytes: &[u8]) -> Result<Vec<u8>, NotAChat> {
    use std::io::Read as _;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| NotAChat::DamagedZip(e.to_string()))?;
    let names: Vec<String> = archive
        .file_names()
        .map(|name| name.map(|n| n.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| NotAChat::DamagedZip(e.to_string()))?;
    let chat = names
        .iter()
        .find(|n| n.rsplit('/').next() == Some("_chat.txt"))
        .or_else(|| {
            names
                .iter()
                .find(|n| n.to_ascii_lowercase().ends_with(".txt"))
        })
        .ok_or(NotAChat::NoChatInZip)?;
    let entry = archive
        .by_name(chat)
        .map_err(|e| NotAChat::DamagedZip(e.to_string()))?;
    if entry.size() > MAX_CHAT_TEXT {
        return Err(NotAChat::DamagedZip(format!(
            "{chat} says it unpacks to {} bytes",
            entry.size()
        )));
    }
    let mut text = Vec::new();
    entry
        .take(MAX_CHAT_TEXT)
        .read_to_end(&mut text)
        .map_err(|e| NotAChat::DamagedZip(e.to_string()))?;
    Ok(text)
}

/// Reads an export from its bytes, recognised from what they hold: a `.zip` is WhatsApp's
/// (the chat's text inside), JSON is Telegram's or Instagram's (by their fields), anything
/// else is read as WhatsApp's text.
pub fn read(bytes: &[u8]) -> Result<ChatExport, NotAChat> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read(&chat_in_zip(bytes)?);
    }
    let text = String::from_utf8_lossy(bytes);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with('{') {
        let value: serde_json::Value =
            serde_json::from_str(start).map_err(|e| NotAChat::OtherJson(e.to_string()))?;
        if instagram::looks_like(&value) {
            return instagram::read(value);
        }
        if telegram::looks_like(&value) {
            return telegram::read(value);
        }
        return Err(NotAChat::OtherJson(
            "no `messages` with `sender_name` (Instagram) or `from_id` (Telegram)".into(),
        ));
    }
    Ok(from_log(whatsapp::parse(&text)?))
}

/// Reads a WhatsApp export's text as it comes, never holding it whole; `progress` is told
/// the bytes read now and then.
pub fn read_whatsapp(
    input: impl std::io::BufRead,
    progress: &dyn Fn(u64),
) -> std::io::Result<Result<ChatExport, NotAChat>> {
    Ok(whatsapp::read_from(input, progress)?.map(from_log))
}

/// A WhatsApp export read: one chat, its authors as the phone named them.
fn from_log(log: whatsapp::ChatLog) -> ChatExport {
    let mut export = ChatExport {
        source: Some(ChatSource::WhatsApp),
        system: log.system_lines,
        bad_dates: log.bad_dates,
        ..ChatExport::default()
    };
    export.authors = (log.authors.into_iter())
        .map(|name| ChatAuthor { name, id: None })
        .collect();
    export.chats.push(Chat {
        name: None,
        events: (log.messages.into_iter())
            .map(|m| ChatEvent {
                when: When::Local(m.at),
                author: m.author,
                call: false,
            })
            .collect(),
        partner: None,
    });
    export
}

#[cfg(test)]
#[path = "chat_tests.rs"]
mod tests;
