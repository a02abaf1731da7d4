//! The history cache always equals a rebuild from the interaction log, whatever the sequence
//! of logs, undos and batches.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Duration;
use proptest::prelude::*;
use tiesdesk::Store;
use tiesdesk::model::date::parse_iso_date;
use tiesdesk::model::{
    Direction, DraftInteraction, Kind, NetworkDraft, NewInteraction, PersonData, Size,
};

#[derive(Debug, Clone)]
enum Op {
    Add,
    Log {
        people: Vec<usize>,
        days_ago: i64,
        kind: usize,
        direction: usize,
    },
    Undo,
    Batch {
        people: usize,
        interactions: Vec<(Vec<usize>, i64)>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Add),
        5 => (proptest::collection::vec(0usize..20, 1..4), 0i64..900, 0usize..8, 0usize..3)
            .prop_map(|(people, days_ago, kind, direction)| Op::Log { people, days_ago, kind, direction }),
        2 => Just(Op::Undo),
        1 => (1usize..6, proptest::collection::vec((proptest::collection::vec(0usize..6, 1..3), 0i64..900), 0..12))
            .prop_map(|(people, interactions)| Op::Batch { people, interactions }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn the_cache_equals_the_log(ops in proptest::collection::vec(op(), 1..40)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("t.db")).unwrap();
        let today = parse_iso_date("2026-11-25").unwrap();
        for op in ops {
            let ids: Vec<i64> = store.people().unwrap().iter().map(|p| p.id).collect();
            match op {
                Op::Add => {
                    store.add_person(PersonData::named("Someone")).unwrap();
                }
                Op::Log { people, days_ago, kind, direction } if !ids.is_empty() => {
                    let people = people.iter().map(|i| ids[i % ids.len()]).collect();
                    store.log_interaction(NewInteraction {
                        day: today - Duration::days(days_ago),
                        people,
                        kind: Kind::ALL[kind],
                        direction: Direction::ALL[direction],
                        size: Size::Small,
                        note: String::new(),
                    }, "log").unwrap();
                }
                Op::Log { .. } => {}
                Op::Undo => {
                    store.undo().unwrap();
                }
                Op::Batch { people, interactions } => {
                    let draft = NetworkDraft {
                        people: (0..people).map(|_| PersonData::named("Batch")).collect(),
                        interactions: interactions.into_iter().map(|(who, ago)| DraftInteraction {
                            day: today - Duration::days(ago),
                            people: who.into_iter().map(|w| w % people).collect(),
                            kind: Kind::Meet,
                            direction: Direction::Mutual,
                            size: Size::Hour,
                            note: String::new(),
                        }).collect(),
                        ..NetworkDraft::default()
                    };
                    store.insert_network(&draft, "batch").unwrap();
                }
            }
            prop_assert_eq!(store.histories().unwrap(), store.histories_from_log().unwrap());
        }
    }
}
