//! `interaction edit ID` and `interaction delete ID`: fixing the past, one undo each.

use clap::{ArgGroup, Args, Subcommand};

use super::print;
use crate::error::Result;
use crate::model::{InteractionPatch, Kind, Size};
use crate::ops::Desk;

#[derive(Debug, Subcommand)]
pub enum InteractionCommand {
    /// Change a logged interaction: only the fields given change.
    Edit(EditArgs),
    /// Delete a logged interaction (`tiesdesk undo` brings it back).
    Delete(IdArg),
}

#[derive(Debug, Args)]
pub struct IdArg {
    /// The interaction's id (`tiesdesk show NAME --json` lists them).
    #[arg(value_parser = super::row_number("an interaction's", "tiesdesk show NAME --json"))]
    pub id: i64,
    /// Print the interaction as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("direction").args(["gave", "received", "mutual"])))]
pub struct EditArgs {
    #[command(flatten)]
    pub id: IdArg,
    /// When: YYYY-MM-DD, today, yesterday, -3d, -2w.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub on: Option<String>,
    /// What kind of interaction it was.
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// How big it was.
    #[arg(long, value_enum)]
    pub size: Option<Size>,
    #[command(flatten)]
    pub way: super::log::WayArgs,
    /// A new note ("" clears it).
    #[arg(long)]
    pub note: Option<String>,
    /// Everyone who took part, instead of who was there (repeat for more).
    #[arg(long = "with", value_name = "NAME", add = super::complete::person())]
    pub with: Vec<String>,
}

pub fn run(out: &mut String, desk: &mut Desk, command: InteractionCommand) -> Result<()> {
    let (interaction, sentence, json) = match command {
        InteractionCommand::Edit(args) => {
            let direction = args.way.direction();
            let day = args
                .on
                .as_deref()
                .map(|on| crate::model::parse_date_expr(on, desk.today))
                .transpose()?;
            let people = if args.with.is_empty() {
                None
            } else {
                Some(desk.resolve_all(&args.with)?.iter().map(|p| p.id).collect())
            };
            let patch = InteractionPatch {
                day,
                kind: args.kind,
                direction,
                size: args.size,
                note: args.note,
                people,
            };
            if patch.is_empty() {
                return Err(crate::error::Error::invalid(
                    "say what to change: --on, --kind, --size, --gave/--received/--mutual, \
                     --note or --with",
                ));
            }
            let (interaction, sentence) = desk.edit_interaction(args.id.id, &patch)?;
            (interaction, sentence, args.id.json)
        }
        InteractionCommand::Delete(args) => {
            let (interaction, sentence) = desk.delete_interaction(args.id)?;
            (interaction, sentence, args.json)
        }
    };
    if json {
        return print::json(out, &interaction);
    }
    super::print::undoable(out, &sentence);
    Ok(())
}
