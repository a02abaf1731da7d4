//! Undo from the app. A small change is undone at once. Taking out a large batch (an import
//! of thousands of people) takes seconds, so it runs on a worker thread with its own
//! connection while a box says what is being undone; the app keeps drawing meanwhile.
//!
//! Quitting during it abandons it: nothing changes until its transaction commits.

use std::collections::HashSet;
use std::sync::mpsc::{TryRecvError, channel};
use std::time::Instant;

use super::jobs::UndoJob;
use super::state::{App, Screen};
use crate::error::{Error, Result};
use crate::ops::LastChange;

/// From this many rows (people and interactions) a batch is undone on a worker.
const LARGE_UNDO: u64 = 20_000;

impl App {
    /// Reverts `change` (only if it is still the newest) and says what it was.
    pub(super) fn undo_change(&mut self, change: &LastChange) -> Result<()> {
        if change.rows < LARGE_UNDO {
            let shown = self.timeline_ids();
            let undone = self.desk.undo_change(change.id)?;
            if undone.is_some() {
                self.review_undone(change.id);
            }
            self.reload()?;
            self.select_brought_back(&shown);
            self.status = Some(undone_message(undone));
            return Ok(());
        }
        // Opened here, so the worker's change counts as this app's own.
        let mut desk = self.desk.open_again()?;
        let (send, result) = channel();
        let id = change.id;
        std::thread::spawn(move || {
            // The app may have quit meanwhile; then no one is waiting.
            let _ = send.send(desk.undo_change(id));
        });
        self.undo_job = Some(UndoJob {
            change: id,
            what: change.description.clone(),
            started: Instant::now(),
            result,
        });
        Ok(())
    }

    /// Checks on a running undo. True when something changed on screen (its clock moves).
    pub fn tick_undo(&mut self) -> bool {
        let Some(job) = &self.undo_job else {
            return false;
        };
        let outcome = match job.result.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => return true,
            Err(TryRecvError::Disconnected) => Err(Error::Io("the undo stopped".into())),
        };
        let change = job.change;
        self.undo_job = None;
        if matches!(outcome, Ok(Some(_))) {
            self.review_undone(change);
        }
        self.status = Some(
            match outcome.and_then(|undone| self.reload().map(|()| undone)) {
                Ok(undone) => undone_message(undone),
                Err(error) => error.to_string(),
            },
        );
        true
    }
}

impl App {
    /// The entries of the open person's timeline, if a person is open.
    fn timeline_ids(&self) -> Option<HashSet<i64>> {
        match &self.screen {
            Screen::Person { profile, .. } => {
                Some(profile.interactions.iter().map(|i| i.id).collect())
            }
            _ => None,
        }
    }

    /// After an undo on a person's page: an entry it brought back (a deleted one) is
    /// selected, so the cursor is on what the undo restored.
    fn select_brought_back(&mut self, shown: &Option<HashSet<i64>>) {
        let (Some(shown), Screen::Person { profile, entry }) = (shown, &mut self.screen) else {
            return;
        };
        if let Some(at) = (profile.interactions.iter()).position(|i| !shown.contains(&i.id)) {
            *entry = super::cursor::Cursor::new(at);
        }
    }
}

fn undone_message(undone: Option<String>) -> String {
    match undone {
        Some(what) => format!("Undid: {what}"),
        None => "Nothing to undo.".into(),
    }
}
