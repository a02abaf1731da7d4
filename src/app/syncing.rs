//! The app's sync (DESIGN, "Sync across devices"): a database that syncs does so when the app
//! opens (on its first idle moment, after the first screen is up), every `sync.interval`
//! minutes while it is open if that is set, and when it quits; each says so in one line.
//! A sync that cannot run (the folder not mounted) says why and changes nothing.

use std::time::{Duration, Instant};

use super::state::App;
use crate::ops::SyncReport;

/// One line about a sync that ran.
pub fn said(report: &SyncReport) -> String {
    let done = &report.exchanged;
    let mut line = match (done.sent, done.applied) {
        (0, 0) => "Synced: nothing new here or from your other devices.".to_string(),
        (sent, 0) => format!("Synced: {sent} change{} sent.", plural(sent)),
        (0, got) => format!(
            "Synced: {got} change{} from your other devices.",
            plural(got)
        ),
        (sent, got) => format!(
            "Synced: {sent} change{} sent, {got} from your other devices.",
            plural(sent)
        ),
    };
    if !report.cut_off.is_empty() {
        line.push_str(&format!(
            " {} still being copied, for next time.",
            report.cut_off.len()
        ));
    }
    if !report.old_key.is_empty() || !report.other_key.is_empty() {
        // What they wrote waits: say so, or the app would look in step when it is not.
        line.push_str(" A device is on another key: tiesdesk sync status.");
    }
    line
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl App {
    /// Called while idle: syncs when it is due. True when the screen changed.
    pub fn sync_when_due(&mut self, now: Instant) -> bool {
        match self.sync_due {
            Some(due) if now >= due && self.job.is_none() && self.undo_job.is_none() => {}
            _ => return false,
        }
        self.sync_due = self.sync_every().map(|every| now + every);
        if !matches!(self.desk.sync_setup(), Ok(Some(_))) {
            // Not a device of any folder: nothing to do, ever, while open.
            self.sync_due = None;
            return false;
        }
        self.sync_now();
        true
    }

    /// Syncs now (the key, or when due), saying what it did in one line.
    pub(super) fn sync_now(&mut self) {
        if !matches!(self.desk.sync_setup(), Ok(Some(_))) {
            // One line at 80 columns; the README says which folders.
            self.status =
                Some("This database does not sync yet: tiesdesk sync init DIR (README).".into());
            return;
        }
        self.status = Some(match self.desk.sync() {
            Ok(report) => {
                if report.exchanged.applied > 0
                    && let Err(error) = self.reload()
                {
                    error.to_string()
                } else {
                    said(&report)
                }
            }
            Err(error) => error.to_string(),
        });
    }

    /// `sync.interval` minutes, if set.
    fn sync_every(&self) -> Option<Duration> {
        match self.desk.config.sync.interval {
            0 => None,
            minutes => Some(Duration::from_secs(u64::from(minutes) * 60)),
        }
    }

    /// At quit: what is new here goes out. The line to print once the terminal is back.
    pub fn sync_at_quit(&mut self) -> Option<String> {
        if !matches!(self.desk.sync_setup(), Ok(Some(_))) {
            return None;
        }
        Some(match self.desk.sync() {
            Ok(report) => said(&report),
            Err(error) => error.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::said;
    use crate::ops::SyncReport;

    fn report() -> SyncReport {
        SyncReport {
            folder: "/sync".into(),
            exchanged: Default::default(),
            cut_off: Vec::new(),
            damaged: Vec::new(),
            adopted: 0,
            old_key: Vec::new(),
            other_key: Vec::new(),
            compacted: 0,
            trouble: None,
        }
    }

    #[test]
    fn the_line_says_when_a_device_is_on_another_key() {
        assert_eq!(
            said(&report()),
            "Synced: nothing new here or from your other devices."
        );
        let mut waiting = report();
        waiting.other_key.push(uuid::Uuid::nil());
        assert!(said(&waiting).ends_with("A device is on another key: tiesdesk sync status."));
        let mut old = report();
        old.old_key.push(uuid::Uuid::nil());
        assert!(said(&old).contains("another key"));
    }
}
