//! The dashboard's lists: your people by layer with the dormant ones after, and the side
//! panels' people. Built from the model's figures each time they change, not per frame.

use crate::insight::circles::Reconnect;
use crate::insight::{self, Network, Status};
use crate::model::{Person, Source};

/// Which of the dashboard's lists has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// Your people, by layer, then the dormant ones.
    #[default]
    List,
    /// Everyone with a one-sided flag, where you take first.
    GiveFirst,
    /// Dormant ties worth reviving, best first.
    Reconnect,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::GiveFirst, Pane::Reconnect];
}

/// A line of the dashboard's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Header(String),
    /// An index into `App::people` (and `App::network.figures`, which share the order).
    Person(usize),
}

/// The Give first panel: everyone with a one-sided flag; where you take comes first (that
/// is where a small favour back matters most), then by warmth.
pub fn give_first(network: &Network) -> Vec<usize> {
    let figures = &network.figures;
    let mut flagged: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].one_sided.is_some())
        .collect();
    flagged.sort_by_key(|&i| {
        let f = &figures[i];
        (
            f.one_sided != Some(insight::OneSided::YouTake),
            f.rank.unwrap_or(usize::MAX),
            f.id,
        )
    });
    flagged
}

/// The dashboard's list: active people by layer (warmest first), then manually added people
/// not yet in touch, then dormant ties with reconnect candidates first. Imported paper ties
/// are only counted (and found by search): never nagged about.
pub fn dashboard_rows(
    people: &[Person],
    network: &Network,
    reconnect: &[Option<Reconnect>],
) -> Vec<Row> {
    let score = |i: usize| {
        reconnect
            .get(i)
            .and_then(Option::as_ref)
            .map_or(0.0, |r| r.score)
    };
    let figures = &network.figures;
    let mut active: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].status == Status::Active)
        .collect();
    active.sort_by_key(|&i| figures[i].rank);
    let mut rows = Vec::with_capacity(active.len() + 64);
    let mut layer = None;
    for i in active {
        if figures[i].layer != layer {
            layer = figures[i].layer;
            let name = match network
                .summary
                .layers
                .iter()
                .position(|l| Some(l.layer) == layer)
            {
                Some(0) => "closest",
                Some(1) => "close",
                Some(2) => "friends",
                _ => "keep in touch",
            };
            rows.push(Row::Header(format!("{} · {name}", layer.unwrap_or(0))));
        }
        rows.push(Row::Person(i));
    }
    let mut fresh: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].status == Status::Paper && people[i].data.source == Source::Manual)
        .collect();
    fresh.sort_by_key(|&i| std::cmp::Reverse(people[i].id));
    if !fresh.is_empty() {
        rows.push(Row::Header("no contact yet".into()));
        rows.extend(fresh.into_iter().map(Row::Person));
    }
    let mut dormant: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].status == Status::Dormant)
        .collect();
    dormant.sort_by(|&a, &b| {
        let (fa, fb) = (&figures[a], &figures[b]);
        fb.long_dormant
            .cmp(&fa.long_dormant)
            .then_with(|| {
                if fa.long_dormant {
                    score(b)
                        .total_cmp(&score(a))
                        .then(fb.peak_warmth.total_cmp(&fa.peak_warmth))
                } else {
                    fb.last_contact.cmp(&fa.last_contact)
                }
            })
            .then_with(|| fa.id.cmp(&fb.id))
    });
    if !dormant.is_empty() {
        rows.push(Row::Header("dormant · reconnect first".into()));
        rows.extend(dormant.into_iter().map(Row::Person));
    }
    rows
}
