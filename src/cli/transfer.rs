//! `export`, `import` and `backup`.

use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

use crate::config::Config;
use crate::document::Digest;
use crate::import;
use crate::model::NetworkDraft;
use crate::model::{Day, Exchange};
use crate::ops::{PeopleImport, Section};

use crate::error::{Error, Result};
use crate::ops::Desk;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The full, lossless tiesdesk document (`tiesdesk/1`).
    Json,
    /// One row per person with the model's figures, for a spreadsheet.
    Csv,
    /// vCard 4.0, for an address book.
    Vcard,
    /// Birthdays, yearly dates and promise deadlines as iCalendar, for your calendar app.
    Ics,
}

/// What `import` reads: one of the formats in `import::FORMATS`, or our own document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    People(import::Format),
    /// The user's mail: an mbox, a Maildir or a folder of `.eml` files.
    Mail,
    /// The user's calendar: an `.ics` file or a folder of them.
    Calendar,
    Json,
}

/// The formats as the command line, its help and its completions offer them.
fn import_format() -> impl TypedValueParser<Value = ImportFormat> {
    let people = import::FORMATS
        .iter()
        .map(|spec| PossibleValue::new(spec.name).help(spec.help));
    let mail = PossibleValue::new("mail").help(
        "Your mail (an mbox, a Maildir, a folder of .eml): who you wrote to and who wrote to \
         you, from the headers only",
    );
    let calendar = PossibleValue::new("calendar").help(
        "Your calendar (an .ics, or a folder of them as vdirsyncer keeps): the meetings you had \
         with people, recurring ones expanded up to today",
    );
    let document = PossibleValue::new("json")
        .help("A tiesdesk document (`export json`), restored into an empty database");
    PossibleValuesParser::new(people.chain([mail, calendar, document])).map(|name| {
        match (import::Format::named(&name), name.as_str()) {
            (Some(format), _) => ImportFormat::People(format),
            (None, "mail") => ImportFormat::Mail,
            (None, "calendar") => ImportFormat::Calendar,
            (None, _) => ImportFormat::Json,
        }
    })
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    pub format: ExportFormat,
    /// Write to this file (created private, 0600) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (without it, an existing file is refused).
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format.
    #[arg(value_parser = import_format())]
    pub format: ImportFormat,
    /// The file to read (for mail, a folder too).
    pub file: PathBuf,
    /// Check everything and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Your own e-mail address, for mail and calendars (with config.toml's me.emails);
    /// repeatable.
    #[arg(long, value_name = "ADDRESS")]
    pub me: Vec<String>,
    /// For mail and calendars: add the unknown people with at least capture.min_exchanges
    /// contacts each way (mail sent and received; meetings you and they organised), named
    /// from the headers or the invitations.
    #[arg(long)]
    pub add_people: bool,
    /// For mail and calendars: add this one correspondent, by address or by the name the
    /// mail gives them (repeatable), whatever the count of exchanges.
    #[arg(long, value_name = "ADDRESS|NAME")]
    pub add: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The person to keep.
    pub keep: String,
    /// The person to fold into them and remove (`#id` names one of two with the same name).
    pub other: String,
}

/// A file read and understood, before any database is opened: a file that is not what it
/// claims to be is refused without creating or touching one.
pub enum Prepared {
    People(import::Format, import::Parsed),
    /// A mailbox found: it is read while it is captured (it can be gigabytes).
    Mail(import::mail::Found, import::mail::Me),
    /// A calendar read whole (a file's events are parsed together anyway), and what it gave.
    Calendar(import::capture::Captured, Vec<Exchange>),
    /// The document's network, the digest of its text, and how many of its values had
    /// control or invisible characters removed.
    Document(NetworkDraft, Digest, usize),
}

