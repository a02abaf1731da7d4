//! Why a calendar's occurrences, events and files were not counted, in the report's words.

use super::event::Unread;
use crate::import::capture::SkipReason;

/// Why a past occurrence was not counted as time with anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skip {
    Cancelled,
    Declined,
    Crowd,
    NoOneElse,
    /// A series that repeats more than once a day (or an override on a day it already met).
    SameDay,
    /// The same occurrence again (another copy of the event).
    Again,
}

impl SkipReason for Skip {
    fn key(self) -> &'static str {
        match self {
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined",
            Skip::Crowd => "crowd",
            Skip::NoOneElse => "no_one_else",
            Skip::SameDay => "same_day_in_series",
            Skip::Again => "again",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Skip::Cancelled => "cancelled",
            Skip::Declined => "declined by you",
            Skip::Crowd => "more attendees than capture.max_attendees",
            Skip::NoOneElse => "no one but you",
            Skip::SameDay => "a second time the same day in one series",
            Skip::Again => "the same occurrence again (another copy)",
        }
    }
}

/// Why an event was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum EventNotRead {
    Unread(Unread),
    CutOff,
    TooLarge,
    /// An older copy of an event a newer copy (higher SEQUENCE) replaces.
    Superseded,
    /// The same copy of an event twice (the same file read from two places).
    Duplicate,
}

impl SkipReason for EventNotRead {
    fn key(self) -> &'static str {
        match self {
            EventNotRead::Unread(Unread::Unreadable) => "unreadable",
            EventNotRead::Unread(Unread::NoStart) => "no_start",
            EventNotRead::Unread(Unread::CountAndUntil) => "count_and_until",
            EventNotRead::Unread(Unread::BadRule) => "bad_rule",
            EventNotRead::CutOff => "cut_off",
            EventNotRead::TooLarge => "too_large",
            EventNotRead::Superseded => "superseded",
            EventNotRead::Duplicate => "duplicate",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            EventNotRead::Unread(Unread::Unreadable) => "could not be read",
            EventNotRead::Unread(Unread::NoStart) => "no start date (DTSTART)",
            EventNotRead::Unread(Unread::CountAndUntil) => {
                "a rule with both COUNT and UNTIL, which the standard forbids"
            }
            EventNotRead::Unread(Unread::BadRule) => "a recurrence rule that cannot be read",
            EventNotRead::CutOff => "cut off where the file ends",
            EventNotRead::TooLarge => "larger than 32 MB",
            EventNotRead::Superseded => "an older copy of an event a newer copy replaces",
            EventNotRead::Duplicate => "the same event again (a second copy)",
        }
    }
}

/// Why a file under the path was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum FileNotRead {
    /// Not named `.ics` (a vdir's `displayname` and `color`).
    NotIcs,
    /// Named `.ics` but holding no calendar.
    NotCalendar,
    Unreadable,
}

impl SkipReason for FileNotRead {
    fn key(self) -> &'static str {
        match self {
            FileNotRead::NotIcs => "not_ics",
            FileNotRead::NotCalendar => "not_calendar",
            FileNotRead::Unreadable => "unreadable",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            FileNotRead::NotIcs => "not .ics files (a vdir's displayname, color)",
            FileNotRead::NotCalendar => "no calendar in them",
            FileNotRead::Unreadable => "could not be read",
        }
    }
}
