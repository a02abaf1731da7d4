//! Reading the user's calendar for the time they spent with people: each past occurrence of
//! an event with someone else in it. `calcard` parses the iCalendar and expands recurrences
//! (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, VTIMEZONE and named time zones); this
//! module reads who was there, who organised it, and whether it happened.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameterName,
    ICalendarProperty, ICalendarStatus, ICalendarValue,
};
use chrono::Datelike;

use super::capture::{
    Addresses, Captured, Exchange, Sink, SkipReason, Skipped, clean_name, stable_hash,
};
use super::mail::Me;
use crate::error::{Error, Result, io_reason};
use crate::model::{CaptureSource, Day, Direction, Kind, Progress, Stage};

/// The largest calendar file read (a Google export of many years is a few tens of MB).
const MAX_CALENDAR: u64 = 256 * 1024 * 1024;

/// How many occurrences one file may expand to (every series is first cut at today).
const MAX_OCCURRENCES: usize = 5_000_000;

/// The limits the rules need.
#[derive(Debug, Clone, Copy)]
pub struct CalendarRules {
    pub max_attendees: usize,
    pub today: Day,
}

/// Why a past occurrence was not counted as time with anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    Cancelled,
    Declined,
    Crowd,
    NoOneElse,
    /// A file, or an event in one, that could not be read.
    Unreadable,
    /// The same occurrence in a second file.
    Again,
}

impl SkipReason for Skip {
    fn key(self) -> &'static str {
        match self {
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined",
            Skip::Crowd => "crowd",
            Skip::NoOneElse => "no_one_else",
            Skip::Unreadable => "unreadable",
            Skip::Again => "again",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined by you",
            Skip::Crowd => "more attendees than capture.max_attendees",
            Skip::NoOneElse => "no one but you",
            Skip::Unreadable => "could not be read",
            Skip::Again => "the same occurrence again (another file's copy)",
        }
    }
}

/// Reads every `.ics` under `path` (a file, or a folder such as a vdirsyncer or khal vdir).
pub fn read_calendar(
    path: &Path,
    me: &Me,
    rules: CalendarRules,
    progress: &Progress,
    sink: &mut Sink<'_>,
) -> Result<Captured> {
    let files = calendar_files(path)?;
    progress.start(Stage::Reading, files.len());
    let mut reader = Reader {
        me,
        rules,
        addresses: Addresses::default(),
        skipped: BTreeMap::new(),
        events: HashSet::new(),
        read: 0,
    };
    for (done, file) in files.iter().enumerate() {
        let bytes = super::read_bounded(file, MAX_CALENDAR)?;
        let text = String::from_utf8_lossy(&bytes);
        match ICalendar::parse(text.as_ref()) {
            Ok(calendar) => reader.calendar(calendar, sink)?,
            // One damaged file in a folder of them does not stop the others.
            Err(_) if files.len() > 1 => *reader.skipped.entry(Skip::Unreadable).or_default() += 1,
            Err(_) => {
                return Err(Error::invalid(format!(
                    "{}: not an iCalendar file (no readable BEGIN:VCALENDAR)",
                    file.display()
                )));
            }
        }
        progress.set(done + 1);
        progress.set_items(reader.read);
    }
    Ok(Captured {
        source: CaptureSource::Calendar,
        read: reader.read,
        correspondents: reader.addresses.list,
        skipped: Skipped::counted(reader.skipped),
        ignored_files: 0,
        events: Some(reader.events),
    })
}

/// `path` itself, or every `.ics` file under it, names sorted.
fn calendar_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Error::Location {
            path: folder.clone(),
            reason: io_reason(&e),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                continue;
            };
            let ics = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ics"));
            if meta.is_dir() {
                folders.push(path);
            } else if meta.is_file() && ics {
                files.push(path);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::invalid(format!(
            "{}: no calendar here (expected an .ics file or a folder of them)",
            path.display()
        )));
    }
    Ok(files)
}

struct Reader<'a> {
    me: &'a Me,
    rules: CalendarRules,
    addresses: Addresses,
    skipped: BTreeMap<Skip, usize>,
    events: HashSet<String>,
    read: usize,
}

