//! A series (an event and the overrides that share its UID) into the occurrences that
//! happened, each on the user's day. The rules repeat on the series' own wall clock (calcard's
//! rule iterator, fed a floating start and an UNTIL moved onto that clock); RDATEs join,
//! EXDATEs leave, and each RECURRENCE-ID replaces the occurrence it names, compared as an
//! instant (or, for an all-day series, as a day). Only then is each occurrence's day taken, in
//! the user's zone. A person meets another at most once per series per day, and no series is
//! expanded past [`MAX_PER_SERIES`].

use std::collections::{HashMap, HashSet};

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarProperty,
    ICalendarRecurrenceRule, ICalendarValue,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use super::event::{Event, Unread};
use super::zone::{Stamp, Zone};
use crate::model::UserZone;

/// The most occurrences one series is expanded to (a daily meeting for 2,700 years; a
/// FREQ=SECONDLY rule for 11 days). What a series would give beyond it is not read, and said.
pub const MAX_PER_SERIES: usize = 1_000_000;

/// The most occurrences one import expands, all series together.
pub const MAX_PER_IMPORT: usize = 5_000_000;

/// An event and its overrides.
#[derive(Debug, Default)]
pub struct Series {
    pub master: Option<Event>,
    pub overrides: Vec<Event>,
}

/// How two copies of one event compare: the higher SEQUENCE wins, then the later DTSTAMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copy {
    Newer,
    Older,
    Same,
}

pub fn compare(a: &Event, b: &Event) -> Copy {
    match (a.sequence, a.stamped).cmp(&(b.sequence, b.stamped)) {
        std::cmp::Ordering::Greater => Copy::Newer,
        std::cmp::Ordering::Less => Copy::Older,
        std::cmp::Ordering::Equal => Copy::Same,
    }
}

impl Series {
    /// Adds a copy of the master; what it replaces or what replaces it is returned, with
    /// whether the two were the same copy.
    pub fn add_master(&mut self, event: Event) -> Option<Copy> {
        match &self.master {
            None => {
                self.master = Some(event);
                None
            }
            Some(held) => match compare(&event, held) {
                Copy::Newer => {
                    self.master = Some(event);
                    Some(Copy::Older)
                }
                other => Some(other),
            },
        }
    }
}

/// One occurrence that happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence<'e> {
    /// The event's UID and the occurrence's start as the series put it (on the series'
    /// clock), so a moved occurrence keeps its name.
    pub id: String,
    /// The user's day it happened on.
    pub day: NaiveDate,
    /// What it was: the series, or the override that changed it.
    pub event: &'e Event,
}

/// A series expanded up to today.
#[derive(Debug, Default)]
pub struct Expanded<'e> {
    pub occurrences: Vec<Occurrence<'e>>,
    /// Occurrences on a day the series had already met that day.
    pub same_day: usize,
    /// Whether the series was cut at [`MAX_PER_SERIES`] (or the import's budget).
    pub cut: bool,
    /// Override copies that a newer copy of the same override replaced.
    pub superseded: usize,
}

/// How far a THISANDFUTURE override moved its occurrences.
#[derive(Debug, Clone, Copy)]
enum Moved {
    Seconds(i64),
    Days(i64),
}

/// Where an occurrence is, for matching an EXDATE or a RECURRENCE-ID to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Day(NaiveDate),
    At(i64),
}

