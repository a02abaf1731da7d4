//! The weekly review's agenda: a pure function of the network, the people, the week's
//! contacts, snoozes and past reviews. Nothing here reads the clock.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Due, Figures, Histories, Network, OneSided, Status};
use crate::model::{Direction, PersonId};

/// At most this many reconnect candidates a week.
pub const RECONNECT_PER_WEEK: usize = 3;
/// A reconnect candidate shown this many reviews ago may come back.
const RECONNECT_ROTATION: usize = 4;
/// "New ties": first contact within this many days.
const NEW_TIE_DAYS: i64 = 90;
/// Paper ties from imports of this many days are offered for keeping or archiving.
const RECENT_IMPORT_DAYS: i64 = 30;
/// Each step shows at most this many people.
const STEP_ITEMS: usize = 12;

/// The review's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    ThisWeek,
    YouTake,
    StartedByTaking,
    Due,
    Reconnect,
    PaperTies,
}

impl Step {
    pub const ALL: [Step; 6] = [
        Step::ThisWeek,
        Step::YouTake,
        Step::StartedByTaking,
        Step::Due,
        Step::Reconnect,
        Step::PaperTies,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Step::ThisWeek => "This week",
            Step::YouTake => "Give first",
            Step::StartedByTaking => "New ties that started with taking",
            Step::Due => "Due and overdue",
            Step::Reconnect => "Reconnect",
            Step::PaperTies => "Paper ties from recent imports",
        }
    }

    /// What the step asks of you.
    pub fn prompt(self) -> &'static str {
        match self {
            Step::ThisWeek => {
                "What you logged in the last seven days. Anything missing? Log it now."
            }
            Step::YouTake => "You've leaned on these people. A small favour back keeps it mutual.",
            Step::StartedByTaking => {
                "These new ties began with a favour to you. Give something first."
            }
            Step::Due => "Your closest layers first. A message is enough to keep a tie warm.",
            Step::Reconnect => {
                "Quiet for a long time, worth a short note: dormant ties often help most."
            }
            Step::PaperTies => {
                "Imported, never engaged. Keep the ones you mean to know; archive the rest."
            }
        }
    }
}

/// What a person input for the agenda needs beyond their figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    /// Days since 1970-01-01 the person was added, when they came from an import.
    pub added_on: i64,
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    pub person: PersonId,
    /// Why they are here, in numbers ("received 7, gave 1", "41 days, layer 15 expects 30").
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    pub step: Step,
    pub items: Vec<Item>,
}

/// Who was logged this week, by direction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Week {
    pub gave: usize,
    pub received: usize,
    pub met: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agenda {
    pub week: Week,
    pub sections: Vec<Section>,
}

impl Agenda {
    pub fn items(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn section(&self, step: Step) -> Option<&Section> {
        self.sections.iter().find(|s| s.step == step)
    }
}

/// Everything the agenda is made from.
pub struct ReviewInput<'a> {
    pub network: &'a Network,
    pub histories: &'a Histories,
    /// People who came from an import, with when they were added.
    pub imported: &'a HashMap<PersonId, Imported>,
    /// Snoozed people and the day (exclusive) until which they stay out.
    pub snoozed: &'a HashMap<PersonId, i64>,
    /// The reconnect candidates shown in earlier reviews, newest review first.
    pub past_reconnects: &'a [Vec<PersonId>],
}

