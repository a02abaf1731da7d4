//! `thanks` (favours received and not thanked for yet) and `thanked ID`.

use clap::Args;

use crate::error::Result;
use crate::model::InteractionId;
use crate::ops::{Desk, THANKS_AFTER_DAYS, THANKS_WITHIN_DAYS};
use crate::text::visible;

#[derive(Debug, Args)]
pub struct ThankedArgs {
    /// The favour's number (in `tiesdesk thanks`, or an interaction's id).
    #[arg(value_parser = super::row_number("a favour's", "tiesdesk thanks"))]
    pub id: InteractionId,
    /// Print what was marked as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn thanks(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let unthanked = desk.unthanked()?;
    if as_json {
        return super::print::json(out, &unthanked);
    }
    if unthanked.is_empty() {
        say!(
            out,
            "Nothing to thank for: no favour received {THANKS_AFTER_DAYS} to \
             {THANKS_WITHIN_DAYS} days ago is waiting for a thank-you."
        );
        return Ok(());
    }
    for favour in &unthanked {
        say!(
            out,
            "{:>6}  {}  {:<24} {}",
            format!("#{}", favour.interaction),
            favour.day,
            visible(&favour.who()),
            visible(&favour.what())
        );
    }
    say!(
        out,
        "Said thank you? tiesdesk thanked ID marks it (t in the app's review)."
    );
    Ok(())
}

pub fn thanked(out: &mut String, desk: &mut Desk, args: &ThankedArgs) -> Result<()> {
    let sentence = desk.thanked(args.id)?;
    if args.json {
        let said = serde_json::json!({
            "interaction": args.id,
            "thanked_on": desk.today,
            "said": sentence,
        });
        return super::print::json(out, &said);
    }
    super::print::undoable(out, &sentence);
    Ok(())
}
