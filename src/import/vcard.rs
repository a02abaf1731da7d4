//! vCard 2.1, 3.0 and 4.0 files: several cards a file, folded lines, escapes,
//! quoted-printable text, Apple's `itemN.` groups and photos. The card grammar is calcard's,
//! which is liberal in what it accepts; this module maps a card to a person.

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

mod cards;

use super::{Incoming, Parsed, Place, profile_key};
use crate::error::{Error, Result};
use crate::model::{PersonData, Progress, Stage, YearlyDay};

/// Reads a vCard file's bytes (a byte-order mark already gone; see `cards` for how the
/// cards are found and their text decoded).
pub fn parse(bytes: &[u8], progress: &Progress) -> Result<Parsed> {
    let cards = cards::split(bytes, super::MAX_PEOPLE);
    if cards.is_empty() {
        return Err(Error::invalid(
            "this is not a vCard file: it has no BEGIN:VCARD",
        ));
    }
    if cards.len() > super::MAX_PEOPLE {
        return Err(super::too_many_people("cards"));
    }
    progress.start(Stage::Reading, cards.len());
    let mut parsed = Parsed::default();
    for (index, card) in cards.into_iter().enumerate() {
        progress.set(index);
        let place = Place::Card(index + 1);
        for remark in card.remarks {
            parsed.warn(place, remark);
        }
        // A card bigger than a line may be (a NOTE folded over many lines) is not read: a
        // real card with a photo is a few hundred KB.
        if card.text.len() > MAX_CARD {
            parsed.skip(
                place,
                format!(
                    "the card at line {} is larger than {} MB: not read",
                    card.line,
                    MAX_CARD / (1024 * 1024)
                ),
            );
            continue;
        }
        // The card is one BEGIN..END: calcard gives it as a card, or as what is wrong with it.
        let Entry::VCard(read) = Parser::new(&card.text).entry() else {
            parsed.skip(
                place,
                format!("the card at line {} cannot be read as a vCard", card.line),
            );
            continue;
        };
        match person_of(&read, place, &mut parsed) {
            Ok(person) => parsed.people.push(Incoming { place, person }),
            Err(reason) => parsed.skip(place, reason),
        }
    }
    Ok(parsed)
}

/// The largest card read (as large as a vCard line may be).
const MAX_CARD: usize = 8 * 1024 * 1024;

/// Our own property: the day you connected (`connected_on`, `YYYY-MM-DD`), so a card
/// tiesdesk wrote keeps it when it is read back.
pub const CONNECTED_ON: &str = "X-TIESDESK-CONNECTED";

/// Every text of an entry, components included (`N`, `ORG`, `ADR` and `CATEGORIES` hold several).
fn texts(entry: &VCardEntry) -> Vec<String> {
    let mut out = Vec::new();
    for value in &entry.values {
        match value {
            VCardValue::Component(parts) => out.extend(parts.iter().cloned()),
            VCardValue::Binary(_) => {}
            other => out.extend(other.as_text().map(str::to_string)),
        }
    }
    out
}

fn first_text(card: &VCard, property: VCardProperty) -> String {
    card.property(&property)
        .and_then(|entry| texts(entry).into_iter().find(|t| !t.trim().is_empty()))
        .unwrap_or_default()
}

fn all_texts(card: &VCard, property: VCardProperty) -> Vec<String> {
    card.properties(&property)
        .filter_map(|entry| texts(entry).into_iter().next())
        .collect()
}

