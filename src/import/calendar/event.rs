//! One `VEVENT`, parsed by calcard and read once into what the capture needs: when (with its
//! zone), how it repeats, who attended, and whether it happened. Every property is looked at
//! once, so an event with 100,000 attendees or EXDATEs costs its length, not its square.

use std::collections::HashSet;

use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameterName,
    ICalendarPeriod, ICalendarProperty, ICalendarRecurrenceRule, ICalendarStatus, ICalendarValue,
};
use chrono::NaiveDateTime;

use super::super::capture::{Addresses, clean_name, is_address, stable_hash};
use super::super::mail::Me;
use super::zone::{Stamp, Zone, ZoneNames};
use crate::model::Kind;

/// A meeting as the capture reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub uid: String,
    pub sequence: i64,
    /// DTSTAMP (UTC): which of two copies with the same SEQUENCE is newer.
    pub stamped: Option<NaiveDateTime>,
    /// For an override of one occurrence: which one.
    pub recurrence_id: Option<Stamp>,
    /// `RANGE=THISANDFUTURE`: the override holds for every later occurrence too.
    pub this_and_future: bool,
    pub start: Stamp,
    pub rules: Vec<ICalendarRecurrenceRule>,
    pub rdates: Vec<Stamp>,
    pub exdates: Vec<Stamp>,
    pub cancelled: bool,
    pub declined_by_me: bool,
    pub organised_by_me: bool,
    /// The organiser, when it is not you.
    pub organizer: Option<u32>,
    /// Everyone else who attended (not who declined, not rooms), the organiser too.
    pub with: Vec<u32>,
    /// How many attended, you included: what `capture.max_attendees` is about.
    pub attended: usize,
    pub kind: Kind,
}

/// Why an event could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unread {
    /// calcard could not parse it.
    Unreadable,
    /// No DTSTART (nor a RECURRENCE-ID to stand for one), or not a date.
    NoStart,
    /// A rule with both COUNT and UNTIL, which RFC 5545 forbids.
    CountAndUntil,
    /// A rule that is not one (no FREQ, a value that is not a rule).
    BadRule,
}

/// What reading one event noticed that the report should say.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Noticed {
    /// The text was not UTF-8: read as Windows-1252.
    pub windows_1252: bool,
    /// A rule written with `\;` (escaped as if it were text): read as `;`.
    pub escaped_rule: bool,
    /// A name (CN) with control or invisible characters: removed.
    pub cleaned_name: bool,
}

impl Event {
    /// Every date-time it holds, to look pending zones up in once the block is read.
    pub fn stamps_mut(&mut self) -> impl Iterator<Item = &mut Stamp> {
        std::iter::once(&mut self.start)
            .chain(self.recurrence_id.as_mut())
            .chain(self.rdates.iter_mut())
            .chain(self.exdates.iter_mut())
    }
}

/// Reads one `VEVENT` (its text, as the splitter cut it).
pub fn read_event(
    bytes: &[u8],
    me: &Me,
    addresses: &mut Addresses,
    zones: &mut ZoneNames,
) -> (Result<Event, Unread>, Noticed) {
    let mut noticed = Noticed::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => {
            noticed.windows_1252 = true;
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
        }
    };
    let Ok(calendar) = ICalendar::parse(text.as_ref()) else {
        return (Err(Unread::Unreadable), noticed);
    };
    let Some(component) = calendar
        .components
        .iter()
        .find(|c| c.component_type == ICalendarComponentType::VEvent)
    else {
        return (Err(Unread::Unreadable), noticed);
    };
    let event = Reading {
        me,
        addresses,
        zones,
        noticed: &mut noticed,
    }
    .event(component);
    (event, noticed)
}

struct Reading<'a> {
    me: &'a Me,
    addresses: &'a mut Addresses,
    zones: &'a mut ZoneNames,
    noticed: &'a mut Noticed,
}

