//! Google Contacts CSV ("Google CSV"), with the current headers (`First Name`, `Labels`,
//! `E-mail 1 - Value`) and the legacy ones (`Name`, `Given Name`, `Group Membership`,
//! `E-mail 1 - Type`). Numbered groups come in whatever number an export needed; one cell may
//! hold several values joined by ` ::: `.

use super::csv_table::{Row, Table};
use super::{Incoming, Parsed, Place};
use crate::error::Result;
use crate::model::{PersonData, YearlyDay};
use crate::model::{Progress, Stage};

const WHAT: &str = "a Google Contacts CSV";
const JOIN: &str = " ::: ";

fn is_header(cells: &[String]) -> bool {
    let has = |name: &str| cells.iter().any(|c| c == name);
    let current = has("first name") && has("last name") && has("labels");
    let legacy = has("given name") && has("family name") && has("group membership");
    current || legacy
}

/// The columns of one numbered group kind, e.g. every `E-mail N - Value`.
fn group_columns(table: &Table, kind: &str, field: &str) -> Vec<usize> {
    let prefix = format!("{kind} ");
    let suffix = format!(" - {field}");
    table
        .names()
        .iter()
        .enumerate()
        .filter(|(_, name)| {
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(&suffix))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .map(|(index, _)| index)
        .collect()
}

fn values<'r>(row: &'r Row, columns: &[usize]) -> Vec<&'r str> {
    columns
        .iter()
        .flat_map(|&c| row.cell(c).split(JOIN))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// Labels become tags, without Google's own system groups and the `* ` that marks a primary.
fn tags(cell: &str) -> Vec<String> {
    cell.split(JOIN)
        .map(|label| label.trim().trim_start_matches("* ").trim())
        .filter(|label| {
            let lower = label.to_lowercase();
            !label.is_empty()
                && lower != "mycontacts"
                && lower != "my contacts"
                && lower != "starred"
        })
        .map(str::to_string)
        .collect()
}

pub fn parse(text: &[u8], progress: &Progress) -> Result<Parsed> {
    let table = Table::read(text, WHAT, is_header)?;
    progress.start(Stage::Reading, table.rows.len());
    let first_of = |names: &[&str]| names.iter().find_map(|n| table.column(n));
    let full_name = first_of(&["name"]);
    let given = first_of(&["first name", "given name"]);
    let middle = first_of(&["middle name", "additional name"]);
    let family = first_of(&["last name", "family name"]);
    let nickname = first_of(&["nickname"]);
    let birthday = first_of(&["birthday"]);
    let notes = first_of(&["notes"]);
    let labels = first_of(&["labels", "group membership"]);
    let company = first_of(&["organization name", "organization 1 - name"]);
    let role = first_of(&["organization title", "organization 1 - title"]);
    let emails = group_columns(&table, "e-mail", "value");
    let phones = group_columns(&table, "phone", "value");
    let cities = group_columns(&table, "address", "city");

    let mut parsed = Parsed::default();
    table.warn_about_reading(&mut parsed);
    for (done, row) in table.rows.iter().enumerate() {
        progress.set(done);
        let place = Place::Line(row.line);
        let composed = [row.get(given), row.get(middle), row.get(family)]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let emails = values(row, &emails);
        let phones = values(row, &phones);
        let name = [row.get(full_name), composed.as_str(), row.get(nickname)]
            .into_iter()
            .find(|n| !n.is_empty())
            .or(emails.first().copied())
            .or(phones.first().copied());
        let Some(name) = name else {
            parsed.skip(place, "no name, e-mail or phone");
            continue;
        };
        let mut person = PersonData::named(name);
        person.given_name = Some(row.get(given).to_string());
        person.family_name = Some(row.get(family).to_string());
        person.company = Some(row.get(company).to_string());
        person.role = Some(row.get(role).to_string());
        person.location = values(row, &cities).first().map(|c| c.to_string());
        person.notes = row.get(notes).to_string();
        person.tags = tags(row.get(labels));
        for email in emails {
            if email.contains('@') {
                person.emails.push(email.to_string());
            } else {
                parsed.warn(place, format!("'{email}' is not an e-mail address"));
            }
        }
        person.phones = phones.iter().map(|p| p.to_string()).collect();
        let date = row.get(birthday);
        if !date.is_empty() {
            match date.parse::<YearlyDay>() {
                Ok(day) => person.birthday = Some(day),
                Err(_) => parsed.warn(place, format!("could not read the birthday '{date}'")),
            }
        }
        match parsed.cleaned(place, person) {
            Ok(person) => parsed.people.push(Incoming { place, person }),
            Err(e) => parsed.skip(place, e.to_string()),
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_without_system_groups() {
        assert_eq!(
            tags("* myContacts ::: Friends ::: * starred ::: Climbing"),
            vec!["Friends", "Climbing"]
        );
        assert_eq!(tags("* My Contacts ::: Family"), vec!["Family"]);
        assert!(tags("").is_empty());
    }
}
