//! Each shape a phone writes, read from fixtures written for these tests (invented people and
//! numbers), counted against numbers written by hand: messages per author and day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use super::{ChatLog, DateOrder, NotAChat, parse};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/chat/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// Messages per (author, day), as "Name 2021-03-12" → count.
fn counts(log: &ChatLog) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for message in &log.messages {
        let key = format!(
            "{} {}",
            log.authors[message.author as usize],
            message.at.date()
        );
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn expect(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| ((*k).to_string(), *n)).collect()
}

#[test]
fn android_dutch_two_digit_years_and_dashes() {
    let log = parse(&fixture("whatsapp_android_nl.txt")).unwrap();
    assert_eq!(log.order, DateOrder::DayMonthYear);
    assert_eq!(log.system_lines, 1);
    assert_eq!(
        counts(&log),
        expect(&[
            ("Femke de Wit 2021-03-12", 2),
            ("Noor Bakker 2021-03-12", 1),
            ("Noor Bakker 2021-03-13", 1),
            ("Femke de Wit 2021-03-14", 2),
        ])
    );
}

#[test]
fn android_british_group_with_system_lines_and_a_number() {
    let log = parse(&fixture("whatsapp_android_en_gb.txt")).unwrap();
    assert_eq!(log.order, DateOrder::DayMonthYear);
    // The notice, the group made, you added, the subject changed (quoting a colon).
    assert_eq!(log.system_lines, 4);
    assert_eq!(
        counts(&log),
        expect(&[
            ("Tom Hughes 2022-04-05", 1),
            ("+44 7700 900123 2022-04-05", 1),
            ("Priya Shah 2022-04-05", 1),
            ("Priya Shah 2022-04-06", 1),
            ("Tom Hughes 2022-04-06", 1),
            ("+44 7700 900123 2022-04-13", 1),
        ])
    );
}

#[test]
fn android_us_twelve_hour_clock_with_a_narrow_space() {
    let log = parse(&fixture("whatsapp_android_us.txt")).unwrap();
    assert_eq!(log.order, DateOrder::MonthDayYear);
    assert_eq!(log.system_lines, 1);
    assert_eq!(
        counts(&log),
        expect(&[
            ("Jamie Ortiz 2023-01-30", 2),
            ("Casey Lee 2023-01-30", 1),
            ("Casey Lee 2023-01-31", 1),
            ("Jamie Ortiz 2023-02-01", 1),
        ])
    );
    let times: Vec<String> = log
        .messages
        .iter()
        .map(|m| m.at.time().to_string())
        .collect();
    assert_eq!(
        times,
        ["09:05:00", "12:00:00", "12:30:00", "00:15:00", "23:59:00"]
    );
}

#[test]
fn ios_with_marks_notices_under_the_chat_name_and_attachments() {
    let log = parse(&fixture("whatsapp_ios_chat.txt")).unwrap();
    assert_eq!(log.order, DateOrder::DayMonthYear);
    // The encryption notice and the security code, both under Lotte's name.
    assert_eq!(log.system_lines, 2);
    assert_eq!(
        counts(&log),
        expect(&[
            ("Lotte Visser 2024-11-09", 1),
            ("Sam Verhoeven 2024-11-09", 2),
            ("Lotte Visser 2024-11-10", 1),
            ("Lotte Visser 2024-11-15", 1),
        ])
    );
    assert_eq!(log.messages[0].at.time().to_string(), "20:14:03");
}

#[test]
fn ios_german_with_dots_and_a_localised_attachment() {
    let log = parse(&fixture("whatsapp_ios_de.txt")).unwrap();
    assert_eq!(log.order, DateOrder::DayMonthYear);
    assert_eq!(log.system_lines, 1);
    assert_eq!(
        counts(&log),
        expect(&[
            ("Jonas Keller 2023-12-02", 1),
            ("Mia Wagner 2023-12-02", 1),
            ("Mia Wagner 2023-12-03", 1),
            ("Jonas Keller 2023-12-03", 1),
        ])
    );
}

#[test]
fn day_or_month_first_is_decided_by_the_order_of_the_dates_when_no_field_says() {
    let day_first = parse(&fixture("whatsapp_ambiguous_day_first.txt")).unwrap();
    assert_eq!(day_first.order, DateOrder::DayMonthYear);
    assert_eq!(
        counts(&day_first),
        expect(&[
            ("Ruth Cohen 2022-01-11", 1),
            ("Eli Mor 2022-01-12", 1),
            ("Ruth Cohen 2022-02-01", 1),
            ("Eli Mor 2022-02-02", 1),
            ("Ruth Cohen 2022-02-02", 1),
        ])
    );
    let month_first = parse(&fixture("whatsapp_ambiguous_month_first.txt")).unwrap();
    assert_eq!(month_first.order, DateOrder::MonthDayYear);
    assert_eq!(
        counts(&month_first),
        expect(&[
            ("Ruth Cohen 2022-01-11", 1),
            ("Eli Mor 2022-01-12", 1),
            ("Ruth Cohen 2022-02-01", 1),
            ("Eli Mor 2022-02-02", 1),
        ])
    );
    // One line decides for every other: the file is read one way, never line by line.
    let mixed = "03/04/22, 10:00 - Ana: a\n13/04/22, 10:00 - Ana: b\n";
    let log = parse(mixed).unwrap();
    assert_eq!(log.messages[0].at.date().to_string(), "2022-04-03");
}

#[test]
fn other_shapes_years_first_a_word_before_the_time_and_a_cut_off_end() {
    let years_first = parse(
        "2023-05-06 08:00 - Ana Lima: morning\n\
         2023-05-07 09:30 - Bo Chen: hi\n\
         2023-05-0",
    )
    .unwrap();
    assert_eq!(years_first.order, DateOrder::YearMonthDay);
    assert_eq!(years_first.authors, ["Ana Lima", "Bo Chen"]);
    assert_eq!(
        years_first.messages[1].at.to_string(),
        "2023-05-07 09:30:00"
    );
    let finnish = parse("[12.3.2022 klo 14.08.18] Matti Virtanen: hei\n").unwrap();
    assert_eq!(finnish.messages[0].at.to_string(), "2022-03-12 14:08:18");
    let spanish = parse("[5/6/23, 8:01:02 p. m.] Lucía Gómez: hola\n").unwrap();
    assert_eq!(spanish.messages[0].at.to_string(), "2023-06-05 20:01:02");
    // A date no order makes a day of (31 February) is counted apart, not guessed.
    let bad = parse("31/02/22, 10:00 - Ana: a\n28/02/22, 10:00 - Ana: b\n").unwrap();
    assert_eq!((bad.messages.len(), bad.bad_dates), (1, 1));
}

#[test]
fn a_file_that_is_no_chat_is_refused() {
    assert_eq!(parse(&fixture("not_a_chat.txt")), Err(NotAChat::NoMessages));
    assert_eq!(parse(""), Err(NotAChat::NoMessages));
}

#[test]
fn a_million_lines_read_in_one_pass() {
    // Not a timing (benches do that): that a long busy chat is read whole and counted.
    let mut text = String::new();
    for n in 0..200_000u32 {
        let day = n / 5000 % 28 + 1;
        text.push_str(&format!(
            "{day:02}/03/2021, 10:{:02} - Ana Lima: hi\n",
            n % 60
        ));
        text.push_str("a second line\n");
    }
    let log = parse(&text).unwrap();
    assert_eq!(log.messages.len(), 200_000);
    assert_eq!(log.authors.len(), 1);
}
