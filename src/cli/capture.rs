//! The report of `import mail` and `import calendar` as text.

use super::transfer::SHOWN;
use crate::ops::CaptureReport;

pub(super) fn print_capture(out: &mut String, report: &CaptureReport, file_name: &str) {
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
        super::print::more_listed(out, 2, lines.len(), SHOWN, "more");
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
        let (what, option) = match &row.handle {
            Some(_) => ("a chat name", "--handle"),
            None => ("an address", "--email"),
        };
        say!(
            out,
            "If {what} is someone's you know: tiesdesk edit id:{} {option} {}, then {again}: \
             what they were in is captured for them.",
            person.id,
            crate::text::shell_word(&crate::text::visible(row.key()))
        );
    }
    if let Some(first) = report.waiting().next() {
        let (both_ways, min) = (report.both_ways(), report.min_exchanges);
        let mut line = format!(
            "To add someone: {again} with --add {}",
            crate::text::shell_word(&crate::text::visible(first.key()))
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