impl Reading<'_> {
    fn event(&mut self, component: &ICalendarComponent) -> Result<Event, Unread> {
        let mut uid = None;
        let mut sequence = 0;
        let mut stamped = None;
        let mut start = None;
        let mut recurrence_id = None;
        let mut this_and_future = false;
        let mut rules = Vec::new();
        let mut rdates = Vec::new();
        let mut exdates = Vec::new();
        let mut cancelled = false;
        let mut organizer_entry = None;
        let mut attendees = Vec::new();
        let mut video = false;
        for entry in &component.entries {
            let first = entry.values.first();
            match (&entry.name, first) {
                (ICalendarProperty::Uid, Some(value)) => {
                    uid = value.as_text().map(str::trim).filter(|u| !u.is_empty());
                }
                (ICalendarProperty::Sequence, Some(ICalendarValue::Integer(n))) => sequence = *n,
                (ICalendarProperty::Dtstamp, Some(ICalendarValue::PartialDateTime(dt))) => {
                    stamped = Stamp::from_value(dt, Zone::Utc).map(|s| s.wall);
                }
                (ICalendarProperty::Dtstart, Some(ICalendarValue::PartialDateTime(dt))) => {
                    let zone = self.zones.pending(entry.tz_id());
                    start = Some(Stamp::from_value(dt, zone).ok_or(Unread::NoStart)?);
                }
                (ICalendarProperty::RecurrenceId, Some(ICalendarValue::PartialDateTime(dt))) => {
                    let zone = self.zones.pending(entry.tz_id());
                    recurrence_id = Stamp::from_value(dt, zone);
                    // RANGE has one value since RFC 5545 (calcard keeps only that it was there);
                    // the old THISANDPRIOR is not followed.
                    this_and_future = entry.params.iter().any(|p| {
                        p.name == ICalendarParameterName::Range
                            && p.value
                                .as_text()
                                .is_none_or(|v| !v.eq_ignore_ascii_case("THISANDPRIOR"))
                    });
                }
                (ICalendarProperty::Rrule, Some(value)) => rules.push(self.rule(value)?),
                (ICalendarProperty::Rdate, _) => self.dates(entry, &mut rdates),
                (ICalendarProperty::Exdate, _) => self.dates(entry, &mut exdates),
                (ICalendarProperty::Status, Some(ICalendarValue::Status(status))) => {
                    cancelled = *status == ICalendarStatus::Cancelled;
                }
                (ICalendarProperty::Organizer, Some(_)) => organizer_entry = Some(entry),
                (ICalendarProperty::Attendee, Some(_)) => attendees.push(entry),
                _ => {}
            }
            video = video || carries_video_link(entry);
        }
        // Without a DTSTART an override is at the occurrence it replaces.
        let start = start.or(recurrence_id).ok_or(Unread::NoStart)?;
        let uid = match uid {
            Some(uid) => uid.to_string(),
            None => uid_of(component),
        };
        let mut event = Event {
            uid,
            sequence,
            stamped,
            recurrence_id,
            this_and_future,
            start,
            rules,
            rdates,
            exdates,
            cancelled,
            declined_by_me: false,
            organised_by_me: false,
            organizer: None,
            with: Vec::new(),
            attended: 0,
            kind: if video { Kind::Call } else { Kind::Meet },
        };
        self.people(&mut event, organizer_entry, &attendees);
        Ok(event)
    }

    /// A RRULE; one written as text with `\;` (some exporters escape it as if it were text)
    /// is read again as the rule it means.
    fn rule(&mut self, value: &ICalendarValue) -> Result<ICalendarRecurrenceRule, Unread> {
        let rule = match value {
            ICalendarValue::RecurrenceRule(rule) => (**rule).clone(),
            ICalendarValue::Text(text) => {
                let unescaped = text.replace("\\;", ";").replace("\\,", ",");
                if unescaped == *text {
                    return Err(Unread::BadRule);
                }
                self.noticed.escaped_rule = true;
                parse_rule(&unescaped).ok_or(Unread::BadRule)?
            }
            _ => return Err(Unread::BadRule),
        };
        if rule.count.is_some() && rule.until.is_some() {
            return Err(Unread::CountAndUntil);
        }
        Ok(rule)
    }

    /// The dates an RDATE or EXDATE lists (a period counts by its start).
    fn dates(&mut self, entry: &ICalendarEntry, into: &mut Vec<Stamp>) {
        let zone = self.zones.pending(entry.tz_id());
        for value in &entry.values {
            let stamp = match value {
                ICalendarValue::PartialDateTime(dt) => Stamp::from_value(dt, zone),
                ICalendarValue::Period(
                    ICalendarPeriod::Range { start, .. } | ICalendarPeriod::Duration { start, .. },
                ) => Stamp::from_value(start, zone),
                _ => None,
            };
            into.extend(stamp);
        }
    }

    /// Who attended: not who declined, never a room or a resource; you are counted but not
    /// listed, and whether you organised or declined is kept.
    fn people(
        &mut self,
        event: &mut Event,
        organizer: Option<&ICalendarEntry>,
        attendees: &[&ICalendarEntry],
    ) {
        let organizer = organizer.and_then(|entry| self.person(entry));
        let mut seen: HashSet<String> = HashSet::with_capacity(attendees.len().min(1 << 16));
        let mut declined_organizer = false;
        for entry in attendees {
            let Some((email, name)) = self.person(entry) else {
                continue;
            };
            if !seen.insert(email.clone()) || is_room(entry, &email) {
                continue;
            }
            let declined = param_is(entry, ICalendarParameterName::Partstat, "DECLINED");
            let is_organizer = organizer.as_ref().is_some_and(|(o, _)| *o == email);
            if declined {
                declined_organizer |= is_organizer;
                event.declined_by_me |= self.me.is(&email);
                continue;
            }
            event.attended += 1;
            if !self.me.is(&email) && !is_organizer {
                event.with.push(self.addresses.index(email, name, false));
            }
        }
        let Some((email, name)) = organizer else {
            return;
        };
        if !seen.contains(&email) {
            event.attended += 1;
        }
        if self.me.is(&email) {
            event.organised_by_me = true;
        } else if !declined_organizer {
            let index = self.addresses.index(email, name, true);
            event.with.push(index);
            event.organizer = Some(index);
        }
    }
}

