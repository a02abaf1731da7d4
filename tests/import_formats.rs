//! Each import format read from fixtures that carry the quirks of real exports (all people in
//! them are invented): what comes out, field by field, and what is skipped and why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::parsed::{names, person, read, remarks};

use tiesdesk::import::{Format, Incoming, Place};
use tiesdesk::model::{Source, YearlyDay};

fn day(text: &str) -> Option<chrono::NaiveDate> {
    Some(text.parse().unwrap())
}

#[test]
fn linkedin_with_preamble_bom_quotes_spaces_and_junk_rows() {
    let parsed = read(Format::Linkedin, "linkedin_connections.csv");
    assert_eq!(
        names(&parsed),
        [
            "Ana Lima",
            "Bram de Vries",
            "Chiara Rossi",
            "José Ñúñez",
            "王 伟",
            "Dmitri Volkov",
            "Eve Okafor"
        ]
    );
    let ana = person(&parsed, "Ana Lima");
    assert_eq!(ana.given_name.as_deref(), Some("Ana"));
    assert_eq!(ana.family_name.as_deref(), Some("Lima"));
    assert_eq!(ana.company.as_deref(), Some("Zephyr Labs"));
    assert_eq!(ana.role.as_deref(), Some("CTO"));
    assert_eq!(ana.connected_on, day("2021-03-05"));
    assert_eq!(ana.source, Source::Linkedin);
    assert_eq!(
        ana.source_id.as_deref(),
        Some("https://www.linkedin.com/in/ana-lima-0a1b2c")
    );
    // Quoted commas and doubled quotes; an e-mail where the member allowed it.
    let bram = person(&parsed, "Bram de Vries");
    assert_eq!(bram.company.as_deref(), Some("Stripe, Inc."));
    assert_eq!(bram.role.as_deref(), Some("Senior \"Platform\" Engineer"));
    assert_eq!(bram.emails, ["bram@example.org"]);
    assert_eq!(bram.connected_on, day("2023-11-05"), "a one-digit day");
    // Stray spaces around cells and a trailing slash on the profile.
    let chiara = person(&parsed, "Chiara Rossi");
    assert_eq!(chiara.company.as_deref(), Some("Fondazione Aurora"));
    assert_eq!(chiara.role.as_deref(), Some("Program Lead"));
    assert_eq!(
        chiara.source_id.as_deref(),
        Some("https://www.linkedin.com/in/chiara-rossi")
    );
    assert_eq!(
        person(&parsed, "José Ñúñez").company.as_deref(),
        Some("Café Quántico")
    );
    assert_eq!(
        person(&parsed, "王 伟").company.as_deref(),
        Some("北京数据")
    );
    assert_eq!(person(&parsed, "Dmitri Volkov").connected_on, None);
    // A quoted position over two lines.
    assert_eq!(
        person(&parsed, "Eve Okafor").role.as_deref(),
        Some("Head of People, EMEA")
    );
    assert_eq!(
        remarks(&parsed.skipped),
        [
            "line 7: an empty row (a deleted or private account)",
            "line 11: no name (a deleted or private account)",
            "line 15: an empty row (a deleted or private account)",
        ]
    );
    assert_eq!(
        remarks(&parsed.warnings),
        ["line 13: could not read the date '31 Feb 2022'"]
    );
}

#[test]
fn an_older_linkedin_export_without_url_and_with_re_saved_dates() {
    let parsed = read(Format::Linkedin, "linkedin_old_export.csv");
    assert_eq!(names(&parsed), ["Farah Haddad", "Gustav Berg", "Hana Sato"]);
    let farah = person(&parsed, "Farah Haddad");
    assert_eq!(farah.emails, ["farah@example.net"]);
    assert_eq!(farah.company.as_deref(), Some("Acme Robotics"));
    assert_eq!(farah.connected_on, day("2022-02-07"), "7-Feb-22");
    assert_eq!(farah.source_id, None);
    assert_eq!(
        person(&parsed, "Gustav Berg").connected_on,
        day("2021-03-05")
    );
    assert_eq!(
        person(&parsed, "Hana Sato").company.as_deref(),
        Some("Kintsugi, KK")
    );
    assert_eq!(
        remarks(&parsed.skipped),
        ["line 6: an empty row (a deleted or private account)"]
    );
}

