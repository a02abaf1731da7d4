//! The journal: every change made through tiesdesk writes, in its own transaction, one
//! entry with the steps that revert it and what it did forward (`record`); `undo.rs` applies
//! the newest entry's steps and removes it. What it did forward is read from those steps and
//! the rows as the change left them, in this one place, so no write can forget it. This
//! module depends on no other table's module, so each can record.

use rusqlite::{OptionalExtension, Transaction, params};

use serde::{Deserialize, Serialize};

pub use super::change::{Change, Table};
use super::timestamp;
use crate::error::{Error, Result};
use crate::model::{Interaction, InteractionId, Link, Person, PersonId};

/// How many changes can be undone; older entries are dropped as new ones arrive.
const JOURNAL_DEPTH: i64 = 500;

/// One step that reverts part of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum UndoStep {
    DeletePerson {
        id: PersonId,
    },
    RestorePerson {
        person: Box<Person>,
    },
    DeleteInteraction {
        id: InteractionId,
    },
    RestoreInteraction {
        interaction: Interaction,
        created_at: String,
    },
    /// Puts a snooze back as it was (`None`: not snoozed).
    SetSnooze {
        person: PersonId,
        until: Option<i64>,
    },
    /// Forgets a recorded review.
    DeleteReview {
        id: i64,
    },
    /// Takes people out of an interaction they were added to (a capture found them in mail
    /// or a meeting captured before for others).
    RemoveContacts {
        interaction: InteractionId,
        people: Vec<PersonId>,
    },
    /// Removes a batch: every person and interaction from these ids on, with their links.
    DeleteBatch(BatchStart),
    /// Splits a merged person in two again.
    Unmerge(Box<Unmerge>),
    /// Removes links that were added.
    DeleteLinks {
        links: Vec<crate::model::Link>,
    },
    /// Puts back links that were removed.
    RestoreLinks {
        links: Vec<crate::model::Link>,
    },
    /// Takes out a promise that was made.
    DeletePromise {
        id: crate::model::PromiseId,
    },
    /// Puts a promise back as it was (open again after `kept` or `drop`).
    RestorePromise {
        promise: crate::model::Promise,
    },
    /// Takes out a need that was noted.
    DeleteNeed {
        id: crate::model::NeedId,
    },
    /// Puts a need back as it was (open again after `need-done`).
    RestoreNeed {
        need: crate::model::Need,
    },
    /// Takes out a yearly date that was added.
    DeleteDate {
        id: crate::model::YearlyDateId,
    },
    /// Puts back a yearly date that was removed.
    RestoreDate {
        date: crate::model::YearlyDate,
    },
    /// Takes out an offer that was made.
    DeleteOffer {
        id: crate::model::OfferId,
    },
    /// Puts an offer back as it was (open again after `offer-done`).
    RestoreOffer {
        offer: crate::model::Offer,
    },
    /// Takes out an introduction that was asked for.
    DeleteIntroduction {
        id: crate::model::IntroductionId,
    },
    /// Puts an introduction back at the stage it was.
    RestoreIntroduction {
        introduction: crate::model::Introduction,
    },
    /// Takes back a suggested link's dismissal.
    DeleteDismissal {
        id: i64,
    },
}

/// Where a batch (an import, a restore) began in each table it wrote: everything from these
/// ids on came with it. Stored with the `first_` names it has always had.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BatchStart {
    #[serde(rename = "first_person")]
    pub person: PersonId,
    #[serde(rename = "first_interaction")]
    pub interaction: InteractionId,
    /// Reviews from this id on came with the batch (older journal entries have none).
    #[serde(rename = "first_review", default = "no_review")]
    pub review: i64,
    /// Offers and introductions from these ids on came with it (v13 on).
    #[serde(rename = "first_offer", default = "no_review")]
    pub offer: i64,
    #[serde(rename = "first_introduction", default = "no_review")]
    pub introduction: i64,
}

