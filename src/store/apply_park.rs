//! Rows set aside while the person they belong to is gone here (DESIGN, "Sync across
//! devices": a person deleted by one device and brought back by another keeps everything
//! any device gave them). A promise, a need and its introductions, a date, an introduction
//! by a helper, a dismissed pair: when another device's delete (or a merge that leaves no
//! one standing) takes their person, or one arrives for a person not here, the row is
//! *parked* — its every field kept in the books (`sync_field`), its id kept, no tombstone —
//! instead of vanishing with the person. Edits of a parked row are kept the same way. When
//! the person is back (a restore, an unmerge, a merge undone), the row is put back as kept.
//! Without it, which rows survive would depend on the order the operations came in.

use rusqlite::{Transaction, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::apply::{Applier, Found};
use super::apply_books::{Stamp, field_stamp, note_field, note_row, row_state};
use super::change::Table;
use crate::error::Result;
use crate::model::{Op, PersonId, WireOp, WireTable};

/// The tables whose rows go with a person (SQLite's cascades), with the columns naming them.
const BELONGING: [(Table, &[&str]); 5] = [
    (Table::Promise, &["person_id"]),
    (Table::Need, &["person_id"]),
    (Table::YearlyDate, &["person_id"]),
    (Table::Introduction, &["helper_id"]),
    (Table::LinkDismissed, &["a", "b"]),
];

impl Applier<'_> {
    /// Parks every row that would go with person `person` (about to be deleted here).
    pub(super) fn park_belongings(&mut self, person: PersonId) -> Result<()> {
        for (table, columns) in BELONGING {
            let (name, key) = table.sql();
            for column in columns {
                let ids: Vec<i64> = super::rows(
                    self.tx,
                    &format!("SELECT {key} FROM {name} WHERE {column} = ?1"),
                    [person],
                    |row| row.get(0),
                )?;
                for id in ids {
                    park(self.tx, table, id)?;
                }
            }
        }
        Ok(())
    }

    /// Who stands, once a round's merges are all in, the same on every device whatever
    /// order they came in: a person whose merge stands is not here (gone now if a restore
    /// had kept them); one whose merge does not stand (the earliest of a circle) is here
    /// again if what took them was that merge's delete or an earlier one (another device's
    /// merge of them the same way) — not a delete made after it.
    pub(super) fn settle_merges(&mut self) -> Result<()> {
        let merged: Vec<(Vec<u8>, i64)> = super::rows(
            self.tx,
            "SELECT other, clock FROM sync_merge WHERE keep <> other ORDER BY other",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        for (other, clock) in merged {
            let Ok(person) = Uuid::from_slice(&other) else {
                continue;
            };
            let stands = self.survivor(person)? != person;
            match (stands, self.find_exact(Table::Person, person)?) {
                (true, Found::Here(id)) => {
                    let stamp = Stamp {
                        clock,
                        device: [0; 16],
                    };
                    super::apply_books::note_deleted(self.tx, person, stamp)?;
                    self.delete_person(id, person)?;
                }
                (false, Found::Gone) => {
                    if let Some((row, Some(deleted))) = row_state(self.tx, person)?
                        && deleted <= clock
                    {
                        note_row(self.tx, person, row)?;
                        self.people_here.borrow_mut().clear();
                        self.unpark(Table::Person, person)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A whole row that arrived for a person not here: kept under an id of its own,
    /// without a tombstone, to be put back with them.
    pub(super) fn park_arrived(&mut self, table: Table, op: &WireOp, stamp: Stamp) -> Result<()> {
        if !matches!(self.find_exact(table, op.gid)?, Found::Gone) {
            let id = self.next_id(table)?;
            super::gids::assign(self.tx, table, id, Some(op.gid))?;
        }
        if row_state(self.tx, op.gid)?.is_none_or(|(row, _)| row < stamp) {
            note_row(self.tx, op.gid, stamp)?;
        }
        self.remember(table, op, stamp)
    }

    /// The fields of `op` that win over what the books keep of a parked row, kept.
    pub(super) fn remember(&mut self, table: Table, op: &WireOp, stamp: Stamp) -> Result<()> {
        let mut named = Map::new();
        for (field, value) in &op.fields {
            let kept = field_stamp(self.tx, op.gid, field)?;
            // A list's elements are decided one by one, whatever the list's own clock.
            let value = match super::apply_sets::as_change(value)
                .filter(|_| super::apply_sets::is_set(table, field))
            {
                Some(change) => self.set_changed(table, None, op.gid, field, &change, stamp)?,
                None if kept.is_some_and(|kept| kept >= stamp) => continue,
                None => value.clone(),
            };
            if super::apply_books::names_people(table, field) {
                named.insert(field.clone(), value.clone());
            }
            let at = kept.map_or(stamp, |kept| kept.max(stamp));
            note_field(self.tx, op.gid, field, at, &value)?;
        }
        super::apply_books::note_refs(self.tx, table, op.gid, &named, false)
    }

    /// Whether row `gid` is parked: its id known, the row missing, no tombstone.
    pub(super) fn parked(&self, table: Table, gid: Uuid) -> Result<bool> {
        Ok(matches!(self.find_exact(table, gid)?, Found::Gone)
            && row_state(self.tx, gid)?.is_some_and(|(_, deleted)| deleted.is_none()))
    }

    /// Puts row `gid` of `table` back from the books when whom it names is here again
    /// (a need with its introductions); left parked while anything it names is not.
    pub(super) fn unpark(&mut self, table: Table, gid: Uuid) -> Result<()> {
        if !self.parked(table, gid)? {
            return Ok(());
        }
        let mut fields = Map::new();
        for field in self.columns(table)?.iter() {
            // A row whose every field is not kept was not parked here (it went with a
            // delete made on this device, whose undo brings it back).
            let Some(value) = super::apply_sets::field_value(self.tx, gid, field)? else {
                return Ok(());
            };
            if super::wire::refers_to(table, field).is_some()
                && self.value(table, field, &value)?.is_err()
            {
                return Ok(());
            }
            fields.insert(field.clone(), value);
        }
        let Some((row, _)) = row_state(self.tx, gid)? else {
            return Ok(());
        };
        let op = WireOp {
            op: Op::Put,
            table: WireTable::Row(table),
            gid,
            clock: row.clock,
            whole: true,
            fields,
            device: None,
        };
        self.put_row(table, &op, row, Some((row, None)), true)?;
        if table == Table::Need {
            let needed = Value::String(gid.to_string()).to_string();
            let introductions: Vec<Vec<u8>> = super::rows(
                self.tx,
                "SELECT gid FROM sync_field WHERE field = 'need_id' AND value = ?1",
                params![needed],
                |row| row.get(0),
            )?;
            for introduction in introductions {
                if let Ok(introduction) = Uuid::from_slice(&introduction) {
                    self.unpark(Table::Introduction, introduction)?;
                }
            }
        }
        Ok(())
    }
}

/// Keeps row `id` of `table` (and a need's introductions) in the books, whole: every field
/// an edit did not keep already, at the row's clock. Also what a merge made here keeps of
/// the person it folds away, should that merge not stand (a circle of merges).
pub(super) fn park(tx: &Transaction, table: Table, id: i64) -> Result<()> {
    let Some(gid) = super::gids::of(tx, table, id)? else {
        return Ok(());
    };
    let Some(fields) = super::wire::row_fields(tx, table, id, &[])? else {
        return Ok(());
    };
    let row = row_state(tx, gid)?.map_or(Stamp::NEVER, |(row, _)| row);
    for (field, value) in fields {
        if field_stamp(tx, gid, &field)?.is_some() {
            // An edit's value, kept when it was made (for a person, as its writer named
            // them).
            continue;
        }
        let value = if super::apply_books::names_people(table, &field) {
            match super::apply_books::targets_of(tx, gid, &field)?.first() {
                Some(named) => Value::String(named.to_string()),
                None => value,
            }
        } else {
            value
        };
        note_field(tx, gid, &field, row, &value)?;
    }
    if table == Table::Need {
        let introductions: Vec<i64> = super::rows(
            tx,
            "SELECT id FROM introduction WHERE need_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        for introduction in introductions {
            park(tx, Table::Introduction, introduction)?;
        }
    }
    Ok(())
}
