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
use rusqlite::{OptionalExtension, Transaction, params};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::change::Table;
use super::wire::{LOCAL_COLUMNS, refers_to};
use crate::error::{Error, Result};
use crate::model::{Op, PersonId, WireOp, WireTable};

/// When a value was written and by which device: the later clock wins, then the larger
/// device id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp {
    pub clock: i64,
    pub device: [u8; 16],
}

impl Stamp {
    const NEVER: Stamp = Stamp {
        clock: i64::MIN,
        device: [0; 16],
    };
}

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
enum Found {
    Here(i64),
    /// Deleted here (or merged away with no survivor).
    Gone,
    Unknown,
}

/// A row's sync state: its stamp, and when it was deleted.
fn row_state(tx: &Transaction, gid: Uuid) -> Result<Option<(Stamp, Option<i64>)>> {
    Ok(tx
        .prepare_cached("SELECT clock, device, deleted_at FROM sync_row WHERE gid = ?1")?
        .query_row([gid.as_bytes()], |row| {
            Ok((
                Stamp {
                    clock: row.get(0)?,
                    device: device_bytes(row.get(1)?),
                },
                row.get(2)?,
            ))
        })
        .optional()?)
}

fn device_bytes(bytes: Vec<u8>) -> [u8; 16] {
    bytes.try_into().unwrap_or([0; 16])
}

fn field_stamp(tx: &Transaction, gid: Uuid, field: &str) -> Result<Option<Stamp>> {
    Ok(tx
        .prepare_cached("SELECT clock, device FROM sync_field WHERE gid = ?1 AND field = ?2")?
        .query_row(params![gid.as_bytes(), field], |row| {
            Ok(Stamp {
                clock: row.get(0)?,
                device: device_bytes(row.get(1)?),
            })
        })
        .optional()?)
}

/// The row is (again) as put whole at `stamp`: alive, its clock `stamp`.
fn note_row(tx: &Transaction, gid: Uuid, stamp: Stamp) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_row (gid, clock, device, deleted_at) VALUES (?1, ?2, ?3, NULL) \
         ON CONFLICT (gid) DO UPDATE SET clock = excluded.clock, device = excluded.device, \
         deleted_at = NULL",
    )?
    .execute(params![gid.as_bytes(), stamp.clock, stamp.device])?;
    Ok(())
}

fn note_field(tx: &Transaction, gid: Uuid, field: &str, stamp: Stamp, value: &Value) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_field (gid, field, clock, device, value) VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (gid, field) DO UPDATE SET clock = excluded.clock, \
         device = excluded.device, value = excluded.value",
    )?
    .execute(params![
        gid.as_bytes(),
        field,
        stamp.clock,
        stamp.device,
        value.to_string()
    ])?;
    Ok(())
}

/// The value an edit later than `stamp` set field `field` of row `gid` to, if one did.
fn later_edit(tx: &Transaction, gid: Uuid, field: &str, stamp: Stamp) -> Result<Option<Value>> {
    let Some(edited) = field_stamp(tx, gid, field)? else {
        return Ok(None);
    };
    if edited <= stamp {
        return Ok(None);
    }
    let text: String = tx
        .prepare_cached("SELECT value FROM sync_field WHERE gid = ?1 AND field = ?2")?
        .query_row(params![gid.as_bytes(), field], |row| row.get(0))?;
    Ok(serde_json::from_str(&text).ok())
}

/// The row is deleted as of `stamp` (a tombstone; the later delete is kept).
fn note_deleted(tx: &Transaction, gid: Uuid, stamp: Stamp) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_row (gid, clock, device, deleted_at) VALUES (?1, ?2, ?3, ?2) \
         ON CONFLICT (gid) DO UPDATE SET deleted_at = max(coalesce(deleted_at, ?2), ?2)",
    )?
    .execute(params![gid.as_bytes(), stamp.clock, stamp.device])?;
    Ok(())
}

