//! `log`: an interaction with one or more people, and which way it went (the flags
//! `interaction edit` shares).

use clap::{ArgGroup, Args};

use super::print;
use crate::error::Result;
use crate::model::{Direction, Kind, Size};
use crate::ops::Desk;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("direction").required(true).args(["gave", "received", "mutual"])))]
pub struct LogArgs {
    /// Everyone who took part.
    #[arg(required = true, value_name = "NAME", add = super::complete::person())]
    pub names: Vec<String>,
    #[command(flatten)]
    pub way: WayArgs,
    /// What kind of interaction it was.
    #[arg(long, value_enum, ignore_case = true, default_value = "other")]
    pub kind: Kind,
    /// How big it was.
    #[arg(long, value_enum, default_value = "1")]
    pub size: Size,
    /// When: YYYY-MM-DD, today, yesterday, -3d, -2w.
    #[arg(
        long,
        value_name = "DATE",
        default_value = "today",
        allow_hyphen_values = true
    )]
    pub on: String,
    /// A note.
    #[arg(long, default_value = "")]
    pub note: String,
    /// Print the logged interaction as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Which way an interaction went, as three flags; the command using them groups them (one
/// required for `log`, at most one for `interaction edit`).
#[derive(Debug, Args)]
pub struct WayArgs {
    /// You gave, or reached out.
    #[arg(long)]
    pub gave: bool,
    /// They gave, or reached out.
    #[arg(long)]
    pub received: bool,
    /// Both ways, e.g. you met.
    #[arg(long)]
    pub mutual: bool,
}

impl WayArgs {
    /// The direction given, if any.
    pub fn direction(&self) -> Option<Direction> {
        if self.gave {
            Some(Direction::Gave)
        } else if self.received {
            Some(Direction::Received)
        } else if self.mutual {
            Some(Direction::Mutual)
        } else {
            None
        }
    }
}

pub fn log(out: &mut String, desk: &mut Desk, args: LogArgs) -> Result<()> {
    let day = crate::model::parse_date_expr(&args.on, desk.today)?;
    let people = desk.resolve_all(&args.names)?;
    let logged = desk.log(
        &people,
        args.way.direction().unwrap_or(Direction::Mutual),
        args.kind,
        args.size,
        day,
        &args.note,
    )?;
    if args.json {
        print::json(out, &logged.interaction)
    } else {
        print::undoable(out, &logged.sentence);
        Ok(())
    }
}
