//! Links between people, and who can introduce you to a person, a company or a tag.

use serde::Serialize;

use super::{Desk, resolve};
use crate::error::{Error, Result};
use crate::insight::circles::{self, Circle};
use crate::insight::intro::{LinkGraph, find_intros};
use crate::insight::{Network, Status};
use crate::model::{Link, LinkKind, Person, PersonId};

/// How many people to ask an intro report lists at most (the best ones).
pub const INTRO_WAYS: usize = 100;

/// A person named in a profile or a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: PersonId,
    pub name: String,
}

/// Whom a person is linked to, and the circles they bridge.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Connections {
    pub introduced_by: Option<Named>,
    /// People this person introduced you to.
    pub introduced: Vec<Named>,
    pub knows: Vec<Named>,
    /// Companies and tags this person bridges: where they are your only active tie (if
    /// active), or where no one you know is active (if not).
    pub bridges: Vec<String>,
}

/// What `intro` is looking for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum IntroTarget {
    Person(String),
    Company(String),
    Tag(String),
}

impl IntroTarget {
    pub fn describe(&self) -> String {
        match self {
            IntroTarget::Person(name) => name.clone(),
            IntroTarget::Company(name) => format!("someone at {name}"),
            IntroTarget::Tag(tag) => format!("someone in #{tag}"),
        }
    }
}

/// One way in: the person to ask and every step after them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntroWay {
    pub ask: Named,
    pub warmth: f64,
    pub status: Status,
    /// Days since the last contact with the person to ask (none: never).
    pub days_since: Option<i64>,
    /// From the person to ask to the target, both included.
    pub path: Vec<Named>,
}

