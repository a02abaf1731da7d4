//! `list --json`, written record by record.
//!
//! serde_json spent most of a 30,000-person list escaping the same thirteen keys and
//! writing indentation one piece at a time (the document took 54 ms; 26 ms here). Here the
//! keys and layout are written as fixed text, and serde_json still writes every value, so
//! the bytes are the ones `serde_json::to_writer_pretty` writes for a `[RowJson]`, made safe
//! by `text::json_escaped` (a test holds them equal). Strings are made safe as they are
//! written, so the 8.8 MB are not scanned again afterwards.

use std::io::Write;

use serde::Serialize;

use chrono::Datelike;

use crate::insight::{Due, OneSided};
use crate::model::Day;
use crate::ops::{Listing, RowJson};

/// `,` and the next key of a record, as one piece of fixed text.
macro_rules! key {
    ($name:literal) => {
        concat!(",\n    \"", $name, "\": ").as_bytes()
    };
}

/// A listing as serde_json's pretty printer writes an array of its records, and a newline,
/// onto `to` as it is made: the first half in pieces while a second thread writes the
/// second half, then that. Building the 8.8 MB of 30,000 people first and then sending them
/// took 89 ms; sending as they are made, 76 (medians of 25, read through a pipe).
pub fn stream_listing(listing: &Listing, to: &mut dyn Write) -> std::io::Result<()> {
    write_array_to(to, listing.len(), |range| listing.records_in(range))?;
    to.write_all(b"\n")
}

/// Records written at a time onto the output (about 80 KB).
const PIECE: usize = 256;

/// The records at positions `0..count` as an array onto `to`, `records_in` giving those of
/// a range.
fn write_array_to<'a, I: Iterator<Item = RowJson<'a>>>(
    to: &mut dyn Write,
    count: usize,
    records_in: impl Fn(std::ops::Range<usize>) -> I + Sync,
) -> std::io::Result<()> {
    if count == 0 {
        return to.write_all(b"[]");
    }
    let write = |out: &mut Vec<u8>, range: std::ops::Range<usize>| {
        let first = range.start == 0;
        write_records(out, records_in(range), first).map_err(std::io::Error::other)
    };
    // The records of `range`, a piece at a time, onto `to`.
    let send = |to: &mut dyn Write, range: std::ops::Range<usize>, piece: &mut Vec<u8>| {
        for start in range.clone().step_by(PIECE) {
            write(piece, start..(start + PIECE).min(range.end))?;
            to.write_all(piece)?;
            piece.clear();
        }
        std::io::Result::Ok(())
    };
    let mut piece = Vec::with_capacity(PIECE * 320);
    piece.push(b'[');
    let half = if count < 4096 { count } else { count / 2 };
    let second_half = || -> std::io::Result<Vec<u8>> {
        // A record is about 300 bytes written out.
        let mut second = Vec::with_capacity((count - half) * 320);
        write(&mut second, half..count)?;
        Ok(second)
    };
    std::thread::scope(|scope| {
        let second = (half < count).then(|| {
            std::thread::Builder::new()
                .name("json".into())
                .spawn_scoped(scope, second_half)
        });
        send(to, 0..half, &mut piece)?;
        match second {
            None => {}
            Some(Ok(thread)) => {
                let second = thread
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
                to.write_all(&second)?;
            }
            Some(Err(_)) => send(to, half..count, &mut piece)?,
        }
        to.write_all(b"\n]")
    })
}

/// Records at positions `0..count` onto `out`, `write` writing those of a range (each after
/// its separator): in two halves on two threads when there are enough to be worth a thread,
/// joined in order. A record takes about `per_record` bytes.
pub(super) fn in_halves(
    out: &mut Vec<u8>,
    count: usize,
    per_record: usize,
    write: impl Fn(&mut Vec<u8>, std::ops::Range<usize>) -> serde_json::Result<()> + Sync,
) -> serde_json::Result<()> {
    out.reserve(count * per_record + 4);
    if count < 4096 {
        return write(out, 0..count);
    }
    let half = count / 2;
    let second_half = || -> serde_json::Result<Vec<u8>> {
        let mut second = Vec::with_capacity((count - half) * per_record);
        write(&mut second, half..count)?;
        Ok(second)
    };
    std::thread::scope(|scope| {
        let second = std::thread::Builder::new()
            .name("json".into())
            .spawn_scoped(scope, second_half);
        write(out, 0..half)?;
        let second = match second {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            Err(_) => second_half()?,
        };
        out.extend_from_slice(&second);
        Ok(())
    })
}

