//! What a capture did, as both front ends show it: counts that add up, the lists behind them,
//! and the correspondents tiesdesk does not know yet, each with what can be done about them.

use serde::Serialize;

use crate::import::capture::{Skipped, Tally};
use crate::model::{CaptureSource, CaptureWords, PersonId};

/// What a capture did (or, for a dry run, would do). It adds up: every file found is read or
/// not read (by reason), every event likewise, and every message or past occurrence found
/// (`read`) is counted in exactly one of `captured`, `already`, `same_day`, `no_one_known`,
/// `skipped` and `not_read`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureReport {
    pub source: CaptureSource,
    pub dry_run: bool,
    /// The zone whose days contacts were put on.
    pub zone: String,
    pub files: Tally,
    /// A calendar's events (masters and overrides).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Tally>,
    pub read: usize,
    /// Messages that became an interaction, or joined one captured before (with someone
    /// tiesdesk knows since).
    pub captured: usize,
    /// Known people those interactions are with.
    pub people: usize,
    /// Messages (or occurrences) captured by an earlier import.
    pub already: usize,
    /// Occurrences captured before that have moved since (counted in `captured` too).
    pub moved: usize,
    /// Captured occurrences taken out: cancelled, declined, or no longer with anyone known.
    pub removed: usize,
    /// Messages with people who had one the same day and direction already.
    pub same_day: usize,
    /// Messages only with people tiesdesk does not know.
    pub no_one_known: usize,
    pub skipped: Vec<Skipped>,
    /// Messages that could not be read, by reason.
    pub not_read: Vec<Skipped>,
    /// Where the reading guessed (a charset, a zone) or stopped (a series cut).
    pub notes: Vec<Skipped>,
    /// People added (`--add-people`, `--add`, or a row of the app's report).
    pub added: Vec<super::super::import::Entry>,
    /// Addresses given to people tiesdesk knew (the app's "attach").
    pub attached: Vec<super::super::import::Entry>,
    /// Addresses that match no one, most exchanges first.
    pub unknown: Vec<Unknown>,
    /// Addresses left out of `unknown` because `capture.ignore` lists them.
    pub ignored: usize,
    /// The contacts each way that make an unknown address worth adding (the config's
    /// `capture.min_exchanges`), for the report to say.
    pub min_exchanges: usize,
}

/// An address no one in tiesdesk has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unknown {
    /// Their address (empty for someone met in a chat).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Who they are in a chat export, for someone met there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handle: Option<String>,
    pub name: Option<String>,
    /// Messages you sent them (meetings you organised).
    pub sent: usize,
    /// Messages they sent you (meetings they organised).
    pub received: usize,
    /// In touch both ways at least `capture.min_exchanges` times: `--add-people` adds them.
    pub both_ways: bool,
    pub added: bool,
    /// People by the same name who do not have this address: perhaps it is theirs.
    pub same_name: Vec<Candidate>,
}

/// Someone an unknown address may belong to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub id: PersonId,
    pub name: String,
    /// What tells namesakes apart: their company, else an address they have.
    pub place: Option<String>,
}

impl Unknown {
    /// "Chen Wu <chen.wu@x.org>"; "Daan Smit (whatsapp:+31612345678)" met in a chat.
    pub fn who(&self) -> String {
        match (&self.name, &self.handle) {
            (Some(name), Some(handle)) => format!("{name} ({handle})"),
            (None, Some(handle)) => handle.clone(),
            (Some(name), None) => format!("{name} <{}>", self.email),
            (None, None) => self.email.clone(),
        }
    }

    /// What they are known by: their chat handle, else their address.
    pub fn key(&self) -> &str {
        self.handle.as_deref().unwrap_or(&self.email)
    }
}

impl Candidate {
    /// "#12 Chen Wu (Acme)".
    pub fn label(&self) -> String {
        match &self.place {
            Some(place) => format!("#{} {} ({place})", self.id, self.name),
            None => format!("#{} {}", self.id, self.name),
        }
    }
}

impl CaptureReport {
    /// How its source's contact is counted and named.
    fn words(&self) -> CaptureWords {
        self.source.words()
    }