/// Expands `series` up to `today` (the user's), spending at most `budget` occurrences.
pub fn expand<'e>(
    series: &'e Series,
    user: UserZone,
    today: NaiveDate,
    budget: &mut usize,
) -> Result<Expanded<'e>, Unread> {
    let mut expanded = Expanded::default();
    let Some(master) = &series.master else {
        // Overrides alone (the series itself is in another calendar): each is a meeting.
        let mut newest: HashMap<(NaiveDateTime, bool), &Event> = HashMap::new();
        for event in &series.overrides {
            let rid = event.recurrence_id.unwrap_or(event.start);
            keep_newest(&mut newest, (rid.wall, rid.date_only), event, &mut expanded);
        }
        let mut overrides: Vec<_> = newest.into_iter().collect();
        overrides.sort_by_key(|(key, _)| *key);
        let mut days = HashSet::new();
        for ((wall, _), event) in overrides {
            let id = occurrence_id(&event.uid, wall);
            expanded.push(id, event.start.day(user), event, today, &mut days);
        }
        return Ok(expanded);
    };
    let clock = master.start.zone;
    let all_day = master.start.date_only;
    let key_of = |stamp: &Stamp| -> Key {
        if all_day {
            Key::Day(day_in_all_day_series(stamp, user))
        } else if stamp.date_only {
            Key::Day(stamp.wall.date())
        } else {
            Key::At(stamp.on_clock_of(clock).instant(user).timestamp())
        }
    };
    // Everything the series gives: DTSTART, each rule's occurrences, each RDATE.
    let end = (today + chrono::Duration::days(2)).and_time(chrono::NaiveTime::MIN);
    let mut candidates = vec![master.start];
    for rule in &master.rules {
        let until = rule
            .until
            .as_ref()
            .and_then(|u| until_on_clock(u, clock, all_day, user))
            .map_or(end, |u| u.min(end));
        let limit = MAX_PER_SERIES.min(*budget);
        let walls = rule_walls(&master.start, rule, until, limit)?;
        *budget -= walls.len().min(*budget);
        expanded.cut |= walls.len() >= limit;
        candidates.extend(walls.into_iter().map(|wall| Stamp {
            wall,
            date_only: all_day,
            zone: clock,
        }));
    }
    candidates.extend(master.rdates.iter().map(|s| s.on_clock_of(clock)));
    let mut keyed: Vec<(Key, Stamp)> = candidates.into_iter().map(|s| (key_of(&s), s)).collect();
    keyed.sort_by_key(|(key, _)| *key);
    keyed.dedup_by_key(|(key, _)| *key);
    // EXDATEs: by instant, or (a DATE one in a timed series) by the day on the series' clock.
    let excluded: HashSet<Key> = master.exdates.iter().map(key_of).collect();
    if !excluded.is_empty() {
        keyed.retain(|(key, stamp)| {
            !excluded.contains(key)
                && (all_day || !excluded.contains(&Key::Day(stamp.wall_in(clock, user).date())))
        });
    }
    // Overrides, by the occurrence they name; a second copy of one, the newer wins.
    let mut overrides: HashMap<Key, &Event> = HashMap::new();
    for event in &series.overrides {
        let Some(rid) = &event.recurrence_id else {
            continue;
        };
        keep_newest(&mut overrides, key_of(rid), event, &mut expanded);
    }
    match_loose_overrides(&mut overrides, &keyed, clock, all_day, user);
    let mut days = HashSet::new();
    // After a THISANDFUTURE override, what it says holds for the rest, moved as it was.
    let mut following: Option<(&Event, Moved)> = None;
    for (key, stamp) in &keyed {
        let id = occurrence_id(&master.uid, stamp.wall_in(clock, user));
        if let Some(event) = overrides.remove(key) {
            if event.this_and_future {
                let moved = if all_day {
                    Moved::Days((event.start.day(user) - stamp.wall.date()).num_days())
                } else {
                    Moved::Seconds((event.start.instant(user) - stamp.instant(user)).num_seconds())
                };
                following = Some((event, moved));
            }
            expanded.push(id, event.start.day(user), event, today, &mut days);
            continue;
        }
        let (event, day) = match following {
            Some((event, Moved::Seconds(seconds))) => {
                let at = stamp.instant(user) + chrono::Duration::seconds(seconds);
                (event, user.day_of(at))
            }
            Some((event, Moved::Days(moved))) => {
                let day = stamp
                    .wall
                    .date()
                    .checked_add_signed(chrono::Duration::days(moved))
                    .unwrap_or(stamp.wall.date());
                (event, day)
            }
            None => (master, stamp.day(user)),
        };
        expanded.push(id, day, event, today, &mut days);
    }
    // Overrides of occurrences the series does not give (the file is inconsistent): the
    // meeting they describe still happened.
    let mut loose: Vec<_> = overrides.into_iter().collect();
    loose.sort_by_key(|(key, _)| *key);
    for (_, event) in loose {
        let rid = event
            .recurrence_id
            .unwrap_or(event.start)
            .on_clock_of(clock);
        let id = occurrence_id(&master.uid, rid.wall_in(clock, user));
        expanded.push(id, event.start.day(user), event, today, &mut days);
    }
    Ok(expanded)
}

impl<'e> Expanded<'e> {
    /// Takes an occurrence that happened by today, once per day.
    fn push(
        &mut self,
        id: String,
        day: NaiveDate,
        event: &'e Event,
        today: NaiveDate,
        days: &mut HashSet<NaiveDate>,
    ) {
        if day > today {
            return;
        }
        if !days.insert(day) {
            self.same_day += 1;
            return;
        }
        self.occurrences.push(Occurrence { id, day, event });
    }
}