#[test]
fn a_2018_linkedin_export_with_the_time_of_day_in_its_dates() {
    let parsed = read(Format::Linkedin, "linkedin_2018_export.csv");
    assert_eq!(names(&parsed), ["Ines Duarte", "Tomas Novak", "Wen Zhao"]);
    let dates: Vec<_> = parsed
        .people
        .iter()
        .map(|i| i.person.connected_on)
        .collect();
    assert_eq!(
        dates,
        [day("2018-01-08"), day("2017-12-31"), day("2016-02-29")],
        "1/8/18, 6:14 PM is 8 January 2018"
    );
    assert!(
        remarks(&parsed.warnings).is_empty(),
        "{:?}",
        remarks(&parsed.warnings)
    );
    assert_eq!(
        person(&parsed, "Ines Duarte").company.as_deref(),
        Some("Lumen Optics")
    );
}

#[test]
fn a_linkedin_export_re_saved_with_semicolons() {
    let parsed = read(Format::Linkedin, "linkedin_semicolons.csv");
    assert_eq!(names(&parsed), ["Lena Fischer", "Jonas Weber"]);
    let lena = person(&parsed, "Lena Fischer");
    assert_eq!(
        lena.company.as_deref(),
        Some("Stripe, Inc."),
        "a comma inside a field"
    );
    assert_eq!(lena.emails, ["lena@example.de"]);
    assert_eq!(lena.connected_on, day("2021-03-05"));
    let jonas = person(&parsed, "Jonas Weber");
    assert_eq!(jonas.company.as_deref(), Some("Weber; Söhne"));
    assert_eq!(jonas.connected_on, day("2022-02-07"));
    assert!(parsed.skipped.is_empty() && parsed.warnings.is_empty());
}

#[test]
fn vcard_40_groups_organisations_and_places_are_no_one() {
    let parsed = read(Format::Vcard, "kinds_v40.vcf");
    assert_eq!(names(&parsed), ["Ada Okafor", "Bo Lindqvist"]);
    assert_eq!(
        remarks(&parsed.skipped),
        [
            "card 1: a card for a group (KIND:group), not a person",
            "card 3: a card for an organisation (KIND:org), not a person",
            "card 4: a card for a place (KIND:location), not a person",
        ]
    );
    assert_eq!(
        person(&parsed, "Ada Okafor").connected_on,
        day("2019-06-14"),
        "our own X-TIESDESK-CONNECTED"
    );
    assert_eq!(person(&parsed, "Bo Lindqvist").connected_on, None);
    assert_eq!(
        remarks(&parsed.warnings),
        ["card 5: could not read the connection date (X-TIESDESK-CONNECTED)"]
    );
}

#[test]
fn google_current_headers_with_joined_values_and_labels() {
    let parsed = read(Format::Google, "google_current.csv");
    assert_eq!(
        names(&parsed),
        [
            "Ines Maria Costa",
            "Jonas Keller",
            "sam.only@example.com",
            "Karin Lund"
        ]
    );
    let ines = person(&parsed, "Ines Maria Costa");
    assert_eq!(
        ines.emails,
        [
            "ines@example.pt",
            "ines.costa@example.pt",
            "ines@lisbontide.example"
        ]
    );
    assert_eq!(ines.phones, ["+351 912 345 678"]);
    assert_eq!(ines.company.as_deref(), Some("Lisbon Tide"));
    assert_eq!(ines.role.as_deref(), Some("Researcher"));
    assert_eq!(ines.location.as_deref(), Some("Lisboa"));
    assert_eq!(ines.tags, ["friends", "surfing"], "without myContacts");
    assert_eq!(ines.notes, "Met at the \"Ocean\" conference, 2019");
    assert_eq!(
        ines.birthday,
        Some("1985-06-12".parse::<YearlyDay>().unwrap())
    );
    assert_eq!(ines.source, Source::Google);
    let jonas = person(&parsed, "Jonas Keller");
    assert_eq!(jonas.phones, ["+49 151 2345678", "+49 30 1234567"]);
    assert_eq!(
        jonas.birthday,
        Some("--03-01".parse::<YearlyDay>().unwrap())
    );
    assert_eq!(
        remarks(&parsed.skipped),
        ["line 5: no name, e-mail or phone"]
    );
    assert_eq!(
        remarks(&parsed.warnings),
        ["line 6: could not read the birthday '31/12/1990'"]
    );
}

