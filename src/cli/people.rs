//! `add`, `edit`, `archive`, `unarchive`.

use clap::Args;

use super::print;
use crate::error::Result;
use crate::model::{Day, ListPatch, PersonData, PersonPatch, YearlyDay, date::parse_iso_date};
use crate::ops::Desk;

fn parse_birthday(text: &str) -> std::result::Result<YearlyDay, String> {
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
    /// Who they are in chat exports (`import chat` matches by it): `whatsapp:+31612345678`,
    /// `whatsapp:Name`, `telegram:user4242`, `instagram:Name` (repeat for more).
    #[arg(long = "handle", value_name = "APP:ID")]
    pub handles: Vec<String>,
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
    /// On call: kept passively, never due, counted apart from your ~150 (a light touch a
    /// year).
    #[arg(long)]
    pub on_call: bool,
    /// Their birthday: MM-DD or a day and month ("5 Feb"), with the year if known
    /// (YYYY-MM-DD, "5 Feb 1985").
    #[arg(long, value_parser = parse_birthday, allow_hyphen_values = true)]
    pub birthday: Option<YearlyDay>,
    /// Be reminded after this many days without contact, whatever their layer.
    #[arg(long, value_name = "DAYS", value_parser = parse_cadence)]
    pub cadence: Option<u32>,
    /// Who introduced you.
    #[arg(long, value_name = "NAME", add = super::complete::person())]
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
    #[arg(add = super::complete::person())]
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
    /// Remove a chat handle.
    #[arg(long = "remove-handle", value_name = "APP:ID")]
    pub remove_handles: Vec<String>,
    /// Not family after all.
    #[arg(long, conflicts_with = "family")]
    pub not_family: bool,
    /// No longer on call: back among the people you keep in touch with.
    #[arg(long, conflicts_with = "on_call")]
    pub not_on_call: bool,
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

/// `--company ""` clears the field; any other value sets it.
fn text(value: Option<String>) -> Option<Option<String>> {
    value.map(|v| Some(v).filter(|v| !v.trim().is_empty()))
}

/// The change the given fields ask for, and nothing else; list fields are added to.
fn patch(desk: &Desk, fields: Fields) -> Result<PersonPatch> {
    Ok(PersonPatch {
        given_name: text(fields.given_name),
        family_name: text(fields.family_name),
        company: text(fields.company),
        role: text(fields.role),
        location: text(fields.location),
        notes: fields.notes,
        family: fields.family.then_some(true),
        on_call: fields.on_call.then_some(true),
        birthday: fields.birthday.map(Some),
        cadence_days: fields.cadence.map(Some),
        connected_on: fields.connected_on.map(Some),
        introduced_by: match fields.introduced_by {
            Some(name) => Some(Some(desk.resolve(&name)?.id)),
            None => None,
        },
        emails: ListPatch {
            add: fields.emails,
            remove: Vec::new(),
        },
        phones: ListPatch {
            add: fields.phones,
            remove: Vec::new(),
        },
        handles: ListPatch {
            add: fields.handles,
            remove: Vec::new(),
        },
        tags: ListPatch {
            add: fields.tags,
            remove: Vec::new(),
        },
        ..PersonPatch::default()
    })
}

pub fn add(out: &mut String, desk: &mut Desk, args: AddArgs) -> Result<()> {
    let mut data = PersonData::named(&args.name);
    patch(desk, args.fields)?.apply(&mut data);
    let crate::ops::Added { person, namesakes } = desk.add(data)?;
    if args.json {
        return print::json(out, &person);
    }
    if let Some(first) = namesakes.first() {
        say!(
            out,
            "Note: {} (#{}) was already here. If they are the same person, \
             tiesdesk merge id:{} id:{} folds the new one in.",
            first.name(),
            first.id,
            first.id,
            person.id
        );
    }
    // The name as a shell passes it on, or the id when it would not (a name that starts
    // with '-' reads as an option; quotes and $ are the shell's) or names two people.
    let name = person.name();
    let plain = !name.starts_with('-')
        && !name.contains(['"', '\\', '$', '`', '!'])
        && namesakes.is_empty();
    let who = if plain {
        format!("\"{name}\"")
    } else {
        format!("id:{}", person.id)
    };
    say!(
        out,
        "Added {name} (#{}). Log something with: tiesdesk log {who} --mutual --kind meet",
        person.id,
    );
    Ok(())
}

pub fn edit(out: &mut String, desk: &mut Desk, args: EditArgs) -> Result<()> {
    let before = desk.resolve(&args.person)?;
    let mut change = patch(desk, args.fields)?;
    change.name = args.name;
    change.tags.remove = args.untag;
    change.emails.remove = args.remove_emails;
    change.phones.remove = args.remove_phones;
    change.handles.remove = args.remove_handles;
    if args.not_family {
        change.family = Some(false);
    }
    if args.not_on_call {
        change.on_call = Some(false);
    }
    if args.no_cadence {
        change.cadence_days = Some(None);
    }
    if args.no_introducer {
        change.introduced_by = Some(None);
    }
    let person = desk.edit(&before, &change)?;
    if args.json {
        return print::json(out, &person);
    }
    let on_call = match change.on_call {
        _ if before.data.on_call == person.data.on_call => "",
        Some(true) => " On call: kept passively, never due, not among your ~150.",
        _ => " No longer on call.",
    };
    say!(out, "Updated {} (#{}).{on_call}", person.name(), person.id);
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
