//! Calendars in the shapes real tools write (Google, Nextcloud, Thunderbird, Apple, Exchange
//! with Windows zone names), read by users in several zones: every meeting on the user's own
//! day, none dropped, and every event the file holds accounted for in the report. Each
//! fixture under `tests/fixtures/calendar/real/` says in its file which tool's shape it has.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use common::capture::{Entry, assert_adds_up, capture_in, known, not_read, skipped, timeline};
use serde_json::Value;

const AMSTERDAM: &str = "Europe/Amsterdam";

fn fixture(name: &str) -> String {
    format!("tests/fixtures/calendar/real/{name}")
}

fn import(s: &Sandbox, zone: &str, name: &str) -> Value {
    let report = capture_in(s, zone, "calendar", &fixture(name), &[]);
    assert_adds_up(&report);
    report
}

/// Importing the same file again finds everything captured, moves nothing.
fn assert_again_adds_nothing(s: &Sandbox, zone: &str, name: &str) {
    let before = common::snapshot(&s.db);
    let again = import(s, zone, name);
    assert_eq!(
        (
            again["captured"].as_u64(),
            again["moved"].as_u64(),
            again["removed"].as_u64()
        ),
        (Some(0), Some(0), Some(0)),
        "{name}: {again:#}"
    );
    assert_eq!(before, common::snapshot(&s.db), "{name} wrote again");
}

fn met(days: &[&str], direction: &str) -> Vec<Entry> {
    days.iter()
        .map(|d| {
            (
                d.to_string(),
                "meet".to_string(),
                direction.to_string(),
                "calendar".to_string(),
                0,
            )
        })
        .collect()
}

fn days(s: &Sandbox, name: &str) -> Vec<String> {
    timeline(s, name).into_iter().map(|e| e.0).collect()
}

#[test]
fn a_series_ended_in_utc_keeps_its_last_meeting_east_of_utc() {
    let s = known();
    import(&s, AMSTERDAM, "google-until-utc.ics");
    assert_eq!(
        timeline(&s, "Ana Lima"),
        met(&["2026-11-02", "2026-11-03", "2026-11-04"], "gave")
    );
    import(&s, AMSTERDAM, "nextcloud-until-utc.ics");
    assert_eq!(
        timeline(&s, "Bo Chen"),
        met(
            &["2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17"],
            "gave"
        )
    );
    import(&s, AMSTERDAM, "thunderbird-until-utc.ics");
    assert_eq!(
        timeline(&s, "Carla Diaz"),
        met(&["2026-10-29", "2026-11-05", "2026-11-12"], "received")
    );
    for name in [
        "google-until-utc.ics",
        "nextcloud-until-utc.ics",
        "thunderbird-until-utc.ics",
    ] {
        assert_again_adds_nothing(&s, AMSTERDAM, name);
    }
}

#[test]
fn a_moved_occurrence_is_on_its_new_day_only() {
    let s = known();
    // RDATE occurrences moved: one by a RECURRENCE-ID in the series' zone, one by one in UTC.
    import(&s, AMSTERDAM, "rdate-moved.ics");
    assert_eq!(
        timeline(&s, "Ana Lima"),
        met(
            &["2026-11-03", "2026-11-08", "2026-11-11", "2026-11-19"],
            "received"
        )
    );
    assert_again_adds_nothing(&s, AMSTERDAM, "rdate-moved.ics");
    // Exchange: an all-day series, its override named at midnight in a Windows zone.
    let s = known();
    import(&s, AMSTERDAM, "exchange-allday-moved.ics");
    assert_eq!(
        days(&s, "Ana Lima"),
        ["2024-02-01", "2024-02-09", "2024-02-15", "2024-02-22"]
    );
    assert_again_adds_nothing(&s, AMSTERDAM, "exchange-allday-moved.ics");
}

#[test]
fn a_time_in_utc_or_another_zone_is_on_the_users_own_day() {
    for (zone, ana, bo) in [
        ("America/New_York", "2024-03-11", "2024-03-14"),
        ("Asia/Tokyo", "2024-03-12", "2024-03-15"),
        (AMSTERDAM, "2024-03-12", "2024-03-14"),
    ] {
        let s = known();
        let report = import(&s, zone, "utc-and-tokyo.ics");
        assert_eq!(report["zone"], zone);
        assert_eq!(days(&s, "Ana Lima"), [ana], "{zone}");
        assert_eq!(days(&s, "Bo Chen"), [bo], "{zone}");
    }
}

#[test]
fn every_block_of_a_file_is_read() {
    let s = known();
    let report = import(&s, "UTC", "two-blocks.ics");
    assert_eq!(report["events"]["read"], 2);
    assert_eq!(days(&s, "Ana Lima"), ["2026-11-02"]);
    assert_eq!(days(&s, "Bo Chen"), ["2026-11-09"]);
}

#[test]
fn who_declined_and_rooms_do_not_make_a_crowd_and_rooms_are_never_people() {
    let s = known();
    let report = import(&s, "UTC", "declined-and-rooms.ics");
    assert_eq!(report["captured"], 1, "{report:#}");
    // One meeting, the three of them with you.
    for name in ["Ana Lima", "Bo Chen", "Carla Diaz"] {
        let mut together = met(&["2026-11-17"], "received");
        together[0].4 = 2;
        assert_eq!(timeline(&s, name), together, "{name}");
    }
    // Neither room is listed as someone to add; nor are those who declined.
    assert_eq!(report["unknown"], Value::Array(Vec::new()), "{report:#}");
    // With a limit of three, four who met are a crowd again.
    let s = known();
    std::fs::write(
        s.dir.path().join("no-config.toml"),
        "[capture]\nmax_attendees = 3\n",
    )
    .unwrap();
    let report = import(&s, "UTC", "declined-and-rooms.ics");
    assert_eq!(skipped(&report), [("crowd".to_string(), 1)]);
}

