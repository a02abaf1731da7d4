//! `review` (this week's agenda) and `snooze`.

use clap::Args;
use serde::Serialize;

use super::print::json_sized;
use crate::error::Result;
use crate::insight::review::Step;
use crate::model::parse_future_date;
use crate::ops::Desk;

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// The person (exact name, a unique prefix, a fuzzy match, or #id).
    pub name: String,
    /// Until when: a later YYYY-MM-DD, or +3d, +2w, +1m.
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub until: String,
}

pub fn snooze(out: &mut String, desk: &mut Desk, args: SnoozeArgs) -> Result<()> {
    let until = parse_future_date(&args.until, desk.today)?;
    let person = desk.resolve(&args.name)?;
    let sentence = desk.snooze(&person, until)?;
    say!(
        out,
        "{sentence}: out of reviews until then. (tiesdesk undo reverts it)"
    );
    Ok(())
}

pub fn review(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let (agenda, people) = desk.named_agenda()?;
    let streak = desk.streak()?;
    let name = |id: i64| -> std::borrow::Cow<'_, str> {
        match people.binary_search_by_key(&id, |p| p.id) {
            Ok(i) => people[i].name.as_str().into(),
            Err(_) => format!("#{id}").into(),
        }
    };
    if as_json {
        // The item's own fields after the name, written out rather than `flatten`ed:
        // serde's flatten goes through a map, a third of the document's time.
        #[derive(Serialize)]
        struct NamedItem<'a> {
            name: std::borrow::Cow<'a, str>,
            person: i64,
            detail: &'a str,
            days_since: Option<i64>,
            layer: Option<usize>,
            given: u32,
            received: u32,
        }
        #[derive(Serialize)]
        struct NamedSection<'a> {
            step: crate::insight::review::Step,
            items: Vec<NamedItem<'a>>,
            more: usize,
        }
        #[derive(Serialize)]
        struct Named<'a> {
            today: Option<crate::model::Day>,
            streak_weeks: usize,
            week: &'a crate::insight::review::Week,
            sections: Vec<NamedSection<'a>>,
        }
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
                    })
                    .collect(),
                more: section.more,
            })
            .collect();
        // An item is about 250 bytes written out.
        let items: usize = sections.iter().map(|s| s.items.len()).sum();
        return json_sized(
            out,
            &Named {
                today: Some(desk.today),
                streak_weeks: streak,
                week: &agenda.week,
                sections,
            },
            1024 + items * 250,
        );
    }
    let streak = match streak {
        0 => "no streak yet".to_string(),
        1 => "streak: 1 week".to_string(),
        n => format!("streak: {n} weeks in a row"),
    };
    say!(out, "Weekly review · {} · {streak}", desk.today);
    for (number, section) in agenda.sections.iter().enumerate() {
        say!(out);
        say!(out, "{}. {}", number + 1, section.step.title());
        say!(out, "   {}", section.step.prompt());
        if section.step == Step::ThisWeek {
            let w = &agenda.week;
            say!(
                out,
                "   gave {}, received {}, met {}",
                w.gave,
                w.received,
                w.met
            );
        }
        if section.items.is_empty() {
            say!(out, "   (nothing this week)");
        }
        for item in &section.items {
            say!(out, "   {:<26} {}", name(item.person), item.detail);
        }
        if section.more > 0 {
            say!(
                out,
                "   ({} more quiet ties qualify; a few a week is enough. All of them: \
                 tiesdesk list --dormant)",
                section.more
            );
        }
    }
    say!(out);
    say!(
        out,
        "Walk through it and act on each item in the app: press w."
    );
    Ok(())
}
