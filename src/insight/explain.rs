//! Plain-language reasons for a person's place: which rule, which numbers.

use super::{Due, DueReason, Figures, OneSided, Status, Summary};
use crate::config::Config;

fn days(n: i64) -> String {
    super::span::ago(n)
}

fn first_name(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

/// What is open with someone, in words, for a one-sided tie's invitation: their open need,
/// your open promise to them, a date of theirs coming up ("birthday on Friday").
#[derive(Debug, Clone, Copy, Default)]
pub struct Open<'a> {
    /// A favour of theirs you have not thanked for yet (what it was).
    pub thanks: Option<&'a str>,
    pub need: Option<&'a str>,
    /// A need of theirs one of your offers fits, and that offer: (need, offer).
    pub offer: Option<(&'a str, &'a str)>,
    pub promise: Option<&'a str>,
    pub date: Option<&'a str>,
}

impl Open<'_> {
    /// The concrete thing to do for them, the most useful first: the favour to thank them
    /// for, what they need (with your offer that fits it), what you promised, the date coming
    /// up.
    pub fn act(&self) -> Option<String> {
        if let Some(favour) = self.thanks {
            return Some(format!("for {favour}"));
        }
        if let Some((need, offer)) = self.offer {
            return Some(format!("looking for {need}: offer {offer}"));
        }
        if let Some(need) = self.need {
            return Some(format!("looking for {need}"));
        }
        if let Some(promise) = self.promise {
            return Some(format!("you promised: {promise}"));
        }
        self.date.map(str::to_string)
    }
}

/// A one-sided tie as an invitation, never a score: a headline that names the act, and the
/// concrete thing. Someone who has helped you a lot is thanked first, then given what they
/// need; someone you have helped a lot can be asked (people say yes more often than askers
/// think: Flynn & Lake 2008). (headline, detail)
pub fn invitation(name: &str, one_sided: OneSided, open: &Open) -> (String, String) {
    let first = first_name(name);
    match one_sided {
        // The detail sits under the headline in a narrow panel: short, the name said once.
        OneSided::YouTake => (
            format!("Thank {name}"),
            open.act()
                .unwrap_or_else(|| "helped you a lot lately".to_string()),
        ),
        OneSided::TheyTake => (
            format!("Ask {first} for something"),
            open.date.map_or_else(
                || "you've helped them a lot lately".to_string(),
                str::to_string,
            ),
        ),
    }
}

/// The person page's sentence for a one-sided tie: the invitation, in one line.
pub fn one_sided_message(name: &str, one_sided: OneSided, open: &Open) -> String {
    let first = first_name(name);
    match one_sided {
        OneSided::YouTake => match (open.thanks, open.act()) {
            (Some(favour), _) => {
                format!("{first} has helped you a lot lately: thank them for {favour}.")
            }
            (None, Some(act)) => format!("{first} has helped you a lot lately: thank them; {act}."),
            (None, None) => format!("{first} has helped you a lot lately: thank them."),
        },
        OneSided::TheyTake => format!(
            "You've helped {first} a lot lately. Ask them for something too: advice, an \
             introduction; most people like to help back."
        ),
    }
}

/// The favour ledger in numbers, for when the user asks (`show --ledger`, a key on the
/// person page): how many favours, and their sizes each way.
pub fn ledger_lines(fig: &Figures, config: &Config) -> Vec<String> {
    let ledger = &fig.ledger;
    if ledger.favours == 0 {
        return vec![format!(
            "No favours either way in the last {} months.",
            (f64::from(config.ledger.window_days) / 30.44).round()
        )];
    }
    vec![format!(
        "Favours in the last {} months: {}; weighed by size, you gave {} and received {}.",
        (f64::from(config.ledger.window_days) / 30.44).round(),
        ledger.favours,
        ledger.given,
        ledger.received,
    )]
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
    open: &Open,
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
        Status::OnCall => lines.push(match fig.days_since {
            Some(since) => format!(
                "On call: kept passively, never due and not among your ~150; last contact {}. \
                 The review suggests a light touch once a year.",
                days(since)
            ),
            None => "On call: kept passively, never due and not among your ~150. The review \
                     suggests a light touch once a year."
                .into(),
        }),
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
            if summary.learning {
                lines.push(format!(
                    "Last contact {}. Learning your rhythm: the log covers {} of the {} days \
                     it takes to say who is due, and layers are a first guess.",
                    days(since),
                    summary.log_days.max(0),
                    super::evaluate::LEARNING_DAYS
                ));
            } else {
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
    // The ledger's numbers stay out of the reasons (`ledger_lines` has them, on request):
    // a one-sided tie reads as what to do.
    if let Some(one_sided) = fig.one_sided {
        lines.push(one_sided_message(name, one_sided, open));
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
