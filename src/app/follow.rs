//! Following other copies: the command line, a cron job or a second app may write to the same
//! file while this app is open. The app notices (SQLite's `data_version`) within a second
//! while idle and before it acts on any key, and reads everything again, keeping what is on
//! screen: the selection, the scroll position and any open form.

use std::time::{Duration, Instant};

use super::state::App;
use crate::error::Result;

/// How often an idle app looks for other copies' changes.
pub const FOLLOW_EVERY: Duration = Duration::from_millis(700);

impl App {
    /// Called while idle: at most every [`FOLLOW_EVERY`], reads again if another copy wrote.
    /// True when the screen changed.
    pub fn follow_others(&mut self, now: Instant) -> bool {
        if self.job.is_some()
            || self.undo_job.is_some()
            || now.duration_since(self.followed_at) < FOLLOW_EVERY
        {
            return false;
        }
        self.followed_at = now;
        self.catch_up_and_say()
    }

    /// Before a key is acted on: what it acts on must be what is in the file now.
    pub(super) fn catch_up_and_say(&mut self) -> bool {
        match self.catch_up() {
            Ok(false) => false,
            Ok(true) => {
                self.status = Some(
                    "Updated with changes made elsewhere (the command line or another tiesdesk)."
                        .into(),
                );
                true
            }
            Err(error) => {
                self.status = Some(error.to_string());
                true
            }
        }
    }

    /// Reads everything again when another copy has written since the last read. True when
    /// it did.
    pub fn catch_up(&mut self) -> Result<bool> {
        if self.desk.data_version()? == self.data_version {
            return Ok(false);
        }
        self.reload()?;
        if matches!(self.screen, super::state::Screen::Review(_)) {
            let fresh = (self.desk).agenda_of(&self.network, &self.histories, &self.reconnect)?;
            let people: std::collections::HashSet<crate::model::PersonId> = (self.people.iter())
                .filter(|p| !p.data.archived)
                .map(|p| p.id)
                .collect();
            if let Some(review) = self.review_mut() {
                review.absorb(fresh, &people);
            }
        }
        // Result lists hold positions in `people`, which may have moved.
        self.answer_overlay(true);
        Ok(true)
    }
}
