//! Applying what another device did (DESIGN, "Sync across devices", the merge rule): per
//! field the later clock wins (ties: the larger device id); a delete wins over every edit
//! that did not see it and stays as a tombstone; a restore, or a whole row put again (a
//! link, a snooze, a mail captured again), with a later clock than the delete brings it
//! back; references travel as global ids and follow a person merged away to the survivor.
//! The same bookkeeping (`sync_row`, `sync_field`, `sync_merge`) is kept for what this
//! device sends, so its own edits weigh the same. Nothing here goes into the journal or the
//! operations: a change that came by sync is not undone here and not sent again.

use std::collections::{BTreeSet, HashMap};

use rusqlite::types::Value as Sql;
use rusqlite::{OptionalExtension, Transaction};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::apply_books::{
    Stamp, field_stamp, later_edit, note_field, note_merge, note_row, row_state,
};
use super::change::Table;
use super::wire::LOCAL_COLUMNS;
use crate::error::{Error, Result};
use crate::model::{Op, PersonId, WireOp, WireTable};

/// What became of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// It changed something, or confirmed what was there.
    Applied,
    /// Something later had already won (or the row is deleted).
    Stale,
    /// It names a row not heard of yet: tried again at the next sync.
    Waiting,
}

/// A reference read from the wire.
pub(super) enum Found {
    Here(i64),
    /// Deleted here (or merged away with no survivor).
    Gone,
    Unknown,
}

/// Applies other devices' operations inside `tx`; people whose history changed are
/// refreshed at the end.
pub(super) struct Applier<'t> {
    pub(super) tx: &'t Transaction<'t>,
    columns: HashMap<Table, std::rc::Rc<[String]>>,
    next_ids: HashMap<Table, i64>,
    local_columns: HashMap<(Table, &'static str), bool>,
    /// When this round writes (a row new here says so in its `created_at`).
    now: String,
    pub(super) touched: BTreeSet<PersonId>,
    /// People found here by global id, while no merge, unmerge or delete of a person has
    /// come since (then it is emptied): an interaction names the same few people over and
    /// over.
    pub(super) people_here: std::cell::RefCell<HashMap<Uuid, PersonId>>,
    /// New interactions' notes waiting for the search index (`apply_notes.rs`).
    pub(super) notes: super::apply_notes::WaitingNotes,
    /// A merge or an unmerge came this round: who stands is settled at the end.
    merges_changed: bool,
}

impl<'t> Applier<'t> {
    pub fn new(tx: &'t Transaction<'t>) -> Self {
        Applier {
            tx,
            columns: HashMap::new(),
            next_ids: HashMap::new(),
            local_columns: HashMap::new(),
            now: super::timestamp(),
            touched: BTreeSet::new(),
            people_here: std::cell::RefCell::default(),
            notes: Default::default(),
            merges_changed: false,
        }
    }

