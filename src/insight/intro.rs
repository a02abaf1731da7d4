//! Who can introduce me: paths over the links between people (`knows`, and who introduced
//! whom), from someone I can ask to the person, company or tag I want to reach.
//!
//! I know everyone in my database, so every path starts with a first hop I ask myself; what
//! makes a path good is mostly how warm that first hop is (a strong, recent tie is one I can
//! ask a favour of), then how short it is. Archived people are neither asked nor passed
//! through. Paper ties (never engaged) may be asked, but rank below anyone I am in touch with.

use std::collections::VecDeque;

use super::{Network, Status};
use crate::model::PersonId;

/// How many links a path may cross after the first hop: the one you ask knows the target, or
/// knows someone who does. Longer chains ask too much of too many.
pub const MAX_HOPS: usize = 2;

/// The links between people, as neighbour lists over the network's people (its order).
#[derive(Debug, Clone, Default)]
pub struct LinkGraph {
    /// `neighbours[starts[i]..starts[i + 1]]` are person `i`'s neighbours, ascending.
    starts: Vec<usize>,
    neighbours: Vec<u32>,
}

impl LinkGraph {
    /// `ids` in ascending order (the network's order); `pairs` of linked people in any order
    /// and direction. Pairs naming someone not in `ids` are ignored.
    pub fn new(ids: &[PersonId], pairs: impl IntoIterator<Item = (PersonId, PersonId)>) -> Self {
        let index = |id: PersonId| ids.binary_search(&id).ok();
        let mut edges: Vec<(u32, u32)> = Vec::new();
        for (a, b) in pairs {
            if let (Some(a), Some(b)) = (index(a), index(b))
                && a != b
            {
                edges.push((a as u32, b as u32));
                edges.push((b as u32, a as u32));
            }
        }
        edges.sort_unstable();
        edges.dedup();
        let mut starts = vec![0; ids.len() + 1];
        for &(from, _) in &edges {
            starts[from as usize + 1] += 1;
        }
        for i in 0..ids.len() {
            starts[i + 1] += starts[i];
        }
        LinkGraph {
            starts,
            neighbours: edges.into_iter().map(|(_, to)| to).collect(),
        }
    }

    pub fn neighbours(&self, person: usize) -> &[u32] {
        match (self.starts.get(person), self.starts.get(person + 1)) {
            (Some(&from), Some(&to)) => &self.neighbours[from..to],
            _ => &[],
        }
    }

    pub fn links(&self) -> usize {
        self.neighbours.len() / 2
    }
}

/// Someone to ask, and the way from them to the target.
#[derive(Debug, Clone, PartialEq)]
pub struct IntroPath {
    /// Indices into the network, from the person to ask to a target, both included.
    pub path: Vec<usize>,
    pub first_warmth: f64,
    /// The person to ask is a paper tie: you have never been in touch.
    pub first_is_paper: bool,
}

impl IntroPath {
    pub fn first(&self) -> usize {
        self.path[0]
    }

    /// Links crossed after the first hop.
    pub fn hops(&self) -> usize {
        self.path.len() - 1
    }
}

/// Everyone who can help reach a target, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intros {
    /// Targets you are in touch with yourself (active or dormant), warmest first.
    pub direct: Vec<usize>,
    /// People who know a way, best first; each person once, with their best way.
    pub paths: Vec<IntroPath>,
}

/// Finds who can introduce you to any of `targets` (indices into `network.figures`): the
/// `limit` best people to ask, each with their best way. Targets you know yourself (active or
/// dormant) are listed as such and never reached through someone: you can write to them.
pub fn find_intros(
    graph: &LinkGraph,
    network: &Network,
    targets: &[usize],
    limit: usize,
) -> Intros {
    let figures = &network.figures;
    let usable = |i: usize| figures.get(i).is_some_and(|f| f.status != Status::Archived);
    let warmth = |i: usize| figures[i].warmth;
    let mut distance = vec![usize::MAX; figures.len()];
    let mut queue = VecDeque::new();
    let known = |i: usize| matches!(figures[i].status, Status::Active | Status::Dormant);
    for &target in targets {
        if usable(target) && !known(target) && distance[target] == usize::MAX {
            distance[target] = 0;
            queue.push_back(target);
        }
    }
    // Breadth first from all targets at once: `distance` is links to the nearest target.
    while let Some(at) = queue.pop_front() {
        if distance[at] == MAX_HOPS {
            continue;
        }
        for &next in graph.neighbours(at) {
            let next = next as usize;
            if usable(next) && distance[next] == usize::MAX {
                distance[next] = distance[at] + 1;
                queue.push_back(next);
            }
        }
    }
    let mut direct: Vec<usize> = targets
        .iter()
        .copied()
        .filter(|&t| usable(t) && known(t))
        .collect();
    direct.sort_by(|&a, &b| warmth(b).total_cmp(&warmth(a)).then(a.cmp(&b)));
    direct.dedup();

    // The next step towards a target: among neighbours one link closer, the warmest (then the
    // lowest id), so equal paths always resolve the same way.
    let step = |at: usize| -> Option<usize> {
        graph
            .neighbours(at)
            .iter()
            .map(|&n| n as usize)
            .filter(|&n| usable(n) && distance[n].checked_add(1) == Some(distance[at]))
            .max_by(|&a, &b| warmth(a).total_cmp(&warmth(b)).then(b.cmp(&a)))
    };
    // Everyone who can reach a target, ranked; only the best get their path spelled out (a
    // company of hundreds can be reached by most of 30,000 people).
    let mut ranked: Vec<usize> = (0..figures.len())
        .filter(|&i| (1..=MAX_HOPS).contains(&distance[i]))
        .collect();
    let paper = |i: usize| figures[i].status.never_in_touch();
    ranked.sort_unstable_by(|&a, &b| {
        paper(a)
            .cmp(&paper(b))
            .then(warmth(b).total_cmp(&warmth(a)))
            .then(distance[a].cmp(&distance[b]))
            .then(a.cmp(&b))
    });
    ranked.truncate(limit);
    let paths: Vec<IntroPath> = ranked
        .into_iter()
        .filter_map(|first| {
            let mut path = vec![first];
            while distance[*path.last()?] > 0 {
                path.push(step(*path.last()?)?);
            }
            Some(IntroPath {
                path,
                first_warmth: warmth(first),
                first_is_paper: paper(first),
            })
        })
        .collect();
    direct.truncate(limit);
    Intros { direct, paths }
}

#[cfg(test)]
mod tests;
