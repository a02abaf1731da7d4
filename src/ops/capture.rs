//! Capture: turning what was read from the user's mail into interactions with the people they
//! know (DESIGN.md, "Capture: mail and calendar"). Unknown correspondents are listed, and added
//! only when asked.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::import::capture::{Captured, Correspondent, Exchange, Skipped};
use crate::model::date::day_number;
use crate::model::{
    Capture, CaptureDraft, CaptureSource, CapturedInteraction, Direction, Interaction,
    InteractionId, Participant, PersonData, PersonId,
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
    /// People added by `--add-people`.
    pub added: Vec<super::import::Entry>,
    /// Addresses that match no one, most exchanges first.
    pub unknown: Vec<Unknown>,
    /// Files under the path that hold no mail.
    pub ignored_files: usize,
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
        if self.source == CaptureSource::Mail.as_str() {
            counts.push(format!("{} same day", self.same_day));
        } else {
            counts.push(format!("{} moved", self.moved));
            counts.push(format!("{} taken out", self.removed));
        }
        counts.push(format!("{} with no one known", self.no_one_known));
        counts.push(format!("{skipped} skipped"));
        counts.join(separator)
    }
}

impl CaptureReport {
    /// The report's non-empty lists, a title and one line an item, for the app.
    pub fn sections(&self) -> Vec<(String, Vec<String>)> {
        let mut sections = Vec::new();
        if !self.skipped.is_empty() {
            let lines = self
                .skipped
                .iter()
                .map(|s| format!("{:>6}  {}", s.count, s.what))
                .collect();
            sections.push(("Skipped".to_string(), lines));
        }
        if !self.added.is_empty() {
            let lines = self
                .added
                .iter()
                .map(|a| format!("#{} {} <{}>", a.id, a.name, a.place))
                .collect();
            sections.push(("Added".to_string(), lines));
        }
        let waiting: Vec<String> = self
            .unknown
            .iter()
            .filter(|u| !u.added)
            .map(|u| {
                let who = match &u.name {
                    Some(name) => format!("{name} <{}>", u.email),
                    None => u.email.clone(),
                };
                format!("{:>4} / {:<4} {who}", u.sent, u.received)
            })
            .collect();
        if !waiting.is_empty() {
            let title = if self.source == CaptureSource::Calendar.as_str() {
                "Not in tiesdesk, most meetings first (you / they organised)"
            } else {
                "Not in tiesdesk, most mail first (sent / received)"
            };
            sections.push((title.to_string(), waiting));
        }
        sections
    }
}

