//! The user's own time zone. A contact happened on the user's local day: a meeting at 01:30
//! UTC is the evening before in New York, a mail sent at 23:30 in California is read the next
//! morning in Amsterdam. The zone is an input, like *today*: the edge decides it
//! (`capture.timezone`, else `TZ`, else the system's) and hands it down.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};

/// A zone days are taken in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserZone {
    /// A named zone from the time-zone database (`Europe/Amsterdam`).
    Named(chrono_tz::Tz),
    /// The system's zone as the C library sees it, when it has no name tiesdesk knows (a
    /// POSIX `TZ` rule such as `CET-1CEST,M3.5.0,M10.5.0/3`).
    System,
}

impl Default for UserZone {
    fn default() -> Self {
        UserZone::Named(chrono_tz::UTC)
    }
}

impl UserZone {
    /// A zone by its IANA name (`Europe/Amsterdam`, also written `:Europe/Amsterdam` as `TZ`
    /// allows); `None` for anything else.
    pub fn named(name: &str) -> Option<UserZone> {
        let name = name.trim();
        let name = name.strip_prefix(':').unwrap_or(name);
        name.parse::<chrono_tz::Tz>().ok().map(UserZone::Named)
    }

    /// The zone's name, for the report.
    pub fn name(&self) -> String {
        match self {
            UserZone::Named(tz) => tz.name().to_string(),
            UserZone::System => "the system's zone".to_string(),
        }
    }

    /// The user's local day at an instant.
    pub fn day_of(&self, instant: DateTime<Utc>) -> NaiveDate {
        self.wall_of(instant).date()
    }

    /// The user's wall clock at an instant.
    pub fn wall_of(&self, instant: DateTime<Utc>) -> NaiveDateTime {
        match self {
            UserZone::Named(tz) => tz.from_utc_datetime(&instant.naive_utc()).naive_local(),
            UserZone::System => chrono::Local
                .from_utc_datetime(&instant.naive_utc())
                .naive_local(),
        }
    }

    /// The instant a wall-clock time in this zone stands for (see [`instant_in`]).
    pub fn instant_of(&self, wall: NaiveDateTime) -> DateTime<Utc> {
        match self {
            UserZone::Named(tz) => instant_in(tz, wall),
            UserZone::System => instant_in(&chrono::Local, wall),
        }
    }
}

/// The instant a wall-clock time in `zone` stands for, as RFC 5545 (3.3.5) reads one: a time
/// that happens twice (the hour the clocks go back) is the first; a time that never happens
/// (the hour they skip) is read with the offset from before the gap.
pub fn instant_in<Z: TimeZone>(zone: &Z, wall: NaiveDateTime) -> DateTime<Utc> {
    match zone.from_local_datetime(&wall).earliest() {
        Some(time) => time.with_timezone(&Utc),
        None => {
            // In a gap: the offset a day earlier is the one from before it (no zone changes
            // its offset twice within a day).
            let before = wall - chrono::Duration::days(1);
            let offset = zone
                .from_local_datetime(&before)
                .earliest()
                .map_or(0, |t| t.offset().fix().local_minus_utc());
            (wall - chrono::Duration::seconds(i64::from(offset))).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn names_are_iana_names() {
        let amsterdam = UserZone::Named(chrono_tz::Europe::Amsterdam);
        assert_eq!(UserZone::named("Europe/Amsterdam"), Some(amsterdam));
        assert_eq!(UserZone::named(":Europe/Amsterdam"), Some(amsterdam));
        assert_eq!(UserZone::named("CET-1CEST,M3.5.0,M10.5.0/3"), None);
        assert_eq!(UserZone::named("Mars/Olympus"), None);
        assert_eq!(UserZone::named(""), None);
    }

    #[test]
    fn an_instant_falls_on_the_users_own_day() {
        let new_york = UserZone::Named(chrono_tz::America::New_York);
        let instant = wall("2024-03-12 01:30").and_utc();
        assert_eq!(new_york.day_of(instant).to_string(), "2024-03-11");
        let tokyo = UserZone::Named(chrono_tz::Asia::Tokyo);
        assert_eq!(tokyo.day_of(instant).to_string(), "2024-03-12");
    }

    #[test]
    fn a_time_the_clocks_skip_or_repeat_is_read_as_rfc_5545_says() {
        let zone = chrono_tz::Europe::Amsterdam;
        // 02:30 on 31 March 2024 never happened: read with the winter offset (+01:00).
        assert_eq!(
            instant_in(&zone, wall("2024-03-31 02:30")),
            wall("2024-03-31 01:30").and_utc()
        );
        // 02:30 on 27 October 2024 happened twice: the first, in summer time (+02:00).
        assert_eq!(
            instant_in(&zone, wall("2024-10-27 02:30")),
            wall("2024-10-27 00:30").and_utc()
        );
    }
}
