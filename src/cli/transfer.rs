//! `export`, `import` and `backup`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

use crate::config::Config;
use crate::document::Document;
use crate::import;
use crate::model::NetworkDraft;
use crate::model::{Day, Exchange, Progress};
use crate::ops::{CaptureOptions, CaptureReport, PeopleImport, Section};

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
    /// The document's network, and its text.
    Document(NetworkDraft, String),
}

pub fn prepare(args: &ImportArgs, config: &Config, today: Day) -> Result<Prepared> {
    let format = match args.format {
        ImportFormat::Mail | ImportFormat::Calendar => return prepare_capture(args, config, today),
        ImportFormat::People(format) => Some(format),
        ImportFormat::Json => None,
    };
    if !args.me.is_empty() || args.add_people || !args.add.is_empty() {
        return Err(Error::invalid(
            "--me, --add and --add-people are for `import mail` and `import calendar`; a \
             contacts file says who people are",
        ));
    }
    let limit = match format {
        None => import::MAX_DOCUMENT,
        Some(_) => import::MAX_FILE,
    };
    let bytes = import::read_bounded(&args.file, limit)?;
    let Some(format) = format else {
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::invalid(format!(
                "{} is not text; a tiesdesk document is JSON",
                args.file.display()
            ))
        })?;
        let draft = Document::parse(&text)?.into_draft()?;
        return Ok(Prepared::Document(draft, text));
    };
    let in_file = |e: Error| Error::invalid(format!("{}: {e}", args.file.display()));
    let parsed = format.parse(&bytes).map_err(in_file)?;
    Ok(Prepared::People(format, parsed))
}

/// Mail and calendars are read before the database is opened, like a file: a path that holds
/// neither is refused without creating or touching one.
fn prepare_capture(args: &ImportArgs, config: &Config, today: Day) -> Result<Prepared> {
    let me = import::mail::Me::new(config.me.emails.iter().chain(&args.me));
    if let Some(bad) = args.me.iter().find(|e| !e.contains('@')) {
        return Err(Error::invalid(format!("--me {bad}: not an e-mail address")));
    }
    if me.is_empty() {
        return Err(Error::invalid(
            "this import needs your own address to tell what you sent or organised: add \
             --me you@example.org, or set emails = [\"you@example.org\"] under [me] in \
             config.toml",
        ));
    }
    if !matches!(args.format, ImportFormat::Calendar) {
        return Ok(Prepared::Mail(import::mail::find(&args.file)?, me));
    }
    let progress = Progress::default();
    let rules = import::calendar::CalendarRules {
        max_attendees: config.capture.max_attendees,
        today,
        zone: config.capture.zone(),
    };
    let mut ids = HashSet::new();
    let mut exchanges = Vec::new();
    let captured = super::progress::shown_while(&progress, true, || {
        import::calendar::read_calendar(&args.file, &me, rules, &progress, &mut |exchange| {
            let new = ids.insert(exchange.id.clone());
            if new {
                exchanges.push(exchange);
            }
            Ok(new)
        })
    })?;
    Ok(Prepared::Calendar(captured, exchanges))
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (created private, 0600).
    pub file: PathBuf,
    /// Replace FILE if it exists (without it, an existing file is refused).
    #[arg(long)]
    pub force: bool,
}

