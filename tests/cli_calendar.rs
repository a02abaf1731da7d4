//! Capturing meetings from the user's calendar, through the real binary on real databases:
//! recurrences expanded (RRULE, EXDATE, a moved occurrence, time zones), who organised, what
//! was skipped; a second import adds nothing; a changed calendar moves or takes out only
//! captured rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::capture::{Entry, ME, known, not_read, skipped, stored_text, timeline};
use serde_json::Value;

const DIR: &str = "tests/fixtures/calendar";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

fn capture(s: &Sandbox, path: &str, more: &[&str]) -> Value {
    common::capture::capture(s, "calendar", path, more)
}

fn met(day: &str, kind: &str, direction: &str) -> Entry {
    (
        day.into(),
        kind.into(),
        direction.into(),
        "calendar".into(),
        0,
    )
}

fn weekly(days: &[&str]) -> Vec<Entry> {
    days.iter().map(|d| met(d, "meet", "gave")).collect()
}

#[test]
fn a_calendar_gives_each_past_occurrence_with_someone_known() {
    let s = known();
    let report = capture(&s, &fixture("work.ics"), &[]);
    // 7 weekly 1:1s, the climbing day, the declined demo, the cancelled drinks, the all-hands,
    // the video call, the dinner, the focus block and 4 meetings with Dee; not the one in
    // December.
    assert_eq!(report["read"], 18, "{report:#}");
    assert_eq!(report["captured"], 10);
    assert_eq!(report["no_one_known"], 4);
    assert_eq!(
        skipped(&report),
        [
            ("cancelled".to_string(), 1),
            ("declined".to_string(), 1),
            ("crowd".to_string(), 1),
            ("no_one_else".to_string(), 1),
        ]
    );
    // Weekly on Mondays from 5 October, without 19 October (EXDATE), and 9 November moved
    // to Tuesday the 10th (RECURRENCE-ID); organised by you.
    assert_eq!(
        timeline(&s, "Ana Lima"),
        weekly(&[
            "2026-10-05",
            "2026-10-12",
            "2026-10-26",
            "2026-11-02",
            "2026-11-10",
            "2026-11-16",
            "2026-11-23"
        ])
    );
    // An all-day event Bo organised; a floating-time dinner no one organised.
    assert_eq!(
        timeline(&s, "Bo Chen"),
        [
            met("2026-11-07", "meet", "received"),
            met("2026-11-20", "meet", "mutual")
        ]
    );
    // A Meet link makes it a call; the demo Carla organised was declined.
    assert_eq!(
        timeline(&s, "Carla Diaz"),
        [met("2026-11-18", "call", "gave")]
    );
    let unknown = &report["unknown"][0];
    assert_eq!(unknown["email"], "dee@else.example");
    assert_eq!(
        (unknown["sent"].as_u64(), unknown["received"].as_u64()),
        (Some(2), Some(2))
    );
}

#[test]
fn a_second_import_or_the_same_events_in_a_vdir_add_nothing() {
    let s = known();
    capture(&s, &fixture("work.ics"), &[]);
    let before = common::snapshot(&s.db);
    let again = capture(&s, &fixture("work.ics"), &[]);
    assert_eq!(
        (again["captured"].as_u64(), again["already"].as_u64()),
        (Some(0), Some(10))
    );
    assert_eq!(before, common::snapshot(&s.db));
    // The vdir holds the weekly series again (one file per event), a lunch, a broken file
    // and its displayname: each file and event is accounted for.
    let vdir = capture(&s, &fixture("vdir"), &[]);
    assert_eq!(vdir["already"], 7);
    assert_eq!(vdir["captured"], 1);
    assert_eq!(skipped(&vdir), []);
    assert_eq!(
        (
            vdir["files"]["found"].as_u64(),
            vdir["files"]["read"].as_u64()
        ),
        (Some(4), Some(3))
    );
    assert_eq!(
        not_read(&vdir["files"]["not_read"]),
        [("not_ics".to_string(), 1)]
    );
    assert_eq!(
        not_read(&vdir["events"]["not_read"]),
        [("cut_off".to_string(), 1)]
    );
    assert_eq!(
        timeline(&s, "Carla Diaz"),
        [
            met("2026-11-18", "call", "gave"),
            met("2026-11-21", "meet", "received")
        ]
    );
}

