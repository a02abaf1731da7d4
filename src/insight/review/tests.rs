//! The review agenda's rules: selection, order, rotation, snoozes, streaks, imports.

use super::*;
use crate::config::Config;
use crate::insight::{Contact, PersonFacts, evaluate};
use crate::model::{Direction as D, Kind as K};

use crate::insight::fixtures::{TODAY, contact as c, person as facts};

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
    imported: &Imports,
) -> Agenda {
    let kept = HashSet::new();
    let (network, histories) = (&w.network, &w.histories);
    agenda(&nothing_open(
        network, histories, imported, snoozed, past, &kept,
    ))
}

/// A review of `network` with no promise, need, date, thanks or introduction open.
fn nothing_open<'a>(
    network: &'a Network,
    histories: &'a Histories,
    imported: &'a Imports,
    snoozed: &'a HashMap<PersonId, i64>,
    past_reconnects: &'a [Vec<PersonId>],
    kept_paper: &'a HashSet<PersonId>,
) -> ReviewInput<'a> {
    ReviewInput {
        network,
        histories,
        imported,
        snoozed,
        past_reconnects,
        kept_paper,
        reconnect: &[],
        promises: &[],
        dates: &[],
        needs: &[],
        thanks: &[],
        introductions: &[],
        together: &[],
    }
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
        (1, c(-3, K::Call, D::Gave)),  // logged for a later day: not yet
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
    // 9 to 14: one meeting two months ago, ranked below the first five, so in the next layer.
    for person in 9..=14 {
        contacts.push((person, c(60, K::Meet, D::Mutual)));
    }
    let w = world(14, contacts);
    let imported: Imports = [(8, TODAY - 3)].into_iter().collect();
    let a = run(&w, &HashMap::new(), &[], &imported);
    assert_eq!(ids(&a, Step::ThisWeek), vec![1, 2]);
    assert_eq!((a.week.gave, a.week.received, a.week.met), (1, 0, 1));
    let this_week = &a.section(Step::ThisWeek).unwrap().items;
    assert_eq!(&*this_week[0].detail, "mutual meet");
    assert_eq!(&*this_week[1].detail, "gave favour");
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
    // Due comes from two layers here, so the order above is a real check.
    assert!(
        layers.first() < layers.last(),
        "{due:?} in layers {layers:?}"
    );
    for person in [5, 9, 14] {
        assert!(due.contains(&person), "{person} should be due: {due:?}");
    }
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
            &run(&w, &until_tomorrow, &[], &Imports::default()),
            Step::YouTake
        )
        .is_empty()
    );
    let until_today = HashMap::from([(1, TODAY)]);
    assert_eq!(
        ids(
            &run(&w, &until_today, &[], &Imports::default()),
            Step::YouTake
        ),
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
        let shown = ids(&run(&w, &none, &past, &Imports::default()), Step::Reconnect);
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
        ids(&run(&w, &none, &past, &Imports::default()), Step::Reconnect),
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

#[test]
fn recent_imports_do_not_depend_on_when_they_were_made() {
    let today = 20_000;
    let people: Vec<PersonFacts> = (1..=4).map(crate::insight::fixtures::person).collect();
    let histories = Histories::from_parts(people, Vec::new());
    let network = evaluate(&histories, &Config::default(), today);
    let imported: Imports = [
        (3, today - 31), // too long ago
        (1, today + 5),  // made after the day evaluated
        (2, today - 1),
    ]
    .into_iter()
    .collect();
    let paper_step = |kept: &HashSet<PersonId>| {
        let none = HashMap::new();
        let agenda = agenda(&nothing_open(
            &network,
            &histories,
            &imported,
            &none,
            &[],
            kept,
        ));
        let items = &agenda.section(Step::PaperTies).unwrap().items;
        (items.iter())
            .map(|i| (i.person, i.detail.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        paper_step(&HashSet::new()),
        vec![
            (1, "imported today, no contact yet".to_string()),
            (2, "imported yesterday, no contact yet".to_string())
        ]
    );
    // Kept as is in an earlier review: not asked about again.
    assert_eq!(
        paper_step(&HashSet::from([1])),
        vec![(2, "imported yesterday, no contact yet".to_string())]
    );
}

#[test]
fn imports_are_found_by_id_whatever_order_they_came_in() {
    let imports: Imports = [(7, 10), (2, 30), (7, 11), (5, 20)].into_iter().collect();
    assert_eq!(imports.len(), 3, "one day per person");
    assert_eq!(imports.added_on(2), Some(30));
    assert_eq!(imports.added_on(5), Some(20));
    assert_eq!(imports.added_on(7), Some(10), "the first day given");
    assert_eq!(imports.added_on(3), None);
    assert!(Imports::default().is_empty());
}

/// The agenda with these promises, dates and needs, and nothing else besides the world.
fn give_first(w: &World, promises: &[Promise], dates: &[DateSoon], needs: &[NeedHelp]) -> Agenda {
    agenda(&ReviewInput {
        network: &w.network,
        histories: &w.histories,
        imported: &Imports::default(),
        snoozed: &HashMap::new(),
        past_reconnects: &[],
        kept_paper: &HashSet::new(),
        reconnect: &[],
        promises,
        dates,
        needs,
        thanks: &[],
        introductions: &[],
        together: &[],
    })
}

fn day(number: i64) -> crate::model::Day {
    crate::model::date::day_from_number(number).unwrap_or_default()
}

fn promise(id: i64, person: PersonId, due: Option<i64>) -> Promise {
    Promise {
        id,
        person,
        text: format!("promise {id}"),
        due: due.map(day),
        state: crate::model::PromiseState::Open,
        made_on: day(TODAY - 30),
        closed_on: None,
        favour: None,
    }
}

fn need(id: i64, person: PersonId, helpers: &[&str]) -> NeedHelp {
    NeedHelp {
        need: crate::model::Need {
            id,
            person,
            text: format!("need {id}"),
            tags: Vec::new(),
            state: crate::model::NeedState::Open,
            noted_on: day(TODAY - 3),
            done_on: None,
        },
        helpers: helpers.iter().map(|h| h.to_string()).collect(),
        offer: None,
    }
}

#[test]
fn promises_come_first_late_first_then_dates_with_days_since_contact() {
    let w = world(
        3,
        vec![
            (1, c(41, K::Meet, D::Mutual)),
            (2, c(3, K::Meet, D::Mutual)),
        ],
    );
    let promises = [
        promise(1, 1, None),
        promise(2, 2, Some(TODAY + 3)),
        promise(3, 1, Some(TODAY - 2)),
        promise(4, 2, Some(TODAY - 9)),
        promise(5, 3, Some(TODAY)),
    ];
    let dates = [DateSoon {
        person: 1,
        date: None,
        what: "birthday (turns 41)".into(),
        when: "on Friday".into(),
    }];
    let a = give_first(&w, &promises, &dates, &[]);
    assert_eq!(
        a.sections[0].step,
        Step::Promises,
        "the review opens with promises"
    );
    let items = &a.section(Step::Promises).unwrap().items;
    let subjects: Vec<Option<Subject>> = items.iter().map(|i| i.subject).collect();
    assert_eq!(
        subjects,
        [4, 3, 5, 2, 1]
            .map(|id| Some(Subject::Promise(id)))
            .into_iter()
            .chain([Some(Subject::Date(None))])
            .collect::<Vec<_>>(),
        "late first (the latest first), then by day, no day last, then dates"
    );
    assert_eq!(&*items[0].detail, "promised: promise 4 (late 9 days)");
    assert_eq!(&*items[2].detail, "promised: promise 5 (due today)");
    assert_eq!(&*items[4].detail, "promised: promise 1 (no date)");
    assert_eq!(
        &*items[5].detail,
        "birthday (turns 41) on Friday; 41 days since contact"
    );
}

#[test]
fn someone_you_could_help_puts_those_you_take_from_first() {
    let mut contacts = Vec::new();
    // 1: you take from them; 2: warmer, balanced; 3: dormant; 4: active, cooler.
    for i in 0..6 {
        contacts.push((1, c(20 + i * 30, K::Favour, D::Received)));
    }
    for i in 0..8 {
        contacts.push((2, c(2 + i * 9, K::Meet, D::Mutual)));
    }
    contacts.push((3, c(1500, K::Meet, D::Mutual)));
    contacts.push((4, c(30, K::Meet, D::Mutual)));
    let w = world(4, contacts);
    assert_eq!(w.network.figures[0].one_sided, Some(OneSided::YouTake));
    let needs = [
        need(1, 4, &[]),
        need(2, 2, &["Bo Chen", "Cy Park"]),
        need(3, 3, &["Bo Chen"]),
        need(4, 1, &["Di Vos"]),
    ];
    let a = give_first(&w, &[], &[], &needs);
    assert_eq!(a.sections[2].step, Step::CouldHelp);
    let items = &a.section(Step::CouldHelp).unwrap().items;
    let shown: Vec<Option<Subject>> = items.iter().map(|i| i.subject).collect();
    assert_eq!(
        shown,
        [4, 2, 1].map(|id| Some(Subject::Need(id))),
        "taking first, then the warmest; the dormant tie's need is not shown"
    );
    assert!(
        items[0]
            .detail
            .starts_with("needs need 4; could help: Di Vos; they have helped you a lot lately")
    );
    assert_eq!(
        &*items[1].detail,
        "needs need 2; could help: Bo Chen, Cy Park"
    );
    assert_eq!(
        &*items[2].detail,
        "needs need 1; no one you know matches yet"
    );
}
