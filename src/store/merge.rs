//! Merging two records of one person: everything the other took part in moves to the one kept.

use rusqlite::Transaction;

use super::histories::refresh_history;
use super::journal::{UndoStep, Unmerge, record};
use super::links::{insert_links, links_of};
use super::people::{load_person, upsert_person};
use super::reviews::set_snooze;
use super::{Store, timestamp};
use crate::error::{Error, Result};
use crate::model::{InteractionId, Link, Person, PersonId};

/// The tables of things a person has (promises, needs, dates) that a merge moves, in the
/// order of `Unmerge`'s lists.
const BELONGINGS: [&str; 3] = ["promise", "need", "yearly_date"];

/// What a merge moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub kept: Person,
    pub interactions: usize,
    pub links: usize,
}

fn ids(tx: &Transaction, sql: &str, person: PersonId) -> Result<Vec<i64>> {
    Ok(tx
        .prepare_cached(sql)?
        .query_map([person], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn snooze_of(tx: &Transaction, person: PersonId) -> Result<Option<i64>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .prepare_cached("SELECT until_day FROM snooze WHERE person_id = ?1")?
        .query_row([person], |row| row.get(0))
        .optional()?)
}

impl Store {
    /// Folds `other` into `keep`: interactions, links, introductions, promises, needs,
    /// dates and the fields `keep` lacks move over, and `other` is removed. One undoable change.
    pub fn merge(&mut self, keep: PersonId, other: PersonId) -> Result<Merged> {
        if keep == other {
            return Err(Error::invalid("cannot merge a person with themselves"));
        }
        self.write(|tx| {
            let missing = |id| Error::invalid(format!("no person with id {id}"));
            let keep_before = load_person(tx, keep)?.ok_or_else(|| missing(keep))?;
            let other_before = load_person(tx, other)?.ok_or_else(|| missing(other))?;
            let shared: Vec<InteractionId> = tx
                .prepare(
                    "SELECT interaction_id FROM contact WHERE person_id = ?1 AND interaction_id IN \
                     (SELECT interaction_id FROM contact WHERE person_id = ?2) ORDER BY 1",
                )?
                .query_map([other, keep], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let all = ids(
                tx,
                "SELECT interaction_id FROM contact WHERE person_id = ?1 ORDER BY 1",
                other,
            )?;
            let moved: Vec<InteractionId> =
                all.into_iter().filter(|id| !shared.contains(id)).collect();
            let links = links_of(tx, other)?;
            let kept_links = links_of(tx, keep)?;
            let introduced = ids(tx, "SELECT id FROM person WHERE introduced_by = ?1", other)?;
            let snooze = snooze_of(tx, other)?;
            let mut belongings = Vec::new();
            for table in BELONGINGS {
                let sql = format!("SELECT id FROM {table} WHERE person_id = ?1 ORDER BY id");
                belongings.push(ids(tx, &sql, other)?);
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET person_id = ?2 WHERE person_id = ?1"
                ))?
                .execute([other, keep])?;
            }
            let [promises, needs, dates]: [Vec<i64>; 3] = belongings
                .try_into()
                .map_err(|_| Error::Database("a merge lost track of what it moved".into()))?;
            let helped = ids(
                tx,
                "SELECT id FROM introduction WHERE helper_id = ?1 ORDER BY id",
                other,
            )?;
            tx.prepare_cached("UPDATE introduction SET helper_id = ?2 WHERE helper_id = ?1")?
                .execute([other, keep])?;
            // The other's dismissals go with them (the cascade), and come back on undo.
            let dismissed = super::together::dismissals_of(tx, other)?;

            for &interaction in &shared {
                tx.prepare_cached(
                    "DELETE FROM contact WHERE person_id = ?1 AND interaction_id = ?2",
                )?
                .execute([other, interaction])?;
            }
            tx.prepare_cached("UPDATE contact SET person_id = ?2 WHERE person_id = ?1")?
                .execute([other, keep])?;
            let end = |id: PersonId| if id == other { keep } else { id };
            // A link between the two themselves has no place left, and is dropped.
            let moved_links: Vec<Link> = links
                .iter()
                .filter_map(|l| Link::new(end(l.a), end(l.b), l.kind).ok())
                .collect();
            let links_moved = insert_links(tx, &moved_links)?.len();
            tx.prepare_cached(
                "UPDATE person SET introduced_by = ?2 WHERE introduced_by = ?1 AND id <> ?2",
            )?
            .execute([other, keep])?;

            let mut data = keep_before.data.merged_with(&other_before.data);
            if matches!(data.introduced_by, Some(id) if id == keep || id == other) {
                data.introduced_by = None;
            }
            let reviews = name_in_reviews(tx, other, keep)?;
            // Kept whole in the sync books, should another device's opposite merge win.
            super::apply_park::park(tx, crate::model::Table::Person, other)?;
            // Deleting the other cascades to their links, history and snooze.
            tx.prepare_cached("DELETE FROM person WHERE id = ?1")?
                .execute([other])?;
            let kept = Person {
                id: keep,
                data,
                created_at: keep_before.created_at.clone(),
                updated_at: timestamp(),
            };
            upsert_person(tx, &kept)?;
            refresh_history(tx, keep)?;
            let interactions = moved.len() + shared.len();
            let undo = Unmerge {
                keep: keep_before,
                other: other_before,
                moved,
                shared,
                links,
                kept_links,
                introduced,
                snooze,
                promises,
                needs,
                dates,
                helped,
                dismissed,
                reviews,
            };
            record(
                tx,
                &format!("Merged {} into {}", undo.other.name(), undo.keep.name()),
                &[UndoStep::Unmerge(Box::new(undo))],
            )?;
            Ok(Merged {
                kept,
                interactions,
                links: links_moved,
            })
        })
    }
}