pub fn agenda(input: &ReviewInput) -> Agenda {
    let today = input.network.today;
    let figures = &input.network.figures;
    let awake = |f: &Figures| {
        f.status != Status::Archived && input.snoozed.get(&f.id).is_none_or(|&until| until <= today)
    };
    let mut sections = Vec::with_capacity(Step::ALL.len());

    // 1. This week.
    let mut week = Week::default();
    let mut this_week = Vec::new();
    for (index, person) in input.histories.people.iter().enumerate() {
        let recent: Vec<_> = input
            .histories
            .contacts_of(index)
            .iter()
            .filter(|c| c.day > today - 7 && c.day <= today)
            .collect();
        if recent.is_empty() || person.archived {
            continue;
        }
        let mut words = Vec::new();
        for contact in &recent {
            match contact.direction {
                Direction::Gave => week.gave += 1,
                Direction::Received => week.received += 1,
                Direction::Mutual => week.met += 1,
            }
            words.push(format!(
                "{} {}",
                contact.direction.as_str(),
                contact.kind.as_str()
            ));
        }
        this_week.push(Item {
            person: person.id,
            detail: words.join(", "),
        });
    }
    sections.push(Section {
        step: Step::ThisWeek,
        items: this_week,
    });

    // 2. Where you take: the most lopsided first.
    let mut you_take: Vec<&Figures> = figures
        .iter()
        .filter(|f| f.one_sided == Some(OneSided::YouTake) && awake(f))
        .collect();
    you_take.sort_by_key(|f| (f.ledger.balance(), f.id));
    sections.push(section(Step::YouTake, you_take, |f| {
        format!(
            "they gave {}, you gave {} (by size, 18 months)",
            f.ledger.received, f.ledger.given
        )
    }));

    // 3. New ties that started with taking.
    let started: Vec<&Figures> = figures
        .iter()
        .filter(|f| {
            f.started_by_taking
                && f.one_sided.is_none()
                && f.first_contact.is_some_and(|d| today - d <= NEW_TIE_DAYS)
                && awake(f)
        })
        .collect();
    sections.push(section(Step::StartedByTaking, started, |f| {
        format!(
            "first met {} days ago; their favour came first",
            today - f.first_contact.unwrap_or(today)
        )
    }));

    // 4. Due and overdue: closest layers first, then the longest gap.
    let mut due: Vec<&Figures> = figures
        .iter()
        .filter(|f| f.due != Due::No && awake(f))
        .collect();
    due.sort_by_key(|f| {
        (
            f.layer_index,
            std::cmp::Reverse(f.due),
            std::cmp::Reverse(f.days_since),
            f.id,
        )
    });
    sections.push(section(Step::Due, due, |f| {
        let word = if f.due == Due::Overdue {
            "overdue"
        } else {
            "due"
        };
        format!(
            "{word}: {} days since contact; layer {} expects {}",
            f.days_since.unwrap_or(0),
            f.layer.unwrap_or(0),
            f.due_after_days.unwrap_or(0)
        )
    }));

    // 5. Reconnect: the strongest past ties not shown in the last few reviews.
    let recently_shown: HashSet<PersonId> = input
        .past_reconnects
        .iter()
        .take(RECONNECT_ROTATION)
        .flatten()
        .copied()
        .collect();
    let mut reconnect: Vec<&Figures> = figures
        .iter()
        .filter(|f| f.long_dormant && awake(f) && !recently_shown.contains(&f.id))
        .collect();
    reconnect.sort_by(|a, b| {
        b.peak_warmth
            .total_cmp(&a.peak_warmth)
            .then(a.id.cmp(&b.id))
    });
    reconnect.truncate(RECONNECT_PER_WEEK);
    sections.push(section(Step::Reconnect, reconnect, |f| {
        let days = f.days_since.unwrap_or(0);
        let quiet = if days < 730 {
            format!("{} months", days / 30)
        } else {
            format!("{:.1} years", days as f64 / 365.25)
        };
        format!(
            "quiet for {quiet}; once among your warmest (peak {:.0})",
            f.peak_warmth
        )
    }));

    // 6. Paper ties from recent imports, newest first.
    let mut paper: Vec<(&Figures, i64)> = figures
        .iter()
        .filter(|f| f.status == Status::Paper && awake(f))
        .filter_map(|f| {
            // Added after `today` (when evaluating an earlier day) counts as added today.
            let age = (today - input.imported.get(&f.id)?.added_on).max(0);
            (age <= RECENT_IMPORT_DAYS).then_some((f, age))
        })
        .collect();
    paper.sort_by_key(|(f, age)| (*age, f.id));
    sections.push(Section {
        step: Step::PaperTies,
        items: paper
            .into_iter()
            .map(|(f, age)| Item {
                person: f.id,
                detail: match age {
                    0 => "imported today, no contact yet".to_string(),
                    1 => "imported yesterday, no contact yet".to_string(),
                    n => format!("imported {n} days ago, no contact yet"),
                },
            })
            .collect(),
    });

    Agenda { week, sections }
}

fn section(step: Step, people: Vec<&Figures>, detail: impl Fn(&Figures) -> String) -> Section {
    Section {
        step,
        items: people
            .into_iter()
            .take(STEP_ITEMS)
            .map(|f| Item {
                person: f.id,
                detail: detail(f),
            })
            .collect(),
    }
}

