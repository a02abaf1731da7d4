//! Global ids: every row that syncs has one from the write that makes it, keeps it through
//! edits and undo, and never passes it to another row; captured rows have the same id on
//! every device.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use uuid::Uuid;

use super::Store;
use super::fixtures::call;
use super::gids;
use super::journal::Table;
use super::migrate::MIGRATIONS;
use crate::model::date::parse_iso_date;
use crate::model::{
    Capture, CaptureSource, Direction, DraftInteraction, DraftReview, Kind, NetworkDraft,
    PersonData, Size, YearlyDay,
};

fn gid(store: &Store, table: Table, id: i64) -> Uuid {
    gids::of(&store.conn, table, id)
        .unwrap()
        .unwrap_or_else(|| panic!("{table:?} {id} has no global id"))
}

fn no_row_without_a_gid(store: &Store) {
    let missing = gids::missing(&store.conn).unwrap();
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn every_write_gives_its_rows_global_ids_that_edits_and_undo_keep() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let day = parse_iso_date("2026-11-20").unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    let logged = store.log_interaction(call(vec![ana, bo]), "log").unwrap();
    let review = store
        .record_review(20_000, 3, 1, &Default::default())
        .unwrap();
    let promise = store.add_promise(ana, "the book", None, day, "p").unwrap();
    let need = store.add_need(bo, "a designer", &[], day, "n").unwrap();
    let on: YearlyDay = "03-01".parse().unwrap();
    let date = store.add_date(ana, "met", on, "d").unwrap();
    let offer = store.add_offer("a lift", &[], day, "o").unwrap();
    let introduction = store
        .add_introduction(need.id, ana, day, None, "i")
        .unwrap();
    no_row_without_a_gid(&store);

    let ids = [
        (Table::Person, ana),
        (Table::Person, bo),
        (Table::Interaction, logged.id),
        (Table::Review, review),
        (Table::Promise, promise.id),
        (Table::Need, need.id),
        (Table::YearlyDate, date.id),
        (Table::Offer, offer.id),
        (Table::Introduction, introduction.id),
    ];
    let before: Vec<Uuid> = ids.iter().map(|&(t, id)| gid(&store, t, id)).collect();
    let mut distinct = before.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), before.len(), "one id per row: {before:?}");
    assert!(
        before.iter().all(|g| g.get_version_num() == 7),
        "{before:?}"
    );

    // Edits, a merge and its undo, deletes and their undo: every row keeps its id.
    let patch = crate::model::InteractionPatch {
        note: Some("by the river".into()),
        ..Default::default()
    };
    store
        .edit_interaction(logged.id, &patch, |_, _| "edit".into())
        .unwrap();
    store.finish_need(need.id, day, |_| "done".into()).unwrap();
    store.merge(ana, bo).unwrap();
    store.undo().unwrap();
    store
        .remove_interaction(logged.id, |_| "rm".into())
        .unwrap();
    store.undo().unwrap();
    store.remove_date(date.id, |_| "rm".into()).unwrap();
    store.undo().unwrap();
    let after: Vec<Uuid> = ids.iter().map(|&(t, id)| gid(&store, t, id)).collect();
    assert_eq!(after, before);
    no_row_without_a_gid(&store);

    // A deleted row's id is never given again: the next row is new to every device.
    let cy = store.add_person(PersonData::named("Cy Diaz")).unwrap().id;
    store.undo().unwrap();
    let di = store.add_person(PersonData::named("Di Eze")).unwrap().id;
    assert!(di > cy, "Di {di} after the undone Cy {cy}");
    assert_ne!(
        gid(&store, Table::Person, di),
        gid(&store, Table::Person, cy)
    );
    let newest = store
        .record_review(20_001, 0, 0, &Default::default())
        .unwrap();
    store.undo().unwrap();
    let again = store
        .record_review(20_002, 0, 0, &Default::default())
        .unwrap();
    assert!(again > newest, "review {again} after the undone {newest}");
}

fn captured_draft() -> NetworkDraft {
    let mut draft = NetworkDraft::default();
    draft.people.push(PersonData::named("Ana Lima"));
    draft.people.push(PersonData::named("Bo Chen"));
    for (n, id) in ["<m1@example.org>", "<m2@example.org>"]
        .into_iter()
        .enumerate()
    {
        draft.interactions.push(DraftInteraction {
            day: parse_iso_date(&format!("2026-10-0{}", n + 1)).unwrap(),
            people: vec![0, 1],
            kind: Kind::Message,
            direction: Direction::Gave,
            size: Size::Small,
            note: String::new(),
            capture: Some(Capture {
                source: CaptureSource::Mail,
                id: id.to_string(),
            }),
            thanked_on: None,
        });
    }
    draft.reviews.push(DraftReview {
        day: parse_iso_date("2026-10-04").unwrap(),
        items_seen: 1,
        actions: 0,
        reconnect: vec![1],
        kept_paper: Vec::new(),
        note: String::new(),
    });
    draft
}

