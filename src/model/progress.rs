//! How far a long job (an import) has come, shared with whoever shows it: a stage, and a
//! count of items done out of a total. Plain atomics, so a worker thread can update it while
//! the app draws it.

use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Matching,
    Saving,
}

#[derive(Debug, Default)]
pub struct Progress {
    stage: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    /// Records found so far (messages, occurrences) when `done` counts bytes or files.
    items: AtomicUsize,
}

impl Progress {
    /// Starts a stage of `total` items.
    pub fn start(&self, stage: Stage, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.stage.store(stage as u8, Ordering::Relaxed);
    }

    pub fn set(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    pub fn set_items(&self, items: usize) {
        self.items.store(items, Ordering::Relaxed);
    }

    pub fn items(&self) -> usize {
        self.items.load(Ordering::Relaxed)
    }

    pub fn stage(&self) -> Stage {
        match self.stage.load(Ordering::Relaxed) {
            0 => Stage::Reading,
            1 => Stage::Matching,
            _ => Stage::Saving,
        }
    }

    /// Done and total in the current stage (done never above total).
    pub fn counts(&self) -> (usize, usize) {
        let total = self.total.load(Ordering::Relaxed);
        (self.done.load(Ordering::Relaxed).min(total), total)
    }
}
