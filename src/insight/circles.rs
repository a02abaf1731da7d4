//! Circles (a company, a tag), bridges, and how worth reconnecting a dormant tie is.
//!
//! A circle is reachable through the people in it you are in touch with. An active person who
//! is your only active tie in a circle is a *bridge* to it. A dormant person in a circle where
//! no one is active would bridge you back to it: one of the things that make them worth a note.

use std::collections::HashMap;
use std::fmt;

use super::{Histories, Network, Status};
use crate::model::{Direction, PersonData};

/// A group a person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "lowercase")]
pub enum Circle {
    Company(String),
    Tag(String),
}

impl fmt::Display for Circle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Circle::Company(name) => write!(f, "{name}"),
            Circle::Tag(tag) => write!(f, "#{tag}"),
        }
    }
}

/// The circles of a person: their company and their tags.
pub fn circles_of(data: &PersonData) -> Vec<Circle> {
    circle_names(data.company.as_deref(), &data.tags)
        .map(CircleName::to_circle)
        .collect()
}

/// A circle by the name a person's record holds, borrowed: counting everyone's circles
/// copies none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CircleName<'a> {
    Company(&'a str),
    Tag(&'a str),
}

impl CircleName<'_> {
    pub fn to_circle(self) -> Circle {
        match self {
            CircleName::Company(name) => Circle::Company(name.to_string()),
            CircleName::Tag(tag) => Circle::Tag(tag.to_string()),
        }
    }
}

/// The circles of a person with this company and these tags, by name.
pub fn circle_names<'a>(
    company: Option<&'a str>,
    tags: &'a [String],
) -> impl Iterator<Item = CircleName<'a>> + 'a {
    company
        .map(CircleName::Company)
        .into_iter()
        .chain(tags.iter().map(|tag| CircleName::Tag(tag)))
}

/// Whether a person's circles count for reconnect scores: an active tie's (it keeps a
/// circle open) and a dormant one's (it may lead back into one).
pub fn counts_circles(f: &super::Figures) -> bool {
    matches!(f.status, Status::Active | Status::Dormant)
}

/// Everyone's circles that reconnect scores count, person by person in the network's order,
/// each distinct circle kept and numbered once: what is counted per circle is counted in a
/// list, and each name is hashed once. Only active people's circles (an active tie keeps a
/// circle open) and dormant people's (one may lead back into it) count: anyone else's may be
/// left out, as the review leaves out the paper ties that are most of a large import.
#[derive(Debug, Clone, Default)]
pub struct CircleTable {
    circles: Vec<Circle>,
    /// Person `i`'s circles are `numbers[starts[i]..starts[i + 1]]`.
    starts: Vec<usize>,
    numbers: Vec<usize>,
    /// Each company's and tag's number, looked up by a borrowed name.
    companies: HashMap<String, usize>,
    tags: HashMap<String, usize>,
}

impl CircleTable {
    /// A table for about `people` people.
    pub fn with_capacity(people: usize) -> CircleTable {
        let mut starts = Vec::with_capacity(people + 1);
        starts.push(0);
        CircleTable {
            starts,
            ..CircleTable::default()
        }
    }

    /// The table of `people`, in the network's order.
    pub fn new<'a, P: IntoIterator<Item = CircleName<'a>>>(
        people: impl IntoIterator<Item = P>,
    ) -> CircleTable {
        let mut table = CircleTable::with_capacity(0);
        for theirs in people {
            table.push(theirs);
        }
        table
    }

