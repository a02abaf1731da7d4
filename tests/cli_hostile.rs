//! Hostile text: escape sequences stored in the database (an older tiesdesk, another tool, a
//! document) or arriving in an imported file never reach the terminal as raw bytes, and CSV
//! cells a spreadsheet would run as formulas are defused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

/// Sets the window title, clears the screen, writes the clipboard (OSC 52), and an 8-bit CSI.
const TITLE: &str = "\u{1b}]0;owned\u{7}";
const CLEAR: &str = "\u{1b}[2J\u{1b}[H";
/// A zero-width space: shows nothing, makes two names look alike.
const ZWSP: &str = "\u{200B}";
const CLIPBOARD: &str = "\u{1b}]52;c;ZWNobyBvd25lZA==\u{1b}\\";
const CSI8: &str = "\u{9b}31m";

/// No byte a terminal would obey: no C0 control but line breaks and tabs (and CR where the
/// format itself ends lines with CR LF), no DEL, no C1 control.
fn assert_clean(what: &str, bytes: &[u8], crlf: bool) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.chars().enumerate() {
        let allowed = c == '\n' || c == '\t' || (crlf && c == '\r');
        assert!(
            allowed || !(c.is_control()),
            "{what}: raw control character U+{:04X} at char {i} in:\n{}",
            c as u32,
            text.escape_debug()
        );
    }
}

fn hostile_database() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--company", "Zephyr Labs"]);
    s.ok(&["add", "Bram de Vries", "--company", "Zephyr Labs"]);
    s.ok(&["add", "Ana Lima"]);
    s.ok(&["link", "#1", "knows", "bram"]);
    s.ok(&["log", "#1", "--gave", "--kind", "favour", "--note", "plain"]);
    s.ok(&[
        "log",
        "bram",
        "--received",
        "--kind",
        "advice",
        "--on",
        "-40d",
    ]);
    // What another program (or an older tiesdesk) could have written.
    let conn = rusqlite::Connection::open(&s.db).unwrap();
    conn.execute(
        "UPDATE person SET company = ?1, role = ?2, location = ?3, notes = ?4, \
         tags = json_array(?5) WHERE id = 1",
        [
            format!("Zephyr{TITLE} Labs"),
            format!("CTO{CLEAR}"),
            format!("Paris{CSI8}"),
            format!("notes{CLIPBOARD}\nsecond line"),
            format!("climb{TITLE}ing"),
        ],
    )
    .unwrap();
    conn.execute(
        "UPDATE person SET company = '=HYPERLINK(\"http://x.example\",\"click\")' WHERE id = 2",
        [],
    )
    .unwrap();
    conn.execute(
        "UPDATE interaction SET note = ?1",
        [format!("a note{CLEAR}{TITLE}")],
    )
    .unwrap();
    // Promises, needs and dates, with the same escapes in every text.
    s.ok(&["promise", "#1", "the book", "--by", "+2d"]);
    s.ok(&["need", "#1", "a designer", "--tag", "design"]);
    s.ok(&["date", "#1", "met", "--11-27"]);
    conn.execute("UPDATE promise SET text = ?1", [format!("the book{TITLE}")])
        .unwrap();
    conn.execute(
        "UPDATE need SET text = ?1, tags = json_array(?2)",
        [format!("a designer{CLEAR}"), format!("des{TITLE}ign")],
    )
    .unwrap();
    conn.execute("UPDATE yearly_date SET label = ?1", [format!("met{CSI8}")])
        .unwrap();
    s
}

#[test]
fn stored_escapes_are_never_printed_raw() {
    let s = hostile_database();
    let commands: &[&[&str]] = &[
        &["list"],
        &["list", "--json"],
        &["list", "--search", "zephyr"],
        &["show", "#1"],
        &["show", "#1", "--json"],
        &["status"],
        &["review"],
        &["review", "--json"],
        &["intro", "#2"],
        &["intro", "climb\u{1b}]0;owned\u{7}ing"],
        &["duplicates"],
        &["export", "json"],
        &["show", "no one\u{1b}]0;owned\u{7}"],
        &["log", "nobody\u{1b}[2J", "--gave"],
        &["promises"],
        &["promises", "--json"],
        &["needs"],
        &["needs", "--json"],
        &["helpers", "1"],
        &["dates"],
        &["dates", "--json"],
        &["today"],
        &["today", "--json"],
    ];
    for args in commands {
        let out = s.cmd(args).output().unwrap();
        let what = format!("{args:?}");
        assert_clean(&what, &out.stdout, false);
        assert_clean(&what, &out.stderr, false);
    }
    // What was hidden is still shown, visibly.
    let shown = s.ok(&["show", "#1"]);
    assert!(shown.contains("Zephyr^[]0;owned^G Labs"), "{shown}");
    assert!(shown.contains("second line"), "{shown}");
    // JSON keeps the exact text, escaped as JSON does.
    let json = s.json(&["show", "#1"]);
    assert_eq!(json["person"]["company"], format!("Zephyr{TITLE} Labs"));
    // Exports a person may `cat`: CSV, vCard and iCalendar end lines with CR LF, and nothing
    // else.
    for format in ["csv", "vcard", "ics"] {
        let out = s.cmd(&["export", format]).output().unwrap();
        assert!(out.status.success());
        assert_clean(format, &out.stdout, true);
    }
}

