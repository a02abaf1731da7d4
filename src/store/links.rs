//! Links between people: who knows whom, and who introduced you to whom.
//!
//! "A introduced me to B" is kept twice, on purpose: as a link row (so it is a path for
//! introductions) and as B's `introduced_by` (what B's profile and the document say). Every
//! change here keeps the two together.

use rusqlite::{Transaction, params};

use super::columns::read_links;
use super::journal::{UndoStep, record};
use super::people::{load_person, upsert_person};
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::model::{Link, LinkKind, PersonId};

/// Writes links, skipping those already there; returns those added.
pub(super) fn insert_links(tx: &Transaction, links: &[Link]) -> Result<Vec<Link>> {
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO link (a, b, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let now = timestamp();
    let mut added = Vec::new();
    for link in links {
        if insert.execute(params![link.a, link.b, link.kind.as_str(), now])? > 0 {
            added.push(*link);
        }
    }
    Ok(added)
}

pub(super) fn delete_links(tx: &Transaction, links: &[Link]) -> Result<()> {
    let mut delete = tx.prepare_cached("DELETE FROM link WHERE a = ?1 AND b = ?2 AND kind = ?3")?;
    for link in links {
        delete.execute(params![link.a, link.b, link.kind.as_str()])?;
    }
    Ok(())
}

/// Every link between `a` and `b`, either way round.
fn links_between(tx: &Transaction, a: PersonId, b: PersonId) -> Result<Vec<Link>> {
    read_links(tx, "(a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)", &[a, b])
}

/// Every link of `person`, either end.
pub(super) fn links_of(conn: &rusqlite::Connection, person: PersonId) -> Result<Vec<Link>> {
    read_links(conn, "a = ?1 OR b = ?1", &[person])
}

impl Store {
    /// Adds a link, as one undoable change. `introduced` also sets who introduced `b`, when
    /// no one was recorded yet. Returns false when the link was already there.
    pub fn link(&mut self, link: Link, description: &str) -> Result<bool> {
        self.write(|tx| {
            for id in [link.a, link.b] {
                if load_person(tx, id)?.is_none() {
                    return Err(Error::invalid(format!("no person with id {id}")));
                }
            }
            let added = insert_links(tx, &[link])?;
            let mut steps = Vec::new();
            if !added.is_empty() {
                steps.push(UndoStep::DeleteLinks { links: added });
            }
            if link.kind == LinkKind::Introduced
                && let Some(before) = load_person(tx, link.b)?
                && before.data.introduced_by.is_none()
            {
                let mut after = before.clone();
                after.data.introduced_by = Some(link.a);
                after.updated_at = timestamp();
                upsert_person(tx, &after)?;
                steps.push(UndoStep::RestorePerson {
                    person: Box::new(before),
                });
            }
            if steps.is_empty() {
                return Ok(false);
            }
            record(tx, description, &steps)?;
            Ok(true)
        })
    }

    /// Removes every link between `a` and `b` (and an introduction recorded on either), as one
    /// undoable change. Returns how many links there were.
    pub fn unlink(&mut self, a: PersonId, b: PersonId, description: &str) -> Result<usize> {
        self.write(|tx| {
            let links = links_between(tx, a, b)?;
            delete_links(tx, &links)?;
            let mut steps = Vec::new();
            let mut removed = links.len();
            for (person, other) in [(a, b), (b, a)] {
                if let Some(before) = load_person(tx, person)?
                    && before.data.introduced_by == Some(other)
                {
                    let mut after = before.clone();
                    after.data.introduced_by = None;
                    after.updated_at = timestamp();
                    upsert_person(tx, &after)?;
                    steps.push(UndoStep::RestorePerson {
                        person: Box::new(before),
                    });
                    removed = removed.max(1);
                }
            }
            if !links.is_empty() {
                steps.push(UndoStep::RestoreLinks { links });
            }
            if !steps.is_empty() {
                record(tx, description, &steps)?;
            }
            Ok(removed)
        })
    }

    /// Adds many links at once (skipping those already there), as one undoable change.
    pub fn insert_links(&mut self, links: &[Link], description: &str) -> Result<usize> {
        self.write(|tx| {
            let added = insert_links(tx, links)?;
            let count = added.len();
            if count > 0 {
                record(tx, description, &[UndoStep::DeleteLinks { links: added }])?;
            }
            Ok(count)
        })
    }

    /// A person's links, either end.
    pub fn links_of(&self, person: PersonId) -> Result<Vec<Link>> {
        links_of(&self.conn, person)
    }

    /// Every pair of linked people: link rows and recorded introductions.
    pub fn link_pairs(&self) -> Result<Vec<(PersonId, PersonId)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT a, b FROM link UNION SELECT introduced_by, id FROM person \
             WHERE introduced_by IS NOT NULL",
        )?;
        let pairs = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(pairs)
    }
}
