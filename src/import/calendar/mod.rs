//! Reading the user's calendar for the time they spent with people: each past occurrence of
//! an event with someone else in it, on the user's own day.
//!
//! A file is read as a stream of pieces (`split`): every `VCALENDAR` block, its time zones and
//! its events, each event capped in size. calcard parses each event (`event`), which is kept
//! in a compact form until every file is read: a UID's copies are compared (the highest
//! SEQUENCE wins) and its overrides gathered, whichever file or block they came from. Then
//! each series is expanded (`expand`) on its own zone's clock and each occurrence's day taken
//! in the user's zone (`zone`).

mod event;
mod expand;
mod reasons;
mod split;
mod zone;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use calcard::icalendar::{ICalendar, ICalendarComponentType};

pub use self::event::Unread;
use self::event::{Event, read_event};
use self::expand::{Copy, MAX_PER_IMPORT, MAX_PER_SERIES, Series, expand};
pub use self::reasons::Skip;
use self::reasons::{EventNotRead, FileNotRead};
use self::split::{Piece, Splitter};
use self::zone::ZoneNames;
use super::SourceSpec;
use super::capture::{
    Addresses, CaptureRead, CaptureReader, CaptureRules, Captured, Exchange, Me, Sink, Skipped,
    Tally,
};
use crate::error::{Error, Result, io_reason};
use crate::model::{CaptureSource, Day, Direction, Progress, Stage, UserZone};

/// The limits the rules need.
#[derive(Debug, Clone, Copy)]
pub struct CalendarRules {
    pub max_attendees: usize,
    pub today: Day,
    /// The user's zone: each occurrence's day is taken there.
    pub zone: UserZone,
}

/// A calendar as a capture source: an `.ics` file, or a folder of them.
pub static READER: CaptureReader = CaptureReader {
    spec: SourceSpec {
        name: "calendar",
        label: "your calendar (.ics, vdir)",
        help: "Your calendar (an .ics, or a folder of them as vdirsyncer keeps): the meetings you \
               had with people, recurring ones expanded up to today",
        unit: "files",
        items: "occurrences",
        needs_me: true,
    },
    extensions: &["ics"],
    recognises: |head| head.starts_with("BEGIN:VCALENDAR"),
    any_folder: false,
    open: open_calendar,
};

/// A calendar read whole at opening (its series are expanded together), waiting to be
/// given to the capture.
struct CalendarFile {
    captured: Captured,
    exchanges: Vec<Exchange>,
}

fn open_calendar(
    path: &Path,
    rules: CaptureRules,
    progress: &Progress,
) -> Result<Box<dyn CaptureRead>> {
    let calendar_rules = CalendarRules {
        max_attendees: rules.max_attendees,
        today: rules.today,
        zone: rules.zone,
    };
    // A series listed twice (a calendar and its copy in one folder) counts once.
    let mut ids = HashSet::new();
    let mut exchanges = Vec::new();
    let captured = read_calendar(path, &rules.me, calendar_rules, progress, &mut |exchange| {
        let new = ids.insert(exchange.id.clone());
        if new {
            exchanges.push(exchange);
        }
        Ok(new)
    })?;
    Ok(Box::new(CalendarFile {
        captured,
        exchanges,
    }))
}

impl CaptureRead for CalendarFile {
    fn read(self: Box<Self>, _: &Progress, sink: &mut Sink<'_>) -> Result<Captured> {
        for exchange in self.exchanges {
            sink(exchange)?;
        }
        Ok(self.captured)
    }
}

/// Reads every `.ics` under `path` (a file, a folder such as a vdirsyncer or khal vdir, or a
/// stream such as a pipe).
pub fn read_calendar(
    path: &Path,
    me: &Me,
    rules: CalendarRules,
    progress: &Progress,
    sink: &mut Sink<'_>,
) -> Result<Captured> {
    let (files, not_ics) = calendar_files(path)?;
    progress.start(Stage::Reading, files.len());
    let mut reader = Reader {
        me,
        addresses: Addresses::default(),
        series: BTreeMap::new(),
        names: ZoneNames::default(),
        events_read: 0,
        events_not_read: BTreeMap::new(),
        files_read: 0,
        files_not_read: BTreeMap::new(),
        notes: Notes::default(),
    };
    if not_ics > 0 {
        reader.files_not_read.insert(FileNotRead::NotIcs, not_ics);
    }
    let single = files.len() == 1 && not_ics == 0;
    for (done, file) in files.iter().enumerate() {
        match reader.file(file) {
            Ok(true) => reader.files_read += 1,
            Ok(false) if single => {
                return Err(Error::invalid(format!(
                    "{}: not an iCalendar file (no BEGIN:VCALENDAR or BEGIN:VEVENT)",
                    file.display()
                )));
            }
            Ok(false) => {
                *reader
                    .files_not_read
                    .entry(FileNotRead::NotCalendar)
                    .or_default() += 1
            }
            Err(error) if single => return Err(error),
            Err(_) => {
                *reader
                    .files_not_read
                    .entry(FileNotRead::Unreadable)
                    .or_default() += 1
            }
        }
        progress.set(done + 1);
    }
    reader.occurrences(rules, sink)
}

