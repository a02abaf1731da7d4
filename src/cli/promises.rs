//! `promise`, `promises`, `kept` and `drop`: what you said you would do for someone.

use clap::Args;

use crate::error::Result;
use crate::model::date::parse_deadline;
use crate::model::{Kind, PromiseId, PromiseState, Size};
use crate::ops::Desk;

#[derive(Debug, Args)]
pub struct PromiseArgs {
    /// The person you promised (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = super::complete::person())]
    pub name: String,
    /// What you will do, e.g. "send the article on hiring".
    pub text: String,
    /// By when: YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m.
    #[arg(long, value_name = "DATE")]
    pub by: Option<String>,
    /// Print the promise made as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PromisesArgs {
    /// Kept and dropped ones too.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct KeptArgs {
    /// The promise's number (in `tiesdesk promises`).
    #[arg(value_parser = super::row_number("a promise's", "tiesdesk promises"))]
    pub id: PromiseId,
    /// How big the favour was.
    #[arg(long, value_enum, default_value = "1")]
    pub size: Size,
    /// What kind of favour it was logged as.
    #[arg(long, value_enum, ignore_case = true, default_value = "favour")]
    pub kind: Kind,
}

#[derive(Debug, Args)]
pub struct DropArgs {
    /// The promise's number (in `tiesdesk promises`).
    #[arg(value_parser = super::row_number("a promise's", "tiesdesk promises"))]
    pub id: PromiseId,
}

pub fn promise(out: &mut String, desk: &mut Desk, args: &PromiseArgs) -> Result<()> {
    let due = match &args.by {
        Some(text) => Some(parse_deadline(text, desk.today)?),
        None => None,
    };
    let person = desk.resolve(&args.name)?;
    let (made, sentence) = desk.promise(&person, &args.text, due)?;
    if args.json {
        let said = serde_json::json!({ "promise": made, "said": sentence });
        return super::print::json(out, &said);
    }
    super::print::undoable(out, &sentence);
    Ok(())
}

pub fn promises(out: &mut String, desk: &Desk, args: &PromisesArgs) -> Result<()> {
    let listed = desk.promises(args.all)?;
    let empty =
        "No open promises. Make one with: tiesdesk promise NAME \"what you will do\" --by +1w";
    if super::print::json_or_empty(out, args.json, &listed, empty)? {
        return Ok(());
    }
    for item in &listed {
        let p = &item.promise;
        let when = match (p.state, p.due, p.closed_on) {
            (PromiseState::Open, Some(due), _) if item.late => format!("late, due {due}"),
            (PromiseState::Open, Some(due), _) => format!("by {due}"),
            (PromiseState::Open, None, _) => "no date".to_string(),
            (state, _, Some(on)) => format!("{} {on}", state.as_str()),
            (state, _, None) => state.as_str().to_string(),
        };
        say!(
            out,
            "#{:<4} {:<16} {}  ({when})",
            p.id,
            crate::text::visible(&item.name),
            crate::text::visible(&p.text)
        );
    }
    let late = listed.iter().filter(|l| l.late).count();
    let open = listed
        .iter()
        .filter(|l| l.promise.state == PromiseState::Open)
        .count();
    say!(
        out,
        "{open} open, {late} late. `tiesdesk kept ID` when done; `tiesdesk drop ID` if not."
    );
    Ok(())
}

pub fn kept(out: &mut String, desk: &mut Desk, args: &KeptArgs) -> Result<()> {
    let sentence = desk.keep_promise(args.id, args.kind, args.size)?;
    say!(
        out,
        "{} (tiesdesk undo reverts both)",
        crate::text::visible(&sentence)
    );
    Ok(())
}

pub fn drop(out: &mut String, desk: &mut Desk, args: &DropArgs) -> Result<()> {
    super::print::undoable(out, &desk.drop_promise(args.id)?);
    Ok(())
}
