//! Operations: each change and each undo is recorded as what other devices will apply, at a
//! clock that never runs backwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::Store;
use super::fixtures::call;
use super::journal::{Change, Table};
use super::oplog::{self, Op, Recorded};
use crate::model::{Link, LinkKind, NetworkDraft, PersonData, PersonPatch};

/// What the operations recorded since `seq` did, and the new last seq.
fn recorded(store: &Store, seq: &mut i64) -> Vec<(Op, Change)> {
    let ops = oplog::since(&store.conn, *seq).unwrap();
    if let Some(last) = ops.last() {
        *seq = last.seq;
    }
    ops.into_iter().map(|r| (r.op, r.change)).collect()
}

#[test]
fn every_change_and_every_undo_is_recorded_as_operations() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut seq = 0;
    let person = |id| (Table::Person, id);
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    assert_eq!(
        recorded(&store, &mut seq),
        [
            (
                Op::Put,
                Change::Add {
                    table: person(ana).0,
                    id: ana
                }
            ),
            (
                Op::Put,
                Change::Add {
                    table: person(bo).0,
                    id: bo
                }
            ),
        ]
    );

    // An edit puts the fields it changed, and its undo puts them back.
    let patch = PersonPatch {
        role: Some(Some("Architect".into())),
        ..PersonPatch::default()
    };
    store.update_person(ana, &patch, "edit").unwrap();
    let role = Change::Edit {
        table: Table::Person,
        id: ana,
        fields: vec!["role".into()],
    };
    assert_eq!(recorded(&store, &mut seq), [(Op::Put, role.clone())]);
    store.undo().unwrap();
    assert_eq!(recorded(&store, &mut seq), [(Op::Put, role)]);

    // A delete is a tombstone; its undo restores the row, which wins over the delete.
    let logged = store
        .log_interaction(call(vec![ana, bo]), "log")
        .unwrap()
        .id;
    let interaction = Change::Add {
        table: Table::Interaction,
        id: logged,
    };
    assert_eq!(recorded(&store, &mut seq), [(Op::Put, interaction.clone())]);
    store.remove_interaction(logged, |_| "rm".into()).unwrap();
    let gone = Change::Delete {
        table: Table::Interaction,
        id: logged,
    };
    assert_eq!(recorded(&store, &mut seq), [(Op::Delete, gone.clone())]);
    store.undo().unwrap();
    assert_eq!(recorded(&store, &mut seq), [(Op::Restore, gone)]);

    // Links are put and deleted by their natural key.
    let link = Link {
        a: ana,
        b: bo,
        kind: LinkKind::Knows,
    };
    store.link(link, "link").unwrap();
    assert_eq!(
        recorded(&store, &mut seq),
        [(Op::Put, Change::AddLink { link })]
    );
    store.undo().unwrap();
    assert_eq!(
        recorded(&store, &mut seq),
        [(Op::Delete, Change::AddLink { link })]
    );

    // A merge is one operation beside the rows it changed; its undo unmerges.
    store.merge(ana, bo).unwrap();
    let merged = recorded(&store, &mut seq);
    let merge = Change::Merge {
        keep: ana,
        other: bo,
    };
    assert_eq!(merged[0], (Op::Merge, merge.clone()), "{merged:?}");
    assert!(merged.contains(&(
        Op::Delete,
        Change::Delete {
            table: Table::Person,
            id: bo
        }
    )));
    store.undo().unwrap();
    let unmerged = recorded(&store, &mut seq);
    assert_eq!(unmerged.last(), Some(&(Op::Unmerge, merge)), "{unmerged:?}");
    assert!(unmerged.contains(&(
        Op::Restore,
        Change::Delete {
            table: Table::Person,
            id: bo
        }
    )));

    // A batch is its ranges both ways, however large.
    let mut draft = NetworkDraft::default();
    draft.people.push(PersonData::named("Cy Diaz"));
    store.insert_network(&draft, "import").unwrap();
    let batch = recorded(&store, &mut seq);
    assert!(
        matches!(
            batch.as_slice(),
            [(
                Op::Put,
                Change::AddFrom {
                    table: Table::Person,
                    ..
                }
            )]
        ),
        "{batch:?}"
    );
    store.undo().unwrap();
    assert_eq!(
        recorded(&store, &mut seq),
        [(Op::Delete, batch[0].1.clone())]
    );
}

#[test]
fn the_clock_never_runs_backwards_and_one_change_shares_one_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    // A clock already far ahead of this machine's (set by a device whose clock ran fast).
    let ahead: i64 = (chrono::Utc::now().timestamp_millis() + 86_400_000) << 16;
    store
        .conn
        .execute("UPDATE sync_device SET clock = ?1", [ahead])
        .unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    store.merge(ana, bo).unwrap();
    let ops: Vec<Recorded> = oplog::since(&store.conn, 0).unwrap();
    let clocks: Vec<i64> = ops.iter().map(|r| r.clock).collect();
    assert_eq!(clocks[0], ahead + 1, "{clocks:?}");
    assert_eq!(clocks[1], ahead + 2, "{clocks:?}");
    assert!(ops.len() > 3, "{ops:?}");
    assert!(clocks[2..].iter().all(|&c| c == ahead + 3), "{clocks:?}");
}

#[test]
fn each_database_is_a_device_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let id = |name: &str| -> Vec<u8> {
        let store = Store::open(&dir.path().join(name)).unwrap();
        store
            .conn
            .query_row("SELECT id FROM sync_device", [], |row| row.get(0))
            .unwrap()
    };
    let (laptop, desktop) = (id("laptop.db"), id("desktop.db"));
    assert_eq!(laptop.len(), 16);
    assert_ne!(laptop, desktop);
    assert_eq!(id("laptop.db"), laptop, "kept across opens");
}

#[test]
fn a_device_row_another_tool_took_out_is_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    store.conn.execute("DELETE FROM sync_device", []).unwrap();
    store.add_person(PersonData::named("Ana Lima")).unwrap();
    assert_eq!(oplog::since(&store.conn, 0).unwrap().len(), 1);
}