fn keep_newest<'e, K: std::hash::Hash + Eq>(
    held: &mut HashMap<K, &'e Event>,
    key: K,
    event: &'e Event,
    expanded: &mut Expanded<'_>,
) {
    match held.get(&key) {
        None => {
            held.insert(key, event);
        }
        Some(other) => {
            expanded.superseded += 1;
            if compare(event, other) == Copy::Newer {
                held.insert(key, event);
            }
        }
    }
}

/// An override whose RECURRENCE-ID names no occurrence exactly (a time off by the writer's
/// idea of the zone) replaces the one occurrence of that day on the series' clock, if there
/// is exactly one.
fn match_loose_overrides(
    overrides: &mut HashMap<Key, &Event>,
    keyed: &[(Key, Stamp)],
    clock: Zone,
    all_day: bool,
    user: UserZone,
) {
    if all_day || overrides.is_empty() {
        return;
    }
    let given: HashSet<Key> = keyed.iter().map(|(key, _)| *key).collect();
    let loose: Vec<Key> = overrides
        .keys()
        .filter(|key| !given.contains(key))
        .copied()
        .collect();
    if loose.is_empty() {
        return;
    }
    let mut by_day: HashMap<NaiveDate, Vec<Key>> = HashMap::new();
    for (key, stamp) in keyed {
        by_day
            .entry(stamp.wall_in(clock, user).date())
            .or_default()
            .push(*key);
    }
    for key in loose {
        let Some(event) = overrides.get(&key).copied() else {
            continue;
        };
        let Some(rid) = event.recurrence_id else {
            continue;
        };
        let day = rid.on_clock_of(clock).wall_in(clock, user).date();
        if let Some([only]) = by_day.get(&day).map(Vec::as_slice)
            && !overrides.contains_key(only)
        {
            overrides.remove(&key);
            overrides.insert(*only, event);
        }
    }
}

/// The day an occurrence of an all-day series names: a date is itself; a time (Exchange
/// writes `RECURRENCE-ID;TZID=…:20240208T000000` for one) is the date on its own clock, or
/// for UTC, the user's day.
fn day_in_all_day_series(stamp: &Stamp, user: UserZone) -> NaiveDate {
    match stamp.zone {
        _ if stamp.date_only => stamp.wall.date(),
        Zone::Utc | Zone::Fixed(_) => stamp.day(user),
        _ => stamp.wall.date(),
    }
}

/// A rule's UNTIL on the series' clock: a UTC one (what Google, Nextcloud and Thunderbird
/// write) is the same instant there; a DATE in a timed series lasts the whole day.
fn until_on_clock(
    until: &PartialDateTime,
    clock: Zone,
    all_day: bool,
    user: UserZone,
) -> Option<NaiveDateTime> {
    let stamp = Stamp::from_value(until, Zone::Floating)?;
    let wall = if all_day {
        let day = if stamp.date_only || stamp.zone == Zone::Floating {
            stamp.wall.date()
        } else {
            stamp.day(user)
        };
        day.and_time(chrono::NaiveTime::MIN)
    } else if stamp.date_only {
        stamp.wall.date().and_hms_opt(23, 59, 59)?
    } else if stamp.zone == Zone::Floating {
        stamp.wall
    } else {
        stamp.wall_in(clock, user)
    };
    Some(wall)
}

/// A rule's occurrences, as wall-clock times from `start`'s, up to `until` (on the same
/// clock), at most `limit` of them.
fn rule_walls(
    start: &Stamp,
    rule: &ICalendarRecurrenceRule,
    until: NaiveDateTime,
    limit: usize,
) -> Result<Vec<NaiveDateTime>, Unread> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut rule = rule.clone();
    rule.until = Some(partial(until, start.date_only));
    let entry = |name, value| ICalendarEntry {
        name,
        params: Vec::new(),
        values: vec![value],
    };
    let event = ICalendarComponent {
        component_type: ICalendarComponentType::VEvent,
        entries: vec![
            entry(
                ICalendarProperty::Dtstart,
                ICalendarValue::PartialDateTime(Box::new(partial(start.wall, start.date_only))),
            ),
            entry(
                ICalendarProperty::Rrule,
                ICalendarValue::RecurrenceRule(Box::new(rule)),
            ),
        ],
        component_ids: Vec::new(),
    };
    let expanded = ICalendar {
        components: vec![event],
    }
    .expand_dates(Tz::Floating, limit);
    if !expanded.errors.is_empty() {
        return Err(Unread::BadRule);
    }
    Ok(expanded
        .events
        .iter()
        .map(|occurrence| occurrence.start.naive_local())
        .collect())
}

