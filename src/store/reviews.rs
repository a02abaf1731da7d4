//! Weekly reviews and snoozes.

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::Result;

impl Store {
    /// The day of the most recent weekly review, in days since 1970-01-01.
    pub fn last_review_day(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(day) FROM review", [], |row| row.get(0))
            .optional()?
            .flatten())
    }
}