    /// The table of `people` (in the network's order) with only the circles that count:
    /// active and dormant people's.
    pub fn counted<'a>(
        people: impl IntoIterator<Item = &'a PersonData>,
        network: &Network,
    ) -> CircleTable {
        CircleTable::new(people.into_iter().zip(&network.figures).map(|(data, f)| {
            let counts = counts_circles(f);
            circle_names(data.company.as_deref(), &data.tags).filter(move |_| counts)
        }))
    }

    /// Adds the next person's circles (none for someone whose circles do not count).
    pub fn push<'a>(&mut self, circles: impl IntoIterator<Item = CircleName<'a>>) {
        for circle in circles {
            let next = self.circles.len();
            let (numbered, name) = match circle {
                CircleName::Company(name) => (&mut self.companies, name),
                CircleName::Tag(tag) => (&mut self.tags, tag),
            };
            let number = match numbered.get(name) {
                Some(&number) => number,
                None => {
                    numbered.insert(name.to_string(), next);
                    self.circles.push(circle.to_circle());
                    next
                }
            };
            self.numbers.push(number);
        }
        self.starts.push(self.numbers.len());
    }

    /// The numbers of person `i`'s circles (none for someone past the end).
    fn numbers_of(&self, person: usize) -> &[usize] {
        match (self.starts.get(person), self.starts.get(person + 1)) {
            (Some(&start), Some(&end)) => self.numbers.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// How many active people each circle has, by number.
    fn active_counts(&self, network: &Network) -> Vec<usize> {
        let mut counts = vec![0; self.circles.len()];
        for (person, figures) in network.figures.iter().enumerate() {
            if figures.status == Status::Active {
                for &number in self.numbers_of(person) {
                    counts[number] += 1;
                }
            }
        }
        counts
    }
}

impl Circle {
    pub fn contains(&self, data: &PersonData) -> bool {
        match self {
            Circle::Company(name) => data.company.as_deref() == Some(name.as_str()),
            Circle::Tag(tag) => data.tags.contains(tag),
        }
    }
}

/// What a person bridges: for an active person, the circles where they are your only active
/// tie; for anyone else, the circles where you have no active tie at all (they are a way back
/// in). `people` and the network share their order. One pass, no allocation per person: the
/// person view asks this of 30,000 people on every open.
pub fn bridges(person: usize, people: &[&PersonData], network: &Network) -> Vec<Circle> {
    let active = |i: usize| {
        network
            .figures
            .get(i)
            .is_some_and(|f| f.status == Status::Active)
    };
    let Some(data) = people.get(person) else {
        return Vec::new();
    };
    let others = people
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != person && active(i))
        .map(|(_, other)| *other);
    bridges_among(data, others)
}

/// What `data` bridges, given the other people who are active (however few were read): the
/// circles none of them is in. For an active person that makes them your only active tie
/// there; for anyone else, a way back into a circle where you have no one.
pub fn bridges_among<'a>(
    data: &PersonData,
    active_others: impl IntoIterator<Item = &'a PersonData>,
) -> Vec<Circle> {
    let mine = circles_of(data);
    let mut counts = vec![0usize; mine.len()];
    for other in active_others {
        for (k, circle) in mine.iter().enumerate() {
            counts[k] += usize::from(circle.contains(other));
        }
    }
    mine.into_iter()
        .zip(counts)
        .filter(|&(_, count)| count == 0)
        .map(|(circle, _)| circle)
        .collect()
}

/// Why a dormant tie is worth reconnecting with, and how much (0 to 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Reconnect {
    pub score: f64,
    /// Circles of theirs where you have no active tie now.
    pub bridges_to: Vec<Circle>,
    /// All their circles (company, tags) by number in the table the scores came from: what
    /// `order::spread` keeps from crowding one list.
    pub circles: Box<[usize]>,
    /// You did each other favours before: goodwill to build on.
    pub gave: bool,
    pub received: bool,
}

/// Weights of the reconnect score (they sum to 1).
const PEAK: f64 = 0.35;
const QUIET: f64 = 0.15;
const GOODWILL: f64 = 0.2;
const BRIDGE: f64 = 0.3;
/// After this long without contact a tie counts as fully quiet.
const QUIET_DAYS: f64 = 3.0 * 365.0;

