//! Applying rows with natural keys: links (named by their kind and people) and snoozes
//! (by their person). Put whole whenever they are set; a later put brings one back.

use rusqlite::params;
use rusqlite::types::Value as Sql;
use serde_json::Value;

use super::apply::{Applier, Outcome};
use super::apply_books::{Stamp, note_row};
use super::change::Table;
use crate::error::{Error, Result};
use crate::model::WireOp;

impl Applier<'_> {
    pub(super) fn link_people(
        &self,
        op: &WireOp,
    ) -> Result<std::result::Result<(i64, i64, String), Outcome>> {
        let kind = op.fields.get("kind").and_then(Value::as_str).unwrap_or("");
        let mut ends = [0; 2];
        for (at, end) in ["a", "b"].into_iter().enumerate() {
            match self.reference(
                Table::Person,
                op.fields.get(end).unwrap_or(&Value::Null),
                true,
            )? {
                Ok(Sql::Integer(id)) => ends[at] = id,
                Ok(_) => return Ok(Err(Outcome::Stale)),
                Err(outcome) => return Ok(Err(outcome)),
            }
        }
        let [mut a, mut b] = ends;
        if kind == "knows" && a > b {
            // "knows" is kept with the smaller key first.
            std::mem::swap(&mut a, &mut b);
        }
        Ok(Ok((a, b, kind.to_string())))
    }

    pub(super) fn put_link(&mut self, op: &WireOp, stamp: Stamp) -> Result<Outcome> {
        let (a, b, kind) = match self.link_people(op)? {
            Ok(link) => link,
            Err(outcome) => return Ok(outcome),
        };
        if a == b {
            // Two people merged into one since: a link to oneself is no link.
            return Ok(Outcome::Stale);
        }
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO link (a, b, kind, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![a, b, kind, super::timestamp()])
            .map_err(|e| Error::invalid(format!("a link that cannot be written here: {e}")))?;
        note_row(self.tx, op.gid, stamp)?;
        Ok(Outcome::Applied)
    }

    pub(super) fn put_snooze(
        &mut self,
        op: &WireOp,
        stamp: Stamp,
        state: Option<(Stamp, Option<i64>)>,
    ) -> Result<Outcome> {
        let person = match self.reference(
            Table::Person,
            op.fields.get("person_id").unwrap_or(&Value::Null),
            true,
        )? {
            Ok(Sql::Integer(id)) => id,
            Ok(_) => return Ok(Outcome::Stale),
            Err(outcome) => return Ok(outcome),
        };
        let row = state.map_or(Stamp::NEVER, |(row, _)| row);
        if stamp <= row {
            return Ok(Outcome::Stale);
        }
        let until = op.fields.get("until_day").and_then(Value::as_i64);
        let Some(until) = until else {
            return Err(Error::invalid("a snooze without its day"));
        };
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO snooze (person_id, until_day) VALUES (?1, ?2)")?
            .execute(params![person, until])?;
        note_row(self.tx, op.gid, stamp)?;
        Ok(Outcome::Applied)
    }
}
