//! `link`, `unlink`, `together`, `dismiss`, `circles` and `intro`.

use clap::{Args, ValueEnum};

use crate::error::Result;
use crate::insight::Status;
use crate::model::LinkKind;
use crate::ops::{Desk, IntroWay};
use crate::text::visible;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum How {
    /// A and B know each other.
    Knows,
    /// A introduced you to B.
    Introduced,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    #[arg(add = super::complete::person())]
    pub a: String,
    /// knows, or introduced (A introduced you to B).
    pub how: How,
    #[arg(add = super::complete::person())]
    pub b: String,
}

#[derive(Debug, Args)]
pub struct UnlinkArgs {
    #[arg(add = super::complete::person())]
    pub a: String,
    #[arg(add = super::complete::person())]
    pub b: String,
}

#[derive(Debug, Args)]
pub struct IntroArgs {
    /// A person, a company, or a tag (`#climbing`).
    #[arg(add = super::complete::person())]
    pub target: String,
    #[arg(long)]
    pub json: bool,
}

/// How many ways the text output lists; `--json` has them all.
const SHOWN: usize = 15;

pub fn link(out: &mut String, desk: &mut Desk, args: &LinkArgs) -> Result<()> {
    let people = desk.resolve_all(&[args.a.clone(), args.b.clone()])?;
    let kind = match args.how {
        How::Knows => LinkKind::Knows,
        How::Introduced => LinkKind::Introduced,
    };
    super::print::undoable(out, &desk.link(&people[0], kind, &people[1])?);
    Ok(())
}

pub fn unlink(out: &mut String, desk: &mut Desk, args: &UnlinkArgs) -> Result<()> {
    let people = desk.resolve_all(&[args.a.clone(), args.b.clone()])?;
    super::print::undoable(out, &desk.unlink(&people[0], &people[1])?);
    Ok(())
}

pub fn intro(out: &mut String, desk: &Desk, args: &IntroArgs) -> Result<()> {
    let report = desk.intro(&args.target)?;
    if args.json {
        return super::print::json(out, &report);
    }
    let target = report.target.describe();
    if report.direct.is_empty() && report.paths.is_empty() {
        say!(
            out,
            "No way in to {target} yet: no one you know is linked to them. Record who knows \
             whom with `tiesdesk link A knows B`."
        );
        return Ok(());
    }
    // Only active ties are "in touch"; a quiet one is someone you know, a way back in.
    let (active, quiet): (Vec<&IntroWay>, Vec<&IntroWay>) = (report.direct.iter())
        .take(SHOWN)
        .partition(|way| way.status == Status::Active);
    for (ways, active) in [(active, true), (quiet, false)] {
        if !ways.is_empty() {
            say!(out, "{}:", report.known_heading(active, false));
            for way in ways {
                say!(out, "  {}", way.line());
            }
        }
    }
    super::print::more_listed(
        out,
        2,
        report.direct.len(),
        SHOWN,
        "more you know, less warm",
    );
    if !report.paths.is_empty() {
        say!(out, "Who can introduce you to {target}, warmest first:");
        for (n, way) in report.paths.iter().take(SHOWN).enumerate() {
            say!(out, "  {:>2}. {}", n + 1, way.line());
        }
        if report.paths.len() > SHOWN {
            say!(
                out,
                "  … and {} more (--json lists up to {})",
                report.paths.len() - SHOWN,
                crate::ops::INTRO_WAYS
            );
        }
    }
    Ok(())
}

pub fn together(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let suggested = desk.suggested_links()?;
    if as_json {
        return super::print::json(out, &suggested);
    }
    if suggested.is_empty() {
        say!(
            out,
            "No one new seems to know each other: people together in {} or more captured \
             meetings or mails, not linked yet, are suggested here.",
            crate::ops::TOGETHER_AT_LEAST
        );
        return Ok(());
    }
    say!(
        out,
        "Who seem to know each other (from your meetings and mail):"
    );
    for link in &suggested {
        // With their ids: two people of one name are told apart, and typed as they are.
        say!(
            out,
            "  {} #{} and {} #{}: {}",
            visible(&link.a.name),
            link.a.id,
            visible(&link.b.name),
            link.b.id,
            link.why()
        );
    }
    say!(
        out,
        "Yes: tiesdesk link '#A' knows '#B'. No: tiesdesk dismiss '#A' '#B' (never suggested again)."
    );
    Ok(())
}

pub fn dismiss(out: &mut String, desk: &mut Desk, args: &UnlinkArgs) -> Result<()> {
    let (a, b) = (desk.resolve(&args.a)?, desk.resolve(&args.b)?);
    super::print::undoable(out, &desk.dismiss_link(&a, &b)?);
    Ok(())
}

/// How many circles `circles` lists.
const CIRCLES_SHOWN: usize = 12;

pub fn circles(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let shares = desk.circles()?;
    if as_json {
        return super::print::json(out, &shares);
    }
    if shares.contacts == 0 {
        say!(
            out,
            "No contact in the last year yet: log some (or import your mail or calendar), then \
             see which circles it reaches."
        );
        return Ok(());
    }
    say!(
        out,
        "Where your contact went in the last year ({} contacts with {} people):",
        shares.contacts,
        shares.people
    );
    let shown = &shares.circles[..shares.circles.len().min(CIRCLES_SHOWN)];
    let names: Vec<String> = (shown.iter())
        .map(|c| visible(&c.circle.to_string()).into_owned())
        .collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for (circle, name) in shown.iter().zip(&names) {
        let pad = width.saturating_sub(name.chars().count());
        say!(
            out,
            "  {:>3.0}%  {name}{}  {} {}, {} contacts",
            circle.share * 100.0,
            " ".repeat(pad),
            circle.people,
            if circle.people == 1 {
                "person"
            } else {
                "people"
            },
            circle.contacts
        );
    }
    super::print::more_listed(out, 2, shares.circles.len(), CIRCLES_SHOWN, "more circles");
    say!(
        out,
        "  {:>3.0}%  with people in no company or tag",
        shares.outside * 100.0
    );
    say!(
        out,
        "A person in two circles counts in both. Circles you no longer reach: tiesdesk list --dormant."
    );
    Ok(())
}
