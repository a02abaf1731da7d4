//! Interactions and the participant table the model reads.

use rusqlite::Transaction;

use super::histories::refresh_history;
use super::interaction_rows::{write_contact_row, write_interaction_row};
use super::journal::{UndoStep, record};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::model::date::day_from_number;
use crate::model::{
    Capture, CaptureSource, Day, Direction, Interaction, InteractionId, Kind, NewInteraction,
    PersonId, Size,
};

/// Writes an interaction and its participant rows with a given id.
pub(super) fn insert_interaction(
    tx: &Transaction,
    interaction: &Interaction,
    created_at: &str,
) -> Result<()> {
    let figures = write_interaction_row(tx, interaction.id, interaction.into(), created_at)?;
    for &person in &interaction.people {
        write_contact_row(tx, person, interaction.id, &figures)?;
    }
    for &person in &interaction.people {
        refresh_history(tx, person)?;
    }
    Ok(())
}

/// Writes a new (validated) interaction with the next id; the caller records the undo.
pub(super) fn insert_new(tx: &Transaction, new: NewInteraction) -> Result<Interaction> {
    let id: InteractionId = super::next_id(tx, "interaction")?;
    let interaction = Interaction {
        id,
        day: new.day,
        people: new.people,
        kind: new.kind,
        direction: new.direction,
        size: new.size,
        note: new.note,
        capture: None,
        thanked_on: None,
    };
    insert_interaction(tx, &interaction, &timestamp())?;
    Ok(interaction)
}

