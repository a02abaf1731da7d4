//! The command line: clap definitions and dispatch over [`crate::ops`].

/// Appends a line to a command's output. Output is gathered and written once by `main`, so a
/// closed pipe (`tiesdesk list | head`) ends the command quietly instead of mid-print.
macro_rules! say {
    ($out:expr) => {
        $out.push('\n')
    };
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = writeln!($out, $($arg)*);
    }};
}

mod args;
mod capture;
mod complete;
mod dates;
mod interactions;
mod introductions;
mod links;
mod list_json;
mod log;
mod manual;
mod needs;
mod offers;
mod people;
mod print;
mod progress;
mod promises;
mod review;
mod review_json;
mod sync;
mod thanks;
mod today;
mod transfer;
mod upkeep;
mod values;

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Day, date::parse_iso_date};
use crate::ops::Desk;
pub(crate) use args::row_number;
pub use args::{JsonArg, ListArgs, NameArg, ShowArgs, UndoArgs};
pub use upkeep::{CheckArgs, DemoArgs};

#[derive(Debug, Parser)]
#[command(
    name = "tiesdesk",
    version,
    about = "Keep your real relationships alive: give first, tend your ~150, reconnect.",
    long_about = "tiesdesk keeps a private log of the people you know, what you did together, and \
                  the favours you gave and received. It separates your ~150 active ties from \
                  dormant and paper ties, says who is cooling, and flags one-sided relationships.\n\n\
                  With no command it opens the app (in a terminal); `tiesdesk status` says where \
                  your network stands.",
    after_help = "The database is tiesdesk.db in your data folder unless --db or TIESDESK_DB says \
                  otherwise; the config is config.toml in your config folder, or TIESDESK_CONFIG."
)]
pub struct Cli {
    /// The database file.
    #[arg(
        long,
        global = true,
        env = "TIESDESK_DB",
        value_name = "PATH",
        value_parser = any_path
    )]
    pub db: Option<PathBuf>,

    /// Evaluate as of this day instead of today (YYYY-MM-DD).
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Day>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_day(text: &str) -> std::result::Result<Day, String> {
    parse_iso_date(text).map_err(|e| e.to_string())
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a person.
    Add(people::AddArgs),
    /// Change a person's details.
    Edit(people::EditArgs),
    /// Archive a person: kept, but left out of every list but search.
    Archive(NameArg),
    /// Bring an archived person back.
    Unarchive(NameArg),
    /// Log an interaction with one or more people.
    Log(log::LogArgs),
    /// Revert the last change and say what it was.
    Undo(UndoArgs),
    /// Fix one logged interaction: edit it or delete it.
    #[command(subcommand)]
    Interaction(interactions::InteractionCommand),
    /// List people with their status, layer and ledger.
    List(ListArgs),
    /// Show a person, and why they are where they are.
    Show(ShowArgs),
    /// Where your network stands: capacity by layer, paper ties, due, one-sided.
    Status(JsonArg),
    /// This week's review agenda, as the review screen (w in the app) walks through it.
    Review(JsonArg),
    /// Keep someone out of weekly reviews until a date.
    Snooze(review::SnoozeArgs),
    /// Record something you said you would do for someone, optionally by a date.
    Promise(promises::PromiseArgs),
    /// The promises you made: open ones, late first (--all for kept and dropped too).
    Promises(promises::PromisesArgs),
    /// Mark a promise kept; it is logged as a favour given to that person (one undo).
    Kept(promises::KeptArgs),
    /// Favours you received and have not thanked for yet (a few days to two months old).
    Thanks(JsonArg),
    /// Mark a favour you received as thanked: its number in `tiesdesk thanks`.
    Thanked(thanks::ThankedArgs),
    /// Drop a promise you will not keep.
    Drop(promises::DropArgs),
    /// Note what someone is looking for ("a designer"), to help them find it.
    Need(needs::NeedArgs),
    /// What people are looking for, each with who could help (--all for done ones too).
    Needs(needs::NeedsArgs),
    /// Mark a need met (or no longer needed).
    NeedDone(needs::NeedIdArg),
    /// Who in your network could help with a need, warmest first, and the way to them.
    Helpers(needs::HelpersArgs),
    /// Introduce someone with a need to a person who could help: records that you asked the
    /// helper first (--made if you introduced them already: a favour given to both).
    Introduce(introductions::IntroduceArgs),
    /// Introductions under way: asked, or made and not yet met (--all for the rest too).
    Introductions(introductions::IntroductionsArgs),
    /// Move an introduction on: --made (a favour to both), --met (they know each other; the
    /// need is done) or --dropped.
    Introduced(introductions::IntroducedArgs),
    /// Note what you can give ("a review of a portfolio"), to match it to people's needs.
    Offer(offers::OfferArgs),
    /// What you can give, each with the open needs it fits (--all for done ones too).
    Offers(offers::OffersArgs),
    /// Mark an offer done (given as often as you meant to, or no longer on offer).
    OfferDone(offers::OfferIdArg),
    /// Whom to ask about something you are looking for yourself, ties you see now and then
    /// first.
    Ask(offers::AskArgs),
    /// Add a yearly date to a person: "work anniversary", "met" (or their birthday).
    Date(dates::DateArgs),
    /// Birthdays and yearly dates, soonest first.
    Dates(dates::DatesArgs),
    /// Remove a yearly date.
    DateRemove(dates::DateIdArg),
    /// A few lines for the morning (dates this week, late and due promises, the most overdue
    /// ties, the review); nothing at all when there is nothing to say. For `.bashrc` or cron.
    Today(JsonArg),
    /// Write everyone out: json (the lossless document), csv (with figures) or vcard.
    Export(transfer::ExportArgs),
    /// Read people (LinkedIn, vCard, Google Contacts), your mail or calendar, or a tiesdesk document
    Import(transfer::ImportArgs),
    /// Record that A knows B, or that A introduced you to B.
    Link(links::LinkArgs),
    /// Remove every link between A and B.
    Unlink(links::UnlinkArgs),
    /// Who seem to know each other: people together in captured meetings or mail, not linked
    /// yet (yes: `link A knows B`; no: `dismiss A B`).
    Together(JsonArg),
    /// Never suggest again that A and B know each other.
    Dismiss(links::UnlinkArgs),
    /// Where your contact went in the last year, circle by circle (companies and tags).
    Circles(JsonArg),
    /// Who can introduce you to a person, someone at a company, or someone with a tag.
    Intro(links::IntroArgs),
    /// List people who are likely the same person (same e-mail, profile or name).
    Duplicates(JsonArg),
    /// Check the database: SQLite's integrity check, references, the history cache, undo.
    Check(CheckArgs),
    /// Print a completion script (commands, flags and people's names, from the database):
    /// `tiesdesk completions bash > ~/.local/share/bash-completion/completions/tiesdesk`.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tiesdesk man | man -l -`; `tiesdesk man add` a command's
    /// own; `--dir DIR` writes them all.
    Man(manual::ManArgs),
    /// Fold OTHER into KEEP: their interactions, links and details move over; OTHER goes.
    Merge(transfer::MergeArgs),
    /// Copy the database safely (SQLite's backup API) into a new private file.
    Backup(transfer::BackupArgs),
    /// Fill an empty database with a realistic synthetic network to explore.
    Demo(DemoArgs),
    /// Your network on each machine you use, through a folder you already sync: `sync init
    /// DIR` once, `sync join DIR --key …` on the others, then `sync` (the app syncs itself).
    Sync(sync::SyncArgs),
}

