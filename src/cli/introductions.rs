//! `introduce`, `introductions` and `introduced`: an introduction for someone's need, asked of
//! the helper first, then made (a favour given to both), then met (they know each other, and
//! the need is done).

use clap::{ArgGroup, Args};

use crate::error::Result;
use crate::model::{IntroStage, IntroductionId, ListedIntroduction, NeedId, Size};
use crate::ops::{Desk, IntroStep};
use crate::text::visible;

#[derive(Debug, Args)]
pub struct IntroduceArgs {
    /// The need's number (in `tiesdesk needs`).
    #[arg(value_parser = super::row_number("a need's", "tiesdesk needs"))]
    pub id: NeedId,
    /// The person who could help, whom you asked (or introduced them to).
    #[arg(add = super::complete::person())]
    pub helper: String,
    /// You made the introduction already: log it as a favour given to both.
    #[arg(long)]
    pub made: bool,
    /// How big the favour was (to each), when made.
    #[arg(long, value_enum, default_value = "1")]
    pub size: Size,
}

#[derive(Debug, Args)]
pub struct IntroductionsArgs {
    /// Met and dropped ones too.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("stage").required(true).args(["made", "met", "dropped"])))]
pub struct IntroducedArgs {
    /// The introduction's number (in `tiesdesk introductions`).
    #[arg(value_parser = super::row_number("an introduction's", "tiesdesk introductions"))]
    pub id: IntroductionId,
    /// You made it: a favour given to both.
    #[arg(long)]
    pub made: bool,
    /// They met: they know each other now, and the need is done (made too, if it was only
    /// asked).
    #[arg(long)]
    pub met: bool,
    /// It will not happen (the helper could not, or the need went away).
    #[arg(long)]
    pub dropped: bool,
    /// With --met: the need stays open (meeting did not answer it).
    #[arg(long, conflicts_with_all = ["made", "dropped"])]
    pub keep_need: bool,
    /// How big the favour was (to each), when made.
    #[arg(long, value_enum, default_value = "1")]
    pub size: Size,
}

pub fn introduce(out: &mut String, desk: &mut Desk, args: &IntroduceArgs) -> Result<()> {
    let helper = desk.resolve(&args.helper)?;
    let (introduction, said) = desk.introduce(args.id, &helper, args.made, args.size)?;
    super::print::undoable(out, &said);
    let next = if args.made {
        format!(
            "When you hear they met: tiesdesk introduced {} --met",
            introduction.id
        )
    } else {
        format!(
            "Once they say yes and you have introduced them: tiesdesk introduced {} --made",
            introduction.id
        )
    };
    say!(out, "{next}");
    Ok(())
}

/// "#2   Ana Lima to Bo Chen (for a designer)  made 2026-11-20".
fn introduction_line(item: &ListedIntroduction) -> String {
    let i = &item.introduction;
    let when = match i.stage {
        IntroStage::Asked => i.asked_on,
        IntroStage::Made => i.made_on.unwrap_or(i.asked_on),
        IntroStage::Met => i.met_on.unwrap_or(i.asked_on),
        IntroStage::Dropped => i.closed_on.unwrap_or(i.asked_on),
    };
    format!(
        "#{:<4} {}  {} {when}",
        i.id,
        visible(&item.words()),
        i.stage.as_str()
    )
}

pub fn introductions(out: &mut String, desk: &Desk, args: &IntroductionsArgs) -> Result<()> {
    let listed = desk.introductions(args.all)?;
    let empty = "No introductions under way. For a need: tiesdesk helpers ID, then tiesdesk \
                 introduce ID NAME.";
    if super::print::json_or_empty(out, args.json, &listed, empty)? {
        return Ok(());
    }
    for item in &listed {
        say!(out, "{}", introduction_line(item));
    }
    say!(
        out,
        "Move one on: tiesdesk introduced ID --made | --met | --dropped"
    );
    Ok(())
}

pub fn introduced(out: &mut String, desk: &mut Desk, args: &IntroducedArgs) -> Result<()> {
    let step = if args.made {
        IntroStep::Made { size: args.size }
    } else if args.met {
        IntroStep::Met {
            size: args.size,
            keep_need: args.keep_need,
        }
    } else {
        IntroStep::Dropped
    };
    super::print::undoable(out, &desk.introduced(args.id, step)?);
    Ok(())
}
