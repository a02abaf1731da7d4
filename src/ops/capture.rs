//! Capture: turning what was read from the user's mail into interactions with the people they
//! know (DESIGN.md, "Capture: mail and calendar"). Unknown correspondents are listed, and added
//! only when asked.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::import::capture::{Captured, Correspondent, Sink, Skipped, Tally};
use crate::model::date::day_number;
use crate::model::{
    Capture, CaptureSource, CapturedInteraction, Direction, Exchange, Interaction, PersonData,
    PersonId, Progress, Source, Stage,
};
use crate::store::{CaptureWriter, StageCursor};

/// How a capture runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct CaptureOptions {
    /// Add the unknown correspondents with enough exchanges each way.
    pub add_people: bool,
    pub dry_run: bool,
    /// The user's zone (what the reader put days in; the report names it).
    pub zone: crate::model::UserZone,
}

/// What a capture did (or, for a dry run, would do). It adds up: every file found is read or
/// not read (by reason), every event likewise, and every message or past occurrence found
/// (`read`) is counted in exactly one of `captured`, `already`, `same_day`, `no_one_known`,
/// `skipped` and `not_read`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureReport {
    pub source: &'static str,
    pub dry_run: bool,
    /// The zone whose days contacts were put on.
    pub zone: String,
    pub files: Tally,
    /// A calendar's events (masters and overrides).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Tally>,
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
    /// Messages that could not be read, by reason.
    pub not_read: Vec<Skipped>,
    /// Where the reading guessed (a charset, a zone) or stopped (a series cut).
    pub notes: Vec<Skipped>,
    /// People added by `--add-people`.
    pub added: Vec<super::import::Entry>,
    /// Addresses that match no one, most exchanges first.
    pub unknown: Vec<Unknown>,
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
        let not_read: usize = self.not_read.iter().map(|s| s.count).sum();
        if not_read > 0 {
            counts.push(format!("{not_read} not read"));
        }
        counts.join(separator)
    }

    /// What was found, in the report's words: "18 past occurrences" or "412 messages".
    pub fn found(&self) -> String {
        let unit = match (self.source == CaptureSource::Calendar.as_str(), self.read) {
            (true, 1) => "past occurrence",
            (true, _) => "past occurrences",
            (false, 1) => "message",
            (false, _) => "messages",
        };
        format!("{} {unit}", self.read)
    }

    /// "Files: 3 found, 2 read, 1 not read (not .ics files …)", and the same for events;
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
}

