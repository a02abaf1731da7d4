//! Instagram's and Facebook Messenger's "Download your information" (JSON): each
//! conversation is a folder of `message_1.json`, `message_2.json`…, each with `participants`,
//! `title` and `messages` (`sender_name`, `timestamp_ms`; a call has `call_duration`). There
//! are no ids, only names — and the names are mis-encoded: the export writes each UTF-8 byte
//! as a character of its own (`BjÃ¶rn` for `Björn`), mended here.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Chat, ChatAuthor, ChatEvent, ChatExport, ChatSource, NotAChat, When};

#[derive(Deserialize)]
struct Conversation {
    title: Option<String>,
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    sender_name: Option<String>,
    timestamp_ms: Option<i64>,
    call_duration: Option<i64>,
}

/// Whether a JSON value is one of these files: messages with a sender's name and a time in
/// milliseconds.
pub(super) fn looks_like(value: &Value) -> bool {
    value.get("participants").is_some()
        && value["messages"].as_array().is_some_and(|messages| {
            messages
                .iter()
                .all(|m| m.get("sender_name").is_some() && m.get("timestamp_ms").is_some())
        })
}

/// Text as the export wrote it, mended: when every character is below 256 and their bytes
/// make UTF-8, that is what was meant (plain ASCII comes out the same).
pub fn mended(text: &str) -> String {
    let bytes: Option<Vec<u8>> = text.chars().map(|c| u8::try_from(c).ok()).collect();
    bytes
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| text.to_string())
}

pub(super) fn read(value: Value) -> Result<ChatExport, NotAChat> {
    let conversation: Conversation =
        serde_json::from_value(value).map_err(|e| NotAChat::OtherJson(e.to_string()))?;
    let mut export = ChatExport {
        source: Some(ChatSource::Instagram),
        ..ChatExport::default()
    };
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut events = Vec::new();
    for message in conversation.messages {
        let Some(name) = message.sender_name.as_deref().map(mended) else {
            export.system += 1;
            continue;
        };
        let Some(ms) = message.timestamp_ms else {
            export.bad_dates += 1;
            continue;
        };
        // A call not answered lasted nothing: no time spent together.
        if message.call_duration == Some(0) {
            export.system += 1;
            continue;
        }
        let author = export.author(&mut index, &name, || ChatAuthor {
            name: name.clone(),
            id: None,
        });
        events.push(ChatEvent {
            when: When::Instant(ms),
            author,
            call: message.call_duration.is_some(),
        });
    }
    // The file lists the newest first; the chat is kept oldest first, as the others are.
    events.reverse();
    export.chats.push(Chat {
        name: conversation.title.as_deref().map(mended),
        events,
        partner: None,
    });
    Ok(export)
}
