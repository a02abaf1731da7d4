//! Plain-language reasons for a person's place: which rule, which numbers.

use super::{Due, DueReason, Figures, OneSided, Status, Summary};
use crate::config::Config;

fn days(n: i64) -> String {
    super::span::ago(n)
}

fn first_name(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

/// The kind, private wording of a one-sided flag.
pub fn one_sided_message(name: &str, one_sided: OneSided) -> String {
    let first = first_name(name);
    match one_sided {
        OneSided::YouTake => format!("You've leaned on {first} lately — a small favour back?"),
        OneSided::TheyTake => {
            format!("You've given {first} a lot lately. Fine if you mean to; keep an eye on it.")
        }
    }
}

/// Whose rhythm makes someone due, in words: "your 15 layer is due every 33 days", "your own
/// rhythm with them is every 8 days: 1.5 × your usual gap of 5 days". The page's reasons and
/// the review's say it the same way; `short` is for a line of the review ("your 15 layer:
/// every 33 days", "with them, usually every 8 days").
pub fn rhythm_words(fig: &Figures, short: bool) -> String {
    let every = |days: u32| super::span::long(i64::from(days));
    let after = fig.due_after_days.unwrap_or(0);
    match (fig.due_reason, short) {
        (
            Some(DueReason::Layer {
                layer,
                cadence_days,
            }),
            false,
        ) => {
            format!("your {layer} layer is due every {}", every(cadence_days))
        }
        (
            Some(DueReason::Layer {
                layer,
                cadence_days,
            }),
            true,
        ) => {
            format!("your {layer} layer: every {}", every(cadence_days))
        }
        (Some(DueReason::OwnRhythm { median_gap, factor }), false) => format!(
            "your own rhythm with them is every {}: {factor} × your usual gap of {median_gap:.0} days",
            every(after)
        ),
        (Some(DueReason::OwnRhythm { .. }), true) => {
            format!("with them, usually every {}", every(after))
        }
        (Some(DueReason::Override { cadence_days }), false) => {
            format!("you asked for every {}", every(cadence_days))
        }
        (Some(DueReason::Override { cadence_days }), true) => {
            format!("you asked: every {}", every(cadence_days))
        }
        (None, false) => format!("expected every {}", every(after)),
        (None, true) => format!("every {}", every(after)),
    }
}

/// Lines explaining why a person is where they are, most important first.
pub fn explain(
    name: &str,
    family: bool,
    fig: &Figures,
    summary: &Summary,
    config: &Config,
) -> Vec<String> {
    let mut lines = Vec::new();
    let window = config.model.active_window_days;
    match fig.status {
        Status::Archived => lines.push("Archived: left out of every list but search.".into()),
        Status::Paper => lines.push(
            "Paper tie: imported, no interaction logged yet. Log one to bring them into your network."
                .into(),
        ),
        Status::New => lines.push(
            "New: added by you, nothing logged yet. Log the first contact to start their warmth."
                .into(),
        ),
        Status::Active => {
            lines.push(format!(
                "Active: rank {} of {} by warmth ({:.1}), in your {} layer.",
                fig.rank.unwrap_or(0),
                summary.active,
                fig.warmth,
                fig.layer.unwrap_or(0)
            ));
            let since = fig.days_since.unwrap_or(0);
            let after = fig.due_after_days.unwrap_or(0);
            let expectation = rhythm_words(fig, false);
            lines.push(match fig.due {
                Due::Overdue => format!("Overdue: last contact {}; {expectation}.", days(since)),
                Due::Due => format!("Due: last contact {}; {expectation}.", days(since)),
                Due::No => format!(
                    "Last contact {}; due in {} ({expectation}).",
                    days(since),
                    super::span::long(i64::from(after) - since)
                ),
            });
        }
        Status::Dormant => {
            let since = fig.days_since.unwrap_or(0);
            if fig.over_capacity {
                lines.push(format!(
                    "Dormant: last contact {}, but {} people compete for {} places and they rank {}.",
                    days(since),
                    summary.competing,
                    summary.dunbar,
                    fig.rank.unwrap_or(0)
                ));
            } else {
                lines.push(format!(
                    "Dormant: last contact {}, more than {window} days.",
                    days(since)
                ));
            }
            if fig.long_dormant {
                lines.push(
                    "Worth reconnecting: dormant ties often help as much as current ones, and a \
                     short note is enough."
                        .into(),
                );
            }
        }
    }
    let ledger = &fig.ledger;
    if ledger.favours > 0 {
        lines.push(format!(
            "Favours in the last {} months: {} (weighed by size: {}).",
            (f64::from(config.ledger.window_days) / 30.44).round(),
            ledger.favours,
            ledger.words(),
        ));
    }
    if let Some(one_sided) = fig.one_sided {
        lines.push(one_sided_message(name, one_sided));
    }
    if let Some(initiative) = fig.initiative
        && initiative.of >= 3
    {
        lines.push(format!(
            "You started {} of the last {} contacts that went one way.",
            initiative.started, initiative.of
        ));
    }
    if fig.started_by_taking && fig.status != Status::Archived {
        lines.push(format!(
            "Started by taking: the first favour was {}'s. Giving something first helps.",
            first_name(name)
        ));
    }
    if family {
        lines.push("Family: warmth fades half as fast, and the ledger never flags.".into());
    }
    lines
}
