//! People: reading, adding, changing.

use rusqlite::{OptionalExtension, Row, Transaction};

pub(super) use super::columns::person_from_row;
use super::columns::{PERSON_COLUMNS, UPSERT_PERSON, conversion_error, json_list, person_values};
use super::journal::{UndoStep, record};
use super::reviews::import_day;
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::insight::circles::{CircleTable, circle_names};
use crate::insight::review::Imports;
use crate::model::{ListedPeople, NamedPerson, Person, PersonData, PersonId, PersonPatch};

/// The review's read of everyone ([`Store::people_for_review`]).
#[derive(Debug, Clone, Default)]
pub struct ReviewPeople {
    /// Everyone, with only their name.
    pub names: ListedPeople,
    /// The circles of everyone in touch, in id order.
    pub circles: CircleTable,
    pub imports: Imports,
}

/// A person for lookups from `id, name, company, tags, archived, introduced_by`; every other
/// field empty (see `Store::people_for_lookup_of`).
fn lookup_from_row(row: &Row) -> rusqlite::Result<Person> {
    Ok(Person::unsaved(
        row.get(0)?,
        PersonData {
            name: row.get(1)?,
            company: row.get(2)?,
            tags: json_list(row, 3)?,
            archived: row.get(4)?,
            introduced_by: row.get(5)?,
            ..PersonData::default()
        },
    ))
}

impl Store {
    /// Everyone not archived who has a birthday: id, name and the birthday (a few of
    /// thousands of people; read without loading the rest).
    pub fn birthdays(&self) -> Result<Vec<(PersonId, String, crate::model::YearlyDay)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, birthday FROM person WHERE birthday IS NOT NULL AND archived = 0 \
             ORDER BY id",
        )?;
        let rows = statement.query_map([], |row| {
            let text: String = row.get(2)?;
            let birthday = text
                .parse()
                .map_err(|e: crate::model::InvalidValue| conversion_error(2, e.0))?;
            Ok((row.get(0)?, row.get(1)?, birthday))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Writes every column of `person`, updating the row with its id or inserting it.
pub(super) fn upsert_person(tx: &Transaction, person: &Person) -> Result<()> {
    tx.prepare_cached(UPSERT_PERSON)?
        .execute(rusqlite::params_from_iter(person_values(person)?))?;
    super::gids::assign(tx, super::journal::Table::Person, person.id, None)
}

pub(super) fn load_person(tx: &rusqlite::Connection, id: PersonId) -> Result<Option<Person>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1"
        ))?
        .query_row([id], person_from_row)
        .optional()?)
}

/// Refuses a reference to a person that does not exist, naming it.
fn check_introducer(tx: &Transaction, data: &PersonData, own_id: Option<PersonId>) -> Result<()> {
    if let Some(introducer) = data.introduced_by {
        if Some(introducer) == own_id {
            return Err(Error::invalid("a person cannot have introduced themselves"));
        }
        if load_person(tx, introducer)?.is_none() {
            return Err(Error::invalid(format!("no person with id {introducer}")));
        }
    }
    Ok(())
}

/// Lays `patch` over `before` (read inside `tx`) and writes the result; `None` when it
/// changes nothing.
pub(super) fn patch_person(
    tx: &Transaction,
    before: &Person,
    patch: &PersonPatch,
    now: &str,
) -> Result<Option<Person>> {
    let mut data = before.data.clone();
    patch.apply(&mut data);
    let data = data.normalized()?;
    if data == before.data {
        return Ok(None);
    }
    check_introducer(tx, &data, Some(before.id))?;
    let after = Person {
        id: before.id,
        data,
        created_at: before.created_at.clone(),
        updated_at: now.to_string(),
    };
    upsert_person(tx, &after)?;
    Ok(Some(after))
}

