//! The network in a few numbers: capacity by layer, who is dormant, paper, on call, due,
//! one-sided; and whether the log is long enough yet to say who is due.

use serde::Serialize;

use super::evaluate::{Due, Figures, OneSided, Status};
use crate::config::Config;

/// Figures of the whole network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub dunbar: usize,
    pub active: usize,
    /// Nominal size, capacity and occupancy of each layer, innermost first.
    pub layers: Vec<LayerFill>,
    /// People with contact inside the active window (they compete for `dunbar` places).
    pub competing: usize,
    pub over_capacity: usize,
    pub dormant: usize,
    pub long_dormant: usize,
    pub paper: usize,
    /// Kept on call: not among the active, never due.
    pub on_call: usize,
    /// Not archived.
    pub everyone: usize,
    pub paper_share: f64,
    pub archived: usize,
    pub due: usize,
    pub overdue: usize,
    pub you_take: usize,
    pub they_take: usize,
    /// How many days the log covers (from the first contact to today).
    pub log_days: i64,
    /// The log covers under [`LEARNING_DAYS`]: no one is due yet, and layers are a first
    /// guess ("learning your rhythm"): a week of log says little about who is close.
    pub learning: bool,
}

/// How many days of log tiesdesk wants before it says who is due or overdue.
pub const LEARNING_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LayerFill {
    pub layer: usize,
    pub capacity: usize,
    pub people: usize,
}

/// The summary of `figures` (`bounds`: each layer's outer rank).
pub(super) fn summarize(
    figures: &[Figures],
    bounds: &[usize],
    config: &Config,
    competing: usize,
) -> Summary {
    let count = |keep: &dyn Fn(&Figures) -> bool| figures.iter().filter(|f| keep(f)).count();
    let everyone = count(&|f| f.status != Status::Archived);
    let paper = count(&|f| f.status == Status::Paper);
    let layers = bounds
        .iter()
        .enumerate()
        .map(|(i, &bound)| LayerFill {
            layer: config.model.layers.get(i).copied().unwrap_or(bound),
            capacity: bound - if i == 0 { 0 } else { bounds[i - 1] },
            people: count(&|f| f.layer_index == Some(i)),
        })
        .collect();
    Summary {
        dunbar: config.model.dunbar,
        active: count(&|f| f.status == Status::Active),
        layers,
        competing,
        over_capacity: competing.saturating_sub(config.model.dunbar),
        dormant: count(&|f| f.status == Status::Dormant),
        long_dormant: count(&|f| f.long_dormant),
        paper,
        on_call: count(&|f| f.status == Status::OnCall),
        everyone,
        paper_share: if everyone == 0 {
            0.0
        } else {
            paper as f64 / everyone as f64
        },
        archived: count(&|f| f.status == Status::Archived),
        due: count(&|f| f.due == Due::Due),
        overdue: count(&|f| f.due == Due::Overdue),
        you_take: count(&|f| f.one_sided == Some(OneSided::YouTake)),
        they_take: count(&|f| f.one_sided == Some(OneSided::TheyTake)),
        log_days: 0,
        learning: false,
    }
}
