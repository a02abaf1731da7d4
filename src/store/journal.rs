//! The undo stack's records. Every change made through tiesdesk writes, in its own
//! transaction, the steps that revert it (`record`); `undo.rs` applies the newest entry's
//! steps and removes it. This module depends on no other table's module, so each can record.

use rusqlite::{Transaction, params};

use serde::{Deserialize, Serialize};

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
    DeleteBatch {
        first_person: PersonId,
        first_interaction: InteractionId,
        /// Reviews from this id on came with the batch (older journal entries have none).
        #[serde(default = "no_review")]
        first_review: i64,
    },
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
}

fn no_review() -> i64 {
    i64::MAX
}

pub(super) fn record(tx: &Transaction, description: &str, steps: &[UndoStep]) -> Result<()> {
    let undo = serde_json::to_string(steps)
        .map_err(|e| Error::Database(format!("cannot record the change for undo: {e}")))?;
    tx.prepare_cached("INSERT INTO journal (at, description, undo) VALUES (?1, ?2, ?3)")?
        .execute(params![timestamp(), description, undo])?;
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
    #[serde(default)]
    pub dates: Vec<crate::model::YearlyDateId>,
    /// Reviews that showed the other, with what they covered as stored before (they name
    /// the one kept instead).
    #[serde(default)]
    pub reviews: Vec<(i64, String)>,
}
