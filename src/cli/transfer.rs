//! `export`, `import` and `backup`.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::error::{Error, Result};
use crate::ops::Desk;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The full, lossless tiesdesk document (`tiesdesk/1`).
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format.
    pub format: Format,
    /// Write to this file (created private, 0600) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format.
    pub format: Format,
    /// The file to read.
    pub file: PathBuf,
    /// Check everything and report, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file; an existing one is never overwritten).
    pub file: PathBuf,
}

pub fn export(out: &mut String, desk: &Desk, args: ExportArgs) -> Result<()> {
    let Format::Json = args.format;
    let text = desk.export_json()?;
    match args.output {
        None => say!(out, "{text}"),
        Some(path) => {
            write_private(&path, text.as_bytes())?;
            say!(out, "Exported to {}.", path.display());
        }
    }
    Ok(())
}

/// Writes through a temporary file beside the target, then renames, so a crash or a full
/// disk never leaves half a document where a whole one was.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut temporary = path.as_os_str().to_os_string();
    temporary.push(".partial");
    let temporary = PathBuf::from(temporary);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.write_all(b"\n")?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Error::location(path, &e)
    })
}

pub fn import(out: &mut String, desk: &mut Desk, args: ImportArgs) -> Result<()> {
    let Format::Json = args.format;
    let bytes = std::fs::read(&args.file).map_err(|e| Error::location(&args.file, &e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::invalid(format!(
            "{} is not text; a tiesdesk document is JSON",
            args.file.display()
        ))
    })?;
    let report = desk.import_json(&text, args.dry_run)?;
    let what = format!(
        "{} people, {} interactions, {} links, {} reviews and {} snoozes",
        report.people, report.interactions, report.links, report.reviews, report.snoozes
    );
    if report.dry_run {
        say!(out, "Would import {what}; nothing was written (--dry-run).");
    } else {
        say!(out, "Imported {what}. (tiesdesk undo removes them)");
    }
    Ok(())
}

pub fn backup(out: &mut String, desk: &Desk, args: BackupArgs) -> Result<()> {
    if args.file.exists() {
        return Err(Error::Location {
            path: args.file.clone(),
            reason: "it already exists; backups never overwrite a file".into(),
        });
    }
    desk.backup(&args.file)?;
    say!(
        out,
        "Backed up to {} (readable by you only).",
        args.file.display()
    );
    Ok(())
}
