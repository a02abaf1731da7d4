//! Capture at the sizes people have: `cargo bench --bench capture`.
//!
//! The real binary imports, each into a fresh copy of a database of 5,000 people:
//! - a 2 GB mbox of ~400,000 messages (target ≥ 100 MB/s, peak memory ≤ 150 MB),
//! - a Maildir of 100,000 files (target ≤ 15 s),
//! - a calendar of 5,000 events, 200 of them weekly series over five years (target ≤ 2 s),
//! - the 2 GB mbox a second time, everything already captured (`again`),
//! - an mbox of 2,000,000 short messages (`short`): memory must not grow with the count,
//! - one event with 10k, 100k and 200k RDATEs, one with as many attendees, one message to as
//!   many recipients (`linear`): the time per value must stay flat,
//!
//! each timed three times (the best is reported) beside `status` on the same database, the
//! yardstick. The files are generated once into `target/tmp/bench-data/` (invented people,
//! never a committed file); `CAPTURE_MBOX_MB` makes the mbox smaller for a quick look.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use tiesdesk::model::{NetworkDraft, PersonData};

#[path = "support/mod.rs"]
mod support;
use support::{TODAY, best_of, measured_run, timed};
const PEOPLE: usize = 5_000;
const ME: &str = "me@example.org";

/// SplitMix64: the same files on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A person, the close ones far more often (a heavy head, a long tail).
    fn person(&mut self) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * PEOPLE as f64) as usize
    }
}

fn data_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn address(i: usize) -> String {
    format!("friend{i}@example.org")
}

/// A database of 5,000 people known by their e-mail, made once.
fn people_database() -> PathBuf {
    let db = data_dir().join("capture-people-5k.db");
    if !db.exists() {
        let partial = db.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let mut store = tiesdesk::ops::Desk::open(
            &partial,
            tiesdesk::Config::default(),
            tiesdesk::model::date::parse_iso_date(TODAY).unwrap(),
        )
        .unwrap();
        let people = (0..PEOPLE)
            .map(|i| PersonData {
                emails: vec![address(i)],
                ..PersonData::named(&format!("Friend {i}"))
            })
            .collect();
        let draft = NetworkDraft {
            people,
            ..NetworkDraft::default()
        };
        store.insert_network(&draft, "bench people").unwrap();
        drop(store);
        std::fs::rename(&partial, &db).unwrap();
    }
    db
}

/// The day `n` days before today, in RFC 2822 form.
fn mail_date(days_ago: usize) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        - chrono::Duration::days(days_ago as i64);
    day.format("%a, %d %b %Y 10:00:00 +0100").to_string()
}

/// One message: headers as real clients write them, and a body of `body` bytes.
fn message(rng: &mut Rng, n: usize, body: usize, out: &mut String) {
    let days_ago = rng.below(5 * 365);
    let kind = rng.below(10);
    let _ = writeln!(out, "From x@x Mon Jan  1 00:00:00 2024");
    match kind {
        0..=2 => {
            let _ = writeln!(out, "From: Me <{ME}>");
            let to: Vec<String> = (0..1 + rng.below(3))
                .map(|_| format!("Friend <{}>", address(rng.person())))
                .collect();
            let _ = writeln!(out, "To: {}", to.join(", "));
        }
        3..=6 => {
            let _ = writeln!(
                out,
                "From: =?UTF-8?Q?Fr=C3=AFend?= <{}>",
                address(rng.person())
            );
            let _ = writeln!(out, "To: Me <{ME}>");
        }
        _ => {
            let _ = writeln!(out, "From: News <news{}@lists.example>", rng.below(50));
            let _ = writeln!(out, "To: {ME}");
            let _ = writeln!(out, "List-Id: <news.lists.example>");
            let _ = writeln!(out, "List-Unsubscribe: <mailto:unsubscribe@lists.example>");
        }
    }
    let _ = writeln!(out, "Subject: Message number {n}");
    let _ = writeln!(out, "Date: {}", mail_date(days_ago));
    let _ = writeln!(out, "Message-ID: <{n}.{}@bench.example>", rng.next());
    let _ = writeln!(
        out,
        "Received: from mx.example (mx.example [192.0.2.1])\n\tby mx.example with ESMTPS; {}",
        mail_date(days_ago)
    );
    let _ = writeln!(out, "MIME-Version: 1.0");
    let _ = writeln!(out, "Content-Type: text/plain; charset=UTF-8\n");
    let line = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n";
    let mut written = 0;
    while written < body {
        out.push_str(line);
        written += line.len();
    }
    out.push('\n');
}

