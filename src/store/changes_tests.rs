//! What each kind of write records forward in the journal: the rows it added, changed (for a
//! person, which fields) and deleted, as a sync would send them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::Store;
use super::fixtures::call;
use super::journal::{Change, Table};
use crate::model::{Link, LinkKind, NetworkDraft, PersonData, PersonPatch};

fn newest(store: &Store) -> Vec<Change> {
    let text: String = store
        .conn
        .query_row(
            "SELECT changes FROM journal ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

fn log(store: &mut Store, people: Vec<i64>) -> i64 {
    store.log_interaction(call(people), "log").unwrap().id
}

#[test]
fn every_write_records_what_it_did_forward() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let add = |id| Change::Add {
        table: Table::Person,
        id,
    };
    assert_eq!(newest(&store), vec![add(ana)]);
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;

    // An edit names exactly the fields it changed.
    let patch = PersonPatch {
        role: Some(Some("Architect".into())),
        tags: crate::model::ListPatch {
            add: vec!["climbing".into()],
            remove: Vec::new(),
        },
        ..PersonPatch::default()
    };
    store.update_person(ana, &patch, "edit").unwrap();
    assert_eq!(
        newest(&store),
        vec![Change::Edit {
            table: Table::Person,
            id: ana,
            fields: vec!["role".into(), "tags".into()],
        }]
    );

    let call = log(&mut store, vec![ana, bo]);
    assert_eq!(
        newest(&store),
        vec![Change::Add {
            table: Table::Interaction,
            id: call
        }]
    );
    store.remove_interaction(call, |_| "delete".into()).unwrap();
    assert_eq!(
        newest(&store),
        vec![Change::Delete {
            table: Table::Interaction,
            id: call
        }]
    );

    let link = Link {
        a: ana,
        b: bo,
        kind: LinkKind::Knows,
    };
    store.link(link, "link").unwrap();
    assert_eq!(newest(&store), vec![Change::AddLink { link }]);
    store.unlink(ana, bo, "unlink").unwrap();
    assert_eq!(newest(&store), vec![Change::DeleteLink { link }]);

    // A batch is its ranges, however large.
    let mut draft = NetworkDraft::default();
    draft.people.push(PersonData::named("Cy Diaz"));
    draft.people.push(PersonData::named("Di Eze"));
    let first = store.insert_network(&draft, "import").unwrap();
    let cy = store.people().unwrap().iter().map(|p| p.id).max().unwrap() - 1;
    assert_eq!(
        newest(&store),
        vec![Change::AddFrom {
            table: Table::Person,
            from: cy
        }],
        "{first:?}"
    );

    // A merge: the kept one's fields, the other deleted, their interactions moved.
    let shared = log(&mut store, vec![bo]);
    store.merge(ana, bo).unwrap();
    let merged = newest(&store);
    assert!(
        merged.contains(&Change::Delete {
            table: Table::Person,
            id: bo
        }),
        "{merged:?}"
    );
    assert!(
        merged.contains(&Change::Edit {
            table: Table::Interaction,
            id: shared,
            fields: Vec::new()
        }),
        "{merged:?}"
    );
}

#[test]
fn a_change_that_writes_nothing_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let entries = |store: &Store| -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM journal", [], |row| row.get(0))
            .unwrap()
    };
    let before = entries(&store);
    store
        .update_person(ana, &PersonPatch::default(), "nothing")
        .unwrap();
    assert_eq!(entries(&store), before);
}