impl BatchStart {
    /// Each table the batch wrote, with the id it began at.
    fn by_table(self) -> [(Table, i64); 5] {
        [
            (Table::Person, self.person),
            (Table::Interaction, self.interaction),
            (Table::Review, self.review),
            (Table::Offer, self.offer),
            (Table::Introduction, self.introduction),
        ]
    }
}

fn no_review() -> i64 {
    i64::MAX
}

fn exists(tx: &Transaction, table: Table, id: i64) -> Result<bool> {
    let (name, key) = table.sql();
    Ok(tx
        .prepare_cached(&format!("SELECT 1 FROM {name} WHERE {key} = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// A row the change added, if it is still there at the end of it.
fn added(tx: &Transaction, table: Table, id: i64, out: &mut Vec<Change>) -> Result<()> {
    if exists(tx, table, id)? {
        out.push(Change::Add { table, id });
    }
    Ok(())
}

/// A row that was there before the change: changed, or deleted.
fn touched(tx: &Transaction, table: Table, id: i64, out: &mut Vec<Change>) -> Result<()> {
    out.push(if exists(tx, table, id)? {
        Change::Edit {
            table,
            id,
            fields: Vec::new(),
        }
    } else {
        Change::Delete { table, id }
    });
    Ok(())
}

/// A row as it was before the change (its columns), compared with the row now: the fields
/// that changed, so the other devices take only those (per field the later edit wins).
fn columns_touched(
    tx: &Transaction,
    table: Table,
    id: i64,
    before: Result<super::row_values::Columns>,
    out: &mut Vec<Change>,
) -> Result<()> {
    match super::row_values::changed(tx, table.sql().0, id, &before?)? {
        None => out.push(Change::Delete { table, id }),
        Some(fields) if fields.is_empty() => {}
        Some(fields) => out.push(Change::Edit { table, id, fields }),
    }
    Ok(())
}

/// A person as they were before the change, compared with their row now.
fn person_touched(tx: &Transaction, before: &Person, out: &mut Vec<Change>) -> Result<()> {
    let now = tx
        .prepare_cached(&format!(
            "SELECT {} FROM person WHERE id = ?1",
            super::columns::PERSON_COLUMNS
        ))?
        .query_row([before.id], super::columns::person_from_row)
        .optional()?;
    match now {
        None => out.push(Change::Delete {
            table: Table::Person,
            id: before.id,
        }),
        Some(now) => {
            let fields = before.data.changed_fields(&now.data);
            if !fields.is_empty() {
                out.push(Change::Edit {
                    table: Table::Person,
                    id: before.id,
                    fields: fields.into_iter().map(str::to_string).collect(),
                });
            }
        }
    }
    Ok(())
}

/// An interaction as it was before the change, compared with its rows now: the fields that
/// changed (so a note edited on one device and a thanks marked on another both stay).
fn interaction_touched(
    tx: &Transaction,
    before: &Interaction,
    out: &mut Vec<Change>,
) -> Result<()> {
    use crate::model::date::day_number;
    let now: Option<(i64, String, String, i64, String, Option<i64>)> = tx
        .prepare_cached(
            "SELECT day, kind, direction, size, note, thanked_on FROM interaction WHERE id = ?1",
        )?
        .query_row([before.id], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })
        .optional()?;
    let Some((day, kind, direction, size, note, thanked_on)) = now else {
        out.push(Change::Delete {
            table: Table::Interaction,
            id: before.id,
        });
        return Ok(());
    };
    let mut people: Vec<PersonId> = tx
        .prepare_cached("SELECT person_id FROM contact WHERE interaction_id = ?1")?
        .query_map([before.id], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    people.sort_unstable();
    let mut people_before = before.people.clone();
    people_before.sort_unstable();
    let mut fields = Vec::new();
    for (changed, field) in [
        (day != day_number(before.day), "day"),
        (kind != before.kind.as_str(), "kind"),
        (direction != before.direction.as_str(), "direction"),
        (size != i64::from(before.size.value()), "size"),
        (note != before.note, "note"),
        (
            thanked_on != before.thanked_on.map(day_number),
            "thanked_on",
        ),
        (people != people_before, "people"),
    ] {
        if changed {
            fields.push(field.to_string());
        }
    }
    if !fields.is_empty() {
        out.push(Change::Edit {
            table: Table::Interaction,
            id: before.id,
            fields,
        });
    }
    Ok(())
}

/// What the change whose undo is `steps` did, forward, read in its transaction after it.
pub(super) fn forward(tx: &Transaction, steps: &[UndoStep]) -> Result<Vec<Change>> {
    // An interaction edited is written again under its id (its undo: delete it, put the old
    // one back): what it did is the fields it changed, not a new row.
    let rewritten: std::collections::HashSet<InteractionId> = (steps.iter())
        .filter_map(|step| match step {
            UndoStep::RestoreInteraction { interaction, .. } => Some(interaction.id),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for step in steps {
        match step {
            UndoStep::DeleteInteraction { id } if rewritten.contains(id) => {}
            UndoStep::DeletePerson { id } => added(tx, Table::Person, *id, &mut out)?,
            UndoStep::RestorePerson { person } => person_touched(tx, person, &mut out)?,
            UndoStep::DeleteInteraction { id } => added(tx, Table::Interaction, *id, &mut out)?,
            UndoStep::RestoreInteraction { interaction, .. } => {
                interaction_touched(tx, interaction, &mut out)?;
            }
            UndoStep::SetSnooze { person, .. } => touched(tx, Table::Snooze, *person, &mut out)?,
            UndoStep::DeleteReview { id } => added(tx, Table::Review, *id, &mut out)?,
            UndoStep::RemoveContacts { interaction, .. } => {
                if exists(tx, Table::Interaction, *interaction)? {
                    out.push(Change::Edit {
                        table: Table::Interaction,
                        id: *interaction,
                        fields: vec!["people".into()],
                    });
                }
            }
            UndoStep::DeleteBatch(batch) => {
                for (table, from) in batch.by_table() {
                    let (name, key) = table.sql();
                    let any: bool = tx.query_row(
                        &format!("SELECT EXISTS (SELECT 1 FROM {name} WHERE {key} >= ?1)"),
                        [from],
                        |row| row.get(0),
                    )?;
                    if any {
                        out.push(Change::AddFrom { table, from });
                    }
                }
            }
            UndoStep::Unmerge(unmerge) => {
                out.push(Change::Merge {
                    keep: unmerge.keep.id,
                    other: unmerge.other.id,
                });
                person_touched(tx, &unmerge.keep, &mut out)?;
                person_touched(tx, &unmerge.other, &mut out)?;
                let rows = [
                    (Table::Interaction, &unmerge.moved),
                    (Table::Interaction, &unmerge.shared),
                    (Table::Promise, &unmerge.promises),
                    (Table::Need, &unmerge.needs),
                    (Table::YearlyDate, &unmerge.dates),
                    (Table::Introduction, &unmerge.helped),
                ];
                for (table, ids) in rows {
                    for &id in ids {
                        touched(tx, table, id, &mut out)?;
                    }
                }
                for &(id, _) in &unmerge.reviews {
                    touched(tx, Table::Review, id, &mut out)?;
                }
                for &id in &unmerge.introduced {
                    touched(tx, Table::Person, id, &mut out)?;
                }
                // The other's links went; the kept one has the ones it did not have before.
                for link in &unmerge.links {
                    out.push(Change::DeleteLink { link: *link });
                }
                for link in super::columns::read_links(tx, "a = ?1 OR b = ?1", &[unmerge.keep.id])?
                {
                    if !unmerge.kept_links.contains(&link) {
                        out.push(Change::AddLink { link });
                    }
                }
            }
            UndoStep::DeleteLinks { links } => {
                out.extend(links.iter().map(|&link| Change::AddLink { link }));
            }
            UndoStep::RestoreLinks { links } => {
                out.extend(links.iter().map(|&link| Change::DeleteLink { link }));
            }
            UndoStep::DeletePromise { id } => added(tx, Table::Promise, *id, &mut out)?,
            UndoStep::RestorePromise { promise } => {
                let before = Ok(super::row_values::promise(promise));
                columns_touched(tx, Table::Promise, promise.id, before, &mut out)?;
            }
            UndoStep::DeleteNeed { id } => added(tx, Table::Need, *id, &mut out)?,
            UndoStep::RestoreNeed { need } => {
                let before = super::row_values::need(need);
                columns_touched(tx, Table::Need, need.id, before, &mut out)?;
            }
            UndoStep::DeleteDate { id } => added(tx, Table::YearlyDate, *id, &mut out)?,
            UndoStep::RestoreDate { date } => {
                let before = Ok(super::row_values::date(date));
                columns_touched(tx, Table::YearlyDate, date.id, before, &mut out)?;
            }
            UndoStep::DeleteOffer { id } => added(tx, Table::Offer, *id, &mut out)?,
            UndoStep::RestoreOffer { offer } => {
                let before = super::row_values::offer(offer);
                columns_touched(tx, Table::Offer, offer.id, before, &mut out)?;
            }
            UndoStep::DeleteIntroduction { id } => {
                added(tx, Table::Introduction, *id, &mut out)?;
            }
            UndoStep::RestoreIntroduction { introduction } => {
                let before = Ok(super::row_values::introduction(introduction));
                columns_touched(tx, Table::Introduction, introduction.id, before, &mut out)?;
            }
            UndoStep::DeleteDismissal { id } => added(tx, Table::LinkDismissed, *id, &mut out)?,
        }
    }
    Ok(out)
}

pub(super) fn record(tx: &Transaction, description: &str, steps: &[UndoStep]) -> Result<()> {
    let undo = serde_json::to_string(steps)
        .map_err(|e| Error::Database(format!("cannot record the change for undo: {e}")))?;
    let forward = forward(tx, steps)?;
    super::oplog::record(tx, &super::oplog::forward(&forward))?;
    let changes = serde_json::to_string(&forward)
        .map_err(|e| Error::Database(format!("cannot record the change: {e}")))?;
    tx.prepare_cached(
        "INSERT INTO journal (at, description, undo, changes) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![timestamp(), description, undo, changes])?;
    tx.prepare_cached("DELETE FROM journal WHERE id <= (SELECT max(id) FROM journal) - ?1")?
        .execute([JOURNAL_DEPTH])?;
    Ok(())
}

/// What `undo` needs to split a merge again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Unmerge {
    pub keep: Person,
    pub other: Person,
    /// Interactions only the other took part in: their rows moved to the one kept.
    pub moved: Vec<InteractionId>,
    /// Interactions both took part in: the other's rows were dropped.
    pub shared: Vec<InteractionId>,
    /// The other's links, and the kept one's, as they were.
    pub links: Vec<Link>,
    pub kept_links: Vec<Link>,
    /// People the other had introduced.
    pub introduced: Vec<PersonId>,
    pub snooze: Option<i64>,
    /// The other's promises, moved to the one kept (older journal entries have none).
    #[serde(default)]
    pub promises: Vec<crate::model::PromiseId>,
    /// The other's needs and yearly dates, moved likewise.
    #[serde(default)]
    pub needs: Vec<crate::model::NeedId>,
    /// Introductions the other was asked to help with, moved to the one kept.
    #[serde(default)]
    pub helped: Vec<crate::model::IntroductionId>,
    /// Suggested links the other's were dismissed, gone with them, put back on undo.
    #[serde(default)]
    pub dismissed: Vec<crate::model::LinkDismissal>,
    #[serde(default)]
    pub dates: Vec<crate::model::YearlyDateId>,
    /// Reviews that showed the other, with what they covered as stored before (they name
    /// the one kept instead).
    #[serde(default)]
    pub reviews: Vec<(i64, String)>,
}
