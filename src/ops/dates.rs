//! Yearly dates through the one door: a labelled date added to a person (a birthday goes to
//! the person's own field), removed, and every date coming up, birthdays included.

use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::model::yearly_date::date_label;
use crate::model::{Day, Person, PersonId, PersonPatch, YearlyDateId, YearlyDay};
use crate::store::Store;

/// How far ahead the dashboard and the review look for dates.
pub const DATES_AHEAD: i64 = 14;

/// A date that matters to someone, coming up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Upcoming {
    pub person: PersonId,
    pub name: String,
    /// The labelled date's id; none for a birthday.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<YearlyDateId>,
    pub label: String,
    pub day: Day,
    /// 0 today, 1 tomorrow.
    pub in_days: i64,
    /// How old they turn, or how many years it has been, when the year is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turns: Option<i32>,
}

impl Upcoming {
    /// "Ana Lima's birthday today (turns 41)" or "Bram de Vries: work anniversary on
    /// Friday (5 years)", with `when` said in its place.
    pub fn said(&self, when: &str) -> String {
        let (what, count) = self.parts();
        match self.id {
            None => format!("{}'s {what} {when}{count}", self.name),
            Some(_) => format!("{}: {what} {when}{count}", self.name),
        }
    }

    /// "Ana Lima's birthday (turns 41)", "Bram de Vries: met".
    pub fn what(&self) -> String {
        match self.id {
            None => format!("{}'s {}", self.name, self.occasion()),
            Some(_) => format!("{}: {}", self.name, self.occasion()),
        }
    }

    /// "birthday (turns 41)", "work anniversary (5 years)", "met".
    pub fn occasion(&self) -> String {
        let (what, count) = self.parts();
        format!("{what}{count}")
    }

    /// The label, and " (turns 41)" or " (5 years)" when the year is known.
    fn parts(&self) -> (&str, String) {
        let count = match (self.id, self.turns) {
            (None, Some(age)) => format!(" (turns {age})"),
            (Some(_), Some(years)) if years > 0 => {
                let s = if years == 1 { "" } else { "s" };
                format!(" ({years} year{s})")
            }
            _ => String::new(),
        };
        (&self.label, count)
    }
}

/// "today", "tomorrow", "on Friday" (within the week), or "on 12 Dec".
pub fn when(in_days: i64, day: Day) -> String {
    match in_days {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        2..=6 => day.format("on %A").to_string(),
        _ => day.format("on %-d %b").to_string(),
    }
}

impl Desk {
    /// Adds a yearly date labelled `label` to `person`; "birthday" sets their birthday.
    pub fn add_date(&mut self, person: &Person, label: &str, on: YearlyDay) -> Result<String> {
        let label = date_label(label)?;
        if label.eq_ignore_ascii_case("birthday") {
            let patch = PersonPatch {
                birthday: Some(Some(on)),
                ..PersonPatch::default()
            };
            self.edit(person, &patch)?;
            return Ok(format!("{}'s birthday is {}", person.name(), on.shown()));
        }
        let sentence = format!("{}: {label} on {}", person.name(), on.shown());
        let date = self.store.add_date(person.id, &label, on, &sentence)?;
        Ok(format!("{sentence}, date #{}", date.id))
    }

    /// Removes labelled date `id`.
    pub fn remove_date(&mut self, id: YearlyDateId) -> Result<String> {
        let removed = self.store.remove_date(id, |date| {
            format!("Removed date #{}: {}", date.id, date.label)
        })?;
        Ok(format!(
            "Removed {}'s {} ({}).",
            self.person_name(removed.person)?,
            removed.label,
            removed.on
        ))
    }

    /// Every birthday and labelled date of people who are not archived that comes within
    /// `days` (0: today only), soonest first.
    pub fn upcoming(&self, days: i64) -> Result<Vec<Upcoming>> {
        upcoming_in(&self.store, self.today, days)
    }
}

/// The dates in `store` coming within `days` of `today`, soonest first.
pub(super) fn upcoming_in(store: &Store, today: Day, days: i64) -> Result<Vec<Upcoming>> {
    let mut upcoming: Vec<Upcoming> = store
        .yearly_days()?
        .into_iter()
        .filter_map(|d| {
            let day = d.on.next_on_or_after(today)?;
            let in_days = (day - today).num_days();
            (in_days <= days).then(|| Upcoming {
                person: d.person,
                name: d.name,
                id: d.date,
                label: d.label,
                day,
                in_days,
                turns: d.on.age_on(day),
            })
        })
        .collect();
    upcoming.sort_by(|a, b| {
        (a.day, &a.name, a.id.is_some(), a.id).cmp(&(b.day, &b.name, b.id.is_some(), b.id))
    });
    Ok(upcoming)
}