impl Cli {
    /// True when the command prints a JSON document: its strings already hold nothing a
    /// terminal would obey (`text::json_escaped`), so it is written without another pass.
    pub fn prints_json(&self) -> bool {
        match &self.command {
            Some(Command::List(args)) => args.json,
            Some(Command::Show(args)) => args.json,
            Some(Command::Status(args) | Command::Review(args) | Command::Duplicates(args)) => {
                args.json
            }
            _ => false,
        }
    }

    /// True when the command prints a file's contents (an export to standard output) rather
    /// than text for a person: piped into a file, it must be written byte for byte.
    pub fn prints_data(&self) -> bool {
        matches!(
            &self.command,
            Some(Command::Export(args)) if args.output.is_none()
        ) || matches!(
            &self.command,
            Some(Command::Completions { .. } | Command::Man(_))
        )
    }
}

/// What a command prints.
pub enum Output {
    /// Text, made visible on the way out unless it is a JSON document or data (see `main`).
    Text(String),
    /// Text, then the error that makes the command fail (`check --json` of a damaged file).
    Failed(String, Error),
    /// A long JSON document, made safe as it is written, written onto the output as it is
    /// made: `list --json` is 8.8 MB at 30,000 people, and the reader takes it meanwhile.
    /// Everything that can fail but writing happened before.
    Json(WriteJson),
}

