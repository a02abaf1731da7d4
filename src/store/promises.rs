//! Promises: made, listed, kept (with the favour that logs) and dropped, each one undoable.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::Store;
use super::interactions::insert_new;
use super::journal::{UndoStep, record};
use super::next_id;
use crate::error::{Error, Result};
use crate::model::date::day_from_number;
use crate::model::{Day, Interaction, NewInteraction, PersonId, Promise, PromiseId, PromiseState};

const COLUMNS: &str = "id, person_id, text, due, state, made_on, closed_on, favour_id";

/// Writes `promise` as it is, a new row or over the one with its id (its `created_at` kept).
pub(super) fn write_promise(tx: &Transaction, promise: &Promise) -> Result<()> {
    super::row_values::upsert(
        tx,
        "promise",
        promise.id,
        &super::row_values::promise(promise),
    )
    .map_err(|e| no_such_person(e, promise.person))?;
    super::gids::assign(tx, super::journal::Table::Promise, promise.id, None)
}

/// A write about `person` refused by a constraint: the person is not there (the other
/// constraints are checked before writing).
pub(super) fn no_such_person(error: rusqlite::Error, person: PersonId) -> Error {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Error::invalid(format!("no person with id {person}"))
        }
        _ => Error::from(error),
    }
}

/// A day column (days since 1970) that may be empty.
pub(super) fn optional_day(row: &rusqlite::Row, column: usize) -> rusqlite::Result<Option<Day>> {
    match row.get::<_, Option<i64>>(column)? {
        Some(number) => day_from_number(number).map(Some).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                column,
                rusqlite::types::Type::Integer,
                "bad day in the database".into(),
            )
        }),
        None => Ok(None),
    }
}

/// A day column that is never empty.
pub(super) fn required_day(row: &rusqlite::Row, column: usize) -> rusqlite::Result<Day> {
    optional_day(row, column)?.ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(column, "day".into(), rusqlite::types::Type::Null)
    })
}

/// A stored word (a state) that must be one of those `parse` knows.
pub(super) fn stored_word<T>(
    row: &rusqlite::Row,
    column: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let text: String = row.get(column)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("bad state {text:?} in the database").into(),
        )
    })
}

fn promise_from_row(row: &rusqlite::Row) -> rusqlite::Result<Promise> {
    Ok(Promise {
        id: row.get(0)?,
        person: row.get(1)?,
        text: row.get(2)?,
        due: optional_day(row, 3)?,
        state: stored_word(row, 4, PromiseState::from_str_stored)?,
        made_on: required_day(row, 5)?,
        closed_on: optional_day(row, 6)?,
        favour: row.get(7)?,
    })
}

fn load_promise(conn: &Connection, id: PromiseId) -> Result<Option<Promise>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM promise WHERE id = ?1"))?
        .query_row([id], promise_from_row)
        .optional()?)
}

/// The promise `id`, open: one already kept or dropped says when.
fn open_promise(tx: &Transaction, id: PromiseId) -> Result<Promise> {
    let promise = load_promise(tx, id)?.ok_or_else(|| {
        Error::invalid(format!(
            "no promise #{id} (the ids are in `tiesdesk promises`)"
        ))
    })?;
    match (promise.state, promise.closed_on) {
        (PromiseState::Open, _) => Ok(promise),
        (state, on) => Err(Error::invalid(format!(
            "promise #{id} was already {}{}; it stays as it is",
            state.as_str(),
            on.map(|d| format!(" on {d}")).unwrap_or_default()
        ))),
    }
}

impl Store {
    /// Records a promise to `person`; undoable.
    pub fn add_promise(
        &mut self,
        person: PersonId,
        text: &str,
        due: Option<Day>,
        made_on: Day,
        description: &str,
    ) -> Result<Promise> {
        self.write(|tx| {
            let id: PromiseId = next_id(tx, "promise")?;
            let promise = Promise {
                id,
                person,
                text: text.to_string(),
                due,
                state: PromiseState::Open,
                made_on,
                closed_on: None,
                favour: None,
            };
            write_promise(tx, &promise)?;
            record(tx, description, &[UndoStep::DeletePromise { id }])?;
            Ok(promise)
        })
    }

