//! Where a date or time written in a calendar is, and which of the user's days it falls on.
//! A series is expanded on its own zone's wall clock (a weekly 09:00 in Amsterdam stays at
//! 09:00 across the change to summer time); each occurrence then becomes an instant, and the
//! instant the user's day. Zones are read with calcard's resolver (IANA names, Windows names
//! as Outlook writes them, a VTIMEZONE's X-LIC-LOCATION or CDO id) over chrono-tz's database.
//! Why chrono-tz: calcard already reads zones with it, so the binary carries one copy of the
//! time-zone database and one idea of a zone; `jiff` would have added a second of each, and
//! still needed calcard's table of Windows names.

use std::collections::HashMap;
use std::str::FromStr;

use calcard::common::PartialDateTime;
use calcard::common::timezone::Tz;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use crate::model::UserZone;
use crate::model::zone::instant_in;

/// A zone a date-time is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Zone {
    /// No zone: the wall clock wherever the user is. Also a zone tiesdesk could not read
    /// (said in the report).
    Floating,
    Utc,
    Fixed(FixedOffset),
    Named(chrono_tz::Tz),
    /// A TZID not looked up yet (a block's VTIMEZONEs may follow its events): its index in
    /// the block's names.
    Pending(u32),
}

impl Zone {
    fn from_calcard(tz: Tz) -> Zone {
        match tz {
            Tz::Floating => Zone::Floating,
            _ if tz.is_utc() => Zone::Utc,
            Tz::Fixed(offset) => Zone::Fixed(offset),
            Tz::Tz(zone) => Zone::Named(zone),
        }
    }

    /// The instant a wall-clock time here stands for.
    pub fn instant(&self, wall: NaiveDateTime, user: UserZone) -> DateTime<Utc> {
        match self {
            Zone::Floating | Zone::Pending(_) => user.instant_of(wall),
            Zone::Utc => wall.and_utc(),
            Zone::Fixed(offset) => instant_in(offset, wall),
            Zone::Named(zone) => instant_in(zone, wall),
        }
    }

    /// The wall clock here at an instant.
    pub fn wall(&self, instant: DateTime<Utc>, user: UserZone) -> NaiveDateTime {
        match self {
            Zone::Floating | Zone::Pending(_) => user.wall_of(instant),
            Zone::Utc => instant.naive_utc(),
            Zone::Fixed(offset) => offset.from_utc_datetime(&instant.naive_utc()).naive_local(),
            Zone::Named(zone) => zone.from_utc_datetime(&instant.naive_utc()).naive_local(),
        }
    }
}

/// A DATE or DATE-TIME value as written, with its zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    pub wall: NaiveDateTime,
    /// A DATE: a day, wherever the user is (an all-day event, a birthday).
    pub date_only: bool,
    pub zone: Zone,
}

impl Stamp {
    /// A value as calcard read it; `zone` stands for its TZID (floating without one).
    pub fn from_value(value: &PartialDateTime, zone: Zone) -> Option<Stamp> {
        let read = value.to_date_time()?;
        let date_only = !value.has_time();
        let zone = match read.offset {
            _ if date_only => Zone::Floating,
            Some(offset) if offset.local_minus_utc() == 0 => Zone::Utc,
            Some(offset) => Zone::Fixed(offset),
            None => zone,
        };
        Some(Stamp {
            wall: read.date_time,
            date_only,
            zone,
        })
    }

    /// The instant it stands for (a date, or a floating time, read in the user's zone).
    pub fn instant(&self, user: UserZone) -> DateTime<Utc> {
        self.zone.instant(self.wall, user)
    }

    /// The user's day it falls on: a date is its own day, wherever the user is; so is a
    /// floating time.
    pub fn day(&self, user: UserZone) -> NaiveDate {
        match self.zone {
            _ if self.date_only => self.wall.date(),
            Zone::Floating | Zone::Pending(_) => self.wall.date(),
            _ => user.day_of(self.instant(user)),
        }
    }

    /// The same moment on `zone`'s wall clock (a date stays the date it is).
    pub fn wall_in(&self, zone: Zone, user: UserZone) -> NaiveDateTime {
        if self.date_only || self.zone == zone {
            return self.wall;
        }
        zone.wall(self.instant(user), user)
    }

