//! Text and JSON output of the commands that show data.

use serde::Serialize;

use super::ListArgs;
use crate::error::{Error, Result};
use crate::insight::{Due, Status};
use crate::ops::{Desk, ListFilter};

/// A value as pretty JSON, made safe for a terminal (`text::json_escaped`), as the output.
pub fn json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(cannot_write)?;
    put_json(out, crate::text::json_escaped(text));
    Ok(())
}

/// A change's sentence, ended once, and how to take it back; names in it are shown safely.
pub(super) fn undoable(out: &mut String, sentence: &str) {
    let sentence = crate::text::visible(sentence);
    let end = if sentence.ends_with(['.', '!', '?']) {
        ""
    } else {
        "."
    };
    say!(out, "{sentence}{end} (tiesdesk undo reverts it)");
}

/// Under a list cut to `shown` of `total` rows: how many more there are, and where they are
/// all (`more` names them: "more needs", "more you know, less warm").
pub(super) fn more_listed(out: &mut String, indent: usize, total: usize, shown: usize, more: &str) {
    if total > shown {
        let n = total - shown;
        say!(out, "{:indent$}… and {n} {more} (--json lists them)", "");
    }
}

/// A list command's JSON, or, when there is nothing to list, `empty` (what to do to have
/// some): true when either was written, and the list is left to the command.
pub(super) fn json_or_empty<T: Serialize>(
    out: &mut String,
    as_json: bool,
    listed: &[T],
    empty: &str,
) -> Result<bool> {
    if as_json {
        json(out, listed)?;
        return Ok(true);
    }
    if listed.is_empty() {
        say!(out, "{empty}");
        return Ok(true);
    }
    Ok(false)
}

pub(super) fn cannot_write(e: impl std::fmt::Display) -> Error {
    Error::Io(format!("cannot write JSON: {e}"))
}

/// JSON a fixed-layout writer made safe as it wrote it (`list_json`, `review_json`), as the
/// output: not scanned again.
pub(super) fn json_written(out: &mut String, written: Vec<u8>) -> Result<()> {
    put_json(out, String::from_utf8(written).map_err(cannot_write)?);
    Ok(())
}

/// A JSON document as the output: usually the whole of it, so taken as it is rather than
/// copied (8.8 MB for `list`).
fn put_json(out: &mut String, text: String) {
    if out.is_empty() {
        *out = text;
        out.push('\n');
    } else {
        say!(out, "{text}");
    }
}

fn ago(days: Option<i64>) -> String {
    crate::insight::span::short_ago(days)
}

/// `list --json`: the document is written out as it is made (see `list_json`).
pub fn list_json(desk: &Desk, args: &ListArgs) -> Result<super::Output> {
    let listing = listing(desk, args)?;
    Ok(super::Output::Json(Box::new(move |to| {
        super::list_json::stream_listing(&listing, to)
    })))
}

pub fn list(out: &mut String, desk: &Desk, args: &ListArgs) -> Result<()> {
    let rows = listing(desk, args)?;
    if rows.is_empty() {
        say!(out, "No one matches.");
        return Ok(());
    }
    say!(
        out,
        "{:<26} {:<9} {:>5} {:>7} {:>5}  {:<8} {:<15} COMPANY",
        "NAME",
        "STATUS",
        "LAYER",
        "WARMTH",
        "LAST",
        "DUE",
        "GIVE FIRST"
    );
    for (person, f) in rows.rows() {
        let due = match f.due {
            Due::No => "",
            Due::Due => "due",
            Due::Overdue => "overdue",
        };
        // A one-sided tie as what to do, never the favour count (`--json` has the numbers).
        let ledger = match f.one_sided {
            Some(crate::insight::OneSided::YouTake) => "thank them",
            Some(crate::insight::OneSided::TheyTake) => "ask them too",
            None => "",
        };
        say!(
            out,
            "{} {:<9} {:>5} {:>7.1} {:>5}  {:<8} {:<15} {}",
            crate::text::fit(person.name, 26),
            f.status.as_str(),
            f.layer.map(|l| l.to_string()).unwrap_or_default(),
            f.warmth,
            ago(f.days_since),
            due,
            ledger,
            crate::text::truncate(person.company.unwrap_or(""), 24),
        );
    }
    Ok(())
}