impl Reader<'_> {
    fn calendar(&mut self, mut calendar: ICalendar, sink: &mut Sink<'_>) -> Result<()> {
        let today = self.rules.today;
        prepare(&mut calendar, today);
        for component in &calendar.components {
            if component.component_type == ICalendarComponentType::VEvent
                && let Some(uid) = component.uid()
            {
                self.events.insert(uid.to_string());
            }
        }
        let expanded = calendar.expand_dates(Tz::Floating, MAX_OCCURRENCES);
        let broken: HashSet<u32> = expanded.errors.iter().map(|e| e.comp_id).collect();
        *self.skipped.entry(Skip::Unreadable).or_default() += broken.len();
        self.skipped.retain(|_, n| *n > 0);
        for occurrence in expanded.events {
            let Some(component) = calendar.components.get(occurrence.comp_id as usize) else {
                continue;
            };
            if component.component_type != ICalendarComponentType::VEvent {
                continue;
            }
            let start = occurrence.start.naive_local();
            let day = start.date();
            if day > today {
                continue;
            }
            self.read += 1;
            let skip = match self.occurrence(component, start) {
                Ok(exchange) => {
                    if sink(exchange)? {
                        continue;
                    }
                    Skip::Again
                }
                Err(skip) => skip,
            };
            *self.skipped.entry(skip).or_default() += 1;
        }
        Ok(())
    }

    fn occurrence(
        &mut self,
        event: &ICalendarComponent,
        start: chrono::NaiveDateTime,
    ) -> std::result::Result<Exchange, Skip> {
        let uid = event.uid().unwrap_or("").trim();
        // The occurrence is named by when the series put it, so a moved one keeps its name.
        let original = time_of(event, &ICalendarProperty::RecurrenceId).unwrap_or(start);
        let id = format!("{uid} {}", original.format("%Y%m%dT%H%M%S"));
        if event
            .status()
            .is_some_and(|s| *s == ICalendarStatus::Cancelled)
        {
            return Err(Skip::Cancelled);
        }
        let organizer = event
            .property(&ICalendarProperty::Organizer)
            .and_then(person_of);
        let mut attendees: Vec<(String, Option<String>, bool)> = Vec::new();
        for entry in event.properties(&ICalendarProperty::Attendee) {
            let Some((email, name)) = person_of(entry) else {
                continue;
            };
            let declined = entry.params.iter().any(|p| {
                p.name == ICalendarParameterName::Partstat
                    && p.value
                        .as_text()
                        .is_some_and(|v| v.eq_ignore_ascii_case("DECLINED"))
            });
            if !attendees.iter().any(|(e, _, _)| *e == email) {
                attendees.push((email, name, declined));
            }
        }
        if attendees
            .iter()
            .any(|(email, _, declined)| *declined && self.me.is(email))
        {
            return Err(Skip::Declined);
        }
        let mut everyone: HashSet<&str> = attendees.iter().map(|(e, _, _)| e.as_str()).collect();
        if let Some((email, _)) = &organizer {
            everyone.insert(email);
        }
        if everyone.len() > self.rules.max_attendees {
            return Err(Skip::Crowd);
        }
        let organised_by_me = organizer.as_ref().is_some_and(|(e, _)| self.me.is(e));
        let mut with = Vec::new();
        for (email, name, declined) in attendees {
            if !declined && !self.me.is(&email) {
                with.push(self.addresses.index(email, name, false));
            }
        }
        let organizer = match organizer {
            Some((email, name)) if !self.me.is(&email) => {
                let index = self.addresses.index(email, name, true);
                if !with.contains(&index) {
                    with.push(index);
                }
                Some(index)
            }
            _ => None,
        };
        if with.is_empty() {
            return Err(Skip::NoOneElse);
        }
        let direction = match (organised_by_me, organizer) {
            (true, _) => Direction::Gave,
            (false, Some(_)) => Direction::Received,
            (false, None) => Direction::Mutual,
        };
        Ok(Exchange {
            id,
            day: start.date(),
            kind: if is_video_call(event) {
                Kind::Call
            } else {
                Kind::Meet
            },
            direction,
            with,
            organizer,
        })
    }
}

