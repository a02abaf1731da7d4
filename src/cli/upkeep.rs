//! `demo` and `check`: filling a database with an invented network, and judging the file.

use clap::Args;

use super::print;
use crate::error::{Error, Result};
use crate::ops::Desk;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many people (1 to 200,000).
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(1..=200_000))]
    pub people: u32,
    /// Exactly this many interactions (up to 5,000,000); by default, the network's own rhythm.
    #[arg(long, value_parser = clap::value_parser!(u32).range(0..=5_000_000))]
    pub interactions: Option<u32>,
    /// The same seed gives the same network.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
}

pub(super) fn check(out: &mut String, desk: &Desk, args: &CheckArgs) -> Result<()> {
    let report = desk.check()?;
    if args.json {
        print::json(out, &report)?;
    } else if let Some(summary) = report.summary() {
        if args.verbose {
            for problem in &report.problems {
                say!(out, "{}", problem.text);
            }
        }
        let list = if args.verbose {
            "listed above"
        } else {
            "`tiesdesk check --verbose` lists them"
        };
        return Err(Error::CheckFailed(format!(
            "the database is damaged: {summary} ({list}); writes are refused until it is \
             replaced or a check finds it sound"
        )));
    } else {
        say!(
            out,
            "{}: sound (integrity, references, history cache and undo records all check out).",
            desk.path().display()
        );
    }
    if !report.sound {
        // `--json` printed the report; the exit still says it is damaged.
        return Err(Error::CheckFailed(format!(
            "the database is damaged: {}",
            report.summary().unwrap_or_default()
        )));
    }
    Ok(())
}

pub(super) fn demo(
    out: &mut String,
    desk: &mut Desk,
    db: &std::path::Path,
    args: DemoArgs,
) -> Result<()> {
    if !desk.is_empty()? {
        return Err(crate::error::Error::invalid(format!(
            "{} already has people in it; the demo fills an empty database (try --db demo.db)",
            db.display()
        )));
    }
    let options = crate::demo::DemoOptions {
        people: args.people as usize,
        interactions: args.interactions.map(|m| m as usize),
        seed: args.seed,
    };
    let demo = crate::demo::plan(options, desk.today);
    let inserted = desk.insert_network(
        &demo.draft,
        &format!("Filled with a demo network (seed {})", args.seed),
    )?;
    say!(
        out,
        "Filled {} with {} people, {} interactions and {} links (seed {}).",
        db.display(),
        inserted.people,
        inserted.interactions,
        inserted.links,
        args.seed
    );
    say!(
        out,
        "See where it stands: tiesdesk --db {} status",
        db.display()
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// List every problem found, not only how many in each table.
    #[arg(long)]
    pub verbose: bool,
    /// Print the report as JSON (every problem, and how many in each table).
    #[arg(long)]
    pub json: bool,
}