pub(super) fn delete_interaction(tx: &Transaction, id: InteractionId) -> Result<()> {
    let people: Vec<PersonId> = tx
        .prepare_cached("SELECT person_id FROM contact WHERE interaction_id = ?1")?
        .query_map([id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    tx.prepare_cached("DELETE FROM contact WHERE interaction_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM interaction WHERE id = ?1")?
        .execute([id])?;
    for person in people {
        refresh_history(tx, person)?;
    }
    Ok(())
}

fn bad_column(column: usize, what: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("bad {what} in the database").into(),
    )
}

/// An interaction from a row whose first nine columns are `id, day, kind, direction, size,
/// note, source, source_id, thanked_on`, with its people.
fn interaction_from_row(
    row: &rusqlite::Row,
    people: Vec<PersonId>,
) -> rusqlite::Result<Interaction> {
    let kind: String = row.get(2)?;
    let direction: String = row.get(3)?;
    Ok(Interaction {
        id: row.get(0)?,
        day: day_from_number(row.get(1)?).ok_or_else(|| bad_column(1, "day"))?,
        kind: kind.parse::<Kind>().map_err(|_| bad_column(2, "kind"))?,
        direction: direction
            .parse::<Direction>()
            .map_err(|_| bad_column(3, "direction"))?,
        size: Size::from_value(row.get(4)?).ok_or_else(|| bad_column(4, "size"))?,
        note: row.get(5)?,
        people,
        capture: match (row.get::<_, Option<String>>(6)?, row.get(7)?) {
            (Some(source), Some(id)) => Some(Capture {
                source: CaptureSource::from_name(&source).ok_or_else(|| bad_column(6, "source"))?,
                id,
            }),
            _ => None,
        },
        thanked_on: match row.get::<_, Option<i64>>(8)? {
            Some(day) => Some(day_from_number(day).ok_or_else(|| bad_column(8, "thanked day"))?),
            None => None,
        },
    })
}

/// Reads interactions matching `filter` (a WHERE clause over `interaction i`) with their people.
fn load_interactions(
    conn: &rusqlite::Connection,
    filter: &str,
    param: i64,
) -> Result<Vec<Interaction>> {
    load_interactions_ordered(conn, filter, param, "i.day DESC, i.id DESC", 0)
}

/// `load_interactions` in `order`, into a list made for `expected` of them (a million
/// read by doubling a list would hold half as much again while it grows).
fn load_interactions_ordered(
    conn: &rusqlite::Connection,
    filter: &str,
    param: i64,
    order: &str,
    expected: usize,
) -> Result<Vec<Interaction>> {
    let sql = format!(
        "SELECT i.id, i.day, i.kind, i.direction, i.size, i.note, i.source, i.source_id, i.thanked_on, \
                (SELECT group_concat(c.person_id) FROM contact c WHERE c.interaction_id = i.id) \
         FROM interaction i WHERE {filter} ORDER BY {order}"
    );
    let mut statement = conn.prepare_cached(&sql)?;
    let rows = statement.query_map([param], |row| {
        let people: Option<String> = row.get(9)?;
        interaction_from_row(
            row,
            people
                .unwrap_or_default()
                .split(',')
                .filter_map(|id| id.parse().ok())
                .collect(),
        )
    })?;
    let mut all = Vec::with_capacity(expected);
    for row in rows {
        all.push(row?);
    }
    Ok(all)
}

/// One interaction and when it was first written, read inside `tx`.
pub(super) fn load_one(
    tx: &Transaction,
    id: InteractionId,
) -> Result<Option<(Interaction, String)>> {
    let Some(interaction) = load_interactions(tx, "i.id = ?1", id)?.into_iter().next() else {
        return Ok(None);
    };
    let created_at: String = tx.query_row(
        "SELECT created_at FROM interaction WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?;
    Ok(Some((interaction, created_at)))
}

fn no_interaction(id: InteractionId) -> Error {
    Error::invalid(format!(
        "no interaction #{id} (the ids are in `tiesdesk show NAME --json`)"
    ))
}

impl Store {
    /// Changes what `patch` names in interaction `id`, as it is now, keeping its id; one
    /// undoable change. Returns it before and after. `describe` words the change from both.
    pub fn edit_interaction(
        &mut self,
        id: InteractionId,
        patch: &crate::model::InteractionPatch,
        describe: impl FnOnce(&Interaction, &Interaction) -> String,
    ) -> Result<(Interaction, Interaction)> {
        self.write(|tx| {
            let (before, created_at) = load_one(tx, id)?.ok_or_else(|| no_interaction(id))?;
            let after = patch.applied_to(&before);
            if after.people.is_empty() {
                return Err(Error::invalid("an interaction needs at least one person"));
            }
            if after == before {
                return Ok((before, after));
            }
            delete_interaction(tx, id)?;
            insert_interaction(tx, &after, &created_at)?;
            // Undo runs the steps backwards: take out the new version, put back the old.
            record(
                tx,
                &describe(&before, &after),
                &[
                    UndoStep::RestoreInteraction {
                        interaction: before.clone(),
                        created_at,
                    },
                    UndoStep::DeleteInteraction { id },
                ],
            )?;
            Ok((before, after))
        })
    }

    /// Marks interaction `id` thanked on `day` (or no longer, with `None`); one undoable
    /// change. `describe` words it from the interaction as it is, or refuses it. Returns it
    /// as it was before.
    pub fn set_thanked(
        &mut self,
        id: InteractionId,
        day: Option<Day>,
        describe: impl FnOnce(&Interaction, &[String]) -> Result<String>,
    ) -> Result<(Interaction, Vec<String>)> {
        self.write(|tx| {
            let (before, created_at) = load_one(tx, id)?.ok_or_else(|| no_interaction(id))?;
            let mut statement = tx.prepare_cached("SELECT name FROM person WHERE id = ?1")?;
            let mut names = Vec::with_capacity(before.people.len());
            for person in &before.people {
                names.push(statement.query_row([person], |row| row.get::<_, String>(0))?);
            }
            drop(statement);
            let description = describe(&before, &names)?;
            if before.thanked_on == day {
                return Ok((before, names));
            }
            let after = Interaction {
                thanked_on: day,
                ..before.clone()
            };
            delete_interaction(tx, id)?;
            insert_interaction(tx, &after, &created_at)?;
            record(
                tx,
                &description,
                &[
                    UndoStep::RestoreInteraction {
                        interaction: before.clone(),
                        created_at,
                    },
                    UndoStep::DeleteInteraction { id },
                ],
            )?;
            Ok((before, names))
        })
    }

    /// Favours received on day `from` (days since 1970-01-01) or later and not marked
    /// thanked, oldest first.
    pub fn unthanked_since(&self, from: i64) -> Result<Vec<Interaction>> {
        let kinds: Vec<String> = (Kind::ALL.iter())
            .filter(|k| k.is_favour())
            .map(|k| format!("'{}'", k.as_str()))
            .collect();
        let filter = format!(
            "i.direction = 'received' AND i.thanked_on IS NULL AND i.kind IN ({}) AND i.day >= ?1",
            kinds.join(", ")
        );
        load_interactions_ordered(&self.conn, &filter, from, "i.day, i.id", 0)
    }

    /// The names of `ids`, and whether each is archived (those not found are left out).
    pub fn names_of(&self, ids: &[PersonId]) -> Result<Vec<(PersonId, String, bool)>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT name, archived FROM person WHERE id = ?1")?;
        let mut named = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut rows = statement.query([id])?;
            if let Some(row) = rows.next()? {
                named.push((id, row.get(0)?, row.get(1)?));
            }
        }
        Ok(named)
    }

    /// Deletes interaction `id`; one undoable change. Returns what was deleted.
    pub fn remove_interaction(
        &mut self,
        id: InteractionId,
        describe: impl FnOnce(&Interaction) -> String,
    ) -> Result<Interaction> {
        self.write(|tx| {
            let (before, created_at) = load_one(tx, id)?.ok_or_else(|| no_interaction(id))?;
            delete_interaction(tx, id)?;
            record(
                tx,
                &describe(&before),
                &[UndoStep::RestoreInteraction {
                    interaction: before.clone(),
                    created_at,
                }],
            )?;
            Ok(before)
        })
    }

    /// Logs an interaction with one or more people, recorded for undo.
    #[cfg(test)]
    pub fn log_interaction(
        &mut self,
        new: NewInteraction,
        description: &str,
    ) -> Result<Interaction> {
        self.log_interaction_with_links(new, &[], description)
    }

    /// Logs an interaction and, in the same change, links between people (an introduction you
    /// made: the two now know each other).
    pub fn log_interaction_with_links(
        &mut self,
        new: NewInteraction,
        links: &[crate::model::Link],
        description: &str,
    ) -> Result<Interaction> {
        let new = new.validated()?;
        self.write(|tx| {
            let interaction = insert_new(tx, new)?;
            let id = interaction.id;
            let added = super::links::insert_links(tx, links)?;
            let mut steps = vec![UndoStep::DeleteInteraction { id }];
            if !added.is_empty() {
                steps.push(UndoStep::DeleteLinks { links: added });
            }
            record(tx, description, &steps)?;
            Ok(interaction)
        })
    }

    /// A person's interactions, newest first.
    pub fn interactions_of(&self, person: PersonId) -> Result<Vec<Interaction>> {
        // One row per interaction and participant, walked from the person's own contacts in
        // their stored order (newest first, no sort), grouped here: a long timeline reads in
        // half the time of a subquery per interaction.
        let mut statement = self.conn.prepare_cached(
            "SELECT i.id, i.day, i.kind, i.direction, i.size, i.note, i.source, i.source_id, i.thanked_on, \
                    o.person_id \
             FROM contact c \
             JOIN interaction i ON i.id = c.interaction_id \
             JOIN contact o ON o.interaction_id = c.interaction_id \
             WHERE c.person_id = ?1 \
             ORDER BY c.day DESC, c.interaction_id DESC, o.person_id",
        )?;
        let mut rows = statement.query([person])?;
        let mut timeline: Vec<Interaction> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: InteractionId = row.get(0)?;
            let participant: PersonId = row.get(9)?;
            if let Some(last) = timeline.last_mut()
                && last.id == id
            {
                last.people.push(participant);
                continue;
            }
            timeline.push(interaction_from_row(row, vec![participant])?);
        }
        Ok(timeline)
    }

    /// Every interaction in id order (the document's), read into a list of the right size.
    pub fn interactions_by_id(&self) -> Result<Vec<Interaction>> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM interaction", [], |r| r.get(0))?;
        let expected = usize::try_from(count).unwrap_or(0);
        load_interactions_ordered(&self.conn, "?1 = ?1", 0, "i.id", expected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PersonData, date::parse_iso_date};

    #[test]
    fn a_timeline_is_the_log_filtered_to_the_person() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("t.db")).unwrap_or_else(|e| panic!("{e}"));
        let ids: Vec<PersonId> = (0..5)
            .map(|i| {
                store
                    .add_person(PersonData::named(&format!("Person {i}")))
                    .unwrap_or_else(|e| panic!("{e}"))
                    .id
            })
            .collect();
        for n in 0..30usize {
            let people = vec![ids[n % 5], ids[(n * 3 + 1) % 5], ids[(n * 7 + 2) % 5]];
            let mut people: Vec<PersonId> = people.into_iter().collect();
            people.sort_unstable();
            people.dedup();
            let day = parse_iso_date("2026-01-01").unwrap_or_else(|e| panic!("{e}"))
                + chrono::Duration::days((n * 37 % 300) as i64);
            store
                .log_interaction(
                    NewInteraction {
                        day,
                        people,
                        kind: Kind::ALL[n % Kind::ALL.len()],
                        direction: Direction::ALL[n % 3],
                        size: Size::Small,
                        note: format!("note {n}"),
                    },
                    "log",
                )
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let mut all = store.interactions_by_id().unwrap_or_else(|e| panic!("{e}"));
        // A timeline is newest first.
        all.sort_by_key(|b| std::cmp::Reverse((b.day, b.id)));
        for &id in &ids {
            let wanted: Vec<Interaction> = all
                .iter()
                .filter(|i| i.people.contains(&id))
                .cloned()
                .collect();
            assert!(!wanted.is_empty());
            assert_eq!(
                store.interactions_of(id).unwrap_or_else(|e| panic!("{e}")),
                wanted
            );
        }
    }
}