/// A score for every dormant person (others get `None`): how warm they once were (against the
/// warmest dormant tie), how long it has been, goodwill from favours either way, and whether they
/// reach a circle where you have no one active (a weak tie's value is the circle it opens).
pub fn reconnect_scores(
    circles: &CircleTable,
    network: &Network,
    histories: &Histories,
) -> Vec<Option<Reconnect>> {
    let counts = circles.active_counts(network);
    let figures = &network.figures;
    let top_peak = figures
        .iter()
        .filter(|f| f.status == Status::Dormant)
        .map(|f| f.peak_warmth)
        .fold(0.0_f64, f64::max);
    figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if f.status != Status::Dormant {
                return None;
            }
            let favours = histories
                .contacts_of(i)
                .iter()
                .filter(|c| c.kind.is_favour());
            let (mut gave, mut received) = (false, false);
            for contact in favours {
                match contact.direction {
                    Direction::Gave => gave = true,
                    Direction::Received => received = true,
                    Direction::Mutual => {}
                }
            }
            let bridges_to: Vec<Circle> = circles
                .numbers_of(i)
                .iter()
                .filter(|&&number| counts[number] == 0)
                .map(|&number| circles.circles[number].clone())
                .collect();
            let peak = if top_peak > 0.0 {
                f.peak_warmth / top_peak
            } else {
                0.0
            };
            let quiet = (f.days_since.unwrap_or(0) as f64 / QUIET_DAYS).clamp(0.0, 1.0);
            let goodwill = match (gave, received) {
                (true, true) => 1.0,
                (true, false) | (false, true) => 0.6,
                (false, false) => 0.0,
            };
            let bridge = if bridges_to.is_empty() { 0.0 } else { 1.0 };
            Some(Reconnect {
                score: PEAK * peak + QUIET * quiet + GOODWILL * goodwill + BRIDGE * bridge,
                bridges_to,
                circles: circles.numbers_of(i).into(),
                gave,
                received,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::insight::evaluate;
    use crate::model::Kind;

    use crate::insight::fixtures::{TODAY, contact, person};

    #[test]
    fn bridges_and_reconnect_scores() {
        // 1 active at Acme; 2 active at Acme and #climbing; 3 dormant at Zephyr (no one active
        // there) with favours both ways; 4 dormant at Acme, no favours, once as warm as 3.
        let contacts = vec![
            (1, contact(3, Kind::Meet, Direction::Mutual)),
            (2, contact(4, Kind::Meet, Direction::Mutual)),
            (3, contact(800, Kind::Favour, Direction::Gave)),
            (3, contact(820, Kind::Advice, Direction::Received)),
            (4, contact(800, Kind::Meet, Direction::Mutual)),
        ];
        let histories = Histories::from_parts((1..=4).map(person).collect(), contacts);
        let network = evaluate(&histories, &Config::default(), TODAY);
        let company = |c: &str| Circle::Company(c.into());
        let circles = [
            vec![company("Acme")],
            vec![company("Acme"), Circle::Tag("climbing".into())],
            vec![company("Zephyr")],
            vec![company("Acme")],
        ];
        let data: Vec<PersonData> = circles
            .iter()
            .map(|theirs| {
                let mut data = PersonData::named("x");
                for circle in theirs {
                    match circle {
                        Circle::Company(c) => data.company = Some(c.clone()),
                        Circle::Tag(t) => data.tags.push(t.clone()),
                    }
                }
                data
            })
            .collect();
        let refs: Vec<&PersonData> = data.iter().collect();
        assert!(bridges(0, &refs, &network).is_empty(), "Acme has two");
        assert_eq!(
            bridges(1, &refs, &network),
            [Circle::Tag("climbing".into())]
        );
        assert_eq!(
            bridges(2, &refs, &network),
            [company("Zephyr")],
            "3, dormant, is a way back into Zephyr"
        );
        assert!(
            bridges(3, &refs, &network).is_empty(),
            "Acme has active ties"
        );
        let table = CircleTable::new(
            data.iter()
                .map(|d| circle_names(d.company.as_deref(), &d.tags)),
        );
        let scores = reconnect_scores(&table, &network, &histories);
        assert!(
            scores[0].is_none() && scores[1].is_none(),
            "active people get no score"
        );
        let (three, four) = (scores[2].clone().unwrap(), scores[3].clone().unwrap());
        assert_eq!(three.bridges_to, [company("Zephyr")]);
        assert!(three.gave && three.received);
        assert!(four.bridges_to.is_empty());
        assert!(three.score > four.score, "{three:?} {four:?}");
        assert_eq!(company("Zephyr").to_string(), "Zephyr");
        assert_eq!(Circle::Tag("climbing".into()).to_string(), "#climbing");
    }

    #[test]
    fn a_circle_table_numbers_each_circle_once() {
        // 1 active, 2 dormant, 3 never in touch (a paper tie, whose circles are left out),
        // 4 active.
        let contacts = vec![
            (1, contact(3, Kind::Meet, Direction::Mutual)),
            (2, contact(800, Kind::Meet, Direction::Mutual)),
            (4, contact(5, Kind::Call, Direction::Mutual)),
        ];
        let histories = Histories::from_parts((1..=4).map(person).collect(), contacts);
        let network = evaluate(&histories, &Config::default(), TODAY);
        let tags = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let people = [
            (Some("Acme"), tags(&["acme"])),
            (None, tags(&["acme", "climbing"])),
            (Some("Zephyr"), tags(&["sailing"])),
            (Some("Acme"), Vec::new()),
        ];
        let data: Vec<PersonData> = people
            .iter()
            .map(|(company, tags)| PersonData {
                company: company.map(str::to_string),
                tags: tags.clone(),
                ..PersonData::named("x")
            })
            .collect();
        let table = CircleTable::counted(&data, &network);
        assert_eq!(
            table.circles,
            [
                Circle::Company("Acme".into()),
                Circle::Tag("acme".into()),
                Circle::Tag("climbing".into())
            ],
            "a company and a tag of one name are two circles"
        );
        assert_eq!(table.numbers_of(0), [0, 1]);
        assert_eq!(table.numbers_of(1), [1, 2]);
        assert!(table.numbers_of(2).is_empty(), "a paper tie");
        assert_eq!(table.numbers_of(3), [0]);
        assert!(table.numbers_of(4).is_empty(), "past the end: no circles");
        assert_eq!(table.active_counts(&network), [2, 1, 0]);
    }
}
