//! The history cache always equals a rebuild from the interaction log, whatever the sequence
//! of logs, undos, batches and merges; and undoing a merge restores every row.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::Store;
use crate::model::date::parse_iso_date;
use crate::model::{
    Direction, DraftInteraction, DraftLink, Kind, LinkKind, NetworkDraft, NewInteraction,
    PersonData, Size,
};
use chrono::Duration;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Add,
    Log {
        people: Vec<usize>,
        days_ago: i64,
        kind: Kind,
        direction: Direction,
    },
    Undo,
    Batch {
        people: usize,
        interactions: Vec<(Vec<usize>, i64)>,
        links: Vec<(usize, usize, bool)>,
    },
    Merge {
        keep: usize,
        other: usize,
    },
    /// Edit (a new day and people) or delete one logged interaction.
    Fix {
        which: usize,
        delete: bool,
        days_ago: i64,
        people: Vec<usize>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => Just(Op::Add),
        5 => (proptest::collection::vec(0usize..20, 1..4), 0i64..900, proptest::sample::select(Kind::ALL.to_vec()), proptest::sample::select(Direction::ALL.to_vec()))
            .prop_map(|(people, days_ago, kind, direction)| Op::Log { people, days_ago, kind, direction }),
        2 => Just(Op::Undo),
        1 => (
            1usize..6,
            proptest::collection::vec((proptest::collection::vec(0usize..6, 1..3), 0i64..900), 0..12),
            proptest::collection::vec((0usize..6, 0usize..6, any::<bool>()), 0..6),
        )
            .prop_map(|(people, interactions, links)| Op::Batch { people, interactions, links }),
        2 => (0usize..20, 0usize..20).prop_map(|(keep, other)| Op::Merge { keep, other }),
        2 => (0usize..40, any::<bool>(), 0i64..900, proptest::collection::vec(0usize..20, 1..3))
            .prop_map(|(which, delete, days_ago, people)| Op::Fix { which, delete, days_ago, people }),
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
                        kind,
                        direction,
                        size: Size::Small,
                        // Notes too: the note index must follow every change.
                        note: format!("walked {days_ago}"),
                    }, "log").unwrap();
                }
                Op::Log { .. } => {}
                Op::Undo => {
                    store.undo().unwrap();
                }
                Op::Merge { keep, other } if ids.len() > 1 && keep % ids.len() != other % ids.len() => {
                    let (keep, other) = (ids[keep % ids.len()], ids[other % ids.len()]);
                    let before = store.holdings().unwrap();
                    store.merge(keep, other).unwrap();
                    prop_assert_eq!(store.histories().unwrap(), store.histories_from_log().unwrap());
                    prop_assert!(store.person(other).unwrap().is_none());
                    store.undo().unwrap();
                    prop_assert_eq!(store.holdings().unwrap(), before, "undo splits a merge exactly");
                    store.merge(keep, other).unwrap();
                }
                Op::Merge { .. } => {}
                Op::Fix { which, delete, days_ago, people } => {
                    let logged = store.interactions_by_id().unwrap();
                    if !logged.is_empty() && !ids.is_empty() {
                        let id = logged[which % logged.len()].id;
                        if delete {
                            store.remove_interaction(id, |_| "delete".into()).unwrap();
                        } else {
                            let patch = crate::model::InteractionPatch {
                                day: Some(today - Duration::days(days_ago)),
                                people: Some(people.iter().map(|i| ids[i % ids.len()]).collect()),
                                note: Some(format!("fixed {days_ago}")),
                                ..Default::default()
                            };
                            store.edit_interaction(id, &patch, |_, _| "edit".into()).unwrap();
                        }
                    }
                }
                Op::Batch { people, interactions, links } => {
                    let draft = NetworkDraft {
                        // Every other one was introduced by the batch's first person.
                        people: (0..people)
                            .map(|i| PersonData {
                                introduced_by: (i % 2 == 1).then_some(0),
                                ..PersonData::named("Batch")
                            })
                            .collect(),
                        interactions: interactions.into_iter().map(|(who, ago)| DraftInteraction {
                            day: today - Duration::days(ago),
                            people: who.into_iter().map(|w| w % people).collect(),
                            kind: Kind::Meet,
                            direction: Direction::Mutual,
                            size: Size::Hour,
                            note: if ago % 2 == 0 { format!("batch {ago}") } else { String::new() },
                            capture: None,
                            thanked_on: None,
                        }).collect(),
                        links: links
                            .into_iter()
                            .map(|(a, b, knows)| (a % people, b % people, knows))
                            .filter(|(a, b, _)| a != b)
                            .map(|(a, b, knows)| DraftLink {
                                a,
                                b,
                                kind: if knows { LinkKind::Knows } else { LinkKind::Introduced },
                            })
                            .collect(),
                        ..NetworkDraft::default()
                    };
                    store.insert_network(&draft, "batch").unwrap();
                }
            }
            prop_assert_eq!(store.histories().unwrap(), store.histories_from_log().unwrap());
            // Undo takes a batch out with foreign keys off: nothing may be left dangling.
            let check = rusqlite::Connection::open(dir.path().join("t.db")).unwrap();
            let dangling: i64 = check
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
                .unwrap();
            prop_assert_eq!(dangling, 0);
            // The note index holds exactly the notes there are (FTS5 compares them itself).
            check
                .execute("INSERT INTO note_search (note_search, rank) VALUES ('integrity-check', 1)", [])
                .unwrap();
        }
    }
}