    /// Promises to people who are not archived, with each person's name: the open ones, or
    /// all of them.
    pub fn promises(&self, include_closed: bool) -> Result<Vec<(Promise, String)>> {
        super::rows(
            &self.conn,
            &format!(
                "SELECT {}, person.name FROM promise p JOIN person ON person.id = p.person_id \
             WHERE person.archived = 0 AND (?1 OR p.state = 'open') ORDER BY p.id",
                COLUMNS
                    .split(", ")
                    .map(|c| format!("p.{c}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            [include_closed],
            |row| Ok((promise_from_row(row)?, row.get(8)?)),
        )
    }

    /// Every promise, archived people's too, in id order (for the document).
    pub fn all_promises(&self) -> Result<Vec<Promise>> {
        super::rows(
            &self.conn,
            &format!("SELECT {COLUMNS} FROM promise ORDER BY id"),
            [],
            promise_from_row,
        )
    }

    /// The open promises to `person`, in the order made.
    pub fn open_promises_of(&self, person: PersonId) -> Result<Vec<Promise>> {
        super::rows(
            &self.conn,
            &format!(
                "SELECT {COLUMNS} FROM promise WHERE person_id = ?1 AND state = 'open' ORDER BY id"
            ),
            [person],
            promise_from_row,
        )
    }

    /// One promise, whatever its state.
    pub fn promise(&self, id: PromiseId) -> Result<Option<Promise>> {
        load_promise(&self.conn, id)
    }

    /// Marks promise `id` kept on `favour.day` and logs `favour` (a favour given to its
    /// person), in one undoable change. Refused unless the promise is open.
    pub fn keep_promise(
        &mut self,
        id: PromiseId,
        favour: impl FnOnce(&Promise) -> NewInteraction,
        describe: impl FnOnce(&Promise) -> String,
    ) -> Result<(Promise, Interaction)> {
        self.write(|tx| {
            let before = open_promise(tx, id)?;
            let new = favour(&before).validated()?;
            let day = new.day;
            let interaction = insert_new(tx, new)?;
            let kept = Promise {
                state: PromiseState::Kept,
                closed_on: Some(day),
                favour: Some(interaction.id),
                ..before.clone()
            };
            write_promise(tx, &kept)?;
            // Undo runs the steps backwards: the favour goes, then the promise is open again.
            record(
                tx,
                &describe(&before),
                &[
                    UndoStep::RestorePromise { promise: before },
                    UndoStep::DeleteInteraction { id: interaction.id },
                ],
            )?;
            Ok((kept, interaction))
        })
    }

    /// Marks promise `id` dropped on `on`; undoable. Refused unless it is open.
    pub fn drop_promise(
        &mut self,
        id: PromiseId,
        on: Day,
        describe: impl FnOnce(&Promise) -> String,
    ) -> Result<Promise> {
        self.write(|tx| {
            let before = open_promise(tx, id)?;
            let dropped = Promise {
                state: PromiseState::Dropped,
                closed_on: Some(on),
                ..before.clone()
            };
            write_promise(tx, &dropped)?;
            record(
                tx,
                &describe(&before),
                &[UndoStep::RestorePromise { promise: before }],
            )?;
            Ok(dropped)
        })
    }

    /// Moves open promise `id` to be due on `due`; undoable.
    pub fn move_promise(
        &mut self,
        id: PromiseId,
        due: Day,
        describe: impl FnOnce(&Promise) -> String,
    ) -> Result<Promise> {
        self.write(|tx| {
            let before = open_promise(tx, id)?;
            let moved = Promise {
                due: Some(due),
                ..before.clone()
            };
            write_promise(tx, &moved)?;
            record(
                tx,
                &describe(&before),
                &[UndoStep::RestorePromise { promise: before }],
            )?;
            Ok(moved)
        })
    }
}