impl CaptureReport {
    /// The report's non-empty lists, a title and one line an item, for the app.
    pub fn sections(&self) -> Vec<(String, Vec<String>)> {
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
    /// Captures what `read` finds (it gives each exchange to the sink it is handed) as
    /// interactions with known people, in one transaction and one undo. A second import of the
    /// same mail or calendar adds nothing; a calendar's occurrence that has since moved is
    /// moved, and one cancelled or declined is taken out (only captured rows, never ones
    /// logged by hand). What is read waits on disk, not in memory, until it is written.
    pub fn capture(
        &mut self,
        file_name: &str,
        options: CaptureOptions,
        progress: &Progress,
        read: impl FnOnce(&mut Sink<'_>) -> Result<Captured>,
    ) -> Result<CaptureReport> {
        let captured = self.store.stage_capture().and_then(|mut staging| {
            let captured = read(&mut |exchange| staging.add(&exchange))?;
            let staged = staging.finish()?;
            Ok((captured, staged))
        });
        let report = captured.and_then(|(captured, staged)| {
            self.capture_staged(captured, staged, file_name, options, progress)
        });
        let ended = self.store.end_capture();
        let report = report?;
        ended?;
        Ok(report)
    }

    fn capture_staged(
        &mut self,
        captured: Captured,
        staged: usize,
        file_name: &str,
        options: CaptureOptions,
        progress: &Progress,
    ) -> Result<CaptureReport> {
        let source = captured.source;
        let mut by_email: HashMap<String, PersonId> = HashMap::new();
        for (person, email) in self.store.emails()? {
            by_email.entry(email.to_lowercase()).or_insert(person);
        }
        let correspondents = captured.correspondents;
        let (unknown, new_people) =
            self.unknown_correspondents(source, &correspondents, &by_email, options)?;
        let mut report = CaptureReport {
            source: source.as_str(),
            dry_run: options.dry_run,
            zone: options.zone.name(),
            files: captured.files,
            events: captured.events,
            read: captured.read,
            captured: 0,
            people: 0,
            already: 0,
            moved: 0,
            removed: 0,
            same_day: 0,
            no_one_known: 0,
            skipped: captured.skipped,
            not_read: captured.not_read,
            notes: captured.notes,
            added: Vec::new(),
            unknown,
        };
        let people: Vec<PersonData> = new_people.iter().map(|n| n.data.clone()).collect();
        progress.start(Stage::Saving, staged);
        let uids = captured.uids;
        let written = self
            .store
            .write_capture(source, &people, options.dry_run, |writer| {
                // Who each correspondent is, now that the people this import adds have ids.
                let first = writer.first_person();
                let mut ids: HashMap<u32, PersonId> = new_people
                    .iter()
                    .enumerate()
                    .map(|(i, newcomer)| (newcomer.who, first + i as i64))
                    .collect();
                for (who, correspondent) in correspondents.iter().enumerate() {
                    if let Some(&id) = by_email.get(&correspondent.email) {
                        ids.insert(who as u32, id);
                    }
                }
                let mut today = SameDay::default();
                let mut cursor = StageCursor::default();
                let mut done = 0;
                loop {
                    let page = writer.staged(&mut cursor)?;
                    if page.is_empty() {
                        break;
                    }
                    done += page.len();
                    for exchange in page {
                        today.move_to(day_number(exchange.day));
                        capture_one(writer, exchange, &ids, &mut today, &mut report)?;
                    }
                    progress.set(done);
                }
                // Captured occurrences of the calendar's events that it no longer gives:
                // cancelled, declined, or grown past `capture.max_attendees`.
                if let Some(uids) = &uids {
                    for row in writer.unstaged()? {
                        let id = row.source_id.as_str();
                        let event = id.rsplit_once(' ').map_or(id, |(uid, _)| uid);
                        if uids.contains(event) && writer.remove(row.id)? {
                            report.removed += 1;
                        }
                    }
                }
                report.people = writer.people_reached();
                Ok(format!(
                    "import {} {file_name}: {}",
                    source.as_str(),
                    report.counts(", ")
                ))
            })?;
        report.added = added_entries(&people, written.first_person);
        Ok(report)
    }

    /// The addresses that match no one, with how many exchanges went each way (most first),
    /// and, with `--add-people`, the people to add for those with enough both ways (with the
    /// correspondent each one is).
    fn unknown_correspondents(
        &self,
        source: CaptureSource,
        correspondents: &[Correspondent],
        by_email: &HashMap<String, PersonId>,
        options: CaptureOptions,
    ) -> Result<(Vec<Unknown>, Vec<Newcomer>)> {
        let mut tallies: HashMap<u32, (usize, usize)> = HashMap::new();
        let mut cursor = StageCursor::default();
        loop {
            let page = self.store.staged(&mut cursor)?;
            if page.is_empty() {
                break;
            }
            for exchange in page {
                for &who in &exchange.with {
                    let Some(correspondent) = correspondents.get(who as usize) else {
                        continue;
                    };
                    if by_email.contains_key(&correspondent.email) {
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
        }
        let min = self.config.capture.min_exchanges;
        let mut unknown: Vec<(u32, Unknown)> = tallies
            .iter()
            .filter_map(|(&who, &(sent, received))| {
                let correspondent = correspondents.get(who as usize)?;
                let unknown = Unknown {
                    email: correspondent.email.clone(),
                    name: correspondent.name.clone(),
                    sent,
                    received,
                    added: options.add_people && sent >= min && received >= min,
                };
                Some((who, unknown))
            })
            .collect();
        unknown.sort_by(|(_, a), (_, b)| {
            (b.sent + b.received, &a.email).cmp(&(a.sent + a.received, &b.email))
        });
        let people = unknown
            .iter()
            .filter(|(_, u)| u.added)
            .map(|(who, person)| {
                let name = person
                    .name
                    .clone()
                    .unwrap_or_else(|| name_from_address(&person.email));
                let mut data = PersonData::named(&name);
                data.emails = vec![person.email.clone()];
                data.source = match source {
                    CaptureSource::Mail => Source::Mail,
                    CaptureSource::Calendar => Source::Calendar,
                };
                Newcomer { who: *who, data }
            })
            .collect();
        Ok((unknown.into_iter().map(|(_, u)| u).collect(), people))
    }
}

/// Someone `--add-people` adds: the correspondent they are, and who they will be.
struct Newcomer {
    who: u32,
    data: PersonData,
}

/// The contacts this capture has written on the day it is at. The stage comes oldest first,
/// so a day's are all together, and only one day's are ever held.
#[derive(Debug, Default)]
struct SameDay {
    day: i64,
    contacts: HashSet<(PersonId, Direction)>,
}

impl SameDay {
    fn move_to(&mut self, day: i64) {
        if day != self.day {
            self.day = day;
            self.contacts.clear();
        }
    }
}

/// Decides one staged exchange: already captured, folded into a contact the same day, with no
/// one known, moved, or captured now.
fn capture_one(
    writer: &mut CaptureWriter<'_, '_>,
    exchange: Exchange,
    ids: &HashMap<u32, PersonId>,
    today: &mut SameDay,
    report: &mut CaptureReport,
) -> Result<()> {
    let mail = writer.source() == CaptureSource::Mail;
    // Mail is looked up by id; a calendar's earlier row is read, to see whether it moved.
    let stored_row = if mail {
        if writer.captured_before(&exchange.id)? {
            report.already += 1;
            return Ok(());
        }
        None
    } else {
        writer.stored(&exchange.id)?
    };
    let day = day_number(exchange.day);
    let mut people: Vec<PersonId> = Vec::new();
    let mut any_known = false;
    for who in &exchange.with {
        let Some(&person) = ids.get(who) else {
            continue;
        };
        any_known = true;
        // At most one captured message per person per day and direction (an earlier import's
        // or this one's).
        if mail
            && (today.contacts.contains(&(person, exchange.direction))
                || writer.contact_before(person, day, exchange.direction)?)
        {
            continue;
        }
        if !people.contains(&person) {
            people.push(person);
        }
    }
    // A meeting is received from its organiser only when tiesdesk knows them.
    let direction = match exchange.organizer {
        Some(organizer) if !ids.contains_key(&organizer) => Direction::Mutual,
        _ => exchange.direction,
    };
    if people.is_empty() {
        if any_known {
            report.same_day += 1;
        } else {
            report.no_one_known += 1;
        }
        // An occurrence now with no one known goes, like one cancelled.
        if let Some(row) = stored_row
            && writer.remove(row.id)?
        {
            report.removed += 1;
        }
        return Ok(());
    }
    if let Some(row) = stored_row {
        if same_occurrence(&row, &exchange, direction, &people) {
            report.already += 1;
            return Ok(());
        }
        writer.remove(row.id)?;
        report.moved += 1;
    }
    today
        .contacts
        .extend(people.iter().map(|&p| (p, exchange.direction)));
    writer.add(&CapturedInteraction {
        day: exchange.day,
        people,
        kind: exchange.kind,
        direction,
        capture: Capture {
            source: writer.source(),
            id: exchange.id,
        },
    })?;
    report.captured += 1;
    Ok(())
}

/// Whether a captured row still says what the calendar says of that occurrence.
fn same_occurrence(
    row: &Interaction,
    exchange: &Exchange,
    direction: Direction,
    people: &[PersonId],
) -> bool {
    let mut now = people.to_vec();
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
