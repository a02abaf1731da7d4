//! The rows of one interaction: its own (`interaction`) and one per person who took part
//! (`contact`, which the model reads). Every writer of interactions goes through here —
//! logging, editing, a batch, a capture — and so every row gets its global id here.

use rusqlite::{Transaction, params};

use crate::error::{Error, Result};
use crate::insight::Contact;
use crate::model::{Capture, Day, DraftInteraction, Interaction, InteractionId, PersonId};

/// An interaction's own columns (besides its id, who was there and when it was written),
/// from whichever value holds them: a logged interaction, a document's draft, a capture.
pub(super) struct InteractionRow<'a> {
    pub figures: Contact,
    pub note: &'a str,
    pub capture: Option<&'a Capture>,
    pub thanked_on: Option<Day>,
}

impl<'a> From<&'a Interaction> for InteractionRow<'a> {
    fn from(i: &'a Interaction) -> Self {
        InteractionRow {
            figures: Contact::on(i.day, i.kind, i.direction, i.size),
            note: &i.note,
            capture: i.capture.as_ref(),
            thanked_on: i.thanked_on,
        }
    }
}

impl<'a> From<&'a DraftInteraction> for InteractionRow<'a> {
    fn from(i: &'a DraftInteraction) -> Self {
        InteractionRow {
            figures: Contact::on(i.day, i.kind, i.direction, i.size),
            note: &i.note,
            capture: i.capture.as_ref(),
            thanked_on: i.thanked_on,
        }
    }
}

/// One row of `interaction`, whose figures it returns for the `contact` rows. Every writer
/// of interactions goes through here.
pub(super) fn write_interaction_row(
    tx: &Transaction,
    id: InteractionId,
    row: InteractionRow,
    created_at: &str,
) -> Result<Contact> {
    let InteractionRow {
        figures,
        note,
        capture,
        thanked_on,
    } = row;
    tx.prepare_cached(
        "INSERT INTO interaction \
             (id, day, kind, direction, size, note, created_at, source, source_id, thanked_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        figures.day,
        figures.kind.as_str(),
        figures.direction.as_str(),
        figures.size.value(),
        note,
        created_at,
        capture.map(|c| c.source.as_str()),
        capture.map(|c| c.id.as_str()),
        thanked_on.map(crate::model::date::day_number),
    ])?;
    let natural = capture.map(|c| super::gids::captured(super::gids::capture_key(c)));
    super::gids::assign(tx, super::journal::Table::Interaction, id, natural)?;
    Ok(figures)
}

/// One row of `contact`: `person` took part in interaction `id`. The caller refreshes the
/// person's history cache (one at a time, or all at once for a batch).
pub(super) fn write_contact_row(
    tx: &Transaction,
    person: PersonId,
    id: InteractionId,
    figures: &Contact,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO contact (person_id, day, interaction_id, kind, direction, size) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        person,
        figures.day,
        id,
        figures.kind.code(),
        figures.direction.code(),
        figures.size.value(),
    ])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Error::invalid(format!("no person with id {person}"))
        }
        _ => Error::from(e),
    })?;
    Ok(())
}
