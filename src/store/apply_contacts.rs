//! An applied interaction's contact rows: one per person who took part, with what it counts
//! for (its day, kind, way and size), and the people whose histories need refreshing.

use rusqlite::OptionalExtension;

use super::apply::Applier;
use crate::error::{Error, Result};
use crate::model::PersonId;

impl Applier<'_> {
    /// Writes interaction `id`'s contact rows again: for `people` if given, else for those
    /// it has (its day or kind may have changed).
    pub(super) fn contacts(&mut self, id: i64, people: Option<Vec<PersonId>>) -> Result<()> {
        let before: Vec<PersonId> = super::rows(
            self.tx,
            "SELECT person_id FROM contact WHERE interaction_id = ?1",
            [id],
            |row| row.get(0),
        )?;
        let people = people.unwrap_or_else(|| before.clone());
        let Some(figures) = self.figures(id)? else {
            return Ok(());
        };
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

    /// What interaction `id` counts for in each of its people's histories.
    fn figures(&self, id: i64) -> Result<Option<crate::insight::Contact>> {
        let row: Option<(i64, String, String, i64)> = self
            .tx
            .prepare_cached("SELECT day, kind, direction, size FROM interaction WHERE id = ?1")?
            .query_row([id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .optional()?;
        let Some((day, kind, direction, size)) = row else {
            return Ok(None);
        };
        let (Some(day), Ok(kind), Ok(direction), Some(size)) = (
            crate::model::date::day_from_number(day),
            kind.parse::<crate::model::Kind>(),
            direction.parse::<crate::model::Direction>(),
            crate::model::Size::from_value(size),
        ) else {
            return Err(Error::invalid(format!(
                "an interaction that cannot be read here: {day} {kind} {direction} {size}"
            )));
        };
        Ok(Some(crate::insight::Contact::on(
            day, kind, direction, size,
        )))
    }

    /// The contact rows of an interaction new here: one per person, from its own row.
    pub(super) fn first_contacts(&mut self, id: i64, people: Vec<PersonId>) -> Result<()> {
        let figures = self.figures(id)?;
        if let Some(figures) = figures {
            for &person in &people {
                super::interaction_rows::write_contact_row(self.tx, person, id, &figures)?;
            }
            self.touched.extend(people);
        }
        Ok(())
    }
}
