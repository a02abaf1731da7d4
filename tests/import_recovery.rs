//! Files that break their format the way real ones do — cards without their end, an embedded
//! AGENT card, a file cut off, text in other charsets — read back without losing a person.
//! Every person in the fixtures is invented.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::parsed::{names, person, read, remarks};

use tiesdesk::import::Format;

#[test]
fn broken_cards_lose_no_one() {
    let parsed = read(Format::Vcard, "broken_cards_v30.vcf");
    // Amara's card has no END: Bastian's BEGIN ends it, and Bastian is read normally. The
    // AGENT card inside Inés's is not a person of its own, and not the end of hers.
    assert_eq!(
        names(&parsed),
        [
            "Amara Nwosu",
            "Bastian Krüger",
            "Inés Castillo",
            "Dagny Holm"
        ]
    );
    assert_eq!(person(&parsed, "Amara Nwosu").emails, ["amara@example.ng"]);
    assert_eq!(person(&parsed, "Bastian Krüger").phones, ["+49 30 1234567"]);
    let ines = person(&parsed, "Inés Castillo");
    assert_eq!(ines.emails, ["ines@example.es"]);
    assert_eq!(ines.company.as_deref(), Some("Castillo Vinos"));
    // Dagny's card is cut off in her e-mail address: she is kept, the half address is not.
    assert!(person(&parsed, "Dagny Holm").emails.is_empty());
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert_eq!(
        remarks(&parsed.warnings),
        [
            "card 1: the card that begins at line 1 has no END:VCARD before the next card \
             (line 6): imported with what it holds",
            "card 4: its last line (line 30) was cut off and is left out",
            "card 4: the file ends inside the card that begins at line 26 (no END:VCARD: is it \
             cut off?): imported with what it holds",
        ]
    );
}

#[test]
fn charsets_named_or_not_give_the_right_names() {
    let parsed = read(Format::Vcard, "charsets_v21.vcf");
    assert_eq!(
        names(&parsed),
        [
            "Вася Пупкин",
            "Ольга Смирнова",
            "花子 山田",
            "Иван Иванов",
            "Jiří Dvořák, ěšč",
            "Шура Белова",
            "Lucía Martínez",
        ]
    );
    let vasya = person(&parsed, "Вася Пупкин");
    assert_eq!(vasya.family_name.as_deref(), Some("Пупкин"));
    assert_eq!(vasya.given_name.as_deref(), Some("Вася"));
    assert_eq!(
        person(&parsed, "花子 山田").family_name.as_deref(),
        Some("山田")
    );
    // Guesses are said, each at its card; what the file named is not.
    assert_eq!(
        remarks(&parsed.warnings),
        [
            "card 6: FN looks quoted-printable though it does not say so: decoded",
            "card 7: N is not UTF-8 and names no charset: read as Windows-1252 (Western)",
        ]
    );
}

#[test]
fn one_windows_byte_in_a_linkedin_file_garbles_nothing_else() {
    let parsed = read(Format::Linkedin, "linkedin_one_windows_byte.csv");
    assert_eq!(
        names(&parsed),
        [
            "Søren Kierkegård",
            "José Niño",
            "Zoë Brontë",
            "Łukasz Wójcik"
        ]
    );
    assert_eq!(
        person(&parsed, "Zoë Brontë").company.as_deref(),
        Some("Crème Studio")
    );
    assert_eq!(
        person(&parsed, "José Niño").company.as_deref(),
        Some("Café Ñandú")
    );
    assert_eq!(
        remarks(&parsed.warnings),
        ["line 4: its text is not UTF-8: read as Windows-1252 (Western European)"]
    );
}