pub fn export(out: &mut String, desk: &Desk, args: ExportArgs, config: &Path) -> Result<()> {
    if let Some(path) = &args.output {
        // Checked before the work, so a refusal is quick and says the one thing wrong.
        crate::files::refuse_protected(path, &desk.protected_files(config))?;
        crate::files::refuse_existing(path, args.force)?;
    }
    let mut text = match args.format {
        ExportFormat::Json => desk.export_json()?,
        ExportFormat::Csv => desk.export_csv()?,
        ExportFormat::Vcard => desk.export_vcard()?,
        ExportFormat::Ics => desk.export_ics()?,
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
        Prepared::Document(draft, text) => {
            return import_document(out, desk, draft, &text, args.dry_run);
        }
        Prepared::People(format, parsed) => (format, parsed),
        Prepared::Mail(found, me) => return import_mail(out, desk, args, &found, &me),
        Prepared::Calendar(captured, exchanges) => {
            let progress = Progress::default();
            let report = super::progress::shown_while(&progress, true, || {
                let options = options(args, desk.config.capture.zone());
                desk.capture(&file_name(args), options, &progress, |sink| {
                    for exchange in exchanges {
                        sink(exchange)?;
                    }
                    Ok(captured)
                })
            })?;
            return print_captured(out, args, &report, desk.config.capture.min_exchanges);
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
const SHOWN: usize = 15;

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

/// Reads the mailbox `found` into the capture as it goes, with a bar on a terminal.
fn import_mail(
    out: &mut String,
    desk: &mut Desk,
    args: &ImportArgs,
    found: &import::mail::Found,
    me: &import::mail::Me,
) -> Result<()> {
    let rules = import::mail::MailRules {
        max_recipients: desk.config.capture.max_recipients,
        today: desk.today,
        zone: desk.config.capture.zone(),
    };
    let progress = Progress::default();
    let report = super::progress::shown_while(&progress, false, || {
        desk.capture(
            &file_name(args),
            options(args, rules.zone),
            &progress,
            |sink| import::mail::read_mail(found, me, rules, &progress, sink),
        )
    })?;
    print_captured(out, args, &report, desk.config.capture.min_exchanges)
}

fn file_name(args: &ImportArgs) -> String {
    import::file_name(&args.file)
}

fn options(args: &ImportArgs, zone: crate::model::UserZone) -> CaptureOptions {
    CaptureOptions {
        add_people: args.add_people,
        dry_run: args.dry_run,
        zone,
        add: args.add.clone(),
        attach: Vec::new(),
    }
}

fn print_captured(
    out: &mut String,
    args: &ImportArgs,
    report: &CaptureReport,
    min_exchanges: usize,
) -> Result<()> {
    if args.json {
        return super::print::json(out, report);
    }
    print_capture(out, report, &file_name(args), min_exchanges);
    Ok(())
}

fn print_capture(out: &mut String, report: &CaptureReport, file_name: &str, min: usize) {
    let counts = report.counts(", ");
    let found = report.found();
    if report.dry_run {
        say!(
            out,
            "Would import {file_name}: {found}; {counts}. Nothing was written (--dry-run)."
        );
    } else {
        say!(out, "Imported {file_name}: {found}; {counts}.");
    }
    for line in report.tallies() {
        say!(out, "{}", crate::text::visible(&line));
    }
    say!(
        out,
        "Days are your days in {} (capture.timezone sets another zone).",
        report.zone
    );
    for (title, lines) in report.sections() {
        say!(out, "{title}:");
        for line in lines.iter().take(SHOWN) {
            say!(out, "  {}", crate::text::visible(line));
        }
        if lines.len() > SHOWN {
            say!(
                out,
                "  … and {} more (--json lists them all)",
                lines.len() - SHOWN
            );
        }
    }
    if report.ignored > 0 {
        say!(
            out,
            "{} more left out: capture.ignore in config.toml lists them.",
            report.ignored
        );
    }
    let again = if report.dry_run {
        "import"
    } else {
        "import again"
    };
    if let Some((row, person)) = report
        .waiting()
        .find_map(|u| u.same_name.first().map(|p| (u, p)))
    {
        say!(
            out,
            "If an address is someone's you know: tiesdesk edit id:{} --email {}, then {again}: \
             what they were in is captured for them.",
            person.id,
            crate::text::visible(&row.email)
        );
    }
    if let Some(first) = report.waiting().next() {
        let both_ways = report
            .waiting()
            .filter(|u| u.sent >= min && u.received >= min)
            .count();
        let mut line = format!(
            "To add someone: {again} with --add {}",
            crate::text::visible(&first.email)
        );
        if both_ways > 0 {
            line.push_str(&format!(
                ", or --add-people for the {both_ways} with {min} or more each way"
            ));
        }
        say!(
            out,
            "{line}; capture.ignore in config.toml leaves an address out for good."
        );
    }
    if !report.dry_run && (report.captured > 0 || !report.attached.is_empty()) {
        say!(out, "(tiesdesk undo removes the whole import)");
    }
}

fn import_document(
    out: &mut String,
    desk: &mut Desk,
    draft: NetworkDraft,
    text: &str,
    dry_run: bool,
) -> Result<()> {
    let report = desk.import_json(draft, text, dry_run)?;
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