/// Monday-based week number of a day (1970-01-01 was a Thursday).
pub fn week_of(day: i64) -> i64 {
    (day + 3).div_euclid(7)
}

/// Weeks in a row with a review, ending this week (or last week, if this week's is not done
/// yet). Weeks run Monday to Sunday, across year ends like any other.
pub fn streak(review_days: &[i64], today: i64) -> usize {
    let weeks: HashSet<i64> = review_days.iter().map(|&d| week_of(d)).collect();
    let mut week = week_of(today);
    if !weeks.contains(&week) {
        week -= 1;
    }
    let mut streak = 0;
    while weeks.contains(&week) {
        streak += 1;
        week -= 1;
    }
    streak
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::insight::{Contact, PersonFacts, evaluate};
    use crate::model::{Direction as D, Kind as K, Size};

    const TODAY: i64 = 20_000;

    fn facts(id: i64) -> PersonFacts {
        PersonFacts {
            id,
            family: false,
            archived: false,
            cadence_days: None,
        }
    }

    fn c(ago: i64, kind: K, direction: D) -> Contact {
        Contact {
            day: TODAY - ago,
            kind,
            direction,
            size: Size::Small,
        }
    }

    struct World {
        histories: Histories,
        network: Network,
    }

    fn world(people: usize, contacts: Vec<(i64, Contact)>) -> World {
        let histories = Histories::from_parts((1..=people as i64).map(facts).collect(), contacts);
        let network = evaluate(&histories, &Config::default(), TODAY);
        World { histories, network }
    }

    fn run(
        w: &World,
        snoozed: &HashMap<PersonId, i64>,
        past: &[Vec<PersonId>],
        imported: &HashMap<PersonId, Imported>,
    ) -> Agenda {
        agenda(&ReviewInput {
            network: &w.network,
            histories: &w.histories,
            imported,
            snoozed,
            past_reconnects: past,
        })
    }

    fn ids(agenda: &Agenda, step: Step) -> Vec<PersonId> {
        agenda
            .section(step)
            .unwrap()
            .items
            .iter()
            .map(|i| i.person)
            .collect()
    }

    #[test]
    fn every_step_selects_and_orders() {
        let mut contacts = vec![
            // 1: met this week; 2: gave this week.
            (1, c(2, K::Meet, D::Mutual)),
            (2, c(6, K::Favour, D::Gave)),
            (2, c(7, K::Call, D::Mutual)), // a week ago exactly: not this week
        ];
        // 3 and 4: you take, 4 more lopsided.
        for i in 0..6 {
            contacts.push((3, c(20 + i * 30, K::Favour, D::Received)));
            contacts.push((4, c(25 + i * 30, K::Favour, D::Received)));
        }
        contacts.push((3, c(200, K::Favour, D::Gave)));
        // 5: a new tie whose first favour was theirs.
        contacts.push((5, c(40, K::Advice, D::Received)));
        contacts.push((5, c(10, K::Meet, D::Mutual)));
        // 6 and 7: long dormant; 7 was warmer.
        contacts.push((6, c(1500, K::Meet, D::Mutual)));
        for i in 0..20 {
            contacts.push((7, c(1200 + i * 7, K::Meet, D::Mutual)));
        }
        let w = world(8, contacts);
        let imported = HashMap::from([(
            8,
            Imported {
                added_on: TODAY - 3,
            },
        )]);
        let a = run(&w, &HashMap::new(), &[], &imported);
        assert_eq!(ids(&a, Step::ThisWeek), vec![1, 2]);
        assert_eq!((a.week.gave, a.week.received, a.week.met), (1, 0, 1));
        assert_eq!(ids(&a, Step::YouTake), vec![4, 3]);
        assert_eq!(ids(&a, Step::StartedByTaking), vec![5]);
        assert_eq!(ids(&a, Step::Reconnect), vec![7, 6]);
        assert_eq!(ids(&a, Step::PaperTies), vec![8]);
        // Due: everyone active and past their cadence, closest layer first.
        let due = ids(&a, Step::Due);
        let layers: Vec<_> = due
            .iter()
            .map(|id| w.network.get(*id).unwrap().layer_index)
            .collect();
        assert!(layers.windows(2).all(|p| p[0] <= p[1]), "{layers:?}");
    }

    #[test]
    fn snoozed_people_stay_out_until_their_day() {
        let mut contacts = Vec::new();
        for i in 0..6 {
            contacts.push((1, c(20 + i * 30, K::Favour, D::Received)));
        }
        let w = world(1, contacts);
        let until_tomorrow = HashMap::from([(1, TODAY + 1)]);
        assert!(
            ids(
                &run(&w, &until_tomorrow, &[], &HashMap::new()),
                Step::YouTake
            )
            .is_empty()
        );
        let until_today = HashMap::from([(1, TODAY)]);
        assert_eq!(
            ids(&run(&w, &until_today, &[], &HashMap::new()), Step::YouTake),
            vec![1]
        );
    }

    #[test]
    fn reconnect_candidates_rotate_across_weeks() {
        // Eight long-dormant ties, warmest first by id.
        let mut contacts = Vec::new();
        for id in 1..=8 {
            for k in 0..(10 - id) {
                contacts.push((id, c(1200 + k * 7, K::Meet, D::Mutual)));
            }
        }
        let w = world(8, contacts);
        let none = HashMap::new();
        let mut past: Vec<Vec<PersonId>> = Vec::new();
        let mut seen_weeks = Vec::new();
        for _week in 0..4 {
            let shown = ids(&run(&w, &none, &past, &HashMap::new()), Step::Reconnect);
            assert!(shown.len() <= RECONNECT_PER_WEEK);
            seen_weeks.push(shown.clone());
            past.insert(0, shown);
        }
        assert_eq!(seen_weeks[0], vec![1, 2, 3]);
        assert_eq!(seen_weeks[1], vec![4, 5, 6]);
        assert_eq!(seen_weeks[2], vec![7, 8]);
        // Everyone was shown in the last three reviews; the fourth has no one new to offer.
        assert!(seen_weeks[3].is_empty());
        // Once a week's showing is older than the rotation, its people come back.
        past.truncate(0);
        past.extend([vec![], vec![], vec![], vec![], vec![1, 2, 3]]);
        assert_eq!(
            ids(&run(&w, &none, &past, &HashMap::new()), Step::Reconnect),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn the_streak_counts_weeks_in_a_row_across_a_year_end() {
        use crate::model::date::{day_number, parse_iso_date};
        let d = |s: &str| day_number(parse_iso_date(s).unwrap());
        // Mondays and Sundays bound the weeks; 2026-12-28 is a Monday.
        let reviews = [
            d("2026-12-20"),
            d("2026-12-27"),
            d("2027-01-02"),
            d("2027-01-05"),
        ];
        assert_eq!(streak(&reviews, d("2027-01-06")), 4);
        // Before this week's review, the streak still counts up to last week.
        assert_eq!(streak(&reviews[..3], d("2027-01-06")), 3);
        // A missed week breaks it.
        assert_eq!(
            streak(&[d("2026-12-06"), d("2026-12-20")], d("2026-12-22")),
            1
        );
        assert_eq!(streak(&[], d("2026-12-22")), 0);
        // Two reviews in one week count once.
        assert_eq!(
            streak(&[d("2026-12-21"), d("2026-12-23")], d("2026-12-24")),
            1
        );
        assert_eq!(week_of(d("2026-12-27")) + 1, week_of(d("2026-12-28")));
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;
    use crate::config::Config;
    use crate::insight::{PersonFacts, evaluate};

    #[test]
    fn recent_imports_do_not_depend_on_when_they_were_made() {
        let today = 20_000;
        let people: Vec<PersonFacts> = (1..=4)
            .map(|id| PersonFacts {
                id,
                family: false,
                archived: false,
                cadence_days: None,
            })
            .collect();
        let histories = Histories::from_parts(people, Vec::new());
        let network = evaluate(&histories, &Config::default(), today);
        let imported = HashMap::from([
            (
                1,
                Imported {
                    added_on: today + 5,
                },
            ), // made after the day evaluated
            (
                2,
                Imported {
                    added_on: today - 1,
                },
            ),
            (
                3,
                Imported {
                    added_on: today - 31,
                },
            ), // too long ago
        ]);
        let agenda = agenda(&ReviewInput {
            network: &network,
            histories: &histories,
            imported: &imported,
            snoozed: &HashMap::new(),
            past_reconnects: &[],
        });
        let items = &agenda.section(Step::PaperTies).unwrap().items;
        let shown: Vec<(PersonId, &str)> = items
            .iter()
            .map(|i| (i.person, i.detail.as_str()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (1, "imported today, no contact yet"),
                (2, "imported yesterday, no contact yet")
            ]
        );
    }
}
