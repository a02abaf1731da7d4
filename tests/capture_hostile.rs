//! Hostile mail and calendars, each written by the test (small where the attack is small) and
//! imported by the real binary under `ulimit -v` 500 MB with a generous hang guard: a 600 MB
//! body on one line, a header that never ends, a `To:` folded over 100 MB, 200,000 RDATEs,
//! 100,000 recipients, 100,000 attendees, 100,000 EXDATEs on a rule without end, a rule every
//! second for a year. Each finishes, within the memory, and says what it cut. How long they
//! take is a benchmark's business (`benches/capture.rs`), never a test's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::Sandbox;
use common::capture::{ME, known, not_read};
use serde_json::Value;

/// The most a run may take before it is taken to hang (a machine under load is slow).
const HANG_GUARD: Duration = Duration::from_secs(240);

/// Runs `tiesdesk import KIND PATH --me … --json` in a shell limited to 500 MB of address
/// space, and reads its report.
fn import_bounded(s: &Sandbox, kind: &str, path: &Path) -> Value {
    let binary = assert_cmd::cargo::cargo_bin!("tiesdesk");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 512000 && exec \"$0\" \"$@\"")
        .arg(binary)
        .args(["--db", s.db.to_str().unwrap(), "--today", common::TODAY])
        .args(["import", kind, path.to_str().unwrap(), "--me", ME, "--json"])
        .env_remove("TIESDESK_DB")
        .env("TIESDESK_CONFIG", s.dir.path().join("no-config.toml"))
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            panic!("import {kind} {} hung", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out: Output = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "import {kind} {} failed within 500 MB: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn file(s: &Sandbox, name: &str) -> (PathBuf, BufWriter<File>) {
    let path = s.dir.path().join(name);
    let file = BufWriter::new(File::create(&path).unwrap());
    (path, file)
}

const ENVELOPE: &str = "From ana@lima.example Mon Nov  2 09:00:00 2026\n";
const ANA: &str = "From: Ana Lima <ana@lima.example>\nTo: me@example.org\n\
                   Date: Mon, 02 Nov 2026 09:00:00 +0100\n";

/// Bo's message, the one after an attack: read whole.
fn after(out: &mut impl Write) {
    write!(
        out,
        "\n\nFrom bo@chen.example Tue Nov  3 09:00:00 2026\nFrom: Bo Chen <bo@chen.example>\n\
         To: me@example.org\nDate: Tue, 03 Nov 2026 09:00:00 +0100\nMessage-ID: <after@x>\n\n\
         Hi\n"
    )
    .unwrap();
}

#[test]
fn a_body_of_600_mb_on_one_line_costs_no_memory() {
    let s = known();
    let (path, mut out) = file(&s, "big-body.mbox");
    write!(out, "{ENVELOPE}{ANA}Message-ID: <big@x>\n\n").unwrap();
    out.flush().unwrap();
    let mut file = out.into_inner().unwrap();
    // 600 MB of one line (a sparse file: written in no time, read as zeros).
    let end = file.seek(SeekFrom::End(0)).unwrap() + 600 * 1024 * 1024;
    file.set_len(end).unwrap();
    file.seek(SeekFrom::End(0)).unwrap();
    after(&mut file);
    drop(file);
    let report = import_bounded(&s, "mail", &path);
    assert_eq!(report["read"], 2, "{report:#}");
    assert_eq!(report["captured"], 2);
}

#[test]
fn a_header_that_never_ends_or_a_to_folded_over_100_mb_is_not_read_and_said() {
    let s = known();
    let (path, mut out) = file(&s, "long-headers.mbox");
    // A header of 40 MB of lines, then (after a blank line and an envelope) a To: folded
    // over 100 MB, then Bo's message.
    write!(out, "{ENVELOPE}{ANA}").unwrap();
    for i in 0..2_000_000 {
        writeln!(out, "X-Junk-{i}: 0123456789").unwrap();
    }
    write!(
        out,
        "\n\nFrom me@example.org Mon Nov  2 10:00:00 2026\nFrom: me@example.org\nTo: a@x.example"
    )
    .unwrap();
    for _ in 0..4_000_000 {
        write!(out, ",\n b@x.example,\n c@x.example").unwrap();
    }
    writeln!(out, "\nDate: Mon, 02 Nov 2026 10:00:00 +0100\n").unwrap();
    after(&mut out);
    out.flush().unwrap();
    drop(out);
    let report = import_bounded(&s, "mail", &path);
    assert_eq!(report["read"], 3, "{report:#}");
    assert_eq!(
        not_read(&report["not_read"]),
        [("header_too_long".to_string(), 2)]
    );
    assert_eq!(report["captured"], 1, "Bo's message after them is read");
}

