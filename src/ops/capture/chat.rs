//! Who wrote in a chat (DESIGN, "Capture: chats", matching): a handle someone keeps
//! (`whatsapp:+31612345678`), else a number whoever has it, else a name that is exactly one
//! person's. Two people with the number or the name match neither: the report lists the
//! author with those people, to be told, never guessed.

use std::collections::HashMap;

use super::super::Desk;
use crate::error::Result;
use crate::import::capture::Correspondent;
use crate::import::chat::matching::{Found, Matcher};
use crate::model::PersonId;

impl Desk {
    /// Adds to `known` (by key: address or handle) each chat author someone in tiesdesk is;
    /// gives back those found by number or name, with the handle they keep from now on.
    pub(super) fn match_chat(
        &self,
        correspondents: &[Correspondent],
        known: &mut HashMap<String, PersonId>,
    ) -> Result<Vec<(PersonId, String)>> {
        let country = self.config.me.country.as_deref();
        let people = self.store.people()?;
        let matcher = Matcher::new(&people, country);
        let mut keep = Vec::new();
        for correspondent in correspondents {
            let (Some(handle), Some(name)) = (&correspondent.handle, &correspondent.name) else {
                continue;
            };
            if known.contains_key(handle.as_str()) {
                continue;
            }
            // A handle kept on someone says who they are; otherwise their number or name.
            let (found, by_handle) = match matcher.by_handle(handle) {
                Found::Unknown => (matcher.by_name(name, country), false),
                kept => (kept, true),
            };
            if let Found::Person(id) = found {
                known.insert(handle.clone(), id);
                if !by_handle {
                    keep.push((id, handle.clone()));
                }
            }
        }
        Ok(keep)
    }
}
