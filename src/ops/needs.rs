//! Needs through the one door: noted for a person, listed with who could help (and the way
//! to each), marked done. Introductions for them: `introductions.rs`.

use serde::Serialize;

use super::Desk;
use super::links::{IntroWay, Named, way_along};
use crate::error::{Error, Result};
use crate::insight::helpers::{Matchable, who_could_help};
use crate::insight::intro::find_intros;
use crate::insight::{Network, Status};
use crate::model::need::{need_tags, need_text};
use crate::model::{Need, NeedId, NeedState, Person};

/// How many people who could help a list of needs shows for each.
pub const HELPERS_LISTED: usize = 3;
/// How many `helpers` shows.
pub const HELPERS_SHOWN: usize = 10;

/// Someone who could help with a need, and the way to them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HelperWay {
    #[serde(flatten)]
    pub person: Named,
    pub company: Option<String>,
    pub role: Option<String>,
    pub warmth: f64,
    pub status: Status,
    /// What of theirs matched the need.
    pub matched: Vec<String>,
    /// Whom to ask for an introduction to them, when you are not in touch yourself (a paper
    /// tie); none when you can ask them directly, or when no one you know knows them.
    pub way: Option<IntroWay>,
}

impl HelperWay {
    /// "Chen Okafor (Product Designer at Bolt; active 8.1)", with the way in if there is one.
    pub fn line(&self) -> String {
        let what = match (&self.role, &self.company) {
            (Some(role), Some(company)) => format!("{role} at {company}; "),
            (Some(one), None) | (None, Some(one)) => format!("{one}; "),
            (None, None) => String::new(),
        };
        let how = match (self.status, &self.way) {
            (status, Some(way)) if status.never_in_touch() => {
                format!("never in touch; ask {}", way.line())
            }
            (status, None) if status.never_in_touch() => "never in touch".to_string(),
            (status, _) => format!("{} {:.1}", status.as_str(), self.warmth),
        };
        format!("{} ({what}{how})", self.person.name)
    }
}

/// A need with the name of its person and the people who could help, best first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListedNeed {
    #[serde(flatten)]
    pub need: Need,
    pub name: String,
    pub helpers: Vec<HelperWay>,
}

/// What finding who could help takes: everyone (in id order, as the model's figures), the
/// index of their words, and the model.
pub(super) struct Matching {
    pub(super) people: Vec<Person>,
    pub(super) matchable: Matchable,
    pub(super) network: Network,
}

impl Desk {
    /// Notes that `person` is looking for `text`; the need and a sentence saying so.
    pub fn need(&mut self, person: &Person, text: &str, tags: &[String]) -> Result<(Need, String)> {
        let text = need_text(text)?;
        let tags = need_tags(tags)?;
        let tagged: String = tags.iter().map(|t| format!(" #{t}")).collect();
        let sentence = format!("{} is looking for {text}{tagged}", person.name());
        let need = self
            .store
            .add_need(person.id, &text, &tags, self.today, &sentence)?;
        let said = format!("Noted: {sentence}, need #{}", need.id);
        Ok((need, said))
    }

    /// Needs (open, or all with `include_done`) in the order noted, each with up to
    /// `helpers` people who could help. Archived people's needs are not listed.
    pub fn needs(&self, include_done: bool, helpers: usize) -> Result<Vec<ListedNeed>> {
        let listed = self.store.needs(include_done)?;
        if listed.is_empty() || helpers == 0 {
            return Ok(listed
                .into_iter()
                .map(|(need, name)| ListedNeed {
                    need,
                    name,
                    helpers: Vec::new(),
                })
                .collect());
        }
        let matching = self.matching()?;
        let mut graph = None;
        let mut needs = Vec::with_capacity(listed.len());
        for (need, name) in listed {
            let helpers = if need.state == NeedState::Open {
                self.helper_ways(&matching, &mut graph, &need, helpers)?
            } else {
                Vec::new()
            };
            needs.push(ListedNeed {
                need,
                name,
                helpers,
            });
        }
        Ok(needs)
    }

