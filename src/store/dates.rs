//! Yearly dates: added and removed (each undoable), and every day that comes round each
//! year, birthdays included, for what is coming up.

use rusqlite::{OptionalExtension, Transaction};

use super::Store;
use super::journal::{UndoStep, record};
use super::next_id;
use super::promises::no_such_person;
use crate::error::{Error, Result};
use crate::model::{PersonId, YearlyDate, YearlyDateId, YearlyDay};

const COLUMNS: &str = "id, person_id, label, year, month, day";

/// Writes `date` as it is, a new row or over the one with its id.
pub(super) fn write_date(tx: &Transaction, date: &YearlyDate) -> Result<()> {
    super::row_values::upsert(tx, "yearly_date", date.id, &super::row_values::date(date))
        .map_err(|e| no_such_person(e, date.person))?;
    super::gids::assign(tx, super::journal::Table::YearlyDate, date.id, None)
}

fn yearly_day(row: &rusqlite::Row, first: usize) -> rusqlite::Result<YearlyDay> {
    let on = YearlyDay {
        year: row.get(first)?,
        month: row.get(first + 1)?,
        day: row.get(first + 2)?,
    };
    // A day the model could not have written (31 April) is refused, not shown.
    match on.to_string().parse::<YearlyDay>() {
        Ok(parsed) if parsed == on => Ok(on),
        _ => Err(rusqlite::Error::FromSqlConversionFailure(
            first,
            rusqlite::types::Type::Integer,
            format!("bad yearly date {on} in the database").into(),
        )),
    }
}

fn date_from_row(row: &rusqlite::Row) -> rusqlite::Result<YearlyDate> {
    Ok(YearlyDate {
        id: row.get(0)?,
        person: row.get(1)?,
        label: row.get(2)?,
        on: yearly_day(row, 3)?,
    })
}

/// A day that comes round for a person: their birthday (no id) or a labelled date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDay {
    pub person: PersonId,
    pub name: String,
    /// `None` for a birthday.
    pub date: Option<YearlyDateId>,
    pub label: String,
    pub on: YearlyDay,
}

impl Store {
    /// Adds a labelled yearly date to `person`; undoable.
    pub fn add_date(
        &mut self,
        person: PersonId,
        label: &str,
        on: YearlyDay,
        description: &str,
    ) -> Result<YearlyDate> {
        self.write(|tx| {
            let id: YearlyDateId = next_id(tx, "yearly_date")?;
            let date = YearlyDate {
                id,
                person,
                label: label.to_string(),
                on,
            };
            write_date(tx, &date)?;
            record(tx, description, &[UndoStep::DeleteDate { id }])?;
            Ok(date)
        })
    }

    /// Removes date `id`; undoable.
    pub fn remove_date(
        &mut self,
        id: YearlyDateId,
        describe: impl FnOnce(&YearlyDate) -> String,
    ) -> Result<YearlyDate> {
        self.write(|tx| {
            let date = tx
                .prepare_cached(&format!("SELECT {COLUMNS} FROM yearly_date WHERE id = ?1"))?
                .query_row([id], date_from_row)
                .optional()?
                .ok_or_else(|| {
                    Error::invalid(format!("no date #{id} (the ids are in `tiesdesk dates`)"))
                })?;
            tx.prepare_cached("DELETE FROM yearly_date WHERE id = ?1")?
                .execute([id])?;
            record(
                tx,
                &describe(&date),
                &[UndoStep::RestoreDate { date: date.clone() }],
            )?;
            Ok(date)
        })
    }

    /// `person`'s labelled dates, in the order of the year.
    pub fn dates_of(&self, person: PersonId) -> Result<Vec<YearlyDate>> {
        super::rows(
            &self.conn,
            &format!(
                "SELECT {COLUMNS} FROM yearly_date WHERE person_id = ?1 ORDER BY month, day, id"
            ),
            [person],
            date_from_row,
        )
    }

    /// Every labelled date, archived people's too, in id order (for the document).
    pub fn all_dates(&self) -> Result<Vec<YearlyDate>> {
        super::rows(
            &self.conn,
            &format!("SELECT {COLUMNS} FROM yearly_date ORDER BY id"),
            [],
            date_from_row,
        )
    }

    /// Everyone's days that come round each year, birthdays and labelled dates, for people
    /// who are not archived (a few of 30,000 have any; this reads only those rows).
    pub fn yearly_days(&self) -> Result<Vec<PersonDay>> {
        let mut days = Vec::new();
        for (person, name, on) in self.birthdays()? {
            days.push(PersonDay {
                person,
                name,
                date: None,
                label: "birthday".to_string(),
                on,
            });
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.person_id, d.label, d.year, d.month, d.day, person.name \
             FROM yearly_date d JOIN person ON person.id = d.person_id \
             WHERE person.archived = 0 ORDER BY d.id",
        )?;
        let rows = statement.query_map([], |row| {
            let date = date_from_row(row)?;
            Ok(PersonDay {
                person: date.person,
                name: row.get(6)?,
                date: Some(date.id),
                label: date.label,
                on: date.on,
            })
        })?;
        for day in rows {
            days.push(day?);
        }
        Ok(days)
    }
}
