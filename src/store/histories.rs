//! The one read the model needs: every person's facts and contacts. Contacts come from the
//! `history` cache (one packed blob per person), kept equal to `contact` by [`refresh_history`].

use rusqlite::{Connection, params};

use super::Store;
use crate::error::{Error, Result};
use crate::insight::{Contact, Histories, PersonFacts};
use crate::model::{Direction, Kind, PersonId, Size};

const RECORD: usize = 8;

fn pack(contact: &Contact, into: &mut Vec<u8>) {
    into.extend_from_slice(&contact.day.to_le_bytes());
    into.extend_from_slice(&[
        contact.kind.code(),
        contact.direction.code(),
        contact.size.value(),
        0,
    ]);
}

fn unpack(blob: &[u8], into: &mut Vec<Contact>) -> Result<()> {
    let bad = || Error::Database("a damaged history record".into());
    if !blob.len().is_multiple_of(RECORD) {
        return Err(bad());
    }
    for record in blob.chunks_exact(RECORD) {
        let day = i32::from_le_bytes([record[0], record[1], record[2], record[3]]);
        into.push(Contact {
            day,
            kind: Kind::from_code(i64::from(record[4])).ok_or_else(bad)?,
            direction: Direction::from_code(i64::from(record[5])).ok_or_else(bad)?,
            size: Size::from_value(i64::from(record[6])).ok_or_else(bad)?,
        });
    }
    Ok(())
}

/// A person's model facts from `id, family, archived, cadence_days, imported, on_call`.
fn facts_from_row(row: &rusqlite::Row) -> rusqlite::Result<PersonFacts> {
    let cadence: Option<i64> = row.get(3)?;
    Ok(PersonFacts {
        id: row.get(0)?,
        family: row.get(1)?,
        archived: row.get(2)?,
        cadence_days: cadence.and_then(|d| u32::try_from(d).ok()),
        imported: row.get(4)?,
        on_call: row.get(5)?,
    })
}

fn contact_from_row(row: &rusqlite::Row) -> rusqlite::Result<Contact> {
    let bad = |column: usize| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Integer,
            "bad code in the contact table".into(),
        )
    };
    Ok(Contact {
        day: row.get(0)?,
        kind: Kind::from_code(row.get(1)?).ok_or_else(|| bad(1))?,
        direction: Direction::from_code(row.get(2)?).ok_or_else(|| bad(2))?,
        size: Size::from_value(row.get(3)?).ok_or_else(|| bad(3))?,
    })
}

/// Packs contacts (already in `contact` key order) into a history blob.
pub(super) fn pack_all<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> Vec<u8> {
    let mut blob = Vec::new();
    for contact in contacts {
        pack(contact, &mut blob);
    }
    blob
}

pub(super) fn write_history(conn: &Connection, person: PersonId, blob: &[u8]) -> Result<()> {
    if blob.is_empty() {
        conn.prepare_cached("DELETE FROM history WHERE person_id = ?1")?
            .execute([person])?;
    } else {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO history (person_id, contacts) VALUES (?1, ?2)",
        )?
        .execute(params![person, blob])?;
    }
    Ok(())
}

/// Rebuilds one person's cached history from the `contact` table.
pub(super) fn refresh_history(conn: &Connection, person: PersonId) -> Result<()> {
    let contacts = contacts_of(conn, person)?;
    write_history(conn, person, &pack_all(&contacts))
}

fn contacts_of(conn: &Connection, person: PersonId) -> Result<Vec<Contact>> {
    let mut statement = conn.prepare_cached(
        "SELECT day, kind, direction, size FROM contact WHERE person_id = ?1 \
         ORDER BY day, interaction_id",
    )?;
    let contacts = statement
        .query_map([person], contact_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(contacts)
}

impl Store {
    /// Everyone's model inputs, from the history cache.
    pub fn histories(&self) -> Result<Histories> {
        self.histories_of(self.person_facts()?)
    }

    /// The histories of `people` (everyone, in id order).
    fn histories_of(&self, people: Vec<PersonFacts>) -> Result<Histories> {
        let mut ranges = Vec::with_capacity(people.len());
        let mut contacts = Vec::new();
        let mut statement = self
            .conn
            .prepare_cached("SELECT person_id, contacts FROM history ORDER BY person_id")?;
        let mut rows = statement.query([])?;
        let mut next = 0;
        while let Some(row) = rows.next()? {
            let person_id: i64 = row.get(0)?;
            while people.get(next).is_some_and(|p| p.id < person_id) {
                ranges.push(contacts.len()..contacts.len());
                next += 1;
            }
            if people.get(next).is_none_or(|p| p.id != person_id) {
                return Err(Error::Database(format!(
                    "a history for unknown person {person_id}"
                )));
            }
            let start = contacts.len();
            let blob = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
            unpack(blob, &mut contacts)?;
            ranges.push(start..contacts.len());
            next += 1;
        }
        while ranges.len() < people.len() {
            ranges.push(contacts.len()..contacts.len());
        }
        Ok(Histories {
            people,
            ranges,
            contacts,
        })
    }

    /// The same as [`Store::histories`], rebuilt from the `contact` table itself. Slower; it
    /// is how tests prove the cache exact.
    pub fn histories_from_log(&self) -> Result<Histories> {
        let people = self.person_facts()?;
        let mut ranges = Vec::with_capacity(people.len());
        let mut contacts = Vec::new();
        for person in &people {
            let start = contacts.len();
            contacts.extend(contacts_of(&self.conn, person.id)?);
            ranges.push(start..contacts.len());
        }
        Ok(Histories {
            people,
            ranges,
            contacts,
        })
    }

    fn person_facts(&self) -> Result<Vec<PersonFacts>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, family, archived, cadence_days, source <> 'manual', on_call FROM person \
             ORDER BY id",
        )?;
        let people = statement
            .query_map([], facts_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }
}