#[test]
fn of_two_copies_of_an_event_the_higher_sequence_wins() {
    let s = known();
    let report = import(&s, "UTC", "sequence-copies.ics");
    assert_eq!(
        days(&s, "Ana Lima"),
        ["2026-11-03", "2026-11-10", "2026-11-17", "2026-11-24"]
    );
    assert_eq!(
        not_read(&report["events"]["not_read"]),
        [("superseded".to_string(), 1)]
    );
    assert_again_adds_nothing(&s, "UTC", "sequence-copies.ics");
}

#[test]
fn a_cut_off_file_gives_what_is_whole_and_says_what_is_not() {
    let s = known();
    let report = import(&s, "UTC", "truncated.ics");
    assert_eq!(days(&s, "Ana Lima"), ["2026-11-04", "2026-11-05"]);
    assert_eq!(
        not_read(&report["events"]["not_read"]),
        [("cut_off".to_string(), 1)]
    );
    let text = s.ok(&[
        "import",
        "calendar",
        &fixture("truncated.ics"),
        "--me",
        common::capture::ME,
        "--dry-run",
    ]);
    assert!(text.contains("1 cut off where the file ends"), "{text}");
}

#[test]
fn recurrence_edges_are_expanded_as_the_rfc_allows_or_refused_with_a_line() {
    let s = known();
    let report = import(&s, "UTC", "rule-edges.ics");
    // Two rules: their union.
    assert_eq!(
        days(&s, "Ana Lima"),
        ["2026-11-02", "2026-11-03", "2026-11-09", "2026-11-16"]
    );
    // A rule escaped with \; is read as the rule it means, and the report says so.
    assert_eq!(
        days(&s, "Bo Chen"),
        ["2026-11-02", "2026-11-03", "2026-11-04"]
    );
    assert_eq!(
        not_read(&report["notes"]),
        [("escaped_rule".to_string(), 1)]
    );
    // COUNT with UNTIL is refused, and said.
    assert_eq!(days(&s, "Carla Diaz"), Vec::<String>::new());
    assert_eq!(
        not_read(&report["events"]["not_read"]),
        [("count_and_until".to_string(), 1)]
    );
    // Two events without a UID at 23:30 in two zones are two meetings.
    let dee = &report["unknown"][0];
    assert_eq!(
        (dee["email"].as_str(), dee["sent"].as_u64()),
        (Some("dee@else.example"), Some(2))
    );
    assert_again_adds_nothing(&s, "UTC", "rule-edges.ics");
}

#[test]
fn a_series_every_second_is_a_meeting_a_day() {
    let s = known();
    let report = import(&s, "UTC", "every-second.ics");
    assert_eq!(
        days(&s, "Ana Lima"),
        ["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25"]
    );
    assert_eq!(report["captured"], 4);
    // From 09:00 on the 22nd to the end of the 25th: all read, the rest of each day folded.
    assert_eq!(report["read"], 313_200);
    assert_eq!(
        skipped(&report),
        [("same_day_in_series".to_string(), 313_196)]
    );
}

#[test]
fn a_khal_vdir_is_read_whole_with_an_older_copy_of_a_series_left_out() {
    let s = known();
    let report = capture_in(
        &s,
        AMSTERDAM,
        "calendar",
        "tests/fixtures/calendar/khal-vdir",
        &[],
    );
    assert_adds_up(&report);
    // Fortnightly Sunday runs; the one on 1 November was moved to Saturday the 31st; the last
    // is the UTC UNTIL itself.
    assert_eq!(
        timeline(&s, "Bo Chen"),
        met(
            &["2026-10-04", "2026-10-18", "2026-10-31", "2026-11-15"],
            "gave"
        )
    );
    // A floating dinner is on the day it says, wherever you are.
    assert_eq!(timeline(&s, "Carla Diaz"), met(&["2026-11-20"], "mutual"));
    assert_eq!(
        not_read(&report["files"]["not_read"]),
        [("not_ics".to_string(), 2)]
    );
    assert_eq!(
        not_read(&report["events"]["not_read"]),
        [("superseded".to_string(), 1)]
    );
    let tokyo = known();
    capture_in(
        &tokyo,
        "Asia/Tokyo",
        "calendar",
        "tests/fixtures/calendar/khal-vdir",
        &[],
    );
    assert_eq!(days(&tokyo, "Carla Diaz"), ["2026-11-20"]);
    // 07:30 in Amsterdam is 15:30 in Tokyo: the same days.
    assert_eq!(days(&tokyo, "Bo Chen").len(), 4);
}

#[test]
fn a_meeting_captured_before_is_captured_for_someone_known_since() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--email", "ana@lima.example"]);
    import(&s, "UTC", "declined-and-rooms.ics");
    assert_eq!(timeline(&s, "Ana Lima")[0].4, 0);
    s.ok(&["add", "Bo Chen", "--email", "bo@chen.example"]);
    let again = import(&s, "UTC", "declined-and-rooms.ics");
    assert_eq!(
        (again["captured"].as_u64(), again["moved"].as_u64()),
        (Some(1), Some(0)),
        "{again:#}"
    );
    let mut together = met(&["2026-11-17"], "received");
    together[0].4 = 1;
    assert_eq!(timeline(&s, "Bo Chen"), together);
    assert_eq!(timeline(&s, "Ana Lima"), together);
    assert_again_adds_nothing(&s, "UTC", "declined-and-rooms.ics");
}
