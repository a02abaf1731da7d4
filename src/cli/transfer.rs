//! `export`, `import` and `backup`.

use std::path::{Path, PathBuf};

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

use crate::config::Config;
use crate::import::SourceKind;
use crate::model::{Day, Progress};
use crate::ops::{
    DocumentImport, ImportRequest, Imported, Opened, PeopleImport, Section, open_import,
};

use crate::error::Result;
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

/// The sources as the command line, its help and its completions offer them.
fn import_source() -> impl TypedValueParser<Value = SourceKind> {
    let names = SourceKind::all().map(|source| {
        let spec = source.spec();
        PossibleValue::new(spec.name).help(spec.help)
    });
    PossibleValuesParser::new(names).try_map(|name| {
        SourceKind::named(&name).ok_or_else(|| format!("not a source tiesdesk reads: {name}"))
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
    /// ics: put what was promised in the promise's event (left out by default: calendars
    /// usually sync to a cloud; the title says "Promise to NAME").
    #[arg(long)]
    pub with_text: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format.
    #[arg(value_parser = import_source())]
    pub format: SourceKind,
    /// The file to read (for mail, a folder too).
    pub file: PathBuf,
    /// Check everything and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Your own e-mail address, for mail and calendars (with config.toml's me.emails); for
    /// chats, your name as the chat shows it (with me.names). Repeatable.
    #[arg(long, value_name = "ADDRESS|NAME")]
    pub me: Vec<String>,
    /// For mail, calendars and chats: add the unknown people with at least
    /// capture.min_exchanges contacts each way (mail sent and received; meetings you and
    /// they organised; days you and they wrote), named from the headers, the invitations or
    /// the chat.
    #[arg(long)]
    pub add_people: bool,
    /// For mail, calendars and chats: add this one correspondent, by address (chat handle)
    /// or by the name the file gives them (repeatable), whatever the count of exchanges.
    #[arg(long, value_name = "ADDRESS|NAME")]
    pub add: Vec<String>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The person to keep.
    #[arg(add = super::complete::person())]
    pub keep: String,
    /// The person to fold into them and remove (`#id` names one of two with the same name).
    #[arg(add = super::complete::person())]
    pub other: String,
}

/// The file read and understood before any database is opened: a file that is not what it
/// claims to be is refused without creating or touching one. A calendar's reading shows a
/// bar on a terminal.
pub fn prepare(args: &ImportArgs, config: &Config, today: Day) -> Result<Opened> {
    let request = ImportRequest {
        path: args.file.clone(),
        source: Some(args.format),
        dry_run: args.dry_run,
        me: args.me.clone(),
        add_people: args.add_people,
        add: args.add.clone(),
        attach: Vec::new(),
    };
    let progress = Progress::default();
    super::progress::shown_while(&progress, args.format, || {
        open_import(request, config, today, &progress)
    })
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
        (ExportFormat::Ics, _) => desk.export_ics(args.with_text)?,
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

pub fn import(out: &mut String, desk: &mut Desk, args: &ImportArgs, opened: Opened) -> Result<()> {
    let progress = Progress::default();
    let (source, file_name) = (opened.source(), opened.file_name().to_string());
    let imported =
        super::progress::shown_while(&progress, source, || desk.import(opened, &progress))?;
    if args.json {
        return super::print::json(out, &imported);
    }
    match &imported {
        Imported::People(report) => print_import(out, report, &file_name),
        Imported::Document(report) => print_document(out, report),
        Imported::Captured(report) => super::capture::print_capture(out, report, &file_name),
    }
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
        super::print::more_listed(out, 2, lines.len(), SHOWN, "more");
    }
    if !report.dry_run && !report.added.is_empty() {
        say!(
            out,
            "New people are paper ties until you log something with them. \
             (tiesdesk undo removes the whole import)"
        );
    }
}

fn print_document(out: &mut String, report: &DocumentImport) {
    if report.held_already {
        say!(
            out,
            "Nothing to import: the database already holds this document."
        );
        return;
    }
    let mut counts = report.counts();
    let last = counts.pop().unwrap_or_default();
    let what = match counts.is_empty() {
        true => last,
        false => format!("{} and {last}", counts.join(", ")),
    };
    if report.dry_run {
        say!(out, "Would import {what}; nothing was written (--dry-run).");
    } else {
        say!(out, "Imported {what}. (tiesdesk undo removes them)");
    }
    if report.cleaned > 0 {
        say!(
            out,
            "Warning: control or invisible characters were removed from {} of its \
             values (names, notes, tags…).",
            report.cleaned
        );
    }
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
        crate::text::counted(merged.interactions, "interaction"),
        crate::text::counted(merged.links, "link")
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
