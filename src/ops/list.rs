//! `list`: people with their figures, filtered and ordered.
//!
//! A listing keeps everyone's figures where the model put them and each listed person once,
//! and orders pairs of indices: at 30,000 people, copying a person and their figures into
//! each row, then moving those rows to sort them, cost more than reading the people did.

use std::collections::HashSet;

use serde::Serialize;

use super::{Desk, resolve};
use crate::error::Result;
use crate::insight::{Due, Figures, Network, OneSided, Status};
use crate::model::date::day_from_number;
use crate::model::{Day, ListedPerson, Person, PersonId};

/// Which people `list` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub status: Option<Status>,
    pub due_only: bool,
    pub one_sided_only: bool,
    pub layer: Option<usize>,
    pub search: Option<String>,
}

impl ListFilter {
    /// The search, if there is one worth running.
    fn query(&self) -> Option<&str> {
        self.search.as_deref().filter(|q| !q.trim().is_empty())
    }

    fn keeps(&self, f: &Figures) -> bool {
        // Archived people appear only when asked for, or in a search.
        let status_ok = match self.status {
            Some(status) => f.status == status,
            None => f.status != Status::Archived || self.search.is_some(),
        };
        status_ok
            && (!self.due_only || f.due != Due::No)
            && (!self.one_sided_only || f.one_sided.is_some())
            && self.layer.is_none_or(|layer| f.layer == Some(layer))
    }
}

/// The people a filter keeps, in list order: active by rank, then dormant by most recent
/// contact, then paper ties and archived people by name.
#[derive(Debug)]
pub struct Listing {
    people: Vec<ListedPerson>,
    network: Network,
    /// (index in `people`, index in `network.figures`), in list order.
    order: Vec<(usize, usize)>,
}

impl Listing {
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Each listed person with their figures, in list order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = (&ListedPerson, &Figures)> + '_ {
        self.rows_in(0..self.len())
    }

    /// The rows at `range` (of list positions).
    pub fn rows_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = (&ListedPerson, &Figures)> + '_ {
        let placed = self.order.get(range).unwrap_or(&[]);
        placed
            .iter()
            .map(|&(person, figures)| (&self.people[person], &self.network.figures[figures]))
    }

    /// The `list --json` records of the rows at `range`.
    pub fn records_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = RowJson<'_>> + '_ {
        self.rows_in(range)
            .map(|(person, figures)| RowJson::new(person, figures))
    }
}

/// The `list --json` record of a person.
#[derive(Debug, Serialize)]
pub struct RowJson<'a> {
    pub id: PersonId,
    pub name: &'a str,
    pub company: Option<&'a str>,
    pub tags: &'a [String],
    pub status: Status,
    pub layer: Option<usize>,
    pub due: Due,
    pub warmth: f64,
    pub given: u32,
    pub received: u32,
    pub one_sided: Option<OneSided>,
    pub last_contact: Option<Day>,
    pub days_since: Option<i64>,
}