    /// Indexes the notes still waiting and refreshes the histories of everyone whose
    /// interactions changed.
    pub fn finish(mut self) -> Result<()> {
        if self.merges_changed {
            self.settle_merges()?;
        }
        self.notes.finish(self.tx)?;
        for person in self.touched {
            let alive: bool = self
                .tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)")?
                .query_row([person], |row| row.get(0))?;
            if alive {
                super::histories::refresh_history(self.tx, person)?;
            }
        }
        Ok(())
    }

    pub fn apply(&mut self, device: [u8; 16], op: &WireOp) -> Result<Outcome> {
        let stamp = Stamp {
            clock: op.clock,
            device,
        };
        match op.op {
            Op::Merge | Op::Unmerge => {
                note_merge(self.tx, op)?;
                self.people_here.borrow_mut().clear();
                self.resolve_naming(op.gid)?;
                self.merges_changed = true;
                Ok(Outcome::Applied)
            }
            Op::Delete => self.delete(op, stamp),
            Op::Put | Op::Restore => {
                let state = row_state(self.tx, op.gid)?;
                let brings_back = op.whole || op.op == Op::Restore;
                if let Some((_, Some(deleted_at))) = state
                    && !(brings_back && op.clock > deleted_at)
                {
                    // Kept for a restore made before this edit, still on its way.
                    if let WireTable::Row(table) = op.table {
                        self.remember(table, op, stamp)?;
                    }
                    return Ok(Outcome::Stale);
                }
                match op.table {
                    WireTable::Link => self.put_link(op, stamp),
                    WireTable::Row(Table::Snooze) => self.put_snooze(op, stamp, state),
                    WireTable::Row(table) => self.put_row(table, op, stamp, state, brings_back),
                }
            }
        }
    }

    /// The table's columns that travel (PRAGMA order), read once.
    /// The fields a row of `table` travels with (its columns; an interaction's people too).
    pub(super) fn columns(&mut self, table: Table) -> Result<std::rc::Rc<[String]>> {
        if let Some(columns) = self.columns.get(&table) {
            return Ok(std::rc::Rc::clone(columns));
        }
        let (name, _) = table.sql();
        let columns: Vec<String> = super::rows(
            self.tx,
            &format!("SELECT name FROM pragma_table_info('{name}') ORDER BY cid"),
            [],
            |row| row.get(0),
        )?
        .into_iter()
        .filter(|c: &String| !LOCAL_COLUMNS.contains(&c.as_str()))
        .chain((table == Table::Interaction).then(|| "people".to_string()))
        .collect();
        let columns: std::rc::Rc<[String]> = columns.into();
        self.columns.insert(table, std::rc::Rc::clone(&columns));
        Ok(columns)
    }

    pub(super) fn put_row(
        &mut self,
        table: Table,
        op: &WireOp,
        stamp: Stamp,
        state: Option<(Stamp, Option<i64>)>,
        brings_back: bool,
    ) -> Result<Outcome> {
        // The row itself: a put never follows a merge (references do).
        let here = self.find_exact(table, op.gid)?;
        let row_stamp = match (&here, state) {
            (Found::Here(_), Some((row, _))) => row,
            // A row here before sync began (never sent): anything that arrives is later.
            _ => Stamp::NEVER,
        };
        // Which fields this put wins, with their values here.
        let mut winners: Vec<(String, Sql)> = Vec::new();
        let mut people: Option<Vec<PersonId>> = None;
        let fresh = !matches!(here, Found::Here(_));
        if fresh && !brings_back {
            // An edit of a row not here yet waits for it; of one deleted here, is too late;
            // of one parked, is kept for when it is back.
            return Ok(match here {
                Found::Unknown => Outcome::Waiting,
                _ if self.parked(table, op.gid)? => {
                    self.remember(table, op, stamp)?;
                    Outcome::Applied
                }
                _ => Outcome::Stale,
            });
        }
        // The value each field takes: this put's, or, for a row coming back, an edit made
        // after it (which the row lost when it was deleted).
        let mut chosen = Map::new();
        let fields = self.columns(table)?;
        for field in fields.iter().cloned() {
            // Only a row known before (deleted, now back) can have had later edits.
            let later = if fresh && state.is_some() {
                later_edit(self.tx, op.gid, &field, stamp)?
            } else {
                None
            };
            let Some(mut value) = later.or_else(|| op.fields.get(&field).cloned()) else {
                continue;
            };
            // A set's elements added and removed apply to the list here, whatever its clock.
            let set_change = super::apply_sets::as_change(&value)
                .filter(|_| super::apply_sets::is_set(table, &field));
            if let Some(change) = set_change {
                let here_id = match &here {
                    Found::Here(id) => Some(*id),
                    _ => None,
                };
                value = self.set_changed(table, here_id, op.gid, &field, &change, stamp)?;
            } else if !fresh && !self.wins(op.gid, &field, stamp, row_stamp)? {
                continue;
            }
            let found = if field == "people" {
                self.people(&value)?.map(|found| people = Some(found))
            } else {
                (self.value(table, &field, &value)?).map(|sql| winners.push((field.clone(), sql)))
            };
            match found {
                Ok(()) => {}
                // A row whose person is gone here waits for them, parked (its later edits
                // kept with it, not waiting).
                Err(Outcome::Stale) if fresh => {
                    self.park_arrived(table, op, stamp)?;
                    return Ok(Outcome::Applied);
                }
                Err(outcome) => return Ok(outcome),
            }
            chosen.insert(field, value);
        }
        let (name, key) = table.sql();
        let named: Map<String, Value> = (chosen.iter())
            .filter(|(field, _)| super::apply_books::names_people(table, field))
            .map(|(field, value)| (field.clone(), value.clone()))
            .collect();
        let id = match here {
            Found::Here(id) => {
                if table == Table::Interaction {
                    self.notes.index(self.tx)?;
                }
                if !winners.is_empty() {
                    let sets: Vec<String> = (winners.iter().enumerate())
                        .map(|(at, (column, _))| format!("{column} = ?{}", at + 2))
                        .collect();
                    let mut values = vec![Sql::Integer(id)];
                    values.extend(winners.iter().map(|(_, v)| v.clone()));
                    self.tx
                        .prepare_cached(&format!(
                            "UPDATE {name} SET {} WHERE {key} = ?1",
                            sets.join(", ")
                        ))?
                        .execute(rusqlite::params_from_iter(values))?;
                }
                for (field, value) in &chosen {
                    note_field(self.tx, op.gid, field, stamp, value)?;
                }
                id
            }
            Found::Gone | Found::Unknown => {
                // Back under the key it had here, or a new one never used.
                let known: Option<i64> = match here {
                    // No key of this table has that id here (`find_exact` asked).
                    Found::Unknown => None,
                    _ => self
                        .tx
                        .prepare_cached("SELECT id FROM row_gid WHERE gid = ?1")?
                        .query_row([op.gid.as_bytes()], |row| row.get(0))
                        .optional()?,
                };
                let id = match known {
                    Some(id) => id,
                    None => self.next_id(table)?,
                };
                let now = self.now.clone();
                let mut columns = vec![key.to_string()];
                let mut values = vec![Sql::Integer(id)];
                for (column, value) in winners {
                    columns.push(column);
                    values.push(value);
                }
                for local in ["created_at", "updated_at"] {
                    if self.has_local_column(table, local)? {
                        columns.push(local.to_string());
                        values.push(Sql::Text(now.clone()));
                    }
                }
                let marks: Vec<String> = (1..=values.len()).map(|n| format!("?{n}")).collect();
                self.tx
                    .prepare_cached(&format!(
                        "INSERT INTO {name} ({}) VALUES ({})",
                        columns.join(", "),
                        marks.join(", ")
                    ))?
                    .execute(rusqlite::params_from_iter(values))
                    .map_err(|e| {
                        Error::invalid(format!("a {name} that cannot be written here: {e}"))
                    })?;
                super::gids::assign(self.tx, table, id, Some(op.gid))?;
                if table == Table::Interaction {
                    self.notes.added(self.tx, id)?;
                }
                note_row(self.tx, op.gid, stamp)?;
                // Its lists as synced: what an edit here next sends changes from.
                super::apply_books::note_sets(self.tx, op, stamp)?;
                id
            }
        };
        // A row never seen here has no references, contacts or history to take back.
        let first = fresh && state.is_none();
        super::apply_books::note_refs(self.tx, table, op.gid, &named, first)?;
        if table == Table::Interaction {
            match (first, people) {
                (true, Some(people)) => self.first_contacts(id, people)?,
                (_, people) => self.contacts(id, people)?,
            }
        }
        if table == Table::Person && fresh && state.is_some() {
            // Back, or here at last: rows that named them while they were not find them.
            self.resolve_naming(op.gid)?;
        }
        Ok(Outcome::Applied)
    }

    /// Whether `table` has the local column `column` (`created_at`, `updated_at`): asked of
    /// SQLite once per table and column a round (a pragma is prepared anew each time).
    fn has_local_column(&mut self, table: Table, column: &'static str) -> Result<bool> {
        if let Some(&has) = self.local_columns.get(&(table, column)) {
            return Ok(has);
        }
        let has: bool = self.tx.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM pragma_table_info('{}') WHERE name = ?1)",
                table.sql().0
            ),
            [column],
            |row| row.get(0),
        )?;
        self.local_columns.insert((table, column), has);
        Ok(has)
    }

    /// The next integer key for a row new here: one query per table a round, then counted
    /// on (nothing else writes inside this transaction).
    pub(super) fn next_id(&mut self, table: Table) -> Result<i64> {
        let next = match self.next_ids.get(&table) {
            Some(&next) => next,
            None => super::gids::next_free_id(self.tx, table.sql().0)?,
        };
        self.next_ids.insert(table, next + 1);
        Ok(next)
    }

    /// Set field `field` of row `id` (`gid`) with `change` applied, in the order of its
    /// latest edit; that order kept when this edit is the latest.
    /// The list field `field` of row `gid` holds once `change` is applied: to the row here
    /// (`id`), or for a row coming back, to the list kept when it went (elements another
    /// device added meanwhile stay), or for a row never seen, to the list the change makes.
    pub(super) fn set_changed(
        &self,
        table: Table,
        id: Option<i64>,
        gid: Uuid,
        field: &str,
        change: &super::apply_sets::SetChange,
        stamp: Stamp,
    ) -> Result<Value> {
        use super::apply_sets::{applied, elements, order_field, ordered, whole, whole_as};
        let current = match id {
            // An interaction's people as its writers named them.
            Some(_) if field == "people" => (super::apply_books::targets_of(self.tx, gid, field)?
                .iter())
            .map(Uuid::to_string)
            .collect(),
            Some(id) => {
                let (name, key) = table.sql();
                let current: String = self.tx.query_row(
                    &format!("SELECT {field} FROM {name} WHERE {key} = ?1"),
                    [id],
                    |row| row.get(0),
                )?;
                elements(&Value::String(current))
            }
            None => super::apply_sets::field_value(self.tx, gid, field)?
                .map_or_else(|| change.now.clone(), |kept| elements(&kept)),
        };
        let (add, remove) = super::apply_books::later_elements(self.tx, gid, field, change, stamp)?;
        let set = applied(&current, &add, &remove);
        let order_name = order_field(field);
        let order = match field_stamp(self.tx, gid, &order_name)? {
            Some(kept) if kept > stamp => later_edit(self.tx, gid, &order_name, Stamp::NEVER)?
                .map(|v| elements(&v))
                .unwrap_or(current),
            _ => {
                note_field(self.tx, gid, &order_name, stamp, &whole(&change.now))?;
                change.now.clone()
            }
        };
        Ok(whole_as(field, &ordered(&set, &order)))
    }

    /// Whether a put at `stamp` wins field `field` of row `gid`.
    fn wins(&self, gid: Uuid, field: &str, stamp: Stamp, row: Stamp) -> Result<bool> {
        let field = field_stamp(self.tx, gid, field)?.unwrap_or(Stamp::NEVER);
        Ok(stamp > row.max(field))
    }
}