    /// A floating time of a series (an EXDATE, an RDATE or a RECURRENCE-ID without a TZID)
    /// is on the series' own clock.
    pub fn on_clock_of(mut self, series: Zone) -> Stamp {
        if !self.date_only && self.zone == Zone::Floating {
            self.zone = series;
        }
        self
    }

    /// Looks a pending TZID up in the block's zones (one no one could read: floating, the
    /// user's own clock).
    pub fn resolve(&mut self, zones: &[Option<Zone>]) {
        if let Zone::Pending(index) = self.zone {
            self.zone = zones
                .get(index as usize)
                .copied()
                .flatten()
                .unwrap_or(Zone::Floating);
        }
    }
}

/// The TZIDs a block's values name, each looked up once when the block ends.
#[derive(Debug, Default)]
pub struct ZoneNames {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl ZoneNames {
    /// The zone a TZID stands for until the block's VTIMEZONEs are known.
    pub fn pending(&mut self, tzid: Option<&str>) -> Zone {
        let Some(name) = tzid.map(str::trim).filter(|n| !n.is_empty()) else {
            return Zone::Floating;
        };
        if let Some(&index) = self.index.get(name) {
            return Zone::Pending(index);
        }
        let index = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), index);
        Zone::Pending(index)
    }

    /// Each name's zone, by the block's VTIMEZONEs (`defined`: TZID and what calcard made of
    /// it), else by the name itself; `None` for a name no one could read.
    pub fn resolve(&self, defined: &HashMap<String, Tz>) -> Vec<Option<Zone>> {
        self.names
            .iter()
            .map(|name| {
                defined
                    .get(name)
                    .copied()
                    .or_else(|| Tz::from_str(name).ok())
                    .map(Zone::from_calcard)
            })
            .collect()
    }

    /// The TZID at `index`.
    pub fn name(&self, index: u32) -> Option<&str> {
        self.names.get(index as usize).map(String::as_str)
    }

    pub fn clear(&mut self) {
        self.names.clear();
        self.index.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn windows_and_iana_names_resolve_and_unknown_ones_are_named() {
        let mut names = ZoneNames::default();
        let a = names.pending(Some("W. Europe Standard Time"));
        let b = names.pending(Some("Europe/Amsterdam"));
        let c = names.pending(Some("Customized Time Zone"));
        assert_eq!(names.pending(Some("Europe/Amsterdam")), b);
        assert_eq!(names.pending(None), Zone::Floating);
        let zones = names.resolve(&HashMap::new());
        assert!(zones[0].is_some() && zones[1].is_some());
        assert_eq!(zones[2], None);
        let user = UserZone::Named(chrono_tz::America::New_York);
        // 08:00 in winter in Amsterdam (either name) is 02:00 in New York, the same day.
        for zone in [a, b] {
            let mut stamp = Stamp {
                wall: wall("2024-02-08 08:00"),
                date_only: false,
                zone,
            };
            stamp.resolve(&zones);
            assert_eq!(stamp.instant(user), wall("2024-02-08 07:00").and_utc());
        }
        let mut floating = Stamp {
            wall: wall("2024-02-08 08:00"),
            date_only: false,
            zone: c,
        };
        floating.resolve(&zones);
        assert_eq!(floating.zone, Zone::Floating);
    }

    #[test]
    fn a_stamp_falls_on_the_users_day() {
        let user = UserZone::Named(chrono_tz::America::New_York);
        let utc = Stamp {
            wall: wall("2024-03-12 01:30"),
            date_only: false,
            zone: Zone::Utc,
        };
        assert_eq!(utc.day(user).to_string(), "2024-03-11");
        let day = Stamp {
            date_only: true,
            zone: Zone::Floating,
            ..utc
        };
        assert_eq!(day.day(user).to_string(), "2024-03-12");
        assert_eq!(
            utc.wall_in(Zone::Named(chrono_tz::Asia::Tokyo), user),
            wall("2024-03-12 10:30")
        );
    }
}