impl Desk {
    /// Captures what was read from `file_name` as interactions with known people, in one
    /// transaction and one undo. A second import of the same mail or calendar adds nothing;
    /// a calendar's occurrence that has since moved is moved, and one cancelled or declined is
    /// taken out (only captured rows, never ones logged by hand).
    pub fn capture(
        &mut self,
        captured: Captured,
        file_name: &str,
        options: CaptureOptions,
    ) -> Result<CaptureReport> {
        let source = captured.source;
        let known = self.store.people()?;
        let mut by_email: HashMap<String, PersonId> = HashMap::new();
        for person in &known {
            for email in &person.data.emails {
                by_email.entry(email.to_lowercase()).or_insert(person.id);
            }
        }
        // Mail is looked up by id and by person-day; a calendar's earlier capture is read
        // whole instead, to see what moved or went (its ids are the keys of `stored`).
        let already = match captured.events {
            Some(_) => crate::store::AlreadyCaptured::default(),
            None => self.store.already_captured(source)?,
        };
        let stored: HashMap<String, Interaction> = match &captured.events {
            Some(_) => self
                .store
                .captured_interactions(source)?
                .into_iter()
                .filter_map(|i| Some((i.capture.clone()?.id, i)))
                .collect(),
            None => HashMap::new(),
        };
        let correspondents = captured.correspondents;
        let mut exchanges = captured.exchanges;
        // Oldest first, so the one kept of a day's messages does not depend on folder order.
        exchanges.sort_by(|a, b| (a.day, &a.id).cmp(&(b.day, &b.id)));

        let (unknown, new_index, mut draft) =
            self.unknown_correspondents(&exchanges, &correspondents, &by_email, options);
        let mut report = CaptureReport {
            source: source.as_str(),
            dry_run: options.dry_run,
            read: captured.read,
            captured: 0,
            people: 0,
            already: 0,
            moved: 0,
            removed: 0,
            same_day: 0,
            no_one_known: 0,
            skipped: captured.skipped,
            added: Vec::new(),
            unknown,
            ignored_files: captured.ignored_files,
        };
        let mut remove: Vec<InteractionId> = Vec::new();
        // Person, day and direction packed in one number (see `contact_key`): a large
        // mailbox gives hundreds of thousands.
        let mut counted: HashSet<u64> = HashSet::new();
        let mut reached: HashSet<Participant> = HashSet::new();
        let mut given: HashSet<String> = HashSet::new();
        let resolve = |who: u32| {
            let email = &correspondents[who as usize].email;
            match (by_email.get(email), new_index.get(&who)) {
                (Some(&id), _) => Some(Participant::Known(id)),
                (None, Some(&index)) => Some(Participant::New(index)),
                (None, None) => None,
            }
        };
        for exchange in exchanges {
            if captured.events.is_some() {
                given.insert(exchange.id.clone());
            }
            let stored_row = stored.get(&exchange.id);
            if stored_row.is_none() && already.ids.contains(&exchange.id) {
                report.already += 1;
                continue;
            }
            let day = day_number(exchange.day);
            let mut people = Vec::new();
            let mut any_known = false;
            for &who in &exchange.with {
                let Some(participant) = resolve(who) else {
                    continue;
                };
                any_known = true;
                // At most one captured message per person per day and direction.
                if source == CaptureSource::Mail {
                    let seen = match participant {
                        Participant::Known(id) => {
                            already.contacts.contains(&(id, day, exchange.direction))
                        }
                        Participant::New(_) => false,
                    };
                    if seen || !counted.insert(contact_key(participant, day, exchange.direction)) {
                        continue;
                    }
                }
                if !people.contains(&participant) {
                    people.push(participant);
                }
            }
            // A meeting is received from its organiser only when tiesdesk knows them.
            let direction = match exchange.organizer {
                Some(organizer) if resolve(organizer).is_none() => Direction::Mutual,
                _ => exchange.direction,
            };
            if people.is_empty() {
                if any_known {
                    report.same_day += 1;
                } else {
                    report.no_one_known += 1;
                }
                // An occurrence now with no one known goes, like one cancelled.
                if let Some(row) = stored_row {
                    remove.push(row.id);
                    report.removed += 1;
                }
                continue;
            }
            if let Some(row) = stored_row {
                if same_occurrence(row, &exchange, direction, &people) {
                    report.already += 1;
                    continue;
                }
                remove.push(row.id);
                report.moved += 1;
            }
            reached.extend(people.iter().copied());
            draft.interactions.push(CapturedInteraction {
                day: exchange.day,
                people,
                kind: exchange.kind,
                direction,
                capture: Capture {
                    source,
                    id: exchange.id,
                },
            });
        }
        // Captured occurrences of the calendar's events that it no longer gives: cancelled,
        // declined, or grown past `capture.max_attendees`.
        if let Some(events) = &captured.events {
            for (id, row) in &stored {
                let event = id.rsplit_once(' ').map_or(id.as_str(), |(uid, _)| uid);
                if events.contains(event) && !given.contains(id.as_str()) {
                    remove.push(row.id);
                    report.removed += 1;
                }
            }
        }
        remove.sort_unstable();
        // What was only needed to decide goes before the write, which has memory uses of its
        // own (SQLite's page cache).
        drop((counted, given, stored, already, by_email));
        report.captured = draft.interactions.len();
        report.people = reached.len();
        let first_id = known.iter().map(|p| p.id).max().unwrap_or(0) + 1;
        let writes =
            !draft.interactions.is_empty() || !draft.people.is_empty() || !remove.is_empty();
        if !options.dry_run && writes {
            let description = format!(
                "import {} {file_name}: {}",
                source.as_str(),
                report.counts(", ")
            );
            let written = self.store.write_capture(&draft, &remove, &description)?;
            // Another copy may have captured some of the same meanwhile.
            report.captured -= written.already;
            report.already += written.already;
            report.added = added_entries(&draft.people, written.first_person);
        } else {
            report.added = added_entries(&draft.people, first_id);
        }
        Ok(report)
    }

