//! The one read the model needs: every person's facts and contacts, in a single ordered scan.

use super::Store;
use crate::error::{Error, Result};
use crate::insight::{Contact, Histories, PersonFacts};
use crate::model::{Direction, Kind, Size};

impl Store {
    /// Everyone's model inputs. `contact` is clustered by (person, day), so this is one
    /// in-order scan of each table with no sorting.
    pub fn histories(&self) -> Result<Histories> {
        let mut people = Vec::new();
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, family, archived, cadence_days FROM person ORDER BY id")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let cadence: Option<i64> = row.get(3)?;
            people.push(PersonFacts {
                id: row.get(0)?,
                family: row.get(1)?,
                archived: row.get(2)?,
                cadence_days: cadence.and_then(|d| u32::try_from(d).ok()),
            });
        }

        let mut ranges = Vec::with_capacity(people.len());
        let mut contacts = Vec::new();
        let mut statement = self.conn.prepare_cached(
            "SELECT person_id, day, kind, direction, size FROM contact \
             ORDER BY person_id, day, interaction_id",
        )?;
        let mut rows = statement.query([])?;
        let mut person_index = 0;
        let mut start = 0;
        while let Some(row) = rows.next()? {
            let person_id: i64 = row.get(0)?;
            while people.get(person_index).is_some_and(|p| p.id < person_id) {
                ranges.push(start..contacts.len());
                start = contacts.len();
                person_index += 1;
            }
            if people.get(person_index).is_none_or(|p| p.id != person_id) {
                return Err(Error::Database(format!(
                    "an interaction refers to person {person_id}, who does not exist"
                )));
            }
            let bad = |what: &str| Error::Database(format!("bad {what} in the contact table"));
            contacts.push(Contact {
                day: row.get(1)?,
                kind: Kind::from_code(row.get(2)?).ok_or_else(|| bad("kind"))?,
                direction: Direction::from_code(row.get(3)?).ok_or_else(|| bad("direction"))?,
                size: Size::from_value(row.get(4)?).ok_or_else(|| bad("size"))?,
            });
        }
        while ranges.len() < people.len() {
            ranges.push(start..contacts.len());
            start = contacts.len();
        }
        Ok(Histories {
            people,
            ranges,
            contacts,
        })
    }
}
