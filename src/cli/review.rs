//! `review` (this week's agenda) and `snooze`.

use clap::Args;

use super::print::{cannot_write, json_written};
use super::review_json::{self, Named, NamedItem, NamedSection};
use crate::error::Result;
use crate::insight::review::{Step, Subject};
use crate::model::parse_future_date;
use crate::ops::Desk;

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    #[arg(add = super::complete::person())]
    pub name: String,
    /// Until when: a later YYYY-MM-DD, or +3d, +2w, +1m.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: String,
    /// Print who is snoozed until when as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn snooze(out: &mut String, desk: &mut Desk, args: SnoozeArgs) -> Result<()> {
    let until = parse_future_date(&args.until, desk.today)?;
    let person = desk.resolve(&args.name)?;
    let sentence = desk.snooze(&person, until)?;
    if args.json {
        let said = serde_json::json!({
            "person": person.id,
            "name": person.name(),
            "until": until,
            "said": sentence,
        });
        return super::print::json(out, &said);
    }
    say!(
        out,
        "{sentence}: out of reviews until then. (tiesdesk undo reverts it)"
    );
    Ok(())
}

/// How many of a step's items the text lists; the rest are counted, with where to see them.
const ITEMS_SHOWN: usize = 3;

/// The command that lists everything a step could hold.
fn lists_all(step: Step) -> &'static str {
    match step {
        Step::Promises => "tiesdesk promises; tiesdesk dates",
        Step::Thanks => "tiesdesk thanks",
        Step::CouldHelp => "tiesdesk introductions; tiesdesk needs",
        Step::ThisWeek => "tiesdesk review --json",
        Step::YouTake | Step::StartedByTaking => "tiesdesk list --one-sided",
        Step::Due => "tiesdesk list --due",
        Step::Reconnect => "tiesdesk list --dormant (a few a week is enough)",
        Step::Together => "tiesdesk together",
        Step::PaperTies => "tiesdesk list --paper (or A in the app's review)",
    }
}

pub fn review(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let (agenda, names) = desk.named_agenda()?;
    let streak = desk.streak()?;
    let name = |id: i64| -> std::borrow::Cow<'_, str> {
        match names.find(id) {
            Some(person) => person.name.into(),
            None => format!("#{id}").into(),
        }
    };
    if as_json {
        // Each item carries the person's name, so a script needs no second lookup.
        let sections: Vec<NamedSection> = agenda
            .sections
            .iter()
            .map(|section| NamedSection {
                step: section.step,
                items: section
                    .items
                    .iter()
                    .map(|item| NamedItem {
                        name: name(item.person),
                        person: item.person,
                        detail: &item.detail,
                        days_since: item.days_since,
                        layer: item.layer,
                        given: item.given,
                        received: item.received,
                        subject: item.subject,
                    })
                    .collect(),
                more: section.more,
            })
            .collect();
        let written = review_json::write(&Named {
            today: Some(desk.today),
            streak_weeks: streak,
            week: &agenda.week,
            year: agenda.year,
            sections,
        })
        .map_err(cannot_write)?;
        return json_written(out, written);
    }
    let streak = match streak {
        0 => "no streak yet".to_string(),
        1 => "streak: 1 week".to_string(),
        n => format!("streak: {n} weeks in a row"),
    };
    say!(out, "Weekly review · {} · {streak}", desk.today);
    for (number, section) in agenda.sections.iter().enumerate() {
        say!(out);
        if section.items.is_empty() && section.step != Step::ThisWeek {
            // An empty step is one line: the text goes by e-mail from cron, read at a glance.
            say!(
                out,
                "{}. {}: nothing this week",
                number + 1,
                section.step.title()
            );
            continue;
        }
        // The title alone: the steps' prompts are the app's (press w); a mail from cron is
        // read for who is on it.
        say!(out, "{}. {}", number + 1, section.step.title());
        if section.step == Step::ThisWeek {
            let w = &agenda.week;
            say!(
                out,
                "   gave {}, received {}, met {}",
                w.gave,
                w.received,
                w.met
            );
            if let Some(year) = &agenda.year {
                say!(out, "   {}", year.line());
            }
        }
        for item in section.items.iter().take(ITEMS_SHOWN) {
            // The command that acts on it, with its number.
            let act = match item.subject {
                Some(Subject::Promise(id)) => format!("  (tiesdesk kept {id})"),
                Some(Subject::Need(id)) => format!("  (tiesdesk helpers {id})"),
                Some(Subject::Thanks(id)) => format!("  (tiesdesk thanked {id})"),
                Some(Subject::Introduction(id)) => {
                    format!("  (tiesdesk introduced {id} --made|--met|--dropped)")
                }
                Some(Subject::Knows(a, b)) => {
                    format!("  (tiesdesk link #{a} knows #{b}, or dismiss)")
                }
                _ => String::new(),
            };
            say!(out, "   {:<26} {}{act}", name(item.person), item.detail);
        }
        // A long step says how many more and the command that lists them (`--json` keeps
        // every one): a week of 727 new paper ties is one line, not 727.
        let more = section.items.len().saturating_sub(ITEMS_SHOWN) + section.more;
        if more > 0 {
            say!(out, "   … and {more} more: {}", lists_all(section.step));
        }
    }
    say!(out);
    say!(
        out,
        "Walk through it and act on each item in the app: press w."
    );
    Ok(())
}