/// A floating value for calcard.
fn partial(wall: NaiveDateTime, date_only: bool) -> PartialDateTime {
    let small = |n: u32| u8::try_from(n).ok();
    PartialDateTime {
        year: u16::try_from(wall.year()).ok(),
        month: small(wall.month()),
        day: small(wall.day()),
        hour: (!date_only).then(|| small(wall.hour())).flatten(),
        minute: (!date_only).then(|| small(wall.minute())).flatten(),
        second: (!date_only).then(|| small(wall.second())).flatten(),
        tz_hour: None,
        tz_minute: None,
        tz_minus: false,
    }
}

fn occurrence_id(uid: &str, wall: NaiveDateTime) -> String {
    format!("{uid} {}", wall.format("%Y%m%dT%H%M%S"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::calendar::event::read_event;
    use crate::import::calendar::zone::ZoneNames;
    use crate::import::capture::Addresses;
    use crate::import::mail::Me;

    /// The days a series of `events` (VEVENT bodies, one UID) gives a user in UTC.
    fn days(events: &[&str]) -> Vec<String> {
        let me = Me::new(&["me@example.org".to_string()]);
        let mut addresses = Addresses::default();
        let mut zones = ZoneNames::default();
        let mut series = Series::default();
        for body in events {
            let text = format!("BEGIN:VEVENT\r\nUID:s\r\n{body}END:VEVENT\r\n");
            let (event, _) = read_event(text.as_bytes(), &me, &mut addresses, &mut zones);
            let mut event = event.unwrap_or_else(|e| panic!("{e:?}"));
            let resolved = zones.resolve(&HashMap::new());
            for stamp in event.stamps_mut() {
                stamp.resolve(&resolved);
            }
            if event.recurrence_id.is_some() {
                series.overrides.push(event);
            } else {
                series.add_master(event);
            }
        }
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let mut budget = MAX_PER_IMPORT;
        let expanded = expand(&series, UserZone::default(), today, &mut budget)
            .unwrap_or_else(|e| panic!("{e:?}"));
        expanded
            .occurrences
            .iter()
            .map(|o| o.day.to_string())
            .collect()
    }

    #[test]
    fn a_this_and_future_override_moves_every_later_occurrence() {
        let got = days(&[
            "DTSTART:20261102T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
            "RECURRENCE-ID;RANGE=THISANDFUTURE:20261116T100000Z\r\n\
             DTSTART:20261117T100000Z\r\n",
        ]);
        assert_eq!(
            got,
            ["2026-11-02", "2026-11-09", "2026-11-17", "2026-11-24"]
        );
    }

    #[test]
    fn a_date_exdate_takes_out_that_days_occurrence_of_a_timed_series() {
        let got = days(&["DTSTART:20261102T100000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n\
             EXDATE;VALUE=DATE:20261103\r\n"]);
        assert_eq!(got, ["2026-11-02", "2026-11-04"]);
    }

    #[test]
    fn overrides_without_their_series_are_meetings_and_the_newer_copy_wins() {
        let got = days(&[
            "RECURRENCE-ID:20261102T100000Z\r\nDTSTART:20261103T100000Z\r\nSEQUENCE:1\r\n",
            "RECURRENCE-ID:20261102T100000Z\r\nDTSTART:20261105T100000Z\r\nSEQUENCE:2\r\n",
            "RECURRENCE-ID:20261109T100000Z\r\nDTSTART:20261109T100000Z\r\n",
        ]);
        assert_eq!(got, ["2026-11-05", "2026-11-09"]);
    }

    #[test]
    fn an_until_in_utc_is_the_same_instant_on_the_series_clock() {
        // 09:00 in Amsterdam is 08:00Z in November: the UNTIL is the third occurrence itself.
        let got = days(&["DTSTART;TZID=Europe/Amsterdam:20261102T090000\r\n\
             RRULE:FREQ=DAILY;UNTIL=20261104T080000Z\r\n"]);
        assert_eq!(got, ["2026-11-02", "2026-11-03", "2026-11-04"]);
    }
}