impl Reading<'_> {
    /// An attendee's or organiser's address and name, noting a name that had to be cleaned.
    fn person(&mut self, entry: &ICalendarEntry) -> Option<(String, Option<String>)> {
        let raw = entry
            .params
            .iter()
            .find(|p| p.name == ICalendarParameterName::Cn)
            .and_then(|p| p.value.as_text());
        if raw.is_some_and(|n| crate::text::without_controls(n, false).1) {
            self.noticed.cleaned_name = true;
        }
        person_of(entry)
    }
}

/// A rule from its text (`FREQ=WEEKLY;COUNT=5`), read as calcard reads one.
fn parse_rule(text: &str) -> Option<ICalendarRecurrenceRule> {
    let wrapped = format!("BEGIN:VEVENT\r\nRRULE:{text}\r\nEND:VEVENT\r\n");
    let calendar = ICalendar::parse(&wrapped).ok()?;
    calendar
        .components
        .iter()
        .flat_map(|c| c.entries.iter())
        .find_map(|e| match (&e.name, e.values.first()) {
            (ICalendarProperty::Rrule, Some(ICalendarValue::RecurrenceRule(rule))) => {
                Some((**rule).clone())
            }
            _ => None,
        })
}

/// Without a UID an event is known by when it is (in which zone) and who is in it, so that
/// two such events are two, and a second import finds each again. (The zone was added to
/// what identifies one: before, two at the same wall-clock time in different zones were one;
/// an event without a TZID keeps the id it had.)
fn uid_of(component: &ICalendarComponent) -> String {
    let mut key = String::new();
    let mut tzid = None;
    for entry in &component.entries {
        if matches!(
            entry.name,
            ICalendarProperty::Dtstart | ICalendarProperty::Organizer | ICalendarProperty::Attendee
        ) {
            key.push_str(&format!("{:?}|", entry.values));
            if entry.name == ICalendarProperty::Dtstart {
                tzid = entry.tz_id();
            }
        }
    }
    if let Some(tzid) = tzid {
        key.push_str(&format!("tzid={tzid}|"));
    }
    format!("tiesdesk-{:016x}@no-uid", stable_hash(key.as_bytes()))
}

fn param_is(entry: &ICalendarEntry, name: ICalendarParameterName, value: &str) -> bool {
    entry.params.iter().any(|p| {
        p.name == name
            && p.value
                .as_text()
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
    })
}

/// A room or a resource (a projector, a car) booked with the meeting: never a person.
fn is_room(entry: &ICalendarEntry, email: &str) -> bool {
    param_is(entry, ICalendarParameterName::Cutype, "ROOM")
        || param_is(entry, ICalendarParameterName::Cutype, "RESOURCE")
        // Google books rooms under this domain, not always with a CUTYPE.
        || email.ends_with("resource.calendar.google.com")
}

/// The address (`mailto:`) and common name of an ATTENDEE or ORGANIZER.
fn person_of(entry: &ICalendarEntry) -> Option<(String, Option<String>)> {
    let value = entry.values.first()?.as_text()?.trim();
    let email = value
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("mailto:"))
        .map_or(value, |_| &value[7..])
        .trim()
        .to_lowercase();
    if !is_address(&email) {
        return None;
    }
    let name = entry
        .params
        .iter()
        .find(|p| p.name == ICalendarParameterName::Cn)
        .and_then(|p| p.value.as_text())
        .and_then(|n| clean_name(n, &email));
    Some((email, name))
}

/// Whether a property carries a link to a video call (Meet, Zoom, Teams, …).
fn carries_video_link(entry: &ICalendarEntry) -> bool {
    const LINKS: [&str; 9] = [
        "meet.google.com/",
        "zoom.us/",
        "teams.microsoft.com/",
        "teams.live.com/",
        "whereby.com/",
        "webex.com/",
        "meet.jit.si/",
        "facetime.apple.com/",
        "join.skype.com/",
    ];
    let carries = match &entry.name {
        ICalendarProperty::Location
        | ICalendarProperty::Url
        | ICalendarProperty::Description
        | ICalendarProperty::Conference => true,
        ICalendarProperty::Other(name) => name.to_ascii_uppercase().starts_with("X-"),
        _ => false,
    };
    carries
        && entry.values.iter().any(|v| {
            v.as_text().is_some_and(|text| {
                let text = text.to_ascii_lowercase();
                LINKS.iter().any(|link| text.contains(link))
            })
        })
}
