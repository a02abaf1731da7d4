//! Offers through the one door: what you can give, made, listed with the open needs each
//! fits, and marked done; and `ask`, whom to ask about a need of your own.

use serde::Serialize;

use super::Desk;
use super::needs::HelperWay;
use crate::error::Result;
use crate::insight::helpers::fits::fit;
use crate::insight::helpers::whom_to_ask;
use crate::model::need::{need_tags, need_text};
use crate::model::offer::offer_text;
use crate::model::{Need, NeedId, NeedState, Offer, OfferId, PersonId};

/// An open need an offer fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfferFit {
    pub need: NeedId,
    pub person: PersonId,
    pub name: String,
    pub text: String,
}

impl OfferFit {
    /// "Ana Lima (looking for a designer)".
    pub fn line(&self) -> String {
        format!("{} (looking for {})", self.name, self.text)
    }
}

/// An offer, with the open needs it fits (the best fit first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedOffer {
    #[serde(flatten)]
    pub offer: Offer,
    pub fits: Vec<OfferFit>,
}

impl Desk {
    /// Notes that you can give `text`; the offer and a sentence saying so.
    pub fn offer(&mut self, text: &str, tags: &[String]) -> Result<(Offer, String)> {
        let text = offer_text(text)?;
        let tags = need_tags(tags)?;
        let tagged: String = tags.iter().map(|t| format!(" #{t}")).collect();
        let sentence = format!("You can give {text}{tagged}");
        let offer = self.store.add_offer(&text, &tags, self.today, &sentence)?;
        let said = format!("Noted: {sentence}, offer #{}", offer.id);
        Ok((offer, said))
    }

    /// Offers (open, or all with `include_done`) in the order made; each open one with the
    /// open needs (of people not archived) it fits, best first. Read in one transaction.
    pub fn offers(&self, include_done: bool) -> Result<Vec<ListedOffer>> {
        self.store.read(|store| {
            let offers = store.offers(include_done)?;
            let needs = store.needs(false)?;
            Ok(offers
                .into_iter()
                .map(|offer| {
                    let fits = if offer.is_open() {
                        fits_of(&offer, &needs)
                    } else {
                        Vec::new()
                    };
                    ListedOffer { offer, fits }
                })
                .collect())
        })
    }

    /// Marks offer `id` done today (it stays listed under `offers --all`).
    pub fn finish_offer(&mut self, id: OfferId) -> Result<String> {
        let done = self.store.finish_offer(id, self.today, |offer| {
            format!("Offer #{} done: {}", offer.id, offer.text)
        })?;
        Ok(format!("Done: you no longer offer {}.", done.text))
    }

    /// Whom to ask about a need of your own (`text`, `tags`): people whose role, company,
    /// town or tags match, moderately close ties first, each with the way to them.
    pub fn ask(&self, text: &str, tags: &[String], limit: usize) -> Result<Vec<HelperWay>> {
        let need = Need {
            id: 0,
            // Yours: no one's id, so no one is left out as its owner.
            person: 0,
            text: need_text(text)?,
            tags: need_tags(tags)?,
            state: NeedState::Open,
            noted_on: self.today,
            done_on: None,
        };
        let matching = self.matching()?;
        let found = whom_to_ask(&matching.matchable, &matching.network, &need, limit);
        self.ways_to(&matching, &mut None, found)
    }
}

/// The open needs `offer` fits, best first (the thing asked for matched, then the most
/// shared, then the need noted first).
fn fits_of(offer: &Offer, needs: &[(Need, String)]) -> Vec<OfferFit> {
    let mut fitting: Vec<(bool, usize, &Need, &String)> = needs
        .iter()
        .filter_map(|(need, name)| {
            let how = fit(need, offer)?;
            Some((how.head, how.matched, need, name))
        })
        .collect();
    fitting.sort_by(|a, b| (b.0, b.1).cmp(&(a.0, a.1)).then(a.2.id.cmp(&b.2.id)));
    fitting
        .into_iter()
        .map(|(_, _, need, name)| OfferFit {
            need: need.id,
            person: need.person,
            name: name.clone(),
            text: need.text.clone(),
        })
        .collect()
}
