//! What is open with each person — a favour not thanked for, their need (and the offer of
//! yours that fits it), your promise — for a one-sided tie's invitation and the Give first
//! panel (read with everything the app holds).

use std::collections::HashMap;

use super::dates::when;
use super::{Unthanked, Upcoming};
use crate::error::Result;
use crate::insight;
use crate::insight::helpers::fits::best_offer;
use crate::model::PersonId;
use crate::store::Store;

/// What is open with each person: their first open need, your first open promise to them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Openings {
    /// The oldest favour of theirs not thanked for yet, in a few words.
    pub thanks: HashMap<PersonId, String>,
    pub needs: HashMap<PersonId, String>,
    /// For people with an open need one of your open offers fits: that offer and the need,
    /// in the order the needs were noted.
    pub offers: Vec<OfferFor>,
    pub promises: HashMap<PersonId, String>,
}

/// One of your offers that fits someone's open need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferFor {
    pub person: PersonId,
    pub offer: String,
    pub need: String,
}

impl Openings {
    /// What is open with `person`, a date of theirs coming up among `upcoming` included, as
    /// the invitation reads it; `date` holds that date's words.
    pub fn of<'a>(
        &'a self,
        person: PersonId,
        upcoming: &[Upcoming],
        date: &'a mut Option<String>,
    ) -> insight::Open<'a> {
        *date = (upcoming.iter())
            .find(|u| u.person == person)
            .map(|u| format!("{} {}", u.occasion(), when(u.in_days, u.day)));
        insight::Open {
            thanks: self.thanks.get(&person).map(String::as_str),
            need: self.needs.get(&person).map(String::as_str),
            offer: (self.offers.iter())
                .find(|o| o.person == person)
                .map(|o| (o.need.as_str(), o.offer.as_str())),
            promise: self.promises.get(&person).map(String::as_str),
            date: date.as_deref(),
        }
    }
}

/// The oldest favour of each person not thanked for, their first open need and your first
/// open promise to each.
pub(super) fn openings(store: &Store, unthanked: &[Unthanked]) -> Result<Openings> {
    let mut openings = Openings::default();
    for favour in unthanked {
        openings
            .thanks
            .entry(favour.person)
            .or_insert_with(|| favour.what());
    }
    let needs = store.needs(false)?;
    let offers = store.offers(false)?;
    for (need, _) in &needs {
        if openings.offers.iter().any(|o| o.person == need.person) {
            continue;
        }
        if let Some((_, offer)) = best_offer(need, &offers) {
            openings.offers.push(OfferFor {
                person: need.person,
                offer: offer.text.clone(),
                need: need.text.clone(),
            });
        }
    }
    for (need, _) in needs {
        openings.needs.entry(need.person).or_insert(need.text);
    }
    for (promise, _) in store.promises(false)? {
        openings
            .promises
            .entry(promise.person)
            .or_insert(promise.text);
    }
    Ok(openings)
}
