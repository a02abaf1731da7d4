//! The order people are shown in, once for every front end: the dashboard's list and panels,
//! and `list`. Active people by rank; dormant ties worth reviving first (by their reconnect
//! score), the rest of the dormant by most recent contact; then paper ties, then archived.

use super::circles::Reconnect;
use super::{Network, OneSided, Status};
use crate::model::Person;

/// A line of the dashboard's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The start of a layer of active people: its size (5, 15, …) and its place among the
    /// layers (0 the closest).
    Layer { size: usize, place: Option<usize> },
    /// People added by hand with nothing logged yet.
    NoContactYet,
    /// Dormant ties, the ones worth reviving first.
    Dormant,
    /// People kept on call: apart from the active and the dormant.
    OnCall,
    /// An index into the people (and the network's figures, which share their order).
    Person(usize),
}

impl Row {
    pub fn is_header(self) -> bool {
        !matches!(self, Row::Person(_))
    }
}

/// A person's standing, as one number that sorts as the lists do (smaller first): the group
/// in the top 2 bits (active, dormant, new or paper, archived); for active people their rank, then
/// the most recent contact; for dormant ones, those long dormant first by reconnect score,
/// then by how warm they once were, the others by the most recent contact. Between equals,
/// callers order by name or id. Sorting by numbers keeps `list` at 30,000 people fast.
pub fn standing(figures: &super::Figures, reconnect: Option<&Reconnect>) -> u128 {
    let group: u128 = match figures.status {
        Status::Active => 0,
        Status::Dormant | Status::OnCall => 1,
        Status::New | Status::Paper => 2,
        Status::Archived => 3,
    };
    let recency = figures.last_contact.map_or(u128::from(u64::MAX), |day| {
        (i128::from(i64::MAX) - i128::from(day)) as u128
    });
    let within = match figures.status {
        Status::Active => {
            // No one has a rank of 2^61.
            let rank = figures.rank.map_or(u128::from(u64::MAX >> 3), |r| {
                (r as u128).min(u128::from(u64::MAX >> 3) - 1)
            });
            rank << 64 | recency
        }
        Status::Dormant if figures.long_dormant => {
            // Scores are small non-negative sums; 2^40 steps to one keeps every difference.
            let score = reconnect.map_or(0.0, |r| r.score).max(0.0);
            let score = u128::from(u64::MAX >> 3)
                .saturating_sub((score * f64::from(1u32 << 20) * f64::from(1u32 << 20)) as u128);
            // A non-negative float's bits order as the float does.
            let peak = u128::from(u64::MAX - figures.peak_warmth.max(0.0).to_bits());
            score << 64 | peak
        }
        Status::Dormant => 1 << 125 | recency,
        // After every dormant tie: kept apart, by the most recent contact.
        Status::OnCall => 1 << 125 | 1 << 124 | recency,
        // Someone added by hand comes before the imported never-engaged.
        Status::Paper => 1 << 125,
        Status::New | Status::Archived => 0,
    };
    group << 126 | within
}

/// How far down a reconnect list `spread` looks after: every list shows far fewer.
pub const SPREAD_DEPTH: usize = 50;
/// In any this many reconnect candidates in a row, at most `SPREAD_MOST` lead into one circle.
const SPREAD_WINDOW: usize = 5;
const SPREAD_MOST: usize = 2;

/// Spreads a best-first list of reconnect candidates (indices into `reconnect`) across
/// circles: in any five in a row among the first `SPREAD_DEPTH`, at most two share a
/// company or a tag, when the list has others to bring up. Each place takes the best
/// candidate that does not crowd its window; the rest keep their order. A weak tie is worth
/// the circle it opens, and nine calls into one company open one.
pub fn spread(order: &mut [usize], reconnect: &[Option<Reconnect>]) {
    spread_by(order, |&i| i, reconnect);
}

/// `spread` over rows of any kind, each naming its index into `reconnect` by `index`.
pub fn spread_by<T>(order: &mut [T], index: impl Fn(&T) -> usize, reconnect: &[Option<Reconnect>]) {
    let circles_of = |row: &T| -> &[usize] {
        reconnect
            .get(index(row))
            .and_then(Option::as_ref)
            .map_or(&[], |r| &r.circles)
    };
    for place in 0..order.len().min(SPREAD_DEPTH) {
        let window = &order[place.saturating_sub(SPREAD_WINDOW - 1)..place];
        let crowds = |candidate: &T| {
            circles_of(candidate).iter().any(|circle| {
                let already = window
                    .iter()
                    .filter(|shown| circles_of(shown).contains(circle))
                    .count();
                already >= SPREAD_MOST
            })
        };
        if let Some(fits) = order[place..].iter().position(|c| !crowds(c)) {
            order[place..=place + fits].rotate_right(1);
        }
    }
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
            f.one_sided != Some(OneSided::YouTake),
            f.rank.unwrap_or(usize::MAX),
            f.id,
        )
    });
    flagged
}

