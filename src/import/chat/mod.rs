//! Chat exports (DESIGN, "Capture: chats"): WhatsApp's "Export chat" text, Telegram
//! Desktop's `result.json`, Instagram's and Messenger's `message_N.json`. Each is read into
//! the same [`ChatExport`]: who wrote (or called) in which chat, and when. A message's text
//! is never kept.

pub mod instagram;
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
}

/// Reads an export from its bytes, recognised from what they hold: JSON is Telegram's or
/// Instagram's (by their fields), anything else is read as WhatsApp's text.
pub fn read(bytes: &[u8]) -> Result<ChatExport, NotAChat> {
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
    let log = whatsapp::parse(&text)?;
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
        events: (log.messages.iter())
            .map(|m| ChatEvent {
                when: When::Local(m.at),
                author: m.author,
                call: false,
            })
            .collect(),
    });
    Ok(export)
}

#[cfg(test)]
#[path = "chat_tests.rs"]
mod tests;