#[test]
fn a_google_export_saved_as_utf16_reads_as_the_same_people() {
    let utf16 = read(Format::Google, "google_current_utf16.csv");
    let utf8 = read(Format::Google, "google_current.csv");
    assert!(!utf16.people.is_empty());
    assert_eq!(utf16.people, utf8.people);
    assert_eq!(remarks(&utf16.skipped), remarks(&utf8.skipped));
    let bytes = std::fs::read("tests/fixtures/import/google_current_utf16.csv").unwrap();
    assert_eq!(Format::detect(&bytes), Some(Format::Google));
}

#[test]
fn google_legacy_headers() {
    let parsed = read(Format::Google, "google_legacy.csv");
    assert_eq!(names(&parsed), ["Liu Yang", "Mateo Garcia"]);
    let liu = person(&parsed, "Liu Yang");
    assert_eq!(liu.emails, ["liu.yang@example.cn", "liu@work.example.cn"]);
    assert_eq!(liu.company.as_deref(), Some("Harbor Systems"));
    assert_eq!(liu.role.as_deref(), Some("Architect"));
    assert_eq!(liu.tags, ["college"]);
    assert_eq!(liu.birthday, Some("--07-19".parse::<YearlyDay>().unwrap()));
    assert_eq!(liu.notes, "Old friend from university");
    let mateo = person(&parsed, "Mateo Garcia");
    assert_eq!(mateo.phones, ["+34 600 111 222", "+34 910 000 000"]);
}

#[test]
fn vcard_21_from_a_phone_with_quoted_printable() {
    let parsed = read(Format::Vcard, "android_v21.vcf");
    assert_eq!(names(&parsed), ["Jürgen Müller", "Aiko Nakamura"]);
    let jurgen = person(&parsed, "Jürgen Müller");
    assert_eq!(jurgen.given_name.as_deref(), Some("Jürgen"));
    assert_eq!(jurgen.family_name.as_deref(), Some("Müller"));
    assert_eq!(jurgen.phones, ["+49 170 1234567", "+49 89 765432"]);
    assert_eq!(jurgen.emails, ["juergen@example.de"]);
    assert_eq!(jurgen.company.as_deref(), Some("Bergwerk AG"));
    // A soft line break inside, and no CHARSET: the bytes are read as UTF-8.
    assert_eq!(
        jurgen.notes,
        "Kennt viele Leute in der Brückenbau-Branche, sehr hilfsbereit."
    );
    assert_eq!(
        person(&parsed, "Aiko Nakamura").birthday,
        Some("1990-04-12".parse::<YearlyDay>().unwrap())
    );
}

#[test]
fn vcard_30_from_apple_with_groups_escapes_and_a_photo() {
    let parsed = read(Format::Vcard, "apple_v30.vcf");
    assert_eq!(names(&parsed), ["Dr. Nneka Okonkwo", "Per Andersson"]);
    let nneka = person(&parsed, "Dr. Nneka Okonkwo");
    assert_eq!(nneka.given_name.as_deref(), Some("Nneka"));
    assert_eq!(nneka.company.as_deref(), Some("Lagos Health Trust"));
    assert_eq!(nneka.role.as_deref(), Some("Epidemiologist"));
    assert_eq!(nneka.location.as_deref(), Some("Lagos"), "from item2.ADR");
    assert_eq!(nneka.tags, ["health", "mentors"]);
    assert_eq!(
        nneka.notes,
        "Advisor on the clinic project, very generous with time.\nPrefers calls."
    );
    assert_eq!(
        nneka.birthday,
        Some("1982-11-03".parse::<YearlyDay>().unwrap())
    );
    assert_eq!(
        nneka.source_id.as_deref(),
        Some("https://www.linkedin.com/in/nneka-okonkwo"),
        "item1.URL, with Apple's escaped colon"
    );
    let per = person(&parsed, "Per Andersson");
    assert_eq!(per.tags, ["sailing"]);
    assert_eq!(
        per.source_id.as_deref(),
        Some("9B8C7D6E-0000-4000-8000-000000000002")
    );
    assert!(parsed.skipped.is_empty() && parsed.warnings.is_empty());
}

