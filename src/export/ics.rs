//! iCalendar (RFC 5545) for the user's own calendar: birthdays and yearly dates as yearly
//! all-day events, promise deadlines as one-day events. Each event's UID comes from what it
//! is about (`birthday-7@tiesdesk`, `promise-3@tiesdesk`), so importing a later export into
//! khal, Google or Apple Calendar updates the events instead of adding them again.

use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFrequency,
    ICalendarMonth, ICalendarParameter, ICalendarParameterName, ICalendarParameterValue,
    ICalendarProperty, ICalendarRecurrenceRule, ICalendarTransparency, ICalendarValue,
    ICalendarValueType,
};
use chrono::Datelike;

use crate::model::{Day, YearlyDay};

/// What an event is: every year on a day (a birthday, an anniversary), or once (a deadline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    Yearly(YearlyDay),
    Once(Day),
}

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable: the same thing gets the same UID in every export.
    pub uid: String,
    pub summary: String,
    pub when: When,
}

fn entry(name: ICalendarProperty, value: ICalendarValue) -> ICalendarEntry {
    ICalendarEntry {
        name,
        params: Vec::new(),
        values: vec![value],
    }
}

fn date(day: Day) -> ICalendarValue {
    ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
        year: u16::try_from(day.year()).ok(),
        month: u8::try_from(day.month()).ok(),
        day: u8::try_from(day.day()).ok(),
        ..PartialDateTime::default()
    }))
}

/// `DTSTART;VALUE=DATE:…` and the like: a day, not a time.
fn date_entry(name: ICalendarProperty, day: Day) -> ICalendarEntry {
    ICalendarEntry {
        name,
        params: vec![ICalendarParameter {
            name: ICalendarParameterName::Value,
            value: ICalendarParameterValue::Value(ICalendarValueType::Date),
        }],
        values: vec![date(day)],
    }
}

/// The first day a yearly event falls on: in its year when known, else in 2000 (a leap
/// year, so 29 February is a real first day).
fn first_day(on: &YearlyDay) -> Option<Day> {
    let year = on.year.unwrap_or(2000);
    Day::from_ymd_opt(year, on.month, on.day).or_else(|| on.in_year(year))
}

fn yearly_rule(on: &YearlyDay) -> ICalendarRecurrenceRule {
    let mut rule = ICalendarRecurrenceRule {
        freq: ICalendarFrequency::Yearly,
        ..ICalendarRecurrenceRule::default()
    };
    // A yearly rule skips the years a day does not exist in; 29 February falls on the last
    // day of February instead, as it does everywhere else in tiesdesk.
    if on.month == 2 && on.day == 29 {
        rule.bymonth = vec![ICalendarMonth::new(2, false)];
        rule.bymonthday = vec![-1];
    }
    rule
}

/// The calendar of `events`, stamped with `stamped` (the day of the export).
pub fn calendar(events: &[Event], stamped: Day) -> String {
    let mut components = vec![ICalendarComponent {
        component_type: ICalendarComponentType::VCalendar,
        entries: vec![
            entry(
                ICalendarProperty::Version,
                ICalendarValue::Text("2.0".into()),
            ),
            entry(
                ICalendarProperty::Prodid,
                ICalendarValue::Text("-//tiesdesk//tiesdesk//EN".into()),
            ),
        ],
        component_ids: Vec::new(),
    }];
    let stamp = ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
        year: u16::try_from(stamped.year()).ok(),
        month: u8::try_from(stamped.month()).ok(),
        day: u8::try_from(stamped.day()).ok(),
        hour: Some(0),
        minute: Some(0),
        second: Some(0),
        tz_hour: Some(0),
        tz_minute: Some(0),
        tz_minus: false,
    }));
    for event in events {
        let (start, rule) = match &event.when {
            When::Yearly(on) => match first_day(on) {
                Some(day) => (day, Some(yearly_rule(on))),
                None => continue,
            },
            When::Once(day) => (*day, None),
        };
        let mut entries = vec![
            entry(
                ICalendarProperty::Uid,
                ICalendarValue::Text(event.uid.clone()),
            ),
            entry(ICalendarProperty::Dtstamp, stamp.clone()),
            date_entry(ICalendarProperty::Dtstart, start),
            date_entry(ICalendarProperty::Dtend, start + chrono::Duration::days(1)),
            entry(
                ICalendarProperty::Summary,
                ICalendarValue::Text(event.summary.clone()),
            ),
            entry(
                ICalendarProperty::Transp,
                ICalendarValue::Transparency(ICalendarTransparency::Transparent),
            ),
        ];
        if let Some(rule) = rule {
            entries.push(entry(
                ICalendarProperty::Rrule,
                ICalendarValue::RecurrenceRule(Box::new(rule)),
            ));
        }
        let id = components.len() as u32;
        components[0].component_ids.push(id);
        components.push(ICalendarComponent {
            component_type: ICalendarComponentType::VEvent,
            entries,
            component_ids: Vec::new(),
        });
    }
    ICalendar { components }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_iso_date;

    fn day(text: &str) -> Day {
        parse_iso_date(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn yearly_and_one_day_events_as_ics_writes_them() {
        let events = [
            Event {
                uid: "birthday-1@tiesdesk".into(),
                summary: "Ana Lima's birthday".into(),
                when: When::Yearly(YearlyDay {
                    year: None,
                    month: 2,
                    day: 29,
                }),
            },
            Event {
                uid: "promise-3@tiesdesk".into(),
                summary: "Promised Bo, Chen: the book; soon".into(),
                when: When::Once(day("2026-12-31")),
            },
        ];
        let text = calendar(&events, day("2026-12-03"));
        for line in [
            "BEGIN:VCALENDAR\r\n",
            "VERSION:2.0\r\n",
            "UID:birthday-1@tiesdesk\r\n",
            "DTSTAMP:20261203T000000Z\r\n",
            "DTSTART;VALUE=DATE:20000229\r\n",
            "DTEND;VALUE=DATE:20000301\r\n",
            "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2\r\n",
            "DTSTART;VALUE=DATE:20261231\r\n",
            "DTEND;VALUE=DATE:20270101\r\n",
            "SUMMARY:Promised Bo\\, Chen: the book\\; soon\r\n",
            "TRANSP:TRANSPARENT\r\n",
            "END:VCALENDAR\r\n",
        ] {
            assert!(text.contains(line), "{line:?} in {text}");
        }
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(text.matches("RRULE").count(), 1, "a deadline happens once");
    }
}