pub fn prepare(args: &ImportArgs, config: &Config, today: Day) -> Result<Prepared> {
    let format = match args.format {
        ImportFormat::Mail | ImportFormat::Calendar => {
            return super::capture::prepare(args, config, today);
        }
        ImportFormat::People(format) => Some(format),
        ImportFormat::Json => None,
    };
    if !args.me.is_empty() || args.add_people || !args.add.is_empty() {
        return Err(Error::invalid(
            "--me, --add and --add-people are for `import mail` and `import calendar`; a \
             contacts file says who people are",
        ));
    }
    let Some(format) = format else {
        let (document, digest, cleaned) = import::read_document(&args.file)?;
        return Ok(Prepared::Document(document.into_draft()?, digest, cleaned));
    };
    let bytes = import::read_bounded(&args.file, import::MAX_FILE)?;
    let in_file = |e: Error| Error::invalid(format!("{}: {e}", args.file.display()));
    let parsed = format.parse(&bytes).map_err(in_file)?;
    Ok(Prepared::People(format, parsed))
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (created private, 0600).
    pub file: PathBuf,
    /// Replace FILE if it exists (without it, an existing file is refused).
    #[arg(long)]
    pub force: bool,
}

/// `export json` onto standard output, written as it is made.
pub fn export_json(desk: &Desk) -> Result<super::Output> {
    let document = desk.export_document()?;
    Ok(super::Output::Json(Box::new(move |out| {
        document.write_to(out)
    })))
}