fn note_merge(tx: &Transaction, op: &WireOp) -> Result<()> {
    let Some(keep) = gid_field(&op.fields, "into") else {
        return Err(Error::invalid("a merge that does not say into whom"));
    };
    match op.op {
        Op::Merge => tx
            .prepare_cached(
                "INSERT INTO sync_merge (other, keep, clock) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (other) DO UPDATE SET keep = excluded.keep, clock = excluded.clock \
                 WHERE excluded.clock > sync_merge.clock",
            )?
            .execute(params![op.gid.as_bytes(), keep.as_bytes(), op.clock])?,
        _ => tx
            .prepare_cached("DELETE FROM sync_merge WHERE other = ?1 AND clock < ?2")?
            .execute(params![op.gid.as_bytes(), op.clock])?,
    };
    Ok(())
}

fn gid_field(fields: &Map<String, Value>, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
}

/// Notes what this device sends, as its receivers will: its own edits then weigh against
/// what arrives by their clocks, like anyone's.
pub(super) fn note_sent(tx: &Transaction, device: [u8; 16], ops: &[WireOp]) -> Result<()> {
    for op in ops {
        let stamp = Stamp {
            clock: op.clock,
            device,
        };
        if let (Op::Put | Op::Restore, WireTable::Row(table)) = (op.op, op.table) {
            super::apply_refs::note_refs(tx, table, op.gid, &op.fields)?;
        }
        match op.op {
            Op::Put | Op::Restore if op.whole || op.op == Op::Restore => {
                note_row(tx, op.gid, stamp)?;
            }
            Op::Put => {
                for (field, value) in &op.fields {
                    note_field(tx, op.gid, field, stamp, value)?;
                }
            }
            Op::Restore => note_row(tx, op.gid, stamp)?,
            Op::Delete => note_deleted(tx, op.gid, stamp)?,
            Op::Merge | Op::Unmerge => note_merge(tx, op)?,
        }
    }
    Ok(())
}

/// Applies other devices' operations inside `tx`; people whose history changed are
/// refreshed at the end.
pub(super) struct Applier<'t> {
    tx: &'t Transaction<'t>,
    columns: HashMap<Table, Vec<String>>,
    touched: BTreeSet<PersonId>,
}

impl<'t> Applier<'t> {
    pub fn new(tx: &'t Transaction<'t>) -> Self {
        Applier {
            tx,
            columns: HashMap::new(),
            touched: BTreeSet::new(),
        }
    }

