//! One pass over everyone's history: warmth, the active set and its layers, due and dormant
//! ties, paper ties, the favour ledger and one-sided flags.

use serde::Serialize;

use super::summary::summarize;
pub use super::summary::{LEARNING_DAYS, LayerFill, Summary};

use super::ledger::Ledger;
use super::warmth::{Points, track};
use super::{Contact, Histories};
use crate::config::Config;
use crate::model::{Direction, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Among the top `dunbar` by warmth, with contact inside the active window.
    Active,
    /// Had interactions, but is not active.
    Dormant,
    /// Added by hand, nothing logged yet: meant to be known, not a paper tie.
    New,
    /// Kept passively by choice ("op afroep"): never due, counted apart from the ~150.
    OnCall,
    /// Imported and never engaged: no interaction ever.
    #[default]
    Paper,
    Archived,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Dormant => "dormant",
            Status::New => "new",
            Status::OnCall => "on_call",
            Status::Paper => "paper",
            Status::Archived => "archived",
        }
    }

    /// No interaction ever: a paper tie, or someone added by hand and not yet logged with.
    pub fn never_in_touch(self) -> bool {
        matches!(self, Status::New | Status::Paper)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Due {
    #[default]
    No,
    Due,
    Overdue,
}

impl Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Due::No => serializer.serialize_bool(false),
            Due::Due => serializer.serialize_str("due"),
            Due::Overdue => serializer.serialize_str("overdue"),
        }
    }
}

/// Which rule set the gap after which an active person is due.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DueReason {
    /// The layer's cadence.
    Layer { layer: usize, cadence_days: u32 },
    /// The person's own rhythm: `factor` × their median gap, longer than the layer's cadence.
    OwnRhythm { median_gap: f64, factor: f64 },
    /// The cadence set on the person.
    Override { cadence_days: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OneSided {
    /// You mostly receive: ask less, give first.
    YouTake,
    /// You mostly give.
    TheyTake,
}

/// Everything the model says about one person (by default: someone never in touch).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub id: PersonId,
    pub status: Status,
    /// The layer's nominal size (5, 15, 50, 150) for active people.
    pub layer: Option<usize>,
    /// Position of the layer, 0 = innermost.
    #[serde(skip)]
    pub layer_index: Option<usize>,
    /// Rank by warmth among everyone with contact in the active window (1 = warmest).
    pub rank: Option<usize>,
    pub warmth: f64,
    pub peak_warmth: f64,
    pub interactions: usize,
    pub first_contact: Option<i64>,
    pub last_contact: Option<i64>,
    pub days_since: Option<i64>,
    pub due: Due,
    /// The gap, in days, after which this active person is due.
    pub due_after_days: Option<u32>,
    pub due_reason: Option<DueReason>,
    pub median_gap: Option<f64>,
    pub ledger: Ledger,
    pub one_sided: Option<OneSided>,
    /// The first directed favour was one you received.
    pub started_by_taking: bool,
    /// Of the last few contacts that went one way, how many you started.
    pub initiative: Option<Initiative>,
    /// Dormant long enough to be worth reconnecting.
    pub long_dormant: bool,
    /// Qualified for the active set but found no place in it.
    pub over_capacity: bool,
}

/// How close someone is, as a key that sorts the closest first: the active by layer, then
/// warmth; then the dormant, warmest first; then paper ties; the archived last. Every list
/// of people that match a search equally well is in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Closeness {
    standing: u8,
    layer: usize,
    warmth: std::cmp::Reverse<u64>,
}

impl Closeness {
    /// The same order as one number (80 bits), for sorting many quickly.
    pub fn packed(self) -> u128 {
        let layer = self.layer.min(255) as u128;
        let colder = u64::MAX - self.warmth.0;
        (u128::from(self.standing) << 72) | (layer << 64) | u128::from(colder)
    }
}

