//! How each type a person's fields have is kept in a column, and the person table's columns
//! built from the one list of fields (`model::with_person_fields`): the column list, the row
//! read and the row written all follow it, so no column is found by a hand-kept number.

use rusqlite::Row;
use rusqlite::types::{ToSql, ToSqlOutput};

use crate::model::date::{day_from_number, day_number};
use crate::model::{Day, Link, Person, PersonData, PersonId, Source, YearlyDay};

/// A value read from, and written to, one column.
pub(super) trait Column: Sized {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self>;
    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>>;
}

pub(super) fn conversion_error(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, message.into())
}

/// A JSON list (emails, phones, circles) from its column.
pub(super) fn json_list(row: &Row, column: usize) -> rusqlite::Result<Vec<String>> {
    let text = row.get_ref(column)?.as_str()?;
    // Most people have no phones, and many no emails or circles.
    if text == "[]" {
        return Ok(Vec::new());
    }
    serde_json::from_str(text).map_err(|e| conversion_error(column, e.to_string()))
}

/// Types SQLite holds as they are.
macro_rules! as_it_is {
    ($($type:ty),+) => {$(
        impl Column for $type {
            fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
                row.get(at)
            }

            fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.to_sql()
            }
        }
    )+};
}

as_it_is!(String, Option<String>, bool, Option<PersonId>);

impl Column for Vec<String> {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
        json_list(row, at)
    }

    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let json = serde_json::to_string(self)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(ToSqlOutput::from(json))
    }
}

impl Column for Option<u32> {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
        let days: Option<i64> = row.get(at)?;
        Ok(days.and_then(|d| u32::try_from(d).ok()))
    }

    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        self.to_sql()
    }
}

/// A yearly day as the text `1985-04-02` or `--04-02`.
impl Column for Option<YearlyDay> {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
        let text: Option<String> = row.get(at)?;
        text.map(|t| {
            t.parse()
                .map_err(|e: crate::model::InvalidValue| conversion_error(at, e.0))
        })
        .transpose()
    }

    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Some(day) => ToSqlOutput::from(day.to_string()),
            None => ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

/// A source by its name.
impl Column for Source {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
        let text = row.get_ref(at)?.as_str()?;
        text.parse()
            .map_err(|e: crate::model::InvalidValue| conversion_error(at, e.0))
    }

    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

/// A day as its number (days since 1970-01-01).
impl Column for Option<Day> {
    fn read(row: &Row, at: usize) -> rusqlite::Result<Self> {
        let number: Option<i64> = row.get(at)?;
        Ok(number.and_then(day_from_number))
    }

    fn write(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Some(day) => ToSqlOutput::from(day_number(*day)),
            None => ToSqlOutput::from(rusqlite::types::Null),
        })
    }
}

/// Link rows matching `filter` (SQL over `a` and `b`, with `?1`, `?2`… for `ids`).
pub(super) fn read_links(
    conn: &rusqlite::Connection,
    filter: &str,
    ids: &[PersonId],
) -> crate::error::Result<Vec<Link>> {
    let rows: Vec<(PersonId, PersonId, String)> = conn
        .prepare_cached(&format!(
            "SELECT a, b, kind FROM link WHERE {filter} ORDER BY a, b, kind"
        ))?
        .query_map(rusqlite::params_from_iter(ids), |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(a, b, kind)| {
            Ok(Link {
                a,
                b,
                kind: kind.parse()?,
            })
        })
        .collect()
}

/// `", ?"` for each field: the placeholders of an insert.
macro_rules! placeholder {
    ($field:ident) => {
        ", ?"
    };
}

macro_rules! person_columns {
    ($($(#[$doc:meta])* $field:ident: $type:ty,)+) => {
        /// Every column of the person table, in the order a row is read and written.
        pub(super) const PERSON_COLUMNS: &str =
            concat!("id, ", $(stringify!($field), ", ",)+ "created_at, updated_at");

        /// Writes every column of a person: the row with its id changed, or inserted.
        pub(super) const UPSERT_PERSON: &str = concat!(
            "INSERT INTO person (id, ", $(stringify!($field), ", ",)+ "created_at, updated_at) ",
            "VALUES (?", $(placeholder!($field),)+ ", ?, ?) ON CONFLICT(id) DO UPDATE SET ",
            $(stringify!($field), " = excluded.", stringify!($field), ", ",)+
            "created_at = excluded.created_at, updated_at = excluded.updated_at"
        );

        /// A person from a row of `SELECT {PERSON_COLUMNS}`.
        pub(super) fn person_from_row(row: &Row) -> rusqlite::Result<Person> {
            let mut at = 0;
            let mut next = || {
                at += 1;
                at
            };
            Ok(Person {
                id: row.get(0)?,
                data: PersonData {
                    $($field: <$type as Column>::read(row, next())?,)+
                },
                created_at: row.get(next())?,
                updated_at: row.get(next())?,
            })
        }

        /// A person's values in the order of `PERSON_COLUMNS`.
        pub(super) fn person_values(person: &Person) -> rusqlite::Result<Vec<ToSqlOutput<'_>>> {
            let data = &person.data;
            Ok(vec![
                person.id.to_sql()?,
                $(Column::write(&data.$field)?,)+
                person.created_at.to_sql()?,
                person.updated_at.to_sql()?,
            ])
        }
    };
}

crate::model::with_person_fields!(person_columns);

#[cfg(test)]
mod tests {
    use super::{PERSON_COLUMNS, UPSERT_PERSON};

    #[test]
    fn the_columns_and_the_upsert_name_every_field_once() {
        assert!(PERSON_COLUMNS.starts_with("id, name, given_name, family_name, emails, "));
        assert!(PERSON_COLUMNS.ends_with("archived, created_at, updated_at"));
        let columns = PERSON_COLUMNS.split(", ").count();
        assert_eq!(columns, 23);
        assert_eq!(UPSERT_PERSON.matches('?').count(), columns);
        assert_eq!(UPSERT_PERSON.matches("excluded.").count(), columns - 1);
    }
}