#[test]
fn csv_cells_that_would_run_as_formulas_are_prefixed() {
    let s = hostile_database();
    let csv = s.ok(&["export", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let company = headers.iter().position(|h| h == "company").unwrap();
    let companies: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[company].to_string())
        .collect();
    assert!(
        companies.contains(&"'=HYPERLINK(\"http://x.example\",\"click\")".to_string()),
        "{companies:?}"
    );
    for cell in ["+31 6 1234", "-2", "@SUM(A1)", "\tx", "fine"] {
        let expected = if cell == "fine" {
            "fine".to_string()
        } else {
            format!("'{}", tiesdesk::text::visible(cell))
        };
        assert_eq!(
            tiesdesk::export::spreadsheet_cell(cell),
            expected,
            "{cell:?}"
        );
    }
}

#[test]
fn typed_control_characters_are_refused_and_imported_ones_removed() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    s.refused(
        &["add", "Chen", "--company", &format!("Bolt{CLEAR}")],
        "control or invisible characters",
    );
    s.refused(
        &["edit", "ana", "--tag", &format!("x{TITLE}")],
        "control or invisible characters",
    );
    s.refused(
        &["log", "ana", "--gave", "--note", &format!("hi{TITLE}")],
        "control or invisible characters",
    );
    // Line breaks and tabs in notes are fine.
    s.ok(&["edit", "ana", "--notes", "one\n\ttwo"]);

    // A LinkedIn file with an escape sequence in a cell: the person is imported, cleaned,
    // with a warning, and the report prints nothing raw.
    let file = s.dir.path().join("Connections.csv");
    std::fs::write(
        &file,
        format!(
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
             Dana{TITLE},Okafor,https://www.linkedin.com/in/dana-okafor,,Bolt{CLEAR},\
             CEO{CSI8},05 Mar 2021\n"
        ),
    )
    .unwrap();
    let report = s.ok(&["import", "linkedin", file.to_str().unwrap()]);
    assert_clean("import", report.as_bytes(), false);
    assert!(report.contains("1 added"), "{report}");
    assert!(
        report.contains("control or invisible characters were removed"),
        "{report}"
    );
    let dana = s.json(&["show", "dana"]);
    assert_eq!(dana["person"]["name"], "Dana]0;owned Okafor");
    assert_eq!(dana["person"]["company"], "Bolt[2J[H");
    // An invisible character typed into a name is refused as a control one is.
    s.refused(
        &["add", "An\u{200B}a Lima"],
        "control or invisible characters",
    );
}