impl Figures {
    pub fn closeness(&self) -> Closeness {
        let standing = match self.status {
            Status::Active => 0,
            Status::Dormant => 1,
            Status::OnCall => 1,
            Status::New => 2,
            Status::Paper => 3,
            Status::Archived => 4,
        };
        Closeness {
            standing,
            layer: self.layer_index.unwrap_or(usize::MAX),
            // Warmth is never negative; a millionth is finer than any list shows.
            warmth: std::cmp::Reverse((self.warmth.max(0.0) * 1e6) as u64),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub today: i64,
    /// In the order of `Histories::people` (by id).
    pub figures: Vec<Figures>,
    pub summary: Summary,
}

impl Network {
    pub fn get(&self, id: PersonId) -> Option<&Figures> {
        self.figures
            .binary_search_by_key(&id, |f| f.id)
            .ok()
            .and_then(|i| self.figures.get(i))
    }
}

/// Median of the last `recent` gaps between distinct contact days, if there are `min_gaps`.
fn median_gap(contacts: &[Contact], recent: usize, min_gaps: usize) -> Option<f64> {
    let mut gaps: Vec<i64> = Vec::with_capacity(recent);
    let mut later: Option<i64> = None;
    for contact in contacts.iter().rev() {
        if let Some(later_day) = later {
            if i64::from(contact.day) == later_day {
                continue;
            }
            gaps.push(later_day - i64::from(contact.day));
            if gaps.len() == recent {
                break;
            }
        }
        later = Some(i64::from(contact.day));
    }
    if gaps.len() < min_gaps.max(1) {
        return None;
    }
    gaps.sort_unstable();
    let mid = gaps.len() / 2;
    Some(if gaps.len().is_multiple_of(2) {
        (gaps[mid - 1] + gaps[mid]) as f64 / 2.0
    } else {
        gaps[mid] as f64
    })
}

/// Of the last `of` directed contacts (gave or received, not mutual), how many you started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Initiative {
    pub started: usize,
    pub of: usize,
}

/// How many contacts the initiative figure looks back over.
pub const INITIATIVE_OF: usize = 10;

fn initiative(contacts: &[Contact]) -> Option<Initiative> {
    let directed = contacts
        .iter()
        .rev()
        .filter(|c| c.direction != Direction::Mutual)
        .take(INITIATIVE_OF);
    let (mut started, mut of) = (0, 0);
    for contact in directed {
        of += 1;
        started += usize::from(contact.direction == Direction::Gave);
    }
    (of > 0).then_some(Initiative { started, of })
}

/// How early in a tie its first favour must come to be how it started.
const STARTED_WITHIN_DAYS: i64 = 90;
/// A tie whose first contact comes this soon after the log's first may be older than the log:
/// how it started is not known.
const LOG_COVERS_START_DAYS: i64 = 30;

/// The tie's first directed favour was theirs, early in it: how it started (whether the log
/// covers that start is `evaluate`'s to say).
fn started_by_taking(contacts: &[Contact]) -> bool {
    let Some(first) = contacts.first() else {
        return false;
    };
    contacts
        .iter()
        .find(|c| c.kind.is_favour() && c.direction != Direction::Mutual)
        .is_some_and(|c| {
            c.direction == Direction::Received
                && i64::from(c.day) - i64::from(first.day) <= STARTED_WITHIN_DAYS
        })
}

/// Everything about one person that does not depend on anyone else.
fn person_figures(
    histories: &Histories,
    index: usize,
    config: &Config,
    points: &Points,
    today: i64,
) -> Figures {
    let model = &config.model;
    let person = &histories.people[index];
    let all = histories.contacts_of(index);
    let contacts = &all[..all.partition_point(|c| i64::from(c.day) <= today)];
    let half_life = if person.family {
        model.family_half_life_days
    } else {
        model.half_life_days
    };
    let warmth = track(contacts, today, half_life, points);
    let last_contact = contacts.last().map(|c| i64::from(c.day));
    let status = match (person.archived, last_contact) {
        (true, _) => Status::Archived,
        (false, _) if person.on_call => Status::OnCall,
        (false, None) if person.imported => Status::Paper,
        (false, None) => Status::New,
        (false, Some(_)) => Status::Dormant,
    };
    // The ledger window is the tail of the history: skip straight to it.
    let ledger_from = today - i64::from(config.ledger.window_days);
    let window = &contacts[contacts.partition_point(|c| i64::from(c.day) <= ledger_from)..];
    let ledger = Ledger::over(window, ledger_from, today);
    let one_sided = if person.family || person.archived {
        None
    } else {
        one_sided(&ledger, config)
    };
    Figures {
        id: person.id,
        status,
        layer: None,
        layer_index: None,
        rank: None,
        warmth: warmth.now,
        peak_warmth: warmth.peak,
        interactions: contacts.len(),
        first_contact: contacts.first().map(|c| i64::from(c.day)),
        last_contact,
        days_since: last_contact.map(|d| today - d),
        due: Due::No,
        due_after_days: None,
        due_reason: None,
        median_gap: median_gap(contacts, model.median_gap_recent, model.median_gap_min_gaps),
        ledger,
        one_sided,
        started_by_taking: started_by_taking(contacts),
        initiative: initiative(contacts),
        long_dormant: false,
        over_capacity: false,
    }
}

/// Evaluates everyone at `today` (days since 1970-01-01). Contacts after `today` are ignored.
pub fn evaluate(histories: &Histories, config: &Config, today: i64) -> Network {
    let model = &config.model;
    let window_start = today - i64::from(model.active_window_days);
    let points = Points::new(&model.kind_weights);
    let mut figures: Vec<Figures> = (0..histories.people.len())
        .map(|i| person_figures(histories, i, config, &points, today))
        .collect();
    let mut competing: Vec<usize> = (0..figures.len())
        .filter(|&i| {
            figures[i].status == Status::Dormant
                && figures[i].last_contact.is_some_and(|d| d >= window_start)
        })
        .collect();

    // Rank the competitors: warmest first, then the most recent contact, then by id.
    competing.sort_by(|&a, &b| {
        let (fa, fb) = (&figures[a], &figures[b]);
        fb.warmth
            .total_cmp(&fa.warmth)
            .then_with(|| fb.last_contact.cmp(&fa.last_contact))
            .then_with(|| fa.id.cmp(&fb.id))
    });
    let bounds = config.layer_bounds();
    for (position, &index) in competing.iter().enumerate() {
        let rank = position + 1;
        let fig = &mut figures[index];
        fig.rank = Some(rank);
        if rank > model.dunbar {
            fig.over_capacity = true;
            continue;
        }
        let layer_index = bounds
            .iter()
            .position(|&b| rank <= b)
            .unwrap_or(bounds.len() - 1);
        fig.status = Status::Active;
        fig.layer_index = Some(layer_index);
        fig.layer = model.layers.get(layer_index).copied();
        let cadence = model.cadence_days.get(layer_index).copied().unwrap_or(365);
        let (after, reason) = due_after(fig, cadence, histories.people[index].cadence_days, config);
        fig.due_after_days = Some(after);
        fig.due_reason = Some(reason);
        let gap = fig.days_since.unwrap_or(0);
        fig.due = if gap as f64 > model.overdue_factor * f64::from(after) {
            Due::Overdue
        } else if gap > i64::from(after) {
            Due::Due
        } else {
            Due::No
        };
    }

    // "Once in the inner 50": a peak warmth at least today's warmth at the layer-50 bound, and
    // at least the peak that steady meetings at that layer's cadence reach (w / (1 − 2^(−Δ/H)));
    // a single coffee long ago is not a close tie.
    let inner_layer = 2.min(bounds.len() - 1);
    let cadence = f64::from(model.cadence_days[inner_layer]);
    let steady_floor = model.kind_weights.weight(crate::model::Kind::Meet)
        / (1.0 - (-cadence / model.half_life_days).exp2());
    let inner_threshold = competing
        .get(bounds[inner_layer] - 1)
        .map_or(steady_floor, |&i| figures[i].warmth.max(steady_floor));
    for fig in figures.iter_mut().filter(|f| f.status == Status::Dormant) {
        let quiet = fig.days_since.unwrap_or(0);
        fig.long_dormant = quiet >= i64::from(model.long_dormant_days)
            || (quiet >= i64::from(model.long_dormant_inner_days)
                && fig.peak_warmth >= inner_threshold);
    }

    // Until the log covers a season, no one is due: a gap means nothing yet.
    let first = figures.iter().filter_map(|f| f.first_contact).min();
    let log_days = first.map_or(0, |first| today - first);
    // "Started by taking" only of a tie that began well after the log did: one whose first
    // contact is the log's first days may have started years before it.
    for fig in &mut figures {
        fig.started_by_taking &= match (fig.first_contact, first) {
            (Some(theirs), Some(log)) => theirs - log >= LOG_COVERS_START_DAYS,
            _ => false,
        };
    }
    if log_days < LEARNING_DAYS {
        for fig in &mut figures {
            fig.due = Due::No;
        }
    }
    let mut summary = summarize(&figures, &bounds, config, competing.len());
    summary.log_days = log_days;
    summary.learning = log_days < LEARNING_DAYS;
    Network {
        today,
        figures,
        summary,
    }
}

fn due_after(
    fig: &Figures,
    layer_cadence: u32,
    own: Option<u32>,
    config: &Config,
) -> (u32, DueReason) {
    if let Some(days) = own {
        return (days, DueReason::Override { cadence_days: days });
    }
    let factor = config.model.median_gap_factor;
    if let Some(median) = fig.median_gap {
        let rhythm = (factor * median).ceil();
        if rhythm > f64::from(layer_cadence) {
            // Gaps are whole days well below u32::MAX.
            return (
                rhythm.min(f64::from(u32::MAX)) as u32,
                DueReason::OwnRhythm {
                    median_gap: median,
                    factor,
                },
            );
        }
    }
    (
        layer_cadence,
        DueReason::Layer {
            layer: fig.layer.unwrap_or(0),
            cadence_days: layer_cadence,
        },
    )
}

/// "They take": at least `min` favours, and your share of the giving at least `they`.
/// "You take": your share at most `you`, on the evidence of what you *received*: at least
/// ⌈min × (1 − you)⌉ favours received (5 of the default 6). Counting your own favours toward
/// that evidence would let a favour you give tip you into "you take"; giving never should.
fn one_sided(ledger: &Ledger, config: &Config) -> Option<OneSided> {
    let rules = &config.ledger;
    let share = ledger.give_share()?;
    let received_needed =
        (f64::from(rules.one_sided_min_favours) * (1.0 - rules.you_take_share)).ceil();
    if ledger.favours >= rules.one_sided_min_favours && share >= rules.they_take_share {
        Some(OneSided::TheyTake)
    } else if f64::from(ledger.favours_received) >= received_needed && share <= rules.you_take_share
    {
        Some(OneSided::YouTake)
    } else {
        None
    }
}