impl Store {
    /// Every person, archived ones included, in id order.
    pub fn people(&self) -> Result<Vec<Person>> {
        let mut statement = self
            .conn
            .prepare_cached(&format!("SELECT {PERSON_COLUMNS} FROM person ORDER BY id"))?;
        let people = statement
            .query_map([], person_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }

    /// Everyone as a list row shows them, in id order; `expected` is about how many there
    /// are (rusqlite's rows give no length, and doubling would copy everyone).
    pub fn people_listed(&self, expected: usize) -> Result<ListedPeople> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, name, company, tags FROM person ORDER BY id")?;
        // A name and a company are about 30 bytes.
        let mut people = ListedPeople::with_capacity(expected, expected * 32);
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let name = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let company = row
                .get_ref(2)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?;
            people.push(row.get(0)?, name, company, json_list(row, 3)?);
        }
        Ok(people)
    }

    /// Everyone's name, the circles of those `in_touch` says yes to, and who came from an
    /// import with the day they were added (as [`Store::imported_people`]): the review's
    /// one read of everyone, beside the model. `expected` is about how many people there
    /// are.
    pub fn people_for_review(
        &self,
        expected: usize,
        in_touch: impl Fn(PersonId) -> bool,
    ) -> Result<ReviewPeople> {
        // The import day is read from the stamp here, not by SQL's `substr`: a copy of
        // every stamp saved.
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, company, tags, source, created_at FROM person ORDER BY id",
        )?;
        // Names are about 15 bytes.
        let mut names = ListedPeople::with_capacity(expected, expected * 16);
        let mut circles = CircleTable::with_capacity(expected);
        let mut imported = Vec::new();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: PersonId = row.get(0)?;
            let name = row.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            names.push(id, name, None, Vec::new());
            // Only circles of people in touch are counted: a paper tie's are not read.
            if in_touch(id) {
                let company = row
                    .get_ref(2)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?;
                circles.push(circle_names(company, &json_list(row, 3)?));
            } else {
                circles.push([]);
            }
            let manual = row.get_ref(4)?.as_bytes().map_err(rusqlite::Error::from)? == b"manual";
            let stamp = row.get_ref(5)?.as_bytes().map_err(rusqlite::Error::from)?;
            if let Some(added_on) = (!manual).then(|| import_day(stamp)).flatten() {
                imported.push((id, added_on));
            }
        }
        Ok(ReviewPeople {
            names,
            circles,
            imports: imported.into_iter().collect(),
        })
    }

    /// Everyone's id, name and company, in id order: what finding someone by name, and
    /// naming the candidates when a name is ambiguous, takes.
    /// Every e-mail address anyone has, with whose it is (archived people's too), in id
    /// order: what mail and calendar capture match senders by, without reading everyone's
    /// notes and phones.
    pub fn emails(&self) -> Result<Vec<(PersonId, String)>> {
        super::rows(
            &self.conn,
            "SELECT person.id, address.value FROM person, json_each(person.emails) AS address \
             WHERE person.emails <> '[]' ORDER BY person.id, address.key",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// Everyone with what a need can match (name, company, role, town, tags, archived), in
    /// id order; every other field empty. Lighter than `people` (no notes, e-mails, phones).
    pub fn people_to_match(&self) -> Result<Vec<Person>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, company, role, location, tags, archived FROM person ORDER BY id",
        )?;
        let people = statement
            .query_map([], |row| {
                Ok(Person::unsaved(
                    row.get(0)?,
                    PersonData {
                        name: row.get(1)?,
                        company: row.get(2)?,
                        role: row.get(3)?,
                        location: row.get(4)?,
                        tags: json_list(row, 5)?,
                        archived: row.get(6)?,
                        ..PersonData::default()
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }

    pub fn people_named(&self) -> Result<Vec<NamedPerson>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id, name, company FROM person ORDER BY id")?;
        let people = statement
            .query_map([], |row| {
                Ok(NamedPerson {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    company: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }

    /// The given people (in id order; ids with no one are left out), with only what
    /// knowing them on a page takes: id, name, company, circles, introducer, archived. Every
    /// other field is empty: for lookups in read commands (names in a timeline, a bridge's
    /// circles, whom someone introduced), never to show or save a person.
    pub fn people_for_lookup_of(&self, ids: &[PersonId]) -> Result<Vec<Person>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id, name, company, tags, archived, introduced_by FROM person WHERE id = ?1",
        )?;
        let mut people = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut rows = statement.query([id])?;
            if let Some(row) = rows.next()? {
                people.push(lookup_from_row(row)?);
            }
        }
        people.sort_by_key(|p| p.id);
        Ok(people)
    }

    /// Who `person` introduced, by the introducer recorded on each (an indexed read).
    pub fn introduced_by(&self, person: PersonId) -> Result<Vec<PersonId>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT id FROM person WHERE introduced_by = ?1 ORDER BY id")?;
        let ids = statement
            .query_map([person], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ids)
    }

    pub fn person(&self, id: PersonId) -> Result<Option<Person>> {
        load_person(&self.conn, id)
    }

    /// Adds a person and records the change for undo.
    pub fn add_person(&mut self, data: PersonData) -> Result<Person> {
        let data = data.normalized()?;
        self.write(|tx| {
            check_introducer(tx, &data, None)?;
            let now = timestamp();
            let id: PersonId = super::next_id(tx, "person")?;
            let person = Person {
                id,
                data,
                created_at: now.clone(),
                updated_at: now,
            };
            upsert_person(tx, &person)?;
            record(
                tx,
                &format!("Added {}", person.name()),
                &[UndoStep::DeletePerson { id }],
            )?;
            Ok(person)
        })
    }

    /// Changes the fields `patch` names, on the row as it is inside the write transaction;
    /// `description` says what changed ("Archived Ana Lima"). A patch that changes nothing
    /// writes nothing and records nothing to undo.
    pub fn update_person(
        &mut self,
        id: PersonId,
        patch: &PersonPatch,
        description: &str,
    ) -> Result<Person> {
        self.write(|tx| {
            let before = load_person(tx, id)?
                .ok_or_else(|| Error::invalid(format!("no person with id {id}")))?;
            match patch_person(tx, &before, patch, &timestamp())? {
                Some(after) => {
                    record(
                        tx,
                        description,
                        &[UndoStep::RestorePerson {
                            person: Box::new(before),
                        }],
                    )?;
                    Ok(after)
                }
                None => Ok(before),
            }
        })
    }

    /// Archives several people as one undoable change (the review's "archive these paper
    /// ties"). Returns how many were archived; people already archived are left as they are.
    pub fn archive_many(
        &mut self,
        ids: &[PersonId],
        description: impl Fn(usize) -> String,
    ) -> Result<usize> {
        self.write(|tx| {
            let mut steps = Vec::new();
            let now = timestamp();
            for &id in ids {
                let Some(before) = load_person(tx, id)? else {
                    continue;
                };
                if before.data.archived {
                    continue;
                }
                let mut after = before.clone();
                after.data.archived = true;
                after.updated_at = now.clone();
                upsert_person(tx, &after)?;
                steps.push(UndoStep::RestorePerson {
                    person: Box::new(before),
                });
            }
            if !steps.is_empty() {
                record(tx, &description(steps.len()), &steps)?;
            }
            Ok(steps.len())
        })
    }

    /// Every link, in key order.
    pub fn links(&self) -> Result<Vec<crate::model::Link>> {
        super::columns::read_links(&self.conn, "1", &[])
    }
}
