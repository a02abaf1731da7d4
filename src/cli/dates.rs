//! `date`, `dates` and `date-remove`: the days that come round every year.

use clap::Args;

use crate::error::Result;
use crate::model::{YearlyDateId, YearlyDay};
use crate::ops::Desk;
use crate::text::visible;

fn parse_yearly(text: &str) -> std::result::Result<YearlyDay, String> {
    text.parse().map_err(|e: crate::model::InvalidValue| e.0)
}

#[derive(Debug, Args)]
pub struct DateArgs {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = super::complete::person())]
    pub name: String,
    /// What the day is: "work anniversary", "met", or "birthday" (sets their birthday).
    pub label: String,
    /// The day: MM-DD or a day and month ("5 Feb"), with the year if known (YYYY-MM-DD).
    #[arg(value_parser = parse_yearly, allow_hyphen_values = true)]
    pub date: YearlyDay,
}

#[derive(Debug, Args)]
pub struct DatesArgs {
    /// Only those within this many days (by default the whole year ahead).
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    pub within: u16,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DateIdArg {
    /// The date's number (in `tiesdesk dates`).
    #[arg(value_parser = super::row_number("a date's", "tiesdesk dates"))]
    pub id: YearlyDateId,
}

pub fn date(out: &mut String, desk: &mut Desk, args: &DateArgs) -> Result<()> {
    let person = desk.resolve(&args.name)?;
    super::print::undoable(out, &desk.add_date(&person, &args.label, args.date)?);
    Ok(())
}

pub fn dates(out: &mut String, desk: &Desk, args: &DatesArgs) -> Result<()> {
    let upcoming = desk.upcoming(i64::from(args.within))?;
    if args.json {
        return super::print::json(out, &upcoming);
    }
    if upcoming.is_empty() {
        say!(
            out,
            "No dates within {} days. Add one: tiesdesk date NAME \"work anniversary\" \
             2019-03-01 (or: tiesdesk edit NAME --birthday \"2 Apr\")",
            args.within
        );
        return Ok(());
    }
    for date in &upcoming {
        let soon = match date.in_days {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            n => format!("in {n}d"),
        };
        let id = date.id.map(|id| format!("  #{id}")).unwrap_or_default();
        say!(
            out,
            "{}  {soon:<8}  {}{id}",
            date.day,
            visible(&date.what())
        );
    }
    say!(
        out,
        "Labelled dates have a #number: `tiesdesk date-remove ID` removes one."
    );
    Ok(())
}

pub fn date_remove(out: &mut String, desk: &mut Desk, args: &DateIdArg) -> Result<()> {
    super::print::undoable(out, &desk.remove_date(args.id)?);
    Ok(())
}
