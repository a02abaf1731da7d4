//! `list`: people with their figures, filtered and ordered.
//!
//! A listing keeps everyone's figures where the model put them and each listed person once,
//! and orders pairs of indices: at 30,000 people, copying a person and their figures into
//! each row, then moving those rows to sort them, cost more than reading the people did.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Desk, resolve};
use crate::error::Result;
use crate::insight::circles::{
    CircleTable, Reconnect, circle_names, counts_circles, reconnect_scores,
};
use crate::insight::order::{spread_by, standing};
use crate::insight::{Due, Figures, Histories, Initiative, Network, OneSided, Status};
use crate::model::date::day_from_number;
use crate::model::{Day, ListedPeople, ListedPerson, Person, PersonId};

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

/// The people a filter keeps, in list order (`insight::order::standing`, as the dashboard):
/// active by rank, then dormant ties worth reviving, the other dormant by most recent
/// contact, then paper ties and archived people by name.
#[derive(Debug)]
pub struct Listing {
    people: ListedPeople,
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
    pub fn rows(&self) -> impl ExactSizeIterator<Item = (ListedPerson<'_>, &Figures)> + '_ {
        self.rows_in(0..self.len())
    }

    /// The rows at `range` (of list positions).
    pub fn rows_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = (ListedPerson<'_>, &Figures)> + '_ {
        let placed = self.order.get(range).unwrap_or(&[]);
        placed
            .iter()
            .map(|&(person, figures)| (self.people.at(person), &self.network.figures[figures]))
    }

    /// The `list --json` records of the rows at `range`.
    pub fn records_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = RowJson<'_>> + '_ {
        self.rows_in(range)
            .map(|(person, figures)| RowJson::new(person, figures, self.network.summary.learning))
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
    /// The log covers under 90 days: `layer` is a first guess and no one is due yet.
    pub learning: bool,
    pub warmth: f64,
    pub given: u32,
    pub received: u32,
    pub one_sided: Option<OneSided>,
    pub last_contact: Option<Day>,
    pub days_since: Option<i64>,
    /// Of the last directed contacts, how many you started.
    pub initiative: Option<Initiative>,
}

impl<'a> RowJson<'a> {
    pub fn new(person: ListedPerson<'a>, f: &Figures, learning: bool) -> RowJson<'a> {
        RowJson {
            id: person.id,
            name: person.name,
            company: person.company,
            tags: person.tags,
            status: f.status,
            layer: f.layer,
            due: f.due,
            learning,
            warmth: (f.warmth * 1000.0).round() / 1000.0,
            given: f.ledger.given,
            received: f.ledger.received,
            one_sided: f.one_sided,
            initiative: f.initiative,
            last_contact: f.last_contact.and_then(day_from_number),
            days_since: f.days_since,
        }
    }
}

impl Desk {
    /// People with their figures, filtered and ordered (see `Listing`).
    pub fn list(&self, filter: &ListFilter) -> Result<Listing> {
        let (people, network, names, reconnect, found_order): (_, _, Vec<u128>, _, _) =
            self.store.read(|store| match filter.query() {
                // A list shows names, companies and circles, read (with their sort keys) while
                // the model runs.
                None => {
                    let histories = store.histories()?;
                    let (network, (people, names)) = self.evaluate_while(&histories, || {
                        let people = store.people_listed(histories.people.len())?;
                        let names = people.iter().map(|p| name_prefix(p.name)).collect();
                        Ok((people, names))
                    })?;
                    // Everyone is listed here, in the network's order.
                    let reconnect = reconnect_if_listed(filter, &network, &histories, || {
                        CircleTable::new(people.iter().zip(&network.figures).map(|(p, f)| {
                            circle_names(p.company, p.tags).filter(move |_| counts_circles(f))
                        }))
                    });
                    Ok((people, network, names, reconnect, None))
                }
                // A search also looks at the other fields.
                Some(query) => {
                    let histories = store.histories()?;
                    let network = self.evaluate(&histories);
                    let everyone = store.people()?;
                    let reconnect = reconnect_if_listed(filter, &network, &histories, || {
                        CircleTable::counted(everyone.iter().map(|p| &p.data), &network)
                    });
                    let candidates: Vec<&Person> = everyone
                        .iter()
                        .filter(|p| network.get(p.id).is_some_and(|f| filter.keeps(f)))
                        .collect();
                    // Their details, then what was said with them: in the order the app's
                    // search shows them (the better match, then the closest, first).
                    let closeness = |p: &Person| {
                        (network.get(p.id))
                            .map_or_else(|| Figures::default().closeness(), Figures::closeness)
                    };
                    let mut found_order: HashMap<PersonId, u128> = HashMap::new();
                    let details = resolve::search(&candidates, query, closeness);
                    let said = store.note_matches(query)?;
                    for id in (details.iter().map(|found| found.person.id))
                        .chain(said.into_iter().map(|(id, _)| id))
                    {
                        let next = found_order.len() as u128;
                        found_order.entry(id).or_insert(next);
                    }
                    let found: HashSet<PersonId> = found_order.keys().copied().collect();
                    let mut people = ListedPeople::with_capacity(found.len(), found.len() * 32);
                    for person in everyone.into_iter().filter(|p| found.contains(&p.id)) {
                        let data = person.data;
                        people.push(person.id, &data.name, data.company.as_deref(), data.tags);
                    }
                    let names = people.iter().map(|p| name_prefix(p.name)).collect();
                    Ok((people, network, names, reconnect, Some(found_order)))
                }
            })?;
        // Both are in id order: one walk pairs each person with their figures.
        let figures = &network.figures;
        let mut order: Vec<(u128, u128, usize, usize)> = Vec::with_capacity(people.len());
        let mut at = 0;
        for (person, listed) in people.iter().enumerate() {
            while figures.get(at).is_some_and(|f| f.id < listed.id) {
                at += 1;
            }
            if let Some(f) = figures.get(at).filter(|f| f.id == listed.id)
                && filter.keeps(f)
            {
                let name = names.get(person).copied().unwrap_or_default();
                let score = reconnect.get(at).and_then(Option::as_ref);
                let first = match &found_order {
                    Some(found) => found.get(&listed.id).copied().unwrap_or(u128::MAX),
                    None => standing(f, score),
                };
                order.push((first, name, person, at));
            }
        }
        // By standing, then the names' first sixteen bytes lowered, then id (people are in id
        // order): plain numbers, compared as they are. Only people whose names' first
        // sixteen bytes are the same are then put in order by their whole names.
        let mut order = sorted_in_halves(order);
        let by_whole_name = |a: &(u128, u128, usize, usize), b: &(u128, u128, usize, usize)| {
            lowered(people.at(a.2).name)
                .cmp(lowered(people.at(b.2).name))
                .then(a.2.cmp(&b.2))
        };
        for tied in order.chunk_by_mut(|a, b| (a.0, a.1) == (b.0, b.1)) {
            if tied.len() > 1 {
                tied.sort_unstable_by(by_whole_name);
            }
        }
        let mut order: Vec<(usize, usize)> = order
            .into_iter()
            .map(|(_, _, person, figures)| (person, figures))
            .collect();
        if found_order.is_none() {
            spread_reconnect(&mut order, &network, &reconnect);
        }
        Ok(Listing {
            people,
            network,
            order,
        })
    }
}

/// Spreads the long-dormant ties (together in `standing`'s order) across circles, as the
/// dashboard does: a list's first five never lead three times into one company.
fn spread_reconnect(
    order: &mut [(usize, usize)],
    network: &Network,
    reconnect: &[Option<Reconnect>],
) {
    let long_dormant = |&(_, at): &(usize, usize)| {
        network
            .figures
            .get(at)
            .is_some_and(|f| f.status == Status::Dormant && f.long_dormant)
    };
    let Some(start) = order.iter().position(long_dormant) else {
        return;
    };
    let len = order[start..]
        .iter()
        .take_while(|row| long_dormant(row))
        .count();
    spread_by(&mut order[start..start + len], |&(_, at)| at, reconnect);
}

/// Reconnect scores (in the network's order) when the filter lists someone long dormant:
/// they order the dormant as the dashboard does. Nothing to compute otherwise.
fn reconnect_if_listed(
    filter: &ListFilter,
    network: &Network,
    histories: &Histories,
    circles: impl FnOnce() -> CircleTable,
) -> Vec<Option<Reconnect>> {
    if !network
        .figures
        .iter()
        .any(|f| f.long_dormant && filter.keeps(f))
    {
        return Vec::new();
    }
    reconnect_scores(&circles(), network, histories)
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

/// `items` sorted: in two halves on two threads when there are enough to be worth a thread,
/// then merged (30,000 list rows: 19 M instructions on one thread).
fn sorted_in_halves<T: Ord + Send + Copy>(mut items: Vec<T>) -> Vec<T> {
    let half = items.len() / 2;
    if half < 4096 {
        items.sort_unstable();
        return items;
    }
    let sorted_apart = std::thread::scope(|scope| {
        let (first, second) = items.split_at_mut(half);
        let other = std::thread::Builder::new()
            .name("sort".into())
            .spawn_scoped(scope, move || second.sort_unstable());
        first.sort_unstable();
        match other {
            Ok(thread) => {
                thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                true
            }
            Err(_) => false,
        }
    });
    if !sorted_apart {
        items.sort_unstable();
        return items;
    }
    let (first, second) = items.split_at(half);
    let mut merged = Vec::with_capacity(items.len());
    let (mut i, mut j) = (0, 0);
    while i < first.len() && j < second.len() {
        if second[j] < first[i] {
            merged.push(second[j]);
            j += 1;
        } else {
            merged.push(first[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&first[i..]);
    merged.extend_from_slice(&second[j..]);
    merged
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn sorting_in_halves_is_sorting(
            items in proptest::collection::vec((0u8..4, any::<u16>()), 0..20_000)
        ) {
            let mut expected = items.clone();
            expected.sort_unstable();
            prop_assert_eq!(sorted_in_halves(items), expected);
        }
    }
}
