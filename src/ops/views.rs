//! What the front ends show, assembled once: a person's profile and the network's status.

use std::collections::HashMap;

use serde::Serialize;

use super::{Desk, resolve};
use crate::error::{Error, Result};
use crate::insight::{self, Contact, Figures, QuarterLedger, Summary};

/// How many months of warmth a profile draws (two years).
pub const WARMTH_MONTHS: usize = 24;

/// How many quarters of the favour ledger a profile shows (18 months).
const PROFILE_QUARTERS: usize = 6;
use crate::model::date::day_from_number;
use crate::model::{Day, Interaction, Person, PersonId};

/// A person, their figures, why they are where they are, and their timeline (newest first).
#[derive(Debug, Serialize)]
pub struct Profile {
    pub person: Person,
    pub figures: Figures,
    pub why: Vec<String>,
    /// Favours given and received by quarter, oldest first.
    pub quarters: Vec<QuarterLedger>,
    /// Warmth at the end of each of the last 24 months (30-day steps), oldest first.
    pub warmth_by_month: Vec<f64>,
    pub interactions: Vec<Interaction>,
    /// Who introduced them, whom they introduced and know, and the circles they bridge.
    pub connections: super::Connections,
    /// What you promised them and have not done yet, in the order made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<crate::model::Promise>,
    /// What they are looking for (open needs), in the order noted.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<crate::model::Need>,
    /// For each of their needs one of your open offers fits: the need, and that offer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub offers_that_fit: Vec<OfferThatFits>,
    /// Their labelled yearly dates, in the order of the year (the birthday is a field).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<crate::model::YearlyDate>,
    /// Names of the other people the profile mentions (co-participants, the introducer).
    #[serde(skip)]
    pub names: HashMap<PersonId, String>,
}

/// One of your offers that fits a need of theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfferThatFits {
    pub need: crate::model::NeedId,
    pub offer: String,
}

impl Profile {
    /// What the person bridges, in words, if anything.
    pub fn bridge_note(&self) -> Option<String> {
        let circles = self.connections.bridges.join(", ");
        match self.figures.status {
            _ if circles.is_empty() => None,
            insight::Status::Active => Some(format!("your only active tie at {circles}")),
            _ => Some(format!(
                "a way into {circles}, where no one you know is active"
            )),
        }
    }

    pub fn name_of(&self, id: PersonId) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// The other people in an interaction of this profile, by name.
    pub fn others_in(&self, interaction: &Interaction) -> Vec<&str> {
        interaction
            .people
            .iter()
            .filter(|&&id| id != self.person.id)
            .filter_map(|&id| self.name_of(id))
            .collect()
    }
}

/// Where the network stands, as `status` and the dashboard header show it.
#[derive(Debug, Serialize)]
pub struct StatusReport {
    pub today: Option<Day>,
    #[serde(flatten)]
    pub summary: Summary,
    pub last_review: Option<Day>,
    pub days_since_review: Option<i64>,
    /// Weeks in a row with a finished review.
    pub review_streak_weeks: usize,
}

impl Desk {
    /// Resolves several names against one read of the people.
    pub fn resolve_all(&self, names: &[String]) -> Result<Vec<Person>> {
        let people = self.store.people()?;
        names
            .iter()
            .map(|name| resolve::resolve(&people, name).cloned())
            .collect()
    }

    pub fn profile(&self, name: &str) -> Result<Profile> {
        // `#12` needs no one else's name; a name is matched against everyone's. Either way
        // the one shown is read whole, and of the others only those the page names and those
        // who are active (what bridges are measured against).
        // The person and their page are read while the model is evaluated beside them.
        self.store.read(|store| {
            let histories = store.histories()?;
            let (network, (person, interactions, links, introduced)) =
                self.evaluate_while(&histories, || {
                    let id = match resolve::typed_id(name) {
                        Some(id) => id,
                        None => resolve::resolve_loosely(&store.people_named()?, name)?.id,
                    };
                    let person = store
                        .person(id)?
                        .ok_or_else(|| Error::UnknownName(name.to_string()))?;
                    let interactions = store.interactions_of(person.id)?;
                    let links = store.links_of(person.id)?;
                    let introduced = store.introduced_by(person.id)?;
                    Ok((person, interactions, links, introduced))
                })?;
            drop(histories);
            let figures = network
                .get(person.id)
                .ok_or_else(|| Error::Database(format!("no figures for #{}", person.id)))?
                .clone();
            let mut wanted: Vec<PersonId> = network
                .figures
                .iter()
                .filter(|f| f.status == insight::Status::Active)
                .map(|f| f.id)
                .chain(interactions.iter().flat_map(|i| i.people.iter().copied()))
                .chain(person.data.introduced_by)
                .chain(links.iter().flat_map(|l| [l.a, l.b]))
                .chain(introduced)
                .collect();
            wanted.sort_unstable();
            wanted.dedup();
            let directory = store.people_for_lookup_of(&wanted)?;
            self.profile_with(person, figures, &network, &directory, interactions)
        })
    }

