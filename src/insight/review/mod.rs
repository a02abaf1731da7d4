//! The weekly review's agenda: a pure function of the network, the people, the week's
//! contacts, snoozes and past reviews. Nothing here reads the clock.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use super::circles::Reconnect;
use super::{Contact, Due, Figures, Histories, Network, OneSided, Status};
use crate::model::{Direction, NeedId, PersonId, Promise, PromiseId, YearlyDateId};

pub use give::{DateSoon, IntroductionDue, NeedHelp, ThanksDue, TogetherDue};
use give::{could_help, promises_and_dates, thanks};
pub use reconnect::RECONNECT_PER_WEEK;
use reconnect::reconnect_section;
pub use step::Step;
pub use year::{YearOfFavours, year_of_favours};

/// A reconnect candidate shown this many reviews ago may come back.
const RECONNECT_ROTATION: usize = 4;
/// Someone on call is offered a light touch when this long has passed since the last.
const ON_CALL_TOUCH_DAYS: i64 = 365;
/// "New ties": first contact within this many days.
const NEW_TIE_DAYS: i64 = 90;
/// Paper ties from imports of this many days are offered for keeping or archiving.
const RECENT_IMPORT_DAYS: i64 = 30;

/// People who came from an import, each with the day (days since 1970-01-01) they were
/// added, kept in id order: the review looks up tens of thousands of them, in id order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imports(Vec<(PersonId, i64)>);

impl Imports {
    /// The day `person` was added, if they came from an import.
    pub fn added_on(&self, person: PersonId) -> Option<i64> {
        let at = self.0.binary_search_by_key(&person, |&(id, _)| id).ok()?;
        self.0.get(at).map(|&(_, day)| day)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<(PersonId, i64)> for Imports {
    /// In any order (read in id order, the sort finds it sorted); a person given twice
    /// keeps their first day.
    fn from_iter<I: IntoIterator<Item = (PersonId, i64)>>(people: I) -> Imports {
        let mut days: Vec<(PersonId, i64)> = people.into_iter().collect();
        days.sort_by_key(|&(id, _)| id);
        days.dedup_by_key(|&mut (id, _)| id);
        Imports(days)
    }
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub person: PersonId,
    /// Why they are here, in numbers ("received 7, gave 1", "41 days, layer 15 expects 30").
    /// Shared: twenty thousand paper ties from one import have the same few sentences.
    pub detail: Arc<str>,
    /// The same facts as fields, for a script: days since the last contact, the layer (5,
    /// 15, 50, 150 or none), favours given and received in the ledger's window.
    pub days_since: Option<i64>,
    pub layer: Option<usize>,
    pub given: u32,
    pub received: u32,
    /// What the item is about besides the person: a promise, a need or a date.
    pub subject: Option<Subject>,
}

/// What a review item is about, when it is more than the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Subject {
    Promise(PromiseId),
    /// A favour received, not thanked for yet (an interaction).
    Thanks(crate::model::InteractionId),
    Need(NeedId),
    /// An introduction under way, waiting for news.
    Introduction(crate::model::IntroductionId),
    /// Whether these two people (the item's person first) know each other: seen together.
    Knows(PersonId, PersonId),
    /// A birthday (no id) or a labelled yearly date.
    Date(Option<YearlyDateId>),
}

impl Item {
    fn of(f: &Figures, detail: Arc<str>) -> Item {
        Item {
            person: f.id,
            detail,
            days_since: f.days_since,
            layer: f.layer,
            given: f.ledger.given,
            received: f.ledger.received,
            subject: None,
        }
    }

    fn about(f: &Figures, detail: String, subject: Subject) -> Item {
        Item {
            subject: Some(subject),
            ..Item::of(f, detail.into())
        }
    }
}

/// One step of the review with everyone it selects. Only the reconnect step holds a few on
/// purpose; `more` says how many others qualified.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub step: Step,
    pub items: Vec<Item>,
    pub more: usize,
}

/// Who was logged this week, by direction.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Week {
    pub gave: usize,
    pub received: usize,
    pub met: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Agenda {
    pub week: Week,
    /// Around the turn of the year, the year's favours over everyone.
    pub year: Option<YearOfFavours>,
    pub sections: Vec<Section>,
}

