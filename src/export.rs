//! Writing people out for other tools: a CSV with the model's figures (for a spreadsheet) and
//! vCard 4.0 (for an address book), and iCalendar for the dates that matter (`ics`). The
//! lossless form is the JSON document (`document`).

pub mod ics;

use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue, VCardVersion};

use crate::error::{Error, Result};
use crate::insight::{Due, Figures, OneSided};
use crate::model::Person;
use crate::model::date::day_from_number;

const CSV_HEADER: [&str; 24] = [
    "id",
    "name",
    "given_name",
    "family_name",
    "emails",
    "phones",
    "company",
    "role",
    "location",
    "tags",
    "status",
    "layer",
    "due",
    "warmth",
    "given",
    "received",
    "one_sided",
    "last_contact",
    "days_since",
    "birthday",
    "connected_on",
    "source",
    "source_id",
    "notes",
];

fn text<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// A text cell that is safe to open: a spreadsheet runs a cell beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return as a formula (`=HYPERLINK(…)` in a LinkedIn company), so
/// such a cell starts with `'` (the OWASP rule); control characters are made visible, so
/// `cat ties.csv` cannot take over a terminal either.
pub fn spreadsheet_cell(value: &str) -> String {
    let shown = crate::text::visible(value);
    if shown.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{shown}")
    } else {
        shown.into_owned()
    }
}

/// One row per person, with what the model says of them today. Lists are joined by `; `.
pub fn people_csv(rows: &[(&Person, &Figures)]) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| Error::Io(format!("cannot write the CSV: {e}"));
    writer.write_record(CSV_HEADER).map_err(failed)?;
    for &(person, f) in rows {
        let data = &person.data;
        let cell = |value: &str| spreadsheet_cell(value);
        let record = [
            person.id.to_string(),
            cell(&data.name),
            cell(&text(data.given_name.as_ref())),
            cell(&text(data.family_name.as_ref())),
            cell(&data.emails.join("; ")),
            cell(&data.phones.join("; ")),
            cell(&text(data.company.as_ref())),
            cell(&text(data.role.as_ref())),
            cell(&text(data.location.as_ref())),
            cell(&data.tags.join("; ")),
            f.status.as_str().to_string(),
            text(f.layer),
            match f.due {
                Due::No => String::new(),
                Due::Due => "due".into(),
                Due::Overdue => "overdue".into(),
            },
            format!("{:.3}", f.warmth),
            f.ledger.given.to_string(),
            f.ledger.received.to_string(),
            text(f.one_sided.map(|o| match o {
                OneSided::YouTake => "you_take",
                OneSided::TheyTake => "they_take",
            })),
            text(f.last_contact.and_then(day_from_number)),
            text(f.days_since),
            text(data.birthday),
            text(data.connected_on),
            data.source.as_str().to_string(),
            cell(&text(data.source_id.as_ref())),
            cell(&data.notes),
        ];
        writer.write_record(&record).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Error::Io(format!("cannot write the CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::Io(format!("cannot write the CSV: {e}")))
}

/// A card's text with control characters made visible: an address book has no use for them,
/// and `cat contacts.vcf` must not take over a terminal.
fn card_text(value: &str) -> String {
    crate::text::visible(value).into_owned()
}

fn entry(property: VCardProperty, value: &str) -> VCardEntry {
    VCardEntry::new(property).with_value(card_text(value))
}

/// One vCard 4.0 per person: names, e-mails, phones, company, role, town, birthday, the day
/// you connected (our own `X-TIESDESK-CONNECTED`), tags, notes, the LinkedIn profile, and a
/// UID (the original card's, if it came from one).
pub fn people_vcards(people: &[Person]) -> String {
    let mut out = String::new();
    for person in people {
        let data = &person.data;
        let mut entries = vec![entry(VCardProperty::Fn, &data.name)];
        let family = card_text(data.family_name.as_deref().unwrap_or_default());
        let given = card_text(data.given_name.as_deref().unwrap_or_default());
        entries.push(VCardEntry::new(VCardProperty::N).with_values(vec![
            VCardValue::Text(family),
            VCardValue::Text(given),
            VCardValue::Text(String::new()),
            VCardValue::Text(String::new()),
            VCardValue::Text(String::new()),
        ]));
        entries.extend(data.emails.iter().map(|e| entry(VCardProperty::Email, e)));
        entries.extend(data.phones.iter().map(|p| entry(VCardProperty::Tel, p)));
        if let Some(company) = &data.company {
            entries.push(entry(VCardProperty::Org, company));
        }
        if let Some(role) = &data.role {
            entries.push(entry(VCardProperty::Title, role));
        }
        if let Some(location) = &data.location {
            let mut parts = vec![VCardValue::Text(String::new()); 7];
            parts[3] = VCardValue::Text(card_text(location));
            entries.push(VCardEntry::new(VCardProperty::Adr).with_values(parts));
        }
        if let Some(birthday) = data.birthday {
            let basic = match birthday.year {
                Some(year) => format!("{year:04}{:02}{:02}", birthday.month, birthday.day),
                None => format!("--{:02}{:02}", birthday.month, birthday.day),
            };
            entries.push(entry(VCardProperty::Bday, &basic));
        }
        if let Some(day) = data.connected_on {
            let property = VCardProperty::Other(crate::import::vcard::CONNECTED_ON.into());
            entries.push(entry(property, &day.format("%Y-%m-%d").to_string()));
        }
        if !data.tags.is_empty() {
            entries.push(
                VCardEntry::new(VCardProperty::Categories).with_values(
                    data.tags
                        .iter()
                        .map(|tag| VCardValue::Text(card_text(tag)))
                        .collect(),
                ),
            );
        }
        if !data.notes.is_empty() {
            entries.push(entry(VCardProperty::Note, &data.notes));
        }
        // Every card has its own UID, so two people who share a name stay two on the way back.
        let profile = data
            .source_id
            .as_deref()
            .and_then(crate::import::profile_key);
        let uid = match (&data.source_id, &profile) {
            (Some(id), None) => id.clone(),
            _ => format!("urn:tiesdesk:person:{}", person.id),
        };
        entries.push(entry(VCardProperty::Uid, &uid));
        if let Some(profile) = profile {
            entries.push(entry(VCardProperty::Url, &profile));
        }
        // Writing into a String cannot fail.
        let _ = VCard { entries }.write_to(&mut out, VCardVersion::V4_0);
    }
    out
}