    /// Refreshes the histories of everyone whose interactions changed.
    pub fn finish(self) -> Result<()> {
        for person in self.touched {
            let alive: bool = self.tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
                [person],
                |row| row.get(0),
            )?;
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
                self.resolve_naming(op.gid)?;
                Ok(Outcome::Applied)
            }
            Op::Delete => self.delete(op, stamp),
            Op::Put | Op::Restore => {
                let state = row_state(self.tx, op.gid)?;
                let brings_back = op.whole || op.op == Op::Restore;
                if let Some((_, Some(deleted_at))) = state
                    && !(brings_back && op.clock > deleted_at)
                {
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
    fn columns(&mut self, table: Table) -> Result<Vec<String>> {
        if let Some(columns) = self.columns.get(&table) {
            return Ok(columns.clone());
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
        .collect();
        self.columns.insert(table, columns.clone());
        Ok(columns)
    }

    /// The row of `table` here named `gid`: `Here(id)` alive, `Gone` deleted.
    fn find(&self, table: Table, gid: Uuid) -> Result<Found> {
        let mut gid = gid;
        if table == Table::Person {
            // A person merged away is the survivor, while the merge stands.
            for _ in 0..64 {
                let keep: Option<Vec<u8>> = self
                    .tx
                    .prepare_cached("SELECT keep FROM sync_merge WHERE other = ?1")?
                    .query_row([gid.as_bytes()], |row| row.get(0))
                    .optional()?;
                match keep.and_then(|k| Uuid::from_slice(&k).ok()) {
                    Some(keep) => gid = keep,
                    None => break,
                }
            }
        }
        let code = super::gids::code_of(table);
        let id: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM row_gid WHERE gid = ?1 AND tbl = ?2")?
            .query_row(params![gid.as_bytes(), code], |row| row.get(0))
            .optional()?;
        let Some(id) = id else {
            let deleted = row_state(self.tx, gid)?.is_some_and(|(_, d)| d.is_some());
            return Ok(if deleted { Found::Gone } else { Found::Unknown });
        };
        let (name, key) = table.sql();
        let alive: bool = self.tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {name} WHERE {key} = ?1)"),
            [id],
            |row| row.get(0),
        )?;
        Ok(if alive { Found::Here(id) } else { Found::Gone })
    }

    /// A reference field's value here: `Err(outcome)` when the row cannot be written yet
    /// (`Waiting`) or at all (`Stale`: a required reference is gone).
    fn reference(
        &self,
        to: Table,
        value: &Value,
        required: bool,
    ) -> Result<std::result::Result<Sql, Outcome>> {
        let Some(gid) = value.as_str().and_then(|g| g.parse::<Uuid>().ok()) else {
            return Ok(Ok(Sql::Null));
        };
        Ok(match self.find(to, gid)? {
            Found::Here(id) => Ok(Sql::Integer(id)),
            Found::Gone if required => Err(Outcome::Stale),
            Found::Gone => Ok(Sql::Null),
            Found::Unknown => Err(Outcome::Waiting),
        })
    }

    /// The SQL value of field `column` of `table`, references followed.
    fn value(
        &self,
        table: Table,
        column: &str,
        value: &Value,
    ) -> Result<std::result::Result<Sql, Outcome>> {
        if let Some(to) = refers_to(table, column) {
            let required = !matches!(column, "introduced_by" | "favour_id");
            return self.reference(to, value, required);
        }
        if table == Table::Review && column == "covered" {
            return Ok(Ok(Sql::Text(self.covered(value)?)));
        }
        Ok(Ok(match value {
            Value::Null => Sql::Null,
            Value::Bool(b) => Sql::Integer(i64::from(*b)),
            Value::Number(n) => match n.as_i64() {
                Some(n) => Sql::Integer(n),
                None => Sql::Real(n.as_f64().unwrap_or(0.0)),
            },
            Value::String(text) => Sql::Text(text.clone()),
            other => Sql::Text(other.to_string()),
        }))
    }

    /// A review's `covered` with each person's global id as the key here (people not here
    /// are left out: it only says what the review showed).
    fn covered(&self, value: &Value) -> Result<String> {
        let mut covered = Map::new();
        if let Value::Object(lists) = value {
            for (name, list) in lists {
                let mut ids = Vec::new();
                for gid in list.as_array().into_iter().flatten() {
                    if let Some(gid) = gid.as_str().and_then(|g| g.parse::<Uuid>().ok())
                        && let Found::Here(id) = self.find(Table::Person, gid)?
                    {
                        ids.push(Value::from(id));
                    }
                }
                covered.insert(name.clone(), Value::Array(ids));
            }
        }
        Ok(Value::Object(covered).to_string())
    }

    /// An interaction's people here (the gone left out), or why not yet.
    fn people(&self, value: &Value) -> Result<std::result::Result<Vec<PersonId>, Outcome>> {
        let mut people = BTreeSet::new();
        for gid in value.as_array().into_iter().flatten() {
            let Some(gid) = gid.as_str().and_then(|g| g.parse::<Uuid>().ok()) else {
                continue;
            };
            match self.find(Table::Person, gid)? {
                Found::Here(id) => {
                    people.insert(id);
                }
                Found::Gone => {}
                Found::Unknown => return Ok(Err(Outcome::Waiting)),
            }
        }
        Ok(Ok(people.into_iter().collect()))
    }

    fn put_row(
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
            // An edit of a row not here yet waits for it; of one deleted here, is too late.
            return Ok(match here {
                Found::Unknown => Outcome::Waiting,
                _ => Outcome::Stale,
            });
        }
        // The value each field takes: this put's, or, for a row coming back, an edit made
        // after it (which the row lost when it was deleted).
        let mut chosen = Map::new();
        let mut fields = self.columns(table)?;
        if table == Table::Interaction {
            fields.push("people".into());
        }
        for field in fields {
            let later = if fresh {
                later_edit(self.tx, op.gid, &field, stamp)?
            } else {
                None
            };
            let Some(value) = later.or_else(|| op.fields.get(&field).cloned()) else {
                continue;
            };
            if !fresh && !self.wins(op.gid, &field, stamp, row_stamp)? {
                continue;
            }
            let found = if field == "people" {
                self.people(&value)?.map(|found| people = Some(found))
            } else {
                (self.value(table, &field, &value)?).map(|sql| winners.push((field.clone(), sql)))
            };
            match found {
                Ok(()) => {}
                // A new row whose person is gone is gone with them (as their rows went
                // here): a tombstone, so its later edits do not wait for it.
                Err(Outcome::Stale) if fresh => {
                    note_deleted(self.tx, op.gid, stamp)?;
                    return Ok(Outcome::Stale);
                }
                Err(outcome) => return Ok(outcome),
            }
            chosen.insert(field, value);
        }
        let (name, key) = table.sql();
        let named: Map<String, Value> = (chosen.iter())
            .filter(|(field, _)| super::apply_refs::names_people(table, field))
            .map(|(field, value)| (field.clone(), value.clone()))
            .collect();
        let id = match here {
            Found::Here(id) => {
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
                let known: Option<i64> = self
                    .tx
                    .prepare_cached("SELECT id FROM row_gid WHERE gid = ?1")?
                    .query_row([op.gid.as_bytes()], |row| row.get(0))
                    .optional()?;
                let id = match known {
                    Some(id) => id,
                    None => super::gids::next_free_id(self.tx, name)?,
                };
                let now = super::timestamp();
                let mut columns = vec![key.to_string()];
                let mut values = vec![Sql::Integer(id)];
                for (column, value) in winners {
                    columns.push(column);
                    values.push(value);
                }
                for local in ["created_at", "updated_at"] {
                    if self.has_local_column(name, local)? {
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
                note_row(self.tx, op.gid, stamp)?;
                id
            }
        };
        super::apply_refs::note_refs(self.tx, table, op.gid, &named)?;
        if table == Table::Interaction {
            self.contacts(id, people)?;
        }
        if table == Table::Person && fresh {
            // Back, or here at last: rows that named them while they were not find them.
            self.resolve_naming(op.gid)?;
        }
        Ok(Outcome::Applied)
    }

    /// Resolves again every row that names `person` (or anyone merged into them).
    fn resolve_naming(&mut self, person: Uuid) -> Result<()> {
        for (row, field) in super::apply_refs::naming(self.tx, person)? {
            self.resolve(row, &field)?;
        }
        Ok(())
    }

    /// Field `field` of row `row` set again from whom it names, as they are here now.
    fn resolve(&mut self, row: Uuid, field: &str) -> Result<()> {
        let found: Option<(i64, i64)> = self
            .tx
            .prepare_cached("SELECT tbl, id FROM row_gid WHERE gid = ?1")?
            .query_row([row.as_bytes()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((table, id)) =
            found.and_then(|(code, id)| Some((super::gids::table_of(code)?, id)))
        else {
            return Ok(());
        };
        if !super::apply_refs::names_people(table, field)
            || !matches!(self.find_exact(table, row)?, Found::Here(_))
        {
            return Ok(());
        }
        let targets = super::apply_refs::targets_of(self.tx, row, field)?;
        if field == "people" {
            let mut people = BTreeSet::new();
            for target in targets {
                if let Found::Here(person) = self.find(Table::Person, target)? {
                    people.insert(person);
                }
            }
            return self.contacts(id, Some(people.into_iter().collect()));
        }
        // A pair of people (a dismissed suggestion) is left as it is: merged, it may be one.
        if table == Table::LinkDismissed {
            return Ok(());
        }
        let (name, key) = table.sql();
        let person = match targets.first() {
            Some(&target) => match self.find(Table::Person, target)? {
                Found::Here(person) if !(table == Table::Person && person == id) => {
                    Sql::Integer(person)
                }
                Found::Here(_) | Found::Gone if field == "introduced_by" => Sql::Null,
                _ => return Ok(()),
            },
            None => return Ok(()),
        };
        self.tx
            .prepare_cached(&format!("UPDATE {name} SET {field} = ?1 WHERE {key} = ?2"))?
            .execute(params![person, id])?;
        Ok(())
    }

    fn has_local_column(&self, name: &str, column: &str) -> Result<bool> {
        Ok(self.tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM pragma_table_info('{name}') WHERE name = ?1)"),
            [column],
            |row| row.get(0),
        )?)
    }

    /// Whether a put at `stamp` wins field `field` of row `gid`.
    fn wins(&self, gid: Uuid, field: &str, stamp: Stamp, row: Stamp) -> Result<bool> {
        let field = field_stamp(self.tx, gid, field)?.unwrap_or(Stamp::NEVER);
        Ok(stamp > row.max(field))
    }

    /// Writes interaction `id`'s contact rows again: for `people` if given, else for those
    /// it has (its day or kind may have changed).
    fn contacts(&mut self, id: i64, people: Option<Vec<PersonId>>) -> Result<()> {
        let before: Vec<PersonId> = super::rows(
            self.tx,
            "SELECT person_id FROM contact WHERE interaction_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        let people = people.unwrap_or_else(|| before.clone());
        let Some((interaction, _)) = super::interactions::load_one(self.tx, id)? else {
            return Ok(());
        };
        let figures = crate::insight::Contact::on(
            interaction.day,
            interaction.kind,
            interaction.direction,
            interaction.size,
        );
        self.tx
            .prepare_cached("DELETE FROM contact WHERE interaction_id = ?1")?
            .execute([id])?;
        for &person in &people {
            super::interaction_rows::write_contact_row(self.tx, person, id, &figures)?;
        }
        self.touched.extend(before);
        self.touched.extend(people);
        Ok(())
    }

    fn link_people(&self, op: &WireOp) -> Result<std::result::Result<(i64, i64, String), Outcome>> {
        let kind = op.fields.get("kind").and_then(Value::as_str).unwrap_or("");
        let mut ends = [0; 2];
        for (at, end) in ["a", "b"].into_iter().enumerate() {
            match self.reference(
                Table::Person,
                op.fields.get(end).unwrap_or(&Value::Null),
                true,
            )? {
                Ok(Sql::Integer(id)) => ends[at] = id,
                Ok(_) => return Ok(Err(Outcome::Stale)),
                Err(outcome) => return Ok(Err(outcome)),
            }
        }
        let [mut a, mut b] = ends;
        if kind == "knows" && a > b {
            // "knows" is kept with the smaller key first.
            std::mem::swap(&mut a, &mut b);
        }
        Ok(Ok((a, b, kind.to_string())))
    }

    fn put_link(&mut self, op: &WireOp, stamp: Stamp) -> Result<Outcome> {
        let (a, b, kind) = match self.link_people(op)? {
            Ok(link) => link,
            Err(outcome) => return Ok(outcome),
        };
        if a == b {
            // Two people merged into one since: a link to oneself is no link.
            return Ok(Outcome::Stale);
        }
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO link (a, b, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![a, b, kind, super::timestamp()])
            .map_err(|e| Error::invalid(format!("a link that cannot be written here: {e}")))?;
        note_row(self.tx, op.gid, stamp)?;
        Ok(Outcome::Applied)
    }

    fn put_snooze(
        &mut self,
        op: &WireOp,
        stamp: Stamp,
        state: Option<(Stamp, Option<i64>)>,
    ) -> Result<Outcome> {
        let person = match self.reference(
            Table::Person,
            op.fields.get("person_id").unwrap_or(&Value::Null),
            true,
        )? {
            Ok(Sql::Integer(id)) => id,
            Ok(_) => return Ok(Outcome::Stale),
            Err(outcome) => return Ok(outcome),
        };
        let row = state.map_or(Stamp::NEVER, |(row, _)| row);
        if stamp <= row {
            return Ok(Outcome::Stale);
        }
        let until = op.fields.get("until_day").and_then(Value::as_i64);
        let Some(until) = until else {
            return Err(Error::invalid("a snooze without its day"));
        };
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO snooze (person_id, until_day) VALUES (?1, ?2)")?
            .execute(params![person, until])?;
        note_row(self.tx, op.gid, stamp)?;
        Ok(Outcome::Applied)
    }

    fn delete(&mut self, op: &WireOp, stamp: Stamp) -> Result<Outcome> {
        let state = row_state(self.tx, op.gid)?;
        if let Some((row, _)) = state {
            // Brought back (or put whole again) after this delete was made: it stays.
            if row.clock > op.clock {
                return Ok(Outcome::Stale);
            }
        }
        note_deleted(self.tx, op.gid, stamp)?;
        match op.table {
            WireTable::Link => {
                if let Ok((a, b, kind)) = self.link_people(op)? {
                    self.tx
                        .prepare_cached("DELETE FROM link WHERE a = ?1 AND b = ?2 AND kind = ?3")?
                        .execute(params![a, b, kind])?;
                }
            }
            WireTable::Row(Table::Snooze) => {
                if let Ok(Sql::Integer(person)) = self.reference(
                    Table::Person,
                    op.fields.get("person_id").unwrap_or(&Value::Null),
                    true,
                )? {
                    self.tx
                        .prepare_cached("DELETE FROM snooze WHERE person_id = ?1")?
                        .execute([person])?;
                }
            }
            WireTable::Row(table) => {
                if let Found::Here(id) = self.find_exact(table, op.gid)? {
                    self.delete_row(table, id, op.gid)?;
                }
            }
        }
        Ok(Outcome::Applied)
    }

    /// The row named `gid` itself, not following a merge.
    fn find_exact(&self, table: Table, gid: Uuid) -> Result<Found> {
        let id: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM row_gid WHERE gid = ?1 AND tbl = ?2")?
            .query_row(
                params![gid.as_bytes(), super::gids::code_of(table)],
                |row| row.get(0),
            )
            .optional()?;
        let Some(id) = id else {
            return Ok(Found::Unknown);
        };
        let (name, key) = table.sql();
        let alive: bool = self.tx.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {name} WHERE {key} = ?1)"),
            [id],
            |row| row.get(0),
        )?;
        Ok(if alive { Found::Here(id) } else { Found::Gone })
    }

    fn delete_row(&mut self, table: Table, id: i64, gid: Uuid) -> Result<()> {
        match table {
            Table::Interaction => {
                let people: Vec<PersonId> = super::rows(
                    self.tx,
                    "SELECT person_id FROM contact WHERE interaction_id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                super::interactions::delete_interaction(self.tx, id)?;
                self.touched.extend(people);
            }
            Table::Person => {
                let interactions: Vec<i64> = super::rows(
                    self.tx,
                    "SELECT interaction_id FROM contact WHERE person_id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                self.tx
                    .prepare_cached("DELETE FROM contact WHERE person_id = ?1")?
                    .execute([id])?;
                for interaction in interactions {
                    let others: Vec<PersonId> = super::rows(
                        self.tx,
                        "SELECT person_id FROM contact WHERE interaction_id = ?1",
                        [interaction],
                        |row| row.get(0),
                    )?;
                    self.touched.extend(others);
                }
                self.tx
                    .prepare_cached("DELETE FROM person WHERE id = ?1")?
                    .execute([id])?;
                // What named them names the survivor of a merge now, or no one.
                self.resolve_naming(gid)?;
            }
            _ => {
                let (name, key) = table.sql();
                self.tx
                    .prepare_cached(&format!("DELETE FROM {name} WHERE {key} = ?1"))?
                    .execute([id])?;
            }
        }
        Ok(())
    }
}