#[test]
fn vcard_40_with_folding_escapes_and_a_bad_card_skipped() {
    let parsed = read(Format::Vcard, "mixed_v40.vcf");
    assert_eq!(names(&parsed), ["Quentin Moreau-Lefèvre", "Rosa Jiménez"]);
    let quentin = person(&parsed, "Quentin Moreau-Lefèvre");
    assert_eq!(quentin.company.as_deref(), Some("Atelier Nord; Paris"));
    assert_eq!(
        quentin.emails,
        ["quentin@example.fr", "q.moreau@example.fr"]
    );
    assert_eq!(quentin.phones, ["+33-6-12-34-56-78"], "a tel: URI");
    assert_eq!(
        quentin.birthday,
        Some("--04-12".parse::<YearlyDay>().unwrap())
    );
    assert!(
        quentin
            .notes
            .ends_with("folded across two lines of the file.")
    );
    assert!(!quentin.notes.contains("  "), "unfolded without a gap");
    let rosa = person(&parsed, "Rosa Jiménez");
    assert_eq!(rosa.tags, ["coffee, tea", "food"], "an escaped comma stays");
    let places: Vec<Place> = parsed.people.iter().map(|i: &Incoming| i.place).collect();
    assert_eq!(places, [Place::Card(1), Place::Card(3)]);
    assert_eq!(
        remarks(&parsed.skipped),
        ["card 2: no name: the card has no FN, N or e-mail"]
    );
    assert_eq!(
        remarks(&parsed.warnings),
        ["card 3: could not read the birthday (BDAY)"]
    );
}

#[test]
fn files_that_are_not_the_format_are_refused_whole() {
    let refused = |format: Format, bytes: &[u8]| format.parse(bytes).unwrap_err().to_string();
    let vcard = std::fs::read("tests/fixtures/import/apple_v30.vcf").unwrap();
    let linkedin = std::fs::read("tests/fixtures/import/linkedin_connections.csv").unwrap();
    assert!(refused(Format::Linkedin, &vcard).contains("not a LinkedIn Connections.csv"));
    assert!(refused(Format::Google, &linkedin).contains("not a Google Contacts CSV"));
    assert!(refused(Format::Vcard, &linkedin).contains("not a vCard file"));
    assert!(refused(Format::Vcard, b"\x89PNG\r\n\x1a\n\0\0").contains("binary file"));
}

#[test]
fn a_file_cut_off_keeps_its_whole_values_and_says_so() {
    // Cut inside a card: the card keeps its whole lines.
    let vcard = std::fs::read("tests/fixtures/import/apple_v30.vcf").unwrap();
    let parsed = Format::Vcard.parse(&vcard[..vcard.len() - 40]).unwrap();
    assert_eq!(parsed.people.len(), 2);
    assert!(
        remarks(&parsed.warnings)
            .iter()
            .any(|r| r.starts_with("card 2: the file ends inside the card")),
        "{:?}",
        parsed.warnings
    );
    // Cut inside a row: the row keeps its whole cells (Ana's company is cut, her name is not).
    let linkedin = std::fs::read("tests/fixtures/import/linkedin_connections.csv").unwrap();
    let text = String::from_utf8(linkedin).unwrap();
    let inside_a_row = text.find("Zephyr Labs").unwrap() + 3;
    let parsed = Format::Linkedin
        .parse(&text.as_bytes()[..inside_a_row])
        .unwrap();
    assert_eq!(names(&parsed), ["Ana Lima"]);
    assert_eq!(parsed.people[0].person.company, None);
    assert_eq!(
        remarks(&parsed.warnings),
        [
            "line 5: the file ends in the middle of this row (is it cut off?): its last cell is \
          left out"
        ]
    );
}