#[test]
fn a_message_to_100000_people_is_read_once_linearly() {
    let s = known();
    let (path, mut out) = file(&s, "many-recipients.eml");
    write!(out, "From: me@example.org\nTo: ana@lima.example").unwrap();
    for i in 0..100_000 {
        write!(out, ", friend{i}@x.example").unwrap();
    }
    write!(
        out,
        "\nDate: Mon, 02 Nov 2026 10:00:00 +0100\nMessage-ID: <all@x>\n\nHi\n"
    )
    .unwrap();
    drop(out);
    let report = import_bounded(&s, "mail", &path);
    let skipped = &report["skipped"][0];
    assert_eq!(
        (skipped["reason"].as_str(), skipped["count"].as_u64()),
        (Some("broadcast"), Some(1))
    );
}

fn calendar(s: &Sandbox, name: &str, event: impl FnOnce(&mut BufWriter<File>)) -> PathBuf {
    let (path, mut out) = file(s, name);
    write!(
        out,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Hostile//EN\r\nBEGIN:VEVENT\r\n\
         UID:{name}\r\nDTSTAMP:20260101T000000Z\r\nORGANIZER:mailto:{ME}\r\n"
    )
    .unwrap();
    event(&mut out);
    write!(out, "END:VEVENT\r\nEND:VCALENDAR\r\n").unwrap();
    out.flush().unwrap();
    path
}

#[test]
fn an_event_with_200000_rdates_or_100000_attendees_is_read_once() {
    let s = known();
    let rdates = calendar(&s, "rdates.ics", |out| {
        write!(
            out,
            "DTSTART:20000101T100000Z\r\nATTENDEE:mailto:ana@lima.example\r\n"
        )
        .unwrap();
        let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 2).unwrap();
        for day in 0..200_000 {
            let date = start + chrono::Duration::days(day);
            write!(out, "RDATE:{}T100000Z\r\n", date.format("%Y%m%d")).unwrap();
        }
    });
    let report = import_bounded(&s, "calendar", &rdates);
    // Every day from 2000-01-01 to today is a meeting; the RDATEs after today are not.
    assert_eq!(report["captured"], 9_826, "{report:#}");
    let attendees = calendar(&s, "attendees.ics", |out| {
        write!(
            out,
            "DTSTART:20261102T100000Z\r\nATTENDEE:mailto:bo@chen.example\r\n"
        )
        .unwrap();
        for i in 0..100_000 {
            write!(out, "ATTENDEE;CN=Guest {i}:mailto:guest{i}@x.example\r\n").unwrap();
        }
    });
    let report = import_bounded(&s, "calendar", &attendees);
    let skipped = &report["skipped"][0];
    assert_eq!(
        (skipped["reason"].as_str(), skipped["count"].as_u64()),
        (Some("crowd"), Some(1))
    );
}

#[test]
fn a_rule_without_end_every_minute_with_100000_exdates_or_every_second_is_cut_and_said() {
    let s = known();
    let exdates = calendar(&s, "exdates.ics", |out| {
        write!(
            out,
            "DTSTART:20240101T000000Z\r\nRRULE:FREQ=MINUTELY\r\n\
             ATTENDEE:mailto:ana@lima.example\r\n"
        )
        .unwrap();
        let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        for minute in 0..100_000 {
            let at = start + chrono::Duration::minutes(minute * 3);
            write!(out, "EXDATE:{}\r\n", at.format("%Y%m%dT%H%M%SZ")).unwrap();
        }
    });
    let report = import_bounded(&s, "calendar", &exdates);
    assert_eq!(
        not_read(&report["notes"]),
        [("series_cut".to_string(), 1)],
        "{report:#}"
    );
    // A million minutes from 1 January 2024: 695 days, one meeting each.
    assert_eq!(report["captured"], 695);
    let every_second = calendar(&s, "every-second-for-a-year.ics", |out| {
        write!(
            out,
            "DTSTART:20251125T000000Z\r\nRRULE:FREQ=SECONDLY\r\n\
             ATTENDEE:mailto:bo@chen.example\r\n"
        )
        .unwrap();
    });
    let report = import_bounded(&s, "calendar", &every_second);
    assert_eq!(not_read(&report["notes"]), [("series_cut".to_string(), 1)]);
    // A million seconds: the first 12 days, one meeting each.
    assert_eq!(report["captured"], 12);
}
