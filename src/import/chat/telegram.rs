//! Telegram Desktop's export (Settings → Advanced → Export Telegram data, as JSON):
//! `result.json` holds one chat (`name`, `type`, `messages`), or the whole account
//! (`personal_information`, `chats.list`). Who wrote is `from_id` (`user4242`), when is
//! `date_unixtime`; a `phone_call` service message is a call made by its `actor_id`. Personal
//! chats and groups are read; channels, saved messages and bots are not conversations with
//! someone, and are reported.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::{Chat, ChatAuthor, ChatEvent, ChatExport, ChatSource, NotAChat, When};

#[derive(Deserialize)]
struct Account {
    personal_information: Option<Person>,
    chats: Option<ChatList>,
}

#[derive(Deserialize)]
struct Person {
    user_id: Option<i64>,
    first_name: Option<String>,
    last_name: Option<String>,
}

#[derive(Deserialize)]
struct ChatList {
    list: Vec<OneChat>,
}

#[derive(Deserialize)]
struct OneChat {
    name: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    messages: Vec<Message>,
}

#[derive(Deserialize)]
struct Message {
    #[serde(rename = "type")]
    kind: Option<String>,
    date_unixtime: Option<String>,
    from: Option<String>,
    from_id: Option<String>,
    actor: Option<String>,
    actor_id: Option<String>,
    action: Option<String>,
    discard_reason: Option<String>,
}

/// Whether a JSON value is a Telegram export: a whole account, or one chat whose messages
/// carry Telegram's fields.
pub(super) fn looks_like(value: &Value) -> bool {
    if value.get("chats").is_some_and(|c| c.get("list").is_some()) {
        return true;
    }
    value["messages"].as_array().is_some_and(|messages| {
        messages
            .iter()
            .any(|m| m.get("date_unixtime").is_some() || m.get("from_id").is_some())
    })
}

/// Why a chat of the export is not a conversation with someone.
fn not_a_conversation(kind: &str) -> Option<&'static str> {
    match kind {
        "personal_chat" | "private_group" | "private_supergroup" | "public_supergroup" => None,
        "saved_messages" => Some("your saved messages"),
        "bot_chat" => Some("a bot"),
        "public_channel" | "private_channel" => Some("a channel"),
        _ => Some("a kind of chat tiesdesk does not read"),
    }
}

pub(super) fn read(value: Value) -> Result<ChatExport, NotAChat> {
    let whole = value.get("chats").is_some();
    let (me, chats) = if whole {
        let account: Account =
            serde_json::from_value(value).map_err(|e| NotAChat::OtherJson(e.to_string()))?;
        let me = account.personal_information.and_then(|p| {
            let id = p.user_id.map(|id| format!("user{id}"))?;
            let name = [p.first_name, p.last_name]
                .into_iter()
                .flatten()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            Some(ChatAuthor { name, id: Some(id) })
        });
        (me, account.chats.map(|c| c.list).unwrap_or_default())
    } else {
        let chat: OneChat =
            serde_json::from_value(value).map_err(|e| NotAChat::OtherJson(e.to_string()))?;
        (None, vec![chat])
    };
    let mut export = ChatExport {
        source: Some(ChatSource::Telegram),
        me,
        ..ChatExport::default()
    };
    let mut index: HashMap<String, u32> = HashMap::new();
    for chat in chats {
        let name = chat.name.clone().unwrap_or_default();
        if let Some(why) = chat.kind.as_deref().and_then(not_a_conversation) {
            export.skipped_chats.push((name, why));
            continue;
        }
        let mut events = Vec::new();
        for message in chat.messages {
            let call = message.kind.as_deref() == Some("service")
                && message.action.as_deref() == Some("phone_call");
            let (who, id) = match message.kind.as_deref() {
                Some("message") => (message.from, message.from_id),
                // A call made and answered (not missed, not busy) is time spent together.
                _ if call
                    && !matches!(message.discard_reason.as_deref(), Some("missed" | "busy")) =>
                {
                    (message.actor, message.actor_id)
                }
                _ => {
                    export.system += 1;
                    continue;
                }
            };
            let Some(id) = id else {
                export.system += 1;
                continue;
            };
            let Some(seconds) = message.date_unixtime.and_then(|t| t.parse::<i64>().ok()) else {
                export.bad_dates += 1;
                continue;
            };
            let author = export.author(&mut index, &id, || ChatAuthor {
                // A deleted account has no name left: its id is all there is.
                name: who.filter(|n| !n.is_empty()).unwrap_or_else(|| id.clone()),
                id: Some(id.clone()),
            });
            events.push(ChatEvent {
                when: When::Instant(seconds.saturating_mul(1000)),
                author,
                call,
            });
        }
        export.chats.push(Chat {
            name: chat.name,
            events,
            partner: None,
        });
    }
    Ok(export)
}