pub fn export(out: &mut String, desk: &Desk, args: ExportArgs, config: &Path) -> Result<()> {
    if let Some(path) = &args.output {
        // Checked before the work, so a refusal is quick and says the one thing wrong.
        crate::files::refuse_protected(path, &desk.protected_files(config))?;
        crate::files::refuse_existing(path, args.force)?;
    }
    let mut text = match (args.format, &args.output) {
        // Written as it is made: a document of hundreds of megabytes is never held as text
        // (onto standard output, `run` streams it the same way).
        (ExportFormat::Json, Some(path)) => {
            let document = desk.export_document()?;
            crate::files::write_private_with(path, args.force, &mut |w| document.write_to(w))?;
            say!(out, "Exported to {}.", path.display());
            // Said at once, not found out on the day it is needed.
            let written = std::fs::metadata(path).map_or(0, |m| m.len());
            if written > crate::import::MAX_DOCUMENT {
                say!(
                    out,
                    "It is {} MB, more than the {} MB a document restores from: \
                     `tiesdesk backup` keeps a copy that always restores.",
                    written / (1024 * 1024),
                    crate::import::MAX_DOCUMENT / (1024 * 1024)
                );
            }
            return Ok(());
        }
        (ExportFormat::Json, None) => desk.export_json()?,
        (ExportFormat::Csv, _) => desk.export_csv()?,
        (ExportFormat::Vcard, _) => desk.export_vcard()?,
        (ExportFormat::Ics, _) => desk.export_ics()?,
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match args.output {
        None => out.push_str(&text),
        Some(path) => {
            crate::files::write_private(&path, text.as_bytes(), args.force)?;
            say!(out, "Exported to {}.", path.display());
        }
    }
    Ok(())
}

pub fn import(
    out: &mut String,
    desk: &mut Desk,
    args: &ImportArgs,
    prepared: Prepared,
) -> Result<()> {
    let (format, parsed) = match prepared {
        Prepared::Document(draft, digest, cleaned) => {
            return import_document(out, desk, draft, digest, args.dry_run, cleaned);
        }
        Prepared::People(format, parsed) => (format, parsed),
        Prepared::Mail(found, me) => return super::capture::mail(out, desk, args, &found, &me),
        Prepared::Calendar(captured, exchanges) => {
            return super::capture::calendar(out, desk, args, captured, exchanges);
        }
    };
    let file_name = import::file_name(&args.file);
    let report = desk.import_people(
        format,
        parsed,
        &file_name,
        args.dry_run,
        &crate::model::Progress::default(),
    )?;
    if args.json {
        return super::print::json(out, &report);
    }
    print_import(out, &report, &file_name);
    Ok(())
}

/// How many lines of each list the text report shows; `--json` has them all.
pub(super) const SHOWN: usize = 15;

fn print_import(out: &mut String, report: &PeopleImport, file_name: &str) {
    let counts = report.counts(", ");
    if report.dry_run {
        say!(
            out,
            "Would import {file_name}: {counts}. Nothing was written (--dry-run)."
        );
    } else {
        say!(out, "Imported {file_name}: {counts}.");
    }
    for (section, lines) in report.sections() {
        match section {
            Section::Duplicates => say!(
                out,
                "{} (tiesdesk merge KEEP OTHER folds OTHER into KEEP):",
                section.title()
            ),
            _ => say!(out, "{}:", section.title()),
        }
        for line in lines.iter().take(SHOWN) {
            say!(out, "  {line}");
        }
        if lines.len() > SHOWN {
            say!(
                out,
                "  … and {} more (--json lists them all)",
                lines.len() - SHOWN
            );
        }
    }
    if !report.dry_run && !report.added.is_empty() {
        say!(
            out,
            "New people are paper ties until you log something with them. \
             (tiesdesk undo removes the whole import)"
        );
    }
}

pub(super) fn file_name(args: &ImportArgs) -> String {
    import::file_name(&args.file)
}

fn import_document(
    out: &mut String,
    desk: &mut Desk,
    draft: NetworkDraft,
    digest: Digest,
    dry_run: bool,
    cleaned: usize,
) -> Result<()> {
    let report = desk.import_json(draft, digest, dry_run)?;
    if report.people == 0 && !desk.is_empty()? {
        say!(
            out,
            "Nothing to import: the database already holds this document."
        );
        return Ok(());
    }
    let what = format!(
        "{} people, {} interactions, {} links, {} reviews, {} snoozes, {} promises, {} needs \
         and {} dates",
        report.people,
        report.interactions,
        report.links,
        report.reviews,
        report.snoozes,
        report.promises,
        report.needs,
        report.dates
    );
    if report.dry_run {
        say!(out, "Would import {what}; nothing was written (--dry-run).");
    } else {
        say!(out, "Imported {what}. (tiesdesk undo removes them)");
    }
    if cleaned > 0 {
        say!(
            out,
            "Warning: control or invisible characters were removed from {cleaned} of its \
             values (names, notes, tags…)."
        );
    }
    Ok(())
}

pub fn duplicates(out: &mut String, desk: &Desk, json: bool) -> Result<()> {
    let pairs = desk.duplicates()?;
    if json {
        return super::print::json(out, &pairs);
    }
    if pairs.is_empty() {
        say!(
            out,
            "No likely duplicates: no two people share an e-mail, a profile or a name."
        );
        return Ok(());
    }
    for pair in &pairs {
        say!(out, "{}", pair.line());
        // `id:N` pastes into any shell as it is (`#` would start a comment in bash).
        say!(out, "  tiesdesk merge id:{} id:{}", pair.a, pair.b);
    }
    say!(
        out,
        "tiesdesk merge KEEP OTHER folds OTHER into KEEP; undo splits them again."
    );
    Ok(())
}

pub fn merge(out: &mut String, desk: &mut Desk, args: &MergeArgs) -> Result<()> {
    let keep = desk.resolve(&args.keep)?;
    let other = desk.resolve(&args.other)?;
    let merged = desk.merge(&keep, &other)?;
    say!(
        out,
        "Merged #{} {} into #{} {}: {} and {} moved. (tiesdesk undo splits them again)",
        other.id,
        other.name(),
        keep.id,
        merged.kept.name(),
        counted(merged.interactions, "interaction"),
        counted(merged.links, "link")
    );
    Ok(())
}

pub fn backup(out: &mut String, desk: &Desk, args: BackupArgs, config: &Path) -> Result<()> {
    desk.backup(&args.file, args.force, &desk.protected_files(config))?;
    say!(
        out,
        "Backed up to {} (readable by you only).",
        args.file.display()
    );
    Ok(())
}

fn counted(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