/// Writes an mbox of `messages` messages to `path` unless it is there already; `body` draws
/// each one's body length.
fn write_mbox(path: &Path, messages: usize, seed: u64, body: impl Fn(&mut Rng) -> usize) {
    if path.exists() {
        return;
    }
    let partial = path.with_extension("partial");
    let mut file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&partial).unwrap());
    let mut rng = Rng(seed);
    let mut text = String::new();
    for n in 0..messages {
        text.clear();
        let length = body(&mut rng);
        message(&mut rng, n, length, &mut text);
        file.write_all(text.as_bytes()).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    std::fs::rename(&partial, path).unwrap();
}

/// An mbox of about `megabytes` MB (400,000 messages at 2,000 MB), made once.
fn big_mbox(megabytes: usize) -> (PathBuf, usize) {
    let path = data_dir().join(format!("capture-{megabytes}mb.mbox"));
    let messages = megabytes * 200;
    // Mostly short mail, a few long ones (an attachment): about 5 KB on average.
    write_mbox(&path, messages, 7, |rng| {
        if rng.below(20) == 0 { 40_000 } else { 3_000 }
    });
    (path, messages)
}

/// An mbox of `messages` short messages (headers and a line): what a long life of plain mail
/// looks like, and where what an import holds per message would show, made once.
fn many_mbox(messages: usize) -> PathBuf {
    let path = data_dir().join(format!("capture-{messages}-short.mbox"));
    write_mbox(&path, messages, 17, |_| 60);
    path
}

/// A Maildir of `files` messages in cur/ and new/, made once.
fn big_maildir(files: usize) -> PathBuf {
    let root = data_dir().join(format!("capture-maildir-{files}"));
    if !root.exists() {
        let partial = root.with_extension("partial");
        let _ = std::fs::remove_dir_all(&partial);
        for part in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(partial.join(part)).unwrap();
        }
        let mut rng = Rng(11);
        let mut text = String::new();
        for n in 0..files {
            text.clear();
            message(&mut rng, n, 2_000, &mut text);
            // A Maildir file holds the message without the mbox's From line.
            let body = text
                .split_once('\n')
                .map_or(text.as_str(), |(_, rest)| rest);
            let part = if n % 10 == 0 { "new" } else { "cur" };
            let name = format!("{}.M{n}P1.bench:2,S", 1_700_000_000 + n);
            std::fs::write(partial.join(part).join(name), body).unwrap();
        }
        std::fs::rename(&partial, &root).unwrap();
    }
    root
}

/// A calendar of 5,000 events: 200 weekly series over five years and 4,800 single events.
fn big_calendar() -> PathBuf {
    let path = data_dir().join("capture-calendar-5k.ics");
    if !path.exists() {
        let mut rng = Rng(13);
        let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
        let start = chrono::NaiveDate::from_ymd_opt(2021, 11, 29).unwrap();
        for n in 0..5_000 {
            let weekly = n < 200;
            let day = if weekly {
                start + chrono::Duration::days(rng.below(7) as i64)
            } else {
                start + chrono::Duration::days(rng.below(5 * 365) as i64)
            };
            let _ = write!(
                text,
                "BEGIN:VEVENT\r\nUID:bench-{n}@example.org\r\nDTSTAMP:20261101T000000Z\r\n\
                 DTSTART:{}T100000Z\r\nDTEND:{}T110000Z\r\nSUMMARY:Meeting {n}\r\n\
                 ORGANIZER:mailto:{ME}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{ME}\r\n",
                day.format("%Y%m%d"),
                day.format("%Y%m%d")
            );
            for _ in 0..1 + rng.below(3) {
                let _ = write!(
                    text,
                    "ATTENDEE;CN=Friend;PARTSTAT=ACCEPTED:mailto:{}\r\n",
                    address(rng.person())
                );
            }
            if weekly {
                text.push_str("RRULE:FREQ=WEEKLY\r\n");
            }
            text.push_str("END:VEVENT\r\n");
        }
        text.push_str("END:VCALENDAR\r\n");
        std::fs::write(&path, text).unwrap();
    }
    path
}