fn person_of(card: &VCard, place: Place, parsed: &mut Parsed) -> Result<PersonData, String> {
    // A card for a group, an organisation or a place (vCard 4's KIND) is no one to know.
    let kind = first_text(card, VCardProperty::Kind)
        .trim()
        .to_ascii_lowercase();
    if !kind.is_empty() && kind != "individual" {
        let what = match kind.as_str() {
            "group" => "a group",
            "org" => "an organisation",
            "location" => "a place",
            _ => "something else",
        };
        return Err(format!("a card for {what} (KIND:{kind}), not a person"));
    }
    let name_parts = card
        .property(&VCardProperty::N)
        .map(texts)
        .unwrap_or_default();
    let family = name_parts.first().cloned().unwrap_or_default();
    let given = name_parts.get(1).cloned().unwrap_or_default();
    let composed = format!("{given} {family}");
    let emails = all_texts(card, VCardProperty::Email);
    let company = first_text(card, VCardProperty::Org);
    let name = [first_text(card, VCardProperty::Fn), composed]
        .into_iter()
        .find(|n| !n.trim().is_empty())
        .or_else(|| emails.first().cloned())
        .or_else(|| (!company.trim().is_empty()).then(|| company.clone()))
        .ok_or("no name: the card has no FN, N or e-mail")?;

    let mut person = PersonData::named(&name);
    person.given_name = Some(given);
    person.family_name = Some(family);
    person.company = Some(company);
    person.role = Some(first_text(card, VCardProperty::Title));
    person.notes = first_text(card, VCardProperty::Note);
    for email in emails {
        if email.contains('@') {
            person.emails.push(email);
        } else {
            parsed.warn(place, format!("'{email}' is not an e-mail address"));
        }
    }
    person.phones = all_texts(card, VCardProperty::Tel)
        .into_iter()
        .map(|tel| tel.trim_start_matches("tel:").to_string())
        .collect();
    person.tags = card
        .properties(&VCardProperty::Categories)
        .flat_map(texts)
        .collect();
    person.location = card
        .property(&VCardProperty::Adr)
        .and_then(|adr| texts(adr).get(3).cloned());
    let uid = first_text(card, VCardProperty::Uid);
    let profile = all_texts(card, VCardProperty::Url)
        .into_iter()
        .chain(all_texts(card, VCardProperty::Socialprofile))
        .find_map(|url| profile_key(&url.replace("\\:", ":")));
    // The LinkedIn profile the card names, else the card's own id: either finds the person
    // again next time, and a profile also finds them as imported from LinkedIn.
    person.source_id = profile.or((!uid.trim().is_empty()).then_some(uid));
    let connected = card.entries.iter().find(|entry| {
        matches!(&entry.name, VCardProperty::Other(name) if name.eq_ignore_ascii_case(CONNECTED_ON))
    });
    if let Some(connected) = connected {
        match texts(connected)
            .first()
            .and_then(|day| day.trim().parse().ok())
        {
            Some(day) => person.connected_on = Some(day),
            None => parsed.warn(
                place,
                format!("could not read the connection date ({CONNECTED_ON})"),
            ),
        }
    }
    if let Some(bday) = card.property(&VCardProperty::Bday) {
        match birthday(bday) {
            Some(day) => person.birthday = Some(day),
            None => parsed.warn(place, "could not read the birthday (BDAY)"),
        }
    }
    parsed.cleaned(place, person)
}

fn birthday(entry: &VCardEntry) -> Option<YearlyDay> {
    match entry.values.first()? {
        VCardValue::PartialDateTime(date) => {
            let candidate = YearlyDay {
                year: date.year.map(i32::from),
                month: u32::from(date.month?),
                day: u32::from(date.day?),
            };
            // Checked through the text form, which refuses 31 April and the like.
            candidate.to_string().parse().ok()
        }
        VCardValue::Text(text) => {
            let text = text.trim();
            text.parse().ok().or_else(|| {
                // `--0412` and `19850412`: the basic forms.
                let digits = text.trim_start_matches('-');
                if !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                match (text.starts_with("--"), digits.len()) {
                    (true, 4) => format!("--{}-{}", &digits[..2], &digits[2..]).parse().ok(),
                    (false, 8) => format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..])
                        .parse()
                        .ok(),
                    _ => None,
                }
            })
        }
        _ => None,
    }
}
