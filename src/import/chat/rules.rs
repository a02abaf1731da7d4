//! The rules that turn a chat export into contacts (DESIGN, "Capture: chats"): one message
//! contact per person, day and direction across all chats — you wrote, `gave`; they wrote,
//! `received` — and one call contact likewise (its direction is who called). In a group of
//! at most `max_group` other authors, your message is given to each who wrote in it within a
//! week either side, and theirs is received from its author; a bigger group is a broadcast,
//! skipped and reported. Pure: the export, who you are and the rules in, contacts out.

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, NaiveDate};

use super::{ChatAuthor, ChatExport, When};
use crate::model::{Direction, UserZone};

/// How far apart (in days) your message and theirs in a group may be and still be one
/// conversation.
const GROUP_DAYS: i64 = 7;

/// Who you are in chats: the names chats show you by, your numbers, and (Telegram) your id.
#[derive(Debug, Clone, Default)]
pub struct ChatMe {
    names: HashSet<String>,
    phones: HashSet<String>,
    ids: HashSet<String>,
}

impl ChatMe {
    /// From `me.names`, `me.phones` (read with `country`) and what the export says of its
    /// owner.
    pub fn new(
        names: &[String],
        phones: &[String],
        country: Option<&str>,
        export: &ChatExport,
    ) -> ChatMe {
        let mut me = ChatMe {
            names: names.iter().map(|n| fold_name(n)).collect(),
            phones: phones
                .iter()
                .filter_map(|p| phone_key(p, country))
                .collect(),
            ids: HashSet::new(),
        };
        if let Some(owner) = &export.me {
            me.ids.extend(owner.id.clone());
        }
        me.names.remove("");
        me
    }

    /// Whether `author` is you.
    pub fn is(&self, author: &ChatAuthor, country: Option<&str>) -> bool {
        author.id.as_ref().is_some_and(|id| self.ids.contains(id))
            || self.names.contains(&fold_name(&author.name))
            || phone_key(&author.name, country).is_some_and(|p| self.phones.contains(&p))
    }
}

/// A name as chats and people are matched by: words single-spaced, lower case, accents
/// taken off (`José  Núñez` is `jose nunez`).
pub fn fold_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            word.chars()
                .map(|c| {
                    nucleo_matcher::chars::normalize(c)
                        .to_lowercase()
                        .next()
                        .unwrap_or(c)
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Calling codes of the countries whose national numbers begin with a trunk `0` that the
/// international form drops (Italy keeps it, and is written as such).
const CALLING_CODES: [(&str, &str, bool); 20] = [
    ("NL", "31", true),
    ("BE", "32", true),
    ("FR", "33", true),
    ("ES", "34", false),
    ("IT", "39", false),
    ("CH", "41", true),
    ("AT", "43", true),
    ("GB", "44", true),
    ("DK", "45", false),
    ("SE", "46", true),
    ("NO", "47", false),
    ("PL", "48", false),
    ("DE", "49", true),
    ("PT", "351", false),
    ("LU", "352", false),
    ("IE", "353", true),
    ("FI", "358", true),
    ("US", "1", false),
    ("CA", "1", false),
    ("AU", "61", true),
];

/// The calling code of `country` (`NL` → `31`), when this build knows it.
pub fn country_code(country: &str) -> Option<&'static str> {
    let country = country.trim().to_ascii_uppercase();
    (CALLING_CODES.iter())
        .find(|(c, _, _)| *c == country)
        .map(|(_, code, _)| *code)
}

/// A phone number in its international form (`+31612345678`), for matching: spaces, dashes,
/// dots and brackets dropped, `00` read as `+`, and a national number (`06 1234 5678` in the
/// Netherlands) given its country's code. `None` for what is no phone number, and for a
/// national one when the country is not known.
pub fn phone_key(text: &str, country: Option<&str>) -> Option<String> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace() || c == '\u{200e}' || c == '\u{202a}' || c == '\u{202c}'
    });
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || " \u{a0}-.()/+\u{2011}".contains(c))
    {
        return None;
    }
    let plus = text.starts_with('+');
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    if plus {
        return Some(format!("+{digits}"));
    }
    if let Some(international) = digits.strip_prefix("00") {
        return Some(format!("+{international}"));
    }
    let country = country?.to_ascii_uppercase();
    let &(_, code, drops_trunk) = CALLING_CODES.iter().find(|(c, _, _)| *c == country)?;
    let national = match digits.strip_prefix('0') {
        Some(rest) if drops_trunk => rest,
        _ => digits.as_str(),
    };
    Some(format!("+{code}{national}"))
}