/// Readies a calendar for expansion up to `today`: every open-ended series (and one that
/// runs past today) stops at the end of today, and each event's overrides are tied to it
/// alone. `calcard` matches an override to its series by SEQUENCE and time, so two series
/// with an occurrence at the same moment, or an override whose SEQUENCE grew (Google's), would
/// be matched wrongly; each event gets one SEQUENCE of its own.
fn prepare(calendar: &mut ICalendar, today: Day) {
    let end = PartialDateTime {
        year: u16::try_from(today.year()).ok(),
        month: u8::try_from(today.month()).ok(),
        day: u8::try_from(today.day()).ok(),
        hour: Some(23),
        minute: Some(59),
        second: Some(59),
        tz_hour: None,
        tz_minute: None,
        tz_minus: false,
    };
    let mut sequence_of: HashMap<String, i64> = HashMap::new();
    for component in &mut calendar.components {
        if component.component_type != ICalendarComponentType::VEvent {
            continue;
        }
        if component.uid().is_none_or(|uid| uid.trim().is_empty()) {
            // Without a UID an event is known by when it is and who is in it, so that two
            // such events are two, and a second import finds each again.
            let mut key = String::new();
            for entry in &component.entries {
                if matches!(
                    entry.name,
                    ICalendarProperty::Dtstart
                        | ICalendarProperty::Organizer
                        | ICalendarProperty::Attendee
                ) {
                    key.push_str(&format!("{:?}|", entry.values));
                }
            }
            let uid = format!("tiesdesk-{:016x}@no-uid", stable_hash(key.as_bytes()));
            set_property(component, ICalendarProperty::Uid, ICalendarValue::Text(uid));
        }
        let next = sequence_of.len() as i64;
        let sequence = *sequence_of
            .entry(component.uid().unwrap_or("").to_string())
            .or_insert(next);
        set_property(
            component,
            ICalendarProperty::Sequence,
            ICalendarValue::Integer(sequence),
        );
        let starts_after_today = time_of(component, &ICalendarProperty::Dtstart)
            .is_some_and(|start| start.date() > today);
        for entry in component.properties_mut(&ICalendarProperty::Rrule) {
            let Some(ICalendarValue::RecurrenceRule(rule)) = entry.values.first_mut() else {
                continue;
            };
            if starts_after_today {
                // Nothing of it has happened: one occurrence, in the future, is enough.
                rule.until = None;
                rule.count = Some(1);
                continue;
            }
            let past_today = match &rule.until {
                None => rule.count.is_none(),
                Some(until) => local_time(until).is_none_or(|u| u.date() > today),
            };
            if past_today {
                rule.until = Some(end.clone());
            }
        }
    }
}

/// Gives `component` one `property`, `value`, in place of any it had.
fn set_property(
    component: &mut ICalendarComponent,
    property: ICalendarProperty,
    value: ICalendarValue,
) {
    component.entries.retain(|e| e.name != property);
    component.entries.push(ICalendarEntry {
        name: property,
        params: Vec::new(),
        values: vec![value],
    });
}

/// The date and time `property` of `component` gives, as written.
fn time_of(
    component: &ICalendarComponent,
    property: &ICalendarProperty,
) -> Option<chrono::NaiveDateTime> {
    match component.property(property)?.values.first()? {
        ICalendarValue::PartialDateTime(dt) => local_time(dt),
        _ => None,
    }
}

/// The date and time a value gives, as written (its own zone's wall clock).
fn local_time(value: &PartialDateTime) -> Option<chrono::NaiveDateTime> {
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::from(value.year?),
        u32::from(value.month?),
        u32::from(value.day?),
    )?;
    date.and_hms_opt(
        u32::from(value.hour.unwrap_or(0)),
        u32::from(value.minute.unwrap_or(0)),
        u32::from(value.second.unwrap_or(0)),
    )
}

/// The address (`mailto:`) and common name of an ATTENDEE or ORGANIZER.
fn person_of(entry: &ICalendarEntry) -> Option<(String, Option<String>)> {
    let value = entry.values.first()?.as_text()?.trim();
    let email = value
        .strip_prefix("mailto:")
        .or_else(|| value.strip_prefix("MAILTO:"))
        .unwrap_or(value)
        .trim()
        .to_lowercase();
    if !super::capture::is_address(&email) {
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

/// Whether the event carries a link to a video call (Meet, Zoom, Teams, …).
fn is_video_call(event: &ICalendarComponent) -> bool {
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
    event.entries.iter().any(|entry| {
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
    })
}
