//! LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
//!
//! Real exports start with a `Notes:` preamble and a blank line before the header; older ones
//! have no `URL` column; a spreadsheet may have re-saved the dates as `7-Feb-22` or `3/5/2021`;
//! deleted or private members leave rows of only commas. Columns are found by name.

use chrono::{NaiveDate, NaiveTime};

use super::csv_table::Table;
use super::{Incoming, Parsed, Place, profile_key};
use crate::error::Result;
use crate::model::PersonData;
use crate::model::{Progress, Stage};

const WHAT: &str = "a LinkedIn Connections.csv";

fn is_header(cells: &[String]) -> bool {
    ["first name", "last name", "connected on"]
        .iter()
        .all(|name| cells.iter().any(|c| c == name))
}

pub fn parse(text: &[u8], progress: &Progress) -> Result<Parsed> {
    let table = Table::read(text, WHAT, is_header)?;
    progress.start(Stage::Reading, table.rows.len());
    let first = table.column("first name");
    let last = table.column("last name");
    let url = table.column("url").or(table.column("profile url"));
    let email = table.column("email address");
    let company = table.column("company");
    let position = table.column("position");
    let connected = table.column("connected on");

    let mut parsed = Parsed::default();
    table.warn_about_reading(&mut parsed);
    for (done, row) in table.rows.iter().enumerate() {
        progress.set(done);
        let place = Place::Line(row.line);
        if row.is_blank() {
            parsed.skip(place, "an empty row (a deleted or private account)");
            continue;
        }
        let (given, family) = (row.get(first), row.get(last));
        let name = format!("{given} {family}");
        let name = name.trim();
        if name.is_empty() {
            parsed.skip(place, "no name (a deleted or private account)");
            continue;
        }
        let mut person = PersonData::named(name);
        person.given_name = Some(given.to_string());
        person.family_name = Some(family.to_string());
        person.company = Some(row.get(company).to_string());
        person.role = Some(row.get(position).to_string());
        let address = row.get(url);
        person.source_id = profile_key(address);
        if person.source_id.is_none() && !address.is_empty() {
            parsed.warn(
                place,
                format!("'{address}' is not a LinkedIn profile address"),
            );
        }
        let email = row.get(email);
        if email.contains('@') {
            person.emails.push(email.to_string());
        }
        let date = row.get(connected);
        if !date.is_empty() {
            match connected_on(date) {
                Some(day) => person.connected_on = Some(day),
                None => parsed.warn(place, format!("could not read the date '{date}'")),
            }
        }
        match parsed.cleaned(place, person) {
            Ok(person) => parsed.people.push(Incoming { place, person }),
            Err(e) => parsed.skip(place, e.to_string()),
        }
    }
    Ok(parsed)
}

/// `05 Mar 2021` as LinkedIn writes it, `1/8/18, 6:14 PM` as its 2018 exports did (the
/// time is not kept), and what a spreadsheet makes of it after a re-save. Two-digit years
/// are tried first: `%Y` would read `18` as the year 18.
fn connected_on(text: &str) -> Option<NaiveDate> {
    let date = match text.split_once(", ") {
        Some((date, time)) if NaiveTime::parse_from_str(time, "%I:%M %p").is_ok() => date,
        _ => text,
    };
    [
        "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d", "%d %B %Y",
    ]
    .iter()
    .find_map(|format| NaiveDate::parse_from_str(date, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_exported_and_as_re_saved() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(connected_on("05 Mar 2021"), day(2021, 3, 5));
        assert_eq!(connected_on("5 Mar 2021"), day(2021, 3, 5));
        assert_eq!(connected_on("7-Feb-22"), day(2022, 2, 7));
        assert_eq!(connected_on("3/5/2021"), day(2021, 3, 5));
        assert_eq!(connected_on("2021-03-05"), day(2021, 3, 5));
        assert_eq!(connected_on("05 Mär 2021"), None);
        // The 2018 exports, with a time of day.
        assert_eq!(connected_on("1/8/18, 6:14 PM"), day(2018, 1, 8));
        assert_eq!(connected_on("12/31/17, 11:59 AM"), day(2017, 12, 31));
        assert_eq!(connected_on("1/8/18"), day(2018, 1, 8));
        assert_eq!(connected_on("1/8/18, later"), None, "not a time of day");
    }

    #[test]
    fn a_file_without_the_header_is_not_linkedin() {
        let error = parse(b"Name,Email\nAna,ana@example.org\n", &Progress::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "this is not a LinkedIn Connections.csv: no header row with the expected column names \
             (fields separated by commas or semicolons)"
        );
    }
}
