//! Operations as they travel: rows named by global id, values as they are, references as
//! the other row's global id; deletes and undo name the same ids as the puts before them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use uuid::Uuid;

use super::Store;
use super::gids;
use super::journal::Table;
use super::oplog::Op;
use super::wire::{WireOp, WireTable, outgoing};
use crate::model::date::parse_iso_date;
use crate::model::{
    Covered, Direction, Kind, Link, LinkKind, NetworkDraft, NewInteraction, PersonData,
    PersonPatch, Size,
};

fn gid(store: &Store, table: Table, id: i64) -> Uuid {
    gids::of(&store.conn, table, id).unwrap().unwrap()
}

fn sent(store: &Store, seq: &mut i64) -> Vec<WireOp> {
    let (ops, last) = outgoing(&store.conn, *seq).unwrap();
    *seq = last;
    ops
}

fn text(gid: Uuid) -> Value {
    Value::String(gid.to_string())
}

#[test]
fn rows_travel_by_global_id_with_their_references_as_global_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let mut seq = 0;
    let day = parse_iso_date("2026-11-20").unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    let (ana_gid, bo_gid) = (
        gid(&store, Table::Person, ana),
        gid(&store, Table::Person, bo),
    );
    let ops = sent(&store, &mut seq);
    assert_eq!(ops.len(), 2);
    assert_eq!(
        (ops[0].op, ops[0].table, ops[0].gid),
        (Op::Put, WireTable::Row(Table::Person), ana_gid)
    );
    assert_eq!(ops[0].fields["name"], "Ana Lima");
    for local in ["id", "created_at", "updated_at"] {
        assert!(!ops[0].fields.contains_key(local), "{local} stays here");
    }
    assert!(ops[1].clock > ops[0].clock);

    // An edit sends only the fields it changed.
    let patch = PersonPatch {
        company: Some(Some("Canal Bank".into())),
        ..PersonPatch::default()
    };
    store.update_person(ana, &patch, "edit").unwrap();
    let ops = sent(&store, &mut seq);
    assert_eq!(ops.len(), 1);
    assert_eq!(
        ops[0].fields,
        json!({"company": "Canal Bank"})
            .as_object()
            .unwrap()
            .clone()
    );

    // An interaction carries its people; a promise its person; a review whom it covered.
    let logged = store
        .log_interaction(
            NewInteraction {
                day,
                people: vec![ana, bo],
                kind: Kind::Call,
                direction: Direction::Mutual,
                size: Size::Small,
                note: "by the river".into(),
            },
            "log",
        )
        .unwrap();
    store.add_promise(bo, "the book", None, day, "p").unwrap();
    let covered = Covered {
        reconnect: vec![bo],
        kept_paper: Vec::new(),
    };
    store.record_review(20_000, 1, 0, &covered).unwrap();
    let ops = sent(&store, &mut seq);
    assert_eq!(ops[0].gid, gid(&store, Table::Interaction, logged.id));
    assert_eq!(
        ops[0].fields["people"],
        json!([text(ana_gid), text(bo_gid)])
    );
    assert_eq!(ops[0].fields["note"], "by the river");
    assert_eq!(ops[0].fields["kind"], "call");
    assert_eq!(ops[1].table, WireTable::Row(Table::Promise));
    assert_eq!(ops[1].fields["person_id"], text(bo_gid));
    assert_eq!(ops[2].fields["covered"]["reconnect"], json!([text(bo_gid)]));

    // A link is named by its kind and its people, the same on every device.
    let link = Link {
        a: ana,
        b: bo,
        kind: LinkKind::Knows,
    };
    store.link(link, "link").unwrap();
    let ops = sent(&store, &mut seq);
    let expected = gids::derived("link knows", &[ana_gid.as_bytes(), bo_gid.as_bytes()]);
    assert_eq!((ops[0].table, ops[0].gid), (WireTable::Link, expected));
    assert_eq!(ops[0].fields["a"], text(ana_gid));
    store.unlink(ana, bo, "unlink").unwrap();
    let ops = sent(&store, &mut seq);
    assert_eq!((ops[0].op, ops[0].gid), (Op::Delete, expected));
}