impl Agenda {
    pub fn items(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn section(&self, step: Step) -> Option<&Section> {
        self.sections.iter().find(|s| s.step == step)
    }
}

/// Everything the agenda is made from.
pub struct ReviewInput<'a> {
    pub network: &'a Network,
    pub histories: &'a Histories,
    /// People who came from an import, with when they were added.
    pub imported: &'a Imports,
    /// Snoozed people and the day (exclusive) until which they stay out.
    pub snoozed: &'a HashMap<PersonId, i64>,
    /// The reconnect candidates shown in earlier reviews, newest review first.
    pub past_reconnects: &'a [Vec<PersonId>],
    /// Paper ties kept as they are in an earlier review: never offered again.
    pub kept_paper: &'a HashSet<PersonId>,
    /// Reconnect scores in the network's order (`circles::reconnect_scores`); empty: rank
    /// by past warmth alone.
    pub reconnect: &'a [Option<Reconnect>],
    /// Open promises to people who are not archived.
    pub promises: &'a [Promise],
    /// Dates coming up (within two weeks), soonest first.
    pub dates: &'a [DateSoon],
    /// Open needs of people who are not archived.
    pub needs: &'a [NeedHelp],
    /// Favours received a few days ago and more, not thanked for yet, oldest first.
    pub thanks: &'a [ThanksDue],
    /// Introductions under way (asked, or made), in the order asked.
    pub introductions: &'a [IntroductionDue],
    /// People seen together, not linked yet, most often together first.
    pub together: &'a [TogetherDue],
}