/// Writes a JSON document onto the output it is given.
pub type WriteJson = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>>;

/// Runs a parsed command line and returns what it prints. `today` is the clock's day unless
/// `--today` was given.
pub fn run(cli: Cli, today: Day, config: Config, config_path: &Path) -> Result<Output> {
    // Scripts about tiesdesk itself need no database.
    match &cli.command {
        Some(Command::Completions { shell }) => {
            // The script calls tiesdesk back on each Tab (clap_complete's dynamic completion),
            // so people's names complete from the database, as well as commands and flags.
            let failed =
                |e: std::io::Error| Error::Io(format!("cannot write the completions: {e}"));
            let shells = clap_complete::env::Shells::builtins();
            let completer = shells
                .completer(&shell.to_string())
                .ok_or_else(|| Error::invalid(format!("no completions for {shell}")))?;
            let mut script = Vec::new();
            completer
                .write_registration("COMPLETE", "tiesdesk", "tiesdesk", "tiesdesk", &mut script)
                .map_err(failed)?;
            return String::from_utf8(script)
                .map(Output::Text)
                .map_err(|e| Error::Io(format!("cannot write the completions: {e}")));
        }
        Some(Command::Man(args)) => {
            // The keys as this user has bound them.
            let keymap = crate::app::Keymap::new(&config.keys).map_err(|reason| Error::Config {
                path: config_path.to_path_buf(),
                reason,
            })?;
            return manual::manual(args, &keymap).map(Output::Text);
        }
        _ => {}
    }
    // The app names the file it has open when it is not the default one.
    let chosen_database = cli.db.is_some();
    let db = crate::paths::database_path(cli.db)?;
    let today = cli.today.unwrap_or(today);
    let Some(command) = cli.command else {
        // The app: check the keys and the terminal before touching the database.
        let keymap = crate::app::Keymap::new(&config.keys).map_err(|reason| Error::Config {
            path: config_path.to_path_buf(),
            reason,
        })?;
        crate::app::require_terminal()?;
        let desk = Desk::open_telling(&db, config, today, &|from, to| say_update(&db, from, to))?;
        crate::app::run(desk, keymap, config_path, chosen_database)?;
        return Ok(Output::Text(String::new()));
    };
    // Commands that only read never create a database: a mistyped --db is an error, not a
    // new empty file. (`status` on a first run says how to begin, and creates nothing.)
    if let Command::Status(args) = &command
        && !args.json
        && !db.exists()
    {
        let mut out = String::new();
        print::how_to_begin(&mut out);
        say!(
            out,
            "(There is no database at {} yet: the first add, import or demo starts it.)",
            crate::text::visible(&db.display().to_string())
        );
        return Ok(Output::Text(out));
    }
    let reads_only = matches!(
        command,
        Command::Status(_)
            | Command::List(_)
            | Command::Show(_)
            | Command::Review(_)
            | Command::Export(_)
            | Command::Backup(_)
            | Command::Intro(_)
            | Command::Together(_)
            | Command::Dismiss(_)
            | Command::Circles(_)
            | Command::Duplicates(_)
            | Command::Check(_)
            | Command::Undo(_)
            | Command::Promises(_)
            | Command::Today(_)
            | Command::Kept(_)
            | Command::Thanks(_)
            | Command::Thanked(_)
            | Command::Drop(_)
            | Command::Needs(_)
            | Command::NeedDone(_)
            | Command::Helpers(_)
            | Command::Introduce(_)
            | Command::Introductions(_)
            | Command::Introduced(_)
            | Command::Offers(_)
            | Command::OfferDone(_)
            | Command::Ask(_)
            | Command::Dates(_)
            | Command::DateRemove(_)
    );
    // `sync` and `sync status` need a database that syncs; `init` and `join` may make one.
    let reads_only = reads_only
        || matches!(&command, Command::Sync(args) if !matches!(
            args.command,
            Some(sync::SyncCommand::Init { .. } | sync::SyncCommand::Join { .. })
        ));
    // In a shell start-up file on a machine without a database yet, `today` has nothing to
    // say, and says nothing.
    if matches!(&command, Command::Today(args) if !args.json) && !db.exists() {
        return Ok(Output::Text(String::new()));
    }
    if reads_only && !db.exists() {
        return Err(Error::Location {
            path: db,
            reason: "there is no database here yet; add someone, import a file or run \
                     `tiesdesk demo` to start one"
                .into(),
        });
    }
    // A file to import is read and checked before the database is opened (or created).
    let prepared = match &command {
        Command::Import(args) => Some(transfer::prepare(args, &config, today)?),
        _ => None,
    };
    // So is a folder to sync through.
    if let Command::Sync(args) = &command {
        sync::before_open(args)?;
    }
    let mut desk = Desk::open_telling(&db, config, today, &|from, to| say_update(&db, from, to))?;
    // A change made while an import runs elsewhere waits for it, and says why once.
    desk.set_waiting(crate::ops::Waiting::Patient(Box::new(|| {
        eprintln!("tiesdesk: waiting for an import running elsewhere to finish…");
    })));
    for notice in desk.notices() {
        eprintln!("tiesdesk: {}", crate::text::visible(notice));
    }
    if let Command::List(args) = &command
        && args.json
    {
        return print::list_json(&desk, args);
    }
    if let Command::Export(args) = &command
        && args.format == transfer::ExportFormat::Json
        && args.output.is_none()
    {
        return transfer::export_json(&desk);
    }
    let mut out = String::new();
    let out_ref = &mut out;
    let result = match command {
        Command::Status(args) => print::status(out_ref, &desk, args.json),
        Command::Add(args) => people::add(out_ref, &mut desk, args),
        Command::Edit(args) => people::edit(out_ref, &mut desk, args),
        Command::Archive(args) => people::archive(out_ref, &mut desk, &args.name, true),
        Command::Unarchive(args) => people::archive(out_ref, &mut desk, &args.name, false),
        Command::Log(args) => log::log(out_ref, &mut desk, args),
        Command::Interaction(command) => interactions::run(out_ref, &mut desk, command),
        Command::Undo(args) => {
            let undone = desk.undo()?;
            if args.json {
                print::json(out_ref, &serde_json::json!({ "undone": undone }))
            } else {
                match undone {
                    Some(what) => say!(out_ref, "Undid: {what}"),
                    None => say!(out_ref, "Nothing to undo."),
                }
                Ok(())
            }
        }
        Command::List(args) => print::list(out_ref, &desk, &args),
        Command::Show(args) => {
            let shown = if args.all {
                usize::MAX
            } else {
                args.limit.unwrap_or(print::TIMELINE_SHOWN)
            };
            print::show(out_ref, &desk, &args.name, args.json, shown, args.ledger)
        }
        Command::Demo(args) => upkeep::demo(out_ref, &mut desk, &db, args),
        Command::Review(args) => review::review(out_ref, &desk, args.json),
        Command::Export(args) => transfer::export(out_ref, &desk, args, config_path),
        Command::Import(args) => match prepared {
            Some(opened) => transfer::import(out_ref, &mut desk, &args, opened),
            None => Ok(()),
        },
        Command::Duplicates(args) => transfer::duplicates(out_ref, &desk, args.json),
        Command::Check(args) => upkeep::check(out_ref, &desk, &args),
        Command::Completions { .. } | Command::Man(_) => Ok(()),
        Command::Merge(args) => transfer::merge(out_ref, &mut desk, &args),
        Command::Link(args) => links::link(out_ref, &mut desk, &args),
        Command::Unlink(args) => links::unlink(out_ref, &mut desk, &args),
        Command::Together(args) => links::together(out_ref, &desk, args.json),
        Command::Dismiss(args) => links::dismiss(out_ref, &mut desk, &args),
        Command::Circles(args) => links::circles(out_ref, &desk, args.json),
        Command::Intro(args) => links::intro(out_ref, &desk, &args),
        Command::Backup(args) => transfer::backup(out_ref, &desk, args, config_path),
        Command::Snooze(args) => review::snooze(out_ref, &mut desk, args),
        Command::Promise(args) => promises::promise(out_ref, &mut desk, &args),
        Command::Promises(args) => promises::promises(out_ref, &desk, &args),
        Command::Kept(args) => promises::kept(out_ref, &mut desk, &args),
        Command::Thanks(args) => thanks::thanks(out_ref, &desk, args.json),
        Command::Thanked(args) => thanks::thanked(out_ref, &mut desk, &args),
        Command::Drop(args) => promises::drop(out_ref, &mut desk, &args),
        Command::Today(args) => today::today(out_ref, &desk, args.json),
        Command::Need(args) => needs::need(out_ref, &mut desk, &args),
        Command::Needs(args) => needs::needs(out_ref, &desk, &args),
        Command::NeedDone(args) => needs::need_done(out_ref, &mut desk, &args),
        Command::Helpers(args) => needs::helpers(out_ref, &desk, &args),
        Command::Offer(args) => offers::offer(out_ref, &mut desk, &args),
        Command::Offers(args) => offers::offers(out_ref, &desk, &args),
        Command::OfferDone(args) => offers::offer_done(out_ref, &mut desk, &args),
        Command::Ask(args) => offers::ask(out_ref, &desk, &args),
        Command::Introduce(args) => introductions::introduce(out_ref, &mut desk, &args),
        Command::Introductions(args) => introductions::introductions(out_ref, &desk, &args),
        Command::Introduced(args) => introductions::introduced(out_ref, &mut desk, &args),
        Command::Date(args) => dates::date(out_ref, &mut desk, &args),
        Command::Dates(args) => dates::dates(out_ref, &desk, &args),
        Command::DateRemove(args) => dates::date_remove(out_ref, &mut desk, &args),
        Command::Sync(args) => sync::run(out_ref, &mut desk, args),
    };
    match result {
        Ok(()) => Ok(Output::Text(out)),
        // Damage met on the way is remembered: every later write is refused until a check.
        Err(Error::Corrupt(reason)) => {
            desk.remember_damage(&reason);
            Err(Error::Corrupt(reason))
        }
        // `check --json` printed its report: it is shown, and the exit says damaged.
        Err(error @ Error::CheckFailed(_)) if !out.is_empty() => Ok(Output::Failed(out, error)),
        Err(error) => Err(error),
    }
}

/// A path as given, an empty one too (clap's own refuses it with a message about a missing
/// value; `paths::database_path` says what is wrong instead).
fn any_path(text: &str) -> std::result::Result<PathBuf, std::convert::Infallible> {
    Ok(PathBuf::from(text))
}

/// One line before a schema update, which can take seconds on a large file: what happens,
/// and that a backup comes first.
fn say_update(db: &std::path::Path, from: i64, to: i64) {
    let file = db.file_name().map_or_else(
        || db.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    eprintln!(
        "tiesdesk: updating {} from schema v{from} to v{to}; a backup is kept beside it…",
        crate::text::visible(&file)
    );
}
