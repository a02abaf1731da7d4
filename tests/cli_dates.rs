//! Yearly dates through the real binary: added (a birthday to its own field), listed soonest
//! first across a year end and on 29 February, shown by `today`, removed, undone, and every
//! refusal leaving the database as it was.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use serde_json::Value;

fn what(dates: &Value) -> Vec<String> {
    dates
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}",
                d["day"].as_str().unwrap(),
                d["name"].as_str().unwrap(),
                d["label"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn dates_come_round_soonest_first_across_a_year_end() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Bo Chen"]);
    let said = s.ok(&["date", "Ana", "work anniversary", "2019-01-03"]);
    assert!(
        said.contains("Ana Lima: work anniversary on 3 Jan 2019, date #1"),
        "{said}"
    );
    // Typed as people write them; shown by the month's name; stored as before.
    s.ok(&["date", "Bo", "met", "31 Dec"]);
    let said = s.ok(&["date", "Bo", "Birthday", "30 December 1985"]);
    assert!(said.contains("Bo Chen's birthday is 30 Dec 1985"), "{said}");
    assert!(s.ok(&["show", "Bo"]).contains("birthday   30 Dec 1985"));
    assert_eq!(s.json(&["show", "Bo"])["person"]["birthday"], "1985-12-30");
    assert_eq!(s.json(&["show", "Bo"])["dates"][0]["label"], "met");
    assert_eq!(s.json(&["show", "Bo"])["dates"][0]["on"], "--12-31");
    let late_december = s.json_at("2026-12-29", &["dates", "--within", "14"]);
    assert_eq!(
        what(&late_december),
        [
            "2026-12-30 Bo Chen birthday",
            "2026-12-31 Bo Chen met",
            "2027-01-03 Ana Lima work anniversary"
        ]
    );
    assert_eq!(late_december[0]["turns"], 41);
    assert_eq!(late_december[2]["turns"], 8, "years since 2019");
    assert!(late_december[1].get("turns").is_none(), "no year, no count");
    assert_eq!(late_december[2]["in_days"], 5);
    // `today` shows the week's, the anniversary among them.
    let morning = s.json_at("2026-12-29", &["today"]);
    assert_eq!(what(&morning["dates"]).len(), 3);
    // The sandbox's own day (25 November) has none within a week.
    assert_eq!(s.json(&["dates", "--within", "7"]), serde_json::json!([]));
    let text = s.ok(&["dates"]);
    assert!(text.contains("Bo Chen: met  #2"), "{text}");
}

#[test]
fn a_date_on_29_february_falls_on_the_28th_in_other_years() {
    let s = Sandbox::new();
    s.ok(&["add", "Leap Day"]);
    s.ok(&["date", "Leap", "met", "2024-02-29"]);
    let dates = s.json_at("2027-02-20", &["dates", "--within", "14"]);
    assert_eq!(what(&dates), ["2027-02-28 Leap Day met"]);
    let dates = s.json_at("2028-02-20", &["dates", "--within", "14"]);
    assert_eq!(what(&dates), ["2028-02-29 Leap Day met"]);
}

#[test]
fn removing_a_date_is_undone_and_bad_dates_change_nothing() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["date", "Ana", "met", "--11-30"]);
    let said = s.ok(&["date-remove", "1"]);
    assert!(said.contains("Removed Ana Lima's met (--11-30)."), "{said}");
    assert_eq!(s.json(&["dates"]), serde_json::json!([]));
    s.ok(&["undo"]);
    assert_eq!(what(&s.json(&["dates"])), ["2026-11-30 Ana Lima met"]);
    s.refused(&["date-remove", "9"], "no date #9");
    s.refused(
        &["date", "Ana", "met", "2026-02-30"],
        "bad date '2026-02-30'",
    );
    s.refused(&["date", "Ana", "met", "--13-01"], "bad date '--13-01'");
    s.refused(&["date", "Ana", " ", "--01-01"], "a date needs a label");
    s.refused(&["date", "Nobody Here", "met", "--01-01"], "nobody");
    s.refused(&["dates", "--within", "-1"], "-1");
}

