//! `offer`, `offers`, `offer-done` and `ask`: what you can give (matched to what people are
//! looking for), and whom to ask about what you are looking for yourself.

use clap::Args;

use crate::error::Result;
use crate::model::OfferId;
use crate::ops::{Desk, HELPERS_SHOWN, ListedOffer};
use crate::text::visible;

#[derive(Debug, Args)]
pub struct OfferArgs {
    /// What you can give, e.g. "a review of a portfolio" or "a spare desk in Utrecht".
    pub text: String,
    /// A tag to match needs by (repeatable), e.g. --tag design.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OffersArgs {
    /// Done ones too.
    #[arg(long)]
    pub all: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OfferIdArg {
    /// The offer's number (in `tiesdesk offers`).
    #[arg(value_parser = super::row_number("an offer's", "tiesdesk offers"))]
    pub id: OfferId,
}

#[derive(Debug, Args)]
pub struct AskArgs {
    /// What you are looking for, e.g. "a recruiter in climate tech".
    pub text: String,
    /// A tag to match people by (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// How many needs an offer lists in text.
const FITS_SHOWN: usize = 3;

pub fn offer(out: &mut String, desk: &mut Desk, args: &OfferArgs) -> Result<()> {
    let (offer, sentence) = desk.offer(&args.text, &args.tags)?;
    super::print::undoable(out, &sentence);
    let listed = desk.offers(false)?;
    let fits = (listed.iter())
        .find(|o| o.offer.id == offer.id)
        .map_or(0, |o| o.fits.len());
    match fits {
        0 => say!(
            out,
            "It fits no one's need yet; `tiesdesk offers` shows when it does."
        ),
        n => say!(
            out,
            "It fits {n} open {}: tiesdesk offers",
            if n == 1 { "need" } else { "needs" }
        ),
    }
    Ok(())
}

/// "#2   a review of a portfolio #design  (made 2026-11-02)".
fn offer_line(item: &ListedOffer) -> String {
    let o = &item.offer;
    let tags: String = o.tags.iter().map(|t| format!(" #{t}")).collect();
    let when = match o.done_on {
        Some(on) => format!("done {on}"),
        None => format!("made {}", o.made_on),
    };
    format!(
        "#{:<4} {}{}  ({when})",
        o.id,
        visible(&o.text),
        visible(&tags)
    )
}

pub fn offers(out: &mut String, desk: &Desk, args: &OffersArgs) -> Result<()> {
    let listed = desk.offers(args.all)?;
    let empty = "No open offers. Note what you can give with: tiesdesk offer \"a review of a CV\"";
    if super::print::json_or_empty(out, args.json, &listed, empty)? {
        return Ok(());
    }
    for item in &listed {
        say!(out, "{}", offer_line(item));
        if item.offer.is_open() {
            if item.fits.is_empty() {
                say!(out, "      fits no one's need yet");
            }
            for fit in item.fits.iter().take(FITS_SHOWN) {
                say!(
                    out,
                    "      give it to {} (need #{})",
                    visible(&fit.line()),
                    fit.need
                );
            }
            super::print::more_listed(out, 6, item.fits.len(), FITS_SHOWN, "more needs");
        }
    }
    say!(
        out,
        "`tiesdesk offer-done ID` once an offer is no longer open."
    );
    Ok(())
}

pub fn offer_done(out: &mut String, desk: &mut Desk, args: &OfferIdArg) -> Result<()> {
    super::print::undoable(out, &desk.finish_offer(args.id)?);
    Ok(())
}

pub fn ask(out: &mut String, desk: &Desk, args: &AskArgs) -> Result<()> {
    let ways = desk.ask(&args.text, &args.tags, HELPERS_SHOWN)?;
    if args.json {
        return super::print::json(out, &ways);
    }
    if ways.is_empty() {
        say!(
            out,
            "No one in your network matches {} yet: try other words or a tag (--tag T), or \
             look with tiesdesk intro.",
            visible(&args.text)
        );
        return Ok(());
    }
    say!(
        out,
        "Whom to ask about {} (ties you see now and then first: they reach further, and \
         most people are glad to be asked):",
        visible(&args.text)
    );
    super::needs::numbered_helpers(out, &ways);
    Ok(())
}
