//! Invariants of the relationship model over random networks.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use tiesdesk::Config;
use tiesdesk::insight::{Contact, Histories, OneSided, PersonFacts, Status, evaluate};
use tiesdesk::model::{Direction, Kind, Size};

const TODAY: i64 = 20_000;

fn facts() -> impl Strategy<Value = PersonFacts> {
    (
        any::<bool>(),
        0u8..20,
        proptest::option::weighted(0.1, 1u32..60),
    )
        .prop_map(|(family, archived, cadence_days)| PersonFacts {
            id: 0,
            family: family && archived % 3 == 0,
            archived: archived == 0,
            cadence_days,
            imported: archived % 2 == 1,
            on_call: archived == 7,
        })
}

fn contact() -> impl Strategy<Value = Contact> {
    (
        0i64..1500,
        proptest::sample::select(Kind::ALL.to_vec()),
        proptest::sample::select(Direction::ALL.to_vec()),
        proptest::sample::select(Size::ALL.to_vec()),
    )
        .prop_map(|(ago, kind, direction, size)| Contact {
            day: (TODAY - ago) as i32,
            kind,
            direction,
            size,
        })
}

fn network() -> impl Strategy<Value = (Vec<PersonFacts>, Vec<(i64, Contact)>)> {
    proptest::collection::vec(facts(), 1..70).prop_flat_map(|people| {
        let n = people.len() as i64;
        let people: Vec<_> = people
            .into_iter()
            .enumerate()
            .map(|(i, p)| PersonFacts {
                id: i as i64 + 1,
                ..p
            })
            .collect();
        let contacts = proptest::collection::vec((1..=n, contact()), 0..500);
        (Just(people), contacts)
    })
}

fn config(dunbar: usize) -> Config {
    let mut config = Config::default();
    config.model.dunbar = dunbar;
    config
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_active_set_never_exceeds_dunbar((people, contacts) in network(), dunbar in 10usize..40) {
        let net = evaluate(&Histories::from_parts(people, contacts), &config(dunbar), TODAY);
        let active = net.figures.iter().filter(|f| f.status == Status::Active).count();
        prop_assert!(active <= dunbar);
        prop_assert_eq!(active, net.summary.active);
        prop_assert_eq!(net.summary.layers.iter().map(|l| l.people).sum::<usize>(), active);
        for layer in &net.summary.layers {
            prop_assert!(layer.people <= layer.capacity);
        }
    }

    #[test]
    fn layers_are_nested_by_rank((people, contacts) in network(), dunbar in 10usize..40) {
        let net = evaluate(&Histories::from_parts(people, contacts), &config(dunbar), TODAY);
        let mut active: Vec<_> = net.figures.iter().filter(|f| f.status == Status::Active).collect();
        active.sort_by_key(|f| f.rank);
        for pair in active.windows(2) {
            prop_assert!(pair[0].layer_index <= pair[1].layer_index);
            prop_assert!(pair[0].warmth >= pair[1].warmth);
        }
        // Everyone ranked beyond the active set is dormant and less warm than the last active.
        let coldest_active = active.last().map(|f| f.warmth);
        for f in net.figures.iter().filter(|f| f.over_capacity) {
            prop_assert_eq!(f.status, Status::Dormant);
            prop_assert!(coldest_active.is_some_and(|w| f.warmth <= w));
        }
    }

    #[test]
    fn warmth_only_fades_without_a_new_interaction(
        (people, contacts) in network(),
        later in 1i64..2000,
    ) {
        let histories = Histories::from_parts(people, contacts);
        let config = Config::default();
        let now = evaluate(&histories, &config, TODAY);
        let then = evaluate(&histories, &config, TODAY + later);
        for (a, b) in now.figures.iter().zip(&then.figures) {
            prop_assert!(a.warmth >= 0.0 && b.warmth >= 0.0);
            prop_assert!(b.warmth <= a.warmth + 1e-12, "{} rose to {}", a.warmth, b.warmth);
            prop_assert!(a.peak_warmth >= a.warmth - 1e-9);
        }
    }

    #[test]
    fn giving_a_favour_never_creates_you_take(
        (people, contacts) in network(),
        who in 0usize..70,
        size in proptest::sample::select(Size::ALL.to_vec()),
    ) {
        let config = Config::default();
        let id = (who % people.len()) as i64 + 1;
        let before = evaluate(&Histories::from_parts(people.clone(), contacts.clone()), &config, TODAY);
        let mut more = contacts;
        more.push((id, Contact {
            day: TODAY as i32,
            kind: Kind::Favour,
            direction: Direction::Gave,
            size,
        }));
        let after = evaluate(&Histories::from_parts(people, more), &config, TODAY);
        let was = before.get(id).unwrap().one_sided;
        let now = after.get(id).unwrap().one_sided;
        prop_assert!(now != Some(OneSided::YouTake) || was == Some(OneSided::YouTake));
        // A favour today adds its full points to warmth: kind weight × size (W's formula).
        let rose = after.get(id).unwrap().warmth - before.get(id).unwrap().warmth;
        let points = config.model.kind_weights.weight(Kind::Favour) * f64::from(size.value());
        prop_assert!(points > 0.0);
        prop_assert!((rose - points).abs() < 1e-9 * points.max(1.0), "rose {} not {}", rose, points);
    }

    #[test]
    fn results_do_not_depend_on_input_order(
        (people, contacts) in network(),
        seed in any::<u64>(),
    ) {
        let config = Config::default();
        let straight = evaluate(&Histories::from_parts(people.clone(), contacts.clone()), &config, TODAY);
        let (mut people, mut contacts) = (people, contacts);
        shuffle(&mut people, seed);
        shuffle(&mut contacts, seed.rotate_left(17));
        let shuffled = evaluate(&Histories::from_parts(people, contacts), &config, TODAY);
        prop_assert_eq!(straight, shuffled);
    }
}

/// A Fisher–Yates shuffle driven by a small xorshift generator.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
}