#[test]
fn a_changed_calendar_moves_and_takes_out_only_captured_rows_and_undo_puts_them_back() {
    let s = known();
    capture(&s, &fixture("work.ics"), &[]);
    // Logged by hand on the day whose meeting is later cancelled.
    s.ok(&[
        "log",
        "Ana Lima",
        "--mutual",
        "--kind",
        "meet",
        "--on",
        "2026-11-16",
    ]);
    let later = capture(&s, &fixture("work-a-week-later.ics"), &[]);
    assert_eq!(later["moved"], 1, "{later:#}");
    assert_eq!(
        later["removed"], 2,
        "the cancelled 1:1 and the declined climbing day"
    );
    let mut ana = weekly(&[
        "2026-10-05",
        "2026-10-12",
        "2026-10-26",
        "2026-11-02",
        "2026-11-10",
        "2026-11-24",
    ]);
    ana.insert(
        5,
        (
            "2026-11-16".into(),
            "meet".into(),
            "mutual".into(),
            "by hand".into(),
            0,
        ),
    );
    assert_eq!(timeline(&s, "Ana Lima"), ana);
    assert_eq!(
        timeline(&s, "Bo Chen"),
        [met("2026-11-20", "meet", "mutual")]
    );
    let undone = s.ok(&["undo"]);
    assert!(
        undone.contains("import calendar work-a-week-later.ics"),
        "{undone}"
    );
    assert_eq!(
        timeline(&s, "Bo Chen")[0],
        met("2026-11-07", "meet", "received")
    );
    assert_eq!(timeline(&s, "Ana Lima").len(), 8);
    assert!(s.ok(&["check"]).contains("sound"));
}

#[test]
fn add_people_adds_who_you_met_both_ways_and_nothing_of_the_text_is_kept() {
    let s = known();
    let report = capture(&s, &fixture("work.ics"), &["--add-people"]);
    assert_eq!(report["added"][0]["name"], "Dee Else");
    assert_eq!(
        s.json(&["show", "Dee Else"])["person"]["source"],
        "calendar"
    );
    assert_eq!(
        timeline(&s, "Dee Else"),
        [
            met("2026-11-03", "meet", "received"),
            met("2026-11-09", "meet", "gave"),
            met("2026-11-17", "meet", "received"),
            met("2026-11-24", "meet", "gave")
        ]
    );
    let secrets = ["SECRET-SUMMARY", "SECRET-DESCRIPTION", "meet.google.com"];
    assert_eq!(stored_text(&s, &secrets), None);
}

#[test]
fn a_calendar_import_refuses_what_is_not_a_calendar() {
    let s = known();
    s.refused(
        &["import", "calendar", &fixture("work.ics")],
        "needs your own address",
    );
    s.refused(
        &["import", "calendar", "tests/fixtures/mail", "--me", ME],
        "no calendar here",
    );
    s.refused(
        &[
            "import",
            "calendar",
            "tests/fixtures/mail/saved/notes.txt",
            "--me",
            ME,
        ],
        "not an iCalendar file",
    );
    // A calendar whose one event is cut off imports nothing and says so.
    let broken = capture(&s, &fixture("vdir/broken.ics"), &[]);
    assert_eq!(
        not_read(&broken["events"]["not_read"]),
        [("cut_off".to_string(), 1)]
    );
    assert_eq!(broken["captured"], 0);
}

#[test]
fn events_without_a_uid_are_told_apart_and_found_again() {
    let s = known();
    let event = |who: &str| {
        format!(
            "BEGIN:VEVENT\r\nDTSTART:20261110T120000Z\r\nDTEND:20261110T130000Z\r\n\
             ORGANIZER:mailto:{ME}\r\nATTENDEE:mailto:{who}\r\nEND:VEVENT\r\n"
        )
    };
    let text = format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{}{}END:VCALENDAR\r\n",
        event("ana@lima.example"),
        event("bo@chen.example")
    );
    let path = s.dir.path().join("no-uid.ics");
    std::fs::write(&path, text).unwrap();
    let first = capture(&s, path.to_str().unwrap(), &[]);
    assert_eq!(first["captured"], 2, "{first:#}");
    let again = capture(&s, path.to_str().unwrap(), &[]);
    assert_eq!(
        (again["captured"].as_u64(), again["already"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(timeline(&s, "Bo Chen"), [met("2026-11-10", "meet", "gave")]);
}
