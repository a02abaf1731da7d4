//! Capture: turning what was read from the user's mail into interactions with the people they
//! know (DESIGN.md, "Capture: mail and calendar"). Unknown correspondents are listed, and added
//! only when asked.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::import::mail::{MailLog, Skip};
use crate::model::date::day_number;
use crate::model::{
    Capture, CaptureDraft, CaptureSource, CapturedInteraction, Direction, Kind, Participant,
    PersonData, PersonId,
};

/// How a capture runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaptureOptions {
    /// Add the unknown correspondents with enough exchanges each way.
    pub add_people: bool,
    pub dry_run: bool,
}

/// What a capture did (or, for a dry run, would do). Every message read is counted in exactly
/// one of `captured`, `already`, `same_day`, `no_one_known` and `skipped`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureReport {
    pub source: &'static str,
    pub dry_run: bool,
    pub read: usize,
    /// Messages that became an interaction.
    pub captured: usize,
    /// Known people those interactions are with.
    pub people: usize,
    /// Messages captured by an earlier import.
    pub already: usize,
    /// Messages with people who had one the same day and direction already.
    pub same_day: usize,
    /// Messages only with people tiesdesk does not know.
    pub no_one_known: usize,
    pub skipped: Vec<SkipCount>,
    /// People added by `--add-people`.
    pub added: Vec<super::import::Entry>,
    /// Addresses that match no one, most exchanges first.
    pub unknown: Vec<Unknown>,
    /// Files under the path that hold no mail.
    pub ignored_files: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkipCount {
    pub reason: Skip,
    pub what: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unknown {
    pub email: String,
    pub name: Option<String>,
    /// Messages you sent them.
    pub sent: usize,
    /// Messages they sent you.
    pub received: usize,
    pub added: bool,
}

impl CaptureReport {
    /// "412 captured with 37 people, 88 already, 5 same day, 140 with no one known, 903
    /// skipped".
    pub fn counts(&self, separator: &str) -> String {
        let skipped: usize = self.skipped.iter().map(|s| s.count).sum();
        [
            format!(
                "{} captured with {} {}",
                self.captured,
                self.people,
                if self.people == 1 { "person" } else { "people" }
            ),
            format!("{} already captured", self.already),
            format!("{} same day", self.same_day),
            format!("{} with no one known", self.no_one_known),
            format!("{skipped} skipped"),
        ]
        .join(separator)
    }
}

impl Desk {
    /// Captures `log` (read from `file_name`) as messages with known people, in one
    /// transaction and one undo. A second import of the same mail adds nothing.
    pub fn capture_mail(
        &mut self,
        log: MailLog,
        file_name: &str,
        options: CaptureOptions,
    ) -> Result<CaptureReport> {
        let known = self.store.people()?;
        let mut by_email: HashMap<String, PersonId> = HashMap::new();
        for person in &known {
            for email in &person.data.emails {
                by_email.entry(email.to_lowercase()).or_insert(person.id);
            }
        }
        let already = self.store.already_captured(CaptureSource::Mail)?;
        let mut messages = log.messages;
        // Oldest first, so the one kept of a day's messages does not depend on folder order.
        messages.sort_by(|a, b| (a.day, &a.id).cmp(&(b.day, &b.id)));

        // Who each unknown address is, and how much mail went each way.
        let mut tallies: HashMap<u32, (usize, usize)> = HashMap::new();
        for message in &messages {
            for &who in &message.with {
                let email = &log.correspondents[who as usize].email;
                if by_email.contains_key(email) {
                    continue;
                }
                let tally = tallies.entry(who).or_default();
                match message.direction {
                    Direction::Gave => tally.0 += 1,
                    _ => tally.1 += 1,
                }
            }
        }
        let min = self.config.capture.min_exchanges;
        let mut draft = CaptureDraft::default();
        let mut new_index: HashMap<u32, usize> = HashMap::new();
        let mut unknown: Vec<Unknown> = tallies
            .iter()
            .map(|(&who, &(sent, received))| {
                let correspondent = &log.correspondents[who as usize];
                let added = options.add_people && sent >= min && received >= min;
                Unknown {
                    email: correspondent.email.clone(),
                    name: correspondent.name.clone(),
                    sent,
                    received,
                    added,
                }
            })
            .collect();
        unknown
            .sort_by(|a, b| (b.sent + b.received, &a.email).cmp(&(a.sent + a.received, &b.email)));
        let who_of: HashMap<&str, u32> = tallies
            .keys()
            .map(|&who| (log.correspondents[who as usize].email.as_str(), who))
            .collect();
        for person in unknown.iter().filter(|u| u.added) {
            let name = person
                .name
                .clone()
                .unwrap_or_else(|| name_from_address(&person.email));
            let mut data = PersonData::named(&name);
            data.emails = vec![person.email.clone()];
            new_index.insert(who_of[person.email.as_str()], draft.people.len());
            draft.people.push(data);
        }

        let mut report = CaptureReport {
            source: CaptureSource::Mail.as_str(),
            dry_run: options.dry_run,
            read: log.read,
            captured: 0,
            people: 0,
            already: 0,
            same_day: 0,
            no_one_known: 0,
            skipped: log
                .skipped
                .iter()
                .map(|(&reason, &count)| SkipCount {
                    reason,
                    what: reason.describe(),
                    count,
                })
                .collect(),
            added: Vec::new(),
            unknown,
            ignored_files: log.ignored_files,
        };
        let mut counted: HashSet<(Participant, i64, Direction)> = HashSet::new();
        let mut reached: HashSet<Participant> = HashSet::new();
        for message in messages {
            if already.ids.contains(&message.id) {
                report.already += 1;
                continue;
            }
            let day = day_number(message.day);
            let mut people = Vec::new();
            let mut any_known = false;
            for &who in &message.with {
                let email = &log.correspondents[who as usize].email;
                let participant = match (by_email.get(email), new_index.get(&who)) {
                    (Some(&id), _) => Participant::Known(id),
                    (None, Some(&index)) => Participant::New(index),
                    (None, None) => continue,
                };
                any_known = true;
                if let Participant::Known(id) = participant
                    && already.contacts.contains(&(id, day, message.direction))
                {
                    continue;
                }
                if counted.insert((participant, day, message.direction))
                    && !people.contains(&participant)
                {
                    people.push(participant);
                }
            }
            if people.is_empty() {
                if any_known {
                    report.same_day += 1;
                } else {
                    report.no_one_known += 1;
                }
                continue;
            }
            reached.extend(people.iter().copied());
            draft.interactions.push(CapturedInteraction {
                day: message.day,
                people,
                kind: Kind::Message,
                direction: message.direction,
                capture: Capture {
                    source: CaptureSource::Mail,
                    id: message.id,
                },
            });
        }
        report.captured = draft.interactions.len();
        report.people = reached.len();
        let first_id = known.iter().map(|p| p.id).max().unwrap_or(0) + 1;
        if !options.dry_run && (!draft.interactions.is_empty() || !draft.people.is_empty()) {
            let description = format!("import mail {file_name}: {}", report.counts(", "));
            let written = self.store.write_capture(&draft, &description)?;
            // Another copy may have captured some of the same mail meanwhile.
            report.captured -= written.already;
            report.already += written.already;
            report.added = added_entries(&draft.people, written.first_person);
        } else {
            report.added = added_entries(&draft.people, first_id);
        }
        Ok(report)
    }
}

fn added_entries(people: &[PersonData], first_id: PersonId) -> Vec<super::import::Entry> {
    people
        .iter()
        .enumerate()
        .map(|(i, data)| super::import::Entry {
            id: first_id + i as i64,
            name: data.name.clone(),
            place: data.emails.first().cloned().unwrap_or_default(),
        })
        .collect()
}

/// A name for someone known only by their address: `ana.lima@x.org` → `Ana Lima`.
fn name_from_address(email: &str) -> String {
    let local = email.split('@').next().unwrap_or(email);
    let words: Vec<String> = local
        .split(['.', '_', '-', '+'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect();
    if words.is_empty() {
        email.to_string()
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::name_from_address;

    #[test]
    fn an_address_gives_a_name_when_the_headers_give_none() {
        assert_eq!(name_from_address("ana.lima@x.org"), "Ana Lima");
        assert_eq!(name_from_address("bo_chen+work@y.org"), "Bo Chen Work");
        assert_eq!(name_from_address("@x.org"), "@x.org");
    }
}
