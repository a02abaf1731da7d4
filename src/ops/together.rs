//! Circles from real data, through the one door: people seen together in captured meetings
//! and mail, suggested as knowing each other, linked or dismissed by the user (never
//! silently); and where your contact went, circle by circle.

use serde::Serialize;

use super::Desk;
use super::links::Named;
use crate::error::Result;
use crate::model::{Day, Person};
use crate::store::Store;

/// Together at least this often before they are suggested: once may be chance.
pub const TOGETHER_AT_LEAST: u32 = 2;
/// Meetings or mails with more people than this say nothing about who knows whom.
pub const TOGETHER_AT_MOST_PEOPLE: usize = 8;

/// Two people who seem to know each other, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestedLink {
    pub a: Named,
    pub b: Named,
    /// In how many captured meetings or mails they were together.
    pub times: u32,
    pub last: Day,
}

impl SuggestedLink {
    /// "together in 3 meetings or mails, the last on 2026-11-20".
    pub fn why(&self) -> String {
        format!(
            "together in {} meetings or mails, the last on {}",
            self.times, self.last
        )
    }
}

/// The suggestions, read through `store` (inside its read transaction): the command, and
/// the review's step, read them alike.
pub(super) fn suggested_in(store: &Store) -> Result<Vec<SuggestedLink>> {
    let together = store.together(TOGETHER_AT_LEAST, TOGETHER_AT_MOST_PEOPLE)?;
    let mut ids: Vec<_> = together.iter().flat_map(|t| [t.a, t.b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<_, _> = (store.names_of(&ids)?.into_iter())
        .map(|(id, name, _)| (id, name))
        .collect();
    let named = |id| Named {
        id,
        name: names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
    };
    Ok(together
        .into_iter()
        .map(|t| SuggestedLink {
            a: named(t.a),
            b: named(t.b),
            times: t.times,
            last: t.last,
        })
        .collect())
}

impl Desk {
    /// Pairs seen together in captured meetings and mail, not linked and not dismissed,
    /// most often together first.
    pub fn suggested_links(&self) -> Result<Vec<SuggestedLink>> {
        self.store.read(suggested_in)
    }

    /// Says `a` and `b` are not to be suggested as knowing each other again.
    pub fn dismiss_link(&mut self, a: &Person, b: &Person) -> Result<String> {
        let sentence = format!(
            "{} and {} will not be suggested as knowing each other again",
            a.name(),
            b.name()
        );
        self.store.dismiss_link(a.id, b.id, self.today, &sentence)?;
        Ok(sentence)
    }
}

/// The stretch `circles` looks back over.
pub const CIRCLES_DAYS: i64 = 365;

impl Desk {
    /// Where your contact went over the last year, by circle, read in one transaction.
    pub fn circles(&self) -> Result<crate::insight::contact_share::ContactShares> {
        self.store.read(|store| {
            let people = store.people_to_match()?;
            let histories = store.histories()?;
            Ok(crate::insight::contact_share::contact_shares(
                &people,
                &histories,
                self.today_number(),
                CIRCLES_DAYS,
            ))
        })
    }
}