/// `path` itself (a file or a stream), or every `.ics` under it, names sorted; and how many
/// other files the folder holds.
fn calendar_files(path: &Path) -> Result<(Vec<PathBuf>, usize)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::Location {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    if !meta.is_dir() {
        return Ok((vec![path.to_path_buf()], 0));
    }
    let mut files = Vec::new();
    let mut others = 0;
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Error::Location {
            path: folder.clone(),
            reason: io_reason(&e),
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = std::fs::symlink_metadata(&path) else {
                others += 1;
                continue;
            };
            let ics = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ics"));
            if meta.is_dir() {
                folders.push(path);
            } else if meta.is_file() && ics {
                files.push(path);
            } else {
                others += 1;
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
    Ok((files, others))
}

/// What reading noticed and the report says.
#[derive(Debug, Default)]
struct Notes {
    windows_1252: usize,
    escaped_rules: usize,
    cleaned_names: usize,
    unknown_zones: BTreeMap<String, usize>,
    cut_series: usize,
}

impl Notes {
    fn list(&self) -> Vec<Skipped> {
        let mut notes = Vec::new();
        let mut note = |reason, what: String, count| {
            if count > 0 {
                notes.push(Skipped {
                    reason,
                    what,
                    count,
                });
            }
        };
        note(
            "windows_1252",
            "events not in UTF-8, read as Windows-1252".to_string(),
            self.windows_1252,
        );
        note(
            "escaped_rule",
            "recurrence rules written with \\; (read as ;)".to_string(),
            self.escaped_rules,
        );
        note(
            "controls_removed",
            "events with control or invisible characters in a name, removed".to_string(),
            self.cleaned_names,
        );
        for (name, count) in &self.unknown_zones {
            note(
                "unknown_zone",
                format!("events in a zone tiesdesk does not know ({name}), read in yours"),
                *count,
            );
        }
        note(
            "series_cut",
            format!(
                "series cut after {MAX_PER_SERIES} occurrences (or the import's {MAX_PER_IMPORT}): \
                 the rest not read"
            ),
            self.cut_series,
        );
        notes
    }
}

struct Reader<'a> {
    me: &'a Me,
    addresses: Addresses,
    series: BTreeMap<String, Series>,
    /// The TZIDs of the block being read.
    names: ZoneNames,
    events_read: usize,
    events_not_read: BTreeMap<EventNotRead, usize>,
    files_read: usize,
    files_not_read: BTreeMap<FileNotRead, usize>,
    notes: Notes,
}

impl Reader<'_> {
    /// Reads one file's blocks into the series; false when it holds no calendar at all.
    fn file(&mut self, path: &Path) -> Result<bool> {
        let file = std::fs::File::open(path).map_err(|e| Error::location(path, &e))?;
        let mut splitter = Splitter::new(BufReader::with_capacity(1 << 16, file));
        let mut zones: HashMap<String, calcard::common::timezone::Tz> = HashMap::new();
        let mut block: Vec<Event> = Vec::new();
        while let Some(piece) = splitter
            .next_piece()
            .map_err(|e| Error::location(path, &e))?
        {
            match piece {
                Piece::BlockStart => {
                    zones.clear();
                    self.names.clear();
                }
                Piece::Zone(text) => {
                    if let Some((name, tz)) = zone_of(&text) {
                        zones.insert(name, tz);
                    }
                }
                Piece::Event(text) => {
                    let (event, noticed) =
                        read_event(&text, self.me, &mut self.addresses, &mut self.names);
                    self.notes.windows_1252 += usize::from(noticed.windows_1252);
                    self.notes.escaped_rules += usize::from(noticed.escaped_rule);
                    self.notes.cleaned_names += usize::from(noticed.cleaned_name);
                    match event {
                        Ok(event) => block.push(event),
                        Err(unread) => self.not_read(EventNotRead::Unread(unread)),
                    }
                }
                Piece::TooLarge => self.not_read(EventNotRead::TooLarge),
                Piece::CutOff => self.not_read(EventNotRead::CutOff),
                Piece::BlockEnd => self.end_block(&zones, &mut block),
            }
        }
        Ok(splitter.seen_calendar)
    }

    fn not_read(&mut self, why: EventNotRead) {
        *self.events_not_read.entry(why).or_default() += 1;
    }

    /// The block's zones are known: each event's times are put in theirs, and the event
    /// joins its series.
    fn end_block(
        &mut self,
        zones: &HashMap<String, calcard::common::timezone::Tz>,
        block: &mut Vec<Event>,
    ) {
        let resolved = self.names.resolve(zones);
        for mut event in block.drain(..) {
            let mut unknown = None;
            for stamp in event.stamps_mut() {
                if let zone::Zone::Pending(index) = stamp.zone
                    && resolved.get(index as usize).copied().flatten().is_none()
                {
                    unknown = unknown.or_else(|| self.names.name(index).map(str::to_string));
                }
                stamp.resolve(&resolved);
            }
            if let Some(name) = unknown {
                *self.notes.unknown_zones.entry(name).or_default() += 1;
            }
            self.join(event);
        }
    }

    /// An event joins the series of its UID; of two copies of one, the newer stays.
    fn join(&mut self, event: Event) {
        self.events_read += 1;
        let series = self.series.entry(event.uid.clone()).or_default();
        if event.recurrence_id.is_some() {
            series.overrides.push(event);
            return;
        }
        match series.add_master(event) {
            None => {}
            Some(Copy::Same) => self.replaced(EventNotRead::Duplicate),
            Some(_) => self.replaced(EventNotRead::Superseded),
        }
    }

    fn replaced(&mut self, why: EventNotRead) {
        self.events_read -= 1;
        self.not_read(why);
    }

    /// Every series expanded, each past occurrence given to the sink or skipped.
    fn occurrences(mut self, rules: CalendarRules, sink: &mut Sink<'_>) -> Result<Captured> {
        let mut skipped: BTreeMap<Skip, usize> = BTreeMap::new();
        let mut read = 0;
        let mut budget = MAX_PER_IMPORT;
        let mut uids = HashSet::new();
        let series = std::mem::take(&mut self.series);
        for (uid, series) in &series {
            let expanded = match expand(series, rules.zone, rules.today, &mut budget) {
                Ok(expanded) => expanded,
                Err(unread) => {
                    let copies = usize::from(series.master.is_some()) + series.overrides.len();
                    self.events_read -= copies;
                    *self
                        .events_not_read
                        .entry(EventNotRead::Unread(unread))
                        .or_default() += copies;
                    continue;
                }
            };
            uids.insert(uid.clone());
            self.notes.cut_series += usize::from(expanded.cut);
            if expanded.superseded > 0 {
                self.events_read -= expanded.superseded;
                *self
                    .events_not_read
                    .entry(EventNotRead::Superseded)
                    .or_default() += expanded.superseded;
            }
            read += expanded.occurrences.len() + expanded.same_day;
            *skipped.entry(Skip::SameDay).or_default() += expanded.same_day;
            for occurrence in expanded.occurrences {
                let skip = match exchange(occurrence.id, occurrence.day, occurrence.event, &rules) {
                    Ok(exchange) => {
                        if sink(exchange)? {
                            continue;
                        }
                        Skip::Again
                    }
                    Err(skip) => skip,
                };
                *skipped.entry(skip).or_default() += 1;
            }
        }
        Ok(Captured {
            source: CaptureSource::Calendar,
            files: Tally::of(self.files_read, self.files_not_read),
            events: Some(Tally::of(self.events_read, self.events_not_read)),
            read,
            correspondents: self.addresses.list,
            skipped: Skipped::counted(skipped),
            not_read: Vec::new(),
            notes: self.notes.list(),
            uids: Some(uids),
        })
    }
}