impl<'a> RowJson<'a> {
    pub fn new(person: &'a ListedPerson, f: &Figures) -> RowJson<'a> {
        RowJson {
            id: person.id,
            name: &person.name,
            company: person.company.as_deref(),
            tags: &person.tags,
            status: f.status,
            layer: f.layer,
            due: f.due,
            warmth: (f.warmth * 1000.0).round() / 1000.0,
            given: f.ledger.given,
            received: f.ledger.received,
            one_sided: f.one_sided,
            last_contact: f.last_contact.and_then(day_from_number),
            days_since: f.days_since,
        }
    }
}

impl Desk {
    /// People with their figures, filtered and ordered (see `Listing`).
    pub fn list(&self, filter: &ListFilter) -> Result<Listing> {
        let (people, network) = self.store.read(|store| match filter.query() {
            // A list shows names, companies and circles, read while the model runs.
            None => {
                let histories = store.histories()?;
                let (network, people) = self
                    .evaluate_while(&histories, || store.people_listed(histories.people.len()))?;
                Ok((people, network))
            }
            // A search also looks at the other fields.
            Some(query) => {
                let network = self.network_in(store)?;
                let everyone = store.people()?;
                let candidates: Vec<&Person> = everyone
                    .iter()
                    .filter(|p| network.get(p.id).is_some_and(|f| filter.keeps(f)))
                    .collect();
                // Their details, then what was said with them.
                let mut found: HashSet<PersonId> = resolve::search(&candidates, query)
                    .iter()
                    .map(|found| found.person.id)
                    .collect();
                found.extend(store.note_matches(query)?.into_iter().map(|(id, _)| id));
                let people = everyone
                    .into_iter()
                    .filter(|p| found.contains(&p.id))
                    .map(ListedPerson::from)
                    .collect();
                Ok((people, network))
            }
        })?;
        // Both are in id order: one walk pairs them.
        let figures = &network.figures;
        let mut order: Vec<Placed> = Vec::with_capacity(people.len());
        let mut at = 0;
        for (index, person) in people.iter().enumerate() {
            while figures.get(at).is_some_and(|f| f.id < person.id) {
                at += 1;
            }
            if let Some(f) = figures.get(at).filter(|f| f.id == person.id)
                && filter.keeps(f)
            {
                order.push(Placed::new(index, at, person, f));
            }
        }
        order.sort_unstable_by(|a, b| {
            (a.standing, a.name)
                .cmp(&(b.standing, b.name))
                .then_with(|| {
                    let (pa, pb) = (&people[a.person as usize], &people[b.person as usize]);
                    lowered(&pa.name)
                        .cmp(lowered(&pb.name))
                        .then(pa.id.cmp(&pb.id))
                })
        });
        let order = order
            .into_iter()
            .map(|p| (p.person as usize, p.figures as usize))
            .collect();
        Ok(Listing {
            people,
            network,
            order,
        })
    }
}

/// A listed person's place: active by rank, dormant by most recent contact, the rest by
/// name ignoring case (its first sixteen bytes here, the whole name only on a tie), and the
/// earlier id first between namesakes. Sorting 20,000 paper ties by lowered names took
/// longer than reading them; by two numbers it takes a few milliseconds.
struct Placed {
    /// The group (2 bits) and rank (62) above the most recent contact, reversed (64).
    standing: u128,
    name: u128,
    person: u32,
    figures: u32,
}

impl Placed {
    fn new(person: usize, figures: usize, listed: &ListedPerson, f: &Figures) -> Placed {
        let group: u128 = match f.status {
            Status::Active => 0,
            Status::Dormant => 1,
            Status::Paper => 2,
            Status::Archived => 3,
        };
        // No one has a rank of 2^62, or a contact on day i64::MIN.
        let rank = f.rank.map_or(u128::from(u64::MAX >> 2), |r| {
            (r as u128).min(u128::from(u64::MAX >> 2) - 1)
        });
        let recency = f.last_contact.map_or(u128::from(u64::MAX), |day| {
            (i128::from(i64::MAX) - i128::from(day)) as u128
        });
        Placed {
            standing: group << 126 | rank << 64 | recency,
            name: name_prefix(&listed.name),
            person: person as u32,
            figures: figures as u32,
        }
    }
}

/// The first sixteen bytes of a name in lower case (UTF-8), zero-padded: ordered as the
/// lowered names are, as far as they go. (Eight were too few: generated and real names
/// share their first eight bytes often, "Uma K. N…".)
fn name_prefix(name: &str) -> u128 {
    let mut bytes = [0u8; 16];
    if name.is_ascii() {
        for (into, byte) in bytes.iter_mut().zip(name.bytes()) {
            *into = byte.to_ascii_lowercase();
        }
    } else {
        let mut at = 0;
        'fill: for c in lowered(name) {
            let mut buffer = [0u8; 4];
            for &byte in c.encode_utf8(&mut buffer).as_bytes() {
                let Some(into) = bytes.get_mut(at) else {
                    break 'fill;
                };
                *into = byte;
                at += 1;
            }
        }
    }
    u128::from_be_bytes(bytes)
}

/// A name's characters in lower case, to compare without making a lowered copy.
fn lowered(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars().flat_map(char::to_lowercase)
}