    /// Need `id` with the `limit` people best placed to help.
    pub fn helpers(&self, id: NeedId, limit: usize) -> Result<ListedNeed> {
        let need = self.open_need(id)?;
        let matching = self.matching()?;
        let name = matching
            .people
            .binary_search_by_key(&need.person, |p| p.id)
            .map(|at| matching.people[at].name().to_string())
            .unwrap_or_else(|_| format!("#{}", need.person));
        let helpers = self.helper_ways(&matching, &mut None, &need, limit)?;
        Ok(ListedNeed {
            need,
            name,
            helpers,
        })
    }

    /// Marks need `id` done today (it stays listed under `needs --all`).
    pub fn finish_need(&mut self, id: NeedId) -> Result<String> {
        let done = self.store.finish_need(id, self.today, |need| {
            format!("Need #{} done: {}", need.id, need.text)
        })?;
        Ok(format!(
            "Done: {} no longer needs {}.",
            self.person_name(done.person)?,
            done.text
        ))
    }

    /// Everyone with what they can be matched by, indexed, and the model: read in one
    /// transaction, the people read and indexed while the model runs.
    pub(super) fn matching(&self) -> Result<Matching> {
        self.store.read(|store| {
            let histories = store.histories()?;
            let (network, (people, matchable)) = self.evaluate_while(&histories, || {
                let people = store.people_to_match()?;
                let matchable = Matchable::new(&people);
                Ok((people, matchable))
            })?;
            Ok(Matching {
                people,
                matchable,
                network,
            })
        })
    }

    /// Need `id`, open: unknown or done says so.
    pub(super) fn open_need(&self, id: NeedId) -> Result<Need> {
        let need = self.store.need(id)?.ok_or_else(|| {
            Error::invalid(format!("no need #{id} (the ids are in `tiesdesk needs`)"))
        })?;
        match need.done_on {
            Some(day) => Err(Error::invalid(format!(
                "need #{id} was already done on {day}"
            ))),
            None => Ok(need),
        }
    }

    /// The `limit` best people to help with `need`, each with the way to them. The link
    /// graph is built the first time a paper tie needs a way, and kept in `graph`.
    fn helper_ways(
        &self,
        matching: &Matching,
        graph: &mut Option<crate::insight::intro::LinkGraph>,
        need: &Need,
        limit: usize,
    ) -> Result<Vec<HelperWay>> {
        let found = who_could_help(&matching.matchable, &matching.network, need, limit);
        self.ways_to(matching, graph, found)
    }

    /// The people `found`, each with the way to them.
    pub(super) fn ways_to(
        &self,
        matching: &Matching,
        graph: &mut Option<crate::insight::intro::LinkGraph>,
        found: Vec<crate::insight::helpers::Helper>,
    ) -> Result<Vec<HelperWay>> {
        let Matching {
            people, network, ..
        } = matching;
        let named = |i: usize| Named {
            id: people[i].id,
            name: people[i].name().to_string(),
        };
        let mut ways = Vec::new();
        for helper in found {
            let way = if helper.status.never_in_touch() {
                if graph.is_none() {
                    *graph = Some(self.link_graph(network)?);
                }
                graph.as_ref().and_then(|graph| {
                    let found = find_intros(graph, network, &[helper.index], 1);
                    found
                        .paths
                        .first()
                        .map(|path| way_along(people, network, &path.path))
                })
            } else {
                None
            };
            let data = &people[helper.index].data;
            ways.push(HelperWay {
                person: named(helper.index),
                company: data.company.clone(),
                role: data.role.clone(),
                warmth: (helper.warmth * 1000.0).round() / 1000.0,
                status: helper.status,
                matched: helper.matched,
                way,
            });
        }
        Ok(ways)
    }
}
