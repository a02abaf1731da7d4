//! Promises, needs, dates, offers and introductions as the columns of their rows: what their
//! writers write, and what the journal compares a row with after a change, so an edit names
//! the fields it changed (a promise kept on one machine and its text edited on another both
//! stay). One mapping for both, so they cannot drift apart.

use rusqlite::Transaction;
use rusqlite::types::Value as Sql;

use super::timestamp;
use crate::error::{Error, Result};
use crate::model::date::day_number;
use crate::model::{Day, Introduction, Need, Offer, Promise, YearlyDate};

/// A row's columns but its key and when it was written, by name.
pub(super) type Columns = Vec<(&'static str, Sql)>;

fn day(day: Day) -> Sql {
    Sql::Integer(day_number(day))
}

fn maybe_day(day: Option<Day>) -> Sql {
    day.map_or(Sql::Null, self::day)
}

fn maybe_key(key: Option<i64>) -> Sql {
    key.map_or(Sql::Null, Sql::Integer)
}

fn text(text: &str) -> Sql {
    Sql::Text(text.to_string())
}

fn tags(tags: &[String]) -> Result<Sql> {
    serde_json::to_string(tags)
        .map(Sql::Text)
        .map_err(|e| Error::Database(format!("cannot store tags: {e}")))
}

pub(super) fn promise(promise: &Promise) -> Columns {
    vec![
        ("person_id", Sql::Integer(promise.person)),
        ("text", text(&promise.text)),
        ("due", maybe_day(promise.due)),
        ("state", text(promise.state.as_str())),
        ("made_on", day(promise.made_on)),
        ("closed_on", maybe_day(promise.closed_on)),
        ("favour_id", maybe_key(promise.favour)),
    ]
}

pub(super) fn need(need: &Need) -> Result<Columns> {
    Ok(vec![
        ("person_id", Sql::Integer(need.person)),
        ("text", text(&need.text)),
        ("tags", tags(&need.tags)?),
        ("state", text(need.state.as_str())),
        ("noted_on", day(need.noted_on)),
        ("done_on", maybe_day(need.done_on)),
    ])
}

pub(super) fn date(date: &YearlyDate) -> Columns {
    vec![
        ("person_id", Sql::Integer(date.person)),
        ("label", text(&date.label)),
        (
            "year",
            date.on.year.map_or(Sql::Null, |y| Sql::Integer(y.into())),
        ),
        ("month", Sql::Integer(date.on.month.into())),
        ("day", Sql::Integer(date.on.day.into())),
    ]
}

pub(super) fn offer(offer: &Offer) -> Result<Columns> {
    Ok(vec![
        ("text", text(&offer.text)),
        ("tags", tags(&offer.tags)?),
        ("made_on", day(offer.made_on)),
        ("done_on", maybe_day(offer.done_on)),
    ])
}

pub(super) fn introduction(introduction: &Introduction) -> Columns {
    vec![
        ("need_id", Sql::Integer(introduction.need)),
        ("helper_id", Sql::Integer(introduction.helper)),
        ("stage", text(introduction.stage.as_str())),
        ("asked_on", day(introduction.asked_on)),
        ("made_on", maybe_day(introduction.made_on)),
        ("met_on", maybe_day(introduction.met_on)),
        ("closed_on", maybe_day(introduction.closed_on)),
        ("favour_id", maybe_key(introduction.favour)),
    ]
}

/// Writes row `id` of `table` with `columns`: added (with when), or set over what it held.
pub(super) fn upsert(
    tx: &Transaction,
    table: &str,
    id: i64,
    columns: &Columns,
) -> rusqlite::Result<usize> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let marks: Vec<String> = (0..columns.len())
        .map(|at| format!("?{}", at + 2))
        .collect();
    let sets: Vec<String> = names
        .iter()
        .map(|n| format!("{n} = excluded.{n}"))
        .collect();
    let sql = format!(
        "INSERT INTO {table} (id, {}, created_at) VALUES (?1, {}, ?{}) \
         ON CONFLICT (id) DO UPDATE SET {}",
        names.join(", "),
        marks.join(", "),
        columns.len() + 2,
        sets.join(", ")
    );
    let mut values = vec![Sql::Integer(id)];
    values.extend(columns.iter().map(|(_, value)| value.clone()));
    values.push(Sql::Text(timestamp()));
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values))
}

/// Which of `before`'s columns row `id` of `table` holds otherwise now; `None` when the row
/// is gone.
pub(super) fn changed(
    tx: &Transaction,
    table: &str,
    id: i64,
    before: &Columns,
) -> Result<Option<Vec<String>>> {
    use rusqlite::OptionalExtension as _;
    let names: Vec<&str> = before.iter().map(|(name, _)| *name).collect();
    let now: Option<Vec<Sql>> = tx
        .prepare_cached(&format!(
            "SELECT {} FROM {table} WHERE id = ?1",
            names.join(", ")
        ))?
        .query_row([id], |row| (0..names.len()).map(|at| row.get(at)).collect())
        .optional()?;
    Ok(now.map(|now| {
        (before.iter().zip(now))
            .filter(|((_, was), is)| was != is)
            .map(|((name, _), _)| (*name).to_string())
            .collect()
    }))
}