#[test]
fn dates_follow_a_merge_and_leave_with_an_archive() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["add", "Ana L", "--email", "ana@x.org"]);
    s.ok(&["date", "Ana L", "met", "--11-30"]);
    s.ok(&["merge", "Ana Lima", "Ana L"]);
    assert_eq!(what(&s.json(&["dates"])), ["2026-11-30 Ana Lima met"]);
    s.ok(&["undo"]);
    assert_eq!(what(&s.json(&["dates"])), ["2026-11-30 Ana L met"]);
    s.ok(&["archive", "Ana L"]);
    assert_eq!(s.json(&["dates"]), serde_json::json!([]));
}

/// The events of an iCalendar text, read back with the iCalendar parser tiesdesk reads
/// calendars with: (UID, SUMMARY, DTSTART, RRULE) each.
fn events(text: &str) -> Vec<(String, String, String, String)> {
    use calcard::icalendar::{ICalendarComponentType, ICalendarProperty};
    let calendar = match calcard::icalendar::ICalendar::parse(text) {
        Ok(calendar) => calendar,
        Err(e) => panic!("not iCalendar: {e:?}\n{text}"),
    };
    let field = |component: &calcard::icalendar::ICalendarComponent, name: ICalendarProperty| {
        component
            .entries
            .iter()
            .find(|e| e.name == name)
            .map(|e| {
                let mut out = String::new();
                e.write_to(&mut out).unwrap();
                out.trim_end().split_once(':').unwrap().1.to_string()
            })
            .unwrap_or_default()
    };
    calendar
        .components
        .iter()
        .filter(|c| c.component_type == ICalendarComponentType::VEvent)
        .map(|c| {
            (
                field(c, ICalendarProperty::Uid),
                field(c, ICalendarProperty::Summary),
                field(c, ICalendarProperty::Dtstart),
                field(c, ICalendarProperty::Rrule),
            )
        })
        .collect()
}

#[test]
fn export_ics_writes_yearly_dates_and_deadlines_with_stable_uids() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--birthday", "--02-29"]);
    s.ok(&["add", "Bo Chen"]);
    s.ok(&["add", "Cy Gone", "--birthday", "1990-05-01"]);
    s.ok(&["date", "Bo", "work anniversary", "2019-03-01"]);
    s.ok(&["promise", "Bo", "the book, soon", "--by", "2026-12-24"]);
    s.ok(&["promise", "Ana", "coffee"]);
    s.ok(&["archive", "Cy"]);
    let first = s.ok(&["export", "ics"]);
    let read = events(&first);
    assert_eq!(
        read,
        [
            (
                "birthday-1@tiesdesk".to_string(),
                "Ana Lima's birthday".to_string(),
                "20000229".to_string(),
                "FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2".to_string()
            ),
            (
                "date-1@tiesdesk".into(),
                "Bo Chen: work anniversary".into(),
                "20190301".into(),
                "FREQ=YEARLY".into()
            ),
            (
                "promise-1@tiesdesk".into(),
                "Promise to Bo Chen".into(),
                "20261224".into(),
                String::new()
            ),
        ],
        "no archived person, no promise without a day, no promise's text"
    );
    assert!(
        !first.contains("the book"),
        "calendars sync to a cloud: {first}"
    );
    // Asked for, the text is in the event.
    let with_text = events(&s.ok(&["export", "ics", "--with-text"]));
    assert_eq!(with_text[2].1, "Promise to Bo Chen: the book\\, soon");
    // Later, with a change: the same things keep their UIDs, so a calendar updates them.
    s.ok(&["edit", "Bo", "--name", "Bo Chen-Li"]);
    let file = s.dir.path().join("dates.ics");
    s.ok(&["export", "ics", "-o", file.to_str().unwrap()]);
    let again = events(&std::fs::read_to_string(&file).unwrap());
    let uids = |events: &[(String, String, String, String)]| -> Vec<String> {
        events.iter().map(|e| e.0.clone()).collect()
    };
    assert_eq!(uids(&again), uids(&read));
    assert_eq!(again[1].1, "Bo Chen-Li: work anniversary");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}
