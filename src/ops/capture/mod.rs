//! Capture: turning what was read from the user's mail or calendar into interactions with
//! the people they know (DESIGN.md, "Capture: mail and calendar"). Unknown correspondents are
//! listed (`unknown`), and added or attached only when asked. A captured message or meeting is
//! unique per person: a later import captures it for someone tiesdesk has come to know since.

mod chat;
mod report;
mod unknown;

use std::collections::{HashMap, HashSet};

pub use self::report::{Candidate, CaptureReport, Unknown};
use super::Desk;
use crate::error::{Error, Result};
use crate::import::capture::{Captured, Sink};
use crate::import::chat::reader::is_handle;
use crate::model::date::day_number;
use crate::model::{
    Capture, CaptureSource, CapturedInteraction, Direction, Exchange, Interaction, Kind,
    PersonData, PersonId, Progress, Stage, UserZone,
};
use crate::store::{CaptureWriter, StageCursor, StoredCapture};

/// How a capture runs.
#[derive(Debug, Clone, Default)]
pub struct CaptureOptions {
    /// Add the unknown correspondents with enough exchanges each way.
    pub add_people: bool,
    pub dry_run: bool,
    /// The user's zone (what the reader put days in; the report names it).
    pub zone: UserZone,
    /// Correspondents to add, by address or by the name the mail gives them.
    pub add: Vec<String>,
    /// Addresses to give to people tiesdesk knows before the mail is matched (the app's
    /// "attach to …"), in the same undo.
    pub attach: Vec<(PersonId, String)>,
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
        for (_, email) in &options.attach {
            if !crate::import::capture::is_address(email) && !is_handle(email) {
                return Err(Error::invalid(format!("{email}: not an e-mail address")));
            }
        }
        let captured = self.store.stage_capture().and_then(|mut staging| {
            let captured = read(&mut |exchange| staging.add(&exchange))?;
            let staged = staging.finish()?;
            Ok((captured, staged))
        });
        let report = captured.and_then(|(captured, staged)| {
            self.capture_staged(captured, staged, file_name, &options, progress)
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
        options: &CaptureOptions,
        progress: &Progress,
    ) -> Result<CaptureReport> {
        let source = captured.source;
        let mut by_email: HashMap<String, PersonId> = HashMap::new();
        for (person, email) in self.store.emails()? {
            by_email.entry(email.to_lowercase()).or_insert(person);
        }
        // An address (a chat handle) being attached is that person's from now on.
        for (person, key) in &options.attach {
            by_email.insert(attached_key(key), *person);
        }
        let correspondents = captured.correspondents;
        // Chat authors are found by a handle someone keeps, a number or a name; those found
        // by number or name keep the handle from now on.
        let handles = if source == CaptureSource::Chat {
            self.match_chat(&correspondents, &mut by_email)?
        } else {
            Vec::new()
        };
        let strangers = self.strangers(source, file_name, &correspondents, &by_email, options)?;
        let mut report = CaptureReport {
            source,
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
            attached: Vec::new(),
            unknown: strangers.rows,
            ignored: strangers.ignored,
            min_exchanges: self.config.capture.min_exchanges,
        };
        let newcomers = strangers.newcomers;
        let people: Vec<PersonData> = newcomers.iter().map(|n| n.data.clone()).collect();
        progress.start(Stage::Saving, staged);
        let uids = captured.uids;
        let mut attached = Vec::new();
        let written = self
            .store
            .write_capture(source, &people, options.dry_run, |writer| {
                for (person, key) in &options.attach {
                    let given = if is_handle(key) {
                        writer.keep_handle(*person, key.trim())?
                    } else {
                        writer.attach(*person, key.trim())?
                    };
                    if given {
                        attached.push((*person, attached_key(key)));
                    }
                }
                // Who each correspondent is, now that the people this import adds have ids.
                let first = writer.first_person();
                let mut ids: HashMap<u32, PersonId> = newcomers
                    .iter()
                    .enumerate()
                    .map(|(i, newcomer)| (newcomer.who, first + i as i64))
                    .collect();
                for (person, handle) in &handles {
                    writer.keep_handle(*person, handle)?;
                }
                for (who, correspondent) in correspondents.iter().enumerate() {
                    if let Some(&id) = by_email.get(correspondent.key()) {
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
        report.attached = self.attached_entries(&attached)?;
        Ok(report)
    }

    fn attached_entries(
        &self,
        attached: &[(PersonId, String)],
    ) -> Result<Vec<super::import::Entry>> {
        let mut entries = Vec::new();
        for (id, email) in attached {
            if let Some(person) = self.store.person(*id)? {
                entries.push(super::import::Entry {
                    id: *id,
                    name: person.data.name,
                    place: email.clone(),
                });
            }
        }
        Ok(entries)
    }
}

/// The contacts this capture has written on the day it is at. The stage comes oldest first,
/// so a day's are all together, and only one day's are ever held.
#[derive(Debug, Default)]
struct SameDay {
    day: i64,
    contacts: HashSet<(PersonId, Direction, Kind)>,
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
/// one known, moved, joined by people tiesdesk knows since, or captured now.
fn capture_one(
    writer: &mut CaptureWriter<'_, '_>,
    exchange: Exchange,
    ids: &HashMap<u32, PersonId>,
    today: &mut SameDay,
    report: &mut CaptureReport,
) -> Result<()> {
    let mail = writer.source().words().folds_same_day;
    // Mail is looked up by its contacts; a calendar's earlier row is read whole, to see
    // whether it moved.
    let (stored, stored_row) = if mail {
        (writer.stored_contacts(&exchange.id)?, None)
    } else {
        let row = writer.stored(&exchange.id)?;
        (row.as_ref().map(StoredCapture::of), row)
    };
    let day = day_number(exchange.day);
    let mut people: Vec<PersonId> = Vec::new();
    let mut any_known = false;
    for who in &exchange.with {
        let Some(&person) = ids.get(who) else {
            continue;
        };
        any_known = true;
        let in_row = stored.as_ref().is_some_and(|s| s.people.contains(&person));
        // At most one captured message per person per day and direction (an earlier import's
        // or this one's); someone already in the message's row keeps it.
        if mail
            && !in_row
            && (today
                .contacts
                .contains(&(person, exchange.direction, exchange.kind))
                || writer.contact_before(person, day, exchange.direction, exchange.kind)?)
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
    if mail && let Some(stored) = &stored {
        // Captured before; with someone tiesdesk knows since, it is theirs too.
        let newly: Vec<PersonId> = people
            .iter()
            .copied()
            .filter(|p| !stored.people.contains(p))
            .collect();
        if newly.is_empty() {
            report.already += 1;
        } else {
            today.contacts.extend(
                newly
                    .iter()
                    .map(|&p| (p, exchange.direction, exchange.kind)),
            );
            writer.widen(stored, &newly)?;
            report.captured += 1;
        }
        return Ok(());
    }
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
    if let (Some(row), Some(stored)) = (stored_row, &stored) {
        match compared(&row, &exchange, direction, &people) {
            Occurrence::Same => {
                report.already += 1;
                return Ok(());
            }
            Occurrence::Joined(newly) => {
                writer.widen(stored, &newly)?;
                report.captured += 1;
                return Ok(());
            }
            Occurrence::Changed => {
                writer.remove(row.id)?;
                report.moved += 1;
            }
        }
    }
    today.contacts.extend(
        people
            .iter()
            .map(|&p| (p, exchange.direction, exchange.kind)),
    );
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

/// What became of a captured occurrence since.
enum Occurrence {
    Same,
    /// The same, with people tiesdesk knows since.
    Joined(Vec<PersonId>),
    /// Moved, or someone left it: captured again.
    Changed,
}

fn compared(
    row: &Interaction,
    exchange: &Exchange,
    direction: Direction,
    people: &[PersonId],
) -> Occurrence {
    if row.day != exchange.day || row.kind != exchange.kind || row.direction != direction {
        return Occurrence::Changed;
    }
    if row.people.iter().any(|p| !people.contains(p)) {
        return Occurrence::Changed;
    }
    let newly: Vec<PersonId> = people
        .iter()
        .copied()
        .filter(|p| !row.people.contains(p))
        .collect();
    if newly.is_empty() {
        Occurrence::Same
    } else {
        Occurrence::Joined(newly)
    }
}

fn added_entries(people: &[PersonData], first_id: PersonId) -> Vec<super::import::Entry> {
    people
        .iter()
        .enumerate()
        .map(|(i, data)| super::import::Entry {
            id: first_id + i as i64,
            name: data.name.clone(),
            place: (data.emails.first().or(data.handles.first()))
                .cloned()
                .unwrap_or_default(),
        })
        .collect()
}

/// How an attached address or handle is looked up: an address in lower case, a handle as
/// the chat writes it.
fn attached_key(key: &str) -> String {
    if is_handle(key) {
        key.trim().to_string()
    } else {
        key.trim().to_lowercase()
    }
}

/// A name for someone known only by their address: `ana.lima@x.org` → `Ana Lima`.
pub(super) fn name_from_address(email: &str) -> String {
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
