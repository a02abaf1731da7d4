//! `add`, `edit`, `archive`, `unarchive`.

use clap::Args;

use super::print;
use crate::error::Result;
use crate::model::{Birthday, Day, PersonData, date::parse_iso_date};
use crate::ops::Desk;

fn parse_birthday(text: &str) -> std::result::Result<Birthday, String> {
    text.parse().map_err(|e: crate::model::InvalidValue| e.0)
}

fn parse_day(text: &str) -> std::result::Result<Day, String> {
    parse_iso_date(text).map_err(|e| e.to_string())
}

fn parse_cadence(text: &str) -> std::result::Result<u32, String> {
    text.parse::<u32>()
        .ok()
        .filter(|d| *d > 0)
        .ok_or_else(|| format!("bad cadence '{text}': give a number of days, 1 or more"))
}

/// Fields shared by `add` and `edit`.
#[derive(Debug, Args)]
pub struct Fields {
    /// Given (first) name.
    #[arg(long, value_name = "NAME")]
    pub given_name: Option<String>,
    /// Family (last) name.
    #[arg(long, value_name = "NAME")]
    pub family_name: Option<String>,
    /// An email address (repeat for more).
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
    /// A phone number (repeat for more).
    #[arg(long = "phone", value_name = "PHONE")]
    pub phones: Vec<String>,
    /// Company ("" clears it).
    #[arg(long)]
    pub company: Option<String>,
    /// Role or job title ("" clears it).
    #[arg(long)]
    pub role: Option<String>,
    /// Where they live ("" clears it).
    #[arg(long)]
    pub location: Option<String>,
    /// A circle they belong to (repeat for more).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Notes about them.
    #[arg(long)]
    pub notes: Option<String>,
    /// Family: warmth fades slower and the ledger never flags them.
    #[arg(long)]
    pub family: bool,
    /// Birthday: YYYY-MM-DD, or --MM-DD without the year.
    #[arg(long, value_parser = parse_birthday, allow_hyphen_values = true)]
    pub birthday: Option<Birthday>,
    /// Be reminded after this many days without contact, whatever their layer.
    #[arg(long, value_name = "DAYS", value_parser = parse_cadence)]
    pub cadence: Option<u32>,
    /// Who introduced you.
    #[arg(long, value_name = "NAME")]
    pub introduced_by: Option<String>,
    /// When you connected (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub connected_on: Option<Day>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Their name as you say it.
    pub name: String,
    #[command(flatten)]
    pub fields: Fields,
    /// Print the new person as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    pub person: String,
    /// A new name.
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: Fields,
    /// Remove a tag (repeat for more).
    #[arg(long = "untag", value_name = "TAG")]
    pub untag: Vec<String>,
    /// Remove an email address.
    #[arg(long = "remove-email", value_name = "EMAIL")]
    pub remove_emails: Vec<String>,
    /// Remove a phone number.
    #[arg(long = "remove-phone", value_name = "PHONE")]
    pub remove_phones: Vec<String>,
    /// Not family after all.
    #[arg(long, conflicts_with = "family")]
    pub not_family: bool,
    /// Drop the cadence set with --cadence.
    #[arg(long, conflicts_with = "cadence")]
    pub no_cadence: bool,
    /// Forget who introduced you.
    #[arg(long, conflicts_with = "introduced_by")]
    pub no_introducer: bool,
    /// Print the changed person as JSON.
    #[arg(long)]
    pub json: bool,
}

fn set_text(field: &mut Option<String>, value: Option<String>) {
    if let Some(value) = value {
        *field = Some(value).filter(|v| !v.trim().is_empty());
    }
}

/// Lays the given fields over `data`; list fields are added to.
fn apply(desk: &Desk, data: &mut PersonData, fields: Fields) -> Result<()> {
    set_text(&mut data.given_name, fields.given_name);
    set_text(&mut data.family_name, fields.family_name);
    set_text(&mut data.company, fields.company);
    set_text(&mut data.role, fields.role);
    set_text(&mut data.location, fields.location);
    data.emails.extend(fields.emails);
    data.phones.extend(fields.phones);
    data.tags.extend(fields.tags);
    if let Some(notes) = fields.notes {
        data.notes = notes;
    }
    data.family |= fields.family;
    if fields.birthday.is_some() {
        data.birthday = fields.birthday;
    }
    if fields.cadence.is_some() {
        data.cadence_days = fields.cadence;
    }
    if fields.connected_on.is_some() {
        data.connected_on = fields.connected_on;
    }
    if let Some(name) = fields.introduced_by {
        data.introduced_by = Some(desk.resolve(&name)?.id);
    }
    Ok(())
}

pub fn add(out: &mut String, desk: &mut Desk, args: AddArgs) -> Result<()> {
    let mut data = PersonData::named(&args.name);
    apply(desk, &mut data, args.fields)?;
    let person = desk.add(data)?;
    if args.json {
        return print::json(out, &person);
    }
    say!(
        out,
        "Added {} (#{}). Log something with: tiesdesk log \"{}\" --mutual --kind meet",
        person.name(),
        person.id,
        person.name()
    );
    Ok(())
}

pub fn edit(out: &mut String, desk: &mut Desk, args: EditArgs) -> Result<()> {
    let before = desk.resolve(&args.person)?;
    let mut data = before.data.clone();
    if let Some(name) = args.name {
        data.name = name;
    }
    apply(desk, &mut data, args.fields)?;
    let lower = |v: &[String]| {
        v.iter()
            .map(|s| s.trim().to_lowercase())
            .collect::<Vec<_>>()
    };
    let untag = lower(&args.untag);
    data.tags.retain(|t| !untag.contains(&t.to_lowercase()));
    let remove = lower(&args.remove_emails);
    data.emails.retain(|e| !remove.contains(&e.to_lowercase()));
    data.phones
        .retain(|p| !args.remove_phones.iter().any(|r| r.trim() == p));
    if args.not_family {
        data.family = false;
    }
    if args.no_cadence {
        data.cadence_days = None;
    }
    if args.no_introducer {
        data.introduced_by = None;
    }
    let person = desk.edit(before.id, data)?;
    if args.json {
        return print::json(out, &person);
    }
    say!(out, "Updated {} (#{}).", person.name(), person.id);
    Ok(())
}

pub fn archive(out: &mut String, desk: &mut Desk, name: &str, archived: bool) -> Result<()> {
    let person = desk.resolve(name)?;
    if person.data.archived == archived {
        let state = if archived { "archived" } else { "not archived" };
        say!(out, "{} is already {state}.", person.name());
        return Ok(());
    }
    let person = desk.set_archived(&person, archived)?;
    if archived {
        say!(
            out,
            "Archived {}. (tiesdesk undo brings them back)",
            person.name()
        );
    } else {
        say!(out, "{} is back in your lists.", person.name());
    }
    Ok(())
}
