//! `import mail` and `import calendar`: reading the user's mail or calendar into the capture,
//! with a bar on a terminal, and the report as text (or `--json`).

use std::collections::HashSet;

use super::transfer::{ImportArgs, ImportFormat, Prepared, SHOWN, file_name};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::import;
use crate::model::{Day, Exchange, Progress, UserZone};
use crate::ops::{CaptureOptions, CaptureReport, Desk};

/// Mail and calendars are read before the database is opened, like a file: a path that holds
/// neither is refused without creating or touching one.
pub(super) fn prepare(args: &ImportArgs, config: &Config, today: Day) -> Result<Prepared> {
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

/// Captures a calendar read before the database was opened.
pub(super) fn calendar(
    out: &mut String,
    desk: &mut Desk,
    args: &ImportArgs,
    captured: import::capture::Captured,
    exchanges: Vec<Exchange>,
) -> Result<()> {
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
    print_captured(out, args, &report)
}

/// Reads the mailbox `found` into the capture as it goes, with a bar on a terminal.
pub(super) fn mail(
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
    print_captured(out, args, &report)
}

fn options(args: &ImportArgs, zone: UserZone) -> CaptureOptions {
    CaptureOptions {
        add_people: args.add_people,
        dry_run: args.dry_run,
        zone,
        add: args.add.clone(),
        attach: Vec::new(),
    }
}

fn print_captured(out: &mut String, args: &ImportArgs, report: &CaptureReport) -> Result<()> {
    if args.json {
        return super::print::json(out, report);
    }
    print_capture(out, report, &file_name(args));
    Ok(())
}

fn print_capture(out: &mut String, report: &CaptureReport, file_name: &str) {
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
        let (both_ways, min) = (report.both_ways(), report.min_exchanges);
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