/// Each record after its separator (none before the array's first).
fn write_records<'a>(
    out: &mut Vec<u8>,
    rows: impl Iterator<Item = RowJson<'a>>,
    first: bool,
) -> serde_json::Result<()> {
    for (index, row) in rows.enumerate() {
        if index > 0 || !first {
            out.push(b',');
        }
        out.extend_from_slice(b"\n  {\n    \"id\": ");
        value(out, &row.id)?;
        out.extend_from_slice(key!("name"));
        string(out, row.name)?;
        out.extend_from_slice(key!("company"));
        match row.company {
            Some(company) => string(out, company)?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(key!("tags"));
        if row.tags.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            for (at, tag) in row.tags.iter().enumerate() {
                out.extend_from_slice(if at == 0 { b"[\n      " } else { b",\n      " });
                string(out, tag)?;
            }
            out.extend_from_slice(b"\n    ]");
        }
        out.extend_from_slice(key!("status"));
        string(out, row.status.as_str())?;
        out.extend_from_slice(key!("layer"));
        value(out, &row.layer)?;
        out.extend_from_slice(key!("due"));
        out.extend_from_slice(match row.due {
            Due::No => b"false",
            Due::Due => b"\"due\"",
            Due::Overdue => b"\"overdue\"",
        });
        out.extend_from_slice(key!("learning"));
        out.extend_from_slice(if row.learning { b"true" } else { b"false" });
        out.extend_from_slice(key!("warmth"));
        value(out, &row.warmth)?;
        out.extend_from_slice(key!("given"));
        value(out, &row.given)?;
        out.extend_from_slice(key!("received"));
        value(out, &row.received)?;
        out.extend_from_slice(key!("one_sided"));
        out.extend_from_slice(match row.one_sided {
            None => b"null",
            Some(OneSided::YouTake) => b"\"you_take\"",
            Some(OneSided::TheyTake) => b"\"they_take\"",
        });
        out.extend_from_slice(key!("last_contact"));
        match row.last_contact {
            Some(day) => date(out, day)?,
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(key!("days_since"));
        value(out, &row.days_since)?;
        out.extend_from_slice(key!("initiative"));
        match row.initiative {
            Some(initiative) => {
                out.extend_from_slice(b"{\n      \"started\": ");
                value(out, &initiative.started)?;
                out.extend_from_slice(b",\n      \"of\": ");
                value(out, &initiative.of)?;
                out.extend_from_slice(b"\n    }");
            }
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b"\n  }");
    }
    Ok(())
}

/// A string as serde_json writes it, with what a terminal would obey escaped too (as
/// `text::json_escaped` does to a whole document), so the document needs no second pass.
/// Most strings are printable ASCII without quotes or backslashes: copied whole.
pub(super) fn string(out: &mut Vec<u8>, text: &str) -> serde_json::Result<()> {
    if text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        let written = crate::text::json_escaped(serde_json::to_string(text)?);
        out.extend_from_slice(written.as_bytes());
    }
    Ok(())
}

/// A value as serde_json writes it.
pub(super) fn value<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, v)
}

