//! The correspondents tiesdesk does not know: how many exchanges went each way, who of them to
//! add (`--add-people`, `--add`), whom each may already be (a person by the same name without
//! that address), and who the user said never to list (`capture.ignore`).

use std::collections::HashMap;

use super::super::Desk;
use super::super::resolve::fold;
use super::report::{Candidate, Unknown};
use super::{CaptureOptions, name_from_address};
use crate::error::{Error, Result};
use crate::import::capture::Correspondent;
use crate::model::{CaptureSource, Direction, PersonData, PersonId};
use crate::store::StageCursor;

/// How many people by the same name a row offers.
const SAME_NAME_SHOWN: usize = 3;

/// Someone this capture adds: the correspondent they are, and who they will be.
pub(super) struct Newcomer {
    pub who: u32,
    pub data: PersonData,
}

/// What the capture knows of the correspondents no one has.
pub(super) struct Strangers {
    pub rows: Vec<Unknown>,
    pub newcomers: Vec<Newcomer>,
    pub ignored: usize,
}

impl Desk {
    /// Tallies the staged exchanges of every address no one has, and decides from the
    /// options whom to add. An `--add` that names no one in the mail is refused.
    pub(super) fn strangers(
        &self,
        source: CaptureSource,
        file_name: &str,
        correspondents: &[Correspondent],
        by_email: &HashMap<String, PersonId>,
        options: &CaptureOptions,
    ) -> Result<Strangers> {
        let tallies = self.tallies(correspondents, by_email)?;
        let asked: Vec<(String, String)> = options
            .add
            .iter()
            .map(|a| (a.trim().to_lowercase(), fold(a.trim())))
            .collect();
        let named_by = |correspondent: &Correspondent, (email, name): &(String, String)| {
            correspondent.key().to_lowercase() == *email
                || correspondent
                    .name
                    .as_deref()
                    .is_some_and(|n| fold(n) == *name)
        };
        for term in &asked {
            if by_email.contains_key(&term.0) {
                return Err(Error::invalid(format!(
                    "--add {}: already in tiesdesk; that mail is captured with them",
                    term.0
                )));
            }
            let found = tallies.keys().any(|&who| {
                correspondents
                    .get(who as usize)
                    .is_some_and(|c| named_by(c, term))
            });
            if !found {
                return Err(Error::invalid(format!(
                    "--add {}: no one by that address or name in {file_name} (the report lists \
                     who is not in tiesdesk); nothing was imported",
                    term.0
                )));
            }
        }
        let min = self.config.capture.min_exchanges;
        let mut ignored = 0;
        let mut rows: Vec<(u32, Unknown)> = Vec::new();
        for (&who, &(sent, received)) in &tallies {
            let Some(correspondent) = correspondents.get(who as usize) else {
                continue;
            };
            let asked_for = asked.iter().any(|term| named_by(correspondent, term));
            if !asked_for && self.config.capture.ignores(correspondent.key()) {
                ignored += 1;
                continue;
            }
            let both_ways = sent >= min && received >= min;
            rows.push((
                who,
                Unknown {
                    email: correspondent.email.clone(),
                    handle: correspondent.handle.clone(),
                    name: correspondent.name.clone(),
                    sent,
                    received,
                    both_ways,
                    added: (options.add_people && both_ways) || asked_for,
                    same_name: Vec::new(),
                },
            ));
        }
        rows.sort_by(|(_, a), (_, b)| {
            (b.sent + b.received, a.key()).cmp(&(a.sent + a.received, b.key()))
        });
        self.offer_same_names(&mut rows)?;
        let newcomers = rows
            .iter()
            .filter(|(_, u)| u.added)
            .map(|(who, row)| {
                let name = row
                    .name
                    .clone()
                    .unwrap_or_else(|| name_from_address(&row.email));
                let mut data = PersonData::named(&name);
                match &row.handle {
                    // Met in a chat: their handle, and their number when it is one.
                    Some(handle) => {
                        data.handles = vec![handle.clone()];
                        let phone = correspondents
                            .get(*who as usize)
                            .and_then(|c| c.phone.clone());
                        data.phones = phone.into_iter().collect();
                    }
                    None => data.emails = vec![row.email.clone()],
                }
                data.source = source.words().person_source;
                Newcomer { who: *who, data }
            })
            .collect();
        Ok(Strangers {
            rows: rows.into_iter().map(|(_, u)| u).collect(),
            newcomers,
            ignored,
        })
    }

    /// For each address no one has: (sent, received), from the stage.
    fn tallies(
        &self,
        correspondents: &[Correspondent],
        by_email: &HashMap<String, PersonId>,
    ) -> Result<HashMap<u32, (usize, usize)>> {
        let mut tallies: HashMap<u32, (usize, usize)> = HashMap::new();
        let mut cursor = StageCursor::default();
        loop {
            let page = self.store.staged(&mut cursor)?;
            if page.is_empty() {
                return Ok(tallies);
            }
            for exchange in page {
                for &who in &exchange.with {
                    let Some(correspondent) = correspondents.get(who as usize) else {
                        continue;
                    };
                    if by_email.contains_key(correspondent.key()) {
                        continue;
                    }
                    let tally = tallies.entry(who).or_default();
                    match exchange.direction {
                        Direction::Gave => tally.0 += 1,
                        Direction::Received if exchange.organizer.is_none_or(|o| o == who) => {
                            tally.1 += 1;
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    /// Offers, on each row whose name someone in tiesdesk has, those people: the address is
    /// perhaps theirs ("Chen Wu" was added by hand, without it).
    fn offer_same_names(&self, rows: &mut [(u32, Unknown)]) -> Result<()> {
        if rows.iter().all(|(_, u)| u.name.is_none() || u.added) {
            return Ok(());
        }
        let mut by_name: HashMap<String, Vec<Candidate>> = HashMap::new();
        for person in self.store.people_named()? {
            by_name
                .entry(fold(&person.name))
                .or_default()
                .push(Candidate {
                    id: person.id,
                    name: person.name,
                    place: person.company.filter(|c| !c.trim().is_empty()),
                });
        }
        for (_, row) in rows.iter_mut().filter(|(_, u)| !u.added) {
            if let Some(people) = row.name.as_deref().and_then(|n| by_name.get(&fold(n))) {
                row.same_name = people.iter().take(SAME_NAME_SHOWN).cloned().collect();
            }
        }
        Ok(())
    }
}