/// Splits a merge again: the other back with everything that was theirs.
pub(super) fn unmerge(tx: &Transaction, undo: &Unmerge) -> Result<()> {
    let (keep, other) = (undo.keep.id, undo.other.id);
    // The other's row first, without its introducer (who may be the one kept, restored below).
    let mut other_row = undo.other.clone();
    let introducer = other_row.data.introduced_by.take();
    upsert_person(tx, &other_row)?;
    upsert_person(tx, &undo.keep)?;
    if introducer.is_some() {
        upsert_person(tx, &undo.other)?;
    }
    for &interaction in &undo.moved {
        tx.prepare_cached(
            "UPDATE contact SET person_id = ?1 WHERE person_id = ?2 AND interaction_id = ?3",
        )?
        .execute([other, keep, interaction])?;
    }
    for &interaction in &undo.shared {
        tx.prepare_cached(
            "INSERT INTO contact (person_id, day, interaction_id, kind, direction, size) \
             SELECT ?1, day, interaction_id, kind, direction, size FROM contact \
             WHERE person_id = ?2 AND interaction_id = ?3",
        )?
        .execute([other, keep, interaction])?;
    }
    tx.prepare_cached("DELETE FROM link WHERE a = ?1 OR b = ?1")?
        .execute([keep])?;
    insert_links(tx, &undo.kept_links)?;
    insert_links(tx, &undo.links)?;
    for &person in &undo.introduced {
        tx.prepare_cached("UPDATE person SET introduced_by = ?2 WHERE id = ?1")?
            .execute([person, other])?;
    }
    set_snooze(tx, other, undo.snooze)?;
    for (table, moved) in BELONGINGS
        .iter()
        .zip([&undo.promises, &undo.needs, &undo.dates])
    {
        for &id in moved {
            tx.prepare_cached(&format!("UPDATE {table} SET person_id = ?2 WHERE id = ?1"))?
                .execute([id, other])?;
        }
    }
    for dismissal in &undo.dismissed {
        super::together::write_dismissal(tx, dismissal)?;
    }
    for &id in &undo.helped {
        tx.prepare_cached("UPDATE introduction SET helper_id = ?2 WHERE id = ?1")?
            .execute([id, other])?;
    }
    for (review, covered) in &undo.reviews {
        tx.prepare_cached("UPDATE review SET covered = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![review, covered])?;
    }
    refresh_history(tx, keep)?;
    refresh_history(tx, other)
}

/// Reviews that showed (or kept) `other` name `keep` instead, so no review names someone gone (a
/// document must restore). Returns what each covered before, for the undo.
fn name_in_reviews(
    tx: &Transaction,
    other: PersonId,
    keep: PersonId,
) -> Result<Vec<(i64, String)>> {
    let stored: Vec<(i64, String)> = tx
        .prepare_cached("SELECT id, covered FROM review ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut changed = Vec::new();
    for (review, text) in stored {
        let mut covered: crate::model::Covered = serde_json::from_str(&text).unwrap_or_default();
        if !covered.reconnect.contains(&other) && !covered.kept_paper.contains(&other) {
            continue;
        }
        let renamed = |ids: Vec<PersonId>| {
            let mut named = Vec::with_capacity(ids.len());
            for id in ids {
                let id = if id == other { keep } else { id };
                if !named.contains(&id) {
                    named.push(id);
                }
            }
            named
        };
        covered.reconnect = renamed(covered.reconnect);
        covered.kept_paper = renamed(covered.kept_paper);
        let json = serde_json::to_string(&covered)
            .map_err(|e| Error::Database(format!("cannot write a review: {e}")))?;
        tx.prepare_cached("UPDATE review SET covered = ?2 WHERE id = ?1")?
            .execute(rusqlite::params![review, json])?;
        changed.push((review, text));
    }
    Ok(changed)
}