/// `"YYYY-MM-DD"`, as chrono writes a date of years 0 to 9999 (through `Display`, which
/// took a tenth of the document's time); other years through chrono itself.
pub(super) fn date(out: &mut Vec<u8>, day: Day) -> serde_json::Result<()> {
    let Ok(year) = u16::try_from(day.year()) else {
        return value(out, &day);
    };
    if year > 9999 {
        return value(out, &day);
    }
    let digits = |n: u32, width: usize, out: &mut Vec<u8>| {
        for place in (0..width).rev() {
            let digit = (n / 10u32.pow(place as u32)) % 10;
            out.push(b'0' + digit as u8);
        }
    };
    out.push(b'"');
    digits(u32::from(year), 4, out);
    out.push(b'-');
    digits(day.month(), 2, out);
    out.push(b'-');
    digits(day.day(), 2, out);
    out.push(b'"');
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::*;
    use crate::insight::{Initiative, Status};

    /// What one record is made of, owned.
    #[derive(Debug, Clone)]
    struct Record {
        id: i64,
        name: String,
        company: Option<String>,
        tags: Vec<String>,
        status: Status,
        layer: Option<usize>,
        due: Due,
        learning: bool,
        warmth: f64,
        given: u32,
        received: u32,
        one_sided: Option<OneSided>,
        last_contact: Option<Day>,
        days_since: Option<i64>,
        initiative: Option<Initiative>,
    }

    impl Record {
        fn json(&self) -> RowJson<'_> {
            RowJson {
                id: self.id,
                name: &self.name,
                company: self.company.as_deref(),
                tags: &self.tags,
                status: self.status,
                layer: self.layer,
                due: self.due,
                learning: self.learning,
                warmth: self.warmth,
                given: self.given,
                received: self.received,
                one_sided: self.one_sided,
                last_contact: self.last_contact,
                days_since: self.days_since,
                initiative: self.initiative,
            }
        }
    }

    fn record() -> impl Strategy<Value = Record> {
        // Text with quotes, backslashes, control characters, accents and emoji.
        let text = "(\\PC|[\"\\\u{0}-\u{1f}\u{7f}\u{85}\u{202e}é😀]){0,12}";
        (
            (
                any::<i64>(),
                text,
                proptest::option::of(text),
                proptest::collection::vec(text, 0..4),
                prop_oneof![
                    Just(Status::Active),
                    Just(Status::Dormant),
                    Just(Status::New),
                    Just(Status::Paper),
                    Just(Status::Archived)
                ],
                proptest::option::of(prop_oneof![Just(5usize), Just(15), Just(50), Just(150)]),
                prop_oneof![Just(Due::No), Just(Due::Due), Just(Due::Overdue)],
            ),
            (
                prop_oneof![
                    Just(0.0),
                    Just(355.904),
                    -1e9..1e9f64,
                    Just(1e-7),
                    Just(f64::NAN)
                ],
                any::<u32>(),
                any::<u32>(),
                proptest::option::of(prop_oneof![
                    Just(OneSided::YouTake),
                    Just(OneSided::TheyTake)
                ]),
                proptest::option::of(-800_000i32..3_000_000),
                proptest::option::of(any::<i64>()),
                proptest::option::of((0..=10usize, 1..=10usize)),
            ),
        )
            .prop_map(
                |(
                    (id, name, company, tags, status, layer, due),
                    (warmth, given, received, one_sided, day, days_since, initiative),
                )| Record {
                    id,
                    name,
                    company,
                    tags,
                    status,
                    layer,
                    due,
                    // Derived, so the strategy keeps its shape: a young log now and then.
                    learning: id % 3 == 0,
                    warmth,
                    given,
                    received,
                    one_sided,
                    last_contact: day.and_then(|d| Day::from_num_days_from_ce_opt(730_000 + d)),
                    days_since,
                    initiative: initiative.map(|(started, of)| Initiative { started, of }),
                },
            )
    }

    #[test]
    fn a_long_list_written_in_halves_and_pieces_is_the_same_document() {
        // Enough records for two threads and many pieces, an odd count, every kind of value.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let records: Vec<Record> = (0..5001)
            .map(|_| record().new_tree(&mut runner).unwrap().current())
            .collect();
        let rows: Vec<RowJson<'_>> = records.iter().map(Record::json).collect();
        let expected = crate::text::json_escaped(serde_json::to_string_pretty(&rows).unwrap());
        let mut written = Vec::new();
        write_array_to(&mut written, records.len(), |range| {
            records[range].iter().map(Record::json)
        })
        .unwrap();
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }

    proptest! {
        #[test]
        fn the_same_bytes_as_serde_json_pretty_made_safe(records in proptest::collection::vec(record(), 0..6)) {
            let rows: Vec<RowJson<'_>> = records.iter().map(Record::json).collect();
            let expected = crate::text::json_escaped(serde_json::to_string_pretty(&rows).unwrap());
            let mut written = Vec::new();
            write_array_to(&mut written, records.len(), |range| records[range].iter().map(Record::json)).unwrap();
            prop_assert_eq!(String::from_utf8(written).unwrap(), expected);
        }
    }
}