pub fn agenda(input: &ReviewInput) -> Agenda {
    let today = input.network.today;
    let figures = &input.network.figures;
    let awake = |f: &Figures| {
        f.status != Status::Archived && input.snoozed.get(&f.id).is_none_or(|&until| until <= today)
    };
    let mut sections = Vec::with_capacity(Step::ALL.len());
    let figures_of = |id: PersonId| {
        figures
            .binary_search_by_key(&id, |f| f.id)
            .ok()
            .map(|at| &figures[at])
    };
    sections.push(promises_and_dates(input, &figures_of));
    sections.push(thanks(input, &figures_of));
    sections.push(could_help(input, &figures_of));

    // This week.
    let mut week = Week::default();
    let mut this_week = Vec::new();
    for (index, person) in input.histories.people.iter().enumerate() {
        // Contacts are in day order: the week is the tail (before any logged for a later
        // day), found from the end, not filtered out of everyone's whole history. Most
        // people's last contact is older: one look each.
        let contacts = input.histories.contacts_of(index);
        let on_or_before = |day: i64| move |c: &Contact| i64::from(c.day) <= day;
        let end = contacts
            .iter()
            .rposition(on_or_before(today))
            .map_or(0, |at| at + 1);
        let before_end = contacts.get(..end).unwrap_or(&[]);
        let start = before_end
            .iter()
            .rposition(on_or_before(today - 7))
            .map_or(0, |at| at + 1);
        let recent = before_end.get(start..).unwrap_or(&[]);
        if recent.is_empty() || person.archived {
            continue;
        }
        let mut words = Vec::new();
        for contact in recent {
            match contact.direction {
                Direction::Gave => week.gave += 1,
                Direction::Received => week.received += 1,
                Direction::Mutual => week.met += 1,
            }
            words.push(format!(
                "{} {}",
                contact.direction.as_str(),
                contact.kind.as_str()
            ));
        }
        if let Ok(at) = figures.binary_search_by_key(&person.id, |f| f.id) {
            this_week.push(Item::of(&figures[at], words.join(", ").into()));
        }
    }
    sections.push(Section {
        step: Step::ThisWeek,
        items: this_week,
        more: 0,
    });

    // Who each later step selects, from one pass over everyone: thirty thousand figures
    // read once, not once a step.
    let recently_shown: HashSet<PersonId> = input
        .past_reconnects
        .iter()
        .take(RECONNECT_ROTATION)
        .flatten()
        .copied()
        .collect();
    let (mut you_take, mut started, mut due) = (Vec::new(), Vec::new(), Vec::new());
    let (mut reconnect, mut paper) = (Vec::new(), Vec::new());
    // People on call, a year or more since the last touch: one light touch a year.
    let mut on_call = Vec::new();
    for (at, f) in figures.iter().enumerate() {
        if !awake(f) {
            continue;
        }
        if f.one_sided == Some(OneSided::YouTake) {
            you_take.push(f);
        }
        if f.started_by_taking
            && f.one_sided.is_none()
            && f.first_contact.is_some_and(|d| today - d <= NEW_TIE_DAYS)
        {
            started.push(f);
        }
        if f.due != Due::No {
            due.push(f);
        }
        if f.status == Status::OnCall && f.days_since.is_none_or(|d| d >= ON_CALL_TOUCH_DAYS) {
            on_call.push(f);
        }
        if f.long_dormant && !recently_shown.contains(&f.id) {
            // Scored by position (figures and scores are in the same order).
            let score = input.reconnect.get(at).and_then(Option::as_ref);
            reconnect.push((score.map_or(0.0, |r| r.score), at));
        }
        if f.status == Status::Paper
            && !input.kept_paper.contains(&f.id)
            && let Some(added_on) = input.imported.added_on(f.id)
        {
            // Added after `today` (when evaluating an earlier day) counts as added today.
            let age = (today - added_on).max(0);
            if age <= RECENT_IMPORT_DAYS {
                paper.push((f, age));
            }
        }
    }

    // Where you take: the most lopsided first, each with the thing to do (thank them; their
    // need, your promise, their date), never the numbers (the JSON has those).
    you_take.sort_by_key(|f| (f.ledger.balance(), f.id));
    sections.push(section(Step::YouTake, you_take, |f| {
        let date = (input.dates.iter())
            .find(|d| d.person == f.id)
            .map(|d| format!("{} {}", d.what, d.when));
        let open = crate::insight::Open {
            thanks: (input.thanks.iter())
                .find(|t| t.person == f.id)
                .map(|t| t.what.as_str()),
            need: (input.needs.iter())
                .find(|n| n.need.person == f.id)
                .map(|n| n.need.text.as_str()),
            offer: (input.needs.iter())
                .filter(|n| n.need.person == f.id)
                .find_map(|n| Some((n.need.text.as_str(), n.offer.as_deref()?))),
            promise: (input.promises.iter())
                .find(|p| p.person == f.id)
                .map(|p| p.text.as_str()),
            date: date.as_deref(),
        };
        match (open.thanks, open.act()) {
            (Some(favour), _) => format!("thank them for {favour}"),
            (None, Some(act)) => format!("thank them; {act}"),
            (None, None) => "thank them: they have helped you a lot lately".to_string(),
        }
    }));

    // New ties that started with taking.
    sections.push(section(Step::StartedByTaking, started, |f| {
        format!(
            "first met {} days ago; their favour came first",
            today - f.first_contact.unwrap_or(today)
        )
    }));

    // Due and overdue: closest layers first, then the longest gap.
    due.sort_by_key(|f| {
        (
            f.layer_index,
            std::cmp::Reverse(f.due),
            std::cmp::Reverse(f.days_since),
            f.id,
        )
    });
    let mut due_section = section(Step::Due, due, |f| {
        let word = if f.due == Due::Overdue {
            "overdue"
        } else {
            "due"
        };
        format!(
            "{word} after {}; {}",
            crate::insight::span::long(f.days_since.unwrap_or(0)),
            crate::insight::explain::rhythm_words(f, true)
        )
    });
    // After the due: those on call, quietest first, a light touch each.
    on_call.sort_by_key(|f| (f.last_contact, f.id));
    due_section.items.extend(on_call.into_iter().map(|f| {
        let detail = match f.days_since {
            Some(days) => format!(
                "on call: a light touch once a year (last contact {})",
                crate::insight::span::ago(days)
            ),
            None => "on call: a light touch once a year (no contact yet)".to_string(),
        };
        Item::of(f, detail.into())
    }));
    sections.push(due_section);

    sections.push(reconnect_section(input, reconnect));
    sections.push(give::together(input, &figures_of));

    // Paper ties from recent imports, newest first.
    paper.sort_by_key(|(f, age)| (*age, f.id));
    // Thousands of paper ties share a month of ages: each sentence is written once.
    let sentence = |age: i64| -> Arc<str> {
        format!(
            "imported {}, no contact yet",
            crate::insight::span::ago(age)
        )
        .into()
    };
    let sentences: Vec<Arc<str>> = (0..=RECENT_IMPORT_DAYS).map(sentence).collect();
    sections.push(Section {
        step: Step::PaperTies,
        items: paper
            .into_iter()
            .map(|(f, age)| {
                let written = usize::try_from(age).ok().and_then(|at| sentences.get(at));
                Item::of(f, written.cloned().unwrap_or_else(|| sentence(age)))
            })
            .collect(),
        more: 0,
    });

    Agenda {
        week,
        year: year_of_favours(input.histories, today),
        sections,
    }
}

fn section(step: Step, people: Vec<&Figures>, detail: impl Fn(&Figures) -> String) -> Section {
    Section {
        step,
        items: people
            .into_iter()
            .map(|f| Item::of(f, detail(f).into()))
            .collect(),
        more: 0,
    }
}

/// Monday-based week number of a day (1970-01-01 was a Thursday).
pub fn week_of(day: i64) -> i64 {
    (day + 3).div_euclid(7)
}

/// Weeks in a row with a review, ending this week (or last week, if this week's is not done
/// yet). Weeks run Monday to Sunday, across year ends like any other.
pub fn streak(review_days: &[i64], today: i64) -> usize {
    let weeks: HashSet<i64> = review_days.iter().map(|&d| week_of(d)).collect();
    let mut week = week_of(today);
    if !weeks.contains(&week) {
        week -= 1;
    }
    let mut streak = 0;
    while weeks.contains(&week) {
        streak += 1;
        week -= 1;
    }
    streak
}

mod give;
mod reconnect;
mod step;
mod year;

#[cfg(test)]
mod tests;
