//! `need`, `needs`, `need-done` and `helpers`: what people are looking for, and who in your
//! network could help.

use clap::Args;

use crate::error::Result;
use crate::model::{NeedId, NeedState};
use crate::ops::{Desk, HELPERS_LISTED, HELPERS_SHOWN, HelperWay, ListedNeed};
use crate::text::visible;

#[derive(Debug, Args)]
pub struct NeedArgs {
    /// The person looking (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = super::complete::person())]
    pub name: String,
    /// What they are looking for, e.g. "a designer" or "a flat in Utrecht".
    pub text: String,
    /// A tag to match people by (repeatable), e.g. --tag design.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct NeedsArgs {
    /// Done ones too.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NeedIdArg {
    /// The need's number (in `tiesdesk needs`).
    #[arg(value_parser = super::row_number("a need's", "tiesdesk needs"))]
    pub id: NeedId,
}

#[derive(Debug, Args)]
pub struct HelpersArgs {
    /// The need's number (in `tiesdesk needs`).
    #[arg(value_parser = super::row_number("a need's", "tiesdesk needs"))]
    pub id: NeedId,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn need(out: &mut String, desk: &mut Desk, args: &NeedArgs) -> Result<()> {
    let person = desk.resolve(&args.name)?;
    let (need, sentence) = desk.need(&person, &args.text, &args.tags)?;
    super::print::undoable(out, &sentence);
    say!(out, "Who could help: tiesdesk helpers {}", need.id);
    Ok(())
}

/// "#3  Ana Lima  a designer #design  (noted 2026-11-02)".
fn need_line(item: &ListedNeed) -> String {
    let n = &item.need;
    let tags: String = n.tags.iter().map(|t| format!(" #{t}")).collect();
    let when = match (n.state, n.done_on) {
        (NeedState::Done, Some(on)) => format!("done {on}"),
        _ => format!("noted {}", n.noted_on),
    };
    format!(
        "#{:<4} {:<16} {}{}  ({when})",
        n.id,
        visible(&item.name),
        visible(&n.text),
        visible(&tags)
    )
}

pub fn needs(out: &mut String, desk: &Desk, args: &NeedsArgs) -> Result<()> {
    let listed = desk.needs(args.all, HELPERS_LISTED)?;
    let empty = "No open needs. Note one with: tiesdesk need NAME \"what they are looking for\"";
    if super::print::json_or_empty(out, args.json, &listed, empty)? {
        return Ok(());
    }
    for item in &listed {
        say!(out, "{}", need_line(item));
        if item.need.state == NeedState::Open {
            let names: Vec<String> = item
                .helpers
                .iter()
                .map(|h| visible(&h.person.name).into_owned())
                .collect();
            if names.is_empty() {
                say!(out, "      no one matches yet");
            } else {
                say!(out, "      could help: {}", names.join(", "));
            }
        }
    }
    say!(
        out,
        "`tiesdesk helpers ID` for who could help and how to reach them; `tiesdesk need-done ID` \
         once it is met."
    );
    Ok(())
}

pub fn need_done(out: &mut String, desk: &mut Desk, args: &NeedIdArg) -> Result<()> {
    super::print::undoable(out, &desk.finish_need(args.id)?);
    Ok(())
}

pub fn helpers(out: &mut String, desk: &Desk, args: &HelpersArgs) -> Result<()> {
    let listed = desk.helpers(args.id, HELPERS_SHOWN)?;
    if args.json {
        return super::print::json(out, &listed);
    }
    say!(
        out,
        "{} is looking for {}.",
        visible(&listed.name),
        visible(&listed.need.text)
    );
    if listed.helpers.is_empty() {
        say!(
            out,
            "No one in your network matches it yet: give it a tag (tiesdesk need NAME TEXT --tag \
             T), or look with tiesdesk intro."
        );
        return Ok(());
    }
    numbered_helpers(out, &listed.helpers);
    say!(
        out,
        "Introduce them: tiesdesk introduce {} NAME (asks NAME first; --made if you already did)",
        listed.need.id
    );
    Ok(())
}

/// People who could help, numbered, each with the words of the need they match.
pub(super) fn numbered_helpers(out: &mut String, helpers: &[HelperWay]) {
    for (i, helper) in helpers.iter().enumerate() {
        say!(
            out,
            "{:>2}. {}  · matches {}",
            i + 1,
            visible(&helper.line()),
            visible(&helper.matched.join(", "))
        );
    }
}
