//! Offers: made, listed and marked done, each one undoable.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::Store;
use super::columns::json_list;
use super::journal::{UndoStep, record};
use super::next_id;
use super::promises::{optional_day, required_day};
use crate::error::{Error, Result};
use crate::model::{Day, Offer, OfferId};

const COLUMNS: &str = "id, text, tags, made_on, done_on";

/// Writes `offer` as it is, a new row or over the one with its id.
pub(super) fn write_offer(tx: &Transaction, offer: &Offer) -> Result<()> {
    super::row_values::upsert(tx, "offer", offer.id, &super::row_values::offer(offer)?)?;
    super::gids::assign(tx, super::journal::Table::Offer, offer.id, None)
}

fn offer_from_row(row: &rusqlite::Row) -> rusqlite::Result<Offer> {
    Ok(Offer {
        id: row.get(0)?,
        text: row.get(1)?,
        tags: json_list(row, 2)?,
        made_on: required_day(row, 3)?,
        done_on: optional_day(row, 4)?,
    })
}

fn load_offer(conn: &Connection, id: OfferId) -> Result<Option<Offer>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM offer WHERE id = ?1"))?
        .query_row([id], offer_from_row)
        .optional()?)
}

impl Store {
    /// Records that you can give `text`; undoable.
    pub fn add_offer(
        &mut self,
        text: &str,
        tags: &[String],
        made_on: Day,
        description: &str,
    ) -> Result<Offer> {
        self.write(|tx| {
            let offer = Offer {
                id: next_id(tx, "offer")?,
                text: text.to_string(),
                tags: tags.to_vec(),
                made_on,
                done_on: None,
            };
            write_offer(tx, &offer)?;
            record(tx, description, &[UndoStep::DeleteOffer { id: offer.id }])?;
            Ok(offer)
        })
    }

    /// Offers in the order made: the open ones, or all.
    pub fn offers(&self, include_done: bool) -> Result<Vec<Offer>> {
        super::rows(
            &self.conn,
            &format!("SELECT {COLUMNS} FROM offer WHERE ?1 OR done_on IS NULL ORDER BY id"),
            [include_done],
            offer_from_row,
        )
    }

    /// Marks offer `id` done on `on`; undoable. Refused unless it is open.
    pub fn finish_offer(
        &mut self,
        id: OfferId,
        on: Day,
        describe: impl FnOnce(&Offer) -> String,
    ) -> Result<Offer> {
        self.write(|tx| {
            let before = load_offer(tx, id)?.ok_or_else(|| {
                Error::invalid(format!("no offer #{id} (the ids are in `tiesdesk offers`)"))
            })?;
            if let Some(day) = before.done_on {
                return Err(Error::invalid(format!(
                    "offer #{id} was already done on {day}; it stays as it is"
                )));
            }
            let done = Offer {
                done_on: Some(on),
                ..before.clone()
            };
            write_offer(tx, &done)?;
            record(
                tx,
                &describe(&before),
                &[UndoStep::RestoreOffer { offer: before }],
            )?;
            Ok(done)
        })
    }
}