impl IntroWay {
    /// One line: "Ana Lima (active 12.3) → Bram de Vries → Chen Okafor"; a tie gone quiet
    /// says for how long ("quiet for 5y"), which says more than a warmth near nothing.
    pub fn line(&self) -> String {
        let how = if self.status.never_in_touch() {
            "never in touch".to_string()
        } else if self.status == Status::Dormant {
            format!(
                "quiet for {}",
                crate::insight::span::short_ago(self.days_since)
            )
        } else {
            format!("{} {:.1}", self.status.as_str(), self.warmth)
        };
        let rest: Vec<&str> = self.path.iter().skip(1).map(|n| n.name.as_str()).collect();
        if rest.is_empty() {
            format!("{} ({how})", self.ask.name)
        } else {
            format!("{} ({how}) → {}", self.ask.name, rest.join(" → "))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IntroReport {
    pub target: IntroTarget,
    /// Targets you are in touch with yourself.
    pub direct: Vec<IntroWay>,
    pub paths: Vec<IntroWay>,
}

impl IntroReport {
    /// The heading over the targets you know yourself: those you are in touch with
    /// (`active`), or those known from before and quiet now — a way back in, not a way in.
    /// `short` for a screen's narrow box, where the rows under it say the rest.
    pub fn known_heading(&self, active: bool, short: bool) -> String {
        let target = self.target.describe();
        match (active, short) {
            (true, false) => format!("You are in touch with {target} yourself"),
            (true, true) => format!("In touch with {target}"),
            (false, false) => {
                format!("You know {target} from before (quiet now; write to them yourself)")
            }
            (false, true) => format!("You know {target} from before (quiet now)"),
        }
    }
}

impl Desk {
    /// Links two people; returns what was done, in words.
    /// Adds many links at once (those already there are skipped), as one undoable change;
    /// how many were new.
    pub fn insert_links(&mut self, links: &[Link], description: &str) -> Result<usize> {
        self.store.insert_links(links, description)
    }

    pub fn link(&mut self, a: &Person, kind: LinkKind, b: &Person) -> Result<String> {
        let link = Link::new(a.id, b.id, kind)?;
        let sentence = match kind {
            LinkKind::Knows => format!("{} knows {}", a.name(), b.name()),
            LinkKind::Introduced => format!("{} introduced you to {}", a.name(), b.name()),
        };
        if self.store.link(link, &sentence)? {
            Ok(sentence)
        } else {
            Ok(format!("Already recorded: {sentence}"))
        }
    }

    pub fn unlink(&mut self, a: &Person, b: &Person) -> Result<String> {
        let sentence = format!("Unlinked {} and {}", a.name(), b.name());
        match self.store.unlink(a.id, b.id, &sentence)? {
            0 => Err(Error::invalid(format!(
                "{} and {} are not linked",
                a.name(),
                b.name()
            ))),
            _ => Ok(sentence),
        }
    }

    /// Whom `person` is linked to, and what they bridge. `people` is in id order and holds at
    /// least everyone the answer names (their links, introducer, those they introduced) and
    /// everyone active (what bridges are measured against): all of them, or only those.
    pub fn connections(
        &self,
        person: &Person,
        people: &[Person],
        network: &Network,
    ) -> Result<Connections> {
        let named = |id: PersonId| {
            people
                .binary_search_by_key(&id, |p| p.id)
                .ok()
                .map(|i| Named {
                    id,
                    name: people[i].name().to_string(),
                })
        };
        let mut connections = Connections {
            introduced_by: person.data.introduced_by.and_then(named),
            ..Connections::default()
        };
        for link in self.store.links_of(person.id)? {
            let other = if link.a == person.id { link.b } else { link.a };
            let Some(other) = named(other) else { continue };
            match link.kind {
                LinkKind::Knows => connections.knows.push(other),
                LinkKind::Introduced if link.a == person.id => {
                    connections.introduced.push(other);
                }
                LinkKind::Introduced => {
                    if connections.introduced_by.is_none() {
                        connections.introduced_by = Some(other);
                    }
                }
            }
        }
        // Whom they introduced, by the introducer recorded on each person.
        for other in people
            .iter()
            .filter(|p| p.data.introduced_by == Some(person.id))
        {
            if !connections.introduced.iter().any(|n| n.id == other.id) {
                connections.introduced.extend(named(other.id));
            }
        }
        let active_others = people
            .iter()
            .filter(|p| p.id != person.id)
            .filter(|p| {
                network
                    .get(p.id)
                    .is_some_and(|f| f.status == Status::Active)
            })
            .map(|p| &p.data);
        connections.bridges = circles::bridges_among(&person.data, active_others)
            .iter()
            .map(Circle::to_string)
            .collect();
        Ok(connections)
    }

    /// Who can introduce you to `target`: a tag (`#climbing` or `climbing`), a company, or a
    /// person, tried in that order for a plain word.
    pub fn intro(&self, target: &str) -> Result<IntroReport> {
        let people = self.store.people()?;
        let network = self.network()?;
        let graph = self.link_graph(&network)?;
        intro_report(&people, &network, &graph, target)
    }

    /// The links as a graph over the network's people.
    pub fn link_graph(&self, network: &Network) -> Result<LinkGraph> {
        let ids: Vec<PersonId> = network.figures.iter().map(|f| f.id).collect();
        Ok(LinkGraph::new(&ids, self.store.link_pairs()?))
    }
}

/// Who can introduce you to `target`, from what is already in memory: `people` in id order,
/// the network and the graph over the same people.
pub fn intro_report(
    people: &[Person],
    network: &Network,
    graph: &LinkGraph,
    target: &str,
) -> Result<IntroReport> {
    if people.len() != network.figures.len() {
        return Err(Error::Database(
            "the people changed while reading; try again".into(),
        ));
    }
    let (target, members) = intro_target(people, target)?;
    let found = find_intros(graph, network, &members, INTRO_WAYS);
    let way = |path: &[usize]| way_along(people, network, path);
    Ok(IntroReport {
        target,
        direct: found.direct.iter().map(|&i| way(&[i])).collect(),
        paths: found.paths.iter().map(|p| way(&p.path)).collect(),
    })
}

/// The way along `path` (indices into `people` and the network, the person to ask first).
pub(super) fn way_along(people: &[Person], network: &Network, path: &[usize]) -> IntroWay {
    let named = |i: usize| Named {
        id: people[i].id,
        name: people[i].name().to_string(),
    };
    let first = path.first().copied().unwrap_or_default();
    IntroWay {
        ask: named(first),
        warmth: (network.figures[first].warmth * 1000.0).round() / 1000.0,
        status: network.figures[first].status,
        days_since: network.figures[first].days_since,
        path: path.iter().map(|&i| named(i)).collect(),
    }
}

/// What a typed target means, and the people (indices into `people`) it stands for.
fn intro_target(people: &[Person], typed: &str) -> Result<(IntroTarget, Vec<usize>)> {
    let wanted = typed.trim();
    let lower = wanted.trim_start_matches('#').to_lowercase();
    let members = |matches: &dyn Fn(&Person) -> bool| -> Vec<usize> {
        people
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.data.archived && matches(p))
            .map(|(i, _)| i)
            .collect()
    };
    if lower.is_empty() {
        return Err(Error::invalid(
            "whom do you want to reach? name a person, a company or a tag",
        ));
    }
    let tagged = members(&|p| p.data.tags.contains(&lower));
    if !tagged.is_empty() && (wanted.starts_with('#') || !wanted.contains(' ')) {
        return Ok((IntroTarget::Tag(lower), tagged));
    }
    let at = |p: &Person| p.data.company.as_deref().map(str::to_lowercase);
    let company = members(&|p| at(p).as_deref() == Some(lower.as_str()));
    if let Some(&first) = company.first() {
        let name = people[first].data.company.clone().unwrap_or_default();
        return Ok((IntroTarget::Company(name), company));
    }
    match resolve::resolve_loosely(people, wanted) {
        Ok(person) if person.data.archived => Err(Error::invalid(format!(
            "{} is archived; unarchive them to look for a way in",
            person.name()
        ))),
        Ok(person) => {
            let index = people
                .binary_search_by_key(&person.id, |p| p.id)
                .map_err(|_| Error::UnknownName(wanted.to_string()))?;
            Ok((IntroTarget::Person(person.name().to_string()), vec![index]))
        }
        Err(unknown @ (Error::UnknownName(_) | Error::DidYouMean { .. })) => {
            // A company named by how it starts ("zephyr" for Zephyr Labs), if only one does.
            let mut names: Vec<String> = people
                .iter()
                .filter(|p| !p.data.archived)
                .filter_map(|p| p.data.company.clone())
                .filter(|c| c.to_lowercase().starts_with(&lower))
                .collect();
            names.sort();
            names.dedup();
            match names.as_slice() {
                [name] => {
                    let key = name.to_lowercase();
                    let company = members(&|p| at(p).as_deref() == Some(key.as_str()));
                    Ok((IntroTarget::Company(name.clone()), company))
                }
                [] if matches!(unknown, Error::DidYouMean { .. }) => Err(unknown),
                _ => Err(Error::invalid(format!(
                    "no person, company or tag matches '{wanted}'"
                ))),
            }
        }
        Err(other) => Err(other),
    }
}