/// The listing the arguments ask for.
fn listing(desk: &Desk, args: &ListArgs) -> Result<crate::ops::Listing> {
    if let Some(layer) = args.layer.filter(|l| !desk.config.model.layers.contains(l)) {
        return Err(Error::invalid(format!(
            "bad layer {layer}: expected one of {:?}",
            desk.config.model.layers
        )));
    }
    let status = if args.active || args.layer.is_some() {
        Some(Status::Active)
    } else if args.dormant {
        Some(Status::Dormant)
    } else if args.on_call {
        Some(Status::OnCall)
    } else if args.paper {
        Some(Status::Paper)
    } else if args.archived {
        Some(Status::Archived)
    } else {
        None
    };
    let filter = ListFilter {
        status,
        due_only: args.due,
        one_sided_only: args.one_sided,
        layer: args.layer,
        search: args.search.clone(),
    };
    desk.list(&filter)
}

/// How many timeline entries `show` prints unless told (`--all`, `--limit N`).
pub const TIMELINE_SHOWN: usize = 20;

pub fn show(
    out: &mut String,
    desk: &Desk,
    name: &str,
    as_json: bool,
    shown: usize,
    ledger: bool,
) -> Result<()> {
    let profile = desk.profile(name)?;
    if as_json {
        return json(out, &profile);
    }
    let person = &profile.person;
    let data = &person.data;
    say!(out, "{} (#{})", person.name(), person.id);
    let work: Vec<&str> = [data.role.as_deref(), data.company.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !work.is_empty() {
        say!(out, "  {}", work.join(" at "));
    }
    for (label, value) in [
        ("location", data.location.clone()),
        (
            "emails",
            Some(data.emails.join(", ")).filter(|s| !s.is_empty()),
        ),
        (
            "phones",
            Some(data.phones.join(", ")).filter(|s| !s.is_empty()),
        ),
        (
            "chats",
            Some(data.handles.join(", ")).filter(|s| !s.is_empty()),
        ),
        ("tags", Some(data.tags.join(", ")).filter(|s| !s.is_empty())),
        ("birthday", data.birthday.map(|b| b.shown())),
        (
            "cadence",
            data.cadence_days.map(|d| format!("every {d} days")),
        ),
        ("connected", data.connected_on.map(|d| d.to_string())),
        (
            "source",
            (data.source != crate::model::Source::Manual).then(|| data.source.as_str().to_string()),
        ),
    ] {
        if let Some(value) = value {
            say!(out, "  {label:<10} {value}");
        }
    }
    let names = |list: &[crate::ops::Named]| {
        list.iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let links = &profile.connections;
    if let Some(introducer) = &links.introduced_by {
        say!(
            out,
            "  {:<10} {}",
            "introduced",
            format!("by {}", introducer.name)
        );
    }
    if !links.introduced.is_empty() {
        say!(
            out,
            "  {:<10} you to {}",
            "introduced",
            names(&links.introduced)
        );
    }
    if !links.knows.is_empty() {
        say!(out, "  {:<10} {}", "knows", names(&links.knows));
    }
    if let Some(note) = profile.bridge_note() {
        say!(out, "  {:<10} {note}", "bridge");
    }
    if !data.notes.is_empty() {
        say!(
            out,
            "  {:<10} {}",
            "notes",
            data.notes.replace('\n', "\n             ")
        );
    }
    say!(out);
    for line in &profile.why {
        say!(out, "  {line}");
    }
    if ledger {
        for line in crate::insight::ledger_lines(&profile.figures, &desk.config) {
            say!(out, "  {line}");
        }
        if profile.quarters.iter().any(|q| q.given + q.received > 0) {
            let row = |label: &str, cell: &dyn Fn(&crate::insight::QuarterLedger) -> String| {
                let cells: Vec<String> = profile.quarters.iter().map(cell).collect();
                format!("  {label:<14}{}", cells.join(""))
            };
            say!(out, "{}", row("", &|q| format!("{:>9}", q.quarter)));
            say!(out, "{}", row("you gave", &|q| format!("{:>9}", q.given)));
            say!(
                out,
                "{}",
                row("you received", &|q| format!("{:>9}", q.received))
            );
        }
    }
    if profile.warmth_by_month.iter().any(|w| *w > 0.0) {
        say!(out);
        say!(
            out,
            "  Warmth, 2 years  {}  now {:.1}",
            crate::insight::warmth::sparkline(&profile.warmth_by_month),
            profile.figures.warmth
        );
    }
    let interactions = &profile.interactions;
    if !interactions.is_empty() {
        say!(out);
        say!(out, "  Timeline ({}):", interactions.len());
        for interaction in interactions.iter().take(shown) {
            let others = profile.others_in(interaction);
            let with = if others.is_empty() {
                String::new()
            } else {
                format!(" (with {})", others.join(", "))
            };
            let note = if interaction.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", interaction.note)
            };
            // Captured entries say where they came from: the user did not type them.
            let from = interaction
                .capture
                .as_ref()
                .map(|c| format!(" · from {}", c.source.as_str()))
                .unwrap_or_default();
            say!(
                out,
                "  {}  {:<8} {:<7} {}{with}{note}{from}  [#{}]",
                interaction.day,
                interaction.direction.as_str(),
                interaction.kind.as_str(),
                interaction.size.value(),
                interaction.id,
            );
        }
        if interactions.len() > shown {
            say!(
                out,
                "  … and {} earlier (tiesdesk show \"{}\" --all)",
                interactions.len() - shown,
                person.name()
            );
        }
    }
    Ok(())
}

/// What `status` says where no one is yet: how to begin.
pub fn how_to_begin(out: &mut String) {
    say!(out, "No one here yet. Add someone you know:");
    say!(out, "  tiesdesk add \"Ana Lima\" --company \"Zephyr Labs\"");
    say!(
        out,
        "or explore a realistic demo network in a separate file first:"
    );
    say!(
        out,
        "  tiesdesk --db demo.db demo && tiesdesk --db demo.db status"
    );
}

pub fn status(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let report = desk.status_report()?;
    if as_json {
        return json(out, &report);
    }
    let s = &report.summary;
    if s.everyone == 0 && s.archived == 0 {
        how_to_begin(out);
        return Ok(());
    }
    let layers: Vec<String> = s
        .layers
        .iter()
        .map(|l| format!("{} {}/{}", l.layer, l.people, l.capacity))
        .collect();
    say!(
        out,
        "Active      {}/{}  ({})",
        s.active,
        s.dunbar,
        layers.join(" · ")
    );
    if s.over_capacity > 0 {
        say!(
            out,
            "            over capacity: {} people compete for {} places",
            s.competing,
            s.dunbar
        );
    }
    if s.learning {
        say!(
            out,
            "Due         learning your rhythm: the log covers {} of the {} days it takes",
            s.log_days.max(0),
            crate::insight::LEARNING_DAYS
        );
    } else {
        say!(out, "Due         {} due, {} overdue", s.due, s.overdue);
    }
    say!(
        out,
        "Dormant     {} ({} worth reconnecting)",
        s.dormant,
        s.long_dormant
    );
    if s.on_call > 0 {
        say!(
            out,
            "On call     {} (kept passively, never due, apart from the {})",
            s.on_call,
            s.dunbar
        );
    }
    say!(
        out,
        "Paper ties  {} ({:.0}% of everyone)",
        s.paper,
        s.paper_share * 100.0
    );
    say!(
        out,
        "One-sided   {} where you take, {} where they take",
        s.you_take,
        s.they_take
    );
    say!(
        out,
        "Review      {}{}",
        match report.days_since_review {
            None => "never done (tiesdesk review shows this week's)".to_string(),
            Some(0) => "done today".to_string(),
            Some(d) => crate::insight::span::ago(d),
        },
        match report.review_streak_weeks {
            0 => String::new(),
            1 => " · streak 1 week".to_string(),
            n => format!(" · streak {n} weeks"),
        }
    );
    Ok(())
}