/// How contacts are counted.
#[derive(Debug, Clone)]
pub struct ChatRules {
    /// A group with more other authors than this is a broadcast.
    pub max_group: usize,
    /// Where the user lives: the day of an instant (Telegram, Instagram).
    pub zone: UserZone,
    /// `me.country`, for national numbers.
    pub country: Option<String>,
}

/// One contact: on `day`, with author `who`, which way, a message or a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChatContact {
    pub day: NaiveDate,
    pub who: u32,
    pub direction: Direction,
    pub call: bool,
}

/// What the rules made of an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counted {
    /// Each contact once, oldest first.
    pub contacts: Vec<ChatContact>,
    /// Groups with more other authors than the rules allow: their names (or "a chat") and
    /// how many others wrote.
    pub broadcasts: Vec<(String, usize)>,
    /// Whether you were found among the authors at all.
    pub found_me: bool,
    /// Messages and calls read.
    pub events: usize,
}

fn day_of(when: When, zone: UserZone) -> Option<NaiveDate> {
    match when {
        When::Local(at) => Some(at.date()),
        When::Instant(ms) => DateTime::from_timestamp_millis(ms).map(|t| zone.day_of(t)),
    }
}

/// Counts `export`'s contacts by the rules.
pub fn count(export: &ChatExport, me: &ChatMe, rules: &ChatRules) -> Counted {
    let country = rules.country.as_deref();
    let mine: Vec<bool> = (export.authors.iter())
        .map(|author| me.is(author, country))
        .collect();
    let mut counted = Counted {
        found_me: mine.iter().any(|m| *m),
        ..Counted::default()
    };
    let mut contacts: BTreeSet<ChatContact> = BTreeSet::new();
    for chat in &export.chats {
        let dated: Vec<(NaiveDate, u32, bool)> = (chat.events.iter())
            .filter_map(|e| day_of(e.when, rules.zone).map(|day| (day, e.author, e.call)))
            .collect();
        counted.events += dated.len();
        let others: BTreeSet<u32> = (dated.iter())
            .map(|(_, who, _)| *who)
            .chain(chat.partner)
            .filter(|who| mine.get(*who as usize).is_some_and(|m| !m))
            .collect();
        if others.len() > rules.max_group {
            counted.broadcasts.push((
                chat.name.clone().unwrap_or_else(|| "a chat".into()),
                others.len(),
            ));
            continue;
        }
        // Each other author's days in this chat, for a message of yours in a group.
        let mut days_of: HashMap<u32, BTreeSet<NaiveDate>> = HashMap::new();
        for (day, who, _) in &dated {
            if !mine[*who as usize] {
                days_of.entry(*who).or_default().insert(*day);
            }
        }
        let group = others.len() > 1;
        for &(day, who, call) in &dated {
            if !mine[who as usize] {
                contacts.insert(ChatContact {
                    day,
                    who,
                    direction: Direction::Received,
                    call,
                });
                continue;
            }
            for other in &others {
                let near = !group
                    || days_of.get(other).is_some_and(|days| {
                        let from = day - chrono::Days::new(GROUP_DAYS as u64);
                        let to = day + chrono::Days::new(GROUP_DAYS as u64);
                        days.range(from..=to).next().is_some()
                    });
                if near {
                    contacts.insert(ChatContact {
                        day,
                        who: *other,
                        direction: Direction::Gave,
                        call,
                    });
                }
            }
        }
    }
    counted.contacts = contacts.into_iter().collect();
    counted
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
