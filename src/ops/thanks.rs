//! Thanks: the favours you received and have not thanked for yet, a few days on, and marking
//! one thanked. A thank-you binds (Algoe, Haidt & Gable 2008) and is undervalued by the one
//! who could say it (Kumar & Epley 2018): tiesdesk asks, once, a few days after the favour.

use serde::Serialize;

use super::Desk;
use crate::error::{Error, Result};
use crate::model::date::day_number;
use crate::model::{Day, Interaction, InteractionId, Kind, PersonId};
use crate::store::Store;

/// A favour is asked about this many days after it was received: the day itself is too soon
/// to ask whether you thanked.
pub const THANKS_AFTER_DAYS: i64 = 3;
/// And for this long: an older favour is history, not a follow-up.
pub const THANKS_WITHIN_DAYS: i64 = 60;

/// A favour received and not thanked for yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unthanked {
    /// The interaction (`tiesdesk thanked ID`).
    pub interaction: InteractionId,
    /// Who did it (the first who is not archived), and everyone's names.
    pub person: PersonId,
    pub names: Vec<String>,
    pub day: Day,
    pub days_ago: i64,
    pub kind: Kind,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Unthanked {
    /// What it was, in a few words: its note, else the kind ("an introduction").
    pub fn what(&self) -> String {
        if self.note.is_empty() {
            self.kind.words().noun.to_string()
        } else {
            self.note.clone()
        }
    }

    /// Whose it was: "Ana Lima", "Ana Lima and Bo Chen".
    pub fn who(&self) -> String {
        match self.names.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// Favours received from three days to two months before `today` (days since 1970-01-01)
/// and not thanked for yet, from people who are not archived; the oldest first.
pub(super) fn unthanked_in(store: &Store, today: i64) -> Result<Vec<Unthanked>> {
    let favours = store.unthanked_since(today - THANKS_WITHIN_DAYS)?;
    if favours.is_empty() {
        return Ok(Vec::new());
    }
    let favours: Vec<Interaction> = (favours.into_iter())
        .filter(|i| today - day_number(i.day) >= THANKS_AFTER_DAYS)
        .collect();
    // Only the people in them are read (not everyone: the app asks at every reload).
    let mut ids: Vec<PersonId> = favours
        .iter()
        .flat_map(|i| i.people.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let people = store.names_of(&ids)?;
    let name = |id: PersonId| {
        (people.binary_search_by_key(&id, |p| p.0).ok())
            .map(|at| &people[at])
            .filter(|p| !p.2)
            .map(|p| p.1.clone())
    };
    Ok(favours
        .into_iter()
        .filter_map(|i| {
            let named: Vec<(PersonId, String)> = (i.people.iter())
                .filter_map(|&id| name(id).map(|n| (id, n)))
                .collect();
            let &(person, _) = named.first()?;
            Some(Unthanked {
                interaction: i.id,
                person,
                names: named.into_iter().map(|(_, n)| n).collect(),
                day: i.day,
                days_ago: today - day_number(i.day),
                kind: i.kind,
                note: i.note,
            })
        })
        .collect())
}

impl Desk {
    /// Favours received from three days to two months ago and not thanked for yet, from
    /// people who are not archived; the oldest first (the longest waiting).
    pub fn unthanked(&self) -> Result<Vec<Unthanked>> {
        let today = self.today_number();
        self.store.read(|store| unthanked_in(store, today))
    }

    /// Marks favour `id` thanked today (one undo); says what. Only a favour you received can
    /// be thanked for.
    pub fn thanked(&mut self, id: InteractionId) -> Result<String> {
        let today = self.today;
        let (before, names) = self.store.set_thanked(id, Some(today), |i, names| {
            if !(i.kind.is_favour() && i.direction == crate::model::Direction::Received) {
                return Err(Error::invalid(format!(
                    "#{id} is not a favour you received (it is {} {}): only those are thanked for",
                    i.direction.as_str(),
                    i.kind.as_str()
                )));
            }
            Ok(format!("Thanked {} for {}", names.join(", "), what(i)))
        })?;
        Ok(format!(
            "Thanked {} for {}",
            names.join(", "),
            what(&before)
        ))
    }
}

/// An interaction's few words: its note, else its kind.
fn what(i: &Interaction) -> String {
    if i.note.is_empty() {
        i.kind.words().noun.to_string()
    } else {
        format!("\"{}\"", i.note)
    }
}