/// One hostile file whose cost must grow linearly with `n`: an event with `n` RDATEs (in a
/// zone, one a line), an event with `n` attendees, a message to `n` recipients.
fn hostile(kind: &str, n: usize) -> PathBuf {
    let extension = if kind == "recipients" { "eml" } else { "ics" };
    let path = data_dir().join(format!("hostile-{kind}-{n}.{extension}"));
    if path.exists() {
        return path;
    }
    let mut text = String::new();
    let event = |text: &mut String| {
        let _ = write!(
            text,
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nBEGIN:VEVENT\r\n\
             UID:hostile@example.org\r\nDTSTAMP:20260101T000000Z\r\nORGANIZER:mailto:{ME}\r\n\
             ATTENDEE:mailto:{}\r\n",
            address(1)
        );
    };
    match kind {
        "rdates" => {
            event(&mut text);
            text.push_str("DTSTART;TZID=Europe/Amsterdam:19000101T100000\r\n");
            let start = chrono::NaiveDate::from_ymd_opt(1900, 1, 2).unwrap();
            for day in 0..n {
                let date = start + chrono::Duration::days(day as i64);
                let _ = write!(
                    text,
                    "RDATE;TZID=Europe/Amsterdam:{}T100000\r\n",
                    date.format("%Y%m%d")
                );
            }
            text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        }
        "attendees" => {
            event(&mut text);
            text.push_str("DTSTART:20261102T100000Z\r\n");
            for i in 0..n {
                let _ = write!(text, "ATTENDEE;CN=Guest {i}:mailto:guest{i}@x.example\r\n");
            }
            text.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
        }
        _ => {
            let _ = write!(text, "From: {ME}\nTo: {}", address(1));
            for i in 0..n {
                let _ = write!(text, ", guest{i}@x.example");
            }
            text.push_str("\nDate: Mon, 02 Nov 2026 10:00:00 +0100\nMessage-ID: <h@x>\n\nHi\n");
        }
    }
    std::fs::write(&path, text).unwrap();
    path
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));
    let db = people_database();
    let (yardstick, _) = best_of(3, &db, &["status"]);
    println!(
        "yardstick: status on {PEOPLE} people: {:.1} ms",
        yardstick.as_secs_f64() * 1e3
    );
    if wanted("mbox") {
        let megabytes = std::env::var("CAPTURE_MBOX_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000);
        let (mbox, messages) = big_mbox(megabytes);
        let bytes = std::fs::metadata(&mbox).unwrap().len();
        let path = mbox.to_str().unwrap();
        let (time, peak) = best_of(3, &db, &["import", "mail", path, "--me", ME]);
        println!(
            "mbox: {:.0} MB, {messages} messages: {:.2} s, {:.0} MB/s, peak memory {:.0} MB \
             (targets: ≥ 100 MB/s, ≤ 150 MB)",
            bytes as f64 / 1e6,
            time.as_secs_f64(),
            bytes as f64 / 1e6 / time.as_secs_f64(),
            peak as f64 / 1e6
        );
    }
    if wanted("again") {
        // The same mailbox a second time: everything is already captured, and each message is
        // looked up rather than held.
        let (mbox, messages) = big_mbox(2_000);
        let path = mbox.to_str().unwrap();
        let args = ["import", "mail", path, "--me", ME];
        let (_, _) = timed(&db, &args);
        let copy = db.with_extension("run.db");
        let (time, peak) = measured_run(&copy, &args);
        println!(
            "mbox again: {messages} messages, all captured before: {:.2} s, peak memory {:.0} MB \
             (target: ≤ 150 MB)",
            time.as_secs_f64(),
            peak as f64 / 1e6
        );
    }
    if wanted("short") {
        let messages = 2_000_000;
        let mbox = many_mbox(messages);
        let bytes = std::fs::metadata(&mbox).unwrap().len();
        let path = mbox.to_str().unwrap();
        let (time, peak) = best_of(1, &db, &["import", "mail", path, "--me", ME]);
        println!(
            "short mail: {:.0} MB, {messages} messages: {:.2} s, {:.0} messages/s, peak memory \
             {:.0} MB (target: ≤ 150 MB whatever the size)",
            bytes as f64 / 1e6,
            time.as_secs_f64(),
            messages as f64 / time.as_secs_f64(),
            peak as f64 / 1e6
        );
    }
    if wanted("maildir") {
        let maildir = big_maildir(100_000);
        let path = maildir.to_str().unwrap();
        let (time, peak) = best_of(3, &db, &["import", "mail", path, "--me", ME]);
        println!(
            "maildir: 100000 files: {:.2} s, peak memory {:.0} MB (target: ≤ 15 s)",
            time.as_secs_f64(),
            peak as f64 / 1e6
        );
    }
    if wanted("linear") {
        // One property or header with n values: the time per value must stay flat.
        for kind in ["rdates", "attendees", "recipients"] {
            let source = if kind == "recipients" {
                "mail"
            } else {
                "calendar"
            };
            for n in [10_000, 100_000, 200_000] {
                let file = hostile(kind, n);
                let path = file.to_str().unwrap();
                let (time, peak) = best_of(3, &db, &["import", source, path, "--me", ME]);
                println!(
                    "linear: {n} {kind}: {:.3} s, {:.2} µs each, peak memory {:.0} MB",
                    time.as_secs_f64(),
                    time.as_secs_f64() * 1e6 / n as f64,
                    peak as f64 / 1e6
                );
            }
        }
    }
    if wanted("calendar") {
        let calendar = big_calendar();
        let path = calendar.to_str().unwrap();
        let (time, peak) = best_of(3, &db, &["import", "calendar", path, "--me", ME]);
        println!(
            "calendar: 5000 events, 200 weekly over 5 years: {:.2} s, peak memory {:.0} MB \
             (target: ≤ 2 s)",
            time.as_secs_f64(),
            peak as f64 / 1e6
        );
    }
}