    /// "412 captured with 37 people, 88 already, 5 same day, 140 with no one known, 903
    /// skipped".
    pub fn counts(&self, separator: &str) -> String {
        let skipped: usize = self.skipped.iter().map(|s| s.count).sum();
        let mut counts = vec![
            format!(
                "{} captured with {} {}",
                self.captured,
                self.people,
                if self.people == 1 { "person" } else { "people" }
            ),
            format!("{} already captured", self.already),
        ];
        // Same-day folding is mail's rule; moving and taking out, a calendar's.
        if self.words().folds_same_day {
            counts.push(format!("{} same day", self.same_day));
        } else {
            counts.push(format!("{} moved", self.moved));
            counts.push(format!("{} taken out", self.removed));
        }
        counts.push(format!("{} with no one known", self.no_one_known));
        counts.push(format!("{skipped} skipped"));
        let not_read: usize = self.not_read.iter().map(|s| s.count).sum();
        if not_read > 0 {
            counts.push(format!("{not_read} not read"));
        }
        counts.join(separator)
    }

    /// What was found, in the report's words: "18 past occurrences" or "412 messages".
    pub fn found(&self) -> String {
        let (one, many) = self.words().item;
        format!("{} {}", self.read, if self.read == 1 { one } else { many })
    }

    /// "Files: 3 found, 2 read, not read: 1 not .ics files …", and the same for events;
    /// nothing for a single file read whole.
    pub fn tallies(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut tally = |what: &str, tally: &Tally, always: bool| {
            if !always && tally.not_read.is_empty() {
                return;
            }
            let mut line = format!("{what}: {} found, {} read", tally.found, tally.read);
            if !tally.not_read.is_empty() {
                let reasons: Vec<String> = tally
                    .not_read
                    .iter()
                    .map(|s| format!("{} {}", s.count, s.what))
                    .collect();
                line.push_str(&format!(", not read: {}", reasons.join("; ")));
            }
            lines.push(line);
        };
        tally("Files", &self.files, self.files.found > 1);
        if let Some(events) = &self.events {
            tally("Events", events, false);
        }
        lines
    }

    /// The unknown rows still waiting (not added this time), in the report's order.
    pub fn waiting(&self) -> impl Iterator<Item = &Unknown> {
        self.unknown.iter().filter(|u| !u.added)
    }

    /// How many of those waiting `--add-people` would add: in touch both ways often enough.
    pub fn both_ways(&self) -> usize {
        self.waiting().filter(|u| u.both_ways).count()
    }

    /// The title of the unknown rows' section.
    pub fn waiting_title(&self) -> &'static str {
        self.words().waiting_title
    }

    /// One unknown row: its counts and who.
    pub fn waiting_line(unknown: &Unknown) -> String {
        format!(
            "{:>4} / {:<4} {}",
            unknown.sent,
            unknown.received,
            unknown.who()
        )
    }

    /// Whom an unknown row may be: "is this #12 Chen Wu (Wu & Co)?".
    pub fn same_name_line(unknown: &Unknown) -> Option<String> {
        let first = unknown.same_name.first()?;
        let mut line = format!("is this {}?", first.label());
        if unknown.same_name.len() > 1 {
            line.push_str(&format!(" +{} more", unknown.same_name.len() - 1));
        }
        Some(line)
    }

    /// The report's non-empty lists, a title and one line an item, for the command line (the
    /// app shows the unknown rows as a list of their own).
    pub fn sections(&self) -> Vec<(String, Vec<String>)> {
        let mut sections = self.counted_sections();
        let waiting: Vec<String> = self
            .waiting()
            .map(|u| match Self::same_name_line(u) {
                Some(same) => format!("{} — {same}", Self::waiting_line(u)),
                None => Self::waiting_line(u),
            })
            .collect();
        if !waiting.is_empty() {
            sections.push((self.waiting_title().to_string(), waiting));
        }
        sections
    }

    /// Everything but the unknown rows.
    pub fn counted_sections(&self) -> Vec<(String, Vec<String>)> {
        let mut sections = Vec::new();
        let counted = |list: &[Skipped]| -> Vec<String> {
            list.iter()
                .map(|s| format!("{:>6}  {}", s.count, s.what))
                .collect()
        };
        for (title, list) in [
            ("Skipped", &self.skipped),
            ("Not read", &self.not_read),
            ("Read with a guess, or cut", &self.notes),
        ] {
            if !list.is_empty() {
                sections.push((title.to_string(), counted(list)));
            }
        }
        for (title, list) in [
            ("Added", &self.added),
            ("Addresses attached", &self.attached),
        ] {
            if !list.is_empty() {
                let lines = list
                    .iter()
                    .map(|a| format!("#{} {} <{}>", a.id, a.name, a.place))
                    .collect();
                sections.push((title.to_string(), lines));
            }
        }
        sections
    }
}