/// The one rule for text from files: control characters (C0, C1, escapes), reordering marks
/// and invisible characters (a zero-width space, a joiner joining nothing, a BOM inside text)
/// are removed from whatever an import reads, with a warning; typed text is refused.
#[test]
fn every_import_removes_control_and_invisible_characters_and_says_so() {
    let s = Sandbox::new();
    // A tiesdesk document another tool wrote, with an escape, a C1 code and invisible
    // characters in a company, notes, tags, an interaction's note and a promise.
    let document = serde_json::json!({
        "format": "tiesdesk/1",
        "people": [{
            "id": 1, "name": "Ana\u{200B} Lima",
            "company": format!("Bolt{CLEAR}\u{9b}"),
            "notes": "met\u{FEFF} at\u{200D} RustNL\nsecond line",
            "tags": ["climb\u{1b}ing"]
        }],
        "interactions": [{
            "id": 1, "date": "2026-11-02", "people": [1], "direction": "gave",
            "note": format!("coffee{TITLE}")
        }],
        "promises": [{"id": 1, "person": 1, "text": "send\u{200B} the link", "made_on": "2026-11-02"}]
    });
    let file = s.dir.path().join("doc.json");
    std::fs::write(&file, document.to_string()).unwrap();
    let said = s.ok(&["import", "json", file.to_str().unwrap()]);
    assert!(
        said.contains("control or invisible characters were removed from 6 of its values"),
        "{said}"
    );
    let ana = s.json(&["show", "Ana Lima"]);
    assert_eq!(ana["person"]["name"], "Ana Lima");
    assert_eq!(ana["person"]["company"], "Bolt[2J[H");
    assert_eq!(ana["person"]["notes"], "met at RustNL\nsecond line");
    assert_eq!(ana["person"]["tags"][0], "climbing");
    assert_eq!(ana["interactions"][0]["note"], "coffee]0;owned");
    assert_eq!(s.json(&["promises"])[0]["text"], "send the link");
    // A message whose sender's name hides an escape and a zero-width space: the name is
    // kept without them, and the report says so.
    let mbox = s.dir.path().join("mail.mbox");
    std::fs::write(
        &mbox,
        format!(
            "From bo@chen.example Mon Nov  2 09:00:00 2026\nFrom: \"Bo{TITLE} Ch{ZWSP}en\" \
             <bo@chen.example>\nTo: me@example.org\nDate: Mon, 02 Nov 2026 09:00:00 +0100\n\
             Message-ID: <x@y>\n\nhi\n"
        ),
    )
    .unwrap();
    let report = common::capture::capture(&s, "mail", mbox.to_str().unwrap(), &[]);
    assert_eq!(report["unknown"][0]["name"], "Bo]0;owned Chen");
    assert_eq!(
        report["notes"][0]["reason"], "controls_removed",
        "{report:#}"
    );
    // The same in a calendar's CN.
    let ics = s.dir.path().join("cal.ics");
    std::fs::write(
        &ics,
        format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20261102T100000Z\r\n\
             ORGANIZER:mailto:{}\r\nATTENDEE;CN=\"Cy{TITLE}{ZWSP}ra\":mailto:cy@ra.example\r\n\
             END:VEVENT\r\nEND:VCALENDAR\r\n",
            common::capture::ME
        ),
    )
    .unwrap();
    let report = common::capture::capture(&s, "calendar", ics.to_str().unwrap(), &[]);
    assert_eq!(report["unknown"][0]["name"], "Cy]0;ownedra");
    assert_eq!(
        report["notes"][0]["reason"], "controls_removed",
        "{report:#}"
    );
}

/// A field that never closes its quote, or a property folded over many lines, is capped by
/// the record, not only by the line: it is not read, and said, instead of becoming a name of
/// a hundred megabytes.
#[test]
fn a_row_or_card_larger_than_a_line_may_be_is_not_read_and_said() {
    let s = Sandbox::new();
    let csv = s.dir.path().join("Connections.csv");
    let mut text = String::from(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Ana,Lima,https://www.linkedin.com/in/ana,,Bolt,CEO,05 Mar 2021\n\
         \"Bo,Chen,https://www.linkedin.com/in/bo,,Acme,CTO,05 Mar 2021\n",
    );
    for i in 0..120_000 {
        text.push_str(&format!("line {i} of a quote never closed\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let report = s.json(&["import", "linkedin", csv.to_str().unwrap()]);
    assert_eq!(report["added"].as_array().unwrap().len(), 1, "{report:#}");
    let skipped = report["skipped"][0]["reason"].as_str().unwrap();
    assert!(skipped.contains("a row longer than 1 MB"), "{report:#}");
    // A vCard NOTE folded over 9 MB of short lines.
    let vcf = s.dir.path().join("cards.vcf");
    let mut cards = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Ra\r\nNOTE:start");
    for _ in 0..150_000 {
        cards.push_str("\r\n  sixty-odd characters of a note that goes on and on and on");
    }
    cards.push_str("\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Di Ro\r\nEND:VCARD\r\n");
    std::fs::write(&vcf, cards).unwrap();
    let report = s.json(&["import", "vcard", vcf.to_str().unwrap()]);
    assert_eq!(report["added"][0]["name"], "Di Ro", "{report:#}");
    let skipped = report["skipped"][0]["reason"].as_str().unwrap();
    assert!(skipped.contains("larger than 8 MB"), "{report:#}");
}