/// The dashboard's list: active people by layer (warmest first), then manually added people
/// not yet in touch, then dormant ties in `standing`'s order. Imported paper ties are only
/// counted (and found by search): never nagged about.
pub fn dashboard_rows(
    people: &[Person],
    network: &Network,
    reconnect: &[Option<Reconnect>],
) -> Vec<Row> {
    let figures = &network.figures;
    let by_standing = |group: Status| {
        let mut placed: Vec<(u128, i64, usize)> = (0..figures.len())
            .filter(|&i| figures[i].status == group)
            .map(|i| {
                let reconnect = reconnect.get(i).and_then(Option::as_ref);
                (standing(&figures[i], reconnect), figures[i].id, i)
            })
            .collect();
        placed.sort_unstable();
        placed.into_iter().map(|(_, _, i)| i)
    };
    let mut rows = Vec::with_capacity(256);
    let mut layer = None;
    for i in by_standing(Status::Active) {
        if figures[i].layer != layer {
            layer = figures[i].layer;
            let place = network
                .summary
                .layers
                .iter()
                .position(|l| Some(l.layer) == layer);
            rows.push(Row::Layer {
                size: layer.unwrap_or(0),
                place,
            });
        }
        rows.push(Row::Person(i));
    }
    let mut fresh: Vec<usize> = (0..figures.len())
        .filter(|&i| figures[i].status == Status::New)
        .collect();
    fresh.sort_by_key(|&i| std::cmp::Reverse(people[i].id));
    if !fresh.is_empty() {
        rows.push(Row::NoContactYet);
        rows.extend(fresh.into_iter().map(Row::Person));
    }
    let mut dormant: Vec<usize> = by_standing(Status::Dormant).collect();
    // Long dormant ties come first: those are the reconnect candidates.
    let candidates = dormant
        .iter()
        .take_while(|&&i| figures[i].long_dormant)
        .count();
    spread(&mut dormant[..candidates], reconnect);
    if !dormant.is_empty() {
        rows.push(Row::Dormant);
        rows.extend(dormant.into_iter().map(Row::Person));
    }
    let on_call: Vec<usize> = by_standing(Status::OnCall).collect();
    if !on_call.is_empty() {
        rows.push(Row::OnCall);
        rows.extend(on_call.into_iter().map(Row::Person));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::Figures;

    fn figures(status: Status) -> Figures {
        Figures {
            status,
            ..Figures::default()
        }
    }

    fn reconnect(score: f64) -> Reconnect {
        Reconnect {
            score,
            bridges_to: Vec::new(),
            circles: Box::default(),
            gave: false,
            received: false,
        }
    }

    #[test]
    fn groups_come_in_order_whatever_is_inside_them() {
        let mut active = figures(Status::Active);
        active.rank = Some(40_000);
        active.last_contact = Some(-20_000);
        let mut dormant = figures(Status::Dormant);
        dormant.long_dormant = true;
        dormant.peak_warmth = 9.0;
        let long = reconnect(3.5);
        let mut recent = figures(Status::Dormant);
        recent.last_contact = Some(i64::MIN + 1);
        let order = [
            standing(&active, None),
            standing(&dormant, Some(&long)),
            standing(&recent, None),
            standing(&figures(Status::Paper), None),
            standing(&figures(Status::Archived), None),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:x?}");
    }

    #[test]
    fn long_dormant_ties_come_by_score_then_by_how_warm_they_were() {
        let tie = |peak: f64| Figures {
            status: Status::Dormant,
            long_dormant: true,
            peak_warmth: peak,
            ..Figures::default()
        };
        let (low, high) = (reconnect(0.31), reconnect(0.32));
        // A higher score first, however warm the other once was.
        assert!(standing(&tie(0.1), Some(&high)) < standing(&tie(50.0), Some(&low)));
        // Equal scores: the warmer one first.
        assert!(standing(&tie(2.0), Some(&low)) < standing(&tie(1.0), Some(&low)));
        // A tie long dormant before one dormant a short while.
        let mut short = tie(80.0);
        short.long_dormant = false;
        short.last_contact = Some(20_000);
        assert!(standing(&tie(0.0), None) < standing(&short, None));
    }

    #[test]
    fn reconnect_spreads_across_circles_and_keeps_order_otherwise() {
        // Circles: 0 is one company, 1 and 2 others, 3 a tag some share.
        let of = |circles: &[usize]| {
            Some(Reconnect {
                circles: circles.into(),
                ..reconnect(0.5)
            })
        };
        let scores = vec![
            of(&[0]),
            of(&[0, 3]),
            of(&[0]),
            of(&[0]),
            of(&[1, 3]),
            of(&[2, 3]),
            of(&[1]),
            None,
        ];
        let mut order: Vec<usize> = (0..scores.len()).collect();
        spread(&mut order, &scores);
        // The third into company 0 waits until the first leaves the window; tag 3 is held to
        // two in any five too (5 waits for 1 and 4 to leave it), and someone with no circle
        // (7) fills a place nobody else may take.
        assert_eq!(order, [0, 1, 4, 6, 7, 2, 3, 5]);
        for window in order.windows(5) {
            for circle in 0..4 {
                let into = window
                    .iter()
                    .filter(|&&i| {
                        scores[i]
                            .as_ref()
                            .is_some_and(|r| r.circles.contains(&circle))
                    })
                    .count();
                assert!(into <= 2, "{window:?} has {into} into {circle}");
            }
        }
        // Nothing else to bring up: the order stays as scored.
        let crowded = vec![of(&[0]), of(&[0]), of(&[0]), of(&[0])];
        let mut order: Vec<usize> = (0..4).collect();
        spread(&mut order, &crowded);
        assert_eq!(order, [0, 1, 2, 3]);
    }

    #[test]
    fn active_people_come_by_rank_then_most_recent() {
        let at = |rank: usize, last: i64| Figures {
            status: Status::Active,
            rank: Some(rank),
            last_contact: Some(last),
            ..Figures::default()
        };
        assert!(standing(&at(1, 10), None) < standing(&at(2, 900), None));
        assert!(standing(&at(3, 900), None) < standing(&at(3, 10), None));
    }
}