    /// The addresses that match no one, with how many exchanges went each way (most first),
    /// and, with `--add-people`, the people to add for those with enough both ways.
    fn unknown_correspondents(
        &self,
        exchanges: &[Exchange],
        correspondents: &[Correspondent],
        by_email: &HashMap<String, PersonId>,
        options: CaptureOptions,
    ) -> (Vec<Unknown>, HashMap<u32, usize>, CaptureDraft) {
        let mut tallies: HashMap<u32, (usize, usize)> = HashMap::new();
        for exchange in exchanges {
            for &who in &exchange.with {
                if by_email.contains_key(&correspondents[who as usize].email) {
                    continue;
                }
                let tally = tallies.entry(who).or_default();
                match exchange.direction {
                    Direction::Gave => tally.0 += 1,
                    Direction::Received if exchange.organizer.is_none_or(|o| o == who) => {
                        tally.1 += 1;
                    }
                    _ => {}
                }
            }
        }
        let min = self.config.capture.min_exchanges;
        let mut unknown: Vec<(u32, Unknown)> = tallies
            .iter()
            .map(|(&who, &(sent, received))| {
                let correspondent = &correspondents[who as usize];
                let unknown = Unknown {
                    email: correspondent.email.clone(),
                    name: correspondent.name.clone(),
                    sent,
                    received,
                    added: options.add_people && sent >= min && received >= min,
                };
                (who, unknown)
            })
            .collect();
        unknown.sort_by(|(_, a), (_, b)| {
            (b.sent + b.received, &a.email).cmp(&(a.sent + a.received, &b.email))
        });
        let mut draft = CaptureDraft::default();
        let mut new_index = HashMap::new();
        for (who, person) in unknown.iter().filter(|(_, u)| u.added) {
            let name = person
                .name
                .clone()
                .unwrap_or_else(|| name_from_address(&person.email));
            let mut data = PersonData::named(&name);
            data.emails = vec![person.email.clone()];
            new_index.insert(*who, draft.people.len());
            draft.people.push(data);
        }
        (
            unknown.into_iter().map(|(_, u)| u).collect(),
            new_index,
            draft,
        )
    }
}

/// A person, a day and a direction as one number: the person's id (or, for someone this
/// import adds, their index with the top bit set) above 22 bits of day and 2 of direction.
fn contact_key(participant: Participant, day: i64, direction: Direction) -> u64 {
    let person = match participant {
        Participant::Known(id) => id as u64,
        Participant::New(index) => (1 << 39) | index as u64,
    };
    (person << 24) | (((day as u64) & 0x3F_FFFF) << 2) | u64::from(direction.code())
}

/// Whether a captured row still says what the calendar says of that occurrence.
fn same_occurrence(
    row: &Interaction,
    exchange: &Exchange,
    direction: Direction,
    people: &[Participant],
) -> bool {
    let mut now: Vec<PersonId> = Vec::with_capacity(people.len());
    for participant in people {
        match participant {
            Participant::Known(id) => now.push(*id),
            // Someone this import adds cannot be in an earlier row.
            Participant::New(_) => return false,
        }
    }
    now.sort_unstable();
    let mut before = row.people.clone();
    before.sort_unstable();
    row.day == exchange.day
        && row.kind == exchange.kind
        && row.direction == direction
        && before == now
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