#[test]
fn deletes_undo_merges_and_batches_name_the_rows_the_puts_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    let mut seq = 0;
    sent(&store, &mut seq);
    let bo_gid = gid(&store, Table::Person, bo);

    // Merged: the other is named as merged into the one kept, then deleted.
    store.merge(ana, bo).unwrap();
    let ops = sent(&store, &mut seq);
    assert_eq!((ops[0].op, ops[0].gid), (Op::Merge, bo_gid));
    assert_eq!(ops[0].fields["into"], text(gid(&store, Table::Person, ana)));
    assert!(ops.iter().any(|o| o.op == Op::Delete && o.gid == bo_gid));
    // Undone: the same id comes back whole, after the unmerge.
    store.undo().unwrap();
    let ops = sent(&store, &mut seq);
    let restored = ops.iter().find(|o| o.op == Op::Restore).unwrap();
    assert_eq!(restored.gid, bo_gid);
    assert_eq!(restored.fields["name"], "Bo Chen");
    assert_eq!(
        ops.last().map(|o| (o.op, o.gid)),
        Some((Op::Unmerge, bo_gid))
    );

    // A batch sends each of its rows, with what came with its people; its undo deletes them.
    let mut draft = NetworkDraft::default();
    draft.people.push(PersonData::named("Cy Diaz"));
    draft.people.push(PersonData::named("Di Eze"));
    draft.links.push(crate::model::DraftLink {
        a: 0,
        b: 1,
        kind: LinkKind::Knows,
    });
    store.insert_network(&draft, "import").unwrap();
    let ops = sent(&store, &mut seq);
    let names: Vec<&Value> = (ops.iter())
        .filter(|o| o.table == WireTable::Row(Table::Person))
        .map(|o| &o.fields["name"])
        .collect();
    assert_eq!(names, ["Cy Diaz", "Di Eze"]);
    assert_eq!(ops.iter().filter(|o| o.table == WireTable::Link).count(), 1);
    let batch: Vec<Uuid> = (ops.iter())
        .filter(|o| o.table == WireTable::Row(Table::Person))
        .map(|o| o.gid)
        .collect();
    store.undo().unwrap();
    let ops = sent(&store, &mut seq);
    let deleted: Vec<Uuid> = (ops.iter())
        .filter(|o| o.op == Op::Delete && o.table == WireTable::Row(Table::Person))
        .map(|o| o.gid)
        .collect();
    assert_eq!(deleted, batch);
}

#[test]
fn a_row_gone_before_it_is_sent_travels_only_as_its_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let ana_gid = gid(&store, Table::Person, ana);
    store.add_person(PersonData::named("Bo Chen")).unwrap();
    store.undo().unwrap();
    let ops = sent(&store, &mut 0);
    let ops: Vec<(Op, bool)> = ops.iter().map(|o| (o.op, o.gid == ana_gid)).collect();
    assert_eq!(ops, [(Op::Put, true), (Op::Delete, false)]);
}

#[test]
fn a_dismissed_suggestion_and_its_undo_name_the_same_pair_on_every_device() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("t.db")).unwrap();
    let ana = store.add_person(PersonData::named("Ana Lima")).unwrap().id;
    let bo = store.add_person(PersonData::named("Bo Chen")).unwrap().id;
    let mut seq = 0;
    sent(&store, &mut seq);
    let day = parse_iso_date("2026-11-20").unwrap();
    store.dismiss_link(bo, ana, day, "dismiss").unwrap();
    let (ana_gid, bo_gid) = (
        gid(&store, Table::Person, ana),
        gid(&store, Table::Person, bo),
    );
    let pair = gids::derived("dismissed", &[ana_gid.as_bytes(), bo_gid.as_bytes()]);
    let ops = sent(&store, &mut seq);
    assert_eq!((ops[0].op, ops[0].gid), (Op::Put, pair));
    assert_eq!(ops[0].fields["a"], text(ana_gid));
    // Undone: the row is gone, and its delete still names the pair.
    store.undo().unwrap();
    let ops = sent(&store, &mut seq);
    assert_eq!((ops[0].op, ops[0].gid), (Op::Delete, pair));
}