    /// A profile from figures already at hand (the app keeps everyone in memory): only the
    /// person's timeline is read. `people` must be in id order, as the store returns them.
    pub fn profile_of(
        &self,
        person: Person,
        figures: Figures,
        network: &insight::Network,
        people: &[Person],
    ) -> Result<Profile> {
        let interactions = self.store.interactions_of(person.id)?;
        self.profile_with(person, figures, network, people, interactions)
    }

    /// A profile from its timeline and a directory of people in id order: everyone, or at
    /// least everyone the page names and everyone active (see `connections`).
    fn profile_with(
        &self,
        person: Person,
        figures: Figures,
        network: &insight::Network,
        people: &[Person],
        interactions: Vec<Interaction>,
    ) -> Result<Profile> {
        let summary = &network.summary;
        let promises = self.store.open_promises_of(person.id)?;
        let needs = self.store.open_needs_of(person.id)?;
        let dates = self.store.dates_of(person.id)?;
        // A one-sided tie's reason names what to do: their need, your promise, their date.
        let soon = if figures.one_sided.is_some() {
            (self.upcoming(super::DATES_AHEAD)?.into_iter())
                .find(|u| u.person == person.id)
                .map(|u| format!("{} {}", u.occasion(), super::when(u.in_days, u.day)))
        } else {
            None
        };
        let unthanked = if figures.one_sided.is_some() {
            (super::thanks::unthanked_in(&self.store, self.today_number())?.into_iter())
                .find(|u| u.person == person.id)
                .map(|u| u.what())
        } else {
            None
        };
        let offers = if needs.is_empty() {
            Vec::new()
        } else {
            self.store.offers(false)?
        };
        let fitting: Vec<(&crate::model::Need, &crate::model::Offer)> = (needs.iter())
            .filter_map(|need| {
                let (_, offer) = crate::insight::helpers::fits::best_offer(need, &offers)?;
                Some((need, offer))
            })
            .collect();
        let offer =
            (fitting.first()).map(|(need, offer)| (need.text.as_str(), offer.text.as_str()));
        let offers_that_fit: Vec<OfferThatFits> = (fitting.iter())
            .map(|(need, offer)| OfferThatFits {
                need: need.id,
                offer: offer.text.clone(),
            })
            .collect();
        let open = insight::Open {
            thanks: unthanked.as_deref(),
            need: needs.first().map(|n| n.text.as_str()),
            offer,
            promise: promises.first().map(|p| p.text.as_str()),
            date: soon.as_deref(),
        };
        let why = insight::explain(
            person.name(),
            person.data.family,
            &figures,
            summary,
            &self.config,
            &open,
        );
        let contacts: Vec<Contact> = interactions
            .iter()
            .map(|i| Contact::on(i.day, i.kind, i.direction, i.size))
            .collect();
        let quarters = insight::by_quarter(&contacts, self.today_number(), PROFILE_QUARTERS);
        let model = &self.config.model;
        let half_life = if person.data.family {
            model.family_half_life_days
        } else {
            model.half_life_days
        };
        let warmth_by_month = insight::warmth::series(
            &contacts,
            self.today_number(),
            half_life,
            &insight::warmth::Points::new(&model.kind_weights),
            30,
            WARMTH_MONTHS,
        )
        .into_iter()
        .map(|w| (w * 100.0).round() / 100.0)
        .collect();
        let mentioned = interactions
            .iter()
            .flat_map(|i| i.people.iter().copied())
            .chain(person.data.introduced_by);
        let mut names = HashMap::new();
        for id in mentioned.filter(|&id| id != person.id) {
            if let Ok(i) = people.binary_search_by_key(&id, |p| p.id) {
                names.insert(id, people[i].data.name.clone());
            }
        }
        let connections = self.connections(&person, people, network)?;
        Ok(Profile {
            person,
            figures,
            why,
            quarters,
            warmth_by_month,
            interactions,
            connections,
            promises,
            needs,
            offers_that_fit,
            dates,
            names,
        })
    }

    pub fn status_report(&self) -> Result<StatusReport> {
        let network = self.network()?;
        let last_review = self.store.last_review_day()?;
        Ok(StatusReport {
            today: day_from_number(network.today),
            days_since_review: last_review.map(|d| network.today - d),
            last_review: last_review.and_then(day_from_number),
            review_streak_weeks: self.streak()?,
            summary: network.summary,
        })
    }
}