#[test]
fn a_captured_interaction_has_the_same_id_on_every_device() {
    let dir = tempfile::tempdir().unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    let mut desktop = Store::open(&dir.path().join("desktop.db")).unwrap();
    // The desktop has a person of its own first: its integer ids differ from the laptop's.
    desktop.add_person(PersonData::named("Zoë")).unwrap();
    desktop.log_interaction(call(vec![1]), "log").unwrap();
    laptop.insert_network(&captured_draft(), "import").unwrap();
    desktop.insert_network(&captured_draft(), "import").unwrap();
    no_row_without_a_gid(&laptop);
    no_row_without_a_gid(&desktop);
    let captured = |store: &Store| -> Vec<Uuid> {
        let ids: Vec<i64> = super::rows(
            &store.conn,
            "SELECT id FROM interaction WHERE source IS NOT NULL ORDER BY day",
            [],
            |row| row.get(0),
        )
        .unwrap();
        ids.iter()
            .map(|&id| gid(store, Table::Interaction, id))
            .collect()
    };
    let on_laptop = captured(&laptop);
    assert_eq!(on_laptop.len(), 2);
    assert!(on_laptop.iter().all(|g| g.get_version_num() == 5));
    assert_eq!(on_laptop, captured(&desktop));
    // Rows without a natural key are each device's own.
    let people = |store: &Store| -> Vec<Uuid> {
        (store.people().unwrap().iter())
            .map(|p| gid(store, Table::Person, p.id))
            .collect()
    };
    assert!(
        people(&laptop)
            .iter()
            .all(|g| !people(&desktop).contains(g))
    );
}

#[test]
fn derived_ids_never_change_between_builds() {
    // Pinned: every device must derive the same id from the same key, in every version. The
    // value was computed apart from this code, by RFC 9562's v5 rule in Python (SHA-1 of the
    // namespace's bytes and the name: "captured", then each part after its length as 8
    // big-endian bytes; version and variant bits set).
    assert_eq!(
        gids::derived("captured", &[b"mail", b"<m1@example.org>"]).to_string(),
        "08483596-6618-59ca-b6d4-9ad137965be4"
    );
    // The parts are kept apart: ("ab", "c") is not ("a", "bc").
    assert_ne!(
        gids::derived("link", &[b"ab", b"c"]),
        gids::derived("link", &[b"a", b"bc"])
    );
}

#[test]
fn the_migration_gives_every_row_already_there_an_id_from_when_it_was_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let store = super::open::open(&db, &MIGRATIONS[..15], &|_, _| {}).unwrap();
    store
        .conn
        .execute_batch(
            "INSERT INTO person (id, name, created_at, updated_at)
                 VALUES (1, 'Ana', '2025-03-04T05:06:07Z', ''), (2, 'Bo', 'not a time', '');
             INSERT INTO interaction (id, day, kind, direction, size, note, created_at,
                 source, source_id)
                 VALUES (1, 20400, 'message', 'gave', 1, '', '2025-03-04T05:06:07Z',
                     'mail', '<m1@example.org>');
             INSERT INTO offer (id, text, tags, made_on, created_at)
                 VALUES (1, 'a lift', '[]', 20400, '2025-03-04T05:06:07Z');",
        )
        .unwrap();
    drop(store);
    let store = super::open::open(&db, MIGRATIONS, &|_, _| {}).unwrap();
    no_row_without_a_gid(&store);
    let ana = gid(&store, Table::Person, 1);
    let (seconds, _) = ana.get_timestamp().unwrap().to_unix();
    assert_eq!(seconds, 1_741_064_767, "Ana's id is as old as her row");
    assert_eq!(gid(&store, Table::Person, 2).get_version_num(), 7);
    assert_eq!(
        gid(&store, Table::Interaction, 1),
        gids::derived("captured", &[b"mail", b"<m1@example.org>"])
    );
    assert_eq!(gid(&store, Table::Offer, 1).get_version_num(), 7);
}

#[test]
fn check_names_rows_another_tool_wrote_without_an_id() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    store
        .conn
        .execute(
            "INSERT INTO person (id, name, created_at, updated_at) VALUES (7, 'Eve', '', '')",
            [],
        )
        .unwrap();
    let problems = store.check().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p.table.as_deref() == Some("person")
                && p.text.starts_with("1 row: no global id")),
        "{problems:?}"
    );
}

#[test]
fn a_dismissal_written_before_v18_gets_the_id_its_pair_derives() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let mut store = super::open::open(&db, &MIGRATIONS[..17], &|_, _| {}).unwrap();
    // Two people as v17 wrote them (this build's writer knows later columns), with their ids.
    let (ana, bo) = (1, 2);
    let tx = store.conn.transaction().unwrap();
    tx.execute(
        "INSERT INTO person (id, name, created_at, updated_at) \
         VALUES (1, 'Ana Lima', '', ''), (2, 'Bo Chen', '', '')",
        [],
    )
    .unwrap();
    gids::assign_all(&tx).unwrap();
    tx.commit().unwrap();
    // As v16 and v17 wrote it: the row, and no id for it.
    store
        .conn
        .execute(
            "INSERT INTO link_dismissed (id, a, b, dismissed_on, created_at)
                 VALUES (1, ?1, ?2, 20400, '')",
            [ana, bo],
        )
        .unwrap();
    drop(store);
    let store = super::open::open(&db, MIGRATIONS, &|_, _| {}).unwrap();
    no_row_without_a_gid(&store);
    let (a, b) = (
        gid(&store, Table::Person, ana),
        gid(&store, Table::Person, bo),
    );
    assert_eq!(
        gid(&store, Table::LinkDismissed, 1),
        gids::derived("dismissed", &[a.as_bytes(), b.as_bytes()])
    );
}