/// A VTIMEZONE's TZID and the zone calcard makes of it (by its name, X-LIC-LOCATION or CDO
/// id).
fn zone_of(text: &[u8]) -> Option<(String, calcard::common::timezone::Tz)> {
    let text = String::from_utf8_lossy(text);
    let calendar = ICalendar::parse(text.as_ref()).ok()?;
    let component = calendar
        .components
        .iter()
        .find(|c| c.component_type == ICalendarComponentType::VTimezone)?;
    component
        .timezone()
        .map(|(name, tz)| (name.trim().to_string(), tz))
}

/// An occurrence as time with people, or why not.
fn exchange(
    id: String,
    day: Day,
    event: &Event,
    rules: &CalendarRules,
) -> std::result::Result<Exchange, Skip> {
    if event.cancelled {
        return Err(Skip::Cancelled);
    }
    if event.declined_by_me {
        return Err(Skip::Declined);
    }
    if event.attended > rules.max_attendees {
        return Err(Skip::Crowd);
    }
    if event.with.is_empty() {
        return Err(Skip::NoOneElse);
    }
    let direction = match (event.organised_by_me, event.organizer) {
        (true, _) => Direction::Gave,
        (false, Some(_)) => Direction::Received,
        (false, None) => Direction::Mutual,
    };
    Ok(Exchange {
        id,
        day,
        kind: event.kind,
        direction,
        with: event.with.clone(),
        organizer: event.organizer,
    })
}
