//! The calendar's days against a second, independent expansion: series in New York, Tokyo,
//! Sydney, Amsterdam and UTC (weekly, daily, monthly, yearly; ended by COUNT or by a UTC
//! UNTIL; across the days the clocks change, at times that do not exist or happen twice)
//! are imported by users in four zones, and each person's captured days are compared with
//! what the `rrule` crate expands, turned into the same user's days. Zero differences.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use common::Sandbox;
use tiesdesk::model::{NetworkDraft, PersonData};

/// DTSTART (TZID or UTC) and the rule. Each DTSTART is one its rule gives: for one that is
/// not, RFC 5545 leaves the set undefined (tiesdesk counts DTSTART, as calendars show it;
/// `rrule`, like python-dateutil, does not).
const SERIES: [(&str, &str); 13] = [
    // Monday evenings in New York: Tuesdays east of the Atlantic.
    (
        "DTSTART;TZID=America/New_York:20260105T203000",
        "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261130T013000Z",
    ),
    // Early mornings in Tokyo: the evening before in Europe and America.
    (
        "DTSTART;TZID=Asia/Tokyo:20260220T073000",
        "FREQ=DAILY;INTERVAL=3;COUNT=90",
    ),
    // Sydney, whose summer is Europe's winter.
    (
        "DTSTART;TZID=Australia/Sydney:20260303T080000",
        "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20260601T000000Z",
    ),
    // Saturday nights in Amsterdam, across both of 2026's changes.
    (
        "DTSTART;TZID=Europe/Amsterdam:20260307T233000",
        "FREQ=WEEKLY;BYDAY=SA;COUNT=40",
    ),
    // 02:30 in Amsterdam, which does not exist on 29 March.
    (
        "DTSTART;TZID=Europe/Amsterdam:20260325T023000",
        "FREQ=DAILY;COUNT=10",
    ),
    // 01:30 in New York, which happens twice on 1 November.
    (
        "DTSTART;TZID=America/New_York:20261029T013000",
        "FREQ=DAILY;COUNT=6",
    ),
    // The last Friday of the month, late, in UTC.
    (
        "DTSTART:20250627T234500Z",
        "FREQ=MONTHLY;BYDAY=-1FR;COUNT=16",
    ),
    // Just after midnight in Tokyo, ended by a UTC UNTIL (east of UTC).
    (
        "DTSTART;TZID=Asia/Tokyo:20260101T001500",
        "FREQ=MONTHLY;BYMONTHDAY=1,15;UNTIL=20261115T000000Z",
    ),
    // Friday nights in Sydney; the last one is exactly the UNTIL.
    (
        "DTSTART;TZID=Australia/Sydney:20260102T230000",
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20260814T130000Z",
    ),
    // The stand-up: the last one is the UNTIL, in UTC.
    (
        "DTSTART;TZID=Europe/Amsterdam:20261102T090000",
        "FREQ=DAILY;UNTIL=20261104T080000Z",
    ),
    // The Sundays the clocks change in New York: spring, and autumn late at night.
    (
        "DTSTART;TZID=America/New_York:20200308T180000",
        "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=7",
    ),
    (
        "DTSTART;TZID=America/New_York:20201101T230000",
        "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU;COUNT=6",
    ),
    // Every other Wednesday at 22:00 in UTC, for a year and a half.
    (
        "DTSTART:20250507T220000Z",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;UNTIL=20261118T220000Z",
    ),
];

const USERS: [&str; 4] = [
    "Europe/Amsterdam",
    "America/New_York",
    "Asia/Tokyo",
    "Australia/Sydney",
];

fn email(series: usize) -> String {
    format!("series{series}@example.org")
}

fn calendar() -> String {
    let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Invented//EN\r\n");
    for (i, (start, rule)) in SERIES.iter().enumerate() {
        text.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:series-{i}@example.org\r\nDTSTAMP:20260101T000000Z\r\n\
             {start}\r\nRRULE:{rule}\r\nORGANIZER:mailto:me@example.org\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:{}\r\nEND:VEVENT\r\n",
            email(i)
        ));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

/// The days the `rrule` crate gives each series, as a user in `zone` lives them.
fn expected(zone: chrono_tz::Tz, today: NaiveDate) -> BTreeMap<usize, BTreeSet<NaiveDate>> {
    SERIES
        .iter()
        .enumerate()
        .map(|(i, (start, rule))| {
            let set: rrule::RRuleSet = format!("{start}\nRRULE:{rule}").parse().unwrap();
            let days = set
                .all(2_000)
                .dates
                .into_iter()
                .map(|at| at.with_timezone(&zone).date_naive())
                .filter(|day| *day <= today)
                .collect();
            (i, days)
        })
        .collect()
}

/// The days tiesdesk captured with each series' attendee.
fn captured(s: &Sandbox) -> BTreeMap<usize, BTreeSet<NaiveDate>> {
    let out = s.cmd(&["export", "json"]).output().unwrap();
    let document: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut ids = BTreeMap::new();
    for person in document["people"].as_array().unwrap() {
        let email = person["emails"][0].as_str().unwrap();
        let series = (0..SERIES.len())
            .find(|&i| self::email(i) == email)
            .unwrap();
        ids.insert(person["id"].as_i64().unwrap(), series);
    }
    let mut days: BTreeMap<usize, BTreeSet<NaiveDate>> =
        (0..SERIES.len()).map(|i| (i, BTreeSet::new())).collect();
    for interaction in document["interactions"].as_array().unwrap() {
        let day =
            NaiveDate::parse_from_str(interaction["date"].as_str().unwrap(), "%Y-%m-%d").unwrap();
        for person in interaction["people"].as_array().unwrap() {
            let series = ids[&person.as_i64().unwrap()];
            days.get_mut(&series).unwrap().insert(day);
        }
    }
    days
}

#[test]
fn every_occurrence_falls_on_the_day_a_second_expander_gives_in_every_users_zone() {
    let today = NaiveDate::parse_from_str(common::TODAY, "%Y-%m-%d").unwrap();
    let mut compared = 0;
    for user in USERS {
        let s = Sandbox::new();
        std::fs::create_dir_all(s.db.parent().unwrap()).unwrap();
        let mut desk =
            tiesdesk::ops::Desk::open(&s.db, tiesdesk::Config::default(), today).unwrap();
        let people = (0..SERIES.len())
            .map(|i| PersonData {
                emails: vec![email(i)],
                ..PersonData::named(&format!("Series {i}"))
            })
            .collect();
        let draft = NetworkDraft {
            people,
            ..NetworkDraft::default()
        };
        desk.insert_network(&draft, "people").unwrap();
        drop(desk);
        let file = s.dir.path().join("series.ics");
        std::fs::write(&file, calendar()).unwrap();
        let report = common::capture::capture_in(&s, user, "calendar", file.to_str().unwrap(), &[]);
        assert_eq!(report["zone"], user);
        let zone: chrono_tz::Tz = user.parse().unwrap();
        let want = expected(zone, today);
        let got = captured(&s);
        for (series, days) in &want {
            assert_eq!(
                &got[series], days,
                "series {series} ({}) for a user in {user}",
                SERIES[*series].0
            );
            compared += days.len();
        }
    }
    // A few hundred occurrences in each zone, not an empty comparison.
    assert!(compared > 1_000, "{compared}");
}
